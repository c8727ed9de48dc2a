"""Find a campaign repository, pick an organisation and a year, load it with its law.

The law of a repository is the bundled law data amended by the organisation's own
``phap_luat.yaml`` (validated like every other file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from thidua import parallel
from thidua.diagnostics import Diagnostic, Severity
from thidua.errors import DataError, DataProblems
from thidua.layout import ROSTER_FOLDER
from thidua.load import files
from thidua.load.law import bundled_law, with_overlay
from thidua.load.repository import check_files, locate_diagnostics, org_refs, read_org
from thidua.model import entities as m
from thidua.model.law import Law


def find_root(start: Path | None = None) -> Path:
    """The folder holding ``campaigns/``, from ``start`` upwards."""
    found = files.find_repo(start or Path.cwd())
    if found is None:
        raise DataError("không tìm thấy thư mục campaigns/ ở thư mục hiện tại hay các thư mục "
                        "cha", "chạy lệnh trong kho dữ liệu hoặc thêm --repo <thư mục>")
    return found


def pick_org(repo_root: Path, org: str | None) -> Path:
    folders = files.org_folders(repo_root) or []
    if org is not None:
        chosen = [f for f in folders if f.name == org]
        if not chosen:
            names = ", ".join(f.name for f in folders) or "(không có)"
            raise DataError(f"không có tổ chức \"{org}\" trong campaigns/ (có: {names})")
        return chosen[0]
    if len(folders) == 1:
        return folders[0]
    if not folders:
        raise DataError("không có tổ chức nào trong campaigns/")
    # Organisations kept only for their plans (no staff roster) cannot be tallied: when a
    # single one has a roster, it is the one meant.
    staffed = [f for f in folders if (f / ROSTER_FOLDER).is_dir()]
    if len(staffed) == 1:
        return staffed[0]
    names = ", ".join(f.name for f in folders)
    raise DataError(f"kho có nhiều tổ chức ({names})", "chọn một bằng --org")


def year_folders(folder: Path) -> list[int]:
    """The years the organisation has a folder for, in order."""
    return sorted(int(p.name) for p in folder.iterdir()
                  if p.is_dir() and p.name.isascii() and p.name.isdigit()
                  and len(p.name) == 4)


def latest_year(folder: Path) -> int:
    years = year_folders(folder)
    if not years:
        raise DataError("tổ chức chưa có thư mục năm nào")
    return max(years)


def needed_for(year: int) -> Callable[[files.FileRef], bool]:
    """The files a decision for ``year`` reads: the organisation, policy, law and roster,
    everything of that year, and the history (results and decisions) of the years before."""
    def wanted(ref: files.FileRef) -> bool:
        if ref.year is None or ref.year == year:
            return True
        return ref.year < year and ref.kind in ("ket_qua", "khen_thuong")
    return wanted


def law_of(repo: m.Repository) -> tuple[Law, list[Diagnostic]]:
    """The bundled law amended by the repository's own law file."""
    base = bundled_law()
    if repo.law_overlay is None:
        return base, []
    file, data = repo.law_overlay
    law, problems = with_overlay(base, data, file)
    return law, locate_diagnostics(problems)


@dataclass
class Workspace:
    """One organisation of a repository, loaded for a year (or whole), with its law."""

    root: Path
    folder: Path
    repo: m.Repository
    law: Law
    year: int | None


def open_org(root: Path, org: str | None, year: int | None, *, what: str,
             whole: bool = False) -> Workspace:
    """Load the organisation for a year's work (only the files it needs, unless ``whole``);
    data errors stop here, with their diagnostics."""
    folder = pick_org(root, org)
    if year is None and not whole:
        year = latest_year(folder)
    refs = org_refs(folder, needed_for(year) if year and not whole else None)
    # The years before the one decided (most of the files) may be parsed and checked by
    # another process meanwhile: checking a file depends on its bytes alone.
    history = [r for r in refs if year and not whole and r.year is not None and r.year < year]
    if not parallel.worth_splitting("yearly_files", len(history)):
        history = []
    with parallel.collector_paused(), parallel.meanwhile(check_files, None,
                                                         history) as checked:
        loaded = read_org(folder, refs=refs, later=history, checked_later=checked)
    law, law_diags = law_of(loaded.repo)
    errors = [d for d in loaded.diagnostics + law_diags
              if d.severity is Severity.ERROR]
    if errors:
        raise DataProblems(errors, what)
    return Workspace(root, folder, loaded.repo, law, year)
