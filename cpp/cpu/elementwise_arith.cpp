// Arithmetic: add, subtract, multiply, divide, floor_divide, remainder, pow, maximum, minimum,
// copysign, hypot, atan2, logaddexp, nextafter, and the sign-related unary ops negative, positive,
// abs, square, sign, reciprocal, real, imag, conj. NumPy 2 is the reference for every result,
// including the loops NumPy picks for bool (bool ** bool -> int8 ...) and ints (int / int ->
// float64). Integer arithmetic wraps (two's complement) via unsigned types; nothing here is UB.
#include <cmath>
#include <cstdint>
#include <limits>

#include "cpu/elementwise_common.h"
#include "cpu/kernels.h"

namespace hc::cpu {
namespace {

// ---- binary functors ------------------------------------------------------------------------

struct Add {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) return T(W<T>(a) + W<T>(b));
    else return a + b;
  }
};
struct Sub {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) return T(W<T>(a) - W<T>(b));
    else return a - b;
  }
};
struct Mul {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) return T(W<T>(a) * W<T>(b));
    else if constexpr (is_complex_v<T>) return cmul_fma(a, b);
    else return a * b;
  }
};
// bool + bool is logical or, bool * bool logical and (NumPy).
// | and &, not || and &&: no branch per element (see elementwise_compare.cpp's LOr).
struct AddBool { bool operator()(bool a, bool b) const { return a | b; } };
struct MulBool { bool operator()(bool a, bool b) const { return a & b; } };

// True division. Ints and bool divide in float64 (NumPy's integer loops are qq->d etc.).
struct Div {
  template <class T> auto operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) return double(a) / double(b);
    else if constexpr (is_complex_v<T>) return cdiv(a, b);
    else return a / b;
  }
};

// fmod(a, b), exactly (fmod's result is always representable, so any exact method gives the
// C library's bits): for |a / b| < 2^(p-2) and finite nonzero b, q = trunc(a / b) is the true
// quotient or one more in magnitude (the division rounds monotonically); a - q b is then
// representable (a multiple of b's quantum, below |b| in magnitude) so one fma gives it exactly,
// and an overshoot is undone by adding b with a's sign, again exactly. A zero takes a's sign.
// Other operands (huge quotients, zero/inf/NaN) take the C library's fmod, a slow bit loop.
template <class F> inline F fast_fmod(F a, F b) {
  constexpr F lim = sizeof(F) == 4 ? F(4194304.0) : F(1125899906842624.0);  // 2^22, 2^50
  const F d = a / b;
  if (!(std::fabs(d) < lim) || !(std::fabs(b) < std::numeric_limits<F>::infinity()))
    return std::fmod(a, b);
  const F q = std::trunc(d);
  F r = std::fma(-q, b, a);
  if (r != F(0) && std::signbit(r) != std::signbit(a)) r += std::copysign(b, a);
  return r == F(0) ? std::copysign(F(0), a) : r;
}

// NumPy's npy_divmod for floats: Python's sign conventions, quotient snapped to an integer.
template <class F> F fdivmod(F a, F b, F* mod_out) {
  F mod = fast_fmod(a, b);
  if (!b) {
    *mod_out = mod;
    return a / b;
  }
  F div = (a - mod) / b;
  if (mod) {
    if (std::isless(b, F(0)) != std::isless(mod, F(0))) {
      mod += b;
      div -= F(1);
    }
  } else {
    mod = std::copysign(F(0), b);
  }
  F floordiv;
  if (div) {
    floordiv = std::floor(div);
    if (std::isgreater(div - floordiv, F(0.5))) floordiv += F(1);
  } else {
    floordiv = std::copysign(F(0), a / b);
  }
  *mod_out = mod;
  return floordiv;
}

struct FloorDiv {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      // The Array API is explicit where NumPy gives NaN or -1: inf // finite is +-inf and
      // finite // inf is a signed zero, which is what plain division gives.
      if (!b || std::isinf(a) || std::isinf(b)) return a / b;
      T mod;
      return fdivmod(a, b, &mod);
    } else if constexpr (std::is_signed_v<T>) {
      if constexpr (sizeof(T) == 8) {
        // 64-bit integer division is slow (int64 // 7 at 1e6: 5.9 ms, NumPy 1.1). For |a| <
        // 2^53 (and b != 0) the double quotient has the exact floor: both convert exactly, and
        // a non-integer a/b lies at least 1/|b| from an integer while the rounding error of the
        // division is below |a/b| 2^-53 < 1/|b|, so truncating and stepping down where the
        // truncation went up gives floor(a/b) exactly.
        if (b != 0 && a > -(int64_t(1) << 53) && a < (int64_t(1) << 53)) {
          const double q = double(a) / double(b);
          const int64_t t = int64_t(q);  // |q| <= |a| < 2^53: in range
          return T(t - (double(t) > q ? 1 : 0));
        }
      }
      if (b == 0) return T(0);                    // NumPy: 0 (with a divide-by-zero warning)
      if (b == -1) return T(W<T>(0) - W<T>(a));   // MIN // -1 wraps to MIN
      T q = T(a / b);
      if (T(a % b) != 0 && ((a < 0) != (b < 0))) --q;
      return q;
    } else {
      if constexpr (sizeof(T) == 8) {
        if (b != 0 && a < (uint64_t(1) << 53)) return T(uint64_t(double(a) / double(b)));  // as above
      }
      return b == 0 ? T(0) : T(a / b);
    }
  }
};

struct Rem {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (!b) return std::fmod(a, b);
      T mod;
      fdivmod(a, b, &mod);
      return mod;
    } else if constexpr (std::is_signed_v<T>) {
      if (b == 0 || b == -1) return T(0);
      T r = T(a % b);
      if (r != 0 && ((r < 0) != (b < 0))) r = T(W<T>(r) + W<T>(b));
      return r;
    } else {
      return b == 0 ? T(0) : T(a % b);
    }
  }
};

[[noreturn]] void negative_power() {
  throw ValueError("pow: Integers to negative integer powers are not allowed.");
}

struct Pow {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if constexpr (std::is_signed_v<T>) {
        if (b < 0) negative_power();
      }
      W<T> base = W<T>(a), out = 1;
      U<T> e = U<T>(b);
      while (e) {
        if (e & 1u) out = W<T>(out * base);
        base = W<T>(base * base);
        e = U<T>(e >> 1);
      }
      return T(out);
    } else if constexpr (is_complex_v<T>) {
      return cpow(a, b);
    } else {
      return std::pow(a, b);
    }
  }
};

// NumPy's maximum/minimum propagate NaN; on ties float32/64 and bfloat16 return the second
// operand, float16 the first (so the sign of a zero result follows NumPy exactly).
struct Max {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) return a >= b ? a : b;
    else if constexpr (is_complex_v<T>) {
      return (std::isnan(a.real()) || std::isnan(a.imag()) || cge(a, b)) ? a : b;
    } else return (a > b || std::isnan(a)) ? a : b;
  }
};
struct Min {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) return a <= b ? a : b;
    else if constexpr (is_complex_v<T>) {
      return (std::isnan(a.real()) || std::isnan(a.imag()) || cle(a, b)) ? a : b;
    } else return (a < b || std::isnan(a)) ? a : b;
  }
};
struct MaxHalf { float operator()(float a, float b) const { return (a >= b || std::isnan(a)) ? a : b; } };
struct MinHalf { float operator()(float a, float b) const { return (a <= b || std::isnan(a)) ? a : b; } };
// clip(x, lo, hi) = minimum(maximum(x, lo), hi) with NumPy's NaN and tie rules (the bound wins a
// tie for floats, as maximum/minimum above). lo_only: the loop's fallback when it is not given
// the pair of bounds (cpu/loops_target_impl.h, pair_loop).
struct Clip {
  template <class T> T operator()(T x, T lo, T hi) const { return Min{}(Max{}(x, lo), hi); }
  template <class T> static T lo_only(T x, T lo) { return Max{}(x, lo); }
};
struct OrBool { bool operator()(bool a, bool b) const { return a | b; } };
struct AndBool { bool operator()(bool a, bool b) const { return a & b; } };

struct CopySign { template <class F> F operator()(F a, F b) const { return std::copysign(a, b); } };
struct Hypot { template <class F> F operator()(F a, F b) const { return std::hypot(a, b); } };
struct Atan2 { template <class F> F operator()(F a, F b) const { return std::atan2(a, b); } };
// NumPy's npy_logaddexp.
struct LogAddExp {
  template <class F> F operator()(F x, F y) const {
    if (x == y) return x + F(0.693147180559945309417232121458176568);  // inf + inf, -inf + -inf
    F d = x - y;
    if (d > 0) return x + std::log1p(std::exp(-d));
    if (d <= 0) return y + std::log1p(std::exp(d));
    return d;  // NaN
  }
};
struct NextAfter { template <class F> F operator()(F a, F b) const { return std::nextafter(a, b); } };

// nextafter for the 16-bit floats works on their own bits (computing in float32 would round
// the step away). float16 follows NumPy's npy_half_nextafter, bfloat16 ml_dtypes' NextAfter.
template <bool IsHalf>
void nextafter16_loop(char** p, const int64_t* s, int64_t n, const void*) {
  const uint16_t nan_bits = IsHalf ? 0x7e00 : 0x7fc0;
  for (int64_t i = 0; i < n; ++i) {
    uint16_t x, y;
    std::memcpy(&x, p[1] + i * s[1], 2);
    std::memcpy(&y, p[2] + i * s[2], 2);
    float fx = IsHalf ? half_to_float(x) : bf16_to_float(x);
    float fy = IsHalf ? half_to_float(y) : bf16_to_float(y);
    uint16_t r;
    if (std::isnan(fx) || std::isnan(fy)) r = nan_bits;
    else if (fx == fy) r = IsHalf ? x : y;
    else if ((x & 0x7fffu) == 0) r = uint16_t((y & 0x8000u) | 1u);
    else if ((fx < fy) == !(x & 0x8000u)) r = uint16_t(x + 1);  // away from zero
    else r = uint16_t(x - 1);
    std::memcpy(p[0] + i * s[0], &r, 2);
  }
}

// Bool operands of ops with no bool loop in NumPy run the int8 loop.
template <class Op> struct ViaInt8 {
  int8_t operator()(bool a, bool b) const { return Op{}(int8_t(a), int8_t(b)); }
  int8_t operator()(bool a) const { return Op{}(int8_t(a)); }
};

// ---- unary functors -------------------------------------------------------------------------

struct Neg {
  template <class T> T operator()(T a) const {
    if constexpr (std::is_integral_v<T>) return T(W<T>(0) - W<T>(a));
    else return -a;
  }
};
struct Pos { template <class T> T operator()(T a) const { return a; } };
struct Abs {
  template <class T> auto operator()(T a) const {
    if constexpr (std::is_same_v<T, bool>) return a;
    else if constexpr (std::is_integral_v<T>) {
      if constexpr (std::is_signed_v<T>) {
        // (a ^ m) - m with m = all ones for negative a: no branch (random signs made the
        // branch mispredict: int64 abs at 1e6 took 5 ms), wraps for the minimum as NumPy's.
        using U = std::make_unsigned_t<T>;
        const U m = U(0) - U(a < 0);
        return T(U((U(a) ^ m) - m));
      }
      else return a;
    } else if constexpr (is_complex_v<T>) return cabs(a);
    else return std::fabs(a);
  }
};
struct Square {
  template <class T> T operator()(T a) const {
    if constexpr (std::is_integral_v<T>) return T(W<T>(a) * W<T>(a));
    else if constexpr (is_complex_v<T>) return cmul_fma(a, a);
    else return a * a;
  }
};
struct Sign {
  template <class T> T operator()(T a) const {
    if constexpr (std::is_integral_v<T>) return T((a > 0) - (a < 0));
    else if constexpr (is_complex_v<T>) return csign(a);
    else return a > 0 ? T(1) : (a < 0 ? T(-1) : (a == 0 ? T(0) : a));
  }
};
// ml_dtypes' bfloat16 sign keeps the sign of a zero.
struct SignBF16 { float operator()(float a) const { return a > 0 ? 1.f : (a < 0 ? -1.f : a); } };

// Integer reciprocal as NumPy computes it: (T)(1.0 / x), where 1/0 gives what the x86
// conversion of inf gives (INT_MIN for 32- and 64-bit signed, else 0).
struct Recip {
  template <class T> T operator()(T a) const {
    if constexpr (std::is_integral_v<T>) {
      if (a == 1) return T(1);
      if constexpr (std::is_signed_v<T>) {
        if (a == -1) return T(-1);
        if (a == 0 && sizeof(T) >= 4) return std::numeric_limits<T>::min();
      }
      return T(0);
    } else if constexpr (is_complex_v<T>) {
      using F = typename T::value_type;
      F r = a.real(), im = a.imag();
      if (std::fabs(im) <= std::fabs(r)) {
        F q = im / r, d = r + im * q;
        return T(F(1) / d, -q / d);
      }
      F q = r / im, d = r * q + im;
      return T(q / d, F(-1) / d);
    } else {
      return T(1) / a;
    }
  }
};
struct Real {
  template <class T> auto operator()(T a) const {
    if constexpr (is_complex_v<T>) return a.real();
    else return a;
  }
};
struct Imag {
  template <class T> auto operator()(T a) const {
    if constexpr (is_complex_v<T>) return a.imag();
    else return T(0);
  }
};
struct Conj {
  template <class T> T operator()(T a) const {
    if constexpr (is_complex_v<T>) return T(a.real(), -a.imag());
    else return a;
  }
};

}  // namespace

void register_arithmetic() {
  using D = DType;
  int add = op_id("add", 2);
  bin_same<Add, HC_NUMERIC>(add);
  reg_binary<AddBool, D::Bool, D::Bool>(add);

  bin_same<Sub, HC_NUMERIC>(op_id("subtract", 2));  // bool - bool: TypeError, as NumPy

  int mul = op_id("multiply", 2);
  bin_same<Mul, HC_NUMERIC>(mul);
  reg_binary<MulBool, D::Bool, D::Bool>(mul);
  reg_cmul_v<D::Complex64, float>(mul);  // the same products (cmul_fma), vectorised
  reg_cmul_v<D::Complex128, double>(mul);

  int div = op_id("divide", 2);
  bin_out<Div, D::Float64, D::Bool, HC_INTS>(div);
  bin_same<Div, HC_FLOATS, HC_COMPLEX>(div);

  int fdiv = op_id("floor_divide", 2);
  bin_same_v<FloorDiv, HC_REAL_V>(fdiv);
  bin_same<FloorDiv, D::Float16, D::BFloat16>(fdiv);
  reg_binary<ViaInt8<FloorDiv>, D::Bool, D::Int8>(fdiv);

  int rem = op_id("remainder", 2);
  bin_same_v<Rem, HC_REAL_V>(rem);
  bin_same<Rem, D::Float16, D::BFloat16>(rem);
  reg_binary<ViaInt8<Rem>, D::Bool, D::Int8>(rem);

  int pw = op_id("pow", 2);
  op_info(pw).cost = 8;  // exp(y log x) in vector lanes: threads from 2 MiB / 8 of operands
  bin_same<Pow, HC_NUMERIC>(pw);
  reg_binary<ViaInt8<Pow>, D::Bool, D::Int8>(pw);

  int mx = op_id("maximum", 2), mn = op_id("minimum", 2);
  bin_same_v<Max, HC_REAL_V>(mx);
  bin_same_v<Min, HC_REAL_V>(mn);
  bin_same<Max, D::BFloat16, HC_COMPLEX>(mx);
  bin_same<Min, D::BFloat16, HC_COMPLEX>(mn);
  // clip with scalar bounds in one pass (hc.clip): the second operand is a stride-0 view of a
  // two-element array (lo, hi) in x's dtype; see pair_loop.
  int cl = op_id("_clip_pair", 2);
  (reg_pair_v<Clip, D::Int8>(cl), reg_pair_v<Clip, D::Int16>(cl), reg_pair_v<Clip, D::Int32>(cl),
   reg_pair_v<Clip, D::Int64>(cl), reg_pair_v<Clip, D::UInt8>(cl), reg_pair_v<Clip, D::UInt16>(cl),
   reg_pair_v<Clip, D::UInt32>(cl), reg_pair_v<Clip, D::UInt64>(cl),
   reg_pair_v<Clip, D::Float32>(cl), reg_pair_v<Clip, D::Float64>(cl));
  reg_binary<MaxHalf, D::Float16, D::Float16>(mx);
  reg_binary<MinHalf, D::Float16, D::Float16>(mn);
  reg_binary<OrBool, D::Bool, D::Bool>(mx);
  reg_binary<AndBool, D::Bool, D::Bool>(mn);

  // Float-only functions: ints and bool go to float as NumPy's type resolution does.
  bin_same<CopySign, HC_FLOATS>(op_id("copysign", 2, TypeRule::Inexact));
  bin_same<Hypot, HC_FLOATS>(op_id("hypot", 2, TypeRule::Inexact));
  const int at2 = op_id("atan2", 2, TypeRule::Inexact);
  op_info(at2).cost = 8;
  bin_same<Atan2, HC_FLOATS>(at2);
  bin_same<LogAddExp, HC_FLOATS>(op_id("logaddexp", 2, TypeRule::Inexact));
  int nxt = op_id("nextafter", 2, TypeRule::Inexact);
  bin_same<NextAfter, D::Float32, D::Float64>(nxt);
  register_loop(nxt, Unit::CPU, D::Float16, D::Float16, &nextafter16_loop<true>);
  register_loop(nxt, Unit::CPU, D::BFloat16, D::BFloat16, &nextafter16_loop<false>);

  // Unary.
  int ng = op_id("negative", 1);  // bool: TypeError, as NumPy
  un_same_v<Neg, HC_REAL_V>(ng);
  un_same<Neg, D::Float16, D::BFloat16, HC_COMPLEX>(ng);
  un_same<Pos, HC_NUMERIC>(op_id("positive", 1));  // bool: TypeError, as NumPy

  int ab = op_id("abs", 1);
  un_same_v<Abs, HC_REAL_V>(ab);
  un_same<Abs, D::Bool, D::Float16, D::BFloat16>(ab);
  reg_cabs_v<D::Complex64, D::Float32>(ab);
  reg_cabs_v<D::Complex128, D::Float64>(ab);

  int sq = op_id("square", 1);
  un_same_v<Square, HC_REAL_V>(sq);
  un_same<Square, D::Float16, D::BFloat16, HC_COMPLEX>(sq);
  reg_unary<ViaInt8<Square>, D::Bool, D::Int8>(sq);

  int sg = op_id("sign", 1);
  un_same_v<Sign, HC_REAL_V>(sg);
  un_same<Sign, D::Float16, HC_COMPLEX>(sg);
  reg_unary<SignBF16, D::BFloat16, D::BFloat16>(sg);

  int rc = op_id("reciprocal", 1);
  un_same_v<Recip, HC_REAL_V>(rc);
  un_same<Recip, D::Float16, D::BFloat16, HC_COMPLEX>(rc);
  reg_unary<ViaInt8<Recip>, D::Bool, D::Int8>(rc);

  int re = op_id("real", 1), im = op_id("imag", 1), cj = op_id("conj", 1);
  un_same<Real, D::Bool, HC_INTS, HC_FLOATS>(re);
  un_same<Imag, D::Bool, HC_INTS, HC_FLOATS>(im);
  un_same<Conj, HC_NUMERIC>(cj);
  reg_unary<ViaInt8<Conj>, D::Bool, D::Int8>(cj);
  reg_unary<Real, D::Complex64, D::Float32>(re);
  reg_unary<Real, D::Complex128, D::Float64>(re);
  reg_unary<Imag, D::Complex64, D::Float32>(im);
  reg_unary<Imag, D::Complex128, D::Float64>(im);

  register_cbrt();  // its own file (cpu/elementwise_cbrt.cpp); register.cpp calls this family
}

}  // namespace hc::cpu
