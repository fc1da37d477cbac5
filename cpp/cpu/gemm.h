// hcarray's own GEMM for float32 and float64 (no BLAS): BLIS-style blocking (NC/KC/MC cache
// blocks, A and B packed into contiguous panels from any strides) around a register-blocked
// MR x NR micro-kernel written once against the SIMD vector type (cpp/cpu/simd/simd.h) and
// compiled per target (cpp/cpu/simd/gemm_kernel_target.cpp: AVX-512, AVX2+FMA, NEON, scalar).
// The target is chosen once, at first use, like vmath: HCARRAY_SIMD=avx512|avx2|neon|scalar
// forces one (a target this CPU cannot run is ignored). Small products (every dimension <= 64
// or so) skip packing: the micro-kernel reads A through its strides and B's rows in place.
// Large products split the M or N loop over the thread pool. Design and figures: specs/gemm.md.
#pragma once
#include <cstdint>

namespace hc::cpu::gemmk {

// One micro-kernel computes a full MR x NR tile: C[i, j] (=, or += when add) sum over p < kc of
// A(i, p) * b[p * ldb + j]. A is read as a[i * ars + p * acs] (packed panels: ars = 1,
// acs = MR); b's rows hold NR contiguous values (packed panels: ldb = NR). c's rows are ldc
// elements apart, columns contiguous.
using KernelF32 = void (*)(int64_t kc, const float* a, int64_t ars, int64_t acs, const float* b,
                           int64_t ldb, float* c, int64_t ldc, int add);
using KernelF64 = void (*)(int64_t kc, const double* a, int64_t ars, int64_t acs,
                           const double* b, int64_t ldb, double* c, int64_t ldc, int add);

// rows: out[i * os] = sum_p a[i * lda + p] * x[p], i < n (rows contiguous);
// cols: out[j * os] = sum_p x[p] * a[p * lda + j], j < n (columns contiguous). k = depth.
using GemvF32 = void (*)(int64_t n, int64_t k, const float* a, int64_t lda, const float* x,
                         float* out, int64_t os);
using GemvF64 = void (*)(int64_t n, int64_t k, const double* a, int64_t lda, const double* x,
                         double* out, int64_t os);

struct Table {
  const char* target;  // "avx512", "avx2", "neon", "scalar"
  int mr32, nr32, mr64, nr64;
  KernelF32 packed32, direct32;  // packed: A in MR-row panels (ars/acs ignored)
  KernelF64 packed64, direct64;
  // Direct kernels of about half the width (MR x nrh, nrh = NR/2 rounded down to whole
  // vectors: 16 / 8 on AVX-512, 8 / 4 on AVX2, 4 / 2 on NEON whose NR is 12 / 6, 2 / 2 scalar):
  // small products with nrh <= N < NR.
  KernelF32 direct32_half;
  KernelF64 direct64_half;
  int nrh32, nrh64;
  // Direct kernels of 8 rows (8 x NR): small products whose M is a multiple of 8 but not of MR
  // compute no rows twice (M = 64: 64 rows instead of 72). mr8 = 0 where not built.
  int mr8;
  KernelF32 direct32_r8;
  KernelF64 direct64_r8;
  // Matrix-vector kernels (one target's SIMD; see gemv_f32 below).
  GemvF32 gemv_rows32;
  GemvF64 gemv_rows64;
  GemvF32 gemv_cols32;
  GemvF64 gemv_cols64;
  // One dot product (products with a single output): sum_p a[p] * x[p].
  float (*dot32)(int64_t k, const float* a, const float* x);
  double (*dot64)(int64_t k, const double* a, const double* x);
};

const Table& table();                      // the target chosen at first use
const Table* table_for(const char* name);  // nullptr if not built or not runnable here

// C[M, N] = A[M, K] @ B[K, N] for float32 / float64. Byte strides for A and B (any sign),
// C rows ldc elements apart with contiguous columns. max_threads caps the thread count
// (1: run on the calling thread only). M, N > 0, K >= 0.
void gemm_f32(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, float* C, int64_t ldc, int max_threads);
void gemm_f64(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, double* C, int64_t ldc, int max_threads);

// Matrix-vector products C = A @ B with M == 1 or N == 1 (the vector contiguous and aligned,
// passed as A when M == 1 and as B when N == 1): vectorised and split over up to max_threads
// threads. Returns false, doing nothing, when the matrix has neither contiguous rows nor
// contiguous columns (the caller then uses its own loops).
bool gemv_f32(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, float* C, int64_t ldc, int max_threads);
bool gemv_f64(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa,
              const char* B, int64_t rsb, int64_t csb, double* C, int64_t ldc, int max_threads);

// Name of the target in use (tests, benchmarks).
const char* target_name();

}  // namespace hc::cpu::gemmk
