import numpy as np

# Cholesky factorisation and triangular solves for a covariance matrix.
S = np.array([[4.0, 2.0, 0.6],
              [2.0, 2.0, 0.5],
              [0.6, 0.5, 1.0]])
L = np.linalg.cholesky(S)
print("L:\n", L)
print("L lower:", np.allclose(L, np.tril(L)))
print("L L^T = S:", np.allclose(L @ L.T, S))

b = np.array([1.0, 2.0, 3.0])
y = np.linalg.solve(L, b)
x = np.linalg.solve(L.T, y)
print("x:", x)
print("matches direct solve:", np.allclose(x, np.linalg.solve(S, b)))

# forward substitution by hand
y2 = np.zeros(3)
for i in range(3):
    y2[i] = (b[i] - L[i, :i] @ y2[:i]) / L[i, i]
print("manual forward sub:", y2)

z = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
corr = z @ L.T
print("correlated samples:\n", corr)
print("upper part zero:", np.triu(L, 1).sum() == 0)
print("log det:", 2 * np.log(np.diag(L)).sum())

result = {"L": L, "x": x, "y2": y2, "corr": corr}
