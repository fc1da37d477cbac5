"""Array API creation functions."""

import numpy as _np

from . import _core, _dtypes
from ._array_object import _copy_from_numpy, _from_numpy
from ._device import as_device

__all__ = ["asarray"]


def asarray(obj, /, *, dtype=None, device=None, copy=None):
    """Converts obj to an hcarray. NumPy arrays and buffer-protocol objects are wrapped without a
    copy when dtype and copy allow; copy=False raises ValueError when a copy is unavoidable."""
    as_device(device, "asarray")
    code = None if dtype is None else _dtypes.dtype_code(dtype, "asarray")
    if isinstance(obj, _core.ndarray):
        if code is None or code == obj._dtype_code:
            return obj.copy() if copy else obj
        if copy is False:
            raise ValueError("asarray: changing the dtype needs a copy, but copy=False")
        return _core.astype(obj, _dtypes._DTYPES[code])
    if isinstance(obj, _np.ndarray):
        if code is not None and _dtypes._DTYPES[code] != obj.dtype:
            if copy is False:
                raise ValueError("asarray: changing the dtype needs a copy, but copy=False")
            return _copy_from_numpy(obj.astype(_dtypes._DTYPES[code]))
        v = _from_numpy(obj)
        return v.copy() if copy else v
    if copy is not True and not isinstance(obj, (bool, int, float, complex, list, tuple)):
        try:
            v = _core.from_buffer(obj)
        except TypeError:
            v = None
        if v is not None:
            if code is not None and code != v._dtype_code:
                if copy is False:
                    raise ValueError("asarray: changing the dtype needs a copy, but copy=False")
                return _core.astype(v, _dtypes._DTYPES[code])
            return v
    if copy is False:
        raise ValueError(f"asarray: a {type(obj).__name__} cannot be converted without a copy")
    a = _np.asarray(obj, dtype=None if code is None else _dtypes._DTYPES[code])
    if a.dtype == object or a.dtype.kind in "USVMmO":
        raise TypeError(f"asarray: cannot convert {type(obj).__name__} to an array of numbers")
    return _copy_from_numpy(a)
