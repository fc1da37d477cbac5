// Bindings of the creation group.
#include "python/convert.h"

namespace hc::py {
void bind_creation(nb::module_& m) { (void)m; }
}  // namespace hc::py
