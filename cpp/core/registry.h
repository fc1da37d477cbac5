// The op registry: (op, unit, loop dtype) -> kernel, and the rules that pick a loop dtype.
// Every elementwise op goes through dispatch_unary/dispatch_binary below, whichever unit runs it.
#pragma once
#include <string>
#include <vector>

#include "core/array.h"
#include "core/iter.h"

namespace hc {

// How an op maps its (promoted) input dtype onto the dtype of the loop that runs it.
enum class TypeRule : uint8_t {
  Same,        // loop in the input dtype (add, negative, abs...)
  Inexact,     // ints and bool go to float as NumPy does (sin, sqrt, divide...)
  BoolOnly,    // only bool allowed? no: NumPy logical ops accept any dtype; loop in input dtype
};

struct LoopEntry {
  Loop fn = nullptr;
  DType out = DType::Bool;
  const void* ctx = nullptr;
};

struct OpInfo {
  std::string name;
  int arity = 0;
  TypeRule rule = TypeRule::Same;
  // Work per element relative to a plain add: the thread pool takes the op from
  // parallel_threshold_bytes() / cost bytes on (transcendental functions pay for the hand-off
  // on smaller arrays than an add does).
  int cost = 1;
  LoopEntry loops[kNumUnits][kNumDTypes];
};

// Registers (or finds) an op by name; returns its id.
int op_id(const std::string& name, int arity, TypeRule rule = TypeRule::Same);
int find_op(const std::string& name);  // -1 when absent
OpInfo& op_info(int id);
int num_ops();
void register_loop(int op, Unit unit, DType in, DType out, Loop fn, const void* ctx = nullptr);

// The dtype the loop for this op should run in, given the promoted input dtype (NumPy's rule
// for ints going to float: 8-bit and bool -> float16, 16-bit -> float32, wider -> float64).
DType loop_dtype(const OpInfo& op, DType in);
DType inexact_for(DType in);

// Runs an elementwise op. `out` may be given (NumPy's out=): it must have the broadcast shape;
// results are cast into it. Errors name the op.
Array dispatch_unary(int op, const Array& x, Device dev, const Array* out = nullptr);
Array dispatch_binary(int op, const Array& a, const Array& b, Device dev, const Array* out = nullptr);
// Throws the TypeError dispatch would give when `dev` has no loop for these dtypes, e.g.
// "ane: exp on float64 is not supported: the Neural Engine computes in float16".
void check_supported(int op, Device dev, DType a, DType b);
// Which output dtype the op would give for these inputs (for result_type-style queries).
DType result_dtype(int op, DType a, DType b);

// The cast/copy kernel: dst[...] = src broadcast to dst's shape, converted to dst's dtype.
// True when a and b might touch the same bytes (same storage, overlapping extents).
bool may_overlap(const Array& a, const Array& b);
void copy_into(const Array& dst, const Array& src, const char* fn = "copy");
Array astype(const Array& a, DType t);            // always a new C-contiguous array
Array ascontiguous(const Array& a);               // a itself when already C-contiguous
void fill(const Array& dst, const Scalar& value);  // dst[...] = value
// where(cond, a, b) with broadcasting of all three and promotion of a and b (cpu/where.cpp).
Array where(const Array& cond, const Array& a, const Array& b);

// Every kernel family registers its loops here at module start (no static initialisers: they
// are dropped from static libraries).
void register_cpu_kernels();

}  // namespace hc
