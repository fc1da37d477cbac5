import numpy as np

# How arrays of every common dtype print.
arrays = [
    np.array([1, -2, 3], dtype=np.int8),
    np.array([0, 65535, 7], dtype=np.uint16),
    np.array([1, 2, 3], dtype=np.int64),
    np.array([1.5, -0.25, 3.0], dtype=np.float32),
    np.array([1.0, 2.0, 3.0]),
    np.array([0.1, 1e-5, 123456.789]),
    np.array([1 + 2j, -0.5j, 3]),
    np.array([True, False, True]),
    np.array([1.0, 2.5], dtype=np.float16),
    np.arange(6).reshape(2, 3),
    np.zeros((2, 0)),
    np.array(7),
    np.array(2.5),
]
for a in arrays:
    print(a.dtype, a.shape, "->", a)

print(np.arange(24).reshape(2, 3, 4))
print(np.eye(3, dtype=int))
print(np.linspace(0, 1, 5, dtype=np.float32))
print(np.array([[1.123456789, 2.0], [3.0, 4.5]]))
print(np.array([1e10, 1.0]))
print(np.array([-1.0, 0.0, 1.0]) * 0.0)

result = {"n": len(arrays), "last": np.array([1e10, 1.0])}
