"""`thidua diff BASE [HEAD]`: what a change between two versions of the data means.

Each version's ``campaigns/`` is extracted from git into a temporary folder (never through a
link, never outside it) and loaded like any repository; the year is decided on both sides
with the same decision date.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

from thidua.decide.year import YearDecision, decide_year
from thidua.diagnostics import Severity
from thidua.errors import DataError
from thidua.library.repository import latest_year, law_of
from thidua.load import files
from thidua.load.repository import read_org
from thidua.model.entities import Repository
from thidua.report.diff import DiffReport, compare

MAX_ARCHIVE = 512 * 1024 * 1024


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False,
                              timeout=120)
    except FileNotFoundError:
        raise DataError("không tìm thấy lệnh git") from None
    except subprocess.TimeoutExpired:
        raise DataError(f"git {args[0]} chạy quá lâu") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DataError(f"git {args[0]}: {detail[-1] if detail else 'lỗi'}")
    return done.stdout


def materialise(root: Path, rev: str, into: Path) -> Path:
    """Extract the campaigns/ folder of ``rev`` into ``into``; returns the repository root.
    Links and special files in the commit are left out (reported by validate there)."""
    if rev.startswith("-"):
        raise DataError(f"không có nhánh hay commit \"{rev}\"")
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except DataError:
        raise DataError(f"không có nhánh hay commit \"{rev}\"") from None
    data = _git(root, "archive", "--format=tar", rev, "--", files.CAMPAIGNS)
    if len(data) > MAX_ARCHIVE:
        raise DataError(f"dữ liệu của \"{rev}\" quá lớn để so sánh")
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        tar.extractall(into, members=members, filter="data")
    return into


def _decide(repo: Repository, year: int, as_of: date) -> YearDecision | None:
    if year not in repo.years:
        return None
    law, law_diags = law_of(repo)
    if any(d.severity is Severity.ERROR for d in law_diags):
        return None
    return decide_year(repo, law, year, as_of)


def _load(folder: Path | None) -> tuple[Repository, bool]:
    """The repository of one side, and whether it loaded without errors."""
    if folder is None:
        return Repository(org=None), True
    loaded = read_org(folder)
    clean = not any(d.severity is Severity.ERROR for d in loaded.diagnostics)
    return loaded.repo, clean


def run_diff(root: Path, base: str, head: str | None, *, as_of: date) -> list[DiffReport]:
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    with tempfile.TemporaryDirectory(prefix="thidua-diff-") as tmp:
        old_root = materialise(top, base, Path(tmp) / "base")
        new_root = materialise(top, head, Path(tmp) / "head") if head else top
        old_orgs = {p.name: p for p in files.org_folders(old_root) or []} \
            if (old_root / files.CAMPAIGNS).is_dir() else {}
        new_orgs = {p.name: p for p in files.org_folders(new_root) or []} \
            if (new_root / files.CAMPAIGNS).is_dir() else {}
        return [_compare_org(name, old_orgs.get(name), new_orgs.get(name), as_of)
                for name in sorted(set(old_orgs) | set(new_orgs))]


def _compare_org(name: str, old: Path | None, new: Path | None, as_of: date) -> DiffReport:
    old_repo, old_clean = _load(old)
    new_repo, new_clean = _load(new)
    year = latest_year(new) if new and any(p.name.isdigit() for p in new.iterdir()) else None
    old_t = _decide(old_repo, year, as_of) if old and year and old_clean else None
    new_t = _decide(new_repo, year, as_of) if new and year and new_clean else None
    rep = compare(old_repo, new_repo, old_t, new_t, name, year)
    if year and (old_t is None or new_t is None) and old and new:
        rep.notes.append(f"Chưa so sánh kết luận năm {year}: một phía còn lỗi dữ liệu hoặc chưa "
                         "có năm này (chạy thidua validate).")
    if old is None:
        rep.notes.append("Tổ chức mới.")
    if new is None:
        rep.notes.append("Tổ chức bị xóa.")
    return rep
