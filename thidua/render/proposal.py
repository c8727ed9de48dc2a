"""Tờ trình đề nghị khen thưởng to the higher authority (Nghị định 30/2020/NĐ-CP, Phụ lục III,
Mẫu 1.4, a document with a type name) with its list and the council's vote counts: the titles
and awards the decision step puts up to the province (or the ministry). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.decide.year import PERSON_TITLES, UNIT_TITLES, YearDecision
from thidua.model import entities as m
from thidua.model import vocab
from thidua.render.base import (
    AnnexRow,
    DocumentError,
    Letterhead,
    Signature,
    basis_lines,
    filed_line,
    grouped_annex,
    head_of,
    letterhead,
    number_text,
    official_date,
    official_name,
    pick_signer,
    place_date,
    refuse_unlawful,
    roman,
    signature,
    signature_block,
)
from thidua.rules.authority import MINISTRY, PROVINCE

KIND = "to-trinh"
# The level of a proposal and its words.
LEVELS = {PROVINCE: "cấp tỉnh", MINISTRY: "cấp bộ"}


@dataclass(frozen=True)
class ProposalRequest:
    level: str = PROVINCE  # a key of LEVELS
    addressee: str | None = None  # None: "Chủ tịch <parent body>" for the provincial level
    number: str | None = None
    day: date | None = None
    signer: str | None = None

    def params(self, year: int, as_of: date) -> dict[str, object]:
        return {"loai": KIND, "nam": year, "ngay_xet": str(as_of), "cap": self.level,
                "kinh_gui": self.addressee, "so": self.number,
                "ngay": str(self.day) if self.day else None, "nguoi_ky": self.signer}


@dataclass(frozen=True)
class ProposalContent:
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


def _votes(vote: m.Vote | None) -> str:
    if vote is None or not vote.total:
        return ""
    return f"{vote.agree}/{vote.total} ({round(vote.agree * 100 / vote.total)}%)"


def _count(n: int, who: str) -> str:
    return f"{n:02d} {who}"


def build_content(d: YearDecision, req: ProposalRequest) -> ProposalContent:
    org = d.repo.org
    if org is None:
        raise DocumentError("thiếu to_chuc.yaml")
    if req.level not in LEVELS:
        raise DocumentError(f"cấp \"{req.level}\" không hợp lệ",
                            f"dùng: {', '.join(LEVELS)}")
    marker = LEVELS[req.level]
    on = req.day or d.as_of
    names = org.names_on(on)
    addressee = req.addressee or (f"Chủ tịch {names.parent}" if req.level == PROVINCE else None)
    if not addressee:
        raise DocumentError("tờ trình cấp bộ cần ghi rõ nơi nhận",
                            "thêm --kinh-gui \"Bộ trưởng Bộ …\"")
    basis = basis_lines(d, day=on, council=True)
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    lines: list[str] = []
    kinds: set[str] = set()
    included: list[str] = []
    units = {u.id: u for u in org.units}
    for title in dict.fromkeys((*PERSON_TITLES, *UNIT_TITLES)):
        for collective in (False, True):
            if title not in (UNIT_TITLES if collective else PERSON_TITLES):
                continue
            outcome = d.outcome(title, collective)
            chosen = [e for e in outcome.recognised
                      if e.decider is not None and e.decider.upward == req.level]
            if not chosen:
                continue
            included.append(title)
            who = "tập thể" if collective else "cá nhân"
            kinds.add(who)
            kind = "Hình thức" if vocab.TITLE_BY_NAME[title].is_award else "Danh hiệu"
            heading = f"{kind} \"{official_name(title, chosen)}\": {_count(len(chosen), who)}"
            lines.append(f"- {heading};")
            group_rows.append(len(rows))
            rows.append((roman(len(group_rows)), heading, "", "", ""))
            for i, e in enumerate(chosen, 1):
                if collective:
                    rows.append((str(i), e.name, "", "", _votes(e.vote)))
                else:
                    rows.append((str(i), e.name, d.repo.people[e.id].title,
                                 units[e.unit].name if e.unit in units else e.unit,
                                 _votes(e.vote)))
    refuse_unlawful(d, included)
    if not rows:
        raise DocumentError(f"không có cá nhân, tập thể nào được đề nghị khen thưởng {marker} "
                            f"năm {d.year} (vừa được đề nghị, vừa đủ điều kiện)",
                            f"xem thidua tally {d.year}")
    lines[-1] = lines[-1][:-1] + "."
    signer = pick_signer(d.repo, req.signer)
    head = head_of(signer)
    issued = f"{number_text(req.number).strip() or '      '}/TTr-{names.abbr}"
    when = official_date(req.day, d.as_of.year)  # (Mẫu 2.1: "ngày … tháng … năm …")
    subjects = " và ".join(k for k in ("tập thể", "cá nhân") if k in kinds)
    recipients = ["- Như trên;"]
    if req.level == PROVINCE:
        recipients.append("- Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ);")
    recipients.append(filed_line(org))
    return ProposalContent(
        parent=names.parent, issuer=names.name, number_line=f"Số: {issued}",
        place_date=place_date(names.place, req.day, d.as_of.year),
        subject=f"Về việc đề nghị khen thưởng {marker} năm {d.year}",
        addressee=addressee, basis=tuple(basis),
        body=(f"{names.name} kính trình {addressee} xem xét, khen thưởng cho các {subjects} đã "
              f"có thành tích xuất sắc trong phong trào thi đua năm {d.year} (có danh sách và "
              "tỷ lệ phiếu bầu của Hội đồng kèm theo), cụ thể:", *lines,
              f"Kính trình {addressee} xem xét, quyết định./."),
        recipients=tuple(recipients),
        signer=signature(signer, head),
        annex_title=(f"Đề nghị khen thưởng {marker} năm {d.year}",
                     f"(Kèm theo Tờ trình số {issued} {when} của {names.name})"),
        rows=tuple(rows), group_rows=tuple(group_rows))


class Context(Letterhead, Signature):
    """The variables a proposal template may use."""

    trich_yeu: str
    kinh_gui: str
    can_cu: list[str]
    noi_dung: list[str]
    noi_nhan: list[str]
    phu_luc_tieu_de: str
    phu_luc_kem_theo: str


def context(c: ProposalContent) -> Context:
    return Context(
        **letterhead(c.parent, c.issuer, c.number_line, c.place_date),
        **signature_block(c.signer),
        trich_yeu=c.subject, kinh_gui=c.addressee,
        can_cu=list(c.basis), noi_dung=list(c.body),
        noi_nhan=list(c.recipients),
        phu_luc_tieu_de=c.annex_title[0], phu_luc_kem_theo=c.annex_title[1],
    )


def annex(c: ProposalContent) -> list[AnnexRow]:
    return grouped_annex(("stt", "ten", "chuc_vu", "don_vi", "ty_le_phieu"), c.rows,
                         c.group_rows)
