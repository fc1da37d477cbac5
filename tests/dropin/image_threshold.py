import numpy as np

# Threshold a synthetic grayscale image (a bright disc on a ramp).
yy, xx = np.mgrid[0:12, 0:16]
img = (xx * 8 + yy * 2).astype(np.float64)
disc = (yy - 6) ** 2 + (xx - 8) ** 2 <= 16
img[disc] = 230.0
img = img.astype(np.uint8)
print("image:\n", img)

t = img.mean()
print(f"threshold (mean) = {t:.3f}")
binary = img > t
print("foreground pixels:", np.count_nonzero(binary), "of", binary.size)

mask_u8 = np.where(binary, 255, 0).astype(np.uint8)
print(mask_u8[4:9, 4:12])

rows = np.any(binary, axis=1)
cols = np.any(binary, axis=0)
r0, r1 = np.where(rows)[0][[0, -1]]
c0, c1 = np.where(cols)[0][[0, -1]]
print("bounding box:", (r0, r1, c0, c1))

levels = np.digitize(img, [64, 128, 192])
print("quantized levels:\n", levels)

result = {"img": img, "binary": binary, "mask": mask_u8, "bbox": np.array([r0, r1, c0, c1]), "levels": levels}
