"""Typed, immutable records of a campaign repository (built from validated files).

Records are NamedTuples: immutable and several times cheaper to build than frozen
dataclasses, which matters with hundreds of thousands of records.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from thidua.model.source import Src as Src

if TYPE_CHECKING:
    from thidua.model.law import Policy


class Unit(NamedTuple):
    id: str
    name: str
    kind: str
    abbr: str | None
    start: date | None
    end: date | None
    order: int
    body: str | None = None  # the body it belongs to when not the organisation's own


class Signer(NamedTuple):
    id: str
    name: str
    title: str
    authority: str | None
    head_title: str | None
    start: date | None
    end: date | None


class OrgNames(NamedTuple):
    """The names an organisation uses on documents at a given date."""

    name: str
    parent: str
    abbr: str
    place: str


class NameChange(NamedTuple):
    start: date
    name: str | None
    parent: str | None
    abbr: str | None
    place: str | None
    basis: str | None


class CompetenceText(NamedTuple):
    """A text the organisation cites for its own competence (its founding decision, the
    province's regulation on emulation and commendation, its own regulation)."""

    basis: str  # the "Căn cứ …" line without "Căn cứ"
    start: date | None
    end: date | None
    src: Src


class Organisation(NamedTuple):
    id: str
    names: OrgNames
    changes: tuple[NameChange, ...]
    units: tuple[Unit, ...]
    signers: tuple[Signer, ...]
    src: Src
    ministry: str | None = None  # the ministry of its sector ("Bộ Tư pháp")
    competence: tuple[CompetenceText, ...] = ()  # texts giving it its powers

    def names_on(self, day: date) -> OrgNames:
        n = self.names
        for ch in sorted(self.changes, key=lambda c: c.start):
            if ch.start <= day:
                n = OrgNames(ch.name or n.name, ch.parent or n.parent, ch.abbr or n.abbr,
                             ch.place or n.place)
        return n


class Transfer(NamedTuple):
    from_unit: str
    day: date
    decision: str | None


class Person(NamedTuple):
    id: str
    name: str
    gender: str
    title: str
    leader: bool
    rank: int | None
    kind: str
    recruited: date
    left: date | None
    unit: str  # current unit (the roster file it is listed in)
    transfers: tuple[Transfer, ...]
    src: Src

    def unit_on(self, day: date) -> str:
        """The unit the person belonged to on ``day`` (transfers sorted by date)."""
        for tr in self.transfers:
            if day < tr.day:
                return tr.from_unit
        return self.unit


class Registration(NamedTuple):
    subject: str  # "cá nhân" | "tập thể"
    subject_id: str
    unit: str
    titles: tuple[str, ...]
    day: date
    src: Src


class Initiative(NamedTuple):
    name: str
    kind: str
    decision: str
    day: date
    scope: str


class Discipline(NamedTuple):
    form: str
    decision: str
    day: date
    until: date | None


class Leave(NamedTuple):
    kind: str
    start: date
    end: date


class Vote(NamedTuple):
    title: str
    agree: int
    total: int
    present: int | None


class ProposalRef(NamedTuple):
    """A proposal that names the plan (or phase) it belongs to; unnamed ones belong to the
    year's regular plan."""

    title: str
    plan: str | None  # the plan's file name (without .yaml) or its number
    phase: str | None  # a phase id of that plan
    position: int  # position in de_nghi (for locating it)


class PersonResult(NamedTuple):
    person: str
    unit: str
    rating: str
    initiatives: tuple[Initiative, ...]
    disciplines: tuple[Discipline, ...]
    leaves: tuple[Leave, ...]
    votes: tuple[Vote, ...]
    under_review: bool
    src: Src
    proposals: tuple[str, ...] = ()
    refs: tuple[ProposalRef, ...] = ()


class UnitResult(NamedTuple):
    unit: str
    rating: str
    votes: tuple[Vote, ...]
    src: Src
    proposals: tuple[str, ...] = ()
    under_review: bool = False
    refs: tuple[ProposalRef, ...] = ()


class AwardDecision(NamedTuple):
    number: str
    day: date
    decided_by: str
    title: str
    people: tuple[str, ...]
    units: tuple[str, ...]
    src: Src


class CouncilMember(NamedTuple):
    person: str
    role: str  # one of vocab.VAI_TRO_HOI_DONG
    present: bool
    reason: str | None  # why absent


class CouncilChoice(NamedTuple):
    """Whom the council keeps for a title when the proposals exceed a cap."""

    title: str
    plan: str | None
    keep: tuple[str, ...]  # person or unit ids
    src: Src


class Meeting(NamedTuple):
    """A meeting of the Hội đồng Thi đua - Khen thưởng (for its minutes)."""

    day: date
    start: str | None  # "14 giờ 00"
    end: str | None
    place: str
    members: tuple[CouncilMember, ...]
    src: Src
    choices: tuple[CouncilChoice, ...] = ()
    received: date | None = None  # when the units' dossiers were received


class Deadline(NamedTuple):
    kind: str
    day: date
    text: str | None


class Target(NamedTuple):
    """A number of the plan: a cap (exceeding it is an error) or a target (reached or not)."""

    text: str | None
    title: str
    subject: str | None
    group: str
    op: str
    share: float | None  # percent
    quantity: int | None
    base: str | None  # share of the proposals for this title; None: of all people/units
    is_cap: bool
    src: Src


class PlanAward(NamedTuple):
    """An award form of a plan with its quantities ("01 tập thể và 01 cá nhân")."""

    title: str | None  # the catalogue title it is (None: not one thidua decides)
    name: str  # "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    units: int | None
    people: int | None


class Plan(NamedTuple):
    number: str | None
    subject: str
    deadlines: tuple[Deadline, ...]
    src: Src
    targets: tuple[Target, ...] = ()
    document: Any = None  # the checked plan file (a plain dict), for rendering the plan
    form: str = "thường xuyên"  # vocab.THUONG_XUYEN; or theo đợt, chuyên đề
    staff_kinds: tuple[str, ...] = ()  # who may register (doi_tuong.loai_nhan_su); () = anyone
    key: str = ""  # its file name without .yaml (how a proposal names it)
    issued: date | None = None
    awards: tuple[PlanAward, ...] = ()
    phases: tuple[str, ...] = ()  # ids of its phases (dot_thi_dua)


@dataclass(slots=True)
class Year:
    year: int
    registrations: list[Registration] = field(default_factory=list)
    person_results: dict[str, PersonResult] = field(default_factory=dict)
    unit_results: dict[str, UnitResult] = field(default_factory=dict)
    awards: list[AwardDecision] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


@dataclass(slots=True)
class Repository:
    """Everything known about one organisation."""

    org: Organisation | None
    people: dict[str, Person] = field(default_factory=dict)
    policy: Policy | None = None
    years: dict[int, Year] = field(default_factory=dict)
    law_overlay: tuple[str, Any] | None = None  # (file, checked data) of its phap_luat.yaml


# Built years sent between processes. Most results are plain (a rating and proposals, from a
# unit's file): they travel as columns — each repeated value once, then its index per record,
# in a byte array — far cheaper to pack, pickle and rebuild than one object per record. The
# rest travel as plain tuples (a plain tuple pickles several times faster than a NamedTuple).
_PERSON_ROWS = "ca_nhan"


def _column(values: list[Any]) -> tuple[list[Any], array[int]]:
    """(each distinct value once, the index of each value) — values hashable."""
    index: dict[Any, int] = {}
    add = index.setdefault
    positions = [add(v, len(index)) for v in values]
    return list(index), array("I", positions)


def _plain(r: PersonResult) -> bool:
    path = r.src.path
    return (not (r.initiatives or r.disciplines or r.leaves or r.votes or r.under_review
                 or r.refs)
            and len(path) == 2 and path[0] == _PERSON_ROWS and type(path[1]) is int)


def pack_people(people: Iterable[Person]) -> tuple[Any, ...]:
    """People as columns, one list per field (what a worker sends; pickled several times
    faster than NamedTuples). The receiver builds each person from the values themselves:
    no copy of a person is left behind (see :func:`unpack_people`)."""
    ps = list(people)
    fields = tuple([p[k] for p in ps] for k in range(len(Person._fields) - 2))
    moved = {n: tuple(map(tuple, p.transfers)) for n, p in enumerate(ps) if p.transfers}
    return fields, moved, [p.src.file for p in ps], [p.src.path for p in ps]


def unpack_people(packed: tuple[Any, ...]) -> list[Person]:
    new = tuple.__new__
    fields, moved, files, paths = packed
    out = []
    for n, row in enumerate(zip(*fields, files, paths, strict=True)):
        transfers = tuple(new(Transfer, t) for t in moved[n]) if n in moved else ()
        out.append(new(Person, (*row[:-2], transfers, new(Src, row[-2:]))))
    return out


def pack_year(yr: Year) -> tuple[Any, ...]:
    results = list(yr.person_results.values())
    plain = [_plain(r) for r in results]
    others = {n: (tuple(map(tuple, r.initiatives)), tuple(map(tuple, r.disciplines)),
                  tuple(map(tuple, r.leaves)), tuple(map(tuple, r.votes)), r.under_review,
                  tuple(r.src), tuple(map(tuple, r.refs)))
              for n, (r, ok) in enumerate(zip(results, plain, strict=True)) if not ok}
    columns = (
        [r.person for r in results],
        _column([r.unit for r in results]),
        _column([r.rating for r in results]),
        _column([r.src.file for r in results]),
        _column([r.proposals for r in results]),
        array("I", [int(r.src.path[1]) if ok else 0
                    for r, ok in zip(results, plain, strict=True)]),
    )
    canon: dict[str, str] = {}
    one = canon.setdefault
    regs = [(g.subject, g.subject_id, one(g.unit, g.unit), tuple(one(t, t) for t in g.titles),
             g.day, tuple(g.src)) for g in yr.registrations]
    return yr.year, columns, others, regs, yr.unit_results, yr.awards, yr.plans, yr.meetings


def unpack_year(packed: tuple[Any, ...], people: Mapping[str, Person] | None = None
                ) -> Year:
    """The year packed by :func:`pack_year`; with ``people`` (the roster), a person's id
    is the roster's own string (one copy of each id)."""
    year, columns, others, regs, unit_results, awards, plans, meetings = packed
    yr = Year(year, unit_results=unit_results, awards=awards, plans=plans, meetings=meetings)
    ids, (units, unit_at), (ratings, rating_at), (files, file_at), (props, prop_at), rows \
        = columns
    unit_of, rating_of, file_of, props_of = (units.__getitem__, ratings.__getitem__,
                                             files.__getitem__, props.__getitem__)
    out = yr.person_results
    new = tuple.__new__  # (a NamedTuple's own constructor costs three times as much)
    if people is not None:
        known = people.get
        ids = [p.id if (p := known(x)) is not None else x for x in ids]
    paths: dict[int, tuple[str, int]] = {}
    for n, (p, u, r, f, pr, i) in enumerate(zip(
            ids, map(unit_of, unit_at), map(rating_of, rating_at), map(file_of, file_at),
            map(props_of, prop_at), rows, strict=True)):
        if n in others:
            ini, dis, lea, vot, rev, src, refs = others[n]
            out[p] = PersonResult(
                p, u, r,
                tuple(Initiative._make(x) for x in ini) if ini else (),
                tuple(Discipline._make(x) for x in dis) if dis else (),
                tuple(Leave._make(x) for x in lea) if lea else (),
                tuple(Vote._make(x) for x in vot) if vot else (),
                rev, Src._make(src), pr,
                tuple(ProposalRef._make(x) for x in refs) if refs else ())
        else:
            path = paths.get(i)
            if path is None:
                path = paths[i] = (_PERSON_ROWS, i)
            out[p] = new(PersonResult, (p, u, r, (), (), (), (), False, new(Src, (f, path)),
                                        pr, ()))
    yr.registrations = [Registration(a, b, c, d, e, Src._make(f)) for a, b, c, d, e, f in regs]
    return yr
