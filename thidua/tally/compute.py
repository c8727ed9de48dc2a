"""Tally one campaign year: verdicts per person and unit, counts, caps and plan targets.

Pure: the repository, the law and the "as of" date go in; a :class:`TallyResult` with its
diagnostics comes out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from thidua.diagnostics import Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import ROUNDING, Law
from thidua.rules.eligibility import Evaluator, History, Verdict, compare
from thidua.rules.legal import LegalContext, RegimeChoice
from thidua.textutil import round_count, vn_date
from thidua.vnsort import name_key

PERSON_TITLES = tuple(vocab.BY_CODE[c].name for c in (
    "LDTT", "CSTDCS", "CSTD_TINH", "CSTD_BO", "GIAY_KHEN", "BK_TINH", "BK_BO", "BK_TTG"))
UNIT_TITLES = tuple(vocab.BY_CODE[c].name for c in (
    "TTLDTT", "TTLDXS", "GIAY_KHEN", "BK_TINH", "BK_BO"))
EVERYONE, LEADERS, OTHERS = vocab.NHOM


@dataclass(slots=True)
class Counts:
    registered: int = 0
    eligible: int = 0
    undetermined: int = 0
    proposed: int = 0
    granted: int = 0

    def add(self, other: Counts) -> None:
        self.registered += other.registered
        self.eligible += other.eligible
        self.undetermined += other.undetermined
        self.proposed += other.proposed
        self.granted += other.granted


class PersonRow(NamedTuple):
    id: str
    name: str
    unit: str
    leader: bool
    rank: int | None
    row: tuple[Verdict, ...]  # in PERSON_TITLES order
    registered: tuple[str, ...]
    proposed: tuple[str, ...]
    granted: tuple[str, ...]

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return dict(zip(PERSON_TITLES, self.row, strict=True))


class UnitRow(NamedTuple):
    id: str
    name: str
    order: int
    verdicts: dict[str, Verdict]
    registered: tuple[str, ...]
    proposed: tuple[str, ...]
    granted: tuple[str, ...]
    people: dict[str, Counts]  # counts of the unit's members, per individual title


class QuotaRow(NamedTuple):
    source: str  # "luật" | "chính sách" | "kế hoạch"
    title: str
    text: str
    actual: int
    base: int
    limit: str
    allowed: int | None  # the most that may be proposed (caps expressed as "at most")
    headroom: int | None  # "còn được đề nghị N"
    ok: bool | None
    is_cap: bool
    citation: str | None
    src: m.Src | None


@dataclass
class TallyResult:
    org_id: str
    year: int
    as_of: date
    choice: RegimeChoice
    people: list[PersonRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    totals_people: dict[str, Counts] = field(default_factory=dict)
    totals_units: dict[str, Counts] = field(default_factory=dict)
    quotas: list[QuotaRow] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    context: LegalContext | None = None


def _count(counts: Counts, v: Verdict | None, title: str, registered: tuple[str, ...],
           proposed: tuple[str, ...], granted: tuple[str, ...]) -> None:
    counts.registered += title in registered
    counts.proposed += title in proposed
    counts.granted += title in granted
    if v is not None:
        counts.eligible += v.eligible is True
        counts.undetermined += v.eligible is None


class PeopleVerdicts(NamedTuple):
    """Verdicts for a list of people (in PERSON_TITLES order), and what the law lookups
    needed: the parameters consulted, those missing, and the criteria evaluated."""

    rows: list[tuple[Verdict, ...]]
    used: set[tuple[str, str]]
    missing: dict[str, str]
    seen: set[str]


def evaluate_people(ev: Evaluator, ids: list[str]) -> PeopleVerdicts:
    rules = [(t, ev.person_rule(t)) for t in PERSON_TITLES]
    rows = [tuple(rule(pid, t) for t, rule in rules) for pid in ids]
    return PeopleVerdicts(rows, set(ev.ctx.used), dict(ev.ctx.missing), set(ev.seen or ()))


PeopleEvaluator = Callable[[Evaluator, list[str]], PeopleVerdicts]


def tally(repo: m.Repository, law: Law, year: int, as_of: date, *,
          seen: set[str] | None = None,
          people_evaluator: PeopleEvaluator = evaluate_people,
          order_people: bool = True) -> TallyResult:
    """``seen``, when given, collects the ids of the criteria evaluated;
    ``people_evaluator`` may spread the individual verdicts over processes;
    ``order_people=False`` leaves the individual rows unsorted (for a summary only)."""
    ctx = LegalContext(law, repo.policy, year, as_of)
    history = History(repo)
    ev = Evaluator(ctx, history, seen=seen)
    org = repo.org
    result = TallyResult(org.id if org else "", year, as_of, ctx.choice, context=ctx)
    yr = repo.years.get(year) or m.Year(year)

    reg_people: dict[str, tuple[str, ...]] = {}
    reg_units: dict[str, tuple[str, ...]] = {}
    reg_unit_of: dict[str, str] = {}  # the unit a person registered with
    for r in yr.registrations:
        regs = reg_people if r.subject == vocab.CA_NHAN else reg_units
        regs[r.subject_id] = (*regs.get(r.subject_id, ()), *r.titles)
        if r.subject == vocab.CA_NHAN:
            reg_unit_of.setdefault(r.subject_id, r.unit)
    granted_people: dict[str, tuple[str, ...]] = {}
    granted_units: dict[str, tuple[str, ...]] = {}
    for dec in yr.awards:
        for pid in dec.people:
            granted_people[pid] = (*granted_people.get(pid, ()), dec.title)
        for uid in dec.units:
            granted_units[uid] = (*granted_units.get(uid, ()), dec.title)

    # Individuals: everyone with a result this year, and anyone who registered.
    unit_people: dict[str, dict[str, Counts]] = {}
    ids = list(yr.person_results) + [p for p in reg_people if p not in yr.person_results]
    people, results = repo.people, yr.person_results
    ids = [pid for pid in ids if pid in people]
    evaluated = people_evaluator(ev, ids)
    ctx.used |= evaluated.used
    ctx.missing.update(evaluated.missing)
    if seen is not None:
        seen |= evaluated.seen
    i_ldtt, i_cstdcs = PERSON_TITLES.index(vocab.LDTT.name), PERSON_TITLES.index(
        vocab.CSTDCS.name)
    # Verdicts are shared values, so people with the same unit, verdicts, registrations,
    # proposals and awards are counted once per combination.
    Combo = tuple[str, tuple[int, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    combos: dict[Combo, int] = {}
    rows_by_key: dict[tuple[int, ...], tuple[Verdict, ...]] = {}
    index = {t: i for i, t in enumerate(PERSON_TITLES)}
    for pid, row in zip(ids, evaluated.rows, strict=True):
        ev.remember(pid, row[i_ldtt], row[i_cstdcs])
        person = people[pid]
        res = results.get(pid)
        unit = res.unit if res else reg_unit_of.get(pid, person.unit)
        registered = reg_people.get(pid, ())
        proposed = res.proposals if res else ()
        granted = granted_people.get(pid, ())
        row_key = tuple(map(id, row))
        rows_by_key[row_key] = row
        key = (unit, row_key, registered, proposed, granted)
        combos[key] = combos.get(key, 0) + 1
        result.people.append(PersonRow(pid, person.name, unit, person.leader, person.rank,
                                       row, registered, proposed, granted))
        if res is not None and proposed and any(
                row[index[t]].eligible is not True for t in proposed if t in index):
            result.diagnostics += _check_proposals(ev, pid, person.name, proposed,
                                                   dict(zip(PERSON_TITLES, row, strict=True)),
                                                   res.src)
    for (unit, row_key, registered, proposed, granted), n in combos.items():
        per_title = unit_people.get(unit)
        if per_title is None:
            per_title = unit_people[unit] = {t: Counts() for t in PERSON_TITLES}
        for t, v in zip(PERSON_TITLES, rows_by_key[row_key], strict=True):
            c = per_title[t]
            if v.eligible is True:
                c.eligible += n
            elif v.eligible is None:
                c.undetermined += n
            if t in registered:
                c.registered += n
            if t in proposed:
                c.proposed += n
            if t in granted:
                c.granted += n

    # Units, in the organisation's official order.
    for u in org.units if org else ():
        if (u.end is not None and u.end.year < year) or (
                u.start is not None and u.start.year > year):
            continue
        ures = yr.unit_results.get(u.id)
        u_verdicts = {t: ev.unit(u.id, t) for t in UNIT_TITLES}
        result.units.append(UnitRow(
            u.id, u.name, u.order, u_verdicts, reg_units.get(u.id, ()),
            ures.proposals if ures else (), granted_units.get(u.id, ()),
            unit_people.get(u.id, {t: Counts() for t in PERSON_TITLES})))
        if ures is not None:
            result.diagnostics += _check_proposals(ev, u.id, u.name, ures.proposals,
                                                   u_verdicts, ures.src)

    for t in PERSON_TITLES:
        total = Counts()
        for per_title in unit_people.values():
            total.add(per_title[t])
        result.totals_people[t] = total
    for t in UNIT_TITLES:
        total = Counts()
        for urow in result.units:
            _count(total, urow.verdicts[t], t, urow.registered, urow.proposed, urow.granted)
        result.totals_units[t] = total

    result.quotas += _legal_cap(ctx, result, repo, year)
    if any(plan.targets for plan in yr.plans):
        proposals = _proposal_counts(result)
        for plan in yr.plans:
            for target in plan.targets:
                result.quotas.append(_plan_target(target, proposals))
    result.diagnostics += _quota_diagnostics(result, repo, year)
    result.diagnostics += _missing_policy(ctx, repo)
    # The order of an annex list: units in official order, leaders first by rank, then
    # names in Vietnamese alphabetical order.
    unit_order = {u.id: u.order for u in org.units} if org else {}
    if order_people:
        result.people.sort(key=lambda p: (unit_order.get(p.unit, len(unit_order)),
                                          not p.leader,
                                          p.rank is None, p.rank or 0, name_key(p.name),
                                          p.id))
    return result


def _check_proposals(ev: Evaluator, sid: str, name: str, proposals: tuple[str, ...],
                     verdicts: dict[str, Verdict], src: m.Src) -> list[Diagnostic]:
    out = []
    for j, title in enumerate(proposals):
        v = verdicts.get(title)
        if v is None or v.eligible is True:
            continue
        detail = Evaluator(ev.ctx, ev.h, detail=True)
        full = detail.person(sid, title) if title in PERSON_TITLES and sid in ev.h.repo.people \
            else detail.unit(sid, title)
        first = next((c for c in full.criteria if c.met is not True), None)
        reason = first.text if first else "không rõ"
        who = f"{name} ({sid})"
        path = (*src.path, "de_nghi", j)
        if v.eligible is False:
            out.append(make("TD401", src.file, path=path, title=title, who=who, reason=reason,
                            fix=(first.fix if first and first.fix else
                                 f"Xem: thidua explain {ev.year} {sid} --title \"{title}\""),
                            legal_ref=first.citation if first else None))
        else:
            out.append(make("TD406", src.file, path=path, title=title, who=who, reason=reason,
                            legal_ref=first.citation if first else None))
    return out


def _legal_cap(ctx: LegalContext, result: TallyResult, repo: m.Repository,
               year: int) -> list[QuotaRow]:
    p = ctx.param("cstdcs_ty_le_toi_da_tren_ldtt")
    if p.value is None:
        return []
    title = vocab.CSTDCS.name
    n_ldtt = result.totals_people[vocab.LDTT.name].eligible
    proposed = result.totals_people[title].proposed
    exact = Fraction(str(p.value)) * n_ldtt / 100
    mode = ROUNDING[0]
    if exact.denominator != 1:  # the rounding rule matters only for a fractional result
        r = ctx.param("lam_tron_ty_le")
        mode = r.value if r.value in ROUNDING else ROUNDING[0]
    allowed = round_count(exact, mode)
    return [QuotaRow(p.source if p.source != "thiếu" else "luật", title,
                     f"\"{title}\" không quá {p.value}% số cá nhân đạt \"{vocab.LDTT.name}\"",
                     proposed, n_ldtt, f"≤ {p.value}% × {n_ldtt} = {allowed} (làm tròn {mode})",
                     allowed, allowed - proposed, proposed <= allowed, True, p.citation, None)]


class ProposalCounts(NamedTuple):
    """How many people (by group) and units were proposed for each title."""

    people: dict[tuple[str, str], int]  # (title, group) -> count
    units: dict[str, int]
    n_people: dict[str, int]  # group -> number of people
    n_units: int


def _proposal_counts(result: TallyResult) -> ProposalCounts:
    people: dict[tuple[str, str], int] = {}
    n_people = {EVERYONE: 0, LEADERS: 0, OTHERS: 0}
    for p in result.people:
        group = LEADERS if p.leader else OTHERS
        n_people[EVERYONE] += 1
        n_people[group] += 1
        for title in p.proposed:
            people[(title, EVERYONE)] = people.get((title, EVERYONE), 0) + 1
            people[(title, group)] = people.get((title, group), 0) + 1
    units: dict[str, int] = {}
    for u in result.units:
        for title in u.proposed:
            units[title] = units.get(title, 0) + 1
    return ProposalCounts(people, units, n_people, len(result.units))


def _plan_target(t: m.Target, counts: ProposalCounts) -> QuotaRow:
    subject = t.subject or (vocab.TAP_THE if t.title in UNIT_TITLES
                            and t.title not in PERSON_TITLES else vocab.CA_NHAN)
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
    text = t.text or f"\"{t.title}\" {limit}"
    return QuotaRow("kế hoạch", t.title, text, actual, base, limit, allowed, headroom, ok,
                    t.is_cap, None, t.src)


def _cmp(a: int, b: int, op: str) -> bool:
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b}[op]


def _quota_diagnostics(result: TallyResult, repo: m.Repository, year: int
                       ) -> list[Diagnostic]:
    out = []
    org_folder = repo.org.src.file.rsplit("/", 1)[0] if repo.org else "."
    for q in result.quotas:
        if q.ok is not False:
            continue
        file = q.src.file if q.src else f"{org_folder}/{year}/ket_qua"
        path = q.src.path if q.src else None
        if q.is_cap:
            out.append(make("TD402", file, path=path, what=q.text, actual=q.actual,
                            allowed=q.allowed if q.allowed is not None else q.limit,
                            fix="Giảm số đề nghị hoặc điều chỉnh chỉ tiêu của kế hoạch.",
                            legal_ref=q.citation))
        else:
            out.append(make("TD404", file, path=path, what=q.text,
                            actual=f"{q.actual}/{q.base}",
                            fix="Báo cáo Hội đồng; chỉ tiêu là mục tiêu, không phải điều kiện."))
    return out


def _missing_policy(ctx: LegalContext, repo: m.Repository) -> list[Diagnostic]:
    policy_file = repo.policy.src.file if repo.policy else (
        repo.org.src.file.rsplit("/", 1)[0] + "/chinh_sach.yaml" if repo.org
        else "chinh_sach.yaml")
    return [make("TD403", policy_file, param=pid, description=desc, day=vn_date(ctx.as_of))
            for pid, desc in sorted(ctx.missing.items())]
