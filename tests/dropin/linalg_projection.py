import numpy as np

# Orthogonal projection onto the column space of A.
A = np.array([[1.0, 0.0],
              [1.0, 1.0],
              [1.0, 2.0],
              [1.0, 3.0]])
P = A @ np.linalg.inv(A.T @ A) @ A.T
print("projection matrix:\n", np.round(P, 4))
print("idempotent:", np.allclose(P @ P, P))
print("symmetric:", np.allclose(P, P.T))

v = np.array([1.0, 2.0, 2.0, 5.0])
p = P @ v
r = v - p
print("projection:", p)
print("residual:", r)
print("residual orthogonal to columns:", np.allclose(A.T @ r, 0))

u = np.array([3.0, 4.0])
d = np.array([1.0, 0.0])
proj = (u @ d) / (d @ d) * d
print("projection of u on d:", proj)
angle = np.degrees(np.arccos(np.dot(u, d) / (np.linalg.norm(u) * np.linalg.norm(d))))
print(f"angle: {angle:.4f} degrees")

Q = np.eye(4) - P
print("complement rank:", np.linalg.matrix_rank(Q))

result = {"P": P, "p": p, "r": r, "proj": proj, "angle": angle}
