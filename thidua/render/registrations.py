"""Bảng tổng hợp đăng ký thi đua: what every unit and its people registered for (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import TypedDict

from thidua.model import entities as m
from thidua.model import vocab
from thidua.render.base import AnnexRow, place_date

COLUMNS = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
           "Chiến sĩ thi đua cấp bộ")
KEYS = ("ldtt", "cstdcs", "cstd_tinh", "cstd_bo")


KIND = "bang-tong-hop-dang-ky"


@dataclass(frozen=True)
class Summary:
    year: int
    parent: str
    issuer: str
    place: str
    rows: tuple[tuple[str, str, tuple[int, ...], int], ...]  # unit, collective, counts, people
    totals: tuple[int, ...]
    people: int



def params(year: int, day: date | None) -> dict[str, object]:
    return {"loai": KIND, "nam": year, "ngay": str(day) if day else None}


def keywords(year: int, day: date | None) -> str:
    return json.dumps(params(year, day), ensure_ascii=False, sort_keys=True)


def summarise(repo: m.Repository, year: int, day: date) -> Summary:
    org = repo.org
    if org is None:
        raise ValueError("thiếu to_chuc.yaml")
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
    rows = []
    for u in org.units:
        if (u.end is not None and u.end.year < year) or (u.start and u.start.year > year):
            continue
        rows.append((u.name, ", ".join(collective.get(u.id, [])) or "—",
                     tuple(counts.get(u.id, [0] * len(COLUMNS))), len(people.get(u.id, ()))))
    totals = tuple(sum(r[2][i] for r in rows) for i in range(len(COLUMNS)))
    return Summary(year, names.parent, names.name, names.place, tuple(rows), totals,
                   sum(r[3] for r in rows))


class Context(TypedDict):
    """The variables a registration summary template may use."""

    co_quan_chu_quan: str
    co_quan: str
    dia_danh_ngay: str
    nam: int
    tieu_de: str


def context(s: Summary, day: date | None) -> Context:
    return Context(
        co_quan_chu_quan=s.parent.upper(), co_quan=s.issuer.upper(),
        dia_danh_ngay=place_date(s.place, day, s.year), nam=s.year,
        tieu_de=f"Đăng ký thi đua năm {s.year} của các phòng, đơn vị thuộc {s.issuer}",
    )


def annex(s: Summary) -> list[AnnexRow]:
    rows = [AnnexRow({"stt": str(i), "don_vi": unit, "tap_the": coll, "so_nguoi": str(n),
                      **{k: str(v) for k, v in zip(KEYS, c, strict=True)}})
            for i, (unit, coll, c, n) in enumerate(s.rows, 1)]
    rows.append(AnnexRow({"stt": "", "don_vi": "Tổng cộng", "tap_the": "",
                          "so_nguoi": str(s.people),
                          **{k: str(v) for k, v in zip(KEYS, s.totals, strict=True)}}, bold=True))
    return rows


def to_xlsx(s: Summary) -> bytes:
    import xlsxwriter

    buf = BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": f"Bảng tổng hợp đăng ký thi đua năm {s.year}",
                       "author": "thidua", "created": datetime(s.year, 1, 1)})
    bold = wb.add_format({"bold": True, "font_name": "Times New Roman", "border": 1,
                          "text_wrap": True, "align": "center", "valign": "vcenter"})
    cell = wb.add_format({"font_name": "Times New Roman", "border": 1, "text_wrap": True})
    ws = wb.add_worksheet("Đăng ký thi đua")
    ws.merge_range(0, 0, 0, 7, f"BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {s.year} — "
                   f"{s.issuer.upper()}", bold)
    header = ["STT", "Phòng, đơn vị", "Tập thể đăng ký", "Số người đăng ký", *COLUMNS]
    ws.write_row(2, 0, header, bold)
    for i, (unit, coll, counts, n) in enumerate(s.rows, 1):
        ws.write_row(2 + i, 0, [i, unit, coll, n, *counts], cell)
    ws.write_row(3 + len(s.rows), 0, ["", "Tổng cộng", "", s.people, *s.totals], bold)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 2, 32)
    ws.set_column(3, 7, 14)
    wb.close()
    return buf.getvalue()
