// The Array API's unary transcendental functions: exp, expm1, log, log1p, log2, log10, sqrt,
// sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh.
//
// Real dtypes call the C library on the same type (float32 -> the float function, float64 ->
// the double one); float16 and bfloat16 are widened to float32 by the loop templates, computed
// there and rounded once, as NumPy and ml_dtypes do. Ints and bool reach these loops already cast
// to float16/float32/float64 by TypeRule::Inexact.
//
// Complex dtypes use the C99 Annex G functions (cexp, clog, csqrt, csin, ... through
// std::complex), which is what the Array API's complex special cases describe. expm1, log1p,
// log2 and log10 have no C counterpart and are written here; complex64 computes those in
// complex128 and rounds once.
#include <string>
#include <cmath>
#include <complex>
#include <cstring>

#include "cpu/kernels.h"
#include "cpu/loops.h"
#include "cpu/vmath.h"

namespace hc::cpu {
namespace {

template <class T> using C = std::complex<T>;

// One functor per op. Real overloads take float or double; the complex overload is given per op.
#define HC_REAL_OPS(fn)                                           \
  float operator()(float x) const { return std::fn(x); }         \
  double operator()(double x) const { return std::fn(x); }

// Ops whose complex version is the std::complex (C99 Annex G) function of the same name.
#define HC_STD_OP(Name, fn)                                             \
  struct Name {                                                         \
    HC_REAL_OPS(fn)                                                     \
    template <class T> C<T> operator()(C<T> z) const { return std::fn(z); } \
  };

HC_STD_OP(Exp, exp)
HC_STD_OP(Log, log)
HC_STD_OP(Sqrt, sqrt)
HC_STD_OP(Sin, sin)
HC_STD_OP(Cos, cos)
HC_STD_OP(Asin, asin)
HC_STD_OP(Acos, acos)
HC_STD_OP(Atan, atan)
HC_STD_OP(Sinh, sinh)
HC_STD_OP(Cosh, cosh)
HC_STD_OP(Asinh, asinh)
HC_STD_OP(Acosh, acosh)
HC_STD_OP(Atanh, atanh)
#undef HC_STD_OP

// exp(z) - 1 without the cancellation near z = 0:
//   real = expm1(a) cos(b) - 2 sin^2(b/2),  imag = exp(a) sin(b).
// Non-finite inputs take cexp(z) - 1, which gives the Array API's table (it is exp's table
// shifted by -1); b == 0 keeps the imaginary zero exact (exp(a) * 0 would be NaN on overflow).
inline C<double> expm1_c(C<double> z) {
  double a = z.real(), b = z.imag();
  if (!std::isfinite(a) || !std::isfinite(b)) {
    C<double> e = std::exp(z);
    return {e.real() - 1.0, e.imag()};
  }
  // The Array API: expm1(+-0 + 0j) is +0 + 0j (unlike real expm1(-0), which is -0).
  if (b == 0) return {a == 0 ? 0.0 : std::expm1(a), b};
  double h = std::sin(b * 0.5);
  return {std::expm1(a) * std::cos(b) - 2.0 * h * h, std::exp(a) * std::sin(b)};
}

// log(1 + z). Near 0, log|1+z| = log1p(a (2 + a) + b^2) / 2 keeps the digits that forming
// 1 + a would lose; elsewhere log(hypot(1 + a, b)). Non-finite inputs take clog(1 + z), whose
// table is exactly the Array API's log1p table.
inline C<double> log1p_c(C<double> z) {
  double a = z.real(), b = z.imag();
  if (!std::isfinite(a) || !std::isfinite(b)) return std::log(C<double>(a + 1.0, b));
  double re;
  if (std::fabs(a) < 0.5 && std::fabs(b) < 0.5)
    re = 0.5 * std::log1p(a * (2.0 + a) + b * b);
  else
    re = std::log(std::hypot(a + 1.0, b));
  return {re, std::atan2(b, a + 1.0)};
}

constexpr double kLog2e = 1.44269504088896340735992468100189214;   // 1 / ln 2
constexpr double kLog10e = 0.434294481903251827651128918916605082;  // 1 / ln 10

// log2/log10 of complex: log(z) scaled componentwise (the change-of-base formula; scaling each
// part keeps the special values of log: inf stays inf, NaN stays NaN).
template <class T> inline C<T> scaled_log(C<T> z, double k) {
  C<T> l = std::log(z);
  return {T(l.real() * k), T(l.imag() * k)};
}

// tanh: C99 gives tanh(+inf + iy) = 1 + i0 sin(2y), where the Array API says 1 + 0j for every
// positive finite y (and conj/odd symmetry for the other quadrants): the zero takes y's sign.
template <class T> inline C<T> tanh_c(C<T> z) {
  if (std::isinf(z.real()) && std::isfinite(z.imag()))
    return {std::copysign(T(1), z.real()), std::copysign(T(0), z.imag())};
  return std::tanh(z);
}

struct Tanh {
  HC_REAL_OPS(tanh)
  template <class T> C<T> operator()(C<T> z) const { return tanh_c(z); }
};
// tan(z) = -i tanh(iz), the Array API's definition of its special cases (exact rotations).
struct Tan {
  HC_REAL_OPS(tan)
  template <class T> C<T> operator()(C<T> z) const {
    C<T> w = tanh_c(C<T>(-z.imag(), z.real()));
    return {w.imag(), -w.real()};
  }
};

struct Expm1 {
  HC_REAL_OPS(expm1)
  C<double> operator()(C<double> z) const { return expm1_c(z); }
  C<float> operator()(C<float> z) const { return C<float>(expm1_c(C<double>(z))); }
};
struct Log1p {
  HC_REAL_OPS(log1p)
  C<double> operator()(C<double> z) const { return log1p_c(z); }
  C<float> operator()(C<float> z) const { return C<float>(log1p_c(C<double>(z))); }
};
struct Log2 {
  HC_REAL_OPS(log2)
  C<double> operator()(C<double> z) const { return scaled_log(z, kLog2e); }
  C<float> operator()(C<float> z) const { return C<float>(scaled_log(C<double>(z), kLog2e)); }
};
struct Log10 {
  HC_REAL_OPS(log10)
  C<double> operator()(C<double> z) const { return scaled_log(z, kLog10e); }
  C<float> operator()(C<float> z) const { return C<float>(scaled_log(C<double>(z), kLog10e)); }
};
#undef HC_REAL_OPS

// exp2 (NumPy's, not an Array API function; hc.exp2 since round 3 of issue 6): its float32/
// float64 loops are the vector table's (register_vmath), the C library's exp2 elsewhere
// (float16/bfloat16 through float32). Complex: exp(z ln 2) with both parts scaled in the
// input's precision, as NumPy computes it (so the special values are exp's).
struct Exp2 {
  float operator()(float x) const { return std::exp2(x); }
  double operator()(double x) const { return std::exp2(x); }
  template <class T> C<T> operator()(C<T> z) const {
    const T ln2 = T(0.693147180559945309417232121458176568);
    return std::exp(C<T>(z.real() * ln2, z.imag() * ln2));
  }
};
void reg_exp2() {
  int op = op_id("exp2", 1, TypeRule::Inexact);
  op_info(op).cost = 8;
  reg_unary<Exp2, DType::Float16, DType::Float16>(op);
  reg_unary<Exp2, DType::BFloat16, DType::BFloat16>(op);
  reg_unary<Exp2, DType::Float32, DType::Float32>(op);
  reg_unary<Exp2, DType::Float64, DType::Float64>(op);
  reg_unary<Exp2, DType::Complex64, DType::Complex64>(op);
  reg_unary<Exp2, DType::Complex128, DType::Complex128>(op);
}

template <class Op>
void reg_inexact(const char* name) {
  int op = op_id(name, 1, TypeRule::Inexact);
  // Threads from 2 MiB / cost of operands (specs/threads.md): a transcendental function costs
  // about 8 adds per element in float lanes; sqrt about 2.
  op_info(op).cost = std::string(name) == "sqrt" ? 2 : 8;
  reg_unary<Op, DType::Float16, DType::Float16>(op);
  reg_unary<Op, DType::BFloat16, DType::BFloat16>(op);
  reg_unary<Op, DType::Float32, DType::Float32>(op);
  reg_unary<Op, DType::Float64, DType::Float64>(op);
  reg_unary<Op, DType::Complex64, DType::Complex64>(op);
  reg_unary<Op, DType::Complex128, DType::Complex128>(op);
}

// Vector loops (cpu/vmath.h) for float32/float64: contiguous runs call the table's function
// directly; strided ones go through a stack buffer in chunks (no gathers), so results do not
// depend on the layout. ctx points at the table entry chosen at import.
template <class T, class F>
void vmath_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  F f = *static_cast<const F*>(ctx);
  if (s[0] == int64_t(sizeof(T)) && s[1] == int64_t(sizeof(T))) {
    f(reinterpret_cast<const T*>(p[1]), reinterpret_cast<T*>(p[0]), n);
    return;
  }
  constexpr int64_t B = 256;
  T in[B], out[B];
  for (int64_t i = 0; i < n; i += B) {
    int64_t m = n - i < B ? n - i : B;
    for (int64_t j = 0; j < m; ++j) std::memcpy(&in[j], p[1] + (i + j) * s[1], sizeof(T));
    f(in, out, m);
    for (int64_t j = 0; j < m; ++j) std::memcpy(p[0] + (i + j) * s[0], &out[j], sizeof(T));
  }
}

// float16 / bfloat16 through the float32 vector kernels: blocks widened to float32 (exact),
// the table's function, each result rounded once to the 16-bit type (as the scalar loops did
// with the C library's float functions; NumPy computes its float16 functions in float32 too).
template <class H, class F>
void vmath_half_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  F f = *static_cast<const F*>(ctx);
  constexpr int64_t B = 256;
  float in[B], out[B];
  for (int64_t i = 0; i < n; i += B) {
    const int64_t m = n - i < B ? n - i : B;
    widen_block<H>(p[1] + i * s[1], s[1], in, m);
    f(in, out, m);
    narrow_block<H>(out, p[0] + i * s[0], s[0], m);
  }
}

// float16 / bfloat16 with the target's fused 16-bit function (vmath::Table::f16/bf16: the
// conversions in registers, 16 lanes an instruction): contiguous runs call it directly; strided
// ones gather the bits into a stack buffer, run it in place and scatter. Same results as
// vmath_half_loop (the same float32 kernel per lane, the same rounding).
template <class H>
void vmath_h16_loop(char** p, const int64_t* s, int64_t n, const void* ctx) {
  const vmath::UnaryH16 f = *static_cast<const vmath::UnaryH16*>(ctx);
  if (s[0] == 2 && s[1] == 2) {
    f(reinterpret_cast<const uint16_t*>(p[1]), reinterpret_cast<uint16_t*>(p[0]), n);
    return;
  }
  constexpr int64_t B = 512;
  uint16_t buf[B];
  for (int64_t i = 0; i < n; i += B) {
    const int64_t m = n - i < B ? n - i : B;
    for (int64_t j = 0; j < m; ++j) std::memcpy(&buf[j], p[1] + (i + j) * s[1], 2);
    f(buf, buf, m);
    for (int64_t j = 0; j < m; ++j) std::memcpy(p[0] + (i + j) * s[0], &buf[j], 2);
  }
}

// Binary vector loops (atan2): the same, with both inputs through buffers unless all three
// arrays are contiguous (broadcast scalars, stride 0, included).
template <class T, class F>
void vmath_loop2(char** p, const int64_t* s, int64_t n, const void* ctx) {
  F f = *static_cast<const F*>(ctx);
  constexpr int64_t E = int64_t(sizeof(T));
  if (s[0] == E && s[1] == E && s[2] == E) {
    f(reinterpret_cast<const T*>(p[1]), reinterpret_cast<const T*>(p[2]), reinterpret_cast<T*>(p[0]), n);
    return;
  }
  constexpr int64_t B = 256;
  T a[B], b[B], out[B];
  for (int64_t i = 0; i < n; i += B) {
    int64_t m = n - i < B ? n - i : B;
    for (int64_t j = 0; j < m; ++j) {
      std::memcpy(&a[j], p[1] + (i + j) * s[1], sizeof(T));
      std::memcpy(&b[j], p[2] + (i + j) * s[2], sizeof(T));
    }
    f(a, b, out, m);
    for (int64_t j = 0; j < m; ++j) std::memcpy(p[0] + (i + j) * s[0], &out[j], sizeof(T));
  }
}

// Every float32 function but sqrt goes to the vector table (pure float32 kernels; bounds in
// specs/accuracy.md). float64 goes to the table for the functions whose vector kernel is
// within 1 ulp (measured and asserted in specs/accuracy.md: all of them since round 3 of issue 6,
// when asin, acos and atan got their own kernels), plus sqrt (exact); not erf (no ufunc here).
static bool f64_vector(int f) {
  switch (f) {
    case vmath::Exp: case vmath::Exp2: case vmath::Expm1: case vmath::Log: case vmath::Log2:
    case vmath::Log10: case vmath::Log1p: case vmath::Sin: case vmath::Cos: case vmath::Tan:
    case vmath::Tanh: case vmath::Sinh: case vmath::Cosh: case vmath::Atanh: case vmath::Asinh:
    case vmath::Sqrt: case vmath::Acosh: case vmath::Asin: case vmath::Acos: case vmath::Atan:
    case vmath::Cbrt:
      return true;
    default:
      return false;
  }
}
void register_vmath() {
  const vmath::Table& t = vmath::table();
  if (!std::strcmp(t.target, "scalar")) return;  // no vector unit: the C library is faster
  for (int f = 0; f < vmath::kNumUnary; ++f) {
    int op = find_op(vmath::kUnaryNames[f]);
    if (op < 0) continue;
    if (f != vmath::Sqrt) {  // float32 sqrt: the compiler's sqrtps loop is exact and faster
      register_loop(op, Unit::CPU, DType::Float32, DType::Float32,
                    &vmath_loop<float, vmath::UnaryF32>, &t.f32[f]);
      // float16 exp at 1e5: 22 ns per element with the C library's expf per element, 0.3 in
      // NumPy (session 4)
      // (session 6: with the target's fused 16-bit functions where it has them, AVX-512: float16
      // exp at 1e5, one thread, 57 -> ~39 us; float32 exp ~26)
      if (t.f16[f])
        register_loop(op, Unit::CPU, DType::Float16, DType::Float16, &vmath_h16_loop<half>, &t.f16[f]);
      else
        register_loop(op, Unit::CPU, DType::Float16, DType::Float16,
                      &vmath_half_loop<half, vmath::UnaryF32>, &t.f32[f]);
      if (t.bf16[f])
        register_loop(op, Unit::CPU, DType::BFloat16, DType::BFloat16, &vmath_h16_loop<bfloat16>,
                      &t.bf16[f]);
      else
        register_loop(op, Unit::CPU, DType::BFloat16, DType::BFloat16,
                      &vmath_half_loop<bfloat16, vmath::UnaryF32>, &t.f32[f]);
    }
    if (f64_vector(f))
      register_loop(op, Unit::CPU, DType::Float64, DType::Float64,
                    &vmath_loop<double, vmath::UnaryF64>, &t.f64[f]);
  }
  // atan2 (round 3 of issue 6): the table's kernel (float64 within 0.5 ulp; float32 a
  // float-lane kernel since session 6, within 2 ulp; measured in specs/accuracy.md) replaces the
  // C library loops elementwise_arith.cpp registered (it runs before register_math;
  // cpu/register.cpp). cbrt (session 6) is in the unary table: its vector loops replace
  // cpu/elementwise_cbrt.cpp's for float16/bfloat16/float32/float64 the same way.
  int at2 = find_op("atan2");
  if (at2 >= 0) {
    register_loop(at2, Unit::CPU, DType::Float64, DType::Float64,
                  &vmath_loop2<double, vmath::BinaryF64>, &t.atan2_f64);
    register_loop(at2, Unit::CPU, DType::Float32, DType::Float32,
                  &vmath_loop2<float, vmath::BinaryF32>, &t.atan2_f32);
  }
}

}  // namespace

void register_math() {
  reg_inexact<Exp>("exp");
  reg_inexact<Expm1>("expm1");
  reg_inexact<Log>("log");
  reg_inexact<Log1p>("log1p");
  reg_inexact<Log2>("log2");
  reg_inexact<Log10>("log10");
  reg_inexact<Sqrt>("sqrt");
  reg_inexact<Sin>("sin");
  reg_inexact<Cos>("cos");
  reg_inexact<Tan>("tan");
  reg_inexact<Asin>("asin");
  reg_inexact<Acos>("acos");
  reg_inexact<Atan>("atan");
  reg_inexact<Sinh>("sinh");
  reg_inexact<Cosh>("cosh");
  reg_inexact<Tanh>("tanh");
  reg_inexact<Asinh>("asinh");
  reg_inexact<Acosh>("acosh");
  reg_inexact<Atanh>("atanh");
  reg_exp2();
  register_vmath();
}

}  // namespace hc::cpu
