#include "memory/scratch.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "memory/tape.h"

namespace hc::memory {
namespace {

constexpr size_t kMaxPooled = size_t(1) << 30;  // keep at most 1 GiB of idle scratch Blocks

struct Segment {
  explicit Segment(size_t bytes) : tape(bytes, /*pin=*/true) {}
  Tape tape;
  std::atomic<int64_t> refs{0};  // the open scope (1) + one per live array storage
};

struct Pool {
  std::mutex mu;
  std::vector<Segment*> idle;
  ScratchStats st;
};
Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}
std::atomic<uint64_t> g_takes{0}, g_overflows{0};
void unref(Segment* seg);
// A thread that ends with scopes still open closes them.
struct Stack {
  std::vector<Segment*> v;
  ~Stack() {
    while (!v.empty()) {
      Segment* s = v.back();
      v.pop_back();
      unref(s);
    }
  }
};
thread_local Stack t_scopes;

void recycle(Segment* seg) {
  seg->tape.clear();
  Pool& p = pool();
  // A Block that share() handed to another process is not reused for new scratch arrays.
  if (seg->tape.block().use_count() == 1) {
    std::lock_guard<std::mutex> lock(p.mu);
    if (p.st.pooled_bytes + seg->tape.capacity() <= kMaxPooled) {
      p.idle.push_back(seg);
      p.st.pooled_bytes += seg->tape.capacity();
      return;
    }
  }
  delete seg;
}

void unref(Segment* seg) {
  if (seg->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) recycle(seg);
}

}  // namespace

void scratch_push(size_t bytes) {
  if (bytes == 0) bytes = 1;
  Pool& p = pool();
  Segment* seg = nullptr;
  {
    std::lock_guard<std::mutex> lock(p.mu);
    p.st.scopes++;
    // Smallest idle segment that is large enough.
    auto best = p.idle.end();
    for (auto it = p.idle.begin(); it != p.idle.end(); ++it)
      if ((*it)->tape.capacity() >= bytes &&
          (best == p.idle.end() || (*it)->tape.capacity() < (*best)->tape.capacity()))
        best = it;
    if (best != p.idle.end()) {
      seg = *best;
      p.idle.erase(best);
      p.st.pooled_bytes -= seg->tape.capacity();
      p.st.segments_reused++;
    }
  }
  if (!seg) {
    seg = new Segment(bytes);  // may throw std::bad_alloc: nothing to undo
    std::lock_guard<std::mutex> lock(p.mu);
    p.st.segments_created++;
  }
  seg->refs.store(1, std::memory_order_relaxed);
  t_scopes.v.push_back(seg);
}

bool scratch_pop() {
  if (t_scopes.v.empty()) return false;
  Segment* seg = t_scopes.v.back();
  t_scopes.v.pop_back();
  if (seg->refs.load(std::memory_order_acquire) > 1) {
    Pool& p = pool();
    std::lock_guard<std::mutex> lock(p.mu);
    p.st.deferred++;
  }
  unref(seg);
  return true;
}

int scratch_depth() { return int(t_scopes.v.size()); }

void* scratch_take(size_t bytes, void** token) {
  if (t_scopes.v.empty()) return nullptr;
  Segment* seg = t_scopes.v.back();
  void* ptr = seg->tape.take(bytes ? bytes : 1, 64);
  if (!ptr) {
    g_overflows.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  seg->refs.fetch_add(1, std::memory_order_relaxed);
  *token = seg;
  g_takes.fetch_add(1, std::memory_order_relaxed);
  return ptr;
}

void scratch_release(void* token) { unref(static_cast<Segment*>(token)); }

ScratchStats scratch_stats() {
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mu);
  ScratchStats st = p.st;
  st.takes = g_takes.load();
  st.overflows = g_overflows.load();
  st.depth = int(t_scopes.v.size());
  return st;
}

void scratch_clear_pool() {
  Pool& p = pool();
  std::vector<Segment*> idle;
  {
    std::lock_guard<std::mutex> lock(p.mu);
    idle.swap(p.idle);
    p.st.pooled_bytes = 0;
  }
  for (Segment* s : idle) delete s;
}

}  // namespace hc::memory
