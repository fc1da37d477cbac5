"""The C++ fast paths for small calls (issue 6: per-call overhead): the creation functions'
plain calls (cpp/python/fastcall.cpp, try_create), the C++ ndarray methods and protocols
(reshape, tolist, copy, astype, __getitem__, __array_ufunc__). Each must give exactly what the
general Python path gives, and what NumPy gives, for the calls it takes, and hand every other
call (odd types, keywords, layouts, out-of-range values) to the general path unchanged."""

import math

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hcarray as hc
from strategies import ALL, assert_same, pair

BF16 = np.dtype(ml_dtypes.bfloat16)


def _outcome(f, *args, **kwargs):
    try:
        return f(*args, **kwargs), None
    except Exception as e:  # noqa: BLE001 - the exception type and message are compared
        return None, e


def _same_result(fast, slow):
    """The fast call's result is the general path's: the same type, dtype, shape and values."""
    assert type(fast) is type(slow), (type(fast), type(slow))
    if type(slow) is not hc.ndarray:  # a dtype hcarray has no arrays for (str...): NumPy's
        np.testing.assert_array_equal(fast, slow, strict=True)
        return False
    assert_same(fast, np.asarray(slow))
    return True


def _slow(name):
    """The Python function behind hc.<name>'s C++ fast call."""
    f = getattr(hc, name)
    assert type(f).__name__ == "fastcall", f"hc.{name} is not a fast call"
    return f.__wrapped__


def _check(name, args, kwargs=None, np_name=None):
    """hc.name(*args, **kwargs) (fast path or not) == the Python path == NumPy."""
    kwargs = kwargs or {}
    fast, e1 = _outcome(getattr(hc, name), *args, **kwargs)
    slow, e2 = _outcome(_slow(name), *args, **kwargs)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        return None
    assert e1 is None, e1
    if not _same_result(fast, slow):
        return fast
    assert fast._c_contiguous == slow._c_contiguous
    if all(type(a) is not hc.ndarray for a in args):
        ref = getattr(np, np_name or name)(*args, **kwargs)
        assert_same(fast, np.asarray(ref))
    return fast


F32 = np.float32
ARANGE = [
    (10,), (0,), (-3,), (0, 10, 2), (0, 10, 3), (10, 0, -1), (10, 0, -3), (5, 5), (5, 1),
    (10.0,), (0, 1, 0.1), (0.5, 3.7, 0.3), (-1, 1, 0.25), (1, 2.5), (3, 0.0, -0.5),
    (2**52, 2**52 + 3), (-(2**52), -(2**52) + 2), (2**53, 2**53 + 3), (2**63 - 2, 2**63 - 1),
    (0, float("nan")), (0, float("inf")), (0.0, 1e-300, 1e-310),
    (True,), (np.int64(5),), (np.float32(2.5),), (1, 10, 0), (1.0, 2.0, 0.0), ("a",), (1j,),
    (None,), (0, None, 2), (5, None), (2**70,),
]
ARANGE_KW = [
    ((0, 10, 2), {"dtype": F32}), ((10,), {"dtype": np.int8}), ((0, 300, 100), {"dtype": np.int8}),
    ((0, 200, 100), {"dtype": np.uint8}), ((-1, 3), {"dtype": np.uint8}),
    ((0.5, 3.0), {"dtype": np.int32}), ((3,), {"dtype": bool}), ((3,), {"dtype": np.bool_}),
    ((0, 5), {"dtype": np.complex64}), ((0, 5), {"dtype": np.float16}),
    ((0, 5), {"dtype": ml_dtypes.bfloat16}), ((10,), {"step": 3}), ((0,), {"stop": 4}),
    ((0, 4), {"step": 0.5}), ((4,), {"dtype": "float32"}), ((4,), {"dtype": float}),
    ((4,), {"device": "cpu"}), ((), {"start": 3}),
]


@pytest.mark.parametrize("args", ARANGE, ids=repr)
def test_arange(args):
    _check("arange", args)


@pytest.mark.parametrize("args,kw", ARANGE_KW, ids=repr)
def test_arange_keywords(args, kw):
    fast, e1 = _outcome(hc.arange, *args, **kw)
    slow, e2 = _outcome(_slow("arange"), *args, **kw)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        return
    assert e1 is None, e1
    assert_same(fast, np.asarray(slow))
    if "device" not in kw:
        ref, e3 = _outcome(np.arange, *args, **kw)
        if e3 is None:
            assert_same(fast, ref)


SHAPES = [3, 0, (), (2, 3), (0, 4), (1, 1, 1), [2, 3], (2, -1), -1, 2**40, (2**20, 2**20),
          True, 3.0, np.int64(3), (np.int32(2), 2), "3", None]
DTYPES = [None, np.float32, np.int8, np.uint16, np.bool_, np.complex64, np.float16,
          ml_dtypes.bfloat16, "float32", float, int, np.dtype("int32"), "U3"]


@pytest.mark.parametrize("name", ["zeros", "ones", "empty"])
@pytest.mark.parametrize("shape", SHAPES, ids=repr)
def test_filled(name, shape):
    r = _check(name, (shape,)) if name != "empty" else None
    if name == "empty":
        fast, e1 = _outcome(hc.empty, shape)
        slow, e2 = _outcome(_slow("empty"), shape)
        assert (e1 is None) == (e2 is None)
        if e1 is None:
            assert fast.shape == slow.shape and fast.dtype == slow.dtype
    del r


@pytest.mark.parametrize("name", ["zeros", "ones"])
@pytest.mark.parametrize("dtype", DTYPES, ids=repr)
def test_filled_dtype(name, dtype):
    _check(name, ((2, 3), dtype))
    _check(name, ((2, 3),), {"dtype": dtype})
    _check(name, (4,), {"dtype": dtype, "order": "F"})


FILLS = [3.0, 2, -7, True, False, 1 + 2j, 2**63, -(2**63), 2**64, 300, -1, 2**24 + 1, 2.5,
         float("nan"), float("inf"), np.float32(1.5), np.int8(3), "x", None, [1, 2, 3]]


@pytest.mark.parametrize("fill", FILLS, ids=repr)
@pytest.mark.parametrize("dtype", [None, np.float32, np.float64, np.int8, np.uint8, np.int64,
                                   np.bool_, np.complex64, np.float16, ml_dtypes.bfloat16],
                         ids=repr)
def test_full(fill, dtype):
    kw = {} if dtype is None else {"dtype": dtype}
    fast, e1 = _outcome(hc.full, 3, fill, **kw)
    slow, e2 = _outcome(_slow("full"), 3, fill, **kw)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2), (e1, e2)
        return
    assert e1 is None, e1
    _same_result(fast, slow)


@pytest.mark.parametrize("name", ["zeros_like", "ones_like", "empty_like", "full_like"])
@given(p=pair(dtypes=ALL), dtype=st.sampled_from([None, np.float32, np.int16, np.bool_,
                                                   np.complex128, BF16]),
       fill=st.sampled_from([2.0, 3, True, -1, 300, 1j, 2**30, float("nan")]))
@settings(max_examples=40, deadline=None)
def test_like(name, p, dtype, fill):
    a, h = p
    args = (h, fill) if name == "full_like" else (h,)
    kw = {} if dtype is None else {"dtype": dtype}
    fast, e1 = _outcome(getattr(hc, name), *args, **kw)
    slow, e2 = _outcome(_slow(name), *args, **kw)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2), (e1, e2)
        return
    assert e1 is None, e1
    assert fast.shape == a.shape and fast.dtype == slow.dtype
    if a.ndim <= 1 or a.flags.c_contiguous:
        assert fast._c_contiguous
    if name != "empty_like":
        assert_same(fast, np.asarray(slow))
        nargs = (a, fill) if name == "full_like" else (a,)
        with np.errstate(all="ignore"):
            ref, e3 = _outcome(getattr(np, name), *nargs, **kw)
        if e3 is None and not (isinstance(fill, float) and math.isnan(fill)
                               and np.dtype(dtype or a.dtype).kind in "iub"):
            assert_same(fast, ref)


LISTS = [
    [1.0, 2.0, 3.0], [1, 2, 3], [True, False], [1, 2.5], [], [[]], [[], []], (1.0, 2.0),
    [[1, 2], [3, 4]], [[1.0], [2.0]], ([1, 2], (3, 4)), [[1, 2], [3]], [[1, 2], 3], [1, [2, 3]],
    [True, 2], [True, 2.0], [1, 2**63], [2**63], [-(2**63)], [2**64], [1j, 2], [1.0, "a"],
    [np.float32(1.0), 2.0], [np.int64(1)], [hc.asarray(1.0), 2.0], [[[1, 2]], [[3, 4]]],
    [float("nan"), float("inf"), -0.0], [[[[]]]], [2**53 + 1, 0.5], [None], [[1, 2], [3, 4.0]],
]


@pytest.mark.parametrize("name", ["asarray", "array"])
@pytest.mark.parametrize("obj", LISTS, ids=repr)
def test_from_list(name, obj):
    fast, e1 = _outcome(getattr(hc, name), obj)
    slow, e2 = _outcome(_slow(name), obj)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        return
    assert e1 is None, e1
    if not _same_result(fast, slow):
        return
    ref = getattr(np, name)(np.array(obj, dtype=object).tolist()
                            if any(type(v) is hc.ndarray for v in obj) else obj)
    assert_same(fast, ref)


@pytest.mark.parametrize("name", ["asarray", "array"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int8, np.bool_,
                                   "float32", np.complex64])
@pytest.mark.parametrize("obj", [[1.0, 2.5, 0.1], [1, 2, 3], [2**24 + 1, 0.5], [True, False],
                                 [[1, 2], [3.5, 4]], [300]], ids=repr)
def test_from_list_dtype(name, dtype, obj):
    fast, e1 = _outcome(getattr(hc, name), obj, dtype=dtype)
    slow, e2 = _outcome(_slow(name), obj, dtype=dtype)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2), (e1, e2)
        return
    assert e1 is None, e1
    assert_same(fast, np.asarray(slow))
    ref, e3 = _outcome(getattr(np, name), obj, dtype=dtype)
    if e3 is None:
        assert_same(fast, ref)


def test_asarray_array_of_arrays():
    h = hc.arange(6.0).reshape(2, 3)
    assert hc.asarray(h) is h
    c = hc.array(h)
    assert c is not h and not c._shares_storage(h)
    assert_same(c, np.arange(6.0).reshape(2, 3))
    t = h.T
    assert_same(hc.array(t), np.arange(6.0).reshape(2, 3).T)
    assert not hc.array(t)._shares_storage(h)
    assert hc.asarray(t) is t


@pytest.mark.parametrize("args", [(3,), (0,), (1,), (2, 4), (4, 2), (3, None), (3, 3, 0),
                                  (3, 3, 1), (3, 2, -1), (-1,), (2.0,), (True,), (np.int64(3),),
                                  (3, 2**40)], ids=repr)
@pytest.mark.parametrize("dtype", [None, np.float32, np.int8, np.bool_, np.complex64])
def test_eye(args, dtype):
    kw = {} if dtype is None else {"dtype": dtype}
    fast, e1 = _outcome(hc.eye, *args, **kw)
    slow, e2 = _outcome(_slow("eye"), *args, **kw)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2), (e1, e2)
        return
    assert e1 is None, e1
    assert_same(fast, np.asarray(slow))
    assert_same(fast, np.eye(*args, **kw))


DOT_SHAPES = [((5,), (5,)), ((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (3, 4)), ((0,), (0,)),
              ((3,), (4,)), ((), (3,)), ((2, 2, 2), (2,)), ((1, 0), (0, 1))]


@pytest.mark.parametrize("sa,sb", DOT_SHAPES, ids=repr)
@pytest.mark.parametrize("dt", [np.float32, np.float64, np.int32, np.bool_, np.complex64])
def test_dot(sa, sb, dt):
    a = (np.arange(int(np.prod(sa))) % 5).astype(dt).reshape(sa)
    b = (np.arange(int(np.prod(sb))) % 3).astype(dt).reshape(sb)
    ha, hb = hc.asarray(a), hc.asarray(b)
    fast, e1 = _outcome(hc.dot, ha, hb)
    slow, e2 = _outcome(_slow("dot"), ha, hb)
    ref, e3 = _outcome(np.dot, a, b)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        assert e3 is not None
        return
    assert e1 is None, e1
    assert_same(fast, np.asarray(slow))
    assert_same(fast, np.asarray(ref), rtol=1e-6 if dt in (np.float32, np.complex64) else 0)


def test_dot_strided_and_mixed():
    a = np.arange(12.0).reshape(3, 4)
    h = hc.asarray(a)
    assert_same(hc.dot(h[:, ::2], h[0, ::2]), np.dot(a[:, ::2], a[0, ::2]))
    assert_same(hc.dot(h[::-1, 0], h[:, 1].astype(np.float32)),
                np.dot(a[::-1, 0], a[:, 1].astype(np.float32)))
    assert_same(hc.dot(a[0], h[0]), np.dot(a[0], a[0]))  # a NumPy operand: general path
    out = hc.empty(())
    r = hc.dot(h[0], h[1], out=out)
    assert r is out and float(out) == float(np.dot(a[0], a[1]))


def test_using_block_takes_general_path():
    with hc.using("cpu"):
        assert_same(hc.zeros_like(hc.ones(3)), np.zeros(3))
        assert_same(hc.arange(0, 4, 2), np.arange(0, 4, 2))
        assert_same(hc.asarray([1.0, 2.0]), np.asarray([1.0, 2.0]))


def test_fast_objects_read_as_their_functions():
    import pickle
    for name in ("arange", "full", "zeros_like", "empty_like", "ones_like", "full_like",
                 "asarray", "array", "eye", "dot"):
        f = getattr(hc, name)
        assert f.__name__ == name
        assert pickle.loads(pickle.dumps(f)) is f


# ---- ndarray methods in C++: reshape, tolist, copy, astype ---------------------------------

RESHAPES = [((2, 5),), (2, 5), ((10,),), (-1,), (5, -1), ((-1, 2),), (1, 10, 1), ((),), (3, 3),
            (2.0, 5), ((2, 5.0),), (np.int64(2), 5), (-1, -1), (2, -2), ([2, 5],), (True, 10),
            (2**63,), ()]


@pytest.mark.parametrize("args", RESHAPES, ids=repr)
@pytest.mark.parametrize("layout", ["c", "strided", "transposed", "0d", "empty"])
def test_reshape_method(args, layout):
    base = np.arange(20.0)
    a = {"c": base[:10], "strided": base[::2], "transposed": base[:10].reshape(2, 5).T,
         "0d": np.array(3.0), "empty": np.zeros((0, 10))}[layout]
    h = hc.asarray(a)
    got, e1 = _outcome(h.reshape, *args)
    ref, e2 = _outcome(a.reshape, *args)
    slow, e3 = _outcome(hc.ndarray.reshape.__wrapped__, h, *args)
    if e3 is not None:
        assert e1 is not None and type(e1) is type(e3) and str(e1) == str(e3), (e1, e3)
        return
    assert e1 is None and e2 is None, (e1, e2)
    assert_same(got, ref)
    assert_same(slow, ref)
    assert got._shares_storage(h) == np.shares_memory(ref, a) or a.size == 0


def test_reshape_method_keywords_take_general_path():
    a = np.arange(6.0)
    h = hc.asarray(a)
    assert_same(h.reshape((2, 3), order="F"), a.reshape((2, 3), order="F"))
    assert_same(h.reshape(shape=(3, 2)), a.reshape((3, 2)))
    with pytest.raises(ValueError):
        h.reshape(2, 3).T.reshape(6, copy=False)
    with pytest.raises(ValueError):
        a.reshape(2, 3).T.reshape(6, copy=False)
    with pytest.raises(TypeError):
        h.reshape(2, 3, bogus=1)


@given(p=pair(dtypes=ALL))
@settings(max_examples=60, deadline=None)
def test_tolist_copy_astype(p):
    a, h = p
    ref = (a.astype(np.float32) if a.dtype == BF16 else a).tolist()
    got = h.tolist()
    assert got == ref or (np.isnan(np.asarray(ref, dtype=complex)).any())
    assert type(got) is type(ref)
    flat_g, flat_r = np.asarray(got, dtype=object).ravel(), np.asarray(ref, dtype=object).ravel()
    assert [type(v) for v in flat_g] == [type(v) for v in flat_r]
    np.testing.assert_array_equal(np.asarray(got, dtype=complex), np.asarray(ref, dtype=complex))
    c = h.copy()
    assert c._c_contiguous and not (c.size and c._shares_storage(h))
    assert_same(c, a.copy())
    for dt in (np.float32, np.int16, np.bool_, np.complex128, BF16):
        with np.errstate(all="ignore"):
            assert_same(h.astype(dt), np.asarray(h.astype.__wrapped__(h, dt)))


def test_astype_and_copy_other_forms():
    a = np.arange(6.0).reshape(2, 3)
    h = hc.asarray(a)
    assert h.astype(h.dtype) is not h
    assert h.astype(h.dtype, copy=False) is h
    assert_same(h.astype("int32"), a.astype("int32"))
    assert_same(h.astype(float), a.astype(float))
    assert isinstance(h.astype("U5"), np.ndarray)
    assert h.copy(order="F")._f_contiguous
    with pytest.raises(TypeError):
        h.astype()
    with pytest.raises(TypeError):
        h.copy(1, 2)


# ---- __array_ufunc__ in C++ ----------------------------------------------------------------

@pytest.mark.parametrize("ufunc", [np.add, np.multiply, np.subtract, np.true_divide, np.power,
                                   np.maximum, np.equal, np.sqrt, np.negative, np.exp,
                                   np.logical_and, np.arctan2])
@pytest.mark.parametrize("dt", [np.float32, np.int8, np.uint8, np.bool_, np.complex64, BF16])
@pytest.mark.parametrize("other", ["array", 2, 2.5, 300, -1, True, 1j])
def test_array_ufunc_call(ufunc, dt, other):
    a = (np.arange(6) % 4).astype(dt)
    h = hc.asarray(a)
    if ufunc.nin == 1:
        cases = [((h,), (a,))]
    else:
        o = a[::-1].copy() if other == "array" else other
        ho = hc.asarray(o) if other == "array" else other
        cases = [((h, ho), (a, o)), ((ho, h), (o, a))]
    for hargs, nargs in cases:
        with np.errstate(all="ignore"):
            got, e1 = _outcome(ufunc, *hargs)
            ref, e2 = _outcome(ufunc, *nargs)
        if e2 is not None:
            assert e1 is not None and type(e1) is type(e2), (e1, e2)
            continue
        assert e1 is None, e1
        assert type(got) is hc.ndarray
        assert_same(got, np.asarray(ref), rtol=1e-6 if ufunc in (np.exp, np.arctan2) else 0)


def test_array_ufunc_other_calls_take_the_hook():
    a = np.arange(4.0)
    h = hc.asarray(a)
    out = hc.empty(4)
    assert np.add(h, h, out=out) is out
    assert_same(out, a + a)
    assert_same(np.add.reduce(h), np.add.reduce(a))
    assert_same(np.add(h, a), a + a)
    assert_same(np.add(h, [1.0, 2.0, 3.0, 4.0]), a + [1.0, 2.0, 3.0, 4.0])
    assert_same(np.add(h, np.float32(2)), a + np.float32(2))
    assert_same(np.add(h, h, dtype=np.float32), np.add(a, a, dtype=np.float32))
    assert_same(np.hypot(h, h), np.hypot(a, a))
    with pytest.raises(ValueError):
        np.add(h, hc.ones(3))
    assert type(hc.ndarray.__array_ufunc__).__name__ == "fastcall"


@pytest.mark.parametrize("shape", [(2, 5), 10, (-1,), (5, -1), (3, 3), (2, -2), [2, 5], (2.0, 5),
                                   (np.int64(2), 5), ()], ids=repr)
@pytest.mark.parametrize("layout", ["c", "strided", "transposed"])
def test_reshape_function(shape, layout):
    base = np.arange(20.0)
    a = {"c": base[:10], "strided": base[::2], "transposed": base[:10].reshape(2, 5).T}[layout]
    h = hc.asarray(a)
    got, e1 = _outcome(hc.reshape, h, shape)
    slow, e2 = _outcome(_slow("reshape"), h, shape)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        return
    assert e1 is None, e1
    ref = np.reshape(a, shape)
    assert_same(got, ref)
    assert got._shares_storage(h) == np.shares_memory(ref, a)
    assert_same(hc.reshape(h, shape=shape), ref)


@pytest.mark.parametrize("axis", [0, 1, -1, -2, 2, -3, 3, 1.0, True, (0, 1), [0], None],
                         ids=repr)
@given(p=pair(dtypes=ALL))
@settings(max_examples=10, deadline=None)
def test_expand_dims(axis, p):
    a, h = p
    got, e1 = _outcome(hc.expand_dims, h, axis)
    slow, e2 = _outcome(_slow("expand_dims"), h, axis)
    if e2 is not None:
        assert e1 is not None and type(e1) is type(e2) and str(e1) == str(e2), (e1, e2)
        return
    assert e1 is None, e1
    assert got.strides == slow.strides and got._shares_storage(h)
    assert_same(got, np.expand_dims(a.astype(np.float32) if a.dtype == BF16 else a, axis)
                .astype(a.dtype))


# ---- ndarray's slots and getsets (x[i], x[key] = v, len, bool/int/float/index, shape, ndim,
# size, dtype, T, the buffer protocol) and the NumPy functions on hcarrays (np.sum/prod/max/min
# of a whole array, np.concatenate, np.tile with one count): session 5 -----------------------

import operator  # noqa: E402

from hcarray import _numpy_protocols as _proto  # noqa: E402


@given(p=pair(dtypes=ALL))
@settings(max_examples=80, deadline=None)
def test_int_getitem_and_attributes(p):
    a, h = p
    assert type(h.shape) is tuple and h.shape == a.shape
    assert (h.ndim, h.size, h.dtype, h._dtype_code) == (a.ndim, a.size, a.dtype, h._dtype_code)
    t = h.T
    assert type(t) is hc.ndarray and t._shares_storage(h) and t._writeable == h._writeable
    assert_same(t, a.T)
    if a.ndim == 0:
        with pytest.raises(TypeError, match="unsized"):
            len(h)
        with pytest.raises(IndexError, match="too many indices"):
            h[0]
        return
    assert len(h) == len(a)
    n = a.shape[0]
    for i in (0, n - 1, -1, -n, n // 2, n, -n - 1, 2**40, 2**63, -(2**70)):
        got, e1 = _outcome(operator.getitem, h, i)
        slow, e2 = _outcome(operator.getitem, h, (i,))  # a tuple key: the general path
        ref, e3 = _outcome(operator.getitem, a, i)
        if e3 is not None:
            assert type(e1) is IndexError and type(e2) is IndexError and str(e1) == str(e2)
            continue
        assert e1 is None and e2 is None
        assert type(got) is hc.ndarray and got._shares_storage(h)
        assert got._writeable == h._writeable and got._offset == slow._offset
        assert got.strides == slow.strides
        assert_same(got, np.asarray(ref))


def test_int_getitem_read_only_and_other_keys():
    h = hc.asarray(np.arange(12.0).reshape(3, 4))
    h._writeable = False
    r = h[1]
    assert not r._writeable and r.shape == (4,)
    with pytest.raises(ValueError, match="read-only"):
        r[0] = 1.0
    assert_same(h[True], np.arange(12.0).reshape(3, 4)[True])  # bool: a mask, not an int
    assert_same(h[np.int64(2)], np.arange(12.0).reshape(3, 4)[2])
    with pytest.raises(IndexError):
        h[3]


def test_setitem_slot():
    a = np.arange(10.0, dtype=np.float32)
    h = hc.asarray(a.copy())
    for key, v in ((3, 1.0), (-1, 2), (slice(1, 3), 5.0), ((None, 2), 7.0), (Ellipsis, a),
                   (4, hc.asarray(np.float32(9.5))), ([0, 1], 6.0), (slice(None), True)):
        a[key] = np.asarray(v) if type(v) is hc.ndarray else v
        h[key] = v
        assert_same(h, a)
    h[h > 3] = 0.0
    a[a > 3] = 0.0
    assert_same(h, a)
    with pytest.raises(TypeError, match="complex"):
        h[0] = 1j
    with pytest.raises(IndexError, match="out of bounds"):
        h[10] = 1.0
    hi = hc.asarray(np.arange(3, dtype=np.int8))
    with pytest.raises(OverflowError):
        hi[0] = 300
    with pytest.raises(AttributeError, match="__delitem__"):
        del h[0]
    h._writeable = False
    with pytest.raises(ValueError, match="read-only"):
        h[0] = 1.0
    hc.ndarray.__setitem__(hi, Ellipsis, 1)  # the slot as a method
    assert hi.tolist() == [1, 1, 1]


@pytest.mark.parametrize("dt", ALL)
def test_conversion_slots(dt):
    a = np.ones((1, 1), dtype=dt) * 3 if dt != np.bool_ else np.ones((1, 1), dtype=dt)
    h = hc.asarray(a)
    for x in (h, h[0, 0], h[0]):  # 0-d (the C++ float fast path) and one-element arrays
        assert bool(x) is bool(a.item())
        if dt.kind == "c":
            with pytest.raises(TypeError, match="float: cannot convert a complex"):
                float(x)
            with pytest.raises(TypeError, match="int: cannot convert a complex"):
                int(x)
        else:
            assert float(x) == float(a.item()) and type(float(x)) is float
            assert int(x) == int(a.item()) and type(int(x)) is int
        if dt.kind in "iu":
            assert operator.index(x) == int(a.item())
        else:
            with pytest.raises(TypeError, match="__index__: only integer arrays"):
                operator.index(x)
    two = hc.asarray(np.ones(2, dtype=dt))
    with pytest.raises(ValueError, match="ambiguous"):
        bool(two)
    with pytest.raises(ValueError, match="float: only arrays with exactly one element"):
        float(two)
    with pytest.raises(ValueError, match="int: only arrays with exactly one element"):
        int(two)
    # unaligned memory (a NumPy view at an odd byte offset, adopted without a copy)
    raw = np.frombuffer(bytearray(17), dtype=np.uint8)[1:9].view(np.float64)
    raw[...] = 2.5
    u = hc.asarray(raw).reshape(())
    assert float(u) == 2.5


def test_attributes_are_read_only_getsets():
    h = hc.asarray(np.arange(6.0).reshape(2, 3))
    for name in ("shape", "ndim", "size", "dtype", "T", "_dtype_code"):
        with pytest.raises(AttributeError):
            setattr(h, name, getattr(h, name))
    assert hc.ndarray.shape.__get__(h) == (2, 3)
    assert h.__len__() == 2 and hc.ndarray.__float__(h[0, 1]) == 1.0


NO_BF16 = [d for d in ALL if d != BF16]
_FORMATS = {np.dtype(np.int64): "l", np.dtype(np.uint64): "L", np.dtype(np.complex64): "Zf",
            np.dtype(np.complex128): "Zd"}


@given(p=pair(dtypes=NO_BF16))
@settings(max_examples=80, deadline=None)
def test_buffer_export(p):
    a, h = p
    m = memoryview(h)
    assert m.shape == a.shape and m.strides == h.strides and m.ndim == a.ndim
    assert m.itemsize == a.itemsize and m.readonly == (not h._writeable)
    assert m.format == _FORMATS.get(a.dtype, a.dtype.char)
    v = np.asarray(h)  # NumPy takes the buffer protocol first: a view, same dtype
    assert v.dtype == a.dtype and v.flags.writeable == h._writeable
    assert v.size == 0 or v.__array_interface__["data"][0] == h._data_ptr
    np.testing.assert_array_equal(v, a)
    del h, v
    np.testing.assert_array_equal(np.asarray(m), a)  # the export keeps the array alive
    m.release()


def _get_buffer(x, flags):
    """PyObject_GetBuffer(x, flags) (memoryview always asks for PyBUF_FULL_RO), released."""
    import ctypes
    api = ctypes.pythonapi
    api.PyObject_GetBuffer.argtypes = [ctypes.py_object, ctypes.c_void_p, ctypes.c_int]
    api.PyBuffer_Release.argtypes = [ctypes.c_void_p]
    view = ctypes.create_string_buffer(256)  # larger than a Py_buffer
    api.PyObject_GetBuffer(x, view, flags)  # raises the exporter's error
    api.PyBuffer_Release(view)


def test_buffer_export_writes_through_and_refuses():
    h = hc.asarray(np.arange(6.0).reshape(2, 3))
    v = np.asarray(h)
    v[1, 2] = -1.0
    assert h[1, 2].item() == -1.0
    with pytest.raises(BufferError, match="not C-contiguous"):
        _get_buffer(h.T, 0)  # PyBUF_SIMPLE of a transposed array
    _get_buffer(h, 1)
    h._writeable = False
    with pytest.raises(BufferError, match="read-only"):
        _get_buffer(h, 1)  # PyBUF_WRITABLE
    assert not np.asarray(h).flags.writeable
    with pytest.raises(BufferError, match="bfloat16"):
        memoryview(hc.asarray(np.ones(2, dtype=BF16)))


def _numpy_outcome(f, x):
    """NumPy's f on hcarray x through __array_function__, and the general (Python) path's
    result: the implementation's Python function, or NumPy's on a view when it defers."""
    impl = _proto._FUNCS[f]
    slow, e = _outcome(impl.__wrapped__, x)
    if isinstance(e, _proto._Defer):
        slow, e = _outcome(f, np.asarray(x))
        if slow is not None:
            slow = hc.asarray(np.asarray(slow))
    return _outcome(f, x), (slow, e)


@given(p=pair(dtypes=ALL))
@settings(max_examples=80, deadline=None)
def test_numpy_whole_reductions(p):
    a, h = p
    for f in (np.sum, np.prod, np.max, np.min, np.amax, np.amin):
        assert type(_proto._FUNCS[f]).__name__ == "fastcall"
        (got, e1), (slow, e2) = _numpy_outcome(f, h)
        ref, e3 = _outcome(f, a)
        if e2 is not None:
            assert type(e1) is type(e2) and str(e1) == str(e2)
            continue
        assert e1 is None and type(got) is hc.ndarray and got.ndim == 0
        assert_same(got, np.asarray(slow))  # the fast path is the general path, bit for bit
        assert e3 is None and got.dtype == np.asarray(ref).dtype
        if a.dtype.kind in "biu" and f is not np.prod:
            assert_same(got, np.asarray(ref))


def test_numpy_whole_reductions_other_calls():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    h = hc.asarray(a)
    assert_same(np.sum(h, axis=0), np.sum(a, axis=0))
    assert_same(np.sum(h, dtype=np.float64), np.asarray(np.sum(a, dtype=np.float64)))
    assert_same(np.max(h, keepdims=True), np.max(a, keepdims=True))
    assert_same(np.sum(h, initial=1.0), np.asarray(np.sum(a, initial=1.0)))
    half = np.array([2048, 1, 1], dtype=np.float16)  # NumPy rounds after each step: 2048
    assert_same(np.sum(hc.asarray(half)), np.asarray(np.sum(half)))
    with pytest.raises(ValueError, match="zero-size array"):
        np.max(hc.asarray(np.zeros(0)))


@given(p=pair(dtypes=ALL), k=st.integers(0, 3))
@settings(max_examples=60, deadline=None)
def test_numpy_concatenate_and_tile(p, k):
    a, h = p
    r = np.tile(h, k)
    assert type(r) is hc.ndarray and not (r.size and r._shares_storage(h))
    assert_same(r, np.tile(a, k))
    assert_same(np.tile(h, (k, 1)), np.tile(a, (k, 1)))
    if a.ndim == 0:
        with pytest.raises(ValueError, match="zero-dimensional"):
            np.concatenate([h, h])
        return
    impl = _proto._FUNCS[np.concatenate]
    assert type(impl).__name__ == "fastcall"
    for seq in ([h] * max(k, 1), (h, h[::-1]), [h, hc.asarray(a.astype(np.float64))]):
        ref = np.concatenate([np.asarray(x) for x in seq])
        for kw in ({}, {"axis": 0}):
            got = np.concatenate(seq, **kw)
            assert type(got) is hc.ndarray and not (got.size and got._shares_storage(h))
            assert_same(got, ref)
            slow, e = _outcome(impl.__wrapped__, seq, **kw)
            if e is None:  # the general path, where it does not defer to NumPy
                assert_same(impl(seq, **kw), np.asarray(slow))
    for axis in (-1, True, 1.0, a.ndim):
        got, e1 = _outcome(np.concatenate, [h, h], axis=axis)
        ref, e2 = _outcome(np.concatenate, [a, a], axis=axis)
        assert type(e1) is type(e2)
        if e2 is None:
            assert_same(got, ref)
    if a.ndim >= 2:
        assert_same(np.concatenate([h, h], axis=1), np.concatenate([a, a], axis=1))
    got, e1 = _outcome(np.tile, h, -1)  # NumPy's error (or its empty result for an empty a)
    ref, e2 = _outcome(np.tile, a, -1)
    assert type(e1) is type(e2) and str(e1) == str(e2)
    if e2 is None:
        assert_same(got, ref)


@given(p=pair(dtypes=ALL), start=st.none() | st.integers(-12, 12),
       stop=st.none() | st.integers(-12, 12), step=st.none() | st.integers(-4, 4))
@settings(max_examples=100, deadline=None)
def test_slice_and_newaxis_getitem(p, start, stop, step):
    a, h = p
    for key in (slice(start, stop, step), None):
        got, e1 = _outcome(operator.getitem, h, key)
        slow, e2 = _outcome(operator.getitem, h, (key,))  # the general path
        ref, e3 = _outcome(operator.getitem, a, key)
        if e2 is not None:
            assert type(e1) is type(e2) and str(e1) == str(e2) and e3 is not None
            continue
        assert e1 is None and e3 is None
        assert got.shape == slow.shape and got.strides == slow.strides
        assert got._offset == slow._offset and got._writeable == h._writeable
        assert got._shares_storage(h)
        assert_same(got, ref)
    if h.ndim:
        with pytest.raises(TypeError):
            h[slice("a")]


@given(p=pair(dtypes=ALL), v=st.booleans() | st.integers(-300, 300) | st.floats(allow_nan=True))
@settings(max_examples=100, deadline=None)
def test_int_setitem_scalar(p, v):
    a, h = p
    if a.ndim == 0 or a.shape[0] == 0 or not a.flags.writeable:
        return
    a = a.copy()
    h = hc.asarray(a.copy())
    for i in (0, -1, a.shape[0] - 1):
        ref, e1 = _outcome(operator.setitem, a, i, v)
        got, e2 = _outcome(operator.setitem, h, i, v)
        if e1 is not None or e2 is not None:
            # hcarray refuses what NumPy refuses (a Python int out of the dtype's range)
            assert type(e1) is type(e2), (e1, e2)
            continue
        assert_same(h, a)
