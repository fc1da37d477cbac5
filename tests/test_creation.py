"""Creation functions against NumPy: values, dtypes, shapes, memory ownership and errors."""

import math

import ml_dtypes
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import ALL, FLOAT, INT, NUMERIC, REAL, UINT, assert_same, pair

small_shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4)
dtypes = st.sampled_from(ALL)


def owned(x):
    """True when x is C-contiguous and its bytes lie in memory the core allocator holds."""
    if not isinstance(x, hc.ndarray) or not x._c_contiguous:
        return False
    return x.nbytes <= hc._core._memory_stats()["bytes_in_use"]


def allocates(make):
    """Calls make(); True when the core allocator served at least one allocation for it."""
    before = hc._core._memory_stats()["allocations"]
    r = make()
    return r, hc._core._memory_stats()["allocations"] > before


# --------------------------------------------------------------------------------------------
# zeros / ones / empty / full and the *_like forms


@given(shape=small_shapes, dtype=dtypes)
def test_zeros_ones_empty(shape, dtype):
    assert_same(hc.zeros(shape, dtype=dtype), np.zeros(shape, dtype=dtype))
    assert_same(hc.ones(shape, dtype=dtype), np.ones(shape, dtype=dtype))
    e = hc.empty(shape, dtype=dtype)
    assert e.shape == shape and e.dtype == dtype and owned(e)


def test_default_dtypes_and_int_shape():
    assert hc.zeros(3).dtype == np.float64 and hc.zeros(3).shape == (3,)
    assert hc.ones(()).shape == () and hc.ones(()).dtype == np.float64
    assert hc.empty([2, 3]).shape == (2, 3)
    assert hc.zeros(np.int64(2)).shape == (2,)
    assert hc.eye(2).dtype == np.float64
    assert hc.full((), 1).dtype == np.int64
    assert hc.full((), True).dtype == np.bool_
    assert hc.full((), 1.5).dtype == np.float64
    assert hc.full((), 1j).dtype == np.complex128
    assert hc.arange(3).dtype == np.int64
    assert hc.arange(3.0).dtype == np.float64
    assert hc.arange(0, 3, 0.5).dtype == np.float64
    assert hc.linspace(0, 1, 3).dtype == np.float64
    assert hc.linspace(0, 1j, 3).dtype == np.complex128


fill_values = st.one_of(st.booleans(), st.integers(-100, 100),
                        st.floats(allow_nan=True, allow_infinity=True),
                        st.complex_numbers(allow_nan=False, max_magnitude=1e10))


@given(shape=small_shapes, value=fill_values, dtype=st.one_of(st.none(), st.sampled_from(ALL)))
def test_full(shape, value, dtype):
    if dtype is not None and np.dtype(dtype).kind in "iub" and isinstance(value, (float, complex)):
        assume(False)  # NumPy: undefined/warning casts of NaN or fractions to integers
    if dtype is not None and np.dtype(dtype).kind not in "c" and isinstance(value, complex):
        assume(False)  # NumPy warns and drops the imaginary part
    if dtype is not None and np.dtype(dtype).kind == "u" and isinstance(value, int) and value < 0:
        with pytest.raises(OverflowError, match="full"):
            hc.full(shape, value, dtype=dtype)
        return
    if dtype is not None and np.dtype(dtype).kind in "iu" and not isinstance(value, bool):
        info = np.iinfo(dtype)
        if not info.min <= value <= info.max:
            with pytest.raises(OverflowError, match="full"):
                hc.full(shape, value, dtype=dtype)
            return
    with np.errstate(all="ignore"):
        expected = np.full(shape, value, dtype=dtype)
    assert_same(hc.full(shape, value, dtype=dtype), expected)


@given(p=pair(), dtype=st.one_of(st.none(), st.sampled_from(ALL)))
def test_like(p, dtype):
    a, x = p
    assert_same(hc.zeros_like(x, dtype=dtype), np.zeros_like(a, dtype=dtype))
    assert_same(hc.ones_like(x, dtype=dtype), np.ones_like(a, dtype=dtype))
    assert_same(hc.full_like(x, 1, dtype=dtype), np.full_like(a, 1, dtype=dtype))
    e = hc.empty_like(x, dtype=dtype)
    assert e.shape == a.shape and e.dtype == (a.dtype if dtype is None else dtype)
    assert owned(e) and not e._shares_storage(x)


def test_full_like_keeps_dtype():
    x = hc.zeros(3, dtype=hc.int8)
    assert_same(hc.full_like(x, 7), np.full(3, 7, dtype=np.int8))
    with pytest.raises(OverflowError, match="full_like"):
        hc.full_like(x, 1000)
    with pytest.raises(OverflowError, match="full_like"):
        hc.full_like(hc.zeros(2, dtype=hc.uint8), -1)
    # NumPy copies the fill value in unsafely otherwise: floats truncate, big ints fit floats.
    assert_same(hc.full_like(x, 2.7), np.full_like(np.zeros(3, np.int8), 2.7))
    assert_same(hc.full_like(hc.zeros(2), 2**70), np.full_like(np.zeros(2), 2**70))
    assert_same(hc.full_like(hc.zeros(2, dtype=hc.bool), 5), np.full_like(np.zeros(2, bool), 5))
    y = hc.zeros(2, dtype=hc.float32)
    assert_same(hc.full_like(y, 0.1), np.full(2, 0.1, dtype=np.float32))


def test_full_array_fill_value():
    v = hc.asarray(np.float32(2.5))
    assert_same(hc.full((2, 2), v), np.full((2, 2), np.float32(2.5)))
    assert_same(hc.full((2,), np.int16(3)), np.full((2,), np.int16(3)))
    assert_same(hc.full((2, 3), hc.asarray(np.arange(3))), np.full((2, 3), np.arange(3)))


def test_results_own_their_memory():
    n = np.zeros(4)
    x = hc.asarray(n)
    m = hc.asarray(np.ones((2, 2)))
    makers = [lambda: hc.zeros(4), lambda: hc.ones(4), lambda: hc.full(4, 2.0),
              lambda: hc.empty(4), lambda: hc.arange(4), lambda: hc.linspace(0, 1, 4),
              lambda: hc.eye(2), lambda: hc.zeros_like(x), lambda: hc.empty_like(x),
              lambda: hc.full_like(x, 3), lambda: hc.tril(m), lambda: hc.triu(m),
              lambda: hc.meshgrid(x, x)[0]]
    for make in makers:
        r, did = allocates(make)
        assert did and owned(r)
        assert not np.shares_memory(np.asarray(r), n)


# --------------------------------------------------------------------------------------------
# arange


@given(start=st.integers(-50, 50), stop=st.one_of(st.none(), st.integers(-50, 50)),
       step=st.integers(-7, 7).filter(bool),
       dtype=st.one_of(st.none(), st.sampled_from(INT + [np.dtype(np.int64), np.dtype(np.float32),
                                                        np.dtype(np.float64)])))
def test_arange_int(start, stop, step, dtype):
    args = (start,) if stop is None else (start, stop, step)
    assert_same(hc.arange(*args, dtype=dtype), np.arange(*args, dtype=dtype))


@given(start=st.floats(-1e3, 1e3), stop=st.floats(-1e3, 1e3),
       step=st.floats(-100, 100).filter(lambda s: abs(s) > 1e-2),
       dtype=st.sampled_from([None] + FLOAT + [np.dtype(np.float16),
                                               np.dtype(ml_dtypes.bfloat16)] + INT))
def test_arange_float(start, stop, step, dtype):
    assume(abs((stop - start) / step) < 5000)
    try:
        with np.errstate(all="ignore"):
            expected = np.arange(start, stop, step, dtype=dtype)
    except OverflowError:
        with pytest.raises(OverflowError, match="arange"):
            hc.arange(start, stop, step, dtype=dtype)
        return
    assert_same(hc.arange(start, stop, step, dtype=dtype), expected)


def test_arange_wraps_like_numpy():
    assert_same(hc.arange(0, 300, 7, dtype=hc.int8), np.arange(0, 300, 7, dtype=np.int8))
    assert_same(hc.arange(0, 600, 13, dtype=hc.uint8), np.arange(0, 600, 13, dtype=np.uint8))
    assert_same(hc.arange(5, 1), np.arange(5, 1))
    assert_same(hc.arange(10, 0, -3), np.arange(10, 0, -3))
    assert_same(hc.arange(0, 2, dtype=hc.bool_), np.arange(0, 2, dtype=bool))
    assert_same(hc.arange(1, 1e20, 1e19), np.arange(1, 1e20, 1e19))


def test_arange_errors():
    with pytest.raises(ZeroDivisionError, match="arange"):
        hc.arange(0, 10, 0)
    with pytest.raises(ValueError, match="arange"):
        hc.arange(0, math.inf)
    with pytest.raises(ValueError, match="arange"):
        hc.arange(0, -math.inf)
    with pytest.raises(ValueError, match="arange"):
        hc.arange(0, math.nan)
    with pytest.raises(ValueError, match="arange"):
        hc.arange(0, 1e300, 1e-300)
    with pytest.raises(TypeError, match="arange"):
        hc.arange(0, 3, dtype=hc.bool_)
    with pytest.raises(TypeError, match="arange"):
        hc.arange("3")
    with pytest.raises(TypeError, match="arange"):
        hc.arange(1j)
    with pytest.raises(TypeError, match="arange"):
        hc._creation_functions.arange(3, dtype="float128")  # the standard's: hcarray dtypes
    # The top-level arange is NumPy's: a dtype hcarray lacks gives NumPy's array.
    r = hc.arange(3, dtype="float128")
    assert type(r) is np.ndarray
    np.testing.assert_array_equal(r, np.arange(3, dtype="float128"), strict=True)


# --------------------------------------------------------------------------------------------
# linspace


@given(start=st.floats(-1e6, 1e6), stop=st.floats(-1e6, 1e6), num=st.integers(0, 40),
       endpoint=st.booleans(),
       dtype=st.sampled_from([None] + FLOAT + [np.dtype(np.float16),
                              np.dtype(ml_dtypes.bfloat16)] + INT + UINT[:1]
                             + [np.dtype(np.complex64), np.dtype(np.complex128)]))
def test_linspace_real(start, stop, num, endpoint, dtype):
    if dtype is not None and np.dtype(dtype).kind == "u":
        assume(start >= 0 and stop >= 0)
    if dtype is not None and np.dtype(dtype).kind == "i":
        info = np.iinfo(dtype)
        assume(info.min <= start <= info.max and info.min <= stop <= info.max)
    with np.errstate(all="ignore"):
        expected = np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)
    assert_same(hc.linspace(start, stop, num, endpoint=endpoint, dtype=dtype), expected)


@given(start=st.complex_numbers(max_magnitude=1e6), stop=st.complex_numbers(max_magnitude=1e6),
       num=st.integers(0, 20), endpoint=st.booleans(),
       dtype=st.sampled_from([None, np.dtype(np.complex64), np.dtype(np.complex128)]))
def test_linspace_complex(start, stop, num, endpoint, dtype):
    expected = np.linspace(start, stop, num, endpoint=endpoint, dtype=dtype)
    assert_same(hc.linspace(start, stop, num, endpoint=endpoint, dtype=dtype), expected)


def test_linspace_special():
    for a, b, n in [(0, 0, 5), (1, 1, 1), (0, 1, 1), (0.0, math.inf, 3), (0, 1e-320, 4),
                    (-0.0, 0.0, 3), (math.nan, 1, 3)]:
        with np.errstate(all="ignore"):
            assert_same(hc.linspace(a, b, n), np.linspace(a, b, n))
            assert_same(hc.linspace(a, b, n, endpoint=False), np.linspace(a, b, n, endpoint=False))


def test_linspace_errors():
    with pytest.raises(ValueError, match="linspace"):
        hc.linspace(0, 1, -1)
    with pytest.raises(TypeError, match="linspace"):
        hc.linspace(0, 1, 2.5)
    with pytest.raises(TypeError, match="linspace"):
        hc.linspace("a", 1, 2)
    with pytest.raises(TypeError, match="linspace"):
        hc.linspace(0, 1j, 3, dtype=hc.float64)
    with pytest.raises(TypeError):
        hc.linspace(0, 1, num=3, dtype=hc.float64, bogus=1)


# --------------------------------------------------------------------------------------------
# eye, tril, triu, meshgrid


@given(n=st.integers(0, 6), m=st.one_of(st.none(), st.integers(0, 6)), k=st.integers(-8, 8),
       dtype=st.one_of(st.none(), dtypes))
def test_eye(n, m, k, dtype):
    assert_same(hc.eye(n, m, k=k, dtype=dtype), np.eye(n, m, k=k, dtype=dtype))


@given(p=pair(shape=hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=5)),
       k=st.integers(-7, 7))
def test_tril_triu(p, k):
    a, x = p
    assert_same(hc.tril(x, k=k), np.tril(a, k=k))
    assert_same(hc.triu(x, k=k), np.triu(a, k=k))


def test_tril_triu_huge_k_and_errors():
    a = np.arange(12.0).reshape(3, 4)
    x = hc.asarray(a)
    for k in (2**70, -2**70, 2**63 - 1, -2**63):
        assert_same(hc.tril(x, k=k), np.tril(a, k=max(-10, min(k, 10))))
        assert_same(hc.triu(x, k=k), np.triu(a, k=max(-10, min(k, 10))))
    np.testing.assert_array_equal(a, np.arange(12.0).reshape(3, 4))  # input untouched
    # The Array API functions need an hcarray of >= 2 dimensions and an integer k.
    with pytest.raises(ValueError, match="tril"):
        hc._creation_functions.tril(hc.zeros(3))
    with pytest.raises(TypeError, match="triu"):
        hc._creation_functions.triu(x, k=1.5)
    with pytest.raises(TypeError, match="tril"):
        hc._creation_functions.tril(a)
    # The top-level names are NumPy's: 1-D input is broadcast to a square, k may be a float
    # or a bool, array_likes are converted; 0-d input and a non-number k are errors.
    v = np.arange(1.0, 4.0)
    assert_same(hc.tril(hc.asarray(v)), np.tril(v))
    assert_same(hc.triu(hc.asarray(v), 1), np.triu(v, 1))
    for k in (1.5, -0.5, True):
        assert_same(hc.triu(x, k=k), np.triu(a, k=k))
        assert_same(hc.tril(x, k=k), np.tril(a, k=k))
    assert_same(hc.tril(a), np.tril(a))
    assert_same(hc.triu([[1, 2], [3, 4]]), np.triu([[1, 2], [3, 4]]))
    with pytest.raises(TypeError, match="tril"):
        hc.tril(hc.asarray(1.0))
    with pytest.raises(TypeError, match="triu"):
        hc.triu(x, k="1")


@given(data=st.data(), n=st.integers(0, 4), indexing=st.sampled_from(["xy", "ij"]))
def test_meshgrid(data, n, indexing):
    ps = [data.draw(pair(dtypes=NUMERIC, shape=hnp.array_shapes(min_dims=1, max_dims=1,
                                                                 max_side=4)))
          for _ in range(n)]
    got = hc.meshgrid(*[x for _, x in ps], indexing=indexing)
    expected = np.meshgrid(*[a for a, _ in ps], indexing=indexing)
    assert isinstance(got, list) and len(got) == len(expected)
    for g, e in zip(got, expected):
        assert_same(g, e)
        assert owned(g)


def test_meshgrid_errors():
    x = hc.arange(3)
    with pytest.raises(ValueError, match="meshgrid"):
        hc.meshgrid(x, indexing="xz")
    # The Array API function takes 1-D hcarray arrays only.
    with pytest.raises(ValueError, match="meshgrid"):
        hc._creation_functions.meshgrid(hc.zeros((2, 2)))
    with pytest.raises(TypeError, match="meshgrid"):
        hc._creation_functions.meshgrid([1, 2])
    # The top-level name is NumPy's (inputs flattened, array_likes converted), returning a list
    # as the standard says (NumPy 2 returns a tuple).
    for args in ((np.zeros((2, 2)),), (np.zeros((2, 2)), [1, 2, 3]), ([1, 2],)):
        got = hc.meshgrid(*[hc.asarray(a) if isinstance(a, np.ndarray) else a for a in args])
        expected = np.meshgrid(*args)
        assert isinstance(got, list) and len(got) == len(expected)
        for g, e in zip(got, expected):
            assert_same(g, e)
    with pytest.raises(ValueError, match="meshgrid"):
        hc.meshgrid(x, indexing="xz")


# --------------------------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize("fn", [hc.zeros, hc.ones, hc.empty, lambda s: hc.full(s, 1.0)])
def test_bad_shapes(fn):
    with pytest.raises((ValueError, MemoryError)):
        fn((2**40, 2**40))
    with pytest.raises((ValueError, MemoryError)):
        fn((2**62,))
    with pytest.raises((ValueError, OverflowError)):
        fn((2**70,))
    with pytest.raises(ValueError):
        fn((-1, 2))
    with pytest.raises(ValueError):
        fn((1,) * 65)
    with pytest.raises(TypeError):
        fn((2.0, 3))
    with pytest.raises(TypeError):
        fn("3")
    with pytest.raises(TypeError):
        fn((True,))


def test_errors_name_the_function():
    with pytest.raises(ValueError, match="zeros"):
        hc.zeros((2**40, 2**40))
    with pytest.raises(ValueError, match="ones"):
        hc.ones((-1,))
    # The standard's functions make hcarray dtypes only...
    with pytest.raises(TypeError, match="empty"):
        hc._creation_functions.empty(3, dtype="S3")
    with pytest.raises(TypeError, match="zeros"):
        hc._creation_functions.zeros(3, dtype=object)
    with pytest.raises(TypeError, match="full"):
        hc._creation_functions.full(3, "a")
    # ... the top-level names are NumPy's: other dtypes give NumPy's arrays (numpy-compat.md).
    for got, want in ((hc.empty(3, dtype="S3"), np.empty(3, dtype="S3")),
                      (hc.zeros(3, dtype=object), np.zeros(3, dtype=object)),
                      (hc.full(3, "a"), np.full(3, "a"))):
        assert type(got) is np.ndarray and got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(hc.full(3, "a"), np.full(3, "a"), strict=True)
    np.testing.assert_array_equal(hc.zeros(3, dtype=object), np.zeros(3, dtype=object))
    with pytest.raises(OverflowError, match="full"):
        hc.full(3, 2**64)
    with pytest.raises(OverflowError, match="full"):
        hc.full(3, 300, dtype=hc.int8)
    with pytest.raises(ValueError, match="eye"):
        hc.eye(-1)
    with pytest.raises(TypeError, match="eye"):
        hc.eye(2.0)
    with pytest.raises(TypeError, match="zeros_like"):
        hc._creation_functions.zeros_like(np.zeros(3))  # the strict function: hcarray only
    assert_same(hc.zeros_like(np.zeros(3, np.int16)), np.zeros(3, np.int16))  # NumPy's
    with pytest.raises(TypeError, match="zeros_like"):
        hc.zeros_like(np.zeros(3), dtype=object)
    with pytest.raises(ValueError, match="zeros: cuda:0: not available on this machine"):
        hc.zeros(3, device="cuda")
    with pytest.raises(ValueError, match="ones_like: metal: not available on this machine"):
        hc.ones_like(hc.zeros(3), device="metal")
    with pytest.raises(TypeError):
        hc._creation_functions.zeros((2,), hc.float32)  # the standard's dtype is keyword-only
    assert_same(hc.zeros((2,), hc.float32), np.zeros((2,), np.float32))  # NumPy's: positional


def test_device_keyword():
    cpu = hc.Device("cpu")
    for r in (hc.zeros(2, device=cpu), hc.ones(2, device="cpu"), hc.arange(3, device=cpu),
              hc.linspace(0, 1, 2, device=cpu), hc.eye(2, device=cpu),
              hc.full(2, 1, device=cpu), hc.empty_like(hc.zeros(2), device=cpu)):
        assert r._device_str == "cpu"


# --------------------------------------------------------------------------------------------
# asarray (behaviour kept: zero copy for NumPy arrays and buffers)


@given(p=pair(dtypes=REAL))
def test_asarray_zero_copy(p):
    a, x = p
    y = hc.asarray(a)
    assert_same(y, a)
    if a.size:
        assert y._data_ptr == a.__array_interface__["data"][0]
    c = hc.asarray(a, copy=True)
    assert_same(c, a)
    if a.size:
        assert c._data_ptr != a.__array_interface__["data"][0]
