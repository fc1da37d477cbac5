"""NumPy's extras in hcarray.linalg and hcarray.fft (names the Array API extensions lack).

Each runs NumPy's function (LAPACK / pocketfft) on zero-copy NumPy views of hcarray memory; the
results are copied into hcarray memory (``_numpy_bridge``). Attached onto the submodules at import
by ``_numpy_namespace``; the standard's functions of those modules are left as they are.
"""

import numpy as _np

from . import fft as _fft
from . import linalg as _linalg
from ._numpy_bridge import delegate as _delegate

LINALG_EXTRAS = ["norm", "lstsq", "eig", "eigvals", "multi_dot", "cond", "tensorinv",
                 "tensorsolve"]
FFT_EXTRAS = ["fft2", "ifft2", "rfft2", "irfft2"]


def _attach(mod, np_mod, names, prefix):
    for n in names:
        if hasattr(mod, n) or not hasattr(np_mod, n):
            continue
        f = _delegate(f"{prefix}.{n}", getattr(np_mod, n))
        f.__name__ = f.__qualname__ = n
        f.__module__ = mod.__name__
        setattr(mod, n, f)
        if n not in mod.__all__:
            mod.__all__.append(n)


_attach(_linalg, _np.linalg, LINALG_EXTRAS, "linalg")
_attach(_fft, _np.fft, FFT_EXTRAS, "fft")


# The standard's functions in hcarray.linalg / hcarray.fft take hcarray arrays; NumPy code passes
# array_likes (np.linalg.inv([[1, 2], [3, 4]])). Each is wrapped so that its array arguments
# (the first, or the first two for the two-operand functions) may be lists, tuples, NumPy arrays
# or NumPy scalars, converted as NumPy would (zero-copy for NumPy arrays); hcarray arguments go
# straight through. Other arguments (n, axis, ord, ...) are untouched.
_TWO_OPERANDS = {"solve", "cross", "matmul", "tensordot", "vecdot", "outer"}
_CONVERT = (list, tuple, _np.ndarray, _np.generic)


def _array_like(f, name, nargs):
    import functools

    from ._core import ndarray
    from ._numpy_bridge import as_hc

    @functools.wraps(f)
    def call(*args, **kwargs):
        if args and (type(args[0]) is not ndarray or (nargs == 2 and len(args) > 1
                                                      and type(args[1]) is not ndarray)):
            args = list(args)
            for i in range(min(nargs, len(args))):
                if isinstance(args[i], _CONVERT):
                    args[i] = as_hc(args[i], name)
        return f(*args, **kwargs)

    call.__hc_array_like__ = True
    return call


def _accept_array_like(mod, prefix, skip=()):
    for n in list(mod.__all__):
        f = getattr(mod, n, None)
        if not callable(f) or n in skip or getattr(f, "__hc_array_like__", False):
            continue
        if isinstance(f, type):
            continue
        setattr(mod, n, _array_like(f, f"{prefix}.{n}" if prefix else n,
                                    2 if n in _TWO_OPERANDS else 1))


_accept_array_like(_linalg, "", skip=set(LINALG_EXTRAS))
_accept_array_like(_fft, "", skip=set(FFT_EXTRAS) | {"fftfreq", "rfftfreq"})
