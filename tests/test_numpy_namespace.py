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
        np.array(["a", "b"])
    with pytest.raises(TypeError, match="arange"):
        np.arange()


@given(pair(dtypes=REAL, allow_special=False))
def test_reductions_vs_numpy(p):
    a, h = p
    for name in ("sum", "prod", "cumsum", "cumprod"):
        assert_same(getattr(np, name)(h), getattr(numpy, name)(a), rtol=1e-5, atol=1e-5)
    if a.size:
        for name in ("max", "min", "amax", "amin", "ptp", "argmax", "argmin"):
            assert_same(getattr(np, name)(h), getattr(numpy, name)(a))
        if a.dtype.kind == "f" or a.size < 100:
            assert_same(np.mean(h), numpy.mean(a), rtol=1e-5, atol=1e-6)
            assert_same(np.std(h, ddof=0), numpy.std(a), rtol=1e-4, atol=1e-6)
    if a.ndim >= 1 and a.shape[0] > 0:
        assert_same(np.sum(h, axis=0, keepdims=True), numpy.sum(a, axis=0, keepdims=True),
                    rtol=1e-5, atol=1e-5)
        assert_same(np.max(h, axis=0), numpy.max(a, axis=0))
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
