import numpy as np

# Histogram equalisation of a low-contrast uint8 image.
img = (np.add.outer(np.arange(8), np.arange(8)) * 3 + 100).astype(np.uint8)
print("input range:", img.min(), img.max())

hist = np.bincount(img.ravel(), minlength=256)
print("non-empty bins:", np.flatnonzero(hist))
cdf = hist.cumsum()
cdf_min = cdf[cdf > 0][0]
lut = np.round((cdf - cdf_min) / (img.size - cdf_min) * 255).clip(0, 255).astype(np.uint8)
equalized = lut[img]
print("equalized:\n", equalized)
print("output range:", equalized.min(), equalized.max())

# contrast stretch instead
lo, hi = np.percentile(img, (2, 98))
stretched = np.interp(img, (lo, hi), (0, 255)).astype(np.uint8)
print("stretched row 0:", stretched[0])

gamma = (255 * (img / 255.0) ** 0.5).astype(np.uint8)
print("gamma corrected diag:", np.diag(gamma))

result = {"hist": hist, "lut": lut, "equalized": equalized, "stretched": stretched, "gamma": gamma}
