"""One subject's verdicts in detail, with what the decision step made of its proposals
(the value `thidua explain` formats)."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.decide.history import Award
from thidua.decide.outcome import Entry
from thidua.decide.year import YearDecision
from thidua.model import entities as m
from thidua.rules.criteria import Verdict


@dataclass
class Explanation:
    subject: str  # vocab.CA_NHAN | vocab.TAP_THE
    subject_id: str
    name: str
    unit: str | None  # the unit's name (for a person)
    unit_id: str  # the unit whose kind decides who decides (the unit itself for a unit)
    decision: YearDecision
    verdicts: list[Verdict]
    entries: dict[str, Entry | None]  # the outcome of each title proposed (None: not proposed)
    where: dict[m.Src, str]  # file:line of each piece of evidence
    awards: tuple[Award, ...] = ()  # titles and awards on record up to the year (history)
