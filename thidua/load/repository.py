"""Read one organisation's files into the typed model, collecting every diagnostic.

Files are read (bounded, never through a link out of the repository), parsed strictly,
schema-checked and added to the model one by one (their raw data is dropped at once). Rule
checks are not made here (see :mod:`thidua.library.validation`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.diagnostics import Diagnostic, make
from thidua.load import files, positions
from thidua.load.build import KIND_ORDER, Builder, Doc, check_document
from thidua.load.files import FileRef
from thidua.load.parse import MAX_FILE_BYTES, MB, Parsed, parse_bytes
from thidua.model import entities

Progress = Callable[[int, int], None]
Wanted = Callable[[files.FileRef], bool]
BASE_KINDS = (None, "to_chuc", "chinh_sach", "phap_luat", "nhan_su")


@dataclass(slots=True)
class LoadedOrg:
    folder: Path
    repo: entities.Repository
    diagnostics: list[Diagnostic]
    files: int
    refs: list[FileRef]
    kept: dict[str, Any] = field(default_factory=dict)  # path → parsed data (``keep``)


def kind_order(ref: files.FileRef) -> tuple[int, int, str]:
    rank = KIND_ORDER.index(ref.kind) if ref.kind in KIND_ORDER else -1
    return rank, ref.year or 0, ref.path


def read_and_parse(ref: files.FileRef) -> Parsed | list[Diagnostic]:
    if ref.problem is not None:
        return [make("TD011", ref.display, line=1, column=1, detail=ref.problem)]
    if ref.bad_year_folder is not None:
        return [make("TD207", ref.display, line=1, column=1, name=ref.bad_year_folder)]
    if ref.kind is None:
        return [make("TD010", ref.display, line=1, column=1, expected=files.EXPECTED_PLACES)]
    raw = files.read_bytes(ref.path, MAX_FILE_BYTES) if ref.content is None else ref.content
    if isinstance(raw, bytes) and len(raw) > MAX_FILE_BYTES:
        raw = len(raw)
    if isinstance(raw, OSError):
        return [make("TD011", ref.display, line=1, column=1, detail=files.os_error(raw))]
    if isinstance(raw, int):
        return [make("TD008", ref.display, line=1, column=1, size=f"{raw / MB:.1f}",
                     limit=f"{MAX_FILE_BYTES / MB:.0f}")]
    return parse_bytes(ref.display, raw)


@dataclass(slots=True)
class Checked:
    """A file parsed and schema-checked, ready to be added to a model (``doc`` None: it
    could not be read; ``diagnostics``: its problems so far)."""

    doc: Doc | None
    cleaned: Any
    diagnostics: list[Diagnostic]


def _checked(ref: files.FileRef, parsed: Parsed | list[Diagnostic]) -> Checked:
    if isinstance(parsed, list):
        return Checked(None, None, parsed)
    if not parsed.ok or ref.kind is None:
        return Checked(None, None, parsed.diagnostics)
    doc = Doc(ref.kind, ref.display, ref.stem, ref.year, parsed.data)
    cleaned, found = check_document(doc)
    return Checked(doc, cleaned, parsed.diagnostics + found)


def check_file(ref: files.FileRef) -> Checked:
    """Read (or take ``ref.content``), parse and schema-check one file: what does not
    need the rest of the repository, so a caller may do it ahead (see ``process``)."""
    return _checked(ref, read_and_parse(ref))


def process(refs: Sequence[files.FileRef], builder: Builder, *,
            progress: Progress | None = None, done: int = 0, total: int = 0,
            keep: Wanted | None = None, kept: dict[str, Any] | None = None,
            checked: Mapping[str, Checked] | None = None) -> list[Diagnostic]:
    """Parse, schema-check and add each file to the model; its raw data is then dropped,
    except for the files selected by ``keep``, whose parsed data goes into ``kept`` (by
    path) for a caller that needs the documents as written. ``checked``: files (by path)
    parsed and checked ahead by :func:`check_file`, only added here."""
    ahead = checked or {}
    diags: list[Diagnostic] = []
    for n, ref in enumerate(refs, done + 1):
        got = ahead.get(ref.path)
        if got is None:
            parsed = read_and_parse(ref)
            if keep is not None and kept is not None and keep(ref) \
                    and not isinstance(parsed, list) and parsed.ok:
                kept[ref.path] = parsed.data
            got = _checked(ref, parsed)
        if got.doc is None:
            builder.failed(ref)
        else:
            builder.add_document(got.doc, got.cleaned)
        diags += got.diagnostics
        if progress is not None:
            progress(n, total)
    return diags


# Files whose checks need those of another kind of the same year: a year's registrations
# are checked against its plans (deadlines, subjects), its council's choices against its
# results (whom it keeps was proposed).
_CHECKED_WITH = {"ke_hoach": "dang_ky", "hoi_dong": "ket_qua"}


def split_for_workers(yearly: list[files.FileRef]
                      ) -> list[tuple[list[files.FileRef], frozenset[str]]]:
    """Two groups of about equal size, each with the files it reads only for what they
    tell the others (by display path: their own problems are the other group's to report).

    Files are kept together in buckets so that every check sees what it needs: a year's
    registrations with its plans, a year's results together (duplicates across units) with
    its council meetings. A group holding a year's results but not its plans reads the plans
    too: a proposal may name a plan or a phase. Each group is in the order a worker checks it:
    a year at a time, each year's files in :data:`KIND_ORDER`."""
    buckets: dict[tuple[str, int], list[files.FileRef]] = defaultdict(list)
    for ref in yearly:
        kind = _CHECKED_WITH.get(str(ref.kind), str(ref.kind))
        buckets[(kind, ref.year or 0)].append(ref)
    groups: list[list[files.FileRef]] = [[], []]
    held: list[set[tuple[str, int]]] = [set(), set()]
    sizes = [0, 0]
    for key, bucket in sorted(buckets.items(), key=lambda kb: -sum(r.size for r in kb[1])):
        i = sizes.index(min(sizes))
        groups[i] += bucket
        held[i].add(key)
        sizes[i] += sum(r.size for r in bucket)
    out = []
    for refs, keys in zip(groups, held, strict=True):
        context = [r for kind, year in sorted(keys)
                   if kind == "ket_qua" and ("dang_ky", year) not in keys
                   for r in buckets.get(("dang_ky", year), ()) if r.kind == "ke_hoach"]
        out.append((sorted(refs + context, key=lambda r: (r.year or 0, kind_order(r))),
                    frozenset(r.display for r in context)))
    return out


def org_refs(folder: Path, wanted: Wanted | None = None) -> list[files.FileRef]:
    refs = sorted(files.list_org_files(folder), key=kind_order)
    return [r for r in refs if wanted(r)] if wanted is not None else refs


def check_files(_state: None, refs: Sequence[files.FileRef]) -> dict[str, Checked]:
    """:func:`check_file` for each of ``refs``, by path."""
    return {ref.path: check_file(ref) for ref in refs}


def read_org(folder: Path, *, progress: Progress | None = None, wanted: Wanted | None = None,
             keep: Wanted | None = None, refs: list[files.FileRef] | None = None,
             later: Sequence[files.FileRef] = (),
             checked_later: Callable[[], Mapping[str, Checked]] | None = None) -> LoadedOrg:
    """Read, parse, schema-check and build one organisation, collecting every diagnostic.

    ``wanted`` restricts the files read (or ``refs``: those files, from :func:`org_refs`).
    The parsed data of the files selected by ``keep`` is returned as ``kept``. The files
    ``later`` are added after all others, as :func:`check_files` found them when
    ``checked_later`` gives that (it may have been computed meanwhile, elsewhere).
    """
    refs = org_refs(folder, wanted) if refs is None else refs
    builder = Builder()
    kept: dict[str, Any] = {}
    held = {r.path for r in later}
    diags = process([r for r in refs if r.path not in held], builder, progress=progress,
                    total=len(refs), keep=keep, kept=kept)
    if later:
        diags += process(later, builder, checked=checked_later() if checked_later else None,
                         done=len(refs) - len(later), total=len(refs))
    diags += builder.diags
    diags += missing_org_file(folder, refs)
    diags = locate(diags, {ref.display: ref.path for ref in refs})
    return LoadedOrg(folder, builder.repo, diags, len(refs), refs, kept=kept)


def missing_org_file(folder: Path, refs: list[files.FileRef]) -> list[Diagnostic]:
    if any(ref.kind == "to_chuc" for ref in refs):
        return []
    return [make("TD013", files.display_path(folder / files.ORG_FILE))]


def locate(diags: list[Diagnostic], by_display: dict[str, str],
           contents: dict[str, bytes] | None = None) -> list[Diagnostic]:
    """Fill in line/column of diagnostics that carry only a data path (``contents``: the
    text of a file by its display name, when it is not the file on disk)."""
    pending: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(diags):
        if d.line is None and d.path is not None and d.file in by_display:
            pending[d.file].append(i)
    for file, indexes in pending.items():
        given = (contents or {}).get(file)
        text = _text_of(by_display[file]) if given is None else _decoded(given)
        if text is None:
            continue
        found = positions.locate(text, {p for i in indexes if (p := diags[i].path)})
        for i in indexes:
            pos = found.get(diags[i].path or ())
            diags[i] = diags[i].located(*(pos or (1, 1)))
    return diags


def _text_of(path: str) -> str | None:
    raw = files.read_bytes(path, MAX_FILE_BYTES)
    if not isinstance(raw, bytes):
        return None
    return _decoded(raw)


def _decoded(raw: bytes) -> str:
    return unicodedata.normalize("NFC", raw.decode("utf-8-sig", errors="replace"))


def locate_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Fill in line/column, reading the files by the (display) names they carry."""
    return locate(diags, {d.file: d.file for d in diags})


def locate_sources(srcs: list[entities.Src]) -> dict[entities.Src, str]:
    """file:line for each source record (re-reading only the files involved)."""
    out: dict[entities.Src, str] = {}
    by_file: dict[str, set[tuple[str | int, ...]]] = {}
    for s in srcs:
        by_file.setdefault(s.file, set()).add(s.path)
    for file, paths in by_file.items():
        text = _text_of(file)
        if text is None:
            continue
        for path, (line, _col) in positions.locate(text, paths).items():
            out[entities.Src(file, path)] = f"{file}:{line}"
    return out
