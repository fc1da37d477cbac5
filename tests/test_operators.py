"""ndarray operators (binary, reflected, in-place, comparison, unary) against NumPy 2's operators
on the same data: shapes x strides x dtypes, Python scalars (weak-scalar rules), broadcasting, and
misuse (shapes that do not broadcast, bad dtypes, in-place casts, read-only arrays)."""

import operator
import warnings

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from reference import floor_divide_api
from strategies import ALL, assert_same, np_arrays, to_hc

BF16 = np.dtype(ml_dtypes.bfloat16)

# operator -> registry name (messages name the function).
BINARY_OPS = {
    operator.add: "add", operator.sub: "subtract", operator.mul: "multiply",
    operator.truediv: "divide", operator.floordiv: "floor_divide", operator.mod: "remainder",
    operator.pow: "pow", operator.and_: "bitwise_and", operator.or_: "bitwise_or",
    operator.xor: "bitwise_xor", operator.lshift: "bitwise_left_shift",
    operator.rshift: "bitwise_right_shift",
}
INPLACE_OPS = {
    operator.iadd: "add", operator.isub: "subtract", operator.imul: "multiply",
    operator.itruediv: "divide", operator.ifloordiv: "floor_divide", operator.imod: "remainder",
    operator.ipow: "pow", operator.iand: "bitwise_and", operator.ior: "bitwise_or",
    operator.ixor: "bitwise_xor", operator.ilshift: "bitwise_left_shift",
    operator.irshift: "bitwise_right_shift",
}
COMPARE_OPS = {
    operator.eq: "equal", operator.ne: "not_equal", operator.lt: "less", operator.le: "less_equal",
    operator.gt: "greater", operator.ge: "greater_equal",
}
UNARY_OPS = {operator.neg: "negative", operator.pos: "positive", abs: "abs",
             operator.invert: "bitwise_invert"}



def _np(fn, *args):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args)


def _same(got, expected):
    expected = np.asarray(expected)
    if expected.dtype == BF16:
        assert got.dtype == BF16
        got, expected = hc.asarray(np.asarray(got).astype(np.float32)), expected.astype(np.float32)
    if expected.dtype.kind == "c" or expected.dtype.kind == "f" and expected.dtype.itemsize >= 4:
        # pow uses SVML in NumPy on AVX-512 machines (a few ulp from the C library); the
        # function-level tests check the exact cases; operators only need to route correctly.
        g = np.asarray(got)
        assert g.dtype == expected.dtype and g.shape == expected.shape
        if expected.dtype.kind == "c" and not np.isfinite(expected).all():
            # Complex products at the overflow edge: NumPy multiplies naively (inf), C++ by
            # C99 Annex G (which can stay finite, e.g. 1.8e308j); compare the finite elements.
            bad = ~np.isfinite(expected)
            g, expected = g[~bad], expected[~bad]
        np.testing.assert_allclose(g, expected, rtol=4 * np.finfo(expected.dtype).eps, atol=0,
                                   equal_nan=True)
        return
    assert_same(got, expected)


@st.composite
def operands(draw, dtypes=ALL):
    d1 = draw(st.sampled_from(dtypes))
    d2 = d1 if d1 == BF16 else draw(st.one_of(st.just(d1), st.sampled_from(
        [t for t in dtypes if t != BF16])))
    s1, s2 = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3)).input_shapes
    return draw(np_arrays([d1], shape=s1)), draw(np_arrays([d2], shape=s2))


# NumPy's operator, or the Array API's answer where the standard is explicit and NumPy differs.
_REFERENCE = {operator.floordiv: floor_divide_api, operator.ifloordiv: floor_divide_api}


def _expect_same_outcome(npfn, hcfn, nargs, hargs, name):
    npfn = _REFERENCE.get(npfn, npfn)
    try:
        expected = _np(npfn, *nargs)
    except (TypeError, ValueError, OverflowError) as e:
        kind = OverflowError if isinstance(e, OverflowError) else (
            TypeError if isinstance(e, TypeError) else ValueError)
        with pytest.raises(kind, match=name):
            hcfn(*hargs)
        return None
    got = hcfn(*hargs)
    _same(got, expected)
    return got


@pytest.mark.parametrize("op", list(BINARY_OPS) + list(COMPARE_OPS), ids=lambda f: f.__name__)
@given(data=st.data())
def test_binary_operator(op, data):
    a, b = data.draw(operands(ALL))
    name = BINARY_OPS.get(op) or COMPARE_OPS[op]
    if op in COMPARE_OPS and {a.dtype, b.dtype} == {np.dtype(np.int64), np.dtype(np.uint64)}:
        a, b = a.astype(np.float64), b.astype(np.float64)  # hcarray promotes these to float64
    _expect_same_outcome(op, op, (a, b), (to_hc(a), to_hc(b)), name)


_SCALARS = st.one_of(st.booleans(), st.integers(-130, 130), st.floats(-1e6, 1e6),
                     st.sampled_from([0.0, -0.0, float("inf"), float("nan"), 1.5, 2j, 1 - 1j]))


@pytest.mark.parametrize("op", list(BINARY_OPS) + list(COMPARE_OPS), ids=lambda f: f.__name__)
@given(data=st.data())
def test_operator_python_scalar(op, data):
    """x op s and s op x (the reflected dunder), NumPy 2's weak-scalar rules."""
    a = data.draw(np_arrays(ALL))
    s = data.draw(_SCALARS)
    name = BINARY_OPS.get(op) or COMPARE_OPS[op]
    if a.dtype.kind in "iu":
        info = np.iinfo(a.dtype)
        if isinstance(s, int) and not isinstance(s, bool) and not info.min <= s <= info.max:
            # NumPy raises only where the int must become the array dtype; see the function tests.
            with pytest.raises(OverflowError, match=name):
                op(to_hc(a), s)
            return
    ns = s
    if a.dtype == BF16 and isinstance(s, float):
        ns = np.asarray(s, dtype=BF16)  # ml_dtypes is not weak-scalar aware (bf16 + 0.5 -> f32)
    _expect_same_outcome(op, op, (a, ns), (to_hc(a), s), name)
    _expect_same_outcome(op, op, (ns, a), (s, to_hc(a)), name)


@pytest.mark.parametrize("op", list(INPLACE_OPS), ids=lambda f: f.__name__)
@given(data=st.data())
def test_inplace_operator(op, data):
    a, b = data.draw(operands(ALL))
    name = INPLACE_OPS[op]
    na = a.copy()
    try:
        _np(op, na, b)
    except (TypeError, ValueError) as e:
        with pytest.raises(TypeError if isinstance(e, TypeError) else ValueError, match=name):
            op(to_hc(a.copy()), to_hc(b))
        return
    if op is operator.ifloordiv:  # the Array API's infinity cases where NumPy differs
        with np.errstate(all="ignore"):
            na[...] = floor_divide_api(a, b).astype(na.dtype)
    x = to_hc(a.copy())
    before = x._data_ptr
    r = op(x, to_hc(b))
    assert r is x and x._data_ptr == before, "in-place operator must return and reuse self"
    _same(x, na)


@pytest.mark.parametrize("op", list(INPLACE_OPS), ids=lambda f: f.__name__)
def test_inplace_with_python_scalar(op):
    for dt, s in [(np.int8, 3), (np.int16, -2), (np.float32, 1.5), (np.uint8, 7), (np.float64, 2),
                  (np.complex64, 1j), (np.bool_, True), (np.int32, 2.5), (np.float16, 1j)]:
        a = np.array([1, 2, 3, 0], dtype=dt)
        name = INPLACE_OPS[op]
        na = a.copy()
        try:
            _np(op, na, s)
        except (TypeError, ValueError) as e:
            with pytest.raises(TypeError if isinstance(e, TypeError) else ValueError, match=name):
                op(to_hc(a.copy()), s)
            continue
        x = to_hc(a.copy())
        assert op(x, s) is x
        _same(x, na)


def test_inplace_overlapping_operand():
    a = np.arange(12, dtype=np.int32).reshape(3, 4)
    x = to_hc(a.copy())
    x += x[::-1]
    na = a.copy()
    na += na[::-1]
    assert_same(x, na)


@pytest.mark.parametrize("op", list(UNARY_OPS), ids=lambda f: getattr(f, "__name__", str(f)))
@given(data=st.data())
def test_unary_operator(op, data):
    a = data.draw(np_arrays(ALL))
    name = UNARY_OPS[op]
    try:
        expected = _np(op, np.array(a, order="C") if a.dtype.kind == "c" else a)
    except TypeError:
        with pytest.raises(TypeError, match=name):
            op(to_hc(a))
        return
    got = op(to_hc(a))
    _same(got, expected)


# ---- weak scalars ------------------------------------------------------------------------------

def test_weak_scalar_dtypes():
    i8 = to_hc(np.array([1, 2], dtype=np.int8))
    with pytest.raises(OverflowError, match="add"):
        i8 + 300
    with pytest.raises(OverflowError):
        300 + i8
    with pytest.raises(OverflowError):
        i8 += 300
    assert (i8 + 1.5).dtype == np.float64
    assert (1.5 * i8).dtype == np.float64
    assert (i8 + 127).dtype == np.int8
    assert_same(i8 + 127, np.array([-128, -127], dtype=np.int8))  # wraps
    f32 = to_hc(np.array([1, 2], dtype=np.float32))
    assert (f32 + 1.5).dtype == np.float32
    assert (2 ** f32).dtype == np.float32
    assert (f32 + 1j).dtype == np.complex64
    f64 = to_hc(np.array([1.0]))
    assert (f64 + 1j).dtype == np.complex128
    b = to_hc(np.array([True, False]))
    assert (b + 1).dtype == np.int64
    assert (b + 1.0).dtype == np.float64
    assert (b & True).dtype == np.bool_
    u8 = to_hc(np.array([200], dtype=np.uint8))
    assert_same(u8 + 100, np.array([44], dtype=np.uint8))
    with pytest.raises(OverflowError):
        u8 + (-1)


# ---- misuse ------------------------------------------------------------------------------------

@pytest.mark.parametrize("op", list(BINARY_OPS) + list(COMPARE_OPS), ids=lambda f: f.__name__)
def test_operator_shapes_do_not_broadcast(op):
    name = BINARY_OPS.get(op) or COMPARE_OPS[op]
    x = to_hc(np.ones((2, 3), dtype=np.int32))
    y = to_hc(np.ones((4,), dtype=np.int32))
    with pytest.raises(ValueError, match=name):
        op(x, y)


@pytest.mark.parametrize("op", list(INPLACE_OPS), ids=lambda f: f.__name__)
def test_inplace_result_shape_must_fit(op):
    dt = np.float64 if op is operator.itruediv else np.int32
    x = to_hc(np.ones((3,), dtype=dt))
    y = to_hc(np.ones((2, 3), dtype=dt))
    with pytest.raises(ValueError, match=INPLACE_OPS[op]):
        op(x, y)


def test_bad_dtypes():
    b = to_hc(np.array([True, False]))
    f = to_hc(np.array([1.5, 2.0]))
    with pytest.raises(TypeError, match="subtract"):
        b - b
    with pytest.raises(TypeError, match="negative"):
        -b
    with pytest.raises(TypeError, match="positive"):
        +b
    with pytest.raises(TypeError, match="bitwise_and"):
        f & f
    with pytest.raises(TypeError, match="bitwise_left_shift"):
        f << 1
    with pytest.raises(TypeError, match="bitwise_invert"):
        ~f
    with pytest.raises(TypeError, match="floor_divide"):
        to_hc(np.array([1j])) // 1
    assert_same(~b, np.array([False, True]))


@pytest.mark.parametrize("dt,other,op", [
    (np.int32, 1.5, operator.iadd), (np.int64, np.float32, operator.iadd),
    (np.int16, 2, operator.itruediv), (np.float32, 1j, operator.imul),
    (np.float64, np.complex64, operator.isub), (np.uint8, np.float16, operator.imul),
    (np.bool_, 1, operator.iadd), (np.int8, np.bool_, operator.itruediv),
])
def test_inplace_cast_not_allowed(dt, other, op):
    x = to_hc(np.ones(3, dtype=dt))
    y = other if not isinstance(other, type) else to_hc(np.ones(3, dtype=other))
    with pytest.raises(TypeError, match=INPLACE_OPS[op]):
        op(x, y)
    assert_same(x, np.ones(3, dtype=dt))  # untouched


def test_readonly_inplace():
    a = np.arange(4, dtype=np.float64)
    a.flags.writeable = False
    x = to_hc(a)
    if x._writeable:
        x._writeable = False
    for op in INPLACE_OPS:
        if INPLACE_OPS[op].startswith("bitwise"):
            continue
        with pytest.raises(ValueError, match=INPLACE_OPS[op]):
            op(x, 1.0)
    assert_same(x, np.arange(4, dtype=np.float64))


def test_unsupported_operand_type():
    x = to_hc(np.arange(3))
    with pytest.raises(TypeError):
        x + "a"
    with pytest.raises(TypeError):
        "a" - x
    with pytest.raises(TypeError):
        x < object()


def test_integer_pow_negative_exponent_operator():
    x = to_hc(np.array([1, 2], dtype=np.int64))
    with pytest.raises(ValueError, match="pow"):
        x ** -1
    with pytest.raises(ValueError, match="pow"):
        x **= to_hc(np.array([-1, 1]))
    assert_same(2 ** x, np.array([2, 4]))
    assert_same(x ** 2.0, np.array([1.0, 4.0]))


def test_bool_square_operator():
    """NumPy's ndarray ** 2 is np.square, whose first loop for bool is int8; np.power and other
    exponents give int64 (NEP 50's default integer)."""
    b = np.array([True, False])
    h = to_hc(b)
    for got, want in ((h ** 2, b ** 2), (h ** 3, b ** 3), (2 ** h, 2 ** b),
                      (hc.pow(h, 2), np.power(b, 2)), (h ** True, b ** True)):
        assert got.dtype == want.dtype, (got.dtype, want.dtype)
        np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "complex64", "complex128",
                                   "int8", "int64", "uint8", "uint64", "bool"])
@pytest.mark.parametrize("c", [2, 2.0, 0.5, -1, -1.0])
def test_power_by_python_constant_is_numpys(dtype, c):
    # ndarray ** 2 is np.square, ** 0.5 np.sqrt and ** -1 a reciprocal in NumPy (its fast scalar
    # powers): the same bits and dtype here, special values included; NumPy's error otherwise.
    rng = np.random.default_rng(11)
    kind = np.dtype(dtype).kind
    x = rng.standard_normal(500) * (30 if kind in "iu" else 3)
    if kind == "c":
        x = x + 1j * rng.standard_normal(500)
    x = x.astype(dtype)
    if kind == "f":
        x[:7] = [0.0, -0.0, np.inf, -np.inf, np.nan, -1.0, 5.0]
    try:
        want = x ** c
    except (ValueError, TypeError, OverflowError) as e:
        with pytest.raises(type(e)):
            hc.asarray(x) ** c
        return
    got = np.asarray(hc.asarray(x) ** c)
    assert got.dtype == want.dtype
    if kind == "c" and (c in (-1, -1.0) or c == 2.0 and isinstance(c, float)):
        np.testing.assert_allclose(got, want, rtol=4 * np.finfo(want.dtype).eps)  # NumPy's complex pow
    else:
        np.testing.assert_array_equal(got.view(np.uint8), want.view(np.uint8))


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int64", "uint8", "complex128"])
def test_power_function_by_two_is_numpys(dtype):
    # np.power(x, 2) (NumPy's loop squares) and hc.pow(x, 2): the same bits as NumPy's.
    rng = np.random.default_rng(15)
    x = (rng.standard_normal(700) * 7).astype(dtype)
    h = hc.asarray(x)
    want = np.power(x, 2)
    for got in (hc.pow(h, 2), np.power(h, 2)):
        got = np.asarray(got)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got.view(np.uint8), want.view(np.uint8))
