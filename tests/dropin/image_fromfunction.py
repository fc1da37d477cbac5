import numpy as np

# Build images from functions of the pixel coordinates and process rows with helpers.
img = np.fromfunction(lambda i, j: (i * 16 + j * 8) % 256, (6, 8), dtype=int)
print(img)
print("dtype:", img.dtype)

wave = np.fromfunction(lambda i, j: np.sin(i / 2.0) * np.cos(j / 3.0), (4, 5))
print(np.round(wave, 3))

row_range = np.apply_along_axis(lambda r: r.max() - r.min(), 1, img)
print("row ranges:", row_range)

col_sorted = np.apply_along_axis(np.sort, 0, img[:, ::-1])
print("sorted columns:\n", col_sorted)

def classify(v):
    return 2 if v > 160 else (1 if v > 64 else 0)

vclass = np.vectorize(classify)
classes = vclass(img)
print("classes:\n", classes)
print("counts:", np.bincount(classes.ravel()))

norm = np.vectorize(lambda v, lo, hi: (v - lo) / (hi - lo))(img, img.min(), img.max())
print("normalised corner values:", norm[0, 0], norm[-1, -1])

result = {"img": img, "wave": wave, "row_range": row_range, "classes": classes, "norm": norm}
