"""The whole dossier of a proposal to the province or the ministry (`thidua render-dossier`):
the Tờ trình with its list, the council's minutes, one achievement report per person and unit
proposed, the list of the initiatives they rest on, and a table of contents; in a folder or
a zip, with one merged PDF when LibreOffice and pdfunite are present. A missing piece is an
error naming it, never an empty page."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from thidua import parallel
from thidua.decide.outcome import Entry
from thidua.decide.year import PERSON_TITLES, UNIT_TITLES, YearDecision
from thidua.errors import DataError
from thidua.library.decisions import decide
from thidua.library.documents import (
    git_commit,
    minutes_from,
    proposal_from,
    report_for,
)
from thidua.library.repository import open_org
from thidua.render import proposal as proposal_doc
from thidua.render.docx_writer import CENTER, LEFT, StateDocument
from thidua.render.provenance import FIXED_TIME, stamp
from thidua.textutil import ascii_slug, vn_date

KIND = "muc-luc-ho-so"


@dataclass(frozen=True)
class Dossier:
    files: list[tuple[str, bytes]]  # (name in the folder, content), in order
    pdf_note: str  # why there is no merged PDF, or ""


def _upward(d: object, level: str) -> list[tuple[str, bool, Entry]]:
    out = []
    for collective, titles in ((False, PERSON_TITLES), (True, UNIT_TITLES)):
        for title in titles:
            for e in d.outcome(title, collective).recognised:  # type: ignore[attr-defined]
                if e.decider is not None and e.decider.upward == level:
                    out.append((title, collective, e))
    return out


def build(root: Path, year: int, *, level: str, as_of: date, org: str | None = None,
          day: date | None = None) -> Dossier:
    ws = open_org(root, org, year, what="lập hồ sơ", whole=True)
    assert ws.repo.org is not None
    d = decide(ws, year, as_of)
    if level not in proposal_doc.LEVELS:
        raise DataError(f"cấp \"{level}\" không hợp lệ", "dùng: " + ", ".join(proposal_doc.LEVELS))
    proposed = _upward(d, level)
    if not proposed:
        raise DataError("không có cá nhân, tập thể nào được đề nghị khen thưởng "
                        f"{proposal_doc.LEVELS[level]} "
                        f"năm {year}", f"xem thidua tally {year}")
    no_vote = [e.name for _t, _c, e in proposed if e.vote is None]
    if no_vote:
        raise DataError("hồ sơ thiếu phiếu bầu của Hội đồng (bieu_quyet trong ket_qua/) cho: "
                        + ", ".join(no_vote[:20]) + (" …" if len(no_vote) > 20 else ""),
                        "Ghi số phiếu đồng ý và tổng số thành viên Hội đồng cho từng đề nghị.")
    req = proposal_doc.ProposalRequest(level=level, day=day)
    reports: list[tuple[str, str, str]] = []  # file, who, title
    jobs: list[tuple[str, str, list[Entry]]] = []  # id, title, its entries
    seen: set[tuple[str, str]] = set()
    for n, (title, _collective, e) in enumerate(proposed, 1):
        if (e.id, title) in seen:
            continue
        seen.add((e.id, title))
        reports.append((f"03-bao-cao-thanh-tich/{n:04d}-{ascii_slug(e.name)}-{e.id}.docx",
                        e.name, title))
        jobs.append((e.id, title, [e]))
    docs: list[_Job] = [("to_trinh", "", "", []), ("bien_ban", "", "", []),
                        *(("bao_cao", *job) for job in jobs)]
    bodies = _render(_Render(root, ws, d, req, day), docs)
    files = [("01-to-trinh.docx", bodies[0]), ("02-bien-ban-hop-hoi-dong.docx", bodies[1]),
             *zip([r[0] for r in reports], bodies[2:], strict=True)]
    initiatives = []
    for _title, collective, e in proposed:
        if collective:
            continue
        for y in sorted(y for y in ws.repo.years if year - 5 < y <= year):
            res = ws.repo.years[y].person_results.get(e.id)
            for i in res.initiatives if res else ():
                initiatives.append((e.name, i.name, i.decision, vn_date(i.day), i.scope))
    initiatives = sorted(set(initiatives))
    contents = _contents(ws.repo.org.names_on(day or as_of).name, year, level, files, reports,
                         initiatives, as_of, git_commit(root))
    files.insert(0, ("00-muc-luc.docx", contents))
    return Dossier(files, "")


@dataclass(frozen=True)
class _Render:
    """What every document of a dossier is rendered from."""

    root: Path
    ws: Any
    decision: YearDecision
    request: proposal_doc.ProposalRequest
    day: date | None


# A document of the dossier: its kind (to_trinh, bien_ban, bao_cao) and, for a report, the
# person's or unit's id, the title and its entries.
_Job = tuple[str, str, str, list[Entry]]


def _render_part(r: _Render, jobs: Sequence[_Job]) -> list[bytes]:
    """The documents ``jobs``, in order. Each document leaves reference cycles (python-docx,
    lxml proxies): the collector runs over the new objects only."""
    out = []
    with parallel.collector_running():
        for kind, sid, title, entries in jobs:
            if kind == "to_trinh":
                out.append(proposal_from(r.root, r.decision, r.request).data)
            elif kind == "bien_ban":
                out.append(minutes_from(r.root, r.decision).data)
            else:
                out.append(report_for(r.ws, r.decision, sid, title=title, day=r.day,
                                      entries=entries).data)
    return out


def _render(r: _Render, jobs: list[_Job]) -> list[bytes]:
    """Every document, in order; a large dossier in two parts (the first also holds the
    two long documents) that may be rendered on two processes (the documents are
    independent)."""
    parts: list[Sequence[_Job]] = [jobs]
    if parallel.worth_splitting("reports", len(jobs)):
        parts = parallel.halves(jobs, len(jobs) * 9 // 20 + 2)
    return [body for part in parallel.map_parts(_render_part, r, parts) for body in part]


def _contents(issuer: str, year: int, level: str, files: list[tuple[str, bytes]],
              reports: list[tuple[str, str, str]],
              initiatives: list[tuple[str, str, str, str, str]], as_of: date,
              commit: str) -> bytes:
    """The table of contents and the list of initiatives (one document)."""
    d = StateDocument()
    d.para(issuer.upper(), align=CENTER, bold=True, after=0)
    d.para("MỤC LỤC HỒ SƠ", align=CENTER, bold=True, after=0)
    d.para(f"Đề nghị khen thưởng {proposal_doc.LEVELS[level]} năm {year}",
           align=CENTER, bold=True, after=12)
    rows = [("1", "Tờ trình đề nghị khen thưởng, kèm danh sách", files[0][0]),
            ("2", "Biên bản họp Hội đồng Thi đua - Khen thưởng", files[1][0])]
    rows += [(str(i), f"Báo cáo thành tích: {who} — {title}", name)
             for i, (name, who, title) in enumerate(reports, 3)]
    if initiatives:
        rows.append((str(len(rows) + 1), "Danh sách sáng kiến được công nhận (trong văn bản này)",
                     "00-muc-luc.docx"))
    d.table(["STT", "Tài liệu", "Tệp"], rows, [1.3, 8.2, 6.5], aligns=[CENTER, LEFT, LEFT],
            size=12)
    if initiatives:
        d.para("", after=6)
        d.para("DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN", align=CENTER, bold=True, after=6,
               keep_next=True)
        d.table(["STT", "Người", "Sáng kiến", "Quyết định công nhận", "Ngày", "Phạm vi"],
                [(str(i), *r) for i, r in enumerate(initiatives, 1)],
                [1.3, 3.0, 5.0, 2.8, 2.3, 1.6], size=11)
    return stamp(d.to_bytes(), title=f"Mục lục hồ sơ đề nghị khen thưởng năm {year}",
                 params={"loai": KIND, "nam": year, "cap": level, "ngay_xet": str(as_of)},
                 commit=commit, created=datetime(as_of.year, as_of.month, as_of.day))


def to_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A deterministic zip (fixed times, fixed order)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            # .docx and .pdf are compressed already: store them as they are
            info.compress_type = (zipfile.ZIP_STORED if name.endswith((".docx", ".pdf"))
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()


def merged_pdf(files: list[tuple[str, bytes]]) -> tuple[bytes | None, str]:
    """All documents as one PDF (LibreOffice converts, pdfunite joins); (None, why) when a
    tool is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    unite = shutil.which("pdfunite")
    if soffice is None or unite is None:
        missing = "LibreOffice" if soffice is None else "pdfunite (poppler-utils)"
        return None, f"không có {missing} trên máy này: không gộp PDF"
    with tempfile.TemporaryDirectory(prefix="thidua-hoso-") as tmp:
        folder = Path(tmp)
        docs = []
        for i, (_name, data) in enumerate(files):
            p = folder / f"{i:05d}.docx"
            p.write_bytes(data)
            docs.append(p)
        done = subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo",
                               "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                               *map(str, docs)], capture_output=True, timeout=1800,
                              check=False)
        pdfs = [folder / f"{p.stem}.pdf" for p in docs]
        if done.returncode != 0 or not all(p.exists() for p in pdfs):
            return None, "LibreOffice không chuyển được văn bản sang PDF"
        target = folder / "ho-so.pdf"
        joined = subprocess.run([unite, *map(str, pdfs), str(target)], capture_output=True,
                                timeout=600, check=False)
        if joined.returncode != 0:
            return None, "pdfunite không gộp được các tệp PDF"
        return target.read_bytes(), ""
