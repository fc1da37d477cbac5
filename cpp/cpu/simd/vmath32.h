// Pure float32 vector math (float lanes, Vf): exp, log, tanh, sigmoid, written once against
// simd.h and compiled once per target (the target is the namespace; include this after choosing
// HC_SIMD_TARGET, as cpu/simd/vmath_target.cpp and cpu/nn_target_*.cpp do). Header-only and
// inline, so any per-target translation unit (hcarray.nn's row kernels) can call the lane
// functions directly: hc::simd::HC_SIMD_NS::vm32::exp(Vf) etc.
//
// Methods (own derivations; the polynomials are near-minimax fits made with NumPy by Lawson's
// iteratively reweighted least squares on the relative error, coefficients rounded to float32:
// see specs/accuracy.md for the fitting script's description and the measured errors):
//   exp: x = n ln2 + r, n = rint(x log2e) (by the 1.5*2^23 shifter), r = (x - n ln2hi) - n ln2lo
//        (Cody-Waite; the first step is exact), e^r = 1 + (r + r^2 q(r)), q of degree 4
//        (relative fit error 4.7e-9 on |r| <= ln2/2), r's rounding error carried and 1 + r
//        split exactly (so the result is rounded about once), scaled by 2^n with an integer add
//        to the exponent field. Rare path (some lane with |x| > 87, or NaN): that vector in
//        double lanes (x clamped to [-104, 89], Taylor to r^8, 2^n exact) rounded once to
//        float32, so overflow gives inf and subnormal results are not double-rounded.
//   log: x = 2^e m, m in [sqrt(1/2), sqrt(2)) by integer arithmetic on the bits, f = m - 1
//        (exact), log(1+f) = f + f^2 Q(f), Q of degree 7 (relative fit error 3.2e-8), then
//        e ln2hi + (e ln2lo + log(1+f)) with fma. Rare path (some lane not a positive normal
//        finite number): subnormals scaled by 2^23 first; x < 0 -> NaN, +-0 -> -inf, inf -> inf,
//        NaN -> NaN, by blends.
//   tanh: |x| <= 0.625: x + x^3 P(x^2), P of degree 4 (relative fit error 8.6e-9); otherwise
//        1 - 2 / (e^(2|x|) + 1) with |x| clamped to 9.1 (tanh rounds to 1 beyond 9.01), e^(2|x|)
//        by a reduction with the 2 folded in (exp2x_tanh), 1/d by the hardware reciprocal
//        estimate and a Newton step (recip); sign restored by copysign (so -0 -> -0, +-inf ->
//        +-1), NaN passes through.
//   sigmoid: 1 / (1 + e^-x) with the full-range exp (e^-x = inf gives 0, never NaN).
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>

#include "cpu/simd/simd.h"

namespace hc::simd::HC_SIMD_NS {
namespace vm32 {

inline Vf F(float v) { return set1<Vf>(v); }
inline Vi I(int64_t v) { return iset1<Vi>(v); }

template <size_t K>
inline Vf poly(Vf x, const float (&c)[K]) {
  Vf r = F(c[K - 1]);
  for (size_t i = K - 1; i-- > 0;) r = fma(r, x, F(c[i]));
  return r;
}

// The same polynomial by Estrin's scheme in pairs (c0 + c1 x) + x^2 (c2 + c3 x) + ...: a shorter
// dependency chain than Horner for the long polynomials (the loop is latency-bound there);
// x2 = x * x passed in.
template <size_t K>
inline Vf poly_estrin(Vf x, Vf x2, const float (&c)[K]) {
  Vf r = (K % 2) ? F(c[K - 1]) : fma(F(c[K - 1]), x, F(c[K - 2]));
  for (size_t i = (K % 2) ? K - 1 : K - 2; i >= 2; i -= 2) r = fma(r, x2, fma(F(c[i - 1]), x, F(c[i - 2])));
  return r;
}

constexpr float kLn2Hi = 0x1.62e43p-1f, kLn2Lo = -0x1.05c61p-29f;  // ln2 = hi + lo (+ 2^-54)
constexpr float kLog2e = 0x1.715476p+0f;
constexpr float kShifter = 0x1.8p23f;  // x + 1.5*2^23: rint(x) in the low mantissa bits
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// e^r = 1 + r + r^2 q(r) on |r| <= ln2/2.
constexpr float kExpQ[] = {0x1.fffffcp-2f, 0x1.55548ap-3f, 0x1.555916p-5f, 0x1.123fc6p-7f,
                           0x1.6a1a72p-10f};
// log(1+f) = f + f^2 Q(f) on [sqrt(1/2) - 1, sqrt(2) - 1].
constexpr float kLogQ[] = {-0x1.fffff8p-2f, 0x1.55555p-2f, -0x1.000428p-2f, 0x1.99a4p-3f,
                           -0x1.5426fcp-3f, 0x1.227042p-3f, -0x1.0f39ecp-3f, 0x1.0852b2p-3f,
                           -0x1.383d3ep-4f};
// tanh(x) = x + x^3 P(x^2) on |x| <= 0.625.
constexpr float kTanhP[] = {-0x1.555532p-2f, 0x1.110726p-3f, -0x1.b83c5ap-5f, 0x1.52269ap-6f,
                            -0x1.75e1cap-8f};
constexpr float kTanhSmall = 0.625f, kTanhClamp = 9.1f;

// 1/d for positive finite normal d (d >= 1 where used), without the divider (vdivps on 16
// lanes costs more than the rest of tanh): the hardware estimate refined by Newton steps
// (AVX-512: 2^-14 estimate, one step; AVX2: 2^-12, two steps; NEON: 2^-8, three steps),
// plain division on the scalar target. Result within about 1 ulp of 1/d.
inline Vf recip(Vf d) {
#if HC_SIMD_TARGET == HC_SIMD_AVX512
  Vf y{_mm512_rcp14_ps(d.v)};
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
  Vf y{_mm256_rcp_ps(d.v)};
  y = fma(y, fnma(d, y, F(1.0f)), y);
#elif HC_SIMD_TARGET == HC_SIMD_NEON
  Vf y{vrecpeq_f32(d.v)};
  y = y * Vf{vrecpsq_f32(d.v, y.v)};
  y = y * Vf{vrecpsq_f32(d.v, y.v)};
#else
  return F(1.0f) / d;
#endif
#if HC_SIMD_TARGET != HC_SIMD_SCALAR
  return fma(y, fnma(d, y, F(1.0f)), y);  // y + y (1 - d y)
#endif
}

// 1/d to 2^-14 relative or better (positive or negative normal d, 2^-126 < |d| < 2^126), for
// callers that follow it with their own residual correction (which squares the error): the
// AVX-512 estimate as it is (2^-14), AVX2's 2^-12 and NEON's 2^-8 estimates with one and two
// Newton steps; division on the scalar target.
inline Vf recip_rough(Vf d) {
#if HC_SIMD_TARGET == HC_SIMD_AVX512
  return Vf{_mm512_rcp14_ps(d.v)};
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
  Vf y{_mm256_rcp_ps(d.v)};
  return fma(y, fnma(d, y, F(1.0f)), y);
#elif HC_SIMD_TARGET == HC_SIMD_NEON
  Vf y{vrecpeq_f32(d.v)};
  y = y * Vf{vrecpsq_f32(d.v, y.v)};
  return y * Vf{vrecpsq_f32(d.v, y.v)};
#else
  return F(1.0f) / d;
#endif
}

// sqrt(w) for positive normal finite w, without the square-root unit (vsqrtps on 16 lanes
// costs several fmas' worth of throughput): y ~ 1/sqrt(w) by the hardware estimate refined by
// Newton steps (y += y (1/2 - (w/2) y^2); AVX-512 2^-14 estimate, no step; AVX2 2^-12, two;
// NEON 2^-8, three), then s = w y and one correction s + (w - s^2) y/2 (fma: relative error
// about e^2 for an estimate y within e, 2^-28 on AVX-512). Returns s within about 1 ulp of
// sqrt(w); res = (w - s^2) y/2 is what s lacks (s + res ~ sqrt(w) to ~2^-38 relative). Scalar target: the correctly rounded sqrt and its residual by division.
inline Vf sqrt_nr(Vf w, Vf& res) {
#if HC_SIMD_TARGET == HC_SIMD_SCALAR
  Vf s = sqrt(w);
  res = fnma(s, s, w) / (s + s);
  return s;
#else
#if HC_SIMD_TARGET == HC_SIMD_AVX512
  Vf y{_mm512_rsqrt14_ps(w.v)};
  constexpr int kSteps = 0;  // s's own correction below squares the 2^-14 (issue 6, round 3)
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
  Vf y{_mm256_rsqrt_ps(w.v)};
  constexpr int kSteps = 2;
#else
  Vf y{vrsqrteq_f32(w.v)};
  constexpr int kSteps = 3;
#endif
  Vf h = F(0.5f) * w;
  for (int i = 0; i < kSteps; ++i) y = fma(y, fnma(h * y, y, F(0.5f)), y);
  Vf hy = F(0.5f) * y;
  Vf s = w * y;
  s = fma(hy, fnma(s, s, w), s);
  res = fnma(s, s, w) * hy;
  return s;
#endif
}

// 2^n for integer-valued n in [-126, 127], built in the exponent field.
inline Vf pow2i(Vf n) {
  return from_bits<Vf>(shl<23>(bits(n + F(kShifter)) - bits(F(kShifter)) + I(127)));
}

// e^r for the reduced argument of x; t holds n + 1.5*2^23 (n in its low mantissa bits).
// Precise: r's rounding error is carried and 1 + r is split exactly, so only the last addition
// rounds at the result's scale (<= 0.62 ulp measured); otherwise 1 + (r + r^2 q(r)) (<= 0.98 ulp),
// five operations fewer, used where the result feeds a further rounding anyway (tanh).
template <bool Precise>
inline Vf exp_reduced(Vf x, Vf& t) {
  t = fma(x, F(kLog2e), F(kShifter));
  Vf n = t - F(kShifter);
  Vf r1 = fnma(n, F(kLn2Hi), x);  // exact: |r1| < 1/2 and both terms are multiples of ulp(r1)
  Vf r = fnma(n, F(kLn2Lo), r1);
  if (!Precise) return fma(r * r, poly(r, kExpQ), r) + F(1.0f);
  Vf d = fnma(n, F(kLn2Lo), r1 - r);  // what rounding r dropped (r1 - r is exact)
  Vf hi = F(1.0f) + r;
  Vf lo = r - (hi - F(1.0f));  // exact
  return hi + (lo + fma(r * r, poly(r, kExpQ), d));
}

// e^x for |x| <= 87 (normal, finite results; no special values): the fast path.
template <bool Precise = true>
inline Vf exp_core(Vf x) {
  Vf t, p = exp_reduced<Precise>(x, t);
  // bits(t) = bits(1.5*2^23) + n; shifted left by 23 the constant part leaves the word.
  return from_bits<Vf>(bits(p) + shl<23>(bits(t)));
}

// The rare path, every lane: computed in double lanes and rounded once to float32, so
// overflow gives inf, subnormal results are rounded once (no double rounding near 2^-126),
// 0 below; NaN passes through. Taylor to r^8 on |r| <= ln2/2 (relative error 2e-10).
constexpr double kExpT8[] = {1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664,
    0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05};
__attribute__((noinline, cold)) inline Vf exp_wide(Vf x) {
  // Lanes in the fast range keep the fast path's result, so a lane's value never depends on
  // its neighbours (layout, chunking by threads).
  Mf fast = abs(x) <= F(87.0f);
  Vf yf = exp_core(select(fast, x, F(0.0f)));
  float buf[Vf::N];
  storeu(buf, x);
  for (int k = 0; k < Vf::N; k += Vd::N) {
    Vd xd = min(max(load_f32(buf + k), set1<Vd>(-104.0)), set1<Vd>(89.0));
    Vd n = round(xd * set1<Vd>(1.4426950408889634));
    Vd r = fnma(n, set1<Vd>(0.6931471805599453), xd);
    store_f32(buf + k, horner(r, kExpT8) * pow2i(n));
  }
  return select(fast, yf, select(isnan(x), x + x, loadu(buf)));
}

inline Vf exp(Vf x) {
  if (all(abs(x) <= F(87.0f))) return exp_core(x);
  return exp_wide(x);
}

// log(m) and e for x = 2^e m, x a positive normal finite number.
inline Vf log_split(Vf x, Vf& e) {
  constexpr int64_t kSqrtHalf = 0x3f3504f3;  // bits of sqrt(1/2) rounded down
  Vi ix = bits(x) + I(0x3f800000 - kSqrtHalf);
  Vi k = shr<23>(ix);  // e + 127
  Vf m = from_bits<Vf>((ix & I(0x007fffff)) + I(kSqrtHalf));
  e = from_bits<Vf>(k + bits(F(0x1p23f))) - F(0x1p23f + 127.0f);
  Vf f = m - F(1.0f);  // exact (Sterbenz)
  return fma(f * f, poly(f, kLogQ), f);
}
inline Vf log_join(Vf e, Vf lm) { return fma(e, F(kLn2Hi), fma(e, F(kLn2Lo), lm)); }

__attribute__((noinline, cold)) inline Vf log_wide(Vf x) {
  Mf sub = x < F(0x1p-126f);
  Vf e, lm = log_split(select(sub, x * F(0x1p23f), x), e);
  e = e - select(sub, F(23.0f), F(0.0f));
  Vf r = log_join(e, lm);
  r = select(x < F(0.0f), F(kNaN), r);
  r = select(x == F(0.0f), F(-kInf), r);
  r = select(x == F(kInf), x, r);
  return select(isnan(x), x + x, r);
}

inline Vf log(Vf x) {
  if (all((x >= F(0x1p-126f)) & (x < F(kInf)))) {
    Vf e, lm = log_split(x, e);
    return log_join(e, lm);
  }
  return log_wide(x);
}

// e^(2a) for 0 <= a <= 9.1 (tanh's): n = rint(2a log2e), s = a - n ln2/2 (Cody-Waite, first
// step exact), e^(2s) = 1 + s P(s), P of degree 5 (relative error 2.0e-8 with float32
// coefficients on |s| <= ln2/4), 2^n by the exponent add. Folding the 2 into the reduction and
// the polynomial saves three operations over exp_core(2a).
constexpr float kExp2sP[] = {0x1p+1f, 0x1.fffffcp+0f, 0x1.55540cp+0f, 0x1.55584p-1f,
                             0x1.126e4cp-2f, 0x1.6ae0dep-4f};
inline Vf exp2x_tanh(Vf a) {
  Vf t = fma(a, F(2.0f * kLog2e), F(kShifter));
  Vf n = t - F(kShifter);
  // One Cody-Waite step (session 6): n <= 27, so n (ln2/2 - its float) < 2^-25 absolute in s,
  // 2^-24 relative in e^(2a) at most; 1 - 2/(e^(2a) + 1) damps it (largest at small n, where it
  // is n times smaller).
  Vf s = fnma(n, F(0.5f * kLn2Hi), a);
  Vf p = fma(s, poly(s, kExp2sP), F(1.0f));
  return from_bits<Vf>(bits(p) + shl<23>(bits(t)));
}

inline Vf with_sign_of(Vf mag, Vf x) {  // mag >= 0 (or NaN): copysign with one bit operation
  return from_bits<Vf>(bits(mag) | (bits(x) & bits(F(-0.0f))));
}

inline Vf tanh(Vf x) {
  Vf a = abs(x);
  // NaN lanes count as small (the polynomial passes NaN through): no separate NaN blend.
  Mf small = ~(a > F(kTanhSmall));
  auto small_path = [&] {
    Vf a2 = a * a;
    return fma(a * a2, poly(a2, kTanhP), a);
  };
  if (all(small)) return with_sign_of(small_path(), x);
  Vf e = exp2x_tanh(min(a, F(kTanhClamp)));
  Vf t = fnma(F(2.0f), recip(e + F(1.0f)), F(1.0f));
  t = select(small, small_path(), t);  // no any() branch: it mispredicts on mixed data
  return with_sign_of(t, x);
}

// cbrt (issue 6, session 6): x = s 2^(3k) z with z in [1, 8) (k = rint((e - 1)/3) from the
// exponent e as a float; z's exponent field is x's minus 3k, so z keeps x's sign), z = m 2^rem
// (m in [1, 2), rem in {0, 1, 2}). r0 = P(m) c(rem) ~ z^(-1/3): P a degree-4 near-minimax fit of
// m^(-1/3) on [1, 2] (Lawson, coefficients rounded to float32; relative error 3.8e-5), c(rem) =
// 2^(-rem/3) by the quadratic through its three values (rem - 1 in {-1, 0, 1}). Then y0 = z r0^2
// (relative error a ~ 2e) and one Newton step for y^3 = z with the residual y0^3 - z formed
// exactly enough (y0^2 = hi + lo by fma): y1 = y0 - (y0^3 - z) r0^2 / 3, whose error is about
// -8 e^2 (1.2e-8, ~0.2 ulp) before the final rounding; y1 2^k by an integer add to the exponent
// field (k in [-42, 42]: always a normal result). Rare vectors (a lane zero, subnormal, inf or
// NaN): subnormal lanes scaled by 2^24 (the root by 2^8, undone exactly), zeros, infinities and
// NaN returned as they are (so the sign of zero and of inf is kept). No divider.
constexpr float kCbrtP[] = {0x1.e13956p+0f, -0x1.fc41a4p+0f, 0x1.fa1b82p+0f, -0x1.45fa96p+0f,
                            0x1.01047ap-1f, -0x1.c43ba2p-4f, 0x1.54681ep-7f};
constexpr float kCbrtC[] = {0x1.965feap-1f, -0x1.7aeba0p-3f, 0x1.5ca5b0p-6f};
// x normal, finite, nonzero (either sign).
inline Vf cbrt_core(Vf x) {
  Vi ax = bits(abs(x));
  Vf em1 = from_bits<Vf>(shr<23>(ax) + bits(F(0x1p23f))) - F(0x1p23f + 128.0f);  // e - 1
  Vf t = fma(em1, F(1.0f / 3.0f), F(kShifter));  // rint((e - 1)/3) in the low mantissa bits
  Vf kf = t - F(kShifter);
  Vi kb = shl<23>(bits(t));                     // k << 23
  Vf rm1 = fnma(kf, F(3.0f), em1);              // rem - 1 in {-1, 0, 1}
  Vf z = from_bits<Vf>(bits(x) - (kb + kb + kb));
  Vf m = from_bits<Vf>((ax & I(0x007fffff)) | bits(F(1.0f)));
  Vf c = fma(fma(F(kCbrtC[2]), rm1, F(kCbrtC[1])), rm1, F(kCbrtC[0]));
  Vf r0 = poly(m, kCbrtP) * c;
  Vf r2 = r0 * r0;
  Vf y = z * r2;
  Vf hi = y * y;
  Vf nlo = fnma(y, y, hi);                 // y^2 = hi - nlo exactly
  Vf nres = fma(nlo, y, fnma(hi, y, z));  // z - y^3
  y = fma(nres, r2 * F(1.0f / 3.0f), y);
  return from_bits<Vf>(bits(y) + kb);
}
__attribute__((noinline, cold)) inline Vf cbrt_wide(Vf x) {
  Vf a = abs(x);
  Mf sub = a < F(0x1p-126f);
  Mf special = ~((a > F(0.0f)) & (a < F(kInf)));  // 0, inf, NaN
  Vf xs = select(special, F(1.0f), select(sub, x * F(0x1p24f), x));
  Vf y = cbrt_core(xs) * select(sub, F(0x1p-8f), F(1.0f));
  return select(special, x, y);
}
inline Vf cbrt(Vf x) {
  Vf a = abs(x);
  if (__builtin_expect(all((a >= F(0x1p-126f)) & (a < F(kInf))), 1)) return cbrt_core(x);
  return cbrt_wide(x);
}

inline Vf sigmoid(Vf x) { return F(1.0f) / (F(1.0f) + exp(-x)); }

// Array drivers: two vectors per step, the tail through a small buffer (never reads past n).
// y may equal x (in place).
template <Vf (*Fn)(Vf)>
void run(const float* x, float* y, int64_t n) {
  constexpr int64_t N = Vf::N;
  int64_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    // 4 KiB ahead: the hardware prefetcher alone leaves the loop waiting on memory for arrays
    // beyond the caches (n = 1e7: 14-16 ms -> 8 ms, the speed of a plain copy). Addresses as
    // integers: no pointer is formed past the arrays; a prefetch never faults.
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(x + i) + 4096));
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(y + i) + 4096), 1);
    Vf a = loadu(x + i), b = loadu(x + i + N);
    storeu(y + i, Fn(a));
    storeu(y + i + N, Fn(b));
  }
  for (; i + N <= n; i += N) storeu(y + i, Fn(loadu(x + i)));
  if (i < n) {
    float tx[N] = {}, ty[N];
    for (int64_t j = i; j < n; ++j) tx[j - i] = x[j];
    storeu(ty, Fn(loadu(tx)));
    for (int64_t j = i; j < n; ++j) y[j] = ty[j - i];
  }
}

#if HC_SIMD_TARGET == HC_SIMD_AVX512
// 16-bit float drivers (session 6): float16/bfloat16 arrays through the float32 kernel with the
// conversions in registers (16 lanes per vcvtph2ps / vcvtps2ph), instead of widening blocks into
// a float32 buffer, calling run and narrowing the buffer (at n = 1e5 the two buffer passes with
// 8-lane F16C cost as much as exp itself). Bit for bit the results of the buffer path: widening
// is exact; float16 narrowing rounds to nearest-even in hardware, NaNs first replaced by the
// quiet float NaN with their sign (so they narrow to 0x7e00 | sign, as core/dtype.h's
// float_to_half); bfloat16 narrowing is core/dtype.h's float_to_bf16 in integer lanes
// (nearest-even; NaN -> its top half | 0x40). The tail by masked loads/stores (never touches
// memory past n). Bf: false = float16, true = bfloat16.
template <bool Bf>
inline Vf h16_widen(__m256i h) {
  if constexpr (Bf) return {_mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16))};
  else return {_mm512_cvtph_ps(h)};
}
template <bool Bf>
inline __m256i h16_narrow(Vf y) {
  const __mmask16 nan = _mm512_cmp_ps_mask(y.v, y.v, _CMP_UNORD_Q);
  __m512i u = _mm512_castps_si512(y.v);
  if constexpr (Bf) {
    __m512i r = _mm512_add_epi32(u, _mm512_set1_epi32(0x7fff));
    r = _mm512_add_epi32(r, _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1)));
    r = _mm512_srli_epi32(r, 16);
    r = _mm512_mask_or_epi32(r, nan, _mm512_srli_epi32(u, 16), _mm512_set1_epi32(0x40));
    return _mm512_cvtepi32_epi16(r);
  } else {
    u = _mm512_mask_ternarylogic_epi32(u, nan, _mm512_set1_epi32(int32_t(0x80000000u)),
                                       _mm512_set1_epi32(0x7fc00000), 0xEA);  // (u & s) | q
    return _mm512_cvtps_ph(_mm512_castsi512_ps(u), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  }
}
// flatten: the kernel inlined at its three sites (otherwise a call per vector, with the kernel's
// constants reloaded from memory each time: float16 exp at 1e5 44 -> 39 us). Two vectors a step,
// the tail by masked loads/stores (no buffer). With 512-bit vectors the two conversions and the
// NaN fix add about 6 uops on the two vector ports to a kernel of 25-60: float16 stays ~1.2-1.4x
// the float32 time (NumPy's float16 functions use AVX512-FP16, 32 lanes a vector).
template <Vf (*Fn)(Vf), bool Bf>
__attribute__((flatten)) void run_h16(const uint16_t* x, uint16_t* y, int64_t n) {
  constexpr int64_t N = Vf::N;
  int64_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(x + i) + 2048));
    __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(y + i) + 2048), 1);
    const Vf a = h16_widen<Bf>(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i)));
    const Vf b = h16_widen<Bf>(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i + N)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(y + i), h16_narrow<Bf>(Fn(a)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(y + i + N), h16_narrow<Bf>(Fn(b)));
  }
  for (; i < n; i += N) {
    const __mmask16 k = n - i >= N ? __mmask16(0xffff) : __mmask16((1u << (n - i)) - 1u);
    const Vf a = h16_widen<Bf>(_mm256_maskz_loadu_epi16(k, x + i));
    _mm256_mask_storeu_epi16(y + i, k, h16_narrow<Bf>(Fn(a)));
  }
}
#endif

}  // namespace vm32
}  // namespace hc::simd::HC_SIMD_NS
