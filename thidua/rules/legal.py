"""Which law applies, and the value of each legal parameter under it.

Pure. Two regimes matter for a decision: the one whose texts are in force on the decision
date (procedure, authority, the "Căn cứ" lines), and the one whose criteria apply (chosen by
the dated selection table: an earlier campaign year may keep earlier criteria). When no known
regime is in force on the decision date there is no lawful answer: :class:`NoLaw`, never a
silent fallback.

A parameter's value comes from the law for the criteria regime, or, where the law delegates
it, from the organisation's policy in force on the decision date (a legal ceiling caps it).
Every lookup is recorded, so tests can prove that scenarios exercise every dated value, and
missing or conflicting values become diagnostics.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from thidua.layout import BUNDLED_LAW
from thidua.model.law import (
    POLICY_ONLY,
    Citation,
    Law,
    ParamId,
    Policy,
    PolicyValue,
    Regime,
    RegimeRule,
)
from thidua.textutil import vn_date

LAW, POLICY, MISSING, NOT_APPLICABLE = "luật", "chính sách", "thiếu", "không áp dụng"


class Resolved(NamedTuple):
    value: Any
    citation: str  # written smallest unit first
    source: str  # LAW | POLICY | MISSING | NOT_APPLICABLE
    citations: tuple[Citation, ...] = ()
    confidence: str = ""
    note: str | None = None  # research note (never printed in a document)
    ceiling: Any = None  # the legal ceiling, when the law sets one


class RegimeChoice(NamedTuple):
    regime: Regime  # whose criteria apply
    rule: RegimeRule
    in_force: Regime  # whose texts are in force on the decision date
    year: int
    as_of: date
    received: date | None
    reason_citation: str

    def explanation(self) -> str:
        r = self.regime
        own = "" if r.src.file == BUNDLED_LAW else f" (dữ liệu pháp luật của kho: {r.src.file})"
        text = (f"Chế độ {r.code}{own}: {r.name}. Năm thi đua {self.year}, ngày xét "
                f"{vn_date(self.as_of)}; căn cứ chọn: {self.rule.reason} "
                f"({self.reason_citation}).")
        if self.in_force.code != r.code:
            text += (f" Văn bản có hiệu lực vào ngày xét: chế độ {self.in_force.code} "
                     f"({self.in_force.name}).")
        return text


class NoLaw(NamedTuple):
    """No known rules apply on the decision date (the answer is a verdict, not a guess)."""

    year: int
    as_of: date
    last_end: date | None

    def explanation(self) -> str:
        tail = (f"; quy định đã biết hết hiệu lực sau ngày {vn_date(self.last_end)}"
                if self.last_end and self.as_of > self.last_end else "")
        return (f"Chưa có quy định áp dụng cho ngày xét {vn_date(self.as_of)} (năm thi đua "
                f"{self.year}){tail}.")

    @property
    def hint(self) -> str:
        return ("kiểm tra ngày xét (--ngay-xet), hoặc bổ sung chế độ pháp luật mới vào "
                "phap_luat.yaml của kho (xem thidua law và README)")


def choose_regime(law: Law, year: int, as_of: date, policy: Policy | None,
                  received: date | None = None) -> RegimeChoice | NoLaw:
    in_force = law.in_force_on(as_of)
    if in_force is None:
        ends = [r.end for r in law.regimes.values() if law.applicable(r.code) and r.end]
        return NoLaw(year, as_of, max(ends) if ends else None)
    for rule in law.selection:
        if not law.applicable(rule.regime):
            continue
        if rule.year_min is not None and year < rule.year_min:
            continue
        if rule.year_max is not None and year > rule.year_max:
            continue
        if rule.decided_from is not None and as_of < rule.decided_from:
            continue
        if rule.decided_until is not None and as_of > rule.decided_until:
            continue
        if rule.received_before is not None and (received is None
                                                 or received >= rule.received_before):
            continue
        if rule.policy_flag is not None:
            flag = policy.value_on(rule.policy_flag, as_of) if policy else None
            if flag is None or flag.value is not True:
                continue
        return RegimeChoice(law.regimes[rule.regime], rule, in_force, year, as_of, received,
                            law.cite(rule.citations))
    return NoLaw(year, as_of, None)


class PolicyProblem(NamedTuple):
    """A policy value that cannot be used as written (shown as a located diagnostic)."""

    value: PolicyValue
    detail: str


class LegalContext:
    """The law in force for one campaign year, with the organisation's policy."""

    def __init__(self, law: Law, policy: Policy | None, year: int, as_of: date,
                 received: date | None = None) -> None:
        self.law = law
        self.policy = policy
        self.year = year
        self.as_of = as_of
        choice = choose_regime(law, year, as_of, policy, received)
        self.no_law = choice if isinstance(choice, NoLaw) else None
        self.choice: RegimeChoice | None = None if isinstance(choice, NoLaw) else choice
        self.regime = self.choice.regime.code if self.choice else ""
        self._cache: dict[str, Resolved] = {}
        # (parameter, regime) pairs consulted, and parameters needed but not given.
        self.used: set[tuple[str, str]] = {
            (rule.policy_flag, POLICY) for rule in law.selection
            if rule.policy_flag and policy and policy.value_on(rule.policy_flag, as_of)}
        self.missing: dict[str, str] = {}
        self.problems: dict[str, PolicyProblem] = {}
        self._received = received
        self._days: dict[date, LegalContext] = {}

    def on(self, day: date) -> LegalContext:
        """The same campaign year under the law and policy in force on ``day`` (a council's
        vote is held to the share in force when it met); what it consults is recorded here
        too. Itself when no rules apply on that day."""
        if day == self.as_of:
            return self
        found = self._days.get(day)
        if found is None:
            found = LegalContext(self.law, self.policy, self.year, day, self._received)
            if found.choice is None:
                found = self
            else:
                found.used, found.missing, found.problems = self.used, self.missing, \
                    self.problems
            self._days[day] = found
        return found

    def param(self, pid: ParamId) -> Resolved:
        hit = self._cache.get(pid)
        if hit is not None:
            return hit
        if self.choice is None:
            raise LookupError(f"parameter {pid.value} asked for while no regime applies "
                              f"(as of {self.as_of})")
        if pid in POLICY_ONLY:
            self.used.add((pid.value, POLICY))
            resolved = self._from_policy(pid.value, POLICY_ONLY[pid][0], None)
        else:
            v = self.law.value(pid.value, self.regime)
            if v is None:
                raise LookupError(f"parameter {pid.value} has no value for regime {self.regime}")
            self.used.add((pid.value, self.regime))
            citation = self.law.cite(v.citations)
            base = Resolved(v.value, citation, LAW, v.citations, v.confidence, v.note,
                            v.value if v.ceiling else None)
            if v.delegated:
                resolved = self._from_policy(pid.value, self.law.params[pid.value].description,
                                             base)
            elif v.value is None:
                resolved = base._replace(source=NOT_APPLICABLE)
            else:
                resolved = base
        self._cache[pid] = resolved
        return resolved

    def _from_policy(self, pid: str, description: str, law: Resolved | None) -> Resolved:
        pv = self.policy.value_on(pid, self.as_of) if self.policy else None
        if pv is not None and pv.issued is not None and pv.issued > self.as_of:
            self.problems[pid] = PolicyProblem(
                pv, f"văn bản làm căn cứ ban hành ngày {vn_date(pv.issued)}, sau ngày xét "
                    f"{vn_date(self.as_of)}")
            pv = None
        if pv is not None:
            ceiling = law.ceiling if law else None
            if ceiling is not None and (pv.value is None or pv.value > ceiling):
                self.problems[pid] = PolicyProblem(
                    pv, f"luật chỉ cho phép tối đa {ceiling} ({law.citation if law else ''}); "
                        f"chính sách chỉ được hạ, không được nâng hay bỏ mức này")
                return law._replace(source=LAW) if law else Resolved(None, "", MISSING)
            return Resolved(pv.value, pv.citation, POLICY, law.citations if law else (),
                            "", None, ceiling)
        if law is not None and law.ceiling is not None:
            return law  # no policy: the legal ceiling applies as it is
        self.missing[pid] = description
        return Resolved(None, law.citation if law else "", MISSING,
                        law.citations if law else ())
