"""`thidua diff BASE [HEAD]`: compare two versions of the campaign data in git."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

from thidua.commands.tally import bundled_law, latest_year, load_repository
from thidua.load import files
from thidua.report.diff import DiffReport, compare
from thidua.tally.compute import TallyResult, tally


class DiffError(Exception):
    """A git or data problem that stops the comparison (message in Vietnamese)."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise DiffError("không tìm thấy lệnh git") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {args[0]}: {detail[-1] if detail else 'lỗi'}")
    return done.stdout


def materialise(root: Path, rev: str, into: Path) -> Path:
    """Extract the campaigns/ folder of ``rev`` into ``into``; returns the repository root."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except DiffError:
        raise DiffError(f"không có nhánh hay commit \"{rev}\"") from None
    data = _git(root, "archive", "--format=tar", rev, "--", files.CAMPAIGNS)
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def _tally(folder: Path, year: int, as_of: date) -> TallyResult | None:
    repo, errors = load_repository(folder, year)
    if errors or year not in repo.years:
        return None
    return tally(repo, bundled_law(), year, as_of)


def run_diff(root: Path, base: str, head: str | None, *, as_of: date) -> list[DiffReport]:
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    with tempfile.TemporaryDirectory(prefix="thidua-diff-") as tmp:
        old_root = materialise(top, base, Path(tmp) / "base")
        new_root = materialise(top, head, Path(tmp) / "head") if head else top
        old_orgs = {p.name: p for p in files.org_folders(old_root) or []} \
            if (old_root / files.CAMPAIGNS).is_dir() else {}
        new_orgs = {p.name: p for p in files.org_folders(new_root) or []} \
            if (new_root / files.CAMPAIGNS).is_dir() else {}
        reports = []
        for name in sorted(set(old_orgs) | set(new_orgs)):
            reports.append(_compare_org(name, old_orgs.get(name), new_orgs.get(name), as_of))
        return reports


def _compare_org(name: str, old: Path | None, new: Path | None, as_of: date) -> DiffReport:
    from thidua.model.entities import Repository

    old_repo = load_repository(old)[0] if old else Repository(org=None)
    new_repo = load_repository(new)[0] if new else Repository(org=None)
    year = latest_year(new) if new and any(p.name.isdigit() for p in new.iterdir()) else None
    old_t = _tally(old, year, as_of) if old and year else None
    new_t = _tally(new, year, as_of) if new and year else None
    rep = compare(old_repo, new_repo, old_t, new_t, name, year)
    if year and (old_t is None or new_t is None) and old and new:
        rep.notes.append(f"Chưa so sánh kết luận năm {year}: một phía còn lỗi dữ liệu hoặc chưa "
                         "có năm này (chạy thidua validate).")
    if old is None:
        rep.notes.append("Tổ chức mới.")
    if new is None:
        rep.notes.append("Tổ chức bị xóa.")
    return rep
