// AVX2 + FMA backend of simd.h (4 doubles, 8 floats); needs -mavx2 -mfma. Masks are vectors
// of all-ones / all-zeros lanes. Included by simd.h only.
#pragma once
#include <immintrin.h>

namespace hc::simd::avx2 {

struct Vd { __m256d v; static constexpr int N = 4; using T = double; };
struct Vf { __m256 v; static constexpr int N = 8; using T = float; };
struct Vl { __m256i v; };
struct Vi { __m256i v; };
struct Md { __m256d m; };
struct Mf { __m256 m; };

template <class V> V set1(typename V::T x);
template <> inline Vd set1<Vd>(double x) { return {_mm256_set1_pd(x)}; }
template <> inline Vf set1<Vf>(float x) { return {_mm256_set1_ps(x)}; }
template <class V> V iset1(int64_t x);
template <> inline Vl iset1<Vl>(int64_t x) { return {_mm256_set1_epi64x(x)}; }
template <> inline Vi iset1<Vi>(int64_t x) { return {_mm256_set1_epi32(int32_t(x))}; }

inline Vd loadu(const double* p) { return {_mm256_loadu_pd(p)}; }
inline Vf loadu(const float* p) { return {_mm256_loadu_ps(p)}; }
inline void storeu(double* p, Vd a) { _mm256_storeu_pd(p, a.v); }
inline void storeu(float* p, Vf a) { _mm256_storeu_ps(p, a.v); }
// t[idx] for int64 lanes idx in [0, 16).
inline Vd lookup16(const double* t, Vl idx) { return {_mm256_i64gather_pd(t, idx.v, 8)}; }
inline Vd load_f32(const float* p) { return {_mm256_cvtps_pd(_mm_loadu_ps(p))}; }
inline void store_f32(float* p, Vd a) { _mm_storeu_ps(p, _mm256_cvtpd_ps(a.v)); }

inline double hsum(Vd a) {
  __m128d s = _mm_add_pd(_mm256_castpd256_pd128(a.v), _mm256_extractf128_pd(a.v, 1));
  return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}
inline float hsum(Vf a) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(a.v), _mm256_extractf128_ps(a.v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

#define HC_OPS(V, M, sfx, I, isfx)                                                              \
  inline V operator+(V a, V b) { return {_mm256_add_##sfx(a.v, b.v)}; }                        \
  inline V operator-(V a, V b) { return {_mm256_sub_##sfx(a.v, b.v)}; }                        \
  inline V operator*(V a, V b) { return {_mm256_mul_##sfx(a.v, b.v)}; }                        \
  inline V operator/(V a, V b) { return {_mm256_div_##sfx(a.v, b.v)}; }                        \
  inline V operator-(V a) { return {_mm256_xor_##sfx(a.v, set1<V>(-0.0).v)}; }                 \
  inline V operator&(V a, V b) { return {_mm256_and_##sfx(a.v, b.v)}; }                        \
  inline V fma(V a, V b, V c) { return {_mm256_fmadd_##sfx(a.v, b.v, c.v)}; }                  \
  inline V fnma(V a, V b, V c) { return {_mm256_fnmadd_##sfx(a.v, b.v, c.v)}; }                \
  inline V min(V a, V b) { return {_mm256_min_##sfx(a.v, b.v)}; }                              \
  inline V max(V a, V b) { return {_mm256_max_##sfx(a.v, b.v)}; }                              \
  inline V abs(V a) { return {_mm256_andnot_##sfx(set1<V>(-0.0).v, a.v)}; }                    \
  inline V sqrt(V a) { return {_mm256_sqrt_##sfx(a.v)}; }                                      \
  inline V floor(V a) { return {_mm256_round_##sfx(a.v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)}; } \
  inline V ceil(V a) { return {_mm256_round_##sfx(a.v, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC)}; } \
  inline V trunc(V a) { return {_mm256_round_##sfx(a.v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC)}; } \
  inline V round(V a) { return {_mm256_round_##sfx(a.v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)}; } \
  inline M operator==(V a, V b) { return {_mm256_cmp_##sfx(a.v, b.v, _CMP_EQ_OQ)}; }           \
  inline M operator!=(V a, V b) { return {_mm256_cmp_##sfx(a.v, b.v, _CMP_NEQ_UQ)}; }          \
  inline M operator<(V a, V b) { return {_mm256_cmp_##sfx(a.v, b.v, _CMP_LT_OQ)}; }            \
  inline M operator<=(V a, V b) { return {_mm256_cmp_##sfx(a.v, b.v, _CMP_LE_OQ)}; }           \
  inline M operator>(V a, V b) { return {_mm256_cmp_##sfx(a.v, b.v, _CMP_GT_OQ)}; }            \
  inline M operator>=(V a, V b) { return {_mm256_cmp_##sfx(a.v, b.v, _CMP_GE_OQ)}; }           \
  inline M isnan(V a) { return {_mm256_cmp_##sfx(a.v, a.v, _CMP_UNORD_Q)}; }                   \
  inline M operator&(M a, M b) { return {_mm256_and_##sfx(a.m, b.m)}; }                        \
  inline M operator|(M a, M b) { return {_mm256_or_##sfx(a.m, b.m)}; }                         \
  inline M andnot(M a, M b) { return {_mm256_andnot_##sfx(a.m, b.m)}; }                        \
  inline M operator~(M a) { return {_mm256_xor_##sfx(a.m, _mm256_castsi256_##sfx(_mm256_set1_epi32(-1)))}; } \
  inline V select(M m, V a, V b) { return {_mm256_blendv_##sfx(b.v, a.v, m.m)}; }              \
  inline bool any(M m) { return _mm256_movemask_##sfx(m.m) != 0; }                             \
  inline bool all(M m) { return _mm256_movemask_##sfx(m.m) == (1 << V::N) - 1; }               \
  inline I bits(V a) { return {_mm256_cast##sfx##_si256(a.v)}; }                               \
  template <class W> inline W from_bits(I a);                                                  \
  template <> inline V from_bits<V>(I a) { return {_mm256_castsi256_##sfx(a.v)}; }             \
  inline I operator+(I a, I b) { return {_mm256_add_##isfx(a.v, b.v)}; }                      \
  inline I operator-(I a, I b) { return {_mm256_sub_##isfx(a.v, b.v)}; }                      \
  inline I operator&(I a, I b) { return {_mm256_and_si256(a.v, b.v)}; }                        \
  inline I operator|(I a, I b) { return {_mm256_or_si256(a.v, b.v)}; }                         \
  inline I operator^(I a, I b) { return {_mm256_xor_si256(a.v, b.v)}; }                        \
  inline I operator~(I a) { return {_mm256_xor_si256(a.v, _mm256_set1_epi32(-1))}; }           \
  template <int k> inline I shl(I a) { return {_mm256_slli_##isfx(a.v, k)}; }                  \
  template <int k> inline I shr(I a) { return {_mm256_srli_##isfx(a.v, k)}; }

HC_OPS(Vd, Md, pd, Vl, epi64)
HC_OPS(Vf, Mf, ps, Vi, epi32)
#undef HC_OPS

inline Md signbit(Vd a) { return {_mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_setzero_si256(), _mm256_castpd_si256(a.v)))}; }
inline Mf signbit(Vf a) { return {_mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_setzero_si256(), _mm256_castps_si256(a.v)))}; }

}  // namespace hc::simd::avx2
