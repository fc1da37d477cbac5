import numpy as np

# 3x3 box blur and a Gaussian-like blur built from slices of a padded image.
img = np.zeros((7, 7))
img[3, 3] = 9.0
img[1, 1:3] = 4.5

padded = np.pad(img, 1, mode="edge")
box = np.zeros_like(img)
for dy in range(3):
    for dx in range(3):
        box += padded[dy:dy + img.shape[0], dx:dx + img.shape[1]]
box /= 9.0
print("box blur:\n", np.round(box, 3))

k = np.array([1.0, 2.0, 1.0])
kernel = np.outer(k, k) / 16.0
print("kernel:\n", kernel)
padded0 = np.pad(img, 1, mode="constant", constant_values=0)
gauss = sum(kernel[i, j] * padded0[i:i + 7, j:j + 7] for i in range(3) for j in range(3))
print("gaussian blur:\n", np.round(gauss, 4))
print("mass conserved:", np.isclose(gauss.sum(), img.sum()))

reflect = np.pad(img[1:4, 1:4], 2, mode="reflect")
print("reflect pad:\n", reflect)

result = {"box": box, "gauss": gauss, "reflect": reflect}
