// The non-16-bit inner loops of cpu/loops.h, written to be compiled once per SIMD target:
// cpu/loops_target.h includes this file (no include guard, on purpose) inside a namespace and
// a `#pragma GCC target` region per target, so every instantiation made later carries that
// target's instruction set. The op functors are inlined into these loops, so a comparison
// becomes a mask compare, max/min a vmaxps with a NaN blend, floor a vrndscaleps... Bool results
// are stored as bytes (0/1) so the vectoriser narrows masks without going through C++ bool.

template <class Out> inline void store_elem(Out* p, Out v) { *p = v; }

template <class Op, class In, class Out>
void unary_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  if (s[0] == int64_t(sizeof(Out)) && s[1] == int64_t(sizeof(In))) {
    const In* __restrict ap = reinterpret_cast<const In*>(a);
    if constexpr (std::is_same_v<Out, bool>) {
      unsigned char* __restrict op = reinterpret_cast<unsigned char*>(o);
      for (int64_t i = 0; i < n; ++i) op[i] = static_cast<unsigned char>(Op{}(ap[i]));
    } else {
      Out* __restrict op = reinterpret_cast<Out*>(o);
      for (int64_t i = 0; i < n; ++i) op[i] = Op{}(ap[i]);
    }
    return;
  }
  // Strides in locals: the byte stores could alias s[], which would be reloaded per element
  // (session 5: int32 negative of x[::2], n = 1e5, one thread, 36 -> 25 us; NumPy 13).
  const int64_t s0 = s[0], s1 = s[1];
  for (int64_t i = 0; i < n; ++i) {
    In x;
    std::memcpy(&x, a + i * s1, sizeof x);
    const Out r = Op{}(x);
    std::memcpy(o + i * s0, &r, sizeof r);
  }
}

template <class Op, class In, class Out>
void binary_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const In* __restrict ap = reinterpret_cast<const In*>(p[1]);
  const In* __restrict bp = reinterpret_cast<const In*>(p[2]);
  using St = std::conditional_t<std::is_same_v<Out, bool>, unsigned char, Out>;
  St* __restrict op = reinterpret_cast<St*>(o);
  if (s[0] == int64_t(sizeof(Out))) {
    if (s[1] == int64_t(sizeof(In)) && s[2] == int64_t(sizeof(In))) {
      for (int64_t i = 0; i < n; ++i) op[i] = static_cast<St>(Op{}(ap[i], bp[i]));
      return;
    }
    if (s[1] == int64_t(sizeof(In)) && s[2] == 0) {
      const In y = *bp;
      for (int64_t i = 0; i < n; ++i) op[i] = static_cast<St>(Op{}(ap[i], y));
      return;
    }
    if (s[1] == 0 && s[2] == int64_t(sizeof(In))) {
      const In x = *ap;
      for (int64_t i = 0; i < n; ++i) op[i] = static_cast<St>(Op{}(x, bp[i]));
      return;
    }
  }
  const char* a = p[1];
  const char* b = p[2];
  const int64_t s0 = s[0], s1 = s[1], s2 = s[2];  // in locals: see unary_loop
  for (int64_t i = 0; i < n; ++i) {
    In x, y;
    std::memcpy(&x, a + i * s1, sizeof x);
    std::memcpy(&y, b + i * s2, sizeof y);
    const Out r = Op{}(x, y);
    std::memcpy(o + i * s0, &r, sizeof r);
  }
}

// Ternary with the last two operands a pair read through one pointer: out = Op(a, c[0], c[1]),
// where c is a stride-0 operand that points at two adjacent elements (clip's scalar bounds,
// cpu/elementwise_arith.cpp). With any other stride of c the second value is not read: the
// loop then computes Op(a, c, +no bound) through Op::lo_only.
template <class Op, class T>
void pair_loop(char** p, const int64_t* s, int64_t n, const void*) {
  const int64_t s0 = s[0], s1 = s[1], s2 = s[2];  // in locals: see unary_loop
  char* const o = p[0];
  const char* const a = p[1];
  const char* const c = p[2];
  if (s2 != 0) {
    for (int64_t i = 0; i < n; ++i) {
      T x, y;
      std::memcpy(&x, a + i * s1, sizeof x);
      std::memcpy(&y, c + i * s2, sizeof y);
      const T r = Op::lo_only(x, y);
      std::memcpy(o + i * s0, &r, sizeof r);
    }
    return;
  }
  T lo, hi;
  std::memcpy(&lo, p[2], sizeof lo);
  std::memcpy(&hi, p[2] + sizeof(T), sizeof hi);
  if (s[0] == int64_t(sizeof(T)) && s[1] == int64_t(sizeof(T))) {
    T* __restrict op = reinterpret_cast<T*>(p[0]);
    const T* __restrict ap = reinterpret_cast<const T*>(p[1]);
    for (int64_t i = 0; i < n; ++i) op[i] = Op{}(ap[i], lo, hi);
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    T x;
    std::memcpy(&x, a + i * s1, sizeof x);
    const T r = Op{}(x, lo, hi);
    std::memcpy(o + i * s0, &r, sizeof r);
  }
}

// ---- complex abs and multiply over the interleaved (re, im) floats ----------------------------
// Session 5: through std::complex and the plain loops these stayed scalar (complex64 at n = 1e5:
// abs 0.07x NumPy, multiply 0.18x). Written on F pairs, branch-free, so the compiler vectorises
// the stride-2 accesses. The arithmetic is the scalar helpers' (elementwise_common.h): abs is
// cabs (sqrt(1 + r^2) max(|re|, |im|), r = min / max; inf if a part is infinite, else NaN if a
// part is NaN), multiply is cmul_fma (NumPy's fused forms), so every target gives their bits.

template <class F> inline F cabs_parts(F r, F i) {
  const F re = std::fabs(r), im = std::fabs(i);
  const F larger = re > im ? re : im, smaller = re > im ? im : re;
  F ratio = smaller / larger;
  ratio = larger == F(0) ? F(0) : ratio;
  F res = std::sqrt(std::fma(ratio, ratio, F(1))) * larger;
  res = (re != re || im != im) ? std::numeric_limits<F>::quiet_NaN() : res;
  const F inf = std::numeric_limits<F>::infinity();
  return (re == inf || im == inf) ? inf : res;
}

template <class F>
void cabs_loop(char** p, const int64_t* s, int64_t n, const void*) {
  const int64_t s0 = s[0], s1 = s[1];
  if (s0 == int64_t(sizeof(F)) && s1 == int64_t(2 * sizeof(F))) {
    const F* __restrict a = reinterpret_cast<const F*>(p[1]);
    F* __restrict o = reinterpret_cast<F*>(p[0]);
    for (int64_t i = 0; i < n; ++i) o[i] = cabs_parts(a[2 * i], a[2 * i + 1]);
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    F z[2];
    std::memcpy(z, p[1] + i * s1, sizeof z);
    const F r = cabs_parts(z[0], z[1]);
    std::memcpy(p[0] + i * s0, &r, sizeof r);
  }
}

// One product, NumPy's fused forms (cmul_fma), stored at o[0], o[1].
template <class F> inline void cmul_parts(F ar, F ai, F br, F bi, F* o) {
  o[0] = std::fma(ar, br, -(ai * bi));
  o[1] = std::fma(ar, bi, ai * br);
}

template <class F>
void cmul_loop(char** p, const int64_t* s, int64_t n, const void*) {
  const int64_t s0 = s[0], s1 = s[1], s2 = s[2];
  constexpr int64_t C = 2 * sizeof(F);
  F* __restrict o = reinterpret_cast<F*>(p[0]);
  const F* __restrict a = reinterpret_cast<const F*>(p[1]);
  const F* __restrict b = reinterpret_cast<const F*>(p[2]);
  if (s0 == C && s1 == C && s2 == C) {
    for (int64_t i = 0; i < n; ++i) cmul_parts(a[2 * i], a[2 * i + 1], b[2 * i], b[2 * i + 1], o + 2 * i);
  } else if (s0 == C && s1 == C && s2 == 0) {
    const F br = b[0], bi = b[1];
    for (int64_t i = 0; i < n; ++i) cmul_parts(a[2 * i], a[2 * i + 1], br, bi, o + 2 * i);
  } else if (s0 == C && s1 == 0 && s2 == C) {
    const F ar = a[0], ai = a[1];
    for (int64_t i = 0; i < n; ++i) cmul_parts(ar, ai, b[2 * i], b[2 * i + 1], o + 2 * i);
  } else {
    for (int64_t i = 0; i < n; ++i) {
      F x[2], y[2], r[2];
      std::memcpy(x, p[1] + i * s1, sizeof x);
      std::memcpy(y, p[2] + i * s2, sizeof y);
      cmul_parts(x[0], x[1], y[0], y[1], r);
      std::memcpy(p[0] + i * s0, r, sizeof r);
    }
  }
}

// double -> float rounded to odd (truncated toward zero, last bit set when inexact), as bits:
// rounding that float to float16 or bfloat16 with round-to-nearest-even then rounds the double
// once, correctly (24 bits carry the 11 of float16 / 8 of bfloat16 and more than two more), so
// float64 -> float16 / bfloat16 casts can go through float (cpu/copy.cpp). Checked against the
// scalar double_to_half / double_to_bf16 on 60M / 40M doubles (random bits, ranges, every
// 16-bit value's midpoints and their neighbours): no difference. NaN stays NaN (and only NaN).
inline uint32_t odd_float_bits(double d) {
  const float f = float(d);
  const double back = double(f);
  uint32_t b;
  std::memcpy(&b, &f, 4);
  b -= uint32_t(std::fabs(back) > std::fabs(d));  // rounded away from zero: one step back
  return b | uint32_t(back != d);                 // inexact (NaN too): odd
}

inline void doubles_to_odd_floats(const double* __restrict a, float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t b = odd_float_bits(a[i]);
    std::memcpy(&o[i], &b, 4);
  }
}

// double -> bfloat16 rounded once: bfloat16's nearest-even rounding of the odd float; NaN as
// double_to_bf16 gives it (0x7fc0 with the sign).
inline void doubles_to_bf16(const double* __restrict a, uint16_t* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t b = odd_float_bits(a[i]);
    const uint32_t r = (b + 0x7fffu + ((b >> 16) & 1u)) >> 16;  // nearest-even
    const uint32_t nan = 0x7fc0u | ((b >> 16) & 0x8000u);     // the float is NaN iff d is
    o[i] = uint16_t((b & 0x7fffffffu) > 0x7f800000u ? nan : r);
  }
}
