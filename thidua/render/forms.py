"""The Excel form of one unit for one year (`thidua forms`): pre-filled from the repository,
dropdowns from thidua's catalogues, locked structure, an identifier the importer checks.
Pure: data in, bytes out (deterministic)."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from thidua.model import forms as f
from thidua.model import vocab
from thidua.textutil import BadDate, parse_date


@dataclass(frozen=True)
class FormMeta:
    org_id: str
    fingerprint: str
    org_name: str
    unit_id: str
    unit_name: str
    year: int
    password: str = ""  # the office's password on the sheets' protection ("": none)


@dataclass(frozen=True)
class RosterRow:
    id: str
    name: str
    title: str


GUIDE_LINES = (
    "Biểu mẫu thi đua, khen thưởng năm {year} — {unit} ({org})",
    "",
    "1. Trang \"Đăng ký\": ô B3 là ngày đăng ký chung của đơn vị; đánh dấu x vào danh hiệu "
    "tập thể đăng ký (dòng 4–5) và vào danh hiệu từng người đăng ký.",
    "2. Trang \"Kết quả\": chọn xếp loại của tập thể (ô B3) và của từng người; đánh dấu x vào "
    "danh hiệu, hình thức khen thưởng đơn vị đề nghị sau bình xét; ghi sáng kiến, kỷ luật, "
    "nghỉ dài ngày (nếu có) và phiếu đồng ý của Hội đồng khi đề nghị Chiến sĩ thi đua cơ sở.",
    "3. Chọn giá trị trong danh sách thả xuống; ngày ghi dạng 15/01/2024 (đủ 4 chữ số năm).",
    "4. Không thêm, xóa, đổi tên trang tính; không gộp ô; không dùng công thức; không sửa cột "
    "Mã và Họ và tên (trang đã khóa các ô đó). Người mới: báo Văn phòng để thêm vào danh "
    "sách nhân sự rồi nhận biểu mẫu mới.",
    "5. Mỗi người một dòng: một sáng kiến, một kỷ luật, một lần nghỉ. Ô bị khóa ghi \"(nhiều "
    "hơn một …)\" nghĩa là dữ liệu có nhiều hơn một mục: Văn phòng sửa trực tiếp.",
    "6. Ô trống nghĩa là không có giá trị: xóa một ô (xếp loại, dấu x, sáng kiến, kỷ luật, "
    "nghỉ, phiếu) là bỏ giá trị đó (xếp loại của người có tên thì bắt buộc). Ô để nguyên như "
    "khi nhận biểu mẫu thì giữ giá trị mới nhất của Văn phòng, kể cả khi Văn phòng đã sửa sau "
    "khi gửi biểu mẫu; ô sửa ở cả hai nơi thành hai giá trị khác nhau sẽ được hỏi lại.",
    "7. Gửi lại tệp này cho Văn phòng. Văn phòng nhập bằng: thidua import <tệp>.xlsx",
    "",
    "Mã biểu mẫu: {kind} phiên bản {version}; tổ chức {org_id}; đơn vị {unit_id}; năm {year}.",
)


def base_json(registration: dict[str, Any] | None, results: dict[str, Any] | None) -> str:
    """The unit's files a form is made from, as the form keeps them."""
    return json.dumps({"dang_ky": registration, "ket_qua": results}, ensure_ascii=False,
                      separators=(",", ":"), default=str)


def base_hash(text: str, org: str, unit: str, year: int) -> str:
    """What a form was made from, and for whom: editing either breaks it."""
    return hashlib.sha256("\0".join((org, unit, str(year), text)).encode("utf-8")).hexdigest()


def build_form(meta: FormMeta, roster: Sequence[RosterRow], registration: dict[str, Any] | None,
               results: dict[str, Any] | None) -> bytes:
    """The workbook of one unit; ``registration``/``results`` are the unit's current files
    (parsed YAML) for the year, or None."""
    import xlsxwriter

    buf = BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"Biểu mẫu thi đua năm {meta.year} — {meta.unit_name}",
                       "author": "thidua", "created": datetime(meta.year, 1, 1)})
    base = base_json(registration, results)
    for name, value in (("thidua_bieu_mau", f"{f.KIND}/{f.VERSION}"),
                        ("thidua_to_chuc", meta.org_id), ("thidua_kho", meta.fingerprint),
                        ("thidua_don_vi", meta.unit_id), ("thidua_nam", str(meta.year)),
                        ("thidua_goc", base_hash(base, meta.org_id, meta.unit_id, meta.year))):
        wb.set_custom_property(name, value)
    fmt = _Formats(wb)
    guide = wb.add_worksheet(f.GUIDE)
    reg = wb.add_worksheet(f.REGISTRATION)
    res = wb.add_worksheet(f.RESULTS)
    lists = wb.add_worksheet(f.LISTS)
    kept = wb.add_worksheet(f.BASE)
    for ws in (reg, res):
        _formulas_once(ws)
    _lists(lists)
    for r in range(0, len(base), f.BASE_CHUNK):
        kept.write_string(r // f.BASE_CHUNK, 0, base[r:r + f.BASE_CHUNK])
    kept.very_hidden()
    _protect(kept)
    _guide(guide, meta, fmt)
    reg_rows = _registration(reg, meta, roster, registration or {}, fmt)
    res_rows = _results(res, meta, roster, results or {}, fmt)
    if meta.password:
        for ws in (guide, reg, res, lists, kept):
            _protect(ws, meta.password)
    reg.activate()
    fmt.register()
    wb.close()
    return _splice(buf.getvalue(), {_SHEET_PART.format(2): reg_rows.xml(fmt),
                                    _SHEET_PART.format(3): res_rows.xml(fmt)})


# The people's rows (tens of thousands of cells) are written as sheet XML directly: through
# xlsxwriter's per-cell calls they cost most of the time of `thidua forms`. Everything else
# (formats, validations, protection, panes) stays xlsxwriter's.
_SHEET_PART = "xl/worksheets/sheet{}.xml"
_EPOCH = date(1899, 12, 30)
_MAX_TEXT = 32767  # Excel's limit for one cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Rows:
    """The rows of a table below xlsxwriter's part of a sheet: cells as (column, style
    name, value), values str, int or date."""

    def __init__(self, columns: int) -> None:
        self.letters = [f.column_letter(c) for c in range(columns)]
        self.rows: list[tuple[int, list[tuple[int, str, Any]]]] = []

    def add(self, row: int, cells: list[tuple[int, str, Any]]) -> None:
        self.rows.append((row, cells))

    def xml(self, fmt: _Formats) -> str:
        styles = fmt.indices()
        letters = self.letters
        out = []
        for row, cells in self.rows:
            r = row + 1
            out.append(f'<row r="{r}">')
            for col, style, value in cells:
                ref = f"{letters[col]}{r}"
                s = styles[style]
                if isinstance(value, str):
                    text = _NOT_XML.sub("", value[:_MAX_TEXT])
                    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    space = ' xml:space="preserve"' if text != text.strip() else ""
                    out.append(f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{text}'
                               "</t></is></c>")
                elif isinstance(value, date):
                    out.append(f'<c r="{ref}" s="{s}"><v>{(value - _EPOCH).days}</v></c>')
                else:
                    out.append(f'<c r="{ref}" s="{s}"><v>{int(value)}</v></c>')
            out.append("</row>")
        return "".join(out)


_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/>')


def _splice(package: bytes, rows: dict[str, str]) -> bytes:
    """The workbook with each sheet's rows appended to its sheetData (and its dimension
    grown to match)."""
    from thidua.render.provenance import write_zip

    with zipfile.ZipFile(BytesIO(package)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    for name, xml in rows.items():
        if not xml:
            continue
        part = parts[name]
        last = xml.rsplit('<row r="', 1)[1].split('"', 1)[0]
        part = part.replace(b"</sheetData>", xml.encode("utf-8") + b"</sheetData>", 1)

        def grow(m: re.Match[bytes], last: bytes = last.encode()) -> bytes:
            end_col = m.group(3) or m.group(1)
            return b'<dimension ref="' + m.group(1) + m.group(2) + b":" + end_col + last + b'"/>'

        parts[name] = _DIMENSION.sub(grow, part, count=1)
    return write_zip(parts, level=1)  # fast: the forms of a large office are many


class _Formats:
    def __init__(self, wb: Any) -> None:
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "locked": True})
        self.label = wb.add_format({**base, "bold": True, "locked": True})
        self.head = wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True,
                                   "align": "center", "bg_color": "#EEEEEE", "locked": True})
        self.fixed = wb.add_format({**base, "border": 1, "locked": True, "bg_color": "#F7F7F7"})
        self.fixed_center = wb.add_format({**base, "border": 1, "locked": True,
                                           "align": "center", "bg_color": "#F7F7F7"})
        self.input = wb.add_format({**base, "border": 1, "locked": False})
        self.input_center = wb.add_format({**base, "border": 1, "locked": False,
                                           "align": "center"})
        self.input_date = wb.add_format({**base, "border": 1, "locked": False,
                                         "num_format": "dd/mm/yyyy", "align": "center"})
        self.text = wb.add_format({**base, "text_wrap": True, "locked": True})
        self.plain = wb.add_format({**base, "locked": True})

    _ROW_STYLES = ("fixed", "fixed_center", "input", "input_center", "input_date")

    def register(self) -> None:
        """Give the formats the rows use their style numbers in the workbook (xlsxwriter
        numbers only the formats its own cells use)."""
        for name in self._ROW_STYLES:
            getattr(self, name)._get_xf_index()

    def indices(self) -> dict[str, int]:
        return {name: getattr(self, name).xf_index for name in self._ROW_STYLES}


_PREPARED: dict[tuple[str, bool], str] = {}


def _formulas_once(ws: Any) -> None:
    """xlsxwriter rewrites each formula of a data validation through some 150 regular
    expressions (the names of functions newer than Excel 2010), a sixth of the time a form
    takes; the forms' few list formulas are the same in every workbook, so each is rewritten
    once. (Skipped if xlsxwriter no longer has that step.)"""
    prepare = getattr(ws, "_prepare_formula", None)
    if prepare is None:
        return

    def once(formula: str, expand_future_functions: bool = False) -> str:
        key = (formula, expand_future_functions)
        out = _PREPARED.get(key)
        if out is None:
            out = prepare(formula, expand_future_functions)
            if len(_PREPARED) < 64:
                _PREPARED[key] = out
        return out

    ws._prepare_formula = once


def _protect(ws: Any, password: str = "") -> None:
    ws.protect(password, {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True, "autofilter": False})


def _lists(ws: Any) -> None:
    for c, (name, values) in enumerate(sorted(f.LIST_VALUES.items())):
        ws.write_string(0, c, name)
        for r, v in enumerate(values, 1):
            ws.write_string(r, c, v)
    ws.hide()
    _protect(ws)


def _list_ref(name: str) -> str:
    names = sorted(f.LIST_VALUES)
    col = f.column_letter(names.index(name))
    n = len(f.LIST_VALUES[name])
    return f"='{f.LISTS}'!${col}$2:${col}${n + 1}"


def _validate(ws: Any, first_row: int, last_row: int, col: int, kind: str) -> None:
    if kind == "mark":
        ws.data_validation(first_row, col, last_row, col, {
            "validate": "list", "source": [f.MARK], "error_title": "Giá trị không hợp lệ",
            "error_message": "Chỉ ghi x hoặc để trống."})
    elif kind.startswith("list:"):
        ws.data_validation(first_row, col, last_row, col, {
            "validate": "list", "source": _list_ref(kind[5:]),
            "error_title": "Giá trị không hợp lệ",
            "error_message": "Chọn một giá trị trong danh sách."})
    elif kind == "date":
        ws.data_validation(first_row, col, last_row, col, {
            "validate": "date", "criteria": "between", "minimum": date(1950, 1, 1),
            "maximum": date(2100, 12, 31), "error_title": "Ngày không hợp lệ",
            "error_message": "Nhập ngày dạng 15/01/2024."})
    elif kind == "int":
        ws.data_validation(first_row, col, last_row, col, {
            "validate": "integer", "criteria": ">=", "value": 0,
            "error_title": "Số không hợp lệ", "error_message": "Nhập số nguyên."})


GUIDE_WIDTH = 68  # the guide's column: one portrait A4 page wide (12 pt Times)


def _guide(ws: Any, meta: FormMeta, fmt: _Formats) -> None:
    """The instructions, laid out to print: one column as wide as a portrait A4 page, each
    paragraph wrapped in its cell, its row as tall as its lines (a spreadsheet does not
    grow a row for wrapped text by itself when printing)."""
    ws.set_column(0, 0, GUIDE_WIDTH)
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.set_margins(left=0.8, right=0.6, top=0.8, bottom=0.8)
    ws.fit_to_pages(1, 0)
    for r, line in enumerate(GUIDE_LINES):
        text = line.format(year=meta.year, unit=meta.unit_name, org=meta.org_name,
                           kind=f.KIND, version=f.VERSION, org_id=meta.org_id,
                           unit_id=meta.unit_id)
        ws.write_string(r, 0, text, fmt.title if r == 0 else fmt.text)
        lines = max(1, -(-len(text) // int(GUIDE_WIDTH * 1.15)))
        ws.set_row(r, 18 * lines if r == 0 else 16.5 * lines)
    _protect(ws)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return parse_date(value)
        except BadDate:
            return None
    return None


def _write_value(ws: Any, row: int, col: int, value: Any, kind: str, fmt: _Formats) -> None:
    """One input cell above the table (written even when empty: its column has no input
    format there)."""
    if kind == "date":
        day = _day(value)
        if day is not None:
            ws.write_datetime(row, col, datetime(day.year, day.month, day.day), fmt.input_date)
        else:
            ws.write_blank(row, col, None, fmt.input_date)
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            ws.write_number(row, col, value, fmt.input_center)
        else:
            ws.write_blank(row, col, None, fmt.input_center)
    elif kind == "mark":
        ws.write_string(row, col, f.MARK if value else "", fmt.input_center)
    elif value:
        ws.write_string(row, col, str(value), fmt.input)
    else:
        ws.write_blank(row, col, None, fmt.input)


_ONE_PAGE_WIDTH = 140  # characters of column width that print on one landscape A4 page


def _header(ws: Any, row: int, columns: Sequence[f.Column], fmt: _Formats,
            fixed: int) -> None:
    """The header row; the input columns (from ``fixed`` on) are unlocked by format."""
    for c, col in enumerate(columns):
        ws.write_string(row, c, col.header, fmt.head)
        column_fmt = None
        if c >= fixed:
            column_fmt = {"date": fmt.input_date, "mark": fmt.input_center,
                          "int": fmt.input_center}.get(col.kind, fmt.input)
        ws.set_column(c, c, col.width, column_fmt)
    ws.set_row(row, 48)
    ws.freeze_panes(row + 1, 3)
    # On paper (A4, landscape): the header row on every page; a table too wide for one page
    # carries its STT, code and name columns on each, so every printed row says whose it is.
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.repeat_rows(row)
    if sum(col.width for col in columns) <= _ONE_PAGE_WIDTH:
        ws.fit_to_pages(1, 0)
    else:
        ws.repeat_columns(0, 2)
    # Above the table the input columns' format (bordered, open) does not belong: those cells
    # are plain and locked.
    for r in range(row):
        for c in range(fixed, len(columns)):
            ws.write_blank(r, c, None, fmt.plain)


def _unit_marks(ws: Any, first_row: int, titles: Sequence[str], marked: set[Any], label: str,
                fmt: _Formats) -> None:
    """The unit's own titles above the table: one row each, the mark in column B, its label
    after it."""
    for r, title in enumerate(titles, first_row):
        ws.write_string(r, 2, f"← {label} {title} (ghi x)", fmt.label)
        _write_value(ws, r, 1, title in marked, "mark", fmt)
        _validate(ws, r, r, 1, "mark")


def _registration(ws: Any, meta: FormMeta, roster: Sequence[RosterRow], doc: dict[str, Any],
                  fmt: _Formats) -> _Rows:
    ws.write_string(0, 0, f"ĐĂNG KÝ THI ĐUA NĂM {meta.year} — {meta.unit_name.upper()}",
                    fmt.title)
    # The unit's own cells are in column B; their labels follow them in column C (column A,
    # the table's STT, is too narrow for a label).
    ws.write_string(2, 2, "← Ngày đăng ký chung của đơn vị", fmt.label)
    _write_value(ws, *f.REG_DATE_CELL, doc.get("ngay_dang_ky"), "date", fmt)
    _validate(ws, f.REG_DATE_CELL[0], f.REG_DATE_CELL[0], f.REG_DATE_CELL[1], "date")
    unit_titles = {t.get("danh_hieu") for t in doc.get("tap_the") or () if isinstance(t, dict)}
    _unit_marks(ws, f.REG_UNIT_FIRST_ROW, f.REG_UNIT_TITLES, unit_titles, "Tập thể đăng ký", fmt)
    cols = f.REG_COLUMNS
    _header(ws, f.REG_HEADER_ROW, cols, fmt, 4)
    people = {p.get("ma"): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    first = f.REG_HEADER_ROW + 1
    rows = _Rows(len(cols))
    marks = {col.key[3:]: c for c, col in enumerate(cols) if col.key.startswith("dk:")}
    day_cols = [c for c, col in enumerate(cols) if c >= 4 and not col.key.startswith("dk:")]
    for i, person in enumerate(roster):
        cells: list[tuple[int, str, Any]] = [
            (0, "fixed_center", i + 1), (1, "fixed", person.id), (2, "fixed", person.name),
            (3, "fixed", person.title)]
        rec = people.get(person.id)
        if rec:
            titles = {t for t in rec.get("danh_hieu") or () if isinstance(t, str)}
            cells += sorted((marks[t], "input_center", f.MARK) for t in titles if t in marks)
            day = _day(rec.get("ngay_dang_ky"))
            if day is not None:
                cells += [(c, "input_date", day) for c in day_cols]
        rows.add(first + i, cells)
    _close_table(ws, first, len(roster), cols, 4)
    return rows


def _close_table(ws: Any, first: int, people: int, cols: Sequence[f.Column],
                 inputs_from: int) -> None:
    """Data validation on the input columns of a table's rows, then the sheet's protection."""
    last = first + max(people, 1) - 1
    for c, col in enumerate(cols):
        if c >= inputs_from:
            _validate(ws, first, last, c, col.kind)
    _protect(ws)


def _one(rec: dict[str, Any], key: str) -> tuple[dict[str, Any] | None, int]:
    items = [x for x in rec.get(key) or () if isinstance(x, dict)]
    return (items[0] if items else None), len(items)


def _results(ws: Any, meta: FormMeta, roster: Sequence[RosterRow], doc: dict[str, Any],
             fmt: _Formats) -> _Rows:
    ws.write_string(0, 0, f"KẾT QUẢ NĂM {meta.year} — {meta.unit_name.upper()}", fmt.title)
    raw_unit = doc.get("tap_the")
    unit: dict[str, Any] = raw_unit if isinstance(raw_unit, dict) else {}
    _write_value(ws, *f.RES_UNIT_RATING_CELL, unit.get("xep_loai"), "text", fmt)
    _validate(ws, f.RES_UNIT_RATING_CELL[0], f.RES_UNIT_RATING_CELL[0], f.RES_UNIT_RATING_CELL[1],
              "list:xep_loai")
    _unit_marks(ws, f.RES_UNIT_FIRST_ROW, f.RES_UNIT_PROPOSALS,
                set(_titles(unit.get("de_nghi"))), "Tập thể được đề nghị", fmt)
    cols = f.RES_COLUMNS
    _header(ws, f.RES_HEADER_ROW, cols, fmt, 3)
    # The rating's label waits one column further right (written after the header, which
    # blanks the cells above the input columns): the cell next to the rating stays empty, so
    # that a long rating ("Hoàn thành xuất sắc nhiệm vụ") shows in full over it.
    ws.write_string(f.RES_UNIT_RATING_CELL[0], f.RES_UNIT_RATING_CELL[1] + 2,
                    "← Xếp loại của tập thể (chọn trong danh sách)", fmt.label)
    people = {p.get("ma"): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    first = f.RES_HEADER_ROW + 1
    rows = _Rows(len(cols))
    plain = [(c, col.key, col.kind, col.key.split("_", 1)[0]) for c, col in enumerate(cols)
             if c >= 3 and not col.key.startswith("dn:")]
    marks = {col.key[3:]: c for c, col in enumerate(cols) if col.key.startswith("dn:")}
    for i, person in enumerate(roster):
        cells: list[tuple[int, str, Any]] = [
            (0, "fixed_center", i + 1), (1, "fixed", person.id), (2, "fixed", person.name)]
        rec = people.get(person.id)
        if rec:
            cells += _result_cells(rec, plain, marks)
        rows.add(first + i, cells)
    _close_table(ws, first, len(roster), cols, 3)
    return rows


def _result_cells(rec: dict[str, Any], plain: list[tuple[int, str, str, str]],
                  marks: dict[str, int]) -> list[tuple[int, str, Any]]:
    """The input cells of one person's results row (empty cells are not written: the
    column's format makes them inputs)."""
    initiative, n_initiatives = _one(rec, "sang_kien")
    discipline, n_disciplines = _one(rec, "ky_luat")
    leave, n_leaves = _one(rec, "nghi")
    votes = [v for v in rec.get("bieu_quyet") or () if isinstance(v, dict)
             and v.get("danh_hieu") == vocab.CSTDCS.name]
    initiative, discipline, leave = initiative or {}, discipline or {}, leave or {}
    vote = votes[0] if votes else {}
    values: dict[str, Any] = {
        "xep_loai": rec.get("xep_loai"),
        "sk_ten": initiative.get("ten"), "sk_quyet_dinh": initiative.get("quyet_dinh"),
        "sk_ngay": initiative.get("ngay"), "sk_pham_vi": initiative.get("pham_vi"),
        "kl_hinh_thuc": discipline.get("hinh_thuc"),
        "kl_quyet_dinh": discipline.get("quyet_dinh"), "kl_ngay": discipline.get("ngay"),
        "kl_den_ngay": discipline.get("den_ngay"),
        "ng_loai": leave.get("loai"), "ng_tu_ngay": leave.get("tu_ngay"),
        "ng_den_ngay": leave.get("den_ngay"),
        "bq_dong_y": vote.get("dong_y"), "bq_tong_so": vote.get("tong_so"),
        "xem_xet": rec.get("dang_xem_xet_ky_luat") is True,
    }
    many = {"sk": n_initiatives > 1, "kl": n_disciplines > 1, "ng": n_leaves > 1,
            "bq": len(votes) > 1}
    cells: list[tuple[int, str, Any]] = [
        (marks[t], "input_center", f.MARK) for t in set(_titles(rec.get("de_nghi")))
        if t in marks]
    for c, key, kind, group in plain:
        if many.get(group):
            cells.append((c, "fixed", "(nhiều hơn một mục)"))
            continue
        value = values.get(key)
        if value is None or value is False or value == "":
            continue
        if kind == "date":
            day = _day(value)
            if day is not None:
                cells.append((c, "input_date", day))
        elif kind == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                cells.append((c, "input_center", value))
        elif kind == "mark":
            cells.append((c, "input_center", f.MARK))
        elif value:
            cells.append((c, "input", str(value)))
    cells.sort()
    return cells


def _titles(raw: Any) -> list[str]:
    out = []
    for x in raw or ():
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict) and isinstance(x.get("danh_hieu"), str):
            out.append(x["danh_hieu"])
    return out
