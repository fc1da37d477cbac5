import numpy as np

# Classical Gram-Schmidt versus np.linalg.qr.
A = np.array([[1.0, 1.0, 0.0],
              [1.0, 0.0, 1.0],
              [0.0, 1.0, 1.0],
              [1.0, 1.0, 1.0]])

def gram_schmidt(A):
    Q = np.zeros_like(A)
    R = np.zeros((A.shape[1], A.shape[1]))
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R

Q, R = gram_schmidt(A)
print("Q:\n", np.round(Q, 5))
print("R:\n", np.round(R, 5))
print("Q^T Q = I:", np.allclose(Q.T @ Q, np.eye(3)))
print("QR = A:", np.allclose(Q @ R, A))

Q2, R2 = np.linalg.qr(A)
signs = np.sign(np.diag(R2))
Q2, R2 = Q2 * signs, R2 * signs[:, None]
print("matches numpy qr:", np.allclose(Q, Q2), np.allclose(R, R2))
print("R upper triangular:", np.allclose(R, np.triu(R)))

result = {"Q": Q, "R": R, "Q2": Q2, "R2": R2}
