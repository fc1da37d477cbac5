// Bindings of hcarray.nn (internal; the Python layer in hcarray/nn.py checks arguments):
// _core.nn_activation, nn_softmax, nn_norm, nn_attention.
#include <nanobind/stl/string.h>

#include "cpu/nn.h"
#include "python/convert.h"

namespace hc::py {

namespace {
const Array* optional_array(nb::handle h, const char* fn, const char* what) {
  if (h.is_none()) return nullptr;
  if (!is_array(h))
    throw TypeError(std::string(fn) + ": " + what + " must be an hcarray.ndarray or None");
  return &as_array(h);
}
}  // namespace

void bind_nn(nb::module_& m) {
  m.def("nn_activation", [](const std::string& op, const Array& x, const std::string& fn) {
    return cpu::nn::activation(x, op.c_str(), fn.c_str());
  }, nb::arg("op"), nb::arg("x"), nb::arg("fn"),
     "Elementwise sigmoid / silu / gelu_tanh / gelu_erf of a float array.");
  m.def("nn_softmax", [](const Array& x, int axis, bool log, const std::string& fn) {
    return cpu::nn::softmax(x, axis, log, fn.c_str());
  }, nb::arg("x"), nb::arg("axis"), nb::arg("log"), nb::arg("fn"),
     "softmax (log=False) or log_softmax of x along a normalised axis.");
  m.def("nn_norm", [](const Array& x, int nnorm, nb::handle w, nb::handle b, double eps,
                      bool rms, const std::string& fn) {
    const Array* wp = optional_array(w, fn.c_str(), "weight");
    const Array* bp = optional_array(b, fn.c_str(), "bias");
    return cpu::nn::norm(x, nnorm, wp, bp, eps, rms, fn.c_str());
  }, nb::arg("x"), nb::arg("nnorm"), nb::arg("weight").none(), nb::arg("bias").none(),
     nb::arg("eps"), nb::arg("rms"), nb::arg("fn"),
     "Layer norm (rms=False) or RMS norm over the trailing nnorm dims.");
  m.def("nn_attention", [](const Array& q, const Array& k, const Array& v, nb::handle mask,
                           bool causal, double scale, const std::string& fn) {
    const Array* mp = optional_array(mask, fn.c_str(), "mask");
    return cpu::nn::attention(q, k, v, mp, causal, scale, fn.c_str());
  }, nb::arg("q"), nb::arg("k"), nb::arg("v"), nb::arg("mask").none(), nb::arg("causal"),
     nb::arg("scale"), nb::arg("fn"), "Scaled dot-product attention.");
}

}  // namespace hc::py
