"""Array API indexing functions: take, take_along_axis (NumPy semantics where the standard is
silent). Importing this module also installs advanced ``x[key]`` indexing (see _indexing)."""

import operator as _operator

import numpy as _np

from . import _core
from . import _indexing  # noqa: F401  (registers the advanced getitem/setitem hooks)
from ._array_object import asarray_hook
from ._validation import check_array as _check_x

__all__ = ["take", "take_along_axis"]


def _as_index_array(indices, fn):
    if isinstance(indices, _core.ndarray):
        return indices
    if isinstance(indices, _np.ndarray):
        a = indices
    elif isinstance(indices, (list, tuple, int, _np.integer)) and not isinstance(indices, bool):
        a = _np.asarray(indices)
        if a.size == 0 and a.dtype.kind == "f":
            a = a.astype(_np.int64)
    else:
        raise TypeError(f"{fn}: indices must be an array, not {type(indices).__name__}")
    if a.dtype == object:
        raise TypeError(f"{fn}: indices must be an array of integers")
    return asarray_hook(a)


def _axis(axis, ndim, fn):
    if isinstance(axis, bool) or not hasattr(type(axis), "__index__"):
        raise TypeError(f"{fn}: axis must be an integer, not {type(axis).__name__}")
    a = _operator.index(axis)
    if not -ndim <= a < ndim:
        raise _np.exceptions.AxisError(a, ndim, fn)
    return a % ndim


def take(x, indices, /, *, axis=None):
    """Elements of x at `indices` along `axis` (Array API 2024.12; negative indices count from
    the end as in NumPy). axis may be omitted only when x is 1-D. indices may have any rank; the
    result's shape is x.shape[:axis] + indices.shape + x.shape[axis+1:]."""
    _check_x(x, "take")
    idx = _as_index_array(indices, "take")
    if idx.dtype.kind not in "iu":
        raise TypeError(f"take: indices must have an integer data type, not {idx.dtype}")
    if axis is None:
        if x.ndim != 1:
            raise ValueError(f"take: axis must be given for a {x.ndim}-dimensional array "
                             "(it may be omitted only for 1-D arrays)")
        axis = 0
    else:
        axis = _axis(axis, x.ndim, "take")
    if x.ndim == 1 and idx.ndim and type(idx) is _core.ndarray:
        r = _core._take_flat(x, idx, "take: ")  # one pass for 1-D x and int64/int32 indices
        if r is not None:
            return r
    return _core._gather(x, [axis], [axis], [idx], "take: ")


def take_along_axis(x, indices, /, *, axis=-1):
    """out[..., j, ...] = x[..., indices[..., j, ...], ...] along `axis` (Array API 2024.12).
    x and indices have the same rank; their other dims broadcast, as in NumPy."""
    _check_x(x, "take_along_axis")
    idx = _as_index_array(indices, "take_along_axis")
    if idx.dtype.kind not in "iu":
        raise IndexError(
            f"take_along_axis: indices must have an integer data type, not {idx.dtype}")
    if x.ndim == 0:
        raise ValueError("take_along_axis: x must have at least one dimension")
    if idx.ndim != x.ndim:
        raise ValueError(f"take_along_axis: indices must have the same number of dimensions as x "
                         f"({idx.ndim} != {x.ndim})")
    axis = _axis(axis, x.ndim, "take_along_axis")
    return _core._take_along_axis(x, idx, axis)
