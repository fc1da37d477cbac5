// Bindings of the indexing group.
#include "python/convert.h"

namespace hc::py {
void bind_indexing(nb::module_& m) { (void)m; }
}  // namespace hc::py
