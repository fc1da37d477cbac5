// Scalar backend of simd.h (one lane): the portable fallback and the reference the other
// backends are tested against. Included by simd.h only.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

namespace hc::simd::scalar {

struct Vd { double v; static constexpr int N = 1; using T = double; };
struct Vf { float v; static constexpr int N = 1; using T = float; };
struct Vl { uint64_t v; };
struct Vi { uint32_t v; };
struct Md { bool m; };
struct Mf { bool m; };

template <class V> V set1(typename V::T x) { return {x}; }
template <class V> V iset1(int64_t x);
template <> inline Vl iset1<Vl>(int64_t x) { return {uint64_t(x)}; }
template <> inline Vi iset1<Vi>(int64_t x) { return {uint32_t(x)}; }

inline Vd loadu(const double* p) { return {*p}; }
inline Vf loadu(const float* p) { return {*p}; }
inline void storeu(double* p, Vd a) { *p = a.v; }
inline void storeu(float* p, Vf a) { *p = a.v; }
// t[idx] for idx in [0, 16).
inline Vd lookup16(const double* t, Vl idx) { return {t[idx.v]}; }
inline Vd load_f32(const float* p) { return {double(*p)}; }
inline void store_f32(float* p, Vd a) { *p = float(a.v); }

#define HC_OPS(V, M, I, U)                                                                      \
  inline V operator+(V a, V b) { return {a.v + b.v}; }                                         \
  inline V operator-(V a, V b) { return {a.v - b.v}; }                                         \
  inline V operator*(V a, V b) { return {a.v * b.v}; }                                         \
  inline V operator/(V a, V b) { return {a.v / b.v}; }                                         \
  inline V operator-(V a) { return {-a.v}; }                                                   \
  inline I bits(V a) { U u; std::memcpy(&u, &a.v, sizeof u); return {u}; }                    \
  template <class W> inline W from_bits(I a);                                                  \
  template <> inline V from_bits<V>(I a) { V r; std::memcpy(&r.v, &a.v, sizeof r.v); return r; } \
  inline V operator&(V a, V b) { return from_bits<V>(I{U(bits(a).v & bits(b).v)}); }           \
  inline V fma(V a, V b, V c) { return {std::fma(a.v, b.v, c.v)}; }                            \
  inline V fnma(V a, V b, V c) { return {std::fma(-a.v, b.v, c.v)}; }                          \
  inline V min(V a, V b) { return {a.v < b.v ? a.v : b.v}; }                                   \
  inline V max(V a, V b) { return {a.v > b.v ? a.v : b.v}; }                                   \
  inline V abs(V a) { return {std::fabs(a.v)}; }                                               \
  inline V sqrt(V a) { return {std::sqrt(a.v)}; }                                              \
  inline V floor(V a) { return {std::floor(a.v)}; }                                            \
  inline V ceil(V a) { return {std::ceil(a.v)}; }                                              \
  inline V trunc(V a) { return {std::trunc(a.v)}; }                                            \
  inline V round(V a) { return {std::nearbyint(a.v)}; }                                        \
  inline M operator==(V a, V b) { return {a.v == b.v}; }                                       \
  inline M operator!=(V a, V b) { return {a.v != b.v}; }                                       \
  inline M operator<(V a, V b) { return {a.v < b.v}; }                                         \
  inline M operator<=(V a, V b) { return {a.v <= b.v}; }                                       \
  inline M operator>(V a, V b) { return {a.v > b.v}; }                                         \
  inline M operator>=(V a, V b) { return {a.v >= b.v}; }                                       \
  inline M isnan(V a) { return {a.v != a.v}; }                                                 \
  inline M signbit(V a) { return {std::signbit(a.v)}; }                                        \
  inline M operator&(M a, M b) { return {a.m && b.m}; }                                        \
  inline M operator|(M a, M b) { return {a.m || b.m}; }                                        \
  inline M andnot(M a, M b) { return {!a.m && b.m}; }                                          \
  inline M operator~(M a) { return {!a.m}; }                                                   \
  inline V select(M m, V a, V b) { return m.m ? a : b; }                                       \
  inline bool any(M m) { return m.m; }                                                         \
  inline bool all(M m) { return m.m; }                                                         \
  inline typename V::T hsum(V a) { return a.v; }                                               \
  inline I operator+(I a, I b) { return {U(a.v + b.v)}; }                                      \
  inline I operator-(I a, I b) { return {U(a.v - b.v)}; }                                      \
  inline I operator&(I a, I b) { return {U(a.v & b.v)}; }                                      \
  inline I operator|(I a, I b) { return {U(a.v | b.v)}; }                                      \
  inline I operator^(I a, I b) { return {U(a.v ^ b.v)}; }                                      \
  inline I operator~(I a) { return {U(~a.v)}; }                                                \
  template <int k> inline I shl(I a) { return {U(a.v << k)}; }                                 \
  template <int k> inline I shr(I a) { return {U(a.v >> k)}; }

HC_OPS(Vd, Md, Vl, uint64_t)
HC_OPS(Vf, Mf, Vi, uint32_t)
#undef HC_OPS

}  // namespace hc::simd::scalar
