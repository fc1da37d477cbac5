"""Complex abs and multiply through the vectorised pair loops (session 5, cpu/loops_target_impl.h:
cabs_loop, cmul_loop): NumPy's bits (abs: of NumPy's contiguous loop) on long vectors of random values mixed with zeros, signed
zeros, infinities, NaNs, huge and tiny parts (abs must not overflow or underflow), contiguous,
strided, reversed and scalar operands."""

import hcarray as hc
import numpy as np
import pytest
from strategies import LAYOUTS, layout_operands

SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e300, -1e-300, 3.0, -4.0, 1e-310, 5e-324]


def sample(dt, n, rng):
    f = np.finfo(dt).dtype
    re = rng.standard_normal(n).astype(np.float64)
    im = rng.standard_normal(n).astype(np.float64)
    pick = rng.random(n) < 0.3
    re[pick] = rng.choice(SPECIAL, pick.sum())
    pick = rng.random(n) < 0.3
    im[pick] = rng.choice(SPECIAL, pick.sum())
    with np.errstate(over="ignore", under="ignore"):
        z = np.empty(n, dt)
        z.real = re.astype(f)
        z.imag = im.astype(f)
    return z


def _parts(x):
    x = np.ascontiguousarray(x)
    return (x.real, x.imag) if x.dtype.kind == "c" else (x,)


def same_bits(got, exp):
    """Equal bit for bit, part by part (a NaN may carry any payload, as in NumPy's tests)."""
    got = np.asarray(got)
    assert got.dtype == exp.dtype and got.shape == exp.shape
    for g, e in zip(_parts(got), _parts(exp)):
        g, e = np.ascontiguousarray(g), np.ascontiguousarray(e)
        ok = (g.view(np.uint8).reshape(g.size, -1) == e.view(np.uint8).reshape(e.size, -1)).all(1)
        ok |= np.isnan(g).ravel() & np.isnan(e).ravel()
        assert ok.all(), (g.ravel()[~ok][:5], e.ravel()[~ok][:5])


@pytest.mark.parametrize("dt", [np.complex64, np.complex128])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_complex_abs_and_multiply_match_numpy(dt, layout):
    rng = np.random.default_rng(3)
    n = 4099
    a, b = layout_operands(sample(dt, 2 * n, rng), sample(dt, 2 * n, rng), n, layout)
    ha, hb = hc.asarray(a), hc.asarray(b)
    # The oracle is NumPy's contiguous loops (its SIMD kernels: fused multiply-add products, the
    # ratio formula for abs), which hcarray follows for every layout. NumPy's own loops for
    # negative strides differ from them (a plain product, the C library's hypot: up to 2 ulp).
    ca, cb = np.array(a, order="C"), np.array(b, order="C")  # (0-d stays 0-d)
    with np.errstate(all="ignore"):
        exp_mul = ca * cb
        exp_abs = np.abs(ca)
    same_bits(ha * hb, np.asarray(exp_mul))
    same_bits(hc.multiply(ha, hb), np.asarray(exp_mul))
    same_bits(hc.abs(ha), np.asarray(exp_abs))
    if layout == "reversed":
        with np.errstate(all="ignore"):
            own = np.abs(a)  # NumPy's reversed loop
        fin = np.isfinite(own)
        np.testing.assert_array_max_ulp(np.asarray(hc.abs(ha))[fin], own[fin], maxulp=2)


def test_complex_abs_extremes():
    z = np.array([complex(np.inf, np.nan), complex(np.nan, -np.inf), complex(np.nan, 0),
                  complex(3e307, 4e307), complex(3e-320, 4e-320), complex(0, -0.0)])
    assert np.array_equal(np.asarray(hc.abs(hc.asarray(z))), np.abs(z), equal_nan=True)
    with np.errstate(over="ignore"):
        z64 = z.astype(np.complex64)
    assert np.array_equal(np.asarray(hc.abs(hc.asarray(z64))), np.abs(z64), equal_nan=True)
