import numpy as np

# Downsample by block averaging, upsample by repetition.
img = np.arange(48, dtype=np.float64).reshape(6, 8)

small = img.reshape(3, 2, 4, 2).mean(axis=(1, 3))
print("2x2 block mean:\n", small)

maxpool = img.reshape(3, 2, 4, 2).max(axis=(1, 3))
print("2x2 max pool:\n", maxpool)

up = np.repeat(np.repeat(small, 2, axis=0), 2, axis=1)
print("upsampled shape:", up.shape)
print("error of round trip:", np.abs(up - img).mean())

kron_up = np.kron(small, np.ones((2, 2)))
print("kron equals repeat:", np.array_equal(kron_up, up))

tiled = np.tile(np.array([[0, 1], [1, 0]], dtype=np.uint8), (3, 4))
print("checkerboard:\n", tiled)

nearest = img[::2, ::2]
print("nearest-neighbour:\n", nearest)

cols = np.linspace(0, 7, 4)
interp_row = np.interp(cols, np.arange(8), img[0])
print("linear resample of row 0:", interp_row)

result = {"small": small, "maxpool": maxpool, "up": up, "tiled": tiled, "interp": interp_row}
