import numpy as np

# Dominant eigenpair by power iteration, then deflation for the next one.
A = np.array([[2.0, 1.0, 0.0],
              [1.0, 3.0, 1.0],
              [0.0, 1.0, 4.0]])

def power_iteration(M, iters=200):
    v = np.ones(M.shape[0])
    for _ in range(iters):
        w = M @ v
        v = w / np.linalg.norm(w)
    return v @ M @ v, v

lam1, v1 = power_iteration(A)
print(f"lambda1 = {lam1:.10f}")
print("v1 =", np.round(v1, 6))
print("residual:", np.linalg.norm(A @ v1 - lam1 * v1) < 1e-8)

B = A - lam1 * np.outer(v1, v1)
lam2, v2 = power_iteration(B)
print(f"lambda2 = {lam2:.8f}")
print("v1 . v2 =", abs(round(float(v1 @ v2), 8)))

ref = np.linalg.eigvalsh(A)
print("reference:", ref)
print("matches:", np.isclose(lam1, ref[-1]), np.isclose(lam2, ref[-2]))

result = {"lam": np.array([lam1, lam2]), "v1": v1, "ref": ref}
