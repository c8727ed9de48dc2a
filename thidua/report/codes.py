"""The list of diagnostic codes, for `thidua codes` and the README."""

from __future__ import annotations

from thidua.diagnostics import CODES


def codes_markdown() -> str:
    rows = ["| Mã | Mức độ | Ý nghĩa | Gợi ý sửa |", "|---|---|---|---|"]
    for spec in CODES.values():
        hint = spec.hint if "{" not in spec.hint else "(tùy trường hợp)"
        rows.append(f"| {spec.code} | {spec.severity.label} | {spec.title} | {hint} |")
    return "\n".join(rows) + "\n"


def codes_text() -> str:
    return "".join(f"{s.code}  {s.severity.label:<9} {s.title}\n" for s in CODES.values())
