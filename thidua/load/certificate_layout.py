"""The layout of certificates printed on pre-printed blanks: ``templates/chung-nhan.yaml`` of
a repository (the office measures its blanks), else the default. Every problem is a located
diagnostic: a wrong type (TD102), an unknown key (TD101), a field off the page (TD603)."""

from __future__ import annotations

import copy
from typing import Any

from thidua.diagnostics import DataPath, Diagnostic, make
from thidua.load import positions
from thidua.load.parse import parse_bytes
from thidua.load.schema import Bool, Ctx, F, Num, Obj
from thidua.model.certificates import DEFAULT_LAYOUT, FIELD_NAMES, Field, Layout
from thidua.model.invalid import INVALID

LAYOUT_FILE = "chung-nhan.yaml"
MAX_LAYOUT_BYTES = 64 * 1024

_FIELD = Obj("ô in", {
    "x": F(Num(minimum=0, maximum=1000, description="Mép trái của ô, mm từ mép trái trang.")),
    "y": F(Num(minimum=0, maximum=1000, description="Mép trên của ô, mm từ mép trên trang.")),
    "rong": F(Num(minimum=5, maximum=1000, description="Chiều rộng của ô, mm.")),
    "co_chu": F(Num(minimum=6, maximum=72, description="Cỡ chữ (pt).")),
    "dam": F(Bool(description="Chữ đậm.")),
})
SCHEMA = Obj("vị trí in giấy chứng nhận", {
    "trang": F(Obj("khổ phôi", {
        "rong": F(Num(minimum=50, maximum=1000, description="Chiều rộng phôi, mm."),
                  required=True),
        "cao": F(Num(minimum=50, maximum=1000, description="Chiều cao phôi, mm."),
                 required=True),
    })),
    "truong": F(Obj("các ô in", {name: F(_FIELD) for name in FIELD_NAMES})),
})


def default_layout() -> Layout:
    layout, diags = parse_layout(DEFAULT_LAYOUT, "mặc định")
    assert layout is not None and not diags
    return layout


def read_layout(raw: bytes, file: str) -> tuple[Layout | None, list[Diagnostic]]:
    """The layout in a file's bytes, over the default (fields not given keep theirs)."""
    parsed = parse_bytes(file, raw, max_bytes=MAX_LAYOUT_BYTES)
    if not parsed.ok:
        return None, parsed.diagnostics
    layout, diags = parse_layout(parsed.data, file)
    pending = [d for d in diags if d.line is None and d.path is not None]
    if pending and parsed.text is not None:
        found = positions.locate(parsed.text, {d.path for d in pending if d.path})
        diags = [d.located(*found.get(d.path, (1, 1))) if d.line is None and d.path else d
                 for d in diags]
    return layout, parsed.diagnostics + diags


def parse_layout(data: Any, file: str) -> tuple[Layout | None, list[Diagnostic]]:
    ctx = Ctx(file)
    clean = SCHEMA.validate(copy.deepcopy(data), ctx)
    if not isinstance(clean, dict):
        return None, ctx.diagnostics
    page = {**DEFAULT_LAYOUT["trang"], **_valid(clean.get("trang"))}
    if INVALID in page.values():
        return None, ctx.diagnostics
    width, height = float(page["rong"]), float(page["cao"])
    fields: dict[str, Field] = {}
    diags: list[Diagnostic] = list(ctx.diagnostics)
    given = _valid(clean.get("truong"))
    for name in FIELD_NAMES:
        own = _valid(given.get(name))
        if given.get(name) is not None and (not own or INVALID in own.values()):
            continue  # reported by the schema
        raw = {**DEFAULT_LAYOUT["truong"][name], **own}
        f = Field(float(raw["x"]), float(raw["y"]), float(raw["rong"]),
                  float(raw.get("co_chu", 14)), bool(raw.get("dam", False)))
        line_height = f.size * 25.4 / 72 * 1.2
        if f.x + f.width > width:
            diags.append(make("TD603", file, path=_where(clean, name, ("rong", "x"), "rong"),
                              field=name, detail=f"mép phải {f.x + f.width:g} mm vượt khổ "
                                                 f"phôi rộng {width:g} mm"))
        if f.y + line_height > height:
            diags.append(make("TD603", file, path=_where(clean, name, ("y",), "cao"),
                              field=name, detail=f"dòng chữ ở {f.y:g} mm từ mép trên không "
                                                 f"nằm trọn trong khổ phôi cao {height:g} mm"))
        for other, g in fields.items():
            g_height = g.size * 25.4 / 72 * 1.2
            if (f.x < g.x + g.width and g.x < f.x + f.width and f.y < g.y + g_height
                    and g.y < f.y + line_height):
                diags.append(make("TD603", file, path=_where(clean, name, ("y", "x"), "cao"),
                                  field=name, detail=f"chồng lên ô \"{other}\" (dòng chữ "
                                                     f"cao khoảng {line_height:.0f} mm)"))
                break
        fields[name] = f
    if diags:
        return None, diags
    return Layout(width, height, fields), []


def _valid(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _where(clean: dict[str, Any], name: str, keys: tuple[str, ...], page_key: str) -> DataPath:
    """The line to fix: the field's own coordinate when the file gives it, else the page
    size (a default field that no longer fits a smaller blank)."""
    own = _valid(_valid(clean.get("truong")).get(name))
    for k in keys:
        if k in own:
            return ("truong", name, k)
    if own:
        return ("truong", name)
    return ("trang", page_key) if page_key in _valid(clean.get("trang")) else ()
