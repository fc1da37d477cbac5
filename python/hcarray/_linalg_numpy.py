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
