// Vector math: float32/float64 array functions (exp, log, sin, ... , atan2, pow, erf) compiled
// once per SIMD target (cpp/cpu/simd/vmath_target.cpp) and chosen once, at import, from the
// CPU's features (AVX-512 F/DQ/BW/VL, else AVX2+FMA, else scalar; NEON on aarch64).
// HCARRAY_SIMD=avx512|avx2|neon|scalar in the environment forces a target (tests, benchmarks);
// a target this CPU cannot run is ignored. Methods and accuracy: specs/accuracy.md.
//
// float32: every function but exp2, sqrt and erf is a pure float32 kernel (float lanes,
// cpu/simd/vmath32.h and vm32 in cpu/simd/vmath_impl.h: 0.5-1.9 ulp, see specs/accuracy.md;
// since session 6 also cbrt and atan2);
// exp2 and erf compute in double lanes and round once. Per-target code (e.g. cpu/nn_target_*.cpp) can call the float32 lane functions
// directly: include "cpu/simd/vmath32.h" after choosing HC_SIMD_TARGET and use
// hc::simd::HC_SIMD_NS::vm32::exp / exp_core (|x| <= 87) / log / tanh / sigmoid on Vf.
#pragma once
#include <cstdint>

namespace hc::cpu::vmath {

enum Fn : int {
  Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Tanh, Sinh, Cosh, Asin, Acos,
  Atan, Asinh, Acosh, Atanh, Sqrt, Erf, Cbrt, kNumUnary
};
extern const char* const kUnaryNames[kNumUnary];  // "exp", "exp2", ...

using UnaryF32 = void (*)(const float* x, float* y, int64_t n);
using UnaryF64 = void (*)(const double* x, double* y, int64_t n);
using BinaryF32 = void (*)(const float* a, const float* b, float* y, int64_t n);
using BinaryF64 = void (*)(const double* a, const double* b, double* y, int64_t n);
// float16 / bfloat16 arrays as their bits, computed by the float32 kernel (rounded once).
using UnaryH16 = void (*)(const uint16_t* x, uint16_t* y, int64_t n);

// One target's functions. y may equal x (in place); otherwise they must not overlap.
struct Table {
  const char* target;  // "avx512", "avx2", "neon", "scalar"
  UnaryF32 f32[kNumUnary];
  UnaryF64 f64[kNumUnary];
  BinaryF32 atan2_f32, pow_f32;
  BinaryF64 atan2_f64, pow_f64;
  UnaryF32 sigmoid_f32 = nullptr;  // 1 / (1 + e^-x), float lanes (set by table()/table_for())
  // Contiguous float16 / bfloat16 versions of f32 (AVX-512 only, since session 6; nullptr where
  // absent: the caller then converts blocks around f32).
  UnaryH16 f16[kNumUnary] = {}, bf16[kNumUnary] = {};
};

const Table& table();                     // the target chosen at first use
const Table* table_for(const char* name);  // nullptr if not built or not runnable here

}  // namespace hc::cpu::vmath
