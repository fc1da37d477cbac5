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
