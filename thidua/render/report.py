"""Báo cáo thành tích: the achievement report of a person or a unit proposed for a title or
an award, pre-filled with what thidua knows (identity, unit, position, ratings, initiatives,
titles and awards with their decisions); what only the person can write is left as clearly
marked paragraphs with the form's guidance. Pure.

The structure follows the achievement report forms in use (Mẫu số 01 for a collective and
Mẫu số 02 for an individual of the annex to Nghị định 91/2017/NĐ-CP, which Nghị định
98/2023/NĐ-CP kept): I. sơ lược lý lịch (đặc điểm, tình hình), II. thành tích đạt được,
III. các hình thức đã được khen thưởng, certified by the head of the unit. The annex of Nghị
định 152/2025/NĐ-CP was not available to check its exact layout: the document says so in its
properties, and the README repeats it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.decide.history import History
from thidua.model import entities as m
from thidua.model import vocab
from thidua.render.base import AnnexRow, Letterhead, letterhead, place_date
from thidua.textutil import vn_date

KIND = "bao-cao-thanh-tich"
UNVERIFIED = ("Cấu trúc theo Mẫu số 01, 02 Phụ lục Nghị định 91/2017/NĐ-CP (giữ ở Nghị định "
              "98/2023/NĐ-CP); bố cục mẫu của Nghị định 152/2025/NĐ-CP chưa đối chiếu được.")
WRITE = "[Phần cá nhân, đơn vị tự viết: {what}]"


def params(sid: str, year: int, as_of: date, title: str, day: date | None) -> dict[str, object]:
    return {"loai": KIND, "ma": sid, "nam": year, "ngay_xet": str(as_of), "danh_hieu": title,
            "ngay": str(day) if day else None, "mau": UNVERIFIED}


@dataclass(frozen=True)
class ReportContent:
    parent: str
    issuer: str
    place_date: str
    heading: str  # "ĐỀ NGHỊ TẶNG DANH HIỆU …"
    period: str  # "(Năm 2023)"
    collective: bool
    profile: tuple[str, ...]  # I.
    duties: tuple[str, ...]  # II.1
    achievements: tuple[str, ...]  # II.2
    left_sign: str
    right_sign: str
    right_name: str
    titles: tuple[tuple[str, str, str], ...]  # III.1: year, title, decision
    awards: tuple[tuple[str, str, str], ...]  # III.2


def _decision(number: str, day: date, by: str) -> str:
    return f"Quyết định số {number} ngày {vn_date(day)} của {by}"


def build_content(h: History, *, year: int, title: str, official_title: str,
                  org: m.Organisation, unit: m.Unit | None, person: m.Person | None,
                  members: int, day: date | None, as_of: date) -> ReportContent:
    names = org.names_on(day or as_of)
    kind = "Hình thức" if vocab.TITLE_BY_NAME[title].is_award else "Danh hiệu"
    heading = (f"ĐỀ NGHỊ TẶNG {official_title.upper()}" if kind == "Hình thức"
               else f"ĐỀ NGHỊ TẶNG DANH HIỆU \"{official_title.upper()}\"")
    recent = [y for y in h.years if y.year <= year][-5:]
    ratings = "; ".join(f"năm {y.year}: {y.rating}" for y in recent if y.rating)
    initiatives = [
        f"- Sáng kiến \"{i.name}\", được công nhận tại {i.decision} ngày {vn_date(i.day)}, "
        f"phạm vi ảnh hưởng {i.scope}."
        for y in recent for i in y.initiatives]
    unit_name = unit.name if unit else (h.name if h.subject == vocab.TAP_THE else "")
    profile: tuple[str, ...]
    if person is not None:
        profile = (
            f"- Họ và tên: {person.name}. Giới tính: {person.gender}.",
            f"- Ngày, tháng, năm sinh: {WRITE.format(what='ngày sinh')}",
            f"- Quê quán; nơi thường trú: {WRITE.format(what='quê quán, nơi thường trú')}",
            f"- Đơn vị công tác: {unit_name}, {names.name} ({names.parent}).",
            f"- Chức vụ: {person.title}. Ngày tuyển dụng: {vn_date(person.recruited)}.",
            f"- Trình độ chuyên môn, nghiệp vụ; lý luận chính trị: "
            f"{WRITE.format(what='trình độ')}",
        )
        duties: tuple[str, ...] = (WRITE.format(what="quyền hạn, nhiệm vụ được giao hoặc đảm "
                                                       "nhận"),)
        left, right, right_name = ("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", "NGƯỜI BÁO CÁO",
                                   person.name)
    else:
        profile = (
            f"1. Đặc điểm, tình hình: {unit_name} thuộc {names.name}; {members:02d} người "
            f"(năm {year}). {WRITE.format(what='cơ cấu tổ chức, cơ sở vật chất, đặc điểm')}",
            f"2. Chức năng, nhiệm vụ: {WRITE.format(what='chức năng, nhiệm vụ được giao')}",
        )
        duties = ()
        left, right, right_name = ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ",
                                   "")
    achievements = (
        f"- Kết quả xếp loại: {ratings}." if ratings else
        "- Kết quả xếp loại: chưa có dữ liệu trong kho.",
        *initiatives,
        WRITE.format(what="kết quả thực hiện nhiệm vụ, các giải pháp, biện pháp và hiệu quả "
                          "cụ thể; phải phù hợp tiêu chuẩn của " + kind.lower() + " đề nghị"),
    )
    titles = tuple((str(a.year), a.title, _decision(a.number, a.day, a.decided_by))
                   for a in h.titles() if a.year <= year)
    awards = tuple((str(a.year), a.title, _decision(a.number, a.day, a.decided_by))
                   for a in h.commendations() if a.year <= year)
    return ReportContent(
        parent=names.parent if person is None else names.name,
        issuer=unit_name if person is not None else names.name,
        place_date=place_date(names.place, day, as_of.year),
        heading=heading, period=f"(Năm {year})", collective=person is None,
        profile=profile, duties=duties, achievements=achievements,
        left_sign=left, right_sign=right, right_name=right_name,
        titles=titles, awards=awards)


class Context(Letterhead):
    """The variables an achievement report template may use."""

    tieu_de: str
    giai_doan: str
    muc_1: str
    so_luoc: list[str]
    nhiem_vu: list[str]
    thanh_tich: list[str]
    ky_trai: str
    ky_phai: str
    ten_ky_phai: str


def context(c: ReportContent) -> Context:
    return Context(
        **letterhead(c.parent, c.issuer, "", c.place_date),
        tieu_de=c.heading, giai_doan=c.period,
        muc_1="I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" if c.collective else "I. SƠ LƯỢC LÝ LỊCH",
        so_luoc=list(c.profile), nhiem_vu=list(c.duties), thanh_tich=list(c.achievements),
        ky_trai=c.left_sign, ky_phai=c.right_sign, ten_ky_phai=c.right_name)


NONE = "Không"  # what a table of part III says when there is nothing to list


def annex(c: ReportContent) -> list[AnnexRow]:
    """The two tables of part III; a table with nothing to list says "Không" (an empty row
    reads as a form left unfilled)."""
    rows = [AnnexRow({"dh_nam": y, "dh_ten": t, "dh_qd": q}) for y, t, q in c.titles] or [
        AnnexRow({"dh_ten": NONE})]
    rows += [AnnexRow({"kt_nam": y, "kt_ten": t, "kt_qd": q}) for y, t, q in c.awards] or [
        AnnexRow({"kt_ten": NONE})]
    return rows

