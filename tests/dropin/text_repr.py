import numpy as np

# repr() of arrays as the interactive prompt shows them.
print(repr(np.arange(5)))
print(repr(np.arange(5, dtype=np.int32)))
print(repr(np.linspace(0, 1, 3)))
print(repr(np.array([[1, 2], [3, 4]], dtype=np.float32)))
print(repr(np.array([1 + 1j, 2])))
print(repr(np.array([True, False])))
print(repr(np.array(3.5)))
print(repr(np.array([1e-20, 1.0])))
print(repr(np.array([0.1, 0.2, 0.30000000000000004])))
print(repr(np.array([], dtype=float).reshape(0, 2)))
print(repr(np.arange(12).reshape(3, 4)[:, 1:3]))
print(repr(np.array([65535], dtype=np.uint16)))
print(repr(np.array([-0.0, 0.0])))
print(repr(np.full(3, np.nan)))
print(repr(np.array([1.0, 2.0], dtype=np.float16)))
print(repr(np.arange(30).reshape(5, 6)))
print([repr(a) for a in (np.array([1]), np.array([2.0]))])

result = {"n": 17}
