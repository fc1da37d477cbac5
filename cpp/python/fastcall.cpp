// The call of hcarray's NumPy-style ufunc objects (hc.sqrt(x), hc.add(x, y)): a vectorcall object
// that runs the kernel at once for the common call (hcarray operands, for binary ops also a
// Python scalar, no keywords) and hands every other call, and any call that fails, to the
// Python function it wraps. The Python function does the same for those operands (the
// namespace's wrapper, then the Array API function, then the op), through four Python frames;
// this skips them. A failing call is run again by the Python function, which raises the error
// with its full message.
#include <string>

#include "python/convert.h"  // Python.h first
#include "core/reduce.h"
#include "core/reshape.h"
#include "cpu/creation.h"
#include "cpu/matmul.h"
#include <cmath>
#include <cstring>
#include <vector>
#include <nanobind/stl/string.h>

#include <structmember.h>

namespace hc::py {

namespace {

enum CallKind {
  kElementwise = 0, kReduceSum = 1, kReduceExtreme = 2, kCreate = 3, kMethod = 4, kUfuncHook = 5
};
enum MethodOp { kReshape = 0, kTolist, kCopy, kAstype, kRavel, kNumMethodOps };
const char* const kMethodNames[kNumMethodOps] = {"reshape", "tolist", "copy", "astype", "ravel"};
enum CreateOp {
  kZeros = 0, kOnes, kEmpty, kArange, kZerosLike, kOnesLike, kEmptyLike, kFullLike, kFull,
  kAsarray, kArray, kEye, kDot, kReshapeFn, kExpandDims, kConcatenate, kNumCreateOps
};
// The parameters each create op's fast path binds (positionally, or by keyword from index
// `posonly` on); any other keyword, or more positional arguments, goes to the fallback.
struct CreateSig {
  const char* name;
  int nparams;
  int posonly;
  const char* params[4];
};
const CreateSig kCreateSigs[kNumCreateOps] = {
    {"zeros", 2, 0, {"shape", "dtype"}},
    {"ones", 2, 0, {"shape", "dtype"}},
    {"empty", 2, 0, {"shape", "dtype"}},
    {"arange", 4, 1, {"start", "stop", "step", "dtype"}},
    {"zeros_like", 2, 1, {"a", "dtype"}},
    {"ones_like", 2, 1, {"a", "dtype"}},
    {"empty_like", 2, 1, {"prototype", "dtype"}},
    {"full_like", 3, 1, {"a", "fill_value", "dtype"}},
    {"full", 3, 0, {"shape", "fill_value", "dtype"}},
    {"asarray", 2, 1, {"a", "dtype"}},
    {"array", 2, 1, {"object", "dtype"}},
    {"eye", 4, 2, {"N", "M", "k", "dtype"}},
    {"dot", 2, 2, {"a", "b"}},
    {"reshape", 2, 1, {"a", "shape"}},
    {"expand_dims", 2, 1, {"a", "axis"}},
    {"concatenate", 2, 1, {"arrays", "axis"}},
};

struct FastCall {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  int op;     // elementwise op id, or reduction id
  int arity;  // 1 or 2 (elementwise); 1 (reductions)
  int kind;
  bool scalars;  // a Python scalar may be an operand (binary ops that are not logical)
  bool numpy;    // reductions standing for NumPy's np.sum/np.prod: half floats take the fallback
  PyObject* fallback;
  PyObject* name;  // the hcarray attribute it is (pickled by that name), or nullptr
  PyObject* table1;  // kUfuncHook: {NumPy unary ufunc: op id}, {binary ufunc: op id}
  PyObject* table2;
};

PyObject* g_restore = nullptr;  // hcarray._fastcall_restore(name) -> getattr(hcarray, name)

PyTypeObject* g_array_type = nullptr;

bool is_py_scalar(PyObject* o) {
  return PyFloat_CheckExact(o) || PyLong_CheckExact(o) || PyBool_Check(o) ||
         PyComplex_CheckExact(o);
}

// A reduction over every axis of x, no keywords: sum/prod accumulate bool and signed integers
// in int64 and unsigned ones in uint64 (NumPy's rule), other dtypes in their own; max/min keep
// the dtype. nullptr (nothing set) where the Python function decides: bool sums, half-float or
// complex extremes, empty extremes (its error message).
PyObject* try_reduce(FastCall* fc, const Array& x, PyObject* axis_obj = nullptr,
                     bool keepdims = false) {
  const hc::Kind k = hc::kind(x.dtype);
  DType acc = x.dtype;
  if (fc->numpy && (x.dtype == DType::Float16 || x.dtype == DType::BFloat16))
    return nullptr;  // NumPy rounds to half after every step; hcarray once at the end
  if (fc->kind == kReduceSum) {
    if (k == hc::Kind::Bool) return nullptr;
    if (k == hc::Kind::Int) acc = DType::Int64;
    if (k == hc::Kind::UInt) acc = DType::UInt64;
  } else {
    if (k == hc::Kind::Complex || x.dtype == DType::Float16 || x.dtype == DType::BFloat16 ||
        x.size() == 0)
      return nullptr;
  }
  std::vector<int> axes;
  if (axis_obj != nullptr && axis_obj != Py_None) {
    // An exact Python int within range, or a tuple of distinct ones (anything else: the
    // Python function, which raises the error)
    const bool tup = PyTuple_CheckExact(axis_obj);
    const Py_ssize_t na = tup ? PyTuple_GET_SIZE(axis_obj) : 1;
    for (Py_ssize_t i = 0; i < na; ++i) {
      PyObject* o = tup ? PyTuple_GET_ITEM(axis_obj, i) : axis_obj;
      if (!PyLong_CheckExact(o)) return nullptr;
      int overflow = 0;
      long long ax = PyLong_AsLongLongAndOverflow(o, &overflow);
      if (overflow || ax < -x.ndim() || ax >= x.ndim()) return nullptr;
      if (ax < 0) ax += x.ndim();
      for (int seen : axes)
        if (seen == int(ax)) return nullptr;
      axes.push_back(int(ax));
    }
    if (x.size() == 0 && fc->kind == kReduceExtreme) return nullptr;
  } else {
    axes.resize(size_t(x.ndim()));
    for (int i = 0; i < x.ndim(); ++i) axes[size_t(i)] = i;
  }
  const char* fn = reduce_op(fc->op).name.c_str();
  return wrap(dispatch_reduce(fc->op, x, axes, keepdims, acc, route_device(nullptr, &x.device(), fn)))
      .release()
      .ptr();
}

// The fast paths of the creation functions (and dot): each takes only the common, plain
// calls (exact Python ints/floats/bools, exact hcarray operands, dtypes given as hcarray's dtype
// objects or scalar types, no `using` block) and returns nullptr, with nothing set, for anything
// else: the Python function then validates the call and gives its result or its error.

bool small_dim(PyObject* o, int64_t* v) {
  if (!PyLong_CheckExact(o)) return false;
  int overflow = 0;
  const long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (overflow || x < 0 || x > (int64_t(1) << 31)) return false;
  *v = x;
  return true;
}

// A shape of exact Python ints (one, or a tuple of up to 8) of at most 2**31 elements.
bool small_shape(PyObject* shape, Dims* dims) {
  int64_t v, total = 1;
  if (PyTuple_CheckExact(shape)) {
    const Py_ssize_t n = PyTuple_GET_SIZE(shape);
    if (n > 8) return false;
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (!small_dim(PyTuple_GET_ITEM(shape, i), &v)) return false;
      dims->push_back(v);
      total *= v;
      if (total > (int64_t(1) << 31)) return false;
    }
    return true;
  }
  if (!small_dim(shape, &v)) return false;
  dims->push_back(v);
  return true;
}

// dtype=None (default kept), one of hcarray's dtype objects / scalar types (numpy.float32), or a
// name of one (a string, or float/int/bool/complex).
bool fast_dtype(PyObject* o, DType* t) {
  if (o == nullptr || o == Py_None) return true;
  for (int i = 0; i < kNumDTypes; ++i) {
    if (dtype_object(DType(i)).ptr() == o || scalar_type_object(DType(i)).ptr() == o) {
      *t = DType(i);
      return true;
    }
  }
  return cached_dtype(nb::handle(o), t);  // 'float32', 'f8', float, int...
}

// An exact Python int (not bool) of magnitude at most 2**52 (exact in a double, and so is the
// difference of two), or an exact Python float.
bool arange_bound(PyObject* o, double* d, int64_t* i, bool* is_int) {
  if (PyLong_CheckExact(o)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow || v > (int64_t(1) << 52) || v < -(int64_t(1) << 52)) return false;
    *i = v;
    *d = double(v);
    *is_int = true;
    return true;
  }
  if (PyFloat_CheckExact(o)) {
    *d = PyFloat_AS_DOUBLE(o);
    *is_int = false;
    return true;
  }
  return false;
}

// arange(stop) / arange(start, stop[, step]) [dtype]: the length and the first two values as
// _creation_functions.arange computes them (Python int/float arithmetic), the rest by
// cpu::arange_fill. Falls back for a zero step, NaN/infinite lengths, bool/complex dtypes and
// float bounds with an integer dtype.
PyObject* try_arange(PyObject* const* p) {
  PyObject* start = p[0];
  PyObject* stop = p[1];
  PyObject* step = p[2];
  if (stop == nullptr || stop == Py_None) {
    if (stop == Py_None && step != nullptr && step != Py_None) return nullptr;
    stop = start;
    start = nullptr;
  }
  if (step == Py_None) step = nullptr;
  double b[3] = {0.0, 0.0, 1.0};
  int64_t iv[3] = {0, 0, 1};
  bool is_int[3] = {true, true, true};
  PyObject* objs[3] = {start, stop, step};
  for (int k = 0; k < 3; ++k)
    if (objs[k] != nullptr && !arange_bound(objs[k], &b[k], &iv[k], &is_int[k])) return nullptr;
  const bool all_int = is_int[0] && is_int[1] && is_int[2];
  DType t = all_int ? DType::Int64 : DType::Float64;
  if (!fast_dtype(p[3], &t)) return nullptr;
  const Kind k = kind(t);
  if (k == Kind::Bool || k == Kind::Complex) return nullptr;
  const bool int_dtype = k == Kind::Int || k == Kind::UInt;
  if (int_dtype && !all_int) return nullptr;
  if (b[2] == 0.0) return nullptr;  // ZeroDivisionError from the Python function
  const double q = (b[1] - b[0]) / b[2];
  if (std::isnan(q) || std::isinf(q)) return nullptr;
  const double c = std::ceil(q);
  if (c > double(int64_t(1) << 31)) return nullptr;
  const int64_t n = c > 0 ? int64_t(c) : 0;
  Array a = Array::empty(Dims{n}, t, Device{}, "arange");
  if (n > 0) {
    Scalar first, second;
    if (is_int[0]) first = Scalar::from_int(iv[0]);
    else first = Scalar::from_double(b[0]);
    if (is_int[0] && is_int[2]) second = Scalar::from_int(iv[0] + iv[2]);
    else second = Scalar::from_double(b[0] + b[2]);
    if (int_dtype) {  // OverflowError (caught: the fallback raises it) when out of range
      weak_scalar_dtype(first, t, "arange");
      if (n > 1) weak_scalar_dtype(second, t, "arange");
    }
    store_scalar(first, t, a.data());
    if (n > 1) {
      store_scalar(second, t, a.data() + a.itemsize());
      cpu::arange_fill(a);
    }
  }
  return wrap(std::move(a)).release().ptr();
}

// The fill value v for an array of dtype t where the fast path is exact and NumPy's: bool
// into any dtype; an int into an integer dtype it fits, or into float32/64 and complex when
// |v| <= 2**24; a float into float32/64 or complex; a complex into complex. float16/bfloat16
// take only bools.
bool fill_scalar(PyObject* v, DType t, Scalar* s) {
  const Kind k = kind(t);
  if (PyBool_Check(v)) {
    *s = Scalar::from_bool(v == Py_True);
    return true;
  }
  if (t == DType::Float16 || t == DType::BFloat16) return false;
  if (PyLong_CheckExact(v)) {
    int overflow = 0;
    const long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow) return false;
    *s = Scalar::from_int(x);
    if (k == Kind::Int || k == Kind::UInt) {
      weak_scalar_dtype(*s, t, "full");  // throws (caught) when x does not fit
      return true;
    }
    return k != Kind::Bool && x <= (1 << 24) && x >= -(1 << 24);
  }
  if (PyFloat_CheckExact(v)) {
    *s = Scalar::from_double(PyFloat_AS_DOUBLE(v));
    return k == Kind::Float || k == Kind::Complex;
  }
  if (PyComplex_CheckExact(v)) {
    *s = Scalar::from_complex({PyComplex_RealAsDouble(v), PyComplex_ImagAsDouble(v)});
    return k == Kind::Complex;
  }
  return false;
}

// A flat or nested list/tuple of exact Python bools, ints (int64) and floats, rectangular.
struct ListScan {
  Dims shape;
  int leaf_depth = -1;
  bool has_bool = false, has_int = false, has_float = false;
  int64_t count = 0;
};

bool scan_list(PyObject* o, int depth, ListScan* s) {
  if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
    if (depth >= 32 || (s->leaf_depth >= 0 && depth >= s->leaf_depth)) return false;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    if (int(s->shape.size()) == depth) s->shape.push_back(n);
    else if (s->shape[depth] != n) return false;
    PyObject** items = PySequence_Fast_ITEMS(o);
    for (Py_ssize_t i = 0; i < n; ++i)
      if (!scan_list(items[i], depth + 1, s)) return false;
    return true;
  }
  if (int(s->shape.size()) != depth) return false;  // a scalar beside a list
  if (s->leaf_depth < 0) s->leaf_depth = depth;
  if (++s->count > (int64_t(1) << 31)) return false;
  if (PyBool_Check(o)) {
    s->has_bool = true;
  } else if (PyLong_CheckExact(o)) {
    int overflow = 0;
    PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow) return false;  // uint64 / object arrays: the general path
    s->has_int = true;
  } else if (PyFloat_CheckExact(o)) {
    s->has_float = true;
  } else {
    return false;
  }
  return true;
}

template <class T> T* fill_list(PyObject* o, T* p) {
  if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    PyObject** items = PySequence_Fast_ITEMS(o);
    for (Py_ssize_t i = 0; i < n; ++i) p = fill_list(items[i], p);
    return p;
  }
  if constexpr (std::is_same_v<T, bool>) *p = o == Py_True;
  else if constexpr (std::is_same_v<T, int64_t>) *p = PyLong_AsLongLong(o);
  else *p = PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : double(PyLong_AsLongLong(o));
  return p + 1;
}

// asarray/array of a list or tuple (nested, rectangular) of Python bools (-> bool), ints that
// fit int64 (-> int64), floats or ints and floats (-> float64); a bool beside numbers, ints
// beyond int64, complex, NumPy scalars and everything else take the general path. dtype:
// float32/float64 for float or int lists whose ints are at most 2**24 in magnitude (exact).
PyObject* try_from_list(PyObject* obj, PyObject* dtype) {
  if (!PyList_CheckExact(obj) && !PyTuple_CheckExact(obj)) return nullptr;
  ListScan s;
  if (!scan_list(obj, 0, &s)) return nullptr;
  if (s.has_bool && (s.has_int || s.has_float)) return nullptr;
  DType t = s.has_bool ? DType::Bool : (s.has_int && !s.has_float) ? DType::Int64 : DType::Float64;
  DType want = t;
  if (!fast_dtype(dtype, &want)) return nullptr;
  if (want != t) {
    if (s.has_bool || (want != DType::Float32 && want != DType::Float64)) return nullptr;
    t = DType::Float64;  // built in float64, then cast (exact for these ints)
  }
  Array a = Array::empty(s.shape, t, Device{}, "asarray");
  if (t == DType::Bool) fill_list(obj, reinterpret_cast<bool*>(a.data()));
  else if (t == DType::Int64) fill_list(obj, reinterpret_cast<int64_t*>(a.data()));
  else fill_list(obj, reinterpret_cast<double*>(a.data()));
  if (want != t) {
    if (s.has_int) {  // ints beyond 2**24 would round twice on the way to float32
      const double* d = reinterpret_cast<const double*>(a.data());
      for (int64_t i = 0, n = a.size(); i < n; ++i)
        if (d[i] == std::trunc(d[i]) && std::fabs(d[i]) > double(1 << 24)) return nullptr;
    }
    a = astype(a, want);
  }
  return wrap(std::move(a)).release().ptr();
}

// Binds the call's arguments to the op's parameters; false for any other call shape.
bool bind_args(const CreateSig& sig, PyObject* const* args, Py_ssize_t n, PyObject* kwnames,
               PyObject** p) {
  if (n > sig.nparams || n < 1) return false;
  for (int i = 0; i < sig.nparams; ++i) p[i] = i < n ? args[i] : nullptr;
  if (kwnames == nullptr) return true;
  const Py_ssize_t nk = PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t j = 0; j < nk; ++j) {
    PyObject* key = PyTuple_GET_ITEM(kwnames, j);
    int found = -1;
    for (int i = sig.posonly; i < sig.nparams; ++i)
      if (PyUnicode_CompareWithASCIIString(key, sig.params[i]) == 0) found = i;
    if (found < 0 || p[found] != nullptr) return false;
    p[found] = args[n + j];
  }
  return true;
}

bool shape_arg(PyObject* o, Dims* d) {
  if (!PyLong_CheckExact(o)) return false;
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (overflow) return false;
  d->push_back(v);
  return true;
}

// a.reshape(shape) for a shape of exact Python ints given as n arguments, or as one tuple (or
// int); nullptr when the shape is anything else. A view when the strides allow, else a copy
// (NumPy's copy=None); resolve_shape's errors are thrown (the fallback then raises them).
PyObject* reshape_fast(const Array& a, PyObject* const* shp, Py_ssize_t n) {
  Dims req;
  if (n == 1 && PyTuple_CheckExact(shp[0])) {
    const Py_ssize_t k = PyTuple_GET_SIZE(shp[0]);
    if (k > 64) return nullptr;
    for (Py_ssize_t i = 0; i < k; ++i)
      if (!shape_arg(PyTuple_GET_ITEM(shp[0], i), &req)) return nullptr;
  } else {
    if (n < 1 || n > 64) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i)
      if (!shape_arg(shp[i], &req)) return nullptr;
  }
  const Dims shape = resolve_shape(req, a.size(), "reshape");
  Array out;
  if (reshape_view(a, shape, &out)) return wrap(std::move(out)).release().ptr();
  Array c = astype(a, a.dtype);
  c.shape = shape;
  c.strides = c_strides(shape, c.itemsize());
  return wrap(std::move(c)).release().ptr();
}

// a (new, C-contiguous) = zero (s): memset for up to 1 MiB (zero is all-zero bits in every
// dtype), the threaded fill above that.
void clear(const Array& a, const Scalar& zero) {
  const size_t bytes = size_t(a.size()) * size_t(a.itemsize());
  if (bytes <= (size_t(1) << 20)) std::memset(a.data(), 0, bytes);
  else fill(a, zero);
}

bool exact_cpu_array(PyObject* o) {
  return Py_TYPE(o) == g_array_type && as_array(o).device() == Device{};
}

}  // namespace
nb::object concat0(nb::handle seq);  // array_type.cpp: concat along axis 0, or None
// array_type.cpp: concatenate (stack: stack) along an int axis, or None
nb::object concat_fast(nb::handle seq, nb::handle axis, bool stack);
namespace {

PyObject* try_create(FastCall* fc, PyObject* const* args, Py_ssize_t n, PyObject* kwnames) {
  if (current_device() != nullptr) return nullptr;
  PyObject* p[4];
  if (!bind_args(kCreateSigs[fc->op], args, n, kwnames, p)) return nullptr;
  const int op = fc->op;
  const char* fn = kCreateSigs[op].name;
  switch (op) {
    case kArange:
      if (p[0] == nullptr) return nullptr;
      return try_arange(p);
    case kZeros: case kOnes: case kEmpty: case kFull: {
      Dims dims;
      if (p[0] == nullptr || !small_shape(p[0], &dims)) return nullptr;
      DType t = DType::Float64;
      Scalar s;
      if (op == kFull) {
        PyObject* v = p[1];
        if (v == nullptr) return nullptr;
        if (p[2] == nullptr || p[2] == Py_None) {  // the fill value's default dtype
          if (PyBool_Check(v)) t = DType::Bool;
          else if (PyLong_CheckExact(v)) t = DType::Int64;
          else if (PyFloat_CheckExact(v)) t = DType::Float64;
          else if (PyComplex_CheckExact(v)) t = DType::Complex128;
          else return nullptr;
        } else if (!fast_dtype(p[2], &t)) {
          return nullptr;
        }
        if (!fill_scalar(v, t, &s)) return nullptr;
      } else {
        if (!fast_dtype(p[1], &t)) return nullptr;
        s = Scalar::from_int(op == kOnes ? 1 : 0);
      }
      Array a = Array::empty(dims, t, Device{}, fn);
      if (op == kZeros) clear(a, s);
      else if (op != kEmpty) fill(a, s);
      return wrap(std::move(a)).release().ptr();
    }
    case kZerosLike: case kOnesLike: case kEmptyLike: case kFullLike: {
      // Like NumPy's order='K': the same C layout for a C-contiguous (or 1-D) prototype; other
      // layouts take the general path.
      if (p[0] == nullptr || !exact_cpu_array(p[0])) return nullptr;
      const Array& x = as_array(p[0]);
      if (x.ndim() > 1 && !x.is_c_contiguous()) return nullptr;
      DType t = x.dtype;
      PyObject* dt = op == kFullLike ? p[2] : p[1];
      if (!fast_dtype(dt, &t)) return nullptr;
      Scalar s = Scalar::from_int(op == kOnesLike ? 1 : 0);
      if (op == kFullLike && (p[1] == nullptr || !fill_scalar(p[1], t, &s))) return nullptr;
      Array a = Array::empty(x.shape, t, Device{}, fn);
      if (op == kZerosLike) clear(a, s);
      else if (op != kEmptyLike) fill(a, s);
      return wrap(std::move(a)).release().ptr();
    }
    case kConcatenate: {
      // NumPy's concatenate(arrays[, axis]) of C-contiguous CPU hcarrays of one dtype and one
      // shape outside the (int) axis (concat_fast); anything else: the fallback.
      if (p[0] == nullptr) return nullptr;
      nb::object r = p[1] == nullptr ? concat0(nb::handle(p[0]))
                                     : concat_fast(nb::handle(p[0]), nb::handle(p[1]), false);
      return r.is_none() ? nullptr : r.release().ptr();
    }
    case kAsarray: case kArray: {
      PyObject* obj = p[0];
      if (obj == nullptr) return nullptr;
      if (Py_TYPE(obj) == g_array_type && (p[1] == nullptr || p[1] == Py_None)) {
        if (op == kAsarray) {
          Py_INCREF(obj);
          return obj;
        }
        const Array& x = as_array(obj);
        if (!x.is_c_contiguous() || x.device() != Device{}) return nullptr;
        return wrap(astype(x, x.dtype)).release().ptr();
      }
      return try_from_list(obj, p[1]);
    }
    case kEye: {
      int64_t rows, cols;
      if (p[0] == nullptr || !small_dim(p[0], &rows)) return nullptr;
      cols = rows;
      if (p[1] != nullptr && p[1] != Py_None && !small_dim(p[1], &cols)) return nullptr;
      if (p[2] != nullptr) {  // k == 0 only
        if (!PyLong_CheckExact(p[2])) return nullptr;
        int overflow = 0;
        if (PyLong_AsLongLongAndOverflow(p[2], &overflow) != 0 || overflow) return nullptr;
      }
      DType t = DType::Float64;
      if (!fast_dtype(p[3], &t)) return nullptr;
      if (rows * cols > (int64_t(1) << 31)) return nullptr;
      Array a = Array::empty(Dims{rows, cols}, t, Device{}, fn);
      clear(a, Scalar::from_int(0));
      const int64_t m = rows < cols ? rows : cols;
      const Scalar one = Scalar::from_int(1);
      for (int64_t i = 0; i < m; ++i) store_scalar(one, t, a.data() + (i * cols + i) * a.itemsize());
      return wrap(std::move(a)).release().ptr();
    }
    case kReshapeFn:
      if (p[0] == nullptr || p[1] == nullptr || !exact_cpu_array(p[0])) return nullptr;
      return reshape_fast(as_array(p[0]), &p[1], 1);
    case kExpandDims: {  // one int axis: a view with a size-1 dimension there
      if (p[0] == nullptr || !exact_cpu_array(p[0])) return nullptr;
      const Array& x = as_array(p[0]);
      const int nd = x.ndim() + 1;
      int64_t ax = 0;
      if (p[1] != nullptr) {
        if (!PyLong_CheckExact(p[1])) return nullptr;
        int overflow = 0;
        ax = PyLong_AsLongLongAndOverflow(p[1], &overflow);
        if (overflow || ax < -nd || ax >= nd) return nullptr;
        if (ax < 0) ax += nd;
      }
      Dims shape, strides;
      for (int i = 0, j = 0; i < nd; ++i) {
        if (i == ax) {
          shape.push_back(1);
          strides.push_back(0);
        } else {
          shape.push_back(x.shape[j]);
          strides.push_back(x.strides[j]);
          ++j;
        }
      }
      // the stride a C-contiguous layout would give it (as _manipulation_functions does)
      strides[ax] = ax + 1 < nd ? strides[ax + 1] * (shape[ax + 1] > 1 ? shape[ax + 1] : 1)
                                : x.itemsize();
      return wrap(x.view(shape, strides, x.offset)).release().ptr();
    }
    case kDot: {
      // 1-D/2-D hcarray operands of a non-bool dtype: matmul (NumPy's dot is matmul there).
      if (!exact_cpu_array(p[0]) || !exact_cpu_array(p[1])) return nullptr;
      const Array& x = as_array(p[0]);
      const Array& y = as_array(p[1]);
      if (x.ndim() < 1 || x.ndim() > 2 || y.ndim() < 1 || y.ndim() > 2 ||
          x.dtype == DType::Bool || y.dtype == DType::Bool)
        return nullptr;
      return wrap(cpu::matmul(x, y, "matmul")).release().ptr();
    }
  }
  return nullptr;
}

// ---- ndarray methods: x.reshape(...), x.tolist(), x.copy(), x.astype(dtype) ----------------
// Called with x first (the object is a method descriptor). Plain calls only: reshape of exact
// Python ints (as arguments or one tuple), copy() and tolist() with no arguments, astype of one
// of hcarray's dtype objects / scalar types; keywords and everything else: the Python method.

PyObject* py_item(const Scalar& s) {
  switch (s.kind) {
    case Kind::Bool: return PyBool_FromLong(s.b);
    case Kind::Int: return PyLong_FromLongLong(s.i);
    case Kind::UInt: return PyLong_FromUnsignedLongLong(s.u);
    case Kind::Float: return PyFloat_FromDouble(s.f);
    case Kind::Complex: return PyComplex_FromDoubles(s.c.real(), s.c.imag());
  }
  return nullptr;
}

// NumPy's tolist: nested lists of Python scalars (bool, int, float, complex; float16 and
// bfloat16 as float), a scalar for a 0-d array.
// One row (the last dimension) into list l: a typed loop for the common dtypes.
template <class T, class Make>
void row_items(PyObject* l, const char* p, int64_t n, int64_t stride, Make make, bool* ok) {
  for (int64_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, p + i * stride, sizeof(T));
    PyObject* o = make(v);
    if (o == nullptr) {
      *ok = false;
      return;
    }
    PyList_SET_ITEM(l, i, o);
  }
}

PyObject* tolist_at(const Array& a, const char* p, int dim) {
  if (dim == a.ndim()) return py_item(load_scalar(a.dtype, p));
  const int64_t n = a.shape[dim];
  const int64_t st = a.strides[dim];
  PyObject* l = PyList_New(n);
  if (l == nullptr) return nullptr;
  bool ok = true;
  if (dim + 1 == a.ndim()) {
    switch (a.dtype) {
      case DType::Float64:
        row_items<double>(l, p, n, st, [](double v) { return PyFloat_FromDouble(v); }, &ok);
        break;
      case DType::Float32:
        row_items<float>(l, p, n, st, [](float v) { return PyFloat_FromDouble(v); }, &ok);
        break;
      case DType::Int64:
        row_items<int64_t>(l, p, n, st, [](int64_t v) { return PyLong_FromLongLong(v); }, &ok);
        break;
      case DType::Int32:
        row_items<int32_t>(l, p, n, st, [](int32_t v) { return PyLong_FromLong(v); }, &ok);
        break;
      case DType::Bool:
        row_items<bool>(l, p, n, st, [](bool v) { return PyBool_FromLong(v); }, &ok);
        break;
      default:
        for (int64_t i = 0; i < n && ok; ++i) {
          PyObject* v = py_item(load_scalar(a.dtype, p + i * st));
          if (v == nullptr) ok = false;
          else PyList_SET_ITEM(l, i, v);
        }
    }
  } else {
    for (int64_t i = 0; i < n && ok; ++i) {
      PyObject* v = tolist_at(a, p + i * st, dim + 1);
      if (v == nullptr) ok = false;
      else PyList_SET_ITEM(l, i, v);
    }
  }
  if (!ok) {
    Py_DECREF(l);  // the unset items are NULL, which the list's dealloc skips
    return nullptr;
  }
  return l;
}

PyObject* try_method(FastCall* fc, PyObject* const* args, Py_ssize_t n, PyObject* kwnames) {
  int copy = 1;  // astype's copy= (the only keyword taken here)
  if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) != 0) {
    if (fc->op != kAstype || PyTuple_GET_SIZE(kwnames) != 1 ||
        PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, 0), "copy") != 0 ||
        !PyBool_Check(args[n]))
      return nullptr;
    copy = args[n] == Py_True;
  }
  if (n < 1 || Py_TYPE(args[0]) != g_array_type) return nullptr;
  const Array& a = as_array(args[0]);
  if (a.device() != Device{} || current_device() != nullptr) return nullptr;
  switch (fc->op) {
    case kRavel: {  // x.ravel() of a C-contiguous x: the 1-D view
      if (n != 1 || !a.is_c_contiguous()) return nullptr;
      return wrap(a.view(Dims{a.size()}, Dims{int64_t(a.itemsize())}, a.offset)).release().ptr();
    }
    case kReshape:
      return reshape_fast(a, args + 1, n - 1);
    case kTolist:  // large arrays: NumPy's tolist on a view (the per-call cost is noise there)
      if (n != 1 || a.size() > 4096) return nullptr;
      return tolist_at(a, a.data(), 0);
    case kCopy:
      if (n != 1) return nullptr;
      return wrap(astype(a, a.dtype)).release().ptr();
    case kAstype: {
      if (n != 2 || args[1] == Py_None) return nullptr;
      DType t;
      if (!fast_dtype(args[1], &t)) return nullptr;
      if (!copy && t == a.dtype) {  // NumPy: the array itself when no copy is needed
        Py_INCREF(args[0]);
        return args[0];
      }
      return wrap(astype(a, t)).release().ptr();
    }
  }
  return nullptr;
}

// ---- ndarray.__array_ufunc__(self, ufunc, method, *inputs) ---------------------------------
// The keyword-free __call__ of a NumPy ufunc with an hcarray kernel (the Python hook's _FAST1 /
// _FAST2 tables): one hcarray operand (unary), or hcarray operands and Python scalars (binary;
// not a scalar beside bfloat16). Anything else, and any failure: the Python hook.
PyObject* try_ufunc_hook(FastCall* fc, PyObject* const* args, Py_ssize_t n, PyObject* kwnames) {
  if ((kwnames != nullptr && PyTuple_GET_SIZE(kwnames) != 0) || n < 4 || n > 5) return nullptr;
  if (!PyUnicode_Check(args[2]) || PyUnicode_CompareWithASCIIString(args[2], "__call__") != 0)
    return nullptr;
  PyObject* id_obj = PyDict_GetItemWithError(n == 4 ? fc->table1 : fc->table2, args[1]);
  if (id_obj == nullptr) return nullptr;
  const int op = int(PyLong_AsLong(id_obj));
  const char* fn = op_info(op).name.c_str();
  if (n == 4) {
    if (Py_TYPE(args[3]) != g_array_type) return nullptr;
    const Array& x = as_array(args[3]);
    return wrap(dispatch_unary(op, x, route_device(nullptr, &x.device(), fn))).release().ptr();
  }
  PyObject* a = args[3];
  PyObject* b = args[4];
  const bool ha = Py_TYPE(a) == g_array_type, hb = Py_TYPE(b) == g_array_type;
  if (ha && hb) {
    const Array& x = as_array(a);
    const Array& y = as_array(b);
    return wrap(dispatch_binary(op, x, y, route_device(nullptr, &x.device(), fn))).release().ptr();
  }
  if (ha && is_py_scalar(b)) {
    const Array& x = as_array(a);
    if (x.dtype == DType::BFloat16) return nullptr;
    const Device dev = route_device(nullptr, &x.device(), fn);
    static const int pow_id = find_op("pow");
    if (op == pow_id) {  // np.power(x, 2): NumPy's loop squares, bit for bit
      nb::object r;
      if (power_shortcut(x, b, dev, &r, true)) return r.release().ptr();
    }
    Array y = operand_for(b, x, fn);
    return wrap(dispatch_binary(op, x, y, dev)).release().ptr();
  }
  if (hb && is_py_scalar(a)) {
    const Array& y = as_array(b);
    if (y.dtype == DType::BFloat16) return nullptr;
    Array x = operand_for(a, y, fn);
    return wrap(dispatch_binary(op, x, y, route_device(nullptr, &y.device(), fn))).release().ptr();
  }
  return nullptr;
}

// The result, or nullptr with no error set when the Python function should decide.
PyObject* try_fast(FastCall* fc, PyObject* const* args, Py_ssize_t n, PyObject* kwnames) {
  try {
    if (fc->kind == kCreate) return try_create(fc, args, n, kwnames);
    if (fc->kind == kMethod) return try_method(fc, args, n, kwnames);
    if (fc->kind == kUfuncHook) return try_ufunc_hook(fc, args, n, kwnames);
    if (fc->kind != kElementwise) return try_reduce(fc, as_array(args[0]));
    const char* fn = op_info(fc->op).name.c_str();
    if (fc->arity == 1) {
      const Array& x = as_array(args[0]);
      return wrap(dispatch_unary(fc->op, x, route_device(nullptr, &x.device(), fn)))
          .release()
          .ptr();
    }
    PyObject* a = args[0];
    PyObject* b = args[1];
    const bool ha = Py_TYPE(a) == g_array_type, hb = Py_TYPE(b) == g_array_type;
    if (ha && hb) {
      const Array& x = as_array(a);
      const Array& y = as_array(b);
      return wrap(dispatch_binary(fc->op, x, y, route_device(nullptr, &x.device(), fn)))
          .release()
          .ptr();
    }
    if (ha) {
      const Array& x = as_array(a);
      static const int pow_id = find_op("pow");
      if (fc->op == pow_id) {  // pow(x, 2): NumPy's power loop squares, bit for bit
        nb::object r;
        if (power_shortcut(x, b, route_device(nullptr, &x.device(), fn), &r, true))
          return r.release().ptr();
      }
      Array y = operand_for(b, x, fn);
      return wrap(dispatch_binary(fc->op, x, y, route_device(nullptr, &x.device(), fn)))
          .release()
          .ptr();
    }
    const Array& y = as_array(b);
    Array x = operand_for(a, y, fn);
    return wrap(dispatch_binary(fc->op, x, y, route_device(nullptr, &y.device(), fn)))
        .release()
        .ptr();
  } catch (...) {
  }
  PyErr_Clear();
  return nullptr;
}

PyObject* fc_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto* fc = reinterpret_cast<FastCall*>(self);
  const Py_ssize_t n = PyVectorcall_NARGS(nargsf);
  if (fc->kind == kCreate || fc->kind == kMethod || fc->kind == kUfuncHook) {
    PyObject* r = try_fast(fc, args, n, kwnames);
    if (r != nullptr) return r;
    PyErr_Clear();
    return PyObject_Vectorcall(fc->fallback, args, nargsf, kwnames);
  }
  if (fc->kind == kReduceSum || fc->kind == kReduceExtreme) {
    // f(x[, axis][, axis=][, keepdims=]) with an hcarray x, an int or tuple-of-ints axis and a
    // bool keepdims
    const Py_ssize_t nk = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
    PyObject* axis = nullptr;
    bool keepdims = false;
    bool ok = n >= 1 && n <= 2 && Py_TYPE(args[0]) == g_array_type;
    if (ok && n == 2) axis = args[1];
    for (Py_ssize_t i = 0; ok && i < nk; ++i) {
      PyObject* key = PyTuple_GET_ITEM(kwnames, i);
      PyObject* v = args[n + i];
      if (PyUnicode_CompareWithASCIIString(key, "axis") == 0 && axis == nullptr) {
        axis = v;
      } else if (PyUnicode_CompareWithASCIIString(key, "keepdims") == 0 && PyBool_Check(v)) {
        keepdims = v == Py_True;
      } else {
        ok = false;
      }
    }
    if (ok) {
      PyObject* r = nullptr;
      try {
        r = try_reduce(fc, as_array(args[0]), axis, keepdims);
      } catch (...) {
        r = nullptr;
      }
      if (r != nullptr) return r;
      PyErr_Clear();
    }
    return PyObject_Vectorcall(fc->fallback, args, nargsf, kwnames);
  }
  if ((kwnames == nullptr || PyTuple_GET_SIZE(kwnames) == 0) && n == fc->arity) {
    bool ok;
    if (fc->kind != kElementwise) {
      ok = Py_TYPE(args[0]) == g_array_type;
    } else if (n == 1) {
      ok = Py_TYPE(args[0]) == g_array_type;
    } else {
      const bool ha = Py_TYPE(args[0]) == g_array_type, hb = Py_TYPE(args[1]) == g_array_type;
      ok = (ha && hb) || (fc->scalars && ((ha && is_py_scalar(args[1])) ||
                                          (hb && is_py_scalar(args[0]))));
    }
    if (ok) {
      PyObject* r = try_fast(fc, args, n, nullptr);
      if (r != nullptr) return r;
    }
  }
  return PyObject_Vectorcall(fc->fallback, args, nargsf, kwnames);
}

void fc_dealloc(PyObject* self) {
  auto* fc = reinterpret_cast<FastCall*>(self);
  PyTypeObject* tp = Py_TYPE(self);
  Py_XDECREF(fc->fallback);
  Py_XDECREF(fc->name);
  Py_XDECREF(fc->table1);
  Py_XDECREF(fc->table2);
  tp->tp_free(self);
  Py_DECREF(tp);
}

PyObject* fc_get_wrapped(PyObject* self, void*) {
  PyObject* f = reinterpret_cast<FastCall*>(self)->fallback;
  Py_INCREF(f);
  return f;
}

// Attributes not found on the object are the Python function's (__name__, __doc__, __module__,
// __qualname__, markers set by the Python layer), so that it reads as that function.
PyObject* fc_getattro(PyObject* self, PyObject* name) {
  PyObject* r = PyObject_GenericGetAttr(self, name);
  if (r != nullptr || !PyErr_ExceptionMatches(PyExc_AttributeError)) return r;
  PyErr_Clear();
  return PyObject_GetAttr(reinterpret_cast<FastCall*>(self)->fallback, name);
}

// A class attribute binds like a function: x.sum() calls it with x first.
PyObject* fc_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == nullptr || obj == Py_None) {
    Py_INCREF(self);
    return self;
  }
  return PyMethod_New(self, obj);
}

PyObject* fc_repr(PyObject* self) {
  return PyObject_Repr(reinterpret_cast<FastCall*>(self)->fallback);
}

// Pickled by name, like the module function it stands for.
PyObject* fc_reduce(PyObject* self, PyObject*) {
  auto* fc = reinterpret_cast<FastCall*>(self);
  if (fc->name == nullptr || g_restore == nullptr) {
    PyErr_SetString(PyExc_TypeError, "cannot pickle this hcarray function object");
    return nullptr;
  }
  return Py_BuildValue("(O(O))", g_restore, fc->name);
}

PyMethodDef fc_methods[] = {{"__reduce__", fc_reduce, METH_NOARGS, nullptr},
                            {nullptr, nullptr, 0, nullptr}};

PyGetSetDef fc_getset[] = {
    {"__wrapped__", fc_get_wrapped, nullptr, "the Python function that takes the other calls",
     nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMemberDef fc_members[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(FastCall, vectorcall), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyType_Slot fc_slots[] = {{Py_tp_dealloc, (void*)fc_dealloc},
                          {Py_tp_call, (void*)PyVectorcall_Call},
                          {Py_tp_getset, (void*)fc_getset},
                          {Py_tp_members, (void*)fc_members},
                          {Py_tp_getattro, (void*)fc_getattro},
                          {Py_tp_methods, (void*)fc_methods},
                          {Py_tp_descr_get, (void*)fc_descr_get},
                          {Py_tp_repr, (void*)fc_repr},
                          {0, nullptr}};

PyType_Spec fc_spec = {"hcarray._core.fastcall", sizeof(FastCall), 0,
                       Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL |
                           Py_TPFLAGS_METHOD_DESCRIPTOR,
                       fc_slots};

PyObject* g_fc_type = nullptr;

}  // namespace

// A new fast-call object: op (an elementwise op or reduction id) of the given kind in front of
// the Python function `fallback`; `name`: the hcarray attribute it is (pickling), or None.
nb::object new_fastcall(int op, int arity, int kind, bool scalars, nb::object fallback,
                        nb::object name) {
  if (g_array_type == nullptr)
    g_array_type = reinterpret_cast<PyTypeObject*>(nb::type<Array>().ptr());
  auto* tp = reinterpret_cast<PyTypeObject*>(g_fc_type);
  auto* fc = reinterpret_cast<FastCall*>(tp->tp_alloc(tp, 0));
  if (fc == nullptr) throw nb::python_error();
  fc->vectorcall = fc_vectorcall;
  fc->op = op;
  fc->arity = arity;
  fc->kind = kind;
  fc->scalars = scalars;
  fc->numpy = false;
  fc->fallback = fallback.release().ptr();
  fc->name = name.is_none() ? nullptr : name.release().ptr();
  fc->table1 = fc->table2 = nullptr;
  return nb::steal(reinterpret_cast<PyObject*>(fc));
}

void bind_fastcall(nb::module_& m) {
  g_fc_type = PyType_FromSpec(&fc_spec);
  if (g_fc_type == nullptr) throw nb::python_error();
  m.def("fastcall", [](const std::string& op, int arity, bool scalars, nb::object fallback) {
    int id = find_op(op);
    if (id < 0) throw ValueError("fastcall: unknown op " + op);
    if (arity != op_info(id).arity) throw ValueError("fastcall: " + op + " takes " +
                                                     std::to_string(op_info(id).arity) +
                                                     " operands");
    return new_fastcall(id, arity, kElementwise, scalars, std::move(fallback), nb::none());
  }, nb::arg("op"), nb::arg("arity"), nb::arg("scalars"), nb::arg("fallback"));
  m.def("_set_fastcall_restore", [](nb::object f) {
    Py_XDECREF(g_restore);
    g_restore = f.release().ptr();
  });
  // The creation functions' plain calls (zeros/ones/empty/full(shape...), arange, the *_like
  // functions, asarray/array of a list of Python numbers, eye(N), dot of 1-D/2-D arrays: see
  // try_create) on the CPU; other calls: fallback.
  m.def("fastcall_create", [](const std::string& op, nb::object fallback, nb::object name) {
    int id = -1;
    for (int i = 0; i < kNumCreateOps; ++i)
      if (op == kCreateSigs[i].name) id = i;
    if (id < 0) throw ValueError("fastcall_create: unknown function " + op);
    return new_fastcall(id, 1, kCreate, false, std::move(fallback), std::move(name));
  }, nb::arg("op"), nb::arg("fallback"), nb::arg("name").none() = nb::none());
  // ndarray methods (reshape, tolist, copy, astype: see try_method); other calls: fallback.
  m.def("fastcall_method", [](const std::string& op, nb::object fallback) {
    int id = -1;
    for (int i = 0; i < kNumMethodOps; ++i)
      if (op == kMethodNames[i]) id = i;
    if (id < 0) throw ValueError("fastcall_method: unknown method " + op);
    return new_fastcall(id, 1, kMethod, false, std::move(fallback), nb::none());
  }, nb::arg("op"), nb::arg("fallback"));
  // ndarray.__array_ufunc__ in front of the Python hook: unary/binary maps NumPy ufuncs to
  // hcarray op names (see try_ufunc_hook).
  m.def("fastcall_ufunc_hook", [](nb::dict unary, nb::dict binary, nb::object fallback) {
    nb::dict t1, t2;
    for (auto [k, v] : unary) {
      const int id = find_op(nb::cast<std::string>(v));
      if (id < 0 || op_info(id).arity != 1) throw ValueError("fastcall_ufunc_hook: bad op");
      t1[k] = id;
    }
    for (auto [k, v] : binary) {
      const int id = find_op(nb::cast<std::string>(v));
      if (id < 0 || op_info(id).arity != 2) throw ValueError("fastcall_ufunc_hook: bad op");
      t2[k] = id;
    }
    nb::object r = new_fastcall(0, 1, kUfuncHook, false, std::move(fallback), nb::none());
    auto* fc = reinterpret_cast<FastCall*>(r.ptr());
    fc->table1 = t1.release().ptr();
    fc->table2 = t2.release().ptr();
    return r;
  }, nb::arg("unary"), nb::arg("binary"), nb::arg("fallback"));
  // sum/prod ("sum"/"prod") or max/min ("max"/"min") of a whole array; other calls: fallback.
  // numpy=True: it stands for NumPy's function (an __array_function__ implementation), so
  // float16/bfloat16 sums and products, which NumPy rounds after every step, take the fallback.
  m.def("fastcall_reduce", [](const std::string& op, nb::object fallback, nb::object name,
                              bool numpy) {
    int id = find_reduce_op(op);
    if (id < 0) throw ValueError("fastcall_reduce: unknown reduction " + op);
    const int kind = (op == "max" || op == "min") ? kReduceExtreme : kReduceSum;
    nb::object r = new_fastcall(id, 1, kind, false, std::move(fallback), std::move(name));
    reinterpret_cast<FastCall*>(r.ptr())->numpy = numpy;
    return r;
  }, nb::arg("op"), nb::arg("fallback"), nb::arg("name").none() = nb::none(),
     nb::arg("numpy") = false);
}

}  // namespace hc::py
