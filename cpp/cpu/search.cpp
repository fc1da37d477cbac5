// argmax/argmin (first occurrence, NaN is the extreme) and searchsorted (binary search in the order of cpu/sort.h).
#include <algorithm>
#include <cstring>
#include <string>

#include "core/registry.h"
#include "cpu/reduce_simd.h"
#include "cpu/sort.h"

namespace hc::cpu {
namespace {

template <class T> inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// Index of the first extreme of n elements at stride s; the first NaN wins outright.
template <class T, bool Max>
int64_t arg_lane(const char* p, int64_t s, int64_t n) {
  using O = Order<T>;
  T best = load<T>(p);
  if (O::nan(best)) return 0;
  int64_t bi = 0;
  for (int64_t i = 1; i < n; ++i) {
    T v = load<T>(p + i * s);
    if (O::nan(v)) return i;
    if (Max ? O::less(best, v) : O::less(v, best)) {
      best = v;
      bi = i;
    }
  }
  return bi;
}

using ArgLane = int64_t (*)(const char*, int64_t, int64_t);

template <class T>
void search_sorted(const T* a, int64_t n, const T* v, int64_t m, int64_t* out, bool right) {
  auto lt = [](const T& x, const T& y) { return Order<T>::less(x, y); };
  for (int64_t j = 0; j < m; ++j) {
    const T* r = right ? std::upper_bound(a, a + n, v[j], lt) : std::lower_bound(a, a + n, v[j], lt);
    out[j] = r - a;
  }
}

}  // namespace

Array argextreme(const Array& x0, int axis, bool is_max, bool keepdims) {
  const char* fn = is_max ? "argmax" : "argmin";
  Array x = to_kernel_dtype(x0);
  ArgLane lane = visit_kernel_dtype(x.dtype, [&](auto tag) -> ArgLane {
    using T = ctype_t<decltype(tag)::value>;
    return is_max ? &arg_lane<T, true> : &arg_lane<T, false>;
  });
  const int nd = x.ndim();
  Device dev = x.device();
  if (axis < 0) {
    if (x.size() == 0)
      throw ValueError(std::string(fn) + ": attempt to get " + fn + " of an empty sequence");
    Array c = ascontiguous(x);
    Dims shp = keepdims ? Dims(nd, 1) : Dims();
    Array out = Array::empty(shp, DType::Int64, dev, fn);
    auto vec = is_max ? reduce_simd().argmax[int(c.dtype)] : reduce_simd().argmin[int(c.dtype)];
    *reinterpret_cast<int64_t*>(out.data()) =
        vec && is_aligned(c.data(), c.itemsize()) ? vec(c.data(), c.size())
                                                  : lane(c.data(), c.itemsize(), c.size());
    return out;
  }
  Dims full = x.shape, kept;
  full[axis] = 1;
  for (int d = 0; d < nd; ++d)
    if (d != axis) kept.push_back(x.shape[d]);
  const int64_t n = x.shape[axis], s = x.strides[axis];
  if (n == 0)  // even when there are no lanes (NumPy)
    throw ValueError(std::string(fn) + ": attempt to get " + fn + " of an empty sequence");
  Array out = Array::empty(full, DType::Int64, dev, fn);
  if (out.size() > 0) {
    // Contiguous aligned lanes: the vectorised kernel (cpu/reduce_simd_impl.h).
    auto vec = is_max ? reduce_simd().argmax[int(x.dtype)] : reduce_simd().argmin[int(x.dtype)];
    const bool contig = vec && s == x.itemsize();
    for_each_lane(x, out, axis, [&](int64_t, const char* px, char* po) {
      *reinterpret_cast<int64_t*>(po) =
          contig && is_aligned(px, s) ? vec(px, n) : lane(px, s, n);
    });
  }
  if (!keepdims) {
    out.shape = kept;
    out.strides = c_strides(kept, 8);
  }
  return out;
}

Array searchsorted(const Array& x1, const Array& x2, bool right, const Array* sorter) {
  const char* fn = "searchsorted";
  if (x1.dtype != x2.dtype) throw TypeError("searchsorted: x1 and x2 must share a dtype");
  Array a = aligned_contiguous(to_kernel_dtype(x1));
  Array v = aligned_contiguous(to_kernel_dtype(x2));
  const int64_t n = a.size(), m = v.size(), isz = a.itemsize();
  Device dev = x1.device();
  if (sorter) {
    // a[sorter] into a new sorted buffer; every index must be in [0, n).
    Array s = ascontiguous(astype(*sorter, DType::Int64));
    if (s.size() != n)
      throw ValueError("searchsorted: sorter must have the same size as x1");
    Array g = Array::empty({n}, a.dtype, dev, fn);
    const int64_t* si = reinterpret_cast<const int64_t*>(s.data());
    for (int64_t i = 0; i < n; ++i) {
      if (si[i] < 0 || si[i] >= n)
        throw ValueError("searchsorted: sorter index " + std::to_string(si[i]) +
                         " is out of range for x1 of size " + std::to_string(n));
      std::memcpy(g.data() + i * isz, a.data() + si[i] * isz, size_t(isz));
    }
    a = g;
  }
  Array out = Array::empty(x2.shape, DType::Int64, dev, fn);
  if (m == 0) return out;
  visit_kernel_dtype(a.dtype, [&](auto tag) {
    using T = ctype_t<decltype(tag)::value>;
    search_sorted<T>(reinterpret_cast<const T*>(a.data()), n, reinterpret_cast<const T*>(v.data()),
                     m, reinterpret_cast<int64_t*>(out.data()), right);
  });
  return out;
}

}  // namespace hc::cpu
