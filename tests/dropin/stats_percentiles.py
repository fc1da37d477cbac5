import numpy as np

# Response times (ms) of a web service.
latency = np.array([120, 98, 134, 250, 101, 99, 87, 310, 145, 112, 109, 500, 95, 130, 118,
                    102, 127, 140, 99, 105], dtype=float)

for p in (50, 90, 95, 99):
    print(f"p{p}: {np.percentile(latency, p):.2f} ms")

qs = np.quantile(latency, [0.1, 0.5, 0.9])
print("quantiles:", qs)
print("lower  :", np.percentile(latency, 90, method="lower"))
print("higher :", np.percentile(latency, 90, method="higher"))
print("nearest:", np.percentile(latency, 90, method="nearest"))

two_days = latency.reshape(2, 10)
print("median per day:", np.median(two_days, axis=1))
print("p75 per day:", np.percentile(two_days, 75, axis=1))

with_gaps = latency.copy()
with_gaps[[3, 7, 11]] = np.nan
print("nanpercentile p50:", np.nanpercentile(with_gaps, 50))
print("nanmedian:", np.nanmedian(with_gaps))

result = {"qs": qs, "per_day": np.median(two_days, axis=1), "nan_p50": np.nanpercentile(with_gaps, 50)}
