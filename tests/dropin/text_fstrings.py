import numpy as np

# Formatting array elements and reductions with f-strings and format().
a = np.array([3.14159265, 2.71828183, 1.41421356, 1234.5678])
i = np.array([7, 42, -3], dtype=np.int32)

print(f"first: {a[0]}")
print(f"first .2f: {a[0]:.2f}")
print(f"sci: {a[3]:.3e}")
print(f"general: {a[3]:g}")
print(f"padded: [{a[1]:>10.4f}]")
print(f"int: {i[1]:05d} hex: {i[1]:x} plus: {i[2]:+d}")
print(f"mean: {a.mean():.6f}  sum: {a.sum():,.2f}")
print(f"percent: {a[2] / 10:.1%}")
print("format():", format(a[1], "8.3f"), format(i[0], "b"))
print("str():", str(a[0]), str(i[2]), str(a.max()))
print("repr of list of items:", [x.item() for x in a[:2]])
print("as python floats:", a.tolist())
print("{} and {:.3f}".format(a[0], a[1]))
print("%.2f %d" % (a[0], i[1]))
print(f"bool: {a[0] > 3}  {bool(a[0] > 3)}")
rows = np.arange(6).reshape(2, 3) / 7
for row in rows:
    print(" | ".join(f"{v:6.3f}" for v in row))

result = {"a": a, "i": i, "rows": rows}
