// cbrt for float32 and float64 (NumPy's np.cbrt; ints and bool go to float as its loops do).
// Written branch-free so the per-target loops of cpu/loops_target.h vectorise it (AVX-512 /
// AVX2); the same operations run on every target, so every target gives the same bits.
//
// float64: |x| = z 2^(3k) with z in [1, 8) (exponent split with an exact integer divide by 3;
// subnormals scaled by 2^54 first), a quartic first guess of z^(-1/3) (relative error < 1.9e-2),
// four division-free Newton steps on it, then one Newton step on cbrt(z) whose residual
// y^3 - z is computed exactly enough (y*y split by fma): the result is cbrt(z)(1 + d) with |d|
// a small fraction of an ulp before the last rounding, scaled by 2^k exactly. Measured
// (specs/accuracy.md, cbrt): <= 0.501 ulp, i.e. correctly rounded on every sample.
// float32: the same steps in float32 lanes (cbrt_f32 below; until session 5 in double with three
// Newton steps); measured max 0.5 ulp on every float32.
// Zeros, infinities and NaN pass through (cbrt(-0) = -0, cbrt(-inf) = -inf).
// Since session 6 these loops serve only where no vector target runs (the scalar target): on
// AVX-512/AVX2/NEON cpu/elementwise_math.cpp's register_vmath replaces them by the vector
// kernels vm32::cbrt / vm::cbrt (cpu/simd/, the same method with a minimax first guess:
// float64 0.500 ulp, float32 0.5002 ulp over every float32; specs/accuracy.md).
#include <cmath>
#include <cstdint>
#include <cstring>

#include "cpu/elementwise_common.h"
#include "cpu/kernels.h"

namespace hc::cpu {
namespace {

inline uint64_t bits_of(double x) {
  uint64_t u;
  std::memcpy(&u, &x, 8);
  return u;
}
inline double from_bits(uint64_t u) {
  double x;
  std::memcpy(&x, &u, 8);
  return x;
}

inline double cbrt_core(double x) {
  const uint64_t u = bits_of(x);
  const uint64_t sign = u & 0x8000000000000000ull;
  uint64_t a = u & 0x7fffffffffffffffull;
  // All-ones masks rather than branches or ?: (those left the loop unvectorised).
  const uint64_t special = uint64_t(0) - uint64_t((a - 1) >= 0x7fefffffffffffffull);  // 0, inf, NaN
  const uint64_t sub = uint64_t(0) - uint64_t(a < 0x0010000000000000ull);
  // Subnormal: |x| 2^54 is normal; the root is then 2^18 too large, taken off through k.
  const double scaled = from_bits(a) * 18014398509481984.0;  // 2^54
  a = (bits_of(scaled) & sub) | (a & ~sub);
  const int64_t e = int64_t(a >> 52) - 1023 - int64_t(54 & sub);  // unbiased exponent
  // k = floor(e / 3) for e in [-1128, 1023]: (e + 3072) / 3 - 1024 via a multiply
  // (21846 / 65536 is 1/3 + 1.0e-5: exact floor below 32768).
  const int64_t k = (((e + 3072) * 21846) >> 16) - 1024;
  const int64_t rem = e - 3 * k;  // 0, 1, 2
  const double z = from_bits((a & 0x000fffffffffffffull) | (uint64_t(1023 + rem) << 52));  // [1, 8)
  // No divisions (they bounded the speed): a quartic first guess of r = z^(-1/3) on [1, 8]
  // (relative error < 1.9e-2), then Newton r <- r + r (1 - z r^3) / 3, quadratic:
  // 2e-2 -> 7e-4 -> 1e-6 -> 2e-12 -> rounding (~2e-16); then cbrt(z) = z r^2.
  double r = 1.2867638250287479 +
             z * (-0.383199689523982 +
                  z * (0.08748232357658736 + z * (-0.00993206075936063 + z * 0.00043184218831863867)));
  for (int it = 0; it < 4; ++it) {
    const double r3 = r * r * r;
    r = r + r * ((1.0 - z * r3) * 0.33333333333333331);
  }
  double y = z * (r * r);
  // One Newton step for y with an accurate residual: y^3 - z = (hi + lo) y - z with
  // y*y = hi + lo exactly; the step is res / (3 y^2) = res r^2 / 3 (r is 1/y to ~1e-16, which
  // only scales the ~1e-16 correction). Result: the root to a small fraction of an ulp before the
  // final rounding of y - step.
  {
    const double hi = y * y;
    const double lo = std::fma(y, y, -hi);
    const double res = std::fma(hi, y, -z) + lo * y;
    y = y - res * ((r * r) * 0.33333333333333331);
  }
  // Scale by 2^k exactly (k in [-376, 341]: a normal power of two).
  const double p = from_bits(uint64_t(1023 + k) << 52);
  const uint64_t out = bits_of(y * p) | sign;
  return from_bits((u & special) | (out & ~special));
}

inline uint32_t bits_of(float x) {
  uint32_t u;
  std::memcpy(&u, &x, 4);
  return u;
}
inline float from_bits32(uint32_t u) {
  float x;
  std::memcpy(&x, &u, 4);
  return x;
}

// float32 in float32 lanes (twice the lanes of the double version it replaced in session 5:
// 229 -> ~105 us for 1e5 elements on one thread here; NumPy's SVML cbrt 40): the same steps
// as the double code above with float32 constants, two division-free Newton steps on
// z^(-1/3) (2e-2 -> 7e-4 -> ~1e-6), then the corrected step on cbrt(z) with the residual
// computed through fma. Measured on every positive float32 against the C library's double
// cbrt: at most 0.5000 ulp (correctly rounded), zeros/infinities/NaN and signs as above.
inline float cbrt_f32(float x) {
  const uint32_t u = bits_of(x);
  const uint32_t sign = u & 0x80000000u;
  uint32_t a = u & 0x7fffffffu;
  const uint32_t special = 0u - uint32_t((a - 1) >= 0x7f7fffffu);  // 0, inf, NaN
  const uint32_t sub = 0u - uint32_t(a < 0x00800000u);
  const float scaled = from_bits32(a) * 16777216.0f;  // 2^24: subnormals become normal
  a = (bits_of(scaled) & sub) | (a & ~sub);
  const int32_t e = int32_t(a >> 23) - 127 - int32_t(24 & sub);  // [-150, 127]
  const int32_t k = (((e + 384) * 21846) >> 16) - 128;           // floor(e / 3)
  const int32_t rem = e - 3 * k;                                 // 0, 1, 2
  const float z = from_bits32((a & 0x007fffffu) | (uint32_t(127 + rem) << 23));  // [1, 8)
  float r = 1.2867638f +
            z * (-0.38319969f + z * (0.087482324f + z * (-0.0099320608f + z * 0.00043184219f)));
  for (int it = 0; it < 2; ++it) {
    const float r3 = r * r * r;
    r = std::fma(r * 0.33333334f, 1.0f - z * r3, r);
  }
  float y = z * (r * r);
  const float hi = y * y;
  const float lo = std::fma(y, y, -hi);
  const float res = std::fma(hi, y, -z) + lo * y;
  y = std::fma(-res, (r * r) * 0.33333334f, y);
  const float p = from_bits32(uint32_t(127 + k) << 23);  // 2^k, k in [-50, 42]
  const uint32_t out = bits_of(y * p) | sign;
  return from_bits32((u & special) | (out & ~special));
}

struct Cbrt {
  float operator()(float x) const { return cbrt_f32(x); }
  double operator()(double x) const { return cbrt_core(x); }
};

}  // namespace

void register_cbrt() {
  const int op = op_id("cbrt", 1, TypeRule::Inexact);
  op_info(op).cost = 4;
  un_same_v<Cbrt, DType::Float32, DType::Float64>(op);
  // float16 / bfloat16: through float32 (exact inputs, one rounding of a correctly rounded
  // float32 result; the 16-bit grids are far coarser).
  reg_unary<Cbrt, DType::Float16, DType::Float16>(op);
  reg_unary<Cbrt, DType::BFloat16, DType::BFloat16>(op);
}

}  // namespace hc::cpu
