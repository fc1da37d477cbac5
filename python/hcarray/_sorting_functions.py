"""Array API sorting functions: sort and argsort over the native kernels (cpp/cpu/sort.cpp).

Order (specs/sorting.md): NumPy's. NaNs sort after every number; complex values
lexicographically by (real, imag) as NumPy. descending=True is the reverse order with equal
elements still in their original order (the standard's stable descending sort): NaNs first.
Both sorts are stable whatever ``stable`` says (the flag only permits instability).
"""

import operator as _operator

import numpy as _np

from . import _core
from ._validation import check_array as _check_array

__all__ = ["argsort", "sort"]

_AxisError = _np.exceptions.AxisError


def _flag(v, fn, name):
    if not isinstance(v, (bool, _np.bool_)):
        raise TypeError(f"{fn}: {name} must be a bool, got {type(v).__name__}")
    return bool(v)


def _axis(axis, ndim, fn):
    """axis normalised into [0, ndim); AxisError (a ValueError and an IndexError) otherwise."""
    if isinstance(axis, (bool, _np.bool_)):
        raise TypeError(f"{fn}: axis must be an integer, not bool")
    try:
        a = _operator.index(axis)
    except TypeError:
        raise TypeError(f"{fn}: axis must be an integer, not {type(axis).__name__}") from None
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim, fn)
    return a % ndim


def sort(x, /, *, axis=-1, descending=False, stable=True):
    """A sorted copy of x along axis (NaNs last; descending: the stable reverse)."""
    _check_array(x, "sort")
    a = _axis(axis, x.ndim, "sort")
    return _core.sort(x, a, _flag(descending, "sort", "descending"), _flag(stable, "sort", "stable"))


def argsort(x, /, *, axis=-1, descending=False, stable=True):
    """int64 indices that sort x along axis (stable; descending keeps equal elements in order)."""
    _check_array(x, "argsort")
    a = _axis(axis, x.ndim, "argsort")
    return _core.argsort(x, a, _flag(descending, "argsort", "descending"),
                         _flag(stable, "argsort", "stable"))
