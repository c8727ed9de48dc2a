"""Which law applies, and the value of each legal parameter under it.

Pure. The regime is chosen by the dated selection table of the law data; a parameter's
value comes from the law for that regime, or, where the law delegates it (null), from the
organisation's policy in force on the "as of" date. Every lookup is recorded, so tests can
prove that scenarios exercise every dated value, and missing values become warnings.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from thidua.model.law import POLICY_ONLY, Law, Policy, Regime, RegimeRule
from thidua.textutil import vn_date


class Resolved(NamedTuple):
    value: Any
    citation: str
    source: str  # "luật" | "chính sách" | "thiếu" | "không áp dụng"


class RegimeChoice(NamedTuple):
    regime: Regime
    rule: RegimeRule
    year: int
    as_of: date

    def explanation(self) -> str:
        r = self.regime
        return (f"Chế độ {r.code}: {r.name}. Năm thi đua {self.year}, ngày xét "
                f"{vn_date(self.as_of)}; căn cứ chọn: {self.rule.citation}.")


def choose_regime(law: Law, year: int, as_of: date, policy: Policy | None) -> RegimeChoice:
    for rule in law.selection:
        if rule.year_max is not None and year > rule.year_max:
            continue
        if rule.decided_until is not None and as_of > rule.decided_until:
            continue
        if rule.policy_flag is not None:
            flag = policy.value_on(rule.policy_flag, as_of) if policy else None
            if flag is None or flag.value is not True:
                continue
        return RegimeChoice(law.regimes[rule.regime], rule, year, as_of)
    raise ValueError("the regime selection table has no catch-all line")


class LegalContext:
    """The law in force for one campaign year, with the organisation's policy."""

    def __init__(self, law: Law, policy: Policy | None, year: int, as_of: date) -> None:
        self.law = law
        self.policy = policy
        self.year = year
        self.as_of = as_of
        self.choice = choose_regime(law, year, as_of, policy)
        self.regime = self.choice.regime.code
        self._cache: dict[str, Resolved] = {}
        # (parameter, regime) pairs consulted, and parameters needed but not given.
        self.used: set[tuple[str, str]] = {
            (rule.policy_flag, "chính sách") for rule in law.selection
            if rule.policy_flag and policy and policy.value_on(rule.policy_flag, as_of)}
        self.missing: dict[str, str] = {}

    def param(self, pid: str) -> Resolved:
        hit = self._cache.get(pid)
        if hit is not None:
            return hit
        if pid in POLICY_ONLY:
            self.used.add((pid, "chính sách"))
            resolved = self._from_policy(pid, POLICY_ONLY[pid], "")
        else:
            p = self.law.params[pid]
            v = p.values[self.regime]
            self.used.add((pid, self.regime))
            if v.value is not None:
                resolved = Resolved(v.value, v.citation, "luật")
            elif v.delegated:
                resolved = self._from_policy(pid, p.description, v.citation)
            else:
                resolved = Resolved(None, v.citation, "không áp dụng")
        self._cache[pid] = resolved
        return resolved

    def _from_policy(self, pid: str, description: str, law_citation: str) -> Resolved:
        pv = self.policy.value_on(pid, self.as_of) if self.policy else None
        if pv is not None:
            return Resolved(pv.value, pv.citation, "chính sách")
        self.missing[pid] = description
        return Resolved(None, law_citation, "thiếu")
