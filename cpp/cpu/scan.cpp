// Scan kernels: cumulative sum and product along one axis, any dtype, any strides.
//
// Two walks, chosen by memory layout:
//  - lines: when the scanned axis has the smallest stride (or there are few lines), each line is
//    scanned start to end with a running value held in a register;
//  - rows: otherwise the scan advances one step at a time over whole rows: out[k] = out[k-1] op
//    x[k], elementwise over all other axes through the strided iterator, so memory is read in
//    its own order rather than one far-apart element per line.
#include "cpu/scan.h"

#include <cstring>
#include <type_traits>

#include "core/cast.h"
#include "core/iter.h"
#include "core/registry.h"
#include "cpu/elementwise_common.h"

namespace hc::cpu {
namespace {

template <class T> inline T ld(const char* p) { T v; std::memcpy(&v, p, sizeof(T)); return v; }
template <class T> inline void st(char* p, T v) { std::memcpy(p, &v, sizeof(T)); }

// One step of the scan, as add / multiply compute it for storage type T.
template <class T, bool Prod> inline T step(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return Prod ? (a && b) : (a || b);
  } else if constexpr (std::is_integral_v<T>) {
    using Wt = W<T>;  // unsigned, at least unsigned int: wraps without undefined behaviour
    return T(Prod ? Wt(Wt(a) * Wt(b)) : Wt(Wt(a) + Wt(b)));
  } else if constexpr (is_half_v<T>) {
    float r = Prod ? widen(a) * widen(b) : widen(a) + widen(b);
    return cast_value<T>(r);
  } else if constexpr (is_complex_v<T>) {
    return Prod ? cmul_fma(a, b) : T(a.real() + b.real(), a.imag() + b.imag());
  } else {
    return Prod ? a * b : a + b;
  }
}

struct LineCtx {
  int64_t len;        // elements of x along the axis
  int64_t out_step;   // byte stride of out along the axis
  int64_t in_step;    // byte stride of x along the axis
  bool initial;       // out starts with the identity
};

// For each of n lines (operand 0: out, 1: x), scans one line.
template <class T, bool Prod>
void line_loop(char** p, const int64_t* s, int64_t n, const void* vctx) {
  const LineCtx& c = *static_cast<const LineCtx*>(vctx);
  for (int64_t i = 0; i < n; ++i) {
    char* o = p[0] + i * s[0];
    const char* a = p[1] + i * s[1];
    if (c.initial) {
      st<T>(o, cast_value<T>(Prod ? 1 : 0));
      o += c.out_step;
    }
    if (c.len == 0) continue;
    T acc = ld<T>(a);
    st<T>(o, acc);
    for (int64_t k = 1; k < c.len; ++k) {
      acc = step<T, Prod>(acc, ld<T>(a + k * c.in_step));
      st<T>(o + k * c.out_step, acc);
    }
  }
}

// out = prev op x, elementwise (operands 0: out, 1: prev, 2: x).
template <class T, bool Prod>
void row_loop(char** p, const int64_t* s, int64_t n, const void*) {
  for (int64_t i = 0; i < n; ++i)
    st<T>(p[0] + i * s[0], step<T, Prod>(ld<T>(p[1] + i * s[1]), ld<T>(p[2] + i * s[2])));
}

template <class T> Loop pick_line(bool prod) { return prod ? &line_loop<T, true> : &line_loop<T, false>; }
template <class T> Loop pick_row(bool prod) { return prod ? &row_loop<T, true> : &row_loop<T, false>; }

// x's geometry without `axis`, pointing at element k along it.
Array drop_axis(const Array& a, int axis, int64_t k) {
  Dims shp, str;
  for (int i = 0; i < a.ndim(); ++i)
    if (i != axis) {
      shp.push_back(a.shape[i]);
      str.push_back(a.strides[i]);
    }
  return a.view(shp, str, a.offset + k * a.strides[axis]);
}

}  // namespace

Array cumulative(const Array& x0, int axis, DType acc, bool prod, bool include_initial,
                 const char* fn) {
  if (axis < 0 || axis >= x0.ndim())
    throw IndexError(std::string(fn) + ": axis " + std::to_string(axis) +
                     " is out of bounds for array of dimension " + std::to_string(x0.ndim()));
  if (x0.device().unit != Unit::CPU)
    throw TypeError(std::string(fn) + ": not supported on " + x0.device().str());
  Array x = x0.dtype == acc ? x0 : astype(x0, acc);
  Dims oshape = x.shape;
  if (include_initial) oshape[axis] += 1;
  Array out = Array::empty(oshape, acc, x.device(), fn);
  if (out.size() == 0) return out;

  const int64_t len = x.shape[axis];
  Array out_rows = drop_axis(out, axis, 0);
  const int64_t lines = out_rows.size();
  // Rows when another axis is walked faster than the scanned one and there are enough lines.
  bool rows = false;
  if (lines >= 8 && len > 1) {
    int64_t as = x.strides[axis] < 0 ? -x.strides[axis] : x.strides[axis];
    for (int i = 0; i < x.ndim(); ++i) {
      int64_t si = x.strides[i] < 0 ? -x.strides[i] : x.strides[i];
      if (i != axis && x.shape[i] > 1 && si < as) rows = true;
    }
  }

  Loop line = nullptr, row = nullptr;
  visit_dtype(acc, [&](auto tag) {
    using T = ctype_t<decltype(tag)::value>;
    line = pick_line<T>(prod);
    row = pick_row<T>(prod);
  });

  if (!rows) {
    LineCtx c{len, out.strides[axis], x.strides[axis], include_initial};
    Array xr = drop_axis(x, axis, 0);
    const Array* ops[2] = {&out_rows, &xr};
    run_loop(plan_iteration(2, ops, out_rows.shape), line, &c);
    return out;
  }

  const int64_t off = include_initial ? 1 : 0;
  // The first step is x's first row itself, as the line walk and NumPy have it (0 + -0.0 would
  // be +0.0 where NumPy gives -0.0).
  if (include_initial) {
    fill(out_rows, Scalar::from_int(prod ? 1 : 0));
    if (len > 0) copy_into(drop_axis(out, axis, 1), drop_axis(x, axis, 0), fn);
  } else {
    copy_into(out_rows, drop_axis(x, axis, 0), fn);
  }
  // One plan for the first row; each step only moves the three base pointers along the axis.
  Array x_row = drop_axis(x, axis, 0);
  const Array* ops[3] = {&out_rows, &out_rows, &x_row};
  IterPlan plan = plan_iteration(3, ops, out_rows.shape);
  char* const b0 = plan.base[0];
  char* const b2 = plan.base[2];
  const int64_t os = out.strides[axis], xs = x.strides[axis];
  for (int64_t k = 1; k < len; ++k) {
    plan.base[0] = b0 + (k + off) * os;
    plan.base[1] = b0 + (k + off - 1) * os;
    plan.base[2] = b2 + k * xs;
    run_loop(plan, row, nullptr);
  }
  return out;
}

}  // namespace hc::cpu
