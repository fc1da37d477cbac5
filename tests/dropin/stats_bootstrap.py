import numpy as np

# Bootstrap confidence interval for the mean with a seeded Generator.
rng = np.random.default_rng(42)
sample = rng.normal(loc=50.0, scale=8.0, size=40)
print("sample mean:", round(sample.mean(), 4))

n_boot = 2000
idx = rng.integers(0, sample.size, size=(n_boot, sample.size))
boot_means = sample[idx].mean(axis=1)
lo, hi = np.percentile(boot_means, [2.5, 97.5])
print(f"95% CI: [{lo:.3f}, {hi:.3f}]")
print("bootstrap SE:", round(boot_means.std(ddof=1), 4))

resampled = rng.choice(sample, size=5, replace=False)
print("five without replacement:", np.round(resampled, 3))

# permutation test: is the first half different from the second?
a, b = sample[:20], sample[20:]
observed = abs(a.mean() - b.mean())
count = 0
for _ in range(500):
    perm = rng.permutation(sample)
    count += abs(perm[:20].mean() - perm[20:].mean()) >= observed
print("permutation p-value:", count / 500)

result = {"sample": sample, "boot_means": boot_means, "ci": np.array([lo, hi]), "p": count / 500}
