#pragma once
#include "core/array.h"

namespace hc {
// Resolves one -1 in `shape` against `size`; ValueError naming fn when impossible.
Dims resolve_shape(const Dims& shape, int64_t size, const char* fn);
// A view with the new shape when the strides allow one (NumPy's rule); false otherwise.
bool reshape_view(const Array& a, const Dims& shape, Array* out);
}  // namespace hc
