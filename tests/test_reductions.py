"""Reductions (sum, prod, max, min, mean, var, std, all, any), scans (cumulative_sum,
cumulative_prod), diff and where, against NumPy."""

import math
import warnings

import ml_dtypes

import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra import numpy as hnp
from hypothesis import strategies as st

import hcarray as hc
from strategies import (ALL, BOOL, COMPLEX, FLOAT, HALF, INT, INTEGRAL, NUMERIC, REAL, UINT,
                        assert_same, np_arrays, pair)

BF16 = np.dtype(ml_dtypes.bfloat16)


@st.composite
def axes_for(draw, ndim):
    if ndim == 0 or draw(st.booleans()):
        return None
    axes = draw(st.lists(st.integers(-ndim, ndim - 1), min_size=1, max_size=ndim,
                         unique_by=lambda a: a % ndim))
    return axes[0] if len(axes) == 1 and draw(st.booleans()) else tuple(axes)


def _check_float_sum(a, axis, keep, got, expected):
    """A float/complex sum against NumPy's: hcarray sums pairwise (and in parallel), NumPy in
    its own order, so the error bound is relative to the sum of the magnitudes, not to the
    result (cancellation). Where that magnitude nears the dtype's maximum, whether a partial sum
    overflows depends on the order: only the dtype and shape are compared there."""
    e, g = np.asarray(expected), np.asarray(got)
    assert isinstance(got, hc.ndarray)
    assert g.dtype == e.dtype and g.shape == e.shape, (g.dtype, g.shape, e.dtype, e.shape)
    w = a.astype(np.complex128)
    mag = np.sum(np.abs(w.real) + np.abs(w.imag), axis=axis, keepdims=keep)
    safe = np.asarray(mag < float(np.finfo(e.dtype).max) / 4)
    rtol = 1e-4 if a.dtype.itemsize <= 8 else 1e-10
    for part in (np.real, np.imag):
        ge, ee = part(g).astype(np.float64)[safe], part(e).astype(np.float64)[safe]
        assert (np.abs(ge - ee) <= rtol * np.asarray(mag)[safe] + 1e-3).all(), (ge, ee)


@given(pair(dtypes=INTEGRAL + BOOL + FLOAT + COMPLEX, allow_special=False), st.data())
def test_sum_prod(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    keep = data.draw(st.booleans())
    with np.errstate(all="ignore"):
        for name in ("sum", "prod"):
            expected = getattr(np, name)(a, axis=axis, keepdims=keep)
            got = getattr(hc, name)(h, axis=axis, keepdims=keep)
            if name == "sum" and a.dtype.kind in "fc":
                _check_float_sum(a, axis, keep, got, expected)
                continue
            if a.dtype.kind in "fc":
                # A product whose partial products can overflow depends on the order of the
                # multiplications (x * x * 0 is inf * 0 = nan one way, 0 the other; NumPy
                # multiplies complex numbers naively, C++ by C99 Annex G): compare only where
                # the product of the factors above 1 in magnitude fits the dtype.
                big = np.prod(np.where(np.abs(a) > 1, np.abs(a).astype(np.float64), 1.0),
                              axis=axis, keepdims=keep)
                ok = np.asarray(big < float(np.finfo(a.dtype).max))
                e, g = np.asarray(expected), np.asarray(got)
                expected, got = e[ok], hc.asarray(g[ok])
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
        # The order of signed zeros is implementation-defined (the standard): values only.
        assert_same(getattr(hc, name)(h, axis=axis, keepdims=keep), expected,
                    rtol=1e-300 if a.dtype.kind == "f" else 0)


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
    assert_same(hc.any(h, axis=axis), np.any(a, axis=axis))
    assert_same(hc.all(h, axis=axis, keepdims=True), np.all(a, axis=axis, keepdims=True))


@given(pair(dtypes=BOOL, shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=40)),
       st.data())
def test_all_any_bool_over_axes(p, data):
    # bool all/any over axes run as uint8 min/max of the same bytes: check the results stay
    # bool, exact, and that bad axes still raise the error naming all/any
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    for kd in (False, True):
        for f in ("all", "any"):
            r = getattr(hc, f)(h, axis=axis, keepdims=kd)
            assert_same(r, getattr(np, f)(a, axis=axis, keepdims=kd))
            assert_same(r == True, getattr(np, f)(a, axis=axis, keepdims=kd))  # noqa: E712
    for f in ("all", "any"):
        with pytest.raises((ValueError, IndexError), match=f):
            getattr(hc, f)(h, axis=a.ndim)
        with pytest.raises((ValueError, IndexError), match=f):
            getattr(hc, f)(h, axis=(0, 0))


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
    # The Array API functions take hcarray arrays only...
    with pytest.raises(TypeError, match="mean"):
        hc._statistical_functions.mean(np.arange(3.0))  # a NumPy array is not an hcarray
    with pytest.raises(TypeError, match="sum"):
        hc._statistical_functions.sum([1, 2])
    # ... the top-level names are NumPy's (array_likes; integers averaged in float64).
    assert_same(hc.mean(np.arange(3.0)), np.mean(np.arange(3.0)))
    assert_same(hc.sum([1, 2]), np.sum([1, 2]))
    assert_same(hc.mean([[1, 2], [4, 4]], axis=0), np.mean([[1, 2], [4, 4]], axis=0))
    with pytest.raises(TypeError, match="sum"):
        hc.sum(["a"])
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
        hc._utility.where(x, x, x)  # the standard's where: a bool condition
    # NumPy's where takes any condition by truth value, and array_likes.
    xa = np.array([0, 2], np.int8)
    xn = np.array([1, 2], np.int8)
    assert_same(hc.where(hc.asarray(xa), x, x), np.where(xa, xn, xn))
    assert_same(hc.where([1, 0], [1.5, 2.5], 0), np.where([1, 0], [1.5, 2.5], 0))
    with pytest.raises(ValueError, match="where"):
        hc.where(c, hc.asarray(np.zeros(3)), 0.0)


# ---------------------------------------------------------------------------------------------
# Result dtypes, dtype=, empty inputs, 16-bit floats


def _default_sum_dtype(d):
    if d.kind in "bi":
        return np.dtype(np.int64)
    if d.kind == "u":
        return np.dtype(np.uint64)
    return d


@pytest.mark.parametrize("dtype", ALL, ids=str)
def test_sum_prod_default_dtype(dtype):
    h = hc.asarray(np.ones((2, 3), dtype))
    for f in (hc.sum, hc.prod):
        assert f(h).dtype == _default_sum_dtype(dtype)
        assert f(h, axis=1).dtype == _default_sum_dtype(dtype)
    assert hc.max(h).dtype == dtype if dtype.kind != "c" else True


@given(pair(dtypes=INTEGRAL + BOOL + FLOAT, allow_special=False),
       st.sampled_from(INT + UINT + FLOAT + COMPLEX), st.data())
def test_sum_prod_dtype_argument(p, dtype, data):
    a, h = p
    if a.dtype.kind == "f" and dtype.kind in "iu":
        a = np.trunc(np.clip(a, -100, 100))  # out-of-range float -> int casts differ by platform
        h = hc.asarray(a)
    axis = data.draw(axes_for(a.ndim))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("sum", "prod"):
            expected = getattr(np, name)(a.astype(dtype), axis=axis, dtype=dtype)
            got = getattr(hc, name)(h, axis=axis, dtype=dtype)
            assert got.dtype == dtype
            if dtype.kind in "fc":
                assert_same(got, expected, rtol=1e-4, atol=1e-3)
            else:
                assert_same(got, expected)


@given(pair(dtypes=HALF, allow_special=False), st.data())
def test_half_reductions(p, data):
    """float16/bfloat16: sums accumulate in float32 and round once; max/min are exact."""
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    f = a.astype(np.float32)
    with np.errstate(all="ignore"):
        assert_same(hc.sum(h, axis=axis), np.sum(f, axis=axis).astype(a.dtype), rtol=2e-2, atol=1e-2)
        try:
            e = np.max(f, axis=axis).astype(a.dtype)
        except ValueError:
            return
        # The order of signed zeros is implementation-defined: compare values only.
        assert_same(hc.max(h, axis=axis), e, rtol=1e-30)
        assert_same(hc.min(h, axis=axis), np.min(f, axis=axis).astype(a.dtype), rtol=1e-30)


@pytest.mark.parametrize("dtype", NUMERIC + BOOL, ids=str)
def test_empty_inputs(dtype):
    h = hc.asarray(np.zeros((0, 3), dtype))
    assert_same(hc.sum(h), np.sum(np.zeros((0, 3), dtype)))
    assert_same(hc.prod(h, axis=0), np.prod(np.zeros((0, 3), dtype), axis=0))
    assert_same(hc.sum(h, axis=1), np.zeros(0, _default_sum_dtype(dtype)))
    if dtype.kind != "c":
        with pytest.raises(ValueError, match="max"):
            hc.max(h, axis=0)
        with pytest.raises(ValueError, match="min"):
            hc.min(h)
    if dtype.kind in "fc":
        m = np.asarray(hc.mean(h))
        assert m.dtype == dtype and np.isnan(m.real) and (dtype.kind == "f" or np.isnan(m.imag))
        v = np.asarray(hc.var(h, axis=0))
        assert v.shape == (3,) and np.isnan(v).all()
        assert np.isnan(np.asarray(hc.std(h))).all()


def test_zero_dim_inputs():
    for dtype in (np.int8, np.float32, np.complex64):
        a = np.array(3, dtype)
        h = hc.asarray(a)
        assert_same(hc.sum(h), np.sum(a))
        assert_same(hc.prod(h, keepdims=True), np.prod(a, keepdims=True))
        assert_same(hc.sum(h, axis=()), np.sum(a, axis=()))
    assert_same(hc.max(hc.asarray(np.array(2.5))), np.array(2.5))
    assert_same(hc.var(hc.asarray(np.array(2.5))), np.array(0.0))
    assert_same(hc.mean(hc.asarray(np.array(2.5, np.float32))), np.array(2.5, np.float32))


# ---------------------------------------------------------------------------------------------
# mean / var / std over every floating, complex, integer and 16-bit dtype


def _stat_reference(a, name, axis, corr, keep):
    """NumPy's mean/var/std; bfloat16 (unknown to NumPy's reductions) goes through float32."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        src = a.astype(np.float32) if a.dtype == BF16 else a
        kw = {} if name == "mean" else {"ddof": corr}
        r = np.asarray(getattr(np, name)(src, axis=axis, keepdims=keep, **kw))
        if a.dtype == BF16:
            r = r.astype(BF16)
        if name != "mean":
            n = a.size if axis is None else math.prod(
                a.shape[i] for i in ((axis,) if isinstance(axis, int) else axis))
            if n - corr <= 0:  # the standard: NaN (NumPy gives inf or NaN)
                r = np.full(r.shape, np.nan, r.dtype)
    return r


@given(pair(dtypes=FLOAT + HALF + COMPLEX + INT + UINT + BOOL, allow_special=False),
       st.data())
def test_mean_var_std_dtypes(p, data):
    a, h = p
    axis = data.draw(axes_for(a.ndim))
    keep = data.draw(st.booleans())
    corr = data.draw(st.sampled_from([0, 1, 0.5, 2.0]))
    if a.dtype.kind in "fc" and a.size and np.abs(a.astype(np.complex128)).max() > 1e15:
        return  # squares overflow; covered by the finite cases
    half = a.dtype.itemsize == 2 and a.dtype.kind != "i" and a.dtype.kind != "u"
    tol = dict(rtol=2e-2, atol=2e-2) if half else dict(rtol=1e-4, atol=1e-5)
    for name in ("mean", "var", "std"):
        f = getattr(hc, name)
        got = f(h, axis=axis, keepdims=keep) if name == "mean" else \
            f(h, axis=axis, keepdims=keep, correction=corr)
        exp = _stat_reference(a, name, axis, corr, keep)
        assert got.dtype == exp.dtype, (name, got.dtype, exp.dtype)
        if a.dtype == np.float64 or a.dtype == np.complex128 or a.dtype.kind in "biu":
            assert_same(got, exp, rtol=1e-9, atol=1e-9)
        else:
            assert_same(got, exp, **tol)


def test_var_nan_and_correction_rules():
    h = hc.asarray(np.array([1.0, 2.0, 4.0]))
    assert_same(hc.var(h, correction=1), np.array(np.var([1.0, 2.0, 4.0], ddof=1)))
    assert_same(hc.var(h, correction=1.5), np.array(np.var([1.0, 2.0, 4.0], ddof=1.5)))
    assert np.isnan(float(hc.var(h, correction=3)))  # N - correction == 0
    assert np.isnan(float(hc.std(h, correction=5)))  # N - correction < 0
    assert np.isnan(float(hc.var(hc.asarray(np.array([1.0, np.nan])))))
    assert np.isnan(float(hc.mean(hc.asarray(np.array([1.0, np.nan])))))
    c = hc.asarray(np.array([1 + 2j, 3 - 1j, -2j], np.complex64))
    assert hc.var(c).dtype == np.float32 and hc.std(c).dtype == np.float32
    assert_same(hc.mean(c), np.mean(np.array([1 + 2j, 3 - 1j, -2j], np.complex64)), rtol=1e-6)


# ---------------------------------------------------------------------------------------------
# cumulative_sum / cumulative_prod (native scan kernel)


def _cum_default(d):
    return _default_sum_dtype(d)


@st.composite
def cum_case(draw, dtypes):
    a = draw(np_arrays(dtypes, allow_special=False))
    if a.ndim <= 1 and draw(st.booleans()):
        axis = None
    else:
        axis = draw(st.integers(-max(a.ndim, 1), max(a.ndim, 1) - 1))
    return a, axis, draw(st.booleans())


@given(cum_case(NUMERIC + HALF + BOOL), st.data())
def test_cumulative_sum_prod(case, data):
    a, axis, initial = case
    h = hc.asarray(a)
    dtype = data.draw(st.sampled_from([None, None, np.dtype(np.int64), np.dtype(np.float64),
                                       np.dtype(np.complex128), a.dtype]))
    if a.dtype.kind == "c" and dtype is not None and dtype.kind != "c":
        dtype = None
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("cumulative_sum", "cumulative_prod"):
            got = getattr(hc, name)(h, axis=axis, dtype=dtype, include_initial=initial)
            acc = dtype if dtype is not None else _cum_default(a.dtype)
            src = a.astype(acc)
            if acc == BF16:  # NumPy has no bfloat16 add loop: step in float32, round each step
                ref = _scan_reference(src, axis, name, initial)
            else:
                ref = getattr(np, name)(src, axis=axis, dtype=acc, include_initial=initial)
            assert got.dtype == acc
            if acc.kind == "c" and name == "cumulative_prod":
                # fused multiply-add differences; products that overflow a component depend on
                # the multiplication formula (NumPy's naive one, C99 Annex G here): compared
                # where NumPy's result is finite
                g, r = np.asarray(got), np.asarray(ref)
                fin = np.isfinite(r.real) & np.isfinite(r.imag)
                assert_same(hc.asarray(g[fin]), r[fin], rtol=1e-5, atol=1e-30)
            else:
                assert_same(got, ref)


def _scan_reference(a, axis, name, initial):
    a = a.reshape(1) if a.ndim == 0 else a
    axis = 0 if axis is None else axis % a.ndim
    m = np.moveaxis(a, axis, -1)
    out = np.empty(m.shape[:-1] + (m.shape[-1] + initial,), a.dtype)
    if initial:
        out[..., 0] = 1 if name == "cumulative_prod" else 0
    acc = None
    for k in range(m.shape[-1]):
        v = m[..., k].astype(np.float32)
        if acc is None:
            acc = v
        else:
            acc = (acc * v if name == "cumulative_prod" else acc + v).astype(a.dtype).astype(np.float32)
        out[..., k + initial] = acc.astype(a.dtype)
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("layout", ["c", "f", "reversed", "strided"])
@pytest.mark.parametrize("axis", [0, 1, 2])
def test_cumulative_layouts(layout, axis):
    """Both walks of the kernel (lines along a contiguous axis, rows otherwise) on larger arrays."""
    rng = np.random.default_rng(0)
    base = rng.integers(-50, 50, size=(12, 40, 9)).astype(np.int32)
    a = {"c": base, "f": np.asfortranarray(base), "reversed": base[::-1, ::-1, ::-1],
         "strided": rng.integers(-5, 5, size=(24, 80, 18)).astype(np.int32)[::2, ::-2, ::2]}[layout]
    h = hc.asarray(a)
    for initial in (False, True):
        assert_same(hc.cumulative_sum(h, axis=axis, include_initial=initial),
                    np.cumulative_sum(a, axis=axis, include_initial=initial))
        assert_same(hc.cumulative_prod(h, axis=axis, dtype=np.float64, include_initial=initial),
                    np.cumulative_prod(a.astype(np.float64), axis=axis, include_initial=initial))
    f = (a / 7).astype(np.float32)
    assert_same(hc.cumulative_sum(hc.asarray(f), axis=axis), np.cumulative_sum(f, axis=axis))


def test_cumulative_special_cases():
    # Integer overflow wraps as NumPy.
    i8 = np.array([100, 100, 100], np.int8)
    assert_same(hc.cumulative_sum(hc.asarray(i8), dtype=np.int8), np.cumulative_sum(i8, dtype=np.int8))
    u16 = np.array([65535, 65535, 3], np.uint16)
    assert_same(hc.cumulative_prod(hc.asarray(u16), dtype=np.uint16),
                np.cumulative_prod(u16, dtype=np.uint16))
    # Floating point: successive additions (inf - inf = nan propagates).
    f = np.array([1.0, np.inf, -np.inf, 2.0])
    assert_same(hc.cumulative_sum(hc.asarray(f)), np.cumulative_sum(f))
    # 0-d input (unspecified by the standard): as NumPy, scanned as [x].
    z = np.array(5, np.int16)
    assert_same(hc.cumulative_sum(hc.asarray(z)), np.cumulative_sum(z))
    assert_same(hc.cumulative_prod(hc.asarray(z), include_initial=True),
                np.cumulative_prod(z, include_initial=True))
    # Empty along the axis: include_initial still gives the identity.
    e = np.zeros((2, 0), np.float32)
    assert_same(hc.cumulative_prod(hc.asarray(e), axis=1, include_initial=True),
                np.cumulative_prod(e, axis=1, include_initial=True))
    assert_same(hc.cumulative_sum(hc.asarray(e), axis=1), np.cumulative_sum(e, axis=1))
    # bool with dtype=bool: logical or / and, as NumPy's add/multiply on bool.
    b = np.array([False, True, False])
    m = np.array([[True, False], [True, True]])
    for ax in (None, 0, 1):
        assert_same(hc.sum(hc.asarray(m), axis=ax, dtype=bool), np.sum(m, axis=ax, dtype=bool))
        assert_same(hc.prod(hc.asarray(m), axis=ax, dtype=bool), np.prod(m, axis=ax, dtype=bool))
    assert_same(hc.sum(hc.asarray(np.zeros(0, bool)), dtype=bool), np.array(False))
    assert_same(hc.prod(hc.asarray(np.zeros(0, bool)), dtype=bool), np.array(True))
    assert_same(hc.cumulative_sum(hc.asarray(b), dtype=bool), np.cumulative_sum(b, dtype=bool))
    assert_same(hc.cumulative_prod(hc.asarray(b), dtype=bool), np.cumulative_prod(b, dtype=bool))


def test_cumulative_errors():
    h2 = hc.asarray(np.ones((2, 3)))
    for name in ("cumulative_sum", "cumulative_prod"):
        f = getattr(hc, name)
        with pytest.raises(ValueError, match=name):
            f(h2)  # axis is required for ndim > 1
        with pytest.raises(IndexError, match=name):
            f(h2, axis=2)
        with pytest.raises(IndexError, match=name):
            f(h2, axis=-3)
        with pytest.raises(TypeError, match=name):
            f(h2, axis=1.0)
        with pytest.raises(TypeError, match=name):
            f(h2, axis=(0,))
        with pytest.raises(TypeError, match=name):
            f(h2, axis=0, include_initial=1)
        with pytest.raises(TypeError, match=name):
            f(h2, axis=0, dtype="not a dtype")
        with pytest.raises(TypeError, match=name):
            getattr(hc._statistical_functions, name)(np.ones(3))  # strict: hcarray only
        assert_same(f(np.ones(3)), getattr(np, name)(np.ones(3)))  # NumPy's: array_likes
        with pytest.raises(IndexError, match=name):
            f(hc.asarray(np.array(1.0)), axis=1)


# ---------------------------------------------------------------------------------------------
# Argument checking of the reductions


def test_reduction_argument_errors():
    h = hc.asarray(np.ones((2, 3), np.float32))
    for name in ("sum", "prod", "max", "min", "mean", "var", "std"):
        f = getattr(hc, name)
        with pytest.raises(IndexError, match=name):
            f(h, axis=5)
        with pytest.raises(ValueError, match=name):
            f(h, axis=(1, -1))
        with pytest.raises(TypeError, match=name):
            f(h, axis=1.5)
        with pytest.raises(TypeError, match=name):
            f(h, axis=[0])
        with pytest.raises(TypeError, match=name):
            f(h, keepdims="yes")
    for name in ("var", "std"):
        f = getattr(hc, name)
        with pytest.raises(TypeError, match=name):
            f(h, correction="1")
        with pytest.raises(TypeError, match=name):
            f(h, correction=1j)
        with pytest.raises(TypeError, match=name):
            f(h, correction=None)
        with pytest.raises(ValueError, match=name):
            f(h, correction=float("nan"))
    with pytest.raises(TypeError, match="sum"):
        hc.sum(h, dtype="not a dtype")
    with pytest.raises(TypeError, match="min"):
        hc.min(hc.asarray(np.array([1j])))


# ---------------------------------------------------------------------------------------------
# Accuracy of the pairwise float sums (specs/reductions.md)


def pairwise_depth(n):
    """Roundings on the longest path of cpp/cpu/reduce.cpp's pairwise sum of n elements: at
    most 25 inside a leaf of <= 128 elements (15 in one of 8 accumulators, 3 combining them, 7
    for the tail), plus one per split (specs/reductions.md)."""
    splits = 0
    while n > 128:
        half = (n // 2) & ~7
        n = max(half, n - half)
        splits += 1
    return 25 + splits


def pairwise_bound(x, dtype):
    """gamma_h * sum|x| with h = pairwise_depth(n) and u the unit roundoff of dtype."""
    u = float(np.finfo(dtype).eps) / 2
    h = pairwise_depth(x.size)
    return h * u / (1 - h * u) * math.fsum(np.abs(x).astype(np.float64).ravel())


def test_float32_sum_accuracy_bound():
    """1e7 float32 values in [0, 1): the pairwise sum stays within the documented bound of the
    exact sum (math.fsum); a sequential float32 sum (cumulative_sum's last element) is far off."""
    rng = np.random.default_rng(1)
    x = rng.random(10**7, dtype=np.float32)
    exact = math.fsum(x.astype(np.float64))
    got = float(hc.sum(hc.asarray(x)))
    bound = pairwise_bound(x, np.float32)
    assert bound / exact < 2.6e-6  # h = 42 roundings for n = 1e7
    assert abs(got - exact) <= bound
    assert abs(got - exact) / exact < 1e-6  # in practice well inside the bound
    sequential = float(np.asarray(hc.cumulative_sum(hc.asarray(x)))[-1])  # n - 1 roundings
    assert abs(sequential - exact) > 50 * abs(got - exact)
    # Strided, reversed and reduced-along-a-slow-axis inputs take the same pairwise path.
    v = x[::-3]
    assert abs(float(hc.sum(hc.asarray(v))) - math.fsum(v.astype(np.float64))) <= pairwise_bound(v, np.float32)
    m = x.reshape(-1, 4)
    got = np.asarray(hc.sum(hc.asarray(m), axis=0))
    for j in range(4):
        col = m[:, j]
        assert abs(float(got[j]) - math.fsum(col.astype(np.float64))) <= pairwise_bound(col, np.float32)


def test_float64_and_complex_sum_accuracy():
    rng = np.random.default_rng(2)
    x = rng.standard_normal(10**6)
    assert abs(float(hc.sum(hc.asarray(x))) - math.fsum(x)) <= pairwise_bound(x, np.float64)
    c = (x[: 5 * 10**5] + 1j * x[5 * 10**5:]).astype(np.complex64)
    got = complex(hc.sum(hc.asarray(c)))
    # Complex sums are pairwise in each component.
    assert abs(got.real - math.fsum(c.real.astype(np.float64))) <= pairwise_bound(c.real, np.float32)
    assert abs(got.imag - math.fsum(c.imag.astype(np.float64))) <= pairwise_bound(c.imag, np.float32)


def test_scan_and_product_error_bounds():
    """cumulative_sum: element k within gamma_k * sum_{i<=k}|x_i|; prod within gamma_{n-1}."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal(4096).astype(np.float32)
    got = np.asarray(hc.cumulative_sum(hc.asarray(x))).astype(np.float64)
    exact = np.cumsum(x.astype(np.float64))  # float64 partial sums: exact to ~1e-13 here
    u = float(np.finfo(np.float32).eps) / 2
    k = np.arange(x.size)
    bound = k * u / (1 - k * u) * np.cumsum(np.abs(x).astype(np.float64))
    assert (np.abs(got - exact) <= bound + 1e-12).all()
    p = (1 + rng.standard_normal(1000) * 1e-2).astype(np.float32)
    n = p.size
    exact = float(np.prod(p.astype(np.float64)))
    assert abs(float(hc.prod(hc.asarray(p))) - exact) <= (n - 1) * u / (1 - (n - 1) * u) * abs(exact)


# ---------------------------------------------------------------------------------------------
# diff


@st.composite
def diff_case(draw):
    a = draw(np_arrays(ALL, shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5),
                       allow_special=False))
    axis = draw(st.integers(-a.ndim, a.ndim - 1))
    n = draw(st.integers(0, 3))
    return a, axis, n


@given(diff_case(), st.data())
def test_diff(case, data):
    a, axis, n = case
    h = hc.asarray(a)
    kw = {}
    ax = axis % a.ndim
    for side in ("prepend", "append"):
        if data.draw(st.booleans()):
            shape = list(a.shape)
            shape[ax] = data.draw(st.integers(0, 2))
            e = data.draw(np_arrays([a.dtype], shape=tuple(shape), allow_special=False))
            kw[side] = e
    with np.errstate(all="ignore"):
        got = hc.diff(h, axis=axis, n=n, **{k: hc.asarray(v) for k, v in kw.items()})
        if n == 0:
            # The standard: the result has M + N1 + N2 - n elements along axis, so n=0 gives
            # the joined array (NumPy returns x unchanged, ignoring prepend/append).
            parts = [kw.get("prepend"), a, kw.get("append")]
            expected = np.concatenate([p for p in parts if p is not None], axis=axis)
        else:
            expected = np.diff(a, axis=axis, n=n, **kw)
    assert_same(got, expected)


def test_diff_scalars_and_errors():
    a = np.array([[1, 4, 9], [16, 25, 36]], np.uint8)
    h = hc.asarray(a)
    # The standard's diff: Python scalars join as weak scalars, the dtype stays uint8...
    assert_same(hc._utility.diff(h, prepend=0), np.diff(a, prepend=np.uint8(0)))
    # ... NumPy's (the top-level name) makes an array of the scalar first: int64.
    assert_same(hc.diff(h, prepend=0), np.diff(a, prepend=0))
    assert_same(hc.diff([1, 4, 9], append=[0]), np.diff([1, 4, 9], append=[0]))
    assert_same(hc.diff(h, axis=0, append=hc.asarray(np.array(1, np.uint8))),
                np.diff(a, axis=0, append=np.uint8(1)))
    assert_same(hc.diff(h, n=5), np.diff(a, n=5))  # more steps than elements: empty
    assert hc.diff(h, n=0) is h
    with pytest.raises(ValueError, match="diff"):
        hc.diff(hc.asarray(np.array(1.0)))
    with pytest.raises(ValueError, match="diff"):
        hc.diff(h, n=-1)
    with pytest.raises(TypeError, match="diff"):
        hc.diff(h, n=1.0)
    with pytest.raises(IndexError, match="diff"):
        hc.diff(h, axis=2)
    with pytest.raises(TypeError, match="diff"):
        hc._utility.diff(a)  # strict: hcarray only
    with pytest.raises(TypeError, match="diff"):
        hc._utility.diff(h, prepend=[1, 2])
    assert_same(hc.diff(a), np.diff(a))  # NumPy's: array_likes
    with pytest.raises(ValueError, match="diff"):  # NumPy: AxisError, a ValueError
        hc.diff(h, prepend=[1, 2])
    with pytest.raises(ValueError, match="diff"):
        hc.diff(h, append=hc.asarray(np.zeros((3, 1), np.uint8)))
    with pytest.raises(ValueError, match="diff"):
        hc.diff(h, append=hc.asarray(np.zeros(3, np.uint8)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int8, np.uint16, np.int32,
                                   np.int64, np.uint64])
@pytest.mark.parametrize("n", [63, 64, 65, 1000, 4099, 100_003])
def test_max_min_long_runs(dtype, n):
    """The vectorised path of whole-run max/min (runs of 2K and more elements): values, NaN
    anywhere (NaN results), infinities, against NumPy."""
    rng = np.random.default_rng(n)
    if np.dtype(dtype).kind == "f":
        a = rng.standard_normal(n).astype(dtype) * 1e3
        a[rng.integers(0, n, 3)] = [np.inf, -np.inf, -0.0]
    else:
        info = np.iinfo(dtype)
        a = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    h = hc.asarray(a)
    for name in ("max", "min"):
        assert_same(getattr(hc, name)(h), getattr(np, name)(a), signed_zero=False)
        assert_same(getattr(hc, name)(h[::-1]), getattr(np, name)(a[::-1]), signed_zero=False)
    if np.dtype(dtype).kind == "f":
        for pos in (0, n // 2, n - 1):
            b = a.copy()
            b[pos] = np.nan
            hb = hc.asarray(b)
            assert np.isnan(np.asarray(hc.max(hb))) and np.isnan(np.asarray(hc.min(hb)))


# The outer path (cpp/core/reduce.cpp try_outer, cpu/reduce_simd_impl.h): reductions whose
# input keeps its fastest axis, with at least 8 columns, fold whole rows elementwise.


@st.composite
def wide_case(draw, dtypes, allow_special=False):
    """An array whose fastest axis is long enough for the outer path (8..70 elements), with up
    to 3 more dims, sliced with steps in {1, 2, -1, -2} and maybe transposed, and an axis."""
    ndim = draw(st.integers(2, 4))
    lead = draw(st.lists(st.integers(1, 12), min_size=ndim - 1, max_size=ndim - 1))
    shape = tuple(lead) + (draw(st.integers(8, 70)),)
    dtype = draw(st.sampled_from(dtypes))
    base = draw(np_arrays([dtype], st.just(tuple(2 * s for s in shape)), allow_special))
    steps = draw(st.lists(st.sampled_from([1, 2, -1, -2]), min_size=ndim, max_size=ndim))
    a = base[tuple(slice(None, None, s) for s in steps)][tuple(slice(0, n) for n in shape)]
    if draw(st.booleans()):
        perm = draw(st.permutations(range(ndim)))
        a = a.transpose(perm)
    axis = draw(axes_for(a.ndim))
    return a, axis


@given(wide_case(INTEGRAL + FLOAT), st.booleans())
def test_outer_sum_prod_mean(case, keep):
    a, axis = case
    h = hc.asarray(a)
    with np.errstate(all="ignore"):
        got = hc.sum(h, axis=axis, keepdims=keep)
        expected = np.sum(a, axis=axis, keepdims=keep)
        if a.dtype.kind == "f":
            _check_float_sum(a, axis, keep, got, expected)
            m = hc.mean(h, axis=axis, keepdims=keep)
            assert_same(m, np.mean(a, axis=axis, keepdims=keep), rtol=1e-4 if a.dtype.itemsize == 4 else 1e-10,
                        atol=1e-3)
        else:
            assert_same(got, expected)
            assert_same(hc.prod(h, axis=axis, keepdims=keep), np.prod(a, axis=axis, keepdims=keep))


@given(wide_case(REAL + BOOL, allow_special=True), st.booleans())
def test_outer_max_min(case, keep):
    a, axis = case
    h = hc.asarray(a)
    for name in ("max", "min"):
        assert_same(getattr(hc, name)(h, axis=axis, keepdims=keep),
                    getattr(np, name)(a, axis=axis, keepdims=keep), signed_zero=False)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_outer_nan_inf_placement(dtype):
    """NaN at the first, a middle or the last row of a column (and none elsewhere) makes that
    column's max/min NaN; infinities win otherwise; -0.0/+0.0 ties compare equal."""
    rng = np.random.default_rng(5)
    a = rng.standard_normal((37, 100)).astype(dtype)
    for j, i in enumerate([0, 1, 15, 16, 17, 36]):
        a[i, j] = np.nan
    a[3, 10], a[30, 11], a[:, 12] = np.inf, -np.inf, 0.0
    a[::2, 13] = -0.0
    a[:, 14] = -0.0
    a[5, 20] = a[9, 20] = np.nan
    for v in (a, a[::-1], a[:, ::-1], a[::-2, ::3], np.asfortranarray(a).T):
        for axis in (0, -1, None):
            for name in ("max", "min"):
                assert_same(getattr(hc, name)(hc.asarray(v), axis=axis), getattr(np, name)(v, axis=axis),
                            signed_zero=False)
            assert_same(hc.argmax(hc.asarray(v), axis=axis), np.argmax(v, axis=axis))
            assert_same(hc.argmin(hc.asarray(v), axis=axis), np.argmin(v, axis=axis))


def test_outer_integer_wrap():
    a = np.full((300, 40), np.iinfo(np.int64).max, dtype=np.int64)
    a[::7] = np.iinfo(np.int64).min
    for v in (a, a[::-1], a[:, 1::2]):
        assert_same(hc.sum(hc.asarray(v), axis=0), np.sum(v, axis=0))
        assert_same(hc.prod(hc.asarray(v), axis=0), np.prod(v, axis=0))
    u = np.arange(3 * 16 * 9, dtype=np.uint8).reshape(3, 16, 9)
    for d in (np.uint8, np.int16, np.uint32):
        x = (u * 37).astype(d)
        for axis in (0, 1, (0, 1)):
            assert_same(hc.sum(hc.asarray(x), axis=axis, dtype=d), np.sum(x, axis=axis, dtype=d))
            assert_same(hc.prod(hc.asarray(x), axis=axis, dtype=d), np.prod(x, axis=axis, dtype=d))


def outer_depth(rows):
    """Roundings on the longest path of the outer pairwise sum over `rows` rows: 15 inside a
    leaf of <= 16 rows, plus one per halving (specs/reductions.md)."""
    splits = 0
    while rows > 16:
        rows = rows - rows // 2
        splits += 1
    return 15 + splits


def test_outer_sum_accuracy_bound():
    """2^20 + 3 rows of float32 in [0, 1) summed along axis 0 (16 columns: the outer path):
    each column within gamma_h * sum|x| of the exact sum, h = outer_depth(rows), and far closer
    than a sequential float32 sum of the column."""
    rng = np.random.default_rng(7)
    rows = 2**20 + 3
    x = rng.random((rows, 16), dtype=np.float32)
    u = float(np.finfo(np.float32).eps) / 2
    h = outer_depth(rows)
    assert h == 32  # 15 in a leaf + 17 halvings
    got = np.asarray(hc.sum(hc.asarray(x), axis=0)).astype(np.float64)
    seq = np.asarray(hc.cumulative_sum(hc.asarray(np.ascontiguousarray(x[:, :2].T)), axis=1))[:, -1]
    for j in range(16):
        exact = math.fsum(x[:, j].astype(np.float64))
        bound = h * u / (1 - h * u) * exact
        assert abs(got[j] - exact) <= bound, (j, got[j], exact, bound)
        if j < 2:
            assert abs(float(seq[j]) - exact) > 20 * abs(got[j] - exact)
    # Several reduced axes are one pairwise sequence of rows.
    y = x[: 2**19].reshape(2**10, 2**9, 16)
    got = np.asarray(hc.sum(hc.asarray(y), axis=(0, 1))).astype(np.float64)
    h = outer_depth(2**19)
    for j in range(16):
        exact = math.fsum(y[:, :, j].astype(np.float64).ravel())
        assert abs(got[j] - exact) <= h * u / (1 - h * u) * exact


def _with_threads(n, f):
    old = hc.get_num_threads()
    hc.set_num_threads(n)
    try:
        return np.asarray(f()).copy()
    finally:
        hc.set_num_threads(old)


@pytest.mark.parametrize("case", [((3000, 700), 0), ((10, 200_000), 0), ((64, 64, 256), (0, 1)),
                                  ((64, 300, 64), 1), ((200, 5000), None), ((2_000_000,), None)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32])
def test_reductions_thread_count_independent(case, dtype):
    """Results are bit for bit the same on 1 and 2 threads (large enough to be split)."""
    shape, axis = case
    rng = np.random.default_rng(11)
    a = (rng.standard_normal(shape) * 100).astype(dtype)
    h = hc.asarray(a)
    for name in ("sum", "max", "min", "mean", "prod"):
        if name == "mean" and a.dtype.kind != "f":
            continue
        f = lambda: getattr(hc, name)(h, axis=axis)  # noqa: E731
        one, two = _with_threads(1, f), _with_threads(2, f)
        assert one.tobytes() == two.tobytes(), name
    # A reversed and strided view takes the same paths.
    v = h[::-1] if len(shape) == 1 else h[::-1, ::2]
    f = lambda: hc.sum(v, axis=axis)  # noqa: E731
    assert _with_threads(1, f).tobytes() == _with_threads(2, f).tobytes()


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 255, 256, 257, 1000, 100_003])
def test_any_all_whole_array_scan(n):
    # any/all over a whole C-contiguous bool array stop at the first deciding element; the
    # answer must not depend on where that element is (block edges, the tail) or on the byte
    # value a True holds.
    rng = np.random.default_rng(n)
    positions = sorted({0, n // 2, n - 1, 255 % max(n, 1), 256 % max(n, 1)}) if n else []
    for base in (np.zeros(n, bool), np.ones(n, bool)):
        assert bool(hc.any(hc.asarray(base))) == bool(np.any(base))
        assert bool(hc.all(hc.asarray(base))) == bool(np.all(base))
        for pos in positions:
            b = base.copy()
            b[pos] = not b[pos]
            for f in ("any", "all"):
                r = getattr(hc, f)(hc.asarray(b))
                assert r.shape == () and r.dtype == np.bool_
                assert bool(r) == bool(getattr(np, f)(b)), (f, pos)
    odd = np.zeros(max(n, 1), np.uint8)
    odd[-1] = 2
    assert bool(hc.any(hc.asarray(odd.view(bool))))
    assert not bool(hc.all(hc.asarray(odd.view(bool)))) or odd.size == 1
    x = rng.standard_normal(n)
    assert bool(hc.any(hc.asarray(x))) == bool(np.any(x))
    assert bool(hc.asarray(x > 0).all()) == bool(np.all(x > 0))


# Integer and bool inputs read in their own dtype (no converted copy): sums and products into
# int64/uint64 (modulo 2^64) and the Array API mean's float64 sum (cpp/core/reduce.cpp `mixed`,
# kernels in cpu/reduce_simd_impl.h and cpu/reduce.cpp widen_loop).

from hcarray import _statistical_functions as _stf  # noqa: E402


def _mean_of_copy(h, axis, keep):
    """What the mean of an integer array computed before: the float64 sum of a converted copy
    divided by the count (the new path must give the same bits)."""
    s = hc.sum(hc.astype(h, hc.float64), axis=axis, keepdims=keep)
    axes = range(h.ndim) if axis is None else ((axis,) if isinstance(axis, int) else axis)
    n = math.prod(h.shape[a] for a in axes)
    return s / (float(n) if n else float("nan"))


def _check_narrow(a, h, axis, keep):
    with np.errstate(all="ignore"):
        for name in ("sum", "prod"):
            assert_same(getattr(hc, name)(h, axis=axis, keepdims=keep),
                        getattr(np, name)(a, axis=axis, keepdims=keep))
            for d in (np.int64, np.uint64):
                assert_same(getattr(hc, name)(h, axis=axis, keepdims=keep, dtype=d),
                            getattr(np, name)(a, axis=axis, keepdims=keep, dtype=d))
        m = _stf.mean(h, axis=axis, keepdims=keep)
        ref = np.asarray(_mean_of_copy(h, axis, keep))
        assert m.dtype == np.float64 and np.asarray(m).shape == ref.shape
        assert np.asarray(m).tobytes() == ref.tobytes()
        if a.size:
            # NumPy rounds its float64 partial sums, hcarray's narrow paths sum exact integers:
            # they agree to a few ulp of the magnitude of the terms (not of a cancelled result)
            want = np.mean(a, axis=axis, keepdims=keep)
            scale = np.mean(np.abs(a.astype(np.float64)), axis=axis, keepdims=keep)
            got = np.asarray(m)
            assert got.dtype == want.dtype and got.shape == np.shape(want)
            assert np.all(np.abs(got - want) <= 1e-12 * scale), (got, want)
            # bool and 8- to 32-bit integers are summed exactly: within 4 ulp of the exact mean
            # (computed with Python integers); 64-bit ones add in float64, as NumPy does
            if a.dtype.itemsize <= 4:
                n = a.size // max(np.size(want), 1)
                exact = np.asarray(np.sum(a.astype(object), axis=axis, keepdims=keep))
                exact = np.vectorize(lambda v: float(v) / n, otypes=[np.float64])(exact)
                assert np.all(np.abs(got - exact) <= 4 * np.spacing(np.abs(exact))), (got, exact)
        f = hc.sum(h, axis=axis, keepdims=keep, dtype=hc.float64)
        assert np.asarray(f).tobytes() == np.asarray(
            hc.sum(hc.astype(h, hc.float64), axis=axis, keepdims=keep)).tobytes()


@given(pair(dtypes=INTEGRAL + BOOL, allow_special=False), st.data())
def test_narrow_integer_sums_any_layout(p, data):
    """0-d, empty, non-contiguous and negative-stride arrays of every integer dtype and bool."""
    a, h = p
    _check_narrow(a, h, data.draw(axes_for(a.ndim)), data.draw(st.booleans()))


@given(wide_case(INTEGRAL + BOOL), st.booleans())
def test_narrow_integer_sums_outer(case, keep):
    """Layouts that keep a contiguous axis of 8+ elements (the outer kernels)."""
    a, axis = case
    _check_narrow(a, hc.asarray(a), axis, keep)


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32])
@pytest.mark.parametrize("n", [65535, 65536, 65537, 3 * 65536 + 5])
def test_narrow_sum_extremes_at_block_edges(dtype, n):
    """8- and 16-bit sums add blocks of 2^16 elements in 32-bit lanes: all-minimum and
    all-maximum inputs (the largest block sums) at and around the block length, contiguous, as
    rows of the outer path (9 columns) and reversed; prod wraps modulo 2^64 as NumPy's."""
    info = np.iinfo(dtype)
    for v in (info.min, info.max, -1 if info.min else 1):
        a = np.full(n, v, dtype=dtype)
        a[::5] = info.max
        for x in (a, a[::-1], a[1::3]):
            assert_same(hc.sum(hc.asarray(x)), np.sum(x))
            assert_same(hc.prod(hc.asarray(x)), np.prod(x))
        b = np.full((n, 9), v, dtype=dtype)
        b[::7, 2] = info.min
        for x in (b, b[::-1], b[:, ::-1]):
            assert_same(hc.sum(hc.asarray(x), axis=0), np.sum(x, axis=0))
        assert_same(hc.sum(hc.asarray(b.reshape(n, 3, 3)), axis=(0, 1)),
                    np.sum(b.reshape(n, 3, 3), axis=(0, 1)))


def test_narrow_prod_and_sum_wrap():
    """Products of int8..uint32 that overflow int64/uint64 wrap exactly as NumPy's (contiguous,
    strided and outer); sums of int64 near the limits wrap too."""
    rng = np.random.default_rng(3)
    for dtype in (np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32):
        info = np.iinfo(dtype)
        a = rng.integers(info.min, info.max, size=(300, 40), endpoint=True).astype(dtype)
        a[a == 0] = 3
        for x in (a, a[::-1], a[:, ::3], a.T):
            for axis in (None, 0, 1):
                assert_same(hc.prod(hc.asarray(x), axis=axis), np.prod(x, axis=axis))
                assert_same(hc.sum(hc.asarray(x), axis=axis), np.sum(x, axis=axis))
    big = np.full(1000, np.iinfo(np.int64).max // 3, np.int64)
    assert_same(hc.sum(hc.asarray(big)), np.sum(big))  # wraps past 2^63
    assert_same(hc.sum(hc.asarray(big.astype(np.uint64) * 7)), np.sum(big.astype(np.uint64) * 7))


def test_narrow_bool_bytes_and_count():
    """A bool whose byte is 2 or 255 counts as one (NumPy's sum of such a view)."""
    u = np.array([0, 2, 1, 255] * 50, np.uint8)
    for shape in ((200,), (20, 10), (10, 20)):
        b = u.reshape(shape).view(bool)
        h = hc.asarray(b)
        for axis in (None, 0, -1):
            assert_same(hc.sum(h, axis=axis), np.sum(b, axis=axis))
            assert_same(hc.count_nonzero(h, axis=axis), np.count_nonzero(b, axis=axis))
            assert_same(_stf.mean(h, axis=axis), np.mean(b, axis=axis))


def test_narrow_mean_bits_large_values():
    """int64/uint64 means whose partial sums exceed 2^53 (order matters): the same bits as the
    float64 sum of a converted copy on C-contiguous input (read directly) and on views (which
    fall back to the copy)."""
    rng = np.random.default_rng(9)
    a = rng.integers(-2**62, 2**62, size=(700, 300), dtype=np.int64)
    for h in (hc.asarray(a), hc.asarray(a.astype(np.uint64))):
        for v in (h, h[::-1], h.T, h[:, ::2]):
            for axis in (None, 0, 1):
                assert np.asarray(_stf.mean(v, axis=axis)).tobytes() == \
                    np.asarray(_mean_of_copy(v, axis, False)).tobytes()


@pytest.mark.parametrize("case", [((3000, 700), 0), ((10, 200_000), 0), ((64, 64, 256), (0, 1)),
                                  ((64, 300, 64), 1), ((200, 5000), None), ((2_000_000,), None),
                                  ((2000, 1000), 1)])
@pytest.mark.parametrize("dtype", [np.int8, np.uint16, np.int32, np.bool_, np.int64])
def test_narrow_reductions_thread_count_independent(case, dtype):
    """The integer paths (and the float64 sums of integers) give the same bits on 1 and 2
    threads."""
    shape, axis = case
    rng = np.random.default_rng(12)
    a = rng.integers(-2**40, 2**40, size=shape).astype(dtype)
    h = hc.asarray(a)
    fns = [lambda v: hc.sum(v, axis=axis), lambda v: hc.prod(v, axis=axis),
           lambda v: _stf.mean(v, axis=axis), lambda v: hc.sum(v, axis=axis, dtype=hc.float64)]
    for k, fn in enumerate(fns):
        for v in (h, h[::-1] if len(shape) == 1 else h[::-1, ::2]):
            one, two = _with_threads(1, lambda: fn(v)), _with_threads(2, lambda: fn(v))
            assert one.tobytes() == two.tobytes(), k
    assert_same(hc.sum(h, axis=axis), np.sum(a, axis=axis))


def test_narrow_mean_exact_blocks_past_2_21():
    """Float64 sums of 32-bit integers add runs of up to 2^21 elements (rows) as exact integer
    sums and combine longer ones as the pairwise sum does: the bits equal those of the float64
    sum of a converted copy also where the upper additions round (values near 2^31)."""
    rng = np.random.default_rng(21)
    n = 2**21 + 1000
    for dtype in (np.int32, np.uint32):
        info = np.iinfo(dtype)
        a = rng.integers(info.max - 2**20, info.max, n, endpoint=True).astype(dtype)
        h = hc.asarray(a)
        for v in (h, h[::-1], h[1::2]):
            assert np.asarray(_stf.mean(v)).tobytes() == np.asarray(_mean_of_copy(v, None, False)).tobytes()
    b = rng.integers(2**31 - 2**20, 2**31 - 1, (2**21 + 3, 8)).astype(np.int32)
    h = hc.asarray(b)
    assert np.asarray(_stf.mean(h, axis=0)).tobytes() == np.asarray(_mean_of_copy(h, 0, False)).tobytes()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cumulative_include_initial_keeps_negative_zero(dtype):
    # Along an outer axis (the row walk) the first step is x's first row itself, as NumPy gives
    # it: 0 + -0.0 would make +0.0.
    a = np.zeros((4, 3, 2), dtype)
    a[0, 2, 1] = -0.0
    for axis in (0, 1, 2):
        got = np.asarray(hc.cumulative_sum(hc.asarray(a), axis=axis, include_initial=True))
        want = np.cumulative_sum(a, axis=axis, include_initial=True)
        np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
        np.testing.assert_array_equal(got, want)
    assert np.asarray(hc.cumulative_sum(hc.asarray(a[:0]), axis=0, include_initial=True)).shape == (1, 3, 2)
