// Bindings of the creation group: native fills used by python/hcarray/_creation_functions.py.
#include <nanobind/stl/complex.h>

#include "cpu/creation.h"
#include "python/convert.h"

namespace hc::py {

void bind_creation(nb::module_& m) {
  m.def("_arange_fill", [](const Array& a) { cpu::arange_fill(a); },
        "Fills a[2:] from a[0], a[1] as NumPy's arange does. Internal.");
  m.def("_linspace_fill",
        [](const Array& a, std::complex<double> start, std::complex<double> stop, bool complex_,
           bool endpoint) { cpu::linspace_fill(a, start, stop, complex_, endpoint); },
        "Fills a with NumPy's linspace values. Internal.");
  m.def("_tri_zero", [](const Array& a, int64_t k, bool upper) { cpu::tri_zero(a, k, upper); },
        "Zeroes above (tril) or below (triu) the k-th diagonal in place. Internal.");
}

}  // namespace hc::py
