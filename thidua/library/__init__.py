"""The library: what the CLI does, one call each, for a Python user too.

- :mod:`thidua.library.repository` — find and load a repository, its law;
- :mod:`thidua.library.validation` — check every file (`thidua validate`);
- :mod:`thidua.library.decisions` — decide a year (`tally`, `explain`);
- :mod:`thidua.library.documents` — render and verify documents;
- :mod:`thidua.library.changes` — what a change between two commits means (`diff`);
- :mod:`thidua.library.setup` — create a repository (`init`).
"""
