// Zero-copy conversions between hcarray and NumPy through NumPy's C API: the NumPy fallback's
// hot path (specs/numpy-protocols.md). The buffer protocol does the same work in about three
// times the time (a Py_buffer, a memoryview, a format string parsed on each side); these build
// the objects directly.
//   np_view(h)       NumPy array on h's memory, base h, writeable as h is
//   adopt(a)         hcarray on NumPy array a's memory, keeping a alive; None if hcarray has no
//                    dtype for it (the Python layer then decides: text, object, byte-swapped)
//   adopt_scalar(s)  a NumPy scalar (np.float64(1.5), ...) as a new 0-d hcarray; None likewise
// NumPy's API table is loaded once, at module import (numpy is a hard dependency).
#define NPY_NO_DEPRECATED_API NPY_2_0_API_VERSION
#define NPY_TARGET_VERSION NPY_2_0_API_VERSION
#include <numpy/arrayobject.h>
#include <numpy/arrayscalars.h>

#include <cstddef>
#include <cstring>

#include "python/convert.h"

namespace hc::py {

namespace {

PyObject* g_dtype_ptr[kNumDTypes];  // borrowed: convert.cpp's dtype objects hold them
PyObject* g_scalar_ptr[kNumDTypes];  // likewise, the scalar types
bool g_ready = false;

void load_dtype_ptrs() {
  for (int i = 0; i < kNumDTypes; ++i) {
    g_dtype_ptr[i] = dtype_object(DType(i)).ptr();
    g_scalar_ptr[i] = scalar_type_object(DType(i)).ptr();
  }
  g_ready = g_dtype_ptr[0] != nullptr;
}

// NumPy descriptor -> DType: the descriptor objects hcarray uses are matched by identity; other
// native-order descriptors by kind and size (np.intc, np.longlong, an aligned copy...).
bool dtype_of(PyArray_Descr* d, DType* out) {
  if (!g_ready) load_dtype_ptrs();
  for (int i = 0; i < kNumDTypes; ++i) {
    if (reinterpret_cast<PyObject*>(d) == g_dtype_ptr[i]) {
      *out = DType(i);
      return true;
    }
  }
  if (PyDataType_HASFIELDS(d) || PyDataType_HASSUBARRAY(d)) return false;
  const npy_intp es = PyDataType_ELSIZE(d);
  switch (d->kind) {
    case 'b': *out = DType::Bool; return es == 1;
    case 'i':
      switch (es) {
        case 1: *out = DType::Int8; return true;
        case 2: *out = DType::Int16; return true;
        case 4: *out = DType::Int32; return true;
        case 8: *out = DType::Int64; return true;
      }
      return false;
    case 'u':
      switch (es) {
        case 1: *out = DType::UInt8; return true;
        case 2: *out = DType::UInt16; return true;
        case 4: *out = DType::UInt32; return true;
        case 8: *out = DType::UInt64; return true;
      }
      return false;
    case 'f':
      if (d->type_num == NPY_LONGDOUBLE) return false;
      switch (es) {
        case 2: *out = DType::Float16; return true;
        case 4: *out = DType::Float32; return true;
        case 8: *out = DType::Float64; return true;
      }
      return false;
    case 'c':
      if (d->type_num == NPY_CLONGDOUBLE) return false;
      switch (es) {
        case 8: *out = DType::Complex64; return true;
        case 16: *out = DType::Complex128; return true;
      }
      return false;
    default: {
      // ml_dtypes' bfloat16: a user dtype, known by its scalar type.
      auto* bf = reinterpret_cast<PyArray_Descr*>(g_dtype_ptr[int(DType::BFloat16)]);
      if (bf != nullptr && d->typeobj == bf->typeobj && es == 2) {
        *out = DType::BFloat16;
        return true;
      }
      return false;
    }
  }
}

bool native_order(PyArray_Descr* d) { return PyArray_ISNBO(d->byteorder); }

nb::object np_view(nb::handle h) {
  if (!is_array(h)) throw TypeError("np_view: expected an hcarray.ndarray");
  const Array& a = as_array(h);
  if (!g_ready) load_dtype_ptrs();
  PyObject* descr = g_dtype_ptr[int(a.dtype)];
  Py_INCREF(descr);  // stolen by PyArray_NewFromDescr
  const int nd = a.ndim();
  npy_intp dims[NPY_MAXDIMS], strides[NPY_MAXDIMS];
  for (int i = 0; i < nd; ++i) {
    dims[i] = a.shape[i];
    strides[i] = a.strides[i];
  }
  PyObject* r = PyArray_NewFromDescr(&PyArray_Type, reinterpret_cast<PyArray_Descr*>(descr), nd,
                                     dims, strides, a.data(),
                                     a.writeable ? NPY_ARRAY_WRITEABLE : 0, nullptr);
  if (r == nullptr) throw nb::python_error();
  Py_INCREF(h.ptr());
  if (PyArray_SetBaseObject(reinterpret_cast<PyArrayObject*>(r), h.ptr()) < 0) {
    Py_DECREF(r);
    throw nb::python_error();
  }
  return nb::steal(r);
}

nb::object adopt(nb::handle obj) {
  if (!PyArray_Check(obj.ptr())) return nb::none();
  auto* arr = reinterpret_cast<PyArrayObject*>(obj.ptr());
  PyArray_Descr* d = PyArray_DESCR(arr);
  DType t;
  if (!native_order(d) || !dtype_of(d, &t)) return nb::none();
  const int nd = PyArray_NDIM(arr);
  Array a;
  a.dtype = t;
  a.shape.resize(nd);
  a.strides.resize(nd);
  const npy_intp* dims = PyArray_DIMS(arr);
  const npy_intp* st = PyArray_STRIDES(arr);
  for (int i = 0; i < nd; ++i) {
    a.shape[i] = dims[i];
    a.strides[i] = st[i];
  }
  PyObject* keep = obj.ptr();
  Py_INCREF(keep);
  a.storage = Storage::borrow(PyArray_DATA(arr), size_t(PyArray_NBYTES(arr)), [keep]() {
    PyGILState_STATE s = PyGILState_Ensure();
    Py_DECREF(keep);
    PyGILState_Release(s);
  });
  a.writeable = PyArray_ISWRITEABLE(arr);
  return wrap(std::move(a));
}

nb::object adopt_scalar(nb::handle obj) {
  if (!g_ready) load_dtype_ptrs();
  PyObject* type = reinterpret_cast<PyObject*>(Py_TYPE(obj.ptr()));
  int code = -1;
  for (int i = 0; i < kNumDTypes; ++i) {
    if (type == g_scalar_ptr[i]) {
      code = i;
      break;
    }
  }
  DType t;
  if (code >= 0) {
    t = DType(code);
  } else {
    // Other NumPy scalar types of a held dtype (np.longlong, np.intc, ...).
    if (!PyArray_IsScalar(obj.ptr(), Generic)) return nb::none();
    PyArray_Descr* d = PyArray_DescrFromScalar(obj.ptr());
    if (d == nullptr) throw nb::python_error();
    const bool ok = native_order(d) && dtype_of(d, &t);
    Py_DECREF(d);
    if (!ok) return nb::none();
  }
  // bfloat16 is ml_dtypes' scalar type, which PyArray_ScalarAsCtype does not know.
  if (t == DType::BFloat16) return nb::none();
  Array a = Array::empty(Dims(), t, Device(), "asarray");
  if (code >= 0) {
    // NumPy's own scalar types hold the value right after the object header (obval); checked
    // below for the widest alignment. PyArray_ScalarAsCtype would look the type up again.
    std::memcpy(a.data(), reinterpret_cast<const char*>(obj.ptr()) + sizeof(PyObject),
                size_t(itemsize(t)));
  } else {
    PyArray_ScalarAsCtype(obj.ptr(), a.data());
  }
  return wrap(std::move(a));
}

// ---------------------------------------------------------------------------------------------
// NEP 18 in C++: ndarray.__array_function__. The Python layer (_numpy_protocols.py) registers
// its tables once: hcarray's own implementations (_FUNCS: NumPy function -> callable), the
// exception that means "not here, use the fallback" (_Defer), and _wrap for results that are
// neither NumPy arrays nor scalars (tuples, lists, namedtuples, text arrays...).
struct ProtocolHooks {
  nb::object funcs;   // dict
  nb::object defer;   // exception type
  nb::object wrap;    // (result, name) -> result
  nb::object impls;   // dict: NumPy function -> (implementation, name), filled here
  nb::object trace;   // None, or a callable told of each fallback call (tests count them)
};
ProtocolHooks& phooks() {
  static ProtocolHooks* h = new ProtocolHooks();  // never destroyed (interpreter teardown)
  return *h;
}

bool needs_unwrap(PyObject* o);

// o with every hcarray replaced by a NumPy view (tuples, lists and dicts searched); new ref.
PyObject* unwrap(PyObject* o) {
  if (is_array(nb::handle(o))) return np_view(nb::handle(o)).release().ptr();
  if (PyTuple_CheckExact(o) || PyList_CheckExact(o)) {
    if (!needs_unwrap(o)) {
      Py_INCREF(o);
      return o;
    }
    const bool tup = PyTuple_CheckExact(o);
    Py_ssize_t n = tup ? PyTuple_GET_SIZE(o) : PyList_GET_SIZE(o);
    PyObject* r = tup ? PyTuple_New(n) : PyList_New(n);
    if (r == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n; ++i) {
      PyObject* item = unwrap(tup ? PyTuple_GET_ITEM(o, i) : PyList_GET_ITEM(o, i));
      if (item == nullptr) {
        Py_DECREF(r);
        return nullptr;
      }
      if (tup) PyTuple_SET_ITEM(r, i, item);
      else PyList_SET_ITEM(r, i, item);
    }
    return r;
  }
  if (PyDict_CheckExact(o)) {
    if (!needs_unwrap(o)) {
      Py_INCREF(o);
      return o;
    }
    PyObject* r = PyDict_New();
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(o, &pos, &k, &v)) {
      PyObject* u = unwrap(v);
      if (u == nullptr || PyDict_SetItem(r, k, u) < 0) {
        Py_XDECREF(u);
        Py_DECREF(r);
        return nullptr;
      }
      Py_DECREF(u);
    }
    return r;
  }
  Py_INCREF(o);
  return o;
}

bool needs_unwrap(PyObject* o) {
  if (is_array(nb::handle(o))) return true;
  if (PyTuple_CheckExact(o)) {
    for (Py_ssize_t i = 0, n = PyTuple_GET_SIZE(o); i < n; ++i)
      if (needs_unwrap(PyTuple_GET_ITEM(o, i))) return true;
    return false;
  }
  if (PyList_CheckExact(o)) {
    for (Py_ssize_t i = 0, n = PyList_GET_SIZE(o); i < n; ++i)
      if (needs_unwrap(PyList_GET_ITEM(o, i))) return true;
    return false;
  }
  if (PyDict_CheckExact(o)) {
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(o, &pos, &k, &v))
      if (needs_unwrap(v)) return true;
  }
  return false;
}

// NumPy's result -> hcarray's: arrays and scalars here, everything else by the Python layer.
nb::object wrap_result(nb::object r, nb::handle name) {
  PyObject* p = r.ptr();
  if (PyArray_CheckExact(p)) {
    nb::object v = adopt(r);
    if (!v.is_none()) return v;
  } else if (PyFloat_CheckExact(p) || PyLong_CheckExact(p) || PyBool_Check(p) || p == Py_None) {
    return r;
  } else if (PyArray_IsScalar(p, Generic)) {
    nb::object v = adopt_scalar(r);
    if (!v.is_none()) return v;
  }
  return phooks().wrap(r, name);
}

nb::object fallback_function(nb::handle func, nb::handle args, nb::handle kwargs) {
  ProtocolHooks& H = phooks();
  if (H.trace.is_valid() && !H.trace.is_none()) H.trace(func);
  PyObject* entry = PyDict_GetItem(H.impls.ptr(), func.ptr());  // borrowed
  nb::object impl, name;
  if (entry != nullptr) {
    impl = nb::borrow(PyTuple_GET_ITEM(entry, 0));
    name = nb::borrow(PyTuple_GET_ITEM(entry, 1));
  } else {
    impl = nb::getattr(func, "_implementation", func);
    name = nb::getattr(func, "__name__", nb::str("function"));
    nb::object e = nb::make_tuple(impl, name);
    PyDict_SetItem(H.impls.ptr(), func.ptr(), e.ptr());
  }
  nb::object a = nb::steal(unwrap(args.ptr()));
  if (!a.is_valid()) throw nb::python_error();
  nb::object k;
  if (!kwargs.is_none() && PyDict_GET_SIZE(kwargs.ptr()) != 0) {
    k = nb::steal(unwrap(kwargs.ptr()));
    if (!k.is_valid()) throw nb::python_error();
  }
  PyObject* r = PyObject_Call(impl.ptr(), a.ptr(), k.is_valid() ? k.ptr() : nullptr);
  if (r == nullptr) throw nb::python_error();
  return wrap_result(nb::steal(r), name);
}

nb::object array_function(nb::handle self, nb::handle func, nb::handle types, nb::handle args,
                          nb::handle kwargs) {
  (void)self;
  ProtocolHooks& H = phooks();
  // NEP 18: another array type among the arguments gets its turn (NotImplemented).
  nb::handle array_type = nb::type<Array>();
  PyObject* seq = PySequence_Fast(types.ptr(), "__array_function__: types must be a sequence");
  if (seq == nullptr) throw nb::python_error();
  nb::object seq_ref = nb::steal(seq);
  for (Py_ssize_t i = 0, n = PySequence_Fast_GET_SIZE(seq); i < n; ++i) {
    PyObject* t = PySequence_Fast_GET_ITEM(seq, i);
    if (t == array_type.ptr() || t == reinterpret_cast<PyObject*>(&PyArray_Type)) continue;
    if (PyType_Check(t) &&
        PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(t),
                         reinterpret_cast<PyTypeObject*>(array_type.ptr())))
      continue;
    return nb::borrow(Py_NotImplemented);
  }
  PyObject* f = PyDict_GetItem(H.funcs.ptr(), func.ptr());  // borrowed
  if (f != nullptr) {
    PyObject* r = PyObject_Call(f, args.ptr(), kwargs.is_none() ? nullptr : kwargs.ptr());
    if (r != nullptr) return nb::steal(r);
    // Not handled natively (_Defer), or an argument hcarray's version refuses: NumPy decides,
    // with its result or its own error message.
    if (PyErr_ExceptionMatches(H.defer.ptr()) || PyErr_ExceptionMatches(PyExc_TypeError) ||
        PyErr_ExceptionMatches(PyExc_ValueError) || PyErr_ExceptionMatches(PyExc_OverflowError) ||
        PyErr_ExceptionMatches(PyExc_IndexError)) {
      PyErr_Clear();
    } else {
      throw nb::python_error();
    }
  }
  return fallback_function(func, args, kwargs);
}

static_assert(offsetof(PyBoolScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyByteScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyHalfScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyLongScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyLongLongScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyDoubleScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyCDoubleScalarObject, obval) == sizeof(PyObject), "scalar layout");
static_assert(offsetof(PyCFloatScalarObject, obval) == sizeof(PyObject), "scalar layout");

}  // namespace

nb::object adopt_numpy(nb::handle obj) { return adopt(obj); }

void bind_numpy_interop(nb::module_& m) {
  if (_import_array() < 0) throw nb::python_error();
  m.def("np_view", &np_view, nb::arg("x"));
  m.def("adopt", &adopt, nb::arg("a"));
  m.def("adopt_scalar", &adopt_scalar, nb::arg("s"));
  // A Python bool/int/float/complex as a new 0-d array of its default dtype (NumPy's: bool,
  // int64 or uint64, float64, complex128); None for anything else, or an int too large.
  m.def("from_python_scalar", [](nb::handle h) -> nb::object {
    Scalar s;
    try {
      if (!python_scalar(h, &s)) return nb::none();
    } catch (...) {
      return nb::none();
    }
    DType t = s.kind == Kind::Bool    ? DType::Bool
              : s.kind == Kind::Int   ? DType::Int64
              : s.kind == Kind::UInt  ? DType::UInt64
              : s.kind == Kind::Float ? DType::Float64
                                      : DType::Complex128;
    return wrap(scalar_array(s, t, Device()));
  }, nb::arg("x"));
  m.def("fallback_function", &fallback_function, nb::arg("func"), nb::arg("args"),
        nb::arg("kwargs").none());
  m.def("_set_protocol_hooks", [](nb::object funcs, nb::object defer, nb::object wrap) {
    ProtocolHooks& H = phooks();
    H.funcs = std::move(funcs);
    H.defer = std::move(defer);
    H.wrap = std::move(wrap);
    H.impls = nb::dict();
    H.trace = nb::none();
  });
  m.def("_set_fallback_trace", [](nb::object f) { phooks().trace = std::move(f); },
        nb::arg("f").none());
  nb::handle cls = nb::type<Array>();
  nb::setattr(cls, "__array_function__",
              nb::cpp_function(&array_function, nb::is_method(), nb::name("__array_function__"),
                               nb::arg("func"), nb::arg("types"), nb::arg("args"),
                               nb::arg("kwargs").none(), nb::scope(cls)));
}

}  // namespace hc::py
