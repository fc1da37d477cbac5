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
    a, b = np.broadcast_arrays(np.asarray(a), np.asarray(b))
    special = (np.isinf(a) & np.isfinite(b) & (b != 0)) | (np.isfinite(a) & np.isinf(b))
    if special.any():
        r = np.array(r, copy=True)
        r[special] = (a[special].astype(np.float64) / b[special].astype(np.float64)).astype(r.dtype)
    return r
