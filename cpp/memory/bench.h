// Timing loops for benchmarks/bench_memory.py, run in C++ so Python's call overhead does not
// hide nanosecond operations. Each returns nanoseconds per operation (best of `repeats`).
#pragma once
#include <cstddef>

namespace hc::memory::bench {

double block_create(size_t bytes, int iters, bool pin, bool touch);  // open (+ touch) + destroy
double tape_take(size_t bytes, int iters);      // one take of `bytes` (cleared every 1024)
double tape_clear(int iters);                   // one clear
double grid_take_give(size_t cell, int iters);  // one take + one give
double grid_take_give_threads(size_t cell, int iters, int threads);
double alloc_reuse(size_t bytes, int iters, bool touch);    // caching allocator: allocate+free
double shared_reuse(size_t bytes, int iters, bool touch);   // shared pool: allocate+free
double malloc_fresh(size_t bytes, int iters, bool touch);   // malloc + (touch) + free
double mmap_fresh(size_t bytes, int iters, bool touch);      // anonymous mmap + touch + munmap
double tape_take_threads(size_t bytes, int iters, int threads);

}  // namespace hc::memory::bench
