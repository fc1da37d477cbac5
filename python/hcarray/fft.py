"""The Array API fft extension (placeholder: filled by its group)."""
