// The call of hcarray's NumPy-style ufunc objects (hc.sqrt(x), hc.add(x, y)): a vectorcall object
// that runs the kernel at once for the common call (hcarray operands, for binary ops also a
// Python scalar, no keywords) and hands every other call, and any call that fails, to the
// Python function it wraps. The Python function does the same for those operands (the
// namespace's wrapper, then the Array API function, then the op), through four Python frames;
// this skips them. A failing call is run again by the Python function, which raises the error
// with its full message.
#include <string>

#include "python/convert.h"  // Python.h first
#include <nanobind/stl/string.h>

#include <structmember.h>

namespace hc::py {

namespace {

struct FastCall {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  int op;
  int arity;
  bool scalars;  // a Python scalar may be an operand (binary ops that are not logical)
  PyObject* fallback;
};

PyTypeObject* g_array_type = nullptr;

bool is_py_scalar(PyObject* o) {
  return PyFloat_CheckExact(o) || PyLong_CheckExact(o) || PyBool_Check(o) ||
         PyComplex_CheckExact(o);
}

// The result, or nullptr with no error set when the Python function should decide.
PyObject* try_fast(FastCall* fc, PyObject* const* args) {
  try {
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
    if (n == 1) {
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
  tp->tp_free(self);
  Py_DECREF(tp);
}

PyObject* fc_get_wrapped(PyObject* self, void*) {
  PyObject* f = reinterpret_cast<FastCall*>(self)->fallback;
  Py_INCREF(f);
  return f;
}

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
                          {0, nullptr}};

PyType_Spec fc_spec = {"hcarray._core.fastcall", sizeof(FastCall), 0,
                       Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL, fc_slots};

PyObject* g_fc_type = nullptr;

}  // namespace

void bind_fastcall(nb::module_& m) {
  g_fc_type = PyType_FromSpec(&fc_spec);
  if (g_fc_type == nullptr) throw nb::python_error();
  m.def("fastcall", [](const std::string& op, int arity, bool scalars, nb::object fallback) {
    int id = find_op(op);
    if (id < 0) throw ValueError("fastcall: unknown op " + op);
    if (arity != op_info(id).arity) throw ValueError("fastcall: " + op + " takes " +
                                                     std::to_string(op_info(id).arity) +
                                                     " operands");
    if (g_array_type == nullptr)
      g_array_type = reinterpret_cast<PyTypeObject*>(nb::type<Array>().ptr());
    auto* tp = reinterpret_cast<PyTypeObject*>(g_fc_type);
    auto* fc = reinterpret_cast<FastCall*>(tp->tp_alloc(tp, 0));
    if (fc == nullptr) throw nb::python_error();
    fc->vectorcall = fc_vectorcall;
    fc->op = id;
    fc->arity = arity;
    fc->scalars = scalars;
    fc->fallback = fallback.release().ptr();
    return nb::steal(reinterpret_cast<PyObject*>(fc));
  }, nb::arg("op"), nb::arg("arity"), nb::arg("scalars"), nb::arg("fallback"));
}

}  // namespace hc::py
