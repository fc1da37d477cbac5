"""The C++ fast paths of common calls (cpp/python/fastcall.cpp) give exactly what the Python
functions they stand in front of give: hc.<ufunc>(x[, y]) with hcarray operands (and Python
scalars), and whole-array sum/prod/max/min (functions and methods) with no keywords. Every
other call, and every failing one, is the Python function's."""

import inspect
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcarray as hc
from strategies import ALL, NUMERIC, REAL, assert_same, pair

UNARY = ["sqrt", "exp", "negative", "absolute", "sin", "floor", "logical_not", "sign"]
BINARY = ["add", "subtract", "multiply", "divide", "maximum", "power", "logical_and",
          "floor_divide", "equal", "bitwise_and"]


def _py(ufunc):
    return type(ufunc)._py_call  # the Python function behind the ufunc object's fast call


def _outcome(f, *args):
    try:
        return f(*args), None
    except Exception as e:  # noqa: BLE001 - the exception type and message are compared
        return None, e


def _same_outcome(fast, slow):
    (r1, e1), (r2, e2) = fast, slow
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        return
    assert e1 is None, e1
    assert_same(r1, np.asarray(r2))


@given(pair(dtypes=ALL), st.sampled_from(UNARY))
def test_unary_fast_equals_python(p, name):
    _, h = p
    u = getattr(hc, name)
    with np.errstate(all="ignore"):
        _same_outcome(_outcome(u, h), _outcome(_py(u), h))


@given(pair(dtypes=NUMERIC), st.sampled_from(BINARY), st.sampled_from([None, 2, -1.5, True, 1j]))
def test_binary_fast_equals_python(p, name, scalar):
    _, h = p
    u = getattr(hc, name)
    other = h if scalar is None else scalar
    with np.errstate(all="ignore"):
        _same_outcome(_outcome(u, h, other), _outcome(_py(u), h, other))
        _same_outcome(_outcome(u, other, h), _outcome(_py(u), other, h))


@given(pair(dtypes=ALL), st.sampled_from(["sum", "prod", "max", "min", "amax", "amin"]))
def test_reductions_fast_equals_python(p, name):
    a, h = p
    f = getattr(hc, name)
    with np.errstate(all="ignore"):
        fast = _outcome(f, h)
        slow = _outcome(f.__wrapped__, h)
        _same_outcome(fast, slow)
        if name in ("sum", "prod", "max", "min"):
            _same_outcome(_outcome(getattr(h, name)), slow)  # the method's fast path too
        # and NumPy agrees on the dtype (values are checked by the reduction tests)
        if slow[1] is None:
            want = getattr(np, name)(a)
            assert fast[0].dtype == np.asarray(want).dtype


def test_fast_objects_read_as_functions():
    assert hc.sum.__name__ == "sum" and "axis" in inspect.signature(hc.sum).parameters
    assert pickle.loads(pickle.dumps(hc.sum)) is hc.sum
    assert pickle.loads(pickle.dumps(hc.amax)) is hc.amax
    h = hc.asarray(np.arange(6.0).reshape(2, 3))
    assert_same(hc.ndarray.sum(h), np.array(15.0))
    assert_same(h.sum(axis=0), np.array([3.0, 5.0, 7.0]))
    assert_same(hc.sum(h, axis=1, keepdims=True), np.array([[3.0], [12.0]]))
    assert_same(hc.sum([1, 2, 3]), np.array(6))  # array_like: the Python function
    with pytest.raises(ValueError, match="max"):
        hc.max(hc.asarray(np.zeros(0)))
    with pytest.raises(TypeError):
        hc.max(hc.asarray(np.array([1j])))


@given(pair(dtypes=REAL))
def test_matmul_slot_equals_core(p):
    a, h = p
    if a.ndim == 0:
        return
    m = h.reshape((-1, 1)) if a.ndim == 1 else h
    r = m @ hc.matrix_transpose(m)
    assert_same(r, np.asarray(hc._core.matmul(m, hc.matrix_transpose(m))))


@pytest.mark.parametrize("name", ["zeros", "ones", "empty"])
def test_creation_fast_path_matches_the_function(name):
    # hc.zeros/ones/empty are C++ call objects for a shape of Python ints (float64, CPU, no
    # `using` block); every other call goes to the Python function: same results and errors.
    f = getattr(hc, name)
    slow = f.__wrapped__
    for shape in [0, 1, 10, (), (3, 4), (2, 0, 5), (1,) * 8, (1,) * 9, np.int64(3), (2, np.int64(2))]:
        got, want = f(shape), slow(shape)
        assert got.shape == want.shape and got.dtype == want.dtype
        if name != "empty":
            np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
    for bad in [-1, 1.5, (2, -1), "a", (2**40, 2**40), None, True]:
        with pytest.raises((TypeError, ValueError, OverflowError)) as e1:
            slow(bad)
        with pytest.raises(e1.type):
            f(bad)
    assert f(3, dtype=hc.int32).dtype == np.int32 and f((2,), hc.float32).dtype == np.float32
    with hc.using("cpu"):
        assert f(2).shape == (2,)
    import pickle
    assert pickle.loads(pickle.dumps(f)) is f


def test_arange_fast_path_matches_the_function():
    f = hc.arange
    slow = f.__wrapped__
    for args in [(0,), (1,), (10,), (2**20,), (np.int64(5),), (2, 9), (0, 1, 0.25), (5.0,), (-3,)]:
        got, want = f(*args), slow(*args)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
        np.testing.assert_array_equal(np.asarray(got), np.arange(*args))
    for bad in ["a", None, 1j]:
        with pytest.raises(TypeError):
            f(bad)
    assert f(4, dtype=hc.float32).dtype == np.float32
