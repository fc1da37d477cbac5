// Bindings of the scan group: _core.cumulative(op, x, axis, dtype, include_initial).
#include <nanobind/stl/string.h>

#include "cpu/scan.h"
#include "python/convert.h"

namespace hc::py {

void bind_scan(nb::module_& m) {
  m.def("cumulative", [](const std::string& op, const Array& x, int64_t axis, nb::handle dtype,
                         bool include_initial) {
    bool prod;
    if (op == "cumulative_sum") prod = false;
    else if (op == "cumulative_prod") prod = true;
    else throw ValueError("cumulative: unknown scan " + op);
    int nd = x.ndim();
    if (axis < -nd || axis >= nd)
      throw IndexError(op + ": axis " + std::to_string(axis) +
                       " is out of bounds for array of dimension " + std::to_string(nd));
    DType acc = dtype.is_none() ? x.dtype : dtype_from(dtype, op.c_str());
    return cpu::cumulative(x, int(axis < 0 ? axis + nd : axis), acc, prod, include_initial,
                           op.c_str());
  }, nb::arg("op"), nb::arg("x"), nb::arg("axis"), nb::arg("dtype") = nb::none(),
     nb::arg("include_initial") = false,
     "Cumulative sum/product of x along axis in dtype (None: x's). Internal; the Python layer "
     "picks the Array API's default dtypes.");
}

}  // namespace hc::py
