// argmax/argmin (first occurrence, NaN is the extreme) and searchsorted (binary search in the order of cpu/sort.h).
#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "core/iter.h"
#include "core/parallel.h"
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

// Narrow columns (fewer than 64) of back-to-back rows: G rows at a time are one super-row of
// G * ncols columns for the kernel, which gives, for every (g, c), the first super-row holding
// the extreme of rows g, g + G, g + 2G, ... of column c (`sub`). This combines those G
// candidates and the rows after the last whole super-row: the best value (the first NaN wins
// over everything), the smallest row among equals.
template <class T, bool Max>
void combine_super_rows(const char* in, int64_t rs, int64_t nrows, int64_t ncols, int64_t G,
                        const int64_t* sub, int64_t* out, int64_t ostride) {
  const int64_t whole = nrows / G * G;
  for (int64_t c = 0; c < ncols; ++c) {
    int64_t br = -1;
    T bv{};
    auto consider = [&](int64_t r) {
      const T v = load<T>(in + r * rs + c * int64_t(sizeof(T)));
      if (br < 0) {
        br = r;
        bv = v;
        return;
      }
      const bool vn = v != v, bn = bv != bv;
      const bool take = bn ? vn && r < br
                           : vn || (Max ? v > bv : v < bv) || (v == bv && r < br);
      if (take) {
        br = r;
        bv = v;
      }
    };
    for (int64_t g = 0; g < G; ++g) consider(sub[g * ncols + c] * G + g);
    for (int64_t r = whole; r < nrows; ++r) consider(r);
    out[c * ostride] = br;
  }
}

using SuperCombine = void (*)(const char*, int64_t, int64_t, int64_t, int64_t, const int64_t*, int64_t*,
                              int64_t);

// argmax/argmin along a strided axis when another axis is contiguous (stride +-itemsize, at
// least 8 elements; e.g. axis=0 of a C-ordered matrix): the lanes along `axis` become the
// columns of rows read in memory order, and the kernel (cpu/reduce_simd_impl.h) keeps the best
// value and its row per column, vectorised across the columns. Other kept axes are walked
// outside; work is split over them and over column blocks (never over rows), so the result is
// the same on any thread count. Returns false (nothing done) when the layout is not a fit.
bool outer_arg(const Array& x, Array& out, int axis, bool is_max) {
  const auto& k = reduce_simd();
  auto fn = is_max ? k.outer_argmax[int(x.dtype)] : k.outer_argmin[int(x.dtype)];
  const int nd = x.ndim();
  const int64_t isz = x.itemsize(), nrows = x.shape[axis], rs = x.strides[axis];
  if (!fn || nrows < 2 || nrows >= (int64_t(1) << 32) || !is_aligned(x.data(), isz) || rs % isz)
    return false;
  int cd = -1;
  for (int d = 0; d < nd; ++d) {
    if (d == axis || x.shape[d] < 8 || (x.strides[d] != isz && x.strides[d] != -isz)) continue;
    cd = d;
  }
  if (cd < 0) return false;
  std::vector<int> odims;
  int64_t nouter = 1;
  for (int d = 0; d < nd; ++d) {
    if (d == axis || d == cd || x.shape[d] == 1) continue;
    if (x.strides[d] % isz) return false;
    odims.push_back(d);
    nouter *= x.shape[d];
  }
  const int64_t ncols = x.shape[cd], cs = x.strides[cd];
  // out is C-ordered int64 with out.shape[axis] == 1.
  const int64_t ocs = out.strides[cd] / 8;
  std::vector<int64_t> oin(static_cast<size_t>(nouter)), oout(static_cast<size_t>(nouter));
  {
    std::vector<int64_t> idx(odims.size(), 0);
    int64_t ci = 0, co = 0;
    for (int64_t u = 0; u < nouter; ++u) {
      oin[size_t(u)] = ci;
      oout[size_t(u)] = co;
      for (int j = int(odims.size()) - 1; j >= 0; --j) {
        const int d = odims[size_t(j)];
        ci += x.strides[d];
        co += out.strides[d] / 8;
        if (++idx[size_t(j)] < x.shape[d]) break;
        ci -= x.strides[d] * x.shape[d];
        co -= out.strides[d] / 8 * x.shape[d];
        idx[size_t(j)] = 0;
      }
    }
  }
  // A reversed column axis: walk memory forwards and write the results backwards.
  const char* in0 = x.data();
  int64_t* out0 = reinterpret_cast<int64_t*>(out.data());
  int64_t ostride = ocs;
  if (cs < 0) {
    in0 += (ncols - 1) * cs;
    out0 += (ncols - 1) * ocs;
    ostride = -ocs;
  }
  const int nt = num_threads();
  const bool par = nt > 1 && x.size() * isz >= parallel_threshold_bytes();
  if (cs > 0 && rs == ncols * isz && ncols < 64 && nrows >= 8) {
    // Super-rows of G back-to-back rows (see combine_super_rows).
    int64_t G = (128 + ncols - 1) / ncols;
    if (G > nrows / 2) G = nrows / 2;
    SuperCombine comb = visit_kernel_dtype(x.dtype, [&](auto tag) -> SuperCombine {
      using T = ctype_t<decltype(tag)::value>;
      if constexpr (std::is_arithmetic_v<T>)
        return is_max ? &combine_super_rows<T, true> : &combine_super_rows<T, false>;
      else
        return nullptr;
    });
    if (!comb) return false;
    auto work = [&](int64_t b, int64_t e, int) {
      std::vector<int64_t> sub(static_cast<size_t>(G * ncols));
      for (int64_t o = b; o < e; ++o) {
        const char* base = in0 + oin[size_t(o)];
        fn(base, rs * G, nrows / G, G * ncols, sub.data(), 1);
        comb(base, rs, nrows, ncols, G, sub.data(), out0 + oout[size_t(o)], ostride);
      }
    };
    if (par && nouter > 1)
      parallel_for(nouter, 1, nt, work);
    else
      work(0, nouter, 0);
    return true;
  }
  int64_t cb = ncols;
  if (par && nouter < 4 * nt) {
    const int64_t parts = (4 * nt + nouter - 1) / nouter;
    cb = ((ncols + parts - 1) / parts + 63) / 64 * 64;
    if (cb > ncols) cb = ncols;
  }
  const int64_t nblk = (ncols + cb - 1) / cb, units = nouter * nblk;
  auto work = [&](int64_t b, int64_t e, int) {
    for (int64_t u = b; u < e; ++u) {
      const int64_t o = u / nblk, c0 = (u % nblk) * cb;
      const int64_t nc = ncols - c0 < cb ? ncols - c0 : cb;
      fn(in0 + oin[size_t(o)] + c0 * isz, rs, nrows, nc, out0 + oout[size_t(o)] + c0 * ostride, ostride);
    }
  };
  if (par && units > 1)
    parallel_for(units, 1, nt, work);
  else
    work(0, units, 0);
  return true;
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
  if (out.size() > 0 && s != x.itemsize() && outer_arg(x, out, axis, is_max)) {
    // done: vectorised across a contiguous kept axis
  } else if (out.size() > 0) {
    // Contiguous aligned lanes: the vectorised kernel (cpu/reduce_simd_impl.h).
    auto vec = is_max ? reduce_simd().argmax[int(x.dtype)] : reduce_simd().argmin[int(x.dtype)];
    // Lanes are independent: split over the threads when the work is large.
    const bool contig = vec && s == x.itemsize();
    auto one = [&](int64_t, const char* px, char* po) {
      *reinterpret_cast<int64_t*>(po) =
          contig && is_aligned(px, s) ? vec(px, n) : lane(px, s, n);
    };
    const int64_t nlanes = lane_count(x, axis);
    const int nt = num_threads();
    if (nt > 1 && nlanes > 1 && x.size() * x.itemsize() >= parallel_threshold_bytes())
      parallel_for(nlanes, 1, nt, [&](int64_t b, int64_t e, int) { for_lane_range(x, out, axis, b, e, one); });
    else
      for_each_lane(x, out, axis, one);
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
