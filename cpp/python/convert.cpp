#include "python/convert.h"

#include <cmath>

#include <nanobind/stl/string.h>

#include <string>

namespace hc::py {

namespace {
nb::object g_dtype_objs[kNumDTypes];
nb::object g_scalar_types[kNumDTypes];
}  // namespace

bool set_core_error(const std::exception_ptr& p) {
  try {
    std::rethrow_exception(p);
  } catch (const TypeError& e) {
    PyErr_SetString(PyExc_TypeError, e.what());
  } catch (const ValueError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  } catch (const IndexError& e) {
    PyErr_SetString(PyExc_IndexError, e.what());
  } catch (const OverflowError& e) {
    PyErr_SetString(PyExc_OverflowError, e.what());
  } catch (...) {
    return false;
  }
  return true;
}

Hooks& hooks() {
  static Hooks* h = new Hooks();
  return *h;
}

void set_dtype_objects(nb::list dtypes, nb::list scalar_types) {
  for (int i = 0; i < kNumDTypes; ++i) {
    g_dtype_objs[i] = dtypes[i];
    g_scalar_types[i] = scalar_types[i];
  }
}

nb::object dtype_object(DType t) { return g_dtype_objs[int(t)]; }
nb::handle scalar_type_object(DType t) { return g_scalar_types[int(t)]; }

// Strings ('float32', 'f8', 'int') and the builtin types float/int/bool/complex name a dtype
// through numpy.dtype; the answer never changes, so it is kept in a dict after the first lookup
// (session 6: hc.empty(10, dtype='float32') took 3.4 us through the Python layer against 0.2
// with the dtype object). Only names whose numpy.dtype equals one of hcarray's dtype objects
// are kept ('>f4' is not: the Python layer decides what it becomes), at most 256 of them.
bool cached_dtype(nb::handle h, DType* t) {
  PyObject* o = h.ptr();
  if (!(PyUnicode_CheckExact(o) || o == reinterpret_cast<PyObject*>(&PyFloat_Type) ||
        o == reinterpret_cast<PyObject*>(&PyLong_Type) ||
        o == reinterpret_cast<PyObject*>(&PyBool_Type) ||
        o == reinterpret_cast<PyObject*>(&PyComplex_Type)))
    return false;
  static PyObject* cache = PyDict_New();
  if (cache == nullptr) return false;
  if (PyObject* v = PyDict_GetItemWithError(cache, o)) {  // borrowed
    *t = DType(PyLong_AsLong(v));
    return true;
  }
  if (PyErr_Occurred()) {
    PyErr_Clear();
    return false;
  }
  if (PyDict_GET_SIZE(cache) >= 256 || !hooks().dtype_code.is_valid()) return false;
  try {
    static nb::object np_dtype = nb::module_::import_("numpy").attr("dtype");
    const int code = nb::cast<int>(hooks().dtype_code(h, "dtype"));
    if (code < 0 || code >= kNumDTypes || !np_dtype(h).equal(g_dtype_objs[code])) return false;
    nb::object v = nb::int_(code);
    if (PyDict_SetItem(cache, o, v.ptr()) != 0) {
      PyErr_Clear();
      return false;
    }
    *t = DType(code);
    return true;
  } catch (const nb::python_error&) {  // not a dtype hcarray has: the caller's own path says so
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

DType dtype_from(nb::handle h, const char* fn) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (h.is(g_dtype_objs[i]) || h.is(g_scalar_types[i])) return DType(i);
  DType cached;
  if (cached_dtype(h, &cached)) return cached;
  if (!hooks().dtype_code.is_valid()) throw TypeError(std::string(fn) + ": dtypes are not initialised");
  nb::object code = hooks().dtype_code(h, fn);
  return DType(nb::cast<int>(code));
}

bool is_array(nb::handle h) { return nb::isinstance<Array>(h); }
Array& as_array(nb::handle h) { return *nb::inst_ptr<Array>(h); }

// A new instance of the cached ndarray type holding a (moved in): nb::cast would look the type
// up by its C++ type_info on every call.
nb::object wrap(Array a) {
  static const nb::handle type = nb::type<Array>();
  nb::object o = nb::inst_alloc(type);
  new (nb::inst_ptr<Array>(o)) Array(std::move(a));
  nb::inst_mark_ready(o);
  return o;
}

Device device_arg(nb::handle device, const Device* operand, const char* fn) {
  if (device.is_none()) return route_device(nullptr, operand, fn);
  std::string s;
  if (PyUnicode_Check(device.ptr())) s = nb::cast<std::string>(device);
  else s = nb::cast<std::string>(nb::str(device));
  Device d = parse_device(s);
  return route_device(&d, operand, fn);
}

bool python_scalar(nb::handle h, Scalar* out) {
  PyObject* o = h.ptr();
  if (PyBool_Check(o)) {
    *out = Scalar::from_bool(o == Py_True);
    return true;
  }
  if (PyLong_CheckExact(o)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (!overflow) {
      *out = Scalar::from_int(v);
      return true;
    }
    if (overflow > 0) {
      unsigned long long u = PyLong_AsUnsignedLongLong(o);
      if (!PyErr_Occurred()) {
        *out = Scalar::from_uint(u);
        return true;
      }
      PyErr_Clear();
    }
    throw OverflowError("Python integer " + nb::cast<std::string>(nb::str(h)) +
                        " is out of bounds for every integer dtype (int64 and uint64)");
  }
  if (PyFloat_CheckExact(o)) {
    *out = Scalar::from_double(PyFloat_AS_DOUBLE(o));
    return true;
  }
  if (PyComplex_CheckExact(o)) {
    *out = Scalar::from_complex({PyComplex_RealAsDouble(o), PyComplex_ImagAsDouble(o)});
    return true;
  }
  return false;
}

static bool int_fits(const Scalar& s, DType t) {
  // s is Int or UInt kind.
  int64_t lo;
  uint64_t hi;
  switch (t) {
    case DType::Int8: lo = INT8_MIN; hi = INT8_MAX; break;
    case DType::Int16: lo = INT16_MIN; hi = INT16_MAX; break;
    case DType::Int32: lo = INT32_MIN; hi = INT32_MAX; break;
    case DType::Int64: lo = INT64_MIN; hi = INT64_MAX; break;
    case DType::UInt8: lo = 0; hi = UINT8_MAX; break;
    case DType::UInt16: lo = 0; hi = UINT16_MAX; break;
    case DType::UInt32: lo = 0; hi = UINT32_MAX; break;
    case DType::UInt64: lo = 0; hi = UINT64_MAX; break;
    default: return true;
  }
  if (s.kind == Kind::UInt) return s.u <= hi;
  return s.i >= lo && (s.i < 0 || uint64_t(s.i) <= hi);
}

static std::string scalar_str(const Scalar& s) {
  return s.kind == Kind::UInt ? std::to_string(s.u) : std::to_string(s.i);
}

void check_setitem_value(nb::handle value, DType t, const char* fn) {
  if (PyComplex_CheckExact(value.ptr()) && kind(t) != Kind::Complex && kind(t) != Kind::Bool)
    throw TypeError(std::string(fn) + ": cannot assign a Python complex to an array of dtype " +
                    name(t) + " (NumPy raises TypeError too; assign its .real to drop the "
                    "imaginary part)");
  // A Python float into an integer array is int(value), checked against the dtype's range, as
  // NumPy does: NaN and inf cannot be converted, and out-of-range values are an error rather
  // than a wrapped or saturated integer.
  if (PyFloat_CheckExact(value.ptr()) && (kind(t) == Kind::Int || kind(t) == Kind::UInt)) {
    const double v = PyFloat_AS_DOUBLE(value.ptr());
    if (std::isnan(v)) throw ValueError(std::string(fn) + ": cannot convert float NaN to integer");
    if (std::isinf(v))
      throw OverflowError(std::string(fn) + ": cannot convert float infinity to integer");
    const double tv = std::trunc(v);
    Scalar si;
    bool fits = false;
    if (tv >= -9223372036854775808.0 && tv < 9223372036854775808.0) {
      si = Scalar::from_int(int64_t(tv));
      fits = int_fits(si, t);
    } else if (tv >= 0 && tv < 18446744073709551616.0) {
      si = Scalar::from_uint(uint64_t(tv));
      fits = int_fits(si, t);
    }
    if (!fits)
      throw OverflowError(std::string(fn) + ": Python float " + std::to_string(v) +
                          " out of bounds for " + name(t));
  }
}

DType weak_scalar_dtype(const Scalar& s, DType t, const char* fn) {
  Kind k = kind(t);
  switch (s.kind) {
    case Kind::Bool:
      return t;
    case Kind::Int:
    case Kind::UInt:
      if (k == Kind::Bool) {
        if (s.kind == Kind::UInt) return DType::UInt64;
        return DType::Int64;
      }
      if (k == Kind::Int || k == Kind::UInt) {
        if (!int_fits(s, t))
          throw OverflowError(std::string(fn) + ": Python integer " + scalar_str(s) +
                              " out of bounds for " + name(t));
      }
      return t;
    case Kind::Float:
      if (k == Kind::Float || k == Kind::Complex) return t;
      return DType::Float64;
    case Kind::Complex:
      if (k == Kind::Complex) return t;
      if (t == DType::Float64 || k != Kind::Float) return DType::Complex128;
      return DType::Complex64;
  }
  return t;
}

Array scalar_array(const Scalar& s, DType t, Device dev) {
  Array a = Array::empty(Dims(), t, dev, "asarray");
  store_scalar(s, t, a.data());
  return a;
}

static DType default_dtype(const Scalar& s) {
  switch (s.kind) {
    case Kind::Bool: return DType::Bool;
    case Kind::Int: return DType::Int64;
    case Kind::UInt: return DType::UInt64;
    case Kind::Float: return DType::Float64;
    case Kind::Complex: return DType::Complex128;
  }
  return DType::Float64;
}

Array to_array(nb::handle h, const char* fn) {
  if (is_array(h)) return as_array(h);
  Scalar s;
  if (python_scalar(h, &s)) return scalar_array(s, default_dtype(s), Device());
  nb::object r = hooks().asarray(h);
  if (!is_array(r)) throw TypeError(std::string(fn) + ": cannot convert to an array");
  return as_array(r);
}

void pow_bool_base(int op, const Array& base, nb::handle exponent_obj, Array* exponent) {
  static const int pow_id = find_op("pow");
  if (op != pow_id || base.dtype != DType::Bool || !PyLong_CheckExact(exponent_obj.ptr())) return;
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(exponent_obj.ptr(), &overflow);
  if (overflow || v != 2) return;
  *exponent = astype(*exponent, DType::Int8);
}

Array operand_for(nb::handle h, const Array& like, const char* fn) {
  if (is_array(h)) return as_array(h);
  Scalar s;
  if (python_scalar(h, &s)) return scalar_array(s, weak_scalar_dtype(s, like.dtype, fn), like.device());
  return to_array(h, fn);
}

static bool format_dtype(const char* f, Py_ssize_t itemsize, DType* out) {
  if (*f == '@' || *f == '=' || *f == '<') ++f;
  else if (*f == '>' || *f == '!') return false;
  std::string s(f);
  auto int_of = [&](bool is_unsigned) -> bool {
    switch (itemsize) {
      case 1: *out = is_unsigned ? DType::UInt8 : DType::Int8; return true;
      case 2: *out = is_unsigned ? DType::UInt16 : DType::Int16; return true;
      case 4: *out = is_unsigned ? DType::UInt32 : DType::Int32; return true;
      case 8: *out = is_unsigned ? DType::UInt64 : DType::Int64; return true;
    }
    return false;
  };
  if (s == "?") { *out = DType::Bool; return itemsize == 1; }
  if (s == "b" || s == "h" || s == "i" || s == "l" || s == "q" || s == "n") return int_of(false);
  if (s == "B" || s == "H" || s == "I" || s == "L" || s == "Q" || s == "N") return int_of(true);
  if (s == "e") { *out = DType::Float16; return itemsize == 2; }
  if (s == "f") { *out = DType::Float32; return itemsize == 4; }
  if (s == "d") { *out = DType::Float64; return itemsize == 8; }
  if (s == "Zf") { *out = DType::Complex64; return itemsize == 8; }
  if (s == "Zd") { *out = DType::Complex128; return itemsize == 16; }
  return false;
}

Array from_buffer(nb::handle obj, int dtype_override, bool writeable_request) {
  auto* view = new Py_buffer();
  int flags = PyBUF_RECORDS_RO;
  if (PyObject_GetBuffer(obj.ptr(), view, flags) != 0) {
    delete view;
    PyErr_Clear();
    throw TypeError("asarray: object of type " + nb::cast<std::string>(nb::str(obj.type())) +
                    " does not support the buffer protocol");
  }
  auto release = [view]() {
    PyGILState_STATE st = PyGILState_Ensure();
    PyBuffer_Release(view);
    PyGILState_Release(st);
    delete view;
  };
  DType t;
  if (dtype_override >= 0) {
    t = DType(dtype_override);
  } else if (!format_dtype(view->format ? view->format : "B", view->itemsize, &t)) {
    std::string fmt = view->format ? view->format : "B";
    release();
    throw TypeError("asarray: unsupported buffer format '" + fmt + "'");
  }
  if (itemsize(t) != view->itemsize) {
    release();
    throw TypeError("asarray: buffer itemsize does not match the dtype");
  }
  Array a;
  a.storage = Storage::borrow(view->buf, size_t(view->len), release);
  a.dtype = t;
  int nd = view->ndim;
  a.shape.resize(nd);
  a.strides.resize(nd);
  for (int i = 0; i < nd; ++i) {
    a.shape[i] = view->shape ? view->shape[i] : view->len / view->itemsize;
    a.strides[i] = view->strides ? view->strides[i] : view->itemsize;
  }
  a.writeable = !view->readonly;
  (void)writeable_request;
  return a;
}

}  // namespace hc::py
