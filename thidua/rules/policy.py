"""Check an organisation's policy file against the law data (pure)."""

from __future__ import annotations

from typing import Any

from thidua.diagnostics import Diagnostic, make
from thidua.model import vocab
from thidua.model.law import POLICY_ONLY, ROUNDING, Law, Policy
from thidua.textutil import suggestion


def _expected(law: Law, pid: str) -> tuple[str, Any]:
    """(kind, allowed values) of a parameter, inferred from the law's own values."""
    if pid == "lam_tron_ty_le":
        return "enum", ROUNDING
    if pid in POLICY_ONLY:
        return "bool", None
    values = [v.value for v in law.params[pid].values.values() if v.value is not None]
    sample = values[0] if values else None
    if isinstance(sample, bool):
        return "bool", None
    if isinstance(sample, int):
        # A rate ("ty_le") is a percentage and may have decimals (66.7); counts may not.
        return ("number" if "ty_le" in pid else "int"), None
    if isinstance(sample, dict):
        return "share", None
    if isinstance(sample, list):
        return "list", None
    if sample in vocab.XEP_LOAI:
        return "enum", vocab.XEP_LOAI
    if sample in vocab.KY_LUAT or "ky_luat" in pid:
        return "enum", vocab.KY_LUAT
    return "number", None  # percentages delegated everywhere (e.g. vote thresholds)


def _type_problem(kind: str, allowed: Any, value: Any) -> str | None:
    if kind == "bool" and not isinstance(value, bool):
        return "phải là true hoặc false"
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        return "phải là số nguyên không âm"
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)
                             or not 0 <= value <= 100):
        return "phải là số phần trăm từ 0 đến 100"
    if kind == "enum" and value not in allowed:
        return f"\"{value}\" không hợp lệ; chọn một trong: " + ", ".join(f'"{a}"' for a in allowed)
    if kind == "share" and not (isinstance(value, dict) and value.get("so_sanh") in vocab.SO_SANH
                                and isinstance(value.get("ty_le"), int | float)):
        return "phải có dạng {so_sanh: \">=\", ty_le: 70}"
    if kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return "phải là danh sách chuỗi"
    return None


def check(law: Law, policy: Policy | None) -> list[Diagnostic]:
    if policy is None:
        return []
    out = []
    known = [*law.params, *POLICY_ONLY]
    for v in policy.values:
        path = (*v.src.path, "ma")
        if v.id not in known:
            out.append(make("TD405", v.src.file, path=path, param=v.id,
                            detail="không có tham số này",
                            suggestion=suggestion(v.id, known, listing="Các tham số")))
            continue
        if v.id in law.params and not any(pv.delegated for pv in law.params[v.id].values.values()):
            out.append(make("TD405", v.src.file, path=path, param=v.id,
                            detail="luật đã quy định giá trị này; chính sách không thay đổi được",
                            suggestion="Xóa tham số này khỏi chinh_sach.yaml."))
            continue
        kind, allowed = _expected(law, v.id)
        problem = _type_problem(kind, allowed, v.value)
        if problem:
            out.append(make("TD405", v.src.file, path=(*v.src.path, "gia_tri"), param=v.id,
                            detail=problem, suggestion="Sửa gia_tri cho đúng kiểu."))
    return out
