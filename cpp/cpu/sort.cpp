// Sort, argsort and unique: the lane kernels (sort of 32/64-bit keys: the AVX-512 quicksort of
// cpu/sort_avx512.cpp where the machine has it and HCARRAY_SIMD allows it; otherwise the radix
// sorts of cpu/sort_radix.cpp for integers and float32/float64 from kRadixMin elements; else
// std::sort / std::stable_sort with NumPy's order, NaNs partitioned out first for real floats) and the drivers that copy each lane
// along the axis into a contiguous buffer, sort it there and write it to a C-contiguous result,
// spreading many lanes over the thread pool.
#include "cpu/sort.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "core/cast.h"
#include "core/parallel.h"
#include "core/registry.h"

namespace hc::cpu {

DType kernel_dtype(DType t) {
  switch (t) {
    case DType::Bool: return DType::UInt8;
    case DType::Float16:
    case DType::BFloat16: return DType::Float32;
    default: return t;
  }
}

Array to_kernel_dtype(const Array& x) {
  if (x.dtype == DType::Bool) {
    Array y = x;
    y.dtype = DType::UInt8;  // same bytes: false = 0 < true = 1
    return y;
  }
  if (x.dtype == DType::Float16 || x.dtype == DType::BFloat16) return astype(x, DType::Float32);
  return x;
}

Array aligned_contiguous(const Array& x) {
  Array c = ascontiguous(x);
  if (!is_aligned(c.data(), c.itemsize())) c = astype(c, c.dtype);  // a new, aligned copy
  return c;
}

namespace {

// The result of a kernel-dtype computation back in the caller's dtype (exact: bool is
// relabelled, float32 values that came from float16/bfloat16 narrow without rounding).
Array from_kernel_dtype(Array y, DType orig) {
  if (y.dtype == orig) return y;
  if (orig == DType::Bool) {
    y.dtype = DType::Bool;
    return y;
  }
  return astype(y, orig);
}

// dst[i * ds] = src[i * ss] for n elements of size isz.
template <int S>
void copy_elems(char* dst, int64_t ds, const char* src, int64_t ss, int64_t n) {
  if (ds == S && ss == S) {
    std::memcpy(dst, src, size_t(n) * S);
    return;
  }
  for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * ds, src + i * ss, S);
}
void copy_strided(char* dst, int64_t ds, const char* src, int64_t ss, int64_t n, int64_t isz) {
  switch (isz) {
    case 1: return copy_elems<1>(dst, ds, src, ss, n);
    case 2: return copy_elems<2>(dst, ds, src, ss, n);
    case 4: return copy_elems<4>(dst, ds, src, ss, n);
    case 8: return copy_elems<8>(dst, ds, src, ss, n);
    case 16: return copy_elems<16>(dst, ds, src, ss, n);
    default: throw ValueError("sort: unsupported item size");
  }
}

// ---- lane kernels ---------------------------------------------------------------------------

template <class T> constexpr bool has_radix() {
  return std::is_integral_v<T> || std::is_floating_point_v<T>;
}

// Lengths that take the AVX-512 quicksort: all from 2 on (it beat the radix sort at every size
// and dtype measured, 16 to 1e7: benchmarks/bench_sort.py --radix, specs/sorting.md).
template <class T> bool use_simd_sort(int64_t n) {
  if constexpr (has_simd_sort<T>()) {
    static const bool on = simd_sort_enabled();
    return on && n >= 2 && n <= (int64_t(1) << 40);
  } else {
    return false;
  }
}

// Integers spanning fewer values than the lane is long (labels, small counts): a counting sort
// (one histogram pass, one write pass) instead of the quicksort. A sample of the first 32
// values rules out wide data before the full min/max pass. src == dst allowed. False: not
// narrow, nothing written.
template <class T>
bool counting_sort(const T* src, T* dst, int64_t n, bool descending) {
  if constexpr (!std::is_integral_v<T> || sizeof(T) < 4) {
    return false;
  } else {
    using U = std::make_unsigned_t<T>;
    if (n < 256 || uint64_t(n) > 0xffffffffu) return false;
    T lo = src[0], hi = src[0];
    for (int64_t i = 1; i < 32; ++i) {
      lo = src[i] < lo ? src[i] : lo;
      hi = src[i] > hi ? src[i] : hi;
    }
    if (U(U(hi) - U(lo)) >= U(n)) return false;
    for (int64_t i = 32; i < n; ++i) {
      lo = src[i] < lo ? src[i] : lo;
      hi = src[i] > hi ? src[i] : hi;
    }
    const U range = U(U(hi) - U(lo));
    if (range >= U(n)) return false;
    const size_t R = size_t(range) + 1;
    std::vector<uint32_t> cnt(R * (R <= 4096 ? 4 : 1), 0);
    int64_t i = 0;
    if (R <= 4096) {
      // Four tables: runs of one value do not wait on one counter's increments.
      uint32_t* c = cnt.data();
      for (; i + 4 <= n; i += 4) {
        ++c[size_t(U(U(src[i]) - U(lo)))];
        ++c[R + size_t(U(U(src[i + 1]) - U(lo)))];
        ++c[2 * R + size_t(U(U(src[i + 2]) - U(lo)))];
        ++c[3 * R + size_t(U(U(src[i + 3]) - U(lo)))];
      }
      for (size_t r = 0; r < R; ++r) c[r] += c[R + r] + c[2 * R + r] + c[3 * R + r];
    }
    for (; i < n; ++i) ++cnt[size_t(U(U(src[i]) - U(lo)))];
    int64_t k = 0;
    for (size_t r = 0; r <= size_t(range); ++r) {
      const size_t b = descending ? size_t(range) - r : r;
      const T v = T(U(U(lo) + U(b)));
      for (uint32_t c = cnt[b]; c > 0; --c) dst[k++] = v;
    }
    return true;
  }
}

template <class T>
void sort_lane(void* vp, int64_t n, bool descending, bool stable, int threads) {
  if (counting_sort(static_cast<const T*>(vp), static_cast<T*>(vp), n, descending)) return;
  if constexpr (has_simd_sort<T>()) {
    if (use_simd_sort<T>(n)) {
      simd_sort(static_cast<const T*>(vp), static_cast<T*>(vp), n, descending, threads);
      return;
    }
  }
  if constexpr (has_radix<T>()) {
    if (n >= kRadixMin && uint64_t(n) <= 0xffffffffu) {
      radix_sort(static_cast<T*>(vp), n, descending, threads);
      return;
    }
  }
  T* b = static_cast<T*>(vp);
  T* e = b + n;
  if constexpr (std::is_floating_point_v<T>) {
    // NaNs to the end (ascending) or the front (descending); the rest compare with plain <.
    // (stable_partition keeps signed zeros in their order for the stable sort that follows.)
    auto is_num = [](T v) { return !std::isnan(v); };
    auto is_nan = [](T v) { return std::isnan(v); };
    if (!descending) e = stable ? std::stable_partition(b, e, is_num) : std::partition(b, e, is_num);
    else b = stable ? std::stable_partition(b, e, is_nan) : std::partition(b, e, is_nan);
    auto lt = [](T x, T y) { return x < y; };
    auto gt = [](T x, T y) { return y < x; };
    if (stable) descending ? std::stable_sort(b, e, gt) : std::stable_sort(b, e, lt);
    else descending ? std::sort(b, e, gt) : std::sort(b, e, lt);
  } else if constexpr (is_complex_v<T>) {
    auto lt = [](const T& x, const T& y) { return Order<T>::less(x, y); };
    auto gt = [](const T& x, const T& y) { return Order<T>::less(y, x); };
    if (stable) descending ? std::stable_sort(b, e, gt) : std::stable_sort(b, e, lt);
    else descending ? std::sort(b, e, gt) : std::sort(b, e, lt);
  } else {
    // Equal integers are indistinguishable: stability is invisible.
    if (descending) std::sort(b, e, [](T x, T y) { return y < x; });
    else std::sort(b, e);
  }
}

template <class T>
void sort_copy_lane(const void* src, void* dst, int64_t n, bool descending, int threads) {
  if (counting_sort(static_cast<const T*>(src), static_cast<T*>(dst), n, descending)) return;
  if constexpr (has_simd_sort<T>())
    simd_sort(static_cast<const T*>(src), static_cast<T*>(dst), n, descending, threads);
}

// Sorts (value, index) pairs with the index as the tie-break, which is the stable order; the
// unstable request gets it too (it costs nothing extra here).
template <class T> struct Keyed {
  T v;
  int64_t i;
};

template <class T>
void argsort_lane(const void* vp, int64_t* idx, int64_t n, bool descending, bool /*stable*/,
                  int threads) {
  if constexpr (has_radix<T>()) {
    if (packed_argsort(static_cast<const T*>(vp), idx, n, descending, threads)) return;
    if (n >= kRadixMin && uint64_t(n) <= 0xffffffffu) {
      radix_argsort(static_cast<const T*>(vp), idx, n, descending, threads);
      return;
    }
  }
  const T* v = static_cast<const T*>(vp);
  std::vector<Keyed<T>> k(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) k[i] = {v[i], i};
  auto b = k.begin(), e = k.end();
  auto by_index = [](const Keyed<T>& x, const Keyed<T>& y) { return x.i < y.i; };
  if constexpr (std::is_floating_point_v<T>) {
    auto nan = [](const Keyed<T>& x) { return std::isnan(x.v); };
    if (!descending) {
      auto mid = std::partition(b, e, [&](const Keyed<T>& x) { return !nan(x); });
      std::sort(mid, e, by_index);
      e = mid;
    } else {
      auto mid = std::partition(b, e, nan);
      std::sort(b, mid, by_index);
      b = mid;
    }
    if (!descending)
      std::sort(b, e, [](const Keyed<T>& x, const Keyed<T>& y) {
        return x.v < y.v || (!(y.v < x.v) && x.i < y.i);
      });
    else
      std::sort(b, e, [](const Keyed<T>& x, const Keyed<T>& y) {
        return y.v < x.v || (!(x.v < y.v) && x.i < y.i);
      });
  } else {
    if (!descending)
      std::sort(b, e, [](const Keyed<T>& x, const Keyed<T>& y) {
        if (Order<T>::less(x.v, y.v)) return true;
        if (Order<T>::less(y.v, x.v)) return false;
        return x.i < y.i;
      });
    else
      std::sort(b, e, [](const Keyed<T>& x, const Keyed<T>& y) {
        if (Order<T>::less(y.v, x.v)) return true;
        if (Order<T>::less(x.v, y.v)) return false;
        return x.i < y.i;
      });
  }
  for (int64_t i = 0; i < n; ++i) idx[i] = k[i].i;
}

// Start of each run of equal values in v[perm[0..n)] (sorted); NaNs never equal anything.
template <class T>
std::vector<int64_t> group_starts(const void* vp, const int64_t* perm, int64_t n) {
  const T* v = static_cast<const T*>(vp);
  std::vector<int64_t> starts;
  for (int64_t k = 0; k < n; ++k)
    if (k == 0 || !Order<T>::equal(v[perm[k - 1]], v[perm[k]])) starts.push_back(k);
  return starts;
}

}  // namespace

SortLane sort_lane_kernel(DType t) {
  return visit_kernel_dtype(t, [](auto tag) -> SortLane {
    return &sort_lane<ctype_t<decltype(tag)::value>>;
  });
}

SortCopyLane sort_copy_lane_kernel(DType t, int64_t n) {
  return visit_kernel_dtype(t, [n](auto tag) -> SortCopyLane {
    using T = ctype_t<decltype(tag)::value>;
    if constexpr (has_simd_sort<T>()) {
      if (use_simd_sort<T>(n)) return &sort_copy_lane<T>;
    }
    return nullptr;
  });
}

ArgsortLane argsort_lane_kernel(DType t) {
  return visit_kernel_dtype(t, [](auto tag) -> ArgsortLane {
    return &argsort_lane<ctype_t<decltype(tag)::value>>;
  });
}

// ---- drivers --------------------------------------------------------------------------------

namespace {

// How the lanes are spread over the pool: over lanes (each lane on one thread) when there are
// enough of them, else lane by lane with the threads inside each lane's sort. Returns the lane
// chunk count (1: serial lanes) and sets `inner` to the threads a lane kernel may use.
int lane_chunks(int64_t nlanes, int64_t n, int& inner) {
  const int T = num_threads();
  inner = 1;
  if (T <= 1) return 1;
  if (nlanes >= 2 * int64_t(T) && nlanes * n >= (int64_t(1) << 15))
    return int(std::min<int64_t>(nlanes, 8 * int64_t(T)));
  inner = T;
  return 1;
}

}  // namespace

Array sort(const Array& x0, int axis, bool descending, bool stable) {
  Array x = to_kernel_dtype(x0);
  Array out = Array::empty(x.shape, x.dtype, x.device(), "sort");
  if (out.size() > 0) {
    SortLane kernel = sort_lane_kernel(x.dtype);
    const int64_t n = x.shape[axis], isz = x.itemsize();
    SortCopyLane copy_kernel = sort_copy_lane_kernel(x.dtype, n);
    const int64_t sx = x.strides[axis], so = out.strides[axis];
    const bool direct = so == isz;  // the result's lanes are contiguous: sort in place there
    const int64_t nlanes = lane_count(x, axis);
    int inner = 1;
    const int chunks = lane_chunks(nlanes, n, inner);
    auto lanes = [&](int64_t first, int64_t last, int) {
      std::vector<char> buf(direct ? 0 : static_cast<size_t>(n * isz));
      for_lane_range(x, out, axis, first, last, [&](int64_t, const char* px, char* po) {
        char* dst = direct ? po : buf.data();
        if (copy_kernel && sx == isz && is_aligned(px, isz)) {
          copy_kernel(px, dst, n, descending, inner);  // the copy fused with the first pass
        } else {
          copy_strided(dst, isz, px, sx, n, isz);
          kernel(dst, n, descending, stable, inner);
        }
        if (!direct) copy_strided(po, so, dst, isz, n, isz);
      });
    };
    if (chunks > 1) parallel_for(nlanes, 1, chunks, lanes);
    else lanes(0, nlanes, 0);
  }
  return from_kernel_dtype(out, x0.dtype);
}

Array argsort(const Array& x0, int axis, bool descending, bool stable) {
  Array x = to_kernel_dtype(x0);
  Array out = Array::empty(x.shape, DType::Int64, x.device(), "argsort");
  if (out.size() > 0) {
    ArgsortLane kernel = argsort_lane_kernel(x.dtype);
    const int64_t n = x.shape[axis], isz = x.itemsize();
    const int64_t sx = x.strides[axis], so = out.strides[axis];
    const bool direct = so == 8;
    const int64_t nlanes = lane_count(x, axis);
    int inner = 1;
    const int chunks = lane_chunks(nlanes, n, inner);
    auto lanes = [&](int64_t first, int64_t last, int) {
      std::vector<char> vals;
      std::vector<int64_t> idx(direct ? 0 : static_cast<size_t>(n));
      for_lane_range(x, out, axis, first, last, [&](int64_t, const char* px, char* po) {
        const char* src = px;
        if (sx != isz || !is_aligned(px, isz)) {
          vals.resize(static_cast<size_t>(n * isz));
          copy_strided(vals.data(), isz, px, sx, n, isz);
          src = vals.data();
        }
        int64_t* dst = direct ? reinterpret_cast<int64_t*>(po) : idx.data();
        kernel(src, dst, n, descending, stable, inner);
        if (!direct) copy_strided(po, so, reinterpret_cast<const char*>(dst), 8, n, 8);
      });
    };
    if (chunks > 1) parallel_for(nlanes, 1, chunks, lanes);
    else lanes(0, nlanes, 0);
  }
  return out;
}

UniqueResult unique(const Array& x0, bool want_indices, bool want_inverse, bool want_counts) {
  Array x = aligned_contiguous(to_kernel_dtype(x0));
  const int64_t n = x.size(), isz = x.itemsize();
  Device dev = x.device();
  if (!want_indices && !want_inverse) {
    // Values (and counts) only: sort the values themselves (no permutation), then keep the
    // first of each run of equal values (the sort is the stable one, so -0/+0 runs keep the
    // first occurrence's sign, as the argsort path does).
    Array sorted = Array::empty({n}, x.dtype, dev, "unique");
    if (n > 0) {
      SortCopyLane ck = sort_copy_lane_kernel(x.dtype, n);
      if (ck) {
        ck(x.data(), sorted.data(), n, false, num_threads());
      } else {
        std::memcpy(sorted.data(), x.data(), size_t(n * isz));
        sort_lane_kernel(x.dtype)(sorted.data(), n, false, true, num_threads());
      }
    }
    UniqueResult r;
    visit_kernel_dtype(x.dtype, [&](auto tag) {
      using T = ctype_t<decltype(tag)::value>;
      T* v = reinterpret_cast<T*>(sorted.data());
      std::vector<int64_t> cnt;
      int64_t m = 0;
      for (int64_t k = 0; k < n; ++k) {
        if (m > 0 && Order<T>::equal(v[m - 1], v[k])) {
          if (want_counts) ++cnt.back();
          continue;
        }
        v[m++] = v[k];
        if (want_counts) cnt.push_back(1);
      }
      Array values = Array::empty({m}, x.dtype, dev, "unique");
      if (m > 0) std::memcpy(values.data(), v, size_t(m * isz));
      r.values = from_kernel_dtype(values, x0.dtype);
      if (want_counts) {
        r.counts = Array::empty({m}, DType::Int64, dev, "unique");
        if (m > 0) std::memcpy(r.counts.data(), cnt.data(), size_t(m) * 8);
      }
    });
    return r;
  }
  std::vector<int64_t> perm(static_cast<size_t>(n));
  if (n > 0) argsort_lane_kernel(x.dtype)(x.data(), perm.data(), n, false, true, num_threads());
  std::vector<int64_t> starts = visit_kernel_dtype(x.dtype, [&](auto tag) {
    return group_starts<ctype_t<decltype(tag)::value>>(x.data(), perm.data(), n);
  });
  const int64_t m = starts.size();
  UniqueResult r;
  Array values = Array::empty({m}, x.dtype, dev, "unique");
  for (int64_t g = 0; g < m; ++g)
    std::memcpy(values.data() + g * isz, x.data() + perm[starts[g]] * isz, size_t(isz));
  r.values = from_kernel_dtype(values, x0.dtype);
  if (want_indices) {
    r.indices = Array::empty({m}, DType::Int64, dev, "unique");
    auto* p = reinterpret_cast<int64_t*>(r.indices.data());
    for (int64_t g = 0; g < m; ++g) p[g] = perm[starts[g]];  // stable: the first occurrence
  }
  if (want_inverse) {
    r.inverse = Array::empty(x0.shape, DType::Int64, dev, "unique");
    auto* p = reinterpret_cast<int64_t*>(r.inverse.data());
    for (int64_t g = 0; g < m; ++g) {
      int64_t end = g + 1 < m ? starts[g + 1] : n;
      for (int64_t k = starts[g]; k < end; ++k) p[perm[k]] = g;
    }
  }
  if (want_counts) {
    r.counts = Array::empty({m}, DType::Int64, dev, "unique");
    auto* p = reinterpret_cast<int64_t*>(r.counts.data());
    for (int64_t g = 0; g < m; ++g) p[g] = (g + 1 < m ? starts[g + 1] : n) - starts[g];
  }
  return r;
}

}  // namespace hc::cpu
