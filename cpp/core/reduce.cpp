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

void register_reduce_outer(int op, DType acc, OuterLoop fn) { reduce_op(op).outer[int(acc)] = fn; }

void register_reduce_mixed(int op, DType in, DType acc, Loop fn, OuterLoop outer) {
  reduce_op(op).mixed[int(in)][int(acc)] = fn;
  reduce_op(op).mixed_outer[int(in)][int(acc)] = outer;
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
// reduced block write disjoint accumulators; a reduction to one output instead splits the
// elements into kOneOutputChunks fixed chunks (whatever the thread count, so the result is
// the same bit for bit on any number of threads), each into a private accumulator starting
// from the accumulator's initial value, and folds them at the end with `fold` (the loop of the
// accumulator dtype: fn itself unless fn reads a narrower input dtype).
constexpr int64_t kOneOutputChunks = 16;

void run_reduction(const IterPlan& plan, Loop fn, Loop fold, const Array& acc) {
  int nt = num_threads();
  if (plan.ndim == 0 || plan.size * 8 < parallel_threshold_bytes()) {
    run_loop(plan, fn, nullptr);
    return;
  }
  int64_t block = 1;
  int d = plan.ndim - 1;
  for (; d >= 0 && plan.strides[0][d] == 0; --d) block *= plan.shape[d];
  bool reduced_innermost = true;
  for (int k = 0; k <= d; ++k) reduced_innermost &= plan.strides[0][k] != 0;
  int64_t outputs = plan.size / block;
  if (acc.size() != 1) {
    // Every output is computed whole by one thread, in the same order: deterministic.
    if (nt > 1 && reduced_innermost && outputs >= nt)
      run_loop_parallel(plan, fn, nullptr, block);
    else
      run_loop(plan, fn, nullptr);
    return;
  }
  const int64_t P = kOneOutputChunks;
  Array partial = Array::empty(Dims{P}, acc.dtype, acc.device(), "reduce");
  copy_into(partial, acc.view(Dims{P}, Dims{0}, acc.offset), "reduce");
  const int64_t chunk = (plan.size + P - 1) / P;
  // One chunk per partial, taken dynamically: a worker that starts late (or whose CPU another
  // process holds) computes fewer of them; each partial is the same whichever thread runs it.
  parallel_for(P, 1, int(P), [&](int64_t b, int64_t e, int) {
    for (int64_t c = b; c < e; ++c) {
      IterPlan q = plan;
      q.base[0] = partial.data() + c * partial.itemsize();
      const int64_t lo = c * chunk, hi = lo + chunk < plan.size ? lo + chunk : plan.size;
      run_range(q, fn, nullptr, lo, hi);
    }
  });
  // Fold: the accumulator restarts from its initial value, so fold partials 1.. into partial 0.
  copy_into(acc, partial.view(Dims{}, Dims{}, partial.offset), "reduce");
  Array rest = partial.view(Dims{P - 1}, Dims{partial.itemsize()}, partial.offset + partial.itemsize());
  Array accv = acc.view(Dims{P - 1}, Dims{0}, acc.offset);
  const Array* ops[2] = {&accv, &rest};
  run_loop(plan_iteration(2, ops, accv.shape), fold, nullptr);
}

// Columns below this make the outer path's per-row overhead dominate; the iterator's path
// (pairwise along each strided column) is as fast there.
constexpr int64_t kOuterMinCols = 8;

// The outer path: when the input's fastest axis (stride +-itemsize after ordering and merging
// dims by the input's strides) is kept, the reduced dims become rows of contiguous columns and
// the kernel folds whole rows elementwise (vectorised across the columns). Kept dims other than
// the columns are walked outside; work is split over column blocks and those outer positions,
// never over rows, so results do not depend on the thread count. Returns false (nothing done)
// when the layout is not a fit.
bool try_outer(OuterLoop fn, const Array& src, const Array& acc_arr, const std::vector<bool>& red) {
  if (!fn) return false;
  const int nd = src.ndim();
  const int64_t isz = src.itemsize();
  Array accv = acc_arr.view(src.shape, acc_arr.strides, acc_arr.offset);
  for (int i = 0; i < nd; ++i)
    if (red[i]) accv.strides[i] = 0;
  const Array* ops[2] = {&src, &accv};
  IterPlan p = plan_iteration(2, ops, src.shape);
  if (p.size == 0 || p.ndim < 2) return false;
  const int in = p.ndim - 1;
  const int64_t ncols = p.shape[in];
  const int64_t cs = p.strides[0][in], os = p.strides[1][in];
  if (os == 0 || (cs != isz && cs != -isz) || ncols < kOuterMinCols) return false;
  // Rows: the reduced dims (output stride 0), outer first; outer positions: the kept ones.
  std::vector<int> rdims, kdims;
  for (int d = 0; d < in; ++d) (p.strides[1][d] == 0 ? rdims : kdims).push_back(d);
  if (rdims.empty()) return false;
  int64_t nrows = 1, nouter = 1;
  for (int d : rdims) nrows *= p.shape[d];
  for (int d : kdims) nouter *= p.shape[d];
  auto offsets = [&](const std::vector<int>& dims, int op, int64_t count) {
    std::vector<int64_t> off(size_t(count), 0);
    int64_t idx[kMaxDims] = {0};
    int64_t cur = 0;
    const int nd2 = int(dims.size());
    for (int64_t r = 0; r < count; ++r) {
      off[size_t(r)] = cur;
      for (int k = nd2 - 1; k >= 0; --k) {
        const int d = dims[size_t(k)];
        cur += p.strides[op][d];
        if (++idx[k] < p.shape[d]) break;
        cur -= p.strides[op][d] * p.shape[d];
        idx[k] = 0;
      }
    }
    return off;
  };
  const std::vector<int64_t> roff = offsets(rdims, 0, nrows);
  const std::vector<int64_t> oin = offsets(kdims, 0, nouter), oout = offsets(kdims, 1, nouter);
  // A reversed column axis: walk memory forwards and write the results backwards.
  const char* in0 = p.base[0];
  char* out0 = p.base[1];
  int64_t ostride = os;
  if (cs < 0) {
    in0 += (ncols - 1) * cs;
    out0 += (ncols - 1) * os;
    ostride = -os;
  }
  int nt = num_threads();
  const bool par = nt > 1 && p.size * isz >= parallel_threshold_bytes();
  // Column blocks: whole rows when there are enough outer positions, else about 4 per thread
  // per outer position, in multiples of 64 elements.
  int64_t cb = ncols;
  if (par && nouter < 4 * nt) {
    const int64_t parts = (4 * nt + nouter - 1) / nouter;
    cb = ((ncols + parts - 1) / parts + 63) / 64 * 64;
    if (cb > ncols) cb = ncols;
  }
  const int64_t nblk = (ncols + cb - 1) / cb;
  auto work = [&](int64_t b, int64_t e, int) {
    for (int64_t u = b; u < e; ++u) {
      const int64_t o = u / nblk, c0 = (u % nblk) * cb;
      const int64_t nc = ncols - c0 < cb ? ncols - c0 : cb;
      fn(in0 + oin[size_t(o)] + c0 * isz, roff.data(), nrows, nc, out0 + oout[size_t(o)] + c0 * ostride,
         ostride);
    }
  };
  const int64_t units = nouter * nblk;
  if (par && units > 1)
    parallel_for(units, 1, int(std::min<int64_t>(units, 4 * int64_t(nt))), work);
  else
    work(0, units, 0);
  return true;
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
  const bool work = has_kept_elems && !empty_reduction && x.size() > 0;
  // A loop that reads x in its own dtype (no converted copy) when there is one. Integer
  // accumulators give the same result in any order. A float64 sum of integers gives the bits of
  // the sum of a converted (C-ordered) copy when x is C-contiguous (the same order), or when
  // every partial sum is an exact integer below 2^53 (inputs of at most 32 bits, at most 2^21
  // elements per result) so that the order does not matter.
  Loop mixed = nullptr;
  OuterLoop mixed_outer = nullptr;
  if (work && dev.unit == Unit::CPU && x.dtype != loop_t) {
    mixed = op.mixed[int(x.dtype)][int(loop_t)];
    mixed_outer = op.mixed_outer[int(x.dtype)][int(loop_t)];
    if (mixed && is_float(loop_t) && !x.is_c_contiguous()) {
      int64_t count = 1;
      for (int i = 0; i < nd; ++i)
        if (red[i]) count *= x.shape[i];
      if (x.itemsize() > 4 || count > (int64_t(1) << 21)) {
        mixed = nullptr;
        mixed_outer = nullptr;
      }
    }
  }
  Array src;
  if (work) src = x.dtype == loop_t || mixed ? x : astype(x, loop_t);
  OuterLoop outer = mixed ? mixed_outer : op.outer[int(loop_t)];
  if (work && dev.unit == Unit::CPU && try_outer(outer, src, acc_arr, red)) {
    // done: the outer kernel wrote every result
  } else {
    if (op.init == ReduceInit::First) {
      if (empty_reduction)
        throw ValueError(op.name + ": zero-size array to reduction operation " + op.name +
                         " which has no identity");
      if (has_kept_elems) {
        // Start from x[..., 0, ...] along the reduced axes.
        Array first = x.view(full_shape, x.strides, x.offset);
        copy_into(acc_arr, first, op.name.c_str());
      }
    } else {
      fill(acc_arr, op.init == ReduceInit::Zero ? Scalar::from_int(0) : Scalar::from_int(1));
    }
    if (work) {
      // The accumulator seen with the input's shape: stride 0 along reduced axes.
      Array accv = acc_arr.view(x.shape, acc_arr.strides, acc_arr.offset);
      for (int i = 0; i < nd; ++i)
        if (red[i]) accv.strides[i] = 0;
      const Array* ops[2] = {&accv, &src};
      run_reduction(plan_iteration(2, ops, x.shape), mixed ? mixed : fn, fn, acc_arr);
    }
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
