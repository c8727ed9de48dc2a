"""Quyết định công nhận danh hiệu thi đua (Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.2)
with its annex list, built from a tally. Pure: data in, .docx bytes out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Law
from thidua.render.provenance import Digestible, properties
from thidua.render.templates import DECISION_PEOPLE, DECISION_UNITS, AnnexRow
from thidua.render.templates import render as render_template
from thidua.tally.compute import PERSON_TITLES, UNIT_TITLES, TallyResult

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


@dataclass(frozen=True)
class DecisionRequest:
    title: str  # the title recognised, e.g. "Lao động tiên tiến"
    number: str | None = None  # None: a draft with the number left blank
    day: date | None = None  # None: a draft with the date left blank
    proposer: str = "Chánh Văn phòng Sở"
    signer: str | None = None  # id of a signer in to_chuc.yaml
    collective: bool | None = None  # None: individuals unless the title is for units only

    def keywords(self, year: int, as_of: date) -> str:
        """Everything needed to build the same document again (stored in the .docx)."""
        return json.dumps({"loai": "quyet-dinh-cong-nhan", "nam": year, "ngay_xet": str(as_of),
                           "danh_hieu": self.title, "so": self.number,
                           "ngay": str(self.day) if self.day else None,
                           "theo_de_nghi": self.proposer, "nguoi_ky": self.signer,
                           "tap_the": self.collective},
                          ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Content(Digestible):
    """The words of the decision; its hash is the document's provenance."""

    parent: str
    issuer: str
    number_line: str
    place_date: str
    subject: str
    authority: str
    basis: tuple[str, ...]
    proposal: str
    articles: tuple[tuple[str, str], ...]
    recipients: tuple[str, ...]
    signer: tuple[str | None, str, str]
    annex_title: tuple[str, str, str]
    rows: tuple[tuple[str, ...], ...]
    group_rows: tuple[int, ...]
    people: bool



class DecisionError(Exception):
    """The request cannot make a decision (message in Vietnamese)."""


def _month(mo: int) -> str:
    return f"{mo:02d}" if mo < 3 else str(mo)  # "tháng 01", "tháng 02", then "tháng 3"


def place_date(place: str, day: date | None, year: int | None = None) -> str:
    """"Ninh Thuận, ngày 05 tháng 01 năm 2024"; a draft leaves blanks (and the year if
    it is not known)."""
    if day is None:
        return f"{place}, ngày      tháng      năm {year or '       '}"
    return f"{place}, ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def pick_signer(repo: m.Repository, wanted: str | None) -> m.Signer | None:
    signers = repo.org.signers if repo.org else ()
    if wanted is not None:
        found = [s for s in signers if s.id == wanted]
        if not found:
            raise DecisionError(f"không có người ký mã \"{wanted}\" trong to_chuc.yaml")
        return found[0]
    heads = [s for s in signers if s.authority is None]
    return heads[0] if heads else (signers[0] if signers else None)


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


def letterhead(parent: str, issuer: str, number_line: str, place_date: str) -> dict[str, str]:
    """Template variables of the header every document shares (Phụ lục I, ô 1–4)."""
    return {"co_quan_chu_quan": parent.upper(), "co_quan": issuer.upper(),
            "so_ky_hieu": number_line, "dia_danh_ngay": place_date}


def signature_block(lines: tuple[str | None, str, str]) -> dict[str, str]:
    """Template variables of the signature, from :func:`signature`'s three lines."""
    authority, title, name = lines
    return {"quyen_han": authority or "", "chuc_vu_ky": title, "nguoi_ky": name}


def build_content(repo: m.Repository, result: TallyResult, law: Law,
                  req: DecisionRequest) -> Content:
    org = repo.org
    if org is None:
        raise DecisionError("thiếu to_chuc.yaml")
    person_title = req.title in PERSON_TITLES
    unit_title = req.title in UNIT_TITLES
    if not (person_title or unit_title):
        raise DecisionError(f"không xét tự động danh hiệu \"{req.title}\"")
    collective = req.collective if req.collective is not None else not person_title
    if (collective and not unit_title) or (not collective and not person_title):
        raise DecisionError(f"\"{req.title}\" không dùng cho "
                            f"{'tập thể' if collective else 'cá nhân'}")
    on = req.day or result.as_of
    names = org.names_on(on)
    signer = pick_signer(repo, req.signer)
    head = (signer.head_title or signer.title) if signer else "Giám đốc"
    number = (req.number.zfill(2) if req.number and req.number.isdigit() else req.number)
    number_line = f"Số: {number or '      '}/QĐ-{names.abbr}"
    basis = list(law.regimes[result.choice.regime.code].basis)
    plans = (repo.years.get(result.year) or m.Year(result.year)).plans
    for plan in plans:
        if plan.number and plan.form == vocab.THUONG_XUYEN:
            subject = plan.subject[:1].lower() + plan.subject[1:]
            basis.append(f"Căn cứ Kế hoạch số {plan.number} của {names.name} về {subject}")
    basis = [b + ";" for b in basis]

    units = {u.id: u for u in org.units}
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    if not collective:
        chosen = [p for p in result.people
                  if req.title in p.proposed and p.verdicts[req.title].eligible is True]
        who = "cá nhân"
        current = None
        n = 0
        for p in chosen:
            if p.unit != current:
                current = p.unit
                group_rows.append(len(rows))
                roman = ROMAN[len(group_rows) - 1] if len(group_rows) <= len(ROMAN) else ""
                rows.append((roman, units[p.unit].name if p.unit in units else p.unit, "", ""))
            n += 1
            person = repo.people[p.id]
            rows.append((str(n), p.name, person.title, units[p.unit].name
                         if p.unit in units else p.unit))
        count = n
    else:
        chosen_units = [u for u in result.units
                        if req.title in u.proposed and u.verdicts[req.title].eligible is True]
        who = "tập thể"
        rows = [(str(i), u.name) for i, u in enumerate(chosen_units, 1)]
        count = len(chosen_units)
    if count == 0:
        raise DecisionError(f"không có {who} nào vừa được đề nghị vừa đủ điều kiện "
                            f"\"{req.title}\" năm {result.year}")
    office = units.get("van-phong")
    store = f"- Lưu: VT, {office.abbr if office and office.abbr else 'VP'}."
    issued = f"{number or '     '}/QĐ-{names.abbr}"
    when = (f"ngày {req.day.day:02d}/{req.day.month:02d}/{req.day.year}" if req.day
            else "ngày      /     /        ")
    award = req.title == "Giấy khen"  # tặng (an award) rather than công nhận (a title)
    if award:
        subject = (f"Về việc tặng Giấy khen cho các {who} có thành tích xuất sắc trong phong trào "
                   f"thi đua năm {result.year}")
        first = (f"Tặng Giấy khen của {head} {names.name} cho {count:02d} {who} (có danh sách "
                 f"kèm theo) đã có thành tích xuất sắc trong phong trào thi đua năm "
                 f"{result.year}.")
        annex = f"{who.capitalize()} được tặng Giấy khen năm {result.year}"
    else:
        subject = f"Về việc công nhận danh hiệu \"{req.title}\" năm {result.year}"
        first = (f"Công nhận danh hiệu \"{req.title}\" năm {result.year} cho {count:02d} {who} "
                 f"thuộc {names.name} (có danh sách kèm theo).")
        annex = f"{who.capitalize()} được công nhận danh hiệu \"{req.title}\" năm {result.year}"
    return Content(
        parent=names.parent, issuer=names.name, number_line=number_line,
        place_date=place_date(names.place, req.day),
        subject=subject,
        authority=f"{head} {names.name}".upper(),
        basis=tuple(basis),
        proposal=f"Theo đề nghị của {req.proposer}.",
        articles=(
            ("Điều 1.", first),
            ("Điều 2.", f"Các {who} có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy "
                        "định của pháp luật về thi đua, khen thưởng."),
            ("Điều 3.", f"Quyết định này có hiệu lực kể từ ngày ký. {req.proposer}, Trưởng các "
                        f"phòng, đơn vị thuộc Sở và các {who} có tên tại Điều 1 chịu trách "
                        "nhiệm thi hành Quyết định này./."),
        ),
        recipients=("- Như Điều 3;", store),
        signer=signature(signer, head),
        annex_title=("DANH SÁCH", annex,
                     f"(Kèm theo Quyết định số {issued} {when} của {head} {names.name})"),
        rows=tuple(rows), group_rows=tuple(group_rows), people=who == "cá nhân",
    )


def template_name(content: Content) -> str:
    return DECISION_PEOPLE if content.people else DECISION_UNITS


def render(content: Content, template: bytes, *, keywords: str, commit: str,
           created: datetime) -> bytes:
    """Fill the (default or the repository's own) template with the decision."""
    context = {
        **letterhead(content.parent, content.issuer, content.number_line, content.place_date),
        **signature_block(content.signer),
        "trich_yeu": content.subject, "tham_quyen": content.authority,
        "can_cu": list(content.basis), "theo_de_nghi": content.proposal,
        "dieu": [{"so": so, "noi_dung": text} for so, text in content.articles],
        "noi_nhan": list(content.recipients),
        "phu_luc_tieu_de": content.annex_title[1], "phu_luc_kem_theo": content.annex_title[2],
    }
    group = set(content.group_rows)
    keys = ("stt", "ho_ten", "chuc_vu", "don_vi") if content.people else ("stt", "ten")
    annex = [AnnexRow(dict(zip(keys, row, strict=False)), i in group)
             for i, row in enumerate(content.rows)]
    return render_template(template, context, annex, properties=properties(
        content.subject, content.digest(), commit, keywords, created))
