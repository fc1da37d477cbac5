#include "memory/bench.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include <sys/mman.h>

#include "memory/allocator.h"
#include "memory/block.h"
#include "memory/tape.h"

namespace hc::memory::bench {
namespace {

using Clock = std::chrono::steady_clock;
double ns_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
}
// Writes one byte per page, the way a fresh output is first touched.
void touch(void* p, size_t n) {
  volatile char* c = static_cast<char*>(p);
  for (size_t i = 0; i < n; i += 4096) c[i] = 1;
}
template <class F> double best(int repeats, F&& f) {
  double b = 1e300;
  for (int r = 0; r < repeats; ++r) b = std::min(b, f());
  return b;
}
void sink(void* p) { asm volatile("" : : "r"(p) : "memory"); }

}  // namespace

double block_create(size_t bytes, int iters, bool pin, bool tch) {
  return best(3, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      auto b = Block::open(bytes, pin);
      if (tch) touch(b->data(), b->size());
      sink(b->data());
    }
    return ns_since(t0) / iters;
  });
}

double tape_take(size_t bytes, int iters) {
  Tape t(size_t(1024) * ((bytes + 63) & ~size_t(63)) + 4096, false);
  return best(5, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      if ((i & 1023) == 0) t.clear();
      sink(t.take(bytes, 64));
    }
    return ns_since(t0) / iters;
  });
}

double tape_clear(int iters) {
  Tape t(4096, false);
  return best(5, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      t.clear();
      sink(&t);
    }
    return ns_since(t0) / iters;
  });
}

double grid_take_give(size_t cell, int iters) {
  Grid g(cell, 64, false);
  return best(5, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      void* p = g.take();
      sink(p);
      g.give(p);
    }
    return ns_since(t0) / iters;
  });
}

double grid_take_give_threads(size_t cell, int iters, int threads) {
  Grid g(cell, 64 * threads, false);
  return best(3, [&] {
    std::vector<std::thread> ts;
    auto t0 = Clock::now();
    for (int k = 0; k < threads; ++k)
      ts.emplace_back([&] {
        for (int i = 0; i < iters; ++i) {
          void* p = g.take();
          sink(p);
          if (p) g.give(p);
        }
      });
    for (auto& t : ts) t.join();
    return ns_since(t0) / (double(iters) * threads);
  });
}

double tape_take_threads(size_t bytes, int iters, int threads) {
  size_t per = (bytes + 63) & ~size_t(63);
  Tape t(per * size_t(iters) * threads + 4096, false);
  return best(3, [&] {
    t.clear();
    std::vector<std::thread> ts;
    auto t0 = Clock::now();
    for (int k = 0; k < threads; ++k)
      ts.emplace_back([&] {
        for (int i = 0; i < iters; ++i) sink(t.take(bytes, 64));
      });
    for (auto& th : ts) th.join();
    return ns_since(t0) / (double(iters) * threads);
  });
}

double alloc_reuse(size_t bytes, int iters, bool tch) {
  deallocate(allocate(bytes), bytes);  // warm the class
  return best(3, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      void* p = allocate(bytes);
      if (tch) touch(p, bytes);
      sink(p);
      deallocate(p, bytes);
    }
    return ns_since(t0) / iters;
  });
}

double shared_reuse(size_t bytes, int iters, bool tch) {
  deallocate_shared(allocate_shared(bytes), bytes);
  return best(3, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      void* p = allocate_shared(bytes);
      if (tch) touch(p, bytes);
      sink(p);
      deallocate_shared(p, bytes);
    }
    return ns_since(t0) / iters;
  });
}

double malloc_fresh(size_t bytes, int iters, bool tch) {
  return best(3, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      void* p = std::malloc(bytes);
      if (tch) touch(p, bytes);
      sink(p);
      std::free(p);
    }
    return ns_since(t0) / iters;
  });
}

double mmap_fresh(size_t bytes, int iters, bool tch) {
  return best(3, [&] {
    auto t0 = Clock::now();
    for (int i = 0; i < iters; ++i) {
      void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) return 1e300;
      if (tch) touch(p, bytes);
      sink(p);
      munmap(p, bytes);
    }
    return ns_since(t0) / iters;
  });
}

}  // namespace hc::memory::bench
