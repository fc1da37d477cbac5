// Vector math kernels, written once against simd.h and compiled once per target (the target is
// the namespace: see simd.h). The kernels here compute in double lanes (Vd): the float64
// functions directly, the float32 ones by widening Vd::N floats, computing in double and rounding
// once to float32 (so float32 results are the correctly rounded value except within ~1e-9 ulp of
// a rounding midpoint, and float32 overflow/underflow/subnormals come out of the one rounding).
// Exception: float32 exp, log and tanh (and sigmoid) are pure float32 kernels on float lanes,
// cpu/simd/vmath32.h, 3-4x the throughput; the table entries are patched at the end of this file.
//
// Methods (own derivations; coefficients are Taylor coefficients or a Chebyshev fit made with
// NumPy, see specs/accuracy.md):
//   exp: x = n ln2 + r, |r| <= ln2/2 (Cody-Waite, ln2 in two parts), e^r by Taylor to r^13,
//        scaled by 2^n in two exact steps (subnormals rounded once). float32: one-part ln2,
//        Taylor to r^8, one scaling (2^n stays a normal double for every float32 input).
//   expm1: the same reduction; expm1 = 2^n expm1(r) + (2^n - 1), expm1(r) = r + r^2 q(r).
//   log: x = 2^e m, m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s), s = (m-1)/(m+1), series in s^2.
//   log1p: u = 1 + x, log1p = log(u) + (x - (u - 1)) / u.   log2, log10: e + log(m) * const.
//   sin/cos/tan: x = k pi/2 + r (pi/2 in three parts, fma), Taylor on |r| <= pi/4, quadrant
//        select; lanes with |x| > 2^20 go to the C library (exact reduction needed there).
//   atan/atan2/asin/acos: t = min/max in [0, 1], two argument halvings atan t = 2 atan(t / (1 +
//        sqrt(1 + t^2))), series on |t| <= 0.2, octant fix-up. asin x = atan2(x, sqrt((1-x)(1+x))),
//        acos x = 2 atan2(sqrt(1-x), sqrt(1+x)).
//   tanh = expm1(2|x|) / (expm1(2|x|) + 2); sinh from expm1 (|x| < 20) or (e^{|x|/2}/2) e^{|x|/2};
//   cosh from exp; asinh/acosh/atanh through log1p (log(|x|) + ln2 for |x| >= 2^28).
//   pow: exp(y log|x|) with the C99/Array API special cases (accurate for float32; float64 loses
//        ~log2|y log x| bits). erf: Taylor on |x| < 1, 1 - e^{-x^2} g(x) with g a Chebyshev fit
//        of e^{x^2} erfc(x) on [1, 6], 1 beyond.
#pragma once
#include <cmath>
#include <limits>

#include "cpu/simd/simd.h"

namespace hc::simd::HC_SIMD_NS {
namespace vm {

constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLn2 = 0.6931471805599453, kLog2e = 1.4426950408889634;
constexpr double kLog10e = 0.4342944819032518, kLog10_2 = 0.30102999566398120;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPio2_1 = 0x1.921fb54442d18p+0, kPio2_2 = 0x1.1a62633145c07p-54,
                 kPio2_3 = -0x1.f1976b7ed8fbcp-110, k2Pi = 0.6366197723675814;
constexpr double kPi = 3.141592653589793, kPi_lo = 1.2246467991473532e-16;

constexpr double kExpT[] = {1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664,
    0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05,
    2.7557319223985893e-06, 2.755731922398589e-07, 2.505210838544172e-08, 2.08767569878681e-09,
    1.6059043836821613e-10};
constexpr double kExpT8[] = {1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664,
    0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05};
constexpr double kExpm1Q[] = {0.5, 0.16666666666666666, 0.041666666666666664,
    0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05,
    2.7557319223985893e-06, 2.755731922398589e-07, 2.505210838544172e-08, 2.08767569878681e-09,
    1.6059043836821613e-10, 1.1470745597729725e-11};
constexpr double kSinP[] = {-0.16666666666666666, 0.008333333333333333, -0.0001984126984126984,
    2.7557319223985893e-06, -2.505210838544172e-08, 1.6059043836821613e-10,
    -7.647163731819816e-13, 2.8114572543455206e-15};
constexpr double kCosQ[] = {0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05,
    -2.755731922398589e-07, 2.08767569878681e-09, -1.1470745597729725e-11,
    4.779477332387385e-14, -1.5619206968586225e-16};
constexpr double kLogP[] = {0.6666666666666666, 0.4, 0.2857142857142857, 0.2222222222222222,
    0.18181818181818182, 0.15384615384615385, 0.13333333333333333, 0.11764705882352941,
    0.10526315789473684, 0.09523809523809523, 0.08695652173913043};
constexpr double kAtanP[] = {-0.3333333333333333, 0.2, -0.14285714285714285, 0.1111111111111111,
    -0.09090909090909091, 0.07692307692307693, -0.06666666666666667, 0.058823529411764705,
    -0.05263157894736842, 0.047619047619047616, -0.043478260869565216};
constexpr double kErfT[] = {1.0, -0.3333333333333333, 0.1, -0.023809523809523808,
    0.004629629629629629, -0.0007575757575757576, 0.00010683760683760684, -1.3227513227513228e-05,
    1.4589169000933706e-06, -1.4503852223150468e-07, 1.3122532963802806e-08,
    -1.0892221037148573e-09, 8.35070279514724e-11, -5.9477940136376354e-12,
    3.9554295164585257e-13, -2.466827010264457e-14, 1.4483264643598138e-15,
    -8.032735012415773e-17, 4.221407288807088e-18};
// Chebyshev coefficients of e^{x^2} erfc(x) on [1, 6] in u = (x - 3.5) / 2.5.
constexpr double kErfcCheb[] = {0.20196598791223083, -0.14788483553398699, 0.05188222158351391,
    -0.017525709964867478, 0.005721802417478206, -0.0018109803028142303, 0.0005570714353927655,
    -0.00016689473052523973, 4.878565911488258e-05, -1.3935932859771646e-05,
    3.8955145950795516e-06, -1.066839233626083e-06, 2.8655025699045554e-07,
    -7.555861064646769e-08, 1.957586310349002e-08, -4.9871099000818335e-09,
    1.2501867882785658e-09, -3.085882386506253e-10, 7.504430979581602e-11,
    -1.7989735148562474e-11, 4.252823163197514e-12, -9.918667074271958e-13,
    2.2786655566530735e-13, -5.161033200521294e-14, 1.1026555970113635e-14};

inline Vd C(double v) { return set1<Vd>(v); }
// Odd functions: f(x) = x for |x| < 2^-28 (covers +-0 and subnormals exactly).
inline Vd tiny_is_x(Vd x, Vd r) { return select(abs(x) < C(0x1p-28), x, r); }
// expm1, log1p: f(x) = x for |x| < 2^-60.
inline Vd tinier_is_x(Vd x, Vd r) { return select(abs(x) < C(0x1p-60), x, r); }

inline Vd exp(Vd x) {
  Vd xc = min(C(710.0), max(C(-746.0), x));
  Vd n = round(xc * C(kLog2e));
  Vd r = fnma(n, C(kLn2Hi), xc);
  r = fnma(n, C(kLn2Lo), r);
  return ldexp_k(horner(r, kExpT), n);
}
// exp for float32 inputs only (|x| < 2^128, result rounded to float32 afterwards).
inline Vd exp_f32(Vd x) {
  Vd xc = min(C(89.0), max(C(-104.0), x));
  Vd n = round(xc * C(kLog2e));
  Vd r = fnma(n, C(kLn2), xc);
  return horner(r, kExpT8) * pow2i(n);
}
inline Vd expm1(Vd x) {
  Vd xc = min(C(700.0), max(C(-50.0), x));
  Vd n = round(xc * C(kLog2e));
  Vd r = fnma(n, C(kLn2Hi), xc);
  r = fnma(n, C(kLn2Lo), r);
  Vd em = fma(r * r, horner(r, kExpm1Q), r);
  Vd p = pow2i(n);
  Vd res = fma(p, em, p - C(1.0));
  res = select(x > C(700.0), exp(x), res);
  return tinier_is_x(x, res);
}
// log split: x = 2^e m, returns log(m) and e (x positive normal or subnormal).
inline Vd log_core(Vd x, Vd& e) {
  Md sub = x < C(0x1p-1022);
  x = select(sub, x * C(0x1p54), x);
  const Vl off = iset1<Vl>(0x3ff0000000000000 - 0x3fe6a09e667f3bcd);
  Vl ix = bits(x) + off;
  Vl k = shr<52>(ix);
  Vd m = from_bits<Vd>((ix & iset1<Vl>(0x000fffffffffffff)) + iset1<Vl>(0x3fe6a09e667f3bcd));
  e = from_bits<Vd>(k + bits(C(0x1p52))) - C(0x1p52 + 1023.0);
  e = e - select(sub, C(54.0), C(0.0));
  Vd f = m - C(1.0);
  Vd s = f / (f + C(2.0));
  Vd z = s * s;
  Vd hf = C(0.5) * f * f;
  // log m = f - f^2/2 + s (f^2/2 + z P(z)) (2s = f - s f), keeps the leading term exact.
  return f - (hf - s * (hf + z * horner(z, kLogP)));
}
inline Vd log_special(Vd x, Vd r) {
  r = select(x < C(0.0), C(kNaN), r);
  r = select(x == C(0.0), C(-kInf), r);
  r = select(x == C(kInf), x, r);
  return select(isnan(x), x, r);
}
inline Vd log(Vd x) {
  Vd e, lm = log_core(x, e);
  return log_special(x, fma(e, C(kLn2Hi), lm + e * C(kLn2Lo)));
}
inline Vd log2(Vd x) {
  Vd e, lm = log_core(x, e);
  return log_special(x, fma(lm, C(kLog2e), e));
}
inline Vd log10(Vd x) {
  Vd e, lm = log_core(x, e);
  return log_special(x, fma(lm, C(kLog10e), e * C(kLog10_2)));
}
inline Vd log1p(Vd x) {
  Vd u = x + C(1.0);
  Vd c = (x - (u - C(1.0))) / u;
  Vd e, lm = log_core(u, e);
  Vd r = fma(e, C(kLn2Hi), (lm + c) + e * C(kLn2Lo));
  r = log_special(u, r);
  r = select(x == C(kInf), x, r);
  return tinier_is_x(x, r);
}

// sin/cos/tan; lanes beyond 2^20 (and inf) are recomputed by the C library.
enum Trig { kSin, kCos, kTan };
template <Trig F>
inline Vd trig(Vd x) {
  Vd k = round(x * C(k2Pi));
  Vd r = fnma(k, C(kPio2_1), x);
  r = fnma(k, C(kPio2_2), r);
  r = fnma(k, C(kPio2_3), r);
  Vd z = r * r;
  Vd s = fma(r * z, horner(z, kSinP), r);
  Vd c = fma(z * z, horner(z, kCosQ), fnma(C(0.5), z, C(1.0)));
  Vd q = k - C(4.0) * floor(k * C(0.25));  // quadrant 0..3
  if (F == kCos) q = select(q == C(3.0), C(0.0), q + C(1.0));
  Md odd = (q == C(1.0)) | (q == C(3.0));
  Vd res;
  if (F == kTan) {
    res = select(odd, -c / s, s / c);
  } else {
    res = select(odd, c, s);
    res = select(q >= C(2.0), -res, res);
  }
  if (F != kCos) res = tiny_is_x(x, res);
  Md big = ~(abs(x) <= C(0x1p20)) & ~isnan(x);
  if (any(big)) {
    double xs[Vd::N], rs[Vd::N];
    storeu(xs, x);
    storeu(rs, res);
    for (int i = 0; i < Vd::N; ++i)
      if (!(std::fabs(xs[i]) <= 0x1p20) && xs[i] == xs[i])
        rs[i] = F == kSin ? std::sin(xs[i]) : F == kCos ? std::cos(xs[i]) : std::tan(xs[i]);
    res = loadu(rs);
  }
  return res;
}

// atan(t) for t in [0, 1] (two halvings, series on |t| <= tan(pi/16)).
inline Vd atan01(Vd t) {
  t = t / (C(1.0) + sqrt(fma(t, t, C(1.0))));
  t = t / (C(1.0) + sqrt(fma(t, t, C(1.0))));
  Vd z = t * t;
  return C(4.0) * fma(t * z, horner(z, kAtanP), t);
}
inline Vd atan2(Vd y, Vd x) {
  Vd a = abs(y), b = abs(x);
  Vd mx = max(a, b), mn = min(a, b);
  Vd t = mn / mx;
  t = select(mx == C(0.0), C(0.0), t);
  t = select((a == C(kInf)) & (b == C(kInf)), C(1.0), t);
  Vd th = atan01(t);
  th = select(a > b, (C(kPi * 0.5) - th) + C(kPi_lo * 0.5), th);
  th = select(signbit(x), (C(kPi) - th) + C(kPi_lo), th);
  th = copysign(th, y);
  return select(isnan(x) | isnan(y), x + y, th);
}
inline Vd atan(Vd x) {
  Vd a = abs(x);
  Md gt = a > C(1.0);
  Vd th = atan01(select(gt, C(1.0) / a, a));
  th = select(gt, (C(kPi * 0.5) - th) + C(kPi_lo * 0.5), th);
  return tiny_is_x(x, copysign(th, x));
}
inline Vd asin(Vd x) {
  Vd r = atan2(x, sqrt((C(1.0) - x) * (C(1.0) + x)));
  return tiny_is_x(x, r);
}
inline Vd acos(Vd x) { return C(2.0) * atan2(sqrt(C(1.0) - x), sqrt(C(1.0) + x)); }

inline Vd tanh(Vd x) {
  Vd a = abs(x);
  Vd e = expm1(a + a);
  Vd t = e / (e + C(2.0));
  t = select(a > C(22.0), C(1.0), t);
  return tiny_is_x(x, copysign(t, x));
}
inline Vd sinh(Vd x) {
  Vd a = abs(x);
  Vd e = expm1(min(C(20.0), a));
  Vd s = C(0.5) * (e + e / (e + C(1.0)));
  Vd h = exp(C(0.5) * a);
  s = select(a >= C(20.0), (C(0.5) * h) * h, s);
  return tiny_is_x(x, copysign(s, x));
}
inline Vd cosh(Vd x) {
  Vd a = abs(x);
  Vd e = exp(min(C(20.0), a));
  Vd c = fma(C(0.5), e, C(0.5) / e);
  Vd h = exp(C(0.5) * a);
  return select(a >= C(20.0), (C(0.5) * h) * h, c);
}
inline Vd log_big(Vd a) { return log(a) + C(kLn2); }  // acosh/asinh for a >= 2^28
inline Vd asinh(Vd x) {
  Vd a = abs(x);
  Vd am = min(C(0x1p28), a);
  Vd a2 = am * am;
  Vd r = log1p(am + a2 / (C(1.0) + sqrt(C(1.0) + a2)));
  r = select(a >= C(0x1p28), log_big(a), r);
  return tiny_is_x(x, copysign(r, x));
}
inline Vd acosh(Vd x) {
  Vd xm = min(C(0x1p28), x);
  Vd t = xm - C(1.0);
  Vd r = log1p(t + sqrt(fma(t, t, t + t)));
  r = select(x >= C(0x1p28), log_big(x), r);
  return select(x < C(1.0), C(kNaN), r);
}
inline Vd atanh(Vd x) {
  Vd a = abs(x);
  Vd r = C(0.5) * log1p((a + a) / (C(1.0) - a));
  return tiny_is_x(x, copysign(r, x));
}
inline Vd sqrt_(Vd x) { return sqrt(x); }

inline Vd pow(Vd x, Vd y) {
  Vd ax = abs(x);
  Vd r = exp(y * log(ax));
  Md yint = floor(y) == y;
  Md yodd = yint & (abs(y) < C(0x1p53)) & (floor(y * C(0.5)) * C(2.0) != y);
  r = select(signbit(x) & yodd, -r, r);
  r = select((x < C(0.0)) & (ax != C(kInf)) & ~yint & (abs(y) != C(kInf)), C(kNaN), r);
  r = select((ax == C(1.0)) & (abs(y) == C(kInf)), C(1.0), r);
  return select((y == C(0.0)) | (x == C(1.0)), C(1.0), r);
}

inline Vd erf(Vd x) {
  Vd a = abs(x);
  Vd z = a * a;
  Vd small = a * horner(z, kErfT) * C(1.1283791670955126);
  // Clenshaw on u = (a - 3.5) / 2.5 for a in [1, 6].
  Vd u = (min(C(6.0), max(C(1.0), a)) - C(3.5)) * C(0.4);
  Vd u2 = u + u, b1 = C(0.0), b2 = C(0.0);
  constexpr int K = sizeof(kErfcCheb) / sizeof(double);
  for (int k = K - 1; k >= 1; --k) {
    Vd b0 = fma(u2, b1, C(kErfcCheb[k]) - b2);
    b2 = b1;
    b1 = b0;
  }
  Vd g = fma(u, b1, C(kErfcCheb[0]) - b2);
  Vd big = fnma(exp(-min(C(40.0), z)), g, C(1.0));
  Vd r = select(a < C(1.0), small, big);
  r = select(a >= C(6.0), C(1.0), r);
  return copysign(r, x);  // NaN stays NaN (min/max pass the NaN operand through)
}

}  // namespace vm
}  // namespace hc::simd::HC_SIMD_NS

// The pure float32 kernels (float lanes) replace the double-lane float32 entries for exp, log and
// tanh; cpu/vmath.cpp applies this per-target patch to the table it hands out. (Defined here
// because this header is included only by cpu/simd/vmath_target.cpp, once per target.)
#include "cpu/simd/vmath32.h"
#include "cpu/vmath.h"

#define HC_VM32_CAT2(a, b) a##b
#define HC_VM32_CAT(a, b) HC_VM32_CAT2(a, b)
namespace hc::cpu::vmath {
void HC_VM32_CAT(patch_f32_, HC_SIMD_NS)(Table& t) {
  namespace v = hc::simd::HC_SIMD_NS::vm32;
  t.f32[Exp] = &v::run<v::exp>;
  t.f32[Log] = &v::run<v::log>;
  t.f32[Tanh] = &v::run<v::tanh>;
  t.sigmoid_f32 = &v::run<v::sigmoid>;
}
}  // namespace hc::cpu::vmath
#undef HC_VM32_CAT
#undef HC_VM32_CAT2
