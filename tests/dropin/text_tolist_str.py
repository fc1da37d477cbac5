import numpy as np

# Converting arrays to Python objects and strings.
a = np.arange(6).reshape(2, 3)
print(a.tolist(), type(a.tolist()[0][0]).__name__)
f = np.array([0.1, 0.25, 1 / 3])
print(f.tolist())
print(str(f), "|", np.array_str(f, precision=2))
print(np.format_float_positional(1 / 3, precision=4))
print(np.format_float_positional(np.float32(0.1)))
print(np.format_float_scientific(12345.678, precision=3))
print(np.format_float_scientific(np.float64(1e-10), unique=True))
print(np.base_repr(255, base=16), np.binary_repr(10, width=8), np.binary_repr(-3, width=4))
print(a.item(4), type(a.item(4)).__name__, f.item(1))
print(int(a[1, 2]), float(f[2]), complex(f[0]))
print(len(a), list(a[0]), [int(v) for v in a[1]])
print(" ".join(map(str, a.ravel())))
print(" ".join(str(v) for v in f))
print(a.astype(str))
print(np.char.add(np.array(["a", "b"]), np.array(["x", "y"])))
print(f.round(2).astype(str).tolist())
print(bytes(np.array([65, 66, 67], dtype=np.uint8)))
print(np.array([1, 2, 3], dtype=np.int16).tobytes().hex())

result = {"a": a, "f": f, "s": a.astype(str)}
