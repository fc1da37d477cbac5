"""NumPy protocols (NEP 13 __array_ufunc__, NEP 18 __array_function__). Placeholder."""
