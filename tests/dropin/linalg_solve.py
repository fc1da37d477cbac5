import numpy as np

# Solve a 3x3 system, check it, and compare with the inverse.
A = np.array([[3.0, 2.0, -1.0],
              [2.0, -2.0, 4.0],
              [-1.0, 0.5, -1.0]])
b = np.array([1.0, -2.0, 0.0])

x = np.linalg.solve(A, b)
print("x =", x)
print("A @ x == b:", np.allclose(A @ x, b))

Ainv = np.linalg.inv(A)
print("inverse:\n", Ainv)
print("A @ inv(A) is identity:", np.allclose(A @ Ainv, np.eye(3)))
print("det(A) =", round(np.linalg.det(A), 10))

B = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
X = np.linalg.solve(A, B)
print("multiple right-hand sides:\n", X)

try:
    np.linalg.solve(np.ones((2, 2)), np.ones(2))
except np.linalg.LinAlgError as e:
    print("singular:", e)

sign, logdet = np.linalg.slogdet(A)
print("slogdet:", sign, round(logdet, 10))

result = {"x": x, "inv": Ainv, "X": X, "logdet": logdet}
