// Dtypes: a small enum plus per-type facts. The Python layer maps NumPy's dtype objects onto it.
#pragma once
#include <complex>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace hc {

enum class DType : uint8_t {
  Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64,
  Float16, BFloat16, Float32, Float64, Complex64, Complex128,
};
constexpr int kNumDTypes = 15;

enum class Kind : uint8_t { Bool, Int, UInt, Float, Complex };

struct DTypeInfo {
  const char* name;
  int itemsize;
  Kind kind;
};

const DTypeInfo& info(DType t);
inline int itemsize(DType t) { return info(t).itemsize; }
inline Kind kind(DType t) { return info(t).kind; }
inline const char* name(DType t) { return info(t).name; }
inline bool is_integer(DType t) { return kind(t) == Kind::Int || kind(t) == Kind::UInt; }
inline bool is_float(DType t) { return kind(t) == Kind::Float; }
inline bool is_complex(DType t) { return kind(t) == Kind::Complex; }
inline bool is_inexact(DType t) { return is_float(t) || is_complex(t); }

// Promotion and casting tables are filled once from NumPy at import (NumPy is the oracle for
// dtype rules, ml_dtypes for bfloat16), so the two can never drift apart.
// promote() returns -1 when NumPy has no common dtype.
int promote_code(DType a, DType b);
DType promote(DType a, DType b, const char* fn);  // throws TypeError-like hc::TypeError
bool can_cast_safe(DType from, DType to);
bool can_cast_same_kind(DType from, DType to);
void set_promotion_table(const int* table);  // kNumDTypes*kNumDTypes entries
void set_cast_tables(const bool* safe, const bool* same_kind);

struct TypeError : std::runtime_error { using std::runtime_error::runtime_error; };
struct ValueError : std::runtime_error { using std::runtime_error::runtime_error; };
struct IndexError : std::runtime_error { using std::runtime_error::runtime_error; };
struct OverflowError : std::runtime_error { using std::runtime_error::runtime_error; };

// 16-bit floats are stored as raw bits and computed in float32.
struct half { uint16_t bits; };
struct bfloat16 { uint16_t bits; };

inline float f32_from_bits(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }
inline uint32_t bits_from_f32(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }

// float16 <-> float32, branch-free (selects as masks) so that loops over arrays vectorise.
// Exact for every half; float -> half rounds to nearest-even (subnormals included, 65520 and up
// to inf) and turns every NaN into the quiet NaN 0x7e00 with the sign kept. Checked against the
// earlier frexp-based versions on all 2^32 floats and 2^16 halves (identical bits).
inline uint32_t select_u32(bool c, uint32_t a, uint32_t b) {  // c ? a : b without a branch
  const uint32_t m = 0u - uint32_t(c);
  return b ^ ((a ^ b) & m);
}
inline float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  const uint32_t em = h & 0x7fffu;  // exponent and mantissa
  uint32_t r = (em << 13) + (uint32_t(112) << 23);  // normal: rebias 15 -> 127
  r += select_u32(em >= 0x7c00u, uint32_t(112) << 23, 0);  // inf/NaN: exponent 31 -> 255
  // zero and subnormals: m * 2^-24, exact in float
  const uint32_t sub = bits_from_f32(float(int32_t(em)) * 5.9604644775390625e-08f);
  r = select_u32(em < 0x400u, sub, r);
  return f32_from_bits(sign | r);
}
inline uint16_t float_to_half(float f) {
  const uint32_t x = bits_from_f32(f);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t a = x & 0x7fffffffu;
  // normal halves: the mantissa rounded to 10 bits (nearest-even; a carry moves the exponent)
  const uint32_t normal = ((a + 0x0fffu + ((a >> 13) & 1u)) >> 13) - (uint32_t(112) << 10);
  // subnormal halves: |f| + 0.5 rounds |f| to a multiple of 2^-24, the ulp of [0.5, 1)
  const uint32_t sub = bits_from_f32(f32_from_bits(a) + 0.5f) - 0x3f000000u;
  uint32_t r = select_u32(a < 0x38800000u, sub, normal);  // below 2^-14
  r = select_u32(a >= 0x477ff000u, 0x7c00u, r);           // 65520 and up (inf too): inf
  r = select_u32(a > 0x7f800000u, 0x7e00u, r);            // NaN
  return uint16_t(sign | r);
}
uint16_t double_to_half(double d);  // rounds once, not via float
inline float bf16_to_float(uint16_t b) { return f32_from_bits(uint32_t(b) << 16); }
inline uint16_t float_to_bf16(float f) {  // branch-free, so that loops vectorise
  const uint32_t u = bits_from_f32(f);
  const uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;  // nearest-even
  return uint16_t(select_u32((u & 0x7fffffffu) > 0x7f800000u, (u >> 16) | 0x40u, rounded));  // NaN: quiet
}
uint16_t double_to_bf16(double d);

// The C++ type that stores each dtype.
template <DType T> struct ctype;
template <> struct ctype<DType::Bool> { using type = bool; };
template <> struct ctype<DType::Int8> { using type = int8_t; };
template <> struct ctype<DType::Int16> { using type = int16_t; };
template <> struct ctype<DType::Int32> { using type = int32_t; };
template <> struct ctype<DType::Int64> { using type = int64_t; };
template <> struct ctype<DType::UInt8> { using type = uint8_t; };
template <> struct ctype<DType::UInt16> { using type = uint16_t; };
template <> struct ctype<DType::UInt32> { using type = uint32_t; };
template <> struct ctype<DType::UInt64> { using type = uint64_t; };
template <> struct ctype<DType::Float16> { using type = half; };
template <> struct ctype<DType::BFloat16> { using type = bfloat16; };
template <> struct ctype<DType::Float32> { using type = float; };
template <> struct ctype<DType::Float64> { using type = double; };
template <> struct ctype<DType::Complex64> { using type = std::complex<float>; };
template <> struct ctype<DType::Complex128> { using type = std::complex<double>; };
template <DType T> using ctype_t = typename ctype<T>::type;

// Calls f(std::integral_constant<DType, T>{}) for the runtime dtype t. Used sparingly: each use
// instantiates f once per dtype.
template <class F> decltype(auto) visit_dtype(DType t, F&& f) {
  switch (t) {
#define HC_CASE(X) case DType::X: return f(std::integral_constant<DType, DType::X>{});
    HC_CASE(Bool) HC_CASE(Int8) HC_CASE(Int16) HC_CASE(Int32) HC_CASE(Int64)
    HC_CASE(UInt8) HC_CASE(UInt16) HC_CASE(UInt32) HC_CASE(UInt64)
    HC_CASE(Float16) HC_CASE(BFloat16) HC_CASE(Float32) HC_CASE(Float64)
    HC_CASE(Complex64) HC_CASE(Complex128)
#undef HC_CASE
  }
  throw TypeError("unknown dtype");
}

// A Python scalar or 0-d value in its widest form, tagged with its kind.
struct Scalar {
  Kind kind = Kind::Int;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  std::complex<double> c;
  static Scalar from_bool(bool v) { Scalar s; s.kind = Kind::Bool; s.b = v; return s; }
  static Scalar from_int(int64_t v) { Scalar s; s.kind = Kind::Int; s.i = v; return s; }
  static Scalar from_uint(uint64_t v) { Scalar s; s.kind = Kind::UInt; s.u = v; return s; }
  static Scalar from_double(double v) { Scalar s; s.kind = Kind::Float; s.f = v; return s; }
  static Scalar from_complex(std::complex<double> v) { Scalar s; s.kind = Kind::Complex; s.c = v; return s; }
};

// Writes s, converted to dtype t, at dst (NumPy's cast semantics for the conversion).
void store_scalar(const Scalar& s, DType t, void* dst);
// Reads one element of dtype t.
Scalar load_scalar(DType t, const void* src);

}  // namespace hc
