#include "memory/allocator.h"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "memory/block.h"

namespace hc::memory {
namespace {

constexpr size_t kSmallAlign = 64;
constexpr size_t kPageAlign = 4096;
constexpr size_t kLargeFrom = 64 * 1024;
constexpr size_t kMaxCached = size_t(1) << 31;  // keep at most 2 GiB of freed memory
// From 4 MiB, allocations are aligned to 2 MiB and, on Linux, marked MADV_HUGEPAGE (as NumPy
// does from 4 MiB): where transparent huge pages are "madvise" (the common default) a big array
// then takes 2 MiB pages, one TLB entry and one page fault per 2 MiB instead of 512.
// HCARRAY_HUGEPAGES=0 turns it off.
constexpr size_t kHugeFrom = size_t(4) << 20;
constexpr size_t kHugeAlign = size_t(2) << 20;

bool hugepages_on() {
  static const bool on = [] {
    const char* env = std::getenv("HCARRAY_HUGEPAGES");
    return !(env && env[0] == '0');
  }();
  return on;
}

void* fresh(size_t cls) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (cls >= kHugeFrom && hugepages_on()) {
    // Rounded up to whole 2 MiB (aligned_alloc's contract); the class size is what is counted.
    void* p = std::aligned_alloc(kHugeAlign, (cls + kHugeAlign - 1) / kHugeAlign * kHugeAlign);
    if (p) madvise(p, cls, MADV_HUGEPAGE);  // advice only: an error changes nothing
    return p;
  }
#endif
  return std::aligned_alloc(cls >= kLargeFrom ? kPageAlign : kSmallAlign, cls);
}

struct State {
  std::mutex mu;
  std::unordered_map<size_t, std::vector<void*>> free_lists;
  std::unordered_map<size_t, std::vector<std::shared_ptr<Block>>> free_blocks;
  std::unordered_map<void*, std::shared_ptr<Block>> blocks_in_use;
  Stats st;
};
State& state() {
  static State* s = new State();  // never destroyed: arrays may outlive static teardown
  return *s;
}
std::atomic<size_t> g_threshold{0};
thread_local int t_shared_depth = 0;

void note_in_use(Stats& st, size_t cls) {
  st.bytes_in_use += cls;
  if (st.bytes_in_use > st.peak_bytes_in_use) st.peak_bytes_in_use = st.bytes_in_use;
}
void check_limit(const Stats& st, size_t cls) {
  if (st.limit && st.bytes_in_use + cls > st.limit) throw std::bad_alloc();
}
size_t page_class(size_t bytes) {
  size_t ps = Block::page_size();
  return (size_class(bytes) + ps - 1) / ps * ps;
}

}  // namespace

// Size classes: multiples of 64 B up to 1 KiB, then four classes per power of two.
size_t size_class(size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (bytes <= 1024) return (bytes + 63) & ~size_t(63);
  int shift = 63 - __builtin_clzll(bytes - 1);  // bytes-1 < 2^(shift+1)
  size_t step = size_t(1) << (shift - 1);        // quarter of the next power of two
  return (bytes + step - 1) & ~(step - 1);
}

void* allocate(size_t bytes) {
  if (bytes > (size_t(1) << 62)) throw std::bad_alloc();
  size_t cls = size_class(bytes);
  State& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.st.allocations++;
    check_limit(s.st, cls);
    auto it = s.free_lists.find(cls);
    if (it != s.free_lists.end() && !it->second.empty()) {
      void* p = it->second.back();
      it->second.pop_back();
      s.st.cache_hits++;
      s.st.bytes_cached -= cls;
      note_in_use(s.st, cls);
      return p;
    }
    note_in_use(s.st, cls);  // reserved now so concurrent callers respect the limit
  }
  void* p = fresh(cls);
  if (!p) {
    clear_cache();
    p = fresh(cls);
    if (!p) {
      std::lock_guard<std::mutex> lock(s.mu);
      s.st.bytes_in_use -= cls;
      throw std::bad_alloc();
    }
  }
  return p;
}

void deallocate(void* p, size_t bytes) {
  if (!p) return;
  size_t cls = size_class(bytes);
  State& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.st.bytes_in_use -= cls;
    if (s.st.bytes_cached + cls <= kMaxCached) {
      s.free_lists[cls].push_back(p);
      s.st.bytes_cached += cls;
      return;
    }
  }
  std::free(p);
}

void* allocate_shared(size_t bytes) {
  if (bytes > (size_t(1) << 48)) throw std::bad_alloc();
  size_t cls = page_class(bytes);
  State& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.st.allocations++;
    s.st.shared_allocations++;
    check_limit(s.st, cls);
    auto it = s.free_blocks.find(cls);
    if (it != s.free_blocks.end() && !it->second.empty()) {
      std::shared_ptr<Block> b = std::move(it->second.back());
      it->second.pop_back();
      s.st.cache_hits++;
      s.st.bytes_cached -= cls;
      s.st.shared_bytes_cached -= cls;
      note_in_use(s.st, cls);
      s.st.shared_bytes_in_use += cls;
      void* p = b->data();
      s.blocks_in_use.emplace(p, std::move(b));
      return p;
    }
    note_in_use(s.st, cls);
    s.st.shared_bytes_in_use += cls;
  }
  std::shared_ptr<Block> b;
  try {
    b = Block::open(cls, /*pin=*/false);
  } catch (...) {
    clear_cache();
    try {
      b = Block::open(cls, false);
    } catch (...) {
      std::lock_guard<std::mutex> lock(s.mu);
      s.st.bytes_in_use -= cls;
      s.st.shared_bytes_in_use -= cls;
      throw;
    }
  }
  void* p = b->data();
  std::lock_guard<std::mutex> lock(s.mu);
  s.blocks_in_use.emplace(p, std::move(b));
  return p;
}

void deallocate_shared(void* p, size_t bytes) {
  if (!p) return;
  size_t cls = page_class(bytes);
  State& s = state();
  std::shared_ptr<Block> b;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.blocks_in_use.find(p);
    if (it == s.blocks_in_use.end()) return;  // not ours: nothing to do
    b = std::move(it->second);
    s.blocks_in_use.erase(it);
    s.st.bytes_in_use -= cls;
    s.st.shared_bytes_in_use -= cls;
    // A Block that is still shared with another process (or held by a Python Block object) is
    // not reused: its pages must not change meaning under the other holder.
    if (b.use_count() == 1 && s.st.bytes_cached + cls <= kMaxCached) {
      s.free_blocks[cls].push_back(std::move(b));
      s.st.bytes_cached += cls;
      s.st.shared_bytes_cached += cls;
      return;
    }
  }
  // b released here, outside the lock (Block's destructor takes the registry lock).
}

Stats stats() {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  Stats st = s.st;
  st.block_threshold = g_threshold.load();
  return st;
}

void clear_cache() {
  State& s = state();
  std::unordered_map<size_t, std::vector<void*>> lists;
  std::unordered_map<size_t, std::vector<std::shared_ptr<Block>>> blocks;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    lists.swap(s.free_lists);
    blocks.swap(s.free_blocks);
    s.st.bytes_cached = 0;
    s.st.shared_bytes_cached = 0;
  }
  for (auto& kv : lists)
    for (void* p : kv.second) std::free(p);
}

void set_limit(size_t bytes) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  s.st.limit = bytes;
}

void set_block_threshold(size_t bytes) { g_threshold.store(bytes); }
size_t block_threshold() { return g_threshold.load(std::memory_order_relaxed); }

void shared_mode_push() { ++t_shared_depth; }
void shared_mode_pop() {
  if (t_shared_depth > 0) --t_shared_depth;
}
bool shared_mode() { return t_shared_depth > 0; }

}  // namespace hc::memory
