import numpy as np

# Masked arrays for invalid readings (negative values mean "sensor error").
raw = np.array([[12.0, -1.0, 15.5, 14.0],
                [13.5, 14.2, -1.0, -1.0],
                [11.0, 12.5, 13.0, 16.0]])
m = np.ma.masked_less(raw, 0)
print(m)
print("valid per row:", m.count(axis=1))
print("row means:", m.mean(axis=1))
print("column max:", m.max(axis=0))
print("overall std:", round(float(m.std()), 6))

filled = m.filled(np.nan)
print("filled with nan:\n", filled)

clipped = np.ma.masked_where(raw > 15, raw)
print("mask of > 15:\n", clipped.mask)
print("compressed:", np.ma.masked_invalid(filled).compressed())

result = {"row_means": m.mean(axis=1).filled(np.nan), "filled": filled,
          "compressed": np.ma.masked_invalid(filled).compressed()}
