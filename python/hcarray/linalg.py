"""The Array API linalg extension (placeholder: filled by its group)."""
