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
from hypothesis.extra import numpy as hnp

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


@given(pair(dtypes=ALL), st.sampled_from(["sum", "prod", "max", "min", "amax", "amin"]),
       st.one_of(st.none(), st.integers(-5, 5), st.tuples(st.integers(-4, 3)),
                 st.tuples(st.integers(-4, 3), st.integers(-4, 3))),
       st.booleans(), st.sampled_from([None, False, True]))
def test_reductions_with_axis_fast_equals_python(p, name, axis, by_keyword, keepdims):
    # f(x, axis) / f(x, axis=axis, keepdims=k) / x.f(axis) with an int or tuple axis take the
    # C++ path (session 6); out-of-range or repeated axes, bool sums, empty extremes... go to
    # the Python function: the same outcome.
    a, h = p
    f = getattr(hc, name)
    kw = {} if keepdims is None else {"keepdims": keepdims}
    call = (lambda g, *x: g(*x, axis=axis, **kw)) if by_keyword else \
        (lambda g, *x: g(*x, axis, **kw))
    with np.errstate(all="ignore"):
        fast = _outcome(call, f, h)
        slow = _outcome(call, f.__wrapped__, h)
        _same_outcome(fast, slow)
        if name in ("sum", "prod", "max", "min"):
            _same_outcome(_outcome(call, getattr(h, name)), slow)
        if slow[1] is None:
            want = getattr(np, name)(a, axis=axis, **kw)
            assert fast[0].shape == want.shape and fast[0].dtype == want.dtype


def test_reductions_with_axis_bad_calls():
    h = hc.asarray(np.arange(6.0).reshape(2, 3))
    for bad in [2, -3]:
        with pytest.raises(np.exceptions.AxisError, match="sum"):
            h.sum(bad)
        with pytest.raises(np.exceptions.AxisError, match="sum"):
            hc.sum(h, axis=bad)
    with pytest.raises(TypeError, match="sum"):
        h.sum(axis=1.0)
    with pytest.raises(TypeError, match="sum"):
        hc.sum(h, True)
    with pytest.raises(ValueError, match="max"):
        hc.max(hc.zeros((0, 3)), axis=0)
    assert_same(hc.max(hc.zeros((0, 3)), axis=1), np.zeros((0, 3)).max(axis=1))
    assert_same(h.sum(axis=None), np.array(15.0))
    assert_same(h.sum(0, np.float32), np.arange(6.0).reshape(2, 3).sum(0, np.float32))


DTYPE_NAMES = ["float32", "f8", "float", "int", "i2", "u8", "?", "bool", "complex64",
               "complex", "float16", "bfloat16", "int8", float, int, bool, complex]


@pytest.mark.parametrize("name", DTYPE_NAMES, ids=str)
def test_dtype_names_on_the_fast_paths(name):
    # Strings and builtin types are looked up once and cached in C++ (convert.cpp,
    # cached_dtype): every creation function and astype gives NumPy's dtype for them.
    want = np.dtype(name)
    for _ in range(2):  # the first call fills the cache, the second reads it
        assert hc.empty(3, dtype=name).dtype == want
        assert hc.zeros((2, 2), name).dtype == want
        assert_same(hc.ones(3, dtype=name), np.ones(3, dtype=name))
        assert_same(hc.full(2, 1, dtype=name), np.full(2, 1, dtype=name))
        assert_same(hc.arange(2, dtype=name), np.arange(2, dtype=name))
        assert_same(hc.asarray([1, 0, 1], dtype=name), np.asarray([1, 0, 1], dtype=name))
        assert_same(hc.arange(4.0).astype(name), np.arange(4.0).astype(name))
        assert_same(hc.zeros_like(hc.ones(2), dtype=name), np.zeros(2, dtype=name))


def test_dtype_names_the_fast_paths_do_not_take():
    # Big-endian, text and unknown names are not cached: the Python functions decide.
    assert hc.empty(2, dtype=">f4").dtype == np.float32
    assert np.asarray(hc.zeros(2, dtype="U3")).dtype == np.dtype("U3")
    for bad in ["nonsense", "f4,f4x"]:
        for _ in range(2):
            with pytest.raises(TypeError, match="zeros"):
                hc.zeros(2, dtype=bad)
            with pytest.raises(TypeError):
                hc.ones(2).astype(bad)


@given(pair(dtypes=ALL, shape=st.tuples(st.integers(1, 6))),
       st.lists(st.integers(-8, 7), min_size=0, max_size=6),
       st.sampled_from(["list", "int64", "int32", "uint8", "int16"]))
def test_integer_list_and_numpy_keys_into_1d(p, idx, form):
    # x[list of ints] and x[NumPy int array] on a 1-D x are taken in C++ (array_type.cpp,
    # getitem_slot); every index is checked: NumPy's result or NumPy's IndexError.
    a, h = p
    if form == "uint8":
        idx = [i % 8 for i in idx]
    key = idx if form == "list" else np.array(idx, dtype=form)
    try:
        want = a[key]
    except IndexError as e:
        with pytest.raises(IndexError) as got:
            h[key]
        assert str(got.value) == str(e)
        return
    assert_same(h[key], want)


def test_list_keys_that_are_not_int_lists():
    a = np.arange(10.0)
    h = hc.asarray(a)
    assert_same(h[[True, False] * 5], a[[True, False] * 5])  # a mask
    assert_same(h[[]], a[[]])
    assert_same(h[[[1], [2]]], a[[[1], [2]]])
    assert_same(h[[np.int64(3), 1]], a[[np.int64(3), 1]])
    m = np.arange(12.0).reshape(3, 4)
    assert_same(hc.asarray(m)[[2, 0]], m[[2, 0]])
    assert_same(hc.asarray(m)[np.array([-1])], m[np.array([-1])])
    for bad in ([1.0], [2**70], [10], ["a"]):
        with pytest.raises(IndexError):
            h[bad]
    k = [1, 2]
    r = h[k]
    k[0] = 5  # the result is a copy: changing the key afterwards changes nothing
    assert_same(r, a[[1, 2]])


@given(pair(dtypes=ALL))
def test_transpose_without_axes_is_the_reversed_view(p):
    a, h = p
    assert_same(h.transpose(), a.transpose())
    assert_same(hc.transpose(h), np.transpose(a))
    t = h.transpose()
    if h.size and h._writeable:
        t[(0,) * t.ndim] = 0  # a view: the write reaches h's first element
        assert np.asarray(h)[(0,) * h.ndim] == 0


@given(pair(dtypes=ALL, shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       st.integers(-4, 3), st.integers(1, 3), st.booleans())
def test_concatenate_and_stack_any_axis(p, axis, count, other_dtype):
    # concatenate/stack/concat along any int axis take one memcpy per block in C++ when the
    # operands are C-contiguous CPU arrays of one dtype (array_type.cpp, concat_fast); anything
    # else (strided views, mixed dtypes, a bad axis) goes to the Python path: NumPy's outcome.
    a, h = p
    arrs = [a] * count
    hs = [h] * count
    if other_dtype and count > 1:
        arrs[-1] = a.astype(np.float64)
        hs[-1] = hc.asarray(arrs[-1])
    for name in ("concatenate", "stack"):
        try:
            want = getattr(np, name)(arrs, axis=axis)
        except (ValueError, np.exceptions.AxisError) as e:
            with pytest.raises(type(e)):
                getattr(hc, name)(hs, axis=axis)
            continue
        assert_same(getattr(hc, name)(hs, axis=axis), want)
        assert_same(getattr(hc, name)(hs, axis), want)
    if a.ndim >= 1:
        assert_same(hc.vstack(hs), np.vstack(arrs))
        assert_same(hc.hstack(hs), np.hstack(arrs))


def test_concatenate_results_are_new_arrays():
    h = hc.arange(6.0).reshape(2, 3)
    r = hc.concatenate([h, h], axis=1)
    r[0, 0] = 99.0
    assert float(h[0, 0]) == 0.0
    s = hc.stack((h, h), axis=-1)
    assert s.shape == (2, 3, 2) and s._c_contiguous
    assert_same(hc.vstack([hc.arange(3), hc.arange(3)]), np.vstack([np.arange(3)] * 2))
    with pytest.raises(ValueError):
        hc.vstack([hc.arange(3), hc.arange(2)])
    with pytest.raises(ValueError):
        hc.stack([hc.arange(3), hc.arange(2)])


@given(pair(dtypes=ALL), st.one_of(st.none(), st.integers(-5, 4),
                                   st.tuples(st.integers(-4, 3), st.integers(-4, 3)),
                                   st.just(1.0)))
def test_squeeze_and_flip_views(p, axis):
    # squeeze/flip (namespace functions) are built in C++ as views (array_type.cpp,
    # squeeze_fast/flip_fast); bad axes go to the Python functions: NumPy's outcome.
    a, h = p
    for name in ("squeeze", "flip"):
        try:
            want = getattr(np, name)(a, axis=axis)
        except (ValueError, TypeError, np.exceptions.AxisError) as e:
            with pytest.raises(type(e), match=name):
                getattr(hc, name)(h, axis=axis)
            continue
        got = getattr(hc, name)(h, axis=axis)
        assert_same(got, want)
        if got.size and h._writeable:
            idx = (0,) * got.ndim
            before = np.asarray(h).copy()
            got[idx] = 0  # a view: the write reaches exactly one element of h
            changed = np.asarray(h) != before
            assert changed.sum() <= 1 and np.asarray(got)[idx] == 0


@given(pair(dtypes=ALL))
def test_ravel_and_astype_without_copy(p):
    a, h = p
    r = h.ravel()
    assert_same(r, a.ravel())
    if h._c_contiguous and h.size and h._writeable:
        r[0] = 0  # a view of a C-contiguous array
        assert np.asarray(h).reshape(-1)[0] == 0
    assert h.astype(h.dtype, copy=False) is h
    assert h.astype(h.dtype, copy=True) is not h
    if a.dtype.kind != "c":  # (complex -> float64 drops the imaginary part, with a warning)
        assert_same(h.astype(np.float64, copy=False), a.astype(np.float64, copy=False))
