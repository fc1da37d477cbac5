// Reduction kernels: sum (pairwise for floating point), prod, max, min, any, all.
#include <cmath>
#include <complex>
#include <limits>
#include <type_traits>

#include "core/cast.h"
#include "core/iter.h"
#include "core/parallel.h"
#include "core/reduce.h"
#include "cpu/kernels.h"
#include "cpu/reduce_simd.h"

namespace hc::cpu {
namespace {

template <class T> inline T load(const char* p) { return *reinterpret_cast<const T*>(p); }

// Pairwise summation of n strided elements: error grows as O(log n) ulp instead of O(n).
// Runs of at most 128 elements are summed as NumPy sums them (sequentially below 8 elements,
// else into 8 interleaved partial sums combined as a tree, then the tail one by one), so small
// sums print the same digits as NumPy's. Longer contiguous runs are halved down to leaves of
// at most 16 * K elements with K = 128 / sizeof(T) partial sums (32 for float32: enough
// independent vector additions in flight that the sum runs at memory speed), each taking 16
// elements (15 roundings, the first addition to 0 being exact) and the tail spread one element
// per partial sum (1 more), combined as a tree (log2 K <= 5): at most 21 roundings per leaf,
// within the 25 that specs/reductions.md's bound allows.
template <class T>
T numpy_block_sum(const T* a, int64_t n) {
  if (n < 8) {
    T r = T(0);
    for (int64_t i = 0; i < n; ++i) r += a[i];
    return r;
  }
  T acc[8] = {a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]};
  int64_t i = 8;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) acc[k] += a[i + k];
  T r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) r += a[i];
  return r;
}

template <class T>
T wide_pairwise_sum(const T* a, int64_t n) {
  constexpr int K = sizeof(T) >= 16 ? 8 : int(128 / sizeof(T));
  if (n <= 16 * K) {
    T acc[K] = {};
    int64_t i = 0;
    for (; i + K <= n; i += K)
      for (int k = 0; k < K; ++k) acc[k] += a[i + k];
    for (int k = 0; i + k < n; ++k) acc[k] += a[i + k];
    for (int w = K / 2; w >= 1; w /= 2)
      for (int k = 0; k < w; ++k) acc[k] = acc[k] + acc[k + w];
    return acc[0];
  }
  int64_t half = (n / 2) & ~int64_t(K - 1);
  return wide_pairwise_sum(a, half) + wide_pairwise_sum(a + half, n - half);
}

template <class T>
T pairwise_sum_contiguous(const T* a, int64_t n) {
  return n <= 128 ? numpy_block_sum(a, n) : wide_pairwise_sum(a, n);
}

template <class T>
T pairwise_sum(const char* a, int64_t s, int64_t n) {
  if (s == int64_t(sizeof(T))) return pairwise_sum_contiguous(reinterpret_cast<const T*>(a), n);
  if (n <= 128) {
    T acc[8] = {};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k) acc[k] += load<T>(a + (i + k) * s);
    T r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) r += load<T>(a + i * s);
    return r;
  }
  int64_t half = (n / 2) & ~int64_t(7);
  return pairwise_sum<T>(a, s, half) + pairwise_sum<T>(a + half * s, s, n - half);
}

// The same summation trees as numpy_block_sum / wide_pairwise_sum / pairwise_sum above, over
// the values f(o), f(o + 1), ... of a virtual array of T (the element read and transformed on
// the fly: NaN as 0 for nansum, (x - mean)^2 for var), so a fused kernel gives the bits of the
// sum of the materialised array.
template <class T, class F>
T pw_block(const F& f, int64_t o, int64_t n) {
  if (n < 8) {
    T r = T(0);
    for (int64_t i = 0; i < n; ++i) r += f(o + i);
    return r;
  }
  T acc[8] = {f(o), f(o + 1), f(o + 2), f(o + 3), f(o + 4), f(o + 5), f(o + 6), f(o + 7)};
  int64_t i = 8;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) acc[k] += f(o + i + k);
  T r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) r += f(o + i);
  return r;
}

template <class T, class F>
T pw_wide(const F& f, int64_t o, int64_t n) {
  constexpr int K = sizeof(T) >= 16 ? 8 : int(128 / sizeof(T));
  if (n <= 16 * K) {
    T acc[K] = {};
    int64_t i = 0;
    for (; i + K <= n; i += K)
      for (int k = 0; k < K; ++k) acc[k] += f(o + i + k);
    for (int k = 0; i + k < n; ++k) acc[k] += f(o + i + k);
    for (int w = K / 2; w >= 1; w /= 2)
      for (int k = 0; k < w; ++k) acc[k] = acc[k] + acc[k + w];
    return acc[0];
  }
  int64_t half = (n / 2) & ~int64_t(K - 1);
  return pw_wide<T>(f, o, half) + pw_wide<T>(f, o + half, n - half);
}

template <class T, class F>
T pw_contig(const F& f, int64_t n) {
  return n <= 128 ? pw_block<T>(f, 0, n) : pw_wide<T>(f, 0, n);
}

template <class T, class F>
T pw_strided(const F& f, int64_t o, int64_t n) {
  if (n <= 128) {
    T acc[8] = {};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k) acc[k] += f(o + i + k);
    T r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) r += f(o + i);
    return r;
  }
  int64_t half = (n / 2) & ~int64_t(7);
  return pw_strided<T>(f, o, half) + pw_strided<T>(f, o + half, n - half);
}

template <class T> inline bool is_nan_value(const T& v) {
  if constexpr (is_complex_v<T>) return std::isnan(v.real()) || std::isnan(v.imag());
  else return std::isnan(v);
}

// nansum: NaN (complex: either part NaN) counts as 0, the sum of NumPy's nansum (np.sum of the
// array with NaNs replaced by zeros), with sum's summation trees.
template <class T>
void nansum_loop(char** p, const int64_t* s, int64_t n, const void*) {
  if (s[0] == 0) {
    T& acc = *reinterpret_cast<T*>(p[0]);
    const char* a = p[1];
    const int64_t st = s[1];
    if (st == int64_t(sizeof(T))) {
      const T* t = reinterpret_cast<const T*>(a);
      acc += pw_contig<T>([t](int64_t i) { const T v = t[i]; return is_nan_value(v) ? T(0) : v; }, n);
    } else {
      acc += pw_strided<T>([a, st](int64_t i) {
        const T v = load<T>(a + i * st);
        return is_nan_value(v) ? T(0) : v;
      }, 0, n);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    const T v = load<T>(p[1] + i * s[1]);
    if (!is_nan_value(v)) *reinterpret_cast<T*>(p[0] + i * s[0]) += v;
  }
}

template <class T>
void sum_loop(char** p, const int64_t* s, int64_t n, const void*) {
  if (s[0] == 0) {
    T& acc = *reinterpret_cast<T*>(p[0]);
    if constexpr (std::is_floating_point_v<T> || is_complex_v<T>) {
      acc += pairwise_sum<T>(p[1], s[1], n);
    } else {
      using U = std::conditional_t<std::is_same_v<T, bool>, bool, std::make_unsigned_t<T>>;
      if constexpr (sizeof(T) == 8) {
        if (s[1] == 8) {  // vectorised, modulo 2^64 (cpu/reduce_simd_impl.h)
          acc = T(U(acc) + U(reduce_simd().sum_u64[int(std::is_signed_v<T> ? DType::Int64 : DType::UInt64)](p[1], n)));
          return;
        }
      }
      U r = U(acc);
      for (int64_t i = 0; i < n; ++i) r = U(r + U(load<T>(p[1] + i * s[1])));
      acc = T(r);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    T& o = *reinterpret_cast<T*>(p[0] + i * s[0]);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      using U = std::make_unsigned_t<T>;
      o = T(U(o) + U(load<T>(p[1] + i * s[1])));
    } else {
      o += load<T>(p[1] + i * s[1]);
    }
  }
}

// Sum/prod loops that read In (bool as 0/1) and fold it into a wider accumulator A (int64 or
// uint64: modulo 2^64; float64: the pairwise sum with the additions of the float64 loop on a
// converted copy). Contiguous runs into one accumulator use the vectorised kernels of
// cpu/reduce_simd_impl.h.
template <class In, class A>
inline A widen(const char* p) {
  if constexpr (std::is_same_v<In, bool>) return A(*reinterpret_cast<const uint8_t*>(p) != 0);
  else return A(load<In>(p));
}

template <class In>
double pairwise_sum_f64(const char* a, int64_t s, int64_t n, DType d) {
  if (s == int64_t(sizeof(In))) return reduce_simd().sum_f64[int(d)](a, n);
  if (sizeof(In) <= 4 && n <= (int64_t(1) << 21)) {
    // Every partial sum is an exact integer below 2^53 (see exact_run in
    // cpu/reduce_simd_impl.h): the pairwise float64 sum equals the integer sum.
    int64_t r = 0;
    for (int64_t i = 0; i < n; ++i) r += widen<In, int64_t>(a + i * s);
    return double(r);
  }
  if (n <= 128) {
    double acc[8] = {};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k) acc[k] += widen<In, double>(a + (i + k) * s);
    double r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) r += widen<In, double>(a + i * s);
    return r;
  }
  int64_t half = (n / 2) & ~int64_t(7);
  return pairwise_sum_f64<In>(a, s, half, d) + pairwise_sum_f64<In>(a + half * s, s, n - half, d);
}

template <DType DI, DType DA, bool Sum>
void widen_loop(char** p, const int64_t* s, int64_t n, const void*) {
  using In = ctype_t<DI>;
  using A = ctype_t<DA>;
  if constexpr (std::is_floating_point_v<A>) {
    static_assert(Sum);
    if (s[0] == 0) {
      *reinterpret_cast<A*>(p[0]) += pairwise_sum_f64<In>(p[1], s[1], n, DI);
      return;
    }
    for (int64_t i = 0; i < n; ++i) *reinterpret_cast<A*>(p[0] + i * s[0]) += widen<In, A>(p[1] + i * s[1]);
  } else {
    if (s[0] == 0) {
      uint64_t& acc = *reinterpret_cast<uint64_t*>(p[0]);
      if (s[1] == int64_t(sizeof(In))) {
        acc = Sum ? acc + reduce_simd().sum_u64[int(DI)](p[1], n) : acc * reduce_simd().prod_u64[int(DI)](p[1], n);
        return;
      }
      uint64_t r = acc;
      for (int64_t i = 0; i < n; ++i) {
        const uint64_t v = widen<In, uint64_t>(p[1] + i * s[1]);
        r = Sum ? r + v : r * v;
      }
      acc = r;
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      uint64_t& o = *reinterpret_cast<uint64_t*>(p[0] + i * s[0]);
      const uint64_t v = widen<In, uint64_t>(p[1] + i * s[1]);
      o = Sum ? o + v : o * v;
    }
  }
}

template <class T>
void prod_loop(char** p, const int64_t* s, int64_t n, const void*) {
  if (s[0] == 0) {
    // One accumulator: kept in a register (not stored and reloaded per element), multiplied
    // in order as NumPy's multiply.reduce does (floats: the same roundings).
    T& acc = *reinterpret_cast<T*>(p[0]);
    if constexpr (std::is_integral_v<T>) {
      using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
      if constexpr (sizeof(T) == 8) {
        if (s[1] == 8) {  // independent products, vectorised (modulo 2^64: any order)
          acc = T(U(acc) * U(reduce_simd().prod_u64[int(std::is_signed_v<T> ? DType::Int64 : DType::UInt64)](p[1], n)));
          return;
        }
      }
      U r = U(acc);
      for (int64_t i = 0; i < n; ++i) r = U(r * U(load<T>(p[1] + i * s[1])));
      acc = T(r);
    } else {
      T r = acc;
      for (int64_t i = 0; i < n; ++i) r *= load<T>(p[1] + i * s[1]);
      acc = r;
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    T& o = *reinterpret_cast<T*>(p[0] + i * s[0]);
    if constexpr (std::is_integral_v<T>) {
      // At least unsigned int wide, so 16-bit products do not overflow a promoted int.
      using U = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
      o = T(U(o) * U(load<T>(p[1] + i * s[1])));
    } else {
      o *= load<T>(p[1] + i * s[1]);
    }
  }
}

// max/min propagate NaN, as NumPy's np.max does.
template <DType D, bool Max>
void extreme_loop(char** p, const int64_t* s, int64_t n, const void*) {
  using T = ctype_t<D>;
  if (s[0] == 0 && s[1] == int64_t(sizeof(T)) && n >= 1) {
    // One accumulator, a contiguous run: the vectorised kernel (cpu/reduce_simd_impl.h) gives
    // the run's extreme, NaN if it has one; a NaN accumulator stays.
    T& o = *reinterpret_cast<T*>(p[0]);
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(o)) return;
    T r;
    (Max ? reduce_simd().max[int(D)] : reduce_simd().min[int(D)])(p[1], n, &r);
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(r)) {
        o = r;
        return;
      }
    if (Max ? r > o : r < o) o = r;
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    T& o = *reinterpret_cast<T*>(p[0] + i * s[0]);
    T v = load<T>(p[1] + i * s[1]);
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(o)) continue;
      if (std::isnan(v)) { o = v; continue; }
    }
    if (Max ? v > o : v < o) o = v;
  }
}

template <class T, bool Any>
void bool_loop(char** p, const int64_t* s, int64_t n, const void*) {
  for (int64_t i = 0; i < n; ++i) {
    bool& o = *reinterpret_cast<bool*>(p[0] + i * s[0]);
    bool v = cast_value<bool>(load<T>(p[1] + i * s[1]));
    o = Any ? (o || v) : (o && v);
  }
}


template <DType... Ds, class F> void each(F f) { (f(std::integral_constant<DType, Ds>{}), ...); }
template <DType D> constexpr size_t itemsize_of() { return sizeof(ctype_t<D>); }

}  // namespace

namespace {

// The sum of f(0), ..., f(L - 1) as dispatch_reduce computes a reduction to one output: one
// pairwise run, or (`chunked`: run_reduction's rule for large inputs) kOneOutputChunks = 16
// fixed chunks, each summed into its own partial from 0, the partials folded as sum_loop
// folds them (partial 0, plus the block sum of the other 15). The same bits as the reduction
// of the materialised array on any number of threads.
template <class T, class F>
T reduction_sum(const F& f, int64_t L, bool chunked) {
  if (!chunked) return T(0) + pw_contig<T>(f, L);
  constexpr int64_t P = 16;
  const int64_t chunk = (L + P - 1) / P;
  T part[P];
  parallel_for(P, 1, num_threads(), [&](int64_t b, int64_t e, int) {
    for (int64_t c = b; c < e; ++c) {
      const int64_t lo = c * chunk, hi = lo + chunk < L ? lo + chunk : L;
      part[c] = hi > lo ? T(0) + pw_contig<T>([&f, lo](int64_t i) { return f(lo + i); }, hi - lo)
                        : T(0);
    }
  });
  return part[0] + numpy_block_sum(part + 1, P - 1);
}

template <class T>
void moments_rows(const T* x, int64_t R, int64_t L, double correction, bool sd, T* out) {
  const bool chunked = R == 1 && L * 8 >= parallel_threshold_bytes();
  const double denom = double(L) - correction;
  auto row = [&](int64_t r) {
    const T* a = x + r * L;
    // The mean: a float64 pairwise sum (float32 values converted exactly), divided in float64,
    // rounded once to T.
    const double s = reduction_sum<double>([a](int64_t i) { return double(a[i]); }, L, chunked);
    const T m = T(s / double(L));
    // The sum of squared deviations in T, each deviation and square rounded to T.
    const T ss = reduction_sum<T>([a, m](int64_t i) {
      const T d = a[i] - m;
      return T(d * d);
    }, L, chunked);
    T v = denom > 0 ? T(ss / T(denom)) : std::numeric_limits<T>::quiet_NaN();
    if (sd) v = std::sqrt(v);
    out[r] = v;
  };
  if (R > 1 && R * L * int64_t(sizeof(T)) >= parallel_threshold_bytes() && num_threads() > 1)
    parallel_for(R, 1, num_threads(), [&](int64_t b, int64_t e, int) {
      for (int64_t r = b; r < e; ++r) row(r);
    });
  else
    for (int64_t r = 0; r < R; ++r) row(r);
}

}  // namespace

bool moments(const Array& x, int nred, double correction, bool sd, Array* out) {
  if (x.device().unit != Unit::CPU || (x.dtype != DType::Float32 && x.dtype != DType::Float64))
    return false;
  const int nd = x.ndim();
  if (nred < 1 || nred > nd || !x.is_c_contiguous()) return false;
  int64_t R = 1, L = 1;
  Dims kept;
  for (int i = 0; i < nd; ++i) {
    if (i < nd - nred) {
      R *= x.shape[i];
      kept.push_back(x.shape[i]);
    } else {
      L *= x.shape[i];
    }
  }
  if (R == 0 || L == 0) return false;
  *out = Array::empty(kept, x.dtype, x.device(), sd ? "std" : "var");
  if (x.dtype == DType::Float32)
    moments_rows(reinterpret_cast<const float*>(x.data()), R, L, correction, sd,
                 reinterpret_cast<float*>(out->data()));
  else
    moments_rows(reinterpret_cast<const double*>(x.data()), R, L, correction, sd,
                 reinterpret_cast<double*>(out->data()));
  return true;
}

void register_reduce() {
  int sum = reduce_op_id("sum", ReduceInit::Zero);
  int prod = reduce_op_id("prod", ReduceInit::One);
  int max = reduce_op_id("max", ReduceInit::First);
  int min = reduce_op_id("min", ReduceInit::First);
  int any = reduce_op_id("any", ReduceInit::Zero);
  int all = reduce_op_id("all", ReduceInit::One);
  auto numeric = [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using T = ctype_t<D>;
    register_reduce_loop(sum, Unit::CPU, D, &sum_loop<T>);
    register_reduce_loop(prod, Unit::CPU, D, &prod_loop<T>);
    register_reduce_outer(sum, D, reduce_simd().outer_sum[int(D)]);
    register_reduce_outer(prod, D, reduce_simd().outer_prod[int(D)]);
  };
  each<DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::UInt8, DType::UInt16,
       DType::UInt32, DType::UInt64, DType::Float32, DType::Float64, DType::Complex64,
       DType::Complex128>(numeric);
  auto ordered = [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using T = ctype_t<D>;
    register_reduce_loop(max, Unit::CPU, D, &extreme_loop<D, true>);
    register_reduce_loop(min, Unit::CPU, D, &extreme_loop<D, false>);
    register_reduce_outer(max, D, reduce_simd().outer_max[int(D)]);
    register_reduce_outer(min, D, reduce_simd().outer_min[int(D)]);
  };
  each<DType::Bool, DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::UInt8,
       DType::UInt16, DType::UInt32, DType::UInt64, DType::Float32, DType::Float64>(ordered);
  // Inputs narrower than the accumulator, read without a converted copy.
  auto narrow = [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    const ReduceSimd& k = reduce_simd();
    register_reduce_mixed(sum, D, DType::Float64, &widen_loop<D, DType::Float64, true>, k.outer_sum_f64[int(D)]);
    if constexpr (itemsize_of<D>() <= 4) {
      register_reduce_mixed(sum, D, DType::Int64, &widen_loop<D, DType::Int64, true>, k.outer_sum_u64[int(D)]);
      register_reduce_mixed(sum, D, DType::UInt64, &widen_loop<D, DType::UInt64, true>, k.outer_sum_u64[int(D)]);
      register_reduce_mixed(prod, D, DType::Int64, &widen_loop<D, DType::Int64, false>, k.outer_prod_u64[int(D)]);
      register_reduce_mixed(prod, D, DType::UInt64, &widen_loop<D, DType::UInt64, false>, k.outer_prod_u64[int(D)]);
    }
  };
  each<DType::Bool, DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::UInt8,
       DType::UInt16, DType::UInt32, DType::UInt64>(narrow);
  int nansum = reduce_op_id("nansum", ReduceInit::Zero);
  register_reduce_loop(nansum, Unit::CPU, DType::Float32, &nansum_loop<float>);
  register_reduce_loop(nansum, Unit::CPU, DType::Float64, &nansum_loop<double>);
  register_reduce_loop(nansum, Unit::CPU, DType::Complex64, &nansum_loop<std::complex<float>>);
  register_reduce_loop(nansum, Unit::CPU, DType::Complex128, &nansum_loop<std::complex<double>>);
  // any/all reduce into a bool accumulator; the input is cast to bool first.
  register_reduce_loop(any, Unit::CPU, DType::Bool, &bool_loop<bool, true>);
  register_reduce_loop(all, Unit::CPU, DType::Bool, &bool_loop<bool, false>);
}

}  // namespace hc::cpu
