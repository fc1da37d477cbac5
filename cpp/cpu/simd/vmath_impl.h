// Vector math kernels, written once against simd.h and compiled once per target (the target is
// the namespace: see simd.h). The kernels here compute in double lanes (Vd): the float64
// functions directly, the float32 ones by widening Vd::N floats, computing in double and rounding
// once to float32 (so float32 results are the correctly rounded value except within ~1e-9 ulp of
// a rounding midpoint, and float32 overflow/underflow/subnormals come out of the one rounding).
// Exception: every float32 function but exp2, sqrt and erf is a pure float32 kernel on float
// lanes (exp, log, tanh, sigmoid in cpu/simd/vmath32.h; the others in vm32 at the end of this
// file, falling back to the double-lane kernels here for special values and out-of-range
// lanes), 3-6x the throughput; the table entries are patched at the end of this file.
//
// Methods (own derivations; coefficients are Taylor coefficients or a Chebyshev fit made with
// NumPy, see specs/accuracy.md):
//   exp: x = n ln2 + r, |r| <= ln2/2 (Cody-Waite, ln2 in two parts), e^r by Taylor to r^13,
//        scaled by 2^n in two exact steps (subnormals rounded once). float32: one-part ln2,
//        Taylor to r^8, one scaling (2^n stays a normal double for every float32 input).
//   expm1: on exp's 16-entry 2^(j/16) table, (2^m T - 1) + 2^m T r + small, summed exactly.
//   log, log2, log10, log1p: table-driven (16 entries of 1/c and -log c), r = z/c - 1 exact as a
//        pair, log1p(r) = r + r^2 Q(r); no division (details at log_parts below).
//   sin/cos/tan: x = k pi/2 + r (pi/2 in three parts, fma), Taylor on |r| <= pi/4, quadrant
//        select; lanes with |x| > 2^20 go to the C library (exact reduction needed there).
//   atan2: t = min/max in [0, 1], two argument halvings atan t = 2 atan(t / (1 + sqrt(1 + t^2))),
//        series on |t| <= 0.2, octant fix-up (a few ulp; not used by the ufuncs).
//   atan (round 3): 16 breakpoints c_j = j/15 for t = a or 1/a, u = (y - c x)/(x + c y) carried
//        as a pair, tables of atan c and pi/2 - atan c as pairs (0.51 ulp). asin/acos (round 3):
//        a <= 1/2 direct, else pi/2 - 2 asin(sqrt((1 - a)/2)) with the square root's residual
//        carried; one degree-12 minimax polynomial (0.67 ulp). Details at the kernels.
//   tanh = E / (E + 2), E = expm1(2|x|) as a pair; sinh/cosh from e^|x| and e^-|x| as pairs (Taylor
//   sinh below 1/2); asinh/acosh/atanh through log1p pairs with their arguments carried as pairs
//   (float64: all within 0.6 ulp; the float32 fallbacks use them too).
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
// float64 kernels with carried low parts (issue 6): pi/2 = kP1 + kP2 + kP3 with kP1, kP2 of 33
// bits (k kP1 and k kP2 exact for |k| < 2^20); ln 2 = kLn2 + kLn2Lo2; 1/ln 2, 1/ln 10 and
// log10(2) split in two (log10(2)'s high part of 40 bits, so e log10(2)_hi is exact).
constexpr double kP1 = 0x1.921fb544p+0, kP2 = 0x1.0b4611a6p-34, kP3 = 0x1.3198a2e037073p-69;
constexpr double kLn2Lo2 = 0x1.abc9e3b39803fp-56;
constexpr double kLog2eLo = 0x1.777d0ffda0d24p-56, kLog10eHi = 0x1.bcb7b1526e50ep-2,
                 kLog10eLo = 0x1.95355baaafad3p-57, kLog10_2Hi = 0x1.34413509f8p-2,
                 kLog10_2Lo = -0x1.80433b83b532ap-44;

constexpr double kExpT8[] = {1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664,
    0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05};
constexpr double kSinP[] = {-0.16666666666666666, 0.008333333333333333, -0.0001984126984126984,
    2.7557319223985893e-06, -2.505210838544172e-08, 1.6059043836821613e-10,
    -7.647163731819816e-13, 2.8114572543455206e-15};
constexpr double kCosQ[] = {0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05,
    -2.755731922398589e-07, 2.08767569878681e-09, -1.1470745597729725e-11,
    4.779477332387385e-14, -1.5619206968586225e-16};
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

// Error-free transforms: s + err == a + b exactly (two_sum); fast_two_sum needs |a| >= |b| or
// a == 0. (The products fed to them below are exact or materialised, so the compiler's fma
// contraction cannot change their results.)
inline Vd two_sum(Vd a, Vd b, Vd& err) {
  Vd s = a + b, bb = s - a;
  err = (a - (s - bb)) + (b - bb);
  return s;
}
inline Vd fast_two_sum(Vd a, Vd b, Vd& err) {
  Vd s = a + b;
  err = b - (s - a);
  return s;
}

// Table-driven exp/exp2: x = (16 m + j) ln2/16 + r, |r| <= ln2/32, e^x = 2^m 2^(j/16) e^r with
// 2^(j/16) = kExp2T[j] + kExp2TLo[j] (lookup16) and e^r - 1 = r + r^2 P(r) (Taylor to r^7:
// truncation 2^-58); y = T + (T p + Tlo) has one significant rounding. 2^m goes into the
// exponent field directly where the result stays normal (|x| <= 708), else ldexp_k (overflow,
// subnormals rounded once).
constexpr double kExp2T[16] = {0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0,
    0x1.2387a6e756238p+0, 0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0,
    0x1.5ab07dd485429p+0, 0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0,
    0x1.9c49182a3f090p+0, 0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0,
    0x1.ea4afa2a490dap+0};
constexpr double kExp2TLo[16] = {0x0.0p+0, 0x1.8a62e4adc610bp-54, -0x1.19041b9d78a76p-55,
    0x1.9b07eb6c70573p-54, 0x1.6f46ad23182e4p-55, 0x1.ada0911f09ebcp-55, 0x1.d4397afec42e2p-56,
    0x1.6324c054647adp-54, -0x1.bdd3413b26456p-54, -0x1.41577ee04992fp-55, 0x1.6e9f156864b27p-54,
    0x1.c7c46b071f2bep-56, 0x1.7a1cd345dcc81p-54, 0x1.11065895048ddp-55, 0x1.2ed02d75b3707p-55,
    -0x1.e9c23179c2893p-54};
constexpr double kExpP2[] = {0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333,
    0.001388888888888889, 0.0001984126984126984};
// kk = 16 m + j as t = kk + 1.5 2^52 (kk in the low bits); returns 2^m 2^(j/16) e^r.
inline Vd exp_finish(Vd t, Vd r, Vd xc) {
  const Vd shifter = C(0x1.8p52);
  Vl ki = bits(t) - bits(shifter);  // kk as int64
  Vl j = ki & iset1<Vl>(15);
  Vd th = lookup16(kExp2T, j), tl = lookup16(kExp2TLo, j);
  Vd p = fma(r * r, horner(r, kExpP2), r);
  Vd y = th + fma(th, p, tl);
  Vd res = from_bits<Vd>(bits(y) + shl<48>(ki - j));  // y 2^m
  Md slow = ~(abs(xc) <= C(708.0));
  if (any(slow)) {
    Vd m = floor((t - shifter) * C(0.0625));
    res = select(slow, ldexp_k(y, m), res);
  }
  return res;
}
inline Vd exp(Vd x) {
  Vd xc = min(C(710.0), max(C(-746.0), x));
  Vd t = fma(xc, C(16.0 * kLog2e), C(0x1.8p52));
  Vd kk = t - C(0x1.8p52);
  Vd r = fnma(kk, C(kLn2Hi / 16.0), xc);  // exact (kk ln2hi/16 has <= 47 bits)
  r = fnma(kk, C(kLn2Lo / 16.0), r);
  return exp_finish(t, r, xc);
}
// 2^x: x - kk/16 is exact; its product with ln 2 rounded (error < 2^-58 absolute).
inline Vd exp2(Vd x) {
  Vd xc = min(C(1025.0), max(C(-1080.0), x));
  Vd t = (xc * C(16.0)) + C(0x1.8p52);
  Vd kk = t - C(0x1.8p52);
  Vd r = fnma(kk, C(0.0625), xc) * C(kLn2);
  return exp_finish(t, r, xc * C(kLn2));
}
// exp for float32 inputs only (|x| < 2^128, result rounded to float32 afterwards).
inline Vd exp_f32(Vd x) {
  Vd xc = min(C(89.0), max(C(-104.0), x));
  Vd n = round(xc * C(kLog2e));
  Vd r = fnma(n, C(kLn2), xc);
  return horner(r, kExpT8) * pow2i(n);
}
// expm1 on exp's table: x = (16 m + j) ln2/16 + r + rl (r + rl = x - kk ln2/16 to ~2^-100; the
// first step exact as in exp), e^x - 1 = 2^m T e^(r + rl) - 1 with T = Th + Tl = 2^(j/16):
// A = 2^m Th (exact), e^(r + rl) - 1 = r + q (q = r^2 P(r) + rl, Taylor to r^8:
// truncation 2^-66, as the result may be as small as r):
// e^x - 1 = (A - 1) + A r + 2^m (Th q + Tl (1 + r)); A - 1 (two_sum; exact anyway for m in
// [-1, 52]) and A r (its product error by fma) are summed exactly, so the result is rounded
// about once. |x| < ln2/32: A = 1 and the result is r + q rounded once. x > 700: exp(x); x < -50 clamps (the result rounds to -1).
constexpr double kExpm1P2[] = {0.5, 0.16666666666666666, 0.041666666666666664,
    0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05};
// expm1(xc) as hi + lo (|lo| <= ~ulp(hi), hi + lo within ~2^-60 relative) for xc in [-50, 700].
inline Vd expm1_pair(Vd xc, Vd& lo) {
  const Vd shifter = C(0x1.8p52);
  Vd t = fma(xc, C(16.0 * kLog2e), shifter);
  Vd kk = t - shifter;
  Vd r1 = fnma(kk, C(kLn2Hi / 16.0), xc);  // exact
  Vd r = fnma(kk, C(kLn2Lo / 16.0), r1);
  Vd rl = fnma(kk, C(kLn2Lo / 16.0), r1 - r);  // what r's rounding dropped
  Vl ki = bits(t) - bits(shifter);
  Vl j = ki & iset1<Vl>(15);
  Vd th = lookup16(kExp2T, j), tl = lookup16(kExp2TLo, j);
  Vd q = fma(r * r, horner(r, kExpm1P2), rl);
  Vd sc = from_bits<Vd>(shl<48>(ki - j) + bits(C(1.0)));  // 2^m, m in [-73, 1010]
  Vd a = sc * th;
  Vd e1, s1 = two_sum(a, C(-1.0), e1);
  Vd bh = a * r, bl = fma(a, r, -bh);
  Vd s2 = s1 + bh;
  Vd e2 = bh - (s2 - s1);  // Fast2Sum: |a - 1| >= |a r| in exponent for every (m, j)
  lo = (e1 + e2) + fma(sc, fma(th, q, fma(tl, r, tl)), bl);
  return s2;
}
inline Vd expm1(Vd x) {
  Vd xc = min(C(700.0), max(C(-50.0), x));
  Vd lo, res = expm1_pair(xc, lo);
  res = res + lo;
  Md big = x > C(700.0);
  if (any(big)) res = select(big, exp(x), res);
  return tinier_is_x(x, res);
}
// e^x / 4 as hi + lo for x in [-706, 710.5] (normal results; no special values): hi = 2^(m-2)
// Th exact, lo = 2^(m-2) (Th p + Tl (1 + p)), p = e^r - 1 (Taylor to r^7; relative error of
// hi + lo ~2^-58). (The 1/4 keeps 2^(m-2) a normal double up to x = 710.5.)
inline Vd exp_pair_q(Vd x, Vd& lo) {
  const Vd shifter = C(0x1.8p52);
  Vd t = fma(x, C(16.0 * kLog2e), shifter);
  Vd kk = t - shifter;
  Vd r = fnma(kk, C(kLn2Hi / 16.0), x);
  r = fnma(kk, C(kLn2Lo / 16.0), r);
  Vl ki = bits(t) - bits(shifter);
  Vl j = ki & iset1<Vl>(15);
  Vd th = lookup16(kExp2T, j), tl = lookup16(kExp2TLo, j);
  Vd p = fma(r * r, horner(r, kExpP2), r);
  Vd sc = from_bits<Vd>(shl<48>(ki - j) + bits(C(0.25)));  // 2^(m-2), m in [-1019, 1025]
  lo = sc * fma(th, p, fma(tl, p, tl));
  return sc * th;
}

// Table-driven log (log, log2, log10, log1p): x = 2^k z with z in [0.671875, 1.34375), split
// into 16 intervals by the top mantissa bits of x rounded to 4 bits (so 1 lies inside the
// interval [1 - 2^-6, 1 + 2^-5), whose centre c is 1 exactly). With invc = 1/c (a double) from a
// 16-entry table, r = z invc - 1 = rh + pe exactly (p = z invc rounded, pe its error by fma, rh =
// p - 1 exact), |r| <= 1/32, and log x = k log(2) - log(invc) + log1p(r), log1p(r) = r + r^2 Q(r),
// Q a degree-8 polynomial (Chebyshev interpolation of (log1p(r) - r) / r^2 on [-0.0295, 0.0313],
// error 2^-56.4; Q(0) = -1/2). -log(invc) is tabulated as hi + lo with hi a multiple of 2^-32
// (2^-40 for log2, 2^-39 for log10), so k log(2)_hi + hi is exact; that plus rh (or rh log2e
// with its product error) is summed exactly (Fast2Sum: the table term dominates unless it is 0),
// and everything smaller (the table's low part, k log(2)_lo, pe (1 - rh), r^2 Q) is added
// before the one final rounding. No division. Lanes that are not positive normal finite numbers
// take the rare path (subnormals scaled by 2^54, special values by log_special).
constexpr double kLogInvC[16] = {0x1.745d1745d1746p+0, 0x1.642c8590b2164p+0,
    0x1.5555555555555p+0, 0x1.47ae147ae147bp+0, 0x1.3b13b13b13b14p+0, 0x1.2f684bda12f68p+0,
    0x1.2492492492492p+0, 0x1.1a7b9611a7b96p+0, 0x1.1111111111111p+0, 0x1.0842108421084p+0,
    0x1.0000000000000p+0, 0x1.e1e1e1e1e1e1ep-1, 0x1.c71c71c71c71cp-1, 0x1.af286bca1af28p-1,
    0x1.999999999999ap-1, 0x1.8618618618618p-1};
constexpr double kLogTHi[16] = {-0x1.7fafa3bc00000p-2, -0x1.522ae07400000p-2,
    -0x1.2696211400000p-2, -0x1.f991c6c800000p-3, -0x1.a93ed3c800000p-3, -0x1.5bf406b800000p-3,
    -0x1.1178e82000000p-3, -0x1.9335e5d000000p-4, -0x1.08598b6000000p-4, -0x1.0415d8a000000p-5,
    0x0.0p+0, 0x1.f0a30c0000000p-5, 0x1.e27076e000000p-4, 0x1.5ff3070800000p-3,
    0x1.c8ff7c7800000p-3, 0x1.1675cabc00000p-2};
constexpr double kLogTLo[16] = {-0x1.8151c6de6fdb5p-34, 0x1.d70a2c7bf4d9cp-36,
    0x1.648dd0f882913p-35, -0x1.9d9bd1ecca0cep-34, -0x1.5b3cade57d4efp-36, 0x1.5e128023eb68ap-34,
    -0x1.3f23cef19c5a1p-34, -0x1.65261eb8757a9p-34, 0x1.8717e9dd70099p-34, 0x1.8bbbf8fe8c38ap-37,
    0x0.0p+0, 0x1.162a8617cc971p-37, 0x1.57974f4f54400p-35, 0x1.3c9eae439f105p-34,
    0x1.a9a1fac25d81fp-35, -0x1.459f0fc63382bp-34};
constexpr double kLog2THi[16] = {-0x1.14c560fe68000p-1, -0x1.e7df5fe538000p-2,
    -0x1.a8ff971810000p-2, -0x1.6cb0f6865c000p-2, -0x1.32bfee3710000p-2, -0x1.f5fd8a9060000p-3,
    -0x1.8a8980abf8000p-3, -0x1.22dadc2ab0000p-3, -0x1.7d60496d00000p-4, -0x1.77394c9da0000p-5,
    0x0.0p+0, 0x1.663f6fac90000p-4, 0x1.5c01a39fc0000p-3, 0x1.fbc16b9028000p-3,
    0x1.49a784bcd0000p-2, 0x1.91bba891f0000p-2};
constexpr double kLog2TLo[16] = {-0x1.5f1ba6b7d0fccp-42, -0x1.5652ca22c62dap-43,
    -0x1.4b94d870dd18bp-43, -0x1.1d51bdaa8e20dp-43, 0x1.196290940346ap-42, -0x1.f18d6f3815fc0p-42,
    -0x1.e97c1e0d76c5fp-42, -0x1.a4b0d13ffe4e6p-42, 0x1.12d42864c5030p-42, 0x1.4e60ced82b93cp-42,
    0x0.0p+0, 0x1.317ee20c9d519p-44, -0x1.4babedb842443p-42, -0x1.7f2f9ae39c1e8p-43,
    0x1.b898cf4b5a447p-42, 0x1.70a26072b5824p-42};
constexpr double kLog10THi[16] = {-0x1.4d43f82760000p-3, -0x1.25ba8215b0000p-3,
    -0x1.ffbfc2bbc0000p-4, -0x1.b721cd1720000p-4, -0x1.715d0ce360000p-4, -0x1.2e3a740b80000p-4,
    -0x1.db11ed7680000p-5, -0x1.5e3966b800000p-5, -0x1.cb38fccd80000p-6, -0x1.c3d0837800000p-7,
    0x0.0p+0, 0x1.af5f92b000000p-6, 0x1.a30a9d6080000p-5, 0x1.31b3055c40000p-4,
    0x1.8cf1838860000p-4, 0x1.e3bc1ab0e0000p-4};
constexpr double kLog10TLo[16] = {0x1.6df199a591e67p-41, 0x1.0089d896499b2p-44,
    -0x1.e006e32f2be27p-42, 0x1.50398689798e8p-41, -0x1.ebf5a95ab69f5p-42, 0x1.ffcca1d404788p-42,
    0x1.540f469326893p-41, 0x1.6d6bc2a20b798p-41, -0x1.7fb35966efe79p-43, 0x1.ecf19587cfdd3p-41,
    0x0.0p+0, 0x1.cc22c72b77803p-43, 0x1.efed3bf0fad26p-41, 0x1.c466f9af48308p-42,
    0x1.202b79c4029c4p-42, 0x1.9fffa0ddba65fp-44};
constexpr double kLogQ[] = {-0x1.0000000000000p-1, 0x1.555555555552dp-2, -0x1.000000000063bp-2,
    0x1.9999999ab4989p-3, -0x1.5555554209ab3p-3, 0x1.249238203230ep-3, -0x1.000091a454800p-3,
    0x1.c7df28820de50p-4, -0x1.973b5b5eac095p-4};

enum LogKind { kLn, kLog2, kLog10 };
// The parts of log x for a positive normal finite x (other lanes: garbage, no traps): returns
// the table index j, k (as a double, plus eadj), rh, pe and r^2 Q(r); 2^-k in s (log1p's).
struct LogParts {
  Vl j;
  Vd k, rh, pe, rq, s;
};
inline LogParts log_parts(Vd x, Vd eadj) {
  LogParts P;
  const Vl b = bits(x);
  // u = b + half an interval - bits(0.6875): k in its exponent field, the interval in the next 4
  // bits (b's top mantissa bits rounded); z = x 2^-k has bits b - (k << 52).
  Vl u = b + iset1<Vl>((int64_t(1) << 47) - int64_t(0x3fe6000000000000));
  Vl km = u & iset1<Vl>(int64_t(0xfff0000000000000ull));
  P.j = shr<48>(u) & iset1<Vl>(15);
  Vd z = from_bits<Vd>(b - km);
  P.s = from_bits<Vd>(bits(C(1.0)) - km);
  P.k = from_bits<Vd>(shr<52>(u + bits(C(1.0))) + bits(C(0x1p52))) - C(0x1p52 + 1023.0) + eadj;
  Vd ic = lookup16(kLogInvC, P.j);
  Vd p = z * ic;
  P.pe = fma(z, ic, -p);
  P.rh = p - C(1.0);  // exact
  Vd r = P.rh, r2 = r * r, r4 = r2 * r2;
  const double* c = kLogQ;
  Vd q01 = fma(C(c[1]), r, C(c[0])), q23 = fma(C(c[3]), r, C(c[2]));
  Vd q45 = fma(C(c[5]), r, C(c[4])), q67 = fma(C(c[7]), r, C(c[6]));
  Vd q = fma(fma(q67, r2, q45), r4, fma(q23, r2, q01));
  q = fma(C(c[8]), r4 * r4, q);
  P.rq = r2 * q;
  return P;
}
// log x as hi + lo before the final rounding; d: a correction to r (added to pe).
template <LogKind K>
inline Vd log_join(const LogParts& P, Vd d, Vd* pair_lo = nullptr) {
  Vd rh = P.rh;
  Vd dr = fma(-d, rh, d);  // d / (1 + rh) to first order
  if (K == kLn) {
    Vd t1 = fma(P.k, C(kLn2Hi), lookup16(kLogTHi, P.j));  // exact
    Vd h = t1 + rh;
    Vd e1 = rh - (h - t1);  // Fast2Sum: |t1| >= |rh| or t1 = 0
    Vd lo = fma(P.k, C(kLn2Lo), lookup16(kLogTLo, P.j)) + (dr + P.rq);
    if (pair_lo) {
      *pair_lo = e1 + lo;
      return h;
    }
    return h + (e1 + lo);
  }
  const double eh = K == kLog2 ? kLog2e : kLog10eHi, el = K == kLog2 ? kLog2eLo : kLog10eLo;
  Vd t1 = K == kLog2 ? P.k + lookup16(kLog2THi, P.j)
                     : fma(P.k, C(kLog10_2Hi), lookup16(kLog10THi, P.j));  // exact
  Vd p = rh * C(eh);
  Vd pe = fma(rh, C(eh), -p);
  Vd h = t1 + p;
  Vd e1 = p - (h - t1);  // Fast2Sum: |t1| >= |p| or t1 = 0
  Vd tl = K == kLog2 ? lookup16(kLog2TLo, P.j) : fma(P.k, C(kLog10_2Lo), lookup16(kLog10TLo, P.j));
  Vd lo = (pe + tl) + fma(rh, C(el), C(eh) * (dr + P.rq));
  return h + (e1 + lo);
}
inline Vd log_special(Vd x, Vd r) {
  r = select(x < C(0.0), C(kNaN), r);
  r = select(x == C(0.0), C(-kInf), r);
  r = select(x == C(kInf), x, r);
  return select(isnan(x), x, r);
}
template <LogKind K>
inline Vd log_t(Vd x) {
  Md ok = (x >= C(0x1p-1022)) & (x < C(kInf));
  if (__builtin_expect(all(ok), 1)) {
    LogParts P = log_parts(x, C(0.0));
    return log_join<K>(P, P.pe);
  }
  Md sub = x < C(0x1p-1022);
  LogParts P = log_parts(select(sub, x * C(0x1p54), x), select(sub, C(-54.0), C(0.0)));
  return log_special(x, log_join<K>(P, P.pe));
}
inline Vd log(Vd x) { return log_t<kLn>(x); }
inline Vd log2(Vd x) { return log_t<kLog2>(x); }
inline Vd log10(Vd x) { return log_t<kLog10>(x); }
// log1p: u = 1 + x (u >= 2^-53 for x > -1, so never subnormal); what rounding u lost, d = x - (u -
// 1) (exact for |x| < 2^54; beyond, d / u is below 2^-54 of the result and dropped), enters as
// the correction d 2^-k invc to r.
// log1p(x + xl) as h + lo (h + lo within ~2^-60 relative) for finite x > -1, |xl| <= ~2^-50
// (1 + x) (the correction is first order in xl; no special values).
inline Vd log1p_pair(Vd x, Vd& lo, Vd xl = C(0.0)) {
  Vd u = x + C(1.0);
  LogParts P = log_parts(u, C(0.0));
  Vd d = ((x - (u - C(1.0))) + xl) * (P.s * lookup16(kLogInvC, P.j));
  d = select(x < C(0x1p54), d, C(0.0));  // as in log1p (P.s is not a number for u >= 2^1023)
  return log_join<kLn>(P, P.pe + d, &lo);
}
inline Vd log1p(Vd x) {
  Vd u = x + C(1.0);
  LogParts P = log_parts(u, C(0.0));
  Vd d = (x - (u - C(1.0))) * (P.s * lookup16(kLogInvC, P.j));
  d = select(abs(x) < C(0x1p54), d, C(0.0));
  Vd r = log_join<kLn>(P, P.pe + d);
  Md ok = (u >= C(0x1p-1022)) & (u < C(kInf));
  if (__builtin_expect(!all(ok), 0)) r = log_special(u, r);
  return tinier_is_x(x, r);
}

// 1/d for normal finite d with 2^-126 < |d| < 2^126, to ~2^-48 relative or better, without the
// divider (vdivpd on 8 lanes costs more than the rest of tan): the hardware estimate refined by
// Newton steps y + y (1 - d y) (AVX-512: 2^-14 estimate, two steps; AVX2: the float32 estimate
// 2^-12, three steps; NEON: 2^-8, three steps); plain division on the scalar target. Callers
// follow it with a residual correction, which squares its error.
inline Vd recip_approx(Vd d) {
#if HC_SIMD_TARGET == HC_SIMD_AVX512
  Vd y{_mm512_rcp14_pd(d.v)};
  y = fma(y, fnma(d, y, C(1.0)), y);
  return fma(y, fnma(d, y, C(1.0)), y);
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
  Vd y{_mm256_cvtps_pd(_mm_rcp_ps(_mm256_cvtpd_ps(d.v)))};
  for (int i = 0; i < 3; ++i) y = fma(y, fnma(d, y, C(1.0)), y);
  return y;
#elif HC_SIMD_TARGET == HC_SIMD_NEON
  Vd y{vrecpeq_f64(d.v)};
  for (int i = 0; i < 3; ++i) y = y * Vd{vrecpsq_f64(d.v, y.v)};
  return y;
#else
  return C(1.0) / d;
#endif
}

// A rough 1/d for 2^-126 < |d| < 2^126 (to 2^-8 relative or better: AVX-512 2^-14, AVX2 the
// float32 estimate 2^-12, NEON 2^-8; scalar exact), for choices and small corrections only.
inline Vd recip_est(Vd d) {
#if HC_SIMD_TARGET == HC_SIMD_AVX512
  return Vd{_mm512_rcp14_pd(d.v)};
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
  return Vd{_mm256_cvtps_pd(_mm_rcp_ps(_mm256_cvtpd_ps(d.v)))};
#elif HC_SIMD_TARGET == HC_SIMD_NEON
  return Vd{vrecpeq_f64(d.v)};
#else
  return C(1.0) / d;
#endif
}

// sin/cos/tan: x = k pi/2 + r + rl with pi/2 = kP1 + kP2 + kP3 (k kP1, k kP2 exact for
// |k| < 2^20, x - k kP1 exact by Sterbenz, the rest carried by two_sum: |error| < 2^-97), then
// sin(r + rl) = r + (r^3 P(z) + rl (1 - z/2)), cos(r + rl) = (1 - z/2) + (z^2 Q(z) - r rl), with
// 1 - z/2 summed exactly; tan = s/c or -c/s with an approximate reciprocal (recip_approx, no
// divider) and two residual corrections. Lanes with
// |x| > 2^20, and lanes whose reduction cancels below |r| < 2^-40 (k != 0, so the 2^-97 error
// could exceed 1/32 ulp of r), are recomputed by the C library (exact reduction).
enum Trig { kSin, kCos, kTan };
template <Trig F>
inline Vd trig(Vd x) {
  Vd k = round(x * C(k2Pi));
  Vd a = fnma(k, C(kP1), x);  // exact
  Vd e0, r0 = two_sum(a, -(k * C(kP2)), e0);
  Vd rl, r = fast_two_sum(r0, fnma(k, C(kP3), e0), rl);
  Vd z = r * r;
  Vd hr = C(0.5) * r;
  Vd hz = hr * r, hze = fma(hr, r, -hz);
  Vd sl = fma(r * z, horner(z, kSinP), fnma(hz, rl, rl));
  Vd we, w = fast_two_sum(C(1.0), -hz, we);
  Vd cl = (we - hze) + fma(z * z, horner(z, kCosQ), -(r * rl));
  Vd q = k - C(4.0) * floor(k * C(0.25));  // quadrant 0..3
  if (F == kCos) q = select(q == C(3.0), C(0.0), q + C(1.0));
  Md odd = (q == C(1.0)) | (q == C(3.0));
  Vd res;
  if (F == kTan) {
    Vd sl2, sh = fast_two_sum(r, sl, sl2);  // normalised pairs: 1/dh is then 1/(dh + dl) to 2^-53
    Vd cl2, ch = fast_two_sum(w, cl, cl2);
    Vd nh = select(odd, ch, sh), nl = select(odd, cl2, sl2);
    Vd dh = select(odd, sh, ch), dl = select(odd, sl2, cl2);
    Vd rd = recip_approx(dh);  // |dh| in [2^-41, 1] (smaller |r|: the C library)
    Vd t = nh * rd;
    Vd rho = fnma(t, dh, nh) + fnma(t, dl, nl);
    res = fma(rho, rd, t);  // error ~ (rd dh - 1)^2 relative
    res = select(odd, -res, res);
  } else {
    res = select(odd, w + cl, r + sl);
    res = select(q >= C(2.0), -res, res);
  }
  if (F != kCos) res = tiny_is_x(x, res);
  Md big = (~(abs(x) <= C(0x1p20)) & ~isnan(x)) | ((abs(r) < C(0x1p-40)) & (k != C(0.0)));
  if (any(big)) {
    double xs[Vd::N], rs[Vd::N];
    storeu(xs, x);
    storeu(rs, res);
    double rr[Vd::N], kk[Vd::N];
    storeu(rr, r);
    storeu(kk, k);
    for (int i = 0; i < Vd::N; ++i)
      if ((!(std::fabs(xs[i]) <= 0x1p20) && xs[i] == xs[i]) ||
          (std::fabs(rr[i]) < 0x1p-40 && kk[i] != 0.0))
        rs[i] = F == kSin ? std::sin(xs[i]) : F == kCos ? std::cos(xs[i]) : std::tan(xs[i]);
    res = loadu(rs);
  }
  return res;
}

// float64 atan (issue 6, round 3; within 0.6 ulp): a = |x|; for a <= 1, t = a and atan a =
// atan c + atan u with u = (a - c) / (1 + c a); for a > 1, t = 1/a and atan a = (pi/2 - atan c)
// - atan u with u = (1 - c a) / (a + c). c = c_j = j/15 (a double) with j = round(15 t), t for
// a > 1 from the hardware reciprocal estimate (recip_est: only the choice of j depends on it),
// so |u| <= 1/30 + 2^-8. The numerator and denominator are formed as pairs (products' errors by
// fma), u = uh + ul by recip_approx with the remainder's correction, atan(u) = u + u^3 Q(u^2)
// (Q of degree 3 on u^2 <= 0.0014, a near-minimax fit made with mpmath (Lawson), weighted by
// u^2: its error is below 2^-59.6 of |u|, so of the result), and atan c (or pi/2 - atan c) as hi + lo from
// 16-entry tables (mpmath) is summed with uh by Fast2Sum (|hi| >= 1/15 > |uh|, or hi = 0);
// everything else is added before the one final rounding. y - c x is exact: for a <= 1 it is
// a - c_j with a within [c_j/2, 2 c_j] (Sterbenz; a itself for j = 0); for a > 1, 1 - c a with
// c a rounded (its error carried) in [0.66, 2.01] (Sterbenz, or below 2 in magnitude with the
// spacing of [1, 2)). a is clamped at 2^60 (the result rounds to pi/2 there; inf too); tiny
// and subnormal x come out as x (u = a, 1/1 exact), -0 as -0; NaN passes.
constexpr double kAtanC[16] = {0x0.0p+0, 0x1.1111111111111p-4, 0x1.1111111111111p-3,
    0x1.999999999999ap-3, 0x1.1111111111111p-2, 0x1.5555555555555p-2, 0x1.999999999999ap-2,
    0x1.ddddddddddddep-2, 0x1.1111111111111p-1, 0x1.3333333333333p-1, 0x1.5555555555555p-1,
    0x1.7777777777777p-1, 0x1.999999999999ap-1, 0x1.bbbbbbbbbbbbcp-1, 0x1.ddddddddddddep-1,
    0x1.0000000000000p+0};
constexpr double kAtanTH[16] = {0x0.0p+0, 0x1.10a9c765f3724p-4, 0x1.0f772d81fdc0bp-3,
    0x1.94441f8f7260cp-3, 0x1.0adb5a7741c03p-2, 0x1.4978fa3269ee1p-2, 0x1.85a376b677dc0p-2,
    0x1.bf1b30afc731bp-2, 0x1.f5b75f92c80ddp-2, 0x1.14b1dd5f90ce1p-1, 0x1.2d0ead6066395p-1,
    0x1.43f7a7c1d53c7p-1, 0x1.5977a5103ea93p-1, 0x1.6d9d4bc9d5828p-1, 0x1.8079c6293aee0p-1,
    0x1.921fb54442d18p-1};
constexpr double kAtanTL[16] = {0x0.0p+0, -0x1.40108d2f59ae2p-58, 0x1.3e1959820e856p-60,
    -0x1.bd7fbfba49d93p-58, 0x1.dc8f0bd95a7a0p-56, -0x1.424cbde73c20fp-57, 0x1.05437130f10cdp-58,
    0x1.5ca225f568c1dp-60, 0x1.206ab5bf89282p-56, -0x1.bdc3d8b25f2a4p-56, 0x1.90737b3d6cbc1p-56,
    -0x1.4b583245c4c55p-55, -0x1.df27bdae742c1p-55, -0x1.0ceccdd81fc31p-56,
    -0x1.c2cfe75319506p-56, 0x1.1a62633145c07p-55};
constexpr double kAtanBH[16] = {0x1.921fb54442d18p+0, 0x1.811518cde39a6p+0, 0x1.7030cf9403197p+0,
    0x1.5f97315254857p+0, 0x1.4f68dea672617p+0, 0x1.3fc176b7a8560p+0, 0x1.30b6d796a4da8p+0,
    0x1.2258e91851052p+0, 0x1.14b1dd5f90ce1p+0, 0x1.07c6c6947a6a8p+0, 0x1.f730bd281f69bp-1,
    0x1.e047c2c6b066ap-1, 0x1.cac7c57846f9ep-1, 0x1.b6a21ebeb0209p-1, 0x1.a3c5a45f4ab51p-1,
    0x1.921fb54442d18p-1};
constexpr double kAtanBL[16] = {0x1.1a62633145c07p-54, 0x1.731b6021dada8p-57,
    -0x1.aa5808d309e6ap-56, -0x1.938b41a62b440p-55, 0x1.a33ea03aef21fp-54, 0x1.0aafebb8b5123p-56,
    0x1.0a0e2c1e36afap-54, -0x1.eb1025668fe2ap-54, -0x1.6dc251f4e44ccp-57,
    -0x1.d8b29a8889d41p-56, 0x1.6c8b08c3d522dp-55, -0x1.ff8c1d5ebee74p-57, 0x1.3ec8410ffacf3p-59,
    -0x1.44c4d2b1649dap-55, -0x1.d3a68be7cfadep-56, 0x1.1a62633145c07p-55};
constexpr double kAtanQ[] = {-0x1.55555555553a0p-2, 0x1.99999993cdffdp-3, -0x1.2492184b2fabfp-3,
    0x1.c5d7cb297056ep-4};
inline Vd atan(Vd x) {
  Vd a = min(C(0x1p60), abs(x));  // inf -> 2^60; NaN passes (min returns its second operand)
  Md big = a > C(1.0);
  Vd te = select(big, recip_est(a), a);
  const Vd shifter = C(0x1.8p52);
  Vl j = (bits(fma(te, C(15.0), shifter)) - bits(shifter)) & iset1<Vl>(15);
  // a <= 1: (y, x, c') = (a, 1, c); a > 1: (-1, a, -c), so that u' = (y - c' x) / (x + c' y)
  // is u, or -u for a > 1 (the sign atan(u) takes in the result).
  Vd c = lookup16(kAtanC, j);
  Vd cs = select(big, -c, c);
  Vd xx = select(big, a, C(1.0)), yy = select(big, C(-1.0), a);
  Vd p = cs * xx;
  Vd nh = yy - p, nl = fnma(cs, xx, p);             // y - c' x = nh + nl (nh exact, see above)
  Vd q = cs * yy;
  Vd de, dh = fast_two_sum(xx, q, de);              // xx >= q
  Vd dl = de - fnma(cs, yy, q);                     // x + c' y = dh + dl
  Vd rd = recip_approx(dh);                         // dh in [1, 2^60 + 1]
  Vd uh = nh * rd;
  Vd ul = (fnma(uh, dh, nh) + fnma(uh, dl, nl)) * rd;
  Vd z = uh * uh;
  Vd tq = fma((uh * z), horner(z, kAtanQ), ul);    // atan(u') - uh
  Vd th = select(big, lookup16(kAtanBH, j), lookup16(kAtanTH, j));
  Vd tl = select(big, lookup16(kAtanBL, j), lookup16(kAtanTL, j));
  Vd e, h = fast_two_sum(th, uh, e);
  Vd r = h + (e + (tl + tq));
  return copysign(r, x);
}
// atan2(y, x) (round 3; within 0.6 ulp): as atan on t = mn/mx (mn, mx = min, max of |x|, |y|,
// both scaled by the power of two that takes mx into [1, 2)): c_j from j = round(15 t'), t' =
// mn rcp(mx) (1 - 2^-7) (never above t, so c_j <= 2t and mn - c mx is exact by Sterbenz), u =
// (mn - c mx)/(mx + c mn) as a pair, then the angle K + s1 atan c + s2 atan u with K = 0, pi/2
// or pi and the signs from the octant (|y| > |x|: pi/2 - ...; x < 0: pi - ...), K + s1 (atan
// c)_hi by two_sum, that plus s2 uh by Fast2Sum, the rest added before the final rounding;
// sign of y last. Lanes with mx outside [2^-1000, 2^1000] (zeros, subnormals, inf), NaN lanes,
// and lanes with 0 < mn/mx < 2^-960 (u's remainder would be subnormal) take the C library's
// atan2 (C99's special cases exactly).
inline double libm_atan2(double y, double x) { return std::atan2(y, x); }
__attribute__((noinline, cold)) inline Vd atan2_lanes(Vd y, Vd x, Md bad, Vd res) {
  double ys[Vd::N], xs[Vd::N], rs[Vd::N], bs[Vd::N];
  storeu(ys, y);
  storeu(xs, x);
  storeu(rs, res);
  storeu(bs, select(bad, C(1.0), C(0.0)));
  for (int i = 0; i < Vd::N; ++i)
    if (bs[i] != 0.0) rs[i] = libm_atan2(ys[i], xs[i]);
  return loadu(rs);
}
// Q of degree 4 on u^2 <= 0.0021 (|u| <= 1/30 + 0.0118 with the biased estimate), Lawson fit
// weighted by u^2 as atan's: below 2^-66 of |u|.
constexpr double kAtan2Q[] = {-0x1.5555555555554p-2, 0x1.9999999995062p-3, -0x1.249248fd60866p-3,
    0x1.c71b4cb53d85dp-4, -0x1.726b702563b47p-4};
inline Vd atan2(Vd y, Vd x) {
  Vd ay = abs(y), ax = abs(x);
  Md sw = ay > ax;
  Vd mx = max(ax, ay), mn = min(ax, ay);
  Md ok = (mx >= C(0x1p-1000)) & (mx <= C(0x1p1000)) & ~isnan(x + y);
  // 2^-e(mx): exponent field 2046 - E (E in [23, 2023] on ok lanes)
  Vd sc = from_bits<Vd>(iset1<Vl>(int64_t(2046) << 52) - (bits(mx) & iset1<Vl>(int64_t(0x7ff) << 52)));
  Vd xx = select(ok, mx * sc, C(1.0)), yy = select(ok, mn * sc, C(0.0));
  ok = ok & ~((yy < C(0x1p-960)) & (yy != C(0.0)));  // u's remainder must stay normal
  Vd te = yy * recip_est(xx) * C(1.0 - 0x1p-7);
  const Vd shifter = C(0x1.8p52);
  Vl j = (bits(fma(te, C(15.0), shifter)) - bits(shifter)) & iset1<Vl>(15);
  Vd c = lookup16(kAtanC, j);
  Vd p = c * xx;
  Vd nh = yy - p, nl = fnma(c, xx, p);  // mn - c mx = nh + nl (nh exact)
  Vd q = c * yy;
  Vd de, dh = fast_two_sum(xx, q, de);
  Vd dl = de - fnma(c, yy, q);          // mx + c mn = dh + dl, dh in [1, 4)
  Vd rd = recip_approx(dh);
  Vd uh = nh * rd;
  Vd ul = (fnma(uh, dh, nh) + fnma(uh, dl, nl)) * rd;
  Vd z = uh * uh;
  Vd tq = fma(uh * z, horner(z, kAtan2Q), ul);  // atan(u) - uh
  // angle = K + s1 (T + u): |y| <= |x|: 0 + (T + u) or (x < 0) pi - (T + u); |y| > |x|:
  // pi/2 - (T + u) or (x < 0) pi/2 + (T + u).
  Md xn = signbit(x);
  Vd kh = select(sw, C(kPio2_1), select(xn, C(kPi), C(0.0)));
  Vd kl = select(sw, C(kPio2_2), select(xn, C(kPi_lo), C(0.0)));
  Md neg = andnot(xn, sw) | andnot(sw, xn);  // s1 = -1: exactly one of sw, xn
  Vd th = lookup16(kAtanTH, j), tl = lookup16(kAtanTL, j);
  th = select(neg, -th, th);
  tl = select(neg, -tl, tl);
  uh = select(neg, -uh, uh);
  tq = select(neg, -tq, tq);
  Vd e1, h1 = two_sum(kh, th, e1);
  Vd e2, h = fast_two_sum(h1, uh, e2);  // |h1| >= 1/15 > |uh|, or h1 = 0
  Vd r = copysign(h + ((e1 + e2) + ((kl + tl) + tq)), y);
  if (__builtin_expect(!all(ok), 0)) r = atan2_lanes(y, x, ~ok, r);
  return r;
}
// float64 asin, acos (issue 6, round 3; within 0.7 ulp): a = |x|; a <= 1/2: asin a = a + a^3
// P(a^2); a > 1/2: asin a = pi/2 - 2 asin s, s = sqrt(w), w = (1 - a)/2 (exact), with s^2 taken
// as w itself and the square root's residual sl = (w - s^2) / (2s) (fma; the reciprocal an
// estimate, as sl is ~2^-53 s) carried through asin's derivative (1 + w/2). P: degree 12 in
// z = s^2 on [0, 1/4], a near-minimax fit made with mpmath (Lawson's iteration, weighted by the
// tail's share of the result in both uses: 2^-59 of the result after rounding the coefficients
// to double), evaluated by Estrin's scheme. The results are then base + lead + tail with base
// 0, pi/2 or pi (hi + lo), lead = +-x, +-2s (base + lead by Fast2Sum: |base| >= |lead| or base
// = 0) and everything else added before the one final rounding:
//   asin: a <= 1/2: a + t;  a > 1/2: pi/2 - 2s - 2(t + sl');  sign of x restored.
//   acos: |x| <= 1/2: pi/2 - x - t(x);  x > 1/2: 2s + 2(t + sl');  x < -1/2: pi - 2s - 2(t + sl').
// |x| > 1 and inf give NaN through the square root of w < 0; NaN passes; +-1 exact.
constexpr double kAsinP[13] = {0x1.555555555557fp-3, 0x1.333333332cfb8p-4,
    0x1.6db6db72e9915p-5, 0x1.f1c71a4231496p-6, 0x1.6e8be82b08f1ep-6, 0x1.1c4946e8da331p-6,
    0x1.ca2f9939e1026p-7, 0x1.75013beb6bdacp-7, 0x1.6425d51351b9ep-7, 0x1.b9d8c6b522470p-9,
    0x1.710ade82f7351p-6, -0x1.6afe0f768622fp-6, 0x1.1135ab7568b75p-5};
constexpr double kPio2Hi = 0x1.921fb54442d18p+0, kPio2Lo = 0x1.1a62633145c07p-54;
constexpr double kPiHi = 0x1.921fb54442d18p+1, kPiLo = 0x1.1a62633145c07p-53;
// The shared part: s, the tail t = asin(s) - s (plus, for big lanes, the carried residual) .
struct AsinParts {
  Md big;
  Vd s, t;
};
inline AsinParts asin_parts(Vd a) {
  AsinParts P;
  P.big = a > C(0.5);
  Vd w = C(0.5) * (C(1.0) - a);  // exact for a in [1/2, 1]; < 0 (sqrt: NaN) for a > 1
  Vd s0 = sqrt(w);
  Vd sl = fnma(s0, s0, w) * (C(0.5) * recip_est(max(s0, C(0x1p-30))));  // s0 = 0 or >= 2^-27
  P.s = select(P.big, s0, a);
  Vd z = select(P.big, w, a * a);
  Vd z2 = z * z, z4 = z2 * z2;
  const double* k = kAsinP;
  Vd p01 = fma(C(k[1]), z, C(k[0])), p23 = fma(C(k[3]), z, C(k[2]));
  Vd p45 = fma(C(k[5]), z, C(k[4])), p67 = fma(C(k[7]), z, C(k[6]));
  Vd p89 = fma(C(k[9]), z, C(k[8])), pab = fma(C(k[11]), z, C(k[10]));
  Vd q0 = fma(p23, z2, p01), q1 = fma(p67, z2, p45), q2 = fma(pab, z2, p89);
  Vd r0 = fma(q1, z4, q0), r1 = fma(C(k[12]), z4, q2);
  Vd poly = fma(r1, z4 * z4, r0);
  Vd t = (P.s * z) * poly;
  P.t = t + select(P.big, fma(sl, C(0.5) * w, sl), C(0.0));
  return P;
}
inline Vd asin(Vd x) {
  Vd a = abs(x);
  AsinParts P = asin_parts(a);
  Vd base = select(P.big, C(kPio2Hi), C(0.0)), blo = select(P.big, C(kPio2Lo), C(0.0));
  Vd lead = select(P.big, C(-2.0) * P.s, P.s), tail = select(P.big, C(-2.0) * P.t, P.t);
  Vd e, h = fast_two_sum(base, lead, e);
  return copysign(h + (e + (blo + tail)), x);  // NaN stays NaN
}
inline Vd acos(Vd x) {
  Vd a = abs(x);
  AsinParts P = asin_parts(a);
  Md neg = signbit(x);
  // |x| <= 1/2: pi/2 - x - t(x); x > 1/2: 0 + 2s + 2t; x < -1/2: pi - 2s - 2t.
  Vd base = select(P.big, select(neg, C(kPiHi), C(0.0)), C(kPio2Hi));
  Vd blo = select(P.big, select(neg, C(kPiLo), C(0.0)), C(kPio2Lo));
  Vd sg = select(P.big, select(neg, C(-2.0), C(2.0)), select(neg, C(1.0), C(-1.0)));
  Vd e, h = fast_two_sum(base, sg * P.s, e);
  return h + (e + fma(sg, P.t, blo));
}

// Lanes where bad is set: the C library's function (rare lanes: huge arguments, inf, NaN).
template <double (*Fs)(double)>
__attribute__((noinline, cold)) Vd libm_lanes(Vd x, Md bad, Vd res) {
  double xs[Vd::N], rs[Vd::N], bs[Vd::N];
  storeu(xs, x);
  storeu(rs, res);
  storeu(bs, select(bad, C(1.0), C(0.0)));
  for (int i = 0; i < Vd::N; ++i)
    if (bs[i] != 0.0) rs[i] = Fs(xs[i]);
  return loadu(rs);
}
inline double libm_sinh(double v) { return std::sinh(v); }
inline double libm_cosh(double v) { return std::cosh(v); }

// tanh |x| = E / (E + 2), E = expm1(2|x|) as a pair (expm1_pair, ~2^-60), the quotient by
// recip_approx and one residual correction over both pairs, so the result is rounded about once;
// |x| >= 22 gives 1 (tanh rounds to 1 there), sign restored, tiny x returned as is.
inline Vd tanh(Vd x) {
  Vd a = min(C(22.0), abs(x));  // NaN passes (x86 min returns the second operand)
  Vd el, eh = expm1_pair(a + a, el);
  eh = fast_two_sum(eh, el, el);  // normalised (|el| <= ulp(eh)/2): the correction divides by dh only
  Vd de, dh = two_sum(eh, C(2.0), de);
  Vd dl = de + el;
  Vd rd = recip_approx(dh);  // dh in [2, e^44 + 2]
  Vd t = eh * rd;
  Vd rho = fnma(t, dh, eh) + fnma(t, dl, el);
  Vd r = fma(rho, rd, t);
  return tiny_is_x(x, copysign(r, x));
}
// sinh, cosh from e^|x| / 4 and e^-|x| / 4 as pairs (exp_pair_q): 2 (A -+ B) with the leading
// parts summed exactly (Fast2Sum, A >= B) and the low parts added before the one final rounding
// (the doubling is exact, or overflows to inf where the result does). B's argument is clamped
// at 706 (beyond, B is below 2^-1400 of A). sinh on |x| < 1/2: x + x^3 S(x^2), Taylor to x^15
// (truncation 2^-64 relative). |x| > 710.5 (overflow), inf and NaN lanes: the C library.
constexpr double kSinhS[] = {0.16666666666666666, 0.008333333333333333, 0.0001984126984126984,
    2.7557319223985893e-06, 2.505210838544172e-08, 1.6059043836821613e-10,
    7.647163731819816e-13};
inline Vd sinh(Vd x) {
  Vd a = abs(x);
  Vd al, ah = exp_pair_q(min(C(710.5), a), al);
  Vd bl, bh = exp_pair_q(-min(C(706.0), a), bl);
  Vd s = ah - bh;
  Vd e = (ah - s) - bh;
  Vd r = C(2.0) * (s + (e + (al - bl)));
  Vd z = a * a;
  r = select(a < C(0.5), fma(a * z, horner(z, kSinhS), a), r);
  r = tiny_is_x(x, copysign(r, x));
  Md bad = ~(a <= C(710.5));
  if (__builtin_expect(any(bad), 0)) r = libm_lanes<libm_sinh>(x, bad, r);
  return r;
}
inline Vd cosh(Vd x) {
  Vd a = abs(x);
  Vd al, ah = exp_pair_q(min(C(710.5), a), al);
  Vd bl, bh = exp_pair_q(-min(C(706.0), a), bl);
  Vd s = ah + bh;
  Vd e = bh - (s - ah);
  Vd r = C(2.0) * (s + (e + (al + bl)));
  Md bad = ~(a <= C(710.5));
  if (__builtin_expect(any(bad), 0)) r = libm_lanes<libm_cosh>(x, bad, r);
  return r;
}
inline double libm_asinh(double v) { return std::asinh(v); }
// asinh |x| = log1p(v), v = a + a^2 / (1 + sqrt(1 + a^2)) carried as a pair (a^2 exact by fma,
// 1 + a^2 by two_sum, the square root's and the quotient's residuals by fma, reciprocals by
// recip_approx with a correction; Fast2Sum: a >= the quotient), so log1p_pair sees v to ~2^-100 (its correction is first order: fine for a
// low part below 2^-50 of 1 + v); a >= 2^28: log1p(a - 1) + ln 2 = log(2a) (a - 1 exact below
// 2^53). Then h + lo rounded once. inf, NaN: the C library.
inline Vd asinh(Vd x) {
  Vd a = abs(x);
  Md bad = ~(a < C(kInf));
  Vd ac = select(bad, C(1.0), a);
  Vd am = min(C(0x1p28), ac);
  Vd a2 = am * am, a2l = fma(am, am, -a2);  // a^2 exactly
  Vd se, sh = two_sum(C(1.0), a2, se);
  se = se + a2l;                               // 1 + a^2 = sh + se
  Vd w = sqrt(sh);
  Vd rw = recip_approx(w + w);
  Vd wl = (fnma(w, w, sh) + se) * rw;          // sqrt(1 + a^2) = w + wl (first order)
  Vd dh = w + C(1.0);
  Vd dl = ((w - dh) + C(1.0)) + wl;            // 1 + sqrt(1 + a^2) = dh + dl (Fast2Sum, w >= 1)
  Vd rd = recip_approx(dh);
  Vd qh = a2 * rd;
  qh = fma(rd, fnma(qh, dh, a2), qh);          // a2 / dh to ~1 ulp
  Vd ql = (fnma(qh, dh, a2) + fnma(qh, dl, a2l)) * rd;
  Vd vh = am + qh;
  Vd vl = ((am - vh) + qh) + ql;               // Fast2Sum: am >= qh
  Md big = ac >= C(0x1p28);
  vh = select(big, ac - C(1.0), vh);  // exact below 2^53; beyond, off by < 2^-52 relative
  vl = select(big, C(0.0), vl);
  Vd lo, h = log1p_pair(vh, lo, vl);
  lo = lo + select(big, C(kLn2), C(0.0));  // log(2a) = log(a) + ln 2 (|h| > 19: lo's rounding is far below ulp(h))
  Vd r = tiny_is_x(x, copysign(h + lo, x));
  if (__builtin_expect(any(bad), 0)) r = libm_lanes<libm_asinh>(x, bad, r);
  return r;
}
inline double libm_acosh(double v) { return std::acosh(v); }
// acosh x = log1p(v), v = t + sqrt(t (t + 2)), t = x - 1 (exact), carried as a pair as in asinh
// (t + 2 by two_sum, the product's error by fma, the square root's residual by fma); x >= 2^28:
// log1p(x - 1) + ln 2 = log(2x). x <= 1 (1 -> +0), inf, NaN: the C library.
inline Vd acosh(Vd x) {
  Md bad = ~((x > C(1.0)) & (x < C(kInf)));
  Vd xc = select(bad, C(2.0), x);
  Vd t = min(C(0x1p28), xc) - C(1.0);
  Vd ue, uh = two_sum(t, C(2.0), ue);
  Vd sh = t * uh, sl = fma(t, uh, -sh) + t * ue;  // t (t + 2) = sh + sl
  Vd w = sqrt(sh);
  Vd rw = recip_approx(w + w);
  Vd wl = (fnma(w, w, sh) + sl) * rw;
  Vd vh = w + t;
  Vd vl = ((w - vh) + t) + wl;  // Fast2Sum: w >= t
  Md big = xc >= C(0x1p28);
  vh = select(big, xc - C(1.0), vh);
  vl = select(big, C(0.0), vl);
  Vd lo, h = log1p_pair(vh, lo, vl);
  lo = lo + select(big, C(kLn2), C(0.0));
  Vd r = h + lo;
  if (__builtin_expect(any(bad), 0)) r = libm_lanes<libm_acosh>(x, bad, r);
  return r;
}
inline double libm_atanh(double v) { return std::atanh(v); }
// atanh |x| = (log1p(|x|) - log1p(-|x|)) / 2 with both logs as pairs (log1p_pair): the leading
// parts (of opposite signs, so no cancellation) summed exactly by two_sum, the low parts added
// before the one final rounding. |x| >= 1 and NaN lanes: the C library (+-1 -> +-inf, NaN).
inline Vd atanh(Vd x) {
  Vd a = abs(x);
  Md bad = ~(a < C(1.0));
  Vd ac = select(bad, C(0.5), a);
  Vd l1, h1 = log1p_pair(ac, l1);
  Vd l2, h2 = log1p_pair(-ac, l2);
  Vd e, h = two_sum(h1, -h2, e);
  Vd r = C(0.5) * (h + (e + (l1 - l2)));
  r = tiny_is_x(x, copysign(r, x));
  if (__builtin_expect(any(bad), 0)) r = libm_lanes<libm_atanh>(x, bad, r);
  return r;
}
// cbrt (issue 6, session 6): as vm32::cbrt (vmath32.h) in double lanes: x = s 2^(3k) z, z =
// m 2^rem in [1, 8) keeping x's sign, k = rint((e - 1)/3); r0 = P(m) c(rem) ~ z^(-1/3) with P a
// degree-5 near-minimax fit of m^(-1/3) on [1, 2] (Lawson, relative error 5.7e-6) and c the
// quadratic through 2^(-rem/3); one Newton step r1 = r0 + r0 (1 - z r0^3)/3 (error 2 e^2 <
// 7e-11), y0 = z r1^2 and the final step y1 = y0 - (y0^3 - z) r1^2/3 with y0^2 = hi + lo exact
// (error ~8 (2e^2)^2 < 4e-20 before the one rounding); y1 2^k by an integer add to the exponent
// field (k in [-341, 341]). Subnormal lanes scaled by 2^54 (root by 2^18, undone exactly); zeros,
// infinities and NaN returned as they are. No divider.
constexpr double kCbrtP[] = {0x1.c7f363838418ep+0, -0x1.90e73a02341cbp+0, 0x1.3e68ae70c4defp+0,
    -0x1.321c4f0c87b23p-1, 0x1.3fa2544d83a68p-3, -0x1.16d6da1c2a1aap-6};
constexpr double kCbrtC[] = {0x1.965fea53d6e3dp-1, -0x1.7aeba0ce51aeap-3, 0x1.5ca5af1296120p-6};
inline Vd cbrt_core(Vd x) {  // x normal, finite, nonzero
  const Vd shifter = C(0x1.8p52);
  Vl ax = bits(abs(x));
  Vd em1 = from_bits<Vd>(shr<52>(ax) | bits(C(0x1p52))) - C(0x1p52 + 1024.0);  // e - 1
  Vd t = fma(em1, C(1.0 / 3.0), shifter);  // rint((e - 1)/3) in the low mantissa bits
  Vd kf = t - shifter;
  Vl kb = shl<52>(bits(t));  // k << 52
  Vd rm1 = fnma(kf, C(3.0), em1);  // rem - 1 in {-1, 0, 1}
  Vd z = from_bits<Vd>(bits(x) - (kb + kb + kb));
  Vd m = from_bits<Vd>((ax & iset1<Vl>(0x000fffffffffffffll)) | bits(C(1.0)));
  Vd c = fma(fma(C(kCbrtC[2]), rm1, C(kCbrtC[1])), rm1, C(kCbrtC[0]));
  Vd r = horner(m, kCbrtP) * c;
  Vd za = abs(z);
  r = fma(r * C(1.0 / 3.0), fnma(za, (r * r) * r, C(1.0)), r);
  Vd r2 = r * r;
  Vd y = z * r2;
  Vd hi = y * y;
  Vd nlo = fnma(y, y, hi);                 // y^2 = hi - nlo exactly
  Vd nres = fma(nlo, y, fnma(hi, y, z));  // z - y^3
  y = fma(nres, r2 * C(1.0 / 3.0), y);
  return from_bits<Vd>(bits(y) + kb);
}
__attribute__((noinline, cold)) inline Vd cbrt_wide(Vd x) {
  Vd a = abs(x);
  Md sub = a < C(0x1p-1022);
  Md special = ~((a > C(0.0)) & (a < C(kInf)));
  Vd xs = select(special, C(1.0), select(sub, x * C(0x1p54), x));
  Vd y = cbrt_core(xs) * select(sub, C(0x1p-18), C(1.0));
  return select(special, x, y);
}
inline Vd cbrt(Vd x) {
  Vd a = abs(x);
  if (__builtin_expect(all((a >= C(0x1p-1022)) & (a < C(kInf))), 1)) return cbrt_core(x);
  return cbrt_wide(x);
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

// More pure float32 kernels (float lanes), added to vm32 here rather than in vmath32.h because
// they fall back to the double-lane kernels above (vm::) for the lanes outside their fast
// domain: special values, overflow, huge trig arguments. Pattern: compute every lane on the
// fast path (inputs outside it replaced by a harmless value), and only if some lane is outside,
// recompute the vector in double lanes and take those lanes from there (rounded once), so a
// lane's result never depends on its neighbours. Methods (own derivations; Taylor coefficients
// rounded to float32, except kAsinP, kSinhP, kExpm1Q: near-minimax fits made in float64 with
// NumPy by Lawson's iteratively reweighted least squares on the relative error over 4000
// Chebyshev nodes, each coefficient rounded to float32 in turn and the rest refitted; the
// rounded polynomial re-checked on 200k points: asin 5e-9, sinh 5e-9, expm1 4e-10 relative;
// errors measured in specs/accuracy.md). No divider and no square-root unit in the fast paths:
// 1/d by recip() and sqrt by sqrt_nr() (hardware estimates plus Newton steps, vmath32.h), and the
// long polynomials of log by Estrin's scheme (the loops are latency-bound):
//   sin/cos/tan: k = rint(x 2/pi), r = x - k pi/2 with pi/2 in three float parts by fma (the
//     first step is exact for |k| < 2^22; the rounding error of the second is carried as lo),
//     Taylor sin to r^9 and cos to r^10 on |r| <= pi/4, quadrant from k's low bits; tan = s/c or
//     -c/s. Fast for |x| <= 2^13 (|x| beyond, inf, NaN: the double-lane path).
//   log2/log10: x = 2^e m as in log, log(m) = f + g (g = f^2 Q(f)); log2 = e + fma(f, log2e_hi,
//     f log2e_lo + g log2e_hi); log10 = fma(e, log10(2)_hi, fma(f, log10e_hi, smaller terms)).
//   log1p: u = 1 + x, c = (x - (u - 1)) / u (what rounding u lost), log(u) + c.
//   expm1: x = n ln2 + r as in exp; expm1 = fma(2^n, r + r^2 q(r), 2^n - 1) (q minimax degree 5);
//     x clamped below at -18 (the result rounds to -1 there).
//   sinh: |x| < 1: x + x^3 P(x^2) (minimax degree 3); else h - 1/(4h), h = e^|x| / 2; sign
//     restored. cosh: h + 1/(4h). Fast for |x| <= 87.
//   atan: t = |x| (<= tan(pi/8)), (|x| - 1) / (|x| + 1) (+ pi/4, up to tan(3pi/8)) or -1/|x|
//     (+ pi/2); Taylor to t^21 (|t| <= 0.4143).
//   asin/acos: |x| <= 1/2: asin = x + x^3 P(x^2) (minimax degree 6); beyond: asin = pi/2 - 2
//     asin(sqrt((1 - |x|) / 2)) (1 - |x| exact; the square root's residual carried), acos from
//     the same pieces. |x| = 1 exactly goes to the double-lane path (exact results).
//   asinh: |x| < 2^12: log1p(a + a^2 / (1 + sqrt(1 + a^2))); beyond log1p(2a - 1) = log(2a) (the
//     -1 fed to log1p as its low part). acosh: x < 2^12: log1p(t + sqrt(t^2 + 2t)), t = x - 1;
//     beyond log1p(2x - 1). x = 1 by the double-lane path (+0 exactly).
//   atanh: 0.5 log1p(2a / (1 - a)), sign restored.
namespace hc::simd::HC_SIMD_NS {
namespace vm32 {

// Lanes where fast is false: the double-lane kernel Fd, rounded once to float32.
// The slow path is out of line and cold: inlined, its double-lane kernel's register pressure
// and stack buffer slowed the fast loop itself.
template <Vd (*Fd)(Vd)>
__attribute__((noinline, cold)) void fallback_lanes(const float* x, float* y) {
  for (int k = 0; k < Vf::N; k += Vd::N) store_f32(y + k, Fd(load_f32(x + k)));
}
template <Vd (*Fd)(Vd)>
inline Vf fallback(Vf x, Mf fast, Vf yfast) {
  if (__builtin_expect(all(fast), 1)) return yfast;
  alignas(64) float bx[Vf::N], by[Vf::N];
  storeu(bx, x);
  fallback_lanes<Fd>(bx, by);
  return select(fast, yfast, loadu(by));
}

constexpr float kPio2_1 = 0x1.921fb6p+0f, kPio2_2 = -0x1.777a5cp-25f, kPio2_3 = -0x1.ee59dap-50f;
constexpr float k2OverPi = 0x1.45f306p-1f;
constexpr float kPio2Hi = 0x1.921fb6p+0f, kPio2Lo = -0x1.777a5cp-25f;
constexpr float kPio4Hi = 0x1.921fb6p-1f, kPio4Lo = -0x1.777a5cp-26f;
constexpr float kLog2eHi = 0x1.715476p+0f, kLog2eLo = 0x1.4ae0cp-26f;
constexpr float kLog10eHi = 0x1.bcb7b2p-2f, kLog10eLo = -0x1.5b235ep-27f;
constexpr float kLog10_2Hi = 0x1.344136p-2f, kLog10_2Lo = -0x1.ec10cp-27f;
constexpr float kSinS[] = {-0x1.555556p-3f, 0x1.111112p-7f, -0x1.a01a02p-13f, 0x1.71de3ap-19f};
constexpr float kCosC[] = {0x1.555556p-5f, -0x1.6c16c2p-10f, 0x1.a01a02p-16f, -0x1.27e4fcp-22f};
constexpr float kAtanP[] = {-0x1.555556p-2f, 0x1.99999ap-3f, -0x1.24924ap-3f, 0x1.c71c72p-4f,
                            -0x1.745d18p-4f, 0x1.3b13b2p-4f, -0x1.111112p-4f, 0x1.e1e1e2p-5f,
                            -0x1.af286cp-5f, 0x1.861862p-5f};
constexpr float kAsinP[] = {0x1.555556p-3f, 0x1.3332acp-4f, 0x1.6dda86p-5f, 0x1.ed5fbcp-6f,
                            0x1.931c06p-6f, 0x1.ebd93p-8f, 0x1.1bebf6p-5f};
constexpr float kExpm1Q[] = {0x1p-1f, 0x1.555554p-3f, 0x1.5554f8p-5f, 0x1.1112d8p-7f,
                             0x1.6d3a36p-10f, 0x1.9e72dap-13f};
constexpr float kTrigFast = 0x1p13f;
constexpr float kSinhP[] = {0x1.555556p-3f, 0x1.1110ep-7f, 0x1.a022bcp-13f, 0x1.756c1ep-19f};

inline Vf fms(Vf a, Vf b, Vf c) { return -fnma(a, b, c); }  // a b - c, one rounding
inline Vf flip_sign_if(Vf v, Vi bit31) {  // v with its sign flipped where bit 31 of bit31 is set
  return from_bits<Vf>(bits(v) ^ (bit31 & bits(F(-0.0f))));
}

enum Trig { kSin, kCos, kTan };
template <Trig T>
inline Vf trig_fast(Vf x) {
  Vf t = fma(x, F(k2OverPi), F(kShifter));
  Vf k = t - F(kShifter);
  Vf r1 = fnma(k, F(kPio2_1), x);  // exact
  Vf p = k * F(kPio2_2);
  Vf pe = fms(k, F(kPio2_2), p);  // k P2 = p + pe exactly
  Vf r = r1 - p, bb = r - r1;
  Vf lo = ((r1 - (r - bb)) - (p + bb)) - fma(k, F(kPio2_3), pe);  // TwoSum: r + lo = r1 - p
  Vf z = r * r;
  // sin = sh + sl, cos = ch + cl; sh = r, ch = 1 - r^2/2 (rounded once; cl carries its error).
  Vf hr = F(0.5f) * r;
  Vf sh = r, sl = fma(r * z, poly(z, kSinS), fnma(hr, lo, lo));
  Vf ch = fnma(hr, r, F(1.0f));
  Vf cl = fnma(r, lo, fma(z * z, poly(z, kCosC), fnma(hr, r, F(1.0f) - ch)));
  Vi q = bits(t);
  if (T == kCos) q = q + I(1);
  Mf odd = from_bits<Vf>(shl<31>(q) | bits(F(1.0f))) < F(0.0f);  // k (+1) odd
  Vf y;
  if (T == kTan) {  // s/c or -c/s, the quotient corrected for the pairs' low parts
    Vf nh = select(odd, ch, sh), nl = select(odd, cl, sl);
    Vf dh = select(odd, sh, ch), dl = select(odd, sl, cl);
    Vf rc = recip(dh + dl);
    Vf qt = (nh + nl) * rc;
    qt = fma(rc, fnma(qt, dh, nh) + fnma(qt, dl, nl), qt);
    y = select(odd, -qt, qt);
  } else {
    y = flip_sign_if(select(odd, ch + cl, sh + sl), shl<30>(q));
  }
  if (T != kCos) y = select(abs(x) < F(0x1p-12f), x, y);  // x - x^3/6 rounds to x; keeps -0
  return y;
}
template <Trig T>
inline Vf trig(Vf x) {
  Mf fast = abs(x) <= F(kTrigFast);
  Vf y = trig_fast<T>(select(fast, x, F(0.0f)));
  return fallback<T == kSin ? vm::trig<vm::kSin> : T == kCos ? vm::trig<vm::kCos> : vm::trig<vm::kTan>>(x, fast, y);
}
inline Vf sin(Vf x) { return trig<kSin>(x); }
inline Vf cos(Vf x) { return trig<kCos>(x); }
// tan (session 6): the same reduction (r + lo = x - k pi/2), then tan(r + lo) = r + tail with
// tail = r z P(z) + lo (1 + z), z = r^2, P of degree 6 (near-minimax fit of tan r / r - 1 on
// |r| <= pi/4, Lawson, float32 coefficients: 1.5e-9 relative to tan); k odd: -1/(r + tail) with
// r + tail = dh + dl (Fast2Sum, |r| >= |tail|), 1/dh by recip() and one correction over the
// pair (rho = 1 - q dh - q dl). One polynomial and one reciprocal instead of the sin and cos
// pairs and their quotient (trig_fast<kTan>): about half the operations. The reduction's second
// step r = r1 - p carries its error by Fast2Sum (r1 - r) - p, not TwoSum: for k != 0, r1 is a
// multiple of 2^-24 (x and k P1 are) while |p| < 2^-12, so r1 is a multiple of ulp(p) even where
// |r1| < |p|; checked on every float32 in [2^12, 2^13] and every 5th below (max 1.25 ulp, the
// same as with TwoSum). Dropping the pair's low part dl instead costs accuracy (1.73 ulp).
constexpr float kTanP[] = {0x1.555562p-2f, 0x1.110d12p-3f, 0x1.baf30ap-5f, 0x1.5bb688p-6f,
                           0x1.684a02p-7f, -0x1.ef8c0ep-14f, 0x1.25ae32p-8f};
inline Vf tan_fast(Vf x) {
  Vf t = fma(x, F(k2OverPi), F(kShifter));
  Vf k = t - F(kShifter);
  Vf r1 = fnma(k, F(kPio2_1), x);  // exact
  Vf p = k * F(kPio2_2);
  Vf npe = fnma(k, F(kPio2_2), p);  // k P2 = p - npe exactly
  Vf r = r1 - p;
  Vf lo = ((r1 - r) - p) + fnma(k, F(kPio2_3), npe);  // r + lo = x - k pi/2 (Fast2Sum)
  Vf z = r * r;
  Vf tail = fma(z, fma(r, poly(z, kTanP), lo), lo);  // r z P(z) + lo (1 + z)
  Vf dh = r + tail;
  Vf dl = (r - dh) + tail;
  Vf q = recip_rough(dh);
  Vf inv = fma(q, fnma(dl, q, fnma(dh, q, F(1.0f))), q);  // 1/(dh + dl)
  Vf flip = from_bits<Vf>(shl<31>(bits(t)));  // sign bit set where k is odd
  // k even: dh (the sign of r, as tan r); k odd: -1/(dh + dl); +-0: itself (r is +0 for -0)
  Vf y = from_bits<Vf>(bits(select(signbit(flip), inv, dh)) ^ bits(flip));
  return select(x == F(0.0f), x, y);
}
inline Vf tan(Vf x) {
  Mf fast = abs(x) <= F(kTrigFast);
  Vf y = tan_fast(select(fast, x, F(0.0f)));
  return fallback<vm::trig<vm::kTan>>(x, fast, y);
}

// Positive normal finite x.
inline Vf log2_fast(Vf x) {
  Vf e, f;
  {
    constexpr int64_t kSqrtHalf = 0x3f3504f3;
    Vi ix = bits(x) + I(0x3f800000 - kSqrtHalf);
    Vi k = shr<23>(ix);
    Vf m = from_bits<Vf>((ix & I(0x007fffff)) + I(kSqrtHalf));
    e = from_bits<Vf>(k + bits(F(0x1p23f))) - F(0x1p23f + 127.0f);
    f = m - F(1.0f);
  }
  Vf f2 = f * f, g = f2 * poly_estrin(f, f2, kLogQ);  // log(m) = f + g
  // e + log2e (f + g): f log2e_hi rounded once with everything below it, then e added.
  return e + fma(f, F(kLog2eHi), fma(f, F(kLog2eLo), g * F(kLog2eHi)));
}
inline Mf log_fast_mask(Vf x) { return (x >= F(0x1p-126f)) & (x < F(kInf)); }
inline Vf log2(Vf x) {
  Mf fast = log_fast_mask(x);
  return fallback<vm::log2>(x, fast, log2_fast(select(fast, x, F(1.0f))));
}
inline Vf log10_fast(Vf x) {
  Vf e, lm;
  {
    constexpr int64_t kSqrtHalf = 0x3f3504f3;
    Vi ix = bits(x) + I(0x3f800000 - kSqrtHalf);
    Vi k = shr<23>(ix);
    Vf m = from_bits<Vf>((ix & I(0x007fffff)) + I(kSqrtHalf));
    e = from_bits<Vf>(k + bits(F(0x1p23f))) - F(0x1p23f + 127.0f);
    lm = m - F(1.0f);
  }
  Vf f = lm;
  Vf f2 = f * f, g = f2 * poly_estrin(f, f2, kLogQ);
  // e log10(2) + log10e (f + g), the two leading products each rounded once (fma) with all
  // the smaller terms.
  Vf lo = fma(e, F(kLog10_2Lo), fma(f, F(kLog10eLo), g * F(kLog10eHi)));
  return fma(e, F(kLog10_2Hi), fma(f, F(kLog10eHi), lo));
}
inline Vf log10(Vf x) {
  Mf fast = log_fast_mask(x);
  return fallback<vm::log10>(x, fast, log10_fast(select(fast, x, F(1.0f))));
}

// log1p for x > -1, u = 1 + x finite (no special values).
// log1p(x + xl) for x > -1, u = 1 + x finite; xl a small correction (|xl| <= ulp(x)).
inline Vf log1p_fast(Vf x, Vf xl = F(0.0f)) {
  Vf u = x + F(1.0f);
  Vf c = ((x - (u - F(1.0f))) + xl) * recip(u);
  Vf e, f;
  {
    constexpr int64_t kSqrtHalf = 0x3f3504f3;
    Vi ix = bits(u) + I(0x3f800000 - kSqrtHalf);
    Vi k = shr<23>(ix);
    Vf m = from_bits<Vf>((ix & I(0x007fffff)) + I(kSqrtHalf));
    e = from_bits<Vf>(k + bits(F(0x1p23f))) - F(0x1p23f + 127.0f);
    f = m - F(1.0f);
  }
  Vf f2 = f * f, g = f2 * poly_estrin(f, f2, kLogQ);  // log(m) = f + g; f exact, kept apart (no rounding at f's scale)
  return fma(e, F(kLn2Hi), f) + (fma(e, F(kLn2Lo), g) + c);
}
inline Vf log1p(Vf x) {
  Mf fast = (x > F(-1.0f)) & (x < F(0x1p126f));
  Vf y = log1p_fast(select(fast, x, F(0.0f)));
  y = select(abs(x) < F(0x1p-24f), x, y);  // +-0, tiny: x (also keeps -0)
  return fallback<vm::log1p>(x, fast, y);
}

inline Vf expm1_fast(Vf x) {
  x = max(x, F(-18.0f));
  Vf t = fma(x, F(kLog2e), F(kShifter));
  Vf n = t - F(kShifter);
  Vf r1 = fnma(n, F(kLn2Hi), x);
  Vf r = fnma(n, F(kLn2Lo), r1);
  Vf p = pow2i(n);
  return fma(p, fma(r * r, poly(r, kExpm1Q), r), p - F(1.0f));
}
inline Vf expm1(Vf x) {
  Mf fast = x <= F(87.0f);  // NaN, +inf, overflow: the double-lane path; -inf clamps to -18
  Vf y = expm1_fast(select(fast, x, F(0.0f)));
  y = select(abs(x) < F(0x1p-25f), x, y);
  return fallback<vm::expm1>(x, fast, y);
}

inline Vf sinh(Vf x) {
  Vf a = abs(x);
  Mf fast = a <= F(87.0f);
  Vf h = F(0.5f) * exp_core(select(fast, a, F(0.0f)));
  Vf s = h - F(0.25f) * recip(h);  // e/2 - 1/(2e), |x| >= 1
  Vf a2 = a * a;
  s = select(a < F(1.0f), fma(a * a2, poly(a2, kSinhP), a), s);
  // tiny and subnormal a: a^3 P rounds away (a itself), and the sign bit restores -0
  return fallback<vm::sinh>(x, fast, with_sign_of(s, x));
}
inline Vf cosh(Vf x) {
  Vf a = abs(x);
  Mf fast = a <= F(87.0f);
  Vf h = F(0.5f) * exp_core(select(fast, a, F(0.0f)));
  Vf c = fma(F(0.25f), recip(h), h);
  return fallback<vm::cosh>(x, fast, c);
}

inline Vf atan_fast(Vf x) {
  Vf a = abs(x);
  Mf mid = a > F(0x1.a827ap-2f);   // tan(pi/8)
  Mf big = a > F(0x1.3504f4p+1f);  // tan(3pi/8)
  Vf num = select(big, F(-1.0f), select(mid, a - F(1.0f), a));
  Vf den = select(big, a, select(mid, a + F(1.0f), F(1.0f)));
  Vf t = num / den;
  Vf offh = select(big, F(kPio2Hi), select(mid, F(kPio4Hi), F(0.0f)));
  Vf offl = select(big, F(kPio2Lo), select(mid, F(kPio4Lo), F(0.0f)));
  Vf z = t * t;
  Vf r = offh + (t + fma(t * z, poly(z, kAtanP), offl));
  return with_sign_of(r, x);
}
inline Vf atan(Vf x) {
  Mf fast = ~isnan(x);
  Vf y = atan_fast(select(fast, x, F(0.0f)));  // +-inf: -1/inf = -0, + pi/2
  return fallback<vm::atan>(x, fast, y);
}

// asin(s) for 0 <= s <= 1/2 as (hi, lo) = s + s^3 P(s^2): hi = s, lo = s^3 P.
inline Vf asin_tail(Vf s) {
  Vf z = s * s;
  return s * z * poly_estrin(z, z * z, kAsinP);
}
inline Vf asin(Vf x) {
  Vf a = abs(x);
  Mf fast = a < F(1.0f);  // +-1 (exact results) by the fallback
  // (the other lanes compute NaN or garbage here, without traps, and are replaced)
  Mf big = a > F(0.5f);
  Vf w = F(0.5f) * (F(1.0f) - a);  // exact
  Vf wr, sw = sqrt_nr(w, wr);
  Vf s = select(big, sw, a);
  Vf tl = asin_tail(s) + select(big, wr, F(0.0f));
  // big: pi/2 - 2 (s + tl)
  Vf rb = F(kPio2Hi) - F(2.0f) * (s + (tl - F(0.5f * kPio2Lo)));
  Vf r = select(big, rb, s + tl);
  return fallback<vm::asin>(x, fast, with_sign_of(r, x));
}
inline Vf acos(Vf x) {
  Vf a = abs(x);
  Mf fast = a < F(1.0f);  // +-1 (exact results) by the fallback (as in asin)
  Mf big = a > F(0.5f);
  Vf wr, sw = sqrt_nr(F(0.5f) * (F(1.0f) - a), wr);
  Vf s = select(big, sw, a);
  Vf tl = asin_tail(s) + select(big, wr, F(0.0f));
  // |x| <= 1/2: pi/2 - x - t(x); x > 1/2: 0 + 2 asin(s); x < -1/2: pi - 2 asin(s): base + sg s
  // + (sg tl + base_lo), the inner sum rounded first (as the three separate formulas were).
  Mf neg = x < F(0.0f);
  Vf base = select(big, select(neg, F(2.0f * kPio2Hi), F(0.0f)), F(kPio2Hi));
  Vf blo = select(big, select(neg, F(2.0f * kPio2Lo), F(0.0f)), F(kPio2Lo));
  Vf sg = select(big, select(neg, F(-2.0f), F(2.0f)), select(neg, F(1.0f), F(-1.0f)));
  Vf r = base + fma(sg, s, fma(sg, tl, blo));
  return fallback<vm::acos>(x, fast, r);
}

inline Vf asinh(Vf x) {
  Vf a = abs(x);
  Mf fast = a < F(0x1p126f);
  a = select(fast, a, F(1.0f));
  Mf big = a >= F(0x1p12f);  // asinh a = log(2a) + 1/(4a^2): log1p(2a - 1)
  Vf am = min(a, F(0x1p12f));
  Vf a2 = am * am, wr;
  Vf w = sqrt_nr(F(1.0f) + a2, wr);
  Vf q = a2 * recip(F(1.0f) + w);
  Vf v = am + q;
  Vf vl = (am - v) + q;
  v = select(big, a + a, v);
  Vf r = log1p_fast(v, select(big, F(-1.0f), vl));
  r = with_sign_of(r, x);
  r = select(abs(x) < F(0x1p-12f), x, r);
  return fallback<vm::asinh>(x, fast, r);
}
inline Vf acosh(Vf x) {
  Mf fast = (x > F(1.0f)) & (x < F(0x1p126f));  // 1: +0 exactly by the fallback
  Vf xs = select(fast, x, F(1.0f));
  Mf big = xs >= F(0x1p12f);  // acosh x = log(2x) - 1/(4x^2): log1p(2x - 1)
  Vf xm = min(xs, F(0x1p12f));
  Vf t = xm - F(1.0f);
  Vf ww = fma(t, t, t + t), wr;
  Vf w = sqrt_nr(ww, wr);
  Vf v = t + w;
  Vf vl = ((t - v) + w) + wr;
  v = select(big, xs + xs, v);
  Vf r = log1p_fast(v, select(big, F(-1.0f), vl));
  return fallback<vm::acosh>(x, fast, r);
}
inline Vf atanh(Vf x) {
  Vf a = abs(x);
  Mf fast = a < F(1.0f);
  a = select(fast, a, F(0.0f));
  Vf d = F(1.0f) - a;  // exact for a >= 1/2; else rounded (error 2^-25 relative, kept below)
  Vf dl = (F(1.0f) - d) - a;
  Vf rc = recip(d);
  Vf y = (a + a) * rc;
  y = fma(rc, fnma(y, d, a + a), y);
  Vf yl = (fnma(y, d, a + a) - y * dl) * rc;  // 2a/(d + dl) - y, first order
  Vf r = F(0.5f) * log1p_fast(y, yl);
  r = with_sign_of(r, x);
  r = select(abs(x) < F(0x1p-12f), x, r);
  return fallback<vm::atanh>(x, fast, r);
}


// atan2 (session 6): float lanes. mx, mn = max, min of |x|, |y|; t = mn / mx in [0, 1] (the
// divider: correctly rounded; the loop has room for it), atan t = t + t z Q(z), z = t^2, Q of
// degree 7 (near-minimax fit of atan on [0, 1] relative to atan, Lawson, float32 coefficients:
// 1.7e-8), then the octant: K + s atan t with K = 0, pi/2 or pi (hi + lo) and s = -1 where
// exactly one of |y| > |x|, x < 0 holds (|y| > |x|: pi/2 -+ atan t; x < 0: pi -+ ...), summed as
// kh + (s t + (s tail + kl)); sign of y last. Lanes with x or y zero, infinite or NaN go to the
// double-lane atan2 (the C library's special cases), rounded once. Subnormal inputs and
// quotients are handled by the division itself.
constexpr float kAtan2Q[] = {-0x1.5554dcp-2f, 0x1.9978eep-3f, -0x1.230ab2p-3f, 0x1.b4dffep-4f,
                             -0x1.355464p-4f, 0x1.61f8bcp-5f, -0x1.0c262ap-6f, 0x1.7ec704p-9f};
constexpr float kPiHi32 = 0x1.921fb6p+1f, kPiLo32 = -0x1.777a5cp-24f;
template <Vd (*Fd)(Vd, Vd)>
__attribute__((noinline, cold)) void fallback_lanes2(const float* y, const float* x, float* r) {
  for (int k = 0; k < Vf::N; k += Vd::N) store_f32(r + k, Fd(load_f32(y + k), load_f32(x + k)));
}
inline Vf atan2(Vf y, Vf x) {
  Vf ay = abs(y), ax = abs(x);
  Mf sw = ay > ax;
  Vf mx = max(ax, ay), mn = min(ax, ay);
  Mf ok = (ax > F(0.0f)) & (ax < F(kInf)) & (ay > F(0.0f)) & (ay < F(kInf));
  Vf t = mn / mx;
  Vf z = t * t;
  Vf z2 = z * z;
  Vf tail = (t * z) * poly_estrin(z, z2, kAtan2Q);
  Mf xn = signbit(x);
  Vf kh = select(sw, F(kPio2Hi), select(xn, F(kPiHi32), F(0.0f)));
  Vf kl = select(sw, F(kPio2Lo), select(xn, F(kPiLo32), F(0.0f)));
  Mf neg = andnot(xn, sw) | andnot(sw, xn);  // s = -1: exactly one of sw, xn
  Vf sg = select(neg, F(-1.0f), F(1.0f));
  Vf r = kh + fma(sg, t, fma(sg, tail, kl));
  r = with_sign_of(r, y);
  if (__builtin_expect(all(ok), 1)) return r;
  alignas(64) float by[Vf::N], bx[Vf::N], br[Vf::N];
  storeu(by, y);
  storeu(bx, x);
  fallback_lanes2<vm::atan2>(by, bx, br);
  return select(ok, r, loadu(br));
}
// Binary driver (atan2): two vectors per step, the tail through a small buffer.
template <Vf (*Fn)(Vf, Vf)>
void run2(const float* a, const float* b, float* y, int64_t n) {
  constexpr int64_t N = Vf::N;
  int64_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    storeu(y + i, Fn(loadu(a + i), loadu(b + i)));
    storeu(y + i + N, Fn(loadu(a + i + N), loadu(b + i + N)));
  }
  for (; i + N <= n; i += N) storeu(y + i, Fn(loadu(a + i), loadu(b + i)));
  if (i < n) {
    float ta[N] = {}, tb[N] = {}, ty[N];
    for (int64_t j = i; j < n; ++j) ta[j - i] = a[j], tb[j - i] = b[j];
    storeu(ty, Fn(loadu(ta), loadu(tb)));
    for (int64_t j = i; j < n; ++j) y[j] = ty[j - i];
  }
}

}  // namespace vm32
}  // namespace hc::simd::HC_SIMD_NS

#define HC_VM32_CAT2(a, b) a##b
#define HC_VM32_CAT(a, b) HC_VM32_CAT2(a, b)
namespace hc::cpu::vmath {
void HC_VM32_CAT(patch_f32_, HC_SIMD_NS)(Table& t) {
  namespace v = hc::simd::HC_SIMD_NS::vm32;
  t.f32[Exp] = &v::run<v::exp>;
  t.f32[Log] = &v::run<v::log>;
  t.f32[Tanh] = &v::run<v::tanh>;
  t.f32[Log2] = &v::run<v::log2>;
  t.f32[Log10] = &v::run<v::log10>;
  t.f32[Log1p] = &v::run<v::log1p>;
  t.f32[Expm1] = &v::run<v::expm1>;
  t.f32[Sin] = &v::run<v::sin>;
  t.f32[Cos] = &v::run<v::cos>;
  t.f32[Tan] = &v::run<v::tan>;
  t.f32[Atan] = &v::run<v::atan>;
  t.f32[Sinh] = &v::run<v::sinh>;
  t.f32[Cosh] = &v::run<v::cosh>;
  t.f32[Asin] = &v::run<v::asin>;
  t.f32[Acos] = &v::run<v::acos>;
  t.f32[Asinh] = &v::run<v::asinh>;
  t.f32[Acosh] = &v::run<v::acosh>;
  t.f32[Atanh] = &v::run<v::atanh>;
  t.f32[Cbrt] = &v::run<v::cbrt>;
  t.atan2_f32 = &v::run2<v::atan2>;
  t.sigmoid_f32 = &v::run<v::sigmoid>;
#if HC_SIMD_TARGET == HC_SIMD_AVX512
  // float16/bfloat16 arrays through the same kernels, conversions in registers (vmath32.h).
#define HC_H16(F, fn) t.f16[F] = &v::run_h16<v::fn, false>; t.bf16[F] = &v::run_h16<v::fn, true>;
  HC_H16(Exp, exp) HC_H16(Log, log) HC_H16(Tanh, tanh) HC_H16(Log2, log2) HC_H16(Log10, log10)
  HC_H16(Log1p, log1p) HC_H16(Expm1, expm1) HC_H16(Sin, sin) HC_H16(Cos, cos) HC_H16(Tan, tan)
  HC_H16(Atan, atan) HC_H16(Sinh, sinh) HC_H16(Cosh, cosh) HC_H16(Asin, asin) HC_H16(Acos, acos)
  HC_H16(Asinh, asinh) HC_H16(Acosh, acosh) HC_H16(Atanh, atanh) HC_H16(Cbrt, cbrt)
#undef HC_H16
#endif
}
}  // namespace hc::cpu::vmath
#undef HC_VM32_CAT
#undef HC_VM32_CAT2
