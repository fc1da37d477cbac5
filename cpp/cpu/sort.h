// Sorting, searching and set kernels (cpu/sort.cpp, cpu/search.cpp).
//
// Order: NumPy's. Integers and bool by value; real floats with NaN after everything (NaN is the
// largest value); complex lexicographically by (real, imag) with NumPy's NaN classes
// R+Rj < R+nanj < nan+Rj < nan+nanj. Descending is the stable reverse: greatest first (NaNs
// first), equal elements still in their original order (the Array API's rule).
//
// The lane kernels (one contiguous run of n elements) are separate entry points, looked up by
// dtype, so a vectorised sort can replace them without touching the drivers. sort of 32/64-bit
// keys uses the AVX-512 quicksort (cpu/sort_avx512.cpp) where available; otherwise, and for
// argsort, integers and float32/float64 use the stable radix sorts of cpu/sort_radix.cpp
// (specs/sorting.md).
#pragma once
#include <cmath>
#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/array.h"

namespace hc::cpu {

// ---- order ----------------------------------------------------------------------------------

template <class T> struct Order {
  static bool nan(T) { return false; }
  static bool less(T a, T b) { return a < b; }
  static bool equal(T a, T b) { return a == b; }
};
template <> struct Order<float> {
  static bool nan(float a) { return std::isnan(a); }
  static bool less(float a, float b) { return a < b || (std::isnan(b) && !std::isnan(a)); }
  static bool equal(float a, float b) { return a == b; }
};
template <> struct Order<double> {
  static bool nan(double a) { return std::isnan(a); }
  static bool less(double a, double b) { return a < b || (std::isnan(b) && !std::isnan(a)); }
  static bool equal(double a, double b) { return a == b; }
};
template <class F> struct Order<std::complex<F>> {
  using C = std::complex<F>;
  static int cls(C a) { return 2 * std::isnan(a.real()) + std::isnan(a.imag()); }
  static bool nan(C a) { return cls(a) != 0; }
  static bool less(C a, C b) {
    int ca = cls(a), cb = cls(b);
    if (ca != cb) return ca < cb;
    // Same class: compare the parts that are not NaN, real first.
    if (!(ca & 2)) {
      if (a.real() < b.real()) return true;
      if (b.real() < a.real()) return false;
    }
    if (!(ca & 1)) return a.imag() < b.imag();
    return false;
  }
  static bool equal(C a, C b) { return a == b; }  // NaN in either part: never equal
};

// ---- lane kernels -----------------------------------------------------------------------------

// Sorts n contiguous elements in place, using up to `threads` threads of the pool.
using SortLane = void (*)(void* v, int64_t n, bool descending, bool stable, int threads);
// Writes to dst the n contiguous elements of src sorted (always the stable result); null from
// sort_copy_lane_kernel when the dtype or n has no such kernel (then: copy, then SortLane).
using SortCopyLane = void (*)(const void* src, void* dst, int64_t n, bool descending, int threads);
// Writes to idx the permutation (0..n-1) that sorts the n contiguous elements of v.
using ArgsortLane = void (*)(const void* v, int64_t* idx, int64_t n, bool descending, bool stable,
                             int threads);

// LSD radix sorts (cpu/sort_radix.cpp) for the integer kernel dtypes and float/double, always
// stable, in the order above; n < 2^32. The lane kernels use them from kRadixMin elements on.
template <class T> void radix_sort(T* v, int64_t n, bool descending, int threads);
template <class T>
void radix_argsort(const T* v, int64_t* idx, int64_t n, bool descending, int threads);
constexpr int64_t kRadixMin = 16;
// Stable argsort of 32/64-bit keys through the AVX-512 sort of (key << 32 | index) words
// (cpu/sort_radix.cpp); false (idx untouched or scratch) when it does not apply: keys under 32
// bits, n < 2 or >= 2^32, no AVX-512 sort, or integers spanning at most 2^16 values (the radix
// sort is faster there).
template <class T>
bool packed_argsort(const T* v, int64_t* idx, int64_t n, bool descending, int threads);

// AVX-512 quicksort (cpu/sort_avx512.cpp) for float, double, int32, uint32, int64, uint64:
// writes to dst the n elements of src sorted (src == dst sorts in place; otherwise they must not
// overlap), bit for bit the stable result (NaNs and zeros' signs in input order), any n.
// simd_sort_enabled(): x86-64 with AVX-512 F/DQ/BW/VL and HCARRAY_SIMD unset or "avx512";
// simd_sort may be called only when it is true. The lane kernels use it for n in
// [simd_sort_min<T>(), simd_sort_max<T>()] (measured switchovers, specs/sorting.md).
bool simd_sort_enabled();
template <class T>
void simd_sort(const T* src, T* dst, int64_t n, bool descending, int threads);
template <class T> constexpr bool has_simd_sort() {
  return (std::is_integral_v<T> || std::is_floating_point_v<T>) &&
         (sizeof(T) == 4 || sizeof(T) == 8);
}

// The kernels for a kernel dtype (see kernel_dtype); null for others.
SortLane sort_lane_kernel(DType t);
SortCopyLane sort_copy_lane_kernel(DType t, int64_t n);
ArgsortLane argsort_lane_kernel(DType t);

// The dtype the kernels run in: bool as uint8, float16/bfloat16 as float32 (exact widening);
// every other dtype as itself.
DType kernel_dtype(DType t);
// x converted (or relabelled, for bool) to its kernel dtype; x itself when already there.
Array to_kernel_dtype(const Array& x);
// x C-contiguous with its data aligned for its element type (a borrowed buffer may not be).
Array aligned_contiguous(const Array& x);
inline bool is_aligned(const void* p, int64_t itemsize) {
  return reinterpret_cast<uintptr_t>(p) % uintptr_t(itemsize > 8 ? 8 : itemsize) == 0;
}

// ---- drivers (axis already normalised; x has at least one dim) --------------------------------

Array sort(const Array& x, int axis, bool descending, bool stable);
Array argsort(const Array& x, int axis, bool descending, bool stable);  // int64

// Index (int64) of the first maximum / minimum along axis, or of the flattened array when
// axis < 0. NaN counts as the extreme (NumPy). ValueError on an empty reduction.
Array argextreme(const Array& x, int axis, bool is_max, bool keepdims);

// Insertion points of x2's elements in 1-D x1 (sorted, or sorted through `sorter` when given).
// x1 and x2 must already share a dtype. Result: int64 with x2's shape.
Array searchsorted(const Array& x1, const Array& x2, bool right, const Array* sorter);

// Unique values of flattened x, sorted; NaNs each distinct. Index arrays are int64.
struct UniqueResult {
  Array values, indices, inverse, counts;
};
UniqueResult unique(const Array& x, bool want_indices, bool want_inverse, bool want_counts);

// ---- lane walker ------------------------------------------------------------------------------

// Number of 1-D lanes along `axis` (the product of the other dims).
inline int64_t lane_count(const Array& a, int axis) {
  int64_t n = 1;
  for (int d = 0; d < a.ndim(); ++d)
    if (d != axis) n *= a.shape[d];
  return n;
}

// Calls f(lane, pa, pb) for the 1-D lanes [first, last) along `axis` of a and b (same shape),
// in row-major order of the other dims; pa and pb point to the first element of the lane.
template <class F>
void for_lane_range(const Array& a, const Array& b, int axis, int64_t first, int64_t last, F&& f) {
  int nd = a.ndim();
  Dims shp, sa, sb;
  for (int d = 0; d < nd; ++d) {
    if (d == axis) continue;
    shp.push_back(a.shape[d]);
    sa.push_back(a.strides[d]);
    sb.push_back(b.strides[d]);
  }
  if (first >= last) return;
  int m = shp.size();
  std::vector<int64_t> idx(m, 0);
  const char* pa = a.data();
  char* pb = b.data();
  for (int64_t d = m - 1, q = first; d >= 0; --d) {  // unravel `first` (row-major)
    idx[d] = q % shp[d];
    q /= shp[d];
    pa += idx[d] * sa[d];
    pb += idx[d] * sb[d];
  }
  for (int64_t lane = first; lane < last; ++lane) {
    f(lane, pa, pb);
    for (int d = m - 1; d >= 0; --d) {
      if (++idx[d] < shp[d]) {
        pa += sa[d];
        pb += sb[d];
        break;
      }
      pa -= sa[d] * (shp[d] - 1);
      pb -= sb[d] * (shp[d] - 1);
      idx[d] = 0;
    }
  }
}

// Calls f(lane, pa, pb) for every 1-D lane along `axis` of a and b (same shape), in row-major
// order of the other dims.
template <class F>
void for_each_lane(const Array& a, const Array& b, int axis, F&& f) {
  for_lane_range(a, b, axis, 0, lane_count(a, axis), f);
}

// Calls f(integral_constant<DType, D>) for a kernel dtype; TypeError for others.
template <class F> decltype(auto) visit_kernel_dtype(DType t, F&& f) {
  switch (t) {
#define HC_CASE(X) case DType::X: return f(std::integral_constant<DType, DType::X>{});
    HC_CASE(Int8) HC_CASE(Int16) HC_CASE(Int32) HC_CASE(Int64)
    HC_CASE(UInt8) HC_CASE(UInt16) HC_CASE(UInt32) HC_CASE(UInt64)
    HC_CASE(Float32) HC_CASE(Float64) HC_CASE(Complex64) HC_CASE(Complex128)
#undef HC_CASE
    default: break;
  }
  throw TypeError(std::string("not a sort kernel dtype: ") + name(t));
}
}  // namespace hc::cpu
