"""NumPy's names in the hcarray namespace (the drop-in layer) against NumPy itself."""

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcarray as np  # noqa: N813  (the point: NumPy code runs unchanged)
from strategies import FLOAT, INT, NUMERIC, REAL, assert_same, pair

hc = np


def test_types_and_constants():
    assert np.ndarray is hc._core.ndarray
    assert np.dtype is numpy.dtype and np.float32 is numpy.float32
    for n in ("generic", "number", "integer", "floating", "complexfloating", "bool_", "intp",
              "uintp"):
        assert getattr(np, n) is getattr(numpy, n)
    assert np.euler_gamma == numpy.euler_gamma and np.pi == numpy.pi and np.newaxis is None
    assert not hasattr(np, "float_")
    x = np.ones(3)
    assert isinstance(x, np.ndarray) and isinstance(x.dtype, np.dtype)
    assert np.issubdtype(x.dtype, np.floating) and np.ndim(x) == 1 and np.shape(x) == (3,)
    assert np.size(x) == 3 and np.iterable(x) and not np.isscalar(x) and np.isscalar(1.0)


def test_creation_numpy_forms():
    assert_same(np.zeros((2, 3), np.float32), numpy.zeros((2, 3), numpy.float32))
    assert_same(np.ones(4, dtype=np.int8), numpy.ones(4, dtype=numpy.int8))
    assert_same(np.full((2, 2), 7, np.int16), numpy.full((2, 2), 7, numpy.int16))
    assert_same(np.arange(10), numpy.arange(10))
    assert_same(np.arange(0, 1, 0.1), numpy.arange(0, 1, 0.1))
    assert_same(np.arange(2, 10, 3, np.float32), numpy.arange(2, 10, 3, numpy.float32))
    h, s = np.linspace(0, 1, 7, retstep=True)
    e, es = numpy.linspace(0, 1, 7, retstep=True)
    assert_same(h, e) and s == es
    assert_same(np.linspace(2, 3, num=4, endpoint=False), numpy.linspace(2, 3, num=4,
                                                                         endpoint=False))
    assert_same(np.linspace([0, 1], [2, 3], 3, axis=1), numpy.linspace([0, 1], [2, 3], 3, axis=1))
    assert_same(np.logspace(0, 2, 3), numpy.logspace(0, 2, 3))
    assert_same(np.eye(3, 4, 1, np.int32), numpy.eye(3, 4, 1, numpy.int32))
    assert_same(np.identity(3), numpy.identity(3))
    assert_same(np.array([[1, 2], [3, 4]], ndmin=3), numpy.array([[1, 2], [3, 4]], ndmin=3))
    assert_same(np.array([1.5, 2], dtype=np.float32), numpy.array([1.5, 2], numpy.float32))
    a = np.arange(3)
    assert np.array(a) is not a and np.asarray(a) is a and np.array(a, copy=None) is a
    assert_same(np.zeros_like([1, 2]), numpy.zeros_like([1, 2]))
    assert_same(np.full_like(np.arange(3), 2.7), numpy.full_like(numpy.arange(3), 2.7))
    assert_same(np.indices((2, 3)), numpy.indices((2, 3)))
    assert_same(np.fromfunction(lambda i, j: i + j, (2, 3)),
                numpy.fromfunction(lambda i, j: i + j, (2, 3)))
    assert_same(np.tri(3), numpy.tri(3)) and assert_same(np.diag([1, 2]), numpy.diag([1, 2]))
    xs, ys = np.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    exs, eys = numpy.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    assert_same(xs, exs) and assert_same(ys, eys)
    f = np.zeros((2, 3), order="F")
    assert f.flags.f_contiguous and not f.flags.c_contiguous


def test_creation_errors_name_function():
    with pytest.raises(TypeError, match="zeros"):
        np.zeros((2, 3), "not a dtype")
    with pytest.raises(ValueError, match="zeros"):
        np.zeros((-1,))
    with pytest.raises(TypeError, match="array"):
        np.array([1, 2], dtype="not a dtype")
    with pytest.raises(TypeError, match="arange"):
        np.arange()


@given(pair(dtypes=REAL, allow_special=False))
def test_reductions_vs_numpy(p):
    a, h = p
    for name in ("sum", "prod", "cumsum", "cumprod"):
        with numpy.errstate(all="ignore"):
            exp = numpy.asarray(getattr(numpy, name)(a))
        got = getattr(np, name)(h)
        if exp.dtype.kind in "fc" and name in ("prod", "cumprod"):
            # Products whose partial products can overflow depend on the order of the
            # multiplications (inf * 0 is NaN; a zero met before the overflow gives 0): skip
            # the arrays whose factors above 1 in magnitude multiply past the dtype's maximum.
            with numpy.errstate(all="ignore"):
                big = numpy.prod(numpy.where(numpy.abs(a) > 1, numpy.abs(a).astype(float), 1.0))
            if not big < float(numpy.finfo(exp.dtype).max):
                continue
        if exp.dtype.kind in "fc" and not numpy.isfinite(exp).all():
            # Overflow in sums: compare where both results are finite.
            g = numpy.asarray(got)
            fin = numpy.isfinite(exp) & numpy.isfinite(g)
            numpy.testing.assert_allclose(g[fin], exp[fin], rtol=1e-5, atol=1e-5)
            continue
        assert_same(got, exp, rtol=1e-5, atol=1e-5)
    if a.size:
        for name in ("max", "min", "amax", "amin", "ptp", "argmax", "argmin"):
            # which of -0.0 and +0.0 max/min return is implementation-defined: values only
            assert_same(getattr(np, name)(h), getattr(numpy, name)(a), signed_zero=False)
        if a.dtype.kind == "f" or a.size < 100:
            assert_same(np.mean(h), numpy.mean(a), rtol=1e-5, atol=1e-6)
            # hcarray's float32 std is the more exact (NumPy's loses digits on large equal
            # values), so the bound scales with the magnitude
            assert_same(np.std(h, ddof=0), numpy.std(a), rtol=1e-4,
                        atol=1e-6 * (1 + float(numpy.abs(a.astype(numpy.float64)).max())))
    if a.ndim >= 1 and a.shape[0] > 0:
        assert_same(np.sum(h, axis=0, keepdims=True), numpy.sum(a, axis=0, keepdims=True),
                    rtol=1e-5, atol=1e-5)
        assert_same(np.max(h, axis=0), numpy.max(a, axis=0), signed_zero=False)
        assert_same(np.any(h, axis=0), numpy.any(a, axis=0))


def test_reduction_numpy_keywords():
    a = numpy.arange(12.0).reshape(3, 4)
    h = np.asarray(a)
    assert_same(np.sum(h, initial=5), numpy.sum(a, initial=5))
    assert_same(np.max(h, axis=1, where=h > 2, initial=-1),
                numpy.max(a, axis=1, where=a > 2, initial=-1))
    assert_same(np.var(h, axis=0, ddof=1), numpy.var(a, axis=0, ddof=1), rtol=1e-12)
    assert_same(np.mean(h, dtype=np.float32), numpy.mean(a, dtype=numpy.float32))
    assert_same(np.mean(np.arange(5)), numpy.mean(numpy.arange(5)))
    out = np.zeros(4)
    r = np.sum(h, axis=0, out=out)
    assert r is out and out.tolist() == a.sum(0).tolist()
    assert_same(np.sum([1, 2, 3]), numpy.sum([1, 2, 3]))
    with pytest.raises(ValueError, match="max"):
        np.max(np.zeros(0))


@given(pair(dtypes=FLOAT, allow_special=False))
def test_math_delegates_vs_numpy(p):
    a, h = p
    for name in ("exp2", "cbrt", "deg2rad", "rad2deg", "fabs", "absolute", "arcsin", "arctan"):
        with numpy.errstate(all="ignore"):
            assert_same(getattr(np, name)(h), getattr(numpy, name)(a), rtol=2e-6, atol=1e-30)
    assert_same(np.round(h, 2), numpy.round(a, 2))
    assert_same(np.clip(h, -1, 1), numpy.clip(a, -1, 1))
    if a.size:
        assert_same(np.median(h), numpy.median(a))
        assert_same(np.percentile(h, 30), numpy.percentile(a, 30))
        assert_same(np.nanmax(h), numpy.nanmax(a))


def test_math_misc():
    a = numpy.array([1.0, numpy.nan, 3.0])
    h = np.asarray(a)
    assert_same(np.nansum(h), numpy.nansum(a)) and assert_same(np.nanmean(h), numpy.nanmean(a))
    assert_same(np.sqrt(2.0), numpy.asarray(numpy.sqrt(2.0)))
    assert_same(np.power([1, 2], 3), numpy.power([1, 2], 3))
    assert_same(np.mod(np.arange(5), 3), numpy.mod(numpy.arange(5), 3))
    assert np.allclose(h, h, equal_nan=True) is True or np.allclose(h, h, equal_nan=True)
    assert np.array_equal(np.arange(3), [0, 1, 2])
    assert_same(np.bincount(np.asarray([0, 1, 1, 3])), numpy.bincount([0, 1, 1, 3]))
    c, e = np.histogram(np.arange(10.0), bins=3)
    ec, ee = numpy.histogram(numpy.arange(10.0), bins=3)
    assert_same(c, ec) and assert_same(e, ee)
    assert_same(np.interp([0.5], [0, 1], [0, 10]), numpy.interp([0.5], [0, 1], [0, 10]))
    assert_same(np.cov(np.arange(6.0).reshape(2, 3)), numpy.cov(numpy.arange(6.0).reshape(2, 3)))
    assert_same(np.einsum("ij->j", np.ones((2, 3))), numpy.einsum("ij->j", numpy.ones((2, 3))))
    assert_same(np.dot(np.ones((2, 3)), np.ones(3)), numpy.dot(numpy.ones((2, 3)), numpy.ones(3)))
    assert_same(np.outer([1, 2], [3, 4]), numpy.outer([1, 2], [3, 4]))
    assert_same(np.cross([1, 0, 0], [0, 1, 0]), numpy.cross([1, 0, 0], [0, 1, 0]))
    assert_same(np.argwhere(np.arange(4) > 1), numpy.argwhere(numpy.arange(4) > 1))
    assert_same(np.diff([1, 4, 9], prepend=0), numpy.diff([1, 4, 9], prepend=0))
    with pytest.raises(TypeError, match="power"):
        np.power(np.ones(2), "x")


@given(pair(dtypes=NUMERIC, allow_special=False))
def test_shapes_vs_numpy(p):
    a, h = p
    assert_same(np.ravel(h), numpy.ravel(a))
    assert_same(np.transpose(h), numpy.transpose(a))
    assert_same(np.squeeze(h), numpy.squeeze(a))
    assert_same(np.atleast_2d(h), numpy.atleast_2d(a))
    assert_same(np.atleast_3d(h), numpy.atleast_3d(a))
    assert_same(np.expand_dims(h, (0, -1)), numpy.expand_dims(a, (0, -1)))
    if a.ndim >= 1:
        assert_same(np.concatenate([h, h]), numpy.concatenate([a, a]))
        assert_same(np.concatenate([h, h], axis=None), numpy.concatenate([a, a], axis=None))
        assert_same(np.stack([h, h], axis=-1), numpy.stack([a, a], axis=-1))
        assert_same(np.vstack([h, h]), numpy.vstack([a, a]))
        assert_same(np.hstack([h, h]), numpy.hstack([a, a]))
        assert_same(np.flipud(h), numpy.flipud(a))
        assert_same(np.roll(h, 1), numpy.roll(a, 1))
        for x, y in zip(np.array_split(h, 3), numpy.array_split(a, 3)):
            assert_same(x, y)
    if a.ndim >= 2:
        assert_same(np.swapaxes(h, 0, 1), numpy.swapaxes(a, 0, 1))
        assert_same(np.fliplr(h), numpy.fliplr(a))
        assert_same(np.dstack([h, h]), numpy.dstack([a, a]))
        assert_same(np.column_stack([h, h]), numpy.column_stack([a, a]))
        assert_same(np.rot90(h), numpy.rot90(a))


def test_split_views_and_errors():
    h = np.arange(12).reshape(3, 4)
    parts = np.split(h, 2, axis=1)
    parts[0][0, 0] = 100
    assert h[0, 0] == 100
    with pytest.raises(ValueError, match="split"):
        np.split(np.arange(5), 2)
    assert [p.shape for p in np.split(np.arange(9), [2, 5])] == [(2,), (3,), (4,)]
    with pytest.raises(ValueError, match="concatenate"):
        np.concatenate([np.ones(2), np.ones((2, 2))])


def test_where_sort_take():
    a = numpy.array([3, 1, 2, 5])
    h = np.asarray(a)
    assert_same(np.where(h > 2, h, 0), numpy.where(a > 2, a, 0))
    for x, y in zip(np.where(h > 2), numpy.where(a > 2)):
        assert_same(x, y)
    assert_same(np.sort(h), numpy.sort(a)) and assert_same(np.argsort(h), numpy.argsort(a))
    assert_same(np.sort(np.ones((2, 2)), axis=None), numpy.sort(numpy.ones((2, 2)), axis=None))
    assert_same(np.take(h, [[0, 1], [2, 3]]), numpy.take(a, [[0, 1], [2, 3]]))
    assert_same(np.repeat(h, 2), numpy.repeat(a, 2)) and assert_same(np.tile(h, 2),
                                                                     numpy.tile(a, 2))
    assert_same(np.unique([3, 1, 1]), numpy.unique([3, 1, 1]))


def test_linalg_fft_extras():
    m = numpy.array([[2.0, 1.0], [1.0, 3.0]])
    h = np.asarray(m)
    assert_same(np.linalg.norm(h), numpy.linalg.norm(m))
    w, v = np.linalg.eig(h)
    ew, ev = numpy.linalg.eig(m)
    assert_same(w, ew) and assert_same(v, ev)
    assert_same(np.linalg.eigvals(h), numpy.linalg.eigvals(m))
    assert_same(np.linalg.multi_dot([h, h, h]), numpy.linalg.multi_dot([m, m, m]))
    sol = np.linalg.lstsq(h, np.ones(2), rcond=None)
    assert_same(sol[0], numpy.linalg.lstsq(m, numpy.ones(2), rcond=None)[0])
    assert_same(np.fft.fft2(h), numpy.fft.fft2(m)) and assert_same(np.fft.irfft2(np.fft.rfft2(h)),
                                                                   numpy.fft.irfft2(
                                                                       numpy.fft.rfft2(m)))
    with pytest.raises(np.linalg.LinAlgError, match="eig"):
        np.linalg.eig(np.ones((2, 3)))


def test_printoptions_errstate():
    with np.printoptions(precision=2):
        assert str(np.asarray([1.23456])) == "[1.23]"
    with np.errstate(divide="ignore"):
        np.log(np.zeros(1))
    assert np.get_printoptions()["precision"] == 8
    assert np.geterr() == numpy.geterr()


def test_int_arguments_errors():
    with pytest.raises(TypeError, match="sum"):
        np.sum(["a"])
    with pytest.raises((TypeError, ValueError), match="nonzero"):
        np.nonzero(np.asarray(1))


@given(st.integers(0, 20), pair(dtypes=INT, allow_special=False))
def test_bincount_digitize(n, p):
    a, h = p
    assert_same(np.clip(h, -n, n), numpy.clip(a, -n, n))


# ---------------------------------------------------------------------------------------------
# NumPy-only dtypes (str, bytes, object, datetime): NumPy's arrays from the NumPy entry points


def test_text_arrays_are_numpy_arrays():
    s = np.array(["ana", "ben"])
    assert type(s) is numpy.ndarray and s.dtype == numpy.dtype("<U3")
    assert type(np.asarray(["x"])) is numpy.ndarray and np.asarray("xy").dtype == "<U2"
    assert np.array([1, 2], dtype=str).tolist() == ["1", "2"]
    assert np.array([1, None]).dtype == object and np.array(["a"], ndmin=2).shape == (1, 1)
    h = np.arange(6).reshape(2, 3)
    t = h.astype(str)
    assert type(t) is numpy.ndarray and t.tolist() == [["0", "1", "2"], ["3", "4", "5"]]
    assert h.astype("S2").dtype == numpy.dtype("S2")
    w = np.where(h > 2, "#", ".")
    assert type(w) is numpy.ndarray and w.tolist() == [[".", ".", "."], ["#", "#", "#"]]
    assert numpy.array_equal(np.array(list("SHDC"))[np.asarray([3, 0])], ["C", "S"])
    assert np.zeros(2, dtype=str).tolist() == ["", ""] and np.empty(1, dtype=object).dtype == object
    assert np.full(2, "ab").tolist() == ["ab", "ab"] and np.ones(1, dtype="U1").tolist() == ["1"]
    # functions given NumPy-only operands run NumPy's and give NumPy's result
    assert np.sort(s[::-1]).tolist() == ["ana", "ben"]
    assert np.concatenate([s, np.array(["c"])]).tolist() == ["ana", "ben", "c"]
    assert np.add(np.array(["a"]), np.array(["b"])).tolist() == ["ab"]
    eq = np.equal(s, "ben")  # a bool result hcarray can hold: hcarray
    assert isinstance(eq, np.ndarray) and eq.tolist() == [False, True]
    # the Array API's asarray stays strict
    from hcarray._creation_functions import asarray as api_asarray
    with pytest.raises(TypeError):
        api_asarray(["a"])


def test_datetime_and_calendar():
    d = np.arange("2024-03-01", "2024-03-05", dtype="datetime64[D]")
    assert type(d) is numpy.ndarray and d.dtype == numpy.dtype("datetime64[D]")
    busy = np.is_busday(d)
    assert isinstance(busy, np.ndarray) and busy.tolist() == [True, False, False, True]
    assert str(np.busday_offset("2024-03-09", 0, roll="forward")) == "2024-03-11"
    assert int(np.busday_count("2024-01-01", "2024-02-01")) == 23
    assert np.isnat(numpy.array(["NaT", "2024-01-01"], dtype="datetime64[D]")).tolist() == [
        True, False]
    with pytest.raises(ValueError, match="is_busday"):
        np.is_busday("not a date")


def test_char_and_strings():
    a, b = np.array(["a", "bc"]), np.array(["x", "y"])
    r = np.char.add(a, b)
    assert type(r) is numpy.ndarray and r.tolist() == ["ax", "bcy"]
    n = np.char.str_len(a)
    assert isinstance(n, np.ndarray) and n.tolist() == [1, 2]
    assert np.char.multiply(a, np.asarray([2, 1])).tolist() == ["aa", "bc"]
    assert np.strings.upper(a).tolist() == ["A", "BC"]
    assert isinstance(np.strings.find(a, "c"), np.ndarray)
    assert np.char.chararray is numpy.char.chararray
    import hcarray.strings as hs
    assert hs is np.strings
    with pytest.raises(TypeError, match="char.add"):
        np.char.add(a, np.asarray([1, 2]))


# ---------------------------------------------------------------------------------------------
# hcarray.lib.stride_tricks


@given(pair(dtypes=NUMERIC, shape=st.tuples(st.integers(1, 6), st.integers(1, 5))), st.data())
def test_sliding_window_view_matches_numpy(p, data):
    from hcarray.lib.stride_tricks import sliding_window_view
    a, h = p
    axis = data.draw(st.sampled_from([None, 0, 1, -1, (0, 1)]))
    if axis is None:
        win = (data.draw(st.integers(1, a.shape[0])), data.draw(st.integers(1, a.shape[1])))
    elif isinstance(axis, tuple):
        win = (data.draw(st.integers(1, a.shape[0])), data.draw(st.integers(1, a.shape[1])))
    else:
        win = data.draw(st.integers(0, a.shape[axis]))
    v = sliding_window_view(h, win, axis=axis)
    assert_same(v, numpy.lib.stride_tricks.sliding_window_view(a, win, axis=axis))
    assert not v.flags.writeable


def test_sliding_window_view_is_a_view():
    from hcarray.lib.stride_tricks import as_strided, sliding_window_view
    x = np.arange(10.0)
    w = sliding_window_view(x, 3)
    assert w.shape == (8, 3) and w.strides == (8, 8)
    x[1] = 100.0
    assert float(w[0, 1]) == 100.0 and float(w[1, 0]) == 100.0
    with pytest.raises(ValueError):
        w[0, 0] = 1.0
    ww = sliding_window_view(x, 2, writeable=True)
    ww[0, 0] = -1.0
    assert float(x[0]) == -1.0
    assert_same(sliding_window_view(numpy.arange(5), 2), numpy.lib.stride_tricks
                .sliding_window_view(numpy.arange(5), 2))
    s = as_strided(x, (3, 2), (8, 8))
    assert isinstance(s, np.ndarray) and s.tolist() == [[-1.0, 100.0], [100.0, 2.0], [2.0, 3.0]]
    x[2] = 7.0
    assert float(s[1, 1]) == 7.0
    with pytest.raises(ValueError, match="sliding_window_view"):
        sliding_window_view(x, 11)
    with pytest.raises(ValueError, match="sliding_window_view"):
        sliding_window_view(x, -1)
    with pytest.raises(ValueError, match="sliding_window_view"):
        sliding_window_view(x, (2, 2))
    with pytest.raises(numpy.exceptions.AxisError, match="sliding_window_view"):
        sliding_window_view(x, 2, axis=1)
    with pytest.raises(TypeError, match="sliding_window_view"):
        sliding_window_view(x, 2.5)
    assert np.lib.NumpyVersion("2.1.0") > "2.0.0"


# ---------------------------------------------------------------------------------------------
# hcarray.ma


def test_masked_arrays():
    raw = np.array([[12.0, -1.0, 15.5], [13.5, -1.0, 16.0]])
    m = np.ma.masked_less(raw, 0)
    nm = numpy.ma.masked_less(numpy.asarray(raw), 0)
    assert isinstance(m, np.ma.MaskedArray) and isinstance(m, numpy.ma.MaskedArray)
    assert str(m) == str(nm) and repr(m) == repr(nm)
    c = m.count(axis=0)
    assert_same(c, nm.count(axis=0))
    mean = m.mean(axis=1)
    assert isinstance(mean, np.ma.MaskedArray)
    assert_same(mean.filled(numpy.nan), nm.mean(axis=1).filled(numpy.nan))
    f = m.filled(numpy.nan)
    assert_same(f, nm.filled(numpy.nan))
    assert_same(np.ma.masked_invalid(f).compressed(), numpy.ma.masked_invalid(
        nm.filled(numpy.nan)).compressed())
    assert_same(np.ma.filled(m, 0.0), numpy.ma.filled(nm, 0.0))
    assert float(m.std()) == float(nm.std())
    assert np.ma.masked is numpy.ma.masked and np.ma.nomask is numpy.ma.nomask
    assert str(np.ma.add.reduce(m, axis=0)) == str(numpy.ma.add.reduce(nm, axis=0))
    assert type(m.mask) is numpy.ndarray
    with pytest.raises(Exception, match="ma.masked_where"):
        np.ma.masked_where(np.ones(2, dtype=bool), np.ones(3))


# ---------------------------------------------------------------------------------------------
# poly1d, searchsorted with lists, bytes(), svd(compute_uv=)


def test_poly1d():
    p = np.poly1d(np.array([1.0, 2.0, 3.0]))
    q = numpy.poly1d([1.0, 2.0, 3.0])
    assert str(p) == str(q) and repr(p) == repr(q)
    assert isinstance(p, numpy.poly1d)
    assert float(p(12.0)) == float(q(12.0))
    assert_same(p(np.arange(3.0)), q(numpy.arange(3.0)))
    assert_same(p.coeffs, q.coeffs) and assert_same(p.c, q.c)
    assert_same(p.roots, q.roots)
    assert isinstance(p * p, np.poly1d) and str(p * p) == str(q * q)
    assert isinstance(p + 1, np.poly1d) and str(1 - p) == str(1 - q)
    assert str(p.deriv()) == str(q.deriv()) and str(p.integ()) == str(q.integ())
    assert str(np.poly1d([1, 2], r=True)) == str(numpy.poly1d([1, 2], r=True))
    with pytest.raises(AttributeError):
        p.coeffs = np.zeros(3)


@given(pair(dtypes=INT + FLOAT, shape=st.tuples(st.integers(0, 8)), allow_special=False),
       st.lists(st.integers(-50, 50), max_size=5), st.sampled_from(["left", "right"]))
def test_searchsorted_lists(p, v, side):
    a, _ = p
    a = numpy.sort(a)
    h = np.asarray(a)
    assert_same(np.searchsorted(h, v, side=side), numpy.searchsorted(a, v, side=side))
    assert_same(np.searchsorted(a, v, side), numpy.searchsorted(a, v, side))
    assert int(np.searchsorted(h, 3, side=side)) == int(numpy.searchsorted(a, 3, side=side))
    order = numpy.argsort(a[::-1], kind="stable")
    assert_same(np.searchsorted(a[::-1], v, side, sorter=list(order)),
                numpy.searchsorted(a[::-1], v, side, sorter=order))


def test_searchsorted_errors_and_2d():
    with pytest.raises(ValueError, match="searchsorted"):
        np.searchsorted(np.arange(3), [1], side="middle")
    with pytest.raises(ValueError, match="searchsorted"):
        np.searchsorted(np.ones((2, 2)), [1])


def test_bytes_of_arrays():
    for a in (numpy.array([65, 66, 67], dtype=numpy.uint8), numpy.arange(6.0).reshape(2, 3).T,
              numpy.arange(10, dtype=numpy.int16)[::-3], numpy.array(3), numpy.array(2.5),
              numpy.zeros((0, 2))):
        assert bytes(np.asarray(a)) == bytes(a)


def test_svd_compute_uv():
    m = numpy.arange(12.0).reshape(4, 3) ** 1.5
    h = np.asarray(m)
    assert_same(np.linalg.svd(h, compute_uv=False), numpy.linalg.svd(m, compute_uv=False),
                rtol=1e-12, atol=1e-12)
    u, s, vt = np.linalg.svd(h, full_matrices=False)
    assert u.shape == (4, 3) and s.shape == (3,) and vt.shape == (3, 3)
    assert_same(np.linalg.svd(h, False, False), numpy.linalg.svd(m, False, False), rtol=1e-12,
                atol=1e-12)
    sym = h @ h.T
    assert_same(np.linalg.svd(sym, compute_uv=False, hermitian=True),
                numpy.linalg.svd(m @ m.T, compute_uv=False, hermitian=True), rtol=1e-9,
                atol=1e-9)
    with pytest.raises(ValueError, match="svd"):
        np.linalg.svd(np.ones(3), compute_uv=False)
    # NumPy arrays and lists are accepted, as NumPy's svd accepts them; text is not
    assert_same(np.linalg.svd(m, compute_uv=False), numpy.linalg.svd(m, compute_uv=False),
                rtol=1e-12, atol=1e-12)
    with pytest.raises(TypeError, match="svd"):
        np.linalg.svd(numpy.array([["a"]]), compute_uv=False)


# out= of the namespace's elementwise functions follows NumPy's casting='same_kind': a float
# result into an integer out raises (as np.exp does) instead of truncating; casts within a kind
# (float64 -> float32, int64 -> int8) are allowed as in NumPy.
@pytest.mark.parametrize("fn, args, out_dtype, ok", [
    ("exp", ([1.5, 2.5],), "int32", False),
    ("exp2", ([1.5, 2.5],), "int64", False),
    ("negative", ([1.5, -2.5],), "int16", False),
    ("add", ([1.5, 2.5], [1.0, 1.0]), "int32", False),
    ("multiply", ([1 + 2j], [2.0]), "float64", False),
    ("less", ([1.0], [2.0]), "int8", True),  # bool -> int8 is safe
    ("exp", ([1.5, 2.5],), "float32", True),
    ("add", (numpy.array([100, 27], numpy.int64), numpy.array([100, 1], numpy.int64)), "int8", True),
    ("sqrt", (numpy.array([4, 9], numpy.int32),), "float16", True),
])
def test_elementwise_out_casting_same_kind(fn, args, out_dtype, ok):
    nps = [numpy.asarray(a) for a in args]
    hs = [np.asarray(a) for a in nps]  # np is hcarray in this file
    n = numpy.broadcast_shapes(*[a.shape for a in nps])
    o_np = numpy.zeros(n, out_dtype)
    o_hc = np.asarray(o_np.copy())
    assert type(o_hc) is np.ndarray
    if ok:
        r = getattr(numpy, fn)(*nps, out=o_np)
        rh = getattr(np, fn)(*hs, out=o_hc)
        assert rh is o_hc
        numpy.testing.assert_array_equal(numpy.asarray(o_hc), r)
    else:
        with pytest.raises(TypeError):
            getattr(numpy, fn)(*nps, out=o_np)
        with pytest.raises(TypeError, match="same_kind"):
            getattr(np, fn)(*hs, out=o_hc)
        numpy.testing.assert_array_equal(numpy.asarray(o_hc), numpy.zeros(n, out_dtype))


_FLOATS = [numpy.dtype(numpy.float16), numpy.dtype(numpy.float32), numpy.dtype(numpy.float64)]


@given(pair(dtypes=_FLOATS), st.integers(-12, 25))
def test_round_decimals_native_is_numpys(p, decimals):
    # np.round(x, decimals) for float16/32/64 runs NumPy's three steps natively (scale by
    # 10**|decimals| as NumPy builds it, round half to even, unscale): NumPy's bits.
    a, h = p
    with numpy.errstate(all="ignore"):
        want = numpy.round(a, decimals)
        got = np.round(h, decimals)
        assert_same(got, want)
        assert_same(np.around(h, decimals), want)
        assert_same(h.round(decimals), want)


@given(pair(dtypes=[numpy.dtype(numpy.int64), numpy.dtype(numpy.float32),
                   numpy.dtype(numpy.bool_)], shape=st.tuples(st.integers(1, 6))),
       st.lists(st.integers(-6, 5), min_size=0, max_size=6), st.booleans())
def test_setitem_integer_list_on_first_axis(p, idx, as_numpy):
    a, h = p
    key = numpy.array(idx, dtype=numpy.int64) if as_numpy else idx
    a = a.copy()
    try:
        a[key] = 1
    except IndexError as e:
        with pytest.raises(IndexError) as got:
            h[key] = 1
        assert str(got.value) == str(e)
        return
    h[key] = 1
    assert_same(h, a)


# --- session 6 (cl6): large-n cliffs: real/imag without a copy, atleast_*d/dstack/column_stack
# of many rows or large blocks, iteration -----------------------------------------------------

_big2 = st.tuples(st.integers(16, 40), st.integers(16, 40))  # >= 256 rows: the strided-copy path


@given(pair(dtypes=NUMERIC + [numpy.dtype(numpy.bool_)]))
def test_real_imag_views_vs_numpy(p):
    a, h = p
    r, i = np.real(h), np.imag(h)
    assert_same(r, numpy.real(a))
    assert_same(i, numpy.imag(a))
    if a.dtype.kind != "c":
        assert r is h  # NumPy returns the input itself
        assert not i.flags.writeable and not numpy.imag(a).flags.writeable
    elif a.size:
        # views, as NumPy's: a write through them shows in h
        assert numpy.shares_memory(numpy.asarray(r), numpy.asarray(h))
        assert numpy.shares_memory(numpy.asarray(i), numpy.asarray(h))
    lst = [[1.5, 2.0], [3.0, 4.0]]
    assert_same(np.real(lst), numpy.real(lst))
    assert_same(np.imag(lst), numpy.imag(lst))
    assert np.real(2.5) == numpy.real(2.5) and np.imag(True) == numpy.imag(True)


@given(pair(dtypes=REAL + FLOAT, shape=_big2), pair(dtypes=REAL + FLOAT, shape=_big2),
       st.integers(1, 3))
def test_dstack_column_stack_large_vs_numpy(p, q, k):
    a, h = p
    b, g = q
    arrs_np, arrs_hc = [a] * k, [h] * k
    assert_same(np.dstack(arrs_hc), numpy.dstack(arrs_np))
    assert_same(np.column_stack(arrs_hc), numpy.column_stack(arrs_np))
    assert_same(np.dstack(h), numpy.dstack(a))  # an array: a sequence of its rows
    assert_same(np.column_stack(h), numpy.column_stack(a))
    assert_same(np.vstack(h), numpy.vstack(a))
    assert_same(np.row_stack(h), numpy.vstack(a))
    # 1-D columns, and mixed dtypes / shapes (promotion or NumPy's error)
    col, coln = h[:, 0], a[:, 0]
    assert_same(np.column_stack([col, col, h]), numpy.column_stack([coln, coln, a]))
    if a.shape == b.shape:
        assert_same(np.dstack([h, g]), numpy.dstack([a, b]))
        assert_same(np.column_stack([h, g]), numpy.column_stack([a, b]))
    elif a.shape[0] != b.shape[0]:
        with pytest.raises(ValueError):
            numpy.dstack([a, b])
        with pytest.raises(ValueError, match="concatenate"):
            np.dstack([h, g])
        with pytest.raises(ValueError, match="concatenate"):
            np.column_stack([h, g])


@given(pair(dtypes=REAL + FLOAT, shape=st.integers(0, 700).map(lambda n: (n,))))
def test_column_stack_dstack_1d_vs_numpy(p):
    a, h = p
    assert_same(np.column_stack([h, h]), numpy.column_stack([a, a]))
    assert_same(np.dstack([h, h]), numpy.dstack([a, a]))
    assert_same(np.atleast_2d(h), numpy.atleast_2d(a))
    assert_same(np.atleast_3d(h), numpy.atleast_3d(a))
    d2, d3 = np.atleast_2d(h), np.atleast_3d(h)
    if a.size:
        assert d2._shares_storage(h) and d3._shares_storage(h)  # views, as NumPy's


@given(pair(dtypes=NUMERIC))
def test_iteration_vs_numpy(p):
    a, h = p
    if a.ndim == 0:
        with pytest.raises(TypeError):
            iter(h)
        return
    got = list(h)
    assert len(got) == len(a)
    for x, y in zip(got, a):
        assert_same(x, numpy.asarray(y))
    for x, y in zip(np.unstack(h), numpy.unstack(a)):
        assert_same(x, numpy.asarray(y))
    if a.ndim >= 2:
        for x, y in zip(np.unstack(h, axis=-1), numpy.unstack(a, axis=-1)):
            assert_same(x, y)


@given(pair(dtypes=NUMERIC + [numpy.dtype(numpy.bool_)]), st.integers(1, 4),
       st.sampled_from([None, numpy.float32, numpy.int64, numpy.complex128]))
def test_array_from_list_of_hcarrays_vs_numpy(p, k, dt):
    # lists/tuples of hcarrays (rows, 0-d items of an iteration) are stacked natively
    a, h = p
    if dt is not None and a.dtype.kind == "c" and numpy.dtype(dt).kind != "c":
        dt = None  # NumPy warns (ComplexWarning) casting complex to real
    hs, ns = [h] * k, [a] * k
    for f in ("array", "asarray"):
        assert_same(getattr(np, f)(hs, dtype=dt), getattr(numpy, f)(ns, dtype=dt))
        assert_same(getattr(np, f)(tuple(hs)), getattr(numpy, f)(tuple(ns)))
    assert_same(hc.asarray(hs), numpy.asarray(ns))
    r = np.array(hs)
    assert not r._shares_storage(h)  # a new array
    if a.ndim >= 1:
        items_h, items_n = list(h), [numpy.asarray(v) for v in a]
        if items_h:
            assert_same(np.array(items_h, dtype=dt), numpy.array(items_n, dtype=dt))
            assert_same(np.concatenate((items_h, items_h)),
                        numpy.concatenate((items_n, items_n)))
            assert_same(np.sum(items_h, axis=0), numpy.sum(items_n, axis=0))
    # mixed dtypes promote, mixed shapes fail, Python scalars mixed in: as NumPy
    with numpy.errstate(invalid="ignore"):  # NaN/inf to int16: any value, the same in both
        other = a.astype(numpy.int16) if a.dtype.kind != "c" else a.astype(numpy.complex64)
    assert_same(np.asarray([h, np.asarray(other)]), numpy.asarray([a, other]))
    if a.ndim == 0:
        assert_same(np.asarray([h, 2]), numpy.asarray([a, 2]))
    else:
        with pytest.raises(ValueError):
            numpy.asarray([a, a[:0]]) if a.shape[0] else numpy.asarray([a, a[None]])
        with pytest.raises(ValueError, match="asarray"):
            np.asarray([h, h[:0]]) if a.shape[0] else np.asarray([h, h[None]])


@given(pair(dtypes=NUMERIC, shape=st.lists(st.integers(0, 7), min_size=1, max_size=3).map(tuple)),
       st.data())
def test_split_family_vs_numpy(p, data):
    # split pieces are basic-index views of the input, for every axis, sections and indices
    a, h = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    n = a.shape[axis]
    ios = data.draw(st.integers(1, 5) | st.lists(st.integers(-n - 3, n + 3), max_size=4))
    got, exp = np.array_split(h, ios, axis=axis), numpy.array_split(a, ios, axis=axis)
    assert len(got) == len(exp)
    for g, e in zip(got, exp):
        assert_same(g, e)
        assert g.size == 0 or numpy.shares_memory(numpy.asarray(g), numpy.asarray(h))
    try:
        exp = numpy.split(a, ios, axis=axis)
    except ValueError:
        with pytest.raises(ValueError, match="split"):
            np.split(h, ios, axis=axis)
    else:
        got = np.split(h, ios, axis=axis)
        assert len(got) == len(exp)
        for g, e in zip(got, exp):
            assert_same(g, e)
    for f, nd in (("hsplit", 1), ("vsplit", 2), ("dsplit", 3)):
        if a.ndim >= nd:
            try:
                exp = getattr(numpy, f)(a, ios)
            except ValueError:
                continue
            for g, e in zip(getattr(np, f)(h, ios), exp):
                assert_same(g, e)
