// A vector of int64 with inline room for the common ranks, so that shapes and strides of small
// arrays cost no heap allocation.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>

namespace hc {

class Dims {
 public:
  static constexpr int kInline = 6;
  Dims() = default;
  explicit Dims(int n, int64_t v = 0) { resize(n, v); }
  Dims(std::initializer_list<int64_t> l) {
    resize(int(l.size()));
    std::copy(l.begin(), l.end(), data());
  }
  Dims(const Dims& o) { assign(o.data(), o.size_); }
  Dims(Dims&& o) noexcept { steal(o); }
  Dims& operator=(const Dims& o) {
    if (this != &o) { size_ = 0; assign(o.data(), o.size_); }
    return *this;
  }
  Dims& operator=(Dims&& o) noexcept {
    if (this != &o) { release(); steal(o); }
    return *this;
  }
  ~Dims() { release(); }

  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int64_t* data() { return heap_ ? heap_ : inline_; }
  const int64_t* data() const { return heap_ ? heap_ : inline_; }
  int64_t& operator[](int i) { return data()[i]; }
  int64_t operator[](int i) const { return data()[i]; }
  int64_t* begin() { return data(); }
  int64_t* end() { return data() + size_; }
  const int64_t* begin() const { return data(); }
  const int64_t* end() const { return data() + size_; }
  int64_t& back() { return data()[size_ - 1]; }

  void resize(int n, int64_t v = 0) {
    reserve(n);
    for (int i = size_; i < n; ++i) data()[i] = v;
    size_ = n;
  }
  void push_back(int64_t v) {
    reserve(size_ + 1);
    data()[size_++] = v;
  }
  void insert(int pos, int64_t v) {
    reserve(size_ + 1);
    int64_t* d = data();
    std::memmove(d + pos + 1, d + pos, sizeof(int64_t) * (size_ - pos));
    d[pos] = v;
    ++size_;
  }
  void erase(int pos) {
    int64_t* d = data();
    std::memmove(d + pos, d + pos + 1, sizeof(int64_t) * (size_ - pos - 1));
    --size_;
  }
  bool operator==(const Dims& o) const {
    return size_ == o.size_ && std::equal(begin(), end(), o.begin());
  }
  bool operator!=(const Dims& o) const { return !(*this == o); }

 private:
  void reserve(int n) {
    if (n <= cap_) return;
    int cap = std::max(n, cap_ * 2);
    auto* p = static_cast<int64_t*>(std::malloc(sizeof(int64_t) * cap));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, data(), sizeof(int64_t) * size_);
    if (heap_) std::free(heap_);
    heap_ = p;
    cap_ = cap;
  }
  void assign(const int64_t* p, int n) {
    reserve(n);
    std::memcpy(data(), p, sizeof(int64_t) * n);
    size_ = n;
  }
  void steal(Dims& o) {
    size_ = o.size_;
    cap_ = o.cap_;
    heap_ = o.heap_;
    if (!heap_) std::memcpy(inline_, o.inline_, sizeof(int64_t) * size_);
    o.heap_ = nullptr;
    o.size_ = 0;
    o.cap_ = kInline;
  }
  void release() {
    if (heap_) std::free(heap_);
    heap_ = nullptr;
    cap_ = kInline;
    size_ = 0;
  }
  int size_ = 0;
  int cap_ = kInline;
  int64_t* heap_ = nullptr;
  int64_t inline_[kInline];
};

}  // namespace hc
