"""The fast paths of issue 6 (search, reduction and manipulation speed, session 4): nonzero /
argwhere / flatnonzero (branchless kernel), count_nonzero (one count pass over any dtype),
var/std (fused two-pass kernel, the bits of the composition), nansum/nanmean (native), int64
sum/prod, float prod, integer dot/matvec, mean of int64, diff and tile. NumPy is the oracle;
specs/reductions.md ("Search, reduction and manipulation speed, session 4")."""

import numpy
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from hcarray import _core, _statistical_functions as _stf
from strategies import ALL, BOOL, COMPLEX, FLOAT, INTEGRAL, assert_same, np_arrays, pair

np = hc

long1d = hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=700)
shapes_1_3 = hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=9)


def _masks(shape=long1d):
    """bool arrays of any density: runs of False (the skipped words) and dense stretches."""
    return np_arrays(BOOL, shape)


# --------------------------------------------------------------------------------------------
# nonzero, argwhere, flatnonzero, count_nonzero


@given(pair(ALL))
def test_nonzero_any_dtype_layout(p):
    a, h = p
    if a.ndim == 0:
        with pytest.raises(ValueError, match="nonzero"):
            hc.nonzero(h)
        return
    got = hc.nonzero(h)
    exp = numpy.nonzero(a)
    assert len(got) == len(exp)
    for g, e in zip(got, exp):
        assert_same(g, e.astype(numpy.int64))


@given(st.one_of(pair([numpy.dtype(bool)], long1d), pair([numpy.dtype(bool)], shapes_1_3)))
def test_nonzero_masks_long_and_strided(p):
    a, h = p
    for g, e in zip(hc.nonzero(h), numpy.nonzero(a)):
        assert_same(g, e.astype(numpy.int64))
    assert_same(np.argwhere(h), numpy.argwhere(a).astype(numpy.int64))
    assert_same(np.flatnonzero(h), numpy.flatnonzero(a).astype(numpy.int64))


@given(pair(ALL))
def test_argwhere_flatnonzero_any_dtype(p):
    a, h = p
    assert_same(np.argwhere(h), numpy.argwhere(a).astype(numpy.int64))
    assert_same(np.flatnonzero(h), numpy.flatnonzero(a).astype(numpy.int64))


def test_nonzero_dense_sparse_and_array_likes():
    for m in (numpy.zeros(1000, bool), numpy.ones(1001, bool), numpy.arange(997) % 9 == 0):
        (g,) = hc.nonzero(hc.asarray(m))
        assert_same(g, numpy.nonzero(m)[0])
        assert_same(np.flatnonzero(m), numpy.flatnonzero(m))
    assert_same(np.argwhere([[0, 1], [2, 0]]), numpy.argwhere([[0, 1], [2, 0]]))
    assert_same(np.argwhere(numpy.float32(3)), numpy.argwhere(numpy.float32(3)))


@given(pair(ALL), st.booleans())
def test_count_nonzero_all_elements(p, keepdims):
    a, h = p
    exp = numpy.count_nonzero(a, axis=None, keepdims=keepdims)
    got = hc.count_nonzero(h, keepdims=keepdims)
    assert_same(got, numpy.asarray(exp, dtype=numpy.int64))
    assert_same(np.count_nonzero(h), numpy.asarray(numpy.count_nonzero(a), dtype=numpy.int64))


@given(pair(ALL, long1d))
def test_count_nonzero_long_runs(p):
    a, h = p  # runs longer than the 240-element blocks of the byte counter
    assert int(np.count_nonzero(h)) == numpy.count_nonzero(a)


def test_count_nonzero_float_zeros_nan_and_errors():
    a = numpy.array([0.0, -0.0, numpy.nan, numpy.inf, 1e-310, -1e-310] * 50)
    for dt in (numpy.float16, numpy.float32, numpy.float64, numpy.complex64, numpy.complex128):
        b = a.astype(dt)
        assert int(np.count_nonzero(b)) == numpy.count_nonzero(b)
        assert int(hc.count_nonzero(hc.asarray(b)[::-3])) == numpy.count_nonzero(b[::-3])
    c = numpy.array([0j, complex(0, -0.0), 1j, complex(numpy.nan, 0)])
    assert int(np.count_nonzero(c)) == numpy.count_nonzero(c)
    from hcarray import _searching_functions as _sf
    with pytest.raises(TypeError, match="count_nonzero"):
        _sf.count_nonzero([1, 2])  # the Array API function takes arrays only
    with pytest.raises(TypeError, match="count_nonzero"):
        _sf.count_nonzero(hc.asarray([1, 2]), keepdims=1)
    with pytest.raises(TypeError, match="count_nonzero"):
        hc.count_nonzero(hc.asarray([1, 2]), keepdims="x")
    with pytest.raises(numpy.exceptions.AxisError):
        hc.count_nonzero(hc.asarray([1, 2]), axis=1)


# --------------------------------------------------------------------------------------------
# var / std: the fused kernel gives the composition's bits


def _composed(x, axis, correction, keepdims, fn):
    v = _stf._var(x, axis, correction, keepdims, fn)
    return _core.unary("sqrt", v) if fn == "std" else v


@settings(max_examples=60)
@given(st.sampled_from(FLOAT), hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=40),
       st.integers(0, 3), st.sampled_from([0, 1, 2.5, -1, 1000]), st.booleans(),
       st.sampled_from(["var", "std"]), st.data())
def test_var_std_fused_matches_composition(dt, shape, k, correction, keepdims, fn, data):
    a = data.draw(hnp.arrays(dt, shape, elements=st.floats(-1e6, 1e6, width=dt.itemsize * 8)))
    h = hc.asarray(a)
    k = min(k, a.ndim)
    axis = None if k == a.ndim else tuple(range(a.ndim - k, a.ndim)) or None
    if axis is None and k < a.ndim:
        axis = a.ndim - 1
    f = getattr(hc, fn)
    got = f(h, axis=axis, correction=correction, keepdims=keepdims)
    assert_same(got, numpy.asarray(_composed(h, axis, correction, keepdims, fn)))
    exp = getattr(numpy, fn)(a.astype(numpy.float64), axis=axis, ddof=correction, keepdims=keepdims)
    with numpy.errstate(all="ignore"):
        ok = numpy.isfinite(exp)
    tol = 1e-4 if dt == numpy.float32 else 1e-11
    g = numpy.asarray(got).astype(numpy.float64)
    numpy.testing.assert_allclose(g[ok], exp[ok], rtol=tol, atol=tol * numpy.abs(a).max())


@pytest.mark.parametrize("dt", [numpy.float32, numpy.float64])
@pytest.mark.parametrize("fn", ["var", "std"])
def test_var_std_large_same_bits_any_thread_count(dt, fn):
    # Above the parallel threshold: 16 fixed chunks, as the reduction of the materialised array.
    a = (numpy.random.default_rng(5).standard_normal(300_001) * 3 + 1e3).astype(dt)
    h = hc.asarray(a)
    old = hc.get_num_threads()
    try:
        res = []
        for t in (1, 2, 3):
            hc.set_num_threads(t)
            res.append(numpy.asarray(getattr(hc, fn)(h, correction=1)))
        comp = numpy.asarray(_composed(h, None, 1, False, fn))
    finally:
        hc.set_num_threads(old)
    for r in res:
        assert r.tobytes() == comp.tobytes()
    numpy.testing.assert_allclose(res[0], getattr(numpy, fn)(a.astype(numpy.float64), ddof=1),
                                  rtol=1e-5 if dt == numpy.float32 else 1e-12)


@given(pair(FLOAT + COMPLEX + INTEGRAL), st.sampled_from([0, 1]))
def test_var_std_every_layout_vs_numpy(p, ddof):
    a, h = p
    with numpy.errstate(all="ignore"):
        for fn in ("var", "std"):
            exp = getattr(numpy, fn)(a, ddof=ddof)
            got = getattr(np, fn)(h, ddof=ddof)
            if a.size - ddof <= 0 or not numpy.isfinite(exp):
                continue
            assert numpy.asarray(got).dtype == numpy.asarray(exp).dtype
            tol = 1e-5 if numpy.asarray(exp).dtype in (numpy.float32,) else 1e-10
            numpy.testing.assert_allclose(numpy.asarray(got), exp, rtol=tol,
                                          atol=tol * float(numpy.abs(a).max(initial=0)))


def test_var_std_special_and_errors():
    h = hc.asarray(numpy.array([1.0, numpy.nan, 3.0]))
    assert numpy.isnan(float(hc.var(h))) and numpy.isnan(float(hc.std(h)))
    assert numpy.isnan(float(hc.var(hc.asarray([1.0, 2.0]), correction=2)))
    assert float(hc.var(hc.asarray(numpy.full(1000, 0.1, numpy.float32)))) == 0.0
    with pytest.raises(TypeError, match="var"):
        hc.var(h, correction="1")
    with pytest.raises(ValueError, match="std"):
        hc.std(h, correction=float("nan"))
    with pytest.raises(numpy.exceptions.AxisError):
        hc.var(h, axis=1)


# --------------------------------------------------------------------------------------------
# nansum / nanmean


@given(pair(FLOAT + COMPLEX + INTEGRAL + BOOL), st.booleans(), st.data())
def test_nansum_nanmean_vs_numpy(p, keepdims, data):
    a, h = p
    axis = data.draw(st.sampled_from([None] + list(range(a.ndim))))
    exp = numpy.nansum(a, axis=axis, keepdims=keepdims)
    got = np.nansum(h, axis=axis, keepdims=keepdims)
    assert numpy.asarray(got).dtype == numpy.asarray(exp).dtype
    assert numpy.asarray(got).shape == numpy.asarray(exp).shape
    with numpy.errstate(all="ignore"):
        g, e = numpy.asarray(got), numpy.asarray(exp)
        if g.dtype.kind == "c":  # parts compared separately (complex infinities)
            g, e = numpy.stack([g.real, g.imag]), numpy.stack([e.real, e.imag])
        numpy.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-30)
        # The same sum as sum() of the array with its NaNs replaced by 0 (bits).
        if a.dtype.kind in "fc" and a.flags.c_contiguous:
            z = numpy.where(numpy.isnan(a), 0, a).astype(a.dtype)
            assert_same(got, numpy.asarray(np.sum(hc.asarray(z), axis=axis, keepdims=keepdims)),
                        signed_zero=False)
    if a.dtype.kind == "c":
        return
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expm = numpy.nanmean(a, axis=axis, keepdims=keepdims)
        gotm = np.nanmean(h, axis=axis, keepdims=keepdims)
    assert numpy.asarray(gotm).dtype == numpy.asarray(expm).dtype
    with numpy.errstate(all="ignore"):
        numpy.testing.assert_allclose(numpy.asarray(gotm), expm, rtol=1e-5, atol=1e-30)


def test_nanmean_all_nan_warns_and_errors():
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        r = np.nanmean(numpy.array([[numpy.nan, 1.0], [numpy.nan, numpy.nan]]), axis=1)
    numpy.testing.assert_array_equal(numpy.asarray(r), [1.0, numpy.nan])
    assert_same(np.nansum(numpy.array([1.0, numpy.nan]), dtype=numpy.float32),
                numpy.asarray(numpy.float32(1.0)))
    with pytest.raises(numpy.exceptions.AxisError):
        np.nansum(numpy.ones(3), axis=2)
    with pytest.raises(TypeError, match="nansum"):
        np.nansum(numpy.ones(3), keepdims="x")


# --------------------------------------------------------------------------------------------
# Integer sums/products, float products, mean of int64, integer dot


@given(pair(INTEGRAL + FLOAT, long1d))
def test_sum_prod_1d_exact(p):
    a, h = p
    with numpy.errstate(all="ignore"):
        if a.dtype.kind in "iu":
            assert_same(np.sum(h), numpy.asarray(numpy.sum(a)))
            assert_same(np.prod(h), numpy.asarray(numpy.prod(a)))
        elif a.flags.c_contiguous or a.ndim == 1:
            # NumPy multiplies in order: the same roundings.
            assert_same(np.prod(h), numpy.asarray(numpy.prod(a)))


def test_int64_sum_prod_wrap_and_axis():
    rng = numpy.random.default_rng(2)
    a = rng.integers(-2**63, 2**63 - 1, size=(7, 1001), dtype=numpy.int64, endpoint=True)
    for x in (a, a[:, ::-1], a.astype(numpy.uint64)):
        h = hc.asarray(x)
        assert_same(np.sum(h), numpy.asarray(numpy.sum(x)))
        assert_same(np.sum(h, axis=1), numpy.sum(x, axis=1))
        assert_same(np.prod(h, axis=1), numpy.prod(x, axis=1))
        assert_same(np.prod(h), numpy.asarray(numpy.prod(x)))


@given(pair(INTEGRAL, shapes_1_3))
def test_mean_of_integers(p):
    a, h = p
    if a.size == 0:
        return
    got = np.mean(h)
    ref = hc.mean(_core.astype(h, numpy.float64))
    assert_same(got, numpy.asarray(ref))
    numpy.testing.assert_allclose(numpy.asarray(got), numpy.mean(a), rtol=1e-12)


@given(st.sampled_from(INTEGRAL), st.integers(0, 300), st.sampled_from([1, 2, -1, -3]), st.data())
def test_integer_dot_wraps_as_numpy(dt, n, step, data):
    info = numpy.iinfo(dt)
    el = st.integers(int(info.min), int(info.max))
    a = data.draw(hnp.arrays(dt, n * abs(step), elements=el))[::step]
    b = data.draw(hnp.arrays(dt, n * abs(step), elements=el))[::step]
    assert_same(np.dot(hc.asarray(a), hc.asarray(b)), numpy.asarray(numpy.dot(a, b)))
    assert_same(hc.asarray(a) @ hc.asarray(b), numpy.asarray(a @ b))
    m = data.draw(hnp.arrays(dt, (3, n), elements=el))
    assert_same(np.dot(hc.asarray(m), hc.asarray(a)), numpy.dot(m, a))
    assert_same(np.dot(hc.asarray(b), hc.asarray(m.T)), numpy.dot(b, m.T))
    assert_same(hc.asarray(m)[:, ::-1] @ hc.asarray(a), m[:, ::-1] @ a)


def test_integer_dot_errors():
    with pytest.raises(ValueError, match="matmul"):
        hc.asarray(numpy.arange(3)) @ hc.asarray(numpy.arange(4))


# --------------------------------------------------------------------------------------------
# diff and tile


@given(pair(ALL, hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=30)))
def test_diff_1d_fast_path(p):
    a, h = p
    if a.dtype.kind in "u":
        with numpy.errstate(all="ignore"):
            exp = numpy.diff(a)
    else:
        with numpy.errstate(all="ignore"):
            exp = numpy.diff(a)
    with numpy.errstate(all="ignore"):
        assert_same(np.diff(h), exp)
        assert_same(np.diff(h, 1, -1), exp)
        assert_same(np.diff(h, n=2), numpy.diff(a, n=2))
        assert_same(np.diff(h, prepend=a[:1]), numpy.diff(a, prepend=a[:1]))


def test_diff_errors():
    with pytest.raises(ValueError, match="diff"):
        np.diff(hc.asarray(3.0))
    with pytest.raises((ValueError, TypeError)):
        np.diff(hc.asarray([1, 2, 3]), n=-1)


@given(pair(ALL), st.lists(st.integers(0, 3), min_size=0, max_size=4))
def test_tile_vs_numpy(p, reps):
    a, h = p
    got = np.tile(h, tuple(reps))
    assert_same(got, numpy.tile(a, tuple(reps)))
    if reps and all(r == 1 for r in reps) and a.size:
        assert not numpy.shares_memory(numpy.asarray(got), a)  # always a copy


def test_tile_errors():
    with pytest.raises(ValueError, match="tile"):
        np.tile(hc.asarray([1, 2]), -1)
    with pytest.raises(TypeError, match="tile"):
        np.tile(hc.asarray([1, 2]), 1.5)


# --------------------------------------------------------------------------------------------
# linalg.norm


@given(pair(FLOAT + INTEGRAL + BOOL + COMPLEX))
def test_linalg_norm_vs_numpy(p):
    a, h = p
    with numpy.errstate(all="ignore"):
        exp = numpy.linalg.norm(a)
        got = hc.linalg.norm(h)
    g = numpy.asarray(got)
    assert isinstance(got, hc.ndarray) and g.dtype == numpy.asarray(exp).dtype
    if numpy.isfinite(exp):
        numpy.testing.assert_allclose(g, exp, rtol=1e-5 if g.dtype == numpy.float32 else 1e-12)
    if a.ndim:
        assert_same(hc.linalg.norm(h, axis=0), numpy.linalg.norm(a, axis=0), rtol=1e-5, atol=1e-30)


def test_linalg_norm_errors():
    with pytest.raises(ValueError):
        hc.linalg.norm(hc.asarray([1.0, 2.0]), ord="fro")
    with pytest.raises(numpy.exceptions.AxisError):
        hc.linalg.norm(hc.asarray([1.0, 2.0]), axis=3)
