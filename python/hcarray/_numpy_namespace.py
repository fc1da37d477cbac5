"""NumPy names beyond the Array API (drop-in use). Placeholder: filled by its group."""

__all__ = []
