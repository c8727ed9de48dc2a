"""Find line/column for places in a YAML text.

The fast parser gives no node positions, so positions are computed only for files that
have problems, by composing the node tree with PyYAML (imported lazily).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from thidua.diagnostics import DataPath

Position = tuple[int, int]


def _compose(text: str) -> Any:
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader_cls)
    except yaml.YAMLError:
        return None


def _key_node(mapping: Any, key: str) -> tuple[Any, Any] | None:
    for k, v in mapping.value:
        if getattr(k, "value", None) == key:
            return k, v
    return None


def locate(text: str, paths: Iterable[DataPath]) -> dict[DataPath, Position]:
    """Map each data path to the (line, column) of its key, item or value (1-based).

    A path that does not fully exist (e.g. a missing field) resolves to its deepest
    existing ancestor, which is where the user has to add it. Block-style YAML (what people
    write) is read line by line, touching only the lines on the way to each path, so a
    problem in a 10 MB file costs a fraction of parsing it; anything unusual on the way
    (flow collections, anchors, tags, complex keys) falls back to composing the node tree.
    """
    wanted = list(paths)
    result: dict[DataPath, Position] = {}
    scanner = _Scanner(text)
    slow: list[DataPath] = []
    for path in wanted:
        pos = scanner.locate(path)
        if pos is None:
            slow.append(path)
        else:
            result[path] = pos
    if slow:
        result.update(_locate_composed(text, slow))
    return result


def _locate_composed(text: str, paths: Iterable[DataPath]) -> dict[DataPath, Position]:
    root = _compose(text)
    result: dict[DataPath, Position] = {}
    if root is None:
        return result
    for path in paths:
        node, mark_node = root, root
        for part in path:
            kind = getattr(node, "id", None)
            if kind == "mapping" and isinstance(part, str):
                pair = _key_node(node, part)
                if pair is None:
                    break
                mark_node, node = pair
            elif kind == "sequence" and isinstance(part, int) and 0 <= part < len(node.value):
                node = mark_node = node.value[part]
            else:
                break
        mark = mark_node.start_mark
        result[path] = (mark.line + 1, mark.column + 1)
    return result


_KEY = re.compile(
    r"""(?:"((?:[^"\\]|\\.)*)"          # a double-quoted key
       |'((?:[^']|'')*)'               # a single-quoted key
       |((?:[^\s#'"\[\]{},&*!|>%@`?:-]|[-?:](?=\S))   # a plain key: its first character,
         (?:[^\s:]|:(?![ \t]|$)|[ \t]+(?=[^\s#]))*)   # then no ": " and no " #"
       )[ \t]*:(?=[ \t]|$)""", re.X)
_UNUSUAL = frozenset("[{&*!|>?%@`")


def _unescape(quoted: str) -> str:
    """The text of a double-quoted key (YAML's escapes are JSON's, plus a few rare ones)."""
    if "\\" not in quoted:
        return quoted
    import json

    try:
        return str(json.loads(f"\"{quoted}\""))
    except ValueError:
        raise _Fallback from None


class _Fallback(Exception):
    """The text takes a shape the line scanner does not follow; compose instead."""


class _Scanner:
    """Follows data paths through block-style YAML by indentation."""

    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").split("\n")
        self.root: tuple[int, int] | None = None
        # Where each sequence's items start, found once per sequence (locating n problems in
        # one list is then linear, not quadratic).
        self._starts: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for i, line in enumerate(self.lines):
            s = line.lstrip(" ")
            if not s or s.startswith("#") or s.startswith("---") or s.startswith("%"):
                continue
            self.root = (i, len(line) - len(s))
            break

    def locate(self, path: DataPath) -> Position | None:
        if self.root is None:
            return None
        try:
            node = self.root
            mark = node
            for part in path:
                kind = self._kind(node)
                if kind == "mapping" and isinstance(part, str):
                    found = self._key(node, part)
                    if found is None:
                        break
                    mark, value = found
                    if value is None:
                        node = mark
                        # the key exists but holds nothing: deeper parts stop here
                        if part is not path[-1]:
                            break
                        continue
                    node = value
                elif kind == "sequence" and isinstance(part, int) and part >= 0:
                    item = self._item(node, part)
                    if item is None:
                        break
                    node = mark = item
                else:
                    break
            return mark[0] + 1, mark[1] + 1
        except _Fallback:
            return None

    # -- structure ------------------------------------------------------------------------
    def _kind(self, node: tuple[int, int]) -> str:
        line = self.lines[node[0]]
        rest = line[node[1]:]
        if rest[:1] in _UNUSUAL:
            raise _Fallback
        if rest == "-" or rest.startswith("- ") or rest.startswith("-\t"):
            return "sequence"
        m = _KEY.match(line, node[1])
        return "mapping" if m else "scalar"

    def _next_content(self, start: int) -> tuple[int, int] | None:
        for j in range(start, len(self.lines)):
            line = self.lines[j]
            s = line.lstrip(" ")
            if not s or s.startswith("#"):
                continue
            if s.startswith("---") or s.startswith("..."):
                return None
            return j, len(line) - len(s)
        return None

    def _value_after(self, i: int, col: int, end: int) -> tuple[int, int] | None:
        """The node after a key (ending at ``end`` on line ``i``, the key at ``col``)."""
        line = self.lines[i]
        rest = line[end:]
        stripped = rest.lstrip(" \t")
        if stripped and not stripped.startswith("#"):
            return i, len(line) - len(stripped)  # (descending into it checks its shape)
        nxt = self._next_content(i + 1)
        if nxt is None:
            return None
        j, ind = nxt
        text = self.lines[j][ind:]
        if ind > col or (ind == col and (text == "-" or text.startswith("- "))):
            return j, ind
        return None

    def _key(self, node: tuple[int, int], key: str
             ) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        li, col = node
        for i in range(li, len(self.lines)):
            line = self.lines[i]
            if i == li:
                at = col
            else:
                s = line.lstrip(" ")
                if not s or s.startswith("#"):
                    continue
                at = len(line) - len(s)
                if at < col:
                    return None
                if at > col:
                    continue
                if s.startswith("---") or s.startswith("..."):
                    return None
            if line.startswith("-", at) and (len(line) == at + 1 or line[at + 1] in " \t"):
                continue  # a sequence written at the key's indentation, under a key above
            m = _KEY.match(line, at)
            if m is None:
                if line[at:at + 1] in _UNUSUAL:
                    raise _Fallback
                return None
            if m.group(1) is not None:
                name = _unescape(m.group(1))
            elif m.group(2) is not None:
                name = m.group(2).replace("''", "'")
            else:
                name = m.group(3)
            if name == key:
                return (i, at), self._value_after(i, at, m.end())
        return None

    def _item(self, node: tuple[int, int], index: int) -> tuple[int, int] | None:
        starts = self._starts.get(node)
        if starts is None:
            starts = self._starts[node] = self._item_starts(node)
        if index >= len(starts):
            return None
        i, at = starts[index]
        line = self.lines[i]
        stripped = line[at + 1:].lstrip(" \t")
        if stripped and not stripped.startswith("#"):
            return i, len(line) - len(stripped)
        nxt = self._next_content(i + 1)
        if nxt is None or nxt[1] <= node[1]:
            raise _Fallback  # an empty item (null): let the parser say where
        return nxt

    def _item_starts(self, node: tuple[int, int]) -> list[tuple[int, int]]:
        """The line and column of each "-" of the sequence at ``node``, in order."""
        li, col = node
        out: list[tuple[int, int]] = []
        for i in range(li, len(self.lines)):
            line = self.lines[i]
            if i == li:
                at = col
            else:
                s = line.lstrip(" ")
                if not s or s.startswith("#"):
                    continue
                at = len(line) - len(s)
                if at < col:
                    break
                if at > col:
                    continue
            if not (line.startswith("-", at) and (len(line) == at + 1 or line[at + 1] in " \t")):
                break
            out.append((i, at))
        return out


def find_duplicate_key(text: str) -> Position | None:
    """Position of the second occurrence of a duplicated mapping key."""
    root = _compose(text)
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        kind = getattr(node, "id", None)
        if kind == "mapping":
            seen: set[Any] = set()
            for k, v in node.value:
                key = getattr(k, "value", None)
                if isinstance(key, str):
                    if key in seen:
                        return k.start_mark.line + 1, k.start_mark.column + 1
                    seen.add(key)
                stack.append(v)
        elif kind == "sequence":
            stack.extend(node.value)
    return None
