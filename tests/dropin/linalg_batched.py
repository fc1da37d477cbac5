import numpy as np

# Stacks of small systems: batched solve, inverse, determinant and norms.
k = np.arange(1, 5, dtype=float)[:, None, None]
A = np.eye(3) * (k + 2) + np.ones((3, 3))
b = np.arange(12, dtype=float).reshape(4, 3)
print("A stack:", A.shape)

x = np.linalg.solve(A, b[..., None])[..., 0]
print("solutions:\n", x)
print("residual ok:", np.allclose(np.einsum("nij,nj->ni", A, x), b))

inv = np.linalg.inv(A)
print("inverse ok:", np.allclose(A @ inv, np.eye(3)))
print("dets:", np.linalg.det(A))
w = np.linalg.eigvalsh(A)
print("eigenvalues:\n", w)

print("matrix norms:", np.linalg.norm(A, axis=(1, 2)))
print("row norms of b:", np.linalg.norm(b, axis=-1))
sq = np.matmul(A, A)
print("squared traces:", np.trace(sq, axis1=1, axis2=2))
print("transpose of stack:", np.transpose(A, (0, 2, 1)).shape, np.swapaxes(A, -1, -2).shape)

result = {"x": x, "inv": inv, "dets": np.linalg.det(A), "w": w}
