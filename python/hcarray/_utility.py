"""Array API utility functions: all, any, diff (and where)."""

import builtins as _builtins

import numpy as _np

from . import _core
from ._validation import check_array as _check, as_int as _int

__all__ = ["all", "any", "diff"]


def _axis(axis, fn):
    if axis is None or isinstance(axis, int) and not isinstance(axis, bool):
        return axis
    if isinstance(axis, tuple) and _builtins.all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        return axis
    raise TypeError(f"{fn}: axis must be None, an int or a tuple of ints, got {axis!r}")


_UINT8_CODE, _BOOL_CODE = 5, 0


def _bool_axis_reduce(op, b, axis, keepdims):
    """all/any of a non-empty bool array over axes as min/max of its bytes viewed as uint8 (the
    uint8 axis loop is vectorized; the bool one was 5x slower than NumPy: 300 x 300 along an
    axis 50 us, NumPy 10), or None where that does not apply (0-d, empty, bad axes: the bool
    reduction then gives the result or the error)."""
    if b.ndim == 0 or b.size == 0 or type(keepdims) is not bool:
        return None
    try:
        r = _core.reduce(op, b._reinterpret(_UINT8_CODE), axis, keepdims)
    except Exception:
        return None
    return r._reinterpret(_BOOL_CODE)


def all(x, /, *, axis=None, keepdims=False):  # noqa: A001
    _check(x, "all")
    b = x if x.dtype == bool else _core.astype(x, bool)
    if axis is None and keepdims is False:  # whole array: stops at the first False
        r = _core._bool_scan(b, False)
        if r is not None:
            return r
    ax = _axis(axis, "all")
    r = _bool_axis_reduce("min", b, ax, keepdims)
    if r is not None:
        return r
    return _core.reduce("all", b, ax, keepdims, bool)


def any(x, /, *, axis=None, keepdims=False):  # noqa: A001
    _check(x, "any")
    b = x if x.dtype == bool else _core.astype(x, bool)
    if axis is None and keepdims is False:  # whole array: stops at the first True
        r = _core._bool_scan(b, True)
        if r is not None:
            return r
    ax = _axis(axis, "any")
    r = _bool_axis_reduce("max", b, ax, keepdims)
    if r is not None:
        return r
    return _core.reduce("any", b, ax, keepdims, bool)


def where(condition, x1, x2, /):
    """Elements of x1 where condition holds, else of x2; all three broadcast; x1/x2 may be
    Python scalars (weak, as in NumPy 2)."""
    _check(condition, "where")
    return _core.where(condition, x1, x2)


__all__ += ["where"]


def _along(x, axis, start, stop):
    """x[..., start:stop, ...] along axis as a view (0 <= start <= stop <= x.shape[axis])."""
    shape = list(x.shape)
    shape[axis] = stop - start
    off = x._offset + (start * x.strides[axis] if stop > start else 0)
    return _core.as_strided(x, tuple(shape), tuple(x.strides), off)


def _edge(v, x, axis, what):
    """prepend/append as an array to join to x: a Python scalar takes x's dtype (weak, as in
    binary operations) and, like a 0-d array, the shape of x with size 1 along axis."""
    from ._creation_functions import full
    from ._data_type_functions import result_type
    from ._manipulation_functions import broadcast_to
    shape = x.shape[:axis] + (1,) + x.shape[axis + 1:]
    if isinstance(v, (bool, int, float, complex)):
        return full(shape, v, dtype=result_type(x, v))
    if not isinstance(v, _core.ndarray):
        raise TypeError(f"diff: {what} must be an hcarray.ndarray or a Python scalar, got "
                        f"{type(v).__name__}")
    if v.ndim == 0:
        return broadcast_to(v, shape)
    if v.ndim != x.ndim:
        raise ValueError(f"diff: {what} must have {x.ndim} dimensions as x, got shape {v.shape}")
    return v


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None):
    """The n-th discrete difference along axis: out[i] = x[i+1] - x[i], applied n times, after
    joining prepend and append to x along axis (the result dtype follows promotion; bool uses
    not_equal as NumPy does). Length along axis: max(0, m - n)."""
    fn = "diff"
    _check(x, fn)
    if x.ndim == 0:
        raise ValueError(f"{fn}: x must have at least one dimension")
    a = _int(axis, fn, "axis")
    if not -x.ndim <= a < x.ndim:
        raise _np.exceptions.AxisError(a, x.ndim, fn)
    a %= x.ndim
    n = _int(n, fn, "n")
    if n < 0:
        raise ValueError(f"{fn}: n must be non-negative, got {n}")
    if prepend is not None or append is not None:
        from ._manipulation_functions import concat
        parts = [x]
        if prepend is not None:
            parts.insert(0, _edge(prepend, x, a, "prepend"))
        if append is not None:
            parts.append(_edge(append, x, a, "append"))
        try:
            x = concat(parts, axis=a)
        except (ValueError, TypeError) as e:
            raise type(e)(f"{fn}: {e}") from None
    if n == 0:
        return x
    op = "not_equal" if x.dtype == bool else "subtract"
    for _ in range(n):
        m = x.shape[a]
        if m == 0:
            break
        x = _core.binary(op, _along(x, a, 1, m), _along(x, a, 0, m - 1))
    return x
