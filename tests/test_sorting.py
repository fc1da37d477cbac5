"""sort and argsort against NumPy: every dtype x shapes x strides, NaNs, stability, descending,
complex order, bad input."""

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import ALL, COMPLEX, FLOAT, HALF, INTEGRAL, assert_same, pair

BF16 = np.dtype(ml_dtypes.bfloat16)
nd_shapes = hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=6)


def ref(a):
    """a in a dtype NumPy sorts natively with the same order (16-bit floats widen exactly)."""
    return a.astype(np.float32) if a.dtype in HALF else a


def np_argsort(a, axis, descending):
    """NumPy's stable argsort; descending as the standard wants it: the reverse order with equal
    elements (NaNs included) still in their original order."""
    r = ref(a)
    if not descending:
        return np.argsort(r, axis=axis, kind="stable")
    n = r.shape[axis]
    flipped = np.argsort(np.flip(r, axis), axis=axis, kind="stable")
    return np.flip(n - 1 - flipped, axis)


def np_sort(a, axis, descending):
    return np.take_along_axis(a, np_argsort(a, axis, descending), axis)


def values_equal(h, expected):
    """Equal values (NaN == NaN, -0 == +0): what an unstable sort guarantees."""
    got = np.asarray(h)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    if got.dtype == BF16:
        got, expected = got.astype(np.float32), expected.astype(np.float32)
    np.testing.assert_array_equal(got, expected)


@given(pair(dtypes=ALL, shape=nd_shapes), st.data())
def test_sort_argsort(p, data):
    a, h = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1), label="axis")
    descending = data.draw(st.booleans(), label="descending")
    stable = data.draw(st.booleans(), label="stable")
    idx = hc.argsort(h, axis=axis, descending=descending, stable=stable)
    # Ours is always stable, so even stable=False gives exactly the stable permutation.
    assert_same(idx, np_argsort(a, axis, descending))
    got = hc.sort(h, axis=axis, descending=descending, stable=stable)
    if stable:
        assert_same(got, np_sort(a, axis, descending))  # signed zeros in their original order
    else:
        values_equal(got, np_sort(a, axis, descending))
    assert np.asarray(h).tobytes() == a.tobytes() or a.dtype == BF16  # input untouched


@given(pair(dtypes=INTEGRAL + FLOAT, shape=nd_shapes, allow_special=False), st.data())
def test_sort_defaults_match_numpy(p, data):
    a, h = p
    assert_same(hc.sort(h), np.sort(a, kind="stable"))
    assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    assert_same(hc.argsort(h, axis=axis), np.argsort(a, axis=axis, kind="stable"))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, BF16])
def test_nan_inf_signed_zero_order(dtype):
    vals = [np.nan, 1.0, -np.inf, -0.0, np.inf, 0.0, np.nan, -1.0, 0.0, -0.0]
    a = np.array(vals, dtype=np.float32).astype(dtype)
    h = hc.asarray(a)
    assert_same(hc.argsort(h), [2, 7, 3, 5, 8, 9, 1, 4, 0, 6])
    assert_same(hc.sort(h), a[[2, 7, 3, 5, 8, 9, 1, 4, 0, 6]])
    # Descending: NaNs first (in their order), then the stable reverse.
    assert_same(hc.argsort(h, descending=True), [0, 6, 4, 1, 3, 5, 8, 9, 7, 2])
    assert_same(hc.sort(h, descending=True), a[[0, 6, 4, 1, 3, 5, 8, 9, 7, 2]])


def test_stability_many_duplicates():
    rng = np.random.default_rng(0)
    for dtype in [np.int8, np.uint16, np.int64, np.float32, np.float64]:
        a = rng.integers(0, 5, size=5000).astype(dtype)
        h = hc.asarray(a)
        assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
        assert_same(hc.argsort(h, stable=False), np.argsort(a, kind="stable"))
        assert_same(hc.argsort(h, descending=True), np_argsort(a, 0, True))


def test_large_with_nans():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((7, 3001))
    a[rng.random(a.shape) < 0.05] = np.nan
    h = hc.asarray(a)
    for axis in (0, 1):
        assert_same(hc.sort(h, axis=axis), np.sort(a, axis=axis, kind="stable"))
        assert_same(hc.argsort(h, axis=axis), np.argsort(a, axis=axis, kind="stable"))
        assert_same(hc.sort(h, axis=axis, stable=False), np.sort(a, axis=axis))
        assert_same(hc.sort(h, axis=axis, descending=True), np_sort(a, axis, True))


@pytest.mark.parametrize("dtype", COMPLEX)
def test_complex_lexicographic(dtype):
    n = np.nan
    vals = [complex(1, n), complex(n, 1), 5 + 1j, 1 + 2j, complex(n, n), complex(2, n),
            complex(n, 0), 1 + 1j, 5 + 1j, complex(1, n), -3 - 0j, complex(n, n)]
    a = np.array(vals, dtype=dtype)
    h = hc.asarray(a)
    order = np.argsort(a, kind="stable")
    assert_same(hc.argsort(h), order)
    assert_same(hc.sort(h), np.sort(a, kind="stable"))
    assert_same(hc.argsort(h, descending=True), np_argsort(a, 0, True))


def test_bool():
    a = np.array([True, False, True, False, False])
    h = hc.asarray(a)
    assert_same(hc.sort(h), np.sort(a))
    assert_same(hc.argsort(h), np.argsort(a, kind="stable"))
    assert_same(hc.sort(h, descending=True), a[[0, 2, 1, 3, 4]])


def test_results_are_new_c_contiguous():
    a = np.arange(24, dtype=np.int32).reshape(2, 3, 4)[:, ::-1, ::2]
    h = hc.asarray(a)
    for axis in (0, 1, 2):
        s = hc.sort(h, axis=axis)
        assert np.asarray(s).flags.c_contiguous
        assert not s._shares_storage(h)
        assert np.asarray(hc.argsort(h, axis=axis)).flags.c_contiguous


def test_empty_and_size_one():
    for shape, axis in [((0,), 0), ((3, 0), 0), ((0, 4), 1), ((1,), -1), ((2, 1, 0), 1)]:
        a = np.zeros(shape, dtype=np.float32)
        h = hc.asarray(a)
        assert_same(hc.sort(h, axis=axis), np.sort(a, axis=axis))
        assert_same(hc.argsort(h, axis=axis), np.argsort(a, axis=axis))


@pytest.mark.parametrize("fn", [hc.sort, hc.argsort])
def test_bad_input(fn):
    name = fn.__name__
    h = hc.asarray(np.arange(6.0).reshape(2, 3))
    strict = getattr(hc._sorting_functions, name)  # the standard's: hcarray only
    with pytest.raises(TypeError, match=name):
        strict(np.arange(3))
    with pytest.raises(TypeError, match=name):
        strict([3, 1, 2])
    # The top-level names are NumPy's: array_likes, axis=None flattens.
    assert_same(fn(np.array([3, 1, 2])), getattr(np, name)(np.array([3, 1, 2])))
    assert_same(fn([[3, 1], [0, 2]], axis=None), getattr(np, name)([[3, 1], [0, 2]], axis=None))
    for axis in (2, -3):
        with pytest.raises((IndexError, ValueError), match=name):
            fn(h, axis=axis)
    with pytest.raises(TypeError, match=name):
        fn(h, axis=1.0)
    with pytest.raises(TypeError, match=name):
        fn(h, axis=True)
    with pytest.raises(TypeError, match=name):
        fn(h, descending="yes")
    with pytest.raises(TypeError, match=name):
        strict(h, stable=None)
    with pytest.raises(TypeError):
        strict(h, 0)  # the standard's axis is keyword-only
    # NumPy's: stable=None is the default, axis may be positional.
    a = np.arange(6.0).reshape(2, 3)[:, ::-1]
    assert_same(fn(hc.asarray(a), stable=None), getattr(np, name)(a, stable=None))
    assert_same(fn(hc.asarray(a), 0), getattr(np, name)(a, 0))
    # 0-d: no axis to sort along (NumPy's sort raises AxisError too; NumPy's argsort of a 0-d
    # array gives array([0]), which the top-level argsort follows).
    with pytest.raises((IndexError, ValueError), match=name):
        strict(hc.asarray(5.0))
    if name == "sort":
        with pytest.raises((IndexError, ValueError), match=name):
            fn(hc.asarray(5.0))
    else:
        assert_same(fn(hc.asarray(5.0)), np.argsort(np.array(5.0)))


def test_broadcast_and_unaligned_inputs():
    # Stride-0 (broadcast) lanes and a misaligned borrowed buffer.
    b = hc.broadcast_to(hc.asarray(np.array([3.0, np.nan, 1.0, 2.0])), (3, 4))
    nb = np.broadcast_to(np.array([3.0, np.nan, 1.0, 2.0]), (3, 4))
    for axis in (0, 1):
        assert_same(hc.sort(b, axis=axis), np.sort(nb, axis=axis, kind="stable"))
        assert_same(hc.argsort(b, axis=axis), np.argsort(nb, axis=axis, kind="stable"))
        assert_same(hc.argsort(b, axis=axis, descending=True), np_argsort(nb, axis, True))
    raw = bytearray(8 * 9 + 1)
    u = np.frombuffer(raw, dtype=np.float64, offset=1)
    u[:] = [5.0, -1.0, np.nan, 2.0, 2.0, 0.0, -0.0, 7.0, 1.0]
    h = hc.asarray(u)
    assert_same(hc.sort(h), np.sort(u, kind="stable"))
    assert_same(hc.argsort(h), np.argsort(u, kind="stable"))
    assert_same(hc.argsort(h[::-1]), np.argsort(u[::-1], kind="stable"))
    assert int(hc.argmax(h)) == 2
    assert_same(hc.unique_counts(h).counts, np.unique_counts(np.sort(u)).counts)
    s = np.frombuffer(bytearray(8 * 4 + 3), dtype=np.float64, offset=3)
    s[:] = [0.0, 1.0, 2.0, 3.0]
    assert_same(hc.searchsorted(hc.asarray(s), h), np.searchsorted(s, u))
