import numpy as np

# Overdetermined system: fit a plane z = a*x + b*y + c through points.
pts = np.array([[0, 0, 1.0], [1, 0, 3.1], [0, 1, 1.9], [1, 1, 4.2],
                [2, 1, 6.0], [1, 2, 5.1], [2, 2, 7.1]])
A = np.c_[pts[:, 0], pts[:, 1], np.ones(len(pts))]
z = pts[:, 2]

coef, residuals, rank, sv = np.linalg.lstsq(A, z, rcond=None)
print("coefficients:", coef)
print("residual sum of squares:", residuals)
print("rank:", rank)
print("singular values:", sv)

normal = np.linalg.solve(A.T @ A, A.T @ z)
print("normal equations agree:", np.allclose(normal, coef))

pinv = np.linalg.pinv(A)
print("pinv shape:", pinv.shape)
print("pinv agrees:", np.allclose(pinv @ z, coef))

fitted = A @ coef
print("fitted:", np.round(fitted, 4))
print("max error:", np.abs(fitted - z).max())

result = {"coef": coef, "res": residuals, "sv": sv, "fitted": fitted, "pinv": pinv}
