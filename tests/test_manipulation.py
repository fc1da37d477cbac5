"""Manipulation functions against NumPy: values, dtypes, view-vs-copy, and errors."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import ALL, NUMERIC, assert_same, pair

AxisError = np.exceptions.AxisError
nd1 = hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4)


def is_view(r, x):
    return r._shares_storage(x)


# --------------------------------------------------------------------------------------------
# views


@given(p=pair(), data=st.data())
def test_flip(p, data):
    a, x = p
    axis = data.draw(st.one_of(st.none(), st.integers(-a.ndim, a.ndim - 1) if a.ndim else
                               st.none(), st.permutations(range(a.ndim)).map(tuple)))
    r = hc.flip(x, axis=axis)
    assert_same(r, np.flip(a, axis=axis))
    assert is_view(r, x)


@given(p=pair(), data=st.data())
def test_permute_dims(p, data):
    a, x = p
    axes = tuple(data.draw(st.permutations(range(a.ndim))))
    r = hc.permute_dims(x, axes)
    assert_same(r, np.permute_dims(a, axes))
    assert is_view(r, x)


@given(p=pair(), data=st.data())
def test_moveaxis(p, data):
    a, x = p
    assume(a.ndim > 0)
    k = data.draw(st.integers(1, a.ndim))
    src = tuple(data.draw(st.permutations(range(a.ndim)))[:k])
    dst = tuple(data.draw(st.permutations(range(-a.ndim, 0)))[:k])
    r = hc.moveaxis(x, src, dst)
    assert_same(r, np.moveaxis(a, src, dst))
    assert is_view(r, x)
    assert_same(hc.moveaxis(x, src[0], dst[0]), np.moveaxis(a, src[0], dst[0]))


@given(p=pair(), data=st.data())
def test_expand_dims(p, data):
    a, x = p
    k = data.draw(st.integers(1, 3))
    nd = a.ndim + k
    axes = tuple(data.draw(st.lists(st.integers(-nd, nd - 1), min_size=k, max_size=k,
                                    unique_by=lambda v: v % nd)))
    r = hc.expand_dims(x, axis=axes)
    assert_same(r, np.expand_dims(a, axes))
    assert is_view(r, x)
    i = data.draw(st.integers(-a.ndim - 1, a.ndim))
    assert_same(hc.expand_dims(x, axis=i), np.expand_dims(a, i))
    assert_same(hc.expand_dims(x), np.expand_dims(a, 0))


@given(p=pair(shape=hnp.array_shapes(min_dims=1, max_dims=5, min_side=1, max_side=3)),
       data=st.data())
def test_squeeze(p, data):
    a, x = p
    ones = [i for i, s in enumerate(a.shape) if s == 1]
    assume(ones)
    axes = tuple(data.draw(st.lists(st.sampled_from(ones), min_size=1, unique=True)))
    r = hc.squeeze(x, axis=axes)
    assert_same(r, np.squeeze(a, axis=axes))
    assert is_view(r, x)
    assert_same(hc.squeeze(x, ones[0] - a.ndim), np.squeeze(a, ones[0]))


@given(p=pair())
def test_matrix_transpose(p):
    a, x = p
    assume(a.ndim >= 2)
    r = hc.matrix_transpose(x)
    assert_same(r, np.matrix_transpose(a))
    assert is_view(r, x)


@given(p=pair(shape=nd1), data=st.data())
def test_unstack(p, data):
    a, x = p
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    r = hc.unstack(x, axis=axis)
    e = np.unstack(a, axis=axis)
    assert isinstance(r, tuple) and len(r) == len(e)
    for g, w in zip(r, e):
        assert_same(g, w)
        assert is_view(g, x)


@given(p=pair(), data=st.data())
def test_broadcast_to(p, data):
    a, x = p
    lead = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3))
    shape = lead + tuple(data.draw(st.sampled_from([s, 3])) if s == 1 else s for s in a.shape)
    r = hc.broadcast_to(x, shape)
    assert_same(r, np.broadcast_to(a, shape))
    assert is_view(r, x)
    assert not r._writeable


@given(data=st.data())
def test_broadcast_arrays(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=4, max_side=3))
    ps = [data.draw(pair(shape=s)) for s in shapes.input_shapes]
    got = hc.broadcast_arrays(*[x for _, x in ps])
    exp = np.broadcast_arrays(*[a for a, _ in ps])
    assert isinstance(got, list)
    for g, e, (_, x) in zip(got, exp, ps):
        assert_same(g, e)
        assert is_view(g, x)
    assert hc.broadcast_arrays() == []


@given(p=pair(), data=st.data(), copy=st.sampled_from([None, True, False]))
def test_reshape(p, data, copy):
    a, x = p
    shape = data.draw(st.sampled_from([(-1,), (a.size,), a.shape[::-1] if a.size else (0, 3),
                                       (1,) + a.shape, a.shape + (1,)]))
    if shape == (0, 3) and a.size:
        shape = (a.size,)
    expected = np.reshape(a, shape)
    view_possible = np.shares_memory(expected, a) or a.size == 0
    if copy is False and not view_possible:
        with pytest.raises(ValueError, match="reshape"):
            hc.reshape(x, shape, copy=False)
        return
    r = hc.reshape(x, shape, copy=copy)
    assert_same(r, expected)
    if copy:
        assert not is_view(r, x)
    elif a.size and view_possible:
        assert is_view(r, x)


@pytest.mark.parametrize("shape", [(2, -2), (-7, 5), (-3,), (5, 1, -100), (0, -2), (-1, -1),
                                   (-2, -3), (3, -1), (4, -5)])
def test_reshape_any_negative_is_the_unknown_dimension(shape):
    """NumPy (2.4) takes any negative entry as the one unknown dimension; errors as NumPy's."""
    a = np.arange(10.0)
    x = hc.asarray(a)
    try:
        expected = a.reshape(shape)
    except ValueError:
        for f in (lambda: x.reshape(shape), lambda: hc.reshape(x, shape)):
            with pytest.raises(ValueError, match="reshape"):
                f()
        return
    assert_same(x.reshape(shape), expected)
    assert_same(hc.reshape(x, shape), expected)
    assert_same(x.reshape(*shape), expected)


def test_writes_through_views():
    a = np.arange(24.0).reshape(2, 3, 4)
    for f in (lambda x: hc.flip(x, axis=1), lambda x: hc.permute_dims(x, (2, 0, 1)),
              lambda x: hc.expand_dims(x, axis=(0, 2)), lambda x: hc.moveaxis(x, 0, -1),
              lambda x: hc.squeeze(hc.expand_dims(x, axis=1), axis=1),
              lambda x: hc.reshape(x, (6, 4)), lambda x: hc.unstack(x, axis=2)[3],
              lambda x: hc.matrix_transpose(x)):
        x = hc.asarray(a.copy())
        v = f(x)
        v[tuple(min(1, n - 1) for n in v.shape)] = -5.0
        assert (np.asarray(x) == -5.0).sum() == 1
    # and the other way: writes to x show in the views
    x = hc.asarray(a.copy())
    v = hc.flip(x)
    x[0, 0, 0] = 100.0
    assert np.asarray(v)[-1, -1, -1] == 100.0


# --------------------------------------------------------------------------------------------
# copies


@given(data=st.data())
def test_concat(data):
    base = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=3))
    axis = data.draw(st.integers(-len(base), len(base) - 1))
    n = data.draw(st.integers(1, 3))
    ps = []
    for _ in range(n):
        shape = list(base)
        shape[axis] = data.draw(st.integers(0, 3))
        ps.append(data.draw(pair(dtypes=NUMERIC + ALL[:1], shape=tuple(shape))))
    arrays = [a for a, _ in ps]
    try:
        expected = np.concatenate(arrays, axis=axis)
    except TypeError:
        with pytest.raises(TypeError, match="concat"):
            hc.concat([x for _, x in ps], axis=axis)
        return
    r = hc.concat([x for _, x in ps], axis=axis)
    assert_same(r, expected)
    assert not any(is_view(r, x) for _, x in ps)
    assert_same(hc.concat(tuple(x for _, x in ps), axis=None),
                np.concatenate(arrays, axis=None))


@given(data=st.data())
def test_stack(data):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3))
    n = data.draw(st.integers(1, 3))
    ps = [data.draw(pair(dtypes=NUMERIC, shape=shape)) for _ in range(n)]
    axis = data.draw(st.integers(-len(shape) - 1, len(shape)))
    r = hc.stack([x for _, x in ps], axis=axis)
    assert_same(r, np.stack([a for a, _ in ps], axis=axis))


def test_concat_stack_promotion():
    i8 = hc.asarray(np.array([1, 2], dtype=np.int8))
    u8 = hc.asarray(np.array([3], dtype=np.uint8))
    f4 = hc.asarray(np.array([0.5], dtype=np.float32))
    b = hc.asarray(np.array([True]))
    assert hc.concat([i8, u8]).dtype == np.int16
    assert hc.concat([i8, f4]).dtype == np.float32
    assert hc.concat([b, b]).dtype == np.bool_
    assert hc.stack([u8, b]).dtype == np.uint8
    assert_same(hc.concat([i8, u8, f4]), np.concatenate([np.asarray(i8), np.asarray(u8),
                                                          np.asarray(f4)]))


@given(p=pair(), data=st.data())
def test_roll(p, data):
    a, x = p
    shift = data.draw(st.integers(-10, 10))
    assert_same(hc.roll(x, shift), np.roll(a, shift))
    if a.ndim:
        axes = tuple(data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=1,
                                        max_size=3)))
        shifts = tuple(data.draw(st.integers(-10, 10)) for _ in axes)
        r = hc.roll(x, shifts, axis=axes)
        assert_same(r, np.roll(a, shifts, axis=axes))
        assert not is_view(r, x) or a.size == 0
        assert_same(hc.roll(x, shift, axis=axes[0]), np.roll(a, shift, axis=axes[0]))


@given(p=pair(), data=st.data())
def test_repeat(p, data):
    a, x = p
    r = data.draw(st.integers(0, 3))
    assert_same(hc.repeat(x, r), np.repeat(a, r))
    if a.ndim:
        axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
        assert_same(hc.repeat(x, r, axis=axis), np.repeat(a, r, axis=axis))
        reps = np.array(data.draw(st.lists(st.integers(0, 3), min_size=a.shape[axis],
                                           max_size=a.shape[axis])), dtype=np.int64)
        got = hc.repeat(x, hc.asarray(reps), axis=axis)
        assert_same(got, np.repeat(a, reps, axis=axis))
        assert not is_view(got, x)


@given(p=pair(), reps=st.lists(st.integers(0, 3), max_size=5).map(tuple))
def test_tile(p, reps):
    a, x = p
    assert_same(hc.tile(x, reps), np.tile(a, reps))


@given(p=pair(), r=st.integers(0, 3))
def test_tile_one_count(p, r):
    """One int count (the short path of session 5, any strides, 0-d and empty included), through
    the Array API function and the NumPy namespace; the copy never aliases x."""
    from hcarray import _manipulation_functions as api
    a, x = p
    for got in (hc.tile(x, r), api.tile(x, r)):
        assert_same(got, np.tile(a, r))
        assert not is_view(got, x)


# --------------------------------------------------------------------------------------------
# errors


def test_axis_errors():
    x = hc.zeros((2, 3))
    for f in (lambda: hc.flip(x, axis=2), lambda: hc.flip(x, axis=-3),
              lambda: hc.expand_dims(x, axis=3), lambda: hc.expand_dims(x, axis=-4),
              lambda: hc.squeeze(x, axis=5), lambda: hc.moveaxis(x, 0, 2),
              lambda: hc.concat([x, x], axis=2), lambda: hc.stack([x, x], axis=3),
              lambda: hc.unstack(x, axis=2), lambda: hc.roll(x, 1, axis=2),
              lambda: hc.repeat(x, 2, axis=2), lambda: hc.permute_dims(x, (0, 2))):
        with pytest.raises(AxisError):
            f()
    with pytest.raises(IndexError):
        hc.flip(x, axis=7)
    with pytest.raises(ValueError, match="flip"):
        hc.flip(x, axis=9)
    with pytest.raises(AxisError):
        hc.repeat(hc.zeros(()), 2, axis=0)


def test_value_errors():
    x = hc.zeros((2, 3))
    cases = [
        ("squeeze", lambda: hc.squeeze(x, axis=0)),
        ("flip", lambda: hc.flip(x, axis=(0, 0))),
        ("expand_dims", lambda: hc.expand_dims(x, axis=(0, -4))),
        ("permute_dims", lambda: hc.permute_dims(x, (0,))),
        ("permute_dims", lambda: hc.permute_dims(x, (0, 0))),
        ("moveaxis", lambda: hc.moveaxis(x, (0, 1), (0,))),
        ("concat", lambda: hc.concat([x, hc.zeros((2, 4))])),
        ("concat", lambda: hc.concat([x, hc.zeros(3)])),
        ("concat", lambda: hc.concat([hc.zeros(()), hc.zeros(())])),
        ("concat", lambda: hc.concat([])),
        ("stack", lambda: hc.stack([x, hc.zeros((3, 2))])),
        ("broadcast_to", lambda: hc.broadcast_to(x, (3,))),
        ("broadcast_to", lambda: hc.broadcast_to(x, (4, 3, 2))),
        ("broadcast_to", lambda: hc.broadcast_to(x, (-1, 3))),
        ("broadcast_arrays", lambda: hc.broadcast_arrays(x, hc.zeros(4))),
        ("reshape", lambda: hc.reshape(x, (4,))),
        ("reshape", lambda: hc.reshape(x, (-1, -1))),
        ("reshape", lambda: hc.reshape(hc.permute_dims(x, (1, 0)), (6,), copy=False)),
        ("repeat", lambda: hc.repeat(x, -1)),
        ("repeat", lambda: hc.repeat(x, hc.asarray(np.array([1, 2, 3])), axis=0)),
        ("repeat", lambda: hc.repeat(x, hc.asarray(np.array([1, -1])), axis=0)),
        ("tile", lambda: hc.tile(x, (-1,))),
        ("roll", lambda: hc.roll(x, (1, 2, 3), axis=(0, 1))),
        ("unstack", lambda: hc.unstack(hc.zeros(()))),
        ("matrix_transpose", lambda: hc.matrix_transpose(hc.zeros(3))),
    ]
    for name, f in cases:
        with pytest.raises(ValueError, match=name):
            f()


def test_type_errors():
    a = np.zeros((2, 3))
    x = hc.asarray(a)
    m = hc._manipulation_functions  # the strict Array API functions
    cases = [
        ("flip", lambda: m.flip(a)),
        ("flip", lambda: m.flip(x, axis=1.0)),
        ("concat", lambda: m.concat(x)),
        ("concat", lambda: m.concat([x, a])),
        ("stack", lambda: m.stack([a])),
        ("permute_dims", lambda: m.permute_dims(x, 0)),
        ("reshape", lambda: m.reshape(x, (2.0, 3))),
        ("reshape", lambda: m.reshape(x, (6,), copy="no")),
        ("repeat", lambda: m.repeat(x, 1.5)),
        ("repeat", lambda: m.repeat(x, hc.asarray(np.array([1.0, 2.0])), axis=0)),
        ("tile", lambda: m.tile(x, (1.5,))),
        ("roll", lambda: m.roll(x, 1.5)),
        ("broadcast_to", lambda: m.broadcast_to(a, (2, 3))),
        ("squeeze", lambda: m.squeeze(a, 0)),
    ]
    for name, f in cases:
        with pytest.raises(TypeError, match=name):
            f()
    # The top-level names are NumPy's: array_like operands give NumPy's results...
    b = np.arange(6.0).reshape(2, 3)
    assert_same(hc.flip(b), np.flip(b))
    assert_same(hc.concat(hc.asarray(b)), np.concat(b))
    assert_same(hc.concat([hc.asarray(b), b]), np.concat([b, b]))
    assert_same(hc.stack([b]), np.stack([b]))
    assert_same(hc.broadcast_to(b[0], (2, 3)), np.broadcast_to(b[0], (2, 3)))
    assert_same(hc.transpose(hc.asarray(b[0]), 0), np.transpose(b[0], 0))
    assert_same(hc.reshape(x, (6,), copy=2), np.reshape(a, (6,), copy=2))
    # ... and NumPy's errors (type included) for what NumPy refuses.
    errors = [
        ("flip", lambda xp, v: xp.flip(v, axis=1.0)),
        ("permute_dims", lambda xp, v: xp.permute_dims(v, 0)),
        ("reshape", lambda xp, v: xp.reshape(v, (2.0, 3))),
        ("reshape", lambda xp, v: xp.reshape(v, (6,), copy="no")),
        ("reshape", lambda xp, v: v.reshape((6,), copy="no")),
        ("repeat", lambda xp, v: xp.repeat(v, xp.asarray(np.array([1.0, 2.0])), axis=0)),
        ("tile", lambda xp, v: xp.tile(v, (1.5,))),
        ("squeeze", lambda xp, v: xp.squeeze(v, 0)),
    ]
    for name, f in errors:
        with pytest.raises(Exception) as np_err:
            f(np, a)
        with pytest.raises(np_err.type, match=name):
            f(hc, x)


def test_huge_results():
    x = hc.zeros((2, 2))
    with pytest.raises((ValueError, MemoryError)):
        hc.tile(x, (2**40, 2**40))
    with pytest.raises((ValueError, MemoryError)):
        hc.repeat(x, 2**62)
    with pytest.raises((ValueError, MemoryError)):
        hc.broadcast_to(x, (2**40, 2**40, 2, 2)) + 1


def test_concat_axis0_one_copy_path():
    # concat/concatenate along axis 0 of C-contiguous arrays of one dtype take one copy per
    # operand (_core._concat0); mixed dtypes, strided operands and bad shapes take the general
    # path: NumPy's results and errors on both.
    rng = np.random.default_rng(16)
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((2, 4))
    for xs in ([a, b], [a], (a, a, b), [a[:0], b], [a.astype(np.int8), b.astype(np.int8)]):
        hs = [hc.asarray(x) for x in xs]
        want = np.concatenate(xs)
        assert hc._core._concat0(list(hs)) is not None
        for got in (hc.concat(hs), hc.concat(list(hs), axis=0)):
            assert got.dtype == want.dtype
            np.testing.assert_array_equal(np.asarray(got), want)
    got = hc.concat([hc.asarray(a), hc.asarray(b.astype(np.float32))])
    np.testing.assert_array_equal(np.asarray(got), np.concatenate([a, b.astype(np.float32)]))
    assert hc._core._concat0([hc.asarray(a).T]) is None
    np.testing.assert_array_equal(np.asarray(hc.concat([hc.asarray(a).T] * 2)),
                                  np.concatenate([a.T] * 2))
    with pytest.raises(ValueError):
        hc.concat([hc.asarray(a), hc.asarray(np.zeros((2, 3)))])
    c = hc.concat([hc.asarray(a)])
    c[0, 0] = 99.0
    assert a[0, 0] != 99.0  # a copy
