"""Tờ trình đề nghị khen thưởng to the higher authority (Nghị định 30/2020/NĐ-CP, Phụ lục III,
Mẫu 1.4, a document with a type name) with its list and the council's vote counts.
Pure: data in, .docx bytes out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Law
from thidua.render.decision import (
    ROMAN,
    DecisionError,
    letterhead,
    pick_signer,
    place_date,
    signature,
    signature_block,
)
from thidua.render.provenance import Digestible, properties
from thidua.render.templates import AnnexRow
from thidua.render.templates import render as render_template
from thidua.tally.compute import PERSON_TITLES, UNIT_TITLES, TallyResult

# The level of a proposal and the words that mark its titles ("… cấp tỉnh").
LEVELS = {"tinh": "cấp tỉnh", "bo": "cấp bộ"}


@dataclass(frozen=True)
class ProposalRequest:
    level: str = "tinh"  # a key of LEVELS
    addressee: str | None = None  # None: "Chủ tịch <parent body>" for the provincial level
    number: str | None = None
    day: date | None = None
    signer: str | None = None

    def keywords(self, year: int, as_of: date) -> str:
        return json.dumps({"loai": "to-trinh", "nam": year, "ngay_xet": str(as_of),
                           "cap": self.level, "kinh_gui": self.addressee, "so": self.number,
                           "ngay": str(self.day) if self.day else None,
                           "nguoi_ky": self.signer}, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ProposalContent(Digestible):
    parent: str
    issuer: str
    number_line: str
    place_date: str
    subject: str
    addressee: str
    basis: tuple[str, ...]
    body: tuple[str, ...]
    recipients: tuple[str, ...]
    signer: tuple[str | None, str, str]
    annex_title: tuple[str, str]
    rows: tuple[tuple[str, ...], ...]
    group_rows: tuple[int, ...]



def _votes(votes: tuple[m.Vote, ...], title: str) -> str:
    for v in votes:
        if v.title == title and v.total:
            return f"{v.agree}/{v.total} ({round(v.agree * 100 / v.total)}%)"
    return ""


def _count(n: int, who: str) -> str:
    return f"{n:02d} {who}"


def build_content(repo: m.Repository, result: TallyResult, law: Law,
                  req: ProposalRequest) -> ProposalContent:
    org = repo.org
    if org is None:
        raise DecisionError("thiếu to_chuc.yaml")
    if req.level not in LEVELS:
        raise DecisionError(f"cấp \"{req.level}\" không hợp lệ; dùng: {', '.join(LEVELS)}")
    marker = LEVELS[req.level]
    names = org.names_on(req.day or result.as_of)
    addressee = req.addressee or (f"Chủ tịch {names.parent}" if req.level == "tinh" else None)
    if not addressee:
        raise DecisionError("tờ trình cấp bộ cần ghi rõ nơi nhận: --kinh-gui \"Bộ trưởng …\"")
    yr = repo.years.get(result.year) or m.Year(result.year)
    units = {u.id: u for u in org.units}
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    lines: list[str] = []
    for title in dict.fromkeys((*PERSON_TITLES, *UNIT_TITLES)):
        if not title.endswith(marker):
            continue
        people = [p for p in result.people if title in PERSON_TITLES and title in p.proposed
                  and p.verdicts[title].eligible is True]
        collectives = [u for u in result.units if title in UNIT_TITLES and title in u.proposed
                       and u.verdicts[title].eligible is True]
        kind = "Hình thức" if vocab.TITLE_BY_NAME[title].is_award else "Danh hiệu"
        person_rows = [(str(i), p.name, repo.people[p.id].title,
                        units[p.unit].name if p.unit in units else p.unit,
                        _votes(yr.person_results[p.id].votes, title)
                        if p.id in yr.person_results else "")
                       for i, p in enumerate(people, 1)]
        unit_rows = [(str(i), u.name, "", "", _votes(yr.unit_results[u.id].votes, title)
                      if u.id in yr.unit_results else "")
                     for i, u in enumerate(collectives, 1)]
        for block, who in ((person_rows, "cá nhân"), (unit_rows, "tập thể")):
            if not block:
                continue
            heading = f"{kind} \"{title}\": {_count(len(block), who)}"
            lines.append(f"- {heading};")
            group_rows.append(len(rows))
            rows.append((ROMAN[len(group_rows) - 1], heading, "", "", ""))
            rows.extend(block)
    if not rows:
        raise DecisionError(f"không có cá nhân, tập thể nào vừa được đề nghị vừa đủ điều kiện "
                            f"khen thưởng {marker} năm {result.year}")
    lines[-1] = lines[-1][:-1] + "."
    signer = pick_signer(repo, req.signer)
    head = (signer.head_title or signer.title) if signer else "Giám đốc"
    number = req.number.zfill(2) if req.number and req.number.isdigit() else req.number
    issued = f"{number or '     '}/TTr-{names.abbr}"
    when = (f"ngày {req.day.day:02d}/{req.day.month:02d}/{req.day.year}" if req.day
            else "ngày      /     /        ")
    basis = [*law.regimes[result.choice.regime.code].basis]
    for plan in yr.plans:
        if plan.number and plan.form == vocab.THUONG_XUYEN:
            subject = plan.subject[:1].lower() + plan.subject[1:]
            basis.append(f"Căn cứ Kế hoạch số {plan.number} của {names.name} về {subject}")
    basis.append(f"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {names.name} năm "
                 f"{result.year}")
    office = units.get("van-phong")
    return ProposalContent(
        parent=names.parent, issuer=names.name, number_line=f"Số: {issued}",
        place_date=place_date(names.place, req.day),
        subject=f"Về việc đề nghị khen thưởng {marker} năm {result.year}",
        addressee=addressee, basis=tuple(b + ";" for b in basis),
        body=(f"{names.name} kính trình {addressee} xem xét, khen thưởng cho các tập thể, cá "
              f"nhân đã có thành tích xuất sắc trong phong trào thi đua năm {result.year} (có "
              "danh sách và tỷ lệ phiếu bầu của Hội đồng kèm theo), cụ thể:", *lines,
              f"Kính trình {addressee} xem xét, quyết định./."),
        recipients=("- Như trên;",
                    f"- Lưu: VT, {office.abbr if office and office.abbr else 'VP'}."),
        signer=signature(signer, head),
        annex_title=(f"Đề nghị khen thưởng {marker} năm {result.year}",
                     f"(Kèm theo Tờ trình số {issued} {when} của {names.name})"),
        rows=tuple(rows), group_rows=tuple(group_rows))


def render(content: ProposalContent, template: bytes, *, keywords: str, commit: str,
           created: datetime) -> bytes:
    context = {
        **letterhead(content.parent, content.issuer, content.number_line, content.place_date),
        **signature_block(content.signer),
        "trich_yeu": content.subject, "kinh_gui": content.addressee,
        "can_cu": list(content.basis), "noi_dung": list(content.body),
        "noi_nhan": list(content.recipients),
        "phu_luc_tieu_de": content.annex_title[0], "phu_luc_kem_theo": content.annex_title[1],
    }
    group = set(content.group_rows)
    keys = ("stt", "ten", "chuc_vu", "don_vi", "ty_le_phieu")
    annex = []
    for i, row in enumerate(content.rows):
        values = dict(zip(keys, row, strict=True))
        if i in group:  # a heading row: the roman numeral and the title across
            values = {"stt": row[0], "ten": row[1]}
        annex.append(AnnexRow(values, i in group))
    return render_template(template, context, annex, properties=properties(
        content.subject, content.digest(), commit, keywords, created))

