#include <stdexcept>

#include "memory/tape.h"

namespace hc::memory {

Grid::Grid(size_t cell_bytes, size_t cells, bool pin) {
  if (cell_bytes == 0 || cells == 0) throw std::invalid_argument("Grid: cell size and cell count must be positive");
  if (cells >= kNil) throw std::invalid_argument("Grid: too many cells (at most 2**32 - 2)");
  stride_ = (cell_bytes + 63) & ~size_t(63);
  if (stride_ < cell_bytes || (size_t(1) << 48) / stride_ < cells)
    throw std::invalid_argument("Grid: cell size x cell count is too large");
  cells_ = cells;
  block_ = Block::open(stride_ * cells, pin);
  base_ = block_->data();
  next_.reset(new std::atomic<uint32_t>[cells]);
  taken_.reset(new std::atomic<uint8_t>[cells]);
  for (size_t i = 0; i < cells; ++i) {
    next_[i].store(i + 1 < cells ? uint32_t(i + 1) : kNil, std::memory_order_relaxed);
    taken_[i].store(0, std::memory_order_relaxed);
  }
  head_.store(0, std::memory_order_relaxed);  // tag 0, cell 0
  free_.store(cells, std::memory_order_relaxed);
}

int64_t Grid::take_index() noexcept {
  uint64_t h = head_.load(std::memory_order_acquire);
  for (;;) {
    uint32_t i = uint32_t(h);
    if (i == kNil) return -1;
    uint32_t nx = next_[i].load(std::memory_order_relaxed);
    uint64_t nh = (((h >> 32) + 1) << 32) | nx;
    if (head_.compare_exchange_weak(h, nh, std::memory_order_acq_rel, std::memory_order_acquire)) {
      taken_[i].store(1, std::memory_order_relaxed);
      free_.fetch_sub(1, std::memory_order_relaxed);
      return int64_t(i);
    }
  }
}

bool Grid::give_index(size_t i) noexcept {
  if (i >= cells_) return false;
  if (taken_[i].exchange(0, std::memory_order_acq_rel) == 0) return false;  // double give
  free_.fetch_add(1, std::memory_order_relaxed);
  uint64_t h = head_.load(std::memory_order_relaxed);
  for (;;) {
    next_[i].store(uint32_t(h), std::memory_order_relaxed);
    uint64_t nh = (((h >> 32) + 1) << 32) | uint64_t(i);
    if (head_.compare_exchange_weak(h, nh, std::memory_order_release, std::memory_order_relaxed))
      return true;
  }
}

}  // namespace hc::memory
