"""Three-way merge of a unit's file: what a form was made from (the base), what the file
holds now (theirs: it may have changed since), and what the filled form says (mine).

A value the form left as it was keeps the newer value; a value changed on the form only is
taken; a value changed on both sides to the same thing is no conflict; a value changed on
both sides differently is a :class:`Conflict` at its data path (in the form's document), and
the file keeps the newer value. Records of a list that carry a code (``ma``: a person) are
matched by that code, so a record added or removed on one side is merged, not misaligned.
"""

from __future__ import annotations

from typing import Any, NamedTuple

ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "<không có>"})()


Path = tuple[str | int, ...]


class Conflict(NamedTuple):
    path: Path  # in the form's document (mine)
    theirs: Any  # the newer value in the file (ABSENT: removed)
    mine: Any  # the value on the form (ABSENT: removed)
    in_file: Path = ()  # where the newer value is in the file


def merge3(base: Any, theirs: Any, mine: Any, path: Path = (), in_file: Path = ()
           ) -> tuple[Any, list[Conflict]]:
    """The merged value and the conflicts (see the module's notes)."""
    if mine == base:
        return theirs, []
    if theirs == base or mine == theirs:
        return mine, []
    if isinstance(base, dict) and isinstance(theirs, dict) and isinstance(mine, dict):
        return _merge_maps(base, theirs, mine, path, in_file)
    keyed = _by_code(base), _by_code(theirs), _by_code(mine)
    if all(k is not None for k in keyed):
        return _merge_records(keyed, mine, path, in_file)  # type: ignore[arg-type]
    return theirs, [Conflict(path, theirs, mine, in_file)]


def _merge_maps(base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any],
                path: Path, in_file: Path) -> tuple[Any, list[Conflict]]:
    out: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        value, found = merge3(base.get(key, ABSENT), theirs.get(key, ABSENT),
                              mine.get(key, ABSENT), (*path, key), (*in_file, key))
        if value is not ABSENT:
            out[key] = value
        conflicts += found
    return out, conflicts


def _by_code(value: Any) -> dict[str, tuple[int, dict[str, Any]]] | None:
    """A list of records with distinct codes, by code (with each one's position)."""
    if value is ABSENT:
        return {}
    if not isinstance(value, list):
        return None
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, rec in enumerate(value):
        if not isinstance(rec, dict) or not isinstance(rec.get("ma"), str) or rec["ma"] in out:
            return None
        out[rec["ma"]] = (i, rec)
    return out


def _merge_records(keyed: tuple[dict[str, tuple[int, dict[str, Any]]], ...], mine_list: Any,
                   path: Path, in_file: Path) -> tuple[Any, list[Conflict]]:
    base, theirs, mine = keyed
    out: list[Any] = []
    conflicts: list[Conflict] = []
    order = [*theirs, *(code for code in mine if code not in theirs)]
    for code in order:
        at = mine[code][0] if code in mine else len(mine_list if mine_list is not ABSENT else ())
        there = theirs[code][0] if code in theirs else len(theirs)
        value, found = merge3(base[code][1] if code in base else ABSENT,
                              theirs[code][1] if code in theirs else ABSENT,
                              mine[code][1] if code in mine else ABSENT, (*path, at),
                              (*in_file, there))
        if value is not ABSENT:
            out.append(value)
        conflicts += found
    return out, conflicts
