"""Report layer: format diagnostics and results; never decides exit codes."""
