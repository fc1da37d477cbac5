// Bindings added by later groups (interop, advanced indexing kernels) register here.
#include "python/convert.h"

namespace hc::py {
void bind_extra(nb::module_& m) { (void)m; }
}  // namespace hc::py
