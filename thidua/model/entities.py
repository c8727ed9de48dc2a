"""Typed, immutable records of a campaign repository (built from validated files).

Records are NamedTuples: immutable and several times cheaper to build than frozen
dataclasses, which matters with hundreds of thousands of records.
"""

from __future__ import annotations

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


class CandidateCount(NamedTuple):
    """How many ballots (or raised hands) agreed to one candidate."""

    candidate: str  # person or unit id
    agree: int
    src: Src


class TitleVote(NamedTuple):
    """How the council voted on the proposals for one title: the method, and the count
    (ballots issued, returned, valid, invalid for a secret ballot; the agreements per
    candidate, or one number for the whole list by show of hands)."""

    title: str
    method: str  # one of vocab.HINH_THUC_BIEU_QUYET
    issued: int | None
    returned: int | None
    valid: int | None
    invalid: int | None
    everyone: int | None  # agreements to the whole list (show of hands)
    counts: tuple[CandidateCount, ...]
    src: Src


class WrittenOpinion(NamedTuple):
    """An absent member's written opinion (phiếu lấy ý kiến) on the proposals for a title."""

    member: str
    title: str
    agree: tuple[str, ...]
    disagree: tuple[str, ...]
    src: Src


class Meeting(NamedTuple):
    """A meeting of the Hội đồng Thi đua - Khen thưởng: who attended, how it voted, the count
    (the minutes, ballots and the vote-count record come from it)."""

    day: date
    start: str | None  # "14 giờ 00"
    end: str | None
    place: str
    members: tuple[CouncilMember, ...]
    src: Src
    choices: tuple[CouncilChoice, ...] = ()
    received: date | None = None  # when the units' dossiers were received
    votes: tuple[TitleVote, ...] = ()
    opinions: tuple[WrittenOpinion, ...] = ()
    counters: tuple[CouncilMember, ...] = ()  # the counting committee (ban kiểm phiếu)
    whole: bool = True  # every member listed could be read (else counts are not checked)


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
