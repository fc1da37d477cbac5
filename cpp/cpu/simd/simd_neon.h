// NEON backend of simd.h (aarch64: 2 doubles, 4 floats; NEON is the aarch64 baseline).
// min/max return NaN when either input is NaN. Included by simd.h only.
#pragma once
#include <arm_neon.h>

namespace hc::simd::neon {

struct Vd { float64x2_t v; static constexpr int N = 2; using T = double; };
struct Vf { float32x4_t v; static constexpr int N = 4; using T = float; };
struct Vl { uint64x2_t v; };
struct Vi { uint32x4_t v; };
struct Md { uint64x2_t m; };
struct Mf { uint32x4_t m; };

template <class V> V set1(typename V::T x);
template <> inline Vd set1<Vd>(double x) { return {vdupq_n_f64(x)}; }
template <> inline Vf set1<Vf>(float x) { return {vdupq_n_f32(x)}; }
template <class V> V iset1(int64_t x);
template <> inline Vl iset1<Vl>(int64_t x) { return {vdupq_n_u64(uint64_t(x))}; }
template <> inline Vi iset1<Vi>(int64_t x) { return {vdupq_n_u32(uint32_t(x))}; }

inline Vd loadu(const double* p) { return {vld1q_f64(p)}; }
inline Vf loadu(const float* p) { return {vld1q_f32(p)}; }
inline void storeu(double* p, Vd a) { vst1q_f64(p, a.v); }
inline void storeu(float* p, Vf a) { vst1q_f32(p, a.v); }
// t[idx] for int64 lanes idx in [0, 16).
inline Vd lookup16(const double* t, Vl idx) {
  return {vcombine_f64(vld1_f64(t + vgetq_lane_u64(idx.v, 0)), vld1_f64(t + vgetq_lane_u64(idx.v, 1)))};
}
inline Vd load_f32(const float* p) { return {vcvt_f64_f32(vld1_f32(p))}; }
inline void store_f32(float* p, Vd a) { vst1_f32(p, vcvt_f32_f64(a.v)); }

inline uint64x2_t not64(uint64x2_t m) { return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(m))); }
inline uint32x4_t not32(uint32x4_t m) { return vmvnq_u32(m); }
inline uint32x4_t as_u32(uint64x2_t m) { return vreinterpretq_u32_u64(m); }
inline uint32x4_t as_u32(uint32x4_t m) { return m; }

#define HC_OPS(V, M, I, f, u, s, notf)                                                          \
  inline V operator+(V a, V b) { return {vaddq_##f(a.v, b.v)}; }                               \
  inline V operator-(V a, V b) { return {vsubq_##f(a.v, b.v)}; }                               \
  inline V operator*(V a, V b) { return {vmulq_##f(a.v, b.v)}; }                               \
  inline V operator/(V a, V b) { return {vdivq_##f(a.v, b.v)}; }                               \
  inline V operator-(V a) { return {vnegq_##f(a.v)}; }                                         \
  inline V operator&(V a, V b) { return {vreinterpretq_##f##_##u(vandq_##u(vreinterpretq_##u##_##f(a.v), vreinterpretq_##u##_##f(b.v)))}; } \
  inline V fma(V a, V b, V c) { return {vfmaq_##f(c.v, a.v, b.v)}; }                           \
  inline V fnma(V a, V b, V c) { return {vfmsq_##f(c.v, a.v, b.v)}; }                          \
  inline V min(V a, V b) { return {vminq_##f(a.v, b.v)}; }                                     \
  inline V max(V a, V b) { return {vmaxq_##f(a.v, b.v)}; }                                     \
  inline V abs(V a) { return {vabsq_##f(a.v)}; }                                               \
  inline V sqrt(V a) { return {vsqrtq_##f(a.v)}; }                                             \
  inline V floor(V a) { return {vrndmq_##f(a.v)}; }                                            \
  inline V ceil(V a) { return {vrndpq_##f(a.v)}; }                                             \
  inline V trunc(V a) { return {vrndq_##f(a.v)}; }                                             \
  inline V round(V a) { return {vrndnq_##f(a.v)}; }                                            \
  inline M operator==(V a, V b) { return {vceqq_##f(a.v, b.v)}; }                              \
  inline M operator!=(V a, V b) { return {notf(vceqq_##f(a.v, b.v))}; }                        \
  inline M operator<(V a, V b) { return {vcltq_##f(a.v, b.v)}; }                               \
  inline M operator<=(V a, V b) { return {vcleq_##f(a.v, b.v)}; }                              \
  inline M operator>(V a, V b) { return {vcgtq_##f(a.v, b.v)}; }                               \
  inline M operator>=(V a, V b) { return {vcgeq_##f(a.v, b.v)}; }                              \
  inline M isnan(V a) { return {notf(vceqq_##f(a.v, a.v))}; }                                  \
  inline M signbit(V a) { return {vreinterpretq_##u##_##s(vshrq_n_##s(vreinterpretq_##s##_##f(a.v), sizeof(typename V::T) * 8 - 1))}; } \
  inline M operator&(M a, M b) { return {vandq_##u(a.m, b.m)}; }                               \
  inline M operator|(M a, M b) { return {vorrq_##u(a.m, b.m)}; }                               \
  inline M andnot(M a, M b) { return {vbicq_##u(b.m, a.m)}; }                                  \
  inline M operator~(M a) { return {notf(a.m)}; }                                              \
  inline V select(M m, V a, V b) { return {vbslq_##f(m.m, a.v, b.v)}; }                        \
  inline bool any(M m) { return vmaxvq_u32(as_u32(m.m)) != 0; }                 \
  inline bool all(M m) { return vminvq_u32(as_u32(m.m)) == 0xffffffffu; }       \
  inline typename V::T hsum(V a) { return vaddvq_##f(a.v); }                                   \
  inline I bits(V a) { return {vreinterpretq_##u##_##f(a.v)}; }                                \
  template <class W> inline W from_bits(I a);                                                  \
  template <> inline V from_bits<V>(I a) { return {vreinterpretq_##f##_##u(a.v)}; }            \
  inline I operator+(I a, I b) { return {vaddq_##u(a.v, b.v)}; }                               \
  inline I operator-(I a, I b) { return {vsubq_##u(a.v, b.v)}; }                               \
  inline I operator&(I a, I b) { return {vandq_##u(a.v, b.v)}; }                               \
  inline I operator|(I a, I b) { return {vorrq_##u(a.v, b.v)}; }                               \
  inline I operator^(I a, I b) { return {veorq_##u(a.v, b.v)}; }                               \
  inline I operator~(I a) { return {notf(a.v)}; }                                              \
  template <int k> inline I shl(I a) { return {vshlq_n_##u(a.v, k)}; }                         \
  template <int k> inline I shr(I a) { return {vshrq_n_##u(a.v, k)}; }

HC_OPS(Vd, Md, Vl, f64, u64, s64, not64)
HC_OPS(Vf, Mf, Vi, f32, u32, s32, not32)
#undef HC_OPS

}  // namespace hc::simd::neon
