"""Rewrite a YAML file the office keeps by hand, changing only what changed.

A file thidua rewrites (an import, a staff list) is the office's: its comments, blank lines,
key order, quoting and layout belong to the people who typed them. :func:`rewrite` gives the
text of the new data such that

- when the data is the same, the text is the old text, byte for byte (nothing to write);
- every top-level section and every record of a list (a person, a registration) whose data did
  not change is copied as it was, with the comments above it;
- a record or section that changed is written afresh, line by line against the old one: lines
  that stay keep their end-of-line comments, and full-line comments and blank lines are kept
  where they were (a comment is never dropped with a line that changed);
- records that are new go where the new data puts them, written as :mod:`thidua.yamlout`
  writes, at the indentation the file already uses.

What cannot be split into sections and records (a flow-style document, tabs) falls back to the
line-by-line merge of the whole text, which still keeps every comment.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from thidua.load.parse import parse_bytes
from thidua.yamlout import dumps, scalar

_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*):(?:[ \t]|$)")
_KEY_VALUE = re.compile(r"(\s*(?:- )?)([A-Za-z_][\w-]*): (.+)\Z")


def rewrite(old_text: str | None, new: dict[str, Any], *, header: str = "",
            old_data: Any = None) -> str:
    """The text of ``new`` for a file that held ``old_text`` (None: a new file, written with
    ``header``); ``old_data``: that text as parsed already, if the caller has it."""
    if old_text is None:
        return dumps(new, header=header)
    old = _data(old_text) if old_data is None else old_data
    if old == new:
        return old_text
    new = _as_read(new)  # as the file will read back (dates are written as text)
    if old == new:
        return old_text
    bom = "\ufeff" if old_text.startswith("\ufeff") else ""
    text = old_text[len(bom):]
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").splitlines(keepends=True)
    sections = _sections(lines) if isinstance(old, dict) else None
    if sections is not None and [s.key for s in sections.parts] == list(old):
        out = _merge_sections(sections, old, new)
    else:
        out = merge_lines(lines, dumps(new).splitlines(keepends=True))
    return bom + _join(out).replace("\n", newline)


def _as_read(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _data(text: str) -> Any:
    parsed = parse_bytes("", text.encode("utf-8"))
    return parsed.data if parsed.ok else None


def _join(lines: list[str]) -> str:
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines[:-1]) + (
        lines[-1] if lines else "")


def _trivia(line: str) -> bool:
    """A line that holds no data: blank, or only a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


class _Part(NamedTuple):
    key: str
    before: list[str]  # comments and blank lines above it
    lines: list[str]  # its own lines, the key's line first


class _Sections(NamedTuple):
    parts: list[_Part]
    after: list[str]  # comments and blank lines at the end of the file


def _sections(lines: list[str]) -> _Sections | None:
    """The file's top-level entries, each with the comments above it; None when the file is
    not a plain block mapping at the top."""
    parts: list[_Part] = []
    pending: list[str] = []
    for line in lines:
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return None
        if _trivia(line):
            pending.append(line)
            continue
        if line[0] in " -":
            if not parts:
                return None
            parts[-1].lines.extend(pending)
            pending = []
            parts[-1].lines.append(line)
            continue
        m = _TOP_KEY.match(line)
        if m is None:
            return None
        parts.append(_Part(m[1], pending, [line]))
        pending = []
    # Comments at the end of a section's body belong to what comes next.
    fixed = []
    for i, p in enumerate(parts):
        body = p.lines
        cut = len(body)
        while cut > 1 and _trivia(body[cut - 1]):
            cut -= 1
        if i + 1 < len(parts):
            parts[i + 1].before[:0] = body[cut:]
        else:
            pending[:0] = body[cut:]
        fixed.append(p._replace(lines=body[:cut]))
    return _Sections(fixed, pending)


def _merge_sections(sections: _Sections, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for part in sections.parts:
        if part.key not in new:
            continue
        value = new[part.key]
        if old[part.key] == value:
            out += part.before + part.lines
        elif isinstance(value, list) and isinstance(old[part.key], list):
            out += part.before + _merge_list(part.lines, old[part.key], value, part.key)
        else:
            out += part.before + merge_lines(part.lines, _fresh({part.key: value}))
    for key, value in new.items():
        if key not in old:
            out += _fresh({key: value})
    return out + sections.after


def _fresh(doc: dict[str, Any]) -> list[str]:
    return dumps(doc).splitlines(keepends=True)


class _Item(NamedTuple):
    before: list[str]
    lines: list[str]


def _items(body: list[str]) -> tuple[int, list[_Item], list[str]] | None:
    """A block sequence's items (each with the comments above it) and the comments after the
    last; None when ``body`` is not one."""
    content = [line for line in body if not _trivia(line)]
    if not content or not content[0].lstrip().startswith("-"):
        return None
    indent = len(content[0]) - len(content[0].lstrip())
    items: list[_Item] = []
    pending: list[str] = []
    for line in body:
        if _trivia(line):
            pending.append(line)
            continue
        lead = len(line) - len(line.lstrip())
        if (lead == indent and line.lstrip().startswith(("- ", "-\n"))) or line.strip() == "-":
            items.append(_Item(pending, [line]))
        elif lead > indent and items:
            items[-1].lines.extend(pending)
            items[-1].lines.append(line)
        else:
            return None
        pending = []
    return indent, items, pending


def _merge_list(lines: list[str], old: list[Any], new: list[Any], key: str) -> list[str]:
    """A top-level list: the records that did not change as they were, the others merged
    line by line, new ones written afresh."""
    head, body = lines[0], lines[1:]
    found = _items(body) if head.rstrip("\n").split("#", 1)[0].strip() == f"{key}:" else None
    if found is None or len(found[1]) != len(old):
        return merge_lines(lines, _fresh({key: new}))
    indent, items, after = found
    by_code: dict[str, list[int]] = {}
    for i, value in enumerate(old):
        if isinstance(value, dict) and isinstance(value.get("ma"), str):
            by_code.setdefault(value["ma"], []).append(i)
    used: set[int] = set()
    out = [head]
    for value in new:
        at = _match(value, old, by_code, used)
        if at is None:
            out += _reindent(_fresh({key: [value]})[1:], indent)
            continue
        used.add(at)
        item = items[at]
        if old[at] == value:
            out += item.before + item.lines
        else:
            out += item.before + merge_lines(item.lines,
                                             _reindent(_fresh({key: [value]})[1:], indent))
    # Comments above records that are gone stay, at the end of the list.
    for i, item in enumerate(items):
        if i not in used:
            out += [line for line in item.before + item.lines if line.strip().startswith("#")]
    return out + after


def _match(value: Any, old: list[Any], by_code: dict[str, list[int]], used: set[int]
           ) -> int | None:
    """The old record that ``value`` replaces: the same person (``ma``), else an equal one."""
    if isinstance(value, dict) and isinstance(value.get("ma"), str):
        for i in by_code.get(value["ma"], ()):
            if i not in used:
                return i
        return None
    for i, o in enumerate(old):
        if i not in used and o == value:
            return i
    return None


def _reindent(lines: list[str], indent: int) -> list[str]:
    """Lines written at the emitter's indentation (2) moved to ``indent``."""
    shift = indent - 2
    if shift >= 0:
        return [" " * shift + line for line in lines]
    return [line[-shift:] if line[: -shift].strip() == "" else line.lstrip()
            for line in lines]


def _bare(line: str) -> str:
    """A line without its end-of-line comment (a " #" outside quotes) nor trailing space."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == "\\" and quote == '"':
                continue
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _normal(bare: str) -> str:
    """A data line in the emitter's own quoting (so that "a: 'x'" matches "a: x")."""
    m = _KEY_VALUE.match(bare)
    if m is None:
        return bare
    value = m[3]
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        try:
            text = json.loads(value) if value[0] == '"' else value[1:-1].replace("''", "'")
        except ValueError:
            return bare
        return f"{m[1]}{m[2]}: {scalar(text)}"
    return bare


def _key(bare: str) -> str | None:
    m = _KEY_VALUE.match(bare)
    return f"{m[1]}{m[2]}" if m else None


def merge_lines(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """``new`` with what ``old`` held besides data kept: lines whose data did not change stay
    as they were (with their end-of-line comments); full-line comments and blank lines stay
    where they were; a changed line keeps its end-of-line comment when it keeps its key."""
    before: list[list[str]] = []
    content: list[str] = []
    pending: list[str] = []
    for line in old:
        if _trivia(line):
            pending.append(line)
        else:
            before.append(pending)
            content.append(line)
            pending = []
    a = [_normal(_bare(line)) for line in content]
    b = [_normal(_bare(line)) for line in new]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out += before[i1 + k]
                out.append(content[i1 + k])
            continue
        for k in range(i1, i2):
            out += before[k]
        for k, j in enumerate(range(j1, j2)):
            line = new[j]
            if tag == "replace" and i1 + k < i2:
                was = content[i1 + k].rstrip("\n")
                comment = was[len(_bare(was)):].strip()
                if comment.startswith("#") and _key(_bare(was)) == _key(_bare(line)):
                    line = line.rstrip("\n") + "  " + comment + "\n"
            out.append(line)
    return out + pending
