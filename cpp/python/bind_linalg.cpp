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
  // vecdot(x1, x2) over the last axis of real operands whose last sizes agree, as
  // _linear_algebra_functions.vecdot computes it (x1 as (..., 1, K), x2 as (..., K, 1), one
  // batched matmul, the two unit axes dropped), built here in one call (session 6: the
  // Python version of these steps cost ~2-4 us of a (100, 3) call). None for anything else.
  m.def("_vecdot_last", [](const Array& x1, const Array& x2) -> nb::object {
    const int n1 = x1.ndim(), n2 = x2.ndim();
    if (n1 == 0 || n2 == 0 || x1.shape[n1 - 1] != x2.shape[n2 - 1] ||
        kind(x1.dtype) == Kind::Complex || kind(x2.dtype) == Kind::Complex)
      return nb::none();
    if (n1 == 1 && n2 == 1) return wrap(cpu::matmul(x1, x2, "vecdot"));
    Dims s1, t1, s2, t2;
    for (int d = 0; d + 1 < n1; ++d) {
      s1.push_back(x1.shape[d]);
      t1.push_back(x1.strides[d]);
    }
    for (int d = 0; d + 1 < n2; ++d) {
      s2.push_back(x2.shape[d]);
      t2.push_back(x2.strides[d]);
    }
    s1.push_back(1);
    t1.push_back(0);
    s1.push_back(x1.shape[n1 - 1]);
    t1.push_back(x1.strides[n1 - 1]);
    s2.push_back(x2.shape[n2 - 1]);
    t2.push_back(x2.strides[n2 - 1]);
    s2.push_back(1);
    t2.push_back(0);
    Array r = cpu::matmul(x1.view(s1, t1, x1.offset), x2.view(s2, t2, x2.offset), "vecdot");
    Dims rs, rt;
    for (int d = 0; d + 2 < r.ndim(); ++d) {
      rs.push_back(r.shape[d]);
      rt.push_back(r.strides[d]);
    }
    return wrap(r.view(rs, rt, r.offset));
  }, nb::arg("x1"), nb::arg("x2"));
}

}  // namespace hc::py
