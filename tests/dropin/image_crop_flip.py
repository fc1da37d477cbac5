import numpy as np

# A synthetic 8x10 grayscale gradient image (uint8); crop and flip it.
h, w = 8, 10
img = (np.arange(h * w).reshape(h, w) * 3).astype(np.uint8)
print("image", img.shape, img.dtype)
print(img)

crop = img[2:6, 3:8]
print("crop:\n", crop)

print("flipud:\n", np.flipud(crop))
print("fliplr:\n", np.fliplr(crop))
print("both via slicing:\n", crop[::-1, ::-1])
print("same as np.flip:", np.array_equal(crop[::-1, ::-1], np.flip(crop)))

border = img.copy()
border[0, :] = border[-1, :] = 255
border[:, 0] = border[:, -1] = 255
print("border sum:", border.sum(), "dtype of sum:", border.sum().dtype)

stride = img[::2, ::3]
print("every 2nd row / 3rd col:\n", stride)

result = {"crop": crop, "flipped": crop[::-1, ::-1], "border": border, "stride": stride}
