// Matrix products. float32 and float64 go through hcarray's own GEMM (cpu/gemm.h: packed,
// cache-blocked, SIMD micro-kernels per target, threaded). Complex types go through the
// portable cache-blocked GEMM here, in the style of Goto/BLIS: B is packed in KC x NR micro-panels, A in
// MR x KC micro-panels (packing reads any byte strides, so no contiguous copy is needed
// first), and a register-blocked MR x NR micro-kernel of plain loops, which the compiler
// unrolls and vectorises, accumulates each tile. Complex values are packed as separate real and
// imaginary panels so the micro-kernel is real arithmetic too. Matrix-vector shapes (M == 1 or
// N == 1) use dot/axpy loops instead of padding a tile. Integers and bool use a simple i-k-j
// loop in unsigned arithmetic (NumPy's wrap-around, no undefined behaviour).
#include "cpu/matmul.h"

#include <algorithm>
#include <complex>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "core/cast.h"
#include "core/parallel.h"
#include "core/registry.h"
#include "cpu/gemm.h"

namespace hc::cpu {

namespace {

template <class T> inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Blocked GEMM for complex (Cx = true, R its real type) floating types.

template <class R, bool Cx> struct Tile;
template <> struct Tile<float, true> { static constexpr int MR = 2, NR = 8; };
template <> struct Tile<double, true> { static constexpr int MR = 2, NR = 4; };

constexpr int64_t KC = 256;

// A's block rows ic.. (mc of them), columns pc.. (kc), packed as panels of MR rows: for each
// p, MR values (then, for complex, MR imaginary parts). Rows past mc are zero.
template <class R, bool Cx, int MR>
void pack_a(int64_t mc, int64_t kc, const char* a, int64_t rs, int64_t cs, R* out) {
  using T = std::conditional_t<Cx, std::complex<R>, R>;
  constexpr int W = Cx ? 2 : 1;
  for (int64_t i0 = 0; i0 < mc; i0 += MR) {
    const int mr = int(std::min<int64_t>(MR, mc - i0));
    const char* base = a + i0 * rs;
    for (int64_t p = 0; p < kc; ++p) {
      const char* col = base + p * cs;
      for (int i = 0; i < MR; ++i) {
        T v = i < mr ? load<T>(col + i * rs) : T(0);
        if constexpr (Cx) {
          out[i] = v.real();
          out[MR + i] = v.imag();
        } else {
          out[i] = v;
        }
      }
      out += W * MR;
    }
  }
}

// B's block rows pc.. (kc), columns jc.. (nc), packed as panels of NR columns.
template <class R, bool Cx, int NR>
void pack_b(int64_t kc, int64_t nc, const char* b, int64_t rs, int64_t cs, R* out) {
  using T = std::conditional_t<Cx, std::complex<R>, R>;
  constexpr int W = Cx ? 2 : 1;
  for (int64_t j0 = 0; j0 < nc; j0 += NR) {
    const int nr = int(std::min<int64_t>(NR, nc - j0));
    const char* base = b + j0 * cs;
    for (int64_t p = 0; p < kc; ++p) {
      const char* row = base + p * rs;
      for (int j = 0; j < NR; ++j) {
        T v = j < nr ? load<T>(row + j * cs) : T(0);
        if constexpr (Cx) {
          out[j] = v.real();
          out[NR + j] = v.imag();
        } else {
          out[j] = v;
        }
      }
      out += W * NR;
    }
  }
}

// One MR x NR tile of C (mr x nr of it valid) += or = the product of a packed A panel and a
// packed B panel. c points at the tile's first element; rows are ldc elements apart.
template <class R, bool Cx, int MR, int NR>
void micro_kernel(int64_t kc, const R* __restrict a, const R* __restrict b, R* __restrict c,
                  int64_t ldc, int mr, int nr, bool add) {
  if constexpr (!Cx) {
    R acc[MR][NR] = {};
    for (int64_t p = 0; p < kc; ++p) {
      for (int i = 0; i < MR; ++i) {
        const R av = a[i];
        for (int j = 0; j < NR; ++j) acc[i][j] += av * b[j];
      }
      a += MR;
      b += NR;
    }
    for (int i = 0; i < mr; ++i) {
      R* row = c + i * ldc;
      if (add) {
        for (int j = 0; j < nr; ++j) row[j] += acc[i][j];
      } else {
        for (int j = 0; j < nr; ++j) row[j] = acc[i][j];
      }
    }
  } else {
    R re[MR][NR] = {};
    R im[MR][NR] = {};
    for (int64_t p = 0; p < kc; ++p) {
      for (int i = 0; i < MR; ++i) {
        const R ar = a[i], ai = a[MR + i];
        for (int j = 0; j < NR; ++j) {
          re[i][j] += ar * b[j] - ai * b[NR + j];
          im[i][j] += ar * b[NR + j] + ai * b[j];
        }
      }
      a += 2 * MR;
      b += 2 * NR;
    }
    for (int i = 0; i < mr; ++i) {
      R* row = c + 2 * i * ldc;
      for (int j = 0; j < nr; ++j) {
        if (add) {
          row[2 * j] += re[i][j];
          row[2 * j + 1] += im[i][j];
        } else {
          row[2 * j] = re[i][j];
          row[2 * j + 1] = im[i][j];
        }
      }
    }
  }
}

template <class R, bool Cx>
void gemm_blocked(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
                  const char* B, int64_t rsb, int64_t csb, R* C, int64_t ldc) {
  constexpr int MR = Tile<R, Cx>::MR, NR = Tile<R, Cx>::NR;
  constexpr int W = Cx ? 2 : 1;
  constexpr int64_t esz = int64_t(sizeof(R)) * W;
  // A's packed block ~128 KiB (L2), B's packed panel ~2 MiB (L3).
  constexpr int64_t MC = std::max<int64_t>(MR, (131072 / (KC * esz)) / MR * MR);
  constexpr int64_t NC = std::max<int64_t>(NR, (2097152 / (KC * esz)) / NR * NR);
  const int64_t kcmax = std::min(K, KC);
  const int64_t mcmax = (std::min(M, MC) + MR - 1) / MR * MR;
  const int64_t ncmax = (std::min(N, NC) + NR - 1) / NR * NR;
  std::vector<R> ap(size_t(W * mcmax * kcmax)), bp(size_t(W * ncmax * kcmax));
  for (int64_t jc = 0; jc < N; jc += NC) {
    const int64_t nc = std::min(NC, N - jc);
    for (int64_t pc = 0; pc < K; pc += KC) {
      const int64_t kc = std::min(KC, K - pc);
      pack_b<R, Cx, NR>(kc, nc, B + pc * rsb + jc * csb, rsb, csb, bp.data());
      for (int64_t ic = 0; ic < M; ic += MC) {
        const int64_t mc = std::min(MC, M - ic);
        pack_a<R, Cx, MR>(mc, kc, A + ic * rsa + pc * csa, rsa, csa, ap.data());
        for (int64_t jr = 0; jr < nc; jr += NR) {
          const int nr = int(std::min<int64_t>(NR, nc - jr));
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int mr = int(std::min<int64_t>(MR, mc - ir));
            micro_kernel<R, Cx, MR, NR>(kc, ap.data() + W * ir * kc, bp.data() + W * jr * kc,
                                        C + W * ((ic + ir) * ldc + jc + jr), ldc, mr, nr, pc > 0);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Matrix-vector shapes for real floating types.

// A contiguous copy of n elements read with byte stride s (or the pointer itself when it is
// already contiguous and aligned).
template <class R>
const R* contiguous(const char* p, int64_t n, int64_t s, std::vector<R>& buf) {
  if (s == int64_t(sizeof(R)) && reinterpret_cast<uintptr_t>(p) % alignof(R) == 0)
    return reinterpret_cast<const R*>(p);
  buf.resize(size_t(n));
  for (int64_t i = 0; i < n; ++i) buf[size_t(i)] = load<R>(p + i * s);
  return buf.data();
}

template <class R>
R dot(const R* __restrict x, const R* __restrict y, int64_t n) {
  constexpr int L = 8;  // independent partial sums the compiler can keep in vector registers
  R acc[L] = {};
  int64_t k = 0;
  for (; k + L <= n; k += L)
    for (int l = 0; l < L; ++l) acc[l] += x[k + l] * y[k + l];
  R s = 0;
  for (; k < n; ++k) s += x[k] * y[k];
  for (int l = 0; l < L; ++l) s += acc[l];
  return s;
}

// out[i * os] = sum_k P[i, k] * q[k] for i < m (P: byte strides rs, cs; q contiguous).
template <class R>
void gemv_dot(int64_t m, int64_t k, const char* P, int64_t rs, int64_t cs, const R* q, R* out,
              int64_t os) {
  std::vector<R> row;
  for (int64_t i = 0; i < m; ++i) out[i * os] = dot(contiguous<R>(P + i * rs, k, cs, row), q, k);
}

// out[j * os] = sum_k q[k] * P[k, j] for j < n.
template <class R>
void gemv_axpy(int64_t n, int64_t k, const char* P, int64_t rs, int64_t cs, const R* q, R* out,
               int64_t os) {
  std::vector<R> acc(size_t(n), R(0)), row;
  R* __restrict ac = acc.data();
  for (int64_t p = 0; p < k; ++p) {
    const R* __restrict r = contiguous<R>(P + p * rs, n, cs, row);
    const R qv = q[p];
    for (int64_t j = 0; j < n; ++j) ac[j] += qv * r[j];
  }
  for (int64_t j = 0; j < n; ++j) out[j * os] = ac[j];
}

template <class R>
void gemm_real(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
               const char* B, int64_t rsb, int64_t csb, R* C, int64_t ldc, int max_threads) {
  constexpr int64_t e = sizeof(R);
  std::vector<R> vbuf;
  if (N == 1) {
    const R* x = contiguous<R>(B, K, rsb, vbuf);
    const char* xb = reinterpret_cast<const char*>(x);
    if constexpr (std::is_same_v<R, float>) {
      if (gemmk::gemv_f32(M, 1, K, A, rsa, csa, xb, e, e, C, ldc, max_threads)) return;
    } else {
      if (gemmk::gemv_f64(M, 1, K, A, rsa, csa, xb, e, e, C, ldc, max_threads)) return;
    }
    if (csa != e && rsa == e) gemv_axpy<R>(M, K, A, csa, rsa, x, C, ldc);
    else gemv_dot<R>(M, K, A, rsa, csa, x, C, ldc);
    return;
  }
  if (M == 1) {
    const R* x = contiguous<R>(A, K, csa, vbuf);
    const char* xb = reinterpret_cast<const char*>(x);
    if constexpr (std::is_same_v<R, float>) {
      if (gemmk::gemv_f32(1, N, K, xb, K * e, e, B, rsb, csb, C, ldc, max_threads)) return;
    } else {
      if (gemmk::gemv_f64(1, N, K, xb, K * e, e, B, rsb, csb, C, ldc, max_threads)) return;
    }
    if (csb != e && rsb == e) gemv_dot<R>(N, K, B, csb, rsb, x, C, 1);
    else gemv_axpy<R>(N, K, B, rsb, csb, x, C, 1);
    return;
  }
  if constexpr (std::is_same_v<R, float>)
    gemmk::gemm_f32(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, max_threads);
  else
    gemmk::gemm_f64(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, max_threads);
}

// ---------------------------------------------------------------------------------------------
// Integers (wrap-around) and bool (or of ands).

// Wrap-around dot product of n elements (byte strides sa, sb) in the unsigned type W, which
// is at least as wide as T and unsigned int: modulo 2^bits, so any order gives the same bits.
// Contiguous operands: independent partial sums in a loop the compiler vectorises, compiled
// for AVX-512/AVX2 and the baseline, chosen at load (target_clones).
template <class T, class W>
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
W int_dot_contig(const T* __restrict a, const T* __restrict b, int64_t n) {
  using U = std::make_unsigned_t<T>;
  constexpr int L = 64 / sizeof(W);
  W acc[L] = {};
  int64_t k = 0;
  for (; k + L <= n; k += L)
    for (int l = 0; l < L; ++l) acc[l] += W(U(a[k + l])) * W(U(b[k + l]));
  W s = 0;
  for (; k < n; ++k) s += W(U(a[k])) * W(U(b[k]));
  for (int l = 0; l < L; ++l) s += acc[l];
  return s;
}

template <class T, class W>
W int_dot(const char* a, int64_t sa, const char* b, int64_t sb, int64_t n) {
  using U = std::make_unsigned_t<T>;
  constexpr int64_t e = sizeof(T);
  if (sa == e && sb == e && reinterpret_cast<uintptr_t>(a) % alignof(T) == 0 &&
      reinterpret_cast<uintptr_t>(b) % alignof(T) == 0)
    return int_dot_contig<T, W>(reinterpret_cast<const T*>(a), reinterpret_cast<const T*>(b), n);
  W s = 0;
  for (int64_t k = 0; k < n; ++k) s += W(U(load<T>(a + k * sa))) * W(U(load<T>(b + k * sb)));
  return s;
}

template <class T>
void gemm_int(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, T* C, int64_t ldc) {
  using U = std::make_unsigned_t<T>;
  using Wd = std::conditional_t<(sizeof(T) < 4), uint32_t, U>;  // no promotion to int
  if (N == 1) {  // matrix-vector and vector-vector: one dot product per row, no packing
    for (int64_t i = 0; i < M; ++i)
      C[i * ldc] = T(U(int_dot<T, Wd>(A + i * rsa, csa, B, rsb, K)));
    return;
  }
  if (M == 1) {  // vector-matrix: one dot product per column
    for (int64_t j = 0; j < N; ++j) C[j] = T(U(int_dot<T, Wd>(A, csa, B + j * csb, rsb, K)));
    return;
  }
  std::vector<Wd> bp(static_cast<size_t>(K * N)), acc(static_cast<size_t>(N));
  for (int64_t k = 0; k < K; ++k)
    for (int64_t j = 0; j < N; ++j) bp[size_t(k * N + j)] = Wd(U(load<T>(B + k * rsb + j * csb)));
  Wd* __restrict ac = acc.data();
  for (int64_t i = 0; i < M; ++i) {
    std::fill(acc.begin(), acc.end(), Wd(0));
    for (int64_t k = 0; k < K; ++k) {
      const Wd av = Wd(U(load<T>(A + i * rsa + k * csa)));
      if (av == 0) continue;
      const Wd* __restrict br = bp.data() + k * N;
      for (int64_t j = 0; j < N; ++j) ac[j] += av * br[j];
    }
    T* crow = C + i * ldc;
    for (int64_t j = 0; j < N; ++j) crow[j] = T(U(ac[j]));
  }
}

void gemm_bool(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
               const char* B, int64_t rsb, int64_t csb, bool* C, int64_t ldc) {
  std::vector<uint8_t> bp(static_cast<size_t>(K * N)), acc(static_cast<size_t>(N));
  for (int64_t k = 0; k < K; ++k)
    for (int64_t j = 0; j < N; ++j) bp[size_t(k * N + j)] = *reinterpret_cast<const uint8_t*>(B + k * rsb + j * csb) != 0;
  for (int64_t i = 0; i < M; ++i) {
    std::fill(acc.begin(), acc.end(), uint8_t(0));
    for (int64_t k = 0; k < K; ++k) {
      if (*reinterpret_cast<const uint8_t*>(A + i * rsa + k * csa) == 0) continue;
      const uint8_t* br = bp.data() + k * N;
      for (int64_t j = 0; j < N; ++j) acc[size_t(j)] |= br[j];
    }
    for (int64_t j = 0; j < N; ++j) C[i * ldc + j] = acc[size_t(j)] != 0;
  }
}

Dims drop_dim(const Dims& d, int i) {
  Dims r;
  for (int k = 0; k < d.size(); ++k)
    if (k != i) r.push_back(d[k]);
  return r;
}

}  // namespace

namespace {
// Complex products through the real GEMM (session 4; the portable complex kernel above ran at
// 1/12-1/16 of NumPy's speed from N = 100): with A viewed as a real M x 2K matrix (its
// interleaved real and imaginary parts, columns contiguous) and
//   B'[2k][2j] = Re b, B'[2k][2j+1] = Im b, B'[2k+1][2j] = -Im b, B'[2k+1][2j+1] = Re b,
// the real product A' B' (M x 2N) is C with its parts interleaved, i.e. C itself:
// Re c = sum(Re a Re b - Im a Im b), Im c = sum(Re a Im b + Im a Re b), the textbook
// arithmetic (as BLAS's cgemm/zgemm), the same 8MNK flops. B' is built for blocks of columns
// (at most ~8 MiB); A is copied first when its columns are not contiguous.
template <class R>
void gemm_complex_real(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
                       const char* B, int64_t rsb, int64_t csb, R* C, int64_t ldc,
                       int max_threads) {
  using Cx = std::complex<R>;
  constexpr int64_t E = int64_t(sizeof(Cx));
  std::vector<Cx> acopy;
  if (csa != E || rsa % E != 0 || reinterpret_cast<uintptr_t>(A) % alignof(R) != 0) {
    acopy.resize(size_t(M * K));
    for (int64_t i = 0; i < M; ++i)
      for (int64_t k = 0; k < K; ++k) acopy[size_t(i * K + k)] = load<Cx>(A + i * rsa + k * csa);
    A = reinterpret_cast<const char*>(acopy.data());
    rsa = K * E;
  }
  const int64_t nb = std::max<int64_t>(16, std::min<int64_t>(N, (int64_t(8) << 20) / (4 * K * int64_t(sizeof(R)))));
  std::vector<R> bp(size_t(4 * K * std::min(nb, N)));
  for (int64_t j0 = 0; j0 < N; j0 += nb) {
    const int64_t n = std::min(nb, N - j0);
    const int64_t ld = 2 * n;  // B' row length (reals)
    for (int64_t k = 0; k < K; ++k) {
      R* r0 = bp.data() + (2 * k) * ld;
      R* r1 = r0 + ld;
      const char* brow = B + k * rsb + j0 * csb;
      for (int64_t j = 0; j < n; ++j) {
        const Cx b = load<Cx>(brow + j * csb);
        r0[2 * j] = b.real();
        r0[2 * j + 1] = b.imag();
        r1[2 * j] = -b.imag();
        r1[2 * j + 1] = b.real();
      }
    }
    const char* bpc = reinterpret_cast<const char*>(bp.data());
    const int64_t es = int64_t(sizeof(R));
    if constexpr (std::is_same_v<R, float>)
      gemmk::gemm_f32(M, 2 * n, 2 * K, A, rsa, es, bpc, ld * es, es, C + 2 * j0, 2 * ldc, max_threads);
    else
      gemmk::gemm_f64(M, 2 * n, 2 * K, A, rsa, es, bpc, ld * es, es, C + 2 * j0, 2 * ldc, max_threads);
  }
}

// The portable complex kernel for products too small to pay for building B'.
template <class R>
void gemm_complex(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
                  const char* B, int64_t rsb, int64_t csb, R* C, int64_t ldc, int max_threads) {
  if (double(M) * double(N) * double(K) < 4096.0)
    return gemm_blocked<R, true>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc);
  gemm_complex_real<R>(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, max_threads);
}

void gemm_mt(DType t, int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
             const char* B, int64_t rsb, int64_t csb, char* C, int64_t ldc, int max_threads) {
  if (M <= 0 || N <= 0) return;
  if (K == 0) {
    for (int64_t i = 0; i < M; ++i) std::memset(C + i * ldc * itemsize(t), 0, size_t(N * itemsize(t)));
    return;
  }
  switch (t) {
    case DType::Float32: return gemm_real<float>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<float*>(C), ldc, max_threads);
    case DType::Float64: return gemm_real<double>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<double*>(C), ldc, max_threads);
    case DType::Complex64: return gemm_complex<float>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<float*>(C), ldc, max_threads);
    case DType::Complex128: return gemm_complex<double>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<double*>(C), ldc, max_threads);
    case DType::Bool: return gemm_bool(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<bool*>(C), ldc);
    case DType::Int8: return gemm_int<int8_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<int8_t*>(C), ldc);
    case DType::Int16: return gemm_int<int16_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<int16_t*>(C), ldc);
    case DType::Int32: return gemm_int<int32_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<int32_t*>(C), ldc);
    case DType::Int64: return gemm_int<int64_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<int64_t*>(C), ldc);
    case DType::UInt8: return gemm_int<uint8_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<uint8_t*>(C), ldc);
    case DType::UInt16: return gemm_int<uint16_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<uint16_t*>(C), ldc);
    case DType::UInt32: return gemm_int<uint32_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<uint32_t*>(C), ldc);
    case DType::UInt64: return gemm_int<uint64_t>(M, N, K, A, rsa, csa, B, rsb, csb, reinterpret_cast<uint64_t*>(C), ldc);
    default: throw TypeError(std::string("gemm: unsupported dtype ") + name(t));
  }
}
}  // namespace

void gemm(DType t, int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
          const char* B, int64_t rsb, int64_t csb, char* C, int64_t ldc) {
  gemm_mt(t, M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, num_threads());
}

Array matmul(const Array& x1, const Array& x2, const char* fn) {
  const std::string f(fn);
  if (x1.ndim() == 0 || x2.ndim() == 0)
    throw ValueError(f + ": operands must have at least one dimension, got shapes " +
                     shape_str(x1.shape) + " and " + shape_str(x2.shape));
  const DType t = promote(x1.dtype, x2.dtype, fn);
  const DType ct = (t == DType::Float16 || t == DType::BFloat16) ? DType::Float32 : t;
  const bool v1 = x1.ndim() == 1, v2 = x2.ndim() == 1;
  Array a = x1, b = x2;
  if (v1) a = a.view(Dims{1, a.shape[0]}, Dims{0, a.strides[0]}, a.offset);
  if (v2) b = b.view(Dims{b.shape[0], 1}, Dims{b.strides[0], 0}, b.offset);
  const int na = a.ndim(), nb = b.ndim();
  const int64_t M = a.shape[na - 2], K = a.shape[na - 1], N = b.shape[nb - 1];
  if (b.shape[nb - 2] != K)
    throw ValueError(f + ": the contracted dimensions differ: x1 of shape " + shape_str(x1.shape) +
                     " has " + std::to_string(K) + " columns, x2 of shape " + shape_str(x2.shape) +
                     " has " + std::to_string(b.shape[nb - 2]) + " rows");
  Dims ba, bb;
  for (int i = 0; i < na - 2; ++i) ba.push_back(a.shape[i]);
  for (int i = 0; i < nb - 2; ++i) bb.push_back(b.shape[i]);
  const Dims batch = broadcast_shapes(ba, bb, fn);
  const int nbd = batch.size();
  Dims ashape = batch, bshape = batch, oshape = batch;
  ashape.push_back(M); ashape.push_back(K);
  bshape.push_back(K); bshape.push_back(N);
  oshape.push_back(M); oshape.push_back(N);
  Array out = Array::empty(oshape, ct, x1.device(), fn);
  if (out.size() > 0) {
    // Cast after the shape checks; the casts copy the operands, not their broadcasts.
    if (a.dtype != ct) a = astype(a, ct);
    if (b.dtype != ct) b = astype(b, ct);
    const Array A = broadcast_to(a, ashape, fn), B = broadcast_to(b, bshape, fn);
    const int64_t rsa = A.strides[nbd], csa = A.strides[nbd + 1];
    const int64_t rsb = B.strides[nbd], csb = B.strides[nbd + 1];
    const int64_t osz = itemsize(ct);
    int64_t nbatch = 1;
    for (int i = 0; i < nbd; ++i) nbatch *= batch[i];
    // One GEMM when B is the same matrix for every batch and A's batch dims and rows merge
    // into one strided dimension (x @ W with x of shape (..., M, K)).
    bool b_shared = true;
    for (int i = 0; i < nbd; ++i) b_shared = b_shared && (batch[i] == 1 || B.strides[i] == 0);
    int64_t merged_stride = rsa;
    bool mergeable = b_shared && nbatch > 1;
    if (mergeable) {
      int64_t expect = 0;  // stride the next outer non-1 dim must have; 0: anything
      bool have = false;
      for (int i = nbd; i >= 0 && mergeable; --i) {
        const int64_t n = i == nbd ? M : batch[i];
        const int64_t s = i == nbd ? rsa : A.strides[i];
        if (n == 1) continue;
        if (have && s != expect) mergeable = false;
        if (!have) merged_stride = s;
        have = true;
        expect = s * n;
      }
    }
    if (mergeable) {
      gemm(ct, nbatch * M, N, K, A.data(), merged_stride, csa, B.data(), rsb, csb, out.data(), N);
    } else {
      // Many small products: one product per task, parallel over the batch (each product on
      // one thread); large ones: one after another, each split over the threads.
      const bool per_batch = nbatch > 1 && double(M) * double(N) * double(K) < 2.0e6 &&
                             double(nbatch) * double(M) * double(N) * double(K) >= 2.0e5;
      // Batches of vector dot products (vecdot, (..., 1, K) @ (..., K, 1)) with contiguous
      // float32/float64 vectors: the dot kernel directly, the same one (and the same bits) as
      // through gemm_mt, without its per-product dispatch (session 5, float32 vecdot, two
      // threads: (100000, 3) 1343 -> 512 us, NumPy 677; (2000, 512) 351 -> 209 us, NumPy 346).
      const bool dots = M == 1 && N == 1 && K < (int64_t(1) << 15) && csa == osz &&
                        rsb == osz && (ct == DType::Float32 || ct == DType::Float64) &&
                        reinterpret_cast<uintptr_t>(A.data()) % osz == 0 &&
                        reinterpret_cast<uintptr_t>(B.data()) % osz == 0;
      const auto dot32 = gemmk::table().dot32;
      const auto dot64 = gemmk::table().dot64;
      const auto range = [&](int64_t b0, int64_t b1, int threads) {
        Dims idx(nbd, 0);
        int64_t oa = 0, ob = 0, r = b0;
        for (int d = nbd - 1; d >= 0; --d) {  // position of batch b0
          idx[d] = r % batch[d];
          r /= batch[d];
          oa += idx[d] * A.strides[d];
          ob += idx[d] * B.strides[d];
        }
        for (int64_t bi = b0; bi < b1; ++bi) {
          if (dots && ct == DType::Float32)
            reinterpret_cast<float*>(out.data())[bi] =
                K ? dot32(K, reinterpret_cast<const float*>(A.data() + oa),
                          reinterpret_cast<const float*>(B.data() + ob))
                  : 0.0f;
          else if (dots)
            reinterpret_cast<double*>(out.data())[bi] =
                K ? dot64(K, reinterpret_cast<const double*>(A.data() + oa),
                          reinterpret_cast<const double*>(B.data() + ob))
                  : 0.0;
          else
            gemm_mt(ct, M, N, K, A.data() + oa, rsa, csa, B.data() + ob, rsb, csb,
                    out.data() + bi * M * N * osz, N, threads);
          for (int d = nbd - 1; d >= 0; --d) {
            oa += A.strides[d];
            ob += B.strides[d];
            if (++idx[d] < batch[d]) break;
            oa -= A.strides[d] * batch[d];
            ob -= B.strides[d] * batch[d];
            idx[d] = 0;
          }
        }
      };
      if (per_batch)
        parallel_for(nbatch, 1, num_threads(), [&](int64_t b0, int64_t b1, int) { range(b0, b1, 1); });
      else
        range(0, nbatch, num_threads());
    }
  }
  if (ct != t) out = astype(out, t);
  Dims shape = out.shape;
  if (v2) shape = drop_dim(shape, shape.size() - 1);
  if (v1) shape = drop_dim(shape, shape.size() - (v2 ? 1 : 2));
  if (v1 || v2) {
    Dims st = c_strides(shape, out.itemsize());
    out = out.view(shape, st, out.offset);
  }
  return out;
}

}  // namespace hc::cpu
