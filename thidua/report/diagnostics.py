"""Reporters for diagnostics: text (terminal), json (stable schema), github (annotations)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from thidua import __version__
from thidua.diagnostics import Diagnostic, Severity, count
from thidua.report.text import markdown_cell, one_line

JSON_SCHEMA_VERSION = 1

_RED, _YELLOW, _DIM, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def _where(d: Diagnostic) -> str:
    if d.line is None:
        return d.file
    return f"{d.file}:{d.line}:{d.column or 1}"


def summary_line(diags: Sequence[Diagnostic], files: int) -> str:
    errors, warnings = count(diags)
    if not errors and not warnings:
        return f"Đã kiểm tra {files} tệp: không có lỗi."
    return f"Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."


def text(diags: Sequence[Diagnostic], files: int, *, color: bool = False) -> str:
    lines = []
    for d in diags:
        sev = d.severity.label
        if color:
            tint = _RED if d.severity is Severity.ERROR else _YELLOW
            sev = f"{tint}{_BOLD}{sev}{_RESET}"
        # (a value from the data stays on its line: no line break or control character
        # can fake another diagnostic or drive a terminal or a CI log)
        lines.append(f"{one_line(_where(d))}: {sev} {d.code}: {one_line(d.message)}")
        hint = f"  gợi ý: {one_line(d.hint)}" if d.hint else ""
        if d.legal_ref:
            hint += f"\n  căn cứ: {one_line(d.legal_ref)}"
        if hint:
            lines.append(f"{_DIM}{hint}{_RESET}" if color else hint)
    lines.append(summary_line(diags, files))
    return "\n".join(lines) + "\n"


def as_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "severity": d.severity.value,
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "hint": d.hint,
        "legal_ref": d.legal_ref,
    }


def to_json(diags: Sequence[Diagnostic], files: int) -> str:
    errors, warnings = count(diags)
    doc = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "thidua", "version": __version__},
        "summary": {"files": files, "errors": errors, "warnings": warnings},
        "diagnostics": [as_dict(d) for d in diags],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


JSON_OUTPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "validate-output.schema.json",
    "title": "Kết quả thidua validate --format json",
    "type": "object",
    "required": ["schema_version", "tool", "summary", "diagnostics"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": JSON_SCHEMA_VERSION},
        "tool": {"type": "object", "required": ["name", "version"],
                 "properties": {"name": {"const": "thidua"}, "version": {"type": "string"}}},
        "summary": {
            "type": "object", "required": ["files", "errors", "warnings"],
            "additionalProperties": False,
            "properties": {k: {"type": "integer", "minimum": 0}
                           for k in ("files", "errors", "warnings")},
        },
        "diagnostics": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["code", "severity", "file", "line", "column", "message", "hint",
                         "legal_ref"],
            "properties": {
                "code": {"type": "string", "pattern": "^TD[0-9]{3}$"},
                "severity": {"enum": ["error", "warning"]},
                "file": {"type": "string"},
                "line": {"type": ["integer", "null"], "minimum": 1},
                "column": {"type": ["integer", "null"], "minimum": 1},
                "message": {"type": "string"},
                "hint": {"type": "string"},
                "legal_ref": {"type": ["string", "null"]},
            },
        }},
    },
}


_CONTROL_BUT_LINES = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escape_data(s: str) -> str:
    """A workflow command's data: its escapes, and no other control character (ESC would
    reach the log's terminal)."""
    s = _CONTROL_BUT_LINES.sub(" ", s)
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(diags: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one annotation per diagnostic."""
    lines = []
    for d in diags:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_prop(d.file)}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.column or 1}"]
        props.append(f"title={_escape_prop(d.code)}")
        body = d.message + (f" — gợi ý: {d.hint}" if d.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(body)}")
    return "\n".join(lines) + ("\n" if lines else "")


def markdown_summary(diags: Sequence[Diagnostic], files: int) -> str:
    errors, warnings = count(diags)
    icon = "❌" if errors else ("⚠️" if warnings else "✅")
    out = [f"## {icon} thidua validate", "", summary_line(diags, files), ""]
    if diags:
        by_code = Counter(d.code for d in diags)
        out += ["| Mã | Số lần |", "|---|---|"]
        out += [f"| {code} | {n} |" for code, n in sorted(by_code.items())]
        out += ["", "| Tệp | Dòng | Mã | Nội dung |", "|---|---|---|---|"]
        for d in diags[:200]:
            out.append(f"| {markdown_cell(d.file)} | {d.line or ''} | {d.code} | "
                       f"{markdown_cell(d.message)} |")
        if len(diags) > 200:
            out.append(f"| … | | | còn {len(diags) - 200} mục |")
    return "\n".join(out) + "\n"
