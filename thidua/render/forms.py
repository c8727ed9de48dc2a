"""The Excel form of one unit for one year (`thidua forms`): pre-filled from the repository,
dropdowns from thidua's catalogues, locked structure, an identifier the importer checks.
Pure: data in, bytes out (deterministic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from thidua.model import forms as f
from thidua.textutil import BadDate, parse_date


@dataclass(frozen=True)
class FormMeta:
    org_id: str
    fingerprint: str
    org_name: str
    unit_id: str
    unit_name: str
    year: int


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
    "6. Gửi lại tệp này cho Văn phòng. Văn phòng nhập bằng: thidua import <tệp>.xlsx",
    "",
    "Mã biểu mẫu: {kind} phiên bản {version}; tổ chức {org_id}; đơn vị {unit_id}; năm {year}.",
)


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
    for name, value in (("thidua_bieu_mau", f"{f.KIND}/{f.VERSION}"),
                        ("thidua_to_chuc", meta.org_id), ("thidua_kho", meta.fingerprint),
                        ("thidua_don_vi", meta.unit_id), ("thidua_nam", str(meta.year))):
        wb.set_custom_property(name, value)
    fmt = _Formats(wb)
    guide = wb.add_worksheet(f.GUIDE)
    reg = wb.add_worksheet(f.REGISTRATION)
    res = wb.add_worksheet(f.RESULTS)
    lists = wb.add_worksheet(f.LISTS)
    _lists(lists)
    _guide(guide, meta, fmt)
    _registration(reg, meta, roster, registration or {}, fmt)
    _results(res, meta, roster, results or {}, fmt)
    reg.activate()
    wb.close()
    return buf.getvalue()


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


def _protect(ws: Any) -> None:
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
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


def _guide(ws: Any, meta: FormMeta, fmt: _Formats) -> None:
    ws.set_column(0, 0, 110)
    for r, line in enumerate(GUIDE_LINES):
        text = line.format(year=meta.year, unit=meta.unit_name, org=meta.org_name,
                           kind=f.KIND, version=f.VERSION, org_id=meta.org_id,
                           unit_id=meta.unit_id)
        ws.write_string(r, 0, text, fmt.title if r == 0 else fmt.text)
    _protect(ws)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except BadDate:
            return None
    return None


def _write_value(ws: Any, row: int, col: int, value: Any, kind: str, fmt: _Formats,
                 *, blank: bool = True) -> None:
    """One input cell (``blank``: write empty cells too, for cells outside the table whose
    column has no input format)."""
    if not blank and (value is None or value is False or value == ""):
        return  # the column's own format makes the cell an input
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


def _registration(ws: Any, meta: FormMeta, roster: Sequence[RosterRow], doc: dict[str, Any],
                  fmt: _Formats) -> None:
    ws.write_string(0, 0, f"ĐĂNG KÝ THI ĐUA NĂM {meta.year} — {meta.unit_name.upper()}",
                    fmt.title)
    ws.write_string(2, 0, "Ngày đăng ký", fmt.label)
    _write_value(ws, *f.REG_DATE_CELL, doc.get("ngay_dang_ky"), "date", fmt)
    _validate(ws, f.REG_DATE_CELL[0], f.REG_DATE_CELL[0], f.REG_DATE_CELL[1], "date")
    unit_titles = {t.get("danh_hieu") for t in doc.get("tap_the") or () if isinstance(t, dict)}
    for i, title in enumerate(f.REG_UNIT_TITLES):
        r = f.REG_UNIT_FIRST_ROW + i
        ws.write_string(r, 0, f"Tập thể đăng ký: {title}", fmt.label)
        _write_value(ws, r, 1, title in unit_titles, "mark", fmt)
        _validate(ws, r, r, 1, "mark")
    cols = f.REG_COLUMNS
    _header(ws, f.REG_HEADER_ROW, cols, fmt, 4)
    people = {p.get("ma"): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    first = f.REG_HEADER_ROW + 1
    for i, person in enumerate(roster):
        r = first + i
        rec = people.get(person.id, {})
        titles = set(rec.get("danh_hieu") or ())
        ws.write_number(r, 0, i + 1, fmt.fixed_center)
        ws.write_string(r, 1, person.id, fmt.fixed)
        ws.write_string(r, 2, person.name, fmt.fixed)
        ws.write_string(r, 3, person.title, fmt.fixed)
        for c, col in enumerate(cols[4:], 4):
            if col.key.startswith("dk:"):
                _write_value(ws, r, c, col.key[3:] in titles, "mark", fmt, blank=False)
            else:
                _write_value(ws, r, c, rec.get("ngay_dang_ky"), "date", fmt, blank=False)
    last = first + max(len(roster), 1) - 1
    for c, col in enumerate(cols):
        if c >= 4:
            _validate(ws, first, last, c, col.kind)
    _protect(ws)


def _one(rec: dict[str, Any], key: str) -> tuple[dict[str, Any] | None, int]:
    items = [x for x in rec.get(key) or () if isinstance(x, dict)]
    return (items[0] if items else None), len(items)


def _results(ws: Any, meta: FormMeta, roster: Sequence[RosterRow], doc: dict[str, Any],
             fmt: _Formats) -> None:
    ws.write_string(0, 0, f"KẾT QUẢ NĂM {meta.year} — {meta.unit_name.upper()}", fmt.title)
    raw_unit = doc.get("tap_the")
    unit: dict[str, Any] = raw_unit if isinstance(raw_unit, dict) else {}
    ws.write_string(2, 0, "Xếp loại tập thể", fmt.label)
    _write_value(ws, *f.RES_UNIT_RATING_CELL, unit.get("xep_loai"), "text", fmt)
    _validate(ws, 2, 2, 1, "list:xep_loai")
    proposed = set(_titles(unit.get("de_nghi")))
    for i, title in enumerate(f.RES_UNIT_PROPOSALS):
        r = f.RES_UNIT_FIRST_ROW + i
        ws.write_string(r, 0, f"Tập thể được đề nghị: {title}", fmt.label)
        _write_value(ws, r, 1, title in proposed, "mark", fmt)
        _validate(ws, r, r, 1, "mark")
    cols = f.RES_COLUMNS
    _header(ws, f.RES_HEADER_ROW, cols, fmt, 3)
    people = {p.get("ma"): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    first = f.RES_HEADER_ROW + 1
    for i, person in enumerate(roster):
        r = first + i
        rec = people.get(person.id, {})
        sk, n_sk = _one(rec, "sang_kien")
        kl, n_kl = _one(rec, "ky_luat")
        ng, n_ng = _one(rec, "nghi")
        votes = [v for v in rec.get("bieu_quyet") or () if isinstance(v, dict)]
        bq = next((v for v in votes if v.get("danh_hieu") == "Chiến sĩ thi đua cơ sở"), None)
        props = set(_titles(rec.get("de_nghi")))
        values: dict[str, Any] = {
            "xep_loai": rec.get("xep_loai"),
            "sk_ten": (sk or {}).get("ten"), "sk_quyet_dinh": (sk or {}).get("quyet_dinh"),
            "sk_ngay": (sk or {}).get("ngay"), "sk_pham_vi": (sk or {}).get("pham_vi"),
            "kl_hinh_thuc": (kl or {}).get("hinh_thuc"),
            "kl_quyet_dinh": (kl or {}).get("quyet_dinh"), "kl_ngay": (kl or {}).get("ngay"),
            "kl_den_ngay": (kl or {}).get("den_ngay"),
            "ng_loai": (ng or {}).get("loai"), "ng_tu_ngay": (ng or {}).get("tu_ngay"),
            "ng_den_ngay": (ng or {}).get("den_ngay"),
            "bq_dong_y": (bq or {}).get("dong_y"), "bq_tong_so": (bq or {}).get("tong_so"),
            "xem_xet": rec.get("dang_xem_xet_ky_luat") is True,
        }
        many = {"sk": n_sk > 1, "kl": n_kl > 1, "ng": n_ng > 1,
                "bq": len([v for v in votes if v.get("danh_hieu") == "Chiến sĩ thi đua cơ sở"])
                > 1}
        ws.write_number(r, 0, i + 1, fmt.fixed_center)
        ws.write_string(r, 1, person.id, fmt.fixed)
        ws.write_string(r, 2, person.name, fmt.fixed)
        for c, col in enumerate(cols[3:], 3):
            group = col.key.split("_", 1)[0]
            if many.get(group):
                ws.write_string(r, c, "(nhiều hơn một mục)", fmt.fixed)
            elif col.key.startswith("dn:"):
                _write_value(ws, r, c, col.key[3:] in props, "mark", fmt, blank=False)
            else:
                _write_value(ws, r, c, values.get(col.key), col.kind, fmt, blank=False)
    last = first + max(len(roster), 1) - 1
    for c, col in enumerate(cols):
        if c >= 3:
            _validate(ws, first, last, c, col.kind)
    _protect(ws)


def _titles(raw: Any) -> list[str]:
    out = []
    for x in raw or ():
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict) and isinstance(x.get("danh_hieu"), str):
            out.append(x["danh_hieu"])
    return out
