// The caching allocator every array's memory comes from.
// Freed blocks are kept per size class and handed out again, which spares large outputs the
// page faults of fresh memory. Thread-safe.
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
};

// Returns memory aligned to 64 bytes (page-aligned from 64 KiB up) of at least `bytes`.
// Throws std::bad_alloc when the limit or the system refuses.
void* allocate(size_t bytes);
void deallocate(void* p, size_t bytes);
Stats stats();
void clear_cache();
void set_limit(size_t bytes);

}  // namespace hc::memory
