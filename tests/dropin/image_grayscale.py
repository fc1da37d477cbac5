import numpy as np

# Convert an RGB uint8 image to grayscale and mix channels.
h, w = 4, 6
r = np.linspace(0, 255, w).astype(np.uint8)
rgb = np.zeros((h, w, 3), dtype=np.uint8)
rgb[..., 0] = r
rgb[..., 1] = r[::-1]
rgb[..., 2] = np.arange(h)[:, None] * 60
print("red channel:\n", rgb[..., 0])

weights = np.array([0.299, 0.587, 0.114])
gray = rgb @ weights
print("gray float:\n", np.round(gray, 2))
gray_u8 = np.round(gray).astype(np.uint8)
print("gray uint8:\n", gray_u8)

avg = rgb.mean(axis=2)
print("channel average dtype:", avg.dtype)

swap = rgb[..., ::-1]
print("BGR first pixel:", swap[0, 0], "RGB first pixel:", rgb[0, 0])

sepia = np.array([[0.393, 0.769, 0.189],
                  [0.349, 0.686, 0.168],
                  [0.272, 0.534, 0.131]])
toned = np.clip(rgb.astype(np.float64) @ sepia.T, 0, 255).astype(np.uint8)
print("sepia pixel (1,2):", toned[1, 2])

result = {"gray": gray, "gray_u8": gray_u8, "avg": avg, "sepia": toned}
