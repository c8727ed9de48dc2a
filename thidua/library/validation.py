"""`thidua validate`: every file of the designated organisations checked in one run — file
format, schema, references, consistency, the policy against the law, the law overlay —
every problem a located diagnostic.

The yearly files are checked a year at a time (a year checked is dropped unless the caller
keeps the model). In a large repository they are split in two groups that
:mod:`thidua.parallel` may check in two processes; the groups are checked by the same function
either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from thidua import parallel
from thidua.diagnostics import Diagnostic, make
from thidua.library.repository import law_of
from thidua.load import files
from thidua.load.build import Builder
from thidua.load.repository import (
    BASE_KINDS,
    Checked,
    Progress,
    Wanted,
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


@dataclass(slots=True)
class ValidationResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    orgs: list[OrgResult] = field(default_factory=list)


# What the yearly checks need: the builder holding the base files, the law, the files
# parsed and checked ahead (by path), and whether the years are kept in the model.
_YearState = tuple[Builder, Law, Mapping[str, Checked] | None, bool]
# Yearly files in the order they are checked, and those read only for what they tell the
# others (by display path: their own problems are another group's to report).
_Group = tuple[list[files.FileRef], frozenset[str]]


def check_years(state: _YearState, group: _Group) -> list[Diagnostic]:
    """Build and check the yearly files of ``group``, a year at a time: a year checked is
    dropped from the model unless kept (then it is put back at the end)."""
    builder, law, checked, keep = state
    refs, context = group
    diags: list[Diagnostic] = []
    kept: dict[int, entities.Year] = {}
    for _year, of_year in groupby(refs, key=lambda r: r.year or 0):
        before = len(builder.diags)  # (those of the files read earlier are not ours)
        diags += process(list(of_year), builder, checked=checked)
        diags += builder.diags[before:]
        diags += consistency.check_years(builder.repo, law)
        if keep:
            kept.update(builder.repo.years)
        builder.repo.years.clear()
    builder.repo.years.update(kept)
    return [d for d in diags if d.file not in context]


def year_groups(yearly: list[files.FileRef], *, may_split: bool = True) -> list[_Group]:
    """The yearly files as groups to check: two of about equal size when the repository is
    large enough to check them in two processes (and ``may_split``), else one."""
    if may_split and parallel.worth_splitting("yearly_files", len(yearly)):
        return split_for_workers(yearly)
    return [(sorted(yearly, key=lambda r: (r.year or 0, kind_order(r))), frozenset())]


@dataclass(slots=True)
class BaseChecked:
    """An organisation's base files (organisation, policy, law, roster) checked and built:
    the first step of :func:`validate_org`, which a caller may take ahead of time."""

    builder: Builder
    law: Law
    diagnostics: list[Diagnostic]


def check_base(folder: Path, *, progress: Progress | None = None, total: int = 0,
               refs: list[files.FileRef] | None = None) -> BaseChecked:
    """``refs``: the files to read (default: every base file of the organisation)."""
    refs = [r for r in (org_refs(folder) if refs is None else refs) if r.kind in BASE_KINDS]
    builder = Builder()
    with parallel.collector_paused():
        diags = process(refs, builder, progress=progress, total=total)
        diags += builder.diags
        law, law_diags = law_of(builder.repo)
        diags += law_diags
        diags += consistency.check_org(builder.repo, law)
        diags += policy.check(law, builder.repo.policy)
    return BaseChecked(builder, law, diags)


def validate_org(folder: Path, *, progress: Progress | None = None,
                 keep_years: bool = False, wanted: Wanted | None = None,
                 overlay: Mapping[Path, bytes] | None = None,
                 base: BaseChecked | None = None,
                 checked: Mapping[str, Checked] | None = None) -> OrgResult:
    """Validate one organisation: its files selected by ``wanted`` (default all), with the
    files of ``overlay`` (path → contents) read as if written, existing or not. The
    returned model holds the yearly data only with ``keep_years``.
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
        base = check_base(folder, progress=progress, total=len(refs), refs=refs)
    builder, law = base.builder, base.law
    diags = list(base.diagnostics)
    with parallel.collector_paused():
        groups = year_groups(yearly, may_split=not keep_years)  # (kept years: one model)
        for part in parallel.map_parts(check_years, (builder, law, checked, keep_years),
                                       groups):
            diags += part
    if progress is not None:
        progress(len(refs), len(refs))
    diags += missing_org_file(folder, refs)
    diags = locate(diags, {ref.display: ref.path for ref in refs},
                   {ref.display: ref.content for ref in refs if ref.content is not None})
    return OrgResult(folder, builder.repo, diags, len(refs))


def validate(targets: Sequence[Path], *, progress: Progress | None = None,
             keep_years: bool = False) -> ValidationResult:
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
            org = validate_org(folder, progress=progress, keep_years=keep_years)
            result.orgs.append(org)
            result.files += org.files
            result.diagnostics += org.diagnostics
    if only_files and all(t.is_file() for t in targets if t.exists()):
        result.diagnostics = [d for d in result.diagnostics
                              if d.file in only_files or d.code == "TD014"]
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
