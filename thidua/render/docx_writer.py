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
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
LANGUAGE = "vi-VN"
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
# The alt-text title of the signature tables (Nơi nhận, chữ ký): rendering keeps them with the
# text above them.
SIGNATURE_CAPTION = "Nơi nhận và chữ ký"
HEADER_CAPTION = "Tiêu đề văn bản"
# Paragraph styles that mark a rule (a line under a text) whose length follows that text.
RULE_FULL, RULE_SHORT = "Đường kẻ bằng dòng trên", "Đường kẻ ngắn"
RULE_SHARE = 0.4  # a short rule: between a third and a half of its text (Phụ lục I)
CELL_MARGIN_TWIPS = 108  # the default left and right padding of a table cell


def tiny_element(p: Any, after: float = 0) -> None:
    """Make a paragraph (lxml element) 1 pt high: exact line height, 1 pt mark, ``after``
    points of space below it."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    for tag in ("w:spacing", "w:rPr"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    spacing = OxmlElement("w:spacing")
    for k, v in (("w:before", "0"), ("w:after", str(round(after * 20))), ("w:line", "20"),
                 ("w:lineRule", "exact")):
        spacing.set(qn(k), v)
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "2")
    rpr.append(sz)
    # pPr children order: … spacing … jc … rPr, sectPr: spacing before jc, rPr before sectPr.
    anchor = None
    for tag in ("w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(spacing)
    else:
        sect = ppr.find(qn("w:sectPr"))
        (sect.addprevious(spacing) if sect is not None else ppr.append(spacing))
    sect = ppr.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(rpr)
    else:
        ppr.append(rpr)


def restart_page_numbers(sect_pr: Any) -> None:
    """A section whose pages are numbered from 1 (its first page shows no number)."""
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    # CT_SectPr wants pgNumType before cols/titlePg …: insert after the page margins.
    margins = sect_pr.find(qn("w:pgMar"))
    if margins is not None:
        margins.addnext(numbering)
    else:
        sect_pr.append(numbering)


def tiny(paragraph: Any, after: float = 0) -> None:
    tiny_element(paragraph._p, after)


class StateDocument:
    """One document laid out as the decree prescribes."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.landscape = landscape
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
        from docx.enum.style import WD_STYLE_TYPE

        for name in (RULE_FULL, RULE_SHORT):
            self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = normal
        self._page(self.doc.sections[0])
        self._page_numbers(self.doc.sections[0])

    # -- page -------------------------------------------------------------------------------
    def _page(self, section: Any) -> None:
        """A4 (across for a wide table, which the decree allows: Phụ lục I, khoản 2 Mục I)."""
        if self.landscape:
            from docx.enum.section import WD_ORIENT

            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
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
             after: float = 6, container: Any = None, keep_next: bool = False) -> Any:
        target = container if container is not None else self.doc
        p = target.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(0)
        if keep_next:  # a heading stays with what follows it
            fmt.keep_with_next = True
        if indent:
            fmt.first_line_indent = Cm(1)
        if text:
            run = p.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            run.font.size = Pt(size)
        return p

    def rule(self, container: Any, width_cm: float, column_cm: float, *,
             after: float = 6, full: bool = False) -> None:
        """A short solid line, centred under the paragraph above it (the agency's name, the
        motto, the subject). Its length is measured from that text when the document is
        filled (:func:`fit_rules`): as long as the text (``full``: the motto) or 40 % of it
        (between the third and the half the decree asks); ``width_cm`` until then."""
        p = container.add_paragraph()
        p.style = self.doc.styles[RULE_FULL if full else RULE_SHORT]
        side = max((column_cm - width_cm) / 2, 0)
        p.paragraph_format.left_indent = Cm(side)
        p.paragraph_format.right_indent = Cm(side)
        # A paragraph 1 pt high: its bottom border sits right under the text above.
        tiny(p, after)
        ppr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(k), v)
        borders.append(bottom)
        ppr.find(qn("w:spacing")).addprevious(borders)  # schema order: pBdr before spacing

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
        """The signature block never splits across pages (name on a page of its own), and
        is marked so that rendering keeps it with the text above it."""
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        caption = OxmlElement("w:tblCaption")
        caption.set(qn("w:val"), SIGNATURE_CAPTION)
        table._tbl.tblPr.append(caption)

    # -- header and footer ------------------------------------------------------------------
    def header(self, parent: str, issuer: str, number: str, place_date: str) -> None:
        """Two columns, two rows: parent body, issuing body, line | national name, motto,
        line; then number | place and date, on one line whatever the names' lengths (a name
        that wraps makes the first row taller, not the number lower than the date). Sizes
        step 12/13/13 (national name, motto, date), as the decree's sample does."""
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._widths(table, (Cm(6.5), Cm(9.5)))
        caption = OxmlElement("w:tblCaption")
        caption.set(qn("w:val"), HEADER_CAPTION)
        table._tbl.tblPr.append(caption)
        (left, right), (number_cell, date_cell) = (r.cells for r in table.rows)
        self.para(parent, align=CENTER, size=13, after=0, container=left)
        self.para(issuer, align=CENTER, bold=True, size=13, after=0, container=left)
        self.rule(left, 2.5, 6.5)
        self.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=CENTER, bold=True, size=12,
                  after=0, container=right)
        self.para("Độc lập - Tự do - Hạnh phúc", align=CENTER, bold=True, size=13, after=0,
                  container=right)
        self.rule(right, 5.6, 9.5, full=True)
        self.para(number, align=CENTER, size=13, after=0, container=number_cell)
        self.para(place_date, align=CENTER, italic=True, size=13, after=0,
                  container=date_cell)
        for cell in (left, right, number_cell, date_cell):  # the empty first paragraphs
            first = cell.paragraphs[0]
            if not first.text and len(cell.paragraphs) > 1:
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
        """A new page and section for an annex: its pages are numbered on their own from 1,
        the first not shown (Nghị định 30/2020, Phụ lục I, điểm đ khoản 1 Mục IV)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section)
        restart_page_numbers(section._sectPr)
        # The paragraph that ends the previous section (it holds its section properties)
        # must not take a line of its own: it could carry onto an empty page.
        body = self.doc.element.body
        ends = [p for p in body.iterchildren(qn("w:p"))
                if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
        if ends:
            tiny_element(ends[-1])

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float], *, group_rows: set[int] | None = None,
              aligns: Sequence[Any] | None = None, size: float = 13) -> None:
        """A bordered table whose header row repeats on every page and whose rows never
        split across pages. Data rows are clones of one prototype row (fast and linear for
        thousands of rows); ``group_rows`` are indexes of bold spanning rows; ``aligns`` the
        alignment of each column (default: numbers and "STT" centred, text left)."""
        table = self.doc.add_table(rows=2, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._widths(table, [Cm(w) for w in widths_cm])
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        if aligns is None:
            aligns = [CENTER if h.strip().upper() in ("STT", "TT") else LEFT for h in headers]
        head_tr = table.rows[0]._tr.get_or_add_trPr()
        head_tr.append(OxmlElement("w:cantSplit"))
        head_tr.append(OxmlElement("w:tblHeader"))
        for cell, text, w in zip(table.rows[0].cells, headers, widths_cm, strict=True):
            cell.width = Cm(w)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].alignment = CENTER
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(size)
        proto = table.rows[1]
        proto._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, w, align in zip(proto.cells, widths_cm, aligns, strict=True):
            cell.width = Cm(w)
            cell.paragraphs[0].alignment = align
            run = cell.paragraphs[0].add_run("-")  # a text node for the clones to fill
            run.font.size = Pt(size)
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
    def to_bytes(self) -> bytes:
        """The .docx, its rules fitted to their text, slimmed (see :func:`slim`)."""
        fit_rules(self.doc)
        slim(self.doc)
        buf = BytesIO()
        self.doc.save(buf)
        return buf.getvalue()

    def save(self, *, title: str) -> bytes:
        """The template's bytes: deterministic, with clean properties (its title)."""
        from thidua.render.provenance import stamp

        body = self.doc.element.body
        last = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")][-1:]
        if last and last[0].tag == qn("w:tbl"):
            # Word needs a paragraph after a final table; keep it from taking a page.
            end = OxmlElement("w:p")
            last[0].addnext(end)
            tiny_element(end)
        return stamp(self.to_bytes(), title=title, params={"loai": "mau"}, commit="",
                     created=datetime(2024, 1, 1))


_STYLE_REFS = ".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val"


def slim(doc: Any) -> None:
    """What python-docx's blank document carries and no office document needs: the picture of
    a sample page shown as its preview (docProps/thumbnail.jpeg), Word 2010's second copy of
    the styles (stylesWithEffects.xml, 430 KB), and some 160 style definitions the document
    does not use (350 KB). Word adds a built-in style again when someone applies it. A
    dossier of a thousand reports would otherwise parse and write 800 KB per report."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del pkg.rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]
    roots = [doc.element]
    for rel in doc.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer", "/numbering")):
            roots.append(rel.target_part.element)
    styles = doc.styles.element
    by_id = {st.get(qn("w:styleId")): st for st in styles.iterchildren(qn("w:style"))}
    wanted = {v for r in roots for v in r.xpath(_STYLE_REFS)}
    wanted |= {i for i, st in by_id.items() if st.get(qn("w:default")) in ("1", "true")}
    pending = list(wanted)
    while pending:  # the styles they are based on, link to, or hand over to
        st = by_id.get(pending.pop())
        if st is None:
            continue
        for ref in st.xpath("./w:basedOn/@w:val | ./w:link/@w:val | ./w:next/@w:val"):
            if ref not in wanted:
                wanted.add(ref)
                pending.append(ref)
    for i, st in by_id.items():
        if i not in wanted:
            styles.remove(st)


def fit_rules(doc: Any) -> None:
    """Give each rule (a paragraph of style :data:`RULE_FULL` or :data:`RULE_SHORT`) the
    length the decree asks, measured from the text of the paragraph above it as Times New
    Roman sets it: a line at most as wide as its column or cell. Run once the text is known
    (after a template is filled)."""
    from thidua.render.metrics import text_width_pt

    styles = {s.style_id: s.name for s in doc.styles if s.name in (RULE_FULL, RULE_SHORT)}
    if not styles:
        return
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    page = 11906 - 1701 - 850  # A4 between the decree's margins (twips), if unstated
    if sect is not None:
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        if size is not None and margins is not None:
            page = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - \
                int(margins.get(qn("w:right")))
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = styles.get(style.get(qn("w:val"))) if style is not None else None
        above = p.getprevious()
        if name is None or above is None or above.tag != qn("w:p"):
            continue
        text = "".join(t.text or "" for t in above.iter(qn("w:t")))
        if not text.strip():
            continue
        run = above.find(f"{qn('w:r')}/{qn('w:rPr')}")
        sz = run.find(qn("w:sz")) if run is not None else None
        points = int(sz.get(qn("w:val"))) / 2 if sz is not None else BODY_PT
        bold = run is not None and run.find(qn("w:b")) is not None
        cell = next((a for a in p.iterancestors(qn("w:tc"))), None)
        room = page
        if cell is not None:
            width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if width is not None and width.get(qn("w:w"), "").isdigit():
                room = int(width.get(qn("w:w"))) - 2 * CELL_MARGIN_TWIPS
        line = min(text_width_pt(text.strip(), points, bold=bold) * 20, room)
        length = line if name == RULE_FULL else line * RULE_SHARE
        side = str(max(round((room - length) / 2), 0))
        ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        if ind is not None:
            for attr in ("w:left", "w:start", "w:right", "w:end"):
                if ind.get(qn(attr)) is not None:
                    ind.set(qn(attr), side)


def keep_signatures_with_text(doc: Any) -> None:
    """Keep each signature table (Nơi nhận, chữ ký) on the page of the text it closes: the
    paragraphs between them, and the last paragraph of text, keep with the next."""
    p_tag = qn("w:p")
    for tbl in doc.element.body.iter(qn("w:tbl")):
        caption = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if caption is None or caption.get(qn("w:val")) != SIGNATURE_CAPTION:
            continue
        prev = tbl.getprevious()
        while prev is not None and prev.tag == p_tag:
            if prev.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                break
            ppr = prev.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                prev.insert(0, ppr)
            if ppr.find(qn("w:keepNext")) is None:
                keep = OxmlElement("w:keepNext")
                style = ppr.find(qn("w:pStyle"))
                (style.addnext(keep) if style is not None else ppr.insert(0, keep))
            if "".join(t.text or "" for t in prev.iter(qn("w:t"))).strip():
                break
            prev = prev.getprevious()


# Inline emphasis inside a text field: the text carries these two private-use characters
# (from "*…*" in the data) and :func:`apply_emphasis` turns them into italic runs.
EM_OPEN, EM_CLOSE = "\ue000", "\ue001"
_EM_SPLIT = re.compile(f"([{EM_OPEN}{EM_CLOSE}])")


def apply_emphasis(doc: Any) -> None:
    """Split every run whose text carries emphasis markers into plain and italic runs (same
    formatting otherwise), wherever a template printed the text."""
    t_tag = qn("w:t")
    body = doc.element.body
    # XPath finds the few marked texts in C (walking every text node from Python costs
    # more than the rest of a short document).
    marked = body.xpath(f'.//w:t[contains(., "{EM_OPEN}") or contains(., "{EM_CLOSE}")]')
    for t in marked:
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
