"""Model layer: file kinds, their schemas and the typed repository built from them."""
