"""Commands: one function per CLI command, doing the I/O around the pure core."""
