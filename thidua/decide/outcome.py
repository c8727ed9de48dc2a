"""What the decision step says about one title: every proposal, whether it is recognised
and, if not, why (each reason with its citation). Pure values; built by
:meth:`thidua.decide.year.YearDecision.outcome`."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from thidua.model import entities as m
from thidua.rules.authority import Decider
from thidua.rules.caps import QuotaRow


class EntryStatus(StrEnum):
    RECOGNISED = "được công nhận"  # or: proposed upward, for a superior's title
    NOT_MET = "không đủ điều kiện"
    UNKNOWN = "chưa rõ"
    DEFERRED = "tạm chưa xét"
    ELSEWHERE = "thuộc thẩm quyền cơ quan khác"
    NOT_CHOSEN = "không được Hội đồng chọn"
    NO_LAW = "chưa có quy định"


class Reason(NamedTuple):
    text: str
    citation: str | None = None
    fix: str | None = None


class Entry(NamedTuple):
    subject: str  # vocab.CA_NHAN | vocab.TAP_THE
    id: str
    name: str
    unit: str  # unit id (the person's unit at year end; the unit itself)
    title: str
    status: EntryStatus
    reasons: tuple[Reason, ...]
    decider: Decider | None
    plan: str | None  # the plan the proposal belongs to (None: the regular plan)
    vote: m.Vote | None
    src: m.Src | None

    @property
    def recognised(self) -> bool:
        return self.status is EntryStatus.RECOGNISED


class Breach(NamedTuple):
    """A cap exceeded with no council choice recorded: there is no lawful set."""

    quota: QuotaRow
    over: tuple[str, ...]  # names of the candidates counted against the cap


class Outcome(NamedTuple):
    title: str
    subject: str
    entries: tuple[Entry, ...]  # every proposal of the year for this title
    breaches: tuple[Breach, ...]
    chosen: tuple[m.CouncilChoice, ...]  # council choices applied to this title

    @property
    def recognised(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.recognised)

    @property
    def lawful(self) -> bool:
        return not self.breaches
