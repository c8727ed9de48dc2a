"""A filled unit form (`thidua import`) → the unit's registration and results files.

Every cell is read as data: a value outside a dropdown's list, a date that is not a date, a
formula, a merged cell or a hidden row with data is a diagnostic at ``tệp.xlsx › Trang › B7``.
The documents built here keep what the form does not show (notes, a second initiative, a
proposal tied to a plan); the data paths of their values map back to the cells, so that the
checks of `thidua validate` on the result are reported where the clerk typed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.diagnostics import DataPath, Diagnostic, make
from thidua.load.merge import ABSENT, merge3
from thidua.load.workbook import Sheet, Workbook, as_date
from thidua.model import forms as f
from thidua.model import vocab
from thidua.textutil import BadDate, parse_date, suggestion

MANY = "(nhiều hơn một mục)"
Cell = tuple[str, int, int] | str


@dataclass(frozen=True)
class Expected:
    org_id: str
    fingerprint: str
    units: frozenset[str]


@dataclass
class FormImport:
    """What one form says: its unit and year, the two documents, where each value came from."""

    display: str
    unit: str
    year: int
    registration: dict[str, Any] | None = None
    results: dict[str, Any] | None = None
    # Where values came from: (kind, path) → cell, and for each record of ca_nhan its own
    # map (path below the record → cell). A cell is (sheet, row, col), or already a text.
    cells: dict[tuple[str, DataPath], Cell] = field(default_factory=dict)
    records: dict[str, list[dict[DataPath, Cell]]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Each row's code and the name typed beside it, with their cells (checked against the
    # staff list by the importer).
    names: list[tuple[str, str, Cell, Cell]] = field(default_factory=list)

    def where(self, kind: str, path: DataPath) -> str | None:
        """The cell a data path came from (its nearest ancestor that has one)."""
        rows = self.records.get(kind)
        if rows and len(path) >= 2 and path[0] == "ca_nhan" and isinstance(path[1], int) \
                and 0 <= path[1] < len(rows):
            mine = rows[path[1]]
            for n in range(len(path) - 2, -1, -1):
                cell = mine.get(path[2:2 + n])
                if cell is not None:
                    return self.show(cell)
        for n in range(len(path), -1, -1):
            cell = self.cells.get((kind, path[:n]))
            if cell is not None:
                return self.show(cell)
        return None

    def has(self, kind: str, path: DataPath) -> bool:
        rows = self.records.get(kind)
        if rows and len(path) >= 2 and path[0] == "ca_nhan" and isinstance(path[1], int) \
                and 0 <= path[1] < len(rows):
            return path[2:] in rows[path[1]]
        return (kind, path) in self.cells

    def show(self, cell: Cell) -> str:
        if isinstance(cell, str):
            return cell
        sheet, row, col = cell
        return f"{self.display} › {sheet} › {f.cell_name(row, col)}"


def identify(book: Workbook, display: str, expected: Expected) -> FormImport | list[Diagnostic]:
    """The form's unit and year from its identifier, checked against the repository."""
    props = book.properties
    kind, _, version = props.get("thidua_bieu_mau", "").partition("/")
    unit, year_text = props.get("thidua_don_vi", ""), props.get("thidua_nam", "")
    year = int(year_text) if year_text.isascii() and year_text.isdigit() \
        and len(year_text) <= 4 else 0

    def bad(detail: str) -> list[Diagnostic]:
        return [make("TD502", display, detail=detail, year=year or "<năm>",
                     unit=unit or "<đơn vị>")]
    if kind != f.KIND:
        return bad("không phải biểu mẫu do thidua forms tạo (thiếu mã biểu mẫu)")
    if not (version.isascii() and version.isdigit()) or int(version) < f.VERSION:
        return bad(f"là phiên bản cũ ({version or '?'}); phiên bản hiện tại là {f.VERSION}")
    if int(version) > f.VERSION:
        return bad(f"là phiên bản {version}, mới hơn bản thidua này đọc được ({f.VERSION})")
    if props.get("thidua_to_chuc") != expected.org_id or \
            props.get("thidua_kho") != expected.fingerprint:
        return bad(f"thuộc tổ chức \"{props.get('thidua_to_chuc', '?')}\" của một kho dữ liệu "
                   f"khác, không phải \"{expected.org_id}\" của kho này")
    if unit not in expected.units:
        return bad(f"của đơn vị \"{unit}\" không có trong to_chuc.yaml")
    if not 1990 <= year <= 2100:
        return bad(f"ghi năm \"{year_text}\" không hợp lệ")
    names = list(book.order)
    if sorted(names) != sorted(f.SHEETS):
        extra = [n for n in names if n not in f.SHEETS]
        missing = [n for n in f.SHEETS if n not in names]
        detail = "; ".join(filter(None, (
            f"trang thừa hoặc bị đổi tên: {', '.join(extra)}" if extra else "",
            f"thiếu trang: {', '.join(missing)}" if missing else "")))
        return [make("TD503", display, detail=f"Biểu mẫu có trang tính khác mẫu: {detail}")]
    return FormImport(display, unit, year)


def _cell(form: FormImport, sheet: str, row: int, col: int) -> str:
    return f"{form.display} › {sheet} › {f.cell_name(row, col)}"


def _structure(form: FormImport, sheet: Sheet, first_row: int) -> bool:
    """Formulas, merged cells and hidden rows with data in the data area. False: stop."""
    ok = True
    for (r, c), text in sorted(sheet.formulas.items()):
        if r >= 2:
            form.diagnostics.append(make("TD504", _cell(form, sheet.name, r, c),
                                         formula=text[:40]))
            ok = False
    for r0, c0, r1, c1 in sheet.merged:
        if r1 >= 2:
            form.diagnostics.append(make(
                "TD505", _cell(form, sheet.name, r0, c0),
                cells=f"{f.cell_name(r0, c0)}:{f.cell_name(r1, c1)}"))
            ok = False
    for r in sorted(sheet.hidden_rows):
        if r >= first_row and any(v not in ("", None) for v in sheet.rows[r][1:]
                                  if r < len(sheet.rows)):
            form.diagnostics.append(make("TD506", _cell(form, sheet.name, r, 0), row=r + 1))
            ok = False
    return ok


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip() if value is not None else ""


def _read(form: FormImport, sheet: Sheet, row: int, col: int, kind: str) -> Any:
    """The value of a cell as data (None when empty); a problem is a diagnostic (and
    :data:`INVALID`-like None with the problem reported)."""
    value = sheet.value(row, col)
    if value == "" or value is None:
        return None

    def at() -> str:  # where the cell is, for a message (only then: most values are fine)
        return _cell(form, sheet.name, row, col)

    if kind == "mark":
        if value == f.MARK:
            return True
        text = _text(value)
        if text.lower() == f.MARK:
            return True
        form.diagnostics.append(make("TD507", at(), value=text, heading=_header(sheet, col),
                                     suggestion="Chỉ ghi x hoặc để trống."))
        return None
    if kind.startswith("list:"):
        allowed = f.LIST_VALUES[kind[5:]]
        if value in allowed:
            return value
        text = _text(value)
        if text in allowed:
            return text
        form.diagnostics.append(make("TD507", at(), value=text, heading=_header(sheet, col),
                                     suggestion=suggestion(text, allowed, listing="Chọn một "
                                                                                  "trong")))
        return None
    if kind == "date":  # written as the files hold dates (text, YYYY-MM-DD)
        day = as_date(value)
        if day is not None:
            return day.isoformat()
        if isinstance(value, int | float) and not isinstance(value, bool):
            form.diagnostics.append(make("TD508", at(), value=_text(value),
                                         detail="ô là số, không phải ngày"))
            return None
        text = _text(value)
        try:
            if len(text.replace("-", "/").split("/")[-1]) != 4 and \
                    not text[:4].isdigit():
                raise BadDate(False)
            return parse_date(text).isoformat()
        except BadDate as exc:
            detail = ("ngày không có trên lịch" if exc.impossible
                      else "năm phải đủ 4 chữ số, dạng 15/01/2024")
            form.diagnostics.append(make("TD508", at(), value=text, detail=detail))
            return None
    if kind == "int":
        if isinstance(value, bool):
            value = _text(value)
        if isinstance(value, float) and value.is_integer() and 0 <= value < 10**6:
            return int(value)
        if isinstance(value, int) and 0 <= value < 10**6:
            return value
        text = _text(value)
        if text.isascii() and text.isdigit() and len(text) < 7:
            return int(text)
        form.diagnostics.append(make("TD511", at(), value=text[:40]))
        return None
    return _text(value) or None


def _header(sheet: Sheet, col: int) -> str:
    for r in (f.RES_HEADER_ROW, f.REG_HEADER_ROW):
        head = sheet.value(r, col)
        if isinstance(head, str) and head and head != "STT":
            return head
    return f.column_letter(col)


def _rows(sheet: Sheet, header_row: int) -> Iterator[tuple[int, list[Any], set[int]]]:
    """The rows of the table that hold anything (beyond their number): each with its values
    and the columns something is typed in (most cells of a row are empty)."""
    rows = sheet.rows
    for r in range(header_row + 1, len(rows)):
        vals = rows[r]
        typed = {c for c, v in enumerate(vals) if v != "" and v is not None}
        if any(typed):  # a column other than the first (0)
            yield r, vals, typed


_REG_MARK_COLS = tuple((c, col.key[3:]) for c, col in enumerate(f.REG_COLUMNS)
                       if col.kind == "mark")


def registration(form: FormImport, sheet: Sheet, existing: dict[str, Any] | None) -> None:
    if not _structure(form, sheet, f.REG_HEADER_ROW + 1):
        return
    doc: dict[str, Any] = dict(existing) if existing else {}
    doc["don_vi"] = form.unit
    kind = "dang_ky"
    day = _read(form, sheet, *f.REG_DATE_CELL, "date")
    if day is not None:
        doc["ngay_dang_ky"] = day
    form.cells[(kind, ("ngay_dang_ky",))] = (sheet.name, *f.REG_DATE_CELL)
    form.cells[(kind, ())] = (sheet.name, *f.REG_DATE_CELL)
    units: list[dict[str, Any]] = []
    old_units = {t.get("danh_hieu"): t for t in doc.get("tap_the") or () if isinstance(t, dict)}
    for i, title in enumerate(f.REG_UNIT_TITLES):
        r = f.REG_UNIT_FIRST_ROW + i
        if _read(form, sheet, r, 1, "mark"):
            form.cells[(kind, ("tap_the", len(units)))] = (sheet.name, r, 1)
            units.append(old_units.get(title) or {"danh_hieu": title})
    units += [t for name, t in old_units.items() if name not in f.REG_UNIT_TITLES]
    if units:
        doc["tap_the"] = units
    else:
        doc.pop("tap_the", None)
    name = sheet.name
    c_day = len(f.REG_COLUMNS) - 1
    old = {p.get("ma"): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    people: Any = []
    for r, vals, typed in _rows(sheet, f.REG_HEADER_ROW):
        pid = _text(vals[1]) if 1 in typed else ""
        if pid or 2 in typed:
            form.names.append((pid, _text(vals[2]) if 2 in typed else "",
                               (sheet.name, r, 1), (sheet.name, r, 2)))
        mine: dict[DataPath, Cell] = {(): (name, r, 1), ("ma",): (name, r, 1)}
        titles = [t for c, t in _REG_MARK_COLS
                  if c in typed and _read(form, sheet, r, c, "mark")]
        if not pid and not titles:
            continue
        rec = dict(old[pid]) if pid in old else {}  # (the parsed file is ours to change)
        kept = [t for t in rec.get("danh_hieu") or () if t not in f.PERSON_TITLES_REGISTERED]
        rec.update({"ma": pid or "(trống)", "danh_hieu": titles + kept})
        mine[("danh_hieu",)] = (name, r, _REG_MARK_COLS[0][0])
        own_day = _read(form, sheet, r, c_day, "date") if c_day in typed else None
        if own_day is not None:
            rec["ngay_dang_ky"] = own_day
            mine[("ngay_dang_ky",)] = (name, r, c_day)
        else:
            rec.pop("ngay_dang_ky", None)
        if not rec["danh_hieu"]:
            continue  # nobody registers without a title
        people.append((_ordered(rec, ("ma", "danh_hieu", "ngay_dang_ky"), like=old.get(pid)),
                       mine))
    people = _in_file_order(form, kind, people, old)
    if people:
        doc["ca_nhan"] = people
    else:
        doc.pop("ca_nhan", None)
    if doc.get("tap_the") or doc.get("ca_nhan"):
        form.registration = _ordered(doc, ("don_vi", "ngay_dang_ky", "tap_the", "ca_nhan"),
                                     like=existing)


def _in_file_order(form: FormImport, kind: str,
                   people: list[tuple[dict[str, Any], dict[DataPath, Cell]]],
                   old: dict[Any, Any]) -> list[dict[str, Any]]:
    """The records in the order the file already had (new people after, in form order), so
    that importing a form changes only what the clerk changed; cells follow their record."""
    place = {pid: n for n, pid in enumerate(old)}
    ordered = sorted(enumerate(people),
                     key=lambda x: (place.get(x[1][0].get("ma"), len(place)), x[0]))
    form.records[kind] = [mine for _n, (_rec, mine) in ordered]
    return [rec for _n, (rec, _mine) in ordered]


def _ordered(d: dict[str, Any], keys: tuple[str, ...], *,
             like: dict[str, Any] | None = None) -> dict[str, Any]:
    """Keys in the order of the record being replaced (``like``), else in schema order;
    keys the form does not know keep their place at the end."""
    if like:
        order = [k for k in like if k in d]
        if len(order) == len(d):  # no new key (the usual case of a re-import)
            return d if list(d) == order else {k: d[k] for k in order}
        keys = (*order, *keys)
    out = {k: d[k] for k in keys if k in d}
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def _proposals(old: Any, marked: list[str], shown: tuple[str, ...]) -> list[Any]:
    """The marked titles (keeping a plan reference an existing proposal had), then the
    existing proposals the form does not show."""
    old_items = list(old or ())
    by_title = {}
    for x in old_items:
        title = x if isinstance(x, str) else x.get("danh_hieu") if isinstance(x, dict) else None
        if title is not None:
            by_title[title] = x
    out: list[Any] = [by_title.get(t, t) for t in marked]
    out += [x for t, x in by_title.items() if t not in shown]
    return out


_GROUPS = {
    "sk": ("sang_kien", (("sk_ten", "ten"), ("sk_quyet_dinh", "quyet_dinh"),
                         ("sk_ngay", "ngay"), ("sk_pham_vi", "pham_vi"))),
    "kl": ("ky_luat", (("kl_hinh_thuc", "hinh_thuc"), ("kl_quyet_dinh", "quyet_dinh"),
                       ("kl_ngay", "ngay"), ("kl_den_ngay", "den_ngay"))),
    "ng": ("nghi", (("ng_loai", "loai"), ("ng_tu_ngay", "tu_ngay"),
                    ("ng_den_ngay", "den_ngay"))),
}
CSTDCS = vocab.CSTDCS.name
_RES_COLS = {c.key: i for i, c in enumerate(f.RES_COLUMNS)}
# Each group of columns: the key of its list, (column, field, kind) of each cell, columns.
_RES_GROUPS = tuple(
    (key, tuple((_RES_COLS[col], field_, f.RES_COLUMNS[_RES_COLS[col]].kind)
                for col, field_ in pairs), tuple(_RES_COLS[col] for col, _f in pairs))
    for key, pairs in _GROUPS.values())
_RES_PROPOSAL_COLS = tuple((c.key[3:], i) for i, c in enumerate(f.RES_COLUMNS)
                           if c.key.startswith("dn:"))
_RES_RECORD_KEYS = ("ma", "xep_loai", "sang_kien", "ky_luat", "nghi", "bieu_quyet",
                    "dang_xem_xet_ky_luat", "de_nghi", "ghi_chu")


def results(form: FormImport, sheet: Sheet, existing: dict[str, Any] | None) -> None:
    if not _structure(form, sheet, f.RES_HEADER_ROW + 1):
        return
    doc: dict[str, Any] = dict(existing) if existing else {}
    doc["don_vi"] = form.unit
    kind = "ket_qua"
    unit = dict(doc.get("tap_the") or {}) if isinstance(doc.get("tap_the"), dict) else {}
    rating = _read(form, sheet, *f.RES_UNIT_RATING_CELL, "list:xep_loai")
    form.cells[(kind, ("tap_the",))] = (sheet.name, *f.RES_UNIT_RATING_CELL)
    marked = [t for i, t in enumerate(f.RES_UNIT_PROPOSALS)
              if _read(form, sheet, f.RES_UNIT_FIRST_ROW + i, 1, "mark")]
    if rating is not None:
        unit["xep_loai"] = rating
    elif sheet.value(*f.RES_UNIT_RATING_CELL) in ("", None):
        unit.pop("xep_loai", None)  # blank: no rating (as in every cell)
    props = _proposals(unit.get("de_nghi"), marked, f.RES_UNIT_PROPOSALS)
    if props:
        unit["de_nghi"] = props
        form.cells[(kind, ("tap_the", "de_nghi"))] = _cell(form, sheet.name,
                                                           f.RES_UNIT_FIRST_ROW, 1)
    else:
        unit.pop("de_nghi", None)
    if unit.get("xep_loai") or unit.get("de_nghi"):
        doc["tap_the"] = _ordered(unit, ("xep_loai", "de_nghi", "bieu_quyet",
                                         "dang_xem_xet_ky_luat", "ghi_chu"))
    cols = _RES_COLS
    c_rating, c_agree, c_total, c_review = (cols[k] for k in ("xep_loai", "bq_dong_y",
                                                              "bq_tong_so", "xem_xet"))
    name = sheet.name
    old = {p.get("ma"): p for p in doc.get("ca_nhan") or () if isinstance(p, dict)}
    people: Any = []
    for r, vals, typed in _rows(sheet, f.RES_HEADER_ROW):
        pid = _text(vals[1]) if 1 in typed else ""
        if pid or 2 in typed:
            form.names.append((pid, _text(vals[2]) if 2 in typed else "",
                               (name, r, 1), (name, r, 2)))
        mine: dict[DataPath, Cell] = {(): (name, r, 1), ("ma",): (name, r, 1),
                                      ("xep_loai",): (name, r, c_rating)}
        rec = dict(old[pid]) if pid in old else {}  # (the parsed file is ours to change)
        rec["ma"] = pid or "(trống)"
        if c_rating in typed:
            rating = _read(form, sheet, r, c_rating, "list:xep_loai")
            if rating is not None:
                rec["xep_loai"] = rating
        else:  # blank means no value, as in every other cell (a rating is then missing)
            rec.pop("xep_loai", None)
        for key, pairs, group_cols in _RES_GROUPS:
            if key not in rec and typed.isdisjoint(group_cols):
                continue  # nothing typed, nothing held: the usual case, quickly
            first_col = group_cols[0]
            if first_col in typed and _text(vals[first_col]) == MANY:
                continue  # more than one in the data: the form left them alone
            item = {field_: _read(form, sheet, r, c, kind_) if c in typed else None
                    for c, field_, kind_ in pairs}
            items = [x for x in rec.get(key) or () if isinstance(x, dict)]
            mine[(key,)] = (name, r, first_col)
            for c, field_, _kind in pairs:
                mine[(key, 0, field_)] = (name, r, c)
            if any(v is not None for v in item.values()):
                merged = {**(items[0] if items else {}),
                          **{k: v for k, v in item.items() if v is not None}}
                for k, v in item.items():
                    if v is None:
                        merged.pop(k, None)
                rec[key] = [merged, *items[1:]]
            elif items:
                rec[key] = items[1:]  # the clerk cleared the cells
                if not rec[key]:
                    del rec[key]
        if c_agree not in typed or _text(vals[c_agree]) != MANY:
            agree = _read(form, sheet, r, c_agree, "int") if c_agree in typed else None
            total = _read(form, sheet, r, c_total, "int") if c_total in typed else None
            votes = [v for v in rec.get("bieu_quyet") or () if isinstance(v, dict)]
            others = [v for v in votes if v.get("danh_hieu") != CSTDCS]
            if agree is not None or total is not None:
                current = next((v for v in votes if v.get("danh_hieu") == CSTDCS), {})
                vote = {**current, "danh_hieu": CSTDCS}
                vote.update({k: v for k, v in (("dong_y", agree), ("tong_so", total))
                             if v is not None})
                rec["bieu_quyet"] = [vote, *others]
                mine[("bieu_quyet", 0)] = (name, r, c_agree)
                mine[("bieu_quyet", 0, "tong_so")] = (name, r, c_total)
            elif others:
                rec["bieu_quyet"] = others
            else:
                rec.pop("bieu_quyet", None)
        if c_review in typed and _read(form, sheet, r, c_review, "mark"):
            rec["dang_xem_xet_ky_luat"] = True
        else:
            rec.pop("dang_xem_xet_ky_luat", None)
        marked = [t for t, c in _RES_PROPOSAL_COLS
                  if c in typed and _read(form, sheet, r, c, "mark")]
        held = rec.get("de_nghi")
        proposed = _proposals(held, marked, f.PERSON_PROPOSALS) if marked or held else None
        if proposed:
            rec["de_nghi"] = proposed
            mine[("de_nghi",)] = (name, r, _RES_PROPOSAL_COLS[0][1])
        else:
            rec.pop("de_nghi", None)
        if "xep_loai" not in rec and len(rec) == 1 and not any(c >= 3 for c in typed):
            continue  # an empty row of the roster: nothing to record
        people.append((_ordered(rec, _RES_RECORD_KEYS, like=old.get(pid)), mine))
    people = _in_file_order(form, kind, people, old)
    if people:
        doc["ca_nhan"] = people
    else:
        doc.pop("ca_nhan", None)
    if doc.get("tap_the") or doc.get("ca_nhan"):
        form.results = _ordered(doc, ("don_vi", "tap_the", "ca_nhan"), like=existing)


def read_form(book: Workbook, display: str, expected: Expected,
              existing: Callable[[str, int], dict[str, dict[str, Any] | None]],
              changed_by: Callable[[str, int, str, DataPath], str] | None = None
              ) -> FormImport | list[Diagnostic]:
    """Identify and read one filled form; ``existing(unit, year)`` gives the unit's current
    files ({"dang_ky": …, "ket_qua": …}, parsed YAML or None). What the form says is read
    over the files it was made from, then merged three ways with the current files: a value
    changed both on the form and in the file since is a conflict (TD512) at its cell;
    ``changed_by(unit, year, kind, path)`` says what changed the value at ``path`` in the
    file (a commit), for its message."""
    form = identify(book, display, expected)
    if isinstance(form, list):
        return form
    base = form_base(book, form)
    if isinstance(base, list):
        return base
    if not (_has_data(book.sheets[f.REGISTRATION], f.REG_HEADER_ROW)
            or _has_data(book.sheets[f.RESULTS], f.RES_HEADER_ROW)):
        return [make("TD509", display)]
    registration(form, book.sheets[f.REGISTRATION], base.get("dang_ky"))
    results(form, book.sheets[f.RESULTS], base.get("ket_qua"))
    current = existing(form.unit, form.year)
    for kind in ("dang_ky", "ket_qua"):
        _merge(form, kind, base.get(kind), current.get(kind), changed_by)
    return form


def names_match(form: FormImport, people: dict[str, Any]) -> list[Diagnostic]:
    """Each row is who it says it is: its code is in the staff list (a wrong code is
    matched by the name typed on the row: TD202), it has a code (TD514: a new person is
    added to the staff list first), and the name typed is the staff list's name for that
    code, case, diacritics and spacing aside (TD513)."""
    from thidua.model.vocab import fold

    by_name: dict[str, list[str]] = {}

    def named(typed: str) -> list[str]:
        if not by_name:
            for p in people.values():
                by_name.setdefault(fold(p.name), []).append(p.id)
        return by_name.get(fold(typed), []) if typed.strip() else []
    out = []
    for pid, typed, code_cell, name_cell in form.names:
        person = people.get(pid)
        if not pid:
            found = named(typed)
            out.append(make("TD514", form.show(code_cell), name=typed,
                            known=f" (họ tên này là của {', '.join(found[:3])})" if found
                            else ""))
        elif person is None:
            found = named(typed)
            out.append(make("TD202", form.show(code_cell), ref=pid, suggestion=(
                f"Họ tên trên dòng này là của {found[0]}: có phải mã đúng là {found[0]}?"
                if len(found) == 1 else
                "Xem mã trong danh sách nhân sự (trang Đăng ký của biểu mẫu mới tạo).")))
        elif typed.strip() and typed != person.name and fold(typed) != fold(person.name):
            others = [x for x in named(typed) if x != pid]
            out.append(make("TD513", form.show(name_cell), ref=pid, roster=person.name,
                            typed=typed,
                            other=f" (tên này là của {', '.join(others[:3])})" if others
                            else ""))
    return out


def form_base(book: Workbook, form: FormImport) -> dict[str, Any] | list[Diagnostic]:
    """The unit's files as they were when the form was made (kept in the form)."""
    sheet = book.sheets.get(f.BASE)
    text = "".join(str(row[0]) for row in (sheet.rows if sheet else ()) if row and row[0])
    data: Any = None
    props = book.properties
    signed = "\0".join((props.get("thidua_to_chuc", ""), form.unit, str(form.year), text))
    if hashlib.sha256(signed.encode("utf-8")).hexdigest() == props.get("thidua_goc"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
    if not isinstance(data, dict) or not all(
            isinstance(data.get(k), dict | None) for k in ("dang_ky", "ket_qua")):
        return [make("TD502", form.display, detail="mất phần dữ liệu gốc (trang ẩn \"Gốc\"), "
                     "hoặc phần đó hay mã đơn vị, năm của biểu mẫu đã bị sửa", year=form.year,
                     unit=form.unit)]
    return data


def _merge(form: FormImport, kind: str, base: dict[str, Any] | None,
           current: dict[str, Any] | None,
           changed_by: Callable[[str, int, str, DataPath], str] | None) -> None:
    """The form's document of ``kind`` merged with the current file (see :func:`read_form`);
    the cells of its records follow them into the merged order."""
    mine = form.registration if kind == "dang_ky" else form.results
    if mine is None:
        return
    merged, conflicts = merge3(ABSENT if base is None else base,
                               ABSENT if current is None else current, mine)
    file = f"{form.year}/{kind}/{form.unit}.yaml"
    for c in conflicts:
        since = changed_by(form.unit, form.year, kind, c.in_file) if changed_by else ""
        form.diagnostics.append(make(
            "TD512", form.where(kind, c.path) or form.display, mine=_shown(c.mine),
            theirs=_shown(c.theirs), where=file, since=f" ({since})" if since else ""))
    rows = form.records.get(kind)
    if rows is not None and isinstance(merged, dict):
        by_code = {rec.get("ma"): cells for rec, cells in zip(
            mine.get("ca_nhan") or (), rows, strict=False) if isinstance(rec, dict)}
        form.records[kind] = [by_code.get(rec.get("ma"), {}) if isinstance(rec, dict) else {}
                              for rec in merged.get("ca_nhan") or ()]
    doc = None if merged is ABSENT else merged
    if kind == "dang_ky":
        form.registration = doc
    else:
        form.results = doc


def _shown(value: Any) -> str:
    if value is ABSENT or value is None:
        return "(trống)"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value) or "(trống)"
    if isinstance(value, dict):
        return str(value.get("ma") or value.get("ten") or value.get("danh_hieu") or "(bản ghi)")
    return str(value)


def _has_data(sheet: Sheet, header_row: int) -> bool:
    """Anything typed in the sheet (its titles, labels and header row aside)."""
    return any(v not in ("", None) for r, row in enumerate(sheet.rows)
               if r >= 2 and r != header_row for v in row[1:])
