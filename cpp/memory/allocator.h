// The caching allocator every array's memory comes from.
// Freed blocks are kept per size class and handed out again, which spares large outputs the
// page faults of fresh memory. Thread-safe.
// Two pools share the size classes, the limit and the counters:
//   host:   aligned_alloc (64-byte aligned; page-aligned from 64 KiB up). The default.
//   shared: each allocation is its own Block (memfd / IOSurface), page-rounded, so it can be
//           shared with another process (hc.memory.share). Used inside `with hc.memory.shared()`
//           and, when set_block_threshold(n) is non-zero, for every allocation of n bytes or more.
//           Off by default: see specs/memory.md for the measurements behind that choice.
#pragma once
#include <cstddef>
#include <cstdint>

namespace hc::memory {

struct Stats {
  size_t bytes_in_use = 0;     // handed out and not yet returned
  size_t bytes_cached = 0;     // returned and kept for reuse
  size_t peak_bytes_in_use = 0;
  uint64_t allocations = 0;    // calls to allocate
  uint64_t cache_hits = 0;     // of those, served from the cache
  size_t limit = 0;            // 0: no limit
  uint64_t shared_allocations = 0;  // of the allocations, from the shared (Block) pool
  size_t shared_bytes_in_use = 0;
  size_t shared_bytes_cached = 0;
  size_t block_threshold = 0;  // 0: Blocks only on request
};

// Returns memory aligned to 64 bytes (page-aligned from 64 KiB up) of at least `bytes`.
// Throws std::bad_alloc when the limit or the system refuses.
void* allocate(size_t bytes);
void deallocate(void* p, size_t bytes);
// From the shared pool: page-aligned memory inside a Block of its own (find_block finds it).
void* allocate_shared(size_t bytes);
void deallocate_shared(void* p, size_t bytes);
Stats stats();
void clear_cache();
void set_limit(size_t bytes);
void set_block_threshold(size_t bytes);  // 0: off
size_t block_threshold();
size_t size_class(size_t bytes);

// Thread-local "shared" mode (hc.memory.shared()): while depth > 0, array storage comes from
// the shared pool.
void shared_mode_push();
void shared_mode_pop();
bool shared_mode();

}  // namespace hc::memory
