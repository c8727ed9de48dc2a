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
    pad = " " * indent
    if isinstance(value, dict):
        for key, v in value.items():
            k = scalar(key)  # a key needs the same quoting as a value
            if (isinstance(v, dict) and v) or (isinstance(v, list) and v):
                out.append(f"{pad}{k}:\n")
                _emit(v, indent + 2, out)
            elif isinstance(v, list | dict):
                out.append(f"{pad}{k}: {'[]' if isinstance(v, list) else '{}'}\n")
            else:
                out.append(f"{pad}{k}: {scalar(v)}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                sub: list[str] = []
                _emit(item, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(item, list) and item:
                out.append(f"{pad}-\n")
                _emit(item, indent + 2, out)
            else:
                out.append(f"{pad}- {scalar(item)}\n")
    else:
        out.append(f"{pad}{scalar(value)}\n")


def dumps(value: Any, *, header: str = "") -> str:
    out: list[str] = [header] if header else []
    _emit(value, 0, out)
    return "".join(out)
