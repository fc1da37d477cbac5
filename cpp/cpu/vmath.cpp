// Chooses the vector math target once (see vmath.h).
#include "cpu/vmath.h"

#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace hc::cpu::vmath {

const char* const kUnaryNames[kNumUnary] = {
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "tanh",
    "sinh", "cosh", "asin", "acos", "atan", "asinh", "acosh", "atanh", "sqrt", "erf", "cbrt"};

// Each target's table as cpu/simd/vmath_target.cpp builds it, and the patch that puts the
// pure float32 kernels (cpu/simd/vmath32.h) into it; table_for() hands out the patched copy.
#if defined(HC_VMATH_X86)
const Table* table_avx512();
const Table* table_avx2();
void patch_f32_avx512(Table&);
void patch_f32_avx2(Table&);
#endif
#if defined(HC_VMATH_NEON)
const Table* table_neon();
void patch_f32_neon(Table&);
#endif
const Table* table_scalar();
void patch_f32_scalar(Table&);

template <const Table* (*Base)(), void (*Patch)(Table&)>
static const Table* patched() {
  static const Table t = [] {
    Table c = *Base();
    Patch(c);
    return c;
  }();
  return &t;
}

const Table* table_for(const char* name) {
#if defined(HC_VMATH_X86)
  if (!std::strcmp(name, "avx512"))
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                   __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
               ? patched<table_avx512, patch_f32_avx512>()
               : nullptr;
  if (!std::strcmp(name, "avx2"))
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? patched<table_avx2, patch_f32_avx2>()
                                                                            : nullptr;
#endif
#if defined(HC_VMATH_NEON)
  if (!std::strcmp(name, "neon")) return patched<table_neon, patch_f32_neon>();
#endif
  if (!std::strcmp(name, "scalar")) return patched<table_scalar, patch_f32_scalar>();
  return nullptr;
}

static const Table* choose() {
  if (const char* env = std::getenv("HCARRAY_SIMD"))
    if (const Table* t = table_for(env)) return t;
  for (const char* name : {"avx512", "avx2", "neon"})
    if (const Table* t = table_for(name)) return t;
  return table_for("scalar");
}

const Table& table() {
  static const Table* t = choose();
  return *t;
}

}  // namespace hc::cpu::vmath
