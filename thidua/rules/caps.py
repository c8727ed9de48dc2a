"""Caps and targets on a year's proposals: the legal cap on "Chiến sĩ thi đua cơ sở" (the
law's ceiling, lowered or lifted by the policy where the law delegates it), a plan's numeric
targets (chi_tieu) and a plan's award quantities (khen_thuong). Pure.

A cap is checked against the candidates: the proposals that would be recognised (eligible,
within the organisation's scope). Rounding a percentage never gives more than the legal
ceiling allows.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import ROUNDING, ParamId
from thidua.rules.criteria import compare
from thidua.rules.legal import POLICY, LegalContext
from thidua.textutil import round_count, two_digits

EVERYONE, LEADERS, OTHERS = vocab.NHOM


class QuotaRow(NamedTuple):
    source: str  # "luật" | "chính sách" | "kế hoạch"
    title: str
    text: str
    actual: int
    base: int
    limit: str
    allowed: int | None  # the most that may be recognised (caps expressed as "at most")
    headroom: int | None  # "còn được đề nghị N"
    ok: bool | None
    is_cap: bool
    citation: str | None
    src: m.Src | None
    plan: str | None = None  # the plan's key (file stem) for plan rows
    subject: str = vocab.CA_NHAN
    group: str = EVERYONE


class Counts(NamedTuple):
    """How many candidates (by group) and units there are for each title, and the
    populations they are drawn from."""

    people: dict[tuple[str, str], int]  # (title, group) -> count
    units: dict[str, int]
    n_people: dict[str, int]  # group -> number of people
    n_units: int


def legal_cap(ctx: LegalContext, n_ldtt: int, candidates: int) -> QuotaRow | None:
    """The cap on "Chiến sĩ thi đua cơ sở" over those recognised "Lao động tiên tiến"; None
    when there is no cap (the law sets none and the policy says none, or says nothing: the
    latter is reported as a missing policy value)."""
    p = ctx.param(ParamId.CSTDCS_TY_LE_TOI_DA_TREN_LDTT)
    if p.value is None:
        return None
    title = vocab.CSTDCS.name
    exact = Fraction(str(p.value)) * n_ldtt / 100
    mode = ROUNDING[0]
    if exact.denominator != 1:  # the rounding rule matters only for a fractional result
        r = ctx.param(ParamId.LAM_TRON_TY_LE)
        mode = r.value if r.value in ROUNDING else ROUNDING[0]
    allowed = round_count(exact, mode)
    clamp = ""
    if p.ceiling is not None:
        most = math.floor(Fraction(str(p.ceiling)) * n_ldtt / 100)
        if allowed > most:
            allowed, clamp = most, f"; không vượt {p.ceiling}%"
    source = POLICY if p.source == POLICY else "luật"
    return QuotaRow(source, title,
                    f"\"{title}\" không quá {p.value}% số cá nhân đạt \"{vocab.LDTT.name}\"",
                    candidates, n_ldtt,
                    f"≤ {p.value}% × {n_ldtt} = {allowed} (làm tròn {mode}{clamp})",
                    allowed, allowed - candidates, candidates <= allowed, True, p.citation, None)


def plan_target(t: m.Target, counts: Counts, plan: str | None) -> QuotaRow:
    subject = t.subject or (vocab.TAP_THE if vocab.TAP_THE in vocab.TITLE_BY_NAME[t.title].subjects
                            and vocab.CA_NHAN not in vocab.TITLE_BY_NAME[t.title].subjects
                            else vocab.CA_NHAN)
    if subject == vocab.TAP_THE:
        actual = counts.units.get(t.title, 0)
        base = counts.units.get(t.base, 0) if t.base is not None else counts.n_units
        population = counts.n_units
    else:
        actual = counts.people.get((t.title, t.group), 0)
        base = (counts.people.get((t.base, EVERYONE), 0) if t.base is not None
                else counts.n_people[EVERYONE])
        population = counts.n_people[EVERYONE]
    same_base = t.base == t.title
    if t.share is not None:
        spec = {"so_sanh": t.op, "ty_le": t.share}
        ok = compare(actual, base, spec)
        limit = f"{t.op} {t.share}% của {base}"

        def holds(k: int) -> bool | None:
            return compare(actual + k, base + (k if same_base else 0), spec)
    else:
        quantity = t.quantity or 0
        ok = _cmp(actual, quantity, t.op)
        limit = f"{t.op} {quantity}"

        def holds(k: int) -> bool | None:
            return _cmp(actual + k, quantity, t.op)

    allowed = headroom = None
    if t.op in ("<", "<=", "=") and ok:
        k = 0
        while holds(k + 1) and k <= base + population:
            k += 1
        headroom, allowed = k, actual + k
    elif t.op in ("<", "<=") and ok is False and t.share is None:
        allowed = (t.quantity or 0) - (1 if t.op == "<" else 0)
    text = t.text or f"\"{t.title}\" {limit}"
    return QuotaRow("kế hoạch", t.title, text, actual, base, limit, allowed, headroom, ok,
                    t.is_cap, None, t.src, plan, subject, t.group)


def plan_award_caps(plan: m.Plan, key: str | None, counts: Counts) -> list[QuotaRow]:
    """A plan's award quantities ("01 tập thể và 01 cá nhân") as caps."""
    out = []
    for i, award in enumerate(plan.awards):
        if award.title is None:
            continue
        for subject, quantity in ((vocab.TAP_THE, award.units), (vocab.CA_NHAN, award.people)):
            if quantity is None:
                continue
            actual = (counts.units.get(award.title, 0) if subject == vocab.TAP_THE
                      else counts.people.get((award.title, EVERYONE), 0))
            who = "tập thể" if subject == vocab.TAP_THE else "cá nhân"
            out.append(QuotaRow(
                "kế hoạch", award.title,
                f"{award.name}: {two_digits(quantity)} {who} (kế hoạch {plan.number or plan.key})",
                actual, quantity, f"<= {quantity}", quantity, quantity - actual,
                actual <= quantity, True, None, m.Src(plan.src.file, ("khen_thuong", i)), key,
                subject))
    return out


def _cmp(a: int, b: int, op: str) -> bool:
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b}[op]
