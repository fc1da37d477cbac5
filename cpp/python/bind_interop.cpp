// Bindings of the interop group.
#include "python/convert.h"

namespace hc::py {
void bind_interop(nb::module_& m) { (void)m; }
}  // namespace hc::py
