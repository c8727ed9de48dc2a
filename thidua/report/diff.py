"""What a change means, in words: compare two versions of one organisation (pure).

Every value that reaches a document is compared: the organisation's names, its units and
signers, each person's name, position and unit, plans, registrations, results, proposals,
council meetings, decisions recorded, and the verdicts and caps of the decision step. Values
from the data are written on one line; in Markdown (pull request comments) every value is
escaped, so a name cannot add headings, links, images or mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.decide.year import PERSON_TITLES, YearDecision
from thidua.model import entities as m
from thidua.model.plan_text import facts, texts
from thidua.report.text import markdown_cell, one_line
from thidua.rules.meeting import council_votes
from thidua.textutil import vn_date


@dataclass
class Change:
    section: str
    text: str


@dataclass
class DiffReport:
    org_id: str
    year: int | None
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _plain(value: Any) -> Any:
    """A value without where it was read from (two versions come from different folders)."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return tuple(_plain(getattr(value, f)) for f in value._fields if f != "src")
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    return value


def _name(repo: m.Repository, pid: str) -> str:
    p = repo.people.get(pid)
    return f"{one_line(p.name)} ({pid})" if p else pid


def _unit_name(repo: m.Repository, uid: str) -> str:
    units = {u.id: u.name for u in repo.org.units} if repo.org else {}
    return units.get(uid, uid)


def _was(label: str, a: object, b: object) -> str:
    def show(v: object) -> str:
        if v is None or v == "":
            return "(trống)"
        if isinstance(v, bool):
            return "có" if v else "không"
        return f"\"{one_line(str(v))}\""
    return f"{label}: {show(a)} → {show(b)}"


PERSON_FIELDS = (("name", "họ tên"), ("title", "chức vụ"), ("leader", "lãnh đạo"),
                 ("rank", "thứ bậc chức vụ"), ("kind", "loại nhân sự"),
                 ("gender", "giới tính"), ("recruited", "ngày tuyển dụng"),
                 ("left", "ngày nghỉ việc"), ("transfers", "điều chuyển"))
UNIT_FIELDS = (("name", "tên"), ("kind", "loại"), ("abbr", "viết tắt"), ("start", "từ ngày"),
               ("end", "đến ngày"), ("body", "cơ quan quản lý"), ("order", "thứ tự"))
SIGNER_FIELDS = (("name", "họ tên"), ("title", "chức vụ"), ("authority", "quyền hạn"),
                 ("head_title", "chức vụ cấp trưởng"), ("start", "từ ngày"),
                 ("end", "đến ngày"))
NAME_FIELDS = (("name", "tên"), ("parent", "cơ quan chủ quản"), ("abbr", "viết tắt"),
               ("place", "địa danh"))


def _fields(add: Any, section: str, who: str, a: Any, b: Any,
            fields: tuple[tuple[str, str], ...]) -> None:
    for attr, label in fields:
        va, vb = getattr(a, attr), getattr(b, attr)
        if va != vb:
            if isinstance(va, date) or isinstance(vb, date):
                va = vn_date(va) if va else None
                vb = vn_date(vb) if vb else None
            if isinstance(va, tuple) or isinstance(vb, tuple):
                va, vb = f"{len(va or ())} lần", f"{len(vb or ())} lần"
            add(Change(section, f"{who}: {_was(label, va, vb)}"))


def _organisation(add: Any, old: m.Repository, new: m.Repository) -> None:
    a, b = old.org, new.org
    if a is None or b is None:
        return
    _fields(add, "Tổ chức", "tên gọi", a.names, b.names, NAME_FIELDS)
    if a.changes != b.changes:
        add(Change("Tổ chức", f"đổi tên, cơ quan chủ quản từ một ngày: {len(a.changes)} → "
                              f"{len(b.changes)} lần thay đổi (hoặc sửa ngày, tên)"))
    if a.ministry != b.ministry:
        add(Change("Tổ chức", _was("bộ ngành", a.ministry, b.ministry)))
    if _plain(a.competence) != _plain(b.competence):
        add(Change("Tổ chức", "sửa văn bản về thẩm quyền (can_cu_tham_quyen)"))
    ua, ub = {u.id: u for u in a.units}, {u.id: u for u in b.units}
    for uid in sorted(ub.keys() - ua.keys()):
        add(Change("Đơn vị", f"thêm {one_line(ub[uid].name)} ({uid})"))
    for uid in sorted(ua.keys() - ub.keys()):
        add(Change("Đơn vị", f"bỏ {one_line(ua[uid].name)} ({uid})"))
    for uid in sorted(ua.keys() & ub.keys()):
        _fields(add, "Đơn vị", uid, ua[uid], ub[uid], UNIT_FIELDS)
    sa, sb = {s.id: s for s in a.signers}, {s.id: s for s in b.signers}
    for sid in sorted(sb.keys() - sa.keys()):
        add(Change("Người ký", f"thêm {one_line(sb[sid].name)} ({sid})"))
    for sid in sorted(sa.keys() - sb.keys()):
        add(Change("Người ký", f"bỏ {one_line(sa[sid].name)} ({sid})"))
    for sid in sorted(sa.keys() & sb.keys()):
        _fields(add, "Người ký", sid, sa[sid], sb[sid], SIGNER_FIELDS)


def compare(old: m.Repository, new: m.Repository, old_decision: YearDecision | None,
            new_decision: YearDecision | None, org_id: str, year: int | None) -> DiffReport:
    rep = DiffReport(org_id, year)
    add = rep.changes.append
    _organisation(add, old, new)
    for pid in sorted(set(new.people) - set(old.people)):
        p = new.people[pid]
        add(Change("Nhân sự", f"thêm {one_line(p.name)} ({pid}), {_unit_name(new, p.unit)}"))
    for pid in sorted(set(old.people) - set(new.people)):
        add(Change("Nhân sự", f"bỏ {_name(old, pid)}"))
    for pid in sorted(set(old.people) & set(new.people)):
        a, b = old.people[pid], new.people[pid]
        if a.unit != b.unit:
            add(Change("Nhân sự", f"{_name(new, pid)} chuyển từ {_unit_name(old, a.unit)} "
                                  f"sang {_unit_name(new, b.unit)}"))
        _fields(add, "Nhân sự", _name(new, pid), a, b, PERSON_FIELDS)
    for y in sorted(set(old.years) | set(new.years)):
        oy, ny = old.years.get(y, m.Year(y)), new.years.get(y, m.Year(y))
        _plans(rep, oy, ny, y)
        _registrations(rep, old, new, oy, ny, y)
        _results(rep, old, new, oy, ny, y)
        _meetings(rep, new, oy, ny, y)
        _awards(rep, oy, ny, y)
    if old_decision is not None and new_decision is not None:
        _verdicts(rep, new, old_decision, new_decision)
    return rep


def _meetings(rep: DiffReport, new: m.Repository, oy: m.Year, ny: m.Year, y: int) -> None:
    if sorted(map(_plain, oy.meetings), key=repr) != sorted(map(_plain, ny.meetings), key=repr):
        days = ", ".join(vn_date(mt.day) for mt in ny.meetings) or "(không còn)"
        rep.changes.append(Change(f"Hội đồng năm {y}", f"sửa phiên họp (ngày, địa điểm, thành "
                                                       f"viên, biểu quyết hoặc lựa chọn): {days}"))
        _counts(rep, new, oy, ny, y)


def _counts(rep: DiffReport, new: m.Repository, oy: m.Year, ny: m.Year, y: int) -> None:
    """Each candidate whose count of the council's agreement changed (ballots or raised
    hands and written opinions, over all members)."""
    before, after = council_votes(oy), council_votes(ny)
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        was = f"{a.vote.agree}/{a.vote.total}" if a else "chưa có"
        now = f"{b.vote.agree}/{b.vote.total}" if b else "chưa có"
        if was != now:
            sid, title = key
            rep.changes.append(Change(
                f"Hội đồng năm {y}", f"số đồng ý \"{title}\" của {_name(new, sid)}: {was} → "
                                     f"{now} thành viên"))


def _awards(rep: DiffReport, oy: m.Year, ny: m.Year, y: int) -> None:
    a = {(d.number, d.title): d for d in oy.awards}
    b = {(d.number, d.title): d for d in ny.awards}
    for key in sorted(b.keys() - a.keys()):
        rep.changes.append(Change(f"Quyết định năm {y}", f"thêm quyết định {one_line(key[0])} "
                                                         f"\"{key[1]}\""))
    for key in sorted(a.keys() - b.keys()):
        rep.changes.append(Change(f"Quyết định năm {y}", f"bỏ quyết định {one_line(key[0])} "
                                                         f"\"{key[1]}\""))
    for key in sorted(a.keys() & b.keys()):
        if a[key][:6] != b[key][:6]:
            rep.changes.append(Change(f"Quyết định năm {y}",
                                      f"sửa quyết định {one_line(key[0])} \"{key[1]}\""))


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _plan_label(plan: m.Plan, *, long: bool = False) -> str:
    if plan.number:
        return f"{plan.number} ({plan.subject})" if long else plan.number
    return plan.subject if long else _file_name(plan.src.file)


def _plan_words(plan: m.Plan, y: int) -> dict[str, str]:
    """What a plan states as data, in words: its references ("{dot.dot_1}"), and its
    deadlines and targets even where they have no reference id."""
    doc = plan.document if isinstance(plan.document, dict) else {}
    words = {f"{{{k}}}": v for k, v in facts(doc, y).items()}
    for d in plan.deadlines:
        words.setdefault(f"hạn {d.kind}" + (f" ({d.text})" if d.text else ""), vn_date(d.day))
    for t in plan.targets:
        value = f"{t.share:g}%" if t.share is not None else str(t.quantity)
        words.setdefault(f"chỉ tiêu {t.text or t.title}", f"{t.op} {value}")
    return words


def _plans(rep: DiffReport, oy: m.Year, ny: m.Year, y: int) -> None:
    """Plans added or removed, and each changed date, count or figure of a plan kept."""
    section = f"Kế hoạch năm {y}"
    # The old version is read from elsewhere: a plan is its file name in the year's folder.
    before = {_file_name(p.src.file): p for p in oy.plans}
    after = {_file_name(p.src.file): p for p in ny.plans}
    for f in sorted(after.keys() - before.keys()):
        rep.changes.append(Change(section, f"thêm kế hoạch {_plan_label(after[f], long=True)}"))
    for f in sorted(before.keys() - after.keys()):
        rep.changes.append(Change(section, f"bỏ kế hoạch {_plan_label(before[f], long=True)}"))
    for f in sorted(before.keys() & after.keys()):
        a, b = _plan_words(before[f], y), _plan_words(after[f], y)
        changed = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        for k in sorted(changed):
            # "{ky_niem.x.so_nam}" says again what "{ky_niem.x}" already says.
            if k.count(".") > 1 and k.rsplit(".", 1)[0] + "}" in changed:
                continue
            rep.changes.append(Change(section, f"{_plan_label(after[f])}: {k}: "
                                               f"{a.get(k, '(chưa có)')} → {b.get(k, '(bỏ)')}"))
        da, db = before[f].document or {}, after[f].document or {}
        for key, label in (("so_hieu", "số, ký hiệu"), ("ngay_ban_hanh", "ngày ban hành"),
                           ("nguoi_ky", "người ký"), ("trich_yeu", "trích yếu"),
                           ("noi_nhan", "nơi nhận")):
            if isinstance(da, dict) and isinstance(db, dict) and da.get(key) != db.get(key):
                va, vb = da.get(key), db.get(key)
                if isinstance(va, list) or isinstance(vb, list):
                    va, vb = "; ".join(map(str, va or ())), "; ".join(map(str, vb or ()))
                rep.changes.append(Change(section, f"{_plan_label(after[f])}: "
                                                   f"{_was(label, va, vb)}"))
        edited = _edited_paragraphs(before[f], after[f])
        if edited:
            rep.changes.append(Change(section, f"{_plan_label(after[f])}: sửa lời văn "
                                               f"{edited} đoạn (xem render-plan -f md)"))


def _edited_paragraphs(a: m.Plan, b: m.Plan) -> int:
    """How many of the plan's printed texts were added, removed or reworded."""
    docs = [p.document if isinstance(p.document, dict) else {} for p in (a, b)]
    old, new = (Counter(t for _, t in texts(d)) for d in docs)
    return max((old - new).total(), (new - old).total())


def _registered(repo: m.Repository, yr: m.Year) -> set[tuple[str, str, str]]:
    return {(r.subject, r.subject_id, t) for r in yr.registrations for t in r.titles}


def _who(repo: m.Repository, subject: str, sid: str) -> str:
    return _name(repo, sid) if subject == "cá nhân" else _unit_name(repo, sid)


def _registrations(rep: DiffReport, old: m.Repository, new: m.Repository, oy: m.Year,
                   ny: m.Year, y: int) -> None:
    a, b = _registered(old, oy), _registered(new, ny)
    for subject, sid, title in sorted(b - a):
        rep.changes.append(Change(f"Đăng ký năm {y}",
                                  f"{_who(new, subject, sid)} đăng ký \"{title}\""))
    for subject, sid, title in sorted(a - b):
        rep.changes.append(Change(f"Đăng ký năm {y}",
                                  f"{_who(old, subject, sid)} rút đăng ký \"{title}\""))


def _results(rep: DiffReport, old: m.Repository, new: m.Repository, oy: m.Year,
             ny: m.Year, y: int) -> None:
    section = f"Kết quả năm {y}"
    for pid in sorted(set(oy.person_results) | set(ny.person_results)):
        a, b = oy.person_results.get(pid), ny.person_results.get(pid)
        who = _name(new if b else old, pid)
        if a is None and b is not None:
            rep.changes.append(Change(section, f"thêm kết quả của {who}: {b.rating}"))
            a_props: tuple[str, ...] = ()
        elif b is None and a is not None:
            rep.changes.append(Change(section, f"bỏ kết quả của {who}"))
            continue
        else:
            assert a is not None and b is not None
            if a.rating != b.rating:
                rep.changes.append(Change(section, f"{who}: xếp loại \"{a.rating}\" → "
                                                   f"\"{b.rating}\""))
            if len(a.initiatives) != len(b.initiatives):
                rep.changes.append(Change(section, f"{who}: {len(a.initiatives)} → "
                                                   f"{len(b.initiatives)} sáng kiến"))
            if a.disciplines != b.disciplines:
                rep.changes.append(Change(section, f"{who}: thay đổi kỷ luật"))
            if a.initiatives != b.initiatives and len(a.initiatives) == len(b.initiatives):
                rep.changes.append(Change(section, f"{who}: sửa sáng kiến"))
            if a.votes != b.votes:
                rep.changes.append(Change(section, f"{who}: thay đổi biểu quyết của Hội đồng"))
            if a.under_review != b.under_review:
                change = _was("đang xem xét kỷ luật", a.under_review, b.under_review)
                rep.changes.append(Change(section, f"{who}: {change}"))
            if a.leaves != b.leaves:
                rep.changes.append(Change(section, f"{who}: thay đổi thời gian nghỉ"))
            if a.unit != b.unit:
                rep.changes.append(Change(section, f"{who}: ghi ở tệp đơn vị {a.unit} → {b.unit}"))
            a_props = a.proposals
        assert b is not None
        _proposals(rep, y, who, a_props, b.proposals)
    for uid in sorted(set(oy.unit_results) | set(ny.unit_results)):
        ua, ub = oy.unit_results.get(uid), ny.unit_results.get(uid)
        name = _unit_name(new, uid)
        if ua and ub and ua.rating != ub.rating:
            rep.changes.append(Change(section, f"{name}: xếp loại \"{ua.rating}\" → "
                                               f"\"{ub.rating}\""))
        _proposals(rep, y, name, ua.proposals if ua else (), ub.proposals if ub else ())


def _proposals(rep: DiffReport, y: int, who: str, before: tuple[str, ...],
               after: tuple[str, ...]) -> None:
    section = f"Đề nghị năm {y}"
    rep.changes += [Change(section, f"đề nghị \"{t}\" cho {who}") for t in after
                    if t not in before]
    rep.changes += [Change(section, f"bỏ đề nghị \"{t}\" cho {who}") for t in before
                    if t not in after]


def _verdicts(rep: DiffReport, new: m.Repository, a: YearDecision, b: YearDecision) -> None:
    section = f"Kết luận năm {b.year}"
    old_rows = {p.id: p for p in a.people}
    for p in b.people:
        before = old_rows.get(p.id)
        for i, title in enumerate(PERSON_TITLES):
            if before is None:
                continue
            was, now = before.row[i].status, p.row[i].status
            if was is not now:
                rep.changes.append(Change(section, f"{one_line(p.name)} ({p.id}), \"{title}\": "
                                                   f"{was.value} → {now.value}"))
    old_units = {u.id: u for u in a.units}
    for u in b.units:
        ou = old_units.get(u.id)
        if ou is None:
            continue
        for title, v in u.verdicts.items():
            if ou.verdicts[title].status is not v.status:
                rep.changes.append(Change(section, f"{one_line(u.name)}, \"{title}\": "
                                                   f"{ou.verdicts[title].status.value} → "
                                                   f"{v.status.value}"))
    old_quota = {q.text: q for q in a.quotas}
    for q in b.quotas:
        oq = old_quota.get(q.text)
        if oq is None:
            continue
        if (oq.actual, oq.base, oq.headroom) != (q.actual, q.base, q.headroom):
            room = f"; còn được đề nghị {oq.headroom} → {q.headroom}" \
                if q.headroom is not None or oq.headroom is not None else ""
            rep.changes.append(Change(f"Số lượng tối đa, chỉ tiêu năm {b.year}",
                                      f"{q.text}: {oq.actual}/{oq.base} → {q.actual}/{q.base}"
                                      f"{room}"))


def text(reports: list[DiffReport]) -> str:
    out = []
    changed = [r for r in reports if r.changes or r.notes]
    if not changed:
        return "Không có thay đổi về nội dung thi đua.\n"
    for rep in changed:
        out.append(f"Tổ chức {rep.org_id}:")
        section = None
        for c in rep.changes:
            if c.section != section:
                section = c.section
                out.append(f"  {section}:")
            out.append(f"    - {c.text}")
        out += [f"  Ghi chú: {n}" for n in rep.notes]
    return "\n".join(out) + "\n"


def markdown(reports: list[DiffReport]) -> str:
    """For a pull request comment: every text escaped (see :func:`markdown_cell`)."""
    out = ["## Thay đổi này có nghĩa là", ""]
    changed = [r for r in reports if r.changes or r.notes]
    if not changed:
        out += ["Không có thay đổi về nội dung thi đua.", ""]
    for rep in changed:
        out += [f"### {markdown_cell(rep.org_id)}", ""]
        section = None
        for c in rep.changes:
            if c.section != section:
                section = c.section
                heading = f"**{markdown_cell(section)}**"
                out += [heading, ""] if out[-1] == "" else ["", heading, ""]
            out.append(f"- {markdown_cell(c.text)}")
        out += ["", *(f"> {markdown_cell(n)}" for n in rep.notes), ""]
    return "\n".join(out).rstrip() + "\n"
