// The GEMM micro-kernels of one SIMD target (see cpu/gemm.h). CMake compiles this file once per
// target with that target's flags and HC_SIMD_TARGET set; it is not part of the cpu/*.cpp glob.
//
// One template, written against the vector type: an MR x (NV vectors) tile of accumulators
// lives in registers; each step over k loads NV vectors of a B row, broadcasts MR values of an
// A column and issues MR * NV fused multiply-adds. Tile sizes per target keep accumulators +
// B vectors + one broadcast within the register file (AVX-512: 32 zmm, AVX2: 16 ymm, NEON: 32).
#include "cpu/gemm.h"
#include "cpu/simd/simd.h"

#define HC_CAT2(a, b) a##b
#define HC_CAT(a, b) HC_CAT2(a, b)
#define HC_STR2(a) #a
#define HC_STR(a) HC_STR2(a)

namespace hc::simd::HC_SIMD_NS {
namespace {

#if HC_SIMD_TARGET == HC_SIMD_AVX512
constexpr int kMR32 = 12, kNV32 = 2, kMR64 = 12, kNV64 = 2;
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
constexpr int kMR32 = 6, kNV32 = 2, kMR64 = 6, kNV64 = 2;
#elif HC_SIMD_TARGET == HC_SIMD_NEON
constexpr int kMR32 = 8, kNV32 = 3, kMR64 = 8, kNV64 = 3;
#else
constexpr int kMR32 = 4, kNV32 = 4, kMR64 = 4, kNV64 = 4;
#endif

template <class V>
inline V madd(V a, V b, V c) {
#if HC_SIMD_TARGET == HC_SIMD_SCALAR
  return c + a * b;  // no FMA instruction assumed here; std::fma would be a library call
#else
  return fma(a, b, c);
#endif
}

// Scalar multiply-add for the edges of the matrix-vector kernels: one fused instruction where
// the target has FMA (as its vector lanes do), a multiply and an add on the scalar target.
inline float smadd(float a, float b, float c) {
#if HC_SIMD_TARGET == HC_SIMD_SCALAR
  return c + a * b;
#else
  return __builtin_fmaf(a, b, c);
#endif
}
inline double smadd(double a, double b, double c) {
#if HC_SIMD_TARGET == HC_SIMD_SCALAR
  return c + a * b;
#else
  return __builtin_fma(a, b, c);
#endif
}

template <class V, int MR, int NV, bool Packed>
void kernel(int64_t kc, const typename V::T* __restrict a, int64_t ars, int64_t acs,
            const typename V::T* __restrict b, int64_t ldb, typename V::T* __restrict c,
            int64_t ldc, int add) {
  using T = typename V::T;
  constexpr int L = V::N;
  if constexpr (Packed) {
    ars = 1;
    acs = MR;
  }
  // The C tile is read (add) or written after the k loop: fetch every line of it now. A row of
  // NV vectors spans NV * L * sizeof(T) bytes: one line per vector on AVX-512, fewer elsewhere.
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (int j = 0; j < (NV * L * int(sizeof(T)) + 63) / 64; ++j)
      __builtin_prefetch(c + i * ldc + j * (64 / int(sizeof(T))), 1, 3);
  V acc[MR][NV];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) acc[i][j] = set1<V>(T(0));
  for (int64_t p = 0; p < kc; ++p) {
    V bv[NV];
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) bv[j] = loadu(b + j * L);
    if constexpr (Packed) __builtin_prefetch(a + 8 * MR, 0, 3);
    // B streams from L2 or beyond (the driver keeps one A micro-panel in L1 and walks B): fetch
    // its row 16 rows ahead, one line at a time. Unpacked B rows are ldb apart; when that is a
    // page or more, the hardware prefetchers (which stop at page boundaries) fetch nothing
    // ahead, and a 512 x 512 product of slices of 1000 x 1000 arrays ran at half the speed of
    // the same product on contiguous copies.
#pragma GCC unroll 4
    for (int j = 0; j < (NV * L * int(sizeof(T)) + 63) / 64; ++j)
      __builtin_prefetch(b + 16 * ldb + j * (64 / int(sizeof(T))), 0, 3);
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      const V av = set1<V>(a[i * ars]);
#pragma GCC unroll 4
      for (int j = 0; j < NV; ++j) acc[i][j] = madd(av, bv[j], acc[i][j]);
    }
    a += acs;
    b += ldb;
  }
  if (add) {
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
      for (int j = 0; j < NV; ++j)
        storeu(c + i * ldc + j * L, acc[i][j] + loadu(c + i * ldc + j * L));
  } else {
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
      for (int j = 0; j < NV; ++j) storeu(c + i * ldc + j * L, acc[i][j]);
  }
}

// Matrix-vector products (memory-bound: each element of the matrix is used once).
// gemv_rows: out[i * os] = sum_p a[i * lda + p] * x[p] for i < m (rows contiguous). Four rows
// share each load of x; every row is summed the same way (two vector accumulators, then a
// scalar tail with fused multiply-adds), whichever group of rows it falls in, so the result
// does not depend on how rows are split over threads.
template <class V>
inline typename V::T row_tail(const typename V::T* r, const typename V::T* x, int64_t p0,
                              int64_t k) {
  using T = typename V::T;
  T s = T(0);
  for (int64_t p = p0; p < k; ++p) s = smadd(r[p], x[p], s);
  return s;
}

template <class V>
void gemv_rows(int64_t m, int64_t k, const typename V::T* __restrict a, int64_t lda,
               const typename V::T* __restrict x, typename V::T* __restrict out, int64_t os) {
  using T = typename V::T;
  constexpr int L = V::N;
  const int64_t kv = k / (2 * L) * (2 * L);
  int64_t i = 0;
  for (; i + 4 <= m; i += 4) {
    const T* r[4] = {a + i * lda, a + (i + 1) * lda, a + (i + 2) * lda, a + (i + 3) * lda};
    V s0[4], s1[4];
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) s0[q] = s1[q] = set1<V>(T(0));
    for (int64_t p = 0; p < kv; p += 2 * L) {
      const V x0 = loadu(x + p), x1 = loadu(x + p + L);
#pragma GCC unroll 4
      for (int q = 0; q < 4; ++q) {
        s0[q] = madd(loadu(r[q] + p), x0, s0[q]);
        s1[q] = madd(loadu(r[q] + p + L), x1, s1[q]);
      }
    }
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) out[(i + q) * os] = hsum(s0[q] + s1[q]) + row_tail<V>(r[q], x, kv, k);
  }
  for (; i < m; ++i) {
    const T* r = a + i * lda;
    V s0 = set1<V>(T(0)), s1 = s0;
    for (int64_t p = 0; p < kv; p += 2 * L) {
      s0 = madd(loadu(r + p), loadu(x + p), s0);
      s1 = madd(loadu(r + p + L), loadu(x + p + L), s1);
    }
    out[i * os] = hsum(s0 + s1) + row_tail<V>(r, x, kv, k);
  }
}

// dot_row: sum_p a[p] * x[p], the one output of a product with M = N = 1 (vector dot
// products): eight vector accumulators (two were latency-bound: one fused multiply-add per two
// cycles); the whole vectors left after the last block of eight go into s[0], s[1], ... in
// turn, then the accumulators are added pairwise, then the scalar tail (< one vector). Used
// only for single-output products, so the rows of a matrix-vector product keep gemv_rows'
// summation whatever the split. (Until session 5 everything after the last block of eight
// vectors went through the scalar chain: up to 127 dependent fused multiply-adds per call for
// float32 on AVX-512, ~2.3 us of a 1e5-element dot product cut into 16 chunks: 10.8 us on one
// thread against NumPy's 8.1.)
template <class V>
typename V::T dot_row(int64_t k, const typename V::T* __restrict a,
                      const typename V::T* __restrict x) {
  using T = typename V::T;
  constexpr int L = V::N;
  const int64_t kv = k / (8 * L) * (8 * L);
  V s[8];
#pragma GCC unroll 8
  for (int q = 0; q < 8; ++q) s[q] = set1<V>(T(0));
  for (int64_t p = 0; p < kv; p += 8 * L) {
#pragma GCC unroll 8
    for (int q = 0; q < 8; ++q) s[q] = madd(loadu(a + p + q * L), loadu(x + p + q * L), s[q]);
  }
  int64_t p = kv;
  for (int q = 0; p + L <= k; ++q, p += L) s[q] = madd(loadu(a + p), loadu(x + p), s[q]);
  const V t = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  return hsum(t) + row_tail<V>(a, x, p, k);
}

// gemv_cols: out[j * os] = sum_p q[p] * a[p * lda + j] for j < n (columns contiguous): blocks of
// 8 vectors of columns accumulate in registers over every p, in order; each column's sum is the
// same chain of fused multiply-adds whatever block it is in.
template <class V>
void gemv_cols(int64_t n, int64_t k, const typename V::T* __restrict a, int64_t lda,
               const typename V::T* __restrict q, typename V::T* __restrict out, int64_t os) {
  using T = typename V::T;
  constexpr int L = V::N;
  constexpr int B = 8;
  alignas(64) T tmp[B * L];
  int64_t j = 0;
  for (; j + B * L <= n; j += B * L) {
    V acc[B];
#pragma GCC unroll 8
    for (int c = 0; c < B; ++c) acc[c] = set1<V>(T(0));
    const T* col = a + j;
    for (int64_t p = 0; p < k; ++p, col += lda) {
      const V qv = set1<V>(q[p]);
#pragma GCC unroll 8
      for (int c = 0; c < B; ++c) acc[c] = madd(qv, loadu(col + c * L), acc[c]);
    }
    if (os == 1) {
#pragma GCC unroll 8
      for (int c = 0; c < B; ++c) storeu(out + j + c * L, acc[c]);
    } else {
#pragma GCC unroll 8
      for (int c = 0; c < B; ++c) storeu(tmp + c * L, acc[c]);
      for (int c = 0; c < B * L; ++c) out[(j + c) * os] = tmp[c];
    }
  }
  for (; j + L <= n; j += L) {
    V acc = set1<V>(T(0));
    const T* col = a + j;
    for (int64_t p = 0; p < k; ++p, col += lda) acc = madd(set1<V>(q[p]), loadu(col), acc);
    storeu(tmp, acc);
    for (int c = 0; c < L; ++c) out[(j + c) * os] = tmp[c];
  }
  for (; j < n; ++j) {
    T s = T(0);
    for (int64_t p = 0; p < k; ++p) s = smadd(q[p], a[p * lda + j], s);
    out[j * os] = s;
  }
}

}  // namespace
}  // namespace hc::simd::HC_SIMD_NS

namespace hc::cpu::gemmk {
const Table* HC_CAT(table_, HC_SIMD_NS)() {
  namespace s = hc::simd::HC_SIMD_NS;
  static const Table t{HC_STR(HC_SIMD_NS),
                       s::kMR32,
                       s::kNV32 * s::Vf::N,
                       s::kMR64,
                       s::kNV64 * s::Vd::N,
                       &s::kernel<s::Vf, s::kMR32, s::kNV32, true>,
                       &s::kernel<s::Vf, s::kMR32, s::kNV32, false>,
                       &s::kernel<s::Vd, s::kMR64, s::kNV64, true>,
                       &s::kernel<s::Vd, s::kMR64, s::kNV64, false>,
                       &s::kernel<s::Vf, s::kMR32, s::kNV32 / 2, false>,
                       &s::kernel<s::Vd, s::kMR64, s::kNV64 / 2, false>,
                       s::kNV32 / 2 * s::Vf::N,
                       s::kNV64 / 2 * s::Vd::N,
                       s::kMR32 > 8 ? 8 : 0,
                       s::kMR32 > 8 ? &s::kernel<s::Vf, 8, s::kNV32, false> : nullptr,
                       s::kMR64 > 8 ? &s::kernel<s::Vd, 8, s::kNV64, false> : nullptr,
                       &s::gemv_rows<s::Vf>,
                       &s::gemv_rows<s::Vd>,
                       &s::gemv_cols<s::Vf>,
                       &s::gemv_cols<s::Vd>,
                       &s::dot_row<s::Vf>,
                       &s::dot_row<s::Vd>};
  return &t;
}
}  // namespace hc::cpu::gemmk
