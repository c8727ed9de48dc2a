"""Load layer: read files and turn bytes into plain Python data plus diagnostics."""
