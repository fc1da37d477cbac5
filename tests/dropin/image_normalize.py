import numpy as np

# Normalise a batch of float32 images (N, H, W, C) like a training pipeline.
batch = np.arange(2 * 4 * 4 * 3, dtype=np.float32).reshape(2, 4, 4, 3)
batch = (batch * 7) % 256

scaled = batch / 255.0
print("scaled dtype:", scaled.dtype, "range:", scaled.min(), scaled.max())

mean = scaled.mean(axis=(0, 1, 2))
std = scaled.std(axis=(0, 1, 2))
print("channel mean:", mean)
print("channel std :", std)

standardized = (scaled - mean) / std
print("after: mean ~0", np.allclose(standardized.mean(axis=(0, 1, 2)), 0, atol=1e-6))
print("after: std ~1", np.allclose(standardized.std(axis=(0, 1, 2)), 1, atol=1e-5))

per_image = scaled - scaled.mean(axis=(1, 2, 3), keepdims=True)
print("per-image centered shape:", per_image.shape)

chw = np.transpose(scaled, (0, 3, 1, 2))
print("NCHW:", chw.shape, "contiguous:", chw.flags["C_CONTIGUOUS"])
chw = np.ascontiguousarray(chw)
print("made contiguous:", chw.flags["C_CONTIGUOUS"])

back = (np.clip(scaled, 0, 1) * 255).round().astype(np.uint8)
print("round trip equal:", np.array_equal(back, batch.astype(np.uint8)))

result = {"mean": mean, "std": std, "standardized": standardized, "chw": chw}
