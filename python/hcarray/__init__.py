"""hcarray: NumPy-compatible arrays with a C++ core, one allocation for every compute unit."""

import os as _os

# Development builds: HCARRAY_DEV_BUILD names a build folder holding _core; see CONTRIBUTING.md.
_dev = _os.environ.get("HCARRAY_DEV_BUILD")
if _dev:
    __path__.append(_dev)  # noqa: F821

from . import _core  # noqa: E402
from ._core import ndarray  # noqa: E402
from ._dtypes import (  # noqa: E402,F401
    bfloat16, bool_, complex64, complex128, float16, float32, float64,
    int8, int16, int32, int64, uint8, uint16, uint32, uint64,
)
from . import _array_object  # noqa: E402,F401  (methods and protocols on ndarray)

__version__ = "0.1.0"
__array_api_version__ = "2024.12"
