// GEMM driver + micro-kernels of one SIMD target (HCARRAY_SIMD picks it, as in the module),
// checked against a long double reference: every path of cpu/gemm.cpp (small products with and
// without packing, the mid-sized unpacked path, the blocked path with several KC/NC blocks,
// edge tiles, transposed and negative-stride operands, matrix-vector and vector dot products),
// float32 and float64, on 1 and 3 threads. Each output must be within the dot-product bound
// |c - ref| <= (K + 2) * eps * sum_p |a_ip| |b_pj| (Higham, gamma_K; +2 for the FMA-free scalar
// target and the final rounding), and the 3-thread result must equal the 1-thread one bit for
// bit (results do not depend on the thread count). Built and run for NEON under qemu-aarch64 by
// tools/test-neon.sh (the x86 targets are covered by tests/test_gemm.py through the module).
// Use: HCARRAY_SIMD=<target> test_gemm ; exit status 0 when every check passes.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/parallel.h"
#include "cpu/gemm.h"

namespace g = hc::cpu::gemmk;

namespace {

int failures = 0;
int checks = 0;

template <class T>
void gemm(int64_t M, int64_t N, int64_t K, const char* A, int64_t rsa, int64_t csa, const char* B,
          int64_t rsb, int64_t csb, T* C, int64_t ldc) {
  const int nt = hc::num_threads();
  if constexpr (sizeof(T) == 4) {
    if ((M == 1 || N == 1) && g::gemv_f32(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, nt)) return;
    g::gemm_f32(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, nt);
  } else {
    if ((M == 1 || N == 1) && g::gemv_f64(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, nt)) return;
    g::gemm_f64(M, N, K, A, rsa, csa, B, rsb, csb, C, ldc, nt);
  }
}

// One product: A is M x K and B is K x N, each stored row-major or transposed (column-major),
// optionally walked backwards along its rows (negative row stride).
template <class T>
void check(int64_t M, int64_t N, int64_t K, bool ta, bool tb, bool nega, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<T> a(size_t(M * K)), b(size_t(K * N));
  for (auto& v : a) v = T(u(rng));
  for (auto& v : b) v = T(u(rng));
  constexpr int64_t e = sizeof(T);
  // Element (i, p) of A at byte offset i * rsa + p * csa from the base pointer.
  int64_t rsa = ta ? e : K * e, csa = ta ? M * e : e;
  const char* A = reinterpret_cast<const char*>(a.data());
  if (nega) {  // rows in reverse order: row i is stored row M - 1 - i
    A += (M - 1) * rsa;
    rsa = -rsa;
  }
  const int64_t rsb = tb ? e : N * e, csb = tb ? K * e : e;
  const char* B = reinterpret_cast<const char*>(b.data());
  auto at = [&](int64_t i, int64_t p) {
    T v;
    std::memcpy(&v, A + i * rsa + p * csa, sizeof(T));
    return v;
  };
  auto bt = [&](int64_t p, int64_t j) {
    T v;
    std::memcpy(&v, B + p * rsb + j * csb, sizeof(T));
    return v;
  };
  std::vector<T> c1(size_t(M * N), T(-7)), c3(size_t(M * N), T(-7));
  hc::set_num_threads(1);
  gemm<T>(M, N, K, A, rsa, csa, B, rsb, csb, c1.data(), N);
  hc::set_num_threads(3);
  gemm<T>(M, N, K, A, rsa, csa, B, rsb, csb, c3.data(), N);
  const long double eps = std::numeric_limits<T>::epsilon() / 2;
  int bad = 0;
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      long double ref = 0, mag = 0;
      for (int64_t p = 0; p < K; ++p) {
        ref += (long double)at(i, p) * (long double)bt(p, j);
        mag += std::fabs((long double)at(i, p) * (long double)bt(p, j));
      }
      const T got = c1[size_t(i * N + j)];
      const long double err = std::fabs((long double)got - ref);
      const bool ok = err <= (K + 2) * eps * mag + std::numeric_limits<T>::denorm_min();
      const bool same = std::memcmp(&got, &c3[size_t(i * N + j)], sizeof(T)) == 0;
      if ((!ok || !same) && bad++ < 3)
        std::printf("FAIL %s M=%ld N=%ld K=%ld ta=%d tb=%d nega=%d at (%ld,%ld): got %.9Lg ref "
                    "%.9Lg (bound %.3Lg) 3-thread %.9Lg\n",
                    sizeof(T) == 4 ? "float32" : "float64", long(M), long(N), long(K), ta, tb,
                    nega, long(i), long(j), (long double)got, ref, (K + 2) * eps * mag,
                    (long double)c3[size_t(i * N + j)]);
    }
  ++checks;
  if (bad) ++failures;
}

}  // namespace

int main() {
  const char* target = g::target_name();
  std::mt19937 rng(12345);
  // Shapes: below one tile, single tiles of each target's MR x NR, edges, the small unpacked
  // path (M, N <= 96), the mid-sized path (N, K <= 512, with and without A panel packing), the
  // blocked path with several KC (> 512 / 256) and NC blocks, and matrix-vector / dot shapes.
  const int64_t shapes[][3] = {
      {1, 1, 1},     {2, 3, 4},     {7, 5, 3},      {8, 12, 9},     {12, 32, 16},
      {13, 33, 17},  {16, 64, 31},  {64, 64, 64},   {96, 96, 100},  {37, 70, 129},
      {130, 200, 140}, {200, 257, 64}, {40, 140, 600}, {20, 600, 530}, {1, 300, 77},
      {300, 1, 77},  {1, 1, 5000},  {1, 1, 40000},  {5, 1, 3},      {1, 6, 300},
      {16, 7, 9},    {9, 10, 20},   {24, 11, 5},    {13, 6, 8},     {48, 48, 40},
      {80, 80, 33},  {52, 45, 17},  {40, 40, 40},   {24, 40, 9},    {16, 72, 12},
      {20, 70, 31},  {80, 80, 80},  {72, 72, 72},   {88, 88, 88},   {40, 40, 64},
      {16, 16, 16},  {20, 16, 7},   {14, 20, 30},   {28, 9, 11},
  };
  for (const auto& s : shapes)
    for (int layout = 0; layout < 4; ++layout) {
      const bool ta = layout & 1, tb = layout & 2;
      check<float>(s[0], s[1], s[2], ta, tb, false, rng);
      check<double>(s[0], s[1], s[2], ta, tb, layout == 0, rng);
    }
  check<float>(40, 50, 60, false, false, true, rng);
  std::printf("gemm (%s): %d products checked, %d failed\n", target, checks, failures);
  return failures ? 1 : 0;
}
