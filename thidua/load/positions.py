"""Find line/column for places in a YAML text.

The fast parser gives no node positions, so positions are computed only for files that
have problems, by composing the node tree with PyYAML (imported lazily).
"""

from __future__ import annotations

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
    existing ancestor, which is where the user has to add it.
    """
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
