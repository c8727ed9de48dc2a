"""What a change means, in words: compare two versions of one organisation (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from thidua.model import entities as m
from thidua.model.plan_text import facts, texts
from thidua.tally.compute import PERSON_TITLES, TallyResult
from thidua.textutil import vn_date

VERDICT = {True: "đủ điều kiện", False: "không đủ điều kiện", None: "chưa xác định"}


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


def _name(repo: m.Repository, pid: str) -> str:
    p = repo.people.get(pid)
    return f"{p.name} ({pid})" if p else pid


def _unit_name(repo: m.Repository, uid: str) -> str:
    units = {u.id: u.name for u in repo.org.units} if repo.org else {}
    return units.get(uid, uid)


def compare(old: m.Repository, new: m.Repository, old_tally: TallyResult | None,
            new_tally: TallyResult | None, org_id: str, year: int | None) -> DiffReport:
    rep = DiffReport(org_id, year)
    add = rep.changes.append
    for pid in sorted(set(new.people) - set(old.people)):
        p = new.people[pid]
        add(Change("Nhân sự", f"thêm {p.name} ({pid}), {_unit_name(new, p.unit)}"))
    for pid in sorted(set(old.people) - set(new.people)):
        add(Change("Nhân sự", f"bỏ {_name(old, pid)}"))
    for pid in sorted(set(old.people) & set(new.people)):
        a, b = old.people[pid], new.people[pid]
        if a.unit != b.unit:
            add(Change("Nhân sự", f"{b.name} ({pid}) chuyển từ {_unit_name(old, a.unit)} "
                                  f"sang {_unit_name(new, b.unit)}"))
    for y in sorted(set(old.years) | set(new.years)):
        oy, ny = old.years.get(y, m.Year(y)), new.years.get(y, m.Year(y))
        _plans(rep, oy, ny, y)
        _registrations(rep, old, new, oy, ny, y)
        _results(rep, old, new, oy, ny, y)
    if old_tally is not None and new_tally is not None:
        _verdicts(rep, new, old_tally, new_tally)
    return rep


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
            if len(a.disciplines) != len(b.disciplines):
                rep.changes.append(Change(section, f"{who}: thay đổi kỷ luật"))
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


def _verdicts(rep: DiffReport, new: m.Repository, a: TallyResult, b: TallyResult) -> None:
    section = f"Kết luận năm {b.year}"
    old_rows = {p.id: p for p in a.people}
    for p in b.people:
        before = old_rows.get(p.id)
        for i, title in enumerate(PERSON_TITLES):
            was = before.row[i].eligible if before else None
            now = p.row[i].eligible
            if before is not None and was is not now:
                rep.changes.append(Change(section, f"{p.name} ({p.id}), \"{title}\": "
                                                   f"{VERDICT[was]} → {VERDICT[now]}"))
    old_units = {u.id: u for u in a.units}
    for u in b.units:
        ou = old_units.get(u.id)
        if ou is None:
            continue
        for title, v in u.verdicts.items():
            if ou.verdicts[title].eligible is not v.eligible:
                rep.changes.append(Change(section, f"{u.name}, \"{title}\": "
                                                   f"{VERDICT[ou.verdicts[title].eligible]} → "
                                                   f"{VERDICT[v.eligible]}"))
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
    for rep in reports:
        out.append(f"Tổ chức {rep.org_id}:")
        if not rep.changes:
            out.append("  (không có thay đổi về nội dung thi đua)")
        section = None
        for c in rep.changes:
            if c.section != section:
                section = c.section
                out.append(f"  {section}:")
            out.append(f"    - {c.text}")
        out += [f"  Ghi chú: {n}" for n in rep.notes]
    return "\n".join(out) + "\n"


def markdown(reports: list[DiffReport]) -> str:
    out = ["## Thay đổi này có nghĩa là", ""]
    for rep in reports:
        out += [f"### {rep.org_id}", ""]
        if not rep.changes:
            out += ["Không có thay đổi về nội dung thi đua.", ""]
        section = None
        for c in rep.changes:
            if c.section != section:
                section = c.section
                out += [f"**{section}**", ""] if out[-1] == "" else ["", f"**{section}**", ""]
            out.append(f"- {c.text}")
        out += ["", *(f"> {n}" for n in rep.notes), ""]
    return "\n".join(out).rstrip() + "\n"
