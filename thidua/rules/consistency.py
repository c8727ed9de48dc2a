"""Cross-record consistency of one organisation's repository (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from thidua.diagnostics import Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Citation, Law
from thidua.rules import authority, meeting
from thidua.rules import plan as plan_rules
from thidua.textutil import suggestion, vn_date, year_end

# Citations for findings that rest on a legal text: ids of the law data's trich_dan.
REF_SIGNER = "the_thuc_nguoi_ky"
REF_NUMBER = "the_thuc_so_ky_hieu"
PLAN_TYPE = "Kế hoạch"


def plan_number(type_abbr: str | None) -> re.Pattern[str]:
    """"05/KH-STP": a number (two digits at least), "/", the abbreviation of the document
    type in force (KH, from the law data; any capitals when no table applies), "-", the
    agency's letters."""
    kind = re.escape(type_abbr) if type_abbr else r"[A-ZĐ][A-Za-zĐ]*"
    return re.compile(rf"^(0[1-9]|[1-9]\d+)/{kind}-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


def check(repo: m.Repository, law: Law) -> list[Diagnostic]:
    return check_org(repo, law) + check_years(repo, law)


def _cite(law: Law | None, name: str, *more: Citation) -> str:
    if law is None:
        return ""
    return law.cite((*law.named.get(name, ()), *more))


def check_org(repo: m.Repository, law: Law | None = None) -> list[Diagnostic]:
    """Checks of the organisation file and the roster."""
    out: list[Diagnostic] = []
    if repo.org is not None:
        out += _signers(repo.org, _cite(law, REF_SIGNER))
        if not repo.org.competence and repo.people:
            out.append(make("TD317", repo.org.src.file, path=("don_vi",)))
    out += _transfers(repo)
    return out


def check_years(repo: m.Repository, law: Law | None = None) -> list[Diagnostic]:
    """Checks of the yearly data (registrations, results) against the roster and plans; with
    ``law``, also the numbers of the documents the plans cite and who decides the titles
    proposed."""
    out: list[Diagnostic] = []
    for yr in repo.years.values():
        out += _registrations(repo, yr)
        out += _results(repo, yr)
        out += _plans(repo, yr, law)
        out += _proposal_plans(yr)
        out += _council_choices(yr)
        out += meeting.check(yr)
        out += awards_twice(yr.awards, yr.year)
        if law is not None:
            out += _authority(repo, yr, law)
        for plan in yr.plans:
            out += plan_rules.check(plan, yr.year, law)
    return out


def _proposal_plans(yr: m.Year) -> list[Diagnostic]:
    """A proposal that names its plan or phase names one of the year."""
    out: list[Diagnostic] = []
    by_name = {p.key: p for p in yr.plans} | {p.number: p for p in yr.plans if p.number}
    names = sorted(p.key for p in yr.plans)
    results: list[m.PersonResult | m.UnitResult] = [*yr.person_results.values(),
                                                     *yr.unit_results.values()]
    for res in results:
        for ref in res.refs:
            path = (*res.src.path, "de_nghi", ref.position)
            plan = by_name.get(ref.plan) if ref.plan is not None else None
            if ref.plan is not None and plan is None:
                out.append(make("TD411", res.src.file, path=(*path, "ke_hoach"), title=ref.title,
                                what="kế hoạch", ref=ref.plan, year=yr.year,
                                suggestion=suggestion(ref.plan, names, listing="Các kế hoạch")
                                if names else "Năm này chưa có kế hoạch nào."))
                continue
            if ref.phase is None:
                continue
            phases = plan.phases if plan else tuple(ph for p in yr.plans for ph in p.phases)
            if ref.phase not in phases:
                out.append(make("TD411", res.src.file, path=(*path, "dot"), title=ref.title,
                                what="đợt thi đua", ref=ref.phase, year=yr.year,
                                suggestion=suggestion(ref.phase, phases, listing="Các đợt")
                                if phases else "Kế hoạch không có đợt thi đua nào."))
    return out


def awards_twice(awards: Sequence[m.AwardDecision], year: int,
                 earlier: Sequence[m.AwardDecision] = ()) -> list[Diagnostic]:
    """TD604: a person or unit recorded twice for one title in one year (in ``awards``, or
    in ``awards`` and the decisions recorded ``earlier``), at the later record."""
    first: dict[tuple[str, str, str], tuple[m.AwardDecision, int]] = {}
    out: list[Diagnostic] = []
    for is_new, d in [(False, e) for e in earlier] + [(True, a) for a in awards]:
        for key, ids in (("ca_nhan", d.people), ("tap_the", d.units)):
            for i, sid in enumerate(ids):
                seen, at = first.setdefault((d.title, key, sid), (d, i))
                if (seen is d and at == i) or not is_new:
                    continue
                out.append(make("TD604", d.src.file, path=(*d.src.path, key, i), who=sid,
                                title=d.title, year=year, number=seen.number,
                                other=seen.src.file))
    return out


def _council_choices(yr: m.Year) -> list[Diagnostic]:
    """Whom the council keeps within a cap was proposed for that title."""
    out: list[Diagnostic] = []
    if not any(mt.choices for mt in yr.meetings):
        return out
    proposed = meeting.proposed(yr)
    for mt in yr.meetings:
        for choice in mt.choices:
            for i, sid in enumerate(choice.keep):
                if sid not in proposed.get(choice.title, set()):
                    out.append(make(
                        "TD410", choice.src.file, path=(*choice.src.path, "giu_lai", i),
                        detail=f"\"{sid}\" không được đề nghị \"{choice.title}\" năm {yr.year}",
                        hint="Chỉ chọn trong số những người, tập thể đã được đề nghị."))
    return out


def _authority(repo: m.Repository, yr: m.Year, law: Law) -> list[Diagnostic]:
    """A department's proposals for titles another body decides (district staff …), with
    the law in force at the start of the next year (when titles are usually decided)."""
    org = repo.org
    regime = law.in_force_on(date(yr.year + 1, 1, 1))
    if org is None or regime is None:
        return []
    units = {u.id: u for u in org.units}
    out: list[Diagnostic] = []
    day = date(yr.year + 1, 1, 1)
    seen: dict[tuple[str, str], authority.Decider | None] = {}
    results: list[tuple[str, str, m.PersonResult | m.UnitResult]] = [
        *((r.person, r.unit, r) for r in yr.person_results.values() if r.proposals),
        *((u.unit, u.unit, u) for u in yr.unit_results.values() if u.proposals)]
    for sid, unit, res in results:
        for j, title in enumerate(res.proposals):
            key = (title, unit)
            if key not in seen:
                seen[key] = authority.decider(law, regime.code, title, units.get(unit), org, day)
            d = seen[key]
            if d is not None and not d.in_scope:
                person = repo.people.get(sid)
                who = f"{person.name} ({sid})" if person else sid
                out.append(make("TD409", res.src.file, path=(*res.src.path, "de_nghi", j),
                                title=title, who=who, authority=d.name, legal_ref=d.citation))
    return out


def _plans(repo: m.Repository, yr: m.Year, law: Law | None) -> list[Diagnostic]:
    """A plan's number reads <số>/KH-<cơ quan> and its signer exists."""
    out: list[Diagnostic] = []
    if repo.org is None:
        return out
    abbr = repo.org.names_on(year_end(yr.year)).abbr
    signers = [s.id for s in repo.org.signers]
    for plan in yr.plans:
        day = (plan.document or {}).get("ngay_ban_hanh")
        table = law.abbreviations_on(day if isinstance(day, date) else year_end(yr.year)) \
            if law else None
        kind = table.by_type.get(PLAN_TYPE) if table else None
        if plan.number and not plan_number(kind).match(plan.number):
            out.append(make("TD308", plan.src.file, path=("so_hieu",), value=plan.number,
                            abbr=abbr, kind=kind or "<tên loại>",
                            legal_ref=_cite(law, REF_NUMBER, *(table.citations if table
                                                                 else ()))))
        wanted = (plan.document or {}).get("nguoi_ky")
        if wanted and wanted not in signers:
            out.append(make("TD309", plan.src.file, path=("nguoi_ky",), ref=wanted,
                            suggestion=suggestion(wanted, signers, listing="Người ký")
                            if signers else "Tổ chức chưa khai báo người ký nào."))
    return out


def _signers(org: m.Organisation, ref: str) -> list[Diagnostic]:
    out = []
    file = org.src.file
    for i, s in enumerate(org.signers):
        deputy = s.title.casefold().startswith("phó")
        detail = None
        if s.authority == "KT." and not deputy:
            detail = f"\"KT.\" dành cho cấp phó, nhưng chức vụ là \"{s.title}\""
        elif s.authority is None and deputy:
            detail = f"cấp phó \"{s.title}\" phải ký thay (KT.) người đứng đầu"
        elif s.authority in ("KT.", "TL.", "TUQ.") and not s.head_title:
            detail = f"ký \"{s.authority}\" cần chuc_vu_cap_truong (ví dụ: Giám đốc)"
        if detail:
            out.append(make("TD307", file, path=("nguoi_ky", i), detail=detail,
                            legal_ref=ref))
    return out


def _transfers(repo: m.Repository) -> list[Diagnostic]:
    out = []
    for p in repo.people.values():
        if not p.transfers:
            continue
        chain = [t.from_unit for t in p.transfers] + [p.unit]
        for i, t in enumerate(p.transfers):
            detail = None
            if t.from_unit == chain[i + 1]:
                detail = f"chuyển từ \"{t.from_unit}\" đến chính đơn vị đó"
            elif t.day < p.recruited:
                detail = (f"ngày chuyển {vn_date(t.day)} trước ngày tuyển dụng "
                          f"{vn_date(p.recruited)}")
            if detail:
                out.append(make("TD306", p.src.file, path=(*p.src.path, "dieu_chuyen"),
                                detail=detail))
    return out


def _registration_deadline(yr: m.Year) -> tuple[date, str] | None:
    best: tuple[date, str] | None = None
    for plan in yr.plans:
        for dl in plan.deadlines:
            if dl.kind == "đăng ký thi đua" and (best is None or dl.day < best[0]):
                best = (dl.day, plan.number or plan.subject)
    return best


def _plan_subjects(yr: m.Year) -> tuple[frozenset[str], str] | None:
    """The staff kinds the year's regular plan lets register, if it names them."""
    for plan in yr.plans:
        if plan.form == vocab.THUONG_XUYEN and plan.staff_kinds:
            return frozenset(plan.staff_kinds), plan.number or plan.subject
    return None


def _registrations(repo: m.Repository, yr: m.Year) -> list[Diagnostic]:
    """A registration's date, person and unit. Which titles a registration covers is the
    decision step's one rule (a title, or one above it: vocab.covered_by): registering
    "Chiến sĩ thi đua cơ sở" alone covers "Lao động tiên tiến", whose standard it needs met
    (khoản 1 Điều 23 of the 2022 law), not registered."""
    out = []
    deadline = _registration_deadline(yr)
    subjects = _plan_subjects(yr)
    last_day = year_end(yr.year)
    person_kind = vocab.CA_NHAN
    people = repo.people
    for r in yr.registrations:
        individual = r.subject == person_kind
        person = people.get(r.subject_id) if individual else None
        joined = person.recruited if person is not None else None
        # Someone recruited after the deadline registers when they join.
        late_joiner = joined is not None and deadline is not None and joined > deadline[0]
        if deadline is not None and r.day > deadline[0] and not late_joiner:
            out.append(make("TD302", r.src.file, path=r.src.path, value=vn_date(r.day),
                            deadline=vn_date(deadline[0]), plan=deadline[1]))
        if individual:
            if person is not None and person.recruited.year > yr.year:
                out += _employed(repo, yr.year, r.subject_id, r.src)
            if person is not None and person.recruited <= r.day:
                actual = person.unit_on(r.day)
                # The unit on the day of registration, or one the person moved to during the
                # year (the receiving unit carries the registration).
                if r.unit != actual and r.unit not in {
                        person.unit_on(last_day),
                        *(person.unit_on(t.day) for t in person.transfers
                          if t.day.year == yr.year)}:
                    out.append(make("TD318", r.src.file, path=(*r.src.path, "ma"),
                                    ref=r.subject_id, actual=actual, unit=r.unit,
                                    day=vn_date(r.day), year=yr.year))
            if subjects and person is not None and person.kind not in subjects[0]:
                out.append(make("TD314", r.src.file, path=(*r.src.path, "ma"),
                                ref=r.subject_id, kind=person.kind, plan=subjects[1],
                                allowed=", ".join(k for k in vocab.LOAI_NHAN_SU
                                                  if k in subjects[0])))
    return out


def _employed(repo: m.Repository, year: int, pid: str, src: m.Src) -> list[Diagnostic]:
    person = repo.people.get(pid)
    if person is not None and person.recruited.year > year:
        return [make("TD304", src.file, path=(*src.path, "ma"), ref=pid,
                     value=vn_date(person.recruited), year=year)]
    return []


def _results(repo: m.Repository, yr: m.Year) -> list[Diagnostic]:
    out = []
    last_day = year_end(yr.year)
    for res in yr.person_results.values():
        person = repo.people.get(res.person)
        if person is None:
            continue
        if person.recruited.year > yr.year:
            out += _employed(repo, yr.year, res.person, res.src)
        day = min(last_day, person.left) if person.left else last_day
        actual = person.unit_on(day)
        if actual != res.unit and person.recruited <= last_day:
            out.append(make("TD305", res.src.file, path=(*res.src.path, "ma"), ref=res.person,
                            actual=actual, unit=res.unit, year=yr.year))
    return out
