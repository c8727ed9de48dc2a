"""The facts a plan states as data, written into its text, and the checks that keep them
consistent (pure).

A plan's text refers to its data in braces: ``{ky_niem.thanh_lap_dang}`` becomes
"92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)", computed from the
original date and the plan's year, so an anniversary count or date is never typed by hand.
``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from typing import Any

from thidua.diagnostics import DataPath, Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Law
from thidua.model.schema import INVALID
from thidua.textutil import same_day_in, suggestion, two_digits, vn_date, vn_month

REF = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# Deadlines that must come in this order (reports may fall anywhere).
ORDERED_DEADLINES = tuple(k for k in vocab.LOAI_THOI_HAN if k != "báo cáo")
# Fields of a plan whose text may carry references, besides the sections (muc).
TEXT_FIELDS = ("trich_yeu", "loi_dan", "phuong_cham", "chu_de", "ket_thuc")
TEXT_LISTS = ("mo_dau", "noi_nhan")
SECTION_LISTS = ("doan", "doan_cuoi")


def _anniversary(k: dict[str, Any], year: int) -> dict[str, str]:
    original: date = k["ngay_goc"]
    on_year = k.get("nam") or year
    fmt = vn_month if k.get("chi_thang") else vn_date
    years = str(on_year - original.year)
    start, day = fmt(original), fmt(same_day_in(original, on_year))
    base = f"ky_niem.{k['ma']}"
    return {base: f"{years} năm {k['su_kien']} ({start} - {day})",
            f"{base}.so_nam": years, f"{base}.su_kien": k["su_kien"],
            f"{base}.ngay_goc": start, f"{base}.ngay": day}


def _quantity(a: dict[str, Any]) -> str:
    parts = [f"{two_digits(a[key])} {label}" for key, label in
             (("tap_the", vocab.TAP_THE), ("ca_nhan", vocab.CA_NHAN))
             if isinstance(a.get(key), int)]
    return " và ".join(parts)


def _entries(plan: dict[str, Any], key: str, *required: str) -> list[tuple[int, Any]]:
    """The items of a list field that have every required field with a valid value (the
    schema has already reported the others)."""
    items = plan.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict) and all(
        item.get(k) is not None and item.get(k) is not INVALID for k in required)]


def _list(plan: dict[str, Any], key: str, *required: str) -> list[Any]:
    return [item for _, item in _entries(plan, key, *required)]


def facts(plan: dict[str, Any], year: int) -> dict[str, str]:
    """Every reference the text of ``plan`` may use, with the words it stands for."""
    words: dict[str, str] = {"nam": str(year)}
    subjects = plan.get("doi_tuong")
    if isinstance(subjects, dict):
        words |= {f"doi_tuong.{k}": v for k in ("tap_the", "ca_nhan")
                  if isinstance(v := subjects.get(k), str)}
    for k in _list(plan, "ky_niem", "ma", "su_kien", "ngay_goc"):
        words.update(_anniversary(k, year))
    phases = _list(plan, "dot_thi_dua", "ma", "ten", "tu_ngay", "den_ngay")
    words["so_dot"] = two_digits(len(phases))
    for d in phases:
        base = f"dot.{d['ma']}"
        start, end = vn_date(d["tu_ngay"]), vn_date(d["den_ngay"])
        words |= {base: f"từ ngày {start} đến ngày {end}", f"{base}.ten": d["ten"],
                  f"{base}.tu_ngay": start, f"{base}.den_ngay": end}
    for t in _list(plan, "thoi_han", "ma", "ngay"):
        words[f"thoi_han.{t['ma']}"] = vn_date(t["ngay"])
    for c in _list(plan, "chi_tieu", "ma"):
        share, count = c.get("ty_le"), c.get("so_luong")
        if isinstance(share, int | float):
            words[f"chi_tieu.{c['ma']}"] = f"{share:g}%"
        elif isinstance(count, int):
            words[f"chi_tieu.{c['ma']}"] = two_digits(count)
    for a in _list(plan, "khen_thuong", "ma", "hinh_thuc", "tham_quyen"):
        base = f"khen_thuong.{a['ma']}"
        words |= {base: f"{a['hinh_thuc']} của {a['tham_quyen']}",
                  f"{base}.hinh_thuc": a["hinh_thuc"], f"{base}.tham_quyen": a["tham_quyen"],
                  f"{base}.so_luong": _quantity(a)}
        for key in ("tap_the", "ca_nhan"):
            if isinstance(a.get(key), int):
                words[f"{base}.{key}"] = two_digits(a[key])
    return words


def expand(text: str, words: dict[str, str]) -> str:
    """``text`` with its references replaced; an unknown one is left as written (``validate``
    reports it, see :func:`unknown`)."""
    def repl(match: re.Match[str]) -> str:
        whole = match.group(0)
        if whole in ("{{", "}}"):
            return whole[0]
        return words.get(match.group(1).strip(), whole)
    return REF.sub(repl, text) if "{" in text or "}" in text else text


def unknown(text: str, words: dict[str, str]) -> list[str]:
    return [ref.strip() for ref in REF.findall(text) if ref and ref.strip() not in words]


def texts(plan: dict[str, Any]) -> Iterator[tuple[DataPath, str]]:
    """Every text of a plan that is printed, with its place in the file."""
    for key in TEXT_FIELDS:
        if isinstance(plan.get(key), str):
            yield (key,), plan[key]
    for key in TEXT_LISTS:
        yield from _strings(plan.get(key), (key,))
    yield from _section_texts(plan.get("muc"), ("muc",))


def _strings(items: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(items, list):
        yield from (((*path, i), t) for i, t in enumerate(items) if isinstance(t, str))


def _section_texts(items: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        here = (*path, i)
        if isinstance(item, str):
            yield here, item
        elif isinstance(item, dict):
            for key in ("tieu_de", "noi_dung"):
                if isinstance(item.get(key), str):
                    yield (*here, key), item[key]
            for key in SECTION_LISTS:
                yield from _strings(item.get(key), (*here, key))
            yield from _section_texts(item.get("muc"), (*here, "muc"))


def written(plan: dict[str, Any], year: int) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``plan`` whose texts have their references replaced, and the references
    that the plan does not declare."""
    words = facts(plan, year)
    out = copy.deepcopy(plan)
    missing: list[str] = []
    for path, text in texts(plan):
        missing += unknown(text, words)
        holder: Any = out
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = expand(text, words)
    return out, missing


def check(plan: m.Plan, year: int, law: Law | None) -> list[Diagnostic]:
    """References, identifiers, phases, deadlines and cited documents of one plan."""
    doc = plan.document
    if not isinstance(doc, dict):
        return _deadlines(plan)
    file = plan.src.file
    out = _duplicate_ids(doc, file)
    words = facts(doc, year)
    anniversaries = [f"ky_niem.{k['ma']}" for k in _list(doc, "ky_niem", "ma")]
    for i, d in _entries(doc, "dot_thi_dua", "ky_niem"):
        for j, ref in enumerate(d["ky_niem"] if isinstance(d["ky_niem"], list) else ()):
            if isinstance(ref, str) and f"ky_niem.{ref}" not in words:
                out.append(make("TD310", file, path=("dot_thi_dua", i, "ky_niem", j),
                                ref=f"ky_niem.{ref}", suggestion=suggestion(
                                    f"ky_niem.{ref}", anniversaries, listing="Đã khai báo")))
    for path, text in texts(doc):
        for ref in unknown(text, words):
            out.append(make("TD310", file, path=path, ref=ref,
                            suggestion=suggestion(ref, words, listing="Ví dụ")))
    out += _phases(doc, file)
    out += _deadlines(plan)
    if law is not None:
        out += _cited(doc, file, law)
    return out


def _duplicate_ids(doc: dict[str, Any], file: str) -> list[Diagnostic]:
    out = []
    for key in ("ky_niem", "dot_thi_dua", "thoi_han", "chi_tieu", "khen_thuong"):
        seen: dict[str, int] = {}
        for i, item in _entries(doc, key, "ma"):
            ma = item["ma"]
            if ma in seen:
                out.append(make("TD203", file, path=(key, i, "ma"), ref=ma, what=key,
                                other=f"mục thứ {seen[ma] + 1} của {key}"))
            else:
                seen[ma] = i
    return out


def _phases(doc: dict[str, Any], file: str) -> list[Diagnostic]:
    out = []
    phases = _entries(doc, "dot_thi_dua", "ma", "tu_ngay", "den_ngay")
    for (_, before), (i, this) in pairwise(phases):
        if this["tu_ngay"] < before["den_ngay"]:
            out.append(make("TD311", file, path=("dot_thi_dua", i, "tu_ngay"), ref=this["ma"],
                            start=vn_date(this["tu_ngay"]), other=before["ma"],
                            end=vn_date(before["den_ngay"])))
    return out


def _deadlines(plan: m.Plan) -> list[Diagnostic]:
    """A later step's deadline may not come before an earlier step's."""
    out = []
    rank = {kind: i for i, kind in enumerate(ORDERED_DEADLINES)}
    ranked = [(i, d) for i, d in enumerate(plan.deadlines) if d.kind in rank]
    for i, d in ranked:
        for _, e in ranked:
            if rank[e.kind] < rank[d.kind] and d.day < e.day:
                out.append(make("TD312", plan.src.file, path=("thoi_han", i, "ngay"),
                                later=d.kind, later_day=vn_date(d.day), earlier=e.kind,
                                earlier_day=vn_date(e.day)))
                break
    return out


def _cited(doc: dict[str, Any], file: str, law: Law) -> list[Diagnostic]:
    """A cited document's number carries the abbreviation of its type (KH, QĐ, HD …)."""
    out = []
    for i, cited in _entries(doc, "thuc_hien", "loai", "so", "ngay"):
        table = law.abbreviations_on(cited["ngay"])
        abbr = table.by_type.get(cited["loai"]) if table else None
        if table is None or abbr is None:
            continue
        groups = re.split(r"[/-]", cited["so"])
        if abbr not in groups:
            out.append(make("TD313", file, path=("thuc_hien", i, "so"), kind=cited["loai"],
                            value=cited["so"], abbr=abbr, legal_ref=table.citation))
    return out
