// Bindings of the scan group.
#include "python/convert.h"

namespace hc::py {
void bind_scan(nb::module_& m) { (void)m; }
}  // namespace hc::py
