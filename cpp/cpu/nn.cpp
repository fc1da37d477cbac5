// hcarray.nn drivers: walk the rows of the input (any strides, any float dtype), hand each row
// to the per-target kernels of cpu/nn_kernels.h (contiguous float32/float64 rows directly,
// others through a small buffer in the compute dtype), and split the rows over the thread pool
// when the work is large enough. Methods: cpu/nn_impl.h; contract: specs/nn.md.
#include "cpu/nn.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/iter.h"
#include "core/parallel.h"
#include "core/registry.h"
#include "cpu/nn_kernels.h"
#include "cpu/vmath.h"

namespace hc::cpu::nn {

const Kernels& kernels() {
  static const Kernels* k = [] {
    const char* t = vmath::table().target;
    const Kernels* r = nullptr;
    if (!std::strcmp(t, "avx512")) r = kernels_avx512();
    else if (!std::strcmp(t, "avx2")) r = kernels_avx2();
    else if (!std::strcmp(t, "neon")) r = kernels_neon();
    return r ? r : kernels_scalar();
  }();
  return *k;
}

namespace {

template <class C> const Fns<C>& fns();
template <> const Fns<float>& fns<float>() { return kernels().f32; }
template <> const Fns<double>& fns<double>() { return kernels().f64; }

template <class T> inline T ld(const char* p) { T v; std::memcpy(&v, p, sizeof(T)); return v; }
template <class T> inline void st(char* p, T v) { std::memcpy(p, &v, sizeof(T)); }

void check_input(const Array& x, const char* fn, const char* what = "x") {
  if (!is_float(x.dtype))
    throw TypeError(std::string(fn) + ": " + what + " must have a real floating-point dtype " +
                    "(float16, bfloat16, float32, float64), got " + name(x.dtype));
  if (x.device().unit != Unit::CPU)
    throw TypeError(std::string(fn) + ": not supported on " + x.device().str());
}

// The dtype computations run in.
DType compute_dtype(DType t) { return t == DType::Float64 ? DType::Float64 : DType::Float32; }
template <class C> constexpr DType native() {
  return sizeof(C) == 8 ? DType::Float64 : DType::Float32;
}

// n elements of dtype dt, `stride` bytes apart, to/from the compute type C.
template <class C>
void gather(DType dt, const char* p, int64_t stride, C* buf, int64_t n) {
  switch (dt) {
    case DType::Float16:
      for (int64_t i = 0; i < n; ++i) buf[i] = C(half_to_float(ld<uint16_t>(p + i * stride)));
      break;
    case DType::BFloat16:
      for (int64_t i = 0; i < n; ++i) buf[i] = C(bf16_to_float(ld<uint16_t>(p + i * stride)));
      break;
    case DType::Float32:
      for (int64_t i = 0; i < n; ++i) buf[i] = C(ld<float>(p + i * stride));
      break;
    case DType::Float64:
      for (int64_t i = 0; i < n; ++i) buf[i] = C(ld<double>(p + i * stride));
      break;
    case DType::Bool:
      for (int64_t i = 0; i < n; ++i) buf[i] = ld<uint8_t>(p + i * stride) ? C(0) : -std::numeric_limits<C>::infinity();
      break;
    default:
      throw TypeError("nn: unsupported dtype");
  }
}
template <class C>
void scatter(DType dt, char* p, int64_t stride, const C* buf, int64_t n) {
  switch (dt) {
    case DType::Float16:
      for (int64_t i = 0; i < n; ++i)
        st<uint16_t>(p + i * stride, sizeof(C) == 8 ? double_to_half(double(buf[i])) : float_to_half(float(buf[i])));
      break;
    case DType::BFloat16:
      for (int64_t i = 0; i < n; ++i)
        st<uint16_t>(p + i * stride, sizeof(C) == 8 ? double_to_bf16(double(buf[i])) : float_to_bf16(float(buf[i])));
      break;
    case DType::Float32:
      for (int64_t i = 0; i < n; ++i) st<float>(p + i * stride, float(buf[i]));
      break;
    case DType::Float64:
      for (int64_t i = 0; i < n; ++i) st<double>(p + i * stride, double(buf[i]));
      break;
    default:
      throw TypeError("nn: unsupported dtype");
  }
}

// True when n elements at p, `stride` bytes apart, can be read as a C array directly.
template <class C>
bool direct(DType dt, const char* p, int64_t stride, int64_t n) {
  return dt == native<C>() && (stride == int64_t(sizeof(C)) || n <= 1) &&
         reinterpret_cast<uintptr_t>(p) % sizeof(C) == 0;
}

int chunks_for(int64_t units, int64_t work_bytes) {
  if (work_bytes < parallel_threshold_bytes() || num_threads() <= 1) return 1;
  int64_t c = 4 * int64_t(num_threads());
  return int(units < c ? units : c);
}

// ---- activations ----

struct ActCtx {
  int op;
  DType dt;
};

template <class C>
void act_loop(char** p, const int64_t* s, int64_t n, const void* vctx) {
  const ActCtx& c = *static_cast<const ActCtx*>(vctx);
  const Fns<C>& f = fns<C>();
  const vmath::Table& t = vmath::table();
  if (direct<C>(c.dt, p[1], s[1], n) && direct<C>(c.dt, p[0], s[0], n)) {
    f.act(c.op, reinterpret_cast<const C*>(p[1]), reinterpret_cast<C*>(p[0]), n, t);
    return;
  }
  constexpr int64_t kBuf = 1024;
  C buf[kBuf];
  for (int64_t i = 0; i < n; i += kBuf) {
    int64_t m = n - i < kBuf ? n - i : kBuf;
    gather<C>(c.dt, p[1] + i * s[1], s[1], buf, m);
    f.act(c.op, buf, buf, m, t);
    scatter<C>(c.dt, p[0] + i * s[0], s[0], buf, m);
  }
}

// ---- rows ----

// The dims other than the row's: shape and the byte strides of up to 4 operands.
struct Outer {
  int nd = 0;
  int64_t shape[kMaxDims];
  int64_t str[4][kMaxDims];
  int nop = 0;
};

// Calls body(ptrs, buf-independent) for each of `rows` rows, split over threads. f(b, e, offs)
// gets per row the byte offsets of each operand.
template <class F>
void for_rows(const Outer& o, int64_t rows, int64_t work_bytes, F&& f) {
  auto body = [&](int64_t b, int64_t e, int) {
    int64_t idx[kMaxDims];
    int64_t off[4] = {0, 0, 0, 0};
    int64_t r = b;
    for (int d = o.nd - 1; d >= 0; --d) {
      idx[d] = r % o.shape[d];
      r /= o.shape[d];
      for (int k = 0; k < o.nop; ++k) off[k] += idx[d] * o.str[k][d];
    }
    auto state = f.begin();
    for (int64_t row = b; row < e; ++row) {
      f(state, off);
      for (int d = o.nd - 1; d >= 0; --d) {
        for (int k = 0; k < o.nop; ++k) off[k] += o.str[k][d];
        if (++idx[d] < o.shape[d]) break;
        for (int k = 0; k < o.nop; ++k) off[k] -= o.str[k][d] * o.shape[d];
        idx[d] = 0;
      }
    }
  };
  parallel_for(rows, 1, chunks_for(rows, work_bytes), body);
}

template <class C>
struct SoftmaxRow {
  const Array& x;
  const Array& out;
  int64_t len, xs, os;
  bool log;
  std::vector<C> begin() const { return std::vector<C>(); }
  void operator()(std::vector<C>& buf, const int64_t* off) const {
    const char* xp = x.data() + off[0];
    char* op = out.data() + off[1];
    const bool din = direct<C>(x.dtype, xp, xs, len), dout = direct<C>(out.dtype, op, os, len);
    if ((!din || !dout) && buf.empty()) buf.resize(size_t(len));
    const C* src = din ? reinterpret_cast<const C*>(xp) : buf.data();
    if (!din) gather<C>(x.dtype, xp, xs, buf.data(), len);
    C* dst = dout ? reinterpret_cast<C*>(op) : buf.data();
    fns<C>().softmax(src, dst, len, log, vmath::table());
    if (!dout) scatter<C>(out.dtype, op, os, dst, len);
  }
};

template <class C>
struct NormRow {
  const Array& x;
  const Array& out;
  int64_t len, xs, os;
  const C* w;
  const C* b;
  double eps;
  bool rms;
  std::vector<C> begin() const { return std::vector<C>(); }
  void operator()(std::vector<C>& buf, const int64_t* off) const {
    const char* xp = x.data() + off[0];
    char* op = out.data() + off[1];
    const bool din = direct<C>(x.dtype, xp, xs, len), dout = direct<C>(out.dtype, op, os, len);
    if ((!din || !dout) && buf.empty()) buf.resize(size_t(len));
    const C* src = din ? reinterpret_cast<const C*>(xp) : buf.data();
    if (!din) gather<C>(x.dtype, xp, xs, buf.data(), len);
    C* dst = dout ? reinterpret_cast<C*>(op) : buf.data();
    fns<C>().norm(src, dst, len, w, b, eps, rms);
    if (!dout) scatter<C>(out.dtype, op, os, dst, len);
  }
};

// Weight/bias as a contiguous array of the compute dtype (kept alive by the caller).
Array as_compute(const Array& a, DType c) {
  if (a.dtype == c && a.is_c_contiguous() && reinterpret_cast<uintptr_t>(a.data()) % itemsize(c) == 0)
    return a;
  return astype(a, c);
}

}  // namespace

Array activation(const Array& x, const char* op, const char* fn) {
  check_input(x, fn);
  int id;
  if (!std::strcmp(op, "sigmoid")) id = Sigmoid;
  else if (!std::strcmp(op, "silu")) id = Silu;
  else if (!std::strcmp(op, "gelu_tanh")) id = GeluTanh;
  else if (!std::strcmp(op, "gelu_erf")) id = GeluErf;
  else throw ValueError(std::string(fn) + ": unknown activation " + op);
  Array out = Array::empty(x.shape, x.dtype, x.device(), fn);
  if (out.size() == 0) return out;
  ActCtx ctx{id, x.dtype};
  const Array* ops[2] = {&out, &x};
  IterPlan plan = plan_iteration(2, ops, x.shape);
  Loop loop = compute_dtype(x.dtype) == DType::Float64 ? &act_loop<double> : &act_loop<float>;
  run_loop_parallel(plan, loop, &ctx, 64);
  return out;
}

Array softmax(const Array& x, int axis, bool log, const char* fn) {
  check_input(x, fn);
  if (axis < 0 || axis >= x.ndim())
    throw IndexError(std::string(fn) + ": axis " + std::to_string(axis) +
                     " is out of bounds for array of dimension " + std::to_string(x.ndim()));
  Array out = Array::empty(x.shape, x.dtype, x.device(), fn);
  const int64_t len = x.shape[axis];
  if (out.size() == 0) return out;
  Outer o;
  o.nop = 2;
  for (int d = 0; d < x.ndim(); ++d) {
    if (d == axis || x.shape[d] == 1) continue;
    o.shape[o.nd] = x.shape[d];
    o.str[0][o.nd] = x.strides[d];
    o.str[1][o.nd] = out.strides[d];
    ++o.nd;
  }
  const int64_t rows = out.size() / len;
  const int64_t work = out.size() * int64_t(x.itemsize()) * 8;  // exp is worth ~4 copies
  if (compute_dtype(x.dtype) == DType::Float64)
    for_rows(o, rows, work, SoftmaxRow<double>{x, out, len, x.strides[axis], out.strides[axis], log});
  else
    for_rows(o, rows, work, SoftmaxRow<float>{x, out, len, x.strides[axis], out.strides[axis], log});
  return out;
}

Array norm(const Array& x0, int nnorm, const Array* w, const Array* b, double eps, bool rms,
           const char* fn) {
  check_input(x0, fn);
  const int nd = x0.ndim();
  if (nnorm < 1 || nnorm > nd)
    throw ValueError(std::string(fn) + ": cannot normalise over " + std::to_string(nnorm) +
                     " trailing dims of an array of dimension " + std::to_string(nd));
  Dims nshape;
  for (int d = nd - nnorm; d < nd; ++d) nshape.push_back(x0.shape[d]);
  for (const Array* a : {w, b}) {
    if (!a) continue;
    check_input(*a, fn, a == w ? "weight" : "bias");
    if (a->shape != nshape)
      throw ValueError(std::string(fn) + ": " + (a == w ? "weight" : "bias") + " shape " +
                       shape_str(a->shape) + " does not match normalized_shape " + shape_str(nshape));
  }
  // The trailing dims must be one strided run; otherwise work on a contiguous copy.
  Array x = x0;
  bool run = true;
  // Compare each trailing dim of extent > 1 with the next one of extent > 1 (size-1 dims in
  // between carry arbitrary strides and must not hide a gap; hypothesis found (6, 1, 6)).
  for (int d = nd - nnorm, prev = -1; d < nd; ++d) {
    if (x.shape[d] == 1) continue;
    if (prev >= 0 && x.strides[prev] != x.strides[d] * x.shape[d]) run = false;
    prev = d;
  }
  int64_t len = 1;
  for (int d = nd - nnorm; d < nd; ++d) len *= x.shape[d];
  if (!run && len > 1) x = ascontiguous(x);
  int64_t xs = 0;  // the stride of the innermost dim of size > 1 among the trailing ones
  for (int d = nd - 1; d >= nd - nnorm; --d)
    if (x.shape[d] != 1) { xs = x.strides[d]; break; }
  Array out = Array::empty(x.shape, x.dtype, x.device(), fn);
  if (out.size() == 0) return out;
  Outer o;
  o.nop = 2;
  for (int d = 0; d < nd - nnorm; ++d) {
    if (x.shape[d] == 1) continue;
    o.shape[o.nd] = x.shape[d];
    o.str[0][o.nd] = x.strides[d];
    o.str[1][o.nd] = out.strides[d];
    ++o.nd;
  }
  const int64_t rows = out.size() / len;
  const int64_t work = out.size() * int64_t(x.itemsize()) * 3;
  const DType c = compute_dtype(x.dtype);
  Array wc = w ? as_compute(*w, c) : Array(), bc = b ? as_compute(*b, c) : Array();
  const int64_t os = out.itemsize();
  if (c == DType::Float64)
    for_rows(o, rows, work, NormRow<double>{x, out, len, xs, os,
             w ? reinterpret_cast<const double*>(wc.data()) : nullptr,
             b ? reinterpret_cast<const double*>(bc.data()) : nullptr, eps, rms});
  else
    for_rows(o, rows, work, NormRow<float>{x, out, len, xs, os,
             w ? reinterpret_cast<const float*>(wc.data()) : nullptr,
             b ? reinterpret_cast<const float*>(bc.data()) : nullptr, eps, rms});
  return out;
}

namespace {

template <class C>
void attention_impl(const Array& q, const Array& k, const Array& v, const Array* mask,
                    bool causal, double scale, const Array& out, const Dims& batch) {
  const int nb = int(batch.size());
  const int64_t lq = q.shape[nb], e = q.shape[nb + 1], lk = k.shape[nb], ev = v.shape[nb + 1];
  int64_t nbatch = 1;
  for (int64_t s : batch) nbatch *= s;
  const int64_t units = nbatch * lq;
  const Fns<C>& f = fns<C>();
  const vmath::Table& t = vmath::table();
  const C sc = C(scale);
  const C ninf = -std::numeric_limits<C>::infinity();
  const int64_t work = units * lk * (e + ev) * int64_t(sizeof(C));
  const Array* ops[5] = {&q, &k, &v, &out, mask};
  const int nop = mask ? 5 : 4;
  auto body = [&](int64_t b0, int64_t b1, int) {
    std::vector<C> s(size_t(lk) + 1), o(size_t(ev) + 1), mrow(mask ? size_t(lk) + 1 : 1);
    int64_t cur = -1;
    int64_t off[5] = {0, 0, 0, 0, 0};
    for (int64_t u = b0; u < b1; ++u) {
      const int64_t bi = u / lq, i = u % lq;
      if (bi != cur) {
        cur = bi;
        for (int kk = 0; kk < nop; ++kk) off[kk] = 0;
        int64_t r = bi;
        for (int d = nb - 1; d >= 0; --d) {
          int64_t id = r % batch[d];
          r /= batch[d];
          for (int kk = 0; kk < nop; ++kk) off[kk] += id * ops[kk]->strides[d];
        }
      }
      const C* qi = reinterpret_cast<const C*>(q.data() + off[0] + i * q.strides[nb]);
      const char* kb = k.data() + off[1];
      const char* vb = v.data() + off[2];
      const int64_t jend = causal ? (i + 1 < lk ? i + 1 : lk) : lk;
      for (int64_t j = 0; j < jend; ++j)
        s[j] = f.dot(qi, reinterpret_cast<const C*>(kb + j * k.strides[nb]), e) * sc;
      for (int64_t j = jend; j < lk; ++j) s[j] = ninf;
      if (mask) {
        const char* mp = mask->data() + off[4] + i * mask->strides[nb];
        gather<C>(mask->dtype, mp, mask->strides[nb + 1], mrow.data(), lk);
        for (int64_t j = 0; j < lk; ++j) s[j] += mrow[j];
      }
      f.softmax(s.data(), s.data(), lk, false, t);
      for (int64_t j = 0; j < ev; ++j) o[j] = C(0);
      for (int64_t j = 0; j < lk; ++j)
        f.axpy(s[j], reinterpret_cast<const C*>(vb + j * v.strides[nb]), o.data(), ev);
      char* op = out.data() + off[3] + i * out.strides[nb];
      scatter<C>(out.dtype, op, out.strides[nb + 1], o.data(), ev);
    }
  };
  parallel_for(units, 1, chunks_for(units, work / 4), body);
}

// x with its last dim contiguous, in the compute dtype, aligned.
Array rows_ready(const Array& a, DType c) {
  const int nd = a.ndim();
  bool ok = a.dtype == c && reinterpret_cast<uintptr_t>(a.data()) % itemsize(c) == 0 &&
            (a.shape[nd - 1] <= 1 || a.strides[nd - 1] == itemsize(c));
  for (int d = 0; ok && d < nd; ++d)
    if (a.strides[d] % itemsize(c) != 0) ok = false;
  return ok ? a : astype(a, c);
}

}  // namespace

Array attention(const Array& q0, const Array& k0, const Array& v0, const Array* mask0,
                bool causal, double scale, const char* fn) {
  check_input(q0, fn, "query");
  check_input(k0, fn, "key");
  check_input(v0, fn, "value");
  const std::string f = fn;
  if (q0.ndim() < 2 || k0.ndim() < 2 || v0.ndim() < 2)
    throw ValueError(f + ": query, key and value must have at least 2 dimensions");
  if (q0.dtype != k0.dtype || q0.dtype != v0.dtype)
    throw TypeError(f + ": query, key and value must have the same dtype, got " +
                    name(q0.dtype) + ", " + name(k0.dtype) + ", " + name(v0.dtype));
  const int64_t lq = q0.shape[q0.ndim() - 2], e = q0.shape[q0.ndim() - 1];
  const int64_t lk = k0.shape[k0.ndim() - 2], ev = v0.shape[v0.ndim() - 1];
  if (k0.shape[k0.ndim() - 1] != e)
    throw ValueError(f + ": key's last dimension " + std::to_string(k0.shape[k0.ndim() - 1]) +
                     " does not match query's " + std::to_string(e));
  if (v0.shape[v0.ndim() - 2] != lk)
    throw ValueError(f + ": value has " + std::to_string(v0.shape[v0.ndim() - 2]) +
                     " rows but key has " + std::to_string(lk));
  auto lead = [](const Array& a, int keep) {
    Dims d;
    for (int i = 0; i < a.ndim() - keep; ++i) d.push_back(a.shape[i]);
    return d;
  };
  Dims batch = broadcast_shapes(lead(q0, 2), lead(k0, 2), fn);
  batch = broadcast_shapes(batch, lead(v0, 2), fn);
  if (mask0) {
    if (mask0->dtype != DType::Bool && !is_float(mask0->dtype))
      throw TypeError(f + ": mask must be bool or floating-point, got " + name(mask0->dtype));
    if (mask0->ndim() > 2) batch = broadcast_shapes(batch, lead(*mask0, 2), fn);
  }
  const DType c = compute_dtype(q0.dtype);
  auto full = [&](const Array& a, int64_t r, int64_t cols) {
    Dims d = batch;
    d.push_back(r);
    d.push_back(cols);
    return broadcast_to(a, d, fn);
  };
  Array q = full(rows_ready(q0, c), lq, e);
  Array k = full(rows_ready(k0, c), lk, e);
  Array v = full(rows_ready(v0, c), lk, ev);
  Array m;
  if (mask0) {
    const Dims& ms = mask0->shape;
    Dims want = batch;
    want.push_back(lq);
    want.push_back(lk);
    // broadcast_to's error would name the shapes; name ours.
    try {
      m = broadcast_to(*mask0, want, fn);
    } catch (const ValueError&) {
      throw ValueError(f + ": mask of shape " + shape_str(ms) + " cannot be broadcast to " +
                       shape_str(want));
    }
  }
  Dims oshape = batch;
  oshape.push_back(lq);
  oshape.push_back(ev);
  Array out = Array::empty(oshape, q0.dtype, q0.device(), fn);
  if (out.size() == 0) return out;
  if (c == DType::Float64)
    attention_impl<double>(q, k, v, mask0 ? &m : nullptr, causal, scale, out, batch);
  else
    attention_impl<float>(q, k, v, mask0 ? &m : nullptr, causal, scale, out, batch);
  return out;
}

}  // namespace hc::cpu::nn
