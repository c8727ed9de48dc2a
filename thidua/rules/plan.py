"""Checks that keep a plan's data consistent: references in its text, identifiers, phases,
deadlines and the documents it cites (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from thidua.diagnostics import Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Law
from thidua.model.plan_text import (
    REF_KIND,
    anniversary_day,
    complete_items,
    entries,
    facts,
    texts,
    unknown,
)
from thidua.textutil import suggestion, vn_date

# The last recipient: "Lưu: VT, VP" (văn thư and the drafting unit keep copies).
FILED = re.compile(r"Lưu\s*:\s*VT\b")
REF_RECIPIENTS = "the_thuc_noi_nhan"  # an id of the law data's trich_dan
# Deadlines that must come in this order (reports may fall anywhere).
ORDERED_DEADLINES = tuple(k for k in vocab.LOAI_THOI_HAN if k != "báo cáo")


def check(plan: m.Plan, year: int, law: Law | None) -> list[Diagnostic]:
    """References, identifiers, phases, deadlines and cited documents of one plan."""
    doc = plan.document
    if not isinstance(doc, dict):
        return _deadlines(plan)
    file = plan.src.file
    out = _duplicate_ids(doc, file)
    words = facts(doc, year)
    # Items with an id but a field the schema rejected are declared: references to them are
    # not reported again (the schema error already says what to fix).
    broken = {f"{REF_KIND[key]}.{item['ma']}" for key in REF_KIND
              for _, item in entries(doc, key, "ma")} - {k.rsplit(".", 1)[0] for k in words}

    def undeclared(ref: str) -> bool:
        return ref not in words and not any(ref == b or ref.startswith(b + ".")
                                            for b in broken)

    out += _celebrated(doc, file, year, undeclared)
    for path, text in texts(doc):
        for ref in unknown(text, words):
            if undeclared(ref):
                out.append(make("TD310", file, path=path, ref=ref, suggestion=suggestion(
                    ref, words, listing="Tham chiếu của kế hoạch")))
    out += _phases(doc, file)
    out += _filed(doc, file, law)
    out += _deadlines(plan)
    if law is not None:
        out += _cited(doc, file, law)
    return out


def _celebrated(doc: dict[str, Any], file: str, year: int,
                undeclared: Callable[[str], bool]) -> list[Diagnostic]:
    """A phase celebrates declared anniversaries that fall within it."""
    out = []
    days = {k["ma"]: anniversary_day(k, year)
            for k in complete_items(doc, "ky_niem", "ma", "su_kien", "ngay_goc")}
    declared = [f"ky_niem.{ma}" for ma in days]
    for i, d in entries(doc, "dot_thi_dua", "ma", "tu_ngay", "den_ngay", "ky_niem"):
        for j, ref in enumerate(d["ky_niem"] if isinstance(d["ky_niem"], list) else ()):
            path = ("dot_thi_dua", i, "ky_niem", j)
            if not isinstance(ref, str):
                continue
            if undeclared(f"ky_niem.{ref}"):
                out.append(make("TD310", file, path=path, ref=f"ky_niem.{ref}",
                                suggestion=suggestion(f"ky_niem.{ref}", declared,
                                                      listing="Đã khai báo")))
            elif ref in days and not d["tu_ngay"] <= days[ref] <= d["den_ngay"]:
                out.append(make("TD315", file, path=path, ref=ref, value=vn_date(days[ref]),
                                phase=d["ma"], start=vn_date(d["tu_ngay"]),
                                end=vn_date(d["den_ngay"])))
    return out


def _filed(doc: dict[str, Any], file: str, law: Law | None) -> list[Diagnostic]:
    """The list of recipients ends with the issuer's own copies: "Lưu: VT, VP"."""
    recipients = doc.get("noi_nhan")
    if not isinstance(recipients, list) or not recipients or not isinstance(recipients[-1], str):
        return []
    if FILED.match(recipients[-1]):
        return []
    return [make("TD316", file, path=("noi_nhan", len(recipients) - 1), value=recipients[-1],
                 legal_ref=law.cite_named(REF_RECIPIENTS) if law else None)]


def _duplicate_ids(doc: dict[str, Any], file: str) -> list[Diagnostic]:
    out = []
    for key in ("ky_niem", "dot_thi_dua", "thoi_han", "chi_tieu", "khen_thuong"):
        seen: dict[str, int] = {}
        for i, item in entries(doc, key, "ma"):
            ma = item["ma"]
            if ma in seen:
                out.append(make("TD203", file, path=(key, i, "ma"), ref=ma, what=key,
                                other=f"mục thứ {seen[ma] + 1} của {key}"))
            else:
                seen[ma] = i
    return out


def _phases(doc: dict[str, Any], file: str) -> list[Diagnostic]:
    out = []
    phases = entries(doc, "dot_thi_dua", "ma", "tu_ngay", "den_ngay")
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
    for i, cited in entries(doc, "thuc_hien", "loai", "so", "ngay"):
        table = law.abbreviations_on(cited["ngay"])
        abbr = table.by_type.get(cited["loai"]) if table else None
        if table is None or abbr is None:
            continue
        groups = re.split(r"[/-]", cited["so"])
        if abbr not in groups:
            out.append(make("TD313", file, path=("thuc_hien", i, "so"), kind=cited["loai"],
                            value=cited["so"], abbr=abbr, legal_ref=law.cite(table.citations)))
    return out
