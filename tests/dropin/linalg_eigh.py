import numpy as np

# Eigen-decomposition of a symmetric matrix and reconstruction.
M = np.array([[4.0, 1.0, 2.0],
              [1.0, 3.0, 0.5],
              [2.0, 0.5, 5.0]])

w, V = np.linalg.eigh(M)
print("eigenvalues (ascending):", w)
# make the sign of each eigenvector deterministic
V = V * np.sign(V[0])
print("eigenvectors:\n", V)

recon = V @ np.diag(w) @ V.T
print("reconstruction ok:", np.allclose(recon, M))
print("orthonormal:", np.allclose(V.T @ V, np.eye(3)))

print("eigvalsh:", np.linalg.eigvalsh(M))
print("trace == sum of eigenvalues:", np.isclose(np.trace(M), w.sum()))
print("det == product:", np.isclose(np.linalg.det(M), np.prod(w)))

vals = np.linalg.eigvals(np.array([[2.0, 0.0], [0.0, 3.0]]))
print("eigvals of diag:", np.sort(vals))

sqrtM = V @ np.diag(np.sqrt(w)) @ V.T
print("matrix square root squared ok:", np.allclose(sqrtM @ sqrtM, M))

result = {"w": w, "V": V, "sqrtM": sqrtM}
