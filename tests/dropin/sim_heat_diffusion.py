import numpy as np

# Explicit finite differences for the heat equation in 1-D and 2-D.
nx, alpha, dx, dt = 21, 1.0, 0.05, 0.001
r = alpha * dt / dx ** 2
u = np.zeros(nx)
u[nx // 2] = 100.0
print(f"r = {r}")
for _ in range(200):
    u[1:-1] = u[1:-1] + r * (u[2:] - 2 * u[1:-1] + u[:-2])
print("1-D after 200 steps:", np.round(u, 3))
print("heat remaining:", round(u.sum(), 6))

T = np.zeros((9, 9))
T[0, :] = 100.0  # hot top edge
for it in range(500):
    new = T.copy()
    new[1:-1, 1:-1] = 0.25 * (T[:-2, 1:-1] + T[2:, 1:-1] + T[1:-1, :-2] + T[1:-1, 2:])
    if np.max(np.abs(new - T)) < 1e-6:
        break
    T = new
print("iterations:", it)
np.set_printoptions(precision=2, suppress=True)
print(T)
print("centre temperature:", T[4, 4])

result = {"u": u, "T": T}
