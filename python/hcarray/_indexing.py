"""Advanced indexing: everything ``x[key]`` / ``x[key] = value`` does beyond basic indexing.

Basic keys (ints, slices, Ellipsis, None) are handled in C++ and give views; any other key comes
here through the hooks registered with the core. NumPy's rules throughout:

* integer arrays (hcarray, NumPy, lists, NumPy integer scalars), boolean masks of any rank
  (including 0-d ``True``/``False``), mixed with slices, None and Ellipsis;
* when advanced indices are present, integers count as (0-d) advanced indices;
* the broadcast shape of the advanced indices replaces them in place when they are adjacent,
  and goes first otherwise.

The key is reduced to a basic view ``v`` of x plus integer index arrays on some axes of v; the
C++ kernels (_core._gather/_core._scatter, _core._nonzero for masks) do the work.
"""

import operator as _operator

import numpy as _np

from . import _core
from ._array_object import asarray_hook
from ._dtypes import dtype_code

_BAD_INDEX = ("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
              "or boolean arrays are valid indices")
_NOT_INT = "arrays used as indices must be of integer (or boolean) type"

# Item kinds
_INT, _SLICE, _ELLIPSIS, _NEWAXIS, _ARRAY, _MASK, _BOOL0 = range(7)


def _classify_array(a):
    """(kind, value) for an hcarray or NumPy array used as an index."""
    k = a.dtype.kind
    if k == "b":
        if a.ndim == 0:
            return _BOOL0, bool(a)
        return _MASK, a
    if k in "iu":
        return _ARRAY, a
    raise IndexError(_NOT_INT)


def _classify(item):
    if item is None:
        return _NEWAXIS, None
    if item is Ellipsis:
        return _ELLIPSIS, None
    if isinstance(item, slice):
        return _SLICE, item
    if isinstance(item, (bool, _np.bool_)):
        return _BOOL0, bool(item)
    if isinstance(item, (_core.ndarray, _np.ndarray)):
        return _classify_array(item)
    if isinstance(item, (int, _np.integer)):
        return _INT, _operator.index(item)
    if isinstance(item, (list, tuple)):
        try:
            a = _np.asarray(item)
        except (ValueError, TypeError, OverflowError):
            raise IndexError(_BAD_INDEX) from None
        if a.dtype == object:
            raise IndexError(_BAD_INDEX)
        if a.size == 0 and a.dtype.kind == "f":
            a = a.astype(_np.intp)  # [] indexes nothing, as in NumPy
        if a.dtype.kind not in "biu":
            raise IndexError(_BAD_INDEX)
        return _classify_array(a)
    if isinstance(item, (str, bytes, float, complex)):
        raise IndexError(_BAD_INDEX)
    if hasattr(type(item), "__index__"):
        try:
            return _INT, _operator.index(item)
        except TypeError:
            pass
    raise IndexError(_BAD_INDEX)


def _int_index(v):
    try:
        return _np.array(v, dtype=_np.int64)
    except OverflowError:
        raise IndexError("cannot fit 'int' into an index-sized integer") from None


def _as_hc_mask(m):
    if isinstance(m, _core.ndarray):
        return m
    return asarray_hook(m)


def _prepare(x, key):
    """Reduces key to (v, axes, report_axes, indices, front): a basic view v of x, integer index
    arrays on the (ascending) axes of v, and whether the index dims go first."""
    items = key if isinstance(key, tuple) else (key,)
    parsed = [_classify(it) for it in items]
    consumed = 0
    ellipses = 0
    for kind, val in parsed:
        if kind in (_INT, _SLICE, _ARRAY):
            consumed += 1
        elif kind == _MASK:
            consumed += val.ndim
        elif kind == _ELLIPSIS:
            ellipses += 1
    if ellipses > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    if consumed > x.ndim:
        raise IndexError(f"too many indices for array: array is {x.ndim}-dimensional, but "
                         f"{consumed} were indexed")
    basic = []
    axes, report, indices = [], [], []
    xdim = vdim = 0
    for kind, val in parsed:
        if kind == _NEWAXIS:
            basic.append(None)
            vdim += 1
        elif kind == _ELLIPSIS:
            fill = x.ndim - consumed
            basic.extend([slice(None)] * fill)
            xdim += fill
            vdim += fill
        elif kind == _SLICE:
            basic.append(val)
            xdim += 1
            vdim += 1
        elif kind in (_INT, _ARRAY):
            if kind == _INT or val.ndim == 0:  # integers are checked up front, as in NumPy
                i = int(val)
                n = x.shape[xdim]
                if not -2**63 <= i < 2**63:
                    raise IndexError("cannot fit 'int' into an index-sized integer")
                if not -n <= i < n:
                    raise IndexError(f"index {i} is out of bounds for axis {xdim} with size {n}")
            basic.append(slice(None))
            axes.append(vdim)
            report.append(xdim)
            indices.append(_int_index(val) if kind == _INT else val)
            xdim += 1
            vdim += 1
        elif kind == _MASK:
            for i in range(val.ndim):
                n, m = x.shape[xdim + i], val.shape[i]
                if n != m and m != 0:  # NumPy lets an empty mask dim stand for any size
                    raise IndexError(
                        f"boolean index did not match indexed array along axis {xdim + i}; size "
                        f"of axis is {n} but size of corresponding boolean axis is {m}")
            cols = _core._nonzero(_as_hc_mask(val))
            for c in cols:
                basic.append(slice(None))
                axes.append(vdim)
                report.append(xdim)
                indices.append(c)
                xdim += 1
                vdim += 1
        else:  # _BOOL0: a new axis of length 1 indexed by [0] (True) or [] (False)
            basic.append(None)
            axes.append(vdim)
            report.append(vdim)
            indices.append(_np.zeros(1 if val else 0, dtype=_np.int64))
            vdim += 1
    v = x[tuple(basic)] if basic else x
    # NumPy puts the broadcast index dims first when anything (a slice, None, an Ellipsis, even
    # one that expands to nothing) separates two advanced indices in the key.
    adv = [k in (_INT, _ARRAY, _MASK, _BOOL0) for k, _ in parsed]
    first = adv.index(True) if axes else 0
    last = len(adv) - 1 - adv[::-1].index(True) if axes else 0
    front = not all(adv[first:last + 1])
    return v, axes, report, indices, front


def getitem(x, key):
    # (hcarray int keys into a 1-D x and hcarray masks of x's shape are taken by the core's
    # __getitem__ before this hook; a NumPy mask of x's shape takes the same one-pass kernel here)
    if type(key) is _np.ndarray and key.dtype == _np.bool_ and key.shape == x.shape and key.ndim:
        r = _core._compress(x, _as_hc_mask(key))
        if r is not None:
            return r
    tk = type(key)
    if (tk is list or tk is _np.ndarray or tk is _core.ndarray) and x.ndim:
        # One integer array (or list) on the first axis, the commonest advanced key: straight to
        # the gather kernel (which checks the bounds), without the general parse (session 6:
        # x[[1, 2]] 6.8 -> see specs/dropin.md).
        kind, val = _classify(key)
        if kind == _ARRAY and val.ndim:
            return _core._gather(x, [0], [0], [val], "", False)
    v, axes, report, indices, front = _prepare(x, key)
    if not axes:  # not reached by the hooks (the core takes basic keys); kept for safety
        return v
    return _core._gather(v, axes, report, indices, "", front)


def setitem(x, key, value):
    if not x._writeable:
        raise ValueError("__setitem__: assignment destination is read-only")
    if (type(key) is _core.ndarray or type(key) is _np.ndarray) and key.dtype == _np.bool_ \
            and key.shape == x.shape and key.ndim:
        # x[mask] = scalar with a mask of x's shape: one pass (when both are C-contiguous)
        if _core._masked_fill(x, _as_hc_mask(key), value):
            return
    tk = type(key)
    if (tk is list or tk is _np.ndarray or tk is _core.ndarray) and x.ndim:
        kind, val = _classify(key)  # one integer array on the first axis, as in getitem
        if kind == _ARRAY and val.ndim:
            _core._scatter(x, [0], [0], [val], value, "", False)
            return
    v, axes, report, indices, front = _prepare(x, key)
    if not axes:
        _core.copyto(v, value)
        return
    _core._scatter(v, axes, report, indices, value, "", front)


_core._set_hooks(asarray_hook, dtype_code, getitem, setitem)
