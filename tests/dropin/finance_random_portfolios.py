import numpy as np

# Random long-only portfolios: find the one with the best Sharpe ratio.
np.random.seed(0)
mu = np.array([0.10, 0.07, 0.13, 0.04])
cov = np.array([[0.040, 0.006, 0.018, 0.001],
                [0.006, 0.022, 0.004, 0.002],
                [0.018, 0.004, 0.090, -0.002],
                [0.001, 0.002, -0.002, 0.010]])

n = 3000
w = np.random.random((n, 4))
w /= w.sum(axis=1, keepdims=True)
rets = w @ mu
vols = np.sqrt(np.einsum("ij,jk,ik->i", w, cov, w))
sharpe = (rets - 0.02) / vols

best = np.argmax(sharpe)
safest = np.argmin(vols)
print("best Sharpe:", round(sharpe[best], 4), "weights:", np.round(w[best], 3))
print("min vol:", round(vols[safest], 5), "weights:", np.round(w[safest], 3))
print("return range:", rets.min().round(4), rets.max().round(4))

alt = np.random.dirichlet(np.ones(4), size=3)
print("dirichlet rows sum to 1:", np.allclose(alt.sum(axis=1), 1))
print(np.round(alt, 4))

result = {"w_best": w[best], "sharpe": sharpe[:10], "vols": vols[:10], "alt": alt}
