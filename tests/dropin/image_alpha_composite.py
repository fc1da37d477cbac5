import numpy as np

# Alpha-blend a foreground over a background and stack results.
h, w = 4, 5
bg = np.full((h, w, 3), [30, 60, 90], dtype=np.uint8)
fg = np.zeros((h, w, 3), dtype=np.uint8)
fg[1:3, 1:4] = [250, 200, 10]
alpha = np.zeros((h, w), dtype=np.float32)
alpha[1:3, 1:4] = 0.75

a = alpha[..., np.newaxis]
out = (fg * a + bg * (1 - a)).astype(np.uint8)
print("blend dtype before cast:", (fg * a).dtype)
print("blended green channel:\n", out[..., 1])

rgba = np.dstack([out, (alpha * 255).astype(np.uint8)])
print("rgba shape:", rgba.shape, rgba.dtype)

side = np.concatenate([bg, out], axis=1)
print("side by side:", side.shape)
stacked = np.stack([bg, fg, out])
print("stacked:", stacked.shape)
print("mean colour per image:\n", stacked.mean(axis=(1, 2)).round(2))

r, g, b = np.split(out, 3, axis=2)
print("split shapes:", r.shape, g.shape, b.shape)
print("squeezed red:\n", r.squeeze())

result = {"out": out, "rgba": rgba, "stacked": stacked, "means": stacked.mean(axis=(1, 2))}
