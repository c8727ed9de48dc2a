"""Decide a campaign year (`thidua tally`) and explain one verdict (`thidua explain`).

The individual verdicts of a large year may be computed in two halves (by unit) on two
processes (:mod:`thidua.parallel`); each half runs the sequential evaluation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from thidua import parallel
from thidua.decide.explanation import Explanation
from thidua.decide.history import history
from thidua.decide.outcome import Entry
from thidua.decide.year import (
    PERSON_TITLES,
    UNIT_TITLES,
    PeopleVerdicts,
    YearDecision,
    decide_year,
    evaluate_people,
    merge_verdicts,
)
from thidua.diagnostics import Diagnostic
from thidua.errors import DataError
from thidua.library.repository import Workspace, open_org, year_folders
from thidua.load.repository import locate_diagnostics, locate_sources
from thidua.model import vocab
from thidua.rules.eligibility import Evaluator
from thidua.textutil import did_you_mean


def _evaluate_located(ev: Evaluator, ids: Sequence[str]) -> PeopleVerdicts:
    """The verdicts, with the problems of the proposals already located (file:line): each
    half reads its own files."""
    out = evaluate_people(ev, list(ids))
    return out._replace(diagnostics=locate_diagnostics(out.diagnostics))


def split_by_unit(ev: Evaluator, ids: list[str]) -> int:
    """Where to cut ``ids`` in two about equal parts without splitting a unit's members
    (each part then decides its units too)."""
    yr = ev.h.repo.years.get(ev.year)
    results = yr.person_results if yr else {}

    def unit(i: int) -> str | None:
        res = results.get(ids[i])
        return res.unit if res else None
    cut = len(ids) // 2
    while 0 < cut < len(ids) and unit(cut) is not None and unit(cut) == unit(cut - 1):
        cut += 1
    return cut


def evaluate_in_parallel(ev: Evaluator, ids: list[str]) -> PeopleVerdicts:
    """The verdicts of ``ids``: in two halves cut between units when the year is large
    enough to be worth two processes, else in one piece."""
    if not parallel.worth_splitting("people", len(ids)):
        return evaluate_people(ev, ids)
    parts = parallel.halves(ids, split_by_unit(ev, ids))
    return merge_verdicts(parallel.map_parts(_evaluate_located, ev, parts))


def decide(ws: Workspace, year: int, as_of: date, *, received: date | None = None,
           order_people: bool = True) -> YearDecision:
    """The decision step for a loaded workspace, with diagnostics located (file:line)."""
    if year not in ws.repo.years:
        have = ", ".join(map(str, year_folders(ws.folder))) or "(không có)"
        raise DataError(f"không có dữ liệu năm {year} (các năm có dữ liệu: {have})")
    result = decide_year(ws.repo, ws.law, year, as_of, received=received,
                         people_evaluator=evaluate_in_parallel, order_people=order_people)
    result.diagnostics = locate_diagnostics(result.diagnostics)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def decide_at(root: Path, year: int | None, as_of: date, *, org: str | None = None,
              received: date | None = None, order_people: bool = True,
              what: str = "tổng hợp") -> YearDecision:
    """Load what the year needs and decide it (the latest year when ``year`` is None)."""
    ws = open_org(root, org, year, what=what)
    assert ws.year is not None
    return decide(ws, ws.year, as_of, received=received, order_people=order_people)


def title_named(text: str) -> str:
    """The catalogue name of a title written by a user (its name, with or without
    diacritics, "sỹ" or "sĩ", or the abbreviation thidua prints: LĐTT, CSTĐCS …)."""
    found = vocab.find_title(text)
    if found is not None:
        return found.name
    names = [t.name for t in vocab.TITLES]
    guess = did_you_mean(text, names + list(vocab.ABBREVIATIONS))
    guess = vocab.ABBREVIATIONS.get(guess or "", guess)
    raise DataError(f"không có danh hiệu \"{text}\""
                    + (f"; có phải ý bạn là \"{guess}\"?" if guess else ""),
                    "các danh hiệu (tên hoặc chữ viết tắt): " + "; ".join(
                        f"{name} ({abbr})" for abbr, name in vocab.ABBREVIATIONS.items()))


def explain(root: Path, year: int, sid: str, *, title: str | None = None,
            org: str | None = None, as_of: date) -> Explanation:
    decision = decide_at(root, year, as_of, org=org, what="giải thích")
    repo = decision.repo
    units = {u.id: u for u in repo.org.units} if repo.org else {}
    if sid in repo.people:
        subject, allowed = vocab.CA_NHAN, PERSON_TITLES
        person = repo.people[sid]
        res = repo.years[year].person_results.get(sid)
        unit_id = res.unit if res else person.unit
        name, unit = person.name, (units[unit_id].name if unit_id in units else unit_id)
    elif sid in units:
        subject, allowed, name, unit = vocab.TAP_THE, UNIT_TITLES, units[sid].name, None
        unit_id = sid
    else:
        known = list(repo.people) + list(units)
        guess = did_you_mean(sid, known) if len(known) < 5000 else None
        raise DataError(f"không có người hay đơn vị mã \"{sid}\""
                        + (f"; có phải ý bạn là \"{guess}\"?" if guess else ""))
    titles = [title] if title else list(allowed)
    bad = [t for t in titles if t not in allowed]
    if bad:
        raise DataError(f"\"{bad[0]}\" không xét tự động cho {subject}; chọn một trong: "
                        + ", ".join(allowed))
    verdicts = [decision.detail(sid, t) for t in titles]
    entries: dict[str, Entry | None] = {}
    for t in titles:
        outcome = decision.outcome(t, subject == vocab.TAP_THE)
        entries[t] = next((e for e in outcome.entries if e.id == sid), None)
    srcs = [s for v in verdicts for c in v.criteria for s in c.evidence]
    record = history(repo, sid)
    awards = tuple(a for a in (record.awards if record else ()) if a.year <= year)
    return Explanation(subject, sid, name, unit, unit_id, decision, verdicts, entries,
                       locate_sources(srcs), awards)
