import numpy as np

# The classic uint8 pitfalls: wrap-around and saturating arithmetic.
a = np.array([[10, 200, 250], [0, 128, 255]], dtype=np.uint8)
b = np.array([[20, 100, 10], [1, 128, 1]], dtype=np.uint8)

print("a + b (wraps):\n", a + b)
print("a - b (wraps):\n", a - b)
print("dtype:", (a + b).dtype)

sat_add = np.clip(a.astype(np.int16) + b, 0, 255).astype(np.uint8)
sat_sub = np.clip(a.astype(np.int16) - b, 0, 255).astype(np.uint8)
print("saturating add:\n", sat_add)
print("saturating sub:\n", sat_sub)

brighter = np.minimum(a.astype(np.uint16) * 2, 255).astype(np.uint8)
print("brighter:\n", brighter)
print("a * 2 wraps:\n", a * np.uint8(2))

inv = 255 - a
print("inverted:\n", inv, inv.dtype)
print("a // 3:", (a // 3).ravel())
print("a >> 4:", (a >> 4).ravel())
print("a & 0x0F:", (a & 0x0F).ravel())
print("mean as float:", a.mean(), "sum:", a.sum())
print("a + 300 promotes to:", (a + np.int16(300)).dtype)

result = {"add": a + b, "sub": a - b, "sat_add": sat_add, "sat_sub": sat_sub, "inv": inv, "bright": brighter}
