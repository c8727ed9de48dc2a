"""The decision step: for one campaign year and one decision date, who is recognised for
which title and award, and, for everyone else, why not.

Pure: the repository, the law and the decision date go in; a :class:`YearDecision` comes out.
Recognised = proposed ∧ eligible (criteria, registration where required) ∧ not deferred ∧
within the organisation's scope (its head decides, or it proposes to its superiors) ∧ within
every cap (the legal cap, the plan's caps and award quantities) — or, where a cap is exceeded,
kept by the council's recorded choice. Every command (tally, explain, diff, the documents)
reads this one result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from thidua.decide.outcome import Breach, Entry, EntryStatus, Outcome, Reason
from thidua.diagnostics import Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Law, ParamId
from thidua.rules import caps, meeting
from thidua.rules.authority import Decider, decider
from thidua.rules.caps import EVERYONE, LEADERS, OTHERS, QuotaRow
from thidua.rules.criteria import Status
from thidua.rules.eligibility import Evaluator, History, Verdict, no_law_verdict
from thidua.rules.legal import LegalContext, NoLaw, RegimeChoice
from thidua.textutil import vn_date
from thidua.vnsort import name_key

PERSON_TITLES = tuple(vocab.BY_CODE[c].name for c in (
    "LDTT", "CSTDCS", "CSTD_TINH", "CSTD_BO", "GIAY_KHEN", "BK_TINH", "BK_BO", "BK_TTG"))
UNIT_TITLES = tuple(vocab.BY_CODE[c].name for c in (
    "TTLDTT", "TTLDXS", "GIAY_KHEN", "BK_TINH", "BK_BO"))
REGULAR = None  # the plan key of proposals that name no plan: the year's regular plan


@dataclass(slots=True)
class Counts:
    registered: int = 0
    eligible: int = 0
    undetermined: int = 0
    deferred: int = 0
    proposed: int = 0
    recognised: int = 0  # proposed, eligible, in the organisation's scope (before caps)
    granted: int = 0

    def add(self, other: Counts) -> None:
        self.registered += other.registered
        self.eligible += other.eligible
        self.undetermined += other.undetermined
        self.deferred += other.deferred
        self.proposed += other.proposed
        self.recognised += other.recognised
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


class PeopleVerdicts(NamedTuple):
    """Verdicts for a list of people (in PERSON_TITLES order), what the law lookups
    needed (the parameters consulted, those missing, and the criteria evaluated), and the
    problems with their proposals (a title proposed that is not met)."""

    rows: list[tuple[Verdict, ...]]  # the distinct rows of verdicts
    of: list[int]  # for each person, in order, the index of their row in ``rows``
    used: set[tuple[str, str]]
    missing: dict[str, str]
    seen: set[str]
    diagnostics: list[Diagnostic]
    # The verdicts of the units whose members were all among these people (a unit's
    # verdicts count its members' verdicts).
    units: dict[str, dict[str, Verdict]]


def evaluate_people(ev: Evaluator, ids: list[str]) -> PeopleVerdicts:
    rules = [(t, ev.person_rule(t)) for t in PERSON_TITLES]
    # Many people have equal verdicts: each distinct row is kept once, and counted once
    # per combination by the decision step.
    index: dict[tuple[Verdict, ...], int] = {}
    number = index.setdefault
    of = [number(row, len(index))
          for row in (tuple(rule(pid, t) for t, rule in rules) for pid in ids)]
    rows = list(index)
    units = _whole_units(ev, ids)
    verdicts = {u.id: {t: ev.unit(u.id, t) for t in UNIT_TITLES} for u in units}
    diagnostics = _proposal_problems(ev, ids, [rows[i] for i in of], units, verdicts)
    return PeopleVerdicts(rows, of, set(ev.ctx.used), dict(ev.ctx.missing),
                          set(ev.seen or ()), diagnostics, verdicts)


def merge_verdicts(parts: list[PeopleVerdicts]) -> PeopleVerdicts:
    """The verdicts of consecutive lists of people, as if evaluated in one."""
    rows: list[tuple[Verdict, ...]] = []
    of: list[int] = []
    used: set[tuple[str, str]] = set()
    missing: dict[str, str] = {}
    seen: set[str] = set()
    diagnostics: list[Diagnostic] = []
    units: dict[str, dict[str, Verdict]] = {}
    for part in parts:
        offset = len(rows)
        rows += part.rows
        of += [i + offset for i in part.of]
        used |= part.used
        missing.update(part.missing)
        seen |= part.seen
        diagnostics += part.diagnostics
        units.update(part.units)
    return PeopleVerdicts(rows, of, used, missing, seen, diagnostics, units)


def active_units(repo: m.Repository, year: int) -> list[m.Unit]:
    """The organisation's units that exist in ``year``, in official order."""
    return [u for u in (repo.org.units if repo.org else ())
            if not ((u.end is not None and u.end.year < year)
                    or (u.start is not None and u.start.year > year))]


def _whole_units(ev: Evaluator, ids: list[str]) -> list[m.Unit]:
    """The active units with members, all of whom are among ``ids``."""
    yr = ev.h.repo.years.get(ev.year)
    if yr is None:
        return []
    results = yr.person_results
    here: dict[str, int] = {}
    for pid in ids:
        res = results.get(pid)
        if res is not None:
            here[res.unit] = here.get(res.unit, 0) + 1
    return [u for u in active_units(ev.h.repo, ev.year)
            if u.id in here and here[u.id] == len(ev.h.members(u.id, ev.year))]


def detail_of(ev: Evaluator, repo: m.Repository, sid: str, title: str) -> Verdict:
    """The verdict of a person or a unit, by a detail-mode evaluator."""
    if sid in repo.people and vocab.CA_NHAN in vocab.TITLE_BY_NAME[title].subjects:
        return ev.person(sid, title)
    return ev.unit(sid, title)


def _proposal_problems(ev: Evaluator, ids: list[str], rows: list[tuple[Verdict, ...]],
                       units: list[m.Unit], verdicts: dict[str, dict[str, Verdict]]
                       ) -> list[Diagnostic]:
    """TD401/TD406/TD408 for the people and units proposed for a title they do not
    meet."""
    yr = ev.h.repo.years.get(ev.year)
    if yr is None:
        return []
    repo = ev.h.repo
    results, people = yr.person_results, repo.people
    index = {t: i for i, t in enumerate(PERSON_TITLES)}
    detailed: Evaluator | None = None

    def detail(sid: str, title: str) -> Verdict:
        nonlocal detailed
        if detailed is None:
            detailed = Evaluator(ev.ctx, ev.h, detail=True)
        return detail_of(detailed, repo, sid, title)
    out: list[Diagnostic] = []
    for pid, row in zip(ids, rows, strict=True):
        res = results.get(pid)
        if res is None or not res.proposals or all(
                row[index[t]].status is Status.MET for t in res.proposals if t in index):
            continue
        out += _check_proposals(detail, ev.year, pid, people[pid].name, res.proposals,
                                dict(zip(PERSON_TITLES, row, strict=True)), res.src)
    for u in units:
        ures = yr.unit_results.get(u.id)
        if ures is not None:
            out += _check_proposals(detail, ev.year, u.id, u.name, ures.proposals,
                                    verdicts[u.id], ures.src)
    return out


PeopleEvaluator = Callable[[Evaluator, list[str]], PeopleVerdicts]


@dataclass
class YearDecision:
    org_id: str
    year: int
    as_of: date
    choice: RegimeChoice | None
    no_law: NoLaw | None
    repo: m.Repository
    law: Law
    context: LegalContext
    people: list[PersonRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    totals_people: dict[str, Counts] = field(default_factory=dict)
    totals_units: dict[str, Counts] = field(default_factory=dict)
    quotas: list[QuotaRow] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Council choices applied, by (title, subject, plan): the ids kept.
    kept: dict[tuple[str, str, str | None], tuple[m.CouncilChoice, frozenset[str]]] = \
        field(default_factory=dict)
    breaches: list[QuotaRow] = field(default_factory=list)
    people_ordered: bool = True  # False: people rows left unsorted (a summary)
    _deciders: dict[tuple[str, str], Decider | None] = field(default_factory=dict)
    _units: dict[str, m.Unit] | None = None
    _history: History | None = None  # the indexes over every year, built once
    _proposers: dict[str, list[PersonRow]] | None = None  # title → people proposed
    # Outcomes by (title, collective), kept once the decision is complete (None before:
    # the council's choices still change them).
    _outcomes: dict[tuple[str, bool], Outcome] | None = None

    def person_key(self) -> Callable[[PersonRow], tuple[Any, ...]]:
        """The order of an annex list: units in official order, leaders first by rank, then
        names in Vietnamese alphabetical order."""
        org = self.repo.org
        unit_order = {u.id: u.order for u in org.units} if org else {}

        def key(p: PersonRow) -> tuple[Any, ...]:
            return (unit_order.get(p.unit, len(unit_order)), not p.leader, p.rank is None,
                    p.rank or 0, name_key(p.name), p.id)
        return key

    # -- who decides -------------------------------------------------------------------------
    def decider(self, title: str, unit_id: str) -> Decider | None:
        key = (title, unit_id)
        if key not in self._deciders:
            org = self.repo.org
            if self.choice is None or org is None:
                self._deciders[key] = None
            else:
                if self._units is None:
                    self._units = {u.id: u for u in org.units}
                self._deciders[key] = decider(self.law, self.choice.in_force.code, title,
                                              self._units.get(unit_id), org, self.as_of)
        return self._deciders[key]

    def in_scope(self, title: str, unit_id: str) -> bool:
        d = self.decider(title, unit_id)
        return d is not None and d.in_scope

    # -- explanations ------------------------------------------------------------------------
    def detail(self, sid: str, title: str) -> Verdict:
        """The verdict with every criterion (for explain and for reasons)."""
        if self.choice is None:
            return no_law_verdict(title)
        if self._history is None:
            self._history = History(self.repo)
        return detail_of(Evaluator(self.context, self._history, detail=True), self.repo, sid,
                         title)

    def reasons(self, sid: str, title: str, status: Status) -> tuple[Reason, ...]:
        if status is Status.NO_LAW and self.no_law is not None:
            return (Reason(self.no_law.explanation(), None, self.no_law.hint),)
        v = self.detail(sid, title)
        out = []
        for c in v.criteria:
            if c.met is True:
                continue
            if status is Status.DEFERRED and not c.defers and c.met is None:
                continue
            out.append(Reason(c.text, c.citation, c.fix))
        return tuple(out) or (Reason(status.value),)

    # -- the outcome of one title ------------------------------------------------------------
    def outcome(self, title: str, collective: bool) -> Outcome:
        if self._outcomes is None:
            return self._outcome(title, collective)
        found = self._outcomes.get((title, collective))
        if found is None:
            found = self._outcomes[(title, collective)] = self._outcome(title, collective)
        return found

    def apart(self) -> tuple[list[Entry], list[Entry]]:
        """The proposals that are another authority's to decide, and those deferred, title
        by title in the order of an outcome (without building every other entry)."""
        elsewhere: list[Entry] = []
        deferred: list[Entry] = []
        for collective, titles in ((False, PERSON_TITLES), (True, UNIT_TITLES)):
            for t in titles:
                for e in self._outcome(t, collective, apart_only=True).entries:
                    if e.status is EntryStatus.ELSEWHERE and e.decider is not None:
                        elsewhere.append(e)
                    elif e.status is EntryStatus.DEFERRED:
                        deferred.append(e)
        return elsewhere, deferred

    def _proposed(self, title: str) -> list[PersonRow]:
        """The people proposed for ``title``, in the order of the rows (indexed once)."""
        if self._proposers is None:
            index: dict[str, list[PersonRow]] = {}
            for p in self.people:
                for t in p.proposed:
                    index.setdefault(t, []).append(p)
            self._proposers = index
        return self._proposers.get(title, [])

    def _maybe_apart(self, v: Verdict | None, title: str, unit: str) -> bool:
        return v is not None and (v.status is Status.DEFERRED or (
            v.status is Status.MET and not self.in_scope(title, unit)))

    def _outcome(self, title: str, collective: bool, *, apart_only: bool = False) -> Outcome:
        """``apart_only``: only the entries that may be another authority's or deferred."""
        subject = vocab.TAP_THE if collective else vocab.CA_NHAN
        yr = self.repo.years.get(self.year) or m.Year(self.year)
        entries: list[Entry] = []
        if collective:
            for u in self.units:
                if title not in u.proposed or (
                        apart_only and not self._maybe_apart(u.verdicts.get(title), title, u.id)):
                    continue
                res = yr.unit_results.get(u.id)
                entries.append(self._entry(subject, u.id, u.name, u.id, title,
                                           u.verdicts.get(title), res))
        else:
            i = PERSON_TITLES.index(title) if title in PERSON_TITLES else None

            people = [p for p in self._proposed(title) if not (apart_only and (
                i is None or not self._maybe_apart(p.row[i], title, p.unit)))]
            if not self.people_ordered:
                people.sort(key=self.person_key())
            for p in people:
                entries.append(self._entry(subject, p.id, p.name, p.unit, title,
                                           p.verdicts.get(title),
                                           yr.person_results.get(p.id)))
        chosen = tuple(c for (t, s, _plan), (c, _ids) in self.kept.items()
                       if t == title and s == subject)
        breaches = []
        for q in self.breaches:
            if q.title == title and q.subject == subject:
                over = tuple(e.name for e in entries if e.recognised
                             and (q.plan is None or e.plan == q.plan)
                             and _in_group(self.repo, e.id, q.group))
                breaches.append(Breach(q, over))
        return Outcome(title, subject, tuple(entries), tuple(breaches), chosen)

    def _entry(self, subject: str, sid: str, name: str, unit: str, title: str,
               verdict: Verdict | None, res: m.PersonResult | m.UnitResult | None) -> Entry:
        yr = self.repo.years.get(self.year) or m.Year(self.year)
        plan = _plan_of(res, title, plan_names(yr))
        vote = self.vote(sid, title, res)
        src = res.src if res else None
        d = self.decider(title, unit)
        status = verdict.status if verdict is not None else Status.UNKNOWN
        if verdict is None:
            return Entry(subject, sid, name, unit, title, EntryStatus.UNKNOWN,
                         (Reason(f"\"{title}\" không xét tự động cho {subject}"),), d, plan,
                         vote, src)
        if status is not Status.MET:
            mapped = {Status.NOT_MET: EntryStatus.NOT_MET, Status.UNKNOWN: EntryStatus.UNKNOWN,
                      Status.DEFERRED: EntryStatus.DEFERRED,
                      Status.NO_LAW: EntryStatus.NO_LAW}[status]
            return Entry(subject, sid, name, unit, title, mapped,
                         self.reasons(sid, title, status), d, plan, vote, src)
        if d is None:
            return Entry(subject, sid, name, unit, title, EntryStatus.UNKNOWN,
                         (Reason(f"Dữ liệu pháp luật chưa ghi ai quyết định \"{title}\" cho đơn "
                                 f"vị loại này"),), d, plan, vote, src)
        if not d.in_scope:
            return Entry(subject, sid, name, unit, title, EntryStatus.ELSEWHERE,
                         (Reason(f"Thuộc thẩm quyền của {d.name}", d.citation),), d, plan,
                         vote, src)
        kept = self.kept.get((title, subject, plan))
        if kept is not None and sid not in kept[1]:
            return Entry(subject, sid, name, unit, title, EntryStatus.NOT_CHOSEN,
                         (Reason("Vượt số lượng tối đa; Hội đồng không chọn (biên bản họp "
                                 f"ngày {vn_date(self._meeting_day(kept[0]))})"),),
                         d, plan, vote, src)
        return Entry(subject, sid, name, unit, title, EntryStatus.RECOGNISED, (), d, plan,
                     vote, src)

    def vote(self, sid: str, title: str,
             res: m.PersonResult | m.UnitResult | None) -> m.Vote | None:
        """The council's vote on a proposal (the meeting's count, else the unit's results)."""
        if self._history is None:
            self._history = History(self.repo)
        got = self._history.vote(sid, title, self.year, res)
        return got.vote if got else None

    def _meeting_day(self, choice: m.CouncilChoice) -> date:
        yr = self.repo.years.get(self.year) or m.Year(self.year)
        for mt in yr.meetings:
            if choice in mt.choices:
                return mt.day
        return self.as_of


UNKNOWN_PLAN = "?"


def plan_key(plan: m.Plan) -> str | None:
    """How caps and proposals name a plan: None for the regular plan, else its file name."""
    return REGULAR if plan.form == vocab.THUONG_XUYEN else plan.key


def plan_names(yr: m.Year) -> dict[str | None, str | None]:
    """What a proposal or a council choice may write for a plan (its file name or number;
    nothing for the regular plan) -> the plan's key."""
    names: dict[str | None, str | None] = {None: REGULAR}
    for plan in yr.plans:
        names[plan.key] = plan_key(plan)
        if plan.number:
            names[plan.number] = plan_key(plan)
    return names


def _plan_of(res: m.PersonResult | m.UnitResult | None, title: str,
             names: dict[str | None, str | None]) -> str | None:
    return _plan_of_refs(res.refs if res is not None else (), title, names)


def _plan_of_refs(refs: tuple[m.ProposalRef, ...], title: str,
                  names: dict[str | None, str | None]) -> str | None:
    """The plan a proposal for ``title`` counts in (the regular plan unless it names one)."""
    for r in refs:
        if r.title == title:
            return names.get(r.plan, UNKNOWN_PLAN)
    return REGULAR


def _in_group(repo: m.Repository, sid: str, group: str) -> bool:
    if group == EVERYONE:
        return True
    p = repo.people.get(sid)
    return p is not None and p.leader == (group == LEADERS)


class _Registered(NamedTuple):
    """The year's registrations and awards, by subject."""

    people: dict[str, tuple[str, ...]]
    units: dict[str, tuple[str, ...]]
    unit_of: dict[str, str]  # the unit a person registered with
    granted_people: dict[str, tuple[str, ...]]
    granted_units: dict[str, tuple[str, ...]]


def _registered(yr: m.Year) -> _Registered:
    out = _Registered({}, {}, {}, {}, {})
    for r in yr.registrations:
        regs = out.people if r.subject == vocab.CA_NHAN else out.units
        regs[r.subject_id] = (*regs.get(r.subject_id, ()), *r.titles)
        if r.subject == vocab.CA_NHAN:
            out.unit_of.setdefault(r.subject_id, r.unit)
    for dec in yr.awards:
        for pid in dec.people:
            out.granted_people[pid] = (*out.granted_people.get(pid, ()), dec.title)
        for uid in dec.units:
            out.granted_units[uid] = (*out.granted_units.get(uid, ()), dec.title)
    return out


def decide_year(repo: m.Repository, law: Law, year: int, as_of: date, *,
                received: date | None = None, seen: set[str] | None = None,
                people_evaluator: PeopleEvaluator = evaluate_people,
                order_people: bool = True) -> YearDecision:
    """``seen``, when given, collects the ids of the criteria evaluated;
    ``people_evaluator`` computes the individual verdicts (in one piece or in parts, the
    same verdicts); ``order_people=False`` leaves the individual rows unsorted (for a
    summary only); ``received``: when the dossiers were received (else the council's record
    of it).

    The steps: evaluate every person → the rows and their counts → the units → the totals
    → the caps and the council's choices → the warnings."""
    yr = repo.years.get(year) or m.Year(year)
    if received is None:
        received = next((mt.received for mt in sorted(yr.meetings, key=lambda mt: mt.day)
                         if mt.received), None)
    ctx = LegalContext(law, repo.policy, year, as_of, received)
    org = repo.org
    result = YearDecision(org.id if org else "", year, as_of, ctx.choice, ctx.no_law, repo, law,
                          ctx)
    regs = _registered(yr)
    history = History(repo)
    result._history = history
    ev = Evaluator(ctx, history, seen=seen)
    ids = [pid for pid in (*yr.person_results,
                           *(p for p in regs.people if p not in yr.person_results))
           if pid in repo.people]
    evaluated = _evaluate(ev, ids, people_evaluator, seen)
    result.diagnostics += evaluated.diagnostics
    combos = _person_rows(result, ev, yr, regs, ids, evaluated)
    counted = _count_people(result, yr, combos, evaluated.rows)
    _unit_rows(result, ev, yr, regs, evaluated.units, counted)
    _totals(result, counted.unit_people)
    result.diagnostics += _authority_warnings(result)
    result.diagnostics += meeting.check(yr)
    if ctx.choice is not None:
        _caps(result, yr, counted.plans, counted.scope_people)
        result.diagnostics += _policy_diagnostics(result)
    if order_people:
        result.people.sort(key=result.person_key())
    result.people_ordered = order_people
    result._outcomes = {}
    result._proposers = None  # (indexed in the rows' final order)
    return result


def _evaluate(ev: Evaluator, ids: list[str], people_evaluator: PeopleEvaluator,
              seen: set[str] | None) -> PeopleVerdicts:
    """Every person's verdicts (none when no law applies), with what the law lookups
    consulted recorded in the legal context."""
    ctx = ev.ctx
    if ctx.choice is None:
        blank = tuple(no_law_verdict(t) for t in PERSON_TITLES)
        return PeopleVerdicts([blank], [0] * len(ids), set(), {}, set(), [], {})
    evaluated = people_evaluator(ev, ids)
    ctx.used |= evaluated.used
    ctx.missing.update(evaluated.missing)
    if seen is not None:
        seen |= evaluated.seen
    i_ldtt = PERSON_TITLES.index(vocab.LDTT.name)
    i_cstdcs = PERSON_TITLES.index(vocab.CSTDCS.name)
    for pid, i in zip(ids, evaluated.of, strict=True):
        row = evaluated.rows[i]
        ev.remember(pid, row[i_ldtt], row[i_cstdcs])
    return evaluated


# People with the same unit, row of verdicts (its index), registrations, proposals, awards,
# leadership and plan references count alike: they are counted once per combination.
_Combo = tuple[str, int, tuple[str, ...], tuple[str, ...], tuple[str, ...], bool,
               tuple[m.ProposalRef, ...]]


def _person_rows(result: YearDecision, ev: Evaluator, yr: m.Year, regs: _Registered,
                 ids: list[str], evaluated: PeopleVerdicts) -> dict[_Combo, int]:
    """The individual rows of the decision, and how many people share each combination."""
    people, results = ev.h.repo.people, yr.person_results
    combos: dict[_Combo, int] = {}
    append = result.people.append
    for pid, i in zip(ids, evaluated.of, strict=True):
        person = people[pid]
        res = results.get(pid)
        if res is not None:
            unit, proposed, refs = res.unit, res.proposals, res.refs
        else:
            unit, proposed, refs = regs.unit_of.get(pid, person.unit), (), ()
        registered = regs.people.get(pid, ())
        granted = regs.granted_people.get(pid, ())
        key = (unit, i, registered, proposed, granted, person.leader, refs)
        combos[key] = combos.get(key, 0) + 1
        append(PersonRow(pid, person.name, unit, person.leader, person.rank,
                         evaluated.rows[i], registered, proposed, granted))
    return combos


class _Counted(NamedTuple):
    unit_people: dict[str, dict[str, Counts]]  # unit → title → counts of its members
    plans: dict[str | None, _Tally]  # the candidates per plan and group (for the caps)
    scope_people: dict[str, int]  # the people the organisation decides LĐTT for, by group
    names: dict[str | None, str | None]  # the year's plan names → plan keys


def _count_people(result: YearDecision, yr: m.Year, combos: dict[_Combo, int],
                  rows: list[tuple[Verdict, ...]]) -> _Counted:
    counted = _Counted({}, {}, {EVERYONE: 0, LEADERS: 0, OTHERS: 0}, plan_names(yr))
    scopes: dict[str, dict[str, bool]] = {}  # unit → title → the organisation decides
    for (unit, i, registered, proposed, granted, leader, refs), n in combos.items():
        per_title = counted.unit_people.get(unit)
        if per_title is None:
            per_title = counted.unit_people[unit] = {t: Counts() for t in PERSON_TITLES}
            scopes[unit] = {t: result.in_scope(t, unit) for t in PERSON_TITLES}
        scope = scopes[unit]
        group = LEADERS if leader else OTHERS
        if scope[vocab.LDTT.name]:
            counted.scope_people[EVERYONE] += n
            counted.scope_people[group] += n
        for t, v in zip(PERSON_TITLES, rows[i], strict=True):
            c = per_title[t]
            _count_status(c, v.status, n)
            if t in registered:
                c.registered += n
            if t in granted:
                c.granted += n
            if t not in proposed:
                continue
            c.proposed += n
            if v.status is Status.MET and scope[t]:
                c.recognised += n
                plan = _plan_of_refs(refs, t, counted.names)
                counted.plans.setdefault(plan, _Tally()).add_person(t, group, n)
    return counted


def _count_status(c: Counts, status: Status, n: int) -> None:
    if status is Status.MET:
        c.eligible += n
    elif status is Status.DEFERRED:
        c.deferred += n
    elif status is not Status.NOT_MET:
        c.undetermined += n


def _unit_rows(result: YearDecision, ev: Evaluator, yr: m.Year, regs: _Registered,
               decided_units: dict[str, dict[str, Verdict]], counted: _Counted) -> None:
    """The units, in the organisation's official order, with their verdicts (decided with
    their members' when all of them were evaluated together, else here)."""
    for u in active_units(result.repo, result.year):
        ures = yr.unit_results.get(u.id)
        decided = decided_units.get(u.id)
        if decided is not None:
            u_verdicts = decided  # with its members (its proposals were checked there)
        elif result.choice is not None:
            u_verdicts = {t: ev.unit(u.id, t) for t in UNIT_TITLES}
        else:
            u_verdicts = {t: no_law_verdict(t) for t in UNIT_TITLES}
        urow = UnitRow(u.id, u.name, u.order, u_verdicts, regs.units.get(u.id, ()),
                       ures.proposals if ures else (), regs.granted_units.get(u.id, ()),
                       counted.unit_people.get(u.id, {t: Counts() for t in PERSON_TITLES}))
        result.units.append(urow)
        for t in urow.proposed:
            uv = u_verdicts.get(t)
            if uv is not None and uv.status is Status.MET and result.in_scope(t, u.id):
                tally = counted.plans.setdefault(_plan_of(ures, t, counted.names), _Tally())
                tally.units[t] = tally.units.get(t, 0) + 1
        if ures is not None and decided is None:
            result.diagnostics += _check_proposals(result.detail, result.year, u.id, u.name,
                                                   ures.proposals, u_verdicts, ures.src)


def _totals(result: YearDecision, unit_people: dict[str, dict[str, Counts]]) -> None:
    for t in PERSON_TITLES:
        total = Counts()
        for per_title in unit_people.values():
            total.add(per_title[t])
        result.totals_people[t] = total
    for t in UNIT_TITLES:
        total = Counts()
        for urow in result.units:
            _count(total, urow.verdicts[t], t, urow, result.in_scope(t, urow.id))
        result.totals_units[t] = total


class _Tally:
    """Candidates of one plan: people by (title, group), units by title."""

    __slots__ = ("people", "units")

    def __init__(self) -> None:
        self.people: dict[tuple[str, str], int] = {}
        self.units: dict[str, int] = {}

    def add_person(self, title: str, group: str, n: int) -> None:
        for g in (EVERYONE, group):
            self.people[(title, g)] = self.people.get((title, g), 0) + n


def _count(counts: Counts, v: Verdict | None, title: str, urow: UnitRow,
           in_scope: bool) -> None:
    counts.registered += title in urow.registered
    counts.proposed += title in urow.proposed
    counts.granted += title in urow.granted
    if v is not None:
        counts.eligible += v.status is Status.MET
        counts.deferred += v.status is Status.DEFERRED
        counts.undetermined += v.status in (Status.UNKNOWN, Status.NO_LAW)
        counts.recognised += (v.status is Status.MET and title in urow.proposed and in_scope)


def _check_proposals(detail: Callable[[str, str], Verdict], year: int, sid: str, name: str,
                     proposals: tuple[str, ...], verdicts: dict[str, Verdict], src: m.Src
                     ) -> list[Diagnostic]:
    out = []
    for j, title in enumerate(proposals):
        v = verdicts.get(title)
        if v is None or v.status is Status.MET or v.status is Status.NO_LAW:
            continue
        full = detail(sid, title)
        pending = [c for c in full.criteria if c.met is not True]
        first = next((c for c in pending if not c.defers), pending[0] if pending else None)
        if v.status is Status.DEFERRED:
            first = next((c for c in pending if c.defers), first)
        reason = first.text if first else "không rõ"
        who = f"{name} ({sid})"
        path = (*src.path, "de_nghi", j)
        if v.status is Status.NOT_MET:
            out.append(make("TD401", src.file, path=path, title=title, who=who, reason=reason,
                            fix=(first.fix if first and first.fix else
                                 f"Xem: thidua explain {year} {sid} --title \"{title}\""),
                            legal_ref=first.citation if first else None))
        elif v.status is Status.DEFERRED:
            out.append(make("TD408", src.file, path=path, title=title, who=who,
                            fix=first.fix if first and first.fix else "",
                            legal_ref=first.citation if first else None))
        else:
            out.append(make("TD406", src.file, path=path, title=title, who=who, reason=reason,
                            legal_ref=first.citation if first else None))
    return out


def _authority_warnings(result: YearDecision) -> list[Diagnostic]:
    """Proposals a department's list holds for another body's titles (district staff …)."""
    yr = result.repo.years.get(result.year) or m.Year(result.year)
    out = []
    for res in yr.person_results.values():
        for j, title in enumerate(res.proposals):
            d = result.decider(title, res.unit)
            if d is not None and not d.in_scope:
                person = result.repo.people.get(res.person)
                out.append(make("TD409", res.src.file, path=(*res.src.path, "de_nghi", j),
                                title=title,
                                who=f"{person.name if person else res.person} ({res.person})",
                                authority=d.name, legal_ref=d.citation))
    for uid, ures in yr.unit_results.items():
        for j, title in enumerate(ures.proposals):
            d = result.decider(title, uid)
            if d is not None and not d.in_scope:
                out.append(make("TD409", ures.src.file, path=(*ures.src.path, "de_nghi", j),
                                title=title, who=uid, authority=d.name, legal_ref=d.citation))
    return out


def _caps(result: YearDecision, yr: m.Year, plan_counts: dict[str | None, _Tally],
          scope_people: dict[str, int]) -> None:
    ctx = result.context
    n_units = sum(1 for u in result.units if result.in_scope(vocab.BY_CODE["TTLDTT"].name, u.id))
    rows: list[QuotaRow] = []
    # The legal cap counts the year's annual titles whatever plan a proposal names.
    ldtt = sum(t.people.get((vocab.LDTT.name, EVERYONE), 0) for t in plan_counts.values())
    cstdcs = sum(t.people.get((vocab.CSTDCS.name, EVERYONE), 0) for t in plan_counts.values())
    cap = caps.legal_cap(ctx, ldtt, cstdcs)
    if cap is not None:
        rows.append(cap)
    for plan in yr.plans:
        key = plan_key(plan)
        tally = plan_counts.get(key, _Tally())
        counts = caps.Counts(tally.people, tally.units, scope_people, n_units)
        for target in plan.targets:
            rows.append(caps.plan_target(target, counts, key))
        rows += caps.plan_award_caps(plan, key, counts)
    result.quotas = rows
    meeting_choices = [c for mt in yr.meetings for c in mt.choices]
    names = plan_names(yr)
    for q in rows:
        if q.ok is not False:
            continue
        if not q.is_cap:
            result.diagnostics.append(make(
                "TD404", q.src.file if q.src else _org_file(result), path=q.src.path
                if q.src else None, what=q.text, actual=f"{q.actual}/{q.base}",
                fix="Báo cáo Hội đồng; chỉ tiêu là mục tiêu, không phải điều kiện."))
            continue
        choice = next((c for c in meeting_choices if c.title == q.title
                       and names.get(c.plan, UNKNOWN_PLAN) == q.plan), None)
        if choice is None:
            result.breaches.append(q)
            result.diagnostics.append(make(
                "TD402", q.src.file if q.src else _org_file(result),
                path=q.src.path if q.src else None, what=q.text, actual=q.actual,
                allowed=q.allowed if q.allowed is not None else q.limit,
                fix="Giảm số đề nghị, hoặc ghi lựa chọn của Hội đồng (lua_chon trong "
                    "hoi_dong/<phiên họp>.yaml) những ai được giữ lại.",
                legal_ref=q.citation))
            continue
        result.diagnostics += _apply_choice(result, q, choice)


REF_WOMEN_FIRST = "uu_tien_nu"


def _apply_choice(result: YearDecision, q: QuotaRow, choice: m.CouncilChoice
                  ) -> list[Diagnostic]:
    """Keep the council's choice for a cap exceeded, if it is a lawful one."""
    collective = q.subject == vocab.TAP_THE
    outcome = result.outcome(q.title, collective)
    proposed = {e.id for e in outcome.entries}
    candidates = {e.id for e in outcome.entries if e.recognised
                  and (q.plan is None or e.plan == q.plan)}
    out = []
    for i, sid in enumerate(choice.keep):
        if sid not in proposed:
            out.append(make("TD410", choice.src.file, path=(*choice.src.path, "giu_lai", i),
                            detail=f"\"{sid}\" không được đề nghị \"{q.title}\" năm "
                                   f"{result.year}",
                            hint="Chỉ chọn trong số những người, tập thể đã được đề nghị."))
    kept = candidates & set(choice.keep)
    if q.allowed is not None and len(kept) > q.allowed:
        out.append(make("TD410", choice.src.file, path=(*choice.src.path, "giu_lai"),
                        detail=f"Hội đồng chọn {len(kept)} cho \"{q.title}\", vượt mức tối đa "
                               f"{q.allowed} ({q.text})",
                        hint=f"Chọn không quá {q.allowed}."))
    if out:
        result.breaches.append(q)
        return out
    key = (q.title, q.subject, q.plan)
    previous = result.kept.get(key)
    ids = frozenset(kept) if previous is None else previous[1] & kept
    result.kept[key] = (choice, ids)
    return [] if collective else _women_first(result, q.title, choice, candidates - kept)


def _women_first(result: YearDecision, title: str, choice: m.CouncilChoice,
                 left_out: set[str]) -> list[Diagnostic]:
    """Between candidates equally qualified (the same count of the council's agreement), the
    law prefers a woman: a man kept while a woman with as many agreements is left out is
    worth a warning at the choice (the council may have other reasons; it says them)."""
    people = result.repo.people
    women = [sid for sid in sorted(left_out)
             if sid in people and people[sid].gender == vocab.GIOI_TINH[1]]
    if not women:
        return []
    law = result.law
    citation = law.cite(c for c in law.named.get(REF_WOMEN_FIRST, ())
                        if c.text in law.texts and law.texts[c.text].in_force(result.as_of))
    out = []
    for i, sid in enumerate(choice.keep):
        kept = people.get(sid)
        if kept is None or kept.gender == vocab.GIOI_TINH[1]:
            continue
        mine = result.vote(sid, title, _result_of(result, sid))
        for w in women:
            theirs = result.vote(w, title, _result_of(result, w))
            if mine is not None and theirs is not None and mine.agree == theirs.agree:
                out.append(make("TD413", choice.src.file, path=(*choice.src.path, "giu_lai", i),
                                title=title, kept=f"{kept.name} ({sid})",
                                woman=f"{people[w].name} ({w})", agree=mine.agree,
                                legal_ref=citation or None))
                break
    return out


def _result_of(result: YearDecision, pid: str) -> m.PersonResult | None:
    yr = result.repo.years.get(result.year)
    return yr.person_results.get(pid) if yr else None


def _org_file(result: YearDecision) -> str:
    org = result.repo.org
    return org.src.file.rsplit("/", 1)[0] + f"/{result.year}/ket_qua" if org else "."


def _needed(result: YearDecision) -> set[str]:
    """The parameters a proposal's verdict waited on (a missing one among them is worth a
    warning; one nobody's proposal needed is not)."""
    needed: set[str] = set()
    cap_needed = False
    index = {t: i for i, t in enumerate(PERSON_TITLES)}
    for p in result.people:
        for t in p.proposed:
            i = index.get(t)
            if i is not None:
                needed.update(p.row[i].failed)
            cap_needed = cap_needed or t == vocab.CSTDCS.name
    for u in result.units:
        for t in u.proposed:
            v = u.verdicts.get(t)
            if v is not None:
                needed.update(v.failed)
    if cap_needed:
        needed |= {ParamId.CSTDCS_TY_LE_TOI_DA_TREN_LDTT.value, ParamId.LAM_TRON_TY_LE.value}
    return needed


def _policy_diagnostics(result: YearDecision) -> list[Diagnostic]:
    ctx = result.context
    repo = result.repo
    policy_file = repo.policy.src.file if repo.policy else (
        repo.org.src.file.rsplit("/", 1)[0] + "/chinh_sach.yaml" if repo.org
        else "chinh_sach.yaml")
    needed = _needed(result) if ctx.missing else set()
    out = [make("TD403", policy_file, param=pid, description=desc, day=vn_date(ctx.as_of))
           for pid, desc in sorted(ctx.missing.items()) if pid in needed]
    for pid, problem in sorted(ctx.problems.items()):
        out.append(make("TD405", problem.value.src.file,
                        path=(*problem.value.src.path, "gia_tri"), param=pid,
                        detail=problem.detail, suggestion="Sửa gia_tri hoặc căn cứ cho đúng."))
    return out
