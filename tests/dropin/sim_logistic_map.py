import numpy as np

# Logistic map: iterate many growth rates at once and find the attractors.
r = np.linspace(2.8, 4.0, 13)
x = np.full_like(r, 0.5)
for _ in range(1000):
    x = r * x * (1 - x)

orbit = np.empty((64, r.size))
for i in range(64):
    x = r * x * (1 - x)
    orbit[i] = x

periods = np.array([np.unique(np.round(orbit[:, k], 6)).size for k in range(r.size)])
print("r       :", r)
print("period  :", periods)
for rk, col in zip(r[:6], orbit.T[:6]):
    print(f"r={rk:.1f}: {np.unique(np.round(col, 4))}")

lyap = np.mean(np.log(np.abs(r - 2 * r * orbit)), axis=0)
print("Lyapunov:", np.round(lyap, 3))
print("chaotic r:", r[lyap > 0])

result = {"orbit_last": orbit[-1], "periods": periods, "lyap": lyap}
