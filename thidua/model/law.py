"""Law and local policy as typed data (built from thidua/data/phap_luat.yaml and from an
organisation's chinh_sach.yaml)."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import yaml_rs

from thidua.model.entities import Src
from thidua.textutil import parse_date


class Regime(NamedTuple):
    code: str
    name: str
    effective: date
    citation: str
    basis: tuple[str, ...] = ()  # "Căn cứ …" lines of an award decision under this regime


class RegimeRule(NamedTuple):
    """One line of the regime selection table; the first line that matches applies."""

    regime: str
    year_max: int | None
    decided_until: date | None
    policy_flag: str | None
    citation: str
    confidence: str


class ParamValue(NamedTuple):
    value: Any
    citation: str
    confidence: str
    delegated: bool = False  # null here: the policy of the ministry or province decides


class Param(NamedTuple):
    id: str
    description: str
    values: dict[str, ParamValue]  # regime code -> value


class Abbreviations(NamedTuple):
    """Abbreviations of document type names in a document's number (e.g. KH in 05/KH-STP)."""

    start: date
    citation: str
    by_type: dict[str, str]


class Law(NamedTuple):
    regimes: dict[str, Regime]
    selection: tuple[RegimeRule, ...]
    params: dict[str, Param]
    abbreviations: tuple[Abbreviations, ...] = ()

    def abbreviations_on(self, day: date) -> Abbreviations | None:
        """The table in force on ``day`` (the latest that started by then)."""
        current = [a for a in self.abbreviations if a.start <= day]
        return max(current, key=lambda a: a.start) if current else None


class PolicyValue(NamedTuple):
    id: str
    value: Any
    start: date | None
    end: date | None
    citation: str
    src: Src


class Policy(NamedTuple):
    name: str
    values: tuple[PolicyValue, ...]
    src: Src

    def value_on(self, pid: str, day: date) -> PolicyValue | None:
        for v in self.values:
            if v.id == pid and (v.start is None or v.start <= day) and (
                    v.end is None or day <= v.end):
                return v
        return None


# Parameters that only a policy can give (the law leaves them to bộ, ngành, tỉnh).
POLICY_ONLY = {
    "lam_tron_ty_le": "Cách làm tròn khi tính số lượng tối đa theo tỉ lệ (xuống, lên, gần nhất)",
    "chua_ban_hanh_quy_dinh_theo_nd152": (
        "Bộ, ngành, tỉnh chưa ban hành quy định được giao theo Nghị định 152/2025/NĐ-CP "
        "(true/false)"),
}
ROUNDING = ("xuống", "lên", "gần nhất")


def _day(value: Any) -> date | None:
    return None if value is None else parse_date(str(value))


def parse_law(text: str) -> Law:
    """Parse the law file; its shape is fixed by this project and checked by the tests."""
    raw: dict[str, Any] = yaml_rs.loads(text, parse_datetime=False)  # type: ignore[assignment]
    regimes = {r["ma"]: Regime(r["ma"], r["ten"], parse_date(r["hieu_luc_tu"]), r["can_cu"],
                               tuple(r.get("can_cu_van_ban") or ()))
               for r in raw["che_do"]}
    selection = tuple(
        RegimeRule(r["che_do"], r.get("nam_den"), _day(r.get("xet_den")),
                   r.get("khi_chinh_sach"), r["can_cu"], r.get("tin_cay", ""))
        for r in raw["chon_che_do"])
    params = {
        pid: Param(pid, p["mo_ta"], {
            code: ParamValue(p[code]["gia_tri"], p[code]["can_cu"], p[code]["tin_cay"],
                             p[code].get("uy_quyen") is True)
            for code in regimes})
        for pid, p in raw["tham_so"].items()}
    abbreviations = tuple(
        Abbreviations(parse_date(str(a["hieu_luc_tu"])), a["can_cu"], dict(a["viet_tat"]))
        for a in raw.get("ky_hieu_van_ban") or ())
    return Law(regimes, selection, params, abbreviations)
