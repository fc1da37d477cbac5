// Reductions: _core.reduce(op, x, axes, keepdims, dtype).
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstdint>
#include <cstring>

#include "core/reduce.h"
#include "python/convert.h"

namespace hc::py {

void bind_reduce(nb::module_& m) {
  m.def("_bool_scan", [](const Array& x, bool any) -> nb::object {
    // any/all over every element of a C-contiguous bool array, stopping at the first element
    // that decides the answer (NumPy's any of an array whose first element is True returns at
    // once; a full reduction read all of it). Words of 8 bytes: any looks for a nonzero word,
    // all for a word with a zero byte (each byte's high bit of z is set when that byte is 0).
    if (x.dtype != DType::Bool || !x.is_c_contiguous()) return nb::none();
    const uint8_t* m = reinterpret_cast<const uint8_t*>(x.data());
    const int64_t n = x.size();
    constexpr uint64_t k7f = 0x7f7f7f7f7f7f7f7full;
    bool found = false;  // an element that decides: nonzero for any, zero for all
    int64_t i = 0;
    // 256 bytes per test of the exit condition: an OR (any) or a minimum (all) of the bytes,
    // loops the compiler vectorises.
    if (any) {
      for (; i + 256 <= n && !found; i += 256) {
        uint8_t acc = 0;
        for (int j = 0; j < 256; ++j) acc |= m[i + j];
        found = acc != 0;
      }
    } else {
      for (; i + 256 <= n && !found; i += 256) {
        uint8_t mn = 255;
        for (int j = 0; j < 256; ++j) mn = m[i + j] < mn ? m[i + j] : mn;
        found = mn == 0;
      }
    }
    for (; i + 8 <= n && !found; i += 8) {
      uint64_t v;
      std::memcpy(&v, m + i, 8);
      found = any ? v != 0 : (~(((v & k7f) + k7f) | v | k7f)) != 0;
    }
    for (; i < n && !found; ++i) found = any ? m[i] != 0 : m[i] == 0;
    return wrap(scalar_array(Scalar::from_bool(any ? found : !found), DType::Bool, x.device()));
  }, nb::arg("x"), nb::arg("any"), "Internal: any/all of a whole C-contiguous bool array, or None.");

  m.def("_moments", [](const Array& x, int nred, double correction, bool sd) -> nb::object {
    Array out;
    if (!cpu::moments(x, nred, correction, sd, &out)) return nb::none();
    return wrap(std::move(out));
  }, nb::arg("x"), nb::arg("nred"), nb::arg("correction"), nb::arg("sd"),
  "Internal: var/std of a C-contiguous float32/float64 array over its last nred axes (fused "
  "two-pass kernel), or None.");

  m.def("reduce", [](const std::string& op, const Array& x, nb::handle axis, bool keepdims,
                     nb::handle dtype) {
    int id = find_reduce_op(op);
    if (id < 0) throw ValueError("unknown reduction " + op);
    std::vector<int64_t> ax;
    if (axis.is_none()) {
      for (int i = 0; i < x.ndim(); ++i) ax.push_back(i);
    } else if (PyLong_Check(axis.ptr())) {
      ax.push_back(nb::cast<int64_t>(axis));
    } else {
      for (nb::handle a : axis) {
        if (!PyLong_Check(a.ptr())) throw TypeError(op + ": axis must be an int or a tuple of ints");
        ax.push_back(nb::cast<int64_t>(a));
      }
    }
    std::vector<int> axes = normalize_axes(ax, x.ndim(), op.c_str());
    DType acc = dtype.is_none() ? x.dtype : dtype_from(dtype, op.c_str());
    return dispatch_reduce(id, x, axes, keepdims, acc, route_device(nullptr, &x.device(), op.c_str()));
  }, nb::arg("op"), nb::arg("x"), nb::arg("axis") = nb::none(), nb::arg("keepdims") = false,
     nb::arg("dtype") = nb::none(),
     "Reduces x over axis (None: all) into dtype (None: x's). Internal; the Python layer picks "
     "NumPy's accumulator dtypes.");
  m.def("where", [](nb::handle cond, nb::handle a, nb::handle b) {
    Array c = to_array(cond, "where");
    Array x, y;
    if (is_array(a)) {
      x = as_array(a);
      y = operand_for(b, x, "where");
    } else if (is_array(b)) {
      y = as_array(b);
      x = operand_for(a, y, "where");
    } else {
      x = to_array(a, "where");
      y = operand_for(b, x, "where");
    }
    return where(c, x, y);
  }, nb::arg("condition"), nb::arg("x1"), nb::arg("x2"));
}

}  // namespace hc::py
