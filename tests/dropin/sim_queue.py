import numpy as np

# A single-server queue (M/M/1) simulated event by event.
rng = np.random.default_rng(2)
n = 2000
lam, mu = 0.8, 1.0
arrivals = np.cumsum(rng.exponential(1 / lam, size=n))
service = rng.exponential(1 / mu, size=n)

start = np.empty(n)
finish = np.empty(n)
t_free = 0.0
for i in range(n):
    start[i] = max(arrivals[i], t_free)
    finish[i] = start[i] + service[i]
    t_free = finish[i]

wait = start - arrivals
print(f"mean wait {wait.mean():.4f} (theory {lam / (mu * (mu - lam)):.4f})")
print(f"server utilisation {service.sum() / finish[-1]:.4f}")
print("fraction served immediately:", np.mean(wait == 0))
print("wait percentiles:", np.round(np.percentile(wait, [50, 90, 99]), 4))
in_system = np.searchsorted(arrivals, finish[:10]) - np.arange(1, 11)
print("queue length seen by first departures:", in_system)

result = {"wait": wait, "finish": finish, "in_system": in_system}
