"""hcarray.nn: activations, softmax/log_softmax, layer/RMS norm and scaled dot-product attention
against float64 NumPy references (and torch when installed) over dtypes x shapes x strides,
special values, thread counts, every SIMD target, and bad input."""

import math
import os
import subprocess
import sys
import warnings

import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import hcarray as hc
from strategies import FLOAT, HALF, pair

try:
    import torch
except ImportError:  # CI has no torch
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="torch is not installed")
BF16 = np.dtype(ml_dtypes.bfloat16)
F16 = np.dtype(np.float16)
F32 = np.dtype(np.float32)
F64 = np.dtype(np.float64)
_erf = np.vectorize(math.erf, otypes=[np.float64])


# ---- references (float64) ----

def ref_sigmoid(x):
    x = np.asarray(x, np.float64)
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def ref_act(name, x):
    x = np.asarray(x, np.float64)
    with np.errstate(all="ignore"):
        if name == "sigmoid":
            return ref_sigmoid(x)
        if name == "silu":
            return x * ref_sigmoid(x)
        if name == "gelu_tanh":
            u = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
            return x * ref_sigmoid(2 * u)  # == 0.5 x (1 + tanh u)
        if name == "gelu":
            return 0.5 * x * (1 + _erf(x / math.sqrt(2)))
    raise AssertionError(name)


def call_act(name, x):
    if name == "gelu_tanh":
        return hc.nn.gelu(x, approximate="tanh")
    return getattr(hc.nn, name)(x)


def ref_softmax(x, axis, log):
    x = np.asarray(x, np.float64)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True) if x.size else x
        d = x - m
        s = np.sum(np.exp(d), axis=axis, keepdims=True)
        return d - np.log(s) if log else np.exp(d) / s


def ref_norm(x, k, w, b, eps, rms):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # empty rows: mean of empty slice
        return _ref_norm(x, k, w, b, eps, rms)


def _ref_norm(x, k, w, b, eps, rms):
    x = np.asarray(x, np.float64)
    axes = tuple(range(x.ndim - k, x.ndim))
    if rms:
        y = x / np.sqrt(np.mean(x * x, axis=axes, keepdims=True) + eps)
    else:
        mu = np.mean(x, axis=axes, keepdims=True)
        y = (x - mu) / np.sqrt(np.mean((x - mu) ** 2, axis=axes, keepdims=True) + eps)
    if w is not None:
        y = y * np.asarray(w, np.float64)
    if b is not None:
        y = y + np.asarray(b, np.float64)
    return y


def ref_attention(q, k, v, mask=None, causal=False, scale=None):
    q, k, v = (np.asarray(a, np.float64) for a in (q, k, v))
    if scale is None:
        scale = 1 / math.sqrt(q.shape[-1]) if q.shape[-1] else 1.0
    s = q @ np.swapaxes(k, -1, -2) * scale
    if causal:
        s = np.where(np.tril(np.ones(s.shape[-2:], bool)), s, -np.inf)
    if mask is not None:
        mask = np.asarray(mask)
        s = np.where(mask, s, -np.inf) if mask.dtype == bool else s + mask.astype(np.float64)
    return ref_softmax(s, -1, False) @ v


# ---- tolerance: |got - ref| <= rtol |ref| + atol, NaN/inf positions equal ----

TOL = {F64: 1e-13, F32: 4e-6, F16: 2e-3, BF16: 1.6e-2}


def check(got, ref, dtype, rtol=None, atol=0.0):
    assert isinstance(got, hc.ndarray)
    g = np.asarray(got)
    assert g.dtype == dtype, (g.dtype, dtype)
    assert g.shape == ref.shape, (g.shape, ref.shape)
    g = g.astype(np.float64)
    r = np.asarray(ref, np.float64)
    with np.errstate(all="ignore"):
        # The reference as the dtype holds it (overflow to inf, underflow to 0 included).
        r = r.astype(dtype).astype(np.float64) if dtype in (F16, BF16, F32) else r
    rtol = TOL[dtype] if rtol is None else rtol
    tiny = float(np.finfo(dtype).smallest_normal) * 4 if dtype != BF16 else 1e-37
    np.testing.assert_array_equal(np.isnan(g), np.isnan(r))
    fin = np.isfinite(r)
    np.testing.assert_array_equal(g[~fin & ~np.isnan(r)], r[~fin & ~np.isnan(r)])
    err = np.abs(g[fin] - r[fin])
    atol = np.broadcast_to(np.asarray(atol, np.float64), r.shape)[fin]
    bound = rtol * np.abs(r[fin]) + atol + tiny
    bad = err > bound
    assert not bad.any(), f"max error {err.max()} at {np.argmax(err - bound)}; got {g[fin][bad][:5]} ref {r[fin][bad][:5]}"


# ---- strategies ----

@st.composite
def moderate(draw, dtypes=FLOAT + HALF, shape=hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=6),
             lo=-30.0, hi=30.0):
    """(np array, hc view) with finite values in [lo, hi] and any layout."""
    dtype = draw(st.sampled_from(dtypes))
    shp = draw(shape) if not isinstance(shape, tuple) else shape
    layout = draw(st.sampled_from(["c", "strided", "reversed", "transposed"]))
    el = st.floats(lo, hi, width=32)
    if layout == "strided" and shp:
        base = draw(hnp.arrays(np.float32, tuple(2 * s for s in shp), elements=el))
        a = base[tuple(slice(None, None, 2) for _ in shp)]
    elif layout == "reversed" and shp:
        a = draw(hnp.arrays(np.float32, shp, elements=el))[tuple(slice(None, None, -1) for _ in shp)]
    elif layout == "transposed" and len(shp) > 1:
        a = draw(hnp.arrays(np.float32, shp[::-1], elements=el)).T
    else:
        a = draw(hnp.arrays(np.float32, shp, elements=el))
    if dtype != F32:
        # Keep the layout: cast into a same-layout array of dtype.
        out = np.empty_like(a, dtype=dtype)
        out[...] = a
        a = out if layout != "c" else a.astype(dtype)
    return a, hc.asarray(a)


ACTS = ["sigmoid", "silu", "gelu", "gelu_tanh"]


def act_atol(name, a):
    """Error bounds beyond a few ulp that computing in the input's precision implies (torch
    has the same): gelu (erf) for x << 0 inherits erf's absolute error through 1 + erf; gelu
    (tanh) rounds u = c (x + 0.044715 x^3) in the compute dtype, so exp(-2|u|) carries a relative
    error ~ 2|u| eps."""
    x = np.abs(np.asarray(a, np.float64))
    dt = np.asarray(a).dtype
    ceps = 2.3e-16 if dt == F64 else 1.2e-7
    with np.errstate(all="ignore"):
        if name == "gelu":
            return np.where(np.isfinite(x), 2 * TOL[dt] * x, 0)
        if name == "gelu_tanh":
            u2 = 2 * math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
            r = np.abs(ref_act(name, a))
            return np.where(np.isfinite(u2) & np.isfinite(r), 4 * ceps * u2 * r, 0)
    return 0.0


# ---- activations ----

@pytest.mark.parametrize("name", ACTS)
@given(p=pair(dtypes=FLOAT + HALF))
def test_activation_any_values(name, p):
    a, h = p
    ref = ref_act(name, a)
    dt = a.dtype
    check(call_act(name, h), ref, dt, atol=act_atol(name, a))


@pytest.mark.parametrize("name", ACTS)
@pytest.mark.parametrize("dtype", [F32, F64])
def test_activation_dense_grid(name, dtype):
    # Long enough to take the vector loops, the block tails and the threaded split.
    x = np.linspace(-40, 40, 300_007).astype(dtype)
    check(call_act(name, hc.asarray(x)), ref_act(name, x), dtype, atol=act_atol(name, x))


def test_activation_special_values():
    for dt in (np.float32, np.float64):
        x = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -1e30, 100, -100, 89, -89], dt)
        s = np.asarray(hc.nn.sigmoid(x))
        np.testing.assert_array_equal(s[:4], [0.5, 0.5, 1.0, 0.0])
        assert np.isnan(s[4])
        np.testing.assert_array_equal(s[5:7], [1.0, 0.0])
        assert s[8] >= 0 and s[7] == 1.0
        np.testing.assert_array_equal(np.asarray(hc.nn.silu(x))[[0, 2]], [0.0, np.inf])
        assert np.signbit(np.asarray(hc.nn.silu(x))[1])
        for g in (hc.nn.gelu(x), hc.nn.gelu(x, approximate="tanh")):
            g = np.asarray(g)
            np.testing.assert_array_equal(g[[0, 2, 5]], [0.0, np.inf, x[5]])
            assert np.isnan(g[4])
            assert g[6] == 0.0  # -1e30: Phi underflows
            # -inf * Phi(-inf) = -inf * 0: NaN, as torch (checked against torch below).
            assert np.isnan(g[3])
        # silu(-inf) = -inf * 0: NaN, as torch.
        assert np.isnan(np.asarray(hc.nn.silu(x))[3])


@needs_torch
@pytest.mark.parametrize("dtype", [F32, F64])
def test_activation_vs_torch(dtype):
    x = np.concatenate([np.linspace(-20, 20, 4001), [0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -1e30]]).astype(dtype)
    t = torch.from_numpy(x)
    F = torch.nn.functional
    pairs = [(hc.nn.sigmoid, torch.sigmoid), (hc.nn.silu, F.silu),
             (hc.nn.gelu, F.gelu), (lambda v: hc.nn.gelu(v, approximate="tanh"),
                                   lambda v: F.gelu(v, approximate="tanh"))]
    for ours, theirs in pairs:
        g = np.asarray(ours(hc.asarray(x)))
        r = theirs(t).numpy()
        if ours is hc.nn.gelu and np.isnan(r[4003]):
            # Documented difference: torch's float32 erf-form gelu gives NaN at +inf; ours inf.
            assert g[4003] == np.inf
            r[4003] = np.inf
        np.testing.assert_array_equal(np.isnan(g), np.isnan(r))
        name = "gelu" if ours is hc.nn.gelu else "other"
        tol = 10 * TOL[dtype] + 2 * np.nan_to_num(act_atol(name, x), posinf=0)
        fin = np.isfinite(r)
        np.testing.assert_array_equal(g[~fin & ~np.isnan(r)], r[~fin & ~np.isnan(r)])
        assert (np.abs(g[fin] - r[fin]) <= 10 * TOL[dtype] * np.abs(r[fin]) + np.broadcast_to(tol, r.shape)[fin] + 1e-30).all()


def test_activation_half_dtypes():
    x = np.linspace(-8, 8, 1001, dtype=np.float32)
    for dt in (F16, BF16):
        a = x.astype(dt)
        for name in ACTS:
            check(call_act(name, hc.asarray(a)), ref_act(name, a.astype(np.float64)), dt,
                  atol=act_atol(name, a.astype(np.float32)) * (TOL[dt] / TOL[F32]))


# ---- softmax / log_softmax ----

@pytest.mark.parametrize("log", [False, True])
@given(p=pair(dtypes=FLOAT + HALF, shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)),
       data=st.data())
def test_softmax_any_values(log, p, data):
    a, h = p
    n = max(a.ndim, 1)
    axis = data.draw(st.integers(-n, n - 1))
    got = (hc.nn.log_softmax if log else hc.nn.softmax)(h, axis=axis)
    if a.ndim == 0:
        ref = ref_softmax(a.reshape(1), 0, log).reshape(())
    else:
        ref = ref_softmax(a, axis, log)
    dt = a.dtype
    # exp(x - m) inherits the rounding of x - m in the compute dtype: |x - m| * eps relative.
    with np.errstate(all="ignore"):
        d = np.abs(a.astype(np.float64) - (np.max(a.astype(np.float64), axis=axis % n if a.ndim else None, keepdims=True) if a.size else 0))
    ceps = 1.2e-7 if dt != F64 else 2.3e-16
    if log:
        atol = np.where(np.isfinite(d), 4 * ceps * d, 0) + 4 * ceps  # log(s): s summed in ceps
        check(got, ref, dt, atol=atol)
    else:
        rt = np.where(np.isfinite(d), 2 * ceps * d, 0)
        atol = rt * np.abs(np.where(np.isfinite(ref), ref, 0))
        check(got, ref, dt, atol=atol)


@pytest.mark.parametrize("log", [False, True])
@pytest.mark.parametrize("dtype", [F32, F64, F16, BF16])
@pytest.mark.parametrize("shape,axis", [((3, 5000), -1), ((64, 33), 0), ((2, 7, 1100), 1),
                                        ((4000, 70), 1), ((5, 3, 4), 2), ((1, 2500), 1)])
def test_softmax_shapes(log, dtype, shape, axis):
    rng = np.random.default_rng(sum(shape) + axis)
    a = (rng.standard_normal(shape) * 4).astype(dtype)
    for v in (a, a[..., ::-1], np.swapaxes(a, 0, -1)):
        ax = axis if v is not np.swapaxes(a, 0, -1) else axis
        got = (hc.nn.log_softmax if log else hc.nn.softmax)(hc.asarray(v), axis=ax)
        ref = ref_softmax(v, ax, log)
        check(got, ref, dtype, rtol=TOL[dtype] * (2 if dtype == F32 else 1),
              atol=(TOL[dtype] * 4 if log else 0.0))


def test_softmax_special_rows():
    inf, nan = np.inf, np.nan
    x = np.array([[-inf, -inf, -inf], [inf, 1.0, 2.0], [nan, 1.0, 2.0], [-inf, 0.0, -inf],
                  [1e308, -1e308, 0.0], [0.0, 0.0, 0.0]])
    s = np.asarray(hc.nn.softmax(x))
    ls = np.asarray(hc.nn.log_softmax(x))
    assert np.isnan(s[:3]).all() and np.isnan(ls[:3]).all()
    np.testing.assert_array_equal(s[3], [0, 1, 0])
    np.testing.assert_array_equal(ls[3], [-inf, 0, -inf])
    np.testing.assert_array_equal(s[4], [1, 0, 0])
    np.testing.assert_allclose(s[5], [1 / 3] * 3, rtol=1e-15)
    np.testing.assert_allclose(ls[5], [-math.log(3)] * 3, rtol=1e-15)
    # 0-d: the one element is the row.
    assert float(hc.nn.softmax(hc.asarray(np.float32(3)))) == 1.0
    assert float(hc.nn.log_softmax(hc.asarray(np.float32(3)), axis=0)) == 0.0
    # Empty rows and empty batches.
    assert hc.nn.softmax(np.zeros((3, 0))).shape == (3, 0)
    assert hc.nn.softmax(np.zeros((0, 4)), axis=0).shape == (0, 4)


@needs_torch
@pytest.mark.parametrize("dtype", [F32, F64])
def test_softmax_vs_torch(dtype):
    inf, nan = np.inf, np.nan
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((6, 40)) * 10).astype(dtype)
    x[0] = -inf
    x[1, 3] = inf
    x[2, 5] = nan
    x[3, ::2] = -inf
    for axis in (-1, 0):
        for ours, theirs in ((hc.nn.softmax, torch.softmax), (hc.nn.log_softmax, torch.log_softmax)):
            g = np.asarray(ours(hc.asarray(x), axis=axis))
            r = theirs(torch.from_numpy(x), dim=axis).numpy()
            np.testing.assert_array_equal(np.isnan(g), np.isnan(r))
            np.testing.assert_allclose(g, r, rtol=10 * TOL[dtype], atol=1e-6 if dtype == F32 else 1e-14, equal_nan=True)


# ---- norms ----

@pytest.mark.parametrize("rms", [False, True])
@given(p=moderate(), data=st.data())
def test_norm_any_layout(rms, p, data):
    a, h = p
    k = data.draw(st.integers(1, a.ndim))
    ns = a.shape[a.ndim - k:]
    rng = np.random.default_rng(a.size)
    use_w = data.draw(st.booleans())
    use_b = data.draw(st.booleans()) and not rms
    w = (rng.standard_normal(ns) + 1).astype(a.dtype) if use_w else None
    b = rng.standard_normal(ns).astype(a.dtype) if use_b else None
    eps = data.draw(st.sampled_from([1e-5, 1e-3, 0.5]))
    hw = None if w is None else hc.asarray(w)
    if rms:
        got = hc.nn.rms_norm(h, hw, eps=eps, normalized_shape=ns)
    else:
        got = hc.nn.layer_norm(h, hw, None if b is None else hc.asarray(b), eps=eps, normalized_shape=ns)
    ref = ref_norm(a, k, w, b, eps, rms)
    # The result's rounding error scales with max|x| / sqrt(var + eps) (cancellation in x - mean).
    x64 = a.astype(np.float64)
    axes = tuple(range(a.ndim - k, a.ndim))
    if a.size:
        mu = 0 if rms else np.mean(x64, axis=axes, keepdims=True)
        sd = np.sqrt(np.mean((x64 - mu) ** 2, axis=axes, keepdims=True) + eps)
        cond = np.max(np.abs(x64), axis=axes, keepdims=True) / sd + 1
    else:
        cond = np.ones(a.shape)
    ceps = 1.2e-7 if a.dtype != F64 else 2.3e-16
    wmax = 1.0 if w is None else np.abs(w.astype(np.float64))
    atol = 8 * ceps * cond * wmax + (0 if b is None else 4 * ceps * np.abs(b.astype(np.float64)))
    check(got, ref, a.dtype, atol=np.broadcast_to(atol, a.shape))


@pytest.mark.parametrize("dtype", [F32, F64, F16, BF16])
def test_norm_shapes_and_defaults(dtype):
    rng = np.random.default_rng(1)
    x = (rng.standard_normal((8, 3, 1500)) * 3 + 2).astype(dtype)
    w = (rng.standard_normal(1500) + 1).astype(dtype)
    b = rng.standard_normal(1500).astype(dtype)
    tol = TOL[dtype] * (10 if dtype == F32 else 2)
    check(hc.nn.layer_norm(x), ref_norm(x, 1, None, None, 1e-5, False), dtype, rtol=tol, atol=tol)
    check(hc.nn.layer_norm(x, hc.asarray(w), hc.asarray(b)), ref_norm(x, 1, w, b, 1e-5, False),
          dtype, rtol=tol, atol=tol)
    check(hc.nn.layer_norm(x, normalized_shape=(3, 1500)), ref_norm(x, 2, None, None, 1e-5, False),
          dtype, rtol=tol, atol=tol)
    eps = float(ml_dtypes.finfo(dtype).eps)
    check(hc.nn.rms_norm(x, hc.asarray(w)), ref_norm(x, 1, w, None, eps, True), dtype, rtol=tol, atol=tol)
    # Non-contiguous trailing dims (a copy is made), and a transposed row.
    xt = np.swapaxes(x, 1, 2)
    check(hc.nn.layer_norm(hc.asarray(xt), normalized_shape=xt.shape[1:]),
          ref_norm(xt, 2, None, None, 1e-5, False), dtype, rtol=tol, atol=tol)
    check(hc.nn.rms_norm(hc.asarray(xt)), ref_norm(xt, 1, None, None, eps, True), dtype, rtol=tol, atol=tol)


def test_norm_special():
    x = np.array([[1.0, 1.0, 1.0], [np.nan, 0, 1], [np.inf, 0, 1], [0.0, 0.0, 0.0]])
    y = np.asarray(hc.nn.layer_norm(x))
    np.testing.assert_array_equal(y[0], [0, 0, 0])
    assert np.isnan(y[1]).all() and np.isnan(y[2]).all()
    np.testing.assert_array_equal(y[3], [0, 0, 0])
    r = np.asarray(hc.nn.rms_norm(x, eps=0.0))
    assert np.isnan(r[3]).all()  # 0 / sqrt(0): NaN as torch with eps=0
    assert hc.nn.layer_norm(np.zeros((0, 4))).shape == (0, 4)


@needs_torch
@pytest.mark.parametrize("dtype", [F32, F64])
def test_norm_vs_torch(dtype):
    rng = np.random.default_rng(2)
    x = (rng.standard_normal((5, 4, 64)) * 2 + 1).astype(dtype)
    w = rng.standard_normal((4, 64)).astype(dtype)
    b = rng.standard_normal((4, 64)).astype(dtype)
    F = torch.nn.functional
    tx, tw, tb = (torch.from_numpy(v) for v in (x, w, b))
    g = np.asarray(hc.nn.layer_norm(x, hc.asarray(w), hc.asarray(b), eps=1e-3))
    np.testing.assert_allclose(g, F.layer_norm(tx, (4, 64), tw, tb, 1e-3).numpy(), rtol=1e-5, atol=1e-5 if dtype == F32 else 1e-12)
    g = np.asarray(hc.nn.rms_norm(x, hc.asarray(w)))
    np.testing.assert_allclose(g, F.rms_norm(tx, (4, 64), tw).numpy(), rtol=1e-5, atol=1e-5 if dtype == F32 else 1e-12)


# ---- attention ----

@given(data=st.data())
def test_attention_random(data):
    dtype = data.draw(st.sampled_from([F32, F64, F16, BF16]))
    batch = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
    lq, lk = data.draw(st.integers(0, 9)), data.draw(st.integers(0, 9))
    e, ev = data.draw(st.integers(1, 40)), data.draw(st.integers(1, 20))
    seed = data.draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    # Each operand may drop batch dims (broadcast) and come transposed in memory.
    def make(shape):
        nb = data.draw(st.integers(0, len(batch)))
        full = tuple(batch[len(batch) - nb:]) + shape
        a = rng.standard_normal(full).astype(dtype)
        if data.draw(st.booleans()):
            a = np.swapaxes(np.ascontiguousarray(np.swapaxes(a, -1, -2)), -1, -2)
        if data.draw(st.booleans()):
            a = a[..., ::-1, :]
        return a
    q, k, v = make((lq, e)), make((lk, e)), make((lk, ev))
    kind = data.draw(st.sampled_from(["none", "causal", "bool", "float"]))
    mask = None
    if kind == "bool":
        mask = rng.random((lq, lk)) < 0.7
    elif kind == "float":
        mask = rng.standard_normal((1,) * min(1, len(batch)) + (lq, lk)).astype(dtype)
    scale = data.draw(st.sampled_from([None, 0.3]))
    got = hc.nn.scaled_dot_product_attention(
        hc.asarray(q), hc.asarray(k), hc.asarray(v),
        mask=None if mask is None else hc.asarray(mask), is_causal=kind == "causal", scale=scale)
    ref = ref_attention(q, k, v, mask, kind == "causal", scale)
    tol = {F64: 1e-12, F32: 2e-5, F16: 4e-3, BF16: 3e-2}[dtype]
    check(got, ref, dtype, rtol=tol, atol=tol * 4)


def test_attention_fully_masked_row_and_empty_keys():
    rng = np.random.default_rng(3)
    q, k, v = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 5, 4)), rng.standard_normal((2, 5, 6))
    mask = np.ones((3, 5), bool)
    mask[1] = False
    o = np.asarray(hc.nn.scaled_dot_product_attention(q, k, v, mask=mask))
    assert np.isnan(o[:, 1]).all() and not np.isnan(o[:, [0, 2]]).any()
    o = np.asarray(hc.nn.scaled_dot_product_attention(q, k[:, :0], v[:, :0]))
    np.testing.assert_array_equal(o, np.zeros((2, 3, 6)))


@needs_torch
@pytest.mark.parametrize("dtype", [F32, F64])
def test_attention_vs_torch(dtype):
    rng = np.random.default_rng(4)
    q = rng.standard_normal((2, 4, 7, 16)).astype(dtype)
    k = rng.standard_normal((2, 4, 9, 16)).astype(dtype)
    v = rng.standard_normal((2, 4, 9, 8)).astype(dtype)
    bm = rng.random((7, 9)) < 0.8
    fm = rng.standard_normal((4, 7, 9)).astype(dtype)
    F = torch.nn.functional
    t = [torch.from_numpy(a) for a in (q, k, v)]
    tol = 1e-5 if dtype == F32 else 1e-12
    for kw, tkw in [({}, {}), ({"is_causal": True}, {"is_causal": True}),
                    ({"mask": bm}, {"attn_mask": torch.from_numpy(bm)}),
                    ({"mask": fm, "scale": 0.5}, {"attn_mask": torch.from_numpy(fm), "scale": 0.5})]:
        g = np.asarray(hc.nn.scaled_dot_product_attention(q, k, v, **kw))
        r = F.scaled_dot_product_attention(*t, **tkw).numpy()
        np.testing.assert_allclose(g, r, rtol=tol, atol=tol)


# ---- threads and SIMD targets ----

def test_results_do_not_depend_on_thread_count():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((512, 1024)).astype(np.float32)
    q = rng.standard_normal((4, 128, 32)).astype(np.float32)
    old = hc.get_num_threads()
    outs = []
    try:
        for n in (1, 2, 3):
            hc.set_num_threads(n)
            h = hc.asarray(x)
            outs.append([np.asarray(f) for f in (
                hc.nn.sigmoid(h), hc.nn.gelu(h), hc.nn.softmax(h), hc.nn.softmax(h, axis=0),
                hc.nn.layer_norm(h), hc.nn.rms_norm(h),
                hc.nn.scaled_dot_product_attention(q, q, q, is_causal=True))])
    finally:
        hc.set_num_threads(old)
    for other in outs[1:]:
        for a, b in zip(outs[0], other):
            np.testing.assert_array_equal(a, b)


_TARGET_SCRIPT = r"""
import math, numpy as np, hcarray as hc
x = np.linspace(-30, 30, 5003)
out = []
for dt in (np.float32, np.float64):
    a = hc.asarray(x.astype(dt))
    r = [hc.nn.sigmoid(a), hc.nn.silu(a), hc.nn.gelu(a), hc.nn.gelu(a, approximate="tanh"),
         hc.nn.softmax(a),
         hc.nn.log_softmax(a), hc.nn.layer_norm(a), hc.nn.rms_norm(a),
         hc.nn.scaled_dot_product_attention(hc.reshape(a[:4000], (50, 80)), hc.reshape(a[1000:5000], (50, 80)), hc.reshape(a[:4000], (50, 80)))]
    out += [np.asarray(v, np.float64) for v in r]
np.save(__import__("sys").argv[1], np.concatenate([v.ravel() for v in out]))
"""


def test_every_simd_target_agrees(tmp_path):
    script = tmp_path / "t.py"
    script.write_text(_TARGET_SCRIPT)
    results = {}
    for target in ("scalar", "avx2", "avx512", "neon"):
        env = dict(os.environ, HCARRAY_SIMD=target)
        f = tmp_path / f"{target}.npy"
        subprocess.run([sys.executable, str(script), str(f)], env=env, check=True)
        results[target] = np.load(f)
    base = results.pop("scalar")
    for t, r in results.items():
        np.testing.assert_allclose(r, base, rtol=1e-5, atol=1e-6, err_msg=t)


# ---- bad input ----

@pytest.mark.parametrize("fn", ["sigmoid", "silu", "gelu", "softmax", "log_softmax", "layer_norm", "rms_norm"])
@pytest.mark.parametrize("dtype", [np.int32, np.bool_, np.complex64, np.uint8])
def test_non_float_dtypes_raise(fn, dtype):
    with pytest.raises(TypeError, match=fn):
        getattr(hc.nn, fn)(hc.asarray(np.ones((2, 3), dtype)))


def test_bad_input_messages():
    x = hc.asarray(np.ones((2, 3), np.float32))
    for fn in ("softmax", "log_softmax"):
        f = getattr(hc.nn, fn)
        with pytest.raises(IndexError, match=fn):
            f(x, axis=2)
        with pytest.raises(ValueError, match=fn):
            f(x, axis=-3)
        with pytest.raises(TypeError, match=fn):
            f(x, axis=1.0)
        with pytest.raises(TypeError, match=fn):
            f(x, axis=True)
        with pytest.raises(IndexError, match=fn):
            f(hc.asarray(np.float32(1)), axis=1)
        with pytest.raises(TypeError, match=fn):
            f("abc")
    with pytest.raises(ValueError, match="gelu"):
        hc.nn.gelu(x, approximate="fast")
    for fn in ("layer_norm", "rms_norm"):
        f = getattr(hc.nn, fn)
        with pytest.raises(ValueError, match=fn):
            f(x, hc.asarray(np.ones(4, np.float32)))
        with pytest.raises(ValueError, match=fn):
            f(x, normalized_shape=(2,))
        with pytest.raises(ValueError, match=fn):
            f(x, normalized_shape=(4, 2, 3))
        with pytest.raises(ValueError, match=fn):
            f(x, hc.asarray(np.ones(3, np.float32)), normalized_shape=(2, 3))
        with pytest.raises(TypeError, match=fn):
            f(x, hc.asarray(np.ones(3, np.int64)))
        with pytest.raises(TypeError, match=fn):
            f(x, eps="small")
        with pytest.raises(TypeError, match=fn):
            f(x, normalized_shape="ab")
        with pytest.raises(ValueError, match=fn):
            f(hc.asarray(np.float32(1)))
    with pytest.raises(ValueError, match="layer_norm"):
        hc.nn.layer_norm(x, bias=hc.asarray(np.ones(2, np.float32)))
    sdpa = hc.nn.scaled_dot_product_attention
    fn = "scaled_dot_product_attention"
    q = np.ones((2, 3, 4), np.float32)
    with pytest.raises(ValueError, match=fn):
        sdpa(q, np.ones((2, 5, 3), np.float32), np.ones((2, 5, 4), np.float32))
    with pytest.raises(ValueError, match=fn):
        sdpa(q, np.ones((2, 5, 4), np.float32), np.ones((2, 6, 4), np.float32))
    with pytest.raises(ValueError, match=fn):
        sdpa(q, np.ones((3, 5, 4), np.float32), np.ones((3, 5, 4), np.float32))
    with pytest.raises(ValueError, match=fn):
        sdpa(q, q, q, mask=np.ones((4, 4), bool))
    with pytest.raises(ValueError, match=fn):
        sdpa(q, q, q, mask=np.ones((3, 3), bool), is_causal=True)
    with pytest.raises(TypeError, match=fn):
        sdpa(q, q, q, mask=np.ones((3, 3), np.int32))
    with pytest.raises(TypeError, match=fn):
        sdpa(q, q.astype(np.float64), q)
    with pytest.raises(TypeError, match=fn):
        sdpa(q, q, q, is_causal=1)
    with pytest.raises(TypeError, match=fn):
        sdpa(q, q, q, scale="x")
    with pytest.raises(ValueError, match=fn):
        sdpa(np.ones(3, np.float32), q, q)
    with pytest.raises(TypeError, match=fn):
        sdpa(q.astype(np.int64), q.astype(np.int64), q.astype(np.int64))
    with pytest.raises(TypeError, match=fn):
        sdpa(None, q, q)


def test_inputs_other_than_hcarray_and_results():
    # NumPy arrays and lists are converted; results are new C-contiguous hcarrays.
    r = hc.nn.sigmoid([0.0, 1.0])
    assert isinstance(r, hc.ndarray) and r.dtype == np.float64
    x = np.ones((3, 4), np.float32)[:, ::2]
    for f in (hc.nn.sigmoid, hc.nn.softmax, hc.nn.layer_norm):
        y = f(hc.asarray(x))
        assert y.flags["C_CONTIGUOUS"] and y.dtype == np.float32 and y.shape == (3, 2)
