import numpy as np

# Draw shapes with coordinate grids: a circle, a ring, and a diagonal band.
n = 11
y, x = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
cy = cx = n // 2
dist = np.sqrt((x - cx) ** 2 + (y - cy) ** 2)

circle = dist <= 4
ring = (dist > 2.5) & (dist <= 4.5)
band = np.abs(x - y) <= 1

canvas = np.zeros((n, n), dtype=np.int32)
canvas[circle] = 1
canvas[ring] = 2
canvas[band & ~circle] = 3
print(canvas)

print("circle area:", circle.sum(), "approx:", round(np.pi * 16, 2))
iy, ix = np.indices((3, 4))
print("indices:\n", iy, "\n", ix)
oy, ox = np.ogrid[0:3, 0:4]
print("ogrid shapes:", oy.shape, ox.shape, "sum:\n", oy + ox)

chars = np.where(circle, "#", ".")
for row in chars:
    print("".join(row))

result = {"dist": dist, "canvas": canvas, "chars": chars}
