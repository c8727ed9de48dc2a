"""A small, deterministic YAML emitter for the data thidua writes (block style, UTF-8)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*\Z")
_NUMBERISH = re.compile(r"[-+]?(\.?\d[\d_.]*|\.inf|\.nan)([eE][-+]?\d+)?\Z", re.IGNORECASE)
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


_SEEN: dict[str, str] = {}  # keys and common values repeat: each is judged once
_SEEN_MAX = 20_000


def scalar(value: Any) -> str:
    if type(value) is str:
        out = _SEEN.get(value)
        if out is None:
            out = _str_scalar(value)
            if len(_SEEN) < _SEEN_MAX:
                _SEEN[value] = out
        return out
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return _str_scalar(str(value))


def _str_scalar(s: str) -> str:
    if (
        s.isprintable()
        and _PLAIN.match(s)
        and not s.endswith((" ", ":"))
        and ": " not in s
        and " #" not in s
        and not _NUMBERISH.match(s)
        and s.lower() not in _RESERVED
    ):
        return s
    return _quote(s)


def _quote(s: str) -> str:
    """A YAML double-quoted scalar (JSON escapes are valid YAML escapes)."""
    out = json.dumps(s, ensure_ascii=False)
    if out.isprintable():
        return out
    return "".join(c if c.isprintable() else _escape(c) for c in out)


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _emit(value: Any, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        _mapping(value, indent, out, " " * indent)
    elif isinstance(value, list):
        _sequence(value, indent, out)
    else:
        out.append(f"{' ' * indent}{scalar(value)}\n")


def _mapping(value: dict[Any, Any], indent: int, out: list[str], lead: str) -> None:
    """The entries of a mapping, the first line starting with ``lead`` (its indentation,
    or that of a sequence item: "- ")."""
    pad = " " * indent
    seen = _SEEN
    for key, v in value.items():
        k = seen.get(key) if type(key) is str else None
        if k is None:
            k = scalar(key)  # a key needs the same quoting as a value
        if type(v) is str:
            text = seen.get(v)
            out.append(f"{lead}{k}: {scalar(v) if text is None else text}\n")
        elif isinstance(v, dict):
            if v:
                out.append(f"{lead}{k}:\n")
                _mapping(v, indent + 2, out, pad + "  ")
            else:
                out.append(f"{lead}{k}: {{}}\n")
        elif isinstance(v, list):
            if v:
                out.append(f"{lead}{k}:\n")
                _sequence(v, indent + 2, out)
            else:
                out.append(f"{lead}{k}: []\n")
        else:
            out.append(f"{lead}{k}: {scalar(v)}\n")
        lead = pad


def _sequence(value: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    item_lead = pad + "- "
    for item in value:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, item_lead)
        elif isinstance(item, list) and item:
            out.append(f"{pad}-\n")
            _sequence(item, indent + 2, out)
        elif isinstance(item, dict | list):
            out.append(f"{item_lead}{'[]' if isinstance(item, list) else '{}'}\n")
        else:
            out.append(f"{item_lead}{scalar(item)}\n")


def dumps(value: Any, *, header: str = "") -> str:
    out: list[str] = [header] if header else []
    _emit(value, 0, out)
    return "".join(out)
