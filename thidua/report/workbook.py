"""Workbooks an office can print and file: title rows (organisation, year, decision date,
regime), a frozen bordered header with an autofilter, widths fitted to the content with
wrapping, numbers as numbers, totals as formulas, A4 landscape fitted to the page width with
the header repeated on every page. Deterministic bytes (fixed creation time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from thidua.report.text import width

FONT = "Times New Roman"
MAX_WIDTH = 60  # characters: longer cells wrap
MIN_WIDTH = 5


class Book:
    """A workbook of simple sheets (title lines, one header row, data rows)."""

    def __init__(self, title: str, created: datetime) -> None:
        import xlsxwriter

        self.buf = BytesIO()
        self.wb = xlsxwriter.Workbook(self.buf, {"in_memory": True, "strings_to_formulas": False,
                                                 "strings_to_numbers": False,
                                                 "strings_to_urls": False})
        self.wb.set_properties({"title": title, "author": "thidua", "created": created})
        base = {"font_name": FONT, "font_size": 12, "valign": "top"}
        self.title_fmt = self.wb.add_format({**base, "bold": True, "font_size": 13})
        self.note_fmt = self.wb.add_format({**base, "italic": True})
        self.head_fmt = self.wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True,
                                            "align": "center", "valign": "vcenter",
                                            "bg_color": "#EEEEEE"})
        self.text_fmt = self.wb.add_format({**base, "border": 1, "text_wrap": True})
        self.num_fmt = self.wb.add_format({**base, "border": 1, "align": "right"})
        self.center_fmt = self.wb.add_format({**base, "border": 1, "align": "center"})
        self.total_fmt = self.wb.add_format({**base, "border": 1, "bold": True, "align": "right"})
        self.total_label = self.wb.add_format({**base, "border": 1, "bold": True})

    def sheet(self, name: str, titles: Sequence[str], header: Sequence[str],
              rows: Sequence[Sequence[Any]], *, totals_from: int | None = None,
              centred: Sequence[int] = ()) -> None:
        """One sheet. Integer cells are numbers; with ``totals_from``, a last row sums the
        numeric columns from that index on (formulas, so edits keep it right)."""
        ws = self.wb.add_worksheet(name[:31])
        for i, line in enumerate(titles):
            ws.write_string(i, 0, line, self.title_fmt if i == 0 else self.note_fmt)
        top = len(titles) + 1
        ws.write_row(top, 0, list(header), self.head_fmt)
        widths = [max(MIN_WIDTH, min(MAX_WIDTH, _word_width(h))) for h in header]
        for r, row in enumerate(rows, top + 1):
            for c, value in enumerate(row):
                if isinstance(value, bool):
                    ws.write_string(r, c, "có" if value else "không", self.text_fmt)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value,
                                    self.center_fmt if c in centred else self.num_fmt)
                else:
                    ws.write_string(r, c, str(value),
                                    self.center_fmt if c in centred else self.text_fmt)
                widths[c] = max(widths[c], min(MAX_WIDTH, width(str(value)) + 2))
        last = top + len(rows)
        if totals_from is not None and rows:
            import xlsxwriter.utility as xu

            ws.write_string(last + 1, 0, "Tổng cộng", self.total_label)
            for c in range(1, len(header)):
                if c >= totals_from and all(isinstance(r[c], int | float) for r in rows):
                    col = xu.xl_col_to_name(c)
                    total = sum(r[c] for r in rows)
                    ws.write_formula(last + 1, c, f"=SUM({col}{top + 2}:{col}{last + 1})",
                                     self.total_fmt, total)
                else:
                    ws.write_blank(last + 1, c, None, self.total_label)
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(top + 1, 0)
        ws.autofilter(top, 0, max(last, top), len(header) - 1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(top)
        ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&CTrang &P/&N")

    def close(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def _word_width(s: str) -> int:
    """A header wraps between words, never inside one: as wide as its longest word."""
    return max((width(w) for w in s.split()), default=0) + 2
