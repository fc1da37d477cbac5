#include "memory/allocator.h"

#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace hc::memory {
namespace {

constexpr size_t kSmallAlign = 64;
constexpr size_t kPageAlign = 4096;
constexpr size_t kLargeFrom = 64 * 1024;
constexpr size_t kMaxCached = size_t(1) << 31;  // keep at most 2 GiB of freed memory

// Size classes: multiples of 64 B up to 1 KiB, then four classes per power of two.
size_t size_class(size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (bytes <= 1024) return (bytes + 63) & ~size_t(63);
  int shift = 63 - __builtin_clzll(bytes - 1);  // bytes-1 < 2^(shift+1)
  size_t step = size_t(1) << (shift - 1);        // quarter of the next power of two
  return (bytes + step - 1) & ~(step - 1);
}

struct State {
  std::mutex mu;
  std::unordered_map<size_t, std::vector<void*>> free_lists;
  Stats st;
};
State& state() {
  static State* s = new State();  // never destroyed: arrays may outlive static teardown
  return *s;
}

}  // namespace

void* allocate(size_t bytes) {
  size_t cls = size_class(bytes);
  State& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.st.allocations++;
    auto it = s.free_lists.find(cls);
    if (it != s.free_lists.end() && !it->second.empty()) {
      void* p = it->second.back();
      it->second.pop_back();
      s.st.cache_hits++;
      s.st.bytes_cached -= cls;
      s.st.bytes_in_use += cls;
      if (s.st.bytes_in_use > s.st.peak_bytes_in_use) s.st.peak_bytes_in_use = s.st.bytes_in_use;
      return p;
    }
    if (s.st.limit && s.st.bytes_in_use + cls > s.st.limit) throw std::bad_alloc();
  }
  void* p = std::aligned_alloc(cls >= kLargeFrom ? kPageAlign : kSmallAlign, cls);
  if (!p) {
    clear_cache();
    p = std::aligned_alloc(cls >= kLargeFrom ? kPageAlign : kSmallAlign, cls);
    if (!p) throw std::bad_alloc();
  }
  std::lock_guard<std::mutex> lock(s.mu);
  s.st.bytes_in_use += cls;
  if (s.st.bytes_in_use > s.st.peak_bytes_in_use) s.st.peak_bytes_in_use = s.st.bytes_in_use;
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

Stats stats() {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.st;
}

void clear_cache() {
  State& s = state();
  std::unordered_map<size_t, std::vector<void*>> lists;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    lists.swap(s.free_lists);
    s.st.bytes_cached = 0;
  }
  for (auto& kv : lists)
    for (void* p : kv.second) std::free(p);
}

void set_limit(size_t bytes) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  s.st.limit = bytes;
}

}  // namespace hc::memory
