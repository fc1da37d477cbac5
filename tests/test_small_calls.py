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
