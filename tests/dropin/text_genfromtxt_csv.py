import numpy as np
import io

# Parse a small CSV with missing values, as from a spreadsheet export.
csv = """day,temp,humidity,rain
1,21.5,0.61,0
2,23.0,,1
3,19.8,0.72,1
4,,0.55,0
5,25.1,0.48,0
"""
table = np.genfromtxt(io.StringIO(csv), delimiter=",", skip_header=1)
print(table)
print("shape:", table.shape)
print("missing:", np.isnan(table).sum(axis=0))

temp = table[:, 1]
print("mean temp (ignoring missing):", np.nanmean(temp))
filled = np.genfromtxt(io.StringIO(csv), delimiter=",", skip_header=1, filling_values=-1)
print("filled:\n", filled)

rows = np.loadtxt(io.StringIO("a,1,2\nb,3,4\n"), delimiter=",", usecols=(1, 2))
print("usecols:\n", rows)

names = np.genfromtxt(io.StringIO("x,y\n1,2\n3,4\n"), delimiter=",", names=True)
print("named columns:", names.dtype.names, names["y"])

result = {"table": table, "filled": filled, "rows": rows}
