// Element conversion between any two storage types, with NumPy's results and no undefined
// behaviour (out-of-range float -> int is defined as x86's "integer indefinite" value).
#pragma once
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/dtype.h"

namespace hc {

template <class T> struct is_complex_t : std::false_type {};
template <class T> struct is_complex_t<std::complex<T>> : std::true_type {};
template <class T> constexpr bool is_complex_v = is_complex_t<T>::value;
template <class T> constexpr bool is_half_v = std::is_same_v<T, half> || std::is_same_v<T, bfloat16>;

// The arithmetic type a storage type computes in.
template <class T> struct compute { using type = T; };
template <> struct compute<half> { using type = float; };
template <> struct compute<bfloat16> { using type = float; };
template <class T> using compute_t = typename compute<T>::type;

template <class T> inline compute_t<T> widen(T v) { return v; }
inline float widen(half v) { return half_to_float(v.bits); }
inline float widen(bfloat16 v) { return bf16_to_float(v.bits); }

template <class I> inline I float_to_int(double v) {
  if constexpr (std::is_unsigned_v<I>) {
    if (v >= 0 && v < 18446744073709551616.0) return I(uint64_t(v));
    if (v < 0 && v >= -9223372036854775808.0) return I(uint64_t(int64_t(v)));
    return I(uint64_t(0x8000000000000000ull));
  } else {
    if (v >= -9223372036854775808.0 && v < 9223372036854775808.0) return I(int64_t(v));
    return I(std::numeric_limits<int64_t>::min());
  }
}

template <class To, class From> inline To cast_value(From x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (is_half_v<From>) {
    return cast_value<To>(widen(x));
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (is_complex_v<From>) return x.real() != 0 || x.imag() != 0;
    else return x != From(0);
  } else if constexpr (is_complex_v<From>) {
    if constexpr (is_complex_v<To>) return To(typename To::value_type(x.real()), typename To::value_type(x.imag()));
    else return cast_value<To>(x.real());
  } else if constexpr (std::is_same_v<To, half>) {
    if constexpr (std::is_same_v<From, double>) return half{double_to_half(x)};
    else if constexpr (std::is_integral_v<From> && sizeof(From) >= 4) return half{double_to_half(double(x))};
    else return half{float_to_half(float(x))};
  } else if constexpr (std::is_same_v<To, bfloat16>) {
    if constexpr (std::is_same_v<From, double>) return bfloat16{double_to_bf16(x)};
    else if constexpr (std::is_integral_v<From> && sizeof(From) >= 4) return bfloat16{double_to_bf16(double(x))};
    else return bfloat16{float_to_bf16(float(x))};
  } else if constexpr (is_complex_v<To>) {
    return To(typename To::value_type(x), typename To::value_type(0));
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    return float_to_int<To>(double(x));
  } else {
    return static_cast<To>(x);
  }
}

}  // namespace hc
