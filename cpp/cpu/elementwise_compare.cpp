// Comparisons (equal ... greater_equal), logical_and/or/xor/not, and the predicates isnan,
// isinf, isfinite, signbit. Every dtype in, bool out, as NumPy; complex order is NumPy's
// lexicographic one.
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "cpu/elementwise_common.h"
#include "cpu/kernels.h"

namespace hc::cpu {
namespace {

struct Eq { template <class T> bool operator()(T a, T b) const { return a == b; } };
struct Ne { template <class T> bool operator()(T a, T b) const { return a != b; } };
struct Lt {
  template <class T> bool operator()(T a, T b) const {
    if constexpr (is_complex_v<T>) return clt(a, b);
    else return a < b;
  }
};
struct Le {
  template <class T> bool operator()(T a, T b) const {
    if constexpr (is_complex_v<T>) return cle(a, b);
    else return a <= b;
  }
};
struct Gt {
  template <class T> bool operator()(T a, T b) const {
    if constexpr (is_complex_v<T>) return cgt(a, b);
    else return a > b;
  }
};
struct Ge {
  template <class T> bool operator()(T a, T b) const {
    if constexpr (is_complex_v<T>) return cge(a, b);
    else return a >= b;
  }
};

template <class T> inline bool truth(T a) {
  if constexpr (is_complex_v<T>) return a.real() != 0 || a.imag() != 0;
  else return a != T(0);
}
// & and | on the truth values, not && and ||: the short circuit is a branch per element, which
// random data mispredicts (session 5: bool logical_or at n = 1e5 took 288 us, NumPy 4.5).
struct LAnd { template <class T> bool operator()(T a, T b) const { return truth(a) & truth(b); } };
struct LOr { template <class T> bool operator()(T a, T b) const { return truth(a) | truth(b); } };
struct LXor { template <class T> bool operator()(T a, T b) const { return truth(a) != truth(b); } };
// A bool read through its byte: GCC does not vectorise ! on a bool value (session 5: bool
// logical_not at n = 1e5 took 28 us, NumPy 4.8).
inline bool byte_is_zero(bool a) {
  unsigned char u;
  std::memcpy(&u, &a, 1);
  return u == 0;
}
struct LNot {
  template <class T> bool operator()(T a) const { return !truth(a); }
  bool operator()(bool a) const { return byte_is_zero(a); }
};

// float32/float64 predicates on the bits (|x| as an unsigned integer against the bits of
// +inf): integer compares the compiler vectorises, where std::isnan and friends were one
// element at a time (1e6 float32 isnan: 0.5x NumPy).
template <class F> struct Bits;
template <> struct Bits<float> { using U = uint32_t; static constexpr U abs = 0x7fffffffu, inf = 0x7f800000u; };
template <> struct Bits<double> {
  using U = uint64_t;
  static constexpr U abs = 0x7fffffffffffffffull, inf = 0x7ff0000000000000ull;
};
template <class F> inline typename Bits<F>::U abs_bits(F a) {
  typename Bits<F>::U u;
  std::memcpy(&u, &a, sizeof u);
  return u & Bits<F>::abs;
}

struct IsNan {
  template <class T> bool operator()(T a) const {
    if constexpr (is_complex_v<T>) return std::isnan(a.real()) || std::isnan(a.imag());
    else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) return abs_bits(a) > Bits<T>::inf;
    else if constexpr (std::is_floating_point_v<T>) return std::isnan(a);
    else return false;
  }
};
struct IsInf {
  template <class T> bool operator()(T a) const {
    if constexpr (is_complex_v<T>) return std::isinf(a.real()) || std::isinf(a.imag());
    else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) return abs_bits(a) == Bits<T>::inf;
    else if constexpr (std::is_floating_point_v<T>) return std::isinf(a);
    else return false;
  }
};
struct IsFinite {
  template <class T> bool operator()(T a) const {
    if constexpr (is_complex_v<T>) return std::isfinite(a.real()) && std::isfinite(a.imag());
    else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) return abs_bits(a) < Bits<T>::inf;
    else if constexpr (std::is_floating_point_v<T>) return std::isfinite(a);
    else return true;
  }
};
struct SignBit { template <class F> bool operator()(F a) const { return std::signbit(a); } };

}  // namespace

void register_comparison() {
  using D = DType;
  const int cmp[6] = {op_id("equal", 2), op_id("not_equal", 2), op_id("less", 2),
                      op_id("less_equal", 2), op_id("greater", 2), op_id("greater_equal", 2)};
  // bool, ints, float32/64 through the per-target loops; 16-bit floats and complex plainly.
  bin_out_v<Eq, D::Bool, D::Bool, HC_REAL_V>(cmp[0]);
  bin_out_v<Ne, D::Bool, D::Bool, HC_REAL_V>(cmp[1]);
  bin_out_v<Lt, D::Bool, D::Bool, HC_REAL_V>(cmp[2]);
  bin_out_v<Le, D::Bool, D::Bool, HC_REAL_V>(cmp[3]);
  bin_out_v<Gt, D::Bool, D::Bool, HC_REAL_V>(cmp[4]);
  bin_out_v<Ge, D::Bool, D::Bool, HC_REAL_V>(cmp[5]);
  bin_out<Eq, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(cmp[0]);
  bin_out<Ne, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(cmp[1]);
  bin_out<Lt, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(cmp[2]);
  bin_out<Le, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(cmp[3]);
  bin_out<Gt, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(cmp[4]);
  bin_out<Ge, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(cmp[5]);
  // The logical ops as the comparisons: bool, ints, float32/64 through the per-target loops
  // (session 5: bool logical_not at n = 1e5 took 28.5 us through the plain loop, NumPy 4.8).
  const int land = op_id("logical_and", 2), lor = op_id("logical_or", 2);
  const int lxor = op_id("logical_xor", 2), lnot = op_id("logical_not", 1);
  bin_out_v<LAnd, D::Bool, D::Bool, HC_REAL_V>(land);
  bin_out_v<LOr, D::Bool, D::Bool, HC_REAL_V>(lor);
  bin_out_v<LXor, D::Bool, D::Bool, HC_REAL_V>(lxor);
  un_out_v<LNot, D::Bool, D::Bool, HC_REAL_V>(lnot);
  bin_out<LAnd, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(land);
  bin_out<LOr, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(lor);
  bin_out<LXor, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(lxor);
  un_out<LNot, D::Bool, D::Float16, D::BFloat16, HC_COMPLEX>(lnot);
  const int isn = op_id("isnan", 1), isi = op_id("isinf", 1), isf = op_id("isfinite", 1);
  un_out_v<IsNan, D::Bool, D::Float32, D::Float64>(isn);
  un_out_v<IsInf, D::Bool, D::Float32, D::Float64>(isi);
  un_out_v<IsFinite, D::Bool, D::Float32, D::Float64>(isf);
  un_out<IsNan, D::Bool, D::Bool, HC_INTS, D::Float16, D::BFloat16, HC_COMPLEX>(isn);
  un_out<IsInf, D::Bool, D::Bool, HC_INTS, D::Float16, D::BFloat16, HC_COMPLEX>(isi);
  un_out<IsFinite, D::Bool, D::Bool, HC_INTS, D::Float16, D::BFloat16, HC_COMPLEX>(isf);
  // signbit: ints and bool go to float (NumPy's loops are e, f, d), so only float loops.
  un_out<SignBit, D::Bool, HC_FLOATS>(op_id("signbit", 1, TypeRule::Inexact));
}

}  // namespace hc::cpu
