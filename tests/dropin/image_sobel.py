import numpy as np

# Sobel edge detection on a synthetic square.
img = np.zeros((10, 10), dtype=float)
img[3:7, 3:7] = 1.0

def conv3(a, k):
    p = np.pad(a, 1)
    out = np.zeros_like(a)
    for i in range(3):
        for j in range(3):
            out += k[i, j] * p[i:i + a.shape[0], j:j + a.shape[1]]
    return out

kx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
ky = kx.T
gx = conv3(img, kx)
gy = conv3(img, ky)
mag = np.hypot(gx, gy)
angle = np.degrees(np.arctan2(gy, gx))
print("gradient magnitude:\n", np.round(mag, 2))
print("max magnitude:", mag.max(), "at", np.unravel_index(mag.argmax(), mag.shape))
edges = mag > 2
print("edge pixels:", edges.sum())
print("angles on row 5:", np.round(angle[5], 1))

lap = conv3(img, np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=float))
print("laplacian row 3:", lap[3])

result = {"gx": gx, "gy": gy, "mag": mag, "angle": angle, "lap": lap}
