import numpy as np

# Low-rank approximation of a matrix by truncated SVD.
i = np.arange(6)[:, None]
j = np.arange(5)[None, :]
M = np.sin(i + 1.0) * np.cos(j) + 0.1 * (i * j)
print("M:\n", np.round(M, 3))

U, s, Vt = np.linalg.svd(M, full_matrices=False)
print("shapes:", U.shape, s.shape, Vt.shape)
print("singular values:", np.round(s, 6))
print("numerical rank:", np.linalg.matrix_rank(M))

for k in (1, 2, 3):
    Mk = (U[:, :k] * s[:k]) @ Vt[:k]
    err = np.linalg.norm(M - Mk, "fro")
    bound = np.sqrt(np.sum(s[k:] ** 2))
    print(f"rank {k}: error {err:.6f}, Eckart-Young {bound:.6f}")

energy = np.cumsum(s ** 2) / np.sum(s ** 2)
print("energy captured:", np.round(energy, 4))
print("2-norm equals s[0]:", np.isclose(np.linalg.norm(M, 2), s[0]))
print("singular values only:", np.allclose(np.linalg.svd(M, compute_uv=False), s))

result = {"s": s, "energy": energy, "M2": (U[:, :2] * s[:2]) @ Vt[:2]}
