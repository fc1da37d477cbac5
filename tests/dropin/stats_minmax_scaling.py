import numpy as np

# Feature scaling for a small table of house data: area, rooms, age.
X = np.array([[120.0, 3, 15],
              [85.0, 2, 40],
              [200.0, 5, 5],
              [150.0, 4, 22],
              [60.0, 1, 60]])

mins = X.min(axis=0)
maxs = X.max(axis=0)
scaled = (X - mins) / (maxs - mins)
print("scaled:\n", scaled)
print("ptp:", np.ptp(X, axis=0))

robust = (X - np.median(X, axis=0)) / (np.percentile(X, 75, axis=0) - np.percentile(X, 25, axis=0))
print("robust:\n", robust.round(3))

clipped = np.clip(scaled, 0.1, 0.9)
print("clipped:\n", clipped)

unit = X / np.linalg.norm(X, axis=1, keepdims=True)
print("row norms after:", np.linalg.norm(unit, axis=1))

ranks = X[:, 0].argsort().argsort()
print("area ranks:", ranks)

result = {"scaled": scaled, "robust": robust, "clipped": clipped, "unit": unit, "ranks": ranks}
