// AVX-512 backend of simd.h (8 doubles, 16 floats); needs -mavx512f -mavx512dq -mavx512bw
// -mavx512vl. Included by simd.h only.
#pragma once
#include <immintrin.h>

namespace hc::simd::avx512 {

struct Vd { __m512d v; static constexpr int N = 8; using T = double; };
struct Vf { __m512 v; static constexpr int N = 16; using T = float; };
struct Vl { __m512i v; };
struct Vi { __m512i v; };
struct Md { __mmask8 m; };
struct Mf { __mmask16 m; };

template <class V> V set1(typename V::T x);
template <> inline Vd set1<Vd>(double x) { return {_mm512_set1_pd(x)}; }
template <> inline Vf set1<Vf>(float x) { return {_mm512_set1_ps(x)}; }
template <class V> V iset1(int64_t x);
template <> inline Vl iset1<Vl>(int64_t x) { return {_mm512_set1_epi64(x)}; }
template <> inline Vi iset1<Vi>(int64_t x) { return {_mm512_set1_epi32(int32_t(x))}; }

inline Vd loadu(const double* p) { return {_mm512_loadu_pd(p)}; }
inline Vf loadu(const float* p) { return {_mm512_loadu_ps(p)}; }
inline void storeu(double* p, Vd a) { _mm512_storeu_pd(p, a.v); }
inline void storeu(float* p, Vf a) { _mm512_storeu_ps(p, a.v); }
// t[idx] for int64 lanes idx in [0, 16) (a 16-entry table held in two registers).
inline Vd lookup16(const double* t, Vl idx) {
  return {_mm512_permutex2var_pd(_mm512_loadu_pd(t), idx.v, _mm512_loadu_pd(t + 8))};
}
inline Vd load_f32(const float* p) { return {_mm512_cvtps_pd(_mm256_loadu_ps(p))}; }
inline void store_f32(float* p, Vd a) { _mm256_storeu_ps(p, _mm512_cvtpd_ps(a.v)); }

#define HC_OPS(V, M, sfx, I, isfx, mw)                                                          \
  inline V operator+(V a, V b) { return {_mm512_add_##sfx(a.v, b.v)}; }                        \
  inline V operator-(V a, V b) { return {_mm512_sub_##sfx(a.v, b.v)}; }                         \
  inline V operator*(V a, V b) { return {_mm512_mul_##sfx(a.v, b.v)}; }                         \
  inline V operator/(V a, V b) { return {_mm512_div_##sfx(a.v, b.v)}; }                         \
  inline V operator-(V a) { return {_mm512_castsi512_##sfx(_mm512_xor_si512(                    \
      _mm512_cast##sfx##_si512(a.v), _mm512_cast##sfx##_si512(set1<V>(-0.0).v)))}; }            \
  inline V operator&(V a, V b) { return {_mm512_and_##sfx(a.v, b.v)}; }                         \
  inline V fma(V a, V b, V c) { return {_mm512_fmadd_##sfx(a.v, b.v, c.v)}; }                   \
  inline V fnma(V a, V b, V c) { return {_mm512_fnmadd_##sfx(a.v, b.v, c.v)}; }                 \
  inline V min(V a, V b) { return {_mm512_min_##sfx(a.v, b.v)}; }                               \
  inline V max(V a, V b) { return {_mm512_max_##sfx(a.v, b.v)}; }                               \
  inline V abs(V a) { return {_mm512_abs_##sfx(a.v)}; }                                        \
  inline V sqrt(V a) { return {_mm512_sqrt_##sfx(a.v)}; }                                       \
  inline V floor(V a) { return {_mm512_roundscale_##sfx(a.v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)}; } \
  inline V ceil(V a) { return {_mm512_roundscale_##sfx(a.v, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC)}; } \
  inline V trunc(V a) { return {_mm512_roundscale_##sfx(a.v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC)}; } \
  inline V round(V a) { return {_mm512_roundscale_##sfx(a.v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)}; } \
  inline M operator==(V a, V b) { return {_mm512_cmp_##sfx##_mask(a.v, b.v, _CMP_EQ_OQ)}; }    \
  inline M operator!=(V a, V b) { return {_mm512_cmp_##sfx##_mask(a.v, b.v, _CMP_NEQ_UQ)}; }   \
  inline M operator<(V a, V b) { return {_mm512_cmp_##sfx##_mask(a.v, b.v, _CMP_LT_OQ)}; }     \
  inline M operator<=(V a, V b) { return {_mm512_cmp_##sfx##_mask(a.v, b.v, _CMP_LE_OQ)}; }    \
  inline M operator>(V a, V b) { return {_mm512_cmp_##sfx##_mask(a.v, b.v, _CMP_GT_OQ)}; }     \
  inline M operator>=(V a, V b) { return {_mm512_cmp_##sfx##_mask(a.v, b.v, _CMP_GE_OQ)}; }    \
  inline M isnan(V a) { return {_mm512_cmp_##sfx##_mask(a.v, a.v, _CMP_UNORD_Q)}; }            \
  inline M operator&(M a, M b) { return {decltype(a.m)(a.m & b.m)}; }                                     \
  inline M operator|(M a, M b) { return {decltype(a.m)(a.m | b.m)}; }                           \
  inline M andnot(M a, M b) { return {decltype(a.m)(~a.m & b.m)}; }                             \
  inline M operator~(M a) { return {decltype(a.m)(~a.m)}; }                                     \
  inline V select(M m, V a, V b) { return {_mm512_mask_blend_##sfx(m.m, b.v, a.v)}; }           \
  inline bool any(M m) { return m.m != 0; }                                                     \
  inline bool all(M m) { return decltype(m.m)(~m.m) == 0; }                                     \
  inline typename V::T hsum(V a) { return _mm512_reduce_add_##sfx(a.v); }                      \
  inline I bits(V a) { return {_mm512_cast##sfx##_si512(a.v)}; }                                \
  template <class W> inline W from_bits(I a);                                                   \
  template <> inline V from_bits<V>(I a) { return {_mm512_castsi512_##sfx(a.v)}; }              \
  inline I operator+(I a, I b) { return {_mm512_add_##isfx(a.v, b.v)}; }                       \
  inline I operator-(I a, I b) { return {_mm512_sub_##isfx(a.v, b.v)}; }                       \
  inline I operator&(I a, I b) { return {_mm512_and_si512(a.v, b.v)}; }                         \
  inline I operator|(I a, I b) { return {_mm512_or_si512(a.v, b.v)}; }                          \
  inline I operator^(I a, I b) { return {_mm512_xor_si512(a.v, b.v)}; }                         \
  inline I operator~(I a) { return {_mm512_ternarylogic_epi64(a.v, a.v, a.v, 0x55)}; }          \
  template <int k> inline I shl(I a) { return {_mm512_slli_##isfx(a.v, k)}; }                   \
  template <int k> inline I shr(I a) { return {_mm512_srli_##isfx(a.v, k)}; }                  \
  inline M signbit(V a) { return {_mm512_movepi##mw##_mask(_mm512_cast##sfx##_si512(a.v))}; }

HC_OPS(Vd, Md, pd, Vl, epi64, 64)
HC_OPS(Vf, Mf, ps, Vi, epi32, 32)
#undef HC_OPS

}  // namespace hc::simd::avx512
