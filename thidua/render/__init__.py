"""Render layer: official documents (.docx) in the state format."""
