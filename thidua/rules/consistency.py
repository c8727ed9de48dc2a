"""Cross-record consistency of one organisation's repository (pure)."""

from __future__ import annotations

import re
from datetime import date

from thidua.diagnostics import Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Law
from thidua.rules import plan as plan_rules
from thidua.textutil import suggestion, vn_date, year_end

# Citations for findings that rest on a legal text.
REF_CSTDCS_NEEDS_LDTT = (
    "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) Điều 23; "
    "Luật Thi đua, khen thưởng số 06/2022/QH15 Điều 23 khoản 1"
)
REF_SIGNER = "Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II, khoản 7 điểm b"
REF_NUMBER = "Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II (số, ký hiệu của văn bản, ô 3)"
PLAN_TYPE = "Kế hoạch"


def plan_number(type_abbr: str | None) -> re.Pattern[str]:
    """"05/KH-STP": a number (two digits at least), "/", the abbreviation of the document
    type in force (KH, from the law data; any capitals when no table applies), "-", the
    agency's letters."""
    kind = re.escape(type_abbr) if type_abbr else r"[A-ZĐ][A-Za-zĐ]*"
    return re.compile(rf"^(0[1-9]|[1-9]\d+)/{kind}-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


def check(repo: m.Repository, law: Law | None = None) -> list[Diagnostic]:
    return check_org(repo) + check_years(repo, law)


def check_org(repo: m.Repository) -> list[Diagnostic]:
    """Checks of the organisation file and the roster."""
    out: list[Diagnostic] = []
    if repo.org is not None:
        out += _signers(repo.org)
    out += _transfers(repo)
    return out


def check_years(repo: m.Repository, law: Law | None = None) -> list[Diagnostic]:
    """Checks of the yearly data (registrations, results) against the roster and plans; with
    ``law``, also the numbers of the documents the plans cite."""
    out: list[Diagnostic] = []
    for yr in repo.years.values():
        out += _registrations(repo, yr)
        out += _results(repo, yr)
        out += _plans(repo, yr, law)
        for plan in yr.plans:
            out += plan_rules.check(plan, yr.year, law)
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
                            legal_ref=f"{REF_NUMBER}; {table.citation}" if table
                            else REF_NUMBER))
        wanted = (plan.document or {}).get("nguoi_ky")
        if wanted and wanted not in signers:
            out.append(make("TD309", plan.src.file, path=("nguoi_ky",), ref=wanted,
                            suggestion=suggestion(wanted, signers, listing="Người ký")
                            if signers else "Tổ chức chưa khai báo người ký nào."))
    return out


def _signers(org: m.Organisation) -> list[Diagnostic]:
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
                            legal_ref=REF_SIGNER))
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
    out = []
    deadline = _registration_deadline(yr)
    subjects = _plan_subjects(yr)
    for r in yr.registrations:
        if (r.subject == vocab.CA_NHAN and vocab.CSTDCS.name in r.titles
                and vocab.LDTT.name not in r.titles):
            out.append(make("TD301", r.src.file, path=(*r.src.path, "danh_hieu"),
                            legal_ref=REF_CSTDCS_NEEDS_LDTT))
        if deadline is not None and r.day > deadline[0]:
            out.append(make("TD302", r.src.file, path=r.src.path, value=vn_date(r.day),
                            deadline=vn_date(deadline[0]), plan=deadline[1]))
        if r.subject == vocab.CA_NHAN:
            out += _employed(repo, yr.year, r.subject_id, r.src)
            person = repo.people.get(r.subject_id)
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
        out += _employed(repo, yr.year, res.person, res.src)
        day = min(last_day, person.left) if person.left else last_day
        actual = person.unit_on(day)
        if actual != res.unit and person.recruited <= last_day:
            out.append(make("TD305", res.src.file, path=(*res.src.path, "ma"), ref=res.person,
                            actual=actual, unit=res.unit, year=yr.year))
    return out
