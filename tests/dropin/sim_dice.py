import numpy as np

# Roll two dice many times with the legacy API and tabulate the sums.
np.random.seed(42)
rolls = np.random.randint(1, 7, size=(6000, 2))
totals = rolls.sum(axis=1)
counts = np.bincount(totals, minlength=13)[2:]
expected = 6000 * np.array([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]) / 36

for s, c, e in zip(range(2, 13), counts, expected):
    print(f"{s:2d}: {c:5d} (expected {e:6.1f})")
chi2 = ((counts - expected) ** 2 / expected).sum()
print(f"chi-square: {chi2:.3f}")

doubles = (rolls[:, 0] == rolls[:, 1]).mean()
print(f"doubles: {doubles:.4f}")

runs = np.diff(np.flatnonzero(np.diff(np.r_[-1, totals, -1]) != 0))
print("longest run of equal totals:", runs.max())

faces = np.random.randint(1, 7, size=20)
print("faces:", faces)
print("sixes at:", np.where(faces == 6)[0])

result = {"counts": counts, "chi2": chi2, "faces": faces}
