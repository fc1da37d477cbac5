import numpy as np

# Sensor readings with dropouts encoded as NaN.
readings = np.array([
    [1.2, np.nan, 3.1, 2.2],
    [np.nan, np.nan, 2.9, 2.5],
    [1.0, 1.8, np.nan, 2.4],
    [1.4, 2.0, 3.3, np.nan],
])

print("missing per sensor:", np.isnan(readings).sum(axis=0))
print("nanmean per sensor:", np.nanmean(readings, axis=0))
print("nanstd per sensor :", np.nanstd(readings, axis=0))
print("nanmax per row    :", np.nanmax(readings, axis=1))
print("plain mean (propagates NaN):", readings.mean(axis=0))

col_means = np.nanmean(readings, axis=0)
filled = np.where(np.isnan(readings), col_means, readings)
print("filled:\n", filled)

complete_rows = ~np.isnan(readings).any(axis=1)
print("complete rows:", complete_rows.sum())

zeros = np.nan_to_num(readings, nan=0.0)
print("nan_to_num:\n", zeros)
print("nansum:", np.nansum(readings), "argmax ignoring nan:", np.nanargmax(readings))

result = {"filled": filled, "zeros": zeros, "col_means": col_means, "complete": complete_rows}
