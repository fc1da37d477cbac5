import numpy as np

# Estimate pi by throwing darts at the unit square.
rng = np.random.default_rng(123)
for n in (100, 1_000, 10_000, 100_000):
    pts = rng.random((n, 2))
    inside = (pts ** 2).sum(axis=1) <= 1.0
    est = 4 * inside.mean()
    print(f"n={n:>7}: pi ~ {est:.5f}  error {abs(est - np.pi):.5f}")

# batches for a standard error estimate
batches = rng.random((50, 2000, 2))
hits = ((batches ** 2).sum(axis=2) <= 1).mean(axis=1) * 4
print(f"batch mean {hits.mean():.5f} +/- {hits.std(ddof=1) / np.sqrt(len(hits)):.5f}")

# integrate exp(-x^2) on [0, 1]
x = rng.uniform(0, 1, 50_000)
integral = np.exp(-x ** 2).mean()
print(f"integral ~ {integral:.5f}")

result = {"hits": hits, "integral": integral, "last": est}
