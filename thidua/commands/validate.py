"""`thidua validate`: check every file of the designated organisations in one run."""

from __future__ import annotations

import gc
import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from thidua.diagnostics import Diagnostic, make
from thidua.load import files, positions
from thidua.load.parse import MAX_FILE_BYTES, Parsed, parse_bytes
from thidua.model import entities
from thidua.model.build import KIND_ORDER, Builder, Doc, check_document
from thidua.rules import consistency

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class OrgResult:
    folder: Path
    repo: entities.Repository
    diagnostics: list[Diagnostic]
    files: int


@dataclass(slots=True)
class ValidationResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    orgs: list[OrgResult] = field(default_factory=list)


def load_org(folder: Path, *, progress: Progress | None = None) -> OrgResult:
    """Read, parse, schema-check and build one organisation; collect all diagnostics."""
    refs = sorted(files.list_org_files(folder), key=_kind_order)
    diags: list[Diagnostic] = []
    builder = Builder()
    by_display: dict[str, Path] = {}
    # Stream: each file is parsed, checked and added to the model, then its data dropped.
    # The data is acyclic, so the cycle collector only costs time while loading.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for n, (ref, parsed) in enumerate(_parse_ahead(refs), 1):
            by_display[ref.display] = ref.path
            diags += _add_one(ref, parsed, builder)
            if progress is not None:
                progress(n, len(refs))
    finally:
        if gc_was_enabled:
            gc.enable()
    if not any(ref.kind == "to_chuc" for ref in refs):
        diags.append(make("TD013", files.display_path(folder / files.ORG_FILE)))
    repo = builder.repo
    diags += builder.diags
    diags += consistency.check(repo)
    diags = _locate(diags, by_display)
    return OrgResult(folder, repo, diags, len(refs))


def _kind_order(ref: files.FileRef) -> tuple[int, int, str]:
    rank = KIND_ORDER.index(ref.kind) if ref.kind in KIND_ORDER else len(KIND_ORDER)
    return rank, ref.year or 0, str(ref.path)


def _read_and_parse(ref: files.FileRef) -> Parsed | list[Diagnostic]:
    if ref.bad_year_folder is not None:
        return [make("TD207", ref.display, line=1, column=1, name=ref.bad_year_folder)]
    if ref.kind is None:
        return [make("TD010", ref.display, line=1, column=1, expected=files.EXPECTED_PLACES)]
    raw = files.read_bytes(ref.path, MAX_FILE_BYTES)
    if isinstance(raw, OSError):
        return [make("TD011", ref.display, detail=raw.strerror or str(raw))]
    if isinstance(raw, int):
        return [make("TD008", ref.display, line=1, column=1, size=f"{raw / 1e6:.1f}",
                     limit=f"{MAX_FILE_BYTES / 1e6:.0f}")]
    return parse_bytes(ref.display, raw)


def _parse_ahead(
    refs: list[files.FileRef], *, workers: int = 2, window: int = 8
) -> Iterator[tuple[files.FileRef, Parsed | list[Diagnostic]]]:
    """Parse files on worker threads (the YAML parser releases the GIL for much of its
    work), in order, at most ``window`` files ahead so memory stays bounded."""
    if len(refs) < 4:
        for ref in refs:
            yield ref, _read_and_parse(ref)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thidua-parse") as pool:
        pending: deque[tuple[files.FileRef, Future[Parsed | list[Diagnostic]]]] = deque()
        it = iter(refs)
        for ref in it:
            pending.append((ref, pool.submit(_read_and_parse, ref)))
            if len(pending) >= window:
                break
        while pending:
            ref, fut = pending.popleft()
            nxt = next(it, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_read_and_parse, nxt)))
            yield ref, fut.result()


def _add_one(ref: files.FileRef, parsed: Parsed | list[Diagnostic],
             builder: Builder) -> list[Diagnostic]:
    if isinstance(parsed, list):
        return parsed
    if not parsed.ok or ref.kind is None:
        return parsed.diagnostics
    doc = Doc(ref.kind, ref.display, ref.stem, ref.year, parsed.data)
    cleaned, diags = check_document(doc)
    builder.add_document(doc, cleaned)
    return parsed.diagnostics + diags


def _locate(diags: list[Diagnostic], by_display: dict[str, Path]) -> list[Diagnostic]:
    """Fill in line/column of diagnostics that carry only a data path."""
    pending: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(diags):
        if d.line is None and d.path is not None and d.file in by_display:
            pending[d.file].append(i)
    for file, indexes in pending.items():
        try:
            raw = by_display[file].read_bytes()
        except OSError:
            continue
        text = unicodedata.normalize("NFC", raw.decode("utf-8-sig", errors="replace"))
        found = positions.locate(text, {diags[i].path for i in indexes if diags[i].path})
        for i in indexes:
            pos = found.get(diags[i].path or ())
            if pos is not None:
                diags[i] = diags[i].located(*pos)
    return diags


def validate(
    targets: Sequence[Path],
    *,
    progress: Progress | None = None,
) -> ValidationResult:
    """Validate the organisations designated by ``targets``.

    When a target is a single file, the whole organisation is loaded (references need it)
    but only that file's diagnostics are reported.
    """
    result = ValidationResult()
    seen: set[Path] = set()
    only_files: set[str] = set()
    for target in targets:
        folders = files.org_folders(target) if target.exists() else None
        if not folders:
            result.diagnostics.append(make("TD014", files.display_path(target)))
            continue
        if target.is_file():
            only_files.add(files.display_path(target))
        for folder in folders:
            if folder in seen:
                continue
            seen.add(folder)
            org = load_org(folder, progress=progress)
            result.orgs.append(org)
            result.files += org.files
            result.diagnostics += org.diagnostics
    if only_files and all(t.is_file() for t in targets if t.exists()):
        result.diagnostics = [d for d in result.diagnostics
                              if d.file in only_files or d.code == "TD014"]
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
