"""``hcarray.lib.stride_tricks``: NumPy's stride tricks on hcarray memory.

``sliding_window_view`` is native: a read-only (unless writeable=True) hcarray view of the
input's memory with the window axes appended, as NumPy's. ``as_strided`` runs NumPy's on a
zero-copy view and returns an hcarray view of the same memory (like NumPy's, it does not check
that the geometry stays inside the array: the caller's responsibility, as in NumPy).
"""

import operator as _operator

import numpy as _np

from .. import _core
from .._numpy_bridge import as_hc as _as_hc
from .._numpy_bridge import call_numpy as _call_numpy

__all__ = ["sliding_window_view", "as_strided"]


def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    """A view of x's memory with every window of shape window_shape (along axis, all axes when
    None) as its last axes (NumPy's sliding_window_view). Read-only unless writeable=True."""
    fn = "sliding_window_view"
    h = _as_hc(x, fn)
    try:
        window_shape = tuple(_operator.index(w) for w in window_shape) \
            if _np.iterable(window_shape) else (_operator.index(window_shape),)
    except TypeError:
        raise TypeError(f"{fn}: window_shape must be an integer or a tuple of integers, "
                        f"not {window_shape!r}") from None
    if any(w < 0 for w in window_shape):
        raise ValueError(f"{fn}: `window_shape` cannot contain negative values")
    if axis is None:
        axis = tuple(range(h.ndim))
        if len(window_shape) != len(axis):
            raise ValueError(f"{fn}: Since axis is `None`, must provide window_shape for all "
                             f"dimensions of `x`; got {len(window_shape)} window_shape elements "
                             f"and `x.ndim` is {h.ndim}.")
    else:
        axes = tuple(axis) if _np.iterable(axis) else (axis,)
        norm = []
        for a in axes:
            a = _operator.index(a)
            if not -h.ndim <= a < h.ndim:
                raise _np.exceptions.AxisError(a, h.ndim, fn)
            norm.append(a % h.ndim)
        axis = tuple(norm)
        if len(window_shape) != len(axis):
            raise ValueError(f"{fn}: Must provide matching length window_shape and axis; got "
                             f"{len(window_shape)} window_shape elements and {len(axis)} axes "
                             "elements.")
    shape = list(h.shape)
    for a, w in zip(axis, window_shape):
        if shape[a] < w:
            raise ValueError(f"{fn}: window shape cannot be larger than input array shape")
        shape[a] -= w - 1
    strides = tuple(h.strides) + tuple(h.strides[a] for a in axis)
    v = _core.as_strided(h, tuple(shape) + window_shape, strides, h._offset)
    if not writeable or not h._writeable:
        if writeable:
            raise ValueError(f"{fn}: cannot make a writeable view of a read-only array")
        v._writeable = False
    return v


def as_strided(x, shape=None, strides=None, subok=False, writeable=True):
    """A view of x's memory with the given shape and strides in bytes (NumPy's as_strided)."""
    fn = "as_strided"
    h = _as_hc(x, fn)
    return _call_numpy(fn, _np.lib.stride_tricks.as_strided, (h,),
                       dict(shape=shape, strides=strides, writeable=writeable))
