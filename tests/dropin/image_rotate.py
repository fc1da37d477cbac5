import numpy as np

# Rotate a small 'L' shaped glyph by multiples of 90 degrees.
glyph = np.zeros((5, 4), dtype=np.uint8)
glyph[:, 0] = 1
glyph[-1, :] = 1

for k in range(4):
    r = np.rot90(glyph, k)
    print(f"rot90 k={k} shape={r.shape}")
    print(r)

print("transpose == rot90 then flip:", np.array_equal(glyph.T, np.flipud(np.rot90(glyph))))
print("four turns is identity:", np.array_equal(np.rot90(glyph, 4), glyph))

rgb = np.stack([glyph * 255, glyph * 128, glyph * 0], axis=-1)
rot_rgb = np.rot90(rgb, axes=(0, 1))
print("rgb", rgb.shape, "->", rot_rgb.shape)
print("red channel after rotation:\n", rot_rgb[..., 0])

swapped = np.swapaxes(rgb, 0, 1)
moved = np.moveaxis(rgb, -1, 0)
print("swapaxes:", swapped.shape, "moveaxis:", moved.shape)

result = {"r1": np.rot90(glyph), "r3": np.rot90(glyph, -1), "rgb": rot_rgb, "moved": moved}
