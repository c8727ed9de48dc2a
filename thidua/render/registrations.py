"""Bảng tổng hợp đăng ký thi đua: what every unit and its people registered for and, once the
year's results are in, what they were recognised for (from the one decision step). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import TypedDict

from thidua.decide.year import YearDecision
from thidua.model import entities as m
from thidua.model import vocab
from thidua.render.base import AnnexRow, number_text, place_date, refuse_unlawful

# Individual titles counted per unit, with the abbreviation of the column heading.
COLUMNS = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
           "Chiến sĩ thi đua cấp bộ")
KEYS = ("ldtt", "cstdcs", "cstd_tinh", "cstd_bo")
HEADINGS = ("LĐTT", "CSTĐCS", "CSTĐ tỉnh", "CSTĐ bộ")
UNIT_TITLES = ("Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc")
UNIT_SHORT = {"Tập thể lao động tiên tiến": "TTLĐTT", "Tập thể lao động xuất sắc": "TTLĐXS"}
KEY_TEXT = ("LĐTT: Lao động tiên tiến; CSTĐCS: Chiến sĩ thi đua cơ sở; CSTĐ: Chiến sĩ thi đua; "
            "TTLĐTT: Tập thể lao động tiên tiến; TTLĐXS: Tập thể lao động xuất sắc.")

KIND = "bang-tong-hop-dang-ky"


@dataclass(frozen=True)
class UnitRow:
    name: str
    collective: tuple[str, ...]  # titles the unit registered for
    collective_got: tuple[str, ...] | None  # titles it was recognised for (None: no results)
    people: int  # people who registered for anything
    registered: tuple[int, ...]  # per COLUMNS
    recognised: tuple[int, ...] | None  # per COLUMNS (None: no results yet)
    elsewhere: str | None = None  # who decides the unit's titles, when not the organisation


@dataclass(frozen=True)
class Summary:
    year: int
    parent: str
    issuer: str
    abbr: str
    place: str
    rows: tuple[UnitRow, ...]
    results_on: date | None  # the decision date of the results shown (None: registrations only)
    number: str = ""

    @property
    def with_results(self) -> bool:
        return self.results_on is not None

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.registered[i] for r in self.rows) for i in range(len(COLUMNS)))

    def totals_recognised(self) -> tuple[int, ...]:
        return tuple(sum((r.recognised or (0,) * len(COLUMNS))[i] for r in self.rows)
                     for i in range(len(COLUMNS)))

    def people(self) -> int:
        return sum(r.people for r in self.rows)

    def units_registered(self, title: str) -> int:
        return sum(title in r.collective for r in self.rows)

    def units_recognised(self, title: str) -> int:
        return sum(title in (r.collective_got or ()) for r in self.rows)


def params(year: int, day: date | None, as_of: date | None = None,
           number: str | None = None) -> dict[str, object]:
    return {"loai": KIND, "nam": year, "ngay": str(day) if day else None,
            "ngay_xet": str(as_of) if as_of else None, "so": number}


def summarise(repo: m.Repository, year: int, day: date,
              decision: YearDecision | None = None, number: str | None = None) -> Summary:
    """The summary of ``year``; with ``decision`` (the year's results decided), what each
    unit and its people were recognised for."""
    org = repo.org
    if org is None:
        raise ValueError("thiếu to_chuc.yaml")
    if decision is not None:
        refuse_unlawful(decision)
    names = org.names_on(day)
    yr = repo.years.get(year) or m.Year(year)
    collective: dict[str, list[str]] = {}
    counts: dict[str, list[int]] = {}
    people: dict[str, set[str]] = {}
    for r in yr.registrations:
        if r.subject == vocab.TAP_THE:
            collective.setdefault(r.unit, []).extend(r.titles)
            continue
        c = counts.setdefault(r.unit, [0] * len(COLUMNS))
        people.setdefault(r.unit, set()).add(r.subject_id)
        for i, title in enumerate(COLUMNS):
            c[i] += title in r.titles
    got_people: dict[str, list[int]] = {}
    got_units: dict[str, list[str]] = {}
    if decision is not None:
        for i, title in enumerate(COLUMNS):
            for e in decision.outcome(title, False).recognised:
                got_people.setdefault(e.unit, [0] * len(COLUMNS))[i] += 1
        for title in UNIT_TITLES:
            for e in decision.outcome(title, True).recognised:
                got_units.setdefault(e.id, []).append(title)
    rows = []
    for u in org.units:
        if (u.end is not None and u.end.year < year) or (u.start and u.start.year > year):
            continue
        other = None
        if decision is not None:
            d = decision.decider(COLUMNS[0], u.id)
            other = d.name if d is not None and not d.in_scope else None
        rows.append(UnitRow(
            u.name, tuple(collective.get(u.id, ())),
            tuple(got_units.get(u.id, ())) if decision is not None else None,
            len(people.get(u.id, ())), tuple(counts.get(u.id, [0] * len(COLUMNS))),
            tuple(got_people.get(u.id, [0] * len(COLUMNS))) if decision is not None else None,
            other))
    return Summary(year, names.parent, names.name, names.abbr, names.place, tuple(rows),
                   decision.as_of if decision is not None else None, number or "")


class Context(TypedDict):
    """The variables a registration summary template may use."""

    co_quan_chu_quan: str
    co_quan: str
    so_ky_hieu: str
    dia_danh_ngay: str
    nam: int
    tieu_de: str
    ghi_chu: list[str]
    chuc_danh_lap_bieu: str
    chuc_danh_duyet: str


def _number_line(s: Summary) -> str:
    return f"Số: {number_text(s.number) or '      '}/{s.abbr}-VP"


def context(s: Summary, day: date | None) -> Context:
    notes = [f"Ghi chú: {KEY_TEXT}"]
    if s.with_results and s.results_on is not None:
        notes.append(f"Số ghi \"a/b\": a là số người đăng ký, b là số người được công nhận "
                     f"(hoặc được đề nghị cấp trên công nhận) theo kết quả xét ngày "
                     f"{s.results_on.strftime('%d/%m/%Y')}; \"—\": thuộc thẩm quyền cơ quan "
                     "khác.")
    return Context(
        co_quan_chu_quan=s.parent.upper(), co_quan=s.issuer.upper(),
        so_ky_hieu=_number_line(s),
        dia_danh_ngay=place_date(s.place, day, s.year), nam=s.year,
        tieu_de=(f"Đăng ký thi đua năm {s.year} của các phòng, đơn vị thuộc {s.issuer}"
                 + (" và kết quả" if s.with_results else "")),
        ghi_chu=notes, chuc_danh_lap_bieu="NGƯỜI LẬP BIỂU", chuc_danh_duyet="CHÁNH VĂN PHÒNG",
    )


def _pair(a: int, b: int | str | None) -> str:
    return str(a) if b is None else f"{a}/{b}"


def _short(titles: tuple[str, ...]) -> str:
    return ", ".join(UNIT_SHORT.get(t, t) for t in titles)


def annex(s: Summary) -> list[AnnexRow]:
    rows = []
    for i, r in enumerate(s.rows, 1):
        got: tuple[int | str | None, ...] = (
            ("—",) * len(COLUMNS) if r.elsewhere else tuple(r.recognised)
            if r.recognised is not None else (None,) * len(COLUMNS))
        if r.collective_got is None:
            unit_got = "—"
        elif r.elsewhere:
            unit_got = f"thẩm quyền của {r.elsewhere}"
        else:
            unit_got = _short(r.collective_got) or "không"
        rows.append(AnnexRow({
            "stt": str(i), "don_vi": r.name, "tap_the": _short(r.collective) or "—",
            "tap_the_dat": unit_got, "so_nguoi": str(r.people),
            **{k: _pair(a, b) for k, a, b in zip(KEYS, r.registered, got, strict=True)}}))
    got_totals = s.totals_recognised() if s.with_results else (None,) * len(COLUMNS)
    rows.append(AnnexRow({
        "stt": "", "don_vi": "Tổng cộng",
        "tap_the": "; ".join(f"{UNIT_SHORT[t]}: {s.units_registered(t)}" for t in UNIT_TITLES),
        "tap_the_dat": ("; ".join(f"{UNIT_SHORT[t]}: {s.units_recognised(t)}"
                                  for t in UNIT_TITLES) if s.with_results else "—"),
        "so_nguoi": str(s.people()),
        **{k: _pair(a, b) for k, a, b in zip(KEYS, s.totals(), got_totals, strict=True)}},
        bold=True))
    return rows


def to_xlsx(s: Summary) -> bytes:
    """The same table as a workbook an office can print and file: title rows, frozen header,
    autofilter, numbers as numbers, totals as formulas, A4 landscape fitted to the width."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    buf = BytesIO()
    # (a unit's name is data: "=…" stays text, never a formula)
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": f"Bảng tổng hợp đăng ký thi đua năm {s.year}",
                       "author": "thidua", "created": datetime(s.year, 1, 1)})
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
    title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
    sub = wb.add_format({**base, "italic": True, "align": "center"})
    head = wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True,
                          "align": "center"})
    text = wb.add_format({**base, "border": 1, "text_wrap": True})
    num = wb.add_format({**base, "border": 1, "align": "center"})
    total_text = wb.add_format({**base, "border": 1, "bold": True, "text_wrap": True})
    total_num = wb.add_format({**base, "border": 1, "bold": True, "align": "center"})
    ws = wb.add_worksheet("Đăng ký thi đua")
    header = ["STT", "Phòng, đơn vị", "Tập thể đăng ký", "Số người đăng ký",
              *(f"{h} đăng ký" for h in HEADINGS)]
    if s.with_results:
        header += [f"{h} được công nhận" for h in HEADINGS]
        header.insert(3, "Tập thể được công nhận")
    last_col = len(header) - 1
    ws.merge_range(0, 0, 0, last_col, f"BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {s.year}", title)
    ws.merge_range(1, 0, 1, last_col, s.issuer, sub)
    if s.results_on is not None:
        ws.merge_range(2, 0, 2, last_col, "Kết quả theo xét ngày "
                       f"{s.results_on.strftime('%d/%m/%Y')}", sub)
    top = 4
    ws.write_row(top, 0, header, head)
    sums: dict[int, int] = {}
    for i, r in enumerate(s.rows, 1):
        row = top + i
        values: list[object] = [i, r.name, ", ".join(r.collective)]
        if s.with_results:
            values.append(f"thẩm quyền của {r.elsewhere}" if r.elsewhere
                          else ", ".join(r.collective_got or ()))
        values += [r.people, *r.registered]
        if s.with_results:
            values += ["—"] * len(COLUMNS) if r.elsewhere else list(r.recognised or ())
        for c, v in enumerate(values):
            ws.write(row, c, v, num if isinstance(v, int) else text)
            if isinstance(v, int) and c > 0:
                sums[c] = sums.get(c, 0) + v
    first, last = top + 1, top + len(s.rows)
    total_row = last + 1
    ws.write(total_row, 0, "", total_text)
    ws.write(total_row, 1, "Tổng cộng", total_text)
    ws.write(total_row, 2, "", total_text)
    start = 3
    if s.with_results:
        ws.write(total_row, 3, "", total_text)
        start = 4
    for c in range(start, last_col + 1):
        a, b = xl_rowcol_to_cell(first, c), xl_rowcol_to_cell(last, c)
        # the total is saved with its value: readers other than Excel show it as it is
        ws.write_formula(total_row, c, f"=SUM({a}:{b})", total_num, sums.get(c, 0))
    ws.write(total_row + 2, 0, f"Ghi chú: {KEY_TEXT}", wb.add_format({**base, "italic": True}))
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 3 if s.with_results else 2, 26)
    ws.set_column(start, last_col, 11)
    ws.set_row(top, 48)
    ws.freeze_panes(top + 1, 2)
    ws.autofilter(top, 0, last, last_col)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    wb.close()
    return buf.getvalue()
