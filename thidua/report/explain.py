"""`thidua explain` in Vietnamese: each criterion, the data that decided it, the citation,
and for a "no" what would have to change."""

from __future__ import annotations

from collections.abc import Callable

from thidua.model.entities import Src
from thidua.rules.eligibility import Verdict

MARK = {True: "✓", False: "✗", None: "?"}
HEADLINE = {True: "ĐỦ ĐIỀU KIỆN", False: "KHÔNG ĐỦ ĐIỀU KIỆN",
            None: "CHƯA XÁC ĐỊNH (cần Hội đồng xem xét hoặc bổ sung dữ liệu)"}


def render(header: list[str], verdicts: list[Verdict], where: Callable[[Src], str]) -> str:
    out = [*header, ""]
    for v in verdicts:
        out.append(f"{v.title}: {HEADLINE[v.eligible]}")
        for c in v.criteria:
            out.append(f"  {MARK[c.met]} {c.text}")
            for src in c.evidence:
                out.append(f"      dữ liệu: {where(src)}")
            if c.citation:
                out.append(f"      căn cứ: {c.citation}")
            if c.met is False and c.fix:
                out.append(f"      cần: {c.fix}")
        out.append("")
    return "\n".join(out)
