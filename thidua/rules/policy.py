"""Check an organisation's policy file against the law data (pure).

A policy gives what the law delegates to the ministry or province. It may lower a legal
ceiling, never raise or remove it; where a ceiling applies the rounding must be down (any
other rounding can exceed it); ``gia_tri: null`` says "our province sets none" and is
allowed only where the law sets no value of its own.
"""

from __future__ import annotations

from datetime import date

from thidua.diagnostics import Diagnostic, make
from thidua.load.law import policy_params, value_problem
from thidua.model.law import ROUNDING, Kind, Law, ParamId, Policy, PolicyValue
from thidua.textutil import suggestion

DOWN = ROUNDING[0]


def _ceilings(law: Law, pid: str, v: PolicyValue) -> list[tuple[str, float]]:
    """(regime, ceiling) of the regimes that could use ``v`` (their periods overlap)."""
    out = []
    for code, pv in law.params[pid].values.items() if pid in law.params else ():
        r = law.regimes.get(code)
        if not pv.ceiling or r is None:
            continue
        start, end = v.start or date.min, v.end or date.max
        if start <= (r.end or date.max) and r.start <= end:
            out.append((code, pv.value))
    return out


def check(law: Law, policy: Policy | None) -> list[Diagnostic]:
    if policy is None:
        return []
    out = []
    allowed = policy_params(law)
    known = [*law.params, *allowed]
    for v in policy.values:
        path = (*v.src.path, "ma")
        if v.id not in known:
            out.append(make("TD405", v.src.file, path=path, param=v.id,
                            detail="không có tham số này",
                            suggestion=suggestion(v.id, known, listing="Các tham số")))
            continue
        if v.id not in allowed:
            out.append(make("TD405", v.src.file, path=path, param=v.id,
                            detail="luật đã quy định giá trị này; chính sách không thay đổi được",
                            suggestion="Xóa tham số này khỏi chinh_sach.yaml."))
            continue
        _description, kind = allowed[v.id]
        here = (*v.src.path, "gia_tri")
        ceilings = _ceilings(law, v.id, v)
        if v.value is None:
            if ceilings or kind in (Kind.FLAG, Kind.ROUNDING):
                out.append(make("TD405", v.src.file, path=here, param=v.id,
                                detail="không được để trống (null)" + (
                                    f": luật quy định mức tối đa {ceilings[0][1]}"
                                    if ceilings else ""),
                                suggestion="Ghi một giá trị (chính sách chỉ được hạ mức trần)."))
            continue
        problem = value_problem(kind, v.value)
        if problem:
            out.append(make("TD405", v.src.file, path=here, param=v.id, detail=problem,
                            suggestion="Sửa gia_tri cho đúng kiểu."))
            continue
        for code, ceiling in ceilings:
            if v.value > ceiling:
                out.append(make("TD405", v.src.file, path=here, param=v.id,
                                detail=f"{v.value} vượt mức tối đa {ceiling} của luật (chế độ "
                                       f"{code}); chính sách chỉ được hạ, không được nâng",
                                suggestion=f"Ghi giá trị không quá {ceiling}."))
                break
        if v.id == ParamId.LAM_TRON_TY_LE and v.value != DOWN:
            capped = [code for pid in law.params for code in
                      (c for c, _ in _ceilings(law, pid, v))]
            if capped:
                out.append(make("TD405", v.src.file, path=here, param=v.id,
                                detail=f"làm tròn \"{v.value}\" có thể cho số lượng vượt mức "
                                       f"tối đa của luật (chế độ {', '.join(sorted(set(capped)))})",
                                suggestion="Dùng \"xuống\" cho thời gian luật có mức trần, hoặc "
                                           "ghi tu_ngay sau thời gian đó."))
    return out
