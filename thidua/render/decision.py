"""Quyết định công nhận danh hiệu thi đua / tặng Giấy khen (Nghị định 30/2020/NĐ-CP, Phụ lục
III, Mẫu 1.2) with its annex list: exactly those the decision step recognises for a title the
organisation's head decides. Pure: a decision in, the words of the document out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.decide.year import PERSON_TITLES, UNIT_TITLES, YearDecision
from thidua.model import vocab
from thidua.model.law import long_date
from thidua.render.base import (
    AnnexRow,
    DocumentError,
    Letterhead,
    Signature,
    basis_lines,
    filed_line,
    head_of,
    letterhead,
    number_text,
    official_date,
    pick_signer,
    place_date,
    refuse_unlawful,
    roman,
    signature,
    signature_block,
)

KIND = "quyet-dinh-cong-nhan"


@dataclass(frozen=True)
class DecisionRequest:
    title: str  # the title recognised, e.g. "Lao động tiên tiến"
    number: str | None = None  # None: a draft with the number left blank
    day: date | None = None  # None: a draft with the date left blank
    proposer: str = "Chánh Văn phòng Sở"
    signer: str | None = None  # id of a signer in to_chuc.yaml
    collective: bool | None = None  # None: individuals unless the title is for units only
    # The recorded decisions (numbers) whose people or units are left out: they were
    # recognised already. None: every decision recorded for the title and year (a new
    # decision); (): none (a decision issued again).
    left_out: tuple[str, ...] | None = None
    mid_year: bool = False  # a decision before the year's end (a phase of a campaign)

    def params(self, year: int, as_of: date) -> dict[str, object]:
        """Everything needed to build the same document again (stored in the .docx)."""
        return {"loai": KIND, "nam": year, "ngay_xet": str(as_of), "danh_hieu": self.title,
                "so": self.number, "ngay": str(self.day) if self.day else None,
                "theo_de_nghi": self.proposer, "nguoi_ky": self.signer,
                "tap_the": self.collective, "da_ghi": "; ".join(self.left_out or ()),
                "giua_nam": self.mid_year}

    @staticmethod
    def from_params(params: dict[str, Any], day: date | None) -> DecisionRequest:
        """The request a document was built from (as :meth:`params` stored it)."""
        return DecisionRequest(
            title=params["danh_hieu"], number=params.get("so"), day=day,
            proposer=params["theo_de_nghi"], signer=params.get("nguoi_ky"),
            collective=params.get("tap_the"),
            left_out=tuple(n for n in str(params.get("da_ghi") or "").split("; ") if n),
            mid_year=params.get("giua_nam") is True)


@dataclass(frozen=True)
class Content:
    """The words of the decision."""

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
    ids: tuple[str, ...] = ()  # who the decision names (person or unit codes), in order
    title: str = ""
    decider: str = ""  # "Giám đốc Sở Tư pháp": who decides (for the record of the decision)
    # Recognised but left out, recorded already: (name, code, decision number).
    recorded: tuple[tuple[str, str, str], ...] = ()


def recorded_for(d: YearDecision, title: str) -> dict[str, str]:
    """Who is recorded (khen_thuong) for ``title`` in the decided year → the decision number."""
    yr = d.repo.years.get(d.year)
    out: dict[str, str] = {}
    for a in yr.awards if yr else ():
        if a.title == title:
            for sid in (*a.people, *a.units):
                out.setdefault(sid, a.number)
    return out


def collective_for(title: str, wanted: bool | None) -> bool:
    """Individuals or units: as asked, else what the title is for (individuals first)."""
    subjects = vocab.TITLE_BY_NAME[title].subjects
    if wanted is None:
        return vocab.CA_NHAN not in subjects
    if (wanted and vocab.TAP_THE not in subjects) or (not wanted and vocab.CA_NHAN
                                                      not in subjects):
        raise DocumentError(f"\"{title}\" không dùng cho "
                            f"{'tập thể' if wanted else 'cá nhân'}",
                            f"\"{title}\" dùng cho {' và '.join(subjects)}")
    return wanted


def own_decider(d: YearDecision, title: str) -> tuple[str, str]:
    """(who decides, citation) when the organisation's head decides ``title`` for its own
    units; refuses otherwise, naming who does."""
    org = d.repo.org
    assert org is not None
    own = [u for u in org.units if u.kind in vocab.OWN_UNIT_KINDS]
    dec = d.decider(title, own[0].id) if own else None
    if dec is None:
        raise DocumentError(f"dữ liệu pháp luật chưa ghi ai quyết định \"{title}\"")
    if not dec.own:
        hint = ("lập tờ trình đề nghị: thidua render-proposal" if dec.upward
                else "tổ chức không lập văn bản cho danh hiệu này")
        raise DocumentError(f"\"{title}\" thuộc thẩm quyền của {dec.name} ({dec.citation}), "
                            f"không phải của {org.names_on(d.as_of).name}", hint)
    return dec.name, dec.citation


def proposal_line(d: YearDecision, issuer: str, proposer: str, on: date) -> str:
    """"Theo đề nghị của …": the council (when it met on or before the decision date) and the
    officer who presents the decision."""
    yr = d.repo.years.get(d.year)
    meetings = [mt for mt in (yr.meetings if yr else ()) if mt.day <= on]
    if not meetings:
        return f"Theo đề nghị của {proposer}."
    last = max(meetings, key=lambda mt: mt.day)
    return (f"Theo đề nghị của Hội đồng Thi đua - Khen thưởng {issuer} (cuộc họp "
            f"{long_date(last.day)}) và {proposer}.")


def build_content(d: YearDecision, req: DecisionRequest) -> Content:
    org = d.repo.org
    if org is None:
        raise DocumentError("thiếu to_chuc.yaml")
    if req.title not in PERSON_TITLES and req.title not in UNIT_TITLES:
        raise DocumentError(f"không xét tự động danh hiệu \"{req.title}\"")
    collective = collective_for(req.title, req.collective)
    on = req.day or d.as_of
    names = org.names_on(on)
    basis = basis_lines(d, day=on)
    own_decider(d, req.title)
    outcome = d.outcome(req.title, collective)
    refuse_unlawful(d, [req.title])
    chosen = [e for e in outcome.recognised if e.decider is not None and e.decider.own]
    recorded = {sid: n for sid, n in recorded_for(d, req.title).items()
                if req.left_out is None or n in req.left_out}
    left = tuple((e.name, e.id, recorded[e.id]) for e in chosen if e.id in recorded)
    chosen = [e for e in chosen if e.id not in recorded]
    who = "tập thể" if collective else "cá nhân"
    if not chosen and left:
        raise DocumentError(f"mọi {who} được công nhận \"{req.title}\" năm {d.year} đã được "
                            "ghi khen thưởng (" + ", ".join(sorted({n for *_x, n in left}))
                            + ")", "xem thidua history; in lại quyết định đã ghi bằng --cap-lai")
    if not chosen:
        raise DocumentError(f"không có {who} nào được công nhận \"{req.title}\" năm {d.year} "
                            "(vừa được đề nghị, vừa đủ điều kiện, thuộc thẩm quyền)",
                            f"xem thidua tally {d.year} và thidua explain")
    signer = pick_signer(d.repo, req.signer)
    head = head_of(signer)
    number = number_text(req.number)
    units = {u.id: u for u in org.units}
    rows: list[tuple[str, ...]] = []
    group_rows: list[int] = []
    if not collective:
        current = None
        for n, e in enumerate(chosen, 1):
            if e.unit != current:
                current = e.unit
                group_rows.append(len(rows))
                rows.append((roman(len(group_rows)),
                             units[e.unit].name if e.unit in units else e.unit, ""))
            rows.append((str(n), e.name, d.repo.people[e.id].title))
    else:
        rows = [(str(i), e.name) for i, e in enumerate(chosen, 1)]
    count = len(chosen)
    issued = f"{number.strip() or '      '}/QĐ-{names.abbr}"
    when = official_date(req.day, d.as_of.year)  # (Mẫu 2.1: "ngày … tháng … năm …")
    award = req.title == vocab.BY_CODE["GIAY_KHEN"].name  # tặng (an award), not công nhận
    if award:
        subject = (f"Về việc tặng Giấy khen cho các {who} có thành tích xuất sắc trong phong trào "
                   f"thi đua năm {d.year}")
        first = (f"Tặng Giấy khen của {head} {names.name} cho {count:02d} {who} (có danh sách "
                 f"kèm theo) đã có thành tích xuất sắc trong phong trào thi đua năm {d.year}.")
        annex = f"{who.capitalize()} được tặng Giấy khen năm {d.year}"
    else:
        subject = f"Về việc công nhận danh hiệu \"{req.title}\" năm {d.year}"
        first = (f"Công nhận danh hiệu \"{req.title}\" năm {d.year} cho {count:02d} {who} "
                 f"thuộc {names.name} (có danh sách kèm theo).")
        annex = f"{who.capitalize()} được công nhận danh hiệu \"{req.title}\" năm {d.year}"
    return Content(
        parent=names.parent, issuer=names.name, number_line=f"Số: {issued}",
        place_date=place_date(names.place, req.day, d.as_of.year),
        subject=subject,
        authority=f"{head} {names.name}".upper(),
        basis=tuple(basis),
        proposal=proposal_line(d, names.name, req.proposer, on),
        articles=(
            ("Điều 1.", first),
            ("Điều 2.", f"Các {who} có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy "
                        "định của pháp luật về thi đua, khen thưởng."),
            ("Điều 3.", f"Quyết định này có hiệu lực kể từ ngày ký. {req.proposer}, Trưởng các "
                        f"phòng, đơn vị thuộc Sở và các {who} có tên tại Điều 1 chịu trách "
                        "nhiệm thi hành Quyết định này./."),
        ),
        recipients=("- Như Điều 3;", filed_line(org)),
        signer=signature(signer, head),
        annex_title=("DANH SÁCH", annex,
                     f"(Kèm theo Quyết định số {issued} {when} của {head} {names.name})"),
        rows=tuple(rows), group_rows=tuple(group_rows), people=not collective,
        ids=tuple(e.id for e in chosen), title=req.title,
        decider=chosen[0].decider.name if chosen[0].decider else f"{head} {names.name}",
        recorded=left,
    )


class Context(Letterhead, Signature):
    """The variables a decision template may use (`thidua templates check` reads them
    here)."""

    trich_yeu: str
    tham_quyen: str
    can_cu: list[str]
    theo_de_nghi: str
    dieu: list[dict[str, str]]
    noi_nhan: list[str]
    phu_luc_tieu_de: str
    phu_luc_kem_theo: str


def context(c: Content) -> Context:
    return Context(
        **letterhead(c.parent, c.issuer, c.number_line, c.place_date),
        **signature_block(c.signer),
        trich_yeu=c.subject, tham_quyen=c.authority,
        can_cu=list(c.basis), theo_de_nghi=c.proposal,
        dieu=[{"so": so, "noi_dung": text} for so, text in c.articles],
        noi_nhan=list(c.recipients),
        phu_luc_tieu_de=c.annex_title[1], phu_luc_kem_theo=c.annex_title[2],
    )


def annex(c: Content) -> list[AnnexRow]:
    group = set(c.group_rows)
    keys = ("stt", "ho_ten", "chuc_vu") if c.people else ("stt", "ten")
    return [AnnexRow(dict(zip(keys, row, strict=False)), i in group)
            for i, row in enumerate(c.rows)]
