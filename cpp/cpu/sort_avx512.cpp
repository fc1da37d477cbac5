// AVX-512 quicksort lane kernels for 32- and 64-bit keys (float, int32, uint32, double, int64,
// uint64); declared in cpu/sort.h, chosen by cpu/sort.cpp. x86-64 only; elsewhere the entry
// points report "not available" and the radix sorts run.
//
// Algorithm (written for hcarray; specs/sorting.md):
// - Floats: one pre-pass moves the NaNs out (their bit patterns kept, in input order, in a side
//   buffer) and records the bits of every zero in input order. The rest is sorted as numbers
//   (-0 == +0), then the zero run is rewritten with the recorded zeros (only when both signs
//   occur) and the NaNs go to the end (or the front, descending) in input order: the result is
//   bit for bit the stable sort's.
// - Quicksort: pivot = median of a sorted sample (16 elements; 512/256 for the first split
//   on two threads); an in-place vectorised partition into `< pivot | >= pivot` that keeps K = 8
//   vectors from each end in registers, then always reads the next K from the side with less
//   free space and compress-stores each vector's `<` lanes at the left cursor and its `>=`
//   lanes below the right one (64-bit keys: one permutation from a 256-entry table puts the
//   `<` lanes first and the `>=` lanes last, and the whole vector is stored at both cursors,
//   the other lanes landing in free space; cheaper than two compress-stores) (nothing is
//   overwritten before it is read); the saved vectors
//   and a masked tail fill the gap last. The partition also tracks the overall max:
//   when the max is the pivot the `>=` side is all equal and is not recursed into; when
//   nothing is below the pivot (it is the minimum) the range is split at the next value above
//   the pivot instead, which puts the pivot's copies aside for good.
// - Partitions of up to 32 vectors (512 32-bit / 256 64-bit elements) are sorted in
//   registers (masked loads padded with the type's maximum, masked stores): up to 8 vectors
//   (4 for 64-bit) by in-register bitonic networks; 16 or 32 vectors (8, 16 or 32 for 64-bit)
//   by a column network: the columns (one lane across the registers) sorted by an odd-even
//   merge network of plain min/max, then merged across lanes by bitonic stages whose first
//   step is mirrored (every comparator puts the minimum first), then N x N transposes.
// - Depth limit 2*log2(n) (HCARRAY_SORT_MAX_DEPTH lowers it, for tests): then std::sort
//   (introsort, O(n log n)) on that range.
// - Threads: with 2+ threads and at least 128K elements, the first partition runs on two
//   threads (one half each, then the misplaced blocks swapped); then both threads sort the
//   sides, sharing the work through a stack of ranges (a thread splits its range, keeps the
//   smaller side and leaves the larger to whichever thread is free), so a thread slowed down
//   by another process on its core does less of the work.
// - Descending: sort ascending, reverse (ties are indistinguishable except zeros, rewritten
//   again in input order), NaNs first in input order.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <vector>

#include "core/parallel.h"
#include "cpu/sort.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace hc::cpu {

#if defined(__x86_64__)

namespace {

bool cpu_has_avx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}

bool choose_enabled() {
  if (const char* env = std::getenv("HCARRAY_SIMD"))
    if (std::strcmp(env, "avx512") != 0) return false;
  return cpu_has_avx512();
}

}  // namespace

bool simd_sort_enabled() {
  static const bool on = choose_enabled();
  return on;
}

// Everything from here to the matching pop_options may use AVX-512 (every function defined in
// this region carries target("avx512f,avx512dq,avx512bw,avx512vl"), exactly as if written on
// each); it runs only after simd_sort_enabled() said yes.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl")

namespace {

#define HC_INLINE inline __attribute__((always_inline))

// ---- vector traits: every key type lives in __m512i; comparisons per type ----------------------

struct W32 {
  static constexpr int N = 16;
  using M = __mmask16;
  static HC_INLINE __m512i loadu(const void* p) { return _mm512_loadu_si512(p); }
  static HC_INLINE __m512i mask_loadu(__m512i src, M m, const void* p) {
    return _mm512_mask_loadu_epi32(src, m, p);
  }
  static HC_INLINE void storeu(void* p, __m512i v) { _mm512_storeu_si512(p, v); }
  static HC_INLINE void mask_storeu(void* p, M m, __m512i v) { _mm512_mask_storeu_epi32(p, m, v); }
  static HC_INLINE void compress_store(void* p, M m, __m512i v) {
    _mm512_mask_compressstoreu_epi32(p, m, v);
  }
  static HC_INLINE M first(int k) { return M((1u << k) - 1u); }  // k in [0, 16]
  static HC_INLINE __m512i reverse(__m512i v) {
    const __m512i idx = _mm512_set_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    return _mm512_permutexvar_epi32(idx, v);
  }
  // v with lane i swapped with lane i ^ J.
  template <int J> static HC_INLINE __m512i xor_lanes(__m512i v) {
    if constexpr (J == 1) return _mm512_shuffle_epi32(v, _MM_PERM_CDAB);
    else if constexpr (J == 2) return _mm512_shuffle_epi32(v, _MM_PERM_BADC);
    else if constexpr (J == 4) return _mm512_shuffle_i64x2(v, v, 0xB1);
    else return _mm512_shuffle_i64x2(v, v, 0x4E);
  }
};

struct W64 {
  static constexpr int N = 8;
  using M = __mmask8;
  static HC_INLINE __m512i loadu(const void* p) { return _mm512_loadu_si512(p); }
  static HC_INLINE __m512i mask_loadu(__m512i src, M m, const void* p) {
    return _mm512_mask_loadu_epi64(src, m, p);
  }
  static HC_INLINE void storeu(void* p, __m512i v) { _mm512_storeu_si512(p, v); }
  static HC_INLINE void mask_storeu(void* p, M m, __m512i v) { _mm512_mask_storeu_epi64(p, m, v); }
  static HC_INLINE void compress_store(void* p, M m, __m512i v) {
    _mm512_mask_compressstoreu_epi64(p, m, v);
  }
  static HC_INLINE M first(int k) { return M((1u << k) - 1u); }  // k in [0, 8]
  static HC_INLINE __m512i reverse(__m512i v) {
    const __m512i idx = _mm512_set_epi64(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm512_permutexvar_epi64(idx, v);
  }
  template <int J> static HC_INLINE __m512i xor_lanes(__m512i v) {
    if constexpr (J == 1) return _mm512_shuffle_epi32(v, _MM_PERM_BADC);
    else if constexpr (J == 2) return _mm512_shuffle_i64x2(v, v, 0xB1);
    else return _mm512_shuffle_i64x2(v, v, 0x4E);
  }
};

template <class T> struct Vec;

#define HC_CMP_TRAITS(T, W, MIN, MAX, MMIN, MMAX, LT, SET1, CASTI, CASTV, TOP, BOTTOM)      \
  template <> struct Vec<T> : W {                                                           \
    using W::M;                                                                             \
    static HC_INLINE __m512i min(__m512i a, __m512i b) { return CASTI(MIN(CASTV(a), CASTV(b))); } \
    static HC_INLINE __m512i max(__m512i a, __m512i b) { return CASTI(MAX(CASTV(a), CASTV(b))); } \
    static HC_INLINE __m512i mask_min(__m512i s, M m, __m512i a, __m512i b) {              \
      return CASTI(MMIN(CASTV(s), m, CASTV(a), CASTV(b)));                                 \
    }                                                                                       \
    static HC_INLINE __m512i mask_max(__m512i s, M m, __m512i a, __m512i b) {              \
      return CASTI(MMAX(CASTV(s), m, CASTV(a), CASTV(b)));                                 \
    }                                                                                       \
    static HC_INLINE M lt(__m512i a, __m512i b) { return LT(CASTV(a), CASTV(b)); }         \
    static HC_INLINE __m512i set1(T x) { return CASTI(SET1(x)); }                          \
    static constexpr T top() { return TOP; }                                                \
    static constexpr T bottom() { return BOTTOM; }                                          \
  };

#define HC_ID(x) (x)
#define HC_LT_PS(a, b) _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ)
#define HC_LT_PD(a, b) _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ)
#define HC_LT_EPI32(a, b) _mm512_cmp_epi32_mask(a, b, _MM_CMPINT_LT)
#define HC_LT_EPU32(a, b) _mm512_cmp_epu32_mask(a, b, _MM_CMPINT_LT)
#define HC_LT_EPI64(a, b) _mm512_cmp_epi64_mask(a, b, _MM_CMPINT_LT)
#define HC_LT_EPU64(a, b) _mm512_cmp_epu64_mask(a, b, _MM_CMPINT_LT)
#define HC_SET1_U32(x) _mm512_set1_epi32(int(x))
#define HC_SET1_U64(x) _mm512_set1_epi64((long long)(x))

HC_CMP_TRAITS(float, W32, _mm512_min_ps, _mm512_max_ps, _mm512_mask_min_ps, _mm512_mask_max_ps,
              HC_LT_PS, _mm512_set1_ps, _mm512_castps_si512, _mm512_castsi512_ps,
              std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity())
HC_CMP_TRAITS(double, W64, _mm512_min_pd, _mm512_max_pd, _mm512_mask_min_pd, _mm512_mask_max_pd,
              HC_LT_PD, _mm512_set1_pd, _mm512_castpd_si512, _mm512_castsi512_pd,
              std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity())
HC_CMP_TRAITS(int32_t, W32, _mm512_min_epi32, _mm512_max_epi32, _mm512_mask_min_epi32,
              _mm512_mask_max_epi32, HC_LT_EPI32, HC_SET1_U32, HC_ID, HC_ID, INT32_MAX, INT32_MIN)
HC_CMP_TRAITS(uint32_t, W32, _mm512_min_epu32, _mm512_max_epu32, _mm512_mask_min_epu32,
              _mm512_mask_max_epu32, HC_LT_EPU32, HC_SET1_U32, HC_ID, HC_ID, UINT32_MAX, 0u)
HC_CMP_TRAITS(int64_t, W64, _mm512_min_epi64, _mm512_max_epi64, _mm512_mask_min_epi64,
              _mm512_mask_max_epi64, HC_LT_EPI64, HC_SET1_U64, HC_ID, HC_ID, INT64_MAX, INT64_MIN)
HC_CMP_TRAITS(uint64_t, W64, _mm512_min_epu64, _mm512_max_epu64, _mm512_mask_min_epu64,
              _mm512_mask_max_epu64, HC_LT_EPU64, HC_SET1_U64, HC_ID, HC_ID, UINT64_MAX,
              uint64_t(0))

template <class T> HC_INLINE T hmax(__m512i v) {
  alignas(64) T buf[64 / sizeof(T)];
  _mm512_store_si512(buf, v);
  T m = buf[0];
  for (size_t i = 1; i < 64 / sizeof(T); ++i) m = m < buf[i] ? buf[i] : m;
  return m;
}

// 64-bit integer min/max issue on one port only here; a compare and two blends spread over two.
template <class T> constexpr bool kBlendMinMax = std::is_integral_v<T> && sizeof(T) == 8;

// lo = min(a, b), hi = max(a, b).
template <class T> HC_INLINE void min_max(__m512i a, __m512i b, __m512i& lo, __m512i& hi) {
  using V = Vec<T>;
  if constexpr (std::is_integral_v<T> && sizeof(T) == 4) {
    // 32-bit integer min/max issue on one port here (float min/max on two): one min, and
    // max = a + b - min (exact modulo 2^32), the add and subtract on either port.
    lo = V::min(a, b);
    hi = _mm512_sub_epi32(_mm512_add_epi32(a, b), lo);
  } else if constexpr (kBlendMinMax<T>) {
    const typename V::M k = V::lt(b, a);
    lo = _mm512_mask_mov_epi64(a, k, b);
    hi = _mm512_mask_mov_epi64(b, k, a);
  } else {
    lo = V::min(a, b);
    hi = V::max(a, b);
  }
}

// Per lane: max(v, p) where m is set, min(v, p) elsewhere.
template <class T>
HC_INLINE __m512i min_max_lanes(__m512i v, __m512i p, typename Vec<T>::M m) {
  using V = Vec<T>;
  if constexpr (kBlendMinMax<T>) {
    return _mm512_mask_mov_epi64(v, typename V::M(V::lt(p, v) ^ m), p);
  } else {
    return V::mask_max(V::min(v, p), m, v, p);
  }
}

// ---- bitonic sorting network over R registers (R * N keys, ascending in register order) -----

// Lanes of register r that keep the max in step (K, J) of the bitonic sort (J < N): global
// index g = r * N + i keeps the max when exactly one of (g & J), (g & K) is set.
template <int N, int R, int K, int J> struct StepMasks {
  unsigned m[R];
  constexpr StepMasks() : m() {
    for (int r = 0; r < R; ++r) {
      unsigned bits = 0;
      for (int i = 0; i < N; ++i) {
        int g = r * N + i;
        if (((g & J) != 0) != ((g & K) != 0)) bits |= 1u << i;
      }
      m[r] = bits;
    }
  }
};

template <class T, int R, int K, int J> HC_INLINE void bitonic_step(__m512i* v) {
  using V = Vec<T>;
  constexpr int N = V::N;
  if constexpr (J >= N) {
    constexpr int D = J / N;
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) {
      if (r & D) continue;
      const int s = r | D;
      __m512i lo, hi;
      min_max<T>(v[r], v[s], lo, hi);
      if (((r * N) & K) == 0) {
        v[r] = lo;
        v[s] = hi;
      } else {
        v[r] = hi;
        v[s] = lo;
      }
    }
  } else {
    constexpr StepMasks<N, R, K, J> masks{};
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) {
      const __m512i p = V::template xor_lanes<J>(v[r]);
      v[r] = min_max_lanes<T>(v[r], p, typename V::M(masks.m[r]));
    }
  }
}

template <class T, int R, int K, int J> HC_INLINE void bitonic_merge_steps(__m512i* v) {
  bitonic_step<T, R, K, J>(v);
  if constexpr (J > 1) bitonic_merge_steps<T, R, K, J / 2>(v);
}

template <class T, int R, int K> HC_INLINE void bitonic_stages(__m512i* v) {
  bitonic_merge_steps<T, R, K, K / 2>(v);
  if constexpr (K < R * Vec<T>::N) bitonic_stages<T, R, 2 * K>(v);
}

// Sorts a[0, n) in place, n <= R * N, in R registers.
template <class T, int R> __attribute__((noinline)) void network_sort(T* a, int64_t n) {
  using V = Vec<T>;
  constexpr int N = V::N;
  __m512i v[R];
  const __m512i pad = V::set1(V::top());
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
    const int64_t k = n - int64_t(r) * N;
    if (k >= N) v[r] = V::loadu(a + r * N);
    else if (k > 0) v[r] = V::mask_loadu(pad, V::first(int(k)), a + r * N);
    else v[r] = pad;
  }
  bitonic_stages<T, R, 2>(v);
#pragma GCC unroll 16
  for (int r = 0; r < R; ++r) {
    const int64_t k = n - int64_t(r) * N;
    if (k >= N) V::storeu(a + r * N, v[r]);
    else if (k > 0) V::mask_storeu(a + r * N, V::first(int(k)), v[r]);
  }
}

// ---- column network (R registers, R a multiple of N): sort the columns, merge, transpose ------
//
// Logical index of register r, lane l: g = l * R + r (each column is a run of R). The columns
// are sorted by Batcher's odd-even merge sort across registers (min/max only, no shuffles);
// then bitonic merges with the first step of each stage mirrored, so every comparator puts the
// minimum at the lower logical index: steps within a column pair registers (min/max), steps
// across columns shuffle lanes; last, N x N transposes put logical order into memory order.

// Batcher's odd-even merge sort of R inputs, as a list of (i, j) comparators, i < j.
template <int R> struct OddEvenNet {
  int i[R * R], j[R * R];
  int count;
  constexpr OddEvenNet() : i(), j(), count(0) { sort(0, R); }
  constexpr void add(int a, int b) { i[count] = a; j[count] = b; ++count; }
  constexpr void merge(int lo, int len, int r) {
    const int m = r * 2;
    if (m < len) {
      merge(lo, len, m);
      merge(lo + r, len, m);
      for (int k = lo + r; k + r < lo + len; k += m) add(k, k + r);
    } else {
      add(lo, lo + r);
    }
  }
  constexpr void sort(int lo, int len) {
    if (len > 1) {
      const int m = len / 2;
      sort(lo, m);
      sort(lo + m, m);
      merge(lo, len, 1);
    }
  }
};

template <class T> HC_INLINE void coex(__m512i& a, __m512i& b) {
  __m512i lo, hi;
  min_max<T>(a, b, lo, hi);
  a = lo;
  b = hi;
}

// Lane index vector l ^ X.
template <class T, int X> HC_INLINE __m512i xor_index() {
  if constexpr (Vec<T>::N == 16)
    return _mm512_xor_si512(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                            _mm512_set1_epi32(X));
  else
    return _mm512_xor_si512(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_epi64(X));
}
template <class T> HC_INLINE __m512i permute(__m512i idx, __m512i v) {
  if constexpr (Vec<T>::N == 16) return _mm512_permutexvar_epi32(idx, v);
  else return _mm512_permutexvar_epi64(idx, v);
}
template <int N> constexpr unsigned lanes_with_bit(int b) {
  unsigned m = 0;
  for (int l = 0; l < N; ++l)
    if (l & b) m |= 1u << l;
  return m;
}

// Cross-column half-cleaner steps J = JJ, JJ/2, ..., R (lane xor J/R), then the in-column
// steps R/2, ..., 1.
template <class T, int R, int J> HC_INLINE void col_cleaners(__m512i* v) {
  using V = Vec<T>;
  constexpr int N = V::N;
  if constexpr (J >= R) {
    constexpr int X = J / R;
    constexpr typename V::M m = typename V::M(lanes_with_bit<N>(X));
#pragma GCC unroll 32
    for (int r = 0; r < R; ++r) {
      const __m512i p = V::template xor_lanes<X>(v[r]);
      v[r] = min_max_lanes<T>(v[r], p, m);
    }
    col_cleaners<T, R, J / 2>(v);
  } else if constexpr (J >= 1) {
#pragma GCC unroll 32
    for (int r = 0; r < R; ++r)
      if (!(r & J)) coex<T>(v[r], v[r | J]);
    col_cleaners<T, R, J / 2>(v);
  }
}

// Merge stages K = KK * R (KK lanes per merged block) up to N * R.
template <class T, int R, int KK> HC_INLINE void col_merges(__m512i* v) {
  using V = Vec<T>;
  constexpr int N = V::N;
  if constexpr (KK <= N) {
    // Mirrored step: (r, l) against (R - 1 - r, l ^ (KK - 1)); the lower logical index is the
    // one whose lane has bit KK/2 clear.
    const __m512i idx = xor_index<T, KK - 1>();
    constexpr typename V::M m = typename V::M(lanes_with_bit<N>(KK / 2));
#pragma GCC unroll 32
    for (int r = 0; r < R / 2; ++r) {
      const __m512i a = v[r], b = permute<T>(idx, v[R - 1 - r]);
      __m512i lo, hi;
      min_max<T>(a, b, lo, hi);
      if constexpr (N == 16) {
        v[r] = _mm512_mask_mov_epi32(lo, m, hi);
        v[R - 1 - r] = permute<T>(idx, _mm512_mask_mov_epi32(hi, m, lo));
      } else {
        v[r] = _mm512_mask_mov_epi64(lo, m, hi);
        v[R - 1 - r] = permute<T>(idx, _mm512_mask_mov_epi64(hi, m, lo));
      }
    }
    col_cleaners<T, R, KK * R / 4>(v);
    col_merges<T, R, 2 * KK>(v);
  }
}

// Transposes the N x N block of registers v[0, N): lane l of register r <-> lane r of l.
template <class T> HC_INLINE void transpose(__m512i* v) {
  using V = Vec<T>;
  constexpr int N = V::N;
  const __m512i iota = xor_index<T, 0>();
#pragma GCC unroll 4
  for (int bb = 1; bb < N; bb *= 2) {
    // lo lane l: bit clear -> a[l], set -> b[l - bb]; hi lane l: clear -> a[l + bb], set -> b[l].
    __m512i ilo, ihi;
    if constexpr (N == 16) {
      const __mmask16 set = _mm512_test_epi32_mask(iota, _mm512_set1_epi32(bb));
      ilo = _mm512_mask_add_epi32(iota, set, iota, _mm512_set1_epi32(N - bb));
      ihi = _mm512_mask_add_epi32(_mm512_add_epi32(iota, _mm512_set1_epi32(bb)), set, iota,
                                  _mm512_set1_epi32(N));
    } else {
      const __mmask8 set = _mm512_test_epi64_mask(iota, _mm512_set1_epi64(bb));
      ilo = _mm512_mask_add_epi64(iota, set, iota, _mm512_set1_epi64(N - bb));
      ihi = _mm512_mask_add_epi64(_mm512_add_epi64(iota, _mm512_set1_epi64(bb)), set, iota,
                                  _mm512_set1_epi64(N));
    }
#pragma GCC unroll 16
    for (int r = 0; r < N; ++r) {
      if (r & bb) continue;
      const __m512i a = v[r], b = v[r | bb];
      if constexpr (N == 16) {
        v[r] = _mm512_permutex2var_epi32(a, ilo, b);
        v[r | bb] = _mm512_permutex2var_epi32(a, ihi, b);
      } else {
        v[r] = _mm512_permutex2var_epi64(a, ilo, b);
        v[r | bb] = _mm512_permutex2var_epi64(a, ihi, b);
      }
    }
  }
}

// Sorts a[0, n) in place, n <= R * N, R a multiple of N.
template <class T, int R> __attribute__((noinline)) void column_sort(T* a, int64_t n) {
  using V = Vec<T>;
  constexpr int N = V::N;
  static_assert(R % N == 0, "R must be a multiple of N");
  __m512i v[R];
  const __m512i pad = V::set1(V::top());
#pragma GCC unroll 32
  for (int r = 0; r < R; ++r) {
    const int64_t k = n - int64_t(r) * N;
    if (k >= N) v[r] = V::loadu(a + r * N);
    else if (k > 0) v[r] = V::mask_loadu(pad, V::first(int(k)), a + r * N);
    else v[r] = pad;
  }
  constexpr OddEvenNet<R> net{};
#pragma GCC unroll 256
  for (int c = 0; c < net.count; ++c) coex<T>(v[net.i[c]], v[net.j[c]]);
  col_merges<T, R, 2>(v);
  // Logical g = l * R + r; memory position q = rr * N + ll. Block B = registers [B N, B N + N)
  // transposed: its register l holds (r = B N + ll, lane l), i.e. g = l R + B N + ll, which is
  // memory register l * (R / N) + B.
  __m512i out[R];
#pragma GCC unroll 4
  for (int B = 0; B < R / N; ++B) {
    transpose<T>(v + B * N);
#pragma GCC unroll 16
    for (int l = 0; l < N; ++l) out[l * (R / N) + B] = v[B * N + l];
  }
#pragma GCC unroll 32
  for (int r = 0; r < R; ++r) {
    const int64_t k = n - int64_t(r) * N;
    if (k >= N) V::storeu(a + r * N, out[r]);
    else if (k > 0) V::mask_storeu(a + r * N, V::first(int(k)), out[r]);
  }
}

template <class T> constexpr int64_t small_max() { return 32 * Vec<T>::N; }

template <class T> void small_sort(T* a, int64_t n) {
  constexpr int N = Vec<T>::N;
  if (n <= 1) return;
  if (n <= N) return network_sort<T, 1>(a, n);
  if (n <= 2 * N) return network_sort<T, 2>(a, n);
  if (n <= 4 * N) return network_sort<T, 4>(a, n);
  if (n <= 8 * N) {
    if constexpr (N == 8) return column_sort<T, 8>(a, n);
    else return network_sort<T, 8>(a, n);
  }
  if (n <= 16 * N) return column_sort<T, 16>(a, n);
  column_sort<T, 32>(a, n);
}

// ---- partition -----------------------------------------------------------------------------

// What a partition learnt about its sides: lt_min < lt_max unless the `<` side is known to be
// all equal, likewise ge_min < ge_max for the `>=` side. Only the overall max is tracked (one
// max per vector): the `<` side reports (bottom, pivot), never "all equal"; the `>=` side
// (pivot, max), all equal exactly when the maximum is the pivot.
template <class T> struct Sides {
  T lt_min, lt_max, ge_min, ge_max;
};

// Vectors kept from each end before the partition loop starts; each loop step then reads this
// many from one side (one branch per K vectors, independent loads).
template <class T> constexpr int kUnroll = 8;

// 8-lane partition permutations: entry m lists the lanes set in m, in order, then the others.
struct PartLut8 {
  alignas(64) uint64_t idx[256][8];
  constexpr PartLut8() : idx() {
    for (int m = 0; m < 256; ++m) {
      int k = 0;
      for (int l = 0; l < 8; ++l)
        if (m >> l & 1) idx[m][k++] = uint64_t(l);
      for (int l = 0; l < 8; ++l)
        if (!(m >> l & 1)) idx[m][k++] = uint64_t(l);
    }
  }
};
alignas(64) constexpr PartLut8 kPartLut8{};

// Partitions one vector: `< p` lanes to a[lw...], `>= p` lanes to ...a[rw), updating the
// overall max; [lw, lw + N) and [rw - N, rw) must be free.
template <class T, bool kTrack>
HC_INLINE void part_vec(T* a, __m512i v, __m512i pv, int64_t& lw, int64_t& rw, __m512i& vmax) {
  using V = Vec<T>;
  using M = typename V::M;
  constexpr int N = V::N;
  const M lt = V::lt(v, pv);
  const int cl = __builtin_popcount(unsigned(lt));
  if constexpr (kTrack) vmax = V::max(vmax, v);
  if constexpr (N == 8) {
    // One permutation puts the `<` lanes first and the `>=` lanes last; the whole vector is
    // stored at both cursors (the other lanes land in free space).
    const __m512i w = _mm512_permutexvar_epi64(_mm512_load_si512(kPartLut8.idx[unsigned(lt)]), v);
    V::storeu(a + lw, w);
    V::storeu(a + rw - N, w);
  } else {
    V::compress_store(a + lw, lt, v);
    V::compress_store(a + rw - (N - cl), M(~lt), v);
  }
  lw += cl;
  rw -= N - cl;
}

// Reorders a[0, n) (n >= 2 K N) into `< p` then `>= p`; returns the count below p and each
// side's min and max (meaningless for an empty side).
//
// kTrack false: the caller knows an element above p (`above`, e.g. the sample's maximum), so
// the `>=` side is not all equal and the maximum is not tracked (one max per vector less).
template <class T, bool kTrack = true>
int64_t partition(T* a, int64_t n, T p, Sides<T>& s, T above = T()) {
  using V = Vec<T>;
  using M = typename V::M;
  constexpr int N = V::N;
  constexpr int K = kUnroll<T>;
  const __m512i pv = V::set1(p);
  __m512i vmax = V::set1(V::bottom());
  const int64_t rem = n % N;
  const int64_t body = n - rem;
  const __m512i tail = rem ? V::mask_loadu(pv, V::first(int(rem)), a + body) : pv;
  __m512i saved[2 * K + 1];
  for (int k = 0; k < K; ++k) {
    saved[k] = V::loadu(a + k * N);
    saved[K + k] = V::loadu(a + body - (k + 1) * N);
  }
  saved[2 * K] = tail;
  // Unread: [l_read, r_read). Free: [lw, l_read) and [r_read, rw); together 2 K N + rem, and
  // reading from the side with less free space leaves at least K N on each side.
  int64_t l_read = K * N, r_read = body - K * N, lw = 0, rw = n;
  while (r_read - l_read >= K * N) {
    // One load address for the K vectors, chosen without a branch.
    const bool left = l_read - lw <= rw - r_read;
    const int64_t at = left ? l_read : r_read - K * N;
    l_read += left ? K * N : 0;
    r_read -= left ? 0 : K * N;
    __m512i v[K];
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) v[k] = V::loadu(a + at + k * N);
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) part_vec<T, kTrack>(a, v[k], pv, lw, rw, vmax);
  }
  while (r_read > l_read) {
    __m512i v;
    if (l_read - lw <= rw - r_read) {
      v = V::loadu(a + l_read);
      l_read += N;
    } else {
      r_read -= N;
      v = V::loadu(a + r_read);
    }
    part_vec<T, kTrack>(a, v, pv, lw, rw, vmax);
  }
  // The saved vectors and the tail fill the gap [lw, rw) exactly.
  for (int i = 0; i < 2 * K + 1; ++i) {
    const __m512i v = saved[i];
    const M valid = i < 2 * K ? M(~M(0)) : V::first(int(rem));
    const M lt = M(V::lt(v, pv) & valid);
    const M ge = M(~V::lt(v, pv) & valid);
    const int cl = __builtin_popcount(unsigned(lt));
    const int cg = __builtin_popcount(unsigned(ge));
    if constexpr (kTrack) vmax = V::mask_max(vmax, valid, vmax, v);
    V::compress_store(a + lw, lt, v);
    V::compress_store(a + rw - cg, ge, v);
    lw += cl;
    rw -= cg;
  }
  // The `<` side's minimum is never needed: when that side is not empty, some x < p, so
  // (bottom, p) says "not all equal"; the `>=` side is all equal exactly when the maximum is p.
  s.lt_min = V::bottom();
  s.lt_max = p;
  s.ge_min = p;
  if constexpr (kTrack) s.ge_max = hmax<T>(vmax);
  else s.ge_max = above;
  return lw;
}

// Median of 16 spread elements: gathered into registers and sorted there (n < 2^31); `top`:
// the sample's maximum.
template <class T> T pivot16(const T* a, int64_t n, T& top) {
  using V = Vec<T>;
  const int64_t step = n / 16;
  if constexpr (V::N == 16) {
    const __m512i idx = _mm512_add_epi32(
        _mm512_mullo_epi32(_mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
                           _mm512_set1_epi32(int(step))),
        _mm512_set1_epi32(int(step / 2)));
    __m512i v[1] = {_mm512_i32gather_epi32(idx, a, 4)};
    bitonic_stages<T, 1, 2>(v);
    const __m512i m = _mm512_permutexvar_epi32(_mm512_set1_epi32(8), v[0]);
    T out;
    const int32_t bits = _mm_cvtsi128_si32(_mm512_castsi512_si128(m));
    std::memcpy(&out, &bits, sizeof(T));
    const __m512i mx = _mm512_permutexvar_epi32(_mm512_set1_epi32(15), v[0]);
    const int32_t tbits = _mm_cvtsi128_si32(_mm512_castsi512_si128(mx));
    std::memcpy(&top, &tbits, sizeof(T));
    return out;
  } else {
    const __m512i lo = _mm512_add_epi64(
        _mm512_mullo_epi64(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_epi64(step)),
        _mm512_set1_epi64(step / 2));
    const __m512i hi = _mm512_add_epi64(lo, _mm512_set1_epi64(8 * step));
    __m512i v[2] = {_mm512_i64gather_epi64(lo, a, 8), _mm512_i64gather_epi64(hi, a, 8)};
    bitonic_stages<T, 2, 2>(v);
    T out;
    const int64_t bits = _mm_cvtsi128_si64(_mm512_castsi512_si128(v[1]));  // element 8
    std::memcpy(&out, &bits, sizeof(T));
    const __m512i mx = _mm512_permutexvar_epi64(_mm512_set1_epi64(7), v[1]);  // element 15
    const int64_t tbits = _mm_cvtsi128_si64(_mm512_castsi512_si128(mx));
    std::memcpy(&top, &tbits, sizeof(T));
    return out;
  }
}

// Median of a sorted sample of `samples` spread elements (at most small_max); `top`: the
// sample's maximum (an element of a).
template <class T> T choose_pivot(const T* a, int64_t n, int samples, T& top) {
  if (samples == 16 && n < (int64_t(1) << 31)) return pivot16(a, n, top);
  T buf[512];
  const int64_t step = n / samples;
  for (int i = 0; i < samples; ++i) buf[i] = a[step / 2 + i * step];
  small_sort(buf, samples);
  top = buf[samples - 1];
  return buf[samples / 2];
}

// The smallest T above p (p below the type's maximum).
template <class T> T next_up(T p) {
  if constexpr (std::is_floating_point_v<T>) return std::nextafter(p, std::numeric_limits<T>::infinity());
  else return T(p + 1);
}

template <class T> void quicksort(T* a, int64_t n, int depth) {
  while (n > small_max<T>()) {
    if (depth-- <= 0) {
      std::sort(a, a + n);  // introsort: O(n log n) whatever the data (no NaNs here)
      return;
    }
    Sides<T> s;
    T top;
    const T p = choose_pivot(a, n, 16, top);
    // A sampled element above p: the `>=` side is not all equal, no need to track the max.
    int64_t m = p < top ? partition<T, false>(a, n, p, s, top) : partition(a, n, p, s);
    if (m == 0) {
      // p is the minimum: everything is >= p.
      if (!(s.ge_min < s.ge_max)) return;  // all equal
      m = partition(a, n, next_up(p), s);  // [0, m) == p, done
      a += m;
      n -= m;
      if (!(s.ge_min < s.ge_max)) return;
      continue;
    }
    const bool left_done = !(s.lt_min < s.lt_max), right_done = !(s.ge_min < s.ge_max);
    if (left_done && right_done) return;
    if (left_done) {
      a += m;
      n -= m;
    } else if (right_done) {
      n = m;
    } else if (m < n - m) {
      quicksort(a, m, depth);
      a += m;
      n -= m;
    } else {
      quicksort(a + m, n - m, depth);
      n = m;
    }
  }
  small_sort(a, n);
}

int max_depth(int64_t n) {
  int d = 0;
  for (int64_t k = n; k > 1; k >>= 1) ++d;
  d *= 2;
  if (const char* env = std::getenv("HCARRAY_SORT_MAX_DEPTH")) {
    const int lim = std::atoi(env);
    if (lim >= 0 && lim < d) d = lim;
  }
  return d;
}

// Lanes this long are partitioned by two threads, then the sides sorted by both threads
// sharing the work (sort_shared). Measured on the quiet 2-core machine,
// 2 threads win from ~16K elements; but when the other core is busy (shared machine), waking
// the pool's sleeping worker costs up to ~0.2 ms, which loses below ~100K; hence 128K.
constexpr int64_t kSplitMin = int64_t(1) << 17;
constexpr int64_t kSwapSplit = int64_t(1) << 15;  // swaps this long: two threads

// Runs f(0) and f(1) on two threads of the pool.
template <class F> void two_tasks(const F& f) {
  parallel_for(2, 1, 2, [&](int64_t b, int64_t e, int) {
    for (int64_t t = b; t < e; ++t) f(int(t));
  });
}

// partition() over two threads: each partitions one half, then the `>=` part of the first half
// and the `<` part of the second trade places (only the misplaced elements move; order within
// a side does not matter).
template <class T> int64_t partition2(T* a, int64_t n, T p, Sides<T>& s) {
  const int64_t h = n / 2;
  int64_t m[2];
  Sides<T> sh[2];
  two_tasks([&](int t) { m[t] = t == 0 ? partition(a, h, p, sh[0]) : partition(a + h, n - h, p, sh[1]); });
  auto lo = [](T x, T y) { return y < x ? y : x; };
  auto hi = [](T x, T y) { return x < y ? y : x; };
  // (An empty side reports max = bottom, which max ignores; the `<` side reports min = bottom.)
  s = {lo(sh[0].lt_min, sh[1].lt_min), hi(sh[0].lt_max, sh[1].lt_max),
       lo(sh[0].ge_min, sh[1].ge_min), hi(sh[0].ge_max, sh[1].ge_max)};
  // [0, m0) <, [m0, h) >=, [h, h + m1) <, [h + m1, n) >=: swap the first c of [m0, h) with the
  // last c of [h, h + m1).
  const int64_t c = std::min(h - m[0], m[1]);
  T* x = a + m[0];
  T* y = a + h + m[1] - c;
  if (c >= kSwapSplit) {
    const int64_t c2 = c / 2;
    two_tasks([&](int t) {
      if (t == 0) std::swap_ranges(x, x + c2, y);
      else std::swap_ranges(x + c2, x + c, y + c2);
    });
  } else {
    std::swap_ranges(x, x + c, y);
  }
  return m[0] + m[1];
}

template <class T> struct Task {
  T* a;
  int64_t n;
  int depth;
};

// Sorts the ranges of `init` on two threads that share the work: a thread takes a range, and
// while it is longer than `grain` partitions it, keeps the smaller side and leaves the larger
// for whichever thread is free first. So when the other core is busy with something else (a
// shared machine), this thread simply does more of the work instead of waiting for a fixed half.
template <class T> void sort_shared(const std::vector<Task<T>>& init, int64_t grain) {
  std::mutex mu;
  std::vector<Task<T>> stack(init);
  std::atomic<int> busy{0};
  two_tasks([&](int) {
    for (;;) {
      Task<T> t;
      {
        std::unique_lock<std::mutex> lk(mu);
        if (stack.empty()) {
          if (busy.load() == 0) return;  // nothing left, nothing more can be pushed
          lk.unlock();
          _mm_pause();
          continue;
        }
        t = stack.back();
        stack.pop_back();
        busy.fetch_add(1);
      }
      while (t.n > grain && t.depth > 0) {
        Sides<T> s;
        T top;
        const T p = choose_pivot(t.a, t.n, 16, top);
        int64_t m = p < top ? partition<T, false>(t.a, t.n, p, s, top) : partition(t.a, t.n, p, s);
        --t.depth;
        if (m == 0) {  // p is the minimum
          if (!(s.ge_min < s.ge_max)) {
            t.n = 0;
            break;
          }
          m = partition(t.a, t.n, next_up(p), s);  // [0, m) == p: done
          t.a += m;
          t.n -= m;
          if (!(s.ge_min < s.ge_max)) t.n = 0;
          continue;
        }
        Task<T> left{t.a, s.lt_min < s.lt_max ? m : 0, t.depth};
        Task<T> right{t.a + m, s.ge_min < s.ge_max ? t.n - m : 0, t.depth};
        if (left.n > right.n) std::swap(left, right);
        if (right.n > 1) {
          std::lock_guard<std::mutex> lk(mu);
          stack.push_back(right);
        }
        t = left;
      }
      if (t.n > 1) quicksort(t.a, t.n, t.depth);
      busy.fetch_sub(1);
    }
  });
}

template <class T> void sort_keys(T* a, int64_t n, int threads) {
  if (n <= small_max<T>()) return small_sort(a, n);
  const int depth = max_depth(n);
  if (threads < 2 || n < kSplitMin || depth < 1) return quicksort(a, n, depth);
  Sides<T> s;
  T top;
  const T p = choose_pivot(a, n, int(small_max<T>()), top);
  const int64_t m = partition2(a, n, p, s);
  std::vector<Task<T>> init;
  if (s.lt_min < s.lt_max) init.push_back({a, m, depth - 1});
  if (s.ge_min < s.ge_max) init.push_back({a + m, n - m, depth - 1});
  if (!init.empty()) sort_shared(init, std::max<int64_t>(n / 32, 16384));
}

// ---- whole-lane helpers --------------------------------------------------------------------

template <class T> void reverse(T* a, int64_t n) {
  using V = Vec<T>;
  constexpr int N = V::N;
  int64_t lo = 0, hi = n;
  while (hi - lo >= 2 * N) {
    const __m512i x = V::loadu(a + lo), y = V::loadu(a + hi - N);
    V::storeu(a + lo, V::reverse(y));
    V::storeu(a + hi - N, V::reverse(x));
    lo += N;
    hi -= N;
  }
  std::reverse(a + lo, a + hi);
}

template <class T> struct UBits;
template <> struct UBits<float> { using type = uint32_t; };
template <> struct UBits<double> { using type = uint64_t; };

// Lanes of m whose sign bit is set.
template <class T> HC_INLINE typename Vec<T>::M sign_mask(__m512i v, typename Vec<T>::M m) {
  if constexpr (sizeof(T) == 4) return __mmask16(_mm512_movepi32_mask(v) & m);
  else return __mmask8(_mm512_movepi64_mask(v) & m);
}

// Floats: copies the non-NaN values of src to the front of a (in order; src may be a) and
// returns their count; NaN bit patterns go to `nans` in input order, and, when both -0 and +0
// occur, the bits of every zero to `zeros` in input order (else `zeros` stays empty).
template <class T>
int64_t take_out_specials(const T* src, T* a, int64_t n,
                          std::vector<typename UBits<T>::type>& nans,
                          std::vector<typename UBits<T>::type>& zeros) {
  using V = Vec<T>;
  using M = typename V::M;
  constexpr int N = V::N;
  using U = typename UBits<T>::type;
  const __m512i zero = V::set1(T(0));
  constexpr U neg_zero = U(U(1) << (sizeof(U) * 8 - 1));
  bool mixed = false, first_neg = false;
  int64_t nzero = 0, w = 0;
  for (int64_t i = 0; i < n;) {
    if (i + 4 * N <= n) {
      // Blocks of 4 vectors holding no NaN and no zero (one fpclass each: QNaN, SNaN, +0,
      // -0) are moved as they are; w <= i, and all four are loaded before any store.
      const __m512i v0 = V::loadu(src + i), v1 = V::loadu(src + i + N);
      const __m512i v2 = V::loadu(src + i + 2 * N), v3 = V::loadu(src + i + 3 * N);
      M sp;
      if constexpr (sizeof(T) == 4)
        sp = M(_mm512_fpclass_ps_mask(_mm512_castsi512_ps(v0), 0x87) |
               _mm512_fpclass_ps_mask(_mm512_castsi512_ps(v1), 0x87) |
               _mm512_fpclass_ps_mask(_mm512_castsi512_ps(v2), 0x87) |
               _mm512_fpclass_ps_mask(_mm512_castsi512_ps(v3), 0x87));
      else
        sp = M(_mm512_fpclass_pd_mask(_mm512_castsi512_pd(v0), 0x87) |
               _mm512_fpclass_pd_mask(_mm512_castsi512_pd(v1), 0x87) |
               _mm512_fpclass_pd_mask(_mm512_castsi512_pd(v2), 0x87) |
               _mm512_fpclass_pd_mask(_mm512_castsi512_pd(v3), 0x87));
      if (!sp) {
        if (w != i || src != a) {
          V::storeu(a + w, v0);
          V::storeu(a + w + N, v1);
          V::storeu(a + w + 2 * N, v2);
          V::storeu(a + w + 3 * N, v3);
        }
        w += 4 * N;
        i += 4 * N;
        continue;
      }
    }
    const int64_t stop = std::min<int64_t>(n, i + 4 * N);
    for (; i < stop; i += N) {
    const int k = int(std::min<int64_t>(N, n - i));
    const M valid = V::first(k);
    const __m512i v = V::mask_loadu(zero, valid, src + i);
    M nan, isz;
    if constexpr (sizeof(T) == 4) {
      nan = _mm512_mask_cmp_ps_mask(valid, _mm512_castsi512_ps(v), _mm512_castsi512_ps(v), _CMP_UNORD_Q);
      isz = _mm512_mask_cmp_ps_mask(valid, _mm512_castsi512_ps(v), _mm512_castsi512_ps(zero), _CMP_EQ_OQ);
    } else {
      nan = _mm512_mask_cmp_pd_mask(valid, _mm512_castsi512_pd(v), _mm512_castsi512_pd(v), _CMP_UNORD_Q);
      isz = _mm512_mask_cmp_pd_mask(valid, _mm512_castsi512_pd(v), _mm512_castsi512_pd(zero), _CMP_EQ_OQ);
    }
    if (isz) {
      // Zeros are only recorded once both signs have been seen; before that they are all
      // like the first one and only counted.
      const int cz = __builtin_popcount(unsigned(isz));
      if (!mixed) {
        const M negz = sign_mask<T>(v, isz);
        if (nzero == 0) first_neg = negz & 1u << __builtin_ctz(unsigned(isz));
        if (negz == (first_neg ? isz : M(0))) {
          nzero += cz;
        } else {
          mixed = true;
          zeros.assign(size_t(nzero), first_neg ? neg_zero : U(0));
        }
      }
      if (mixed) {
        const size_t z0 = zeros.size();
        zeros.resize(z0 + size_t(cz));
        V::compress_store(zeros.data() + z0, isz, v);
      }
    }
    if (nan) {
      const size_t q0 = nans.size();
      nans.resize(q0 + size_t(__builtin_popcount(unsigned(nan))));
      V::compress_store(nans.data() + q0, nan, v);
      const M keep = M(valid & ~nan);
      V::compress_store(a + w, keep, v);
      w += __builtin_popcount(unsigned(keep));
    } else {
      // w <= i: in place (src == a), only slots already read are written.
      if (w != i || src != a) V::mask_storeu(a + w, valid, v);
      w += k;
    }
    }
  }
  return w;
}

// Rewrites the zero run of sorted a[0, m) (ascending or descending) with `zeros`' bits, in
// order (zeros: empty, or both signs).
template <class T, class U> void put_back_zeros(T* a, int64_t m, const std::vector<U>& zeros,
                                                bool descending) {
  if (zeros.size() < 2) return;
  constexpr U sign = U(U(1) << (sizeof(U) * 8 - 1));
  bool neg = false, pos = false;
  for (U z : zeros) (z & sign ? neg : pos) = true;
  if (!(neg && pos)) return;
  T* first = descending ? std::lower_bound(a, a + m, T(0), [](T x, T y) { return y < x; })
                        : std::lower_bound(a, a + m, T(0));
  std::memcpy(first, zeros.data(), zeros.size() * sizeof(U));
}

template <class T>
void simd_sort_impl(const T* src, T* a, int64_t n, bool descending, int threads) {
  if constexpr (std::is_floating_point_v<T>) {
    using U = typename UBits<T>::type;
    std::vector<U> nans, zeros;
    const int64_t m = take_out_specials(src, a, n, nans, zeros);
    sort_keys(a, m, threads);
    if (descending) reverse(a, m);
    put_back_zeros(a, m, zeros, descending);
    if (!nans.empty()) {
      if (descending) {
        std::memmove(a + nans.size(), a, size_t(m) * sizeof(T));
        std::memcpy(a, nans.data(), nans.size() * sizeof(U));
      } else {
        std::memcpy(a + m, nans.data(), nans.size() * sizeof(U));
      }
    }
  } else {
    if (src != a) std::memcpy(a, src, size_t(n) * sizeof(T));
    sort_keys(a, n, threads);
    if (descending) reverse(a, n);
  }
}

}  // namespace

template <class T>
void simd_sort(const T* src, T* dst, int64_t n, bool descending, int threads) {
  simd_sort_impl(src, dst, n, descending, threads);
}

#pragma GCC pop_options

#else  // not x86-64

bool simd_sort_enabled() { return false; }
template <class T> void simd_sort(const T*, T*, int64_t, bool, int) {
  throw ValueError("sort: no vectorised sort on this machine");
}

#endif

template void simd_sort<float>(const float*, float*, int64_t, bool, int);
template void simd_sort<double>(const double*, double*, int64_t, bool, int);
template void simd_sort<int32_t>(const int32_t*, int32_t*, int64_t, bool, int);
template void simd_sort<uint32_t>(const uint32_t*, uint32_t*, int64_t, bool, int);
template void simd_sort<int64_t>(const int64_t*, int64_t*, int64_t, bool, int);
template void simd_sort<uint64_t>(const uint64_t*, uint64_t*, int64_t, bool, int);

}  // namespace hc::cpu
