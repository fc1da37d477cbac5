// The hcarray.ndarray type: attributes, basic indexing, operators, reshape, the buffer protocol.
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/reshape.h"
#include "cpu/index.h"
#include "cpu/matmul.h"
#include "python/convert.h"
#include "python/indexing_basic.h"

namespace hc::py {

// x ** c for a Python number c, as NumPy's ndarray.__pow__ computes it: c == 2 is np.square
// (ints, floats; complex only for the int 2), c == 0.5 is np.sqrt (floats, complex) and c == -1
// is 1 / x (real floats), only where the result keeps x's dtype. The results are NumPy's bit
// for bit (pow(x, 2) through exp/log was within 1 ulp, not equal, and 25x slower). Returns false
// when no shortcut applies; square_only: only c == 2 (np.power / hc.pow).
bool power_shortcut(const Array& x, nb::handle c, Device dev, nb::object* out, bool square_only) {
  static const int square_id = find_op("square"), sqrt_id = find_op("sqrt"),
                   div_id = find_op("divide");
  static const int pow_id = find_op("pow");
  double v;
  Scalar s;
  if (PyLong_CheckExact(c.ptr())) {
    int overflow = 0;
    const long long iv = PyLong_AsLongLongAndOverflow(c.ptr(), &overflow);
    if (overflow || (iv != 2 && iv != -1)) return false;
    v = double(iv);
    s = Scalar::from_int(iv);
  } else if (PyFloat_CheckExact(c.ptr())) {
    v = PyFloat_AS_DOUBLE(c.ptr());
    if (v != 2.0 && v != 0.5 && v != -1.0) return false;
    s = Scalar::from_double(v);
  } else {
    return false;
  }
  const Kind k = kind(x.dtype);
  if (k == Kind::Bool) return false;
  // Only where x ** c keeps x's dtype (an int array ** 2.0 is float64, computed by pow).
  if (result_dtype(pow_id, x.dtype, weak_scalar_dtype(s, x.dtype, "pow")) != x.dtype) return false;
  if (v == 2.0) {
    if (k == Kind::Complex && PyFloat_CheckExact(c.ptr())) return false;  // NumPy: complex pow
    *out = wrap(dispatch_unary(square_id, x, dev));
    return true;
  }
  if (square_only || (k != Kind::Float && k != Kind::Complex)) return false;
  if (v == 0.5) {
    *out = wrap(dispatch_unary(sqrt_id, x, dev));
    return true;
  }
  if (k != Kind::Float) return false;  // complex x ** -1: NumPy's complex pow, not 1 / x
  if (v == -1.0) {
    const Array one = scalar_array(Scalar::from_double(1.0), x.dtype, dev);
    *out = wrap(dispatch_binary(div_id, one, x, dev));
    return true;
  }
  return false;
}


namespace {

nb::tuple dims_tuple(const Dims& d) {
  nb::list l;
  for (int64_t v : d) l.append(v);
  return nb::tuple(l);
}

Dims dims_from(nb::handle h, const char* fn) {
  Dims d;
  if (PyLong_Check(h.ptr()) && !PyBool_Check(h.ptr())) {
    d.push_back(nb::cast<int64_t>(h));
    return d;
  }
  if (!PySequence_Check(h.ptr()))
    throw TypeError(std::string(fn) + ": shape must be an int or a sequence of ints");
  for (nb::handle v : h) {
    if (PyBool_Check(v.ptr()) || !PyIndex_Check(v.ptr()))
      throw TypeError(std::string(fn) + ": shape entries must be integers");
    Py_ssize_t x = PyNumber_AsSsize_t(v.ptr(), PyExc_OverflowError);
    if (x == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      throw ValueError(std::string(fn) + ": dimension is too large");
    }
    d.push_back(x);
  }
  return d;
}

Array reshape(const Array& a, const Dims& req, int copy, const char* fn) {
  Dims shape = resolve_shape(req, a.size(), fn);
  Array out;
  if (copy != 1 && reshape_view(a, shape, &out)) return out;
  if (copy == 0) throw ValueError(std::string(fn) + ": cannot reshape without a copy");
  Array c = astype(a, a.dtype);
  c.shape = shape;
  c.strides = c_strides(shape, c.itemsize());
  return c;
}

Array transpose_last2(const Array& a, const char* fn) {
  if (a.ndim() < 2) throw ValueError(std::string(fn) + ": array must have at least 2 dimensions");
  Array v = a.view(a.shape, a.strides, a.offset);
  int n = a.ndim();
  std::swap(v.shape[n - 1], v.shape[n - 2]);
  std::swap(v.strides[n - 1], v.strides[n - 2]);
  return v;
}

// The scalar stored in a one-element array, as a Python object.
nb::object item_object(const Array& a, const char* fn) {
  if (a.size() != 1)
    throw ValueError(std::string(fn) + ": only arrays with exactly one element can be converted to a Python scalar");
  Scalar s = load_scalar(a.dtype, a.data());
  switch (s.kind) {
    case Kind::Bool: return nb::bool_(s.b);
    case Kind::Int: return nb::int_(s.i);
    case Kind::UInt: return nb::steal(PyLong_FromUnsignedLongLong(s.u));
    case Kind::Float: return nb::float_(s.f);
    case Kind::Complex: return nb::steal(PyComplex_FromDoubles(s.c.real(), s.c.imag()));
  }
  return nb::none();
}

nb::object binary_op(int op, nb::handle a, nb::handle b, bool reflected) {
  const char* fn = op_info(op).name.c_str();
  Array* self = &as_array(a);  // a is the dunder's self, for __r*__ too
  Array tmp;
  const Array* other;
  static const int pow_id = find_op("pow");
  if (op == pow_id && !reflected && !is_array(b)) {
    nb::object r;
    if (power_shortcut(*self, b, route_device(nullptr, &self->device(), fn), &r, false)) return r;
  }
  if (is_array(b)) {
    other = &as_array(b);
  } else {
    try {
      tmp = operand_for(b, *self, fn);
    } catch (const TypeError&) {
      return nb::borrow(Py_NotImplemented);
    }
    if (!reflected) pow_bool_base(op, *self, b, &tmp);
    other = &tmp;
  }
  Device dev = route_device(nullptr, &self->device(), fn);
  if (reflected) return wrap(dispatch_binary(op, *other, *self, dev));
  return wrap(dispatch_binary(op, *self, *other, dev));
}

// out= of the elementwise functions: NumPy's default casting 'same_kind' (exp of a float into
// an int32 out raises, as np.exp does, instead of truncating).
void check_out_cast(int op, DType a, DType b, nb::handle out) {
  const DType rt = result_dtype(op, a, b);
  const DType ot = as_array(out).dtype;
  if (rt != ot && !can_cast_same_kind(rt, ot))
    throw TypeError(op_info(op).name + ": cannot cast the result from " + name(rt) +
                    " to out's " + name(ot) + " with casting rule 'same_kind'");
}

nb::object inplace_op(int op, nb::handle a, nb::handle b) {
  const OpInfo& info = op_info(op);
  const char* fn = info.name.c_str();
  Array& self = as_array(a);
  Array other;
  try {
    other = operand_for(b, self, fn);
  } catch (const TypeError&) {
    return nb::borrow(Py_NotImplemented);
  }
  DType rt = result_dtype(op, self.dtype, other.dtype);
  if (rt != self.dtype && !can_cast_same_kind(rt, self.dtype))
    throw TypeError(info.name + ": cannot cast the result dtype " + name(rt) +
                    " to the in-place operand's dtype " + name(self.dtype));
  Dims shape = broadcast_shapes(self.shape, other.shape, fn);
  if (shape != self.shape)
    throw ValueError(info.name + ": in-place result of shape " + shape_str(shape) +
                     " does not fit the operand of shape " + shape_str(self.shape));
  dispatch_binary(op, self, other, route_device(nullptr, &self.device(), fn), &self);
  return nb::borrow(a);
}

// Buffer protocol: export any dtype whose format PEP 3118 can name. bfloat16 has none, so it
// refuses and NumPy falls back to __array__, which keeps the dtype.
const char* format_of(DType t) {
  switch (t) {
    case DType::Bool: return "?";
    case DType::Int8: return "b";
    case DType::Int16: return "h";
    case DType::Int32: return "i";
    case DType::Int64: return sizeof(long) == 8 ? "l" : "q";  // NumPy's canonical int64
    case DType::UInt8: return "B";
    case DType::UInt16: return "H";
    case DType::UInt32: return "I";
    case DType::UInt64: return sizeof(long) == 8 ? "L" : "Q";
    case DType::Float16: return "e";
    case DType::Float32: return "f";
    case DType::Float64: return "d";
    case DType::Complex64: return "Zf";
    case DType::Complex128: return "Zd";
    default: return nullptr;
  }
}

int getbuffer(PyObject* self, Py_buffer* view, int flags) {
  Array& a = *nb::inst_ptr<Array>(self);
  const char* fmt = format_of(a.dtype);
  if (!fmt) {
    PyErr_SetString(PyExc_BufferError, "hcarray: bfloat16 has no buffer-protocol format; use __array__ or DLPack");
    return -1;
  }
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && !a.writeable) {
    PyErr_SetString(PyExc_BufferError, "hcarray: array is read-only");
    return -1;
  }
  if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES && !a.is_c_contiguous()) {
    PyErr_SetString(PyExc_BufferError, "hcarray: array is not C-contiguous");
    return -1;
  }
  // shape and strides point into the Array itself (Dims hold int64 = Py_ssize_t): it lives as
  // long as view->obj, and an exported array's shape and strides are never changed in place.
  static_assert(sizeof(Py_ssize_t) == sizeof(int64_t), "Dims must be Py_ssize_t-sized");
  view->buf = a.data();
  view->obj = self;
  Py_INCREF(self);
  view->len = a.size() * a.itemsize();
  view->readonly = !a.writeable;
  view->itemsize = a.itemsize();
  view->format = (flags & PyBUF_FORMAT) ? const_cast<char*>(fmt) : nullptr;
  view->ndim = a.ndim();
  view->shape = (flags & PyBUF_ND) ? reinterpret_cast<Py_ssize_t*>(a.shape.data()) : nullptr;
  view->strides =
      (flags & PyBUF_STRIDES) ? reinterpret_cast<Py_ssize_t*>(a.strides.data()) : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

// Operators are C number slots, not methods: Python then calls them directly instead of
// looking __add__/__radd__ up in the type's dict on every operation.
int g_ops[64];  // op ids, indexed by the enum below
enum OpIdx {
  kAdd, kSub, kMul, kDiv, kFloorDiv, kMod, kPow, kAnd, kOr, kXor, kLShift, kRShift,
  kEq, kNe, kLt, kLe, kGt, kGe, kNeg, kPos, kAbs, kInvert, kNumOpIdx
};
const char* kOpNames[kNumOpIdx] = {
    "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "pow",
    "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_left_shift", "bitwise_right_shift",
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "negative", "positive", "abs", "bitwise_invert"};
const int kArity[kNumOpIdx] = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1};

// Runs f, turning C++ exceptions into the Python error they stand for.
template <class F> PyObject* guarded(F&& f) {
  try {
    return f().release().ptr();
  } catch (nb::python_error& e) {
    e.restore();
  } catch (const nb::builtin_exception& e) {
    PyErr_SetString(PyExc_TypeError, e.what());
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (...) {
    if (!set_core_error(std::current_exception())) {  // the core's errors, as module.cpp maps them
      try {
        throw;
      } catch (const std::exception& e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
      } catch (...) {
        PyErr_SetString(PyExc_RuntimeError, "unknown C++ exception");
      }
    }
  }
  return nullptr;
}

template <int K> PyObject* nb_binary_slot(PyObject* a, PyObject* b) {
  return guarded([&] {
    if (is_array(a)) return binary_op(g_ops[K], a, b, false);
    return binary_op(g_ops[K], b, a, true);
  });
}
template <int K> PyObject* nb_inplace_slot(PyObject* a, PyObject* b) {
  return guarded([&] { return inplace_op(g_ops[K], a, b); });
}
template <int K> PyObject* nb_unary_slot(PyObject* a) {
  return guarded([&] {
    const Array& x = as_array(a);
    const char* fn = op_info(g_ops[K]).name.c_str();
    return wrap(dispatch_unary(g_ops[K], x, route_device(nullptr, &x.device(), fn)));
  });
}
PyObject* nb_power_slot(PyObject* a, PyObject* b, PyObject* mod) {
  if (mod != Py_None) {
    PyErr_SetString(PyExc_TypeError, "pow: the three-argument form is not supported");
    return nullptr;
  }
  return nb_binary_slot<kPow>(a, b);
}
PyObject* nb_inplace_power_slot(PyObject* a, PyObject* b, PyObject* mod) {
  if (mod != Py_None) {
    PyErr_SetString(PyExc_TypeError, "pow: the three-argument form is not supported");
    return nullptr;
  }
  return nb_inplace_slot<kPow>(a, b);
}
PyObject* richcompare_slot(PyObject* a, PyObject* b, int op) {
  static const int map[6] = {kLt, kLe, kEq, kNe, kGt, kGe};  // Py_LT .. Py_GE
  return guarded([&] { return binary_op(g_ops[map[op]], a, b, false); });
}

// @: two hcarray operands go straight to the core; anything else to the Python layer's
// __matmul__ / __rmatmul__ (array_like conversion, NotImplemented, the scalar error), which
// registers itself with _set_matmul_hooks.
PyObject* g_matmul_py = nullptr;  // strong references, never released (interpreter teardown)
PyObject* g_rmatmul_py = nullptr;
PyObject* nb_matmul_slot(PyObject* a, PyObject* b) {
  const bool ha = is_array(a), hb = is_array(b);
  if (ha && hb) return guarded([&] { return wrap(cpu::matmul(as_array(a), as_array(b), "matmul")); });
  PyObject* f = ha ? g_matmul_py : g_rmatmul_py;
  if (f == nullptr) Py_RETURN_NOTIMPLEMENTED;
  return ha ? PyObject_CallFunctionObjArgs(f, a, b, nullptr)
            : PyObject_CallFunctionObjArgs(f, b, a, nullptr);
}

// x[key] as the mapping slot (not a method found in the type's dict and called through
// nanobind's dispatcher on every subscript): basic indexing in C++, the one-pass advanced keys
// here, every other key through the Python layer's hook.
// A new ndarray object holding a view of a's storage: the shape and strides of a without its
// first `drop` dimensions, at byte offset `offset`. Built in place in the new object (no Array
// temporaries). The common x[i] / x.T / x[None] results.
template <class F> PyObject* new_view(const Array& a, int64_t offset, F&& fill_dims) {
  static const nb::handle type = nb::type<Array>();
  nb::object o = nb::inst_alloc(type);
  Array* v = new (nb::inst_ptr<Array>(o)) Array();
  v->storage = a.storage;
  v->dtype = a.dtype;
  v->offset = offset;
  v->writeable = a.writeable;
  fill_dims(v->shape, v->strides);
  nb::inst_mark_ready(o);
  return o.release().ptr();
}

PyObject* getitem_slot(PyObject* self, PyObject* key) {
  if (PyLong_CheckExact(key)) {
    // x[i]: the first axis, as basic_index computes it; out-of-range and huge indices take
    // the general path below for its IndexError.
    const Array& a = as_array(self);
    const int nd = a.ndim();
    if (nd >= 1) {
      int overflow = 0;
      long long i = PyLong_AsLongLongAndOverflow(key, &overflow);
      const int64_t n = a.shape[0];
      if (!overflow && i >= -n && i < n) {
        if (i < 0) i += n;
        try {
          return new_view(a, a.offset + i * a.strides[0], [&](Dims& shape, Dims& strides) {
            shape.resize(nd - 1);
            strides.resize(nd - 1);
            for (int d = 1; d < nd; ++d) {
              shape[d - 1] = a.shape[d];
              strides[d - 1] = a.strides[d];
            }
          });
        } catch (...) {
          return guarded([]() -> nb::object { throw; });
        }
      }
    }
  }
  if (PySlice_Check(key) || key == Py_None) {
    // x[start:stop:step] and x[None], as basic_index computes them.
    const Array& a = as_array(self);
    const int nd = a.ndim();
    Py_ssize_t start = 0, stop = 0, step = 1, len = 0;
    if (key == Py_None ||
        (nd >= 1 && PySlice_Unpack(key, &start, &stop, &step) == 0)) {
      if (key != Py_None) len = PySlice_AdjustIndices(a.shape[0], &start, &stop, step);
      const int64_t offset = a.offset + (len > 0 ? start * a.strides[0] : 0);
      try {
        return new_view(a, offset, [&](Dims& shape, Dims& strides) {
          const int lead = key == Py_None ? 0 : 1;  // the dimensions the key replaces
          shape.resize(nd + 1 - lead);
          strides.resize(nd + 1 - lead);
          shape[0] = key == Py_None ? 1 : len;
          strides[0] = key == Py_None ? 0 : a.strides[0] * step;
          for (int d = lead; d < nd; ++d) {
            shape[d + 1 - lead] = a.shape[d];
            strides[d + 1 - lead] = a.strides[d];
          }
        });
      } catch (...) {
        return guarded([]() -> nb::object { throw; });
      }
    }
    PyErr_Clear();  // a bad slice: the general path raises its error
  }
  return guarded([&]() -> nb::object {
    Array& a = as_array(self);
    Array v;
    if (basic_index(a, nb::handle(key), &v)) return wrap(std::move(v));
    if (is_array(key)) {
      // The one-pass advanced keys (as hcarray/_indexing.py's getitem takes them), here
      // without the Python hook: a boolean mask of a's shape, or int indices into a 1-D a.
      const Array& k = as_array(key);
      Array r;
      if (k.dtype == DType::Bool && k.ndim() > 0 && k.shape == a.shape &&
          compress(a, k, &r, "__getitem__"))
        return wrap(std::move(r));
      if (a.ndim() == 1 && k.ndim() > 0 && (k.dtype == DType::Int64 || k.dtype == DType::Int32) &&
          take_flat(a, k, &r, ""))
        return wrap(std::move(r));
    } else if (a.ndim() == 1) {
      // Likewise for a NumPy integer array or a list of Python ints into a 1-D a (session 6:
      // x[[1, 2]] went through the Python hook's parse, 6.8 us against NumPy's 0.6).
      Array k, r;
      bool have = false;
      if (PyList_CheckExact(key)) {
        const Py_ssize_t n = PyList_GET_SIZE(key);
        if (n > 0 && n <= 4096) {
          k = Array::empty(Dims{int64_t(n)}, DType::Int64, a.device(), "indexing");
          int64_t* d = reinterpret_cast<int64_t*>(k.data());
          have = true;
          for (Py_ssize_t i = 0; i < n && have; ++i) {
            PyObject* it = PyList_GET_ITEM(key, i);
            int overflow = 0;
            if (!PyLong_CheckExact(it)) {
              have = false;
              break;
            }
            d[i] = PyLong_AsLongLongAndOverflow(it, &overflow);
            if (overflow) have = false;  // the hook gives NumPy's error
          }
        }
      } else if (!PyTuple_Check(key)) {
        nb::object v = adopt_numpy(nb::handle(key));
        if (!v.is_none()) {
          k = as_array(v);
          have = k.ndim() > 0;
        }
      }
      if (have && take_flat(a, k, &r, "")) return wrap(std::move(r));
    }
    return hooks().advanced_getitem(nb::handle(self), nb::handle(key));
  });
}

// x[key] = value as the mapping slot (was a method called through nanobind's dispatcher).
// del x[key]: AttributeError('__delitem__'), as when only __setitem__ was a method.
int setitem_slot(PyObject* self, PyObject* key, PyObject* value) {
  if (value == nullptr) {
    PyErr_SetString(PyExc_AttributeError, "__delitem__");
    return -1;
  }
  PyObject* r = guarded([&]() -> nb::object {
    Array& a = as_array(self);
    if (!a.writeable) throw ValueError("__setitem__: assignment destination is read-only");
    if (a.ndim() == 1 && PyLong_CheckExact(key) &&
        (PyFloat_CheckExact(value) || PyLong_CheckExact(value) || PyBool_Check(value))) {
      // x[i] = a Python number on a 1-D array: one store (out-of-range and huge indices, and
      // values of another dtype, take the general path below for its error or its cast).
      int overflow = 0;
      long long i = PyLong_AsLongLongAndOverflow(key, &overflow);
      const int64_t n = a.shape[0];
      if (!overflow && i >= -n && i < n) {
        if (i < 0) i += n;
        Scalar s;
        python_scalar(nb::handle(value), &s);
        if (weak_scalar_dtype(s, a.dtype, "__setitem__") == a.dtype) {
          store_scalar(s, a.dtype, a.data() + i * a.strides[0]);
          return nb::none();
        }
      }
    }
    Array v;
    if (!basic_index(a, nb::handle(key), &v)) {
      hooks().advanced_setitem(nb::handle(self), nb::handle(key), nb::handle(value));
      return nb::none();
    }
    Scalar s;
    if (python_scalar(nb::handle(value), &s)) {
      check_setitem_value(nb::handle(value), v.dtype, "__setitem__");
      DType t = weak_scalar_dtype(s, v.dtype, "__setitem__");
      if (t == v.dtype) {
        if (v.ndim() == 0) store_scalar(s, t, v.data());  // what fill does for one element
        else fill(v, s);
        return nb::none();
      }
      copy_into(v, scalar_array(s, t, v.device()), "__setitem__");
      return nb::none();
    }
    copy_into(v, to_array(nb::handle(value), "__setitem__"), "__setitem__");
    return nb::none();
  });
  if (r == nullptr) return -1;
  Py_DECREF(r);
  return 0;
}

Py_ssize_t length_slot(PyObject* self) {
  const Array& a = as_array(self);
  if (a.ndim() == 0) {
    PyErr_SetString(PyExc_TypeError, "len() of unsized object");
    return -1;
  }
  return Py_ssize_t(a.shape[0]);
}

// The conversions (bool(x), int(x), float(x), operator.index(x)) as number slots.
int bool_slot(PyObject* self) {
  PyObject* o = guarded([&]() -> nb::object {
    const Array& a = as_array(self);
    if (a.size() != 1)
      throw ValueError("The truth value of an array with more than one element is ambiguous");
    return item_object(a, "bool");
  });
  if (o == nullptr) return -1;
  const int r = PyObject_IsTrue(o);
  Py_DECREF(o);
  return r;
}
PyObject* int_slot(PyObject* self) {
  return guarded([&]() -> nb::object {
    nb::object o = item_object(as_array(self), "int");
    if (PyComplex_Check(o.ptr())) throw TypeError("int: cannot convert a complex array to int");
    return nb::steal(PyNumber_Long(o.ptr()));
  });
}
PyObject* float_slot(PyObject* self) {
  const Array& a = as_array(self);
  if (a.ndim() == 0) {  // the common float(x[i]) / float(x.sum())
    if (a.dtype == DType::Float64) {
      double v;
      std::memcpy(&v, a.data(), sizeof v);  // memory from a buffer may be unaligned
      return PyFloat_FromDouble(v);
    }
    if (a.dtype == DType::Float32) {
      float v;
      std::memcpy(&v, a.data(), sizeof v);
      return PyFloat_FromDouble(v);
    }
  }
  return guarded([&]() -> nb::object {
    nb::object o = item_object(a, "float");
    if (PyComplex_Check(o.ptr())) throw TypeError("float: cannot convert a complex array to float");
    return nb::steal(PyNumber_Float(o.ptr()));
  });
}
PyObject* index_slot(PyObject* self) {
  return guarded([&]() -> nb::object {
    const Array& a = as_array(self);
    if (!is_integer(a.dtype))
      throw TypeError(std::string("__index__: only integer arrays can be used as an index, not ") + name(a.dtype));
    return item_object(a, "__index__");
  });
}

// The hottest attributes as getset descriptors of the type (a nanobind property is a Python
// property calling a bound function through nanobind's dispatcher).
PyObject* dims_to_tuple(const Dims& d) {
  PyObject* t = PyTuple_New(d.size());
  if (t == nullptr) return nullptr;
  for (int i = 0; i < d.size(); ++i) {
    PyObject* v = PyLong_FromLongLong(d[i]);
    if (v == nullptr) {
      Py_DECREF(t);
      return nullptr;
    }
    PyTuple_SET_ITEM(t, i, v);
  }
  return t;
}
PyObject* get_shape(PyObject* self, void*) { return dims_to_tuple(as_array(self).shape); }
PyObject* get_ndim(PyObject* self, void*) { return PyLong_FromLong(as_array(self).ndim()); }
PyObject* get_size(PyObject* self, void*) { return PyLong_FromLongLong(as_array(self).size()); }
PyObject* get_dtype(PyObject* self, void*) {
  return dtype_object(as_array(self).dtype).release().ptr();
}
PyObject* get_dtype_code(PyObject* self, void*) {
  return PyLong_FromLong(int(as_array(self).dtype));
}
PyObject* get_T(PyObject* self, void*) {
  // All axes reversed, as NumPy (the standard only defines T for 2-D arrays).
  const Array& a = as_array(self);
  try {
    return new_view(a, a.offset, [&](Dims& shape, Dims& strides) {
      const int n = a.ndim();
      shape.resize(n);
      strides.resize(n);
      for (int i = 0; i < n; ++i) {
        shape[i] = a.shape[n - 1 - i];
        strides[i] = a.strides[n - 1 - i];
      }
    });
  } catch (...) {
    return guarded([]() -> nb::object { throw; });
  }
}

PyGetSetDef kGetSet[] = {
    {"shape", get_shape, nullptr, nullptr, nullptr},
    {"ndim", get_ndim, nullptr, nullptr, nullptr},
    {"size", get_size, nullptr, nullptr, nullptr},
    {"dtype", get_dtype, nullptr, nullptr, nullptr},
    {"_dtype_code", get_dtype_code, nullptr, nullptr, nullptr},
    {"T", get_T, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyType_Slot kSlots[] = {
    {Py_tp_getset, (void*)kGetSet},
    {Py_mp_length, (void*)length_slot},
    {Py_sq_length, (void*)length_slot},  // len() asks the sequence slot first
    {Py_mp_ass_subscript, (void*)setitem_slot},
    {Py_nb_bool, (void*)bool_slot},
    {Py_nb_int, (void*)int_slot},
    {Py_nb_float, (void*)float_slot},
    {Py_nb_index, (void*)index_slot},
    {Py_mp_subscript, (void*)getitem_slot},
    {Py_nb_matrix_multiply, (void*)nb_matmul_slot},
    {Py_bf_getbuffer, (void*)getbuffer},
    {Py_nb_add, (void*)nb_binary_slot<kAdd>},
    {Py_nb_subtract, (void*)nb_binary_slot<kSub>},
    {Py_nb_multiply, (void*)nb_binary_slot<kMul>},
    {Py_nb_true_divide, (void*)nb_binary_slot<kDiv>},
    {Py_nb_floor_divide, (void*)nb_binary_slot<kFloorDiv>},
    {Py_nb_remainder, (void*)nb_binary_slot<kMod>},
    {Py_nb_power, (void*)nb_power_slot},
    {Py_nb_and, (void*)nb_binary_slot<kAnd>},
    {Py_nb_or, (void*)nb_binary_slot<kOr>},
    {Py_nb_xor, (void*)nb_binary_slot<kXor>},
    {Py_nb_lshift, (void*)nb_binary_slot<kLShift>},
    {Py_nb_rshift, (void*)nb_binary_slot<kRShift>},
    {Py_nb_inplace_add, (void*)nb_inplace_slot<kAdd>},
    {Py_nb_inplace_subtract, (void*)nb_inplace_slot<kSub>},
    {Py_nb_inplace_multiply, (void*)nb_inplace_slot<kMul>},
    {Py_nb_inplace_true_divide, (void*)nb_inplace_slot<kDiv>},
    {Py_nb_inplace_floor_divide, (void*)nb_inplace_slot<kFloorDiv>},
    {Py_nb_inplace_remainder, (void*)nb_inplace_slot<kMod>},
    {Py_nb_inplace_power, (void*)nb_inplace_power_slot},
    {Py_nb_inplace_and, (void*)nb_inplace_slot<kAnd>},
    {Py_nb_inplace_or, (void*)nb_inplace_slot<kOr>},
    {Py_nb_inplace_xor, (void*)nb_inplace_slot<kXor>},
    {Py_nb_inplace_lshift, (void*)nb_inplace_slot<kLShift>},
    {Py_nb_inplace_rshift, (void*)nb_inplace_slot<kRShift>},
    {Py_nb_negative, (void*)nb_unary_slot<kNeg>},
    {Py_nb_positive, (void*)nb_unary_slot<kPos>},
    {Py_nb_absolute, (void*)nb_unary_slot<kAbs>},
    {Py_nb_invert, (void*)nb_unary_slot<kInvert>},
    {Py_tp_richcompare, (void*)richcompare_slot},
    {0, nullptr},
};

}  // namespace

nb::object concat_fast(nb::handle seq, nb::handle axis_obj, bool stack) {
  // Concatenation (stack: false) or stacking (true) along one int axis of C-contiguous CPU
  // arrays of one dtype and one shape outside that axis (stacking: one shape): one allocation,
  // then for each index of the axes before `axis` one memcpy per operand (its whole block of
  // the later axes). None when the operands or the axis are anything else; the Python
  // functions then validate the call and give NumPy's result or error. (Session 5 did axis 0
  // of concatenate; session 6 every axis, and stack: hc.concatenate([b, b], axis=1) of two
  // 10 x 10 arrays took 7.5 us through the Python path, NumPy 0.8.)
  if (!PyList_CheckExact(seq.ptr()) && !PyTuple_CheckExact(seq.ptr())) return nb::none();
  if (!PyLong_CheckExact(axis_obj.ptr())) return nb::none();
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
  PyObject** items = PySequence_Fast_ITEMS(seq.ptr());
  if (n < 1) return nb::none();
  std::vector<const Array*> xs;
  xs.reserve(size_t(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    if (!is_array(items[i])) return nb::none();
    const Array& a = as_array(items[i]);
    if ((!stack && a.ndim() == 0) || !a.is_c_contiguous() || a.device() != Device{})
      return nb::none();
    xs.push_back(&a);
  }
  const Array& f = *xs[0];
  const int nd = f.ndim() + (stack ? 1 : 0);  // the result's
  int overflow = 0;
  long long ax = PyLong_AsLongLongAndOverflow(axis_obj.ptr(), &overflow);
  if (overflow || ax < -nd || ax >= nd) {
    PyErr_Clear();
    return nb::none();
  }
  if (ax < 0) ax += nd;
  int64_t along = 0;
  for (const Array* a : xs) {
    if (a->dtype != f.dtype || a->ndim() != f.ndim()) return nb::none();
    for (int d = 0; d < f.ndim(); ++d)
      if (a->shape[d] != f.shape[d] && (stack || d != ax)) return nb::none();
    along += stack ? 1 : a->shape[ax];
  }
  Dims shape;
  for (int d = 0; d < nd; ++d) {
    if (d == ax) shape.push_back(along);
    else shape.push_back(f.shape[stack && d > ax ? d - 1 : d]);
  }
  int64_t outer = 1;
  for (int d = 0; d < ax; ++d) outer *= shape[d];
  Array out = Array::empty(shape, f.dtype, Device{}, stack ? "stack" : "concatenate");
  if (out.size() == 0) return wrap(std::move(out));
  std::vector<size_t> block(xs.size());  // bytes of each operand per index of the outer axes
  for (size_t i = 0; i < xs.size(); ++i)
    block[i] = size_t(xs[i]->size() / outer) * size_t(xs[i]->itemsize());
  char* o = out.data();
  for (int64_t r = 0; r < outer; ++r)
    for (size_t i = 0; i < xs.size(); ++i) {
      if (block[i]) std::memcpy(o, xs[i]->data() + size_t(r) * block[i], block[i]);
      o += block[i];
    }
  return wrap(std::move(out));
}

// The axes named by an int or a tuple of exact Python ints, normalised; false when axis_obj is
// anything else, an axis is out of range or repeated (the Python function raises the error).
bool axes_arg(nb::handle axis_obj, int nd, std::vector<bool>* marked) {
  marked->assign(size_t(nd), false);
  PyObject* o = axis_obj.ptr();
  const bool tup = PyTuple_CheckExact(o);
  if (!tup && !PyLong_CheckExact(o)) return false;
  const Py_ssize_t n = tup ? PyTuple_GET_SIZE(o) : 1;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* it = tup ? PyTuple_GET_ITEM(o, i) : o;
    if (!PyLong_CheckExact(it)) return false;
    int overflow = 0;
    long long ax = PyLong_AsLongLongAndOverflow(it, &overflow);
    if (overflow || ax < -nd || ax >= nd) {
      PyErr_Clear();
      return false;
    }
    if (ax < 0) ax += nd;
    if ((*marked)[size_t(ax)]) return false;
    (*marked)[size_t(ax)] = true;
  }
  return true;
}

// squeeze / flip views in C++ (session 6: hc.squeeze of a 10 x 1 x 10 array took 3.0 us in
// the Python layer, NumPy 0.2); None when the Python function should decide.
nb::object squeeze_fast(const Array& a, nb::handle axis) {
  const int nd = a.ndim();
  std::vector<bool> drop;
  if (axis.is_none()) {
    drop.assign(size_t(nd), false);
    for (int d = 0; d < nd; ++d) drop[size_t(d)] = a.shape[d] == 1;
  } else if (!axes_arg(axis, nd, &drop)) {
    return nb::none();
  }
  Dims shape, strides;
  for (int d = 0; d < nd; ++d) {
    if (drop[size_t(d)]) {
      if (a.shape[d] != 1) return nb::none();
      continue;
    }
    shape.push_back(a.shape[d]);
    strides.push_back(a.strides[d]);
  }
  return wrap(a.view(shape, strides, a.offset));
}

nb::object flip_fast(const Array& a, nb::handle axis) {
  const int nd = a.ndim();
  std::vector<bool> flip;
  if (axis.is_none()) flip.assign(size_t(nd), true);
  else if (!axes_arg(axis, nd, &flip)) return nb::none();
  Dims strides = a.strides;
  int64_t offset = a.offset;
  for (int d = 0; d < nd; ++d) {
    if (!flip[size_t(d)]) continue;
    if (a.shape[d] > 0) offset += (a.shape[d] - 1) * a.strides[d];
    strides[d] = -strides[d];
  }
  return wrap(a.view(a.shape, strides, offset));
}

nb::object concat0(nb::handle seq) { return concat_fast(seq, nb::int_(0), false); }

void set_dtype_objects(nb::list dtypes, nb::list scalar_types);

void bind_array(nb::module_& m) {
  for (int k = 0; k < kNumOpIdx; ++k) g_ops[k] = op_id(kOpNames[k], kArity[k]);
  auto cls = nb::class_<Array>(m, "ndarray", nb::type_slots(kSlots), nb::pooled(),
                               "An n-dimensional array whose memory every compute unit can reach.");
  cls.def_prop_ro("strides", [](const Array& a) { return dims_tuple(a.strides); })
      .def_prop_ro("itemsize", [](const Array& a) { return a.itemsize(); })
      .def_prop_ro("nbytes", [](const Array& a) { return a.size() * a.itemsize(); })
      .def_prop_ro("_offset", [](const Array& a) { return a.offset; })
      .def_prop_ro("_data_ptr", [](const Array& a) { return uintptr_t(a.data()); })
      .def_prop_ro("_device_str", [](const Array& a) { return a.device().str(); })
      .def_prop_ro("_c_contiguous", [](const Array& a) { return a.is_c_contiguous(); })
      .def_prop_ro("_f_contiguous", [](const Array& a) { return a.is_f_contiguous(); })
      .def_prop_rw(
          "_writeable", [](const Array& a) { return a.writeable; },
          [](Array& a, bool w) { a.writeable = w; })
      .def("_shares_storage", [](const Array& a, const Array& b) { return a.storage == b.storage; })
      .def_prop_ro("mT", [](const Array& a) { return transpose_last2(a, "mT"); })
      .def("__complex__", [](const Array& a) {
        nb::object o = item_object(a, "complex");
        return nb::steal(PyObject_CallOneArg((PyObject*)&PyComplex_Type, o.ptr()));
      })
      .def("item", [](const Array& a) { return item_object(a, "item"); })
      .def("reshape", [](const Array& a, nb::args args, nb::kwargs kw) {
        nb::handle shp = args.size() == 1 ? args[0] : nb::handle(args);
        if (args.size() == 0) {
          if (!kw.contains("shape")) throw TypeError("reshape: missing the shape argument");
          shp = kw["shape"];
        }
        int copy = -1;
        if (kw.contains("copy") && !kw["copy"].is_none()) {
          nb::object c = kw["copy"];
          if (!PyBool_Check(c.ptr())) throw TypeError("reshape: copy must be True, False or None");
          copy = c.ptr() == Py_True ? 1 : 0;
        }
        return reshape(a, dims_from(shp, "reshape"), copy, "reshape");
      })
      .def("copy", [](const Array& a) { return astype(a, a.dtype); })
      .def("_reinterpret", [](const Array& a, int code) {
        DType t = DType(code);
        if (itemsize(t) != a.itemsize()) throw ValueError("_reinterpret: itemsizes differ");
        Array v = a.view(a.shape, a.strides, a.offset);
        v.dtype = t;
        return v;
      }, "A view of the same bytes as another dtype of equal itemsize. Internal.")
      .def("_astype_code", [](const Array& a, int code) { return astype(a, DType(code)); });

  // Internal primitives for the Python layer.
  m.def("_set_dtype_objects", &set_dtype_objects);
  m.def("_set_tables", [](std::vector<int> promote, std::vector<bool> safe, std::vector<bool> same_kind) {
    set_promotion_table(promote.data());
    bool s[kNumDTypes * kNumDTypes], k[kNumDTypes * kNumDTypes];
    for (int i = 0; i < kNumDTypes * kNumDTypes; ++i) { s[i] = safe[i]; k[i] = same_kind[i]; }
    set_cast_tables(s, k);
  });
  m.def("_set_hooks", [](nb::object asarray, nb::object dtype_code, nb::object getitem, nb::object setitem) {
    hooks().asarray = asarray;
    hooks().dtype_code = dtype_code;
    hooks().advanced_getitem = getitem;
    hooks().advanced_setitem = setitem;
  });
  m.def("empty", [](nb::handle shape, nb::handle dtype, nb::handle device) {
    Device dev = device_arg(device, nullptr, "empty");
    return Array::empty(dims_from(shape, "empty"), dtype_from(dtype, "empty"), dev);
  }, nb::arg("shape"), nb::arg("dtype"), nb::arg("device") = nb::none());
  m.def("_concat", &concat_fast, nb::arg("arrays"), nb::arg("axis"), nb::arg("stack") = false,
        "concatenate/stack of C-contiguous CPU arrays of one dtype along an int axis, or None.");
  m.def("_squeeze", &squeeze_fast, nb::arg("x"), nb::arg("axis").none(),
        "Internal: squeeze as a view, or None (the Python function decides).");
  m.def("_flip", &flip_fast, nb::arg("x"), nb::arg("axis").none(),
        "Internal: flip as a view, or None (the Python function decides).");
  m.def("_concat0", &concat0,
        "Internal: concat along axis 0 of C-contiguous arrays of one dtype, else None.");
  m.def("full", [](nb::handle shape, nb::handle value, nb::handle dtype, nb::handle device) {
    DType t = dtype_from(dtype, "full");
    Array a = Array::empty(dims_from(shape, "full"), t, device_arg(device, nullptr, "full"), "full");
    Scalar s;
    if (python_scalar(value, &s)) fill(a, s);
    else copy_into(a, to_array(value, "full"), "full");
    return a;
  }, nb::arg("shape"), nb::arg("value"), nb::arg("dtype"), nb::arg("device") = nb::none());
  m.def("from_buffer", [](nb::handle obj, int code) { return from_buffer(obj, code, false); },
        nb::arg("obj"), nb::arg("dtype_code") = -1);
  m.def("as_strided", [](const Array& a, nb::handle shape, nb::handle strides, int64_t offset) {
    Dims s = dims_from(shape, "as_strided"), st = dims_from(strides, "as_strided");
    if (s.size() != st.size()) throw ValueError("as_strided: shape and strides differ in length");
    checked_size(s, a.itemsize(), "as_strided");
    return a.view(s, st, offset);
  }, "A view of a's storage with this geometry; offset in bytes from the storage start. Internal.");
  m.def("copyto", [](const Array& dst, nb::handle src) {
    copy_into(dst, to_array(src, "copyto"), "copyto");
  });
  m.def("astype", [](const Array& a, nb::handle dtype) { return astype(a, dtype_from(dtype, "astype")); });
  m.def("reshape", [](const Array& a, nb::handle shape, int copy) {
    return reshape(a, dims_from(shape, "reshape"), copy, "reshape");
  }, nb::arg("x"), nb::arg("shape"), nb::arg("copy") = -1);
  m.def("_set_matmul_hooks", [](nb::object f, nb::object rf) {
    Py_XDECREF(g_matmul_py);
    Py_XDECREF(g_rmatmul_py);
    g_matmul_py = f.release().ptr();
    g_rmatmul_py = rf.release().ptr();
  });
  m.def("unary", [](const std::string& op, const Array& x, nb::handle out, nb::handle device) {
    int id = find_op(op);
    if (id < 0) throw ValueError("unknown op " + op);
    Device dev = device_arg(device, &x.device(), op.c_str());
    if (out.is_none()) return dispatch_unary(id, x, dev);
    check_out_cast(id, x.dtype, x.dtype, out);
    return dispatch_unary(id, x, dev, &as_array(out));
  }, nb::arg("op"), nb::arg("x"), nb::arg("out") = nb::none(), nb::arg("device") = nb::none());
  m.def("binary", [](const std::string& op, nb::handle a, nb::handle b, nb::handle out,
                     nb::handle device) {
    int id = find_op(op);
    if (id < 0) throw ValueError("unknown op " + op);
    const char* fn = op_info(id).name.c_str();
    Array aa, bb;
    if (is_array(a)) {
      aa = as_array(a);
      bb = operand_for(b, aa, fn);
    } else if (is_array(b)) {
      bb = as_array(b);
      aa = operand_for(a, bb, fn);
    } else {
      aa = to_array(a, fn);
      bb = operand_for(b, aa, fn);
    }
    Device dev = device_arg(device, &(is_array(a) || !is_array(b) ? aa : bb).device(), fn);
    static const int pow_id = find_op("pow");
    if (id == pow_id && out.is_none() && is_array(a) && !is_array(b)) {
      nb::object r;  // np.power(x, 2) / hc.pow(x, 2): NumPy's loop squares, bit for bit
      if (power_shortcut(aa, b, dev, &r, true)) return as_array(r);
    }
    if (out.is_none()) return dispatch_binary(id, aa, bb, dev);
    check_out_cast(id, aa.dtype, bb.dtype, out);
    return dispatch_binary(id, aa, bb, dev, &as_array(out));
  }, nb::arg("op"), nb::arg("a"), nb::arg("b"), nb::arg("out") = nb::none(),
     nb::arg("device") = nb::none());
  m.def("result_dtype_code", [](const std::string& op, int a, int b) {
    int id = find_op(op);
    if (id < 0) throw ValueError("unknown op " + op);
    return int(result_dtype(id, DType(a), DType(b)));
  });
  m.def("ops", []() {
    std::vector<std::string> v;
    for (int i = 0; i < num_ops(); ++i) v.push_back(op_info(i).name);
    return v;
  });
  m.def("loop_dtypes", [](const std::string& op, const std::string& unit) {
    int id = find_op(op);
    std::vector<std::pair<int, int>> v;
    if (id < 0) return v;
    Unit u = parse_device(unit).unit;
    for (int t = 0; t < kNumDTypes; ++t) {
      const LoopEntry& e = op_info(id).loops[int(u)][t];
      if (e.fn) v.emplace_back(t, int(e.out));
    }
    return v;
  });
}

}  // namespace hc::py
