"""`thidua init`: create a campaign repository; never overwrite a file silently."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from thidua import io
from thidua.commands.schema import render_schemas
from thidua.commands.tally import bundled_law
from thidua.scaffold import InitSpec, delegated_parameters, repository_files
from thidua.textutil import ID_RE


class InitError(Exception):
    """Answers that cannot make a repository (message in Vietnamese)."""


class Written(NamedTuple):
    path: str
    state: str  # "đã tạo" | "không đổi" | "đã ghi đè" | "giữ nguyên"


def check_spec(spec: InitSpec) -> None:
    if not ID_RE.match(spec.org_id):
        raise InitError(f"mã tổ chức \"{spec.org_id}\" chỉ gồm chữ Latinh không dấu, số, '-'")
    if not spec.units:
        raise InitError("cần ít nhất một đơn vị (--don-vi ma=Tên đơn vị)")
    seen: set[str] = set()
    for uid, name in spec.units:
        if not ID_RE.match(uid) or not name.strip():
            raise InitError(f"đơn vị \"{uid}={name}\" không hợp lệ (dạng: van-phong=Văn phòng)")
        if uid in seen:
            raise InitError(f"mã đơn vị \"{uid}\" bị trùng")
        seen.add(uid)
    unknown = set(spec.reviewers) - seen
    if unknown:
        raise InitError(f"người duyệt cho đơn vị không có: {', '.join(sorted(unknown))}")
    if not 1990 <= spec.year <= 2100:
        raise InitError(f"năm {spec.year} không hợp lệ")


def init_repository(target: Path, spec: InitSpec, *, overwrite: bool = False) -> list[Written]:
    check_spec(spec)
    files = repository_files(spec, delegated_parameters(bundled_law().params))
    files.update({f"schema/{name}": text for name, text in render_schemas().items()})
    out = []
    for rel, text in sorted(files.items()):
        path = target / rel
        if path.exists():
            current = path.read_text(encoding="utf-8", errors="replace")
            if current == text:
                out.append(Written(rel, "không đổi"))
                continue
            if not overwrite:
                out.append(Written(rel, "giữ nguyên"))
                continue
            state = "đã ghi đè"
        else:
            state = "đã tạo"
        io.write_text_atomic(path, text)
        if rel.endswith(".sh"):
            os.chmod(path, 0o755)
        out.append(Written(rel, state))
    return out
