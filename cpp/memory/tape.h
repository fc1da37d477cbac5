// Tape: a bump allocator over one Block. take() moves an atomic cursor with compare-exchange
// (any number of threads may take at once); clear() rewinds it in one store. Nothing is freed
// one by one: a Tape is for memory whose lifetimes end together (a pass, a request).
// Grid: fixed-size cells over one Block with a lock-free free list (a Treiber stack whose head
// carries a 32-bit tag against ABA); take/give from any thread; exhaustion returns nullptr.
// Layout: three Tapes matching an inference lifecycle: weights (load once), scratch (cleared
// every pass), history (cleared every conversation).
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "memory/block.h"

namespace hc::memory {

class Tape {
 public:
  // A Tape over a new Block of `bytes` (pinned when the memlock limit allows).
  explicit Tape(size_t bytes, bool pin = true) : Tape(Block::open(bytes, pin)) {}
  explicit Tape(std::shared_ptr<Block> block)
      : block_(std::move(block)), base_(block_->data()), cap_(block_->size()) {}

  // `size` bytes aligned to `align` (a power of two, at most the page size), or nullptr when
  // the Tape has no room left. Lock-free.
  void* take(size_t size, size_t align = 64) noexcept {
    size_t cur = cursor_.load(std::memory_order_relaxed);
    for (;;) {
      size_t start = (cur + align - 1) & ~(align - 1);
      size_t end = start + size;
      if (end > cap_ || end < start) return nullptr;
      if (cursor_.compare_exchange_weak(cur, end, std::memory_order_relaxed)) return base_ + start;
    }
  }
  void clear() noexcept { cursor_.store(0, std::memory_order_relaxed); }
  size_t mark() const noexcept { return cursor_.load(std::memory_order_relaxed); }
  // Back to an earlier mark (no-op if the cursor is already below it).
  void rewind(size_t m) noexcept {
    size_t cur = cursor_.load(std::memory_order_relaxed);
    while (cur > m && !cursor_.compare_exchange_weak(cur, m, std::memory_order_relaxed)) {}
  }
  size_t used() const noexcept { return mark(); }
  size_t capacity() const noexcept { return cap_; }
  const std::shared_ptr<Block>& block() const { return block_; }
  char* base() const { return base_; }

 private:
  std::shared_ptr<Block> block_;
  char* base_;
  size_t cap_;
  alignas(64) std::atomic<size_t> cursor_{0};
};

class Grid {
 public:
  // `cells` cells of `cell_bytes` each (rounded up to 64 bytes), in one Block.
  Grid(size_t cell_bytes, size_t cells, bool pin = true);
  // A free cell, or nullptr when all are taken. Lock-free.
  void* take() noexcept {
    int64_t i = take_index();
    return i < 0 ? nullptr : base_ + size_t(i) * stride_;
  }
  // Returns a cell; false (and no change) when p is not a cell of this Grid or is not taken.
  bool give(void* p) noexcept {
    int64_t i = index_of(p);
    return i >= 0 && give_index(size_t(i));
  }
  int64_t take_index() noexcept;
  bool give_index(size_t i) noexcept;
  int64_t index_of(const void* p) const noexcept {
    uintptr_t a = uintptr_t(p), b = uintptr_t(base_);
    if (a < b || (a - b) % stride_ || (a - b) / stride_ >= cells_) return -1;
    return int64_t((a - b) / stride_);
  }
  char* cell(size_t i) const { return base_ + i * stride_; }
  bool is_taken(size_t i) const { return taken_[i].load(std::memory_order_relaxed) != 0; }
  size_t cells() const { return cells_; }
  size_t cell_bytes() const { return stride_; }
  size_t available() const { return free_.load(std::memory_order_relaxed); }
  const std::shared_ptr<Block>& block() const { return block_; }

 private:
  static constexpr uint32_t kNil = 0xffffffffu;
  std::shared_ptr<Block> block_;
  char* base_;
  size_t stride_, cells_;
  std::unique_ptr<std::atomic<uint32_t>[]> next_;
  std::unique_ptr<std::atomic<uint8_t>[]> taken_;
  alignas(64) std::atomic<uint64_t> head_;  // tag << 32 | index of the first free cell
  std::atomic<size_t> free_;
};

class Layout {
 public:
  Layout(size_t weights, size_t scratch, size_t history, bool pin = true)
      : weights_(weights, pin), scratch_(scratch, pin), history_(history, pin) {}
  Tape& weights() { return weights_; }
  Tape& scratch() { return scratch_; }
  Tape& history() { return history_; }
  void clear_pass() noexcept { scratch_.clear(); }
  void clear_talk() noexcept { scratch_.clear(); history_.clear(); }

 private:
  Tape weights_, scratch_, history_;
};

}  // namespace hc::memory
