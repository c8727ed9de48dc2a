"""Certificates printed on pre-printed blanks: where each text goes (millimetres from the
top-left corner of the blank) and what each page says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The default layout: A4 across, texts centred on the page width. Blanks differ: the office
# measures its own and writes templates/chung-nhan.yaml (same keys; any subset).
DEFAULT_LAYOUT: dict[str, Any] = {
    "trang": {"rong": 297, "cao": 210},
    "truong": {
        "danh_xung_ho_ten": {"x": 30, "y": 86, "rong": 237, "co_chu": 24, "dam": True},
        "don_vi": {"x": 30, "y": 102, "rong": 237, "co_chu": 15, "dam": False},
        "thanh_tich": {"x": 30, "y": 114, "rong": 237, "co_chu": 15, "dam": True},
        "dia_danh_ngay": {"x": 150, "y": 140, "rong": 120, "co_chu": 13, "dam": False},
        "quyet_dinh": {"x": 20, "y": 176, "rong": 120, "co_chu": 11, "dam": False},
    },
}
FIELD_NAMES: tuple[str, ...] = tuple(DEFAULT_LAYOUT["truong"])


@dataclass(frozen=True)
class Field:
    x: float  # mm from the left edge of the blank
    y: float  # mm from the top edge
    width: float  # mm; the text is centred in it
    size: float  # points
    bold: bool


@dataclass(frozen=True)
class Layout:
    width: float  # mm
    height: float
    fields: dict[str, Field]


@dataclass(frozen=True)
class Certificate:
    """One page: the text of each field (a missing field prints nothing)."""

    texts: dict[str, str]
