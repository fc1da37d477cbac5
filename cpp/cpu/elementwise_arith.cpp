// add, subtract, multiply and the other arithmetic ops over every numeric dtype.
#include "cpu/loops.h"
#include "cpu/kernels.h"

namespace hc::cpu {
namespace {

struct Add { template <class T> T operator()(T a, T b) const { return a + b; } };
struct Sub { template <class T> T operator()(T a, T b) const { return a - b; } };
struct Mul { template <class T> T operator()(T a, T b) const { return a * b; } };
// bool + bool is logical or, bool * bool logical and (NumPy).
struct AddBool { bool operator()(bool a, bool b) const { return a || b; } };
struct MulBool { bool operator()(bool a, bool b) const { return a && b; } };

// Integer arithmetic wraps (two's complement) as NumPy does; done in unsigned to avoid UB.
template <class T, class Op> struct Wrap {
  T operator()(T a, T b) const {
    using U = std::make_unsigned_t<T>;
    return T(Op{}(U(a), U(b)));
  }
};

template <class Op, template <class, class> class W>
void reg_all_numeric(int op) {
  reg_binary<W<int8_t, Op>, DType::Int8, DType::Int8>(op);
  reg_binary<W<int16_t, Op>, DType::Int16, DType::Int16>(op);
  reg_binary<W<int32_t, Op>, DType::Int32, DType::Int32>(op);
  reg_binary<W<int64_t, Op>, DType::Int64, DType::Int64>(op);
  reg_binary<W<uint8_t, Op>, DType::UInt8, DType::UInt8>(op);
  reg_binary<W<uint16_t, Op>, DType::UInt16, DType::UInt16>(op);
  reg_binary<W<uint32_t, Op>, DType::UInt32, DType::UInt32>(op);
  reg_binary<W<uint64_t, Op>, DType::UInt64, DType::UInt64>(op);
  reg_binary<Op, DType::Float16, DType::Float16>(op);
  reg_binary<Op, DType::BFloat16, DType::BFloat16>(op);
  reg_binary<Op, DType::Float32, DType::Float32>(op);
  reg_binary<Op, DType::Float64, DType::Float64>(op);
  reg_binary<Op, DType::Complex64, DType::Complex64>(op);
  reg_binary<Op, DType::Complex128, DType::Complex128>(op);
}

}  // namespace

void register_arithmetic() {
  int add = op_id("add", 2);
  reg_all_numeric<Add, Wrap>(add);
  reg_binary<AddBool, DType::Bool, DType::Bool>(add);
  int sub = op_id("subtract", 2);
  reg_all_numeric<Sub, Wrap>(sub);  // bool - bool is a TypeError, as in NumPy: no loop
  int mul = op_id("multiply", 2);
  reg_all_numeric<Mul, Wrap>(mul);
  reg_binary<MulBool, DType::Bool, DType::Bool>(mul);
}

}  // namespace hc::cpu
