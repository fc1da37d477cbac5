// Reductions: _core.reduce(op, x, axes, keepdims, dtype).
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "core/reduce.h"
#include "python/convert.h"

namespace hc::py {

void bind_reduce(nb::module_& m) {
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
