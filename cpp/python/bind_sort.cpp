// Bindings of the sort group.
#include "python/convert.h"

namespace hc::py {
void bind_sort(nb::module_& m) { (void)m; }
}  // namespace hc::py
