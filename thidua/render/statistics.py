"""The statistical tables (`thidua stats`) as a workbook (one sheet per table, numbers as
numbers, totals a reader can check) or as a document to sign (A4 across, one table per page,
"Người lập biểu" and the head of the organisation). Pure: bytes out, deterministic."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

from thidua.report.statistics import FORMS_SOURCE, Statistics, Table
from thidua.textutil import vn_date

KIND = "thong-ke"


def _sheet_name(t: Table, i: int) -> str:
    return f"Biểu {t.form.split('.')[0]}" if t.form else f"Bảng {i}"


def _header_cells(t: Table) -> list[str]:
    return ["", "Mã số", *(["Đơn vị tính"] if t.with_unit else []), "Tổng số", *t.columns]


def _letters(t: Table) -> list[str]:
    """The column keys printed under the header (A, B, C, 1, 2 …)."""
    fixed = ["A", "B", *(["C"] if t.with_unit else [])]
    first = "1=(" + "+".join(str(i) for i in range(2, len(t.columns) + 2)) + ")"
    return [*fixed, first, *(str(i) for i in range(2, len(t.columns) + 2))]


def to_xlsx(s: Statistics) -> bytes:
    import xlsxwriter

    buf = BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"Thống kê thi đua, khen thưởng năm {s.year} — {s.issuer}",
                       "author": "thidua", "created": datetime(s.year, 12, 31),
                       "comments": s.notes[-1]})
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
    title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center",
                           "text_wrap": True})
    plain = wb.add_format({**base})
    italic = wb.add_format({**base, "italic": True, "text_wrap": True})
    head = wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True,
                          "align": "center"})
    text = wb.add_format({**base, "border": 1, "text_wrap": True})
    bold_text = wb.add_format({**base, "border": 1, "text_wrap": True, "bold": True})
    num = wb.add_format({**base, "border": 1, "align": "center"})
    bold_num = wb.add_format({**base, "border": 1, "align": "center", "bold": True})
    for i, t in enumerate(s.tables, 1):
        ws = wb.add_worksheet(_sheet_name(t, i))
        cells = _header_cells(t)
        last = len(cells) - 1
        ws.write(0, 0, f"Biểu số: {t.form}" if t.form else "Bảng bổ sung (không theo biểu "
                                                            "của Bộ Nội vụ)", plain)
        ws.write(1, 0, f"Ban hành theo {FORMS_SOURCE}" if t.form else "", plain)
        ws.write(0, 3, f"Đơn vị báo cáo: {s.reporter}", plain)
        ws.merge_range(3, 0, 3, last, t.title, title)
        ws.merge_range(4, 0, 4, last, f"Năm {s.year}", italic)
        if t.counted_in:
            ws.write(5, last, t.counted_in, italic)
        top = 6
        ws.write_row(top, 0, cells, head)
        ws.write_row(top + 1, 0, _letters(t), head)
        ws.set_row(top, 60)
        for r, row in enumerate(t.rows, top + 2):
            lab = bold_text if row.heading else text
            n = bold_num if row.heading else num
            ws.write(r, 0, row.label, lab)
            ws.write(r, 1, row.code, n)
            c = 2
            if t.with_unit:
                ws.write(r, c, row.unit, n)
                c += 1
            for k in range(len(t.columns) + 1):
                if row.values:
                    ws.write_number(r, c + k, row.values[k], n)
                else:
                    ws.write_blank(r, c + k, None, n)
        ws.set_column(0, 0, 48)
        ws.set_column(1, 1, 7)
        ws.set_column(2, last, 14)
        ws.freeze_panes(top + 2, 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(top, top + 1)
    ws = wb.add_worksheet("Quyết định đã tính")
    ws.write_row(0, 0, ["STT", "Số quyết định", "Ngày", "Người quyết định", "Danh hiệu, hình "
                        "thức", "Số cá nhân", "Số tập thể"], head)
    for r, d in enumerate(s.decisions, 1):
        ws.write_number(r, 0, r, num)
        ws.write(r, 1, d.number, text)
        ws.write(r, 2, vn_date(d.day), num)
        ws.write(r, 3, d.decided_by, text)
        ws.write(r, 4, d.title, text)
        ws.write_number(r, 5, d.people, num)
        ws.write_number(r, 6, d.units, num)
    for c, w in enumerate((5, 16, 12, 40, 32, 11, 11)):
        ws.set_column(c, c, w)
    ws = wb.add_worksheet("Ghi chú")
    ws.set_column(0, 0, 110)
    for r, line in enumerate(s.notes):
        ws.write(r, 0, line, italic)
    wb.close()
    return buf.getvalue()


def to_docx(s: Statistics, *, params: dict[str, Any], commit: str,
            created: datetime) -> bytes:
    """One table per page, A4 across (Nghị định 30/2020/NĐ-CP allows it for wide tables)."""
    from docx.shared import Cm, Pt

    from thidua.render.docx_writer import CENTER, LEFT, RIGHT, StateDocument
    from thidua.render.provenance import stamp

    d = StateDocument(landscape=True)
    for i, t in enumerate(s.tables):
        if i:
            _new_page(d)
        top = d.doc.add_table(rows=1, cols=2)
        d._widths(top, (Cm(14.5), Cm(10.2)))
        left, right = top.rows[0].cells
        d.para(f"Biểu số: {t.form}" if t.form else "Bảng bổ sung", align=LEFT, bold=True,
               size=12, after=0, container=left)
        d.para(f"Ban hành theo {FORMS_SOURCE}" if t.form else "(không theo biểu của Bộ Nội "
               "vụ)", align=LEFT, size=11, after=0, container=left)
        d.para(f"Đơn vị báo cáo: {s.reporter}", align=CENTER, size=12, after=0, container=right)
        for cell in (left, right):
            first = cell.paragraphs[0]
            if not first.text:
                first._p.getparent().remove(first._p)
        heading = d.para(t.title, align=CENTER, bold=True, size=13, after=0, keep_next=True)
        heading.paragraph_format.space_before = Pt(6)
        d.para(f"Năm {s.year}", align=CENTER, italic=True, size=13, after=0, keep_next=True)
        if t.counted_in:
            d.para(t.counted_in, align=RIGHT, italic=True, size=12, after=2, keep_next=True)
        cells = _header_cells(t)
        values = len(t.columns) + 1
        label_w = 8.0 if t.with_unit else 8.5
        rest = 24.7 - label_w - 1.3 - (2.0 if t.with_unit else 0)
        widths = [label_w, 1.3, *([2.0] if t.with_unit else []), *([rest / values] * values)]
        body = [_letters(t)] + [
            [r.label, r.code, *([r.unit] if t.with_unit else []),
             *((str(v) for v in r.values) if r.values else [""] * values)] for r in t.rows]
        d.table(cells, body, widths, aligns=[LEFT, *([CENTER] * (len(cells) - 1))], size=10.5,
                group_rows={0, *(k + 1 for k, r in enumerate(t.rows) if r.heading)})
        _signatures(d)
    _new_page(d)
    d.para("CÁC QUYẾT ĐỊNH ĐÃ TÍNH", align=CENTER, bold=True, size=13, after=6,
           keep_next=True)
    d.table(["STT", "Số quyết định", "Ngày", "Người quyết định", "Danh hiệu, hình thức",
             "Cá nhân", "Tập thể"],
            [(str(i), c.number, vn_date(c.day), c.decided_by, c.title, str(c.people),
              str(c.units)) for i, c in enumerate(s.decisions, 1)] or
            [("", "(chưa ghi quyết định nào)", "", "", "", "", "")],
            [1.3, 3.2, 2.6, 7.0, 6.0, 2.3, 2.3], size=11,
            aligns=[CENTER, LEFT, CENTER, LEFT, LEFT, CENTER, CENTER])
    # The notes on how the figures were drawn are the office's, not the recipient's: they go
    # to the terminal (thidua stats prints them) and the one about the forms' sources to the
    # document's properties, never on a page sent out.
    for p in d.doc.paragraphs:
        for run in p.runs:
            if run.font.size is None:
                run.font.size = Pt(12)
    return stamp(d.to_bytes(), title=f"Thống kê thi đua, khen thưởng năm {s.year}",
                 params={**params, "ghi_chu": s.notes[-1]}, commit=commit, created=created)


def _signatures(d: Any) -> None:
    """"Người lập biểu" | the head of the organisation, each with the form's instruction in
    italics and room to sign; kept on one page with what precedes it."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Cm, Pt

    from thidua.render.docx_writer import CENTER

    table = d.doc.add_table(rows=1, cols=2)
    d._widths(table, (Cm(12), Cm(12)))
    d._keep_together(table)
    for cell, (title, how) in zip(table.rows[0].cells,
                                  (("Người lập biểu", "(Ký, họ tên)"),
                                   ("Thủ trưởng đơn vị", "(Ký, họ tên, đóng dấu)")),
                                  strict=True):
        d.para(title, align=CENTER, bold=True, size=12, after=0, container=cell)
        d.para(how, align=CENTER, italic=True, size=12, after=0, container=cell)
        for _ in range(3):  # room to sign, lines of exactly 14 pt
            blank = d.para("", align=CENTER, after=0, container=cell)
            blank.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            blank.paragraph_format.line_spacing = Pt(14)
        first = cell.paragraphs[0]
        if not first.text:
            first._p.getparent().remove(first._p)


def _new_page(d: Any) -> None:
    """What follows starts a page: a near-invisible paragraph that breaks before itself (a
    break at the end of a full page would leave an empty one)."""
    from thidua.render.docx_writer import tiny

    p = d.para("", after=0)
    p.paragraph_format.page_break_before = True
    tiny(p)
