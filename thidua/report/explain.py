"""`thidua explain` in Vietnamese (text) or as data (JSON, the same verdict values as the
tally): each criterion, the data that decided it (file:line), the citation, for a "no" what
would have to change, who decides the title and what the decision step made of the proposal.
With ``chi_tiet`` the confidence of each legal value and the research notes are shown too
(they never reach a rendered document)."""

from __future__ import annotations

import json
from typing import Any

from thidua import __version__
from thidua.decide.explanation import Explanation
from thidua.decide.outcome import EntryStatus
from thidua.report.tally import verdict_json
from thidua.rules.criteria import Status
from thidua.textutil import vn_date

MARK = {True: "✓", False: "✗", None: "?"}
HEADLINE = {
    Status.MET: "ĐỦ ĐIỀU KIỆN",
    Status.NOT_MET: "KHÔNG ĐỦ ĐIỀU KIỆN",
    Status.UNKNOWN: "CHƯA RÕ (cần bổ sung dữ liệu hoặc Hội đồng xem xét)",
    Status.DEFERRED: "TẠM CHƯA XÉT (chờ kết luận xem xét kỷ luật, thanh tra, điều tra)",
    Status.NO_LAW: "CHƯA CÓ QUY ĐỊNH ÁP DỤNG CHO NGÀY XÉT",
}
OUTCOME = {
    EntryStatus.RECOGNISED: "đưa vào quyết định (hoặc tờ trình cấp trên) của tổ chức",
    EntryStatus.NOT_MET: "không được công nhận: không đủ điều kiện",
    EntryStatus.UNKNOWN: "chưa kết luận được: cần bổ sung dữ liệu hoặc Hội đồng xem xét",
    EntryStatus.DEFERRED: "tạm chưa xét",
    EntryStatus.ELSEWHERE: "không thuộc văn bản của tổ chức",
    EntryStatus.NOT_CHOSEN: "không được Hội đồng chọn trong số lượng tối đa",
    EntryStatus.NO_LAW: "chưa có quy định áp dụng",
}


def _notes(exp: Explanation, rule: str) -> str | None:
    d = exp.decision
    if d.choice is None:
        return None
    v = d.law.value(rule, d.choice.regime.code)
    if v is None:
        return None
    text = f"tin cậy {v.confidence}"
    return text + (f"; ghi chú: {v.note}" if v.note else "")


def render(exp: Explanation, *, details: bool = False) -> str:
    d = exp.decision
    out = [f"{exp.name} ({exp.subject_id}) — {exp.subject}"
           + (f", đơn vị {exp.unit}" if exp.unit else "") + f" — năm thi đua {d.year}",
           d.choice.explanation() if d.choice else (d.no_law.explanation() if d.no_law else ""),
           f"Ngày xét: {vn_date(d.as_of)}.", ""]
    for v in exp.verdicts:
        out.append(f"{v.title}: {HEADLINE[v.status]}")
        for c in v.criteria:
            mark = "⏸" if c.defers else MARK[c.met]
            out.append(f"  {mark} {c.text}")
            for src in c.evidence:
                out.append(f"      dữ liệu: {exp.where.get(src, src.file)}")
            if c.citation:
                out.append(f"      căn cứ: {c.citation}")
            if details and (note := _notes(exp, c.rule)):
                out.append(f"      ({note})")
            if c.met is not True and c.fix:
                out.append(f"      {'khi nào xét' if c.defers else 'cần'}: {c.fix}")
        if v.status is Status.NO_LAW and d.no_law is not None:
            out.append(f"  gợi ý: {d.no_law.hint}")
        entry = exp.entries.get(v.title)
        decider = d.decider(v.title, exp.unit_id)
        if decider is not None:
            out.append(f"  Thẩm quyền: {decider.name} ({decider.citation})")
        if entry is None:
            out.append("  Kết quả xét: không được đề nghị danh hiệu này")
        else:
            outcome = OUTCOME[entry.status]
            if entry.status is EntryStatus.RECOGNISED and decider is not None:
                outcome = ("đưa vào quyết định của tổ chức" if decider.own
                           else f"đưa vào tờ trình đề nghị {decider.name} xem xét")
            out.append(f"  Kết quả xét: {outcome}")
            for r in entry.reasons:
                if entry.status in (EntryStatus.ELSEWHERE, EntryStatus.NOT_CHOSEN):
                    out.append(f"    - {r.text}" + (f" ({r.citation})" if r.citation else ""))
        out.append("")
    out.append(f"Danh hiệu, khen thưởng đã ghi nhận đến năm {d.year} (thidua history "
               f"{exp.subject_id}):")
    out += [f"  {a.year}: {a.title} — Quyết định số {a.number} ngày {vn_date(a.day)} của "
            f"{a.decided_by}" for a in exp.awards] or ["  (chưa có quyết định nào được ghi)"]
    out.append("")
    return "\n".join(out)


def as_json_dict(exp: Explanation) -> dict[str, Any]:
    d = exp.decision
    verdicts = []
    for v in exp.verdicts:
        entry = exp.entries.get(v.title)
        decider = d.decider(v.title, exp.unit_id)
        verdicts.append({
            "title": v.title, **verdict_json(v),
            "criteria": [{
                "rule": c.rule, "met": c.met, "deferred": c.defers, "text": c.text,
                "evidence": [exp.where.get(s, s.file) for s in c.evidence],
                "legal_ref": c.citation, "fix": c.fix if c.met is not True else None,
            } for c in v.criteria],
            "decider": {"code": decider.code, "name": decider.name,
                        "legal_ref": decider.citation} if decider else None,
            "outcome": None if entry is None else {
                "status": entry.status.value,
                "reasons": [{"text": r.text, "legal_ref": r.citation, "fix": r.fix}
                            for r in entry.reasons]},
        })
    return {
        "schema_version": 1, "tool": {"name": "thidua", "version": __version__},
        "subject": exp.subject, "id": exp.subject_id, "name": exp.name, "unit": exp.unit,
        "year": d.year, "as_of": d.as_of.isoformat(),
        "regime": d.choice.regime.code if d.choice else None,
        "no_law": d.no_law.explanation() if d.no_law else None,
        "verdicts": verdicts,
        "awards": [{"year": a.year, "title": a.title, "decision": a.number,
                    "date": a.day.isoformat(), "decided_by": a.decided_by}
                   for a in exp.awards],
    }


def to_json(exp: Explanation) -> str:
    return json.dumps(as_json_dict(exp), ensure_ascii=False, indent=2) + "\n"
