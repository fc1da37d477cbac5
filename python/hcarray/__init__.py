"""hcarray: NumPy-compatible arrays with a C++ core, one allocation for every compute unit."""

import os as _os

# Development builds: HCARRAY_DEV_BUILD names a build folder holding _core (see dev-build.sh).
_dev = _os.environ.get("HCARRAY_DEV_BUILD")
if _dev:
    __path__.append(_dev)  # noqa: F821

from . import _core  # noqa: E402
from ._core import get_num_threads, ndarray, set_num_threads  # noqa: E402,F401
from ._dtypes import (  # noqa: E402,F401
    bfloat16, bool, bool_, complex64, complex128, float16, float32, float64,
    int8, int16, int32, int64, uint8, uint16, uint32, uint64,
)
from ._device import Device, devices, support_matrix, units, using  # noqa: E402,F401
from . import _array_object  # noqa: E402,F401  (methods and protocols on ndarray)

# One module per group of the Array API standard; each defines __all__.
from ._creation_functions import *  # noqa: E402,F401,F403
from ._data_type_functions import *  # noqa: E402,F401,F403
from ._elementwise_functions import *  # noqa: E402,F401,F403
from ._indexing_functions import *  # noqa: E402,F401,F403
from ._manipulation_functions import *  # noqa: E402,F401,F403
from ._dlpack import *  # noqa: E402,F401,F403
from ._statistical_functions import *  # noqa: E402,F401,F403
from ._searching_functions import *  # noqa: E402,F401,F403
from ._sorting_functions import *  # noqa: E402,F401,F403
from ._set_functions import *  # noqa: E402,F401,F403
from ._linear_algebra_functions import *  # noqa: E402,F401,F403
from ._utility import *  # noqa: E402,F401,F403
from ._info import *  # noqa: E402,F401,F403

from . import fft, linalg  # noqa: E402,F401  (Array API extensions)
from . import memory  # noqa: E402,F401
from . import nn  # noqa: E402,F401

# NumPy drop-in: NumPy's own names beyond the standard, then the NumPy protocols on ndarray.
from ._numpy_namespace import *  # noqa: E402,F401,F403
from . import _numpy_protocols  # noqa: E402,F401
from . import random, testing  # noqa: E402,F401  (NumPy's submodules)
from . import lib, ma, char  # noqa: E402,F401

# The standard's functions that NumPy also has at the top level take NumPy's array_likes, as
# NumPy's do (hcarray.linalg's and hcarray.fft's are wrapped in _linalg_numpy).
from ._linalg_numpy import _array_like  # noqa: E402

for _n, _k in (("unique_all", 1), ("unique_counts", 1), ("unique_inverse", 1),
               ("unique_values", 1), ("take_along_axis", 2)):
    globals()[_n] = _array_like(globals()[_n], _n, _k)
del _n, _k, _array_like

import math as _math  # noqa: E402

e = _math.e
pi = _math.pi
inf = _math.inf
nan = _math.nan
newaxis = None

__version__ = "0.1.0"
__array_api_version__ = "2024.12"

# Every function accepts device= (specs/devices.md): wrap the ones that do not take it.
from ._device_kw import add_device_keyword as _add_device_keyword  # noqa: E402

_add_device_keyword(globals(), list(globals()))

# Whole-array sum/prod/max/min with no keywords run in C++ at once (cpp/python/fastcall.cpp);
# every other call goes to the function as defined above.
def _fastcall_restore(name):
    """Unpickles hcarray's C++ function objects (they pickle as their name)."""
    import hcarray
    return getattr(hcarray, name)


_core._set_fastcall_restore(_fastcall_restore)
for _n, _op in (("sum", "sum"), ("prod", "prod"), ("max", "max"), ("min", "min"),
                ("amax", "max"), ("amin", "min")):
    globals()[_n] = _core.fastcall_reduce(_op, globals()[_n], _n)
# The plain calls of the creation functions (zeros/ones/empty/full of a shape of Python ints,
# arange of Python ints/floats, the *_like functions of a C-contiguous array, asarray/array of
# a list of Python numbers, eye(N)), dot of 1-D/2-D arrays, reshape(x, ints) and
# expand_dims(x, int), on the CPU: in C++
# (cpp/python/fastcall.cpp, try_create); every other call goes to the function defined above.
for _n in ("zeros", "ones", "empty", "arange", "zeros_like", "ones_like", "empty_like",
           "full_like", "full", "asarray", "array", "eye", "dot", "reshape", "expand_dims"):
    globals()[_n] = _core.fastcall_create(_n, globals()[_n], _n)
del _n, _op
_add_device_keyword(vars(linalg), list(vars(linalg)))
_add_device_keyword(vars(fft), list(vars(fft)))
