"""hcarray.nn: fused neural-network operations (activations, softmax, normalisation, attention).

Each function reads its input once per row (softmax: row max, then exp and sum, then scale, all
while the row is in cache), uses the vector math kernels (exp, erf) of the SIMD target chosen at
import, and splits rows over the thread pool (hc.set_num_threads) for large inputs. float32 and
float64 compute in their own precision; float16 and bfloat16 compute in float32 and round once.
Results are new C-contiguous arrays of the input's dtype. Other dtypes raise TypeError.
Semantics follow torch.nn.functional where NumPy has no counterpart; see specs/nn.md.
"""

import math as _math
import operator as _operator

import numpy as _np

from . import _core

__all__ = [
    "gelu", "layer_norm", "log_softmax", "rms_norm", "scaled_dot_product_attention", "sigmoid",
    "silu", "softmax",
]

_AxisError = _np.exceptions.AxisError
# Machine epsilon of each float dtype (rms_norm's default eps, as torch).
_EPS = {"float16": 2.0**-10, "bfloat16": 2.0**-7, "float32": 2.0**-23, "float64": 2.0**-52}


def _arr(x, fn, what="x"):
    if isinstance(x, _core.ndarray):
        return x
    if x is None or isinstance(x, (str, bytes, dict, set)):
        raise TypeError(f"{fn}: {what} must be an array, got {type(x).__name__}")
    from ._creation_functions import asarray
    try:
        return asarray(x)
    except (TypeError, ValueError) as e:
        raise TypeError(f"{fn}: {what} must be an array ({e})") from None


def _float(v, fn, what):
    if isinstance(v, (bool, _np.bool_)) or not isinstance(v, (int, float, _np.integer, _np.floating)):
        raise TypeError(f"{fn}: {what} must be a real number, got {type(v).__name__}")
    return float(v)


def _axis(axis, ndim, fn):
    if isinstance(axis, (bool, _np.bool_)):
        raise TypeError(f"{fn}: axis must be an integer, not bool")
    try:
        a = _operator.index(axis)
    except TypeError:
        raise TypeError(f"{fn}: axis must be an integer, not {type(axis).__name__}") from None
    n = ndim if ndim > 0 else 1  # a 0-d array has the one axis of [x] (as torch)
    if not -n <= a < n:
        raise _AxisError(a, ndim, fn)
    return a % n


def sigmoid(x, /):
    """1 / (1 + exp(-x)), computed without overflow for any x (exp(-|x|) only)."""
    return _core.nn_activation("sigmoid", _arr(x, "sigmoid"), "sigmoid")


def silu(x, /):
    """x * sigmoid(x) (swish)."""
    return _core.nn_activation("silu", _arr(x, "silu"), "silu")


def gelu(x, /, approximate="none"):
    """x * Phi(x). approximate='none': 0.5 x (1 + erf(x / sqrt 2)); 'tanh': 0.5 x (1 + tanh(
    sqrt(2/pi) (x + 0.044715 x^3))), computed as x * sigmoid(2 u) (the same value without the
    cancellation of 1 + tanh for x << 0)."""
    if approximate == "none":
        op = "gelu_erf"
    elif approximate == "tanh":
        op = "gelu_tanh"
    else:
        raise ValueError(f"gelu: approximate must be 'none' or 'tanh', got {approximate!r}")
    return _core.nn_activation(op, _arr(x, "gelu"), "gelu")


def _softmax(x, axis, log, fn):
    x = _arr(x, fn)
    a = _axis(axis, x.ndim, fn)
    if x.ndim == 0:
        r = _core.nn_softmax(_core.reshape(x, (1,), -1), 0, log, fn)
        return _core.reshape(r, (), -1)
    return _core.nn_softmax(x, a, log, fn)


def softmax(x, /, axis=-1):
    """exp(x - max) / sum(exp(x - max)) along axis. A row holding NaN, or only -inf, or +inf,
    gives a NaN row (as torch)."""
    return _softmax(x, axis, False, "softmax")


def log_softmax(x, /, axis=-1):
    """(x - max) - log(sum(exp(x - max))) along axis (logsumexp form)."""
    return _softmax(x, axis, True, "log_softmax")


def _norm_shape(x, weight, normalized_shape, fn):
    if normalized_shape is None:
        if weight is not None:
            return tuple(weight.shape)
        if x.ndim == 0:
            raise ValueError(f"{fn}: cannot normalise a 0-d array")
        return (x.shape[-1],)
    if isinstance(normalized_shape, (int, _np.integer)) and not isinstance(normalized_shape, bool):
        normalized_shape = (int(normalized_shape),)
    try:
        ns = tuple(_operator.index(s) for s in normalized_shape)
    except TypeError:
        raise TypeError(f"{fn}: normalized_shape must be an int or a tuple of ints, got "
                        f"{normalized_shape!r}") from None
    if len(ns) == 0:
        raise ValueError(f"{fn}: normalized_shape must not be empty")
    if len(ns) > x.ndim or tuple(x.shape[x.ndim - len(ns):]) != ns:
        raise ValueError(f"{fn}: normalized_shape {ns} does not match the trailing dims of x "
                         f"with shape {tuple(x.shape)}")
    return ns


def layer_norm(x, /, weight=None, bias=None, eps=1e-5, normalized_shape=None):
    """(x - mean) / sqrt(var + eps) * weight + bias over the trailing dims normalized_shape
    (default: weight's shape, else the last axis); var is the biased variance (as torch)."""
    fn = "layer_norm"
    x = _arr(x, fn)
    w = None if weight is None else _arr(weight, fn, "weight")
    b = None if bias is None else _arr(bias, fn, "bias")
    eps = _float(eps, fn, "eps")
    ns = _norm_shape(x, w, normalized_shape, fn)
    if tuple(x.shape[x.ndim - len(ns):]) != ns:
        raise ValueError(f"{fn}: weight shape {ns} does not match the trailing dims of x with "
                         f"shape {tuple(x.shape)}")
    return _core.nn_norm(x, len(ns), w, b, eps, False, fn)


def rms_norm(x, /, weight=None, eps=None, normalized_shape=None):
    """x / sqrt(mean(x^2) + eps) * weight over the trailing dims normalized_shape (default:
    weight's shape, else the last axis). eps=None: the machine epsilon of x's dtype (torch)."""
    fn = "rms_norm"
    x = _arr(x, fn)
    w = None if weight is None else _arr(weight, fn, "weight")
    if eps is None:
        eps = _EPS.get(x.dtype.name, 0.0)  # other dtypes raise TypeError below
    eps = _float(eps, fn, "eps")
    ns = _norm_shape(x, w, normalized_shape, fn)
    if tuple(x.shape[x.ndim - len(ns):]) != ns:
        raise ValueError(f"{fn}: weight shape {ns} does not match the trailing dims of x with "
                         f"shape {tuple(x.shape)}")
    return _core.nn_norm(x, len(ns), w, None, eps, True, fn)


def scaled_dot_product_attention(q, k, v, /, mask=None, is_causal=False, scale=None):
    """softmax(q @ k^T * scale + mask) @ v, batched over the leading dims (broadcast).

    q: (..., Lq, E), k: (..., Lk, E), v: (..., Lk, Ev) -> (..., Lq, Ev). mask: bool (True: the
    key takes part) or floating (added to the scores), broadcastable to (..., Lq, Lk).
    is_causal: query i sees keys j <= i (top-left aligned, as torch). scale: default
    1/sqrt(E). A query that sees no key gives a NaN row (softmax of -inf)."""
    fn = "scaled_dot_product_attention"
    q = _arr(q, fn, "query")
    k = _arr(k, fn, "key")
    v = _arr(v, fn, "value")
    m = None if mask is None else _arr(mask, fn, "mask")
    if not isinstance(is_causal, (bool, _np.bool_)):
        raise TypeError(f"{fn}: is_causal must be a bool, got {type(is_causal).__name__}")
    if m is not None and is_causal:
        raise ValueError(f"{fn}: give either mask or is_causal=True, not both")
    if q.ndim < 2 or k.ndim < 2 or v.ndim < 2:
        raise ValueError(f"{fn}: query, key and value must have at least 2 dimensions, got "
                         f"{q.ndim}, {k.ndim}, {v.ndim}")
    if scale is None:
        e = q.shape[-1]
        scale = 1.0 / _math.sqrt(e) if e > 0 else 1.0
    scale = _float(scale, fn, "scale")
    return _core.nn_attention(q, k, v, m, bool(is_causal), scale, fn)
