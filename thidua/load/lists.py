"""Lists offices already have: a staff list in Excel (any column order, headers as people
write them) and the registration table units send as a Word document. Their columns are
matched by name (with or without diacritics); the mapping is shown and can be saved and
given back. Every problem is a diagnostic at ``tệp › trang › ô`` (or ``tệp › bảng › dòng``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.diagnostics import Diagnostic, make
from thidua.load.workbook import Workbook, as_date
from thidua.model import forms as f
from thidua.model import vocab
from thidua.textutil import BadDate, parse_date

# Roster fields and the headers offices write for them (folded: no case, no diacritics).
ROSTER_HEADERS: dict[str, tuple[str, ...]] = {
    "ma": ("ma", "ma nhan su", "ma can bo", "ma nv", "ma so"),
    "ho_ten": ("ho va ten", "ho ten", "ho, ten", "ten can bo", "ten"),
    "gioi_tinh": ("gioi tinh", "nam/nu", "nam, nu", "phai"),
    "chuc_vu": ("chuc vu", "chuc danh", "chuc vu, chuc danh", "chuc vu/chuc danh"),
    "loai": ("loai", "loai nhan su", "doi tuong", "loai can bo", "hinh thuc tuyen dung"),
    "ngay_tuyen_dung": ("ngay tuyen dung", "ngay vao co quan", "ngay bat dau cong tac",
                        "tuyen dung", "ngay vao nganh"),
    "lanh_dao": ("lanh dao", "lanh dao, quan ly", "lanh dao quan ly"),
    "don_vi": ("don vi", "phong, don vi", "phong", "bo phan"),
    "stt": ("stt", "tt", "so tt", "so thu tu"),
}
REQUIRED = ("ho_ten", "gioi_tinh", "chuc_vu", "loai", "ngay_tuyen_dung")
KIND_WORDS = {"cong chuc": "công chức", "vien chuc": "viên chức",
              "hop dong": "hợp đồng lao động", "hop dong lao dong": "hợp đồng lao động",
              "hdld": "hợp đồng lao động", "tap su": "tập sự"}


def _key(text: Any) -> str:
    return re.sub(r"[\s:]+", " ", vocab.fold(str(text or ""))).strip(" .*")


@dataclass
class ListImport:
    display: str
    records: list[dict[str, Any]] = field(default_factory=list)
    cells: list[dict[str, str]] = field(default_factory=list)  # per record: field → cell
    mapping: dict[str, str] = field(default_factory=dict)  # header → field ("" ignored)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def guess_mapping(headers: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """Header → roster field ("" when the column is ignored); a saved mapping wins."""
    out = {}
    for h in headers:
        if not str(h).strip():
            continue
        if saved and h in saved:
            out[h] = saved[h]
            continue
        k = _key(h)
        out[h] = next((fld for fld, names in ROSTER_HEADERS.items() if k in names), "")
    return out


def _header_row(rows: list[list[Any]], saved: dict[str, str] | None) -> int | None:
    for r, row in enumerate(rows[:30]):
        mapping = guess_mapping([str(v) for v in row], saved)
        if sum(1 for v in mapping.values() if v) >= 2 and "ho_ten" in mapping.values():
            return r
    return None


def roster_from_workbook(book: Workbook, display: str, *, unit_name: str,
                         saved: dict[str, str] | None = None) -> ListImport:
    """The people of a staff list (the first sheet that has a header row)."""
    out = ListImport(display)
    for name in book.order:
        sheet = book.sheets[name]
        head = _header_row(sheet.rows, saved)
        if head is None:
            continue
        headers = [str(v) for v in sheet.rows[head]]
        out.mapping = guess_mapping(headers, saved)
        columns = {fld: c for c, h in enumerate(headers) if (fld := out.mapping.get(h))}
        missing = [fld for fld in REQUIRED if fld not in columns]
        if missing:
            out.diagnostics.append(make(
                "TD510", f"{display} › {name} › dòng {head + 1}",
                detail="Danh sách thiếu cột: " + ", ".join(missing),
                hint="Thêm cột đó, hoặc ghi tên cột của tệp cho từng trường trong tệp ánh xạ "
                     "(--anh-xa), ví dụ: \"Ngày vào cơ quan\": ngay_tuyen_dung"))
            return out
        for r in range(head + 1, len(sheet.rows)):
            row = sheet.rows[r]
            values = {fld: row[c] if c < len(row) else "" for fld, c in columns.items()}
            if not str(values.get("ho_ten") or "").strip():
                continue
            where = {fld: f"{display} › {name} › {f.cell_name(r, c)}"
                     for fld, c in columns.items()}
            if "don_vi" in values and str(values["don_vi"]).strip() and \
                    _key(values["don_vi"]) != _key(unit_name):
                continue  # a list of the whole department: only this unit's rows
            rec = _person(values, where, out)
            if rec is not None:
                out.records.append(rec)
                out.cells.append(where)
        return out
    out.diagnostics.append(make(
        "TD510", display, detail="Không tìm thấy dòng tiêu đề có cột \"Họ và tên\"",
        hint="Dòng tiêu đề cần các cột như: Họ và tên, Giới tính, Chức vụ, Loại, Ngày tuyển "
             "dụng (có dấu hay không đều được)."))
    return out


def _person(values: dict[str, Any], where: dict[str, str], out: ListImport
            ) -> dict[str, Any] | None:
    rec: dict[str, Any] = {}
    ok = True
    for fld, value in values.items():
        if fld in ("stt", "don_vi"):
            continue
        text = _text(value)
        if fld == "ngay_tuyen_dung":
            day = as_date(value)
            if day is None and text:
                try:
                    day = parse_date(text) if len(re.split(r"[/-]", text)[-1]) == 4 or \
                        text[:4].isdigit() else None
                except BadDate:
                    day = None
                if day is None:
                    out.diagnostics.append(make("TD508", where[fld], value=text,
                                                detail="không phải ngày"))
                    ok = False
                    continue
            if day is not None:
                rec[fld] = day
        elif fld == "gioi_tinh":
            rec[fld] = text.lower()
        elif fld == "loai":
            rec[fld] = KIND_WORDS.get(_key(text), text.lower())
        elif fld == "lanh_dao":
            rec[fld] = _key(text) in ("x", "co", "1", "true", "lanh dao")
        elif text:
            rec[fld] = text
    return rec if ok else None


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value or "").split())


@dataclass
class TableRow:
    name: str
    code: str
    titles: tuple[str, ...]
    where: str


def registrations_from_docx(raw: bytes, display: str) -> tuple[list[TableRow],
                                                                  list[Diagnostic]]:
    """The rows of the registration table of a Word document: a name (and a code, when the
    table has one) and the titles, in one column ("LĐTT, CSTĐCS") or one column per title
    marked with x."""
    from io import BytesIO

    from docx import Document

    from thidua.load.workbook import package_problem

    problem = package_problem(raw)
    if problem is not None:
        return [], [make("TD501", display, detail=problem,
                         hint="Lưu lại bảng đăng ký bằng Word, chỉ giữ bảng.")]
    try:
        doc = Document(BytesIO(raw))
    except Exception:
        return [], [make("TD501", display, detail="không phải văn bản Word (.docx)",
                         hint="Lưu bảng đăng ký dạng .docx, hoặc dùng biểu mẫu Excel.")]
    for t, table in enumerate(doc.tables, 1):
        rows = [[" ".join(c.text.split()) for c in row.cells] for row in table.rows]
        for h, header in enumerate(rows[:5]):
            keys = [_key(x) for x in header]
            name_col = next((i for i, k in enumerate(keys) if k in ROSTER_HEADERS["ho_ten"]),
                            None)
            if name_col is None:
                continue
            code_col = next((i for i, k in enumerate(keys) if k in ROSTER_HEADERS["ma"]), None)
            per_title = {i: found for i, x in enumerate(header)
                         if (found := vocab.find_title(x)) is not None}
            titles_col = next((i for i, k in enumerate(keys) if "danh hieu" in k), None)
            if not per_title and titles_col is None:
                continue
            out: list[TableRow] = []
            problems: list[Diagnostic] = []
            for r, row in enumerate(rows[h + 1:], h + 2):
                if name_col >= len(row) or not row[name_col].strip():
                    continue
                where = f"{display} › bảng {t} › dòng {r}"
                titles: list[str] = []
                if per_title:
                    titles = [tt.name for i, tt in per_title.items()
                              if i < len(row) and _key(row[i]) in ("x", "co", "dang ky")]
                if titles_col is not None and titles_col < len(row):
                    for piece in re.split(r"[,;+\n]| và ", row[titles_col]):
                        if not piece.strip():
                            continue
                        found = vocab.find_title(piece.strip())
                        if found is None:
                            problems.append(make(
                                "TD507", where, value=piece.strip(), heading=header[titles_col],
                                suggestion="Ghi tên danh hiệu hoặc chữ viết tắt (LĐTT, "
                                           "CSTĐCS …), cách nhau bởi dấu phẩy."))
                        else:
                            titles.append(found.name)
                code = row[code_col].strip() if code_col is not None and code_col < len(row) \
                    else ""
                out.append(TableRow(row[name_col].strip(), code, tuple(dict.fromkeys(titles)),
                                    where))
            return out, problems
    return [], [make("TD510", display,
                     detail="Không tìm thấy bảng có cột \"Họ và tên\" và danh hiệu đăng ký",
                     hint="Bảng cần cột Họ và tên và cột Danh hiệu đăng ký (hoặc một cột cho "
                          "mỗi danh hiệu, đánh dấu x).")]
