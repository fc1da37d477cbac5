// The CPU vector type: one small set of operations, four backends, each kernel written once.
//
// A translation unit picks its target before including this header:
//   HC_SIMD_TARGET = HC_SIMD_SCALAR (1 lane), HC_SIMD_AVX2 (4 doubles / 8 floats, needs -mavx2
//   -mfma), HC_SIMD_AVX512 (8 doubles / 16 floats, needs -mavx512f -mavx512dq -mavx512bw
//   -mavx512vl), HC_SIMD_NEON (2 doubles / 4 floats, aarch64).
// Everything lives in namespace hc::simd::HC_SIMD_NS (scalar, avx2, avx512, neon), so the same
// kernel source compiled once per target gives distinct symbols (Highway-style: the target is
// the namespace). Default: the best target the compiler flags allow.
//
// Types: Vd (double lanes), Vf (float lanes), Md / Mf their masks, Vl (int64 lanes, same width
// as Vd) for bit manipulation of doubles, Vi (int32 lanes, same width as Vf).
// Operations (free functions): set1<V>, loadu, storeu, + - * / and unary -, fma (a*b+c),
// fnma (c-a*b), min/max (x86 semantics: when either is NaN the second operand is returned or
// NaN results), abs, sqrt, floor, ceil, round (to nearest even), trunc, comparisons returning
// masks (==, !=, <, <=, >, >=), isnan, mask & | and andnot, select(m, a, b) (a where m),
// any/all, hsum, bitcast to/from the integer type, integer + - & | ^ and shl<k>/shr<k>
// (logical). lookup16(t, idx): t[idx] per lane for int64 lanes idx in [0, 16) (AVX-512: a
// two-register permute; AVX2: a gather; NEON/scalar: loads). Vd also converts from/to float32 storage: load_f32(p) widens Vd::N floats,
// store_f32(p, v) rounds Vd::N lanes to float32 (IEEE: overflow to inf, subnormals rounded once).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

#define HC_SIMD_SCALAR 0
#define HC_SIMD_AVX2 1
#define HC_SIMD_AVX512 2
#define HC_SIMD_NEON 3

#ifndef HC_SIMD_TARGET
#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#define HC_SIMD_TARGET HC_SIMD_AVX512
#elif defined(__AVX2__) && defined(__FMA__)
#define HC_SIMD_TARGET HC_SIMD_AVX2
#elif defined(__aarch64__)
#define HC_SIMD_TARGET HC_SIMD_NEON
#else
#define HC_SIMD_TARGET HC_SIMD_SCALAR
#endif
#endif

#if HC_SIMD_TARGET == HC_SIMD_AVX512
#define HC_SIMD_NS avx512
#include "cpu/simd/simd_avx512.h"
#elif HC_SIMD_TARGET == HC_SIMD_AVX2
#define HC_SIMD_NS avx2
#include "cpu/simd/simd_avx2.h"
#elif HC_SIMD_TARGET == HC_SIMD_NEON
#define HC_SIMD_NS neon
#include "cpu/simd/simd_neon.h"
#else
#define HC_SIMD_NS scalar
#include "cpu/simd/simd_scalar.h"
#endif

namespace hc::simd::HC_SIMD_NS {

// Target-independent helpers built on the backend's operations.
template <class V> inline V operator+=(V& a, V b) { return a = a + b; }

inline Vd copysign(Vd mag, Vd sgn) {
  const Vl s = bits(set1<Vd>(-0.0));
  return from_bits<Vd>((bits(mag) & ~s) | (bits(sgn) & s));
}
inline Vf copysign(Vf mag, Vf sgn) {
  const Vi s = bits(set1<Vf>(-0.0f));
  return from_bits<Vf>((bits(mag) & ~s) | (bits(sgn) & s));
}

// 2^n for integer-valued n in [-1022, 1023] (exact), built in the exponent field.
inline Vd pow2i(Vd n) {
  const Vd shifter = set1<Vd>(0x1.8p52);
  Vl k = bits(n + shifter) - bits(shifter);  // n as int64 (two's complement)
  return from_bits<Vd>(shl<52>(k + iset1<Vl>(1023)));
}
// x * 2^n for integer-valued n in [-2044, 2046]: two exact scalings, so subnormal results are
// rounded once and overflow gives inf.
inline Vd ldexp_k(Vd x, Vd n) {
  Vd h = trunc(n * set1<Vd>(0.5));
  return (x * pow2i(h)) * pow2i(n - h);
}

// Polynomial c0 + c1 x + ... by Horner's rule with fma.
template <class V, size_t K>
inline V horner(V x, const double (&c)[K]) {
  V r = set1<V>(c[K - 1]);
  for (size_t i = K - 1; i-- > 0;) r = fma(r, x, set1<V>(c[i]));
  return r;
}

}  // namespace hc::simd::HC_SIMD_NS
