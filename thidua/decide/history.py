"""A person's or a unit's record across the years: ratings, initiatives, and the titles and
awards recorded in decisions (`khen_thuong/`). Pure: built from the repository model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thidua.model import entities as m
from thidua.model import vocab


@dataclass(frozen=True)
class Award:
    year: int  # the campaign year the decision recognises
    title: str
    number: str
    day: date
    decided_by: str


@dataclass(frozen=True)
class YearLine:
    year: int
    unit: str | None
    rating: str | None
    initiatives: tuple[m.Initiative, ...]
    proposals: tuple[str, ...]


@dataclass
class History:
    subject: str  # vocab.CA_NHAN | vocab.TAP_THE
    id: str
    name: str
    unit: str | None  # a person's unit now
    years: list[YearLine] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)

    def titles(self) -> list[Award]:
        """Emulation titles (danh hiệu thi đua), by year."""
        return [a for a in self.awards if vocab.is_emulation_title(a.title)]

    def commendations(self) -> list[Award]:
        """Awards (hình thức khen thưởng), by year."""
        return [a for a in self.awards if not vocab.is_emulation_title(a.title)]


def history(repo: m.Repository, sid: str) -> History | None:
    """The record of one person or unit (None when the id is neither)."""
    units = {u.id: u for u in repo.org.units} if repo.org else {}
    person = repo.people.get(sid)
    if person is not None:
        out = History(vocab.CA_NHAN, sid, person.name, person.unit)
    elif sid in units:
        out = History(vocab.TAP_THE, sid, units[sid].name, None)
    else:
        return None
    for y in sorted(repo.years):
        yr = repo.years[y]
        if person is not None:
            res = yr.person_results.get(sid)
            if res is not None:
                out.years.append(YearLine(y, res.unit, res.rating, res.initiatives,
                                          res.proposals))
        else:
            ures = yr.unit_results.get(sid)
            if ures is not None:
                out.years.append(YearLine(y, sid, ures.rating, (), ures.proposals))
        for d in yr.awards:
            if sid in (d.people if person is not None else d.units):
                out.awards.append(Award(y, d.title, d.number, d.day, d.decided_by))
    out.awards.sort(key=lambda a: (a.year, a.day, a.title))
    return out
