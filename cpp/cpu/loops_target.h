// Elementwise loops compiled per SIMD target (x86-64: AVX-512, AVX2, baseline), chosen once at
// registration from the CPU (and HCARRAY_SIMD=avx512|avx2|scalar, as vmath/gemm/reductions).
// The kernels of loops.h are compiled for x86-64's baseline (SSE2): no 64-bit integer compare,
// no max/min for 32-bit ints, no round instructions, awkward narrowing of compare masks to bool
// bytes, so comparisons, max/min, floor, sign, abs(int64), float->int casts ran at 0.3-0.6x
// NumPy. reg_unary_v / reg_binary_v register the same functor through the loop of the best
// target the machine has; results are identical on every target (same functor, same IEEE
// operations). The target regions turn floating-point contraction off: GCC's default for
// gnu++17 is -ffp-contract=fast, which with FMA in the instruction set would fuse a * b + c and
// change results against the baseline loops (and NumPy); functors that want a fused
// multiply-add call std::fma.
#pragma once
#include <cstdlib>
#include <cstring>
#include <limits>
#include <cmath>
#include <type_traits>

#include "cpu/loops.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HC_EW_TARGETS 1
#else
#define HC_EW_TARGETS 0
#endif

namespace hc::cpu {

namespace ew_base {
#include "cpu/loops_target_impl.h"
}  // namespace ew_base

#if HC_EW_TARGETS
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi2")
#pragma GCC optimize("fp-contract=off")
namespace ew_avx2 {
#include "cpu/loops_target_impl.h"
}  // namespace ew_avx2
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl,prefer-vector-width=512")
#pragma GCC optimize("fp-contract=off")
namespace ew_avx512 {
#include "cpu/loops_target_impl.h"
}  // namespace ew_avx512
#pragma GCC pop_options
#endif

// 2: AVX-512 (F/DQ/BW/VL), 1: AVX2 + FMA, 0: baseline.
inline int ew_simd_level() {
  static const int level = [] {
#if HC_EW_TARGETS
    const char* env = std::getenv("HCARRAY_SIMD");
    const bool any = !env || !*env;
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
    const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if ((any || !std::strcmp(env, "avx512")) && avx512) return 2;
    if ((any || !std::strcmp(env, "avx512") || !std::strcmp(env, "avx2")) && avx2) return 1;
#endif
    return 0;
  }();
  return level;
}

template <class Op, DType In, DType Out>
void reg_unary_v(int op) {
  using I = ctype_t<In>;
  using O = ctype_t<Out>;
  if constexpr (is_half_v<I> || is_half_v<O>) {
    reg_unary<Op, In, Out>(op);
  } else {
    Loop f = &ew_base::unary_loop<Op, I, O>;
#if HC_EW_TARGETS
    if (ew_simd_level() == 2) f = &ew_avx512::unary_loop<Op, I, O>;
    else if (ew_simd_level() == 1) f = &ew_avx2::unary_loop<Op, I, O>;
#endif
    register_loop(op, Unit::CPU, In, Out, f);
  }
}
template <class Op, DType In, DType Out>
void reg_binary_v(int op) {
  using I = ctype_t<In>;
  using O = ctype_t<Out>;
  if constexpr (is_half_v<I> || is_half_v<O>) {
    reg_binary<Op, In, Out>(op);
  } else {
    Loop f = &ew_base::binary_loop<Op, I, O>;
#if HC_EW_TARGETS
    if (ew_simd_level() == 2) f = &ew_avx512::binary_loop<Op, I, O>;
    else if (ew_simd_level() == 1) f = &ew_avx2::binary_loop<Op, I, O>;
#endif
    register_loop(op, Unit::CPU, In, Out, f);
  }
}
template <class Op, DType T>
void reg_pair_v(int op) {
  using C = ctype_t<T>;
  Loop f = &ew_base::pair_loop<Op, C>;
#if HC_EW_TARGETS
  if (ew_simd_level() == 2) f = &ew_avx512::pair_loop<Op, C>;
  else if (ew_simd_level() == 1) f = &ew_avx2::pair_loop<Op, C>;
#endif
  register_loop(op, Unit::CPU, T, T, f);
}

// Complex abs (complex -> its real type) and multiply through the loops above (F: float/double).
template <DType In, DType Out>
void reg_cabs_v(int op) {
  using F = ctype_t<Out>;
  Loop f = &ew_base::cabs_loop<F>;
#if HC_EW_TARGETS
  if (ew_simd_level() == 2) f = &ew_avx512::cabs_loop<F>;
  else if (ew_simd_level() == 1) f = &ew_avx2::cabs_loop<F>;
#endif
  register_loop(op, Unit::CPU, In, Out, f);
}
template <DType T, class F>
void reg_cmul_v(int op) {
  Loop f = &ew_base::cmul_loop<F>;
#if HC_EW_TARGETS
  if (ew_simd_level() == 2) f = &ew_avx512::cmul_loop<F>;
  else if (ew_simd_level() == 1) f = &ew_avx2::cmul_loop<F>;
#endif
  register_loop(op, Unit::CPU, T, T, f);
}

// doubles_to_odd_floats of the best target (see loops_target_impl.h).
inline void doubles_to_odd_floats(const double* a, float* o, int64_t n) {
#if HC_EW_TARGETS
  if (ew_simd_level() == 2) return ew_avx512::doubles_to_odd_floats(a, o, n);
  if (ew_simd_level() == 1) return ew_avx2::doubles_to_odd_floats(a, o, n);
#endif
  ew_base::doubles_to_odd_floats(a, o, n);
}

inline void doubles_to_bf16(const double* a, uint16_t* o, int64_t n) {
#if HC_EW_TARGETS
  if (ew_simd_level() == 2) return ew_avx512::doubles_to_bf16(a, o, n);
  if (ew_simd_level() == 1) return ew_avx2::doubles_to_bf16(a, o, n);
#endif
  ew_base::doubles_to_bf16(a, o, n);
}

template <class Op, DType... Ts> void bin_same_v(int op) { (reg_binary_v<Op, Ts, Ts>(op), ...); }
template <class Op, DType Out, DType... Ts> void bin_out_v(int op) { (reg_binary_v<Op, Ts, Out>(op), ...); }
template <class Op, DType... Ts> void un_same_v(int op) { (reg_unary_v<Op, Ts, Ts>(op), ...); }
template <class Op, DType Out, DType... Ts> void un_out_v(int op) { (reg_unary_v<Op, Ts, Out>(op), ...); }

}  // namespace hc::cpu
