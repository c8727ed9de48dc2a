"""The content hash that identifies a rendered document (stored in its core properties)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any


def _plain(value: Any) -> Any:
    return value.__dict__ if hasattr(value, "__dict__") else list(value)


class Digestible:
    """Mixin for the frozen dataclasses holding a document's words."""

    def digest(self) -> str:
        payload = json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True, default=_plain)
        return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def properties(title: str, digest: str, commit: str, keywords: str,
               created: datetime) -> dict[str, Any]:
    """The .docx core properties of a rendered document: its provenance, fixed dates."""
    return {"title": title, "author": "thidua", "last_modified_by": "thidua",
            "identifier": digest, "version": commit, "keywords": keywords,
            "created": created, "modified": created, "revision": 1}
