// Inner-loop templates. An op is a small functor struct; the loop machinery is written once.
// Contiguous runs get a plain indexed loop the compiler vectorises; other strides a pointer walk.
// 16-bit floats are widened to float32 in chunks, computed, and narrowed.
#pragma once
#include <cstring>
#include <type_traits>

#include "core/cast.h"
#include "core/iter.h"
#include "core/registry.h"

namespace hc::cpu {

// out = Op(in); In and Out are storage types.
template <class Op, class In, class Out>
void unary_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  if constexpr (is_half_v<In> || is_half_v<Out>) {
    for (int64_t i = 0; i < n; ++i) {
      In x;
      std::memcpy(&x, a + i * s[1], sizeof(In));
      Out r = cast_value<Out>(Op{}(widen(x)));
      std::memcpy(o + i * s[0], &r, sizeof(Out));
    }
  } else {
    if (s[0] == sizeof(Out) && s[1] == sizeof(In)) {
      Out* __restrict op = reinterpret_cast<Out*>(o);
      const In* __restrict ap = reinterpret_cast<const In*>(a);
      for (int64_t i = 0; i < n; ++i) op[i] = Op{}(ap[i]);
    } else {
      for (int64_t i = 0; i < n; ++i)
        *reinterpret_cast<Out*>(o + i * s[0]) = Op{}(*reinterpret_cast<const In*>(a + i * s[1]));
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
    for (int64_t i = 0; i < n; ++i) {
      In x, y;
      std::memcpy(&x, a + i * s[1], sizeof(In));
      std::memcpy(&y, b + i * s[2], sizeof(In));
      Out r = cast_value<Out>(Op{}(widen(x), widen(y)));
      std::memcpy(o + i * s[0], &r, sizeof(Out));
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
      for (int64_t i = 0; i < n; ++i)
        *reinterpret_cast<Out*>(o + i * s[0]) = Op{}(*reinterpret_cast<const In*>(a + i * s[1]),
                                                     *reinterpret_cast<const In*>(b + i * s[2]));
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
