// Bindings of the linear algebra kernels (cpu/matmul.h). The Python layer
// (_linear_algebra_functions.py, linalg.py) converts operands and checks arguments first.
#include "cpu/matmul.h"
#include "python/convert.h"

namespace hc::py {

void bind_linalg(nb::module_& m) {
  m.def("matmul", [](const Array& x1, const Array& x2) { return cpu::matmul(x1, x2, "matmul"); },
        nb::arg("x1"), nb::arg("x2"),
        "NumPy's matmul of two hcarray arrays (promotion, 1-D rules, broadcast batch "
        "dimensions, any strides); a new C-contiguous array. Internal.");
}

}  // namespace hc::py
