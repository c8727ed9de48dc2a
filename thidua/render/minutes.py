"""Biên bản họp Hội đồng Thi đua - Khen thưởng: attendance and the vote on every proposal,
with the verdict of the rules in force (Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.4).
Pure: data in, .docx bytes out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from thidua.model import entities as m
from thidua.render.decision import ROMAN, DecisionError, letterhead, place_date
from thidua.render.provenance import Digestible, properties
from thidua.render.templates import AnnexRow
from thidua.render.templates import render as render_template
from thidua.tally.compute import TallyResult

CHAIR = "Chủ tịch Hội đồng"
VERDICT_WORDS = {True: "Đủ điều kiện", False: "Không đủ điều kiện", None: "Chưa xác định"}


@dataclass(frozen=True)
class MinutesContent(Digestible):
    parent: str
    issuer: str
    number_line: str
    place_date: str
    subject: str
    opening: str
    attendance: tuple[str, ...]
    results: tuple[str, ...]
    closing: str
    secretary: tuple[str, str]
    chair: tuple[str, str]
    annex_title: tuple[str, str]
    rows: tuple[tuple[str, ...], ...]
    group_rows: tuple[int, ...]



def _who(repo: m.Repository, pid: str) -> tuple[str, str]:
    """(name, position) of a council member: a person of the roster or a signer."""
    if pid in repo.people:
        p = repo.people[pid]
        return p.name, p.title
    for s in repo.org.signers if repo.org else ():
        if s.id == pid:
            return s.name, s.title
    return pid, ""


def _ratio(v: m.Vote) -> str:
    return f"{round(v.agree * 100 / v.total)}%"


def build_content(repo: m.Repository, result: TallyResult) -> MinutesContent:
    org = repo.org
    if org is None:
        raise DecisionError("thiếu to_chuc.yaml")
    yr = repo.years.get(result.year) or m.Year(result.year)
    if not yr.meetings:
        raise DecisionError(f"chưa có dữ liệu phiên họp Hội đồng năm {result.year}: tạo tệp "
                            f"{result.year}/hoi_dong/<phiên họp>.yaml (xem README)")
    meeting = max(yr.meetings, key=lambda mt: mt.day)
    names = org.names_on(meeting.day)
    council = f"Hội đồng Thi đua - Khen thưởng {names.name}"
    chair = next((mb for mb in meeting.members if mb.role == CHAIR), None)
    secretary = next((mb for mb in meeting.members if "Thư ký" in mb.role), None)
    if chair is None or secretary is None:
        raise DecisionError("phiên họp cần có thành viên vai trò \"Chủ tịch Hội đồng\" và "
                            "thành viên làm Thư ký Hội đồng")
    present = [mb for mb in meeting.members if mb.present]
    absent = [mb for mb in meeting.members if not mb.present]
    chair_name, chair_title = _who(repo, chair.person)
    sec_name, sec_title = _who(repo, secretary.person)
    attendance = [f"1. Chủ trì: đồng chí {chair_name}, {chair_title}, {CHAIR}.",
                  f"2. Thư ký: đồng chí {sec_name}, {sec_title}.",
                  f"3. Thành viên Hội đồng có mặt: {len(present):02d}/{len(meeting.members):02d}"
                  " thành viên:"]
    for i, mb in enumerate(present):
        name, title = _who(repo, mb.person)
        end = "." if i == len(present) - 1 else ";"
        attendance.append(f"- Đồng chí {name}, {title}, {mb.role}{end}")
    if absent:
        gone = "; ".join(f"đồng chí {_who(repo, mb.person)[0]}"
                         + (f" ({mb.reason})" if mb.reason else "") for mb in absent)
        attendance.append(f"Vắng mặt: {len(absent):02d} thành viên: {gone}.")
    else:
        attendance.append("Vắng mặt: không.")

    units = {u.id: u for u in org.units}
    people = {p.id: p for p in result.people}
    unit_rows = {u.id: u for u in result.units}
    # Every vote recorded, grouped by title (people in the tally's order, then units).
    by_title: dict[str, list[tuple[str, str, m.Vote, bool | None]]] = {}
    for p in result.people:
        res = yr.person_results.get(p.id)
        for v in res.votes if res else ():
            verdict = people[p.id].verdicts.get(v.title)
            by_title.setdefault(v.title, []).append(
                (p.name, units[p.unit].name if p.unit in units else p.unit, v,
                 verdict.eligible if verdict else None))
    for u in result.units:
        ures = yr.unit_results.get(u.id)
        for v in ures.votes if ures else ():
            verdict = unit_rows[u.id].verdicts.get(v.title)
            by_title.setdefault(v.title, []).append(
                (u.name, "", v, verdict.eligible if verdict else None))
    if not by_title:
        raise DecisionError(f"chưa có kết quả biểu quyết nào năm {result.year} (khóa bieu_quyet "
                            "trong ket_qua/)")
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    results = [f"{council} đã nghe Thường trực Hội đồng báo cáo kết quả bình xét của các "
               "phòng, đơn vị; thảo luận và biểu quyết bằng phiếu kín đối với từng đề nghị. "
               "Kết quả (chi tiết tại danh sách kèm theo):"]
    for title, votes in by_title.items():
        ok = sum(1 for *_, e in votes if e is True)
        results.append(f"- \"{title}\": {len(votes):02d} đề nghị được biểu quyết, {ok:02d} "
                       "đủ điều kiện theo quy định;")
        group_rows.append(len(rows))
        rows.append((ROMAN[len(group_rows) - 1] if len(group_rows) <= len(ROMAN) else "",
                     f"\"{title}\"", "", "", "", ""))
        for i, (name, unit, v, eligible) in enumerate(votes, 1):
            rows.append((str(i), name, unit, f"{v.agree}/{v.total}", _ratio(v),
                         VERDICT_WORDS[eligible]))
    results[-1] = results[-1][:-1] + "."
    results.append(f"Hội đồng thống nhất đề nghị {chair_title} {names.name} xem xét công nhận, "
                   "khen thưởng và trình cấp trên khen thưởng đối với các tập thể, cá nhân đủ "
                   "điều kiện theo danh sách kèm theo.")
    day = meeting.day
    when = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    start = f"Vào lúc {meeting.start}, " if meeting.start else "Vào "
    end = (f"Cuộc họp kết thúc vào lúc {meeting.end} cùng ngày. " if meeting.end else
           "Cuộc họp kết thúc cùng ngày. ")
    return MinutesContent(
        parent=names.parent, issuer=names.name,
        number_line="Số:      /BB-HĐTĐKT",
        place_date=place_date(names.place, day),
        subject=f"Họp {council} xét thi đua, khen thưởng năm {result.year}",
        opening=(f"{start}{when}, tại {meeting.place}, {council} họp xét thi đua, khen thưởng "
                 f"năm {result.year}."),
        attendance=tuple(attendance), results=tuple(results),
        closing=(f"{end}Biên bản đã được đọc lại trước Hội đồng và các thành viên có mặt "
                 "nhất trí thông qua./."),
        secretary=("THƯ KÝ HỘI ĐỒNG", sec_name), chair=(CHAIR.upper(), chair_name),
        annex_title=(f"Kết quả biểu quyết xét thi đua, khen thưởng năm {result.year}",
                     f"(Kèm theo Biên bản họp {council} {when})"),
        rows=tuple(rows), group_rows=tuple(group_rows))


def keywords(year: int, as_of: date) -> str:
    return json.dumps({"loai": "bien-ban", "nam": year, "ngay_xet": str(as_of)},
                      ensure_ascii=False, sort_keys=True)


def render(content: MinutesContent, template: bytes, *, keywords: str, commit: str,
           created: datetime) -> bytes:
    context = {
        **letterhead(content.parent, content.issuer, content.number_line, content.place_date),
        "trich_yeu": content.subject, "mo_dau": content.opening,
        "thanh_phan": list(content.attendance), "noi_dung": list(content.results),
        "ket_thuc": content.closing, "chuc_danh_thu_ky": content.secretary[0],
        "thu_ky": content.secretary[1], "chuc_danh_chu_tri": content.chair[0],
        "chu_tri": content.chair[1], "phu_luc_tieu_de": content.annex_title[0],
        "phu_luc_kem_theo": content.annex_title[1],
    }
    group = set(content.group_rows)
    keys = ("stt", "ten", "don_vi", "so_phieu", "ty_le", "ket_qua")
    annex = [AnnexRow(dict(zip(keys, row, strict=True)), i in group)
             for i, row in enumerate(content.rows)]
    return render_template(template, context, annex, properties=properties(
        content.subject, content.digest(), commit, keywords, created))
