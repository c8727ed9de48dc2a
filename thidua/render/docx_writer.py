"""A .docx writer for the state format of administrative documents (Nghị định 30/2020/NĐ-CP,
Phụ lục I): A4, margins, Times New Roman, the two-column header and footer, page numbers
centred at the top from page 2, annex tables. Output is deterministic (same input, same
bytes): fixed zip timestamps and document properties.

Pure: builds the document in memory and returns bytes.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
LANGUAGE = "vi-VN"


class StateDocument:
    """One document laid out as the decree prescribes."""

    def __init__(self) -> None:
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        normal.paragraph_format.space_after = Pt(0)
        # Vietnamese proofing language everywhere (Word would mark every word otherwise).
        for lang in self.doc.styles.element.iter(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)
            lang.set(qn("w:eastAsia"), LANGUAGE)
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None and not list(defaults.iter(qn("w:lang"))):
            rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), LANGUAGE)
                rpr.append(lang)
        self._page(self.doc.sections[0])
        self._page_numbers(self.doc.sections[0])

    # -- page -------------------------------------------------------------------------------
    @staticmethod
    def _page(section: Any) -> None:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)

    @staticmethod
    def _page_numbers(section: Any) -> None:
        """Arabic page number centred in the top margin, not on the first page."""
        section.different_first_page_header_footer = True
        p = section.header.paragraphs[0]
        p.alignment = CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        p._p.append(field)

    # -- paragraphs -------------------------------------------------------------------------
    def para(self, text: str = "", *, align: Any = JUSTIFY, bold: bool = False,
             italic: bool = False, size: float = BODY_PT, indent: bool = False,
             after: float = 6, container: Any = None) -> Any:
        target = container if container is not None else self.doc
        p = target.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(0)
        if indent:
            fmt.first_line_indent = Cm(1)
        if text:
            run = p.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            run.font.size = Pt(size)
        return p

    def rule(self, container: Any, width_cm: float, column_cm: float) -> None:
        """A short solid line, centred (under the agency name or the motto)."""
        p = container.add_paragraph()
        side = max((column_cm - width_cm) / 2, 0)
        p.paragraph_format.left_indent = Cm(side)
        p.paragraph_format.right_indent = Cm(side)
        p.paragraph_format.space_after = Pt(6)
        ppr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(k), v)
        borders.append(bottom)
        ppr.append(borders)
        run = p.add_run()
        run.font.size = Pt(2)

    @staticmethod
    def _widths(table: Any, widths: Sequence[Any]) -> None:
        """Fixed column widths (Word and LibreOffice read the grid, not only the cells)."""
        table.autofit = False
        for col, w in zip(table.columns, widths, strict=True):
            col.width = w
            for cell in col.cells:
                cell.width = w

    @staticmethod
    def _keep_together(table: Any) -> None:
        """The signature block never splits across pages (name on a page of its own)."""
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))

    # -- header and footer ------------------------------------------------------------------
    def header(self, parent: str, issuer: str, number: str, place_date: str) -> None:
        """Two columns: parent body, issuing body, line, number | national name, motto,
        line, place and date."""
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._widths(table, (Cm(6.5), Cm(9.5)))
        left, right = table.rows[0].cells
        left.paragraphs[0].text = ""
        self.para(parent, align=CENTER, size=13, after=0, container=left)
        self.para(issuer, align=CENTER, bold=True, size=13, after=0, container=left)
        self.rule(left, 2.0, 6.5)
        self.para(number, align=CENTER, size=13, after=0, container=left)
        self.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=CENTER, bold=True, size=12,
                  after=0, container=right)
        self.para("Độc lập - Tự do - Hạnh phúc", align=CENTER, bold=True, size=13, after=0,
                  container=right)
        self.rule(right, 5.6, 9.5)
        self.para(place_date, align=CENTER, italic=True, size=14, after=0, container=right)
        for cell in (left, right):  # the empty first paragraph of each cell
            first = cell.paragraphs[0]
            if not first.text:
                first._p.getparent().remove(first._p)

    def footer(self, recipients: Sequence[str], authority: str | Sequence[str] | None,
               title: str, name: str) -> None:
        """Two columns: "Nơi nhận:" and its list | the signature block (texts as given:
        the caller upper-cases the authority and title)."""
        table = self.doc.add_table(rows=1, cols=2)
        self._widths(table, (Cm(8), Cm(8)))
        self._keep_together(table)
        left, right = table.rows[0].cells
        self.para("Nơi nhận:", align=LEFT, bold=True, italic=True, size=12, after=0,
                  container=left)
        for line in recipients:
            self.para(line, align=LEFT, size=11, after=0, container=left)
        for line in [authority] if isinstance(authority, str) else authority or ():
            self.para(line, align=CENTER, bold=True, after=0, container=right)
        self.para(title, align=CENTER, bold=True, after=0, container=right)
        for _ in range(4):
            self.para("", align=CENTER, after=0, container=right)
        self.para(name, align=CENTER, bold=True, after=0, container=right)
        for cell in (left, right):
            first = cell.paragraphs[0]
            if not first.text:
                first._p.getparent().remove(first._p)

    def signatures(self, left: Sequence[str], right: Sequence[str]) -> None:
        """Two signature blocks side by side (minutes: secretary | chair): title, room for
        the signature, name."""
        table = self.doc.add_table(rows=1, cols=2)
        self._widths(table, (Cm(8), Cm(8)))
        self._keep_together(table)
        for cell, (title, name) in zip(table.rows[0].cells, (left, right), strict=True):
            self.para(title, align=CENTER, bold=True, after=0, container=cell)
            for _ in range(4):
                self.para("", align=CENTER, after=0, container=cell)
            self.para(name, align=CENTER, bold=True, after=0, container=cell)
            first = cell.paragraphs[0]
            if not first.text:
                first._p.getparent().remove(first._p)

    # -- annex ------------------------------------------------------------------------------
    def new_section(self) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float], *, group_rows: set[int] | None = None) -> None:
        """A bordered table. Data rows are clones of one prototype row (fast and linear
        for thousands of rows); ``group_rows`` are indexes of bold spanning rows."""
        table = self.doc.add_table(rows=2, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        self._widths(table, [Cm(w) for w in widths_cm])
        for cell, text, w in zip(table.rows[0].cells, headers, widths_cm, strict=True):
            cell.width = Cm(w)
            cell.paragraphs[0].alignment = CENTER
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(13)
        proto = table.rows[1]
        for cell, w in zip(proto.cells, widths_cm, strict=True):
            cell.width = Cm(w)
            run = cell.paragraphs[0].add_run("-")  # a text node for the clones to fill
            run.font.size = Pt(13)
        proto_tr = proto._tr
        tbl = table._tbl
        proto_tr.getparent().remove(proto_tr)
        group_rows = group_rows or set()
        t_tag = qn("w:t")
        for i, values in enumerate(rows):
            tr = copy.deepcopy(proto_tr)
            texts = tr.iter(t_tag)
            for value, t in zip(values, texts, strict=False):
                t.text = value
                if value != value.strip():
                    t.set(qn("xml:space"), "preserve")
            if i in group_rows:
                for rpr in tr.iter(qn("w:rPr")):
                    rpr.append(OxmlElement("w:b"))
            tbl.append(tr)

    # -- output -----------------------------------------------------------------------------
    def save(self, *, title: str) -> bytes:
        """The template's bytes: deterministic, with clean properties (its title)."""
        from thidua.render.provenance import stamp

        buf = BytesIO()
        self.doc.save(buf)
        return stamp(buf.getvalue(), title=title, params={"loai": "mau"}, commit="",
                     created=datetime(2024, 1, 1))


# Inline emphasis inside a text field: the text carries these two private-use characters
# (from "*…*" in the data) and :func:`apply_emphasis` turns them into italic runs.
EM_OPEN, EM_CLOSE = "\ue000", "\ue001"
_EM_SPLIT = re.compile(f"([{EM_OPEN}{EM_CLOSE}])")


def apply_emphasis(doc: Any) -> None:
    """Split every run whose text carries emphasis markers into plain and italic runs (same
    formatting otherwise), wherever a template printed the text."""
    t_tag = qn("w:t")
    for t in list(doc.element.body.iter(t_tag)):
        if EM_OPEN not in (t.text or "") and EM_CLOSE not in (t.text or ""):
            continue
        run = t.getparent()
        if len(list(run.iter(t_tag))) != 1:  # unusual run: keep the words, drop the marks
            t.text = _EM_SPLIT.sub("", t.text or "")
            continue
        italic, pieces = False, []
        for part in _EM_SPLIT.split(t.text or ""):
            if part in (EM_OPEN, EM_CLOSE):
                italic = part == EM_OPEN
            elif part:
                pieces.append((part, italic))
        for part, on in pieces:
            clone = copy.deepcopy(run)
            clone_t = next(clone.iter(t_tag))
            clone_t.text = part
            clone_t.set(qn("xml:space"), "preserve")
            if on:  # python-docx puts <w:i/> where the schema wants it in <w:rPr>
                clone.get_or_add_rPr().get_or_add_i().attrib.pop(qn("w:val"), None)
            run.addprevious(clone)
        run.getparent().remove(run)


def extract(data: bytes) -> list[str]:
    """A readable summary of a document for golden tests: each paragraph with its
    alignment, bold/italic and size, and each table row's cells."""
    doc = Document(BytesIO(data))
    out: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(_para_line(child))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = [" / ".join(_para_line(p) for p in tc.iter(qn("w:p")))
                         for tc in tr.iter(qn("w:tc"))]
                out.append("| " + " || ".join(cells) + " |")
    return out


def _para_line(p: Any) -> str:
    text = _marked_text(p)
    jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    align = jc.get(qn("w:val")) if jc is not None else "-"
    marks = ""
    rpr = p.find(f"{qn('w:r')}/{qn('w:rPr')}")
    size = ""
    if rpr is not None:
        marks += "B" if _on(rpr.find(qn("w:b"))) else ""
        marks += "I" if _on(rpr.find(qn("w:i"))) else ""
        sz = rpr.find(qn("w:sz"))
        size = str(int(sz.get(qn("w:val"))) / 2) if sz is not None else ""
    return f"[{align}{',' + marks if marks else ''}{',' + size if size else ''}] {text}"


def _marked_text(p: Any) -> str:
    """The paragraph's words; runs italic where the first run is not are shown as *…*."""
    parts: list[tuple[str, bool]] = []
    for r in p.iter(qn("w:r")):
        words = "".join(t.text or "" for t in r.iter(qn("w:t")))
        if words:
            parts.append((words, _on(r.find(f"{qn('w:rPr')}/{qn('w:i')}"))))
    base = parts[0][1] if parts else False
    return "".join(f"*{w}*" if on and not base else w for w, on in parts)


def _on(flag: Any) -> bool:
    return flag is not None and flag.get(qn("w:val")) not in ("0", "false")
