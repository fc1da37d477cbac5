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
#include <vector>
#include <nanobind/stl/string.h>

#include <structmember.h>

namespace hc::py {

namespace {

enum CallKind { kElementwise = 0, kReduceSum = 1, kReduceExtreme = 2, kCreate = 3 };
enum CreateOp { kZeros = 0, kOnes = 1, kEmpty = 2, kArange = 3 };

struct FastCall {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  int op;     // elementwise op id, or reduction id
  int arity;  // 1 or 2 (elementwise); 1 (reductions)
  int kind;
  bool scalars;  // a Python scalar may be an operand (binary ops that are not logical)
  PyObject* fallback;
  PyObject* name;  // the hcarray attribute it is (pickled by that name), or nullptr
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
PyObject* try_reduce(FastCall* fc, const Array& x) {
  const hc::Kind k = hc::kind(x.dtype);
  DType acc = x.dtype;
  if (fc->kind == kReduceSum) {
    if (k == hc::Kind::Bool) return nullptr;
    if (k == hc::Kind::Int) acc = DType::Int64;
    if (k == hc::Kind::UInt) acc = DType::UInt64;
  } else {
    if (k == hc::Kind::Complex || x.dtype == DType::Float16 || x.dtype == DType::BFloat16 ||
        x.size() == 0)
      return nullptr;
  }
  std::vector<int> axes(size_t(x.ndim()));
  for (int i = 0; i < x.ndim(); ++i) axes[size_t(i)] = i;
  const char* fn = reduce_op(fc->op).name.c_str();
  return wrap(dispatch_reduce(fc->op, x, axes, false, acc, route_device(nullptr, &x.device(), fn)))
      .release()
      .ptr();
}

// zeros/ones/empty(shape) with a shape of exact Python ints (one, or a tuple of up to 8) and no
// `using` block: a float64 array on the CPU at once. nullptr (nothing set) for anything else:
// the Python function validates it and gives its errors (negative, too big, other types).
bool small_dim(PyObject* o, int64_t* v) {
  if (!PyLong_CheckExact(o)) return false;
  int overflow = 0;
  const long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (overflow || x < 0 || x > (int64_t(1) << 31)) return false;
  *v = x;
  return true;
}
PyObject* try_create(FastCall* fc, PyObject* shape) {
  if (current_device() != nullptr) return nullptr;
  if (fc->op == kArange) {  // arange(n), n a Python int: int64 0, 1, ..., n-1
    int64_t n;
    if (!small_dim(shape, &n)) return nullptr;
    Array a = Array::empty(Dims{n}, DType::Int64, Device{}, "arange");
    int64_t* p = reinterpret_cast<int64_t*>(a.data());
    for (int64_t i = 0; i < n; ++i) p[i] = i;
    return wrap(std::move(a)).release().ptr();
  }
  Dims dims;
  int64_t v, total = 1;
  if (PyTuple_CheckExact(shape)) {
    const Py_ssize_t n = PyTuple_GET_SIZE(shape);
    if (n > 8) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (!small_dim(PyTuple_GET_ITEM(shape, i), &v)) return nullptr;
      dims.push_back(v);
      total *= v;
      if (total > (int64_t(1) << 31)) return nullptr;
    }
  } else if (small_dim(shape, &v)) {
    dims.push_back(v);
  } else {
    return nullptr;
  }
  const char* fn = fc->op == kZeros ? "zeros" : fc->op == kOnes ? "ones" : "empty";
  Array a = Array::empty(dims, DType::Float64, Device{}, fn);
  if (fc->op == kZeros) fill(a, Scalar::from_double(0.0));
  else if (fc->op == kOnes) fill(a, Scalar::from_double(1.0));
  return wrap(std::move(a)).release().ptr();
}

// The result, or nullptr with no error set when the Python function should decide.
PyObject* try_fast(FastCall* fc, PyObject* const* args) {
  try {
    if (fc->kind == kCreate) return try_create(fc, args[0]);
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
  if ((kwnames == nullptr || PyTuple_GET_SIZE(kwnames) == 0) && n == fc->arity) {
    bool ok;
    if (fc->kind == kCreate) {
      ok = true;
    } else if (fc->kind != kElementwise) {
      ok = Py_TYPE(args[0]) == g_array_type;
    } else if (n == 1) {
      ok = Py_TYPE(args[0]) == g_array_type;
    } else {
      const bool ha = Py_TYPE(args[0]) == g_array_type, hb = Py_TYPE(args[1]) == g_array_type;
      ok = (ha && hb) || (fc->scalars && ((ha && is_py_scalar(args[1])) ||
                                          (hb && is_py_scalar(args[0]))));
    }
    if (ok) {
      PyObject* r = try_fast(fc, args);
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
  fc->fallback = fallback.release().ptr();
  fc->name = name.is_none() ? nullptr : name.release().ptr();
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
  // zeros/ones/empty(shape) with a shape of Python ints: float64 on the CPU; arange(n) of a
  // Python int: int64 on the CPU; other calls: fallback.
  m.def("fastcall_create", [](const std::string& op, nb::object fallback, nb::object name) {
    const int id = op == "zeros" ? kZeros : op == "ones" ? kOnes : op == "empty" ? kEmpty
                 : op == "arange" ? kArange : -1;
    if (id < 0) throw ValueError("fastcall_create: unknown function " + op);
    return new_fastcall(id, 1, kCreate, false, std::move(fallback), std::move(name));
  }, nb::arg("op"), nb::arg("fallback"), nb::arg("name").none() = nb::none());
  // sum/prod ("sum"/"prod") or max/min ("max"/"min") of a whole array; other calls: fallback.
  m.def("fastcall_reduce", [](const std::string& op, nb::object fallback, nb::object name) {
    int id = find_reduce_op(op);
    if (id < 0) throw ValueError("fastcall_reduce: unknown reduction " + op);
    const int kind = (op == "max" || op == "min") ? kReduceExtreme : kReduceSum;
    return new_fastcall(id, 1, kind, false, std::move(fallback), std::move(name));
  }, nb::arg("op"), nb::arg("fallback"), nb::arg("name").none() = nb::none());
}

}  // namespace hc::py
