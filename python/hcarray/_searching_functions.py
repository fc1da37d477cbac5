"""Array API searching functions: argmax, argmin, count_nonzero, nonzero, searchsorted, where.

argmax/argmin and searchsorted are native (cpp/cpu/search.cpp) and use the order of sort
(NaN is the largest value; argmax and argmin both return the first NaN, as NumPy).
count_nonzero is the count kernel (axis=None) or a native int64 sum of the bool view; nonzero
is the indexing kernel; where is the native one of _utility.py.
"""

import operator as _operator

import numpy as _np

from . import _core
from ._data_type_functions import _promote2, _weak
from ._utility import where
from ._validation import check_array as _check_array

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]

_AxisError = _np.exceptions.AxisError
_INT64 = _np.dtype(_np.int64)
_BOOL = _np.dtype(_np.bool_)


def _int(v, fn, what):
    if isinstance(v, (bool, _np.bool_)):
        raise TypeError(f"{fn}: {what} must be an integer, not bool")
    try:
        return _operator.index(v)
    except TypeError:
        raise TypeError(f"{fn}: {what} must be an integer, not {type(v).__name__}") from None


def _norm_axis(axis, ndim, fn):
    a = _int(axis, fn, "axis")
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim, fn)
    return a % ndim


def _flag(v, fn, name):
    if not isinstance(v, (bool, _np.bool_)):
        raise TypeError(f"{fn}: {name} must be a bool, got {type(v).__name__}")
    return bool(v)


def _arg(x, axis, keepdims, is_max):
    fn = "argmax" if is_max else "argmin"
    _check_array(x, fn)
    keepdims = _flag(keepdims, fn, "keepdims")
    if axis is None:
        return _core.argextreme(x, -1, is_max, keepdims)
    if x.ndim == 0:
        # NumPy accepts axis 0 / -1 on a 0-d array and treats it as the whole array.
        a = _int(axis, fn, "axis")
        if a not in (0, -1):
            raise _AxisError(a, 0, fn)
        return _core.argextreme(x, -1, is_max, keepdims)
    return _core.argextreme(x, _norm_axis(axis, x.ndim, fn), is_max, keepdims)


def argmax(x, /, *, axis=None, keepdims=False):
    """Index (int64) of the first maximum; NaN counts as the maximum; empty -> ValueError."""
    return _arg(x, axis, keepdims, True)


def argmin(x, /, *, axis=None, keepdims=False):
    """Index (int64) of the first minimum; NaN counts as the minimum; empty -> ValueError."""
    return _arg(x, axis, keepdims, False)


def count_nonzero(x, /, *, axis=None, keepdims=False):
    """Number (int64) of nonzero elements over axis (None, an int or a tuple of ints)."""
    _check_array(x, "count_nonzero")
    keepdims = _flag(keepdims, "count_nonzero", "keepdims")
    if axis is None:
        # Every element: one pass of the count kernel over x as it is (any dtype, any strides).
        r = _core._count_nonzero(x)
        return _core.reshape(r, (1,) * x.ndim, -1) if keepdims else r
    if axis is not None:
        axes = axis if isinstance(axis, tuple) else (axis,)
        if not isinstance(axis, tuple):
            _int(axis, "count_nonzero", "axis")
        axes = tuple(_norm_axis(a, x.ndim, "count_nonzero") for a in axes)
        if len(set(axes)) != len(axes):
            raise ValueError(f"count_nonzero: repeated axis in {axis!r}")
        axis = axes
    b = x if x.dtype == _BOOL else _core.astype(x, _BOOL)
    return _core.reduce("sum", b, axis, keepdims, _INT64)


def nonzero(x, /):
    """A tuple of int64 arrays, one per dimension, with the row-major positions of the nonzero
    elements. 0-d input raises ValueError (the standard)."""
    _check_array(x, "nonzero")
    if x.ndim == 0:
        raise ValueError("nonzero: x must have at least one dimension (0-d input is not allowed)")
    b = x if x.dtype == _BOOL else _core.astype(x, _BOOL)
    return tuple(_core._nonzero(b))


def searchsorted(x1, x2, /, *, side="left", sorter=None):
    """Insertion points (int64, x2's shape) of x2 in the 1-D x1, sorted ascending (through sorter
    when given), in the order of sort (NaNs last). x2 may be a Python scalar."""
    fn = "searchsorted"
    _check_array(x1, fn)
    if x1.ndim != 1:
        raise ValueError(f"{fn}: x1 must be one-dimensional, got {x1.ndim} dimensions")
    if not isinstance(side, str) or side not in ("left", "right"):
        raise ValueError(f"{fn}: side must be 'left' or 'right', got {side!r}")
    if isinstance(x2, _core.ndarray):
        dt = _promote2(x1.dtype, x2.dtype, fn)
    elif isinstance(x2, (bool, int, float, complex)):
        dt = _weak(x1.dtype, x2, fn)
        if isinstance(x2, int) and not isinstance(x2, bool) and dt.kind in "iu":
            info = _np.iinfo(dt)
            if not info.min <= x2 <= info.max:
                # Out of x1's range: compare exactly in a wider common dtype (as NumPy does).
                try:
                    wide = _np.asarray(x2).dtype
                except OverflowError:
                    raise OverflowError(f"{fn}: Python int {x2} is out of range") from None
                dt = _promote2(x1.dtype, wide, fn)
        x2 = _core.full((), x2, dt, "cpu")
    else:
        raise TypeError(f"{fn}: x2 must be an hcarray.ndarray or a Python scalar, "
                        f"got {type(x2).__name__}")
    if sorter is not None:
        _check_array(sorter, fn)
        if sorter.dtype.kind not in "iu":
            raise TypeError(f"{fn}: sorter must have an integer dtype, got {sorter.dtype}")
        if sorter.shape != x1.shape:
            raise ValueError(f"{fn}: sorter must have x1's shape {x1.shape}, got {sorter.shape}")
    a = x1 if x1.dtype == dt else _core.astype(x1, dt)
    v = x2 if x2.dtype == dt else _core.astype(x2, dt)
    return _core.searchsorted(a, v, side == "right", sorter)
