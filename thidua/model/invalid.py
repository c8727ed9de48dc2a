"""The marker that a schema check leaves where a value of a file was invalid.

The value's problem is already a diagnostic; everything after the check treats the marker
as absent: it is falsy, so ``d.get("danh_sach") or ()`` gives an empty sequence.
"""

from __future__ import annotations

from typing import Any


class _Invalid:
    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()
