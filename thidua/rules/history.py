"""Indexes over every year of a repository (results, decisions granted, initiatives,
registrations), built once per decision step. Pure."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from thidua.model import entities as m
from thidua.rules import meeting


class Voted(NamedTuple):
    """The council's vote on a proposal, where it is recorded, and the day the council met
    (None: recorded in the unit's results, without a meeting's count)."""

    vote: m.Vote
    src: m.Src
    day: date | None


class History:
    def __init__(self, repo: m.Repository) -> None:
        self.repo = repo
        self.years = sorted(repo.years)
        self.first_year = self.years[0] if self.years else None
        self.granted: dict[tuple[str, str], dict[int, m.AwardDecision]] = {}
        self.granted_to: dict[str, list[tuple[str, int, m.AwardDecision]]] = {}
        granted, granted_to = self.granted, self.granted_to
        for y, yr in repo.years.items():
            for dec in yr.awards:
                title = dec.title
                entry = (title, y, dec)
                for sid in (*dec.people, *dec.units):
                    by_year = granted.get((title, sid))
                    if by_year is None:
                        granted[(title, sid)] = {y: dec}
                    else:
                        by_year[y] = dec
                    mine = granted_to.get(sid)
                    if mine is None:
                        granted_to[sid] = [entry]
                    else:
                        mine.append(entry)
        self._members: dict[int, dict[str, list[m.PersonResult]]] = {}
        self._initiatives: dict[str, list[tuple[int, m.Initiative]]] | None = None
        self._registered: dict[int, dict[str, frozenset[str]]] = {}
        self._council: dict[int, dict[tuple[str, str], meeting.CountedVote]] = {}

    def result(self, pid: str, year: int) -> m.PersonResult | None:
        yr = self.repo.years.get(year)
        return yr.person_results.get(pid) if yr else None

    def unit_result(self, uid: str, year: int) -> m.UnitResult | None:
        yr = self.repo.years.get(year)
        return yr.unit_results.get(uid) if yr else None

    def members(self, uid: str, year: int) -> list[m.PersonResult]:
        """The people whose results for ``year`` are recorded in the unit's file."""
        if year not in self._members:
            index: dict[str, list[m.PersonResult]] = {}
            yr = self.repo.years.get(year)
            for r in yr.person_results.values() if yr else ():
                index.setdefault(r.unit, []).append(r)
            self._members[year] = index
        return self._members[year].get(uid, [])

    def vote(self, sid: str, title: str, year: int, res: m.PersonResult | m.UnitResult | None
             ) -> Voted | None:
        """The council's vote on ``sid`` for ``title``: the meeting's count (and the day it
        met) when the meeting data has one for that title, else what the unit's results
        record (where, and no day)."""
        counted = self._council.get(year)
        if counted is None:
            yr = self.repo.years.get(year)
            counted = self._council[year] = meeting.council_votes(yr) if yr else {}
        got = counted.get((sid, title))
        if got is not None:
            return Voted(got.vote, got.src, got.meeting.day)
        v = next((v for v in reversed(res.votes) if v.title == title), None) if res else None
        return Voted(v, res.src, None) if v is not None and res is not None else None

    def council_voted(self, title: str, year: int) -> bool:
        """Whether the year's meeting data records the vote on ``title``."""
        yr = self.repo.years.get(year)
        return yr is not None and meeting.voting_meeting(yr, title) is not None

    def has_year(self, year: int) -> bool:
        return year in self.repo.years

    def granted_in(self, title: str, sid: str, year: int) -> m.AwardDecision | None:
        return self.granted.get((title, sid), {}).get(year)

    def registered(self, sid: str, year: int) -> frozenset[str]:
        """The titles a person or unit registered for in ``year``."""
        return self.registered_in(year).get(sid, frozenset())

    def registered_in(self, year: int) -> dict[str, frozenset[str]]:
        """Who registered for which titles in ``year`` (by person or unit id)."""
        index = self._registered.get(year)
        if index is None:
            found: dict[str, set[str]] = {}
            yr = self.repo.years.get(year)
            for r in yr.registrations if yr else ():
                found.setdefault(r.subject_id, set()).update(r.titles)
            index = self._registered[year] = {k: frozenset(v) for k, v in found.items()}
        return index

    def initiatives(self, pid: str) -> list[tuple[int, m.Initiative]]:
        """Each recognised initiative once (same decision and name counted once)."""
        if self._initiatives is None:
            index: dict[str, list[tuple[int, m.Initiative]]] = {}
            seen: set[tuple[str, str, str]] = set()
            for y in self.years:
                for res in self.repo.years[y].person_results.values():
                    for ini in res.initiatives:
                        key = (res.person, ini.decision.casefold(), ini.name.casefold())
                        if key not in seen:
                            seen.add(key)
                            index.setdefault(res.person, []).append((y, ini))
            self._initiatives = index
        return self._initiatives.get(pid, [])

    def disciplines(self, pid: str) -> list[tuple[m.Discipline, m.Src]]:
        out = []
        for y in self.years:
            res = self.repo.years[y].person_results.get(pid)
            if res is not None and res.disciplines:
                out += [(k, res.src) for k in res.disciplines]
        return out
