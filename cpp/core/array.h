// Array: storage + dtype + shape + byte strides (negative allowed) + byte offset + flags.
// Views share the storage; every array's own memory comes from hc::memory.
#pragma once
#include <functional>
#include <memory>

#include "core/device.h"
#include "core/dtype.h"
#include "core/small_vector.h"

namespace hc {

constexpr int kMaxDims = 64;

// One allocation. Either ours (from the caching allocator) or borrowed from an outside owner
// (a NumPy array, a buffer, a DLPack producer), which `release` gives back.
struct Storage {
  char* ptr = nullptr;
  size_t nbytes = 0;
  bool owned = false;                 // from hc::memory
  std::function<void()> release;      // for borrowed memory
  Device device;
  ~Storage();
  static std::shared_ptr<Storage> allocate(size_t nbytes, Device dev = Device());
  static std::shared_ptr<Storage> borrow(void* ptr, size_t nbytes, std::function<void()> release,
                                         Device dev = Device());
};

struct Array {
  std::shared_ptr<Storage> storage;
  DType dtype = DType::Float64;
  Dims shape;
  Dims strides;  // bytes
  int64_t offset = 0;  // bytes from storage->ptr
  bool writeable = true;

  int ndim() const { return shape.size(); }
  int64_t size() const;
  int64_t itemsize() const { return hc::itemsize(dtype); }
  char* data() const { return storage->ptr + offset; }
  const Device& device() const { return storage->device; }
  bool is_c_contiguous() const;
  bool is_f_contiguous() const;

  // A new, C-contiguous, uninitialised array. Checks for negative and overflowing shapes.
  static Array empty(const Dims& shape, DType dtype, Device dev = Device(), const char* fn = "empty");
  // A view of the same memory with other geometry.
  Array view(Dims shape, Dims strides, int64_t offset) const;
};

// Row-major strides for shape and itemsize.
Dims c_strides(const Dims& shape, int64_t itemsize);
// Number of elements; throws ValueError for negative dims and when the byte size overflows.
int64_t checked_size(const Dims& shape, int64_t itemsize, const char* fn);
// The broadcast shape of a and b, or ValueError naming fn.
Dims broadcast_shapes(const Dims& a, const Dims& b, const char* fn);
// A view of a broadcast to shape (strides 0 on new and size-1 dims); ValueError if impossible.
Array broadcast_to(const Array& a, const Dims& shape, const char* fn);
std::string shape_str(const Dims& shape);

}  // namespace hc
