import numpy as np

# PCA of a small 2-D point cloud, stretched along a diagonal.
rng = np.random.default_rng(7)
base = rng.standard_normal((200, 2)) * [3.0, 0.5]
theta = np.pi / 6
rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
X = base @ rot.T + [10.0, -2.0]

Xc = X - X.mean(axis=0)
C = np.cov(Xc, rowvar=False)
vals, vecs = np.linalg.eigh(C)
order = np.argsort(vals)[::-1]
vals, vecs = vals[order], vecs[:, order]
vecs *= np.sign(vecs[0])
print("mean:", np.round(X.mean(axis=0), 4))
print("explained variance:", np.round(vals, 4))
print("explained ratio:", np.round(vals / vals.sum(), 4))
print("first component:", np.round(vecs[:, 0], 4))
angle = np.degrees(np.arctan2(vecs[1, 0], vecs[0, 0]))
print(f"component angle: {angle:.2f} deg")

scores = Xc @ vecs
print("score variances:", np.round(scores.var(axis=0, ddof=1), 4))
print("scores uncorrelated:", abs(np.corrcoef(scores.T)[0, 1]) < 1e-10)

result = {"vals": vals, "vecs": vecs, "scores": scores[:5]}
