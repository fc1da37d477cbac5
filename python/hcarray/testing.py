"""hcarray.testing: NumPy's assertion helpers, accepting hcarray arrays.

Each function is numpy.testing's, called on zero-copy NumPy views of the hcarray arguments
(bfloat16 compares through float32), so messages and tolerances are NumPy's.
"""

import functools as _functools

import numpy as _np
import numpy.testing as _npt

from ._numpy_bridge import to_np as _to_np

_BF16 = None


def _view(obj):
    global _BF16
    v = _to_np(obj)
    if _BF16 is None:
        from . import _dtypes
        _BF16 = _np.dtype(_dtypes.bfloat16)
    if isinstance(v, _np.ndarray) and v.dtype == _BF16:
        return v.astype(_np.float32)
    return v


def _make(name):
    f = getattr(_npt, name)

    @_functools.wraps(f)
    def run(*args, **kwargs):
        __tracebackhide__ = True  # noqa: F841  (pytest hides this frame)
        args = tuple(_view(a) for a in args)
        kwargs = {k: _view(v) for k, v in kwargs.items()}
        return f(*args, **kwargs)

    return run


_ASSERTS = [
    "assert_allclose", "assert_array_equal", "assert_equal", "assert_array_almost_equal",
    "assert_almost_equal", "assert_approx_equal", "assert_array_less", "assert_array_max_ulp",
    "assert_array_almost_equal_nulp", "assert_string_equal", "assert_array_compare",
]
for _n in _ASSERTS:
    if hasattr(_npt, _n):
        globals()[_n] = _make(_n)

# Helpers that take no arrays: NumPy's own.
assert_raises = _npt.assert_raises
assert_raises_regex = _npt.assert_raises_regex
assert_warns = _npt.assert_warns
assert_no_warnings = _npt.assert_no_warnings
assert_ = _npt.assert_
suppress_warnings = getattr(_npt, "suppress_warnings", None)
SkipTest = _npt.SkipTest

__all__ = [n for n in _ASSERTS if hasattr(_npt, n)] + [
    "assert_raises", "assert_raises_regex", "assert_warns", "assert_no_warnings", "assert_",
    "suppress_warnings", "SkipTest",
]
