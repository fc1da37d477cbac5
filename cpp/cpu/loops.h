// Inner-loop templates. An op is a small functor struct; the loop machinery is written once.
// Contiguous runs get a plain indexed loop the compiler vectorises; other strides a pointer walk.
// 16-bit floats are widened to float32 in blocks, computed, and narrowed.
#pragma once
#include <cstring>
#include <type_traits>

#include "core/cast.h"
#include "core/half_convert.h"
#include "core/iter.h"
#include "core/registry.h"

namespace hc::cpu {

// Elements per block in the 16-bit float loops below (float32 buffers on the stack).
constexpr int64_t kHalfBlock = 256;

// m elements at p (byte stride s) widened into w; a contiguous run is read through a typed
// pointer so that the (branch-free) conversion loop vectorises.
template <class In, class W>
inline void widen_block(const char* p, int64_t s, W* w, int64_t m) {
  if constexpr (std::is_same_v<In, half>) {  // F16C where the CPU has it (core/half_convert.h)
    if (s == int64_t(sizeof(In))) return halves_to_floats(reinterpret_cast<const uint16_t*>(p), w, m);
    uint16_t bits[kHalfBlock];
    for (int64_t i = 0; i < m; ++i) std::memcpy(&bits[i], p + i * s, 2);
    return halves_to_floats(bits, w, m);
  }
  if (s == int64_t(sizeof(In))) {
    const In* q = reinterpret_cast<const In*>(p);
    for (int64_t i = 0; i < m; ++i) w[i] = widen(q[i]);
  } else {
    for (int64_t i = 0; i < m; ++i) {
      In x;
      std::memcpy(&x, p + i * s, sizeof(In));
      w[i] = widen(x);
    }
  }
}
template <class Out, class R>
inline void narrow_block(const R* r, char* p, int64_t s, int64_t m) {
  if constexpr (std::is_same_v<Out, half> && std::is_same_v<R, float>) {
    if (s == int64_t(sizeof(Out))) return floats_to_halves(r, reinterpret_cast<uint16_t*>(p), m);
    uint16_t bits[kHalfBlock];
    floats_to_halves(r, bits, m);
    for (int64_t i = 0; i < m; ++i) std::memcpy(p + i * s, &bits[i], 2);
    return;
  }
  if (s == int64_t(sizeof(Out))) {
    Out* q = reinterpret_cast<Out*>(p);
    for (int64_t i = 0; i < m; ++i) q[i] = cast_value<Out>(r[i]);
  } else {
    for (int64_t i = 0; i < m; ++i) {
      const Out v = cast_value<Out>(r[i]);
      std::memcpy(p + i * s, &v, sizeof(Out));
    }
  }
}

// out = Op(in); In and Out are storage types.
template <class Op, class In, class Out>
void unary_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  if constexpr (is_half_v<In> || is_half_v<Out>) {
    // In blocks: widen the inputs to float32, compute, narrow (each step a plain loop that the
    // compiler vectorises; the conversions are branch-free, cpp/core/dtype.h).
    using W = compute_t<In>;
    using R = decltype(Op{}(W{}));
    W xa[kHalfBlock];
    R ra[kHalfBlock];
    for (int64_t i0 = 0; i0 < n; i0 += kHalfBlock) {
      const int64_t m = n - i0 < kHalfBlock ? n - i0 : kHalfBlock;
      widen_block<In>(a + i0 * s[1], s[1], xa, m);
      for (int64_t i = 0; i < m; ++i) ra[i] = Op{}(xa[i]);
      narrow_block<Out>(ra, o + i0 * s[0], s[0], m);
    }
  } else {
    if (s[0] == sizeof(Out) && s[1] == sizeof(In)) {
      Out* __restrict op = reinterpret_cast<Out*>(o);
      const In* __restrict ap = reinterpret_cast<const In*>(a);
      for (int64_t i = 0; i < n; ++i) op[i] = Op{}(ap[i]);
    } else {
      // Strides in locals: a store through Out* (int64_t, say) could alias s[], which the
      // compiler would then reload on every element.
      const int64_t s0 = s[0], s1 = s[1];
      for (int64_t i = 0; i < n; ++i)
        *reinterpret_cast<Out*>(o + i * s0) = Op{}(*reinterpret_cast<const In*>(a + i * s1));
    }
  }
}

// out = Op(a, b).
template <class Op, class In, class Out>
void binary_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  const char* b = p[2];
  if constexpr (is_half_v<In> || is_half_v<Out>) {
    using W = compute_t<In>;
    using R = decltype(Op{}(W{}, W{}));
    W xa[kHalfBlock], ya[kHalfBlock];
    R ra[kHalfBlock];
    for (int64_t i0 = 0; i0 < n; i0 += kHalfBlock) {
      const int64_t m = n - i0 < kHalfBlock ? n - i0 : kHalfBlock;
      widen_block<In>(a + i0 * s[1], s[1], xa, m);
      widen_block<In>(b + i0 * s[2], s[2], ya, m);
      for (int64_t i = 0; i < m; ++i) ra[i] = Op{}(xa[i], ya[i]);
      narrow_block<Out>(ra, o + i0 * s[0], s[0], m);
    }
  } else {
    Out* __restrict op = reinterpret_cast<Out*>(o);
    const In* __restrict ap = reinterpret_cast<const In*>(a);
    const In* __restrict bp = reinterpret_cast<const In*>(b);
    if (s[0] == sizeof(Out) && s[1] == sizeof(In) && s[2] == sizeof(In)) {
      for (int64_t i = 0; i < n; ++i) op[i] = Op{}(ap[i], bp[i]);
    } else if (s[0] == sizeof(Out) && s[1] == sizeof(In) && s[2] == 0) {
      const In y = *bp;
      for (int64_t i = 0; i < n; ++i) op[i] = Op{}(ap[i], y);
    } else if (s[0] == sizeof(Out) && s[1] == 0 && s[2] == sizeof(In)) {
      const In x = *ap;
      for (int64_t i = 0; i < n; ++i) op[i] = Op{}(x, bp[i]);
    } else {
      // Strides in locals (see unary_loop). Session 5, int64 x[::2] + 1 at n = 1e5, one thread:
      // 53-75 us (1-1.5 ns per element) with the strides reloaded per element; NumPy 31.
      const int64_t s0 = s[0], s1 = s[1], s2 = s[2];
      for (int64_t i = 0; i < n; ++i)
        *reinterpret_cast<Out*>(o + i * s0) = Op{}(*reinterpret_cast<const In*>(a + i * s1),
                                                   *reinterpret_cast<const In*>(b + i * s2));
    }
  }
}

template <class Op, DType In, DType Out>
void reg_unary(int op) {
  register_loop(op, Unit::CPU, In, Out, &unary_loop<Op, ctype_t<In>, ctype_t<Out>>);
}
template <class Op, DType In, DType Out>
void reg_binary(int op) {
  register_loop(op, Unit::CPU, In, Out, &binary_loop<Op, ctype_t<In>, ctype_t<Out>>);
}

}  // namespace hc::cpu
