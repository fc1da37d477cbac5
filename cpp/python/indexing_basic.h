// Basic indexing (ints, slices, Ellipsis, None) producing views, shared by getitem and setitem.
#pragma once
#include "python/convert.h"

namespace hc::py {

// Returns true and the view when key is a basic index; false when the key needs advanced
// indexing (arrays, lists, bools), which the Python layer handles.
bool basic_index(const Array& x, nb::handle key, Array* out);

}  // namespace hc::py
