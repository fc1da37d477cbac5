#include "core/array.h"

#include <new>
#include <string>

#include "memory/allocator.h"
#include "memory/scratch.h"

namespace hc {

Storage::~Storage() {
  if (owned) memory::deallocate(ptr, nbytes);
  else if (release) release();
}

// Where an array's own memory comes from, in order: the innermost hc.memory.scratch() scope of
// this thread (a Tape; the storage keeps the scope's segment alive), the shared pool (a Block of
// its own) inside hc.memory.shared() or at/above the block threshold, else the caching allocator.
std::shared_ptr<Storage> Storage::allocate(size_t nbytes, Device dev) {
  auto s = std::make_shared<Storage>();
  s->nbytes = nbytes;
  s->device = dev;
  void* token = nullptr;
  if (void* p = memory::scratch_depth() ? memory::scratch_take(nbytes, &token) : nullptr) {
    s->ptr = static_cast<char*>(p);
    s->release = [token] { memory::scratch_release(token); };
    return s;
  }
  size_t threshold = memory::block_threshold();
  if (memory::shared_mode() || (threshold && nbytes >= threshold)) {
    void* p = memory::allocate_shared(nbytes);
    s->ptr = static_cast<char*>(p);
    s->release = [p, nbytes] { memory::deallocate_shared(p, nbytes); };
    return s;
  }
  s->ptr = static_cast<char*>(memory::allocate(nbytes));
  s->owned = true;
  return s;
}

std::shared_ptr<Storage> Storage::borrow(void* ptr, size_t nbytes, std::function<void()> release,
                                         Device dev) {
  auto s = std::make_shared<Storage>();
  s->ptr = static_cast<char*>(ptr);
  s->nbytes = nbytes;
  s->release = std::move(release);
  s->device = dev;
  return s;
}

int64_t Array::size() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

bool Array::is_c_contiguous() const {
  int64_t expect = itemsize();
  for (int i = ndim() - 1; i >= 0; --i) {
    if (shape[i] == 0) return true;
    if (shape[i] != 1 && strides[i] != expect) return false;
    expect *= shape[i];
  }
  return true;
}

bool Array::is_f_contiguous() const {
  int64_t expect = itemsize();
  for (int i = 0; i < ndim(); ++i) {
    if (shape[i] == 0) return true;
    if (shape[i] != 1 && strides[i] != expect) return false;
    expect *= shape[i];
  }
  return true;
}

std::string shape_str(const Dims& shape) {
  std::string s = "(";
  for (int i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

int64_t checked_size(const Dims& shape, int64_t itemsize, const char* fn) {
  if (shape.size() > kMaxDims)
    throw ValueError(std::string(fn) + ": at most " + std::to_string(kMaxDims) +
                     " dimensions are supported, got " + std::to_string(shape.size()));
  int64_t n = 1;
  bool zero = false;
  for (int64_t d : shape) {
    if (d < 0) throw ValueError(std::string(fn) + ": negative dimensions are not allowed: " + shape_str(shape));
    if (d == 0) zero = true;
  }
  if (zero) return 0;
  constexpr int64_t kMaxBytes = int64_t(1) << 62;
  for (int64_t d : shape) {
    if (__builtin_mul_overflow(n, d, &n) || n > kMaxBytes / itemsize)
      throw ValueError(std::string(fn) + ": array is too big; shape " + shape_str(shape) +
                       " exceeds the addressable size");
  }
  return n;
}

Dims c_strides(const Dims& shape, int64_t itemsize) {
  Dims st(shape.size());
  int64_t s = itemsize;
  for (int i = shape.size() - 1; i >= 0; --i) {
    st[i] = s;
    s *= shape[i] > 0 ? shape[i] : 1;
  }
  return st;
}

Array Array::empty(const Dims& shape, DType dtype, Device dev, const char* fn) {
  int64_t n = checked_size(shape, hc::itemsize(dtype), fn);
  Array a;
  try {
    a.storage = Storage::allocate(size_t(n) * hc::itemsize(dtype), dev);
  } catch (const std::bad_alloc&) {
    throw std::bad_alloc();
  }
  a.dtype = dtype;
  a.shape = shape;
  a.strides = c_strides(shape, hc::itemsize(dtype));
  return a;
}

Array Array::view(Dims shp, Dims st, int64_t off) const {
  Array a;
  a.storage = storage;
  a.dtype = dtype;
  a.shape = std::move(shp);
  a.strides = std::move(st);
  a.offset = off;
  a.writeable = writeable;
  return a;
}

Dims broadcast_shapes(const Dims& a, const Dims& b, const char* fn) {
  int n = std::max(a.size(), b.size());
  Dims out(n);
  for (int i = 0; i < n; ++i) {
    int ia = a.size() - n + i, ib = b.size() - n + i;
    int64_t da = ia >= 0 ? a[ia] : 1, db = ib >= 0 ? b[ib] : 1;
    if (da == db || db == 1) out[i] = da;
    else if (da == 1) out[i] = db;
    else
      throw ValueError(std::string(fn) + ": shapes " + shape_str(a) + " and " + shape_str(b) +
                       " cannot be broadcast together");
  }
  return out;
}

Array broadcast_to(const Array& a, const Dims& shape, const char* fn) {
  int n = shape.size();
  if (a.ndim() > n)
    throw ValueError(std::string(fn) + ": cannot broadcast shape " + shape_str(a.shape) + " to " +
                     shape_str(shape));
  Dims st(n);
  for (int i = 0; i < n; ++i) {
    int ia = a.ndim() - n + i;
    if (ia < 0) { st[i] = 0; continue; }
    if (a.shape[ia] == shape[i]) st[i] = a.strides[ia];
    else if (a.shape[ia] == 1) st[i] = 0;
    else
      throw ValueError(std::string(fn) + ": cannot broadcast shape " + shape_str(a.shape) +
                       " to " + shape_str(shape));
  }
  Array v = a.view(shape, st, a.offset);
  return v;
}

}  // namespace hc
