"""`thidua validate`: check every file of the designated organisations in one run.

Also home of :func:`load_org`, which other commands use to get the full model.
"""

from __future__ import annotations

import gc
import multiprocessing
import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.diagnostics import Diagnostic, make
from thidua.load import files, positions
from thidua.load.law import bundled_law_text
from thidua.load.parse import MAX_FILE_BYTES, MB, Parsed, parse_bytes
from thidua.model import entities
from thidua.model.build import KIND_ORDER, Builder, Doc, check_document
from thidua.model.law import parse_law
from thidua.rules import consistency, policy

Progress = Callable[[int, int], None]
# Below this many yearly files, forking workers costs more than it saves.
PARALLEL_MIN_FILES = 64


@dataclass(slots=True)
class OrgResult:
    folder: Path
    repo: entities.Repository
    diagnostics: list[Diagnostic]
    files: int
    complete: bool = True  # False when yearly data was checked in worker processes


@dataclass(slots=True)
class ValidationResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    orgs: list[OrgResult] = field(default_factory=list)


def _kind_order(ref: files.FileRef) -> tuple[int, int, str]:
    rank = KIND_ORDER.index(ref.kind) if ref.kind in KIND_ORDER else -1
    return rank, ref.year or 0, ref.path


def _read_and_parse(ref: files.FileRef) -> Parsed | list[Diagnostic]:
    if ref.bad_year_folder is not None:
        return [make("TD207", ref.display, line=1, column=1, name=ref.bad_year_folder)]
    if ref.kind is None:
        return [make("TD010", ref.display, line=1, column=1, expected=files.EXPECTED_PLACES)]
    raw = files.read_bytes(ref.path, MAX_FILE_BYTES)
    if isinstance(raw, OSError):
        return [make("TD011", ref.display, detail=_os_error(raw))]
    if isinstance(raw, int):
        return [make("TD008", ref.display, line=1, column=1, size=f"{raw / MB:.1f}",
                     limit=f"{MAX_FILE_BYTES / MB:.0f}")]
    return parse_bytes(ref.display, raw)


def _os_error(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "tệp không tồn tại (có thể là liên kết hỏng)"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc"
    if isinstance(exc, IsADirectoryError):
        return "đây là thư mục, không phải tệp"
    return f"lỗi hệ thống số {exc.errno}"


def _parse_ahead(
    refs: Sequence[files.FileRef], *, threads: bool, window: int = 8
) -> Iterator[tuple[files.FileRef, Parsed | list[Diagnostic]]]:
    """Parse files in order; with ``threads``, on two worker threads (the YAML parser
    releases the GIL for much of its work), at most ``window`` files ahead."""
    if not threads or len(refs) < 4:
        for ref in refs:
            yield ref, _read_and_parse(ref)
        return
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="thidua-parse") as pool:
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


def _process(refs: Sequence[files.FileRef], builder: Builder, *, threads: bool,
             progress: Progress | None = None, done: int = 0, total: int = 0
             ) -> list[Diagnostic]:
    """Parse, schema-check and add each file to the model; its raw data is then dropped."""
    diags: list[Diagnostic] = []
    for n, (ref, parsed) in enumerate(_parse_ahead(refs, threads=threads), done + 1):
        if isinstance(parsed, list):
            diags += parsed
        elif parsed.ok and ref.kind is not None:
            doc = Doc(ref.kind, ref.display, ref.stem, ref.year, parsed.data)
            cleaned, found = check_document(doc)
            builder.add_document(doc, cleaned)
            diags += parsed.diagnostics
            diags += found
        else:
            diags += parsed.diagnostics
        if progress is not None:
            progress(n, total)
    return diags


_BASE_KINDS = (None, "to_chuc", "chinh_sach", "nhan_su")
# State inherited by forked workers (copy-on-write); never pickled.
_FORKED: Builder | None = None


def _check_yearly_in_worker(refs: list[files.FileRef]) -> list[Diagnostic]:
    builder = _FORKED
    assert builder is not None
    before = len(builder.diags)
    diags = _process(refs, builder, threads=False)
    diags += builder.diags[before:]
    diags += consistency.check_years(builder.repo, parse_law(bundled_law_text()))
    return diags


def _split_for_workers(yearly: list[files.FileRef]) -> list[list[files.FileRef]]:
    """Two groups of about equal size. Files are kept together in buckets so that every
    check sees what it needs: a year's registrations with its plans (deadlines), a year's
    results together (duplicates across units)."""
    buckets: dict[tuple[str, int], list[files.FileRef]] = defaultdict(list)
    for ref in yearly:
        kind = "dang_ky" if ref.kind == "ke_hoach" else str(ref.kind)
        buckets[(kind, ref.year or 0)].append(ref)
    groups: list[list[files.FileRef]] = [[], []]
    sizes = [0, 0]
    for bucket in sorted(buckets.values(), key=lambda b: -sum(r.size for r in b)):
        i = sizes.index(min(sizes))
        groups[i] += bucket
        sizes[i] += sum(r.size for r in bucket)
    return [sorted(g, key=_kind_order) for g in groups]


def _build_apart(refs: list[files.FileRef]) -> tuple[list[Diagnostic], list[tuple[Any, ...]]]:
    """Worker: build yearly files without the roster (no reference checks)."""
    builder = Builder(check_references=False)
    diags = _process(refs, builder, threads=False)
    return diags + builder.diags, [entities.pack_year(y) for y in builder.repo.years.values()]


def _merge_years(repo: entities.Repository, packed: list[tuple[Any, ...]]) -> None:
    for p in packed:
        part = entities.unpack_year(p)
        yr = repo.years.setdefault(part.year, entities.Year(part.year))
        yr.registrations += part.registrations
        yr.person_results.update(part.person_results)
        yr.unit_results.update(part.unit_results)
        yr.awards += part.awards
        yr.plans += part.plans
        yr.meetings += part.meetings


def _check_yearly_in_parallel(builder: Builder, yearly: list[files.FileRef]
                              ) -> list[Diagnostic]:
    """Validate: check the yearly files in two forked workers (they inherit the roster);
    only diagnostics come back, so the repository keeps just the organisation and roster."""
    global _FORKED
    diags: list[Diagnostic] = []
    _FORKED = builder
    try:
        with multiprocessing.get_context("fork").Pool(processes=2) as pool:
            for part in pool.imap(_check_yearly_in_worker, _split_for_workers(yearly)):
                diags += part
    finally:
        _FORKED = None
    return diags + builder.diags


def _fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def load_org(folder: Path, *, progress: Progress | None = None,
             parallel: bool = False,
             wanted: Callable[[files.FileRef], bool] | None = None,
             checks: bool = True,
             apart: Callable[[files.FileRef], bool] | None = None) -> OrgResult:
    """Read, parse, schema-check and build one organisation, collecting every diagnostic.

    With ``parallel`` (used by validate), the yearly files are checked in two forked
    worker processes and the returned repository holds only the organisation and roster.
    ``wanted`` restricts the files read; ``checks=False`` skips the cross-record
    consistency checks (a tally leaves those to validate). Files selected by ``apart``
    (a tally's history years) are built by a forked worker, without reference checks,
    while this process builds the rest; those years come back whole.
    """
    refs = sorted(files.list_org_files(folder), key=_kind_order)
    if wanted is not None:
        refs = [r for r in refs if wanted(r)]
    base = [r for r in refs if r.kind in _BASE_KINDS]
    yearly = [r for r in refs if r.kind not in _BASE_KINDS]
    builder = Builder()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the data is acyclic: the cycle collector would only cost time here
    complete = True
    history_pool = history = None
    separate = [r for r in yearly if apart(r)] if apart is not None else []
    if len(separate) >= PARALLEL_MIN_FILES and _fork_available():
        chosen = set(separate)
        yearly = [r for r in yearly if r not in chosen]
        history_pool = multiprocessing.get_context("fork").Pool(processes=1)
        history = history_pool.apply_async(_build_apart, (separate,))
    threads = history_pool is None  # two busy processes already use both cores
    try:
        diags = _process(base, builder, threads=threads, progress=progress, total=len(refs))
        if checks:
            diags += consistency.check_org(builder.repo)
        law = parse_law(bundled_law_text())
        diags += policy.check(law, builder.repo.policy)
        if parallel and len(yearly) >= PARALLEL_MIN_FILES and _fork_available():
            diags += _check_yearly_in_parallel(builder, yearly)
            complete = False
            if progress is not None:
                progress(len(refs), len(refs))
        else:
            diags += _process(yearly, builder, threads=threads, progress=progress,
                              done=len(base), total=len(refs))
            diags += builder.diags
            if checks:
                diags += consistency.check_years(builder.repo, law)
        if history is not None:
            part_diags, packed = history.get()
            diags += part_diags
            _merge_years(builder.repo, packed)
    finally:
        if history_pool is not None:
            history_pool.terminate()
        if gc_was_enabled:
            gc.enable()
    if not any(ref.kind == "to_chuc" for ref in refs):
        diags.append(make("TD013", files.display_path(folder / files.ORG_FILE)))
    diags = _locate(diags, {ref.display: ref.path for ref in refs})
    return OrgResult(folder, builder.repo, diags, len(refs), complete)


def _locate(diags: list[Diagnostic], by_display: dict[str, str]) -> list[Diagnostic]:
    """Fill in line/column of diagnostics that carry only a data path."""
    pending: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(diags):
        if d.line is None and d.path is not None and d.file in by_display:
            pending[d.file].append(i)
    for file, indexes in pending.items():
        try:
            with open(by_display[file], "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        text = unicodedata.normalize("NFC", raw.decode("utf-8-sig", errors="replace"))
        found = positions.locate(text, {p for i in indexes if (p := diags[i].path)})
        for i in indexes:
            pos = found.get(diags[i].path or ())
            if pos is not None:
                diags[i] = diags[i].located(*pos)
    return diags


def locate_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Fill in line/column, reading the files by the (display) names they carry."""
    return _locate(diags, {d.file: d.file for d in diags})


def validate(
    targets: Sequence[Path],
    *,
    progress: Progress | None = None,
    parallel: bool = True,
) -> ValidationResult:
    """Validate the organisations designated by ``targets``.

    When every target is a single file, the whole organisation is loaded (references
    need it) but only those files' diagnostics are reported.
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
            org = load_org(folder, progress=progress, parallel=parallel)
            result.orgs.append(org)
            result.files += org.files
            result.diagnostics += org.diagnostics
    if only_files and all(t.is_file() for t in targets if t.exists()):
        result.diagnostics = [d for d in result.diagnostics
                              if d.file in only_files or d.code == "TD014"]
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
