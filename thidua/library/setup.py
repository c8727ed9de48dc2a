"""Create things: a new campaign repository (`thidua init`; never overwrite a file silently),
a synthetic repository (`thidua sample`), the JSON Schemas of every file kind
(`thidua schema`)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from thidua import io
from thidua.errors import DataError, UsageProblem
from thidua.load.kinds import json_schemas
from thidua.load.law import bundled_law
from thidua.report.diagnostics import JSON_OUTPUT_SCHEMA
from thidua.report.tally import JSON_OUTPUT_SCHEMA as TALLY_OUTPUT_SCHEMA
from thidua.sample import generate
from thidua.scaffold import (
    BadSource,
    InitSpec,
    delegated_parameters,
    install_source,
    repository_files,
)
from thidua.textutil import ID_RE


class Written(NamedTuple):
    path: str
    state: str  # "đã tạo" | "không đổi" | "đã ghi đè" | "giữ nguyên"


def check_spec(spec: InitSpec) -> None:
    if not ID_RE.match(spec.org_id):
        raise UsageProblem(f"mã tổ chức \"{spec.org_id}\" chỉ gồm chữ Latinh không dấu, số, '-'")
    if not spec.units:
        raise UsageProblem("cần ít nhất một đơn vị (--don-vi ma=Tên đơn vị)")
    seen: set[str] = set()
    for uid, name in spec.units:
        if not ID_RE.match(uid) or not name.strip():
            raise UsageProblem(f"đơn vị \"{uid}={name}\" không hợp lệ (dạng: van-phong=Văn phòng)")
        if uid in seen:
            raise UsageProblem(f"mã đơn vị \"{uid}\" bị trùng")
        seen.add(uid)
    unknown = set(spec.reviewers) - seen
    if unknown:
        raise UsageProblem(f"người duyệt cho đơn vị không có: {', '.join(sorted(unknown))}")
    if not 1990 <= spec.year <= 2100:
        raise UsageProblem(f"năm {spec.year} không hợp lệ")
    try:
        install_source(spec.install)
    except BadSource as exc:
        raise UsageProblem(f"--nguon-cai-dat \"{spec.install}\": {exc}") from None


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


def render_schemas() -> dict[str, str]:
    """File name -> JSON text (deterministic)."""
    docs = {f"{name}.schema.json": schema for name, schema in json_schemas().items()}
    docs["validate-output.schema.json"] = JSON_OUTPUT_SCHEMA
    docs["tally-output.schema.json"] = TALLY_OUTPUT_SCHEMA
    return {name: json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            for name, doc in sorted(docs.items())}


def write_schemas(out_dir: Path) -> list[Path]:
    written = []
    for name, text in render_schemas().items():
        path = out_dir / name
        io.write_text_atomic(path, text)
        written.append(path)
    return written


def write_sample(
    target: Path,
    *,
    people: int,
    years: tuple[int, int],
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """A synthetic repository, written atomically into an empty or new folder."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DataError(f"thư mục {target} đã có dữ liệu",
                        "chọn thư mục mới hoặc xóa thư mục cũ trước")
    files = generate(people, years, seed)
    total = 0  # not known in advance: progress shows the count of files written

    def counted() -> Iterator[tuple[str, str]]:
        for n, item in enumerate(files, 1):
            if progress is not None:
                progress(n, total)
            yield item

    return io.write_tree_atomic(target, counted())
