"""Excel in and out: the forms units fill (`thidua forms`) and their import (`thidua
import`), all or nothing, checked by the same rules as `thidua validate`."""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from thidua import io, parallel
from thidua.diagnostics import Diagnostic, Severity, make
from thidua.errors import DataError
from thidua.layout import CAMPAIGNS
from thidua.library.validation import BaseChecked, check_base, validate_org
from thidua.load import files, positions, workbook
from thidua.load.forms import Expected, FormImport, names_match, read_form
from thidua.load.parse import parse_bytes
from thidua.load.repository import (
    BASE_KINDS,
    Checked,
    check_file,
    org_refs,
    process,
    read_org,
)
from thidua.load.yamledit import rewrite
from thidua.model import entities as m
from thidua.model import forms as form_model
from thidua.render.forms import FormMeta, RosterRow, build_form
from thidua.report.diff import DiffReport, compare
from thidua.textutil import year_end
from thidua.vnsort import name_key

MAX_WORKBOOK = 32 * 1024 * 1024
KINDS = ("dang_ky", "ket_qua")


def fingerprint(org: m.Organisation) -> str:
    """Which repository a form belongs to: the organisation's code and first names."""
    first = org.names_on(date(1900, 1, 1))
    text = "\0".join((org.id, first.name, first.parent))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _raw(path: Path) -> dict[str, Any] | None:
    """A repository file as parsed YAML (None if absent or not a mapping)."""
    if not path.is_file() or path.is_symlink():
        return None
    raw = files.read_bytes(path, 16 * 1024 * 1024)
    if not isinstance(raw, bytes):
        return None
    parsed = parse_bytes(str(path), raw)
    return parsed.data if parsed.ok and isinstance(parsed.data, dict) else None


def _kept(kept: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """A year file as parsed when the repository was read (None if absent or not a
    mapping)."""
    data = kept.get(str(path))
    return data if isinstance(data, dict) else None


def _rosters(repo: m.Repository, year: int) -> dict[str, list[m.Person]]:
    """The people of each unit in the year (at its end), in the order of an annex: leaders
    by rank, then by name."""
    end, start = year_end(year), date(year, 1, 1)
    out: dict[str, list[m.Person]] = {}
    for p in repo.people.values():
        if p.recruited <= end and (p.left is None or p.left >= start):
            out.setdefault(p.unit_on(end), []).append(p)
    for people in out.values():
        people.sort(key=_annex_order)
    return out


def _annex_order(p: m.Person) -> tuple[Any, ...]:
    return (not p.leader, p.rank is None, p.rank or 0, name_key(p.name), p.id)


def _listed(doc: dict[str, Any] | None) -> set[str]:
    return {str(p.get("ma")) for p in (doc or {}).get("ca_nhan") or ()
            if isinstance(p, dict) and p.get("ma")}


def make_forms(root: Path, year: int, *, units: list[str] | None = None,
               org: str | None = None, password: str = "") -> list[tuple[str, bytes]]:
    """(file name, workbook) for each unit of the organisation in ``year``; ``password``:
    the office's password on the sheets' protection."""
    from thidua.errors import DataProblems
    from thidua.library.repository import find_root, pick_org

    folder = pick_org(root if (root / CAMPAIGNS).is_dir() else find_root(root), org)
    loaded = read_org(folder, wanted=lambda ref: ref.year is None or ref.year == year,
                      keep=lambda ref: ref.year == year and ref.kind in KINDS)
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise DataProblems(errors, "tạo biểu mẫu")
    repo = loaded.repo
    if repo.org is None:
        raise DataError("thiếu to_chuc.yaml", "Tạo tệp tổ chức theo README.")
    known = [u for u in repo.org.units
             if (u.end is None or u.end.year >= year) and (u.start is None
                                                          or u.start.year <= year)]
    wanted = units or [u.id for u in known]
    by_id = {u.id: u for u in known}
    unknown = [u for u in wanted if u not in by_id]
    if unknown:
        raise DataError(f"không có đơn vị {', '.join(unknown)} trong năm {year}",
                        "Các đơn vị: " + ", ".join(by_id))
    names = repo.org.names_on(year_end(year))
    rosters = _rosters(repo, year)
    jobs: list[_Job] = []
    for uid in wanted:
        reg, res = (_kept(loaded.kept, folder / str(year) / kind / f"{uid}.yaml")
                    for kind in KINDS)
        people = list(rosters.get(uid, ()))
        extra = (_listed(reg) | _listed(res)) - {p.id for p in people}
        people += sorted((repo.people[x] for x in extra if x in repo.people), key=_annex_order)
        roster = [RosterRow(p.id, p.name, p.title) for p in people]
        meta = FormMeta(repo.org.id, fingerprint(repo.org), names.name, uid,
                        by_id[uid].name, year, password)
        jobs.append((meta, roster, reg, res))
    people_total = sum(len(j[1]) for j in jobs)
    parts: list[Sequence[_Job]] = [jobs]
    if parallel.worth_splitting("forms_people", people_total):
        parts = parallel.chunks(jobs, 2)
    built = [data for part in parallel.map_parts(_build, None, parts) for data in part]
    return [(f"{j[0].unit_id}.xlsx", data) for j, data in zip(jobs, built, strict=True)]


_Job = tuple[FormMeta, list[RosterRow], dict[str, Any] | None, dict[str, Any] | None]


def _build(_state: None, jobs: Sequence[_Job]) -> list[bytes]:
    return [build_form(*job) for job in jobs]


@dataclass
class _Org:
    """An organisation loaded for an import: its base files (organisation, roster, policy,
    law); the years an import touches are read when known."""

    root: Path
    folder: Path
    repo: m.Repository

    @staticmethod
    def open(root: Path, org: str | None, what: str, *, roster: bool = True) -> _Org:
        """The organisation's base files (without the staff list unless ``roster``: an
        import of forms checks it with everything else afterwards)."""
        from thidua.errors import DataProblems
        from thidua.library.repository import find_root, pick_org

        root = root if (root / CAMPAIGNS).is_dir() else find_root(root)
        folder = pick_org(root, org)
        loaded = read_org(folder, wanted=lambda ref: ref.year is None
                          and (roster or ref.kind != "nhan_su"))
        errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise DataProblems(errors, what)
        if loaded.repo.org is None:
            raise DataError("thiếu to_chuc.yaml", "Tạo tệp tổ chức theo README.")
        return _Org(root, folder, loaded.repo)


@dataclass
class ImportResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changes: DiffReport | None = None
    written: list[str] = field(default_factory=list)  # repository paths written
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def _unit_file(path: Path) -> tuple[str | None, dict[str, Any] | None]:
    """A unit's file read once: its text as :func:`_current` gives it, and its data as
    :func:`_raw` gives it (None when absent, not a mapping, too large, or a link)."""
    if not path.is_file():
        return None, None
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    if path.is_symlink() or len(raw) > 16 * 1024 * 1024:
        return text, None
    parsed = parse_bytes(str(path), raw)
    return text, parsed.data if parsed.ok and isinstance(parsed.data, dict) else None


def _current(path: Path) -> str | None:
    """The text of a file an import replaces (None when it does not exist yet)."""
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def _header(current: str | None, kind: str) -> str:
    """The comment lines at the top of the file being replaced (kept), or the schema line."""
    if current is not None:
        lines = []
        for line in current.splitlines():
            if line.startswith("#"):
                lines.append(line)
            else:
                break
        if lines:
            return "\n".join(lines) + "\n"
    return f"# yaml-language-server: $schema=../../../../schema/{kind}.schema.json\n"


def _read_upload(path: Path) -> bytes | Diagnostic:
    """The bytes of a file a unit sent (bounded), or why they cannot be read."""
    raw = files.read_bytes(path, MAX_WORKBOOK)
    if isinstance(raw, OSError):
        return make("TD501", path.name, detail=files.os_error(raw),
                    hint="Kiểm tra đường dẫn và quyền đọc tệp.")
    if isinstance(raw, int):
        return make("TD501", path.name, detail="tệp quá lớn",
                    hint="Gửi tệp do thidua forms tạo, hoặc bảng tính chỉ gồm danh sách.")
    return raw


# What reading a form needs: what the form must say it is, and the organisation's folder.
_Reading = tuple[Expected, Path]
# A form read: the form, the texts of its files by kind, and the kinds whose file would
# not change; or its problems.
_Read = tuple[FormImport, dict[str, str], frozenset[str]] | list[Diagnostic]


def _changed_by(folder: Path) -> Callable[[str, int, str, tuple[str | int, ...]], str]:
    """What last changed a value of a unit's file (its line): edits not yet committed, or
    the commit (git blame)."""
    def last(unit: str, year: int, kind: str, path: tuple[str | int, ...]) -> str:
        file = folder / str(year) / kind / f"{unit}.yaml"
        text = _current(file)
        if text is None:
            return ""
        line = positions.locate(text, {path}).get(path, (0, 0))[0]
        if not line:
            return ""
        try:
            blame = subprocess.run(
                ["git", "-C", str(folder), "blame", "--porcelain", "-L", f"{line},{line}",
                 "--", str(file)], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return ""
        head = blame.stdout.split("\n", 1)[0].split(" ")[0] if blame.returncode == 0 else ""
        if not head or set(head) == {"0"}:
            return "thay đổi chưa commit" if head else ""
        when = next((ln.split(" ")[1] for ln in blame.stdout.splitlines()
                     if ln.startswith("author-time ")), "")
        day = date.fromtimestamp(int(when)).strftime("%d/%m/%Y") if when.isdigit() else ""
        return f"commit {head[:7]}" + (f" ngày {day}" if day else "")
    return last


def _read_forms(reading: _Reading, paths: Sequence[Path]) -> list[_Read]:
    return [_read_one(reading, path) for path in paths]


def _read_one(reading: _Reading, path: Path) -> _Read:
    """One filled form, read and turned into documents and the texts of their files."""
    expected, folder = reading
    display = path.name
    raw = _read_upload(path)
    if isinstance(raw, Diagnostic):
        return [raw]
    book = workbook.read(raw, display,
                         only=(form_model.REGISTRATION, form_model.RESULTS, form_model.BASE))
    if isinstance(book, Diagnostic):
        return [book]
    read: dict[tuple[str, int], dict[str, tuple[str | None, Any]]] = {}

    def unit_files(unit: str, year: int) -> dict[str, tuple[str | None, Any]]:
        """The unit's files, each read once: its text (what a rewrite replaces) and its
        data (what the form is merged with)."""
        if (unit, year) not in read:
            read[(unit, year)] = {k: _unit_file(folder / str(year) / k / f"{unit}.yaml")
                                  for k in KINDS}
        return read[(unit, year)]

    def existing(unit: str, year: int) -> dict[str, Any]:
        return {kind: data for kind, (_text, data) in unit_files(unit, year).items()}
    form = read_form(book, display, expected, existing, _changed_by(folder))
    if isinstance(form, list):
        return form
    texts, same = {}, set()
    for kind, doc in (("dang_ky", form.registration), ("ket_qua", form.results)):
        if doc is None:
            continue
        current, parsed = unit_files(form.unit, form.year)[kind]
        texts[kind] = text = rewrite(current, doc, header=_header(current, kind),
                                     old_data=parsed)
        if text == current:
            same.add(kind)
    # The documents travel as their texts: the reader's process keeps only what places a
    # problem at its cell.
    return replace(form, registration=None, results=None), texts, frozenset(same)


def import_forms(root: Path, paths: list[Path], *, org: str | None = None,
                 dry_run: bool = False, decided_ok: bool = False) -> ImportResult:
    """Read filled forms, check them with the repository's rules, and write the units'
    files only when everything is clean (all files or none). A form that would change a
    unit's data of a year whose awards are recorded is refused (TD515) unless
    ``decided_ok``."""
    ws = _Org.open(root, org, "nhập biểu mẫu", roster=False)
    repo = ws.repo
    assert repo.org is not None
    expected = Expected(repo.org.id, fingerprint(repo.org),
                        frozenset(u.id for u in repo.org.units))
    result = ImportResult()
    forms: list[FormImport] = []

    seen: dict[tuple[str, int], str] = {}
    planned: dict[Path, tuple[FormImport, str, str]] = {}  # path → (form, kind, text)
    unchanged: set[Path] = set()  # planned files the same as on disk
    reading = (expected, ws.folder)
    here, there = list(paths), []
    if parallel.worth_splitting("forms_read", len(paths)):
        # This process also checks the base files (the forms do not change them): it
        # reads fewer forms than the worker.
        cut = len(paths) // 3
        here, there = here[:cut], here[cut:]
    shown = files.display_path(ws.folder)
    checked: dict[str, Checked] = {}

    def take(part: Sequence[Path], read: list[_Read]) -> None:
        """The forms of ``part`` as read, in order; their planned files schema-checked."""
        for path, got in zip(part, read, strict=True):
            if not isinstance(got, list):
                result.diagnostics += names_match(got[0], base.builder.repo.people)
            for target, text in _take(ws, result, seen, forms, planned, unchanged, path, got):
                ref = files.ref_for(ws.folder, target, shown=shown)
                checked[ref.path] = check_file(ref._replace(content=text.encode()))

    # The worker's forms come back in a few parts, so that this process checks the first
    # while the worker reads the next.
    later = parallel.chunks(there, 8) if there else []
    with parallel.meanwhile_parts(_read_forms, reading, later) as rest:
        base = check_base(ws.folder)
        take(here, _read_forms(reading, here))
        for part, read in zip(later, rest(), strict=True):
            take(part, read)
    if not forms:
        return result
    # The rules of validate on what the forms say, reported at the cells; a cell whose
    # value was refused already is not reported twice.
    return _finish(ws, result, planned, dry_run, base, checked, unchanged,
                   decided_ok=decided_ok)


def _take(ws: _Org, result: ImportResult, seen: dict[tuple[str, int], str],
          forms: list[FormImport], planned: dict[Path, tuple[FormImport, str, str]],
          unchanged: set[Path], path: Path, got: _Read) -> Iterator[tuple[Path, str]]:
    """Take in one form as read: its problems, or its planned files (yielded as they are
    added, those that would not change noted in ``unchanged``; a second form of the same
    unit and year is refused, TD502)."""
    display = path.name
    if isinstance(got, list):
        result.diagnostics += got
        return
    form, texts, same = got
    key = (form.unit, form.year)
    if key in seen:
        result.diagnostics.append(make(
            "TD502", display, detail=f"của đơn vị {form.unit} năm {form.year} trùng với "
                                     f"tệp {seen[key]}", year=form.year, unit=form.unit))
        return
    seen[key] = display
    result.diagnostics += form.diagnostics
    forms.append(form)
    for kind, text in texts.items():
        target = ws.folder / str(form.year) / kind / f"{form.unit}.yaml"
        planned[target] = (form, kind, text)
        if kind in same:
            unchanged.add(target)
        yield target, text


def _years(folder: Path, texts: dict[Path, str]) -> set[str]:
    """The year folders the planned files are in."""
    out = set()
    for path in texts:
        first = path.relative_to(folder).parts[0]
        if first.isdigit():
            out.add(first)
    return out


def _check(folder: Path, planned: dict[Path, tuple[FormImport, str, str]],
           base: BaseChecked | None = None, checked: dict[str, Checked] | None = None
           ) -> tuple[list[Diagnostic], m.Repository]:
    """Validate the repository as it would be (its base files and the years touched, the
    planned files read in place of what is on disk); problems of the planned files are
    reported at the cells they came from. Also returns the repository as it would be (for
    the words of the change)."""

    years = _years(folder, {p: "" for p in planned})
    top = len(str(folder)) + 1

    def wanted(ref: files.FileRef) -> bool:
        first = ref.path[top:].replace("\\", "/").split("/", 1)[0]
        return not first.isdigit() or first in years

    done = validate_org(folder, wanted=wanted, keep_years=True, base=base, checked=checked,
                        overlay={p: t.encode("utf-8") for p, (_f, _k, t) in planned.items()})
    shown = files.display_path(folder)
    by_display = {files.ref_for(folder, p, shown=shown).display: (f, k)
                  for p, (f, k, _t) in planned.items()}
    out = []
    for d in done.diagnostics:
        hit = by_display.get(d.file)
        if hit is not None:
            form, kind = hit
            path = d.path or ()
            missing = re.search(r'"(\w+)"', d.message) if d.code == "TD103" else None
            if missing and form.has(kind, (*path, missing[1])):
                path = (*path, missing[1])  # a required value: where it should have been
            cell = form.where(kind, path)
            out.append(Diagnostic(d.code, d.severity, cell or form.display, d.message, d.hint,
                                  legal_ref=d.legal_ref))
        elif d.severity is Severity.ERROR:
            # The repository was valid before (open_org checks): an error elsewhere follows
            # from the import. Warnings elsewhere were there already: not repeated here.
            out.append(d)
    return out, done.repo


def _changes(folder: Path, texts: dict[Path, str], new: m.Repository,
             base: BaseChecked | None = None) -> DiffReport | None:
    """What the planned files change, in the words of `thidua diff`. When they are all
    yearly files and the base files were read already (``base``), only the years they touch
    are read again, as they are on disk, against that base."""
    if not texts:
        return None
    years = {int(y) for y in _years(folder, texts)}
    yearly_only = all(p.relative_to(folder).parts[0].isdigit() for p in texts)
    if base is not None and yearly_only:
        builder = base.builder.with_base_only()
        refs = org_refs(folder, lambda ref: ref.year in years and ref.kind not in BASE_KINDS)
        with parallel.collector_paused():
            process(refs, builder)
        old = builder.repo
    else:
        old = read_org(folder, wanted=lambda ref: ref.year is None or ref.year in years).repo
    assert old.org is not None
    return compare(old, new, None, None, old.org.id, None)


def _next_codes(existing: set[str], n: int) -> list[str]:
    """New person codes after the highest of the form NV000123 (same width)."""
    nums = [(int(m[2]), len(m[2]), m[1]) for c in existing
            if (m := re.fullmatch(r"([A-Za-z]+)(\d+)", c))]
    if nums:
        top, width, prefix = max(nums)
    else:
        top, width, prefix = 0, 6, "NV"
    return [f"{prefix}{top + k:0{width}d}" for k in range(1, n + 1)]


def import_roster(root: Path, path: Path, *, unit: str, org: str | None = None,
                  saved: dict[str, str] | None = None, dry_run: bool = False
                  ) -> tuple[ImportResult, dict[str, str]]:
    """A staff list (Excel, headers as offices write them) into nhan_su/<unit>.yaml: people
    already there are matched (by code, else by name) and updated, others added with new
    codes; nobody is removed. Returns the result and the column mapping used."""
    from thidua.load.lists import roster_from_workbook
    from thidua.model import vocab

    ws = _Org.open(root, org, "nhập danh sách nhân sự")
    repo = ws.repo
    assert repo.org is not None
    units = {u.id: u for u in repo.org.units}
    if unit not in units:
        raise DataError(f"không có đơn vị \"{unit}\"", "Các đơn vị: " + ", ".join(units))
    result = ImportResult()
    raw = _read_upload(path)
    display = path.name
    if isinstance(raw, Diagnostic):
        result.diagnostics.append(raw)
        return result, {}
    book = workbook.read(raw, display)
    if isinstance(book, Diagnostic):
        result.diagnostics.append(book)
        return result, {}
    listed = roster_from_workbook(book, display, unit_name=units[unit].name, saved=saved)
    result.diagnostics += listed.diagnostics
    if not result.ok:
        return result, listed.mapping
    target = ws.folder / "nhan_su" / f"{unit}.yaml"
    doc = _raw(target) or {"don_vi": unit, "nhan_su": []}
    people = [p for p in doc.get("nhan_su") or () if isinstance(p, dict)]
    by_code = {str(p.get("ma")): p for p in people}
    by_name: dict[str, list[dict[str, Any]]] = {}
    for p in people:
        by_name.setdefault(vocab.fold(str(p.get("ho_ten", ""))), []).append(p)
    fresh = _next_codes(set(repo.people) | set(by_code), len(listed.records))
    form = FormImport(display, unit, 0)
    for rec, cells in zip(listed.records, listed.cells, strict=True):
        match = by_code.get(str(rec.get("ma"))) if rec.get("ma") else None
        if match is None and not rec.get("ma"):
            same = by_name.get(vocab.fold(str(rec.get("ho_ten", ""))), [])
            match = same[0] if len(same) == 1 else None
        if match is not None:
            match.update(rec)
            person = match
        else:
            person = {"ma": rec.pop("ma", None) or fresh.pop(0), **rec}
            people.append(person)
            by_code[person["ma"]] = person
        i = people.index(person)
        form.cells[("nhan_su", ("nhan_su", i))] = next(iter(cells.values()))
        for fld, cell in cells.items():
            form.cells[("nhan_su", ("nhan_su", i, fld))] = cell
    order = ("ma", "ho_ten", "gioi_tinh", "chuc_vu", "lanh_dao", "thu_tu_chuc_vu", "loai",
             "ngay_tuyen_dung", "ngay_nghi_viec", "dieu_chuyen", "ghi_chu")
    doc["nhan_su"] = [{k: p[k] for k in order if k in p} | {k: v for k, v in p.items()
                                                             if k not in order}
                      for p in people]
    current = _current(target)
    header = _header(current, "nhan_su").replace("../../../../", "../../../")
    text = rewrite(current, doc, header=header)
    return _finish(ws, result, {target: (form, "nhan_su", text)}, dry_run), listed.mapping


def import_registrations_docx(root: Path, path: Path, *, unit: str, year: int,
                              day: date | None = None, org: str | None = None,
                              dry_run: bool = False) -> ImportResult:
    """The registration table a unit sent as a Word document into <year>/dang_ky/<unit>.yaml
    (people matched by code or name in the unit's roster)."""
    from thidua.load.lists import registrations_from_docx
    from thidua.model import vocab

    ws = _Org.open(root, org, "nhập bảng đăng ký")
    repo = ws.repo
    assert repo.org is not None
    units = {u.id for u in repo.org.units}
    if unit not in units:  # (it names the file written: never a path)
        raise DataError(f"không có đơn vị \"{unit}\"", "Các đơn vị: " + ", ".join(sorted(units)))
    if not 1990 <= year <= 2100:
        raise DataError(f"năm {year} không hợp lệ", "Ghi năm thi đua, ví dụ --nam 2023.")
    result = ImportResult()
    raw = _read_upload(path)
    display = path.name
    if isinstance(raw, Diagnostic):
        result.diagnostics.append(raw)
        return result
    rows, problems = registrations_from_docx(raw, display)
    result.diagnostics += problems
    target = ws.folder / str(year) / "dang_ky" / f"{unit}.yaml"
    doc = _raw(target) or {"don_vi": unit}
    if day is not None:
        doc["ngay_dang_ky"] = day
    elif "ngay_dang_ky" not in doc:
        result.diagnostics.append(make(
            "TD510", display, detail=f"Chưa có tệp đăng ký năm {year} của {unit}: cần ngày "
                                     "đăng ký chung",
            hint="Thêm --ngay-dang-ky NGÀY (ngày đơn vị gửi bảng đăng ký)."))
    if not result.ok:
        return result
    staff = [p for p in repo.people.values() if p.unit_on(year_end(year)) == unit]
    by_name: dict[str, list[m.Person]] = {}
    for p in staff:
        by_name.setdefault(vocab.fold(p.name), []).append(p)
    records = {str(p.get("ma")): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    form = FormImport(display, unit, year)
    for row in rows:
        pid = row.code
        if not pid:
            same = by_name.get(vocab.fold(row.name), [])
            if len(same) == 1:
                pid = same[0].id
            else:
                near = [p for p in staff if vocab.fold(row.name).split()[-1:] ==
                        vocab.fold(p.name).split()[-1:]][:3]
                result.diagnostics.append(make(
                    "TD202", row.where, ref=row.name,
                    suggestion=("Có thể là: " + "; ".join(f"{p.name} ({p.id})" for p in near))
                    if near else "Thêm người đó vào nhan_su/ hoặc ghi cột Mã trong bảng."))
                continue
        rec = records.get(pid) or {"ma": pid}
        rec["danh_hieu"] = list(row.titles)
        records[pid] = rec
        i = list(records).index(pid)
        form.cells[("dang_ky", ("ca_nhan", i))] = row.where
    if not result.ok:
        return result
    doc["ca_nhan"] = list(records.values())
    doc = {k: doc[k] for k in ("don_vi", "ngay_dang_ky", "tap_the", "ca_nhan") if k in doc}
    current = _current(target)
    text = rewrite(current, doc, header=_header(current, "dang_ky"))
    return _finish(ws, result, {target: (form, "dang_ky", text)}, dry_run)


def _shown(paths: list[Path], ws: _Org) -> dict[Path, str]:
    """The paths of files of the organisation as the user sees them (relative to the
    repository; the organisation's folder is resolved once)."""
    try:
        top = ws.folder.resolve().relative_to(ws.root.resolve())
    except ValueError:
        return {p: str(p) for p in paths}
    return {p: str(top.joinpath(*p.relative_to(ws.folder).parts)) for p in paths}


def _finish(ws: _Org, result: ImportResult, planned: dict[Path, tuple[FormImport, str, str]],
            dry_run: bool, base: BaseChecked | None = None,
            checked: dict[str, Checked] | None = None,
            unchanged: set[Path] | None = None, *, decided_ok: bool = False) -> ImportResult:
    """Check the planned files with validate's rules, then write them (all or none);
    ``unchanged``: planned files known to be the same as on disk; ``decided_ok``: a unit's
    data of a year already decided may change."""
    same = unchanged or set()
    new_texts = {p: t for p, (_f, _k, t) in planned.items()
                 if p not in same and _current(p) != t}
    rel = _shown(list(planned), ws)
    if not new_texts:
        # Nothing would change: the repository as it would be is the repository as it is
        # (its own problems are validate's to report); nothing to check, nothing to write.
        result.unchanged = sorted(rel.values())
        return result
    refused = {d.file for d in result.diagnostics}
    found, new_repo = _check(ws.folder, planned, base, checked)
    result.diagnostics += [d for d in found if d.file not in refused]
    if not result.ok:
        return result
    if not decided_ok:
        result.diagnostics += _decided(new_repo, [planned[p][0] for p in new_texts])
        if not result.ok:
            return result
    result.unchanged = sorted(rel[p] for p in planned if p not in new_texts)
    result.changes = _changes(ws.folder, new_texts, new_repo, base)
    if dry_run:
        return result
    io.write_files_atomic({p: t.encode("utf-8") for p, t in new_texts.items()})
    result.written = sorted(rel[p] for p in new_texts)
    return result


def _decided(repo: m.Repository, changing: list[FormImport]) -> list[Diagnostic]:
    """TD515 for each form that would change a unit's data of a year in which an award to
    that unit or one of its people is recorded: the data was decided on."""
    out: list[Diagnostic] = []
    done: set[tuple[str, int]] = set()
    for form in changing:
        key = (form.unit, form.year)
        yr = repo.years.get(form.year)
        if key in done or yr is None:
            continue
        done.add(key)
        for award in yr.awards:
            if form.unit in award.units or any(
                    (p := repo.people.get(pid)) is not None and p.unit == form.unit
                    for pid in award.people):
                out.append(make("TD515", form.display,
                                year=form.year, unit=form.unit, number=award.number,
                                other=award.src.file))
                break
    return out


def read_mapping(path: Path) -> dict[str, str]:
    """A saved column mapping for a staff list: {tên cột: trường}."""
    raw = files.read_bytes(path, 1024 * 1024)
    parsed = parse_bytes(str(path), raw) if isinstance(raw, bytes) else None
    data = parsed.data if parsed is not None and parsed.ok else None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str | None)
                                             for k, v in data.items()):
        raise DataError(f"tệp ánh xạ {path} không đúng dạng",
                        "Mỗi dòng: \"Tên cột\": tên trường (ho_ten, chuc_vu …) hoặc \"\" để "
                        "bỏ qua.")
    return {k: v or "" for k, v in data.items()}
