import numpy as np

# Vector and matrix norms, products, condition numbers.
v = np.array([3.0, -4.0, 12.0])
for ord_ in (1, 2, np.inf, -np.inf, 0):
    print(f"||v||_{ord_} =", np.linalg.norm(v, ord_))

M = np.array([[1.0, 2.0], [3.0, 4.0]])
for ord_ in ("fro", "nuc", 1, -1, 2, np.inf):
    print(f"||M||_{ord_} = {np.linalg.norm(M, ord_):.6f}")

print("cond(M):", np.linalg.cond(M))
print("cond of near-singular:", np.linalg.cond(np.array([[1.0, 1.0], [1.0, 1.0001]])))

a = np.array([1.0, 2.0, 3.0])
b = np.array([4.0, 5.0, 6.0])
print("dot:", np.dot(a, b), "inner:", np.inner(a, b), "vdot:", np.vdot(a, b))
print("outer:\n", np.outer(a, b))
print("cross:", np.cross(a, b))
print("matmul 2-D x 1-D:", np.matmul(M, a[:2]))

rows = np.arange(12.0).reshape(4, 3)
print("row norms:", np.linalg.norm(rows, axis=1))
print("col norms:", np.linalg.norm(rows, axis=0))

result = {"cross": np.cross(a, b), "outer": np.outer(a, b), "cond": np.linalg.cond(M), "rows": np.linalg.norm(rows, axis=1)}
