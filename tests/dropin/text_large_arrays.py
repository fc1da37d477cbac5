import numpy as np

# Printing big and high-dimensional arrays: NumPy summarises with '...'.
print(np.arange(1001))
print(np.arange(2000).reshape(40, 50))
print(np.arange(3000, dtype=np.float64).reshape(10, 10, 30) / 7)
print(np.ones((2, 2, 2, 2), dtype=np.int8))
print(np.arange(1500) % 7 == 0)
cube = np.arange(60).reshape(3, 4, 5)
print(cube[:, ::2, 1:4])
print(cube.shape, cube.ndim, cube.size, cube.itemsize, cube.nbytes)
print(cube.strides, cube.T.strides)
print(np.full((3, 1), -1.5))
print(np.empty((0, 3)).shape, np.zeros((0, 3)))

result = {"cube": cube, "sub": cube[:, ::2, 1:4]}
