"""What every rendered document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): the header
(parent body, issuing body, number, place and date), the signature block, the one date
formatter, the "Căn cứ" lines drawn from the law data and the organisation's data, and the
annex row type. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple, TypedDict

from thidua.decide.outcome import Entry
from thidua.decide.year import YearDecision
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import long_date
from thidua.textutil import vn_long_date

BLANK_DAY, BLANK_MONTH, BLANK_YEAR = "     ", "     ", "       "


class DocumentError(Exception):
    """The request cannot make this document (message in Vietnamese; a data problem)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(i: int) -> str:
    """I, II, … XX, XXI, … for any group of a list (a numbering never changes style)."""
    out = []
    for value, letters in _ROMAN:
        n, i = divmod(i, value)
        out.append(letters * n)
    return "".join(out) or "0"


def official_date(day: date | None, year: int | None = None) -> str:
    """"ngày 05 tháng 01 năm 2024", "ngày 18 tháng 3 năm 2024"; a draft leaves the day and
    month blank and keeps the year when it is known."""
    if day is None:
        return f"ngày {BLANK_DAY} tháng {BLANK_MONTH} năm {year or BLANK_YEAR}"
    return vn_long_date(day)


def place_date(place: str, day: date | None, year: int | None = None) -> str:
    """"Ninh Thuận, ngày 05 tháng 01 năm 2024" (ô 4 of the header)."""
    return f"{place}, {official_date(day, year)}"


def number_text(number: str | None) -> str:
    """"05" for 5 (numbers under ten take a leading zero); blank for a draft."""
    if number and number.isdigit():
        return number.zfill(2)
    return number or "      "


def pick_signer(repo: m.Repository, wanted: str | None) -> m.Signer | None:
    signers = repo.org.signers if repo.org else ()
    if wanted is not None:
        found = [s for s in signers if s.id == wanted]
        if not found:
            raise DocumentError(f"không có người ký mã \"{wanted}\" trong to_chuc.yaml",
                                "các mã người ký: " + ", ".join(s.id for s in signers))
        return found[0]
    heads = [s for s in signers if s.authority is None]
    return heads[0] if heads else (signers[0] if signers else None)


def head_of(signer: m.Signer | None) -> str:
    return (signer.head_title or signer.title) if signer else "Giám đốc"


def signature(signer: m.Signer | None, head: str) -> tuple[str | None, str, str]:
    """(authority line, title line, name): "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name when the
    signer signs for the head or the body, "Q. GIÁM ĐỐC" for an acting head, else None /
    "GIÁM ĐỐC" / name (Nghị định 30/2020/NĐ-CP, Điều 13; Phụ lục I Mục II khoản 7b)."""
    if signer is None:
        return None, head.upper(), ""
    if signer.authority == "Q.":
        return None, f"Q. {(signer.head_title or head).upper()}", signer.name
    if signer.authority:
        return (f"{signer.authority} {(signer.head_title or head).upper()}",
                signer.title.upper(), signer.name)
    return None, signer.title.upper(), signer.name


class Letterhead(TypedDict):
    """Template variables of the header every document shares (Phụ lục I, ô 1–4)."""

    co_quan_chu_quan: str
    co_quan: str
    so_ky_hieu: str
    dia_danh_ngay: str


class Signature(TypedDict):
    """Template variables of the signature block."""

    quyen_han: str
    chuc_vu_ky: str
    nguoi_ky: str


def letterhead(parent: str, issuer: str, number_line: str, place_date: str) -> Letterhead:
    return Letterhead(co_quan_chu_quan=parent.upper(), co_quan=issuer.upper(),
                      so_ky_hieu=number_line, dia_danh_ngay=place_date)


def signature_block(lines: tuple[str | None, str, str]) -> Signature:
    """From :func:`signature`'s three lines."""
    authority, title, name = lines
    return Signature(quyen_han=authority or "", chuc_vu_ky=title, nguoi_ky=name)


def filed_line(org: m.Organisation) -> str:
    """"- Lưu: VT, VP." (the office drafts award papers)."""
    office = next((u for u in org.units if u.id == "van-phong"), None)
    return f"- Lưu: VT, {office.abbr if office and office.abbr else 'VP'}."


class AnnexRow(NamedTuple):
    values: dict[str, str]
    group: bool = False  # a heading row across the whole table (a unit's name, a title)
    bold: bool = False  # a bold row (a total)


def issuer_then(org: m.Organisation, then: date, now: date) -> str:
    """The organisation's name at ``then`` as a document dated ``now`` names it: "Sở Tư pháp
    tỉnh Ninh Thuận" once the province has changed."""
    a, b = org.names_on(then), org.names_on(now)
    if (a.name, a.parent, a.place) == (b.name, b.parent, b.place):
        return a.name
    return f"{a.name} tỉnh {a.place}"


def basis_lines(d: YearDecision, *, day: date, plans: bool = True,
                council: bool = False) -> list[str]:
    """The "Căn cứ …" lines of an award document dated ``day``: the legal texts in force on
    that day (and, when an earlier campaign year keeps earlier criteria, the provision that
    allows it), the organisation's competence texts, the year's regular plan with its number
    and date, and (``council``) the council's meeting. Each line ends with ";"."""
    if d.choice is None:
        raise DocumentError(d.no_law.explanation() if d.no_law else "chưa có quy định áp dụng",
                            d.no_law.hint if d.no_law else None)
    org = d.repo.org
    assert org is not None
    law = d.law
    lines: list[str] = []
    in_force = law.in_force_on(day) or d.choice.in_force
    for tid in in_force.texts:
        text = law.texts.get(tid)
        if text is not None and text.in_force(day):
            lines.append(text.basis_line())
    if d.choice.regime.code != in_force.code:
        for c in d.choice.rule.citations:
            text = law.texts.get(c.text)
            if text is not None and text.basis_line() not in lines and text.in_force(day):
                lines.append(text.basis_line())
    for comp in org.competence:
        if (comp.start is None or comp.start <= day) and (comp.end is None or day <= comp.end):
            lines.append(f"Căn cứ {comp.basis}")
    yr = d.repo.years.get(d.year) or m.Year(d.year)
    if plans:
        for plan in yr.plans:
            if plan.number and plan.form == vocab.THUONG_XUYEN:
                subject = plan.subject[:1].lower() + plan.subject[1:]
                when = f" {long_date(plan.issued)}" if plan.issued else ""
                issuer = issuer_then(org, plan.issued or day, day)
                lines.append(f"Căn cứ Kế hoạch số {plan.number}{when} của {issuer} về {subject}")
    if council:
        meeting = latest_meeting(yr)
        names = org.names_on(day)
        if meeting is not None:
            lines.append(f"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng "
                         f"{names.name} {long_date(meeting.day)}")
    return [line.rstrip(";.") + ";" for line in lines]


def latest_meeting(yr: m.Year) -> m.Meeting | None:
    return max(yr.meetings, key=lambda mt: mt.day) if yr.meetings else None


def held_meeting(d: YearDecision) -> m.Meeting:
    """The year's (latest) council meeting, which the minutes and the ballots need."""
    mt = latest_meeting(d.repo.years.get(d.year) or m.Year(d.year))
    if mt is None:
        raise DocumentError(f"chưa có dữ liệu phiên họp Hội đồng năm {d.year}",
                            f"tạo tệp {d.year}/hoi_dong/<phiên họp>.yaml (xem README)")
    return mt


def council_member(repo: m.Repository, pid: str) -> tuple[str, str]:
    """(name, position) of a council member: a person of the roster or a signer."""
    if pid in repo.people:
        p = repo.people[pid]
        return p.name, p.title
    for s in repo.org.signers if repo.org else ():
        if s.id == pid:
            return s.name, s.title
    return pid, ""


def grouped_annex(keys: Sequence[str], rows: Sequence[Sequence[str]],
                  group_rows: Sequence[int]) -> list[AnnexRow]:
    """Annex lines from rows of cells in ``keys`` order; a group row (a heading) keeps its
    number and title, spanned across the table."""
    group = set(group_rows)
    out = []
    for i, row in enumerate(rows):
        values = dict(zip(keys, row, strict=True))
        if i in group:
            values = {keys[0]: row[0], keys[1]: row[1]}
        out.append(AnnexRow(values, i in group))
    return out


def refuse_unlawful(d: YearDecision, titles: Iterable[str] | None = None) -> None:
    """A count of the council's vote that cannot be (TD412): no document rests on it. A cap
    exceeded with no council choice recorded: there is no lawful set for that title,
    nor for the titles that rest on it (a capped "Lao động tiên tiến" changes who may be "Chiến
    sĩ thi đua cơ sở" and which units reach 70 %). A document about ``titles`` (None: every
    title of the year) is refused; the message names each cap, the count and who is over."""
    impossible = [x for x in d.diagnostics if x.code == "TD412"]
    if impossible:
        first = impossible[0]
        raise DocumentError(
            f"kết quả biểu quyết của Hội đồng không thể có ({len(impossible)} chỗ), ví dụ "
            f"{first.file}{f':{first.line}' if first.line else ''}: {first.message}",
            "Sửa số liệu biểu quyết (thidua validate chỉ rõ từng chỗ) rồi in lại.")
    if not d.breaches:
        return
    wanted: set[str] | None = None
    if titles is not None:
        wanted = set()
        for t in titles:
            wanted |= {t, *vocab.depends_on(t)}
    lines = []
    seen: set[tuple[str, str]] = set()
    for q in d.breaches:
        key = (q.title, q.subject)
        if key in seen or (wanted is not None and q.title not in wanted):
            continue
        seen.add(key)
        for b in d.outcome(q.title, q.subject == vocab.TAP_THE).breaches:
            r = b.quota
            lines.append(f"{r.text}: {r.actual} đề nghị đủ điều kiện, tối đa "
                         f"{r.allowed if r.allowed is not None else r.limit}"
                         + (f" ({r.citation})" if r.citation else "")
                         + f": {', '.join(b.over)}")
    if not lines:
        return
    raise DocumentError(
        f"vượt số lượng tối đa năm {d.year}, chưa có danh sách hợp lệ để in: "
        + "; ".join(lines),
        "giảm số đề nghị, hoặc ghi lựa chọn của Hội đồng (lua_chon, giu_lai trong "
        f"{d.year}/hoi_dong/<phiên họp>.yaml); biên bản sẽ ghi lại lựa chọn đó")


def official_name(title: str, entries: Sequence[Entry]) -> str:
    """"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận" for an award, from who decides
    it; a title keeps its name."""
    if not vocab.TITLE_BY_NAME[title].is_award or not entries or entries[0].decider is None:
        return title
    base = title.split(" cấp ")[0].split(" của ")[0]
    return f"{base} của {entries[0].decider.name}"
