import numpy as np

# einsum, tensordot and friends for common contractions.
A = np.arange(9.0).reshape(3, 3)
B = np.arange(9.0, 18.0).reshape(3, 3)
x = np.array([1.0, -1.0, 2.0])

print("trace:", np.einsum("ii", A), np.trace(A))
print("diag:", np.einsum("ii->i", A))
print("matmul agrees:", np.allclose(np.einsum("ij,jk->ik", A, B), A @ B))
print("quadratic form:", np.einsum("i,ij,j", x, A, x))
print("column sums:", np.einsum("ij->j", A))
print("elementwise sum of product:", np.einsum("ij,ij->", A, B))

batch = np.arange(24.0).reshape(2, 3, 4)
W = np.arange(8.0).reshape(4, 2)
out = np.einsum("bij,jk->bik", batch, W)
print("batched:", out.shape)
print(out)
print("matches matmul:", np.allclose(out, batch @ W))

T = np.tensordot(batch, W, axes=([2], [0]))
print("tensordot equal:", np.array_equal(T, out))
print("tensordot axes=2:", np.tensordot(A, B, axes=2))
print("kron shape:", np.kron(np.eye(2), A).shape)

result = {"out": out, "T": T, "q": np.einsum("i,ij,j", x, A, x), "cols": np.einsum("ij->j", A)}
