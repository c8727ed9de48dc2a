"""The decision step: who is recognised for what in a campaign year, and why not."""
