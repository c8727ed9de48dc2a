"""`thidua validate`: every file of the designated organisations checked in one run — file
format, schema, references, consistency, the policy against the law, the law overlay —
every problem a located diagnostic.

The yearly files of a large repository are checked in two forked workers that inherit the
roster (copy-on-write); only their diagnostics come back.
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from thidua.diagnostics import Diagnostic, make
from thidua.library.repository import law_of
from thidua.load import files
from thidua.load.build import Builder
from thidua.load.repository import (
    BASE_KINDS,
    PARALLEL_MIN_FILES,
    Checked,
    Progress,
    Wanted,
    cycle_gc_paused,
    fork_available,
    kind_order,
    locate,
    missing_org_file,
    org_refs,
    process,
    split_for_workers,
)
from thidua.model import entities
from thidua.model.law import Law
from thidua.rules import consistency, policy


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


# State inherited by forked workers (copy-on-write); never pickled.
_FORKED: tuple[Builder, Law, Mapping[str, Checked] | None] | None = None


def _check_yearly_in_worker(part: tuple[list[files.FileRef], frozenset[str]]
                            ) -> list[Diagnostic]:
    """Worker: build and check the yearly files ``part`` (and those read for context only),
    a year at a time: a year checked is dropped (the worker holds one year, not all)."""
    assert _FORKED is not None
    builder, law, checked = _FORKED
    refs, context = part
    diags: list[Diagnostic] = []
    for _year, of_year in groupby(refs, key=lambda r: r.year or 0):
        before = len(builder.diags)  # (those of the files read before the fork are not ours)
        diags += process(list(of_year), builder, threads=False, checked=checked)
        diags += builder.diags[before:]
        diags += consistency.check_years(builder.repo, law)
        builder.repo.years.clear()
    return [d for d in diags if d.file not in context]


def _check_yearly_in_parallel(builder: Builder, law: Law, yearly: list[files.FileRef],
                              checked: Mapping[str, Checked] | None) -> list[Diagnostic]:
    global _FORKED
    diags: list[Diagnostic] = []
    _FORKED = (builder, law, checked)
    try:
        with multiprocessing.get_context("fork").Pool(processes=2) as pool:
            for part in pool.imap(_check_yearly_in_worker, split_for_workers(yearly)):
                diags += part
    finally:
        _FORKED = None
    return diags + builder.diags


@dataclass(slots=True)
class BaseChecked:
    """An organisation's base files (organisation, policy, law, roster) checked and built:
    the first step of :func:`validate_org`, which a caller may take ahead of time."""

    builder: Builder
    law: Law
    diagnostics: list[Diagnostic]


_ROSTER_SHARE_HERE = 0.6  # of the staff lists, by size, built by this process
# State inherited by the forked reader of the second half of the staff lists.
_FORKED_BASE: Builder | None = None


def _roster_part(refs: list[files.FileRef]
                 ) -> tuple[list[Diagnostic], tuple[list[str], list[str], array[int]],
                            tuple[Any, ...], bool]:
    """Worker: build the staff lists ``refs`` (the organisation is known already)."""
    assert _FORKED_BASE is not None
    builder = _FORKED_BASE
    before = len(builder.diags)  # those of the files read before the fork
    diags = process(refs, builder, threads=False) + builder.diags[before:]
    at = builder.person_at
    declared = (list(builder.person_src), list(builder.person_src.values()),
                array("I", [at[pid] for pid in builder.person_src]))
    people = entities.pack_people(builder.repo.people.values())
    return diags, declared, people, builder.roster_incomplete


def _process_base(refs: list[files.FileRef], builder: Builder, *, threads: bool,
                  progress: Progress | None, total: int) -> list[Diagnostic]:
    """Build the base files; with ``threads`` and many staff lists, the second half of
    them in a forked worker meanwhile (this process would use one core only)."""
    global _FORKED_BASE
    rosters = [r for r in refs if r.kind == "nhan_su"]
    if not threads or len(rosters) < PARALLEL_MIN_FILES or not fork_available():
        return process(refs, builder, threads=threads, progress=progress, total=total)
    head = [r for r in refs if r.kind != "nhan_su"]
    diags = process(head, builder, threads=False)  # the organisation, its policy and law
    # The worker also packs and sends what it built: it takes the smaller part.
    weight = sum(r.size for r in rosters) * _ROSTER_SHARE_HERE
    cut, acc = 0, 0
    while cut < len(rosters) and acc < weight:
        acc += rosters[cut].size
        cut += 1
    _FORKED_BASE = builder
    try:
        with multiprocessing.get_context("fork").Pool(processes=1) as pool:
            later = pool.apply_async(_roster_part, (rosters[cut:],))
            diags += process(rosters[:cut], builder, threads=False)
            part_diags, declared, packed, incomplete = later.get()
            people = {p.id: p for p in entities.unpack_people(packed)}
    finally:
        _FORKED_BASE = None
    diags += part_diags
    builder.add_roster_part(zip(*declared, strict=True), people, incomplete)
    if progress is not None:
        progress(len(refs), total)
    return diags


def check_base(folder: Path, *, threads: bool = True, progress: Progress | None = None,
               total: int = 0, refs: list[files.FileRef] | None = None) -> BaseChecked:
    """``refs``: the files to read (default: every base file of the organisation);
    ``threads``: other cores may be used (they are idle)."""
    refs = [r for r in (org_refs(folder) if refs is None else refs) if r.kind in BASE_KINDS]
    builder = Builder()
    with cycle_gc_paused():
        diags = _process_base(refs, builder, threads=threads, progress=progress, total=total)
        law, law_diags = law_of(builder.repo)
        diags += law_diags
        diags += consistency.check_org(builder.repo, law)
        diags += policy.check(law, builder.repo.policy)
    return BaseChecked(builder, law, diags)


def validate_org(folder: Path, *, progress: Progress | None = None,
                 parallel: bool = True, wanted: Wanted | None = None,
                 overlay: Mapping[Path, bytes] | None = None,
                 base: BaseChecked | None = None,
                 checked: Mapping[str, Checked] | None = None) -> OrgResult:
    """Validate one organisation: its files selected by ``wanted`` (default all), with the
    files of ``overlay`` (path → contents) read as if written, existing or not. The
    returned model lacks the yearly data checked in worker processes (``complete``).
    ``base``: the base files, checked already (by :func:`check_base`; then ``overlay``
    holds yearly files only); ``checked``: files of ``overlay`` (by path) parsed and
    schema-checked already (by :func:`check_file`, from the same contents)."""
    refs = org_refs(folder, wanted)
    if overlay:
        by_path = {str(path): data for path, data in overlay.items()}
        refs = [r._replace(content=by_path.pop(r.path)) if r.path in by_path
                and r.problem is None else r for r in refs]
        shown = files.display_path(folder)
        refs += [files.ref_for(folder, Path(path), shown=shown)._replace(content=data)
                 for path, data in by_path.items()]
        refs.sort(key=kind_order)
    if checked:  # only what is read from the overlay (a link out of the repository is not)
        given = {r.path for r in refs if r.content is not None}
        checked = {p: c for p, c in checked.items() if p in given}
    yearly = [r for r in refs if r.kind not in BASE_KINDS]
    if base is None:
        base = check_base(folder, threads=parallel, progress=progress, total=len(refs),
                          refs=refs)
    builder, law = base.builder, base.law
    complete = True
    diags = list(base.diagnostics)
    with cycle_gc_paused():
        if parallel and len(yearly) >= PARALLEL_MIN_FILES and fork_available():
            diags += _check_yearly_in_parallel(builder, law, yearly, checked)
            complete = False
            if progress is not None:
                progress(len(refs), len(refs))
        else:
            diags += process(yearly, builder, threads=True, progress=progress,
                             done=len(refs) - len(yearly), total=len(refs), checked=checked)
            diags += builder.diags
            diags += consistency.check_years(builder.repo, law)
    diags += missing_org_file(folder, refs)
    diags = locate(diags, {ref.display: ref.path for ref in refs},
                   {ref.display: ref.content for ref in refs if ref.content is not None})
    return OrgResult(folder, builder.repo, diags, len(refs), complete)


def validate(targets: Sequence[Path], *, progress: Progress | None = None,
             parallel: bool = True) -> ValidationResult:
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
            org = validate_org(folder, progress=progress, parallel=parallel)
            result.orgs.append(org)
            result.files += org.files
            result.diagnostics += org.diagnostics
    if only_files and all(t.is_file() for t in targets if t.exists()):
        result.diagnostics = [d for d in result.diagnostics
                              if d.file in only_files or d.code == "TD014"]
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
