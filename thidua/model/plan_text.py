"""The words a plan's data stands for (pure).

A plan's text refers to its data in braces: ``{ky_niem.thanh_lap_dang}`` becomes
"92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)", computed from the
original date and the plan's year, so an anniversary count or date is never typed by hand.
``{{`` and ``}}`` stand for literal braces. The checks of these references live in
:mod:`thidua.rules.plan`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from thidua.diagnostics import DataPath
from thidua.model import vocab
from thidua.model.invalid import INVALID
from thidua.textutil import same_day_in, two_digits, vn_date, vn_month

REF = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# Fields of a plan whose text may carry references, besides the sections (muc).
TEXT_FIELDS = ("trich_yeu", "loi_dan", "phuong_cham", "chu_de", "khau_hieu", "ket_thuc")
# Short texts of a plan that its other texts quote: {chu_de}, {phuong_cham}, {khau_hieu}.
QUOTED = ("chu_de", "phuong_cham", "khau_hieu")
TEXT_LISTS = ("mo_dau", "noi_nhan")
# The lists of a plan whose items the text refers to, and the word a reference starts with.
REF_KIND = {"ky_niem": "ky_niem", "dot_thi_dua": "dot", "thoi_han": "thoi_han",
            "chi_tieu": "chi_tieu", "khen_thuong": "khen_thuong"}
SECTION_LISTS = ("doan", "doan_cuoi")


def anniversary_day(k: dict[str, Any], year: int) -> date:
    """The day an anniversary falls on in the plan's year (or in its own ``nam``)."""
    nam = k.get("nam")
    return same_day_in(k["ngay_goc"], nam if type(nam) is int else year)


def _anniversary(k: dict[str, Any], year: int) -> dict[str, str]:
    original: date = k["ngay_goc"]
    on = anniversary_day(k, year)
    fmt = vn_month if k.get("chi_thang") is True else vn_date
    years = str(on.year - original.year)
    start, day = fmt(original), fmt(on)
    base = f"ky_niem.{k['ma']}"
    return {base: f"{years} năm {k['su_kien']} ({start} - {day})",
            f"{base}.so_nam": years, f"{base}.su_kien": k["su_kien"],
            f"{base}.ngay_goc": start, f"{base}.ngay": day}


def _quantity(a: dict[str, Any]) -> str:
    parts = [f"{two_digits(a[key])} {label}" for key, label in
             (("tap_the", vocab.TAP_THE), ("ca_nhan", vocab.CA_NHAN))
             if isinstance(a.get(key), int)]
    return " và ".join(parts)


def entries(plan: dict[str, Any], key: str, *required: str) -> list[tuple[int, Any]]:
    """The items of a list field that have every required field with a valid value (the
    schema has already reported the others)."""
    items = plan.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict) and all(
        item.get(k) is not None and item.get(k) is not INVALID for k in required)]


def complete_items(plan: dict[str, Any], key: str, *required: str) -> list[Any]:
    return [item for _, item in entries(plan, key, *required)]


def facts(plan: dict[str, Any], year: int) -> dict[str, str]:
    """Every reference the text of ``plan`` may use, with the words it stands for."""
    words: dict[str, str] = {"nam": str(year)}
    subjects = plan.get("doi_tuong")
    if isinstance(subjects, dict):
        words |= {f"doi_tuong.{k}": v for k in ("tap_the", "ca_nhan")
                  if isinstance(v := subjects.get(k), str)}
    for k in complete_items(plan, "ky_niem", "ma", "su_kien", "ngay_goc"):
        words.update(_anniversary(k, year))
    phases = complete_items(plan, "dot_thi_dua", "ma", "ten", "tu_ngay", "den_ngay")
    words["so_dot"] = two_digits(len(phases))
    for d in phases:
        base = f"dot.{d['ma']}"
        start, end = vn_date(d["tu_ngay"]), vn_date(d["den_ngay"])
        refs = d.get("ky_niem")
        celebrated = [words[f"ky_niem.{ref}"] for ref in refs if isinstance(ref, str)
                      and f"ky_niem.{ref}" in words] if isinstance(refs, list) else []
        words |= {base: f"từ ngày {start} đến ngày {end}", f"{base}.ten": d["ten"],
                  f"{base}.tu_ngay": start, f"{base}.den_ngay": end,
                  f"{base}.ky_niem": "; ".join(f"kỷ niệm {c}" for c in celebrated)}
    for t in complete_items(plan, "thoi_han", "ma", "ngay"):
        words[f"thoi_han.{t['ma']}"] = vn_date(t["ngay"])
    for c in complete_items(plan, "chi_tieu", "ma"):
        share, count = c.get("ty_le"), c.get("so_luong")
        if isinstance(share, int | float):
            words[f"chi_tieu.{c['ma']}"] = f"{share:g}%".replace(".", ",")  # 15,5%
        elif isinstance(count, int):
            words[f"chi_tieu.{c['ma']}"] = two_digits(count)
    for a in complete_items(plan, "khen_thuong", "ma", "hinh_thuc", "tham_quyen"):
        base = f"khen_thuong.{a['ma']}"
        words |= {base: f"{a['hinh_thuc']} của {a['tham_quyen']}",
                  f"{base}.hinh_thuc": a["hinh_thuc"], f"{base}.tham_quyen": a["tham_quyen"],
                  f"{base}.so_luong": _quantity(a)}
        for key in ("tap_the", "ca_nhan"):
            if isinstance(a.get(key), int):
                words[f"{base}.{key}"] = two_digits(a[key])
    # Last, so that a slogan can itself quote an anniversary.
    words |= {k: expand(v, words) for k in QUOTED if isinstance(v := plan.get(k), str)}
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
