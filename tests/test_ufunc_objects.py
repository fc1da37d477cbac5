"""hcarray's ufunc objects (hc.add, hc.maximum, ...): calls unchanged, NumPy's attributes and
NumPy's methods (.reduce, .accumulate, .outer, .reduceat, .at) on hcarray arrays, against NumPy."""

import inspect
import pickle

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcarray as hc
from strategies import BOOL, FLOAT, INT, INTEGRAL, NUMERIC, REAL, UINT, assert_same, pair

UFUNC_NAMES = sorted(n for n in dir(hc) if isinstance(getattr(numpy, n, None), numpy.ufunc))


def _tol(d):
    if d.kind in "fc":
        return dict(rtol=1e-5 if d.itemsize <= 8 and d in (numpy.float32, numpy.complex64)
                    else 1e-12, atol=1e-6)
    return {}


# ---------------------------------------------------------------------------------------------
# Objects and attributes


def test_every_numpy_ufunc_name_is_a_ufunc_object():
    assert len(UFUNC_NAMES) > 90
    for name in UFUNC_NAMES:
        f, u = getattr(hc, name), getattr(numpy, name)
        assert isinstance(f, hc.ufunc), name
        assert not isinstance(f, numpy.ufunc)  # NumPy's ufunc type cannot be subclassed
        assert f.__name__ == u.__name__ and repr(f) == repr(u), name
        for attr in ("nin", "nout", "nargs", "ntypes", "types", "signature"):
            assert getattr(f, attr) == getattr(u, attr), (name, attr)
        assert f.identity == u.identity or (f.identity is None and u.identity is None), name
        assert callable(f.reduce) and callable(f.at) and callable(f.outer)


def test_numpy_ufuncs_are_instances_of_hc_ufunc():
    assert isinstance(numpy.add, hc.ufunc) and isinstance(numpy.sin, hc.ufunc)
    assert not isinstance(hc.sum, hc.ufunc) and not isinstance(len, hc.ufunc)
    assert hc.ufunc is not numpy.ufunc


def test_signature_is_the_function_signature_with_device():
    sig = inspect.signature(hc.add)
    params = list(sig.parameters.values())
    assert [p.name for p in params[:2]] == ["x1", "x2"]
    assert params[0].kind == inspect.Parameter.POSITIONAL_ONLY
    assert "out" in sig.parameters and "device" in sig.parameters
    for name in UFUNC_NAMES:
        assert "device" in inspect.signature(getattr(hc, name)).parameters, name


def test_pickle_and_copy_keep_identity():
    import copy
    for name in ("add", "maximum", "pow", "exp2", "logical_and"):
        f = getattr(hc, name)
        assert pickle.loads(pickle.dumps(f)) is f
        assert copy.copy(f) is f and copy.deepcopy(f) is f


def test_aliases_share_numpy_names():
    assert hc.pow.__name__ == "power" and hc.absolute.__name__ == "absolute"
    assert hc.abs.__name__ == "absolute" and hc.atan2.__name__ == "arctan2"


# ---------------------------------------------------------------------------------------------
# __call__ is the function, unchanged


@given(pair(dtypes=REAL))
def test_call_unchanged(p):
    a, h = p
    assert_same(hc.add(h, h), numpy.add(a, a))
    assert_same(hc.maximum(h, 1), numpy.maximum(a, 1))
    assert_same(hc.negative(h), numpy.negative(a))


def test_call_keywords_unchanged():
    h = hc.arange(6.0)
    out = hc.empty(6)
    assert hc.multiply(h, 2, out=out) is out
    assert_same(out, numpy.arange(6.0) * 2)
    assert_same(hc.add([1, 2], [3, 4]), numpy.array([4, 6]))
    assert_same(hc.sqrt(h, where=h > 2, out=hc.zeros(6)),
                numpy.sqrt(numpy.arange(6.0), where=numpy.arange(6.0) > 2, out=numpy.zeros(6)))


# ---------------------------------------------------------------------------------------------
# reduce

_REDUCERS = ["add", "multiply", "maximum", "minimum", "logical_and", "logical_or",
             "bitwise_or", "bitwise_xor", "fmax", "subtract"]


@given(pair(dtypes=INTEGRAL + BOOL), st.sampled_from(_REDUCERS), st.data())
def test_reduce_integral_matches_numpy(p, name, data):
    a, h = p
    if name == "subtract" and a.dtype == numpy.bool_:
        return  # NumPy refuses bool subtract; checked in test_bad_input
    axis = data.draw(st.sampled_from([None, 0, -1, (0,)] if a.ndim else [None]))
    keepdims = data.draw(st.booleans())
    try:
        expected = getattr(numpy, name).reduce(a, axis=axis, keepdims=keepdims)
    except (ValueError, TypeError) as e:
        with pytest.raises(type(e)):
            getattr(hc, name).reduce(h, axis=axis, keepdims=keepdims)
        return
    assert_same(getattr(hc, name).reduce(h, axis=axis, keepdims=keepdims), expected)


@given(pair(dtypes=FLOAT, allow_special=False), st.sampled_from(["add", "maximum", "minimum"]),
       st.data())
def test_reduce_float_matches_numpy(p, name, data):
    a, h = p
    axis = data.draw(st.sampled_from([None, 0, -1] if a.ndim else [None]))
    try:
        with numpy.errstate(all="ignore"):
            expected = getattr(numpy, name).reduce(a, axis=axis)
    except ValueError:
        with pytest.raises(ValueError, match=f"{name}"):
            getattr(hc, name).reduce(h, axis=axis)
        return
    got = getattr(hc, name).reduce(h, axis=axis)
    if name == "add":
        numpy.testing.assert_allclose(numpy.asarray(got), expected, rtol=1e-5,
                                      atol=1e-6 * (1 + numpy.abs(a).sum()))
        assert got.dtype == expected.dtype and got.shape == expected.shape
    else:
        # The order of signed zeros in max/min is implementation-defined (as the reductions'
        # test, test_reductions.py): values only (rtol=1e-300 skips the sign-of-zero check).
        assert_same(got, expected, rtol=1e-300)


def test_reduce_keywords():
    a = numpy.arange(12, dtype=numpy.int32).reshape(3, 4)
    h = hc.asarray(a)
    assert_same(hc.add.reduce(h), numpy.add.reduce(a))
    assert_same(hc.add.reduce(h, axis=1, dtype=hc.float64), numpy.add.reduce(a, 1, numpy.float64))
    assert_same(hc.add.reduce(h, axis=None, keepdims=True),
                numpy.add.reduce(a, axis=None, keepdims=True))
    assert_same(hc.maximum.reduce(h, axis=0, initial=7), numpy.maximum.reduce(a, 0, initial=7))
    w = a % 2 == 0
    assert_same(hc.add.reduce(h, axis=1, where=hc.asarray(w), initial=0),
                numpy.add.reduce(a, axis=1, where=w, initial=0))
    out = hc.zeros(4, dtype=hc.int64)
    assert hc.add.reduce(h, axis=0, out=out) is out
    assert_same(out, numpy.add.reduce(a, axis=0).astype(numpy.int64))
    # 0-d results are 0-d hcarray arrays; lists and NumPy arrays are accepted
    r = hc.multiply.reduce([1, 2, 3, 4])
    assert isinstance(r, hc.ndarray) and r.ndim == 0 and int(r) == 24
    assert_same(hc.add.reduce(a), numpy.add.reduce(a))
    assert_same(hc.add.reduce(numpy.ones((2, 2), numpy.float32), axis=(0, 1)),
                numpy.float32(4))
    assert_same(hc.maximum.reduce(hc.empty((0,)), initial=-numpy.inf),
                numpy.maximum.reduce(numpy.empty((0,)), initial=-numpy.inf))
    assert_same(hc.add.reduce(hc.empty((0, 3)), axis=0), numpy.zeros(3))


# ---------------------------------------------------------------------------------------------
# accumulate


@given(pair(dtypes=INT + UINT + FLOAT, allow_special=False),
       st.sampled_from(["add", "multiply", "maximum", "minimum", "subtract", "fmin"]), st.data())
def test_accumulate_matches_numpy(p, name, data):
    a, h = p
    if a.ndim == 0:
        with pytest.raises(TypeError) as e:
            getattr(numpy, name).accumulate(a)
        with pytest.raises(TypeError, match=f"{name}.accumulate: {e.value}"):
            getattr(hc, name).accumulate(h)
        return
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    with numpy.errstate(all="ignore"):
        expected = getattr(numpy, name).accumulate(a, axis=axis)
    got = getattr(hc, name).accumulate(h, axis=axis)
    if name in ("add", "multiply", "subtract") and a.dtype.kind == "f":
        assert got.dtype == expected.dtype
        numpy.testing.assert_allclose(numpy.asarray(got), expected, rtol=1e-4, atol=1e-30)
    else:
        assert_same(got, expected)


def test_accumulate_keywords_and_views():
    x = numpy.array([100, 104, 102, 110, 95, 115.0])
    h = hc.asarray(x)
    assert_same(hc.maximum.accumulate(h), numpy.maximum.accumulate(x))
    assert_same(hc.minimum.accumulate(h[::-1])[::-1], numpy.minimum.accumulate(x[::-1])[::-1])
    assert_same(hc.add.accumulate([1, 2, 3], dtype=hc.float32),
                numpy.add.accumulate([1, 2, 3], dtype=numpy.float32))
    out = hc.empty(6)
    assert hc.maximum.accumulate(h, out=out) is out
    assert_same(out, numpy.maximum.accumulate(x))
    assert_same(hc.logical_or.accumulate(hc.asarray([False, True, False])),
                numpy.logical_or.accumulate([False, True, False]))


# ---------------------------------------------------------------------------------------------
# outer


@given(pair(dtypes=NUMERIC, shape=st.tuples(st.integers(0, 4))),
       pair(dtypes=NUMERIC, shape=st.tuples(st.integers(0, 3), st.integers(0, 2))),
       st.sampled_from(["add", "multiply", "subtract", "greater", "maximum", "equal"]))
def test_outer_matches_numpy(p, q, name):
    (a, h), (b, g) = p, q
    try:
        with numpy.errstate(all="ignore"):
            expected = getattr(numpy, name).outer(a, b)
    except TypeError:
        with pytest.raises(TypeError):
            getattr(hc, name).outer(h, g)
        return
    assert_same(getattr(hc, name).outer(h, g), expected, **_tol(expected.dtype))


def test_outer_array_like():
    assert_same(hc.add.outer(hc.arange(8), hc.arange(8)),
                numpy.add.outer(numpy.arange(8), numpy.arange(8)))
    assert_same(hc.multiply.outer([1, 2], [3, 4, 5]), numpy.multiply.outer([1, 2], [3, 4, 5]))
    assert_same(hc.subtract.outer(hc.arange(3.0), 2), numpy.subtract.outer(numpy.arange(3.0), 2))
    assert_same(hc.hypot.outer(hc.arange(3.0), hc.arange(2.0)),
                numpy.hypot.outer(numpy.arange(3.0), numpy.arange(2.0)))


# ---------------------------------------------------------------------------------------------
# at: in place into hcarray memory


@given(pair(dtypes=INT + FLOAT, shape=st.tuples(st.integers(1, 6)), allow_special=False),
       st.lists(st.integers(-6, 5), max_size=10),
       st.sampled_from(["add", "maximum", "minimum", "multiply", "subtract"]))
def test_at_matches_numpy(p, idx, name):
    a, _ = p
    idx = [i % a.shape[0] for i in idx]
    a = a.copy()
    h = hc.asarray(a.copy())
    vals = numpy.arange(len(idx)).astype(a.dtype)
    with numpy.errstate(all="ignore"):
        getattr(numpy, name).at(a, idx, vals)
        assert getattr(hc, name).at(h, idx, hc.asarray(vals)) is None
    assert_same(h, a, **_tol(a.dtype))


def test_at_forms():
    x = numpy.full(3, -numpy.inf)
    h = hc.full(3, -hc.inf)
    view = h[:]
    hc.maximum.at(h, hc.asarray([0, 1, 0, 2]), [5.0, 2.0, 7.0, 1.0])
    numpy.maximum.at(x, [0, 1, 0, 2], [5.0, 2.0, 7.0, 1.0])
    assert_same(h, x) and assert_same(view, x)
    c = hc.zeros(4, dtype=hc.int64)
    hc.add.at(c, [0, 0, 3], 1)
    assert_same(c, numpy.array([2, 0, 0, 1]))
    n = hc.asarray([1.0, -2.0, 3.0])
    hc.negative.at(n, [0, 1])  # a unary ufunc: no b
    assert_same(n, numpy.array([-1.0, 2.0, 3.0]))
    s = hc.arange(10)
    hc.add.at(s[::2], [0, 1], 100)  # a strided view writes into its base
    assert_same(s, numpy.array([100, 1, 102, 3, 4, 5, 6, 7, 8, 9]))
    m = hc.zeros((2, 3))
    hc.add.at(m, (hc.asarray([0, 1, 1]), hc.asarray([2, 0, 0])), 1.0)
    assert_same(m, numpy.array([[0, 0, 1.0], [2.0, 0, 0]]))
    npa = numpy.zeros(3)  # a NumPy array is written in place too
    hc.add.at(npa, [1, 1], 1.0)
    assert list(npa) == [0.0, 2.0, 0.0]


# ---------------------------------------------------------------------------------------------
# reduceat


@given(pair(dtypes=INT + FLOAT, shape=st.tuples(st.integers(1, 8), st.integers(1, 3)),
            allow_special=False),
       st.lists(st.integers(0, 7), min_size=1, max_size=5), st.sampled_from([0, 1]),
       st.sampled_from(["add", "maximum", "multiply"]))
def test_reduceat_matches_numpy(p, idx, axis, name):
    a, h = p
    idx = [i % a.shape[axis] for i in idx]
    with numpy.errstate(all="ignore"):
        expected = getattr(numpy, name).reduceat(a, idx, axis=axis)
    got = getattr(hc, name).reduceat(h, hc.asarray(idx), axis=axis)
    assert_same(got, expected, **_tol(a.dtype))


def test_reduceat_monthly():
    d = numpy.linspace(-1, 1, 252)
    got = hc.add.reduceat(hc.asarray(d), hc.arange(0, 252, 21))
    assert_same(got, numpy.add.reduceat(d, numpy.arange(0, 252, 21)), rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# Bad input: Python exceptions naming the ufunc and method


def test_bad_input():
    h = hc.arange(4.0)
    with pytest.raises(numpy.exceptions.AxisError, match="add.reduce"):
        hc.add.reduce(h, axis=3)
    with pytest.raises(ValueError, match="sin.reduce"):
        hc.sin.reduce(h)
    with pytest.raises(ValueError, match="maximum.reduce"):
        hc.maximum.reduce(hc.empty((0,)))
    with pytest.raises(ValueError, match="negative.outer"):
        hc.negative.outer(h, h)
    with pytest.raises(TypeError, match="subtract.reduce"):
        hc.subtract.reduce(hc.asarray([True, False]))
    with pytest.raises(TypeError, match="add.at"):
        hc.add.at([1, 2, 3], [0], 1)
    with pytest.raises(IndexError, match="add.at"):
        hc.add.at(hc.zeros(3), [5], 1.0)
    ro = hc.broadcast_to(hc.zeros(1), (3,))
    with pytest.raises(ValueError, match="add.at"):
        hc.add.at(ro, [0], 1.0)
    with pytest.raises(IndexError, match="add.reduceat"):
        hc.add.reduceat(h, [0, 9])
    with pytest.raises(TypeError):
        hc.add.reduce(h, bogus=1)
    with pytest.raises(TypeError, match="bitwise_and.outer"):
        hc.bitwise_and.outer(hc.arange(2.0), hc.arange(2.0))
    with pytest.raises(TypeError, match="bitwise_or.reduce"):
        hc.bitwise_or.reduce(hc.arange(2.0))


def test_named_errors_keep_numpy_exception_types():
    from hcarray._ufunc import _named_error
    try:
        numpy.add(numpy.array([1.5]), 1, out=numpy.zeros(1, dtype=numpy.int64))
    except TypeError as e:
        err = e
    new = _named_error("add.at", err)
    assert isinstance(new, type(err)) and str(new) == f"add.at: {err}"
    assert _named_error("add.at", new) is new
