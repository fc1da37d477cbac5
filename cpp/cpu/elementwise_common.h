// Helpers shared by the arithmetic, comparison and bitwise kernel files: wrapping integer types,
// NumPy's complex formulas (written out, so results match NumPy bit for bit rather than
// libgcc's Annex G helpers), and registration over dtype lists.
#pragma once
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "cpu/loops.h"
#include "cpu/loops_target.h"

namespace hc::cpu {

#define HC_INTS DType::Int8, DType::Int16, DType::Int32, DType::Int64, \
                DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64
#define HC_FLOATS DType::Float16, DType::BFloat16, DType::Float32, DType::Float64
#define HC_COMPLEX DType::Complex64, DType::Complex128
#define HC_NUMERIC HC_INTS, HC_FLOATS, HC_COMPLEX
#define HC_ALL DType::Bool, HC_NUMERIC
// The dtypes whose loops are compiled per SIMD target (cpu/loops_target.h).
#define HC_REAL_V HC_INTS, DType::Float32, DType::Float64

// Unsigned type of an integer, and the unsigned type its wrapping arithmetic runs in (at least
// unsigned int, so uint16 * uint16 never promotes to a signed int that could overflow).
template <class T> struct unsigned_of { using type = std::make_unsigned_t<T>; };
template <> struct unsigned_of<bool> { using type = uint8_t; };
template <class T> using U = typename unsigned_of<T>::type;
template <class T>
using W = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, U<T>>;

// Register Op for each listed dtype, output of the same dtype / of a fixed dtype.
template <class Op, DType... Ts> void bin_same(int op) { (reg_binary<Op, Ts, Ts>(op), ...); }
template <class Op, DType Out, DType... Ts> void bin_out(int op) { (reg_binary<Op, Ts, Out>(op), ...); }
template <class Op, DType... Ts> void un_same(int op) { (reg_unary<Op, Ts, Ts>(op), ...); }
template <class Op, DType Out, DType... Ts> void un_out(int op) { (reg_unary<Op, Ts, Out>(op), ...); }

// ---- complex, as NumPy writes it --------------------------------------------------------------

// The plain product (NumPy's npy_math helpers, used by its pow).
template <class F> inline std::complex<F> cmul(std::complex<F> a, std::complex<F> b) {
  F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  return {ar * br - ai * bi, ar * bi + ai * br};
}
// The product of NumPy's multiply and square loops (fused multiply-add/subtract, as its SIMD
// kernels on x86-64 v3/v4 compute it; std::fma rounds once, the same bits on any machine).
template <class F> inline std::complex<F> cmul_fma(std::complex<F> a, std::complex<F> b) {
  F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  return {std::fma(ar, br, -(ai * bi)), std::fma(ar, bi, ai * br)};
}

// Smith's division, NumPy's variant (division by zero gives a complex inf/nan).
template <class F> inline std::complex<F> cdiv(std::complex<F> a, std::complex<F> b) {
  F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  F abr = std::fabs(br), abi = std::fabs(bi);
  if (abr >= abi) {
    if (abr == 0 && abi == 0) return {ar / abr, ai / abr};
    F rat = bi / br;
    F scl = F(1) / (br + bi * rat);
    return {(ar + ai * rat) * scl, (ai - ar * rat) * scl};
  }
  F rat = br / bi;
  F scl = F(1) / (bi + br * rat);
  return {(ar * rat + ai) * scl, (ai * rat - ar) * scl};
}

// NumPy's npy_cpow: exact small integer powers by repeated multiplication, else the C library.
template <class F> inline std::complex<F> cpow(std::complex<F> a, std::complex<F> b) {
  using C = std::complex<F>;
  F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  if (br == 0 && bi == 0) return C(1, 0);
  if (ar == 0 && ai == 0) {
    if (br > 0) return C(0, 0);
    return C(std::numeric_limits<F>::quiet_NaN(), std::numeric_limits<F>::quiet_NaN());
  }
  if (bi == 0 && br >= F(-100) && br <= F(100) && br == std::trunc(br)) {
    long n = long(br);
    if (n == 1) return a;
    if (n == 2) return cmul(a, a);
    if (n == 3) return cmul(a, cmul(a, a));
    if (n > -100 && n < 100) {
      long m = n < 0 ? -n : n;
      C acc(1, 0), p = a;
      long mask = 1;
      while (true) {
        if (m & mask) acc = cmul(acc, p);
        mask <<= 1;
        if (m < mask || mask <= 0) break;
        p = cmul(p, p);
      }
      if (br < 0) acc = cdiv(C(1, 0), acc);
      return acc;
    }
  }
  return std::pow(a, b);
}

// NumPy's lexicographic complex order (a NaN in an imaginary part makes the real-part test fail).
template <class F> inline bool clt(std::complex<F> x, std::complex<F> y) {
  return (x.real() < y.real() && !std::isnan(x.imag()) && !std::isnan(y.imag())) ||
         (x.real() == y.real() && x.imag() < y.imag());
}
template <class F> inline bool cle(std::complex<F> x, std::complex<F> y) {
  return (x.real() < y.real() && !std::isnan(x.imag()) && !std::isnan(y.imag())) ||
         (x.real() == y.real() && x.imag() <= y.imag());
}
template <class F> inline bool cgt(std::complex<F> x, std::complex<F> y) {
  return (x.real() > y.real() && !std::isnan(x.imag()) && !std::isnan(y.imag())) ||
         (x.real() == y.real() && x.imag() > y.imag());
}
template <class F> inline bool cge(std::complex<F> x, std::complex<F> y) {
  return (x.real() > y.real() && !std::isnan(x.imag()) && !std::isnan(y.imag())) ||
         (x.real() == y.real() && x.imag() >= y.imag());
}

// |z| as NumPy's SIMD loop computes it (the result NumPy gives for contiguous and positive-stride
// data): larger * sqrt(fma(r, r, 1)) with r = smaller / larger; inf wins over NaN.
template <class F> inline F cabs(std::complex<F> z) {
  F re = std::fabs(z.real()), im = std::fabs(z.imag());
  const F inf = std::numeric_limits<F>::infinity();
  if (re == inf || im == inf) return inf;
  if (std::isnan(re) || std::isnan(im)) return std::numeric_limits<F>::quiet_NaN();
  F larger = re > im ? re : im, smaller = re > im ? im : re;
  F ratio = larger == 0 ? F(0) : smaller / larger;
  return std::sqrt(std::fma(ratio, ratio, F(1))) * larger;
}

// sign(z) = z / |z| (NumPy 2, Array API 2023.12+), with NumPy's handling of infinities.
template <class F> inline std::complex<F> csign(std::complex<F> z) {
  F r = z.real(), i = z.imag();
  F a = std::hypot(r, i);
  F nan = std::numeric_limits<F>::quiet_NaN();
  if (std::isnan(a)) return {nan, nan};
  if (std::isinf(a)) {
    if (std::isinf(r)) {
      if (std::isinf(i)) return {nan, nan};
      return {r > 0 ? F(1) : F(-1), F(0)};
    }
    return {F(0), i > 0 ? F(1) : F(-1)};
  }
  if (a == 0) return {F(0), F(0)};
  return {r / a, i / a};
}

}  // namespace hc::cpu
