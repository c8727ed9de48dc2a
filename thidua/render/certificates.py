"""Certificates printed on pre-printed blanks (Giấy khen, giấy chứng nhận danh hiệu): one page
per recipient, each text in a frame at a position in millimetres from the top-left corner of
the blank, and, when asked, a first calibration page with every field's place and a ruler
along the top and left edges. Pure: bytes out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from thidua.model.certificates import Certificate, Field, Layout
from thidua.render.docx_writer import StateDocument

KIND = "giay-chung-nhan"
RULER_STEP = 10  # mm between marks on the calibration page
RULER_BAR_HALF = 0.25  # mm: half the width of "|" at 7 pt
RULER_DASH_DROP = 1.67  # mm from a 7-pt line's top to the middle of its "—"


def _twips(mm: float) -> str:
    return str(round(mm / 25.4 * 1440))


def _frame(d: StateDocument, text: str, f: Field, *, centred: bool = True) -> None:
    """A paragraph in a frame anchored to the page: Word and LibreOffice place it exactly,
    whatever the margins and whatever comes before it on the page (its text centred in the
    frame, or from its left edge)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from thidua.render.docx_writer import CENTER, LEFT

    p = d.para(text, align=CENTER if centred else LEFT, bold=f.bold, size=f.size, after=0)
    frame = OxmlElement("w:framePr")
    for k, v in (("w:w", _twips(f.width)), ("w:hAnchor", "page"), ("w:vAnchor", "page"),
                 ("w:x", _twips(f.x)), ("w:y", _twips(f.y)), ("w:wrap", "none")):
        frame.set(qn(k), v)
    p._p.get_or_add_pPr().insert(0, frame)


def _page_break(d: StateDocument) -> None:
    from docx.enum.text import WD_BREAK

    d.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _calibration(d: StateDocument, layout: Layout) -> None:
    for name, f in layout.fields.items():
        _frame(d, f"[{name}: x {f.x:g} mm, y {f.y:g} mm, rộng {f.width:g} mm]",
               Field(f.x, f.y, f.width, min(f.size, 12), False))
    # Each mark starts its frame, so that it falls on the millimetre its label says: the
    # middle of "|" is half its width (7 pt Times: 0,25 mm) from the frame's left edge; the
    # middle of "—" is 1,67 mm below the frame's top (measured on the printed page).
    for x in range(RULER_STEP, int(layout.width), RULER_STEP):
        _frame(d, f"|{x}", Field(x - RULER_BAR_HALF, 1, min(12, layout.width - x), 7, False),
               centred=False)
    for y in range(RULER_STEP, int(layout.height) - 2, RULER_STEP):
        _frame(d, f"— {y}", Field(0.5, y - RULER_DASH_DROP, 12, 7, False), centred=False)


def build(layout: Layout, certificates: list[Certificate], *, calibration: bool,
          title: str, params: dict[str, Any], commit: str, created: datetime) -> bytes:
    """One page per certificate, after a calibration page when asked."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    from thidua.render.provenance import stamp

    d = StateDocument()
    section = d.doc.sections[0]
    section.orientation = (WD_ORIENT.LANDSCAPE if layout.width > layout.height
                           else WD_ORIENT.PORTRAIT)
    section.page_width, section.page_height = Mm(layout.width), Mm(layout.height)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(5))
    section.different_first_page_header_footer = False  # no page numbers on a certificate
    section.header.is_linked_to_previous = True
    pages = len(certificates) + (1 if calibration else 0)
    if calibration:
        _calibration(d, layout)
    for c in certificates:
        if pages > 1 and (calibration or c is not certificates[0]):
            _page_break(d)
        for name, f in layout.fields.items():
            if c.texts.get(name):
                _frame(d, c.texts[name], f)
    return stamp(d.to_bytes(), title=title, params=params, commit=commit, created=created)


def proper_case(name: str) -> str:
    """A name as it is written: "NGUYỄN VĂN AN" or "nguyễn văn an" → "Nguyễn Văn An"; a name
    already in mixed case (e.g. "H'Hen Niê") stays as the roster writes it."""
    if name != name.upper() and name != name.lower():
        return name
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def certificates_for(repo: Any, decisions: list[Any], year: int) -> list[Certificate]:
    """One certificate per person or unit named by the recorded decisions, in their order.
    ``decisions``: :class:`thidua.model.entities.AwardDecision`."""
    from thidua.model import vocab
    from thidua.render.base import place_date

    org = repo.org
    units = {u.id: u for u in org.units}
    out: list[Certificate] = []
    for dec in decisions:
        names = org.names_on(dec.day)
        award = dec.title == vocab.BY_CODE["GIAY_KHEN"].name
        merit = (f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}" if award
                 else f"Đạt danh hiệu \"{dec.title}\" năm {year}")
        common = {"thanh_tich": merit,
                  "dia_danh_ngay": place_date(names.place, dec.day),
                  "quyet_dinh": f"Quyết định số {dec.number} ngày {dec.day.day:02d}/"
                                f"{dec.day.month:02d}/{dec.day.year} của {dec.decided_by}"}
        for pid in dec.people:
            p = repo.people.get(pid)
            if p is None:
                continue
            unit = units.get(p.unit_on(dec.day))
            where = ("" if unit is None else f"{unit.name} {names.name}"
                     if unit.kind in vocab.OWN_UNIT_KINDS else unit.name)
            out.append(Certificate({
                "danh_xung_ho_ten": f"{'Bà' if p.gender == vocab.GIOI_TINH[1] else 'Ông'} "
                                    f"{proper_case(p.name)}",
                "don_vi": ", ".join(x for x in (p.title, where) if x), **common}))
        for uid in dec.units:
            u = units.get(uid)
            if u is not None:
                out.append(Certificate({"danh_xung_ho_ten": u.name, "don_vi": names.name,
                                        **common}))
    return out
