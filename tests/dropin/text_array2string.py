import numpy as np

# np.array2string, array_str, array_repr and friends.
a = np.array([[1.0, 2.5, -3.25], [4.0, 1e-3, 600.0]])
print(np.array2string(a))
print(np.array2string(a, precision=2, separator=", "))
print(np.array2string(a, suppress_small=True))
print(np.array2string(a, max_line_width=20))
print(np.array2string(a, formatter={"float_kind": lambda x: "%.1f" % x}))
print(np.array2string(np.arange(5), separator=";", prefix="vals="))
print(np.array2string(np.array([True, False])))
print(np.array_str(a, precision=1))
print(np.array_repr(a))
print(np.array_repr(np.arange(4, dtype=np.int16)))
print(repr(np.array([1, 2, 3], dtype=np.uint8)))
print(repr(np.array([1.5, np.nan, np.inf])))
print(repr(np.zeros((2, 2), dtype=np.float32)))
print(repr(np.array([], dtype=np.int64)))
print(repr(np.ones((3,), dtype=bool)))
print(np.array2string(np.arange(3) + 0.5j))
s = np.array2string(np.linspace(0, 1, 4), threshold=2, edgeitems=1)
print(s)

result = {"a": a, "s_len": len(s)}
