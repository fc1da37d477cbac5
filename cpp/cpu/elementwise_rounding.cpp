// floor, ceil, trunc, round.
//
// Floats: the C library on the same type (exact; float16/bfloat16 round-trip through float32,
// which is exact too). round is half-to-even (nearbyint in the default rounding mode, as NumPy's
// rint). Complex: only round, applied to the real and imaginary parts independently (NumPy has
// no complex floor/ceil/trunc: no loop, so TypeError). Integers and bool: identity in the same
// dtype, as NumPy 2 returns; except round(bool), which NumPy gives as float16.
#include <cmath>
#include <complex>
#include <cstring>

#include "cpu/kernels.h"
#include "cpu/loops.h"

namespace hc::cpu {
namespace {

struct Floor {
  float operator()(float x) const { return std::floor(x); }
  double operator()(double x) const { return std::floor(x); }
};
struct Ceil {
  float operator()(float x) const { return std::ceil(x); }
  double operator()(double x) const { return std::ceil(x); }
};
struct Trunc {
  float operator()(float x) const { return std::trunc(x); }
  double operator()(double x) const { return std::trunc(x); }
};
struct Round {
  float operator()(float x) const { return std::nearbyint(x); }
  double operator()(double x) const { return std::nearbyint(x); }
  template <class T> std::complex<T> operator()(std::complex<T> z) const {
    return {std::nearbyint(z.real()), std::nearbyint(z.imag())};
  }
  float operator()(bool b) const { return b ? 1.0f : 0.0f; }  // round(bool) -> float16
};

// The integer identity: one copy loop per item size, shared by every integer dtype and op.
template <int N>
void copy_loop(char** p, const int64_t* s, int64_t n, const void*) {
  char* o = p[0];
  const char* a = p[1];
  if (s[0] == N && s[1] == N) {
    if (o != a) std::memmove(o, a, size_t(n) * N);
    return;
  }
  for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * s[0], a + i * s[1], N);
}

void reg_identity_ints(int op, bool with_bool) {
  if (with_bool) register_loop(op, Unit::CPU, DType::Bool, DType::Bool, &copy_loop<1>);
  register_loop(op, Unit::CPU, DType::Int8, DType::Int8, &copy_loop<1>);
  register_loop(op, Unit::CPU, DType::UInt8, DType::UInt8, &copy_loop<1>);
  register_loop(op, Unit::CPU, DType::Int16, DType::Int16, &copy_loop<2>);
  register_loop(op, Unit::CPU, DType::UInt16, DType::UInt16, &copy_loop<2>);
  register_loop(op, Unit::CPU, DType::Int32, DType::Int32, &copy_loop<4>);
  register_loop(op, Unit::CPU, DType::UInt32, DType::UInt32, &copy_loop<4>);
  register_loop(op, Unit::CPU, DType::Int64, DType::Int64, &copy_loop<8>);
  register_loop(op, Unit::CPU, DType::UInt64, DType::UInt64, &copy_loop<8>);
}

template <class Op>
int reg_real(const char* name) {
  int op = op_id(name, 1, TypeRule::Same);
  reg_identity_ints(op, !std::is_same_v<Op, Round>);
  reg_unary<Op, DType::Float16, DType::Float16>(op);
  reg_unary<Op, DType::BFloat16, DType::BFloat16>(op);
  reg_unary<Op, DType::Float32, DType::Float32>(op);
  reg_unary<Op, DType::Float64, DType::Float64>(op);
  return op;
}

}  // namespace

void register_rounding() {
  reg_real<Floor>("floor");
  reg_real<Ceil>("ceil");
  reg_real<Trunc>("trunc");
  int round = reg_real<Round>("round");
  reg_unary<Round, DType::Bool, DType::Float16>(round);
  reg_unary<Round, DType::Complex64, DType::Complex64>(round);
  reg_unary<Round, DType::Complex128, DType::Complex128>(round);
}

}  // namespace hc::cpu
