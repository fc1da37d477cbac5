"""The array object's Python-level behaviour: attributes, repr/str, __array__, conversions,
iteration, copying, pickling, the Array API object methods and NumPy operator deferral.
NumPy is the oracle throughout."""

import copy
import math
import operator
import pickle

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hcarray as hc
from strategies import ALL, COMPLEX, FLOAT, HALF, INTEGRAL, NUMERIC, assert_same, pair

BF16 = np.dtype(ml_dtypes.bfloat16)


def np_view(x):
    """NumPy's view of hcarray x (bfloat16 included)."""
    return np.asarray(x)


def readonly(a):
    a = np.array(a)
    a.flags.writeable = False
    return hc.asarray(a)


# --- attributes ----------------------------------------------------------------------------------

@given(pair(dtypes=ALL))
def test_attributes_match_numpy(p):
    a, x = p
    assert isinstance(x, hc.ndarray)
    assert x.shape == a.shape and type(x.shape) is tuple
    assert all(type(d) is int for d in x.shape)
    assert x.ndim == a.ndim
    assert x.size == a.size and type(x.size) is int
    assert x.dtype == a.dtype and isinstance(x.dtype, np.dtype)
    assert x.itemsize == a.itemsize
    assert x.nbytes == a.nbytes
    assert x.strides == a.strides
    assert x.device == hc.Device("cpu")
    assert x.device == "cpu"
    assert isinstance(x.device, hc.Device)


@given(pair(dtypes=ALL))
def test_T_and_mT_are_views_like_numpy(p):
    a, x = p
    t = x.T  # all axes reversed, as NumPy (the standard defines T for 2-D only)
    assert t.shape == a.T.shape and t.strides == a.T.strides
    assert t._shares_storage(x)
    assert_same(t, a.T)
    if a.ndim >= 2:
        m = x.mT
        e = np.swapaxes(a, -1, -2)
        assert m.shape == e.shape and m.strides == e.strides
        assert m._shares_storage(x)
        assert_same(m, e)
    else:
        with pytest.raises(ValueError, match="mT"):
            x.mT


@given(pair(dtypes=NUMERIC))
def test_hcarray_of_numpy_shares_memory(p):
    a, x = p
    assert np.shares_memory(np_view(x), a) or a.size == 0
    if a.size:
        idx = (0,) * a.ndim
        a[idx] = 1
        assert np_view(x)[idx] == 1
        x[idx] = 0
        assert a[idx] == 0


def test_views_share_memory_and_writes_go_through():
    a = np.arange(24, dtype=np.float64).reshape(2, 3, 4)
    x = hc.asarray(a.copy())
    for key in [(0,), (slice(None), 1), (Ellipsis, slice(None, None, -2)), (1, 2, 3), ()]:
        v = x[key]
        assert v._shares_storage(x)
        assert_same(v, a[key])
    v = x[:, ::-1]
    v[0, 0, 0] = -5.0
    assert np_view(x)[0, -1, 0] == -5.0


def test_readonly_array_refuses_writes():
    x = readonly(np.arange(4.0))
    assert not x._writeable
    with pytest.raises(ValueError, match="read-only"):
        x[0] = 1.0
    v = x[1:]
    with pytest.raises(ValueError, match="read-only"):
        v[0] = 1.0
    n = np.asarray(x)
    assert not n.flags.writeable
    with pytest.raises(ValueError):
        n[0] = 1.0
    with pytest.raises(ValueError):
        x += 1.0


# --- repr and str --------------------------------------------------------------------------------

@given(pair(dtypes=ALL))
def test_repr_and_str_match_numpy(p):
    a, x = p
    # 0-d arrays stand where NumPy returns scalars, so they print as NumPy's scalars
    # (specs/numpy-compat.md); everything else prints as NumPy's array.
    assert repr(x) == (repr(a[()]) if a.ndim == 0 else repr(a))
    assert str(x) == str(a)


@pytest.mark.parametrize("a", [
    np.array(3.5, dtype=np.float32),
    np.array(True),
    np.array(-7, dtype=np.int8),
    np.array(2**64 - 1, dtype=np.uint64),
    np.array(1 + 2j, dtype=np.complex64),
    np.array(np.nan),
    np.array(1.5, dtype=BF16),
    np.zeros((0,), dtype=np.int16),
    np.zeros((2, 0, 3), dtype=np.float32),
    np.zeros((0,), dtype=BF16),
    np.arange(5000, dtype=np.int64),
    np.linspace(0, 1, 3000).reshape(30, 100),
    np.arange(2000, dtype=np.float32).astype(BF16),
    np.array([np.inf, -np.inf, np.nan, -0.0], dtype=np.float16),
    np.array([1e-10, 1e10]),
    np.arange(60, dtype=np.uint8).reshape(3, 4, 5)[:, ::-1, ::2],
    np.array([[True, False], [False, True]]),
    np.array([1 + 1j, np.nan * 1j, np.inf]),
])
def test_repr_and_str_match_numpy_cases(a):
    x = hc.asarray(a)
    assert repr(x) == (repr(a[()]) if a.ndim == 0 else repr(a))
    assert str(x) == str(a)


# --- __array__ and NumPy conversion --------------------------------------------------------------

@given(pair(dtypes=ALL))
def test_np_asarray_is_zero_copy(p):
    a, x = p
    n = np.asarray(x)
    assert n.dtype == a.dtype and n.shape == a.shape
    np.testing.assert_array_equal(n, a)
    if a.size:
        assert np.shares_memory(n, a)


def test_array_protocol_copy_semantics():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    x = hc.asarray(a)
    assert np.shares_memory(x.__array__(), a)
    assert np.shares_memory(x.__array__(copy=False), a)
    assert np.shares_memory(np.asarray(x, copy=False), a)
    assert np.shares_memory(x.__array__(dtype=np.float32), a)
    c = x.__array__(copy=True)
    assert not np.shares_memory(c, a)
    np.testing.assert_array_equal(c, a)
    assert not np.shares_memory(np.array(x, copy=True), a)
    d = x.__array__(dtype=np.float64)
    assert d.dtype == np.float64 and not np.shares_memory(d, a)
    with pytest.raises(ValueError, match="__array__"):
        x.__array__(dtype=np.float64, copy=False)
    with pytest.raises(ValueError):
        np.asarray(x, dtype=np.int32, copy=False)
    with pytest.raises(TypeError, match="__array__"):
        x.__array__(copy="yes")


def test_array_protocol_bfloat16_keeps_dtype_and_memory():
    a = np.arange(6, dtype=np.float32).astype(BF16)
    x = hc.asarray(a)
    n = np.asarray(x)
    assert n.dtype == BF16
    assert np.shares_memory(n, a)
    assert np.asarray(x, dtype=np.float32).dtype == np.float32


# --- scalar conversions --------------------------------------------------------------------------

SCALAR_CASES = [
    (np.bool_, True), (np.int8, -3), (np.int64, 2**62), (np.uint64, 2**64 - 1), (np.uint8, 200),
    (np.float16, 1.5), (BF16, -2.0), (np.float32, 0.25), (np.float64, -1e300),
    (np.complex64, 1 - 2j), (np.complex128, 3.5 + 0j),
]


@pytest.mark.parametrize("dt,v", SCALAR_CASES)
@pytest.mark.parametrize("shape", [(), (1,), (1, 1)])
def test_python_scalar_conversions_match_numpy(dt, v, shape):
    a = np.full(shape, v, dtype=dt)
    x = hc.asarray(a)
    e = a.reshape(()).item() if np.dtype(dt) != BF16 else float(a.reshape(()).astype(np.float32))
    assert x.item() == e and type(x.item()) is type(e)
    assert bool(x) == bool(e)
    assert complex(x) == complex(e)
    if np.dtype(dt).kind == "c":
        with pytest.raises(TypeError, match="float"):
            float(x)
        with pytest.raises(TypeError, match="int"):
            int(x)
    else:
        assert float(x) == float(e) and type(float(x)) is float
        assert int(x) == int(e) and type(int(x)) is int
    if np.dtype(dt).kind in "iu":
        assert operator.index(x) == e
        assert [10, 20, 30, 40][x % 4 if np.dtype(dt).kind == "u" else 0] in (10, 20, 30, 40)
    else:
        with pytest.raises(TypeError, match="__index__"):
            operator.index(x)


def test_index_is_usable_by_python():
    i = hc.asarray(np.array(2, dtype=np.int32))
    assert [10, 20, 30][i] == 30
    assert "abcd"[hc.asarray(np.array(1, dtype=np.uint8))] == "b"
    assert list(range(10))[i:] == list(range(2, 10))


@pytest.mark.parametrize("dt", [np.float16, BF16, np.float32, np.float64])
def test_int_of_nan_and_inf_raise_like_python(dt):
    with pytest.raises(ValueError):
        int(hc.asarray(np.array(np.nan, dtype=dt)))
    with pytest.raises(OverflowError):
        int(hc.asarray(np.array(np.inf, dtype=dt)))
    with pytest.raises(OverflowError):
        int(hc.asarray(np.array(-np.inf, dtype=dt)))
    assert math.isnan(float(hc.asarray(np.array(np.nan, dtype=dt))))
    assert float(hc.asarray(np.array(-np.inf, dtype=dt))) == -math.inf
    assert bool(hc.asarray(np.array(np.nan, dtype=dt))) is True


@pytest.mark.parametrize("conv", [bool, int, float, complex])
@pytest.mark.parametrize("shape", [(2,), (0,), (2, 3), (1, 2)])
def test_scalar_conversions_of_many_elements_raise(conv, shape):
    x = hc.asarray(np.zeros(shape))
    with pytest.raises((ValueError, TypeError)):
        conv(x)
    with pytest.raises(ValueError, match="item"):
        x.item()


def test_index_of_multi_element_raises():
    with pytest.raises((ValueError, TypeError)):
        operator.index(hc.asarray(np.arange(3)))
    with pytest.raises(TypeError, match="__index__"):
        operator.index(hc.asarray(np.array(True)))


# --- Array API object methods --------------------------------------------------------------------

def test_array_namespace():
    x = hc.asarray(np.arange(3))
    assert x.__array_namespace__() is hc
    for v in ["2024.12", "2023.12", "2022.12", "2021.12", None]:
        assert x.__array_namespace__(api_version=v) is hc
    for bad in ["2020.10", "2025.12", "", "latest", "2024.12 "]:
        with pytest.raises(ValueError, match="__array_namespace__"):
            x.__array_namespace__(api_version=bad)
    with pytest.raises(TypeError, match="__array_namespace__"):
        x.__array_namespace__(api_version=2024.12)
    with pytest.raises(TypeError):
        x.__array_namespace__("2024.12")  # keyword-only


def test_device_and_to_device():
    x = hc.asarray(np.arange(3.0))
    assert x.device == hc.Device("cpu")
    assert hash(x.device) == hash(hc.Device("cpu"))
    assert x.to_device("cpu") is x
    assert x.to_device(hc.Device("cpu")) is x
    assert x.to_device(x.device) is x
    with pytest.raises(ValueError, match="to_device"):
        x.to_device("cuda")
    with pytest.raises(ValueError):
        x.to_device("nonsense")
    with pytest.raises(TypeError):
        x.to_device(3)
    with pytest.raises(ValueError, match="stream"):
        x.to_device("cpu", stream=1)


CASTS = [(s, d) for s in ALL for d in ALL
         if not (s.kind in "fc" or s == BF16) or (d.kind in "fc" or d == BF16)]


@given(st.data())
def test_astype_method_matches_numpy(data):
    src, dst = data.draw(st.sampled_from(CASTS))
    a, x = data.draw(pair(dtypes=[src], allow_special=False))
    if src.kind == "c" and dst.kind != "c":
        a = a.real.copy()
        x = hc.asarray(a)
    with np.errstate(all="ignore"):
        e = a.astype(dst)
    y = x.astype(dst)
    assert not y._shares_storage(x)
    assert_same(y, e)


def test_astype_method_copy_and_errors():
    x = hc.asarray(np.arange(4, dtype=np.int32))
    assert x.astype(np.int32, copy=False) is x
    y = x.astype(np.int32)
    assert y is not x and not y._shares_storage(x)
    assert x.astype(np.float32, copy=False).dtype == np.float32
    assert x.astype(hc.float64, device="cpu").dtype == np.float64
    with pytest.raises(TypeError, match="astype"):
        x.astype("not a dtype")
    with pytest.raises(TypeError, match="astype"):
        hc._data_type_functions.astype(x, np.dtype("U3"))  # the standard's: hcarray dtypes
    # The method is NumPy's: a dtype hcarray lacks gives NumPy's array (specs/numpy-compat.md).
    u = x.astype(np.dtype("U3"))
    assert type(u) is np.ndarray
    np.testing.assert_array_equal(u, np.arange(4, dtype=np.int32).astype("U3"), strict=True)
    with pytest.raises(TypeError, match="astype"):
        x.astype(x)
    with pytest.raises(ValueError, match="astype"):
        x.astype(np.float32, device="cuda")
    # The Array API's astype takes a bool copy only; the method is NumPy's (copy by truth value).
    with pytest.raises(TypeError, match="astype"):
        hc._data_type_functions.astype(x, np.float32, copy="no")
    a = np.arange(4, dtype=np.int32)
    for copy in ("no", 0, 1):
        y = x.astype(np.int32, copy=copy)
        assert (y is x) == (a.astype(np.int32, copy=copy) is a)
        assert_same(y, a.astype(np.int32, copy=copy))


# --- iteration, tolist, copy ---------------------------------------------------------------------

@given(pair(dtypes=ALL))
def test_iteration_over_first_axis(p):
    a, x = p
    if a.ndim == 0:
        with pytest.raises(TypeError, match="0-d"):
            iter(x)
        return
    items = list(x)
    assert len(items) == a.shape[0] == len(x)
    for got, exp in zip(items, a):
        assert isinstance(got, hc.ndarray)
        assert got._shares_storage(x)
        assert_same(got, exp)


@given(pair(dtypes=ALL))
def test_tolist_matches_numpy(p):
    a, x = p
    e = (a.astype(np.float32) if a.dtype == BF16 else a).tolist()
    got = x.tolist()

    def same(u, v):
        if isinstance(v, list):
            return isinstance(u, list) and len(u) == len(v) and all(map(same, u, v))
        if type(u) is not type(v):
            return False
        if isinstance(v, (float, complex)) and v != v:
            return u != u and repr(u) == repr(v)
        return u == v and repr(u) == repr(v)  # repr tells -0.0 from 0.0

    assert same(got, e), (got, e)


def test_tolist_0d_is_a_python_scalar():
    assert hc.asarray(np.array(3, dtype=np.int16)).tolist() == 3
    assert type(hc.asarray(np.array(1.5, dtype=BF16)).tolist()) is float
    assert type(hc.asarray(np.array(True)).tolist()) is bool


@given(pair(dtypes=ALL))
def test_copy_and_deepcopy(p):
    a, x = p
    for c in (x.copy(), copy.copy(x), copy.deepcopy(x), copy.deepcopy([x])[0]):
        assert isinstance(c, hc.ndarray)
        assert not c._shares_storage(x)
        assert c._c_contiguous
        assert_same(c, a)


def test_copy_is_independent_and_writeable():
    x = readonly(np.arange(3.0))
    c = copy.copy(x)
    assert c._writeable
    c[0] = 10.0
    assert float(x[0]) == 0.0


def test_hash_raises():
    x = hc.asarray(np.arange(3))
    with pytest.raises(TypeError):
        hash(x)
    with pytest.raises(TypeError):
        {x: 1}
    assert hc.ndarray.__hash__ is None


# --- pickling ------------------------------------------------------------------------------------

@settings(max_examples=40)
@given(pair(dtypes=ALL), st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_pickle_round_trip(p, protocol):
    a, x = p
    y = pickle.loads(pickle.dumps(x, protocol=protocol))
    assert isinstance(y, hc.ndarray)
    assert y.dtype == a.dtype and y.shape == a.shape
    assert y._writeable
    assert_same(y, a)
    assert not y._shares_storage(x)


def test_pickle_protocol5_out_of_band_shares_memory():
    a = np.arange(1200, dtype=np.float32).reshape(30, 40)
    x = hc.asarray(a.copy())
    bufs = []
    data = pickle.dumps(x, protocol=5, buffer_callback=bufs.append)
    assert len(bufs) == 1
    assert len(data) < x.nbytes  # the bytes travelled out of band
    y = pickle.loads(data, buffers=bufs)
    assert_same(y, a)
    x[0, 0] = 99.0
    assert float(y[0, 0]) == 99.0  # same memory, as NumPy does
    # Non-contiguous and bfloat16 arrays travel as a contiguous copy.
    for z in (x[:, ::-2], hc.asarray(a.astype(BF16))[::-1]):
        bufs = []
        w = pickle.loads(pickle.dumps(z, protocol=5, buffer_callback=bufs.append), buffers=bufs)
        assert_same(w, np.asarray(z))


def test_pickle_readonly_source_unpickles_writeable():
    x = readonly(np.arange(3.0))
    for proto in (2, 5):
        y = pickle.loads(pickle.dumps(x, protocol=proto))
        y[0] = 7.0
        assert float(y[0]) == 7.0 and float(x[0]) == 0.0


def test_unpickle_bad_payload_raises():
    from hcarray._array_object import _reconstruct
    with pytest.raises(TypeError):
        _reconstruct("object", (1,), b"\0" * 8)
    with pytest.raises(ValueError):
        _reconstruct("float64", (3,), b"\0" * 8)


# --- NumPy defers to hcarray's operators ---------------------------------------------------------

@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.truediv,
                                operator.floordiv, operator.mod, operator.pow,
                                operator.lt, operator.le, operator.gt, operator.ge,
                                operator.eq, operator.ne])
@pytest.mark.parametrize("dt", [np.float64, np.float32, np.int32])
def test_numpy_array_op_hcarray_gives_hcarray(op, dt):
    a = np.array([[1, 2, 3], [4, 5, 6]], dtype=dt)
    b = np.array([3, 2, 1], dtype=dt)
    x = hc.asarray(b)
    with np.errstate(all="ignore"):
        e = op(a, b)
    r = op(a, x)
    assert isinstance(r, hc.ndarray)
    assert_same(r, e)


@pytest.mark.parametrize("op", [operator.add, operator.sub, operator.mul, operator.truediv,
                                operator.pow, operator.and_, operator.or_, operator.xor,
                                operator.lshift, operator.rshift, operator.mod,
                                operator.floordiv])
@pytest.mark.parametrize("scalar", [3, True])
def test_python_scalar_op_hcarray(op, scalar):
    b = np.array([1, 2, 3], dtype=np.int16)
    x = hc.asarray(b)
    with np.errstate(all="ignore"):
        e = op(scalar, b)
    r = op(scalar, x)
    assert isinstance(r, hc.ndarray)
    assert_same(r, e)


def test_float_scalar_reflected_ops():
    b = np.array([1.0, 2.0, 4.0], dtype=np.float32)
    x = hc.asarray(b)
    assert_same(2.5 - x, 2.5 - b)
    assert_same(1.0 / x, 1.0 / b)
    assert_same(2.0 ** x, 2.0 ** b)
    assert_same((1 + 1j) * x, (1 + 1j) * b)


def test_numpy_defers_and_unknown_operands_raise():
    # NumPy's ufuncs on hcarray operands run through ndarray.__array_ufunc__ (the drop-in's
    # protocol, tests/test_protocols.py) and give hcarray results.
    assert callable(hc.ndarray.__array_ufunc__)
    assert hc.ndarray.__array_priority__ > 0
    x = hc.asarray(np.arange(3.0))
    with pytest.raises(TypeError):
        "a" + x
    with pytest.raises(TypeError):
        object() * x
    r = np.add(np.arange(3.0), x)
    assert isinstance(r, hc.ndarray)
    assert_same(r, np.arange(3.0) * 2)
    r = np.arange(3.0) + x  # NumPy's operator defers to the hcarray operand
    assert isinstance(r, hc.ndarray)
    assert_same(r, np.arange(3.0) * 2)


def test_numpy_scalar_op_hcarray():
    x = hc.asarray(np.arange(3, dtype=np.float32))
    r = np.float64(2.0) * x
    assert isinstance(r, hc.ndarray)
    assert_same(r, np.float64(2.0) * np.arange(3, dtype=np.float32))


# --- strides and shapes of odd arrays ------------------------------------------------------------

@given(pair(dtypes=INTEGRAL + FLOAT + HALF + COMPLEX, shape=st.just((3, 4))))
def test_negative_and_zero_strides(p):
    a, x = p
    v = x[::-1, ::-2]
    assert v.strides == a[::-1, ::-2].strides
    assert_same(v, a[::-1, ::-2])
    assert repr(v) == repr(a[::-1, ::-2])
