import numpy as np

# Heights (cm) of a small class: describe the dataset like a quick summary table.
heights = np.array([162.5, 171.0, 158.2, 180.4, 175.3, 169.9, 166.1, 190.2,
                    155.0, 172.8, 168.4, 177.7, 161.3, 183.6, 170.0])

n = heights.size
mean = heights.mean()
median = np.median(heights)
std = heights.std(ddof=1)
q1, q3 = np.percentile(heights, [25, 75])
iqr = q3 - q1

print("count :", n)
print("mean  :", mean)
print("median:", median)
print(f"std   : {std:.3f}")
print(f"min/max: {heights.min():.1f} / {heights.max():.1f}")
print("quartiles:", q1, q3, "IQR:", round(iqr, 2))
print("range:", np.ptp(heights))
print("sorted:", np.sort(heights))

tall = heights[heights > mean + std]
print("tall students:", tall, "->", len(tall))

result = {"mean": mean, "median": median, "std": std, "q": np.array([q1, q3]), "tall": tall}
