"""Read the bundled law data file (thidua/data/phap_luat.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def bundled_law_text() -> str:
    return resources.files("thidua").joinpath("data/phap_luat.yaml").read_text("utf-8")
