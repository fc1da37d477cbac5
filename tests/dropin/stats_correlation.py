import numpy as np

# Hours studied, hours slept, and exam score for 10 students.
hours = np.array([1, 2, 2.5, 3, 4, 4.5, 5, 6, 7, 8])
sleep = np.array([8, 7.5, 7, 7, 6.5, 6, 6.5, 5, 5.5, 4])
score = np.array([52, 55, 60, 62, 70, 72, 75, 80, 84, 90])

r = np.corrcoef(hours, score)[0, 1]
print(f"corr(hours, score) = {r:.4f}")

X = np.vstack([hours, sleep, score])
C = np.corrcoef(X)
print("correlation matrix:\n", np.round(C, 3))
print("covariance matrix:\n", np.cov(X))

# Pearson by hand
hc = hours - hours.mean()
sc = score - score.mean()
manual = (hc * sc).sum() / np.sqrt((hc ** 2).sum() * (sc ** 2).sum())
print("manual matches:", np.isclose(manual, r))

strongest = np.unravel_index(np.argmin(C), C.shape)
print("most negative pair:", strongest, C[strongest])

result = {"C": C, "cov": np.cov(X), "manual": manual, "pair": np.array(strongest)}
