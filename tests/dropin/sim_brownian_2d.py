import numpy as np

# 2-D Brownian motion: mean squared displacement grows linearly.
rng = np.random.default_rng(99)
n_particles, n_steps, D, dt = 400, 200, 0.5, 0.01
kicks = rng.normal(0.0, np.sqrt(2 * D * dt), size=(n_particles, n_steps, 2))
traj = np.cumsum(kicks, axis=1)

msd = (traj ** 2).sum(axis=2).mean(axis=0)
t = dt * np.arange(1, n_steps + 1)
slope = np.polyfit(t, msd, 1)[0]
print(f"fitted slope {slope:.4f} (theory {4 * D})")
print("MSD at steps 50/100/200:", np.round(msd[[49, 99, 199]], 4))

final = traj[:, -1]
print("final centroid:", np.round(final.mean(axis=0), 4))
print("spread:", np.round(final.std(axis=0), 4))
r = np.hypot(final[:, 0], final[:, 1])
hist, edges = np.histogram(r, bins=6)
print("radial histogram:", hist)
print("edges:", np.round(edges, 3))
print("escaped radius 2:", np.count_nonzero((np.linalg.norm(traj, axis=2) > 2).any(axis=1)))

result = {"msd": msd, "final": final, "hist": hist}
