import numpy as np

# Three measurements per sample; standardise each column and flag outliers.
data = np.array([
    [5.1, 3.5, 1.4],
    [4.9, 3.0, 1.4],
    [6.2, 3.4, 5.4],
    [5.9, 3.0, 5.1],
    [4.7, 3.2, 1.3],
    [7.9, 3.8, 6.4],
    [5.0, 2.0, 3.5],
    [6.3, 2.5, 5.0],
])

mu = data.mean(axis=0)
sigma = data.std(axis=0)
z = (data - mu) / sigma
print("column means:", mu)
print("column stds :", sigma)
print("z-scores:\n", z.round(3))

outliers = np.abs(z) > 1.5
rows, cols = np.nonzero(outliers)
print("outlier positions:", list(zip(rows.tolist(), cols.tolist())))
print("rows with any outlier:", np.where(outliers.any(axis=1))[0])
print("max |z| per column:", np.abs(z).max(axis=0))

result = {"z": z, "outliers": outliers, "rows": rows, "cols": cols}
