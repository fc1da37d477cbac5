"""Methods and protocols of hcarray.ndarray written in Python on top of the core."""

import numpy as _np

from . import _core, _dtypes
from ._core import ndarray


def _to_numpy(x):
    """A NumPy view of x (no copy)."""
    if x._dtype_code == 10:  # bfloat16: no buffer format; go through uint16
        u = _np.asarray(x._reinterpret(6))  # uint16
        return u.view(_dtypes.bfloat16)
    return _np.asarray(x)


def asarray_hook(obj):
    if isinstance(obj, _np.ndarray):
        return _from_numpy(obj)
    a = _np.asarray(obj)
    if a.dtype == object:
        raise TypeError(f"asarray: cannot convert {type(obj).__name__} to an array")
    return _copy_from_numpy(a)


def _from_numpy(a):
    """Zero-copy hcarray view of a NumPy array (copies only when the dtype needs converting)."""
    d = a.dtype
    code = _dtypes._CODE.get(d)
    if code is None:
        code = _dtypes.dtype_code(d, "asarray")
        a = a.astype(_dtypes._DTYPES[code])
    if code == 10:
        return _core.from_buffer(a.view(_np.uint16), 10)
    if not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    return _core.from_buffer(a)


def _copy_from_numpy(a):
    """A new hcarray (memory from the allocator) holding a copy of NumPy array a."""
    v = _from_numpy(a)
    return v.copy()


def _getitem_hook(x, key):
    raise IndexError(f"__getitem__: unsupported index {key!r}")


def _setitem_hook(x, key, value):
    raise IndexError(f"__setitem__: unsupported index {key!r}")


_core._set_hooks(asarray_hook, _dtypes.dtype_code, _getitem_hook, _setitem_hook)


def __array__(self, dtype=None, copy=None):
    a = _to_numpy(self)
    if dtype is not None and _np.dtype(dtype) != a.dtype:
        if copy is False:
            raise ValueError("__array__: a copy is needed to change the dtype, but copy=False")
        return a.astype(dtype)
    if copy:
        return a.copy()
    return a


def __repr__(self):
    return repr(_to_numpy(self))


def __str__(self):
    return str(_to_numpy(self))


ndarray.__array__ = __array__
ndarray.__repr__ = __repr__
ndarray.__str__ = __str__
