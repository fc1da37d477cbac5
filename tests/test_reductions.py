"""Reductions (sum, prod, max, min, mean, var, std, all, any) and where, against NumPy."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcarray as hc
from strategies import BOOL, COMPLEX, FLOAT, INTEGRAL, REAL, assert_same, pair


@st.composite
def axes_for(draw, ndim):
    if ndim == 0 or draw(st.booleans()):
        return None
    axes = draw(st.lists(st.integers(-ndim, ndim - 1), min_size=1, max_size=ndim,
                         unique_by=lambda a: a % ndim))
    return axes[0] if len(axes) == 1 and draw(st.booleans()) else tuple(axes)


@given(pair(dtypes=INTEGRAL + BOOL + FLOAT + COMPLEX, allow_special=False), st.data())
def test_sum_prod(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    keep = data.draw(st.booleans())
    with np.errstate(all="ignore"):
        for name in ("sum", "prod"):
            expected = getattr(np, name)(a, axis=axis, keepdims=keep)
            got = getattr(hc, name)(h, axis=axis, keepdims=keep)
            if a.dtype.kind in "fc" and not np.isfinite(expected).all():
                # Overflow to infinity: NumPy multiplies complex numbers naively, C++ by C99
                # Annex G, so the inf/nan parts may differ; both must have overflowed.
                e, g = np.asarray(expected), np.asarray(got)
                fin = np.isfinite(e)
                assert not np.isfinite(g[~fin]).any()
                expected, got = e[fin], hc.asarray(g[fin])
            if a.dtype.kind in "fc":
                assert_same(got, expected, rtol=1e-4 if a.dtype.itemsize <= 8 else 1e-10, atol=1e-3)
            else:
                assert_same(got, expected)


@given(pair(dtypes=REAL + BOOL), st.data())
def test_max_min(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    keep = data.draw(st.booleans())
    for name in ("max", "min"):
        try:
            expected = getattr(np, name)(a, axis=axis, keepdims=keep)
        except ValueError:
            with pytest.raises(ValueError, match=name):
                getattr(hc, name)(h, axis=axis, keepdims=keep)
            continue
        assert_same(getattr(hc, name)(h, axis=axis, keepdims=keep), expected)


@given(pair(dtypes=FLOAT, allow_special=False), st.data())
def test_mean_var_std(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    corr = data.draw(st.sampled_from([0, 1]))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m = np.mean(a, axis=axis)
        v = np.var(a, axis=axis, ddof=corr)
        s = np.std(a, axis=axis, ddof=corr)
    if np.isfinite(np.asarray(v, np.float64)).all() and np.abs(a).max(initial=0) < 1e15:
        assert_same(hc.mean(h, axis=axis), m, rtol=1e-4, atol=1e-6)
        assert_same(hc.var(h, axis=axis, correction=corr), v, rtol=1e-3, atol=1e-4)
        assert_same(hc.std(h, axis=axis, correction=corr), s, rtol=1e-3, atol=1e-4)


@given(pair(), st.data())
def test_all_any(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    assert_same(hc.all(h, axis=axis), np.all(a, axis=axis))
    assert_same(hc.any(h, axis=axis, keepdims=True), np.any(a, axis=axis, keepdims=True))


def test_float_sum_is_pairwise():
    x = np.full(10**7, 0.1, dtype=np.float32)
    exact = 10**7 * float(np.float32(0.1))
    got = float(hc.sum(hc.asarray(x)))
    assert abs(got - exact) / exact < 1e-6  # naive float32 summation is off by ~1e-1


def test_reduction_errors():
    h = hc.asarray(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="max"):
        hc.max(h)
    assert hc.max(h, axis=1).shape == (0,)  # nothing is reduced over an empty axis here
    with pytest.raises(IndexError, match="sum"):
        hc.sum(h, axis=2)
    with pytest.raises(ValueError, match="repeated axis"):
        hc.sum(h, axis=(0, 0))
    with pytest.raises(TypeError, match="mean"):
        hc.mean(hc.asarray(np.arange(3)))
    with pytest.raises(TypeError, match="sum"):
        hc.sum([1, 2])
    with pytest.raises(TypeError, match="max"):
        hc.max(hc.asarray(np.array([1j])))


@given(pair(dtypes=BOOL), pair(dtypes=REAL), pair(dtypes=REAL))
def test_where(c, x, y):
    ca, ch = c
    xa, xh = x
    ya, yh = y
    try:
        expected = np.where(ca, xa, ya)
    except ValueError:
        with pytest.raises(ValueError, match="where"):
            hc.where(ch, xh, yh)
        return
    assert_same(hc.where(ch, xh, yh), expected)


def test_where_scalars_and_errors():
    c = hc.asarray(np.array([True, False]))
    x = hc.asarray(np.array([1, 2], np.int8))
    assert_same(hc.where(c, x, 5), np.where([True, False], np.array([1, 2], np.int8), np.int8(5)))
    assert_same(hc.where(c, 1.5, x), np.array([1.5, 2.0]))
    with pytest.raises(TypeError, match="where"):
        hc.where(x, x, x)
    with pytest.raises(ValueError, match="where"):
        hc.where(c, hc.asarray(np.zeros(3)), 0.0)
