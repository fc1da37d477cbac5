"""NumPy-based references for the few places where the Array API is explicit and NumPy differs."""

import ml_dtypes
import numpy as np

BF16 = np.dtype(ml_dtypes.bfloat16)


def floor_divide_api(a, b):
    """NumPy's floor_divide with the Array API's explicit special cases where NumPy differs:
    +-inf // finite nonzero is +-inf (NumPy: NaN), finite // +-inf is a signed zero (NumPy: -1
    when the signs differ). Both are what plain division gives there."""
    r = np.floor_divide(a, b)
    if r.dtype.kind != "f" and r.dtype != BF16:
        return r
    # A Python scalar enters in the result's dtype (NumPy 2's weak scalars): 2**31 next to a
    # float16 array is +inf there, so inf // 1 is a special case too.
    with np.errstate(all="ignore"):
        a = np.asarray(a, dtype=r.dtype) if isinstance(a, (int, float)) else np.asarray(a)
        b = np.asarray(b, dtype=r.dtype) if isinstance(b, (int, float)) else np.asarray(b)
    a, b = np.broadcast_arrays(a, b)
    special = (np.isinf(a) & np.isfinite(b) & (b != 0)) | (np.isfinite(a) & np.isinf(b))
    if special.any():
        r = np.array(r, copy=True)
        r[special] = (a[special].astype(np.float64) / b[special].astype(np.float64)).astype(r.dtype)
    return r
