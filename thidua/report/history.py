"""A record across the years as text or JSON (`thidua history`, and in `explain`)."""

from __future__ import annotations

import json
from typing import Any

from thidua.decide.history import History
from thidua.textutil import vn_date


def lines(h: History) -> list[str]:
    out = []
    for a in h.awards:
        out.append(f"  {a.year}: {a.title} — Quyết định số {a.number} ngày {vn_date(a.day)} "
                   f"của {a.decided_by}")
    if not h.awards:
        out.append("  (chưa có quyết định nào được ghi trong khen_thuong/)")
    return out


def text(h: History) -> str:
    head = f"{h.name} ({h.id}) — {h.subject}"
    out = [head, "", "Danh hiệu và hình thức khen thưởng đã được ghi nhận:", *lines(h), "",
           "Kết quả từng năm:"]
    for y in h.years:
        bits = [y.rating or "chưa xếp loại"]
        if y.initiatives:
            bits.append("sáng kiến: " + "; ".join(
                f"{i.name} ({i.decision}, {vn_date(i.day)}, {i.scope})" for i in y.initiatives))
        if y.proposals:
            bits.append("đề nghị: " + ", ".join(y.proposals))
        out.append(f"  {y.year}: " + "; ".join(bits))
    if not h.years:
        out.append("  (chưa có kết quả nào trong ket_qua/)")
    return "\n".join(out) + "\n"


def as_json(h: History) -> str:
    data: dict[str, Any] = {
        "id": h.id, "name": h.name, "subject": h.subject, "unit": h.unit,
        "awards": [{"year": a.year, "title": a.title, "decision": a.number,
                    "date": a.day.isoformat(), "decided_by": a.decided_by} for a in h.awards],
        "years": [{"year": y.year, "unit": y.unit, "rating": y.rating,
                   "initiatives": [{"name": i.name, "decision": i.decision,
                                    "date": i.day.isoformat(), "scope": i.scope}
                                   for i in y.initiatives],
                   "proposals": list(y.proposals)} for y in h.years],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
