// Bindings of the linalg group.
#include "python/convert.h"

namespace hc::py {
void bind_linalg(nb::module_& m) { (void)m; }
}  // namespace hc::py
