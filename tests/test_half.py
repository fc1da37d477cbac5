"""float16 conversions and loops (cpp/core/dtype.h: branch-free half <-> float; cpu/loops.h:
16-bit floats computed in float32 blocks): NumPy is the oracle, bit for bit."""
import numpy as np
import pytest

import hcarray as hc


def _same_bits_or_nan(got, exp, nan_sign=True):
    got, exp = np.asarray(got), np.asarray(exp)
    assert got.dtype == exp.dtype and got.shape == exp.shape
    nan = np.isnan(exp)
    np.testing.assert_array_equal(np.isnan(got), nan)
    u = {2: np.uint16, 4: np.uint32, 8: np.uint64}[exp.dtype.itemsize]
    np.testing.assert_array_equal(got[~nan].view(u), exp[~nan].view(u))
    if nan_sign:  # conversions keep a NaN's sign (an invalid operation's NaN has no set sign)
        np.testing.assert_array_equal(np.signbit(got[nan]), np.signbit(exp[nan]))


def test_every_half_to_float32_and_float64():
    h = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
    x = hc.asarray(h)
    _same_bits_or_nan(x.astype(hc.float32), h.astype(np.float32))
    _same_bits_or_nan(x.astype(hc.float64), h.astype(np.float64))


def _float32_cases():
    rng = np.random.default_rng(5)
    bits = [rng.integers(0, 2 ** 32, 400_000, dtype=np.uint64).astype(np.uint32)]
    # around every half value: the float32 neighbours of each half and of each midpoint
    h = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
    f = h[np.isfinite(h)].astype(np.float32)
    mid = ((f[:-1].astype(np.float64) + f[1:].astype(np.float64)) / 2).astype(np.float32)
    for v in (f, mid):
        b = v.view(np.uint32)
        bits += [b, b + np.uint32(1), b - np.uint32(1)]
    special = np.array([0.0, -0.0, 65504.0, 65519.99, 65520.0, -65520.0, 1e9, np.inf, -np.inf,
                        2.0 ** -24, 2.0 ** -25, 2.0 ** -25 * 1.0000001, 2.0 ** -26, 2.0 ** -14,
                        2.0 ** -14 * (1 - 2.0 ** -12), 1e-45, np.nan, -np.nan],
                       dtype=np.float32)
    return np.concatenate([np.concatenate(bits).view(np.float32), special])


def test_float32_to_half_rounds_as_numpy():
    f = _float32_cases()
    _same_bits_or_nan(hc.asarray(f).astype(hc.float16), f.astype(np.float16))


def test_float64_to_half_rounds_once_as_numpy():
    f = _float32_cases().astype(np.float64)
    f = np.concatenate([f, f * (1 + 2.0 ** -30), np.nextafter(f, np.inf)])
    with np.errstate(invalid="ignore"):
        _same_bits_or_nan(hc.asarray(f).astype(hc.float16), f.astype(np.float16))


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide"])
def test_half_arithmetic_is_correctly_rounded(op):
    # float32 has 24 >= 2 * 11 + 2 bits, so one float32 operation rounded to half is the
    # correctly rounded half result, as NumPy's loops compute it; strided and broadcast too
    rng = np.random.default_rng(1)
    a = rng.integers(0, 65536, 300_000).astype(np.uint16).view(np.float16)
    b = rng.integers(0, 65536, 300_000).astype(np.uint16).view(np.float16)
    with np.errstate(all="ignore"):
        exp = getattr(np, op)(a, b)
        got = getattr(hc, op)(hc.asarray(a), hc.asarray(b))
        _same_bits_or_nan(got, exp, nan_sign=False)
        _same_bits_or_nan(getattr(hc, op)(hc.asarray(a)[::-3], hc.asarray(b)[1::3]),
                          getattr(np, op)(a[::-3], b[1::3]), nan_sign=False)
        _same_bits_or_nan(getattr(hc, op)(hc.asarray(a), hc.asarray(b[:1])),
                          getattr(np, op)(a, b[:1]), nan_sign=False)


def test_half_sqrt_exact_and_exp_within_one_half_ulp():
    h = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
    x = hc.asarray(h)
    with np.errstate(all="ignore"):
        _same_bits_or_nan(hc.sqrt(x), np.sqrt(h), nan_sign=False)
        for f in ("exp", "log", "sin", "tanh"):
            got = np.asarray(getattr(hc, f)(x))
            ref = getattr(np, f)(h.astype(np.float64))
            exp16 = ref.astype(np.float16)
            np.testing.assert_array_equal(np.isnan(got), np.isnan(exp16), err_msg=f)
            inf = np.isinf(exp16)
            np.testing.assert_array_equal(got[inf], exp16[inf], err_msg=f)
            ok = np.isfinite(exp16)
            # within one half ulp of the correctly rounded result (float32 kernel, then rounded)
            diff = np.abs(got[ok].astype(np.float64) - exp16[ok].astype(np.float64))
            ulp = np.spacing(np.abs(exp16[ok])).astype(np.float64)
            assert np.all(diff <= ulp), f


# ---- session 5: block casts (cpu/copy.cpp: F16C both ways, float64 through a float rounded
# to odd, every other dtype through a widened float32 block) ----------------------------------

def _wide_cases(rng):
    h = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
    f = h[np.isfinite(h)].astype(np.float64)
    f.sort()
    mid = (f[:-1] + f[1:]) / 2
    near = np.concatenate([mid, np.nextafter(mid, np.inf), np.nextafter(mid, -np.inf)])
    rnd = rng.uniform(-7e4, 7e4, 200_000) * 2.0 ** rng.integers(-40, 1, 200_000)
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 65504.0, 65519.999,
                        65520.0, 1e300, -1e-300, 5e-324, 2.0 ** -25, 2.0 ** -24, 3 * 2.0 ** -26])
    return np.concatenate([f, near, rnd, special])


# NumPy's own casts of the test data warn when values overflow float16 (they become inf there,
# as in hcarray) or when negative test integers wrap to uint32: the data, not hcarray.
@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered in cast:RuntimeWarning")
@pytest.mark.parametrize("layout", ["contiguous", "strided", "reversed"])
def test_block_casts_to_and_from_float16_match_numpy(layout):
    rng = np.random.default_rng(11)
    d = _wide_cases(rng)
    pick = {"contiguous": lambda x: x, "strided": lambda x: x[::3],
            "reversed": lambda x: x[::-1]}[layout]
    # float64 (one rounding), float32, and the integers (through float64 / float32, as NumPy)
    _same_bits_or_nan(pick(hc.asarray(d)).astype(hc.float16), pick(d).astype(np.float16))
    with np.errstate(over="ignore"):
        f32 = d.astype(np.float32)
    _same_bits_or_nan(pick(hc.asarray(f32)).astype(hc.float16), pick(f32).astype(np.float16))
    for dt in (np.int64, np.int32, np.uint32, np.int16, np.uint8, np.bool_):
        ints = rng.integers(-70000, 70000, 5000) if dt is not np.bool_ else rng.random(5000) > 0.5
        ints = ints.astype(dt)
        _same_bits_or_nan(pick(hc.asarray(ints)).astype(hc.float16), pick(ints).astype(np.float16))
    # float16 to every dtype: through float32 blocks
    with np.errstate(over="ignore"):
        h = d.astype(np.float16)
    hh = pick(hc.asarray(h))
    for dt in (np.float32, np.float64, np.complex64, np.bool_):
        got, exp = np.asarray(hh.astype(dt)), pick(h).astype(dt)
        if dt is np.bool_:
            np.testing.assert_array_equal(got, exp)
        elif dt is np.complex64:
            _same_bits_or_nan(got.real, exp.real)
        else:
            _same_bits_or_nan(got, exp)
    fin = np.isfinite(h) & (np.abs(h.astype(np.float64)) < 2 ** 31)
    hf = h[fin]
    np.testing.assert_array_equal(np.asarray(pick(hc.asarray(hf)).astype(hc.int32)),
                                  pick(hf).astype(np.int32))


@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")
def test_float64_and_int64_to_bfloat16_blocks_equal_the_scalar_rounding():
    """Contiguous float64/int64 -> bfloat16 runs through a float rounded to odd (copy.cpp);
    strided runs keep the scalar double_to_bf16 (one rounding to nearest-even). Both must give
    the same bits, on the whole exponent range, bfloat16 midpoints and their neighbours, and
    the special values (specs/dtypes.md: hcarray rounds float64 -> bfloat16 once)."""
    import ml_dtypes
    bf = np.dtype(ml_dtypes.bfloat16)
    rng = np.random.default_rng(13)
    b = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(bf).astype(np.float64)
    b = np.sort(b[np.isfinite(b)])
    mid = (b[:-1] + b[1:]) / 2
    d = np.concatenate([b, mid, np.nextafter(mid, np.inf), np.nextafter(mid, -np.inf),
                        rng.uniform(-1, 1, 100_000) * 2.0 ** rng.integers(-140, 129, 100_000),
                        [0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 1e300, -1e-300, 5e-324]])
    for x in (d, rng.integers(-2 ** 62, 2 ** 62, 50_000)):
        two = np.repeat(x, 2)
        contiguous = np.asarray(hc.asarray(x).astype(bf)).view(np.uint16)
        strided = np.asarray(hc.asarray(two)[::2].astype(bf)).view(np.uint16)
        np.testing.assert_array_equal(contiguous, strided)
