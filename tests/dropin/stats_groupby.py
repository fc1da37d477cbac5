import numpy as np

# Sales records: (store id, amount). Group by store with unique + bincount.
store = np.array([3, 1, 2, 3, 3, 1, 2, 2, 1, 3, 4, 4])
amount = np.array([20.0, 35.5, 12.0, 18.25, 40.0, 22.0, 9.5, 11.0, 30.0, 25.0, 5.0, 7.5])

ids, inverse, counts = np.unique(store, return_inverse=True, return_counts=True)
totals = np.bincount(inverse, weights=amount)
means = totals / counts
print("stores:", ids)
print("counts:", counts)
print("totals:", totals)
print("means :", means)

best = ids[np.argmax(totals)]
print("best store:", best)

order = np.argsort(-totals)
for rank, k in enumerate(order, start=1):
    print(f"{rank}. store {ids[k]}: {totals[k]:8.2f} over {counts[k]} sales")

maxima = np.full(ids.shape, -np.inf)
np.maximum.at(maxima, inverse, amount)
print("largest sale per store:", maxima)

result = {"ids": ids, "inverse": inverse, "totals": totals, "means": means, "maxima": maxima}
