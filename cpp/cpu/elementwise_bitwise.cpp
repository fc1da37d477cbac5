// bitwise_and/or/xor/invert over bool and ints; bitwise_left_shift/right_shift over ints (bool
// runs the int8 loop, as NumPy). Shift counts outside [0, width) give what NumPy gives: 0 for
// left shifts, 0 or -1 (by the sign of the value) for right shifts.
#include <cstring>
#include "cpu/elementwise_common.h"
#include "cpu/kernels.h"

namespace hc::cpu {
namespace {

struct And { template <class T> T operator()(T a, T b) const { return T(a & b); } };
struct Or { template <class T> T operator()(T a, T b) const { return T(a | b); } };
struct Xor { template <class T> T operator()(T a, T b) const { return T(a ^ b); } };
struct Invert {
  template <class T> T operator()(T a) const {
    if constexpr (std::is_same_v<T, bool>) {
      unsigned char u;  // through the byte: GCC does not vectorise ! on a bool value
      std::memcpy(&u, &a, 1);
      return u == 0;
    } else {
      return T(~W<T>(a));
    }
  }
};

// Shift counts outside [0, width) (negative included) are out of range.
template <class T> inline bool shift_out_of_range(T b) {
  if constexpr (std::is_signed_v<T>) return b < 0 || int64_t(b) >= int64_t(sizeof(T) * 8);
  else return uint64_t(b) >= sizeof(T) * 8;
}
struct LShift {
  template <class T> T operator()(T a, T b) const {
    if (shift_out_of_range(b)) return T(0);
    return T(W<T>(a) << unsigned(b));
  }
};
struct RShift {
  template <class T> T operator()(T a, T b) const {
    if constexpr (std::is_signed_v<T>) {
      if (shift_out_of_range(b)) return a < 0 ? T(-1) : T(0);
      // Arithmetic shift without relying on implementation-defined >> of negatives.
      return a < 0 ? T(~(~W<T>(a) >> unsigned(b))) : T(a >> unsigned(b));
    } else {
      if (shift_out_of_range(b)) return T(0);
      return T(a >> unsigned(b));
    }
  }
};
template <class Op> struct ViaInt8 {
  int8_t operator()(bool a, bool b) const { return Op{}(int8_t(a), int8_t(b)); }
};

}  // namespace

void register_bitwise() {
  using D = DType;
  bin_same<And, D::Bool, HC_INTS>(op_id("bitwise_and", 2));
  bin_same<Or, D::Bool, HC_INTS>(op_id("bitwise_or", 2));
  bin_same<Xor, D::Bool, HC_INTS>(op_id("bitwise_xor", 2));
  un_same<Invert, D::Bool, HC_INTS>(op_id("bitwise_invert", 1));
  int ls = op_id("bitwise_left_shift", 2), rs = op_id("bitwise_right_shift", 2);
  bin_same<LShift, HC_INTS>(ls);
  bin_same<RShift, HC_INTS>(rs);
  reg_binary<ViaInt8<LShift>, D::Bool, D::Int8>(ls);
  reg_binary<ViaInt8<RShift>, D::Bool, D::Int8>(rs);
}

}  // namespace hc::cpu
