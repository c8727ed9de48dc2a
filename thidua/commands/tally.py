"""`thidua tally` and `thidua explain`: load one organisation, apply the law in force."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from thidua.commands.validate import load_org, locate_diagnostics
from thidua.diagnostics import Diagnostic, Severity
from thidua.layout import ROSTER_FOLDER
from thidua.load import files
from thidua.load.law import bundled_law_text
from thidua.model import entities as m
from thidua.model.law import Law, parse_law
from thidua.rules.eligibility import Evaluator, History, Verdict
from thidua.rules.legal import LegalContext
from thidua.tally.compute import (
    PERSON_TITLES,
    UNIT_TITLES,
    PeopleVerdicts,
    TallyResult,
    evaluate_people,
    tally,
)


class TallyError(Exception):
    """A user-facing problem that stops the command (message in Vietnamese)."""


# Below this many people, forking costs more than it saves.
PARALLEL_MIN_PEOPLE = 5000
_FORKED: Evaluator | None = None


def _evaluate_half(ids: list[str]) -> PeopleVerdicts:
    assert _FORKED is not None
    return evaluate_people(_FORKED, ids)


def evaluate_in_parallel(ev: Evaluator, ids: list[str]) -> PeopleVerdicts:
    """Individual verdicts on both cores: a forked worker (copy-on-write; only the verdicts,
    which are shared values, travel back) takes half while this process does the other."""
    global _FORKED
    if len(ids) < PARALLEL_MIN_PEOPLE or "fork" not in multiprocessing.get_all_start_methods():
        return evaluate_people(ev, ids)
    half = len(ids) // 2
    _FORKED = ev
    try:
        with multiprocessing.get_context("fork").Pool(processes=1) as pool:
            pending = pool.apply_async(_evaluate_half, (ids[half:],))
            a = evaluate_people(ev, ids[:half])
            b = pending.get()
    finally:
        _FORKED = None
    return PeopleVerdicts(a.rows + b.rows, a.used | b.used, {**a.missing, **b.missing},
                          a.seen | b.seen)


@cache
def bundled_law() -> Law:
    return parse_law(bundled_law_text())


def pick_org(repo_root: Path, org: str | None) -> Path:
    folders = files.org_folders(repo_root) or []
    if org is not None:
        chosen = [f for f in folders if f.name == org]
        if not chosen:
            names = ", ".join(f.name for f in folders) or "(không có)"
            raise TallyError(f"không có tổ chức \"{org}\" trong campaigns/ (có: {names})")
        return chosen[0]
    if len(folders) == 1:
        return folders[0]
    if not folders:
        raise TallyError("không có tổ chức nào trong campaigns/")
    # Organisations kept only for their plans (no staff roster) cannot be tallied: when a
    # single one has a roster, it is the one meant.
    staffed = [f for f in folders if (f / ROSTER_FOLDER).is_dir()]
    if len(staffed) == 1:
        return staffed[0]
    names = ", ".join(f.name for f in folders)
    raise TallyError(f"kho có nhiều tổ chức ({names}); chọn một bằng --org")


def needed_for(year: int) -> Callable[[files.FileRef], bool]:
    """The files a tally of ``year`` reads: the organisation, policy and roster, everything
    of that year, and the history (results and decisions) of the years before."""
    def wanted(ref: files.FileRef) -> bool:
        if ref.year is None:
            return True
        if ref.year == year:
            return True
        return ref.year < year and ref.kind in ("ket_qua", "khen_thuong")
    return wanted


def load_repository(folder: Path, year: int | None = None
                    ) -> tuple[m.Repository, list[Diagnostic]]:
    """The model of one organisation (for ``year``: only what its tally needs); data errors
    stop a tally."""
    # Cross-record consistency is validate's job; a tally needs only data it can trust.
    org = load_org(folder, parallel=False, wanted=needed_for(year) if year else None,
                   checks=False,
                   apart=(lambda r: r.year is not None and r.year < year) if year else None)
    errors = [d for d in org.diagnostics if d.severity is Severity.ERROR]
    return org.repo, errors


def latest_year(folder: Path) -> int:
    years = [int(p.name) for p in folder.iterdir()
             if p.is_dir() and p.name.isdigit() and len(p.name) == 4]
    if not years:
        raise TallyError("tổ chức chưa có thư mục năm nào")
    return max(years)


def run_tally(repo_root: Path, year: int | None, *, org: str | None = None,
              as_of: date, order_people: bool = True
              ) -> tuple[TallyResult | None, list[Diagnostic]]:
    """Returns (result, data errors). With data errors the tally is not computed.
    Without a year, the latest year folder of the organisation is tallied; without
    ``order_people`` the individual rows are left unsorted (a summary does not show them)."""
    folder = pick_org(repo_root, org)
    if year is None:
        year = latest_year(folder)
    repo, errors = load_repository(folder, year)
    if errors:
        return None, errors
    if year not in repo.years:
        have = ", ".join(map(str, sorted(repo.years))) or "(không có)"
        raise TallyError(f"không có dữ liệu năm {year} (các năm có dữ liệu: {have})")
    result = tally(repo, bundled_law(), year, as_of, people_evaluator=evaluate_in_parallel,
                   order_people=order_people)
    result.diagnostics = locate_diagnostics(result.diagnostics)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result, []


@dataclass
class Explanation:
    subject: str  # "cá nhân" | "tập thể"
    subject_id: str
    name: str
    unit: str | None
    context: LegalContext
    verdicts: list[Verdict]
    repo: m.Repository


def run_explain(repo_root: Path, year: int, sid: str, *, title: str | None = None,
                org: str | None = None, as_of: date) -> tuple[Explanation | None,
                                                              list[Diagnostic]]:
    repo, errors = load_repository(pick_org(repo_root, org), year)
    if errors:
        return None, errors
    if year not in repo.years:
        raise TallyError(f"không có dữ liệu năm {year}")
    law = bundled_law()
    ctx = LegalContext(law, repo.policy, year, as_of)
    ev = Evaluator(ctx, History(repo), detail=True)
    units = {u.id: u for u in repo.org.units} if repo.org else {}
    if sid in repo.people:
        person = repo.people[sid]
        titles = [title] if title else list(PERSON_TITLES)
        bad = [t for t in titles if t not in PERSON_TITLES]
        if bad:
            raise TallyError(f"\"{bad[0]}\" không xét tự động cho cá nhân; chọn một trong: "
                             + ", ".join(PERSON_TITLES))
        res = repo.years[year].person_results.get(sid)
        return Explanation("cá nhân", sid, person.name, res.unit if res else person.unit, ctx,
                           [ev.person(sid, t) for t in titles], repo), []
    if sid in units:
        titles = [title] if title else list(UNIT_TITLES)
        bad = [t for t in titles if t not in UNIT_TITLES]
        if bad:
            raise TallyError(f"\"{bad[0]}\" không xét tự động cho tập thể; chọn một trong: "
                             + ", ".join(UNIT_TITLES))
        return Explanation("tập thể", sid, units[sid].name, None, ctx,
                           [ev.unit(sid, t) for t in titles], repo), []
    raise TallyError(f"không có người hay đơn vị mã \"{sid}\"")


def explain_text(repo_root: Path, year: int, sid: str, *, title: str | None = None,
                 org: str | None = None, as_of: date) -> tuple[str | None, list[Diagnostic]]:
    """The explanation rendered, with data locations resolved to file:line."""
    from thidua.report.explain import render
    from thidua.textutil import did_you_mean, vn_date

    if title is not None and title not in PERSON_TITLES + UNIT_TITLES:
        guess = did_you_mean(title, PERSON_TITLES + UNIT_TITLES)
        raise TallyError(f"không có danh hiệu \"{title}\""
                         + (f"; có phải ý bạn là \"{guess}\"?" if guess else ""))
    exp, errors = run_explain(repo_root, year, sid, title=title, org=org, as_of=as_of)
    if exp is None:
        return None, errors
    srcs = [s for v in exp.verdicts for c in v.criteria for s in c.evidence]
    where = locate_sources(srcs)
    header = [f"{exp.name} ({exp.subject_id}) — {exp.subject}"
              + (f", đơn vị {exp.unit}" if exp.unit else "") + f" — năm thi đua {year}",
              exp.context.choice.explanation(),
              f"Ngày xét: {vn_date(as_of)}."]
    return render(header, exp.verdicts, lambda s: where.get(s, s.file)), []


def locate_sources(srcs: list[m.Src]) -> dict[m.Src, str]:
    """file:line for each source record (re-reading only the files involved)."""
    import unicodedata

    from thidua.load import positions

    out: dict[m.Src, str] = {}
    by_file: dict[str, set[tuple[str | int, ...]]] = {}
    for s in srcs:
        by_file.setdefault(s.file, set()).add(s.path)
    for file, paths in by_file.items():
        try:
            raw = Path(file).read_bytes()
        except OSError:
            continue
        text = unicodedata.normalize("NFC", raw.decode("utf-8-sig", errors="replace"))
        for path, (line, _col) in positions.locate(text, paths).items():
            out[m.Src(file, path)] = f"{file}:{line}"
    return out
