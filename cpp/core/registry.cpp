#include "core/registry.h"

#include <memory>
#include <unordered_map>

namespace hc {

namespace {
std::vector<std::unique_ptr<OpInfo>>& ops() {
  static auto* v = new std::vector<std::unique_ptr<OpInfo>>();
  return *v;
}
std::unordered_map<std::string, int>& names() {
  static auto* m = new std::unordered_map<std::string, int>();
  return *m;
}
}  // namespace

int op_id(const std::string& name, int arity, TypeRule rule) {
  auto it = names().find(name);
  if (it != names().end()) return it->second;
  auto info = std::make_unique<OpInfo>();
  info->name = name;
  info->arity = arity;
  info->rule = rule;
  ops().push_back(std::move(info));
  int id = int(ops().size()) - 1;
  names()[name] = id;
  return id;
}

int find_op(const std::string& name) {
  auto it = names().find(name);
  return it == names().end() ? -1 : it->second;
}

OpInfo& op_info(int id) { return *ops()[id]; }
int num_ops() { return int(ops().size()); }

void register_loop(int op, Unit unit, DType in, DType out, Loop fn, const void* ctx) {
  op_info(op).loops[int(unit)][int(in)] = LoopEntry{fn, out, ctx};
}

DType inexact_for(DType in) {
  switch (in) {
    case DType::Bool: case DType::Int8: case DType::UInt8: return DType::Float16;
    case DType::Int16: case DType::UInt16: return DType::Float32;
    case DType::Int32: case DType::UInt32: case DType::Int64: case DType::UInt64: return DType::Float64;
    default: return in;
  }
}

DType loop_dtype(const OpInfo& op, DType in) {
  if (op.rule == TypeRule::Inexact) return inexact_for(in);
  return in;
}

// Binary ops with the inexact rule take each integer input to its own float first and then
// promote (NumPy: uint8 with int8 -> float16, not float32 via int16).
static DType binary_loop_dtype(const OpInfo& op, DType a, DType b) {
  if (op.rule == TypeRule::Inexact && !is_inexact(a) && !is_inexact(b))
    return promote(inexact_for(a), inexact_for(b), op.name.c_str());
  return loop_dtype(op, promote(a, b, op.name.c_str()));
}

// Why a unit lacks loops for some dtypes, for the error message.
static const char* unit_note(Unit u, DType t) {
  switch (u) {
    case Unit::ANE: return "the Neural Engine computes in float16";
    case Unit::Metal: return t == DType::Float64 || t == DType::Complex128 ? "Metal GPUs have no float64" : "";
    default: return "";
  }
}

// a and b are the caller's dtypes, for the message (b == a for unary ops).
static const LoopEntry& find_loop(const OpInfo& op, Device dev, DType in, DType a, DType b) {
  const LoopEntry& e = op.loops[int(dev.unit)][int(in)];
  if (e.fn) return e;
  if (dev.automatic && dev.unit != Unit::CPU) {
    const LoopEntry& cpu = op.loops[int(Unit::CPU)][int(in)];
    if (cpu.fn) return cpu;
  }
  std::string what = op.arity == 2 && a != b ? std::string(name(a)) + " and " + name(b)
                                             : std::string(name(a));
  if (dev.unit != Unit::CPU) {
    std::string note = unit_note(dev.unit, in);
    throw TypeError(dev.str() + ": " + op.name + " on " + what + " is not supported" +
                    (note.empty() ? std::string() : ": " + note));
  }
  throw TypeError(op.name + ": not supported for " + (op.arity == 2 ? "dtypes " : "dtype ") +
                  (op.arity == 2 ? std::string(name(a)) + " and " + name(b) : what));
}

void check_supported(int opid, Device dev, DType a, DType b) {
  const OpInfo& op = op_info(opid);
  DType ld = op.arity == 2 ? binary_loop_dtype(op, a, b) : loop_dtype(op, a);
  find_loop(op, dev, ld, a, b);
}

DType result_dtype(int opid, DType a, DType b) {
  const OpInfo& op = op_info(opid);
  DType ld = op.arity == 2 ? binary_loop_dtype(op, a, b) : loop_dtype(op, a);
  const LoopEntry& e = op.loops[int(Unit::CPU)][int(ld)];
  if (!e.fn) throw TypeError(op.name + ": not supported for input dtype " + name(ld));
  return e.out;
}

// An input that shares bytes with `out` without being exactly the same elements would be read
// after it was overwritten; such calls compute into a temporary first.
static bool unsafe_alias(const Array& out, const Array& in) {
  return may_overlap(out, in) && !(out.offset == in.offset && out.strides == in.strides &&
                                   out.dtype == in.dtype);
}

static Array prepare_out(const OpInfo& op, const Dims& shape, DType out_dtype, Device dev,
                         const Array* out, bool* cast_after, const Array* in0,
                         const Array* in1) {
  *cast_after = false;
  if (!out) return Array::empty(shape, out_dtype, dev, op.name.c_str());
  if (!out->writeable) throw ValueError(op.name + ": output array is read-only");
  if (out->shape != shape)
    throw ValueError(op.name + ": out has shape " + shape_str(out->shape) + " but the result has shape " +
                     shape_str(shape));
  if (out->dtype == out_dtype && !unsafe_alias(*out, *in0) && !(in1 && unsafe_alias(*out, *in1)))
    return *out;
  *cast_after = true;
  return Array::empty(shape, out_dtype, dev, op.name.c_str());
}

// The common case in one step: operands of the loop's dtype and the same shape, both
// C-contiguous, no out: one run over the elements (threaded past the pool's threshold).
static bool same_contiguous(const Array& a, const Array& b, DType ld) {
  return a.dtype == ld && b.dtype == ld && a.shape == b.shape && a.is_c_contiguous() &&
         b.is_c_contiguous();
}
static void run_contiguous(int nop, char** base, const int64_t* item, int64_t n, Loop fn,
                           const void* ctx, int64_t cost) {
  if (n == 0) return;
  IterPlan p;
  p.nop = nop;
  p.ndim = 1;
  p.size = n;
  p.shape = Dims{n};
  for (int k = 0; k < nop; ++k) {
    p.base[k] = base[k];
    p.strides[k] = Dims{item[k]};
  }
  run_loop_parallel(p, fn, ctx, 1, cost);
}

Array dispatch_unary(int opid, const Array& x, Device dev, const Array* out) {
  const OpInfo& op = op_info(opid);
  DType ld = loop_dtype(op, x.dtype);
  const LoopEntry& e = find_loop(op, dev, ld, x.dtype, x.dtype);
  if (!out && x.dtype == ld && x.is_c_contiguous()) {
    Array res = Array::empty(x.shape, e.out, dev, op.name.c_str());
    char* base[2] = {res.data(), x.data()};
    const int64_t item[2] = {itemsize(e.out), itemsize(ld)};
    run_contiguous(2, base, item, res.size(), e.fn, e.ctx, op.cost);
    return res;
  }
  Array src = x.dtype == ld ? x : astype(x, ld);
  bool cast_after;
  Array res = prepare_out(op, x.shape, e.out, dev, out, &cast_after, &src, nullptr);
  const Array* operands[2] = {&res, &src};
  IterPlan plan = plan_iteration(2, operands, res.shape);
  run_loop_parallel(plan, e.fn, e.ctx, 1, op.cost);
  if (cast_after) {
    copy_into(*out, res, op.name.c_str());
    return *out;
  }
  return res;
}

Array dispatch_binary(int opid, const Array& a, const Array& b, Device dev, const Array* out) {
  const OpInfo& op = op_info(opid);
  DType ld = binary_loop_dtype(op, a.dtype, b.dtype);
  const LoopEntry& e = find_loop(op, dev, ld, a.dtype, b.dtype);
  if (!out && same_contiguous(a, b, ld)) {
    Array res = Array::empty(a.shape, e.out, dev, op.name.c_str());
    char* base[3] = {res.data(), a.data(), b.data()};
    const int64_t item[3] = {itemsize(e.out), itemsize(ld), itemsize(ld)};
    run_contiguous(3, base, item, res.size(), e.fn, e.ctx, op.cost);
    return res;
  }
  Dims shape = broadcast_shapes(a.shape, b.shape, op.name.c_str());
  Array sa = broadcast_to(a.dtype == ld ? a : astype(a, ld), shape, op.name.c_str());
  Array sb = broadcast_to(b.dtype == ld ? b : astype(b, ld), shape, op.name.c_str());
  bool cast_after;
  Array res = prepare_out(op, shape, e.out, dev, out, &cast_after, &sa, &sb);
  const Array* operands[3] = {&res, &sa, &sb};
  IterPlan plan = plan_iteration(3, operands, shape);
  run_loop_parallel(plan, e.fn, e.ctx, 1, op.cost);
  if (cast_after) {
    copy_into(*out, res, op.name.c_str());
    return *out;
  }
  return res;
}

}  // namespace hc
