"""The native paths of the NumPy namespace's sort-based functions (specs/sorting.md, "Speed,
session 4"): np.sort/np.argsort's short call, np.unique, np.isin, np.histogram and np.median
against NumPy, and the packed-word argsort (32/64-bit keys) and counting sort (narrow integer
ranges) against NumPy's stable argsort, over dtypes x shapes x strides (0-d, empty, strided,
reversed, NaN)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hcarray as hc
from strategies import ALL, BOOL, FLOAT, HALF, INTEGRAL, REAL, assert_same, np_arrays, pair

SHAPES1 = st.integers(0, 300).map(lambda n: (n,))
REAL_NOHALF = BOOL + REAL


def same_signless(h, e):
    """Values equal with NaN == NaN; -0 and +0 equal (NumPy's unstable sort picks either)."""
    assert_same(h, e, signed_zero=False)


# ---- argsort: packed words and counting sort --------------------------------------------------

@given(pair(dtypes=REAL_NOHALF, shape=SHAPES1), st.booleans())
def test_argsort_stable_1d(p, narrow):
    a, h = p
    if narrow and a.dtype.kind in "iu":
        a = (a % 7).astype(a.dtype)
        h = hc.asarray(a)
    assert_same(hc.argsort(h), np.argsort(a, kind="stable"))


@given(pair(dtypes=REAL_NOHALF))
def test_argsort_any_axis(p):
    a, h = p
    if a.ndim == 0:
        return
    for ax in range(-a.ndim, a.ndim):
        assert_same(hc.argsort(h, axis=ax), np.argsort(a, axis=ax, kind="stable"))
    assert_same(hc.argsort(h, axis=None), np.argsort(a, axis=None, kind="stable"))


@pytest.mark.parametrize("dt", ["float32", "float64", "int32", "int64", "uint32", "uint64"])
@pytest.mark.parametrize("n", [2, 17, 1000, 70000, 300000])
@pytest.mark.parametrize("data", ["random", "narrow", "mid", "hi64"])
def test_argsort_large(dt, n, data):
    rng = np.random.default_rng(n)
    d = np.dtype(dt)
    if data == "random":
        a = rng.standard_normal(n).astype(d) * 1000 if d.kind == "f" else \
            rng.integers(np.iinfo(d).min, np.iinfo(d).max, n, dtype=d, endpoint=True)
    elif data == "narrow":
        a = rng.integers(0, 50, n).astype(d)
    elif data == "mid":  # 2^16 < range: packed words relative to the minimum
        a = rng.integers(0, 3_000_000, n).astype(d)
    else:  # 64-bit keys equal in their high halves: runs sorted again on the low halves
        a = (1.0 + rng.integers(0, 40, n) * 1e-12).astype(d) if d.kind == "f" else \
            (rng.integers(0, 3, n).astype(d) * d.type(2 ** 30 if d.itemsize == 4 else 2 ** 40)
             + rng.integers(0, 5, n).astype(d))
    if d.kind == "f" and n > 4:
        a[::5] = np.nan
        a[1::11] = -0.0
        a[2::11] = 0.0
    h = hc.asarray(a)
    assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
    # descending: greatest first, NaNs first, ties in input order (the stable descending sort)
    r = np.asarray(hc.argsort(h, descending=True))
    s = a[r]
    if d.kind == "f":
        nn = int(np.isnan(a).sum())
        assert np.isnan(s[:nn]).all() and np.all(np.diff(r[:nn]) > 0)
        s = s[nn:]
        r2 = r[nn:]
    else:
        r2 = r
    assert np.all(s[:-1] >= s[1:])
    ties = s[:-1] == s[1:]
    assert np.all(r2[:-1][ties] < r2[1:][ties])


# ---- sort / argsort short call ----------------------------------------------------------------

@given(pair(dtypes=ALL))
def test_np_sort_argsort_default_call(p):
    a, h = p
    if a.ndim == 0:
        with pytest.raises(np.exceptions.AxisError):
            hc.sort(h)
        return
    ref = a.astype(np.float32) if a.dtype in HALF else a
    assert_same(hc.sort(h), np.sort(ref, kind="stable").astype(a.dtype))
    if a.dtype not in HALF:
        assert_same(hc.argsort(h), np.argsort(a, kind="stable"))


# ---- unique -----------------------------------------------------------------------------------

@given(pair(dtypes=BOOL + REAL + HALF[:1] + [np.dtype(np.complex128)]),
       st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_np_unique(p, ri, rv, rc, equal_nan):
    a, h = p
    r = hc.unique(h, return_index=ri, return_inverse=rv, return_counts=rc, equal_nan=equal_nan)
    e = np.unique(a, return_index=ri, return_inverse=rv, return_counts=rc, equal_nan=equal_nan)
    if not (ri or rv or rc):
        r, e = (r,), (e,)
    assert len(r) == len(e)
    same_signless(r[0], e[0])
    for x, y in zip(r[1:], e[1:]):
        assert_same(x, y)


def test_np_unique_nan_groups_and_fallbacks():
    a = np.array([[np.nan, 2.0], [np.nan, -0.0], [0.0, np.nan]])
    h = hc.asarray(a)
    for kw in ({}, {"return_index": True, "return_inverse": True, "return_counts": True},
               {"equal_nan": False, "return_counts": True}):
        r, e = hc.unique(h, **kw), np.unique(a, **kw)
        for x, y in zip(r if isinstance(r, tuple) else (r,), e if isinstance(e, tuple) else (e,)):
            same_signless(x, y)
    assert_same(hc.unique(h, axis=0), np.unique(a, axis=0))
    assert_same(hc.unique([3, 1, 3]), np.unique([3, 1, 3]))
    with pytest.raises(Exception, match="unique"):
        hc.unique(h, axis=5)


# ---- isin -------------------------------------------------------------------------------------

@given(pair(dtypes=REAL_NOHALF), np_arrays(dtypes=REAL_NOHALF), st.booleans())
def test_np_isin(p, t, invert):
    a, h = p
    t = t.astype(a.dtype) if t.dtype != a.dtype and t.size else t
    assert_same(hc.isin(h, hc.asarray(t), invert=invert), np.isin(a, t, invert=invert))
    assert_same(hc.isin(h, hc.asarray(t), invert=invert, assume_unique=False),
                np.isin(a, t, invert=invert))


@pytest.mark.parametrize("dt", ["float32", "float64", "int64", "int32", "uint8", "bool"])
@pytest.mark.parametrize("n,m", [(1000, 10), (100000, 10), (1000, 1000), (20000, 20000),
                                 (5000, 0), (0, 5), (3000, 40000)])
def test_np_isin_regimes(dt, n, m):
    rng = np.random.default_rng(n + m)
    a = rng.integers(-50, 50, n).astype(dt)
    t = rng.integers(-50, 50, m).astype(dt)
    if dt.startswith("float") and n:
        a[::9] = np.nan
        a[1::9] = -0.0
        if m:
            t[::4] = np.nan
    for inv in (False, True):
        assert_same(hc.isin(hc.asarray(a), hc.asarray(t), invert=inv), np.isin(a, t, invert=inv))
    a2 = a[: n - n % 10].reshape(10, -1)[:, ::-1] if n else a
    assert_same(hc.isin(hc.asarray(a2), hc.asarray(t)), np.isin(a2, t))


def test_np_isin_mixed_and_bad():
    assert_same(hc.isin(hc.asarray([1, 2, 3]), hc.asarray([2.0, 3.5])), np.isin([1, 2, 3], [2.0, 3.5]))
    assert_same(hc.isin(hc.asarray(2.0), hc.asarray([2.0])), np.isin(2.0, [2.0]))
    with pytest.raises(ValueError, match="isin"):
        hc.isin(hc.asarray([1.0]), hc.asarray([1.0]), kind="table")


# ---- histogram --------------------------------------------------------------------------------

@given(pair(dtypes=INTEGRAL + FLOAT, allow_special=False), st.integers(1, 12),
       st.sampled_from([None, (0, 1), (-10.5, 3), (-1e3, 1e3), (5, 5)]))
def test_np_histogram(p, bins, rng):
    a, h = p
    try:
        e = np.histogram(a, bins, range=rng)
    except ValueError:
        with pytest.raises(ValueError, match="histogram"):
            hc.histogram(h, bins, range=rng)
        return
    r = hc.histogram(h, bins, range=rng)
    assert_same(r[0], e[0])
    assert_same(r[1], e[1])


def test_np_histogram_special():
    a = np.array([0.0, 1.0, 1.0, 2.0, 3.0, np.nan, 10.0], np.float32)
    h = hc.asarray(a)
    for kw in ({"range": (0, 3)}, {"range": (1, 2)}, {"bins": 3, "range": (0.5, 3)}):
        r, e = hc.histogram(h, **kw), np.histogram(a, **kw)
        assert_same(r[0], e[0])
        assert_same(r[1], e[1])
    with pytest.raises(ValueError, match="histogram"):
        hc.histogram(h)  # autodetected range of [nan, nan] is not finite
    with pytest.raises(ValueError, match="histogram"):
        hc.histogram(h, range=(3, 1))
    with pytest.raises(ValueError, match="histogram"):
        hc.histogram(h, bins=-1)
    b = np.arange(10)
    r, e = hc.histogram(hc.asarray(b), bins=[0, 3, 9]), np.histogram(b, bins=[0, 3, 9])
    assert_same(r[0], e[0])
    r, e = hc.histogram(hc.asarray(b), 4, weights=hc.asarray(b * 1.0)), np.histogram(b, 4, weights=b * 1.0)
    assert_same(r[0], e[0])


# ---- median -----------------------------------------------------------------------------------

@given(pair(dtypes=INTEGRAL + FLOAT + [np.dtype(np.float16)]), st.data())
@settings(deadline=None)
def test_np_median(p, data):
    a, h = p
    axes = [None] + list(range(-a.ndim, a.ndim))
    ax = data.draw(st.sampled_from(axes))
    kd = data.draw(st.booleans())
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            e = np.median(a, axis=ax, keepdims=kd)
        except Exception as ex:
            with pytest.raises(type(ex)):
                hc.median(h, axis=ax, keepdims=kd)
            return
        r = hc.median(h, axis=ax, keepdims=kd)
    assert_same(r, np.asarray(e), signed_zero=False)


def test_np_median_bad():
    with pytest.raises(np.exceptions.AxisError):
        hc.median(hc.asarray([1.0, 2.0]), axis=1)
    with pytest.raises(TypeError):
        hc.median(hc.asarray([1.0, 2.0]), axis=0.5)


# ---- percentile / quantile --------------------------------------------------------------------

@given(pair(dtypes=INTEGRAL + FLOAT + [np.dtype(np.float16)]), st.data())
@settings(deadline=None)
def test_np_percentile_quantile(p, data):
    a, h = p
    ax = data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim))))
    kd = data.draw(st.booleans())
    q = data.draw(st.one_of(st.integers(0, 100), st.floats(0, 100), st.sampled_from([0.0, 50, 100.0])))
    import warnings
    for f, qq in (("percentile", q), ("quantile", q / 100)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                e = getattr(np, f)(a, qq, axis=ax, keepdims=kd)
            except Exception as ex:
                with pytest.raises(type(ex)):
                    getattr(hc, f)(h, qq, axis=ax, keepdims=kd)
                continue
            r = getattr(hc, f)(h, qq, axis=ax, keepdims=kd)
        assert_same(r, np.asarray(e), signed_zero=False)


def test_np_percentile_other_methods_and_bad():
    a = np.array([[1.0, 5.0, 2.0, np.nan], [3.0, 0.0, -1.0, 7.0]])
    h = hc.asarray(a)
    for m in ("lower", "higher", "nearest", "midpoint", "weibull"):
        assert_same(hc.percentile(h, 40, axis=1, method=m), np.percentile(a, 40, axis=1, method=m))
    assert_same(hc.quantile(h, [0.1, 0.9], axis=0), np.quantile(a, [0.1, 0.9], axis=0))
    assert_same(hc.percentile(h[1], 100), np.percentile(a[1], 100))
    assert_same(hc.percentile(h, 30, axis=0), np.percentile(a, 30, axis=0))
    with pytest.raises(ValueError, match="percentile"):
        hc.percentile(h, 101)
    with pytest.raises(ValueError, match="quantile"):
        hc.quantile(h, -0.5)
    with pytest.raises(np.exceptions.AxisError):
        hc.quantile(h, 0.5, axis=3)


# ---- sort: counting sort of narrow integer lanes ----------------------------------------------

@pytest.mark.parametrize("dt", ["int32", "int64", "uint32", "uint64"])
@pytest.mark.parametrize("n", [255, 256, 1000, 70000])
@pytest.mark.parametrize("span", ["tiny", "n-1", "n", "wide"])
def test_sort_narrow_integers(dt, n, span):
    rng = np.random.default_rng(n)
    d = np.dtype(dt)
    hi = {"tiny": 3, "n-1": n - 1, "n": n, "wide": 4 * n}[span]
    a = rng.integers(0, hi, n, endpoint=True).astype(d)
    if d.kind == "i":
        a = (a - d.type(hi // 2)).astype(d)
    h = hc.asarray(a)
    assert_same(hc.sort(h), np.sort(a))
    assert_same(hc.sort(h, descending=True), np.sort(a)[::-1])
    b = np.stack([a, a[::-1]])[:, ::-1]
    assert_same(hc.sort(hc.asarray(b), axis=1), np.sort(b, axis=1))
    assert_same(hc.unique_values(h), np.unique(a))
    ii = np.iinfo(d)
    for base in (ii.min, ii.max - 3):
        c = (np.arange(n) % 4).astype(np.int64).astype(object) + int(base)
        c = np.array(c.tolist(), dtype=d)
        assert_same(hc.sort(hc.asarray(c)), np.sort(c))


# ---- AVX-512 sort's float pre-pass: blocks of 4 vectors without NaN/zero moved whole ---------

def _stable_desc_index(x):
    nan = np.isnan(x)
    return np.lexsort((np.arange(x.size), -np.where(nan, 0, x), ~nan))


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("n", [63, 64, 65, 128, 200, 1000, 4099])
@pytest.mark.parametrize("where", ["none", "first", "middle", "last", "dense"])
def test_sort_float_prepass_blocks(dt, n, where):
    """NaNs (distinct payloads) and -0/+0 before, between and after clean blocks: the result
    is bit for bit the stable sort's (NaN payloads and zero signs in input order), for
    contiguous, reversed and strided input, ascending and descending."""
    d = np.dtype(dt)
    u = np.dtype(f"uint{8 * d.itemsize}")
    rng = np.random.default_rng(n)
    a = rng.standard_normal(n).astype(d)
    pos = {"none": [], "first": [0, 1], "middle": [n // 2, n // 2 + 3],
           "last": [n - 1], "dense": list(range(0, n, 7))}[where]
    for k, i in enumerate(pos):
        if k % 3 == 0:
            a[i] = np.nan
            a.view(u)[i] |= u.type(k + 1)  # distinct payloads
        elif k % 3 == 1:
            a[i] = -0.0
        else:
            a[i] = 0.0
    if where != "none":
        a[n // 3] = -0.0
    for x in (a, a[::-1], a[::2]):
        h = hc.asarray(x)
        got = np.asarray(hc.sort(h)).view(u)
        assert np.array_equal(got, np.sort(x, kind="stable").view(u))
        got = np.asarray(hc.sort(h, descending=True)).view(u)
        assert np.array_equal(got, x[_stable_desc_index(x)].view(u))
