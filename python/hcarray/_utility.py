"""Array API utility functions: all, any (diff comes with the rest of the statistical group)."""

import builtins as _builtins

from . import _core

__all__ = ["all", "any"]


def _check(x, fn):
    if not isinstance(x, _core.ndarray):
        raise TypeError(f"{fn}: expected an hcarray.ndarray, got {type(x).__name__}")


def _axis(axis, fn):
    if axis is None or isinstance(axis, int) and not isinstance(axis, bool):
        return axis
    if isinstance(axis, tuple) and _builtins.all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        return axis
    raise TypeError(f"{fn}: axis must be None, an int or a tuple of ints, got {axis!r}")


def all(x, /, *, axis=None, keepdims=False):  # noqa: A001
    _check(x, "all")
    b = x if x.dtype == bool else _core.astype(x, bool)
    return _core.reduce("all", b, _axis(axis, "all"), keepdims, bool)


def any(x, /, *, axis=None, keepdims=False):  # noqa: A001
    _check(x, "any")
    b = x if x.dtype == bool else _core.astype(x, bool)
    return _core.reduce("any", b, _axis(axis, "any"), keepdims, bool)


def where(condition, x1, x2, /):
    """Elements of x1 where condition holds, else of x2; all three broadcast; x1/x2 may be
    Python scalars (weak, as in NumPy 2)."""
    _check(condition, "where")
    return _core.where(condition, x1, x2)


__all__ += ["where"]
