"""What happened after signing: the record of each decision (`thidua record-decision`), so
that next year's multi-year checks do not depend on retyping, and the history of a person or
unit across the years (`thidua history`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from thidua import io
from thidua.decide.history import History, history
from thidua.diagnostics import Diagnostic, make
from thidua.errors import DataError, DataProblems
from thidua.library.repository import open_org
from thidua.load import files
from thidua.load.repository import locate_diagnostics
from thidua.model import entities as m
from thidua.model import vocab
from thidua.render import decision as decision_doc
from thidua.render.provenance import ProvenanceError, content_hash, read_parts, read_stamp
from thidua.textutil import BadDate, ascii_slug, parse_date
from thidua.yamlout import dumps


def person_history(root: Path, sid: str, *, org: str | None = None) -> History:
    ws = open_org(root, org, None, what="xem lịch sử", whole=True)
    found = history(ws.repo, sid)
    if found is None:
        raise DataError(f"không có người hay đơn vị mã \"{sid}\"",
                        "Xem mã trong nhan_su/ (người) hoặc to_chuc.yaml (đơn vị).")
    return found


@dataclass(frozen=True)
class Recorded:
    path: str  # repository path written
    number: str
    title: str
    count: int


def record_decision(root: Path, docx: bytes, *, number: str, day: date,
                    signed: bool = False, org: str | None = None) -> Recorded:
    """Write a signed decision into <năm>/khen_thuong/: its number, date, decider, title and
    who it names, as the current data yields it (the document must still match the data,
    which `thidua verify` checks; ``signed`` records it as the signed document says even so,
    by its annex)."""
    from thidua.library.documents import render_decision

    try:
        parts = read_parts(docx)
        stamp = read_stamp(parts)
    except ProvenanceError as exc:
        raise DataError(str(exc)) from None
    params: dict[str, Any] = stamp.params
    if params.get("loai") != decision_doc.KIND:
        raise DataError("tệp không phải quyết định công nhận do thidua in",
                        "Ghi lại quyết định từ tệp .docx của thidua render-decision.")
    if content_hash(parts) != stamp.identifier and not signed:
        raise DataError("nội dung văn bản đã bị sửa sau khi thidua tạo",
                        "In lại bằng thidua render-decision, hoặc thêm --da-ky nếu đây đúng là "
                        "văn bản đã ký.")
    if not number.strip() or len(number) > 40 or not number.isprintable():
        raise DataError("số quyết định (--so) không hợp lệ",
                        "Ghi số trên một dòng, ví dụ 05 hoặc 05/QĐ-STP.")
    year, as_of, signed_day = _stamped(params)
    req = decision_doc.DecisionRequest.from_params(params, signed_day)
    again = render_decision(root, year, req, org=org, as_of=as_of)
    content: decision_doc.Content = again.content
    same = content_hash(read_parts(again.data)) == stamp.identifier
    if not same and not signed:
        raise DataError("dữ liệu đã thay đổi so với lúc in quyết định này",
                        "In lại quyết định, trình ký lại; hoặc thêm --da-ky để ghi đúng danh "
                        "sách của văn bản đã ký.")
    ids = list(content.ids)
    if not same:
        ids = _ids_from_annex(root, docx, content.people, org)
    ws = open_org(root, org, year, what="ghi quyết định", whole=True)
    assert ws.repo.org is not None
    abbr = ws.repo.org.names_on(day).abbr
    plain = number.isascii() and number.isdigit()
    full = number if "/" in number else f"{int(number):02d}/QĐ-{abbr}" if plain else number
    yr = ws.repo.years.get(year)
    for d in (yr.awards if yr else ()):
        if d.number != full:
            continue
        at = (*d.src.path, "so_quyet_dinh")
        diag = (make("TD601", d.src.file, path=at, number=full, title=d.title)
                if d.title == content.title else
                make("TD602", d.src.file, path=at, number=full, year=year, other=d.title))
        raise DataProblems(locate_diagnostics([diag]), "ghi quyết định",
                           message="không ghi quyết định này: " + (
                               "đã được ghi" if diag.code == "TD601" else "số đã dùng"),
                           hint=diag.hint)
    if day < as_of.replace(year=as_of.year - 1):
        raise DataError(f"ngày ký {day} trước năm xét", "Kiểm tra --ngay.")
    doc: dict[str, Any] = {"so_quyet_dinh": full, "ngay": day,
                           "nguoi_quyet_dinh": content.decider, "danh_hieu": content.title}
    doc["ca_nhan" if content.people else "tap_the"] = ids
    twice = _recorded_already(yr.awards if yr else [], ids, content.title, content.people,
                              year)
    if twice:
        raise DataProblems(locate_diagnostics(twice), "ghi quyết định",
                           message=f"không ghi quyết định này: {len(twice)} người, tập thể "
                                   f"đã được ghi khen thưởng \"{content.title}\" năm {year}",
                           hint="In lại quyết định (thidua render-decision bỏ những người đã "
                                "được ghi), hoặc bỏ họ khỏi văn bản trước khi ký.")
    slug = ascii_slug(vocab.short_name(content.title)) or "quyet-dinh"
    name = f"qd-{slug}-{ascii_slug(full.split('/')[0])}-{year}.yaml"
    target = ws.folder / str(year) / "khen_thuong" / name
    if target.exists():
        raise DataError(f"đã có tệp {target.name}", "Quyết định này có thể đã được ghi.")
    shown = files.display_path(target)
    header = "# yaml-language-server: $schema=../../../../schema/khen_thuong.schema.json\n"
    header += (f"# Ghi bằng thidua record-decision từ văn bản in ngày xét {as_of.isoformat()}"
               + (" (ghi theo văn bản đã ký)" if not same else "") + ".\n")
    io.write_text_atomic(target, dumps(doc, header=header))
    return Recorded(shown, full, content.title, len(ids))


def _stamped(params: dict[str, Any]) -> tuple[int, date, date | None]:
    """The year, decision date and signing date a document's stamp names; a stamp that
    does not hold them (forged, damaged) is refused."""
    try:
        year = int(str(params["nam"]), 10) if str(params["nam"]).isascii() else 0
        as_of = parse_date(str(params["ngay_xet"]))
        day = parse_date(str(params["ngay"])) if params.get("ngay") else None
        complete = all(isinstance(params.get(k), str) and params[k]
                       for k in ("danh_hieu", "theo_de_nghi"))
    except (KeyError, ValueError, BadDate):
        year, complete = 0, False
    if not complete or not 1990 <= year <= 2100:
        raise DataError("thông tin nguồn gốc trong tệp .docx không đầy đủ hoặc không hợp lệ",
                        "Ghi lại từ tệp .docx do thidua render-decision in ra (không sửa phần "
                        "thông tin của tệp).")
    return year, as_of, day


def _recorded_already(awards: list[m.AwardDecision], ids: list[str], title: str,
                      people: bool, year: int) -> list[Diagnostic]:
    """TD604 for each of ``ids`` already recorded for ``title`` in the year, located at the
    earlier record."""
    key, wanted = ("ca_nhan" if people else "tap_the"), set(ids)
    out = []
    for a in awards:
        if a.title != title:
            continue
        for i, sid in enumerate(a.people if people else a.units):
            if sid in wanted:
                out.append(make("TD604", a.src.file, path=(*a.src.path, key, i), who=sid,
                                title=title, year=year, number=a.number, other=a.src.file))
    return out


def _ids_from_annex(root: Path, docx: bytes, people: bool, org: str | None) -> list[str]:
    """The codes of the names in a signed decision's annex (each name must be unique)."""
    from thidua.render.docx_writer import extract

    ws = open_org(root, org, None, what="đọc phụ lục", whole=True)
    assert ws.repo.org is not None
    if people:
        pool: dict[str, list[str]] = {}
        for p in ws.repo.people.values():
            pool.setdefault(vocab.fold(p.name), []).append(p.id)
    else:
        pool = {vocab.fold(u.name): [u.id] for u in ws.repo.org.units}
    ids, unclear = [], []
    for line in extract(docx):
        cells = [c.split("] ", 1)[-1].strip() for c in line.strip("| ").split(" || ")]
        if line.startswith("| ") and cells[0].isdigit() and len(cells) >= 2:
            found = pool.get(vocab.fold(cells[1]), [])
            if len(found) == 1:
                ids.append(found[0])
            else:
                unclear.append(cells[1])
    if unclear:
        raise DataError("không xác định được mã của: " + ", ".join(unclear[:10]),
                        "Tên trùng hoặc không có trong danh sách nhân sự; ghi tệp khen_thuong/ "
                        "bằng tay cho quyết định này.")
    return ids


@dataclass(frozen=True)
class Certificates:
    data: bytes
    count: int  # certificates (pages without the calibration page)
    decisions: tuple[str, ...]  # their numbers


def render_certificates(root: Path, year: int, title: str, *, number: str | None = None,
                        calibration: bool = False, org: str | None = None) -> Certificates:
    """Certificates for everyone a recorded decision of ``year`` names for ``title`` (the
    organisation's own decisions, or the one numbered ``number``), laid out as
    templates/chung-nhan.yaml says (else the default layout)."""
    from datetime import datetime

    from thidua.library.documents import git_commit
    from thidua.render import certificates as cert

    ws = open_org(root, org, year, what="in giấy chứng nhận", whole=True)
    repo = ws.repo
    assert repo.org is not None
    yr = repo.years.get(year)
    recorded = [d for d in (yr.awards if yr else ()) if d.title == title]
    if number is not None:
        chosen = [d for d in recorded if d.number == number or d.number.split("/")[0]
                  .lstrip("0") == number.lstrip("0")]
    else:
        chosen = [d for d in recorded
                  if d.decided_by.endswith(repo.org.names_on(d.day).name)]
    if not chosen:
        others = ", ".join(d.number for d in recorded)
        raise DataError(
            f"chưa ghi quyết định \"{title}\" năm {year}"
            + (f" số {number}" if number else " của tổ chức") + " trong khen_thuong/",
            (f"Các quyết định đã ghi: {others}; chọn bằng --so." if others else
             "Sau khi quyết định được ký, ghi lại bằng thidua record-decision TỆP.docx --so "
             "SỐ --ngay NGÀY."))
    chosen.sort(key=lambda d: (d.day, d.number))
    layout = certificate_layout(root)
    params: dict[str, Any] = {"loai": cert.KIND, "nam": year, "danh_hieu": title,
                              "can_chinh": "co" if calibration else "khong"}
    if number is not None:
        params["so"] = number
    pages = cert.certificates_for(repo, chosen, year)
    first = chosen[0].day
    data = cert.build(layout, pages, calibration=calibration,
                      title=f"Giấy chứng nhận \"{title}\" năm {year}", params=params,
                      commit=git_commit(root), created=datetime(first.year, first.month,
                                                                first.day))
    return Certificates(data, len(pages), tuple(d.number for d in chosen))


def certificate_layout(root: Path) -> Any:
    """templates/chung-nhan.yaml of the repository (located errors when a position is bad),
    else the default layout."""
    from thidua.load import files
    from thidua.load.certificate_layout import (
        LAYOUT_FILE,
        MAX_LAYOUT_BYTES,
        default_layout,
        read_layout,
    )

    own = root / "templates" / LAYOUT_FILE
    if own.is_symlink() or (own.exists() and not own.is_file()):
        raise DataError(f"{own} không phải tệp thường (không đọc liên kết)")
    if not own.is_file():
        return default_layout()
    raw = files.read_bytes(own, MAX_LAYOUT_BYTES * 4)
    if isinstance(raw, OSError):
        raise DataError(f"không đọc được {own}: {files.os_error(raw)}")
    if isinstance(raw, int):
        raise DataError(f"{own} quá lớn ({raw // 1024} KB)")
    layout, diags = read_layout(raw, files.display_path(own))
    if layout is None or any(d.severity.name == "ERROR" for d in diags):
        raise DataProblems(diags, "in giấy chứng nhận",
                           message=f"vị trí in trong {files.display_path(own)} chưa đúng",
                           hint="sửa tệp theo từng lỗi ở trên rồi in lại")
    return layout


def statistics_of(root: Path, year: int, *, org: str | None = None) -> Any:
    """The statistical tables of ``year`` from its plans and recorded decisions."""
    from thidua.report.statistics import statistics

    ws = open_org(root, org, year, what="thống kê", whole=True)
    if year not in ws.repo.years:
        raise DataError(f"kho dữ liệu chưa có năm {year}",
                        "Tạo thư mục năm (thidua init) và ghi kế hoạch, quyết định của năm.")
    return statistics(ws.repo, year)


def render_statistics(root: Path, year: int, fmt: str, *, org: str | None = None
                      ) -> tuple[bytes, tuple[str, ...]]:
    """The tables as a workbook (``xlsx``) or a document to sign (``docx``), and the notes on
    how the figures were drawn (for the office, not printed on the forms)."""
    from datetime import datetime

    from thidua.library.documents import git_commit
    from thidua.render import statistics as stats_doc

    s = statistics_of(root, year, org=org)
    if fmt == "xlsx":
        return stats_doc.to_xlsx(s), s.notes
    return stats_doc.to_docx(s, params={"loai": stats_doc.KIND, "nam": year},
                             commit=git_commit(root), created=datetime(year, 12, 31)), s.notes
