#include "core/half_convert.h"

#include "core/dtype.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define HC_HALF_F16C 1
#endif

namespace hc {
namespace {

void h2f_portable(const uint16_t* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = half_to_float(in[i]);
}
void f2h_portable(const float* in, uint16_t* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = float_to_half(in[i]);
}

#if defined(HC_HALF_F16C)
// half -> float is exact in hardware, NaN payloads included (as half_to_float).
__attribute__((target("avx2,f16c"))) void h2f_f16c(const uint16_t* in, float* out, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    _mm256_storeu_ps(out + i, _mm256_cvtph_ps(h));
  }
  for (; i < n; ++i) out[i] = half_to_float(in[i]);
}
// float -> half rounds to nearest-even in hardware; NaNs then become 0x7e00 with their sign,
// as float_to_half gives (the hardware keeps the top payload bits).
__attribute__((target("avx2,f16c"))) void f2h_f16c(const float* in, uint16_t* out, int64_t n) {
  const __m128i expmask = _mm_set1_epi16(0x7c00), manmask = _mm_set1_epi16(0x03ff);
  const __m128i signmask = _mm_set1_epi16(int16_t(0x8000)), qnan = _mm_set1_epi16(0x7e00);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT);
    const __m128i isnan = _mm_andnot_si128(
        _mm_cmpeq_epi16(_mm_and_si128(h, manmask), _mm_setzero_si128()),
        _mm_cmpeq_epi16(_mm_and_si128(h, expmask), expmask));
    const __m128i canon = _mm_or_si128(_mm_and_si128(h, signmask), qnan);
    h = _mm_or_si128(_mm_andnot_si128(isnan, h), _mm_and_si128(isnan, canon));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), h);
  }
  for (; i < n; ++i) out[i] = float_to_half(in[i]);
}
#endif

using H2F = void (*)(const uint16_t*, float*, int64_t);
using F2H = void (*)(const float*, uint16_t*, int64_t);

bool use_f16c() {
#if defined(HC_HALF_F16C)
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("f16c");
  return yes;
#else
  return false;
#endif
}

}  // namespace

void halves_to_floats(const uint16_t* in, float* out, int64_t n) {
#if defined(HC_HALF_F16C)
  if (use_f16c()) return h2f_f16c(in, out, n);
#endif
  h2f_portable(in, out, n);
}

void floats_to_halves(const float* in, uint16_t* out, int64_t n) {
#if defined(HC_HALF_F16C)
  if (use_f16c()) return f2h_f16c(in, out, n);
#endif
  f2h_portable(in, out, n);
}

}  // namespace hc
