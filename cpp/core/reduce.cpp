#include "core/reduce.h"

#include "core/parallel.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace hc {

namespace {
std::vector<std::unique_ptr<ReduceOp>>& rops() {
  static auto* v = new std::vector<std::unique_ptr<ReduceOp>>();
  return *v;
}
}  // namespace

int reduce_op_id(const std::string& name, ReduceInit init) {
  int id = find_reduce_op(name);
  if (id >= 0) return id;
  auto op = std::make_unique<ReduceOp>();
  op->name = name;
  op->init = init;
  rops().push_back(std::move(op));
  return int(rops().size()) - 1;
}

int find_reduce_op(const std::string& name) {
  for (size_t i = 0; i < rops().size(); ++i)
    if (rops()[i]->name == name) return int(i);
  return -1;
}

ReduceOp& reduce_op(int id) { return *rops()[id]; }
int num_reduce_ops() { return int(rops().size()); }

void register_reduce_loop(int op, Unit unit, DType acc, Loop fn) {
  reduce_op(op).loops[int(unit)][int(acc)] = fn;
}

std::vector<int> normalize_axes(const std::vector<int64_t>& axes, int ndim, const char* fn) {
  std::vector<int> out;
  for (int64_t a : axes) {
    if (a < -ndim || a >= ndim)
      throw IndexError(std::string(fn) + ": axis " + std::to_string(a) +
                       " is out of bounds for array of dimension " + std::to_string(ndim));
    int v = int(a < 0 ? a + ndim : a);
    if (std::find(out.begin(), out.end(), v) != out.end())
      throw ValueError(std::string(fn) + ": repeated axis " + std::to_string(a));
    out.push_back(v);
  }
  return out;
}

namespace {

// Runs a reduction plan (operand 0: the accumulator, stride 0 along reduced dims) on the pool
// when it is large. The iterator orders the stride-0 dims innermost, so chunks aligned to the
// reduced block write disjoint accumulators; a reduction to few outputs instead gives each
// thread a private accumulator and folds them at the end with the same loop.
void run_reduction(const IterPlan& plan, Loop fn, const Array& acc) {
  int nt = num_threads();
  if (nt <= 1 || plan.ndim == 0 || plan.size * 8 < parallel_threshold_bytes()) {
    run_loop(plan, fn, nullptr);
    return;
  }
  int64_t block = 1;
  int d = plan.ndim - 1;
  for (; d >= 0 && plan.strides[0][d] == 0; --d) block *= plan.shape[d];
  bool reduced_innermost = true;
  for (int k = 0; k <= d; ++k) reduced_innermost &= plan.strides[0][k] != 0;
  int64_t outputs = plan.size / block;
  if (reduced_innermost && outputs >= nt) {
    run_loop_parallel(plan, fn, nullptr, block);
    return;
  }
  if (acc.size() != 1) {
    run_loop(plan, fn, nullptr);
    return;
  }
  // One output: private accumulators, each starting from the accumulator's initial value.
  Array partial = Array::empty(Dims{int64_t(nt)}, acc.dtype, acc.device(), "reduce");
  copy_into(partial, acc.view(Dims{int64_t(nt)}, Dims{0}, acc.offset), "reduce");
  parallel_for(plan.size, 1, nt, [&](int64_t b, int64_t e, int w) {
    IterPlan q = plan;
    q.base[0] = partial.data() + w * partial.itemsize();
    run_range(q, fn, nullptr, b, e);
  });
  // Fold: the accumulator restarts from its initial value, so fold partials 1.. into partial 0.
  copy_into(acc, partial.view(Dims{}, Dims{}, partial.offset), "reduce");
  Array rest = partial.view(Dims{int64_t(nt - 1)}, Dims{partial.itemsize()}, partial.offset + partial.itemsize());
  Array accv = acc.view(Dims{int64_t(nt - 1)}, Dims{0}, acc.offset);
  const Array* ops[2] = {&accv, &rest};
  run_loop(plan_iteration(2, ops, accv.shape), fn, nullptr);
}

}  // namespace

Array dispatch_reduce(int opid, const Array& x, const std::vector<int>& axes, bool keepdims, DType acc,
                      Device dev) {
  const ReduceOp& op = reduce_op(opid);
  DType loop_t = (acc == DType::Float16 || acc == DType::BFloat16) ? DType::Float32 : acc;
  Loop fn = op.loops[int(dev.unit)][int(loop_t)];
  if (!fn)
    throw TypeError(op.name + ": not supported for dtype " + name(x.dtype) +
                    (dev.unit != Unit::CPU ? " on " + dev.str() : std::string()));
  int nd = x.ndim();
  std::vector<bool> red(nd, false);
  for (int a : axes) red[a] = true;

  Dims kept_shape, full_shape;  // result shape without / with the reduced dims (as 1)
  bool empty_reduction = false;
  for (int i = 0; i < nd; ++i) {
    if (red[i]) {
      full_shape.push_back(1);
      if (x.shape[i] == 0) empty_reduction = true;
    } else {
      kept_shape.push_back(x.shape[i]);
      full_shape.push_back(x.shape[i]);
    }
  }
  Array acc_arr = Array::empty(full_shape, loop_t, dev, op.name.c_str());
  bool has_kept_elems = acc_arr.size() > 0;
  if (op.init == ReduceInit::First) {
    if (empty_reduction)
      throw ValueError(op.name + ": zero-size array to reduction operation " + op.name +
                       " which has no identity");
    if (has_kept_elems) {
      // Start from x[..., 0, ...] along the reduced axes.
      Dims st = x.strides;
      Dims shp = full_shape;
      Array first = x.view(shp, st, x.offset);
      copy_into(acc_arr, first, op.name.c_str());
    }
  } else {
    fill(acc_arr, op.init == ReduceInit::Zero ? Scalar::from_int(0) : Scalar::from_int(1));
  }
  if (has_kept_elems && !empty_reduction && x.size() > 0) {
    Array src = x.dtype == loop_t ? x : astype(x, loop_t);
    // The accumulator seen with the input's shape: stride 0 along reduced axes.
    Array accv = acc_arr.view(x.shape, acc_arr.strides, acc_arr.offset);
    for (int i = 0; i < nd; ++i)
      if (red[i]) accv.strides[i] = 0;
    const Array* ops[2] = {&accv, &src};
    run_reduction(plan_iteration(2, ops, x.shape), fn, acc_arr);
  }
  Array result = acc_arr;
  if (loop_t != acc) result = astype(acc_arr, acc);
  if (!keepdims) {
    result.shape = kept_shape;
    result.strides = c_strides(kept_shape, result.itemsize());
  }
  return result;
}

}  // namespace hc
