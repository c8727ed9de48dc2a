"""Typed, immutable records of a campaign repository (built from validated files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thidua.diagnostics import DataPath


@dataclass(frozen=True, slots=True)
class Src:
    """Where a record came from, so findings can point at file:line."""

    file: str
    path: DataPath


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    kind: str
    abbr: str | None
    start: date | None
    end: date | None
    order: int


@dataclass(frozen=True, slots=True)
class Signer:
    id: str
    name: str
    title: str
    authority: str | None
    head_title: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class OrgNames:
    """The names an organisation uses on documents at a given date."""

    name: str
    parent: str
    abbr: str
    place: str


@dataclass(frozen=True, slots=True)
class NameChange:
    start: date
    name: str | None
    parent: str | None
    abbr: str | None
    place: str | None
    basis: str | None


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    names: OrgNames
    changes: tuple[NameChange, ...]
    units: tuple[Unit, ...]
    signers: tuple[Signer, ...]
    src: Src

    def names_on(self, day: date) -> OrgNames:
        n = self.names
        for ch in sorted(self.changes, key=lambda c: c.start):
            if ch.start <= day:
                n = OrgNames(ch.name or n.name, ch.parent or n.parent, ch.abbr or n.abbr,
                             ch.place or n.place)
        return n


@dataclass(frozen=True, slots=True)
class Transfer:
    from_unit: str
    day: date
    decision: str | None


@dataclass(frozen=True, slots=True)
class Person:
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


@dataclass(frozen=True, slots=True)
class Registration:
    subject: str  # "cá nhân" | "tập thể"
    subject_id: str
    unit: str
    titles: tuple[str, ...]
    day: date
    src: Src


@dataclass(frozen=True, slots=True)
class Initiative:
    name: str
    kind: str
    decision: str
    day: date
    scope: str


@dataclass(frozen=True, slots=True)
class Discipline:
    form: str
    decision: str
    day: date
    until: date | None


@dataclass(frozen=True, slots=True)
class Leave:
    kind: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Vote:
    title: str
    agree: int
    total: int
    present: int | None


@dataclass(frozen=True, slots=True)
class PersonResult:
    person: str
    unit: str
    rating: str
    initiatives: tuple[Initiative, ...]
    disciplines: tuple[Discipline, ...]
    leaves: tuple[Leave, ...]
    votes: tuple[Vote, ...]
    under_review: bool
    src: Src


@dataclass(frozen=True, slots=True)
class UnitResult:
    unit: str
    rating: str
    votes: tuple[Vote, ...]
    src: Src


@dataclass(frozen=True, slots=True)
class AwardDecision:
    number: str
    day: date
    decided_by: str
    title: str
    people: tuple[str, ...]
    units: tuple[str, ...]
    src: Src


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: str
    day: date
    text: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    number: str | None
    subject: str
    deadlines: tuple[Deadline, ...]
    src: Src


@dataclass(slots=True)
class Year:
    year: int
    registrations: list[Registration] = field(default_factory=list)
    person_results: dict[str, PersonResult] = field(default_factory=dict)
    unit_results: dict[str, UnitResult] = field(default_factory=dict)
    awards: list[AwardDecision] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)


@dataclass(slots=True)
class Repository:
    """Everything known about one organisation."""

    org: Organisation | None
    people: dict[str, Person] = field(default_factory=dict)
    years: dict[int, Year] = field(default_factory=dict)
