"""Placeholder: filled by its group."""

__all__ = []
