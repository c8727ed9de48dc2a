"""Reading workbooks safely: values with python-calamine (fast), structure from the package
itself (formulas, hidden rows, merged cells, custom properties), every problem a diagnostic.

A workbook from a unit is untrusted input: the package is bounded (part count and sizes)
before anything reads it, an old .xls or a password-protected file gets its own message, and
nothing here raises on bad bytes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from thidua.diagnostics import Diagnostic, make

MAX_PARTS = 500
MAX_PART = 64 * 1024 * 1024
MAX_TOTAL = 192 * 1024 * 1024  # decompressed, all parts together (the zip's own sizes)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The package's XML is scanned with regular expressions that stay linear whatever a file
# holds: a tag is matched whole first (its attributes cannot contain "<", so no scan crosses
# into the next tag), then its attributes are read from it.
_ROW_TAG = re.compile(rb"<row\b([^<>]*+)")
_SHEET_TAG = re.compile(rb"<sheet\b([^<>]*+)")
_REL_TAG = re.compile(rb"<Relationship\b([^<>]*+)")
_ATTR = re.compile(rb'([\w:]+)="([^"<>]*)"')


def _attributes(tags: re.Pattern[bytes], xml: bytes) -> list[dict[bytes, bytes]]:
    return [dict(_ATTR.findall(m.group(1))) for m in tags.finditer(xml)]


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]  # values (str, float, int, bool, date, datetime, "" for empty)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # 0-based cell → text
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1

    def value(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class Workbook:
    sheets: dict[str, Sheet]
    properties: dict[str, str]
    order: list[str]


# Rows × columns a sheet may span (a reader fills out the whole range: one stray cell at
# XFD1048576 would ask for 17 billion).
MAX_CELLS = 2_000_000
_CELL_COLUMN = re.compile(rb'<c\b[^<>]*?\br="([A-Z]{1,3})[0-9]')
_CELL_ROW = re.compile(rb'<c\b[^<>]*?\br="[A-Z]{1,3}([0-9]{1,7})"')


def used_range(xml: bytes) -> tuple[int, int, str]:
    """Rows and columns from A1 to the farthest cell present, and that corner's name (two
    scans of the sheet's XML; only the distinct values are looked at one by one)."""
    columns = set(_CELL_COLUMN.findall(xml))
    rows = set(_CELL_ROW.findall(xml))
    if not columns or not rows:
        return 0, 0, ""
    width = max(_column_number(c) for c in columns)
    height = max(map(int, rows))
    return height, width, f"{_col_name(width)}{height}"


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _col_name(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _unescape(raw: bytes) -> str:
    from html import unescape

    return unescape(raw.decode("utf-8", "replace"))


def package_problem(raw: bytes) -> str | None:
    """Why a zip package (a .docx) is too large to open, or None: too many parts, a part
    or all of them too large once decompressed (as the zip declares; reading stops there)."""
    try:
        infos = zipfile.ZipFile(BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return None  # not a zip: the reader says so
    if len(infos) > MAX_PARTS or any(i.file_size > MAX_PART for i in infos) \
            or sum(i.file_size for i in infos) > MAX_TOTAL:
        return "tệp quá lớn hoặc có phần bất thường khi giải nén"
    return None


def read(raw: bytes, display: str, *, only: Collection[str] | None = None
         ) -> Workbook | Diagnostic:
    """A workbook, or the diagnostic that says why it cannot be read (``only``: the sheets
    whose contents are wanted; the others are listed, empty)."""
    if raw.startswith(_OLE):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in raw:
            return make("TD501", display, detail="tệp đã đặt mật khẩu mở",
                        hint="Mở bằng Excel, bỏ mật khẩu (File › Info › Protect Workbook), lưu "
                             "lại rồi gửi.")
        return make("TD501", display, detail="tệp Excel cũ (.xls)",
                    hint="Mở bằng Excel và lưu lại dạng \"Excel Workbook (.xlsx)\".")
    try:
        z = zipfile.ZipFile(BytesIO(raw))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return make("TD501", display, detail="không phải bảng tính Excel (.xlsx)",
                    hint="Gửi tệp .xlsx do thidua forms tạo (hoặc bảng tính lưu dạng .xlsx).")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        return make("TD501", display, detail="gói zip không chứa bảng tính Excel",
                    hint="Gửi tệp .xlsx do thidua forms tạo.")
    if len(infos) > MAX_PARTS or any(i.file_size > MAX_PART for i in infos) \
            or sum(i.file_size for i in infos) > MAX_TOTAL:
        return make("TD501", display, detail="bảng tính quá lớn hoặc có phần bất thường",
                    hint="Lưu lại bảng tính bằng Excel, chỉ giữ các trang của biểu mẫu.")
    try:
        parts = {n: z.read(n) for n in names
                 if n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "docProps/custom.xml")
                 or (n.startswith("xl/worksheets/") and n.endswith(".xml"))}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError):
        return make("TD501", display, detail="gói zip bị hỏng",
                    hint="Mở bằng Excel, lưu lại rồi gửi.")
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(BytesIO(raw))
    except Exception:  # the library's errors are many; none is ours to raise
        return make("TD501", display, detail="bảng tính bị hỏng hoặc không đọc được",
                    hint="Mở bằng Excel, lưu lại dạng .xlsx rồi gửi.")
    rels = {a[b"Id"]: a[b"Target"]
            for a in _attributes(_REL_TAG, parts.get("xl/_rels/workbook.xml.rels", b""))
            if b"Id" in a and b"Target" in a}
    files: dict[str, str] = {}
    for tag in _attributes(_SHEET_TAG, parts["xl/workbook.xml"]):
        if b"name" not in tag or b"r:id" not in tag:
            continue
        target = rels.get(tag[b"r:id"], b"").decode("utf-8", "replace").lstrip("/")
        files[_unescape(tag[b"name"])] = target if target.startswith("xl/") else f"xl/{target}"
    sheets: dict[str, Sheet] = {}
    order = list(book.sheet_names)
    for name in order:
        if only is not None and name not in only:
            sheets[name] = Sheet(name, [])
            continue
        # (the reader fills out the sheet's whole range: measured first, from the cells)
        for part in [files[name]] if name in files else [
                n for n in parts if n.startswith("xl/worksheets/")]:
            height, width, last = used_range(parts.get(part, b""))
            if height * width > MAX_CELLS:
                size = f"{height:,} dòng × {width:,} cột".replace(",", ".")
                return make("TD501", f"{display} › {name}",
                            detail=f"trang tính có dữ liệu tới ô {last} ({size}), quá lớn",
                            hint="Xóa các ô ở xa bảng (Ctrl+End cho biết ô cuối), lưu lại "
                                 "rồi gửi.")
        try:
            ws = book.get_sheet_by_name(name)
            rows = ws.to_python(skip_empty_area=False)  # a new list of lists: ours
            merged = [(m[0][0], m[0][1], m[1][0], m[1][1])
                      for m in (ws.merged_cell_ranges or ())]
        except Exception:
            return make("TD501", f"{display} › {name}", detail="trang tính không đọc được",
                        hint="Mở bằng Excel, lưu lại rồi gửi.")
        xml = parts.get(files.get(name, ""), b"")
        formulas = _formulas(xml)
        hidden = ({int(a[b"r"]) - 1 for a in _attributes(_ROW_TAG, xml)
                   if a.get(b"hidden") in (b"1", b"true") and a.get(b"r", b"").isdigit()
                   and len(a[b"r"]) <= 7} if b"hidden=" in xml else set())
        sheets[name] = Sheet(name, rows, formulas, hidden, merged)
    props = _properties(parts.get("docProps/custom.xml", b""))
    return Workbook(sheets, props, order)


_FORMULA_TAG = re.compile(rb"<f[ >/]")
_CELL_REF = re.compile(rb'<c r="([A-Z]+\d+)"')
_CELL_NEAR = 4096  # bytes before a formula tag where its cell's start tag must be


def _formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """The formulas of a sheet's cells (0-based cell → the text after ``<f``): each
    formula tag, then the cell it is in, looked for just before it (a cell's start tag
    comes right before its formula: a look back bounded per tag keeps the scan linear)."""
    out: dict[tuple[int, int], str] = {}
    for m in _FORMULA_TAG.finditer(xml):
        start = xml.rfind(b"<c ", max(0, m.start() - _CELL_NEAR), m.start())
        ref = _CELL_REF.match(xml, start) if start >= 0 else None
        if ref is None or xml.find(b"</c>", start, m.start()) != -1:
            continue  # not inside a cell
        end = xml.find(b"<", m.end(), m.end() + 1_000_000)
        text = xml[m.end():end] if end != -1 and xml.startswith(b"</f>", end) else b""
        out[_cell(ref[1].decode())] = _unescape(text)
    return out


def _properties(xml: bytes) -> dict[str, str]:
    """Custom document properties (name → text), read without entities or network."""
    if not xml:
        return {}
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for prop in root:
        name = prop.get("name")
        if name is not None and len(prop):
            out[name] = (prop[0].text or "").strip()
    return out


def _cell(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    if not m:
        return 0, 0
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
