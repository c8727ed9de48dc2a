"""Biên bản họp Hội đồng Thi đua - Khen thưởng: attendance, and for every title and award
proposed, each proposal with the council's vote and what the decision step made of it (the
same verdicts as the tally and the decisions, each "not" with its reason), and the council's
choices where a cap was exceeded (Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.decide.outcome import Entry, EntryStatus
from thidua.decide.year import PERSON_TITLES, UNIT_TITLES, YearDecision
from thidua.model import entities as m
from thidua.model import vocab
from thidua.render.base import (
    AnnexRow,
    DocumentError,
    Letterhead,
    council_member,
    grouped_annex,
    held_meeting,
    letterhead,
    official_date,
    official_name,
    place_date,
    refuse_unlawful,
    roman,
)
from thidua.rules import meeting as votes

KIND = "bien-ban"
CHAIR = "Chủ tịch Hội đồng"
RESULT_WORDS = {
    EntryStatus.RECOGNISED: "Đủ điều kiện",
    EntryStatus.NOT_MET: "Không đủ điều kiện",
    EntryStatus.UNKNOWN: "Chưa đủ căn cứ",
    EntryStatus.DEFERRED: "Tạm chưa xét",
    EntryStatus.ELSEWHERE: "Thuộc thẩm quyền cơ quan khác",
    EntryStatus.NOT_CHOSEN: "Không được Hội đồng chọn",
    EntryStatus.NO_LAW: "Chưa có quy định",
}


@dataclass(frozen=True)
class MinutesContent:
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
    recipients: tuple[str, ...]  # Nơi nhận (Mẫu 1.9)
    annex_title: tuple[str, str]
    rows: tuple[tuple[str, ...], ...]
    group_rows: tuple[int, ...]


def params(year: int, as_of: date) -> dict[str, object]:
    return {"loai": KIND, "nam": year, "ngay_xet": str(as_of)}


def _ratio(v: m.Vote) -> str:
    return f"{round(v.agree * 100 / v.total)}%"


def result_text(e: Entry) -> str:
    """The result column: the status, and for a "not" its first reason."""
    words = RESULT_WORDS[e.status]
    if e.status in (EntryStatus.RECOGNISED, EntryStatus.NOT_CHOSEN) or not e.reasons:
        return words  # a council's own choice needs no further reason in its own minutes
    first = e.reasons[0]
    return f"{words}: {first.text[:1].lower()}{first.text[1:]}"


def _summary(label: str, entries: list[Entry], how: str) -> str:
    by: dict[EntryStatus, int] = {}
    for e in entries:
        by[e.status] = by.get(e.status, 0) + 1
    parts = [f"{n:02d} {RESULT_WORDS[s][:1].lower()}{RESULT_WORDS[s][1:]}"
             for s, n in by.items()]
    return f"- {label}: {len(entries):02d} đề nghị{how}; " + ", ".join(parts) + ";"


def _how(yr: m.Year, title: str, entries: list[Entry]) -> str:
    """How the council voted on a title, from the meeting data (else from the units' results:
    how many proposals carry a count)."""
    found = votes.voting_meeting(yr, title)
    if found is None:
        voted = sum(1 for e in entries if e.vote is not None)
        return f", {voted:02d} đề nghị có kết quả biểu quyết" if voted else ""
    mt, tv = found
    written = sum(1 for op in mt.opinions if op.title == title)
    opinions = f", {written:02d} ý kiến bằng văn bản của thành viên vắng mặt" if written else ""
    if tv.method == vocab.BO_PHIEU_KIN:
        return (f", bỏ phiếu kín: {tv.issued or 0:02d} phiếu phát ra, {tv.returned or 0:02d} thu "
                f"về, {tv.valid or 0:02d} hợp lệ{opinions} (Biên bản kiểm phiếu)")
    present = sum(1 for mb in mt.members if mb.present)
    whole = (f" {tv.everyone:02d}/{present:02d} thành viên có mặt đồng ý cả danh sách"
             if tv.everyone is not None else "")
    return f", biểu quyết giơ tay:{whole}{opinions}"


def build_content(d: YearDecision) -> MinutesContent:
    org = d.repo.org
    if org is None:
        raise DocumentError("thiếu to_chuc.yaml")
    yr = d.repo.years.get(d.year) or m.Year(d.year)
    meeting = held_meeting(d)
    if d.choice is None:
        raise DocumentError(d.no_law.explanation() if d.no_law else "chưa có quy định",
                            d.no_law.hint if d.no_law else None)
    refuse_unlawful(d)
    names = org.names_on(meeting.day)
    council = f"Hội đồng Thi đua - Khen thưởng {names.name}"
    chair = next((mb for mb in meeting.members if mb.role == CHAIR), None)
    secretary = next((mb for mb in meeting.members if "Thư ký" in mb.role), None)
    if chair is None or secretary is None:
        raise DocumentError("phiên họp cần có thành viên vai trò \"Chủ tịch Hội đồng\" và "
                            "thành viên làm Thư ký Hội đồng")
    present = [mb for mb in meeting.members if mb.present]
    absent = [mb for mb in meeting.members if not mb.present]
    chair_name, chair_title = council_member(d.repo, chair.person)
    sec_name, sec_title = council_member(d.repo, secretary.person)
    attendance = [f"1. Chủ trì: đồng chí {chair_name}, {chair_title}, {CHAIR}.",
                  f"2. Thư ký: đồng chí {sec_name}, {sec_title}.",
                  f"3. Thành viên Hội đồng có mặt: {len(present):02d}/{len(meeting.members):02d}"
                  " thành viên:"]
    for i, mb in enumerate(present):
        name, title = council_member(d.repo, mb.person)
        end = "." if i == len(present) - 1 else ";"
        attendance.append(f"- Đồng chí {name}, {title}, {mb.role}{end}")
    if absent:
        wrote = {op.member for op in meeting.opinions}
        gone = "; ".join(f"đồng chí {council_member(d.repo, mb.person)[0]}"
                         + (f" ({mb.reason})" if mb.reason else "")
                         + (", có ý kiến bằng văn bản" if mb.person in wrote else "")
                         for mb in absent)
        attendance.append(f"Vắng mặt: {len(absent):02d} thành viên: {gone}.")
    else:
        attendance.append("Vắng mặt: không.")

    units = {u.id: u for u in org.units}
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    results = [f"{council} đã nghe Thường trực Hội đồng báo cáo kết quả bình xét của các "
               "phòng, đơn vị; thảo luận, biểu quyết và đối chiếu từng đề nghị với tiêu chuẩn, "
               "điều kiện và thẩm quyền theo quy định. Kết quả (chi tiết tại danh sách kèm "
               "theo):"]
    choices: list[str] = []
    passed: list[str] = []
    for collective, titles in ((False, PERSON_TITLES), (True, UNIT_TITLES)):
        for title in titles:
            outcome = d.outcome(title, collective)
            entries = list(outcome.entries)
            if not entries:
                continue
            label = f"\"{official_name(title, entries)}\"" + (
                " (tập thể)" if collective and title in PERSON_TITLES else "")
            results.append(_summary(label, entries, _how(yr, title, entries)))
            # Another body's proposals are passed on, not considered: one line, not a list.
            elsewhere = [e for e in entries if e.status is EntryStatus.ELSEWHERE]
            for body in sorted({e.decider.name for e in elsewhere if e.decider}):
                mine = [e for e in elsewhere if e.decider and e.decider.name == body]
                passed.append(f"{len(mine):02d} đề nghị {label} thuộc thẩm quyền của {body}: "
                              "Thường trực Hội đồng chuyển đến cơ quan đó, Hội đồng không xét.")
            entries = [e for e in entries if e.status is not EntryStatus.ELSEWHERE]
            if not entries:
                continue
            group_rows.append(len(rows))
            rows.append((roman(len(group_rows)), label, "", "", "", ""))
            for i, e in enumerate(entries, 1):
                unit = "" if collective else (units[e.unit].name if e.unit in units else e.unit)
                rows.append((str(i), e.name, unit,
                             f"{e.vote.agree}/{e.vote.total}" if e.vote else "—",
                             _ratio(e.vote) if e.vote and e.vote.total else "—",
                             result_text(e)))
            if outcome.chosen:
                kept = [e.name for e in entries if e.status is EntryStatus.RECOGNISED]
                choices.append(f"Số đề nghị {label} vượt số lượng tối đa; Hội đồng biểu quyết "
                               f"lựa chọn {len(kept):02d} "
                               f"{'tập thể' if collective else 'cá nhân'}: {', '.join(kept)}.")
    if len(results) == 1:
        raise DocumentError(f"chưa có đề nghị nào năm {d.year} (khóa de_nghi trong ket_qua/)")
    results[-1] = results[-1][:-1] + "."
    results += passed
    results += choices
    results.append(f"Hội đồng thống nhất đề nghị {chair_title} {names.name} xem xét công nhận, "
                   "khen thưởng theo thẩm quyền và trình cấp trên khen thưởng đối với các tập "
                   "thể, cá nhân đủ điều kiện theo danh sách kèm theo.")
    when = official_date(meeting.day)
    start = f"Vào lúc {meeting.start}, " if meeting.start else "Vào "
    end = (f"Cuộc họp kết thúc vào lúc {meeting.end} cùng ngày. " if meeting.end else
           "Cuộc họp kết thúc cùng ngày. ")
    return MinutesContent(
        parent=names.parent, issuer=names.name,
        number_line="Số:      /BB-HĐTĐKT",
        place_date=place_date(names.place, meeting.day),
        subject=f"Họp {council} xét thi đua, khen thưởng năm {d.year}",
        opening=(f"{start}{when}, tại {meeting.place}, {council} họp xét thi đua, khen thưởng "
                 f"năm {d.year}."),
        attendance=tuple(attendance), results=tuple(results),
        closing=(f"{end}Biên bản đã được đọc lại trước Hội đồng và các thành viên có mặt "
                 "nhất trí thông qua./."),
        secretary=("THƯ KÝ HỘI ĐỒNG", sec_name), chair=(CHAIR.upper(), chair_name),
        recipients=(f"- {chair_title} (để báo cáo);", "- Thành viên Hội đồng;",
                    "- Lưu: VT, Hồ sơ."),
        annex_title=(f"Kết quả xét thi đua, khen thưởng năm {d.year}",
                     f"(Kèm theo Biên bản họp {council} {when})"),
        rows=tuple(rows), group_rows=tuple(group_rows))


class Context(Letterhead):
    """The variables a minutes template may use."""

    trich_yeu: str
    mo_dau: str
    thanh_phan: list[str]
    noi_dung: list[str]
    ket_thuc: str
    chuc_danh_thu_ky: str
    thu_ky: str
    chuc_danh_chu_tri: str
    chu_tri: str
    noi_nhan: list[str]
    phu_luc_tieu_de: str
    phu_luc_kem_theo: str


def context(c: MinutesContent) -> Context:
    return Context(
        **letterhead(c.parent, c.issuer, c.number_line, c.place_date),
        trich_yeu=c.subject, mo_dau=c.opening,
        thanh_phan=list(c.attendance), noi_dung=list(c.results),
        ket_thuc=c.closing, chuc_danh_thu_ky=c.secretary[0],
        thu_ky=c.secretary[1], chuc_danh_chu_tri=c.chair[0],
        chu_tri=c.chair[1], noi_nhan=list(c.recipients), phu_luc_tieu_de=c.annex_title[0],
        phu_luc_kem_theo=c.annex_title[1],
    )


def annex(c: MinutesContent) -> list[AnnexRow]:
    return grouped_annex(("stt", "ten", "don_vi", "so_phieu", "ty_le", "ket_qua"), c.rows,
                         c.group_rows)
