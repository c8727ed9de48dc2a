"""Where a record came from (a file and a path in its data), so findings point at file:line."""

from __future__ import annotations

from typing import NamedTuple

from thidua.diagnostics import DataPath


class Src(NamedTuple):
    file: str
    path: DataPath
