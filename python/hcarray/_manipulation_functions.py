"""Array API manipulation functions.

Views where NumPy gives views (broadcast_to, expand_dims, flip, moveaxis, permute_dims, squeeze,
unstack, matrix_transpose, reshape when possible), built with _core.as_strided (shape, byte
strides, byte offset from the storage start); new arrays otherwise, from _core.empty filled by
_core.copyto into views of the result.
"""


import numpy as _np

from . import _core
from ._core import ndarray as _ndarray
from ._data_type_functions import _promote_dtypes
from ._validation import check_array as _check_array, as_int as _int

__all__ = [
    "broadcast_arrays", "broadcast_to", "concat", "expand_dims", "flip", "matrix_transpose",
    "moveaxis", "permute_dims", "repeat", "reshape", "roll", "squeeze", "stack", "tile",
    "unstack",
]

_AxisError = _np.exceptions.AxisError
_MAX_BYTES = 1 << 62


# ---------------------------------------------------------------------------------------------
# Helpers


def _axis(axis, ndim, fn):
    """axis normalised into [0, ndim); AxisError (a ValueError and an IndexError) otherwise."""
    a = _int(axis, fn, "axis")
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim, fn)
    return a % ndim if ndim else a


def _axes(axis, ndim, fn):
    """An int or a tuple of ints -> a tuple of distinct normalised axes."""
    if isinstance(axis, (tuple, list)):
        out = tuple(_axis(a, ndim, fn) for a in axis)
    else:
        out = (_axis(axis, ndim, fn),)
    if len(set(out)) != len(out):
        raise ValueError(f"{fn}: repeated axis in {axis!r}")
    return out


def _shape_arg(shape, fn):
    if isinstance(shape, (tuple, list)):
        return tuple(_int(s, fn, "shape entries") for s in shape)
    return (_int(shape, fn, "shape"),)


def _c_strides(shape, itemsize):
    st = [0] * len(shape)
    s = itemsize
    for i in range(len(shape) - 1, -1, -1):
        st[i] = s
        s *= max(shape[i], 1)
    return tuple(st)


def _view(x, shape, strides, offset=None):
    return _core.as_strided(x, tuple(shape), tuple(strides), x._offset if offset is None else offset)


def _new(shape, dtype, x, fn):
    n = 1
    for s in shape:
        n *= s
    if n * _np.dtype(dtype).itemsize > _MAX_BYTES:
        raise ValueError(f"{fn}: result of shape {tuple(shape)} is too big")
    return _core.empty(tuple(shape), dtype, x._device_str)


def _slice(x, axis, start, stop):
    """x[..., start:stop, ...] along axis, as a view (0 <= start <= stop <= x.shape[axis])."""
    shape = list(x.shape)
    shape[axis] = stop - start
    off = x._offset + (start * x.strides[axis] if stop > start else 0)
    return _view(x, shape, x.strides, off)


def _take1(x, axis, i):
    """x[..., i, ...] along axis, as a view with that axis removed."""
    shape = x.shape[:axis] + x.shape[axis + 1:]
    strides = x.strides[:axis] + x.strides[axis + 1:]
    return _view(x, shape, strides, x._offset + i * x.strides[axis])


def _arrays(arrays, fn):
    if isinstance(arrays, _core.ndarray) or not isinstance(arrays, (tuple, list)):
        raise TypeError(f"{fn}: expected a tuple or list of arrays, got {type(arrays).__name__}")
    if not arrays:
        raise ValueError(f"{fn}: need at least one array")
    for a in arrays:
        _check_array(a, fn)
    return arrays


# ---------------------------------------------------------------------------------------------
# Broadcasting


def _broadcast_shape(shapes, fn):
    n = max((len(s) for s in shapes), default=0)
    out = [1] * n
    for s in shapes:
        for i, d in enumerate(s, n - len(s)):
            if d == out[i] or d == 1:
                continue
            if out[i] == 1:
                out[i] = d
            else:
                raise ValueError(f"{fn}: shapes {', '.join(map(str, shapes))} cannot be "
                                 "broadcast together")
    return tuple(out)


def _broadcast_view(x, shape, fn):
    n = len(shape)
    if x.ndim > n:
        raise ValueError(f"{fn}: cannot broadcast an array of shape {x.shape} to {shape}")
    strides = [0] * n
    for i in range(n):
        j = i - (n - x.ndim)
        if shape[i] < 0:
            raise ValueError(f"{fn}: negative dimensions are not allowed: {shape}")
        if j < 0:
            continue
        if x.shape[j] == shape[i]:
            strides[i] = x.strides[j]
        elif x.shape[j] != 1:
            raise ValueError(f"{fn}: cannot broadcast an array of shape {x.shape} to {shape}")
    n = 1
    for s in shape:
        n *= s
    if n * x.itemsize > _MAX_BYTES:
        raise ValueError(f"{fn}: shape {tuple(shape)} is too big")
    return _view(x, shape, strides)


def broadcast_to(x, /, shape):
    """A read-only view of x broadcast to shape."""
    _check_array(x, "broadcast_to")
    v = _broadcast_view(x, _shape_arg(shape, "broadcast_to"), "broadcast_to")
    v._writeable = False
    return v


def broadcast_arrays(*arrays):
    """The arrays broadcast against each other: a list of views (read-only where broadcasting
    changed the shape)."""
    for a in arrays:
        _check_array(a, "broadcast_arrays")
    shape = _broadcast_shape([a.shape for a in arrays], "broadcast_arrays")
    out = []
    for a in arrays:
        if a.shape == shape:
            out.append(a)
        else:
            v = _broadcast_view(a, shape, "broadcast_arrays")
            v._writeable = False
            out.append(v)
    return out


# ---------------------------------------------------------------------------------------------
# Views


def expand_dims(x, /, axis=0):
    """A view of x with size-1 dimensions inserted at axis (an int or a tuple of ints, each
    counted in the result's dimensions)."""
    fn = "expand_dims"
    _check_array(x, fn)
    naxes = len(axis) if isinstance(axis, (tuple, list)) else 1
    nd = x.ndim + naxes
    new = _axes(axis, nd, fn)
    shape, strides = [], []
    it = iter(zip(x.shape, x.strides))
    for i in range(nd):
        if i in new:
            shape.append(1)
            strides.append(0)
        else:
            s, st = next(it)
            shape.append(s)
            strides.append(st)
    # Give the new size-1 dims the stride a C-contiguous layout would (cosmetic: never used).
    for i in range(nd - 1, -1, -1):
        if i in new:
            strides[i] = strides[i + 1] * max(shape[i + 1], 1) if i + 1 < nd else x.itemsize
    return _view(x, shape, strides)


def squeeze(x, /, axis):
    """A view of x without the size-1 dimensions at axis (an int or a tuple of ints)."""
    fn = "squeeze"
    if type(x) is _core.ndarray:
        r = _core._squeeze(x, axis)
        if r is not None:
            return r
    _check_array(x, fn)
    if axis is None:
        drop = tuple(i for i, s in enumerate(x.shape) if s == 1)
    else:
        drop = _axes(axis, x.ndim, fn)
    for a in drop:
        if x.shape[a] != 1:
            raise ValueError(f"{fn}: cannot squeeze axis {a} of size {x.shape[a]} (shape "
                             f"{x.shape}); only size-1 axes can be removed")
    keep = [i for i in range(x.ndim) if i not in drop]
    return _view(x, [x.shape[i] for i in keep], [x.strides[i] for i in keep])


def flip(x, /, *, axis=None):
    """A view of x with the order of elements reversed along axis (all axes when None)."""
    fn = "flip"
    if type(x) is _core.ndarray:
        r = _core._flip(x, axis)
        if r is not None:
            return r
    _check_array(x, fn)
    axes = range(x.ndim) if axis is None else _axes(axis, x.ndim, fn)
    strides = list(x.strides)
    off = x._offset
    for a in axes:
        if x.shape[a] > 0:
            off += (x.shape[a] - 1) * strides[a]
        strides[a] = -strides[a]
    return _view(x, x.shape, strides, off)


def permute_dims(x, /, axes):
    """A view of x with its axes in the order given."""
    fn = "permute_dims"
    _check_array(x, fn)
    if not isinstance(axes, (tuple, list)):
        raise TypeError(f"{fn}: axes must be a tuple of ints, not {type(axes).__name__}")
    if len(axes) != x.ndim:
        raise ValueError(f"{fn}: axes {tuple(axes)} do not match an array of {x.ndim} dimensions")
    ax = _axes(tuple(axes), x.ndim, fn)
    return _view(x, [x.shape[i] for i in ax], [x.strides[i] for i in ax])


def moveaxis(x, source, destination, /):
    """A view of x with axes `source` moved to positions `destination`."""
    fn = "moveaxis"
    _check_array(x, fn)
    src = _axes(source, x.ndim, fn)
    dst = _axes(destination, x.ndim, fn)
    if len(src) != len(dst):
        raise ValueError(f"{fn}: source and destination must have the same number of elements")
    order = [i for i in range(x.ndim) if i not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return _view(x, [x.shape[i] for i in order], [x.strides[i] for i in order])


def matrix_transpose(x, /):
    """A view of x with its last two axes swapped."""
    _check_array(x, "matrix_transpose")
    if x.ndim < 2:
        raise ValueError(f"matrix_transpose: x must have at least 2 dimensions, got {x.ndim}")
    return x.mT


def unstack(x, /, *, axis=0):
    """A tuple of views: x split along axis."""
    fn = "unstack"
    _check_array(x, fn)
    if x.ndim == 0:
        raise ValueError(f"{fn}: x must have at least one dimension")
    a = _axis(axis, x.ndim, fn)
    if a == 0:  # the C++ integer index: a view per item without a Python-built view
        return tuple(map(x.__getitem__, range(x.shape[0])))
    pre = (slice(None),) * a
    return tuple([x[pre + (i,)] for i in range(x.shape[a])])


def reshape(x, /, shape, *, copy=None):
    """x with a new shape: a view when the strides allow (unless copy=True), a copy otherwise
    (ValueError when copy=False and a copy is needed)."""
    fn = "reshape"
    _check_array(x, fn)
    if copy is not None and not isinstance(copy, bool):
        raise TypeError(f"{fn}: copy must be True, False or None")
    shp = _shape_arg(shape, fn)
    return _core.reshape(x, shp, -1 if copy is None else int(copy))


# ---------------------------------------------------------------------------------------------
# Copies


def concat(arrays, /, *, axis=0):
    """The arrays joined along an existing axis (flattened first when axis is None). The
    result's dtype follows the type promotion rules."""
    fn = "concat"
    if type(axis) is int:
        r = _core._concat(arrays, axis)  # C-contiguous operands of one dtype: memcpy
        if r is not None:
            return r
    arrays = _arrays(arrays, fn)
    dtype = _promote_dtypes([a.dtype for a in arrays], fn)
    if axis is None:
        arrays = [_core.reshape(a, (-1,), -1) for a in arrays]
        axis = 0
    first = arrays[0]
    if first.ndim == 0:
        raise ValueError(f"{fn}: zero-dimensional arrays cannot be concatenated")
    ax = _axis(axis, first.ndim, fn)
    total = 0
    for a in arrays:
        if a.ndim != first.ndim:
            raise ValueError(f"{fn}: all arrays must have the same number of dimensions; got "
                             f"shapes {first.shape} and {a.shape}")
        if a.shape[:ax] != first.shape[:ax] or a.shape[ax + 1:] != first.shape[ax + 1:]:
            raise ValueError(f"{fn}: array shapes {first.shape} and {a.shape} differ outside "
                             f"axis {ax}")
        total += a.shape[ax]
    shape = first.shape[:ax] + (total,) + first.shape[ax + 1:]
    out = _new(shape, dtype, first, fn)
    pos = 0
    for a in arrays:
        n = a.shape[ax]
        if n:
            _core.copyto(_slice(out, ax, pos, pos + n), a)
        pos += n
    return out


def stack(arrays, /, *, axis=0):
    """The arrays (all of one shape) joined along a new axis."""
    fn = "stack"
    if type(axis) is int:
        r = _core._concat(arrays, axis, True)  # C-contiguous operands of one shape and dtype
        if r is not None:
            return r
    arrays = _arrays(arrays, fn)
    dtype = _promote_dtypes([a.dtype for a in arrays], fn)
    first = arrays[0]
    for a in arrays:
        if a.shape != first.shape:
            raise ValueError(f"{fn}: all arrays must have the same shape; got {first.shape} and "
                             f"{a.shape}")
    ax = _axis(axis, first.ndim + 1, fn)
    shape = first.shape[:ax] + (len(arrays),) + first.shape[ax:]
    out = _new(shape, dtype, first, fn)
    for i, a in enumerate(arrays):
        if a.size:
            _core.copyto(_take1(out, ax, i), a)
    return out


def roll(x, /, shift, *, axis=None):
    """x with elements shifted cyclically along axis (over the flattened array when None)."""
    fn = "roll"
    _check_array(x, fn)
    shifts = tuple(shift) if isinstance(shift, (tuple, list)) else (shift,)
    shifts = tuple(_int(s, fn, "shift") for s in shifts)
    if axis is None:
        flat = _core.reshape(x, (-1,), -1)
        return _core.reshape(roll(flat, sum(shifts), axis=0), x.shape, -1)
    axes = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
    axes = tuple(_axis(a, x.ndim, fn) for a in axes)
    if len(shifts) != len(axes):
        if len(shifts) == 1:
            shifts = shifts * len(axes)
        elif len(axes) == 1:
            axes = axes * len(shifts)
        else:
            raise ValueError(f"{fn}: shift and axis must have the same length, got "
                             f"{len(shifts)} and {len(axes)}")
    total = [0] * x.ndim
    for s, a in zip(shifts, axes):
        total[a] += s
    # Each axis splits into at most two blocks; copy every combination of blocks.
    blocks = []
    for a in range(x.ndim):
        n = x.shape[a]
        s = total[a] % n if n else 0
        if s == 0:
            blocks.append([(0, 0, n)])
        else:
            blocks.append([(0, s, n - s), (n - s, 0, s)])  # (src start, dst start, length)
    out = _new(x.shape, x.dtype, x, fn)
    if x.size == 0:
        return out

    def rec(a, src, dst):
        if a == x.ndim:
            _core.copyto(dst, src)
            return
        for s0, d0, n in blocks[a]:
            rec(a + 1, _slice(src, a, s0, s0 + n), _slice(dst, a, d0, d0 + n))

    rec(0, x, out)
    return out


def repeat(x, repeats, /, *, axis=None):
    """Each element of x repeated along axis (of the flattened x when None); repeats is an int or
    a 1-D integer array broadcastable to x.shape[axis]."""
    fn = "repeat"
    _check_array(x, fn)
    if axis is None:
        x = _core.reshape(x, (-1,), -1)
        ax = 0
    else:
        ax = _axis(axis, x.ndim, fn)
    n = x.shape[ax]
    if isinstance(repeats, (_core.ndarray, _np.ndarray, list, tuple)):
        reps = _np.asarray(repeats)
        if reps.dtype.kind not in "iu" and not (reps.size == 0 and reps.dtype.kind == "f"):
            raise TypeError(f"{fn}: repeats must be an integer array, not {reps.dtype}")
        if reps.ndim > 1:
            raise ValueError(f"{fn}: repeats must be 0-d or 1-D, got shape {reps.shape}")
        reps = reps.astype(_np.int64)
        if reps.ndim == 0 or reps.size == 1:
            return repeat(x, int(reps.reshape(-1)[0]), axis=ax)
        if reps.shape[0] != n:
            raise ValueError(f"{fn}: repeats of length {reps.shape[0]} does not match axis "
                             f"{ax} of length {n}")
        if (reps < 0).any():
            raise ValueError(f"{fn}: repeats may not contain negative values")
        # The element index of every output position, in linear native passes: the elements
        # with a positive count start their runs at ends - reps; each run start gets the jump
        # in element index from the previous run, and a cumulative sum spreads it over the run;
        # then one gather. (Until session 6 a Python loop over the elements: 1e5 of them took
        # 357 ms, NumPy 1.6.)
        from ._creation_functions import asarray, zeros
        from ._indexing_functions import take
        from ._searching_functions import nonzero
        from ._statistical_functions import cumulative_sum
        rh = asarray(reps)
        ends = cumulative_sum(rh)
        total = int(ends[-1]) if n else 0
        shape = x.shape[:ax] + (total,) + x.shape[ax + 1:]
        if total == 0 or x.size == 0:
            return _new(shape, x.dtype, x, fn)
        runs = nonzero(rh > 0)[0]  # elements that appear, in order
        starts = take(ends - rh, runs)
        jumps = runs - concat([zeros(1, dtype=_np.int64), runs[:-1]])
        idx = zeros(total, dtype=_np.int64)
        idx[starts] = jumps
        return take(x, cumulative_sum(idx), axis=ax)
    r = _int(repeats, fn, "repeats")
    if r < 0:
        raise ValueError(f"{fn}: repeats may not be negative, got {r}")
    shape = x.shape[:ax] + (n * r,) + x.shape[ax + 1:]
    out = _new(shape, x.dtype, x, fn)
    if out.size:
        # out viewed as (..., n, r, ...) receives x with a zero stride on the r axis.
        split = x.shape[:ax] + (n, r) + x.shape[ax + 1:]
        dst = _view(out, split, _c_strides(split, x.itemsize), 0)
        src = _view(x, split, x.strides[:ax + 1] + (0,) + x.strides[ax + 1:])
        _core.copyto(dst, src)
    return out


def tile(x, repetitions, /):
    """x repeated `repetitions` times along each axis (NumPy's rule for differing lengths:
    the shorter of x.shape and repetitions is padded with leading ones)."""
    fn = "tile"
    if type(repetitions) is int and type(x) is _ndarray and x.ndim and 0 <= repetitions:
        # One repetition count, x of at least one dimension: the last axis only (the general
        # path below gives the same result with more Python steps: 1-D float64 of 1000, 5.1 ->
        # ~2.5 us; NumPy 3.1).
        shape, strides = x.shape, x.strides
        if x.nbytes * repetitions > _MAX_BYTES:
            raise ValueError(f"{fn}: result of shape {shape[:-1] + (repetitions * shape[-1],)} "
                             "is too big")
        v = _core.as_strided(x, shape[:-1] + (repetitions, shape[-1]),
                             strides[:-1] + (0, strides[-1]), x._offset)
        return _core.reshape(v, shape[:-1] + (repetitions * shape[-1],), 1)
    _check_array(x, fn)
    if isinstance(repetitions, (tuple, list)):
        reps = tuple(_int(r, fn, "repetitions") for r in repetitions)
    else:
        reps = (_int(repetitions, fn, "repetitions"),)
    if any(r < 0 for r in reps):
        raise ValueError(f"{fn}: repetitions may not be negative, got {reps}")
    nd = max(len(reps), x.ndim)
    reps = (1,) * (nd - len(reps)) + reps
    shape = (1,) * (nd - x.ndim) + x.shape
    strides = (0,) * (nd - x.ndim) + x.strides
    out_shape = tuple(r * s for r, s in zip(reps, shape))
    n = x.itemsize
    for d in out_shape:
        n *= d
    if n > _MAX_BYTES:
        raise ValueError(f"{fn}: result of shape {out_shape} is too big")
    # x seen as (r0, s0, r1, s1, ...) with stride 0 on the repetition axes, copied into a new
    # C-ordered array and reshaped in one call (a copy even when every repetition is 1).
    split = tuple(v for r, s in zip(reps, shape) for v in (r, s))
    src_strides = tuple(v for st in strides for v in (0, st))
    return _core.reshape(_core.as_strided(x, split, src_strides, x._offset), out_shape, 1)
