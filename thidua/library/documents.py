"""Render a document from a repository (one call each), convert it to PDF, verify one.

Every document of a year is built from the one decision of that year; the repository's own
template (``templates/<name>``) is used when it has one; the result carries its provenance,
which `verify` reads back to rebuild the document and compare every part.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from thidua.decide.year import YearDecision
from thidua.errors import DataError
from thidua.library.decisions import decide
from thidua.library.repository import open_org
from thidua.load import files
from thidua.model import entities as m
from thidua.render import ballots as ballots_doc
from thidua.render import decision as decision_doc
from thidua.render import minutes as minutes_doc
from thidua.render import plan as plan_doc
from thidua.render import proposal as proposal_doc
from thidua.render import registrations as registrations_doc
from thidua.render import templates
from thidua.render.base import DocumentError
from thidua.textutil import vn_date, year_end

MAX_TEMPLATE_BYTES = 8 * 1024 * 1024


@dataclass
class Rendered:
    data: bytes
    content: Any  # the words of the document (a *Content / Summary / PlanText)
    year: int


_COMMITS: dict[Path, str] = {}


def git_commit(root: Path) -> str:
    """The commit the data comes from ("+thay-doi" when the work tree differs); asked once
    per repository and command (a dossier prints many documents)."""
    key = Path(root).resolve()
    if key not in _COMMITS:
        _COMMITS[key] = _ask_git(key)
    return _COMMITS[key]


def _ask_git(root: Path) -> str:
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                              capture_output=True, text=True, check=False, timeout=30)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--",
                                "campaigns"], capture_output=True, text=True, check=False,
                               timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "không có git"
    if head.returncode != 0:
        return "không có git"
    return head.stdout.strip() + ("+thay-doi" if dirty.stdout.strip() else "")


def load_template(repo_root: Path, name: str) -> bytes:
    """The repository's own templates/<name> if it has one, else the default."""
    own = repo_root / "templates" / name
    if own.is_symlink() or (own.exists() and not own.is_file()):
        raise DataError(f"mẫu {own} không phải tệp thường (không đọc liên kết)")
    if own.is_file():
        raw = files.read_bytes(own, MAX_TEMPLATE_BYTES)
        if isinstance(raw, OSError):
            raise DataError(f"không đọc được mẫu {own}: {files.os_error(raw)}")
        if isinstance(raw, int):
            raise DataError(f"mẫu {own} quá lớn ({raw // (1024 * 1024)} MB)")
        return raw
    return templates.default_template(name)


def _document_error(exc: DocumentError) -> DataError:
    return DataError(str(exc), exc.hint)


def _fill(root: Path, name: str, context: Any, annex: Any, *, title: str,
          params: dict[str, Any], created: datetime) -> bytes:
    """Render one template (the repository's own, else the default); a problem of the
    template is a data error naming it."""
    try:
        return templates.render(load_template(root, name), context, annex, title=title,
                                params=params, commit=git_commit(root), created=created,
                                name=name)
    except DocumentError as exc:
        raise _document_error(exc) from None


def _created(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _year_decision(root: Path, year: int | None, as_of: date, org: str | None,
                   what: str) -> YearDecision:
    ws = open_org(root, org, year, what=what)
    assert ws.year is not None
    return decide(ws, ws.year, as_of)


# Year-end titles are decided once the year's review is done: from 1 December (the sector's
# reporting year ends on 30 November; the year's reviews of staff are made in December).
YEAR_END_REVIEW = (12, 1)


def render_decision(root: Path, year: int | None, req: decision_doc.DecisionRequest, *,
                    org: str | None, as_of: date) -> Rendered:
    d = _year_decision(root, year, as_of, org, "in quyết định")
    review = date(d.year, *YEAR_END_REVIEW)
    if as_of < review and not req.mid_year:
        raise DataError(f"ngày xét {vn_date(as_of)} trước cuối năm thi đua {d.year}: danh hiệu "
                        f"năm {d.year} chỉ xét được khi đã có kết quả cả năm",
                        f"Ngày xét từ {vn_date(review)} trở đi (--ngay-xet); quyết định giữa "
                        "năm của một đợt thi đua: thêm --giua-nam.")
    if req.left_out is None:  # a new decision: whoever is recorded already is left out
        numbers = sorted(set(decision_doc.recorded_for(d, req.title).values()))
        req = replace(req, left_out=tuple(numbers))
    try:
        content = decision_doc.build_content(d, req)
    except DocumentError as exc:
        raise _document_error(exc) from None
    name = templates.DECISION_PEOPLE if content.people else templates.DECISION_UNITS
    data = _fill(root, name, decision_doc.context(content), decision_doc.annex(content),
                 title=content.subject, params=req.params(d.year, as_of),
                 created=_created(req.day or as_of))
    return Rendered(data, content, d.year)


def render_proposal(root: Path, year: int | None, req: proposal_doc.ProposalRequest, *,
                    org: str | None, as_of: date) -> Rendered:
    return proposal_from(root, _year_decision(root, year, as_of, org, "in tờ trình"), req)


def proposal_from(root: Path, d: YearDecision, req: proposal_doc.ProposalRequest) -> Rendered:
    """The proposal of a decided year (the dossier reuses its decision)."""
    as_of = d.as_of
    try:
        content = proposal_doc.build_content(d, req)
    except DocumentError as exc:
        raise _document_error(exc) from None
    data = _fill(root, templates.PROPOSAL, proposal_doc.context(content),
                 proposal_doc.annex(content), title=content.subject,
                 params=req.params(d.year, as_of), created=_created(req.day or as_of))
    return Rendered(data, content, d.year)


def render_ballots(root: Path, year: int | None, *, org: str | None, as_of: date,
                   combined: bool = False, copies: int | None = None) -> Rendered:
    """The meeting's ballots (one copy per member present unless ``copies``), then a
    written-opinion form for each absent member."""
    d = _year_decision(root, year, as_of, org, "in phiếu bầu")
    try:
        content = ballots_doc.build_ballots(d, combined=combined, copies=copies)
        parts = [(ballots_doc.ballot_context(content, paper), ballots_doc.ballot_annex(paper),
                  paper.copies) for paper in content.papers]
        data = templates.render_joined(
            load_template(root, templates.BALLOT), parts,
            title=f"Phiếu bầu xét thi đua, khen thưởng năm {d.year}",
            params=ballots_doc.params(ballots_doc.BALLOTS, d.year, as_of, combined=combined,
                                      copies=copies),
            commit=git_commit(root), created=_created(as_of), name=templates.BALLOT)
    except DocumentError as exc:
        raise _document_error(exc) from None
    return Rendered(data, content, d.year)


def render_vote_count(root: Path, year: int | None, *, org: str | None,
                      as_of: date) -> Rendered:
    """Biên bản kiểm phiếu of the meeting."""
    d = _year_decision(root, year, as_of, org, "in biên bản kiểm phiếu")
    try:
        content = ballots_doc.build_count(d)
    except DocumentError as exc:
        raise _document_error(exc) from None
    data = _fill(root, templates.VOTE_COUNT, ballots_doc.count_context(content),
                 ballots_doc.count_annex(content), title=content.subject,
                 params=ballots_doc.params(ballots_doc.COUNT, d.year, as_of),
                 created=_created(as_of))
    return Rendered(data, content, d.year)


def render_minutes(root: Path, year: int | None, *, org: str | None,
                   as_of: date) -> Rendered:
    return minutes_from(root, _year_decision(root, year, as_of, org, "in biên bản"))


def minutes_from(root: Path, d: YearDecision) -> Rendered:
    """The council's minutes of a decided year."""
    as_of = d.as_of
    try:
        content = minutes_doc.build_content(d)
    except DocumentError as exc:
        raise _document_error(exc) from None
    data = _fill(root, templates.MINUTES, minutes_doc.context(content),
                 minutes_doc.annex(content), title=content.subject,
                 params=minutes_doc.params(d.year, as_of), created=_created(as_of))
    return Rendered(data, content, d.year)


def registrations_summary(root: Path, year: int | None, *, org: str | None,
                          day: date | None, as_of: date | None = None,
                          number: str | None = None) -> registrations_doc.Summary:
    """The registration summary of a year; once the year has results, with what each unit
    and its people were recognised for on ``as_of`` (default: the signing day, else the
    last day of the year)."""
    ws = open_org(root, org, year, what="in bảng tổng hợp")
    assert ws.year is not None
    yr = ws.repo.years.get(ws.year)
    decision = None
    if yr is not None and (yr.person_results or yr.unit_results):
        when = as_of or day or year_end(ws.year)
        decision = decide(ws, ws.year, when)
        if decision.choice is None and decision.no_law is not None:
            raise DataError(decision.no_law.explanation(), decision.no_law.hint)
    try:
        return registrations_doc.summarise(ws.repo, ws.year, day or year_end(ws.year),
                                           decision, number)
    except DocumentError as exc:
        raise _document_error(exc) from None


def render_registrations(root: Path, year: int | None, *, org: str | None, day: date | None,
                         fmt: str, as_of: date | None = None,
                         number: str | None = None) -> Rendered:
    s = registrations_summary(root, year, org=org, day=day, as_of=as_of, number=number)
    if fmt == "xlsx":
        return Rendered(registrations_doc.to_xlsx(s), s, s.year)
    when = day or date(s.year, 1, 1)
    data = _fill(root, templates.REGISTRATIONS, registrations_doc.context(s, day),
                 registrations_doc.annex(s), title=f"Bảng tổng hợp đăng ký thi đua năm {s.year}",
                 params=registrations_doc.params(s.year, day, s.results_on, number),
                 created=_created(when))
    return Rendered(data, s, s.year)


def plan_text(root: Path, plan_file: Path) -> tuple[plan_doc.PlanText, date, str]:
    """The words of a plan file, the date its document carries (or 1 January) and its path
    inside the repository."""
    folders = files.org_folders(plan_file) or []
    year_folder = plan_file.resolve().parent.parent.name
    if len(folders) != 1 or not (year_folder.isascii() and year_folder.isdigit()):
        raise DataError("tệp kế hoạch phải nằm trong campaigns/<tổ chức>/<năm>/ke_hoach/")
    try:
        where = plan_file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise DataError("tệp kế hoạch phải nằm trong kho dữ liệu",
                        "chỉ đường dẫn tới tệp trong campaigns/ của kho (hoặc --repo)") from None
    year = int(year_folder)
    ws = open_org(root, folders[0].name if folders[0].parent.name == files.CAMPAIGNS
                  else None, year, what="in kế hoạch")
    wanted = plan_file.resolve()
    plans = [p for p in (ws.repo.years.get(year) or m.Year(year)).plans
             if Path(p.src.file).resolve() == wanted]
    if not plans or "muc" not in plans[0].document:
        raise DataError("tệp này chưa có nội dung kế hoạch để in (khóa muc)")
    try:
        text = plan_doc.build_text(ws.repo, plans[0].document, year)
    except DocumentError as exc:
        raise _document_error(exc) from None
    return text, plans[0].document.get("ngay_ban_hanh") or date(year, 1, 1), where


def render_plan(root: Path, plan_file: Path, fmt: str) -> bytes:
    """A plan file rendered as .docx, Markdown or PDF (through LibreOffice)."""
    text, day, where = plan_text(root, plan_file)
    if fmt == "md":
        return plan_doc.to_markdown(text).encode("utf-8")
    data = _fill(root, templates.PLAN, plan_doc.context(text), [], title=text.title,
                 params={"loai": plan_doc.KIND, "tep": where}, created=_created(day))
    return data if fmt == "docx" else to_pdf(data)


def to_pdf(docx: bytes) -> bytes:
    """Convert with LibreOffice when it is installed."""
    import shutil
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DataError("xuất PDF cần LibreOffice (lệnh soffice) nhưng máy này chưa cài",
                        "cài LibreOffice hoặc dùng --format docx")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "van-ban.docx"
        src.write_bytes(docx)
        try:
            done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo",
                                   "--headless", "--convert-to", "pdf", "--outdir", tmp,
                                   str(src)], capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.SubprocessError):
            raise DataError("LibreOffice không chuyển được sang PDF") from None
        pdf = Path(tmp) / "van-ban.pdf"
        if done.returncode != 0 or not pdf.exists():
            raise DataError("LibreOffice không chuyển được sang PDF")
        return pdf.read_bytes()


def export_templates(target: Path, *, overwrite: bool = False) -> list[tuple[Path, str]]:
    from thidua import io

    out = []
    for name, data in templates.default_templates().items():
        path = target / name
        if path.exists() and not overwrite:
            out.append((path, "giữ nguyên"))
            continue
        io.write_bytes_atomic(path, data)
        out.append((path, "đã ghi"))
    return out


def check_templates(folder: Path | None) -> list[tuple[str, list[str]]]:
    """Problems per template: the folder's .docx files, or the defaults."""
    if folder is None:
        return [(name, templates.check(name, data))
                for name, data in sorted(templates.default_templates().items())]
    out = []
    for p in sorted(folder.glob("*.docx")):
        raw = None if p.is_symlink() else files.read_bytes(p, MAX_TEMPLATE_BYTES)
        if raw is None:
            out.append((p.name, ["là liên kết, không đọc (đặt tệp mẫu trực tiếp trong kho)"]))
        elif isinstance(raw, OSError):
            out.append((p.name, [f"không đọc được mẫu: {files.os_error(raw)}"]))
        elif isinstance(raw, int):
            out.append((p.name, [f"mẫu quá lớn ({raw // (1024 * 1024)} MB)"]))
        else:
            out.append((p.name, templates.check(p.name, raw)))
    return out


def render_report(root: Path, sid: str, year: int | None, *, title: str | None,
                  as_of: date, day: date | None = None, org: str | None = None) -> Rendered:
    """The achievement report of one person or unit (the title: the one given, else the first
    proposed upward, else the first proposed)."""
    ws = open_org(root, org, year, what="in báo cáo thành tích", whole=True)
    assert ws.year is not None
    return report_for(ws, decide(ws, ws.year, as_of), sid, title=title, day=day)


def report_for(ws: Any, d: YearDecision, sid: str, *, title: str | None,
               day: date | None = None, entries: list[Any] | None = None) -> Rendered:
    """An achievement report from a decided year (the dossier makes many from one and
    passes the subject's ``entries`` in the outcome of its title, found once)."""
    from thidua.decide.history import history
    from thidua.render import report as report_doc
    from thidua.render.base import official_name

    repo = ws.repo
    assert repo.org is not None
    year, as_of = d.year, d.as_of
    h = history(repo, sid)
    if h is None:
        raise DataError(f"không có người hay đơn vị mã \"{sid}\"",
                        "Xem mã trong nhan_su/ (người) hoặc to_chuc.yaml (đơn vị).")
    collective = h.subject == "tập thể"
    line = next((y for y in h.years if y.year == year), None)
    proposed = list(line.proposals if line else ())
    # A report goes with a proposal sent upward: that one, when there is one.
    where = sid if collective else (line.unit if line and line.unit else "")
    upward = [t for t in proposed
              if (who := d.decider(t, where)) is not None and who.upward is not None]
    wanted = title or next(iter(upward or proposed), None)
    if wanted is None:
        raise DataError(f"{h.name} không có đề nghị nào năm {year}",
                        "Ghi --danh-hieu, hoặc ghi de_nghi trong ket_qua/.")
    if entries is None:
        entries = [e for e in d.outcome(wanted, collective).entries if e.id == sid]
    person = repo.people.get(sid)
    units = {u.id: u for u in repo.org.units}
    unit = units.get(line.unit) if line and line.unit else (units.get(person.unit)
                                                             if person else units.get(sid))
    members = sum(1 for r in (repo.years.get(year) or m.Year(year)).person_results.values()
                  if r.unit == sid)
    content = report_doc.build_content(
        h, year=year, title=wanted, official_title=official_name(wanted, entries),
        org=repo.org, unit=unit, person=person, members=members, day=day, as_of=as_of)
    data = _fill(ws.root, templates.REPORT, report_doc.context(content),
                 report_doc.annex(content), title=f"Báo cáo thành tích — {h.name}",
                 params=report_doc.params(sid, year, as_of, wanted, day),
                 created=_created(day or as_of))
    return Rendered(data, content, year)
