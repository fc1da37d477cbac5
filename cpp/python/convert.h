// Conversions between Python objects and the core types, shared by every binding file.
#pragma once
#include <nanobind/nanobind.h>
// Every binding file sees the same std::string caster (one definition of nb::cast<std::string>).
#include <nanobind/stl/string.h>

#include "core/array.h"
#include "core/registry.h"

namespace nb = nanobind;

namespace hc::py {

// NumPy dtype objects (numpy.dtype instances) for each DType, set by the Python layer at import.
nb::object dtype_object(DType t);
// The scalar type of each DType (numpy.float32, ...; ml_dtypes.bfloat16), set with the dtypes.
nb::handle scalar_type_object(DType t);
// Accepts a dtype object, a scalar type (numpy.float32), a string, etc. TypeError otherwise.
DType dtype_from(nb::handle h, const char* fn);
// A string or builtin type (float, int, bool, complex) naming one of hcarray's dtypes, from a
// cache filled on first use; false (nothing set) for anything else.
bool cached_dtype(nb::handle h, DType* t);
// An hcarray on a NumPy array's memory (keeping it alive), or None when obj is not a NumPy array
// of a native-order dtype hcarray has (numpy_interop.cpp).
nb::object adopt_numpy(nb::handle obj);
bool is_array(nb::handle h);
Array& as_array(nb::handle h);  // h must be an hcarray.ndarray

// A Python bool/int/float/complex (not NumPy scalars); false if h is none of them.
bool python_scalar(nb::handle h, Scalar* out);
// The dtype a Python scalar takes next to an array of dtype `t` (NumPy 2's weak-scalar rule);
// raises OverflowError when a Python int does not fit an integer dtype.
DType weak_scalar_dtype(const Scalar& s, DType t, const char* fn);
// Setitem of a Python complex (exactly `complex`, not NumPy's complex scalars, which NumPy casts
// with a ComplexWarning) into a real (not bool) array is a TypeError, as in NumPy: the imaginary
// part would be lost silently.
void check_setitem_value(nb::handle value, DType t, const char* fn);
// x ** c for a Python number c where NumPy computes it as np.square / np.sqrt / 1 / x
// (array_type.cpp); square_only: only c == 2 (np.power(x, 2), whose loop NumPy also squares).
// Returns false when no shortcut applies.
bool power_shortcut(const Array& x, nb::handle c, Device dev, nb::object* out, bool square_only);
Array scalar_array(const Scalar& s, DType t, Device dev);

// Any object to an Array: hcarray arrays as they are; NumPy arrays and buffers without a copy;
// everything else through the Python layer's asarray. Throws TypeError when impossible.
Array to_array(nb::handle h, const char* fn);
// Like to_array, but a Python scalar takes its dtype from `like` (for binary operators).
Array operand_for(nb::handle h, const Array& like, const char* fn);
// NumPy's ndarray ** 2 is np.square, whose first loop for bool is int8: a bool array ** the
// Python int 2 is int8 there (np.power(b, 2) and b ** 3 are int64). For the ** operator: casts
// *exponent (already made by operand_for) to int8 in that case; otherwise leaves it.
void pow_bool_base(int op, const Array& base, nb::handle exponent_obj, Array* exponent);
// Zero-copy wrap of an object with the buffer protocol. dtype_override: -1 to use the format.
Array from_buffer(nb::handle obj, int dtype_override, bool writeable_request);

nb::object wrap(Array a);  // a new Python ndarray object

// The unit for a call: the device= argument (None, a name, or an hcarray.Device: anything whose
// str() is a device name), else route_device's rule (`using` block, operand, CPU).
Device device_arg(nb::handle device, const Device* operand, const char* fn);

// Sets the Python error for the core's exception types (TypeError, ValueError, IndexError,
// OverflowError); false, and nothing set, for any other exception.
bool set_core_error(const std::exception_ptr& p);

// Hooks into the Python layer, registered at import by hcarray/__init__.py.
struct Hooks {
  nb::object asarray;          // obj -> hcarray.ndarray
  nb::object dtype_code;       // obj -> int code, raising TypeError
  nb::object advanced_getitem; // (x, key) -> result
  nb::object advanced_setitem; // (x, key, value) -> None
  nb::object device_cls;       // not used yet
};
Hooks& hooks();

}  // namespace hc::py
