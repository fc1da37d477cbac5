"""Native versions of NumPy's sort-based functions for the drop-in namespace: unique, isin,
histogram (integer bins), median, percentile and quantile, on hcarray arrays through the native sorts
(cpp/cpu/sort.cpp). What they do not cover (other arguments, array_likes, dtypes) runs NumPy's
own function on views (the bridge), so results are NumPy's in every case (specs/sorting.md,
"Speed, session 4").
"""

import operator as _operator

import numpy as _np

from . import _core
from ._numpy_bridge import call_numpy as _call_numpy
from ._numpy_bridge import wrap as _wrap
from ._array_object import _to_numpy

ndarray = _core.ndarray
_NoValue = _np._NoValue

# Dtypes the native sorts take (bool, integers, floats; complex only where stated).
_REAL = frozenset("biuf")


def _np_fn(name):
    return getattr(_np, name)


def _kind(h):
    return h.dtype.kind


# ---------------------------------------------------------------------------------------------
# unique


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *,
           equal_nan=True, sorted=True):
    """np.unique natively for hcarray input with axis=None (values sorted; equal_nan collapses
    the NaNs into one, the first in sorted order, as NumPy); other cases run NumPy's."""
    if not isinstance(ar, ndarray) or axis is not None or sorted is not True or \
            _kind(ar) not in "biufc" or ar.dtype.itemsize > 16:
        kw = dict(return_index=return_index, return_inverse=return_inverse,
                  return_counts=return_counts, axis=axis, equal_nan=equal_nan, sorted=sorted)
        return _call_numpy("unique", _np.unique, (ar,), kw)
    ri, rv, rc = bool(return_index), bool(return_inverse), bool(return_counts)
    v, idx, inv, cnt = _core.unique(ar, ri, rv, rc)
    if equal_nan and _kind(ar) in "fc" and v.shape[0] > 1:
        vn = _to_numpy(v)
        if _np.isnan(vn[-1]):
            # NaNs sort last (complex: any NaN part): collapse them into the first.
            k = int(_np.isnan(vn).argmax())
            m = v.shape[0]
            if k < m - 1:
                v = v[:k + 1]
                if ri:
                    idx = idx[:k + 1]
                if rc:
                    c = _to_numpy(cnt)
                    tail = int(c[k:].sum())
                    cnt = cnt[:k + 1].copy()
                    cnt[k] = tail
                if rv:
                    inv = _minimum(inv, k)
    if not (ri or rv or rc):
        return v
    res = [v]
    if ri:
        res.append(idx)
    if rv:
        res.append(inv)
    if rc:
        res.append(cnt)
    return tuple(res)


def _minimum(h, k):
    from ._elementwise_functions import minimum
    return minimum(h, k)


# ---------------------------------------------------------------------------------------------
# isin


def _isin_native(e, t, invert):
    from ._elementwise_functions import equal, minimum, not_equal
    tf = t.reshape((-1,))
    m = tf.shape[0]
    if m == 0 or e.size == 0:
        return _core.full(e.shape, bool(invert), _np.dtype(_np.bool_), None)
    n = e.size
    if m <= 4096 or m * 8 <= n:
        st = _core.sort(tf, 0, False, True)
        pos = minimum(_core.searchsorted(st, e, False, None), m - 1)
        hit = st[pos]
        return not_equal(hit, e) if invert else equal(hit, e)
    # Long test arrays: one unique over both; an element is in when its group holds a test one.
    ef = e.reshape((-1,))
    from ._manipulation_functions import concat
    both = concat((tf, ef))
    _, _, inv, _ = _core.unique(both, False, True, False)
    g = int(_to_numpy(inv).max()) + 1 if inv.size else 0
    mark = _core.full((g,), bool(invert), _np.dtype(_np.bool_), None)
    mark[inv[:m]] = not invert
    return mark[inv[m:]].reshape(e.shape)


def _numpy_isin_faster(e, t):
    """True where NumPy's own isin is the faster one (its elementwise loop for a few test
    values, its table for integers of a narrow range): there hcarray runs NumPy's."""
    n, m = e.size, t.size
    if n > 4096 and m < 10 * n ** 0.145:
        return True
    if _kind(e) in "iu" and n > 4096 and m > 64:
        tn = _to_numpy(t)
        return int(tn.max()) - int(tn.min()) <= 6 * (n + m)
    return False


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None):
    """np.isin natively for hcarray element and test_elements of one real dtype (== as NumPy:
    NaN is in nothing, -0 is 0); other cases run NumPy's."""
    if kind is None and isinstance(element, ndarray) and isinstance(test_elements, ndarray) \
            and element.dtype == test_elements.dtype and _kind(element) in _REAL \
            and isinstance(invert, (bool, _np.bool_)) and \
            not _numpy_isin_faster(element, test_elements):
        return _isin_native(element, test_elements, bool(invert))
    return _call_numpy("isin", _np.isin, (element, test_elements),
                       dict(assume_unique=assume_unique, invert=invert, kind=kind))


# ---------------------------------------------------------------------------------------------
# histogram


def histogram(a, bins=10, range=None, density=None, weights=None):
    """np.histogram natively for hcarray input of a real non-bool dtype with an integer bin
    count, no weights, no density: NumPy's edges (np.histogram_bin_edges), then the counts from
    the sorted data (edges[i] <= x < edges[i+1], the last bin closed), int64 as NumPy's."""
    native = isinstance(a, ndarray) and weights is None and not density and \
        _kind(a) in "iuf" and a.size > 0 and not isinstance(bins, (bool, _np.bool_))
    if native:
        try:
            nb = _operator.index(bins)
        except TypeError:
            native = False
    if not native:
        return _call_numpy("histogram", _np.histogram, (a,),
                           dict(bins=bins, range=range, density=density, weights=weights))
    an = _to_numpy(a)
    try:
        edges = _np.histogram_bin_edges(an, nb, range)
    except (TypeError, ValueError) as e:
        from ._numpy_bridge import renamed
        raise renamed("histogram", e) from e
    s = _core.sort(a.reshape((-1,)), 0, False, True)
    sn = _to_numpy(s)
    if edges.dtype != sn.dtype:
        # Compare as NumPy's counting does: in the common dtype.
        ct = _np.result_type(edges.dtype, sn.dtype)
        sn = sn.astype(ct)
        ed = edges.astype(ct)
    else:
        ed = edges
    cum = _np.empty(nb + 1, _np.intp)
    cum[:-1] = _np.searchsorted(sn, ed[:-1], "left")
    cum[-1] = _np.searchsorted(sn, ed[-1], "right")
    return _wrap(_np.diff(cum)), _wrap(edges)


# ---------------------------------------------------------------------------------------------
# median


def _sorted_lanes(a, axis):
    """a sorted (NaNs last) along axis, or flattened when axis is None; and the axis sorted."""
    if axis is None:
        return _core.sort(a.reshape((-1,)), 0, False, True), 0
    ax = axis % a.ndim
    return _core.sort(a, ax, False, True), ax


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """np.median natively for hcarray input of a real dtype with axis None or an int: the lanes
    sorted natively, then NumPy's own mean of the middle elements and NaN check."""
    ok = isinstance(a, ndarray) and out is None and _kind(a) in "iuf" and a.size > 0 and \
        a.ndim > 0 and (axis is None or (isinstance(axis, int) and not isinstance(axis, bool)
                                         and -a.ndim <= axis < a.ndim)) and \
        (keepdims is False or keepdims is True)
    if not ok:
        return _call_numpy("median", _np.median, (a,),
                           dict(axis=axis, out=out, overwrite_input=overwrite_input,
                                keepdims=keepdims))
    s, ax = _sorted_lanes(a, axis)
    part = _to_numpy(s)
    n = part.shape[ax]
    indexer = [slice(None)] * part.ndim
    index = n // 2
    indexer[ax] = slice(index, index + 1) if n % 2 == 1 else slice(index - 1, index + 1)
    if part.ndim == 1:
        # NumPy's mean of the one or two middle values (its scalar path), then its NaN check:
        # the result is the last value when that is NaN.
        sl = part[indexer[0]]
        dt = part.dtype
        acc = _np.dtype("f8") if dt.kind in "iub" else (_np.dtype("f4") if dt == _np.float16
                                                         else None)
        ret = _np.add.reduce(sl, axis=0, dtype=acc)
        ret = ret.dtype.type(ret / sl.shape[0])
        if dt == _np.float16:
            ret = dt.type(ret)
        rout = ret
        if dt.kind == "f":
            last = part[-1]
            if last != last:
                rout = last
        return _wrap(_np.asarray(rout).reshape((1,) * a.ndim) if keepdims else rout)
    rout = _np.mean(part[tuple(indexer)], axis=ax)
    if part.dtype.kind == "f":
        from numpy.lib._utils_impl import _median_nancheck
        rout = _median_nancheck(part, rout, ax)
    if keepdims:
        shp = list(a.shape) if axis is not None else [1] * a.ndim
        if axis is not None:
            shp[ax] = 1
        rout = _np.asarray(rout).reshape(shp)
    return _wrap(rout)


# ---------------------------------------------------------------------------------------------
# percentile, quantile (method 'linear', a Python int/float q)


def _quantile_native(a, q, axis, keepdims):
    """NumPy's _quantile ('linear', weak q) on the natively sorted lanes: the same virtual
    index, neighbours, gamma and NumPy's own _lerp, so the values and dtypes are NumPy's."""
    from numpy.lib import _function_base_impl as _fb
    s, ax = _sorted_lanes(a, axis)
    arr = _to_numpy(s)
    if ax != 0:
        arr = _np.moveaxis(arr, ax, 0)
    n = arr.shape[0]
    vi = float((n - 1) * _np.float64(q))  # 'linear': get_virtual_index
    if vi >= n - 1:
        prev_f = -1.0
    elif vi < 0:
        prev_f = 0.0
    else:
        prev_f = float(_np.floor(vi))
    pi = int(prev_f)
    ni = pi if prev_f in (-1.0, 0.0) and (vi >= n - 1 or vi < 0) else pi + 1
    gamma = float(_np.float64(vi) - _np.float64(prev_f))
    res = _fb._lerp(arr[pi], arr[ni], gamma)
    if arr.dtype.kind == "f":
        last = arr[-1]
        nan = _np.isnan(last)
        if _np.any(nan):
            if _np.ndim(res) == 0:
                res = last
            else:
                _np.copyto(res, last, where=nan)
    if keepdims:
        shp = [1] * a.ndim if axis is None else list(a.shape)
        if axis is not None:
            shp[ax] = 1
        res = _np.asarray(res).reshape(shp)
    return _wrap(res)


def _quantile_ok(a, q, axis, out, method, weights, hi):
    return isinstance(a, ndarray) and type(q) in (int, float) and 0 <= q <= hi and \
        out is None and method == "linear" and weights is None and _kind(a) in "iuf" and \
        a.ndim > 0 and a.size > 0 and \
        (axis is None or (type(axis) is int and -a.ndim <= axis < a.ndim))


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
               keepdims=False, *, weights=None):
    """np.percentile natively for hcarray input, a Python int/float q and method 'linear'
    (axis None or an int); NumPy's own function otherwise."""
    if _quantile_ok(a, q, axis, out, method, weights, 100) and keepdims in (False, True):
        return _quantile_native(a, q / 100, axis, keepdims)
    return _call_numpy("percentile", _np.percentile, (a, q),
                       dict(axis=axis, out=out, overwrite_input=overwrite_input, method=method,
                            keepdims=keepdims, weights=weights))


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
             keepdims=False, *, weights=None):
    """np.quantile natively for hcarray input, a Python int/float q and method 'linear'
    (axis None or an int); NumPy's own function otherwise."""
    if _quantile_ok(a, q, axis, out, method, weights, 1) and keepdims in (False, True):
        return _quantile_native(a, float(q), axis, keepdims)
    return _call_numpy("quantile", _np.quantile, (a, q),
                       dict(axis=axis, out=out, overwrite_input=overwrite_input, method=method,
                            keepdims=keepdims, weights=weights))
