// Reductions over any set of axes, through the same strided iterator as elementwise ops:
// the output is viewed with stride 0 along the reduced axes, so the iterator puts those axes
// innermost and a kernel sees either a run to fold into one accumulator (out stride 0) or a
// row to fold elementwise into a row of accumulators.
#pragma once
#include <vector>

#include "core/registry.h"

namespace hc {

enum class ReduceInit : uint8_t {
  Zero,   // sum, any, count: start from 0 / false
  One,    // prod, all: start from 1 / true
  First,  // max, min: start from the first element along the reduced axes (empty -> error)
};

// An outer reduction kernel: folds `nrows` rows of `ncols` contiguous elements (row r at
// in + roff[r] bytes) elementwise into out[c * ostride], c < ncols, writing the final values
// (it does not read out). Used when the input's fastest axis is kept (e.g. axis=0 of a C-ordered
// matrix): each step is a vector operation across the columns. A column's result must not
// depend on how the columns are split into calls.
using OuterLoop = void (*)(const char* in, const int64_t* roff, int64_t nrows, int64_t ncols,
                           char* out, int64_t ostride);

struct ReduceOp {
  std::string name;
  ReduceInit init = ReduceInit::Zero;
  // Loops by accumulator dtype; the input is cast to the accumulator dtype first.
  Loop loops[kNumUnits][kNumDTypes] = {};
  // Optional CPU outer kernels by accumulator dtype (see OuterLoop).
  OuterLoop outer[kNumDTypes] = {};
  // Optional CPU loops and outer kernels by [input dtype][accumulator dtype] that read the
  // input in its own dtype and fold it into the wider accumulator (an int32 sum into int64, an
  // integer mean's float64 sum), so no converted copy of the input is made. They must give the
  // result the accumulator-dtype loops give on a converted copy (bit for bit).
  Loop mixed[kNumDTypes][kNumDTypes] = {};
  OuterLoop mixed_outer[kNumDTypes][kNumDTypes] = {};
};

int reduce_op_id(const std::string& name, ReduceInit init);
int find_reduce_op(const std::string& name);
ReduceOp& reduce_op(int id);
int num_reduce_ops();
void register_reduce_loop(int op, Unit unit, DType acc, Loop fn);
void register_reduce_outer(int op, DType acc, OuterLoop fn);
void register_reduce_mixed(int op, DType in, DType acc, Loop fn, OuterLoop outer);

// Reduces x over `axes` (already normalised, distinct, in range). acc is the accumulator and
// result dtype (the caller decides: NumPy's sum of int8 is int64, and so on). float16 and
// bfloat16 accumulate in float32 and round once at the end.
Array dispatch_reduce(int op, const Array& x, const std::vector<int>& axes, bool keepdims, DType acc,
                      Device dev);

// Normalises an axis argument (negative allowed) for ndim; ValueError/IndexError naming fn.
namespace cpu {
// var (sd = false) or std of the C-contiguous float32/float64 x over its last `nred` axes, in
// two fused passes per output: the mean (a float64 pairwise sum divided by N, rounded to x's
// dtype), then the pairwise sum of (x - mean)^2 in x's dtype, divided by N - correction (NaN
// when that is <= 0). The bits of the composition in _statistical_functions._var (the same
// summation trees, see reduction_sum in cpu/reduce.cpp). *out has x's dtype and the kept
// shape. Returns false (nothing done) for other dtypes/layouts and empty inputs.
bool moments(const Array& x, int nred, double correction, bool sd, Array* out);
}  // namespace cpu

std::vector<int> normalize_axes(const std::vector<int64_t>& axes, int ndim, const char* fn);

}  // namespace hc
