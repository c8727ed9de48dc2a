"""Tally layer: a year's verdicts, counts, quotas and targets for an organisation."""
