#include "core/dtype.h"

#include <cmath>

#include "core/cast.h"

namespace hc {

static const DTypeInfo kInfo[kNumDTypes] = {
    {"bool", 1, Kind::Bool},       {"int8", 1, Kind::Int},        {"int16", 2, Kind::Int},
    {"int32", 4, Kind::Int},       {"int64", 8, Kind::Int},       {"uint8", 1, Kind::UInt},
    {"uint16", 2, Kind::UInt},     {"uint32", 4, Kind::UInt},     {"uint64", 8, Kind::UInt},
    {"float16", 2, Kind::Float},   {"bfloat16", 2, Kind::Float},  {"float32", 4, Kind::Float},
    {"float64", 8, Kind::Float},   {"complex64", 8, Kind::Complex}, {"complex128", 16, Kind::Complex},
};

const DTypeInfo& info(DType t) { return kInfo[int(t)]; }

static int g_promote[kNumDTypes][kNumDTypes];
static bool g_cast[kNumDTypes][kNumDTypes];
static bool g_same_kind[kNumDTypes][kNumDTypes];

void set_promotion_table(const int* table) {
  for (int i = 0; i < kNumDTypes; ++i)
    for (int j = 0; j < kNumDTypes; ++j) g_promote[i][j] = table[i * kNumDTypes + j];
}
void set_cast_tables(const bool* safe, const bool* same_kind) {
  for (int i = 0; i < kNumDTypes; ++i)
    for (int j = 0; j < kNumDTypes; ++j) {
      g_cast[i][j] = safe[i * kNumDTypes + j];
      g_same_kind[i][j] = same_kind[i * kNumDTypes + j];
    }
}
bool can_cast_same_kind(DType from, DType to) { return g_same_kind[int(from)][int(to)]; }
int promote_code(DType a, DType b) { return g_promote[int(a)][int(b)]; }
DType promote(DType a, DType b, const char* fn) {
  int r = g_promote[int(a)][int(b)];
  if (r < 0)
    throw TypeError(std::string(fn) + ": no common dtype for " + name(a) + " and " + name(b));
  return DType(r);
}
bool can_cast_safe(DType from, DType to) { return g_cast[int(from)][int(to)]; }

// Rounds a double (exactly representable values of float included) to half, nearest-even.
uint16_t double_to_half(double d) {
  uint16_t sign = std::signbit(d) ? 0x8000 : 0;
  double a = std::fabs(d);
  if (std::isnan(d)) return sign | 0x7e00;
  if (a >= 65520.0) return sign | 0x7c00;  // rounds to inf
  if (a < std::ldexp(1.0, -25)) {
    // below half the smallest subnormal: zero (exactly half rounds to even = 0)
    return sign;
  }
  int e;
  std::frexp(a, &e);  // a = m * 2^e, m in [0.5, 1)
  int exp = e - 1;    // a = 1.x * 2^exp
  if (exp < -14) {
    // subnormal: units of 2^-24
    double q = std::nearbyint(std::ldexp(a, 24));  // default rounding mode: nearest-even
    return sign | uint16_t(q);                     // q may be 1024 -> smallest normal, still right
  }
  double q = std::nearbyint(std::ldexp(a, 10 - exp));  // in [1024, 2048]
  uint32_t mant = uint32_t(q);
  if (mant == 2048) { mant = 1024; ++exp; }
  if (exp > 15) return sign | 0x7c00;
  return sign | uint16_t(((exp + 15) << 10) | (mant - 1024));
}


uint16_t double_to_bf16(double d) {
  if (std::isnan(d)) return std::signbit(d) ? 0xffc0 : 0x7fc0;
  double a = std::fabs(d);
  uint16_t sign = std::signbit(d) ? 0x8000 : 0;
  if (a == 0) return sign;
  if (std::isinf(d)) return sign | 0x7f80;
  int e;
  std::frexp(a, &e);
  int exp = e - 1;
  if (exp < -126) {
    double q = std::nearbyint(std::ldexp(a, 133));  // subnormal units of 2^-133
    return sign | uint16_t(q);
  }
  double q = std::nearbyint(std::ldexp(a, 7 - exp));  // [128, 256]
  uint32_t mant = uint32_t(q);
  if (mant == 256) { mant = 128; ++exp; }
  if (exp > 127) return sign | 0x7f80;
  return sign | uint16_t(((exp + 127) << 7) | (mant - 128));
}

void store_scalar(const Scalar& s, DType t, void* dst) {
  visit_dtype(t, [&](auto tag) {
    using T = ctype_t<decltype(tag)::value>;
    T v;
    switch (s.kind) {
      case Kind::Bool: v = cast_value<T>(s.b); break;
      case Kind::Int: v = cast_value<T>(s.i); break;
      case Kind::UInt: v = cast_value<T>(s.u); break;
      case Kind::Float: v = cast_value<T>(s.f); break;
      case Kind::Complex: v = cast_value<T>(s.c); break;
    }
    std::memcpy(dst, &v, sizeof(T));
  });
}

Scalar load_scalar(DType t, const void* src) {
  return visit_dtype(t, [&](auto tag) -> Scalar {
    using T = ctype_t<decltype(tag)::value>;
    T v;
    std::memcpy(&v, src, sizeof(T));
    if constexpr (std::is_same_v<T, bool>) return Scalar::from_bool(v);
    else if constexpr (is_complex_v<T>) return Scalar::from_complex(std::complex<double>(v));
    else if constexpr (is_half_v<T> || std::is_floating_point_v<T>) return Scalar::from_double(double(widen(v)));
    else if constexpr (std::is_unsigned_v<T>) return Scalar::from_uint(v);
    else return Scalar::from_int(v);
  });
}

}  // namespace hc
