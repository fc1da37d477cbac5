"""Binary elementwise functions, comparisons, logical and bitwise functions, and the sign-related
unary functions, against NumPy 2 (the oracle) over hypothesis arrays: dtypes x shapes x strides,
broadcasting, NaN/inf/-0.0. Results must match in shape, dtype and value (bit for bit for
floats, sign of zero included), except where NumPy's SIMD libm (SVML) is used, see _ULP_OPS."""

import math
import warnings

import ml_dtypes
import numpy as np
import pytest
from hypothesis import assume, given, strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from reference import floor_divide_api
from strategies import (
    ALL, BOOL, COMPLEX, FLOAT, HALF, INTEGRAL, NUMERIC, REAL, assert_same, np_arrays, to_hc,
)

BF16 = np.dtype(ml_dtypes.bfloat16)
NOBOOL = NUMERIC + HALF
REALISH = BOOL + REAL + HALF
BITS = BOOL + INTEGRAL

# name -> (NumPy function, dtypes the test draws from).
BINARY = {
    "add": (np.add, ALL),
    "subtract": (np.subtract, NOBOOL),
    "multiply": (np.multiply, ALL),
    "divide": (np.divide, ALL),
    "floor_divide": (floor_divide_api, REALISH),
    "remainder": (np.remainder, REALISH),
    "pow": (np.power, ALL),
    "maximum": (np.maximum, ALL),
    "minimum": (np.minimum, ALL),
    "copysign": (np.copysign, REALISH),
    "hypot": (np.hypot, REALISH),
    "atan2": (np.arctan2, REALISH),
    "logaddexp": (np.logaddexp, REALISH),
    "nextafter": (np.nextafter, REALISH),
    "equal": (np.equal, ALL),
    "not_equal": (np.not_equal, ALL),
    "less": (np.less, ALL),
    "less_equal": (np.less_equal, ALL),
    "greater": (np.greater, ALL),
    "greater_equal": (np.greater_equal, ALL),
    "logical_and": (np.logical_and, ALL),
    "logical_or": (np.logical_or, ALL),
    "logical_xor": (np.logical_xor, ALL),
    "bitwise_and": (np.bitwise_and, BITS),
    "bitwise_or": (np.bitwise_or, BITS),
    "bitwise_xor": (np.bitwise_xor, BITS),
    "bitwise_left_shift": (np.left_shift, BITS),
    "bitwise_right_shift": (np.right_shift, BITS),
}
FLOAT_ONLY = {"copysign", "hypot", "atan2", "logaddexp", "nextafter"}
COMPARISONS = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}

UNARY = {
    "negative": (np.negative, NOBOOL),
    "positive": (np.positive, NOBOOL),
    "abs": (np.absolute, ALL),
    "square": (np.square, ALL),
    "sign": (np.sign, NOBOOL),
    "signbit": (np.signbit, REALISH),
    "reciprocal": (np.reciprocal, ALL),
    "real": (np.real, ALL),
    "imag": (np.imag, ALL),
    "conj": (np.conjugate, ALL),
    "isnan": (np.isnan, ALL),
    "isinf": (np.isinf, ALL),
    "isfinite": (np.isfinite, ALL),
    "logical_not": (np.logical_not, ALL),
    "bitwise_invert": (np.invert, BITS),
}

# NumPy computes pow and arctan2 for float32/float64 with SVML on AVX-512 machines, which is
# not bit-identical to the C library (both within a few ulp). Special values still match exactly.
_ULP_OPS = {"pow", "atan2"}


def _np_call(fn, *args):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args)


def _same(got, expected):
    """assert_same, also for bfloat16 (NumPy's testing does not see bfloat16 NaNs as equal)."""
    expected = np.asarray(expected)
    if expected.dtype == BF16:
        assert isinstance(got, hc.ndarray)
        assert got.dtype == BF16, f"dtype {got.dtype} != bfloat16"
        got = hc.asarray(np.asarray(got).astype(np.float32))
        expected = expected.astype(np.float32)
    assert_same(got, expected)


def _check(name, got, expected):
    expected = np.asarray(expected)
    if name in _ULP_OPS and expected.dtype.kind in "fc" and expected.dtype.itemsize >= 4:
        g = np.asarray(got)
        assert g.dtype == expected.dtype and g.shape == expected.shape
        if expected.dtype.kind == "c":
            # Complex pow: the C library's cpow against NumPy's (the same libm); allow rounding.
            np.testing.assert_allclose(g, expected, rtol=1e-5 if g.dtype == np.complex64 else 1e-13,
                                       atol=0, equal_nan=True)
            return
        exact = ~np.isfinite(expected) | (expected == 0) | np.isin(expected, [1.0, -1.0])
        _same(hc.asarray(np.ascontiguousarray(g[exact])), expected[exact])
        tol = 8 * np.finfo(expected.dtype).eps
        np.testing.assert_allclose(g[~exact], expected[~exact], rtol=tol, atol=0)
        return
    _same(got, expected)


def _contiguous(*arrays):
    """NumPy's complex abs, multiply and square use SIMD formulas (FMA) for contiguous data but
    scalar C for some other layouts (1 ulp apart); hcarray always gives the SIMD result, so
    the oracle runs on contiguous copies of complex inputs."""
    return [np.array(x, order="C") if x.dtype.kind == "c" else x for x in arrays]


def _np_unary(name, a):
    a, = _contiguous(a)
    return np.asarray(_np_call(UNARY[name][0], a))


def _dtype_pair(dtypes):
    """Two dtypes: often the same, otherwise mixed (bfloat16 only with itself: NumPy has no
    common dtype for it with most others)."""
    return st.sampled_from(dtypes).flatmap(
        lambda d: st.tuples(st.just(d), st.just(d) if d == BF16 else st.one_of(
            st.just(d), st.sampled_from([t for t in dtypes if t != BF16]))))


@st.composite
def array_pairs(draw, dtypes):
    d1, d2 = draw(_dtype_pair(dtypes))
    s1, s2 = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
    a = draw(np_arrays([d1], shape=s1))
    b = draw(np_arrays([d2], shape=s2))
    return a, b


def _run_binary(name, a, b):
    npfn = BINARY[name][0]
    try:
        expected = _np_call(npfn, *_contiguous(a, b))
    except (TypeError, ValueError) as e:
        kind = TypeError if isinstance(e, TypeError) else ValueError
        with pytest.raises(kind, match=name):
            getattr(hc, name)(to_hc(a), to_hc(b))
        return
    if name in COMPARISONS and {a.dtype, b.dtype} == {np.dtype(np.int64), np.dtype(np.uint64)}:
        # hcarray compares int64 with uint64 in float64 (the promotion table); NumPy 2 exactly.
        expected = _np_call(npfn, a.astype(np.float64), b.astype(np.float64))
    got = getattr(hc, name)(to_hc(a), to_hc(b))
    _check(name, got, expected)


@pytest.mark.parametrize("name", sorted(BINARY))
@given(data=st.data())
def test_binary_matches_numpy(name, data):
    a, b = data.draw(array_pairs(BINARY[name][1]))
    _run_binary(name, a, b)


@pytest.mark.parametrize("name", sorted(UNARY))
@given(data=st.data())
def test_unary_matches_numpy(name, data):
    npfn, dtypes = UNARY[name]
    a = data.draw(np_arrays(dtypes))
    got = getattr(hc, name)(to_hc(a))
    _same(got, _np_unary(name, a))


# ---- special values, exhaustively over a grid of IEEE values ----------------------------------

_SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.0, -2.0, 3.0, -3.0, 1e-310, -1e-310,
            1e300, -1e300, math.inf, -math.inf, math.nan]


@pytest.mark.parametrize("dtype", FLOAT + HALF, ids=str)
@pytest.mark.parametrize("name", sorted(n for n, (_, d) in BINARY.items() if FLOAT[0] in d))
def test_binary_special_values(name, dtype):
    with np.errstate(over="ignore"):
        v = np.array(_SPECIAL).astype(dtype)
    a, b = np.meshgrid(v, v, indexing="ij")
    _run_binary(name, a, b)


@pytest.mark.parametrize("dtype", COMPLEX, ids=str)
@pytest.mark.parametrize("name", sorted(n for n, (_, d) in BINARY.items() if COMPLEX[0] in d))
def test_binary_complex_special_values(name, dtype):
    parts = [0.0, -0.0, 1.0, -2.0, math.inf, -math.inf, math.nan]
    v = np.array([complex(r, i) for r in parts for i in parts], dtype=dtype)
    a, b = np.meshgrid(v, v, indexing="ij")
    if name == "pow":
        # cpow of infinities/NaNs is the C library's business; NumPy and hcarray both call it,
        # but glibc's cpow is not guaranteed bit-stable across builds: finite inputs only here.
        keep = np.isfinite(a) & np.isfinite(b)
        a, b = a[keep], b[keep]
    _run_binary(name, a, b)


@pytest.mark.parametrize("dtype", FLOAT + HALF + COMPLEX, ids=str)
@pytest.mark.parametrize("name", sorted(n for n, (_, d) in UNARY.items() if FLOAT[0] in d))
def test_unary_special_values(name, dtype):
    if np.dtype(dtype).kind == "c":
        if UNARY[name][1] is REALISH:
            pytest.skip("real-only function: complex input is covered by the TypeError test")
        parts = [0.0, -0.0, 1.0, -2.0, 3.0, math.inf, -math.inf, math.nan]
        v = np.array([complex(r, i) for r in parts for i in parts], dtype=dtype)
    else:
        with np.errstate(over="ignore"):
            v = np.array(_SPECIAL).astype(dtype)
    _same(getattr(hc, name)(to_hc(v)), _np_unary(name, v))


# ---- integers: wrapping, division by zero, MIN // -1, shifts out of range ---------------------

@pytest.mark.parametrize("dtype", INTEGRAL, ids=str)
@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "floor_divide", "remainder",
                                  "pow", "maximum", "minimum", "bitwise_left_shift",
                                  "bitwise_right_shift", "divide"])
def test_integer_edges(name, dtype):
    info = np.iinfo(dtype)
    vals = sorted(v for v in {info.min, info.min + 1, -3, -1, 0, 1, 2, 3, 7, 8, 31, 32, 63, 64,
                              65, info.max - 1, info.max} if info.min <= v <= info.max)
    v = np.array(vals, dtype=dtype)
    a, b = np.meshgrid(v, v, indexing="ij")
    if name == "pow" and info.min < 0:
        b = np.abs(b.astype(np.int64)).clip(0, info.max).astype(dtype)  # negatives raise
    _run_binary(name, a, b)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64], ids=str)
def test_integer_negative_power_raises(dtype):
    x = hc.asarray(np.array([2, 3], dtype=dtype))
    with pytest.raises(ValueError, match="pow: Integers to negative integer powers"):
        hc.pow(x, hc.asarray(np.array([1, -1], dtype=dtype)))
    with pytest.raises(ValueError, match="Integers to negative integer powers"):
        x ** -2
    assert_same(x ** 0, np.array([1, 1], dtype=dtype))


@pytest.mark.parametrize("dtype", INTEGRAL + BOOL + HALF + FLOAT + COMPLEX, ids=str)
def test_unary_integer_edges(dtype):
    if np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        vals = [info.min, info.min + 1, -1, 0, 1, 2, info.max - 1, info.max]
        v = np.array([x for x in vals if x >= info.min], dtype=dtype)
    elif np.dtype(dtype).kind == "b":
        v = np.array([True, False])
    else:
        v = np.array([0, 1, -1, 2, 0.5], dtype=dtype)
    for name, (npfn, dtypes) in UNARY.items():
        if np.dtype(dtype) in dtypes:
            _same(getattr(hc, name)(to_hc(v)), _np_unary(name, v))


# ---- Python scalars (NumPy 2 weak-scalar rules) ----------------------------------------------

_SCALARS = st.one_of(
    st.booleans(), st.integers(-200, 200), st.sampled_from([2**31, -2**31 - 1, 2**63 - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(complex, st.floats(-10, 10), st.floats(-10, 10)),
)


def _int_out_of_range(s, dtype):
    if isinstance(s, bool) or not isinstance(s, int) or dtype.kind not in "iu":
        return False
    info = np.iinfo(dtype)
    return not info.min <= s <= info.max


@pytest.mark.parametrize("name", sorted(BINARY))
@given(data=st.data())
def test_binary_python_scalar(name, data):
    a = data.draw(np_arrays(BINARY[name][1]))
    s = data.draw(_SCALARS)
    reflected = data.draw(st.booleans())
    ns = s
    if a.dtype == BF16 and isinstance(s, float) and not name.startswith("logical_"):
        # ml_dtypes' bfloat16 is not weak-scalar aware in NumPy (bf16 + 0.5 -> float32);
        # hcarray applies the NumPy 2 / Array API rule (result stays bfloat16). Logical ops
        # take the scalar by its truth value (1e-70 is true though it rounds to bf16 zero).
        ns = np.asarray(s, dtype=BF16)
    args = (ns, a) if reflected else (a, ns)
    hargs = (s, to_hc(a)) if reflected else (to_hc(a), s)
    try:
        expected = _np_call(BINARY[name][0], *args)
    except OverflowError:
        with pytest.raises(OverflowError, match=name):
            getattr(hc, name)(*hargs)
        return
    except (TypeError, ValueError) as e:
        with pytest.raises(TypeError if isinstance(e, TypeError) else ValueError, match=name):
            getattr(hc, name)(*hargs)
        return
    if _int_out_of_range(s, a.dtype) and not name.startswith("logical_"):
        # NumPy 2 raises OverflowError only when the int must become the array's int dtype;
        # for comparisons and float loops (divide, atan2...) it computes. hcarray converts
        # Python scalars before picking the loop (convert.cpp) and raises, except in logical
        # ops, which take a scalar by its truth value and so compute as NumPy does.
        with pytest.raises(OverflowError, match=name):
            getattr(hc, name)(*hargs)
        return
    got = getattr(hc, name)(*hargs)
    _check(name, got, expected)


def test_weak_scalar_rules():
    i8 = hc.asarray(np.array([1, 2], dtype=np.int8))
    with pytest.raises(OverflowError):
        i8 + 300
    assert (i8 + 1.5).dtype == np.float64
    assert (i8 + 1).dtype == np.int8
    f32 = hc.asarray(np.array([1, 2], dtype=np.float32))
    assert (f32 + 1.5).dtype == np.float32
    assert (f32 * 2).dtype == np.float32
    assert (f32 + 1j).dtype == np.complex64
    assert (hc.asarray(np.array([True])) + 1).dtype == np.int64
    assert_same(2.0 ** f32, np.float32(2.0) ** np.array([1, 2], dtype=np.float32))


# ---- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_shapes_do_not_broadcast(name):
    dt = BINARY[name][1][-1]
    a = hc.asarray(np.ones((2, 3), dtype=dt))
    b = hc.asarray(np.ones((4,), dtype=dt))
    with pytest.raises(ValueError, match=name):
        getattr(hc, name)(a, b)


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_needs_an_array(name):
    # The strict Array API function needs an hcarray operand.
    with pytest.raises(TypeError, match=name):
        getattr(hc._elementwise_functions, name)(1, 2)
    # The top-level name is NumPy's: Python scalars and lists are array_likes.
    for args in ((1, 2), (1.5, 2.0), ([1, 2], 3), (True, [False, True])):
        try:
            expected = _np_call(BINARY[name][0], *args)
        except TypeError:
            with pytest.raises(TypeError, match=name):
                getattr(hc, name)(*args)
            continue
        _check(name, getattr(hc, name)(*args), expected)


@pytest.mark.parametrize("name,dtype", [
    ("subtract", np.bool_), ("bitwise_and", np.float32), ("bitwise_or", np.float64),
    ("bitwise_xor", np.complex64), ("bitwise_left_shift", np.float16),
    ("bitwise_right_shift", np.float64), ("floor_divide", np.complex128),
    ("remainder", np.complex64), ("copysign", np.complex64), ("nextafter", np.complex128),
    ("hypot", np.complex64), ("atan2", np.complex64), ("logaddexp", np.complex64),
    ("maximum", None), ("bitwise_and", BF16),
])
def test_binary_bad_dtype(name, dtype):
    if dtype is None:
        a, b = hc.asarray(np.ones(2, np.int64)), hc.asarray(np.ones(2, np.uint64))
        assert hc.maximum(a, b).dtype == np.float64  # promotes, as NumPy
        a, b = hc.asarray(np.ones(2, np.float16)), hc.asarray(np.ones(2, BF16))
    else:
        a = b = hc.asarray(np.ones(3, dtype=dtype))
    with pytest.raises(TypeError, match=name):
        getattr(hc, name)(a, b)


@pytest.mark.parametrize("name,dtype", [
    ("negative", np.bool_), ("positive", np.bool_), ("sign", np.bool_),
    ("bitwise_invert", np.float32), ("bitwise_invert", np.complex128),
    ("signbit", np.complex64),
])
def test_unary_bad_dtype(name, dtype):
    with pytest.raises(TypeError, match=name):
        getattr(hc, name)(hc.asarray(np.ones(3, dtype=dtype)))


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_needs_an_array(name):
    # The strict Array API function refuses a NumPy array.
    with pytest.raises(TypeError, match=name):
        getattr(hc._elementwise_functions, name)(np.ones(3))
    # The top-level name is NumPy's: NumPy arrays, lists and scalars are array_likes.
    for arg in (np.ones(3), np.arange(-2, 3), [1.5, -2.0], -3, True):
        try:
            expected = _np_call(UNARY[name][0], arg)
        except TypeError:
            with pytest.raises(TypeError, match=name):
                getattr(hc, name)(arg)
            continue
        _check(name, getattr(hc, name)(arg), expected)


@pytest.mark.parametrize("dtype", [np.int64, np.uint64])
def test_floor_divide_64bit_fast_path(dtype):
    # 64-bit floor division goes through double division for |a| < 2^53 (exact floor, shown in
    # elementwise_arith.cpp) and the integer path otherwise: NumPy's results on both sides of
    # the boundary, exact multiples, signs, huge divisors and 0 / -1 divisors.
    rng = np.random.default_rng(13)
    ii = np.iinfo(dtype)
    lo = -(2**53) if dtype == np.int64 else 0
    edges = [2**53 - 1, 2**53, 2**53 - 2, 2**53 + 1, 0, 1, 6, 7, ii.max]
    if dtype == np.int64:
        edges += [-(2**53 - 1), -(2**53), -6, -7, -1, ii.min]
    a = np.concatenate([np.array(edges, dtype), rng.integers(ii.min, ii.max, 5000, dtype=dtype),
                        rng.integers(lo, 2**53, 5000, dtype=dtype)])
    divisors = [1, 2, 3, 7, 2**52 + 1, 2**53 - 1, ii.max] + ([-1, -2, -7, -(2**52 + 1), ii.min]
                                                              if dtype == np.int64 else [])
    with np.errstate(all="ignore"):
        for d in divisors:
            b = np.array(d, dtype)
            np.testing.assert_array_equal(np.asarray(hc.asarray(a) // hc.asarray(b)), a // b)
        b = rng.integers(ii.min, ii.max, a.shape[0], dtype=dtype)
        b[::7] = 0
        np.testing.assert_array_equal(np.asarray(hc.asarray(a) // hc.asarray(b)), a // b)


# ---- session 4 speed paths: per-target loops, one-pass clip, exact fast fmod -------------------
# The vector loops (cpu/loops_target.h) only run their main bodies on runs longer than a
# vector (16 float32 lanes), which the small hypothesis arrays above rarely reach: these draw
# longer 1-d arrays (contiguous, strided, reversed) seeded with special values.

_LONG_SPECIAL = [0.0, -0.0, math.inf, -math.inf, math.nan, 1e-310, -1e-310, 1.0, -1.0]


@st.composite
def long_arrays(draw, dtypes):
    dtype = draw(st.sampled_from(dtypes))
    n = draw(st.integers(0, 70))
    step = draw(st.sampled_from([1, 1, 2, -1, -3]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    m = n * abs(step)
    if dtype.kind == "f":
        base = (rng.standard_normal(m) * 10.0 ** rng.integers(-3, 4, m)).astype(dtype)
        k = draw(st.integers(0, m))
        if m:
            idx = rng.integers(0, m, k)
            with np.errstate(over="ignore"):
                base[idx] = np.array(_LONG_SPECIAL, dtype=dtype)[rng.integers(0, len(_LONG_SPECIAL), k)]
    elif dtype.kind == "b":
        base = rng.integers(0, 2, m).astype(bool)
    else:
        info = np.iinfo(dtype)
        base = rng.integers(info.min, int(info.max) + 1, m, dtype=dtype)
        base[::3] = rng.integers(-3, 4, base[::3].size).astype(dtype) if dtype.kind == "i" else 3
    return base[::step][:n] if step > 0 else base[::step]


_VEC_BINARY = ["maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater",
               "greater_equal", "floor_divide", "remainder"]


@pytest.mark.parametrize("name", _VEC_BINARY)
@given(data=st.data())
def test_binary_vector_loops(name, data):
    dtypes = BOOL + REAL if name not in ("floor_divide", "remainder") else REAL
    a = data.draw(long_arrays(dtypes))
    kind = data.draw(st.sampled_from(["array", "scalar_right", "scalar_left"]))
    rng = np.random.default_rng(a.size)
    b = a[::-1].copy() if a.size else a.copy()
    if a.dtype.kind == "f":
        b = b * np.asarray(rng.choice([1, -1, 0.5, 3], a.size), dtype=a.dtype)
    if kind == "scalar_right" and a.size:
        b = np.asarray(b[0])
    elif kind == "scalar_left" and a.size:
        a, b = np.asarray(a[0]), a
    _run_binary(name, a, b)


_VEC_UNARY = ["abs", "negative", "square", "sign", "reciprocal", "isnan", "isinf", "isfinite"]


@pytest.mark.parametrize("name", _VEC_UNARY)
@given(data=st.data())
def test_unary_vector_loops(name, data):
    a = data.draw(long_arrays(REAL))
    if name == "reciprocal" and a.dtype.kind in "iu":
        a = np.where(a == 0, 1, a).astype(a.dtype)  # NumPy's int reciprocal of 0 varies by platform
    if name in ("negative", "sign") and a.dtype.kind == "b":
        return
    npfn = UNARY[name][0]
    _same(getattr(hc, name)(to_hc(a)), _np_unary(name, a))


def _fmod_hard_cases(dtype):
    """Quotients near integers and near the fast path's 2^22 / 2^50 limit, tiny and huge b."""
    rng = np.random.default_rng(7)
    f = np.dtype(dtype).type
    b = (rng.standard_normal(4000) * 10.0 ** rng.integers(-5, 6, 4000)).astype(dtype)
    q = np.concatenate([rng.integers(-50, 50, 1000), rng.integers(-2**21, 2**21, 1000),
                        rng.integers(-2**23, 2**23, 1000), rng.integers(-2**52, 2**52, 1000)])
    with np.errstate(all="ignore"):
        a = (q.astype(np.float64) * b.astype(np.float64)).astype(dtype)
        a[::2] = np.nextafter(a[::2], f(np.inf))
        a[1::4] = np.nextafter(a[1::4], f(-np.inf))
        sub = np.array([np.finfo(dtype).smallest_subnormal * k for k in (1, 3, 7)], dtype=dtype)
    a = np.concatenate([a, sub, -sub, np.array(_LONG_SPECIAL, dtype=dtype)])
    b = np.concatenate([b, sub[::-1], sub, np.array(_LONG_SPECIAL[::-1], dtype=dtype)])
    return a, b


@pytest.mark.parametrize("dtype", FLOAT, ids=str)
@pytest.mark.parametrize("name", ["remainder", "floor_divide"])
def test_float_mod_fast_path_exact(name, dtype):
    """remainder/floor_divide compute fmod with one fma (exact); must equal NumPy bit for bit."""
    a, b = _fmod_hard_cases(dtype)
    _run_binary(name, a, b)
    _run_binary(name, b, a)
    _run_binary(name, a[::-3], b[::-3])


# clip: the one-pass loop for Python-scalar bounds, the composition otherwise.

def _clip_oracle(a, lo, hi):
    r = a
    with np.errstate(all="ignore"):
        if lo is not None:
            r = np.maximum(r, lo)
        if hi is not None:
            r = np.minimum(r, hi)
    return np.asarray(r).astype(a.dtype)


@st.composite
def clip_bound(draw, dtype):
    if dtype.kind == "f" or dtype == BF16:
        return draw(st.one_of(st.none(), st.integers(-100, 100), st.sampled_from(
            [0.0, -0.0, math.inf, -math.inf, math.nan, 1e30]),
            st.floats(-1e6, 1e6, width=32)))
    if dtype.kind == "b":
        return draw(st.one_of(st.none(), st.booleans()))
    info = np.iinfo(dtype)
    return draw(st.one_of(st.none(), st.integers(int(info.min), int(info.max)),
                          st.integers(max(-3, int(info.min)), 3)))


def _api_clip(*args):
    from hcarray._elementwise_functions import clip  # the Array API function (x's dtype kept)
    return clip(*args)


@given(data=st.data())
def test_clip_scalar_bounds(data):
    a = data.draw(st.one_of(long_arrays(REAL), np_arrays(REAL + HALF)))
    lo = data.draw(clip_bound(a.dtype))
    hi = data.draw(clip_bound(a.dtype))
    _same(_api_clip(to_hc(a), lo, hi), _clip_oracle(a, lo, hi))
    if a.dtype.kind == "f" or (not isinstance(lo, float) and not isinstance(hi, float)):
        with np.errstate(all="ignore"):
            expected = np.clip(a, lo, hi) if (lo is not None or hi is not None) else a
        # The NumPy namespace's clip. NumPy's own clip loop returns x or the bound on a tie of
        # zeros depending on its code path (clip(-0.0, 0, 0) is -0.0, clip(-0.0, 0, None) 0.0);
        # hcarray's follows maximum/minimum throughout: the sign of a zero is not compared.
        if a.dtype != BF16:
            assert_same(hc.clip(to_hc(a), lo, hi), expected, signed_zero=False)


@given(data=st.data())
def test_clip_array_bounds(data):
    a = data.draw(long_arrays(FLOAT + INTEGRAL))
    lo = a[::-1].copy()
    hi = np.asarray(3, dtype=a.dtype)
    _same(_api_clip(to_hc(a), to_hc(lo), to_hc(hi)), _clip_oracle(a, lo, hi))
    _same(_api_clip(to_hc(a), None, to_hc(lo)), _clip_oracle(a, None, lo))


def test_clip_float_bounds_on_ints_and_errors():
    a = np.arange(-5, 6, dtype=np.int16)
    _same(_api_clip(to_hc(a), -2.5, 3.5), _clip_oracle(a, -2.5, 3.5))  # composition, int16
    _same(hc.clip(to_hc(a), -2.5, 3.5), np.clip(a, -2.5, 3.5))  # NumPy's: float64
    with pytest.raises(TypeError, match="clip"):
        _api_clip(a, 0, 1)  # not an hcarray
    x = to_hc(a)
    assert _api_clip(x) is not x and _api_clip(x).dtype == x.dtype
    with pytest.raises(OverflowError, match="clip"):
        _api_clip(x, 0, 10**6)  # NEP 50: the Python int does not fit int16


def test_clip_pair_private_op_other_strides():
    """_clip_pair given a full array for the bounds (not its stride-0 pair) only applies lo."""
    from hcarray import _core
    a = np.array([-3.0, 0.5, 7.0], dtype=np.float32)
    b = np.array([0.0, 1.0, 2.0], dtype=np.float32)
    _same(_core.binary("_clip_pair", to_hc(a), to_hc(b)), np.maximum(a, b))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.uint8], ids=str)
def test_clip_numpy_namespace_out(dtype):
    rng = np.random.default_rng(3)
    a = (rng.standard_normal(100) * 50).astype(dtype)
    if a.dtype.kind == "f":
        a[::7] = np.nan
        a[::11] = -0.0
    h = to_hc(a.copy())
    out = hc.empty_like(h)
    r = hc.clip(h, 0, 30, out=out)
    assert r is out
    assert_same(out, np.clip(a, 0, 30), signed_zero=False)  # zero ties: see above
    r = hc.clip(h, 1, None, out=h)  # in place
    assert r is h
    assert_same(h, np.clip(a, 1, None))
    o64 = hc.zeros(a.shape, dtype=hc.float64)  # another dtype: through the result and a copy
    hc.clip(to_hc(a), 0, 30, out=o64)
    assert_same(o64, np.clip(a, 0, 30).astype(np.float64), signed_zero=False)
    with pytest.raises(ValueError, match="clip"):
        hc.clip(to_hc(a), 0, 30, out=hc.empty((3,), dtype=a.dtype))


_TARGET_SCRIPT = r"""
import numpy as np, hcarray as hc
rng = np.random.default_rng(0)
sp = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-310, -1e-310, 3e9, -3e9, 2.5, -2.5, 1e19]
out = {}
for dt in ("float32", "float64"):
    with np.errstate(over="ignore"):
        x = np.concatenate([np.array(sp * 3, dtype=dt), (rng.standard_normal(77) * 1e3).astype(dt)])
    y = x[::-1].copy()
    h, g = hc.asarray(x), hc.asarray(y)
    for name in ("maximum", "minimum", "less", "equal", "floor_divide", "remainder"):
        out[name + dt] = np.asarray(getattr(hc, name)(h, g)).tobytes()
    for name in ("floor", "ceil", "trunc", "round", "sign", "isnan", "abs", "cbrt", "square"):
        out[name + dt] = np.asarray(getattr(hc, name)(h)).tobytes()
    out["clip" + dt] = np.asarray(hc.clip(h, -1.0, 2.0)).tobytes()
    for t in ("int8", "int32", "int64", "uint32", "uint64", "float32", "float64", "bool"):
        out["astype" + dt + t] = np.asarray(h.astype(t)).tobytes()
for dt in ("int32", "int64", "uint8"):
    x = rng.integers(-100, 100, 99).astype(dt)
    h = hc.asarray(x)
    out["lt" + dt] = np.asarray(h < hc.asarray(x[::-1].copy())).tobytes()
    out["abs" + dt] = np.asarray(hc.abs(h)).tobytes()
    out["sign" + dt] = np.asarray(hc.sign(h)).tobytes()
    out["clip" + dt] = np.asarray(hc.clip(h, 3, 50)).tobytes()
    out["f" + dt] = np.asarray(h.astype("float32")).tobytes()
import pickle, sys
sys.stdout.buffer.write(pickle.dumps(out))
"""


def test_every_simd_target_gives_the_same_bits():
    """HCARRAY_SIMD=avx512 / avx2 / scalar pick different compiled loops; same results."""
    import os
    import pickle
    import subprocess
    import sys
    res = {}
    for target in ("avx512", "avx2", "scalar"):
        env = dict(os.environ, HCARRAY_SIMD=target)
        p = subprocess.run([sys.executable, "-c", _TARGET_SCRIPT], env=env, capture_output=True,
                           check=True)
        res[target] = pickle.loads(p.stdout)
    for target in ("avx2", "scalar"):
        for k, v in res["avx512"].items():
            assert res[target][k] == v, (target, k)
