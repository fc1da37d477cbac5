"""The Array API fft extension (2024.12).

The transforms run in numpy.fft (pocketfft) on zero-copy NumPy views of the inputs; each result
is copied into hcarray's own memory. Precision is kept as the standard requires: complex64 in,
complex64 out (float32 -> complex64 for rfft/rfftn/ihfft, complex64 -> float32 for
irfft/irfftn/hfft), and the 128-bit types likewise. As NumPy, real inputs to the complex
transforms are accepted (float16/float32/bfloat16 -> complex64, float64, integers and bool ->
complex128); rfft/rfftn/ihfft reject complex inputs with TypeError.
"""

import math as _math

import numpy as _np

from . import _core, _dtypes
from ._validation import check_array as _check, as_int as _int

__all__ = [
    "fft", "ifft", "fftn", "ifftn", "rfft", "irfft", "rfftn", "irfftn", "hfft", "ihfft",
    "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]

_NORMS = ("backward", "ortho", "forward")
_FLOAT32 = _np.dtype(_np.float32)
_FLOAT64 = _np.dtype(_np.float64)
_BF16 = _dtypes._DTYPES[10]
_AxisError = _np.exceptions.AxisError


def _norm(norm, fn):
    if norm is None:  # as NumPy
        return "backward"
    if not isinstance(norm, str) or norm not in _NORMS:
        raise ValueError(f"{fn}: invalid norm {norm!r}; expected 'backward', 'ortho' or 'forward'")
    return norm


def _axis(axis, ndim, fn):
    a = _int(axis, fn, "axis")
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim, fn)
    return a


def _n(n, fn):
    if n is None:
        return None
    n = _int(n, fn, "n")
    if n < 1:
        raise ValueError(f"{fn}: n must be at least 1, got {n}")
    return n


def _np_view(x, fn, *, real_only=False):
    """A NumPy view of x (no copy) in a dtype pocketfft takes."""
    _check(x, fn)
    d = x.dtype
    if real_only and d.kind == "c":
        raise TypeError(f"{fn}: expected a real-valued array, got {d}")
    a = _np.asarray(x)
    if d == _BF16:
        a = a.astype(_FLOAT32)
    return a


def _result(r, fn):
    """Copies NumPy's result into hcarray memory."""
    from ._creation_functions import asarray
    return asarray(_np.asarray(r), copy=True)


def _one_dim(name, x, n, axis, norm, real_only=False):
    a = _np_view(x, name, real_only=real_only)
    if a.ndim == 0:
        raise ValueError(f"{name}: expected an array with at least one dimension")
    ax = _axis(axis, a.ndim, name)
    n = _n(n, name)
    norm = _norm(norm, name)
    if n is None and a.shape[ax] == 0:
        raise ValueError(f"{name}: the transformed axis is empty; pass n >= 1")
    return _result(getattr(_np.fft, name)(a, n=n, axis=ax, norm=norm), name)


def _n_dim(name, x, s, axes, norm, real_only=False):
    a = _np_view(x, name, real_only=real_only)
    norm = _norm(norm, name)
    if axes is not None:
        if isinstance(axes, (str, bytes)) or not hasattr(axes, "__iter__"):
            raise TypeError(f"{name}: axes must be a sequence of ints")
        axes = [_axis(v, a.ndim, name) for v in axes]
    if s is not None:
        if isinstance(s, (str, bytes)) or not hasattr(s, "__iter__"):
            raise TypeError(f"{name}: s must be a sequence of ints")
        s = [_int(v, name, "s entries") for v in s]
        if axes is None:
            raise ValueError(f"{name}: when s is given, axes must be given too")
        if len(s) != len(axes):
            raise ValueError(f"{name}: s and axes must have the same length, got {len(s)} and "
                             f"{len(axes)}")
        # -1 means the input's own length along that axis (the standard's rule).
        s = [a.shape[ax] if v == -1 else v for v, ax in zip(s, axes)]
        for v in s:
            if v < 1:
                raise ValueError(f"{name}: entries of s must be at least 1 (or -1), got {v}")
    if a.ndim == 0 and (axes is None or axes):
        raise ValueError(f"{name}: expected an array with at least one dimension")
    check = axes if axes is not None else range(a.ndim)
    for i, ax in enumerate(check):
        if s is None and a.shape[ax] == 0:
            raise ValueError(f"{name}: transformed axis {ax} is empty; pass s")
    return _result(getattr(_np.fft, name)(a, s=s, axes=axes, norm=norm), name)


def fft(x, /, *, n=None, axis=-1, norm="backward"):
    """The one-dimensional discrete Fourier transform along axis."""
    return _one_dim("fft", x, n, axis, norm)


def ifft(x, /, *, n=None, axis=-1, norm="backward"):
    """The one-dimensional inverse discrete Fourier transform along axis."""
    return _one_dim("ifft", x, n, axis, norm)


def fftn(x, /, *, s=None, axes=None, norm="backward"):
    """The n-dimensional discrete Fourier transform over axes (None: all)."""
    return _n_dim("fftn", x, s, axes, norm)


def ifftn(x, /, *, s=None, axes=None, norm="backward"):
    """The n-dimensional inverse discrete Fourier transform over axes (None: all)."""
    return _n_dim("ifftn", x, s, axes, norm)


def rfft(x, /, *, n=None, axis=-1, norm="backward"):
    """The one-dimensional transform of a real array (the n//2 + 1 non-negative frequencies)."""
    return _one_dim("rfft", x, n, axis, norm, real_only=True)


def irfft(x, /, *, n=None, axis=-1, norm="backward"):
    """The inverse of rfft: a real array of length n (default 2*(m-1)) along axis."""
    return _one_dim("irfft", x, n, axis, norm)


def rfftn(x, /, *, s=None, axes=None, norm="backward"):
    """The n-dimensional transform of a real array (the last axis halved)."""
    return _n_dim("rfftn", x, s, axes, norm, real_only=True)


def irfftn(x, /, *, s=None, axes=None, norm="backward"):
    """The inverse of rfftn."""
    return _n_dim("irfftn", x, s, axes, norm)


def hfft(x, /, *, n=None, axis=-1, norm="backward"):
    """The transform of a signal with Hermitian symmetry (a real spectrum)."""
    return _one_dim("hfft", x, n, axis, norm)


def ihfft(x, /, *, n=None, axis=-1, norm="backward"):
    """The inverse of hfft, of a real array."""
    return _one_dim("ihfft", x, n, axis, norm, real_only=True)


def _freq_args(fn, n, d, dtype, device):
    from ._device import as_device
    n = _int(n, fn, "n")
    if n < 1:
        raise ValueError(f"{fn}: n must be at least 1, got {n}")
    if isinstance(d, bool) or not isinstance(d, (int, float, _np.integer, _np.floating)):
        raise TypeError(f"{fn}: d must be a real number, got {type(d).__name__}")
    if d == 0 or not _math.isfinite(d):
        raise ValueError(f"{fn}: d must be finite and non-zero, got {d!r}")
    if dtype is None:
        out = _FLOAT64
    else:
        if isinstance(dtype, _core.ndarray):
            raise TypeError(f"{fn}: dtype must be a data type, not an array")
        out = _dtypes._DTYPES[_dtypes.dtype_code(dtype, fn)]
        if not (out.kind == "f" or out == _BF16):
            raise ValueError(f"{fn}: dtype must be a real floating-point data type, got {out}")
    as_device(device, fn)  # ValueError for a device this machine lacks
    return n, float(d), out


def _freq_result(values, out):
    from ._creation_functions import asarray
    r = asarray(values, copy=True)  # float64, in hcarray memory
    return r if out == r.dtype else _core.astype(r, out)


def fftfreq(n, /, *, d=1.0, dtype=None, device=None):
    """Sample frequencies of an n-point transform: [0, 1, ..., -1] / (d*n)."""
    n, d, out = _freq_args("fftfreq", n, d, dtype, device)
    k = _np.empty(n, _FLOAT64)
    half = (n - 1) // 2 + 1
    k[:half] = _np.arange(half)
    k[half:] = _np.arange(-(n // 2), 0)
    return _freq_result(k * (1.0 / (n * d)), out)  # NumPy's rounding


def rfftfreq(n, /, *, d=1.0, dtype=None, device=None):
    """Sample frequencies of rfft of n points: [0, 1, ..., n//2] / (d*n)."""
    n, d, out = _freq_args("rfftfreq", n, d, dtype, device)
    return _freq_result(_np.arange(n // 2 + 1, dtype=_FLOAT64) * (1.0 / (n * d)), out)


def _shift(fn, x, axes, inverse):
    _check(x, fn)
    if axes is None:
        ax = tuple(range(x.ndim))
    elif isinstance(axes, (list, tuple)):
        ax = tuple(_axis(a, x.ndim, fn) for a in axes)
    else:
        ax = (_axis(axes, x.ndim, fn),)
    if not ax:
        return _result(_np.asarray(x), fn)
    shifts = tuple((-(x.shape[i] // 2) if inverse else x.shape[i] // 2) for i in ax)
    # the native roll (block copies); the NumPy round trip copied twice (1e5 float64: 130 us,
    # NumPy 41)
    from ._manipulation_functions import roll
    return roll(x, shifts, axis=ax)


def fftshift(x, /, *, axes=None):
    """x rolled by half its length along axes (None: all), putting frequency 0 in the middle."""
    return _shift("fftshift", x, axes, False)


def ifftshift(x, /, *, axes=None):
    """The inverse of fftshift."""
    return _shift("ifftshift", x, axes, True)
