// floor, ceil, trunc, round.
//
// Floats: the C library on the same type (exact; float16/bfloat16 round-trip through float32,
// which is exact too); float32/float64 on x86-64 with SSE4.1 use its round instructions. round is half-to-even (nearbyint in the default rounding mode, as NumPy's
// rint). Complex: only round, applied to the real and imaginary parts independently (NumPy has
// no complex floor/ceil/trunc: no loop, so TypeError). Integers and bool: identity in the same
// dtype, as NumPy 2 returns; except round(bool), which NumPy gives as float16.
#include <cmath>
#include <cstdint>
#include <complex>
#include <cstring>
#include <type_traits>

#include "cpu/kernels.h"
#include "cpu/loops.h"
#include "cpu/loops_target.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace hc::cpu {
namespace {

struct Floor {
  float operator()(float x) const { return std::floor(x); }
  double operator()(double x) const { return std::floor(x); }
};
struct Ceil {
  float operator()(float x) const { return std::ceil(x); }
  double operator()(double x) const { return std::ceil(x); }
};
struct Trunc {
  float operator()(float x) const { return std::trunc(x); }
  double operator()(double x) const { return std::trunc(x); }
};
struct Round {
  float operator()(float x) const { return std::nearbyint(x); }
  double operator()(double x) const { return std::nearbyint(x); }
  template <class T> std::complex<T> operator()(std::complex<T> z) const {
    return {std::nearbyint(z.real()), std::nearbyint(z.imag())};
  }
  float operator()(bool b) const { return b ? 1.0f : 0.0f; }  // round(bool) -> float16
};

// The integer identity: one copy loop per item size, shared by every integer dtype and op.
template <int N>
void copy_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  if (s[0] == N && s[1] == N) {
    if (o != a) std::memmove(o, a, size_t(n) * N);
    return;
  }
  const int64_t s0 = s[0], s1 = s[1];  // in locals: byte stores could alias s[]
  for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * s0, a + i * s1, N);
}

void reg_identity_ints(int op, bool with_bool) {
  if (with_bool) register_loop(op, Unit::CPU, DType::Bool, DType::Bool, &copy_loop<1>);
  register_loop(op, Unit::CPU, DType::Int8, DType::Int8, &copy_loop<1>);
  register_loop(op, Unit::CPU, DType::UInt8, DType::UInt8, &copy_loop<1>);
  register_loop(op, Unit::CPU, DType::Int16, DType::Int16, &copy_loop<2>);
  register_loop(op, Unit::CPU, DType::UInt16, DType::UInt16, &copy_loop<2>);
  register_loop(op, Unit::CPU, DType::Int32, DType::Int32, &copy_loop<4>);
  register_loop(op, Unit::CPU, DType::UInt32, DType::UInt32, &copy_loop<4>);
  register_loop(op, Unit::CPU, DType::Int64, DType::Int64, &copy_loop<8>);
  register_loop(op, Unit::CPU, DType::UInt64, DType::UInt64, &copy_loop<8>);
}

template <class Op>
int reg_real(const char* name) {
  int op = op_id(name, 1, TypeRule::Same);
  reg_identity_ints(op, !std::is_same_v<Op, Round>);
  reg_unary<Op, DType::Float16, DType::Float16>(op);
  reg_unary<Op, DType::BFloat16, DType::BFloat16>(op);
  reg_unary<Op, DType::Float32, DType::Float32>(op);  // replaced below where SSE4.1+ exists
  reg_unary<Op, DType::Float64, DType::Float64>(op);
  return op;
}

#if defined(__x86_64__)
// float32/float64 loops compiled for SSE4.1, whose round instructions do floor / ceil / trunc /
// nearest-even exactly in two or four lanes: x86-64's baseline has none, so std::floor there is a
// library call per element (float64 floor at 1e6: 1.8 ms against NumPy's 0.7). Chosen at
// registration when the CPU has SSE4.1 (every x86-64 CPU of the last fifteen years).
template <int Mode, class F>
__attribute__((target("sse4.1"))) inline F round_mode(F x) {
  if constexpr (Mode == 0) return std::floor(x);
  else if constexpr (Mode == 1) return std::ceil(x);
  else if constexpr (Mode == 2) return std::trunc(x);
  else return std::rint(x);  // the default rounding mode: nearest, ties to even
}
template <int Mode, class F>
__attribute__((target("sse4.1"))) void round_loop_sse41(char** p, const int64_t* s, int64_t n,
                                                       const void*) {
  char* o = p[0];
  const char* a = p[1];
  if (s[0] == int64_t(sizeof(F)) && s[1] == int64_t(sizeof(F))) {
    F* __restrict op = reinterpret_cast<F*>(o);
    const F* __restrict ap = reinterpret_cast<const F*>(a);
    for (int64_t i = 0; i < n; ++i) op[i] = round_mode<Mode>(ap[i]);
    return;
  }
  const int64_t s0 = s[0], s1 = s[1];  // in locals: byte stores could alias s[]
  for (int64_t i = 0; i < n; ++i) {
    F x;
    std::memcpy(&x, a + i * s1, sizeof x);
    const F r = round_mode<Mode>(x);
    std::memcpy(o + i * s0, &r, sizeof r);
  }
}
// AVX2 / AVX-512: the same round instructions on 8/16 float32 (4/8 float64) lanes. The compiler
// does not vectorise std::floor & co. itself unless -fno-trapping-math (the vector instructions'
// exception suppression aside), so the loops are written with intrinsics. _MM_FROUND_NO_EXC:
// no inexact flag, as the scalar instructions above; results are the same bits.
template <int Mode> constexpr int round_imm() {
  return (Mode == 0 ? _MM_FROUND_TO_NEG_INF
                    : Mode == 1 ? _MM_FROUND_TO_POS_INF
                                : Mode == 2 ? _MM_FROUND_TO_ZERO : _MM_FROUND_CUR_DIRECTION) |
         _MM_FROUND_NO_EXC;
}
template <int Mode, class F>
__attribute__((target("avx512f"))) void round_loop_avx512(char** p, const int64_t* s, int64_t n,
                                                          const void* c) {
  if (s[0] != int64_t(sizeof(F)) || s[1] != int64_t(sizeof(F)))
    return round_loop_sse41<Mode, F>(p, s, n, c);
  constexpr int imm = round_imm<Mode>();
  constexpr int64_t L = 64 / int64_t(sizeof(F));
  F* o = reinterpret_cast<F*>(p[0]);
  const F* a = reinterpret_cast<const F*>(p[1]);
  int64_t i = 0;
  if constexpr (std::is_same_v<F, float>) {
    for (; i + L <= n; i += L) _mm512_storeu_ps(o + i, _mm512_roundscale_ps(_mm512_loadu_ps(a + i), imm));
    if (i < n) {
      const __mmask16 m = __mmask16((1u << (n - i)) - 1u);
      _mm512_mask_storeu_ps(o + i, m, _mm512_roundscale_ps(_mm512_maskz_loadu_ps(m, a + i), imm));
    }
  } else {
    for (; i + L <= n; i += L) _mm512_storeu_pd(o + i, _mm512_roundscale_pd(_mm512_loadu_pd(a + i), imm));
    if (i < n) {
      const __mmask8 m = __mmask8((1u << (n - i)) - 1u);
      _mm512_mask_storeu_pd(o + i, m, _mm512_roundscale_pd(_mm512_maskz_loadu_pd(m, a + i), imm));
    }
  }
}
template <int Mode, class F>
__attribute__((target("avx2"))) void round_loop_avx2(char** p, const int64_t* s, int64_t n,
                                                     const void* c) {
  if (s[0] != int64_t(sizeof(F)) || s[1] != int64_t(sizeof(F)))
    return round_loop_sse41<Mode, F>(p, s, n, c);
  constexpr int imm = round_imm<Mode>();
  constexpr int64_t L = 32 / int64_t(sizeof(F));
  F* o = reinterpret_cast<F*>(p[0]);
  const F* a = reinterpret_cast<const F*>(p[1]);
  int64_t i = 0;
  if constexpr (std::is_same_v<F, float>) {
    for (; i + L <= n; i += L) _mm256_storeu_ps(o + i, _mm256_round_ps(_mm256_loadu_ps(a + i), imm));
  } else {
    for (; i + L <= n; i += L) _mm256_storeu_pd(o + i, _mm256_round_pd(_mm256_loadu_pd(a + i), imm));
  }
  for (; i < n; ++i) o[i] = round_mode<Mode>(a[i]);
}
template <int Mode>
void use_sse41(int op) {
  if (!__builtin_cpu_supports("sse4.1")) return;
  Loop f32 = &round_loop_sse41<Mode, float>, f64 = &round_loop_sse41<Mode, double>;
  if (ew_simd_level() == 2) {
    f32 = &round_loop_avx512<Mode, float>;
    f64 = &round_loop_avx512<Mode, double>;
  } else if (ew_simd_level() == 1) {
    f32 = &round_loop_avx2<Mode, float>;
    f64 = &round_loop_avx2<Mode, double>;
  }
  register_loop(op, Unit::CPU, DType::Float32, DType::Float32, f32);
  register_loop(op, Unit::CPU, DType::Float64, DType::Float64, f64);
}
#else
template <int Mode> void use_sse41(int) {}  // elsewhere std::floor & co. are instructions
#endif

}  // namespace

void register_rounding() {
  use_sse41<0>(reg_real<Floor>("floor"));
  use_sse41<1>(reg_real<Ceil>("ceil"));
  use_sse41<2>(reg_real<Trunc>("trunc"));
  int round = reg_real<Round>("round");
  use_sse41<3>(round);
  reg_unary<Round, DType::Bool, DType::Float16>(round);
  reg_unary<Round, DType::Complex64, DType::Complex64>(round);
  reg_unary<Round, DType::Complex128, DType::Complex128>(round);
}

}  // namespace hc::cpu
