"""Reporters for a year's decision: text tables, Markdown (CI summaries), JSON (versioned
schema), CSV and XLSX. They only format :class:`~thidua.decide.year.YearDecision`."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from io import StringIO
from typing import Any

from thidua import __version__
from thidua.decide.outcome import Entry, EntryStatus
from thidua.decide.year import PERSON_TITLES, UNIT_TITLES, Counts, YearDecision
from thidua.model import vocab
from thidua.report.diagnostics import as_dict
from thidua.report.text import markdown_cell, table
from thidua.rules.caps import QuotaRow
from thidua.rules.criteria import Status, Verdict
from thidua.textutil import vn_date

JSON_SCHEMA_VERSION = 2
SHORT = {name: abbr for abbr, name in vocab.ABBREVIATIONS.items()}
COUNT_HEADINGS = ["Danh hiệu", "Đăng ký", "Đủ ĐK", "Chưa rõ", "Tạm chưa xét", "Đề nghị",
                  "Công nhận", "Đã khen"]
COUNT_FIELDS = ("registered", "eligible", "undetermined", "deferred", "proposed", "recognised",
                "granted")


def short(title: str) -> str:
    return SHORT.get(title, title)


def _counts_row(title: str, c: Counts) -> list[str]:
    return [title, *(str(getattr(c, f)) for f in COUNT_FIELDS)]


def _quota_state(q: QuotaRow) -> str:
    if q.ok is None:
        return "chưa có số liệu"
    if q.is_cap:
        return "trong giới hạn" if q.ok else "VƯỢT"
    return "đạt" if q.ok else "chưa đạt"


def _quota_cells(q: QuotaRow) -> list[str]:
    room = str(q.headroom) if q.headroom is not None and q.ok else ""
    kind = "trần" if q.is_cap else "mục tiêu"
    return [q.text, q.source, kind, f"{q.actual}/{q.base}", q.limit, _quota_state(q), room]


def _unit_names(r: YearDecision) -> dict[str, str]:
    return {u.id: u.name for u in r.repo.org.units} if r.repo.org else {}


def text(r: YearDecision, *, people: bool = True) -> str:
    out = [f"TỔNG HỢP THI ĐUA, KHEN THƯỞNG NĂM {r.year} — {r.org_id}"]
    if r.choice is None:
        assert r.no_law is not None
        return "\n".join([*out, r.no_law.explanation(), f"  gợi ý: {r.no_law.hint}", ""])
    out += [r.choice.explanation(), ""]
    right = set(range(1, len(COUNT_HEADINGS)))
    out += ["Cá nhân:", table(COUNT_HEADINGS, [_counts_row(t, r.totals_people[t])
                                               for t in PERSON_TITLES], right), ""]
    out += ["Tập thể:", table(COUNT_HEADINGS, [_counts_row(t, r.totals_units[t])
                                               for t in UNIT_TITLES], right), ""]
    ldtt, cst = vocab.LDTT.name, vocab.CSTDCS.name
    rows = []
    for u in r.units:
        lc, cc = u.people[ldtt], u.people[cst]
        collective = ", ".join(f"{short(t)}: {u.verdicts[t].status.value}"
                               for t in UNIT_TITLES[:2])
        proposed = ", ".join(short(t) for t in u.proposed) or "—"
        rows.append([u.name, f"{lc.registered}/{lc.eligible}/{lc.proposed}",
                     f"{cc.registered}/{cc.eligible}/{cc.proposed}", collective, proposed])
    out += ["Theo đơn vị (đăng ký/đủ điều kiện/đề nghị):",
            table(["Đơn vị", "LĐTT", "CSTĐCS", "Tập thể", "Tập thể đề nghị"], rows), ""]
    if r.quotas:
        out += ["Số lượng tối đa và chỉ tiêu:",
                table(["Nội dung", "Nguồn", "Loại", "Thực tế", "Mức", "Kết quả",
                       "Còn được đề nghị"], [_quota_cells(q) for q in r.quotas], {3, 6}), ""]
    out += _apart(r)
    if people and r.people:
        names = _unit_names(r)
        prow = []
        for p in r.people:
            ok = ", ".join(short(t) for t in PERSON_TITLES if p.verdicts[t].status is Status.MET)
            proposed = ", ".join(
                short(t) + ("" if p.verdicts.get(t) is None
                            or p.verdicts[t].status is Status.MET else " (!)")
                for t in p.proposed)
            prow.append([p.id, p.name, names.get(p.unit, p.unit), proposed or "—", ok or "—"])
        out += ["Từng người (đề nghị; \"(!)\" = không đủ, chưa rõ hoặc tạm chưa xét):",
                table(["Mã", "Họ tên", "Đơn vị", "Đề nghị", "Đủ điều kiện"], prow), ""]
    return "\n".join(out) + "\n"


def _apart(r: YearDecision) -> list[str]:
    """Proposals that are not the organisation's to decide or propose, with the competent
    authority, and proposals deferred."""
    elsewhere: dict[str, list[str]] = {}
    deferred: list[str] = []
    names = _unit_names(r)

    def who(e: Entry) -> str:
        return e.name if e.subject == vocab.TAP_THE else f"{e.name} ({names.get(e.unit, e.unit)})"
    away, held = r.apart()
    for e in away:
        assert e.decider is not None
        elsewhere.setdefault(f"{e.decider.name} ({e.decider.citation})",
                             []).append(f"{who(e)}: {short(e.title)}")
    deferred += [f"{who(e)}: {short(e.title)}" for e in held]
    out: list[str] = []
    if elsewhere:
        out.append("Đề nghị thuộc thẩm quyền cơ quan khác (không đưa vào văn bản của tổ chức):")
        for authority, items in elsewhere.items():
            out.append(f"  {authority}: {len(items)} đề nghị")
            out += [f"    - {i}" for i in items]
        out.append("")
    if deferred:
        out.append("Tạm chưa xét (đang bị xem xét kỷ luật, thanh tra, điều tra):")
        out += [f"  - {i}" for i in deferred]
        out.append("")
    return out


def markdown(r: YearDecision) -> str:
    """Headroom and totals as Markdown, for a CI job summary or a pull request comment.
    Every value from the data is escaped: it cannot add Markdown or HTML."""
    e = markdown_cell
    out = [f"## Thi đua năm {r.year} — {e(r.org_id)}", ""]
    if r.choice is None:
        assert r.no_law is not None
        return "\n".join([*out, e(r.no_law.explanation()), ""])
    out += [f"Chế độ {e(r.choice.regime.code)}: {e(r.choice.regime.name)}. "
            f"Ngày xét {vn_date(r.as_of)}.", ""]
    if r.quotas:
        out += ["| Nội dung | Thực tế | Mức | Kết quả | Còn được đề nghị |",
                "|---|---|---|---|---|"]
        for q in r.quotas:
            cells = _quota_cells(q)
            out.append(f"| {e(cells[0])} | {cells[3]} | {e(cells[4])} | {cells[5]} | "
                       f"{cells[6]} |")
        out.append("")
    out += ["| Danh hiệu | " + " | ".join(COUNT_HEADINGS[1:]) + " |",
            "|---" * len(COUNT_HEADINGS) + "|"]
    for t in PERSON_TITLES:
        out.append("| " + " | ".join(_counts_row(t, r.totals_people[t])) + " |")
    for t in UNIT_TITLES:
        out.append("| " + " | ".join(_counts_row(f"Tập thể: {t}" if t in PERSON_TITLES else t,
                                                  r.totals_units[t])) + " |")
    errors = [d for d in r.diagnostics if d.severity == "error"]
    if errors:
        out += ["", f"**{len(errors)} đề nghị không đủ điều kiện hoặc vượt số lượng:**", ""]
        out += [f"- `{e(d.file)}:{d.line or ''}` {d.code}: {e(d.message)}" for d in errors[:50]]
    return "\n".join(out) + "\n"


def verdict_json(v: Verdict) -> dict[str, Any]:
    return {"status": v.status.value, "eligible": v.eligible, "unmet": list(v.failed)}


def _counts(c: Counts) -> dict[str, int]:
    return {f: getattr(c, f) for f in COUNT_FIELDS}


def as_json_dict(r: YearDecision) -> dict[str, Any]:
    ch = r.choice
    # Verdicts, and whole rows of them, are shared values: each is written out once and
    # the same (read-only) object reused for every person who has it.
    by_row: dict[int, dict[str, Any]] = {}

    def row_json(row: tuple[Verdict, ...]) -> dict[str, Any]:
        found = by_row.get(id(row))
        if found is None:
            found = by_row[id(row)] = {t: verdict_json(v)
                                       for t, v in zip(PERSON_TITLES, row, strict=True)}
        return found
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "thidua", "version": __version__},
        "organisation": r.org_id,
        "year": r.year,
        "as_of": r.as_of.isoformat(),
        "regime": ({"code": ch.regime.code, "name": ch.regime.name,
                    "in_force": ch.in_force.code, "selection": ch.rule.reason,
                    "legal_ref": ch.reason_citation} if ch else None),
        "no_law": r.no_law.explanation() if r.no_law else None,
        "totals": {"individuals": {t: _counts(r.totals_people[t]) for t in PERSON_TITLES},
                   "collectives": {t: _counts(r.totals_units[t]) for t in UNIT_TITLES}},
        "units": [{
            "id": u.id, "name": u.name,
            "registered": list(u.registered), "proposed": list(u.proposed),
            "granted": list(u.granted),
            "verdicts": {t: verdict_json(v) for t, v in u.verdicts.items()},
            "individuals": {t: _counts(c) for t, c in u.people.items()},
        } for u in r.units],
        "quotas": [{
            "text": q.text, "title": q.title, "source": q.source, "is_cap": q.is_cap,
            "actual": q.actual, "base": q.base, "limit": q.limit, "allowed": q.allowed,
            "headroom": q.headroom, "ok": q.ok, "legal_ref": q.citation,
        } for q in r.quotas],
        "people": [{
            "id": p.id, "name": p.name, "unit": p.unit, "leader": p.leader,
            "registered": list(p.registered), "proposed": list(p.proposed),
            "granted": list(p.granted),
            "verdicts": row_json(p.row),
        } for p in r.people],
        "outcomes": outcomes_json(r),
        "diagnostics": [as_dict(d) for d in r.diagnostics],
    }


def outcomes_json(r: YearDecision) -> list[dict[str, Any]]:
    """The decision step's answer for every proposal: recognised or why not, who decides."""
    out: list[dict[str, Any]] = []
    for collective, titles in ((False, PERSON_TITLES), (True, UNIT_TITLES)):
        for title in titles:
            o = r.outcome(title, collective)
            if not o.entries:
                continue
            out.append({
                "title": title, "subject": o.subject,
                "lawful": o.lawful,
                "over_cap": [{"cap": b.quota.text, "actual": b.quota.actual,
                              "allowed": b.quota.allowed, "names": list(b.over)}
                             for b in o.breaches],
                "entries": [{
                    "id": e.id, "name": e.name, "unit": e.unit, "status": e.status.value,
                    "decider": e.decider.name if e.decider else None,
                    "document": _document_of(e),
                    "plan": e.plan,
                    "reasons": [{"text": x.text, "legal_ref": x.citation} for x in e.reasons],
                } for e in o.entries],
            })
    return out


def _document_of(e: Entry) -> str | None:
    """Where a recognised proposal goes: the organisation's decision or its proposal upward."""
    if e.status is not EntryStatus.RECOGNISED or e.decider is None:
        return None
    return "quyết định" if e.decider.own else "tờ trình"


def to_json(r: YearDecision) -> str:
    # Compact: a 50,000-person tally is tens of MB; indentation would triple the time.
    return json.dumps(as_json_dict(r), ensure_ascii=False, separators=(",", ":")) + "\n"


_COUNTS_SCHEMA = {"type": "object", "additionalProperties": False,
                  "required": list(COUNT_FIELDS),
                  "properties": {k: {"type": "integer", "minimum": 0} for k in COUNT_FIELDS}}
VERDICT_SCHEMA = {
    "type": "object", "required": ["status", "eligible", "unmet"],
    "additionalProperties": False,
    "properties": {"status": {"enum": [s.value for s in Status]},
                   "eligible": {"type": ["boolean", "null"]},
                   "unmet": {"type": "array", "items": {"type": "string"}}}}
_VERDICTS_SCHEMA = {"type": "object", "additionalProperties": VERDICT_SCHEMA}
_TITLES = {"type": "array", "items": {"type": "string"}}
JSON_OUTPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "tally-output.schema.json",
    "title": "Kết quả thidua tally --format json",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "tool", "organisation", "year", "as_of", "regime",
                 "no_law", "totals", "units", "quotas", "people", "outcomes", "diagnostics"],
    "properties": {
        "schema_version": {"const": JSON_SCHEMA_VERSION},
        "tool": {"type": "object", "required": ["name", "version"]},
        "organisation": {"type": "string"},
        "year": {"type": "integer"},
        "as_of": {"type": "string", "format": "date"},
        "regime": {"type": ["object", "null"],
                   "required": ["code", "name", "in_force", "selection", "legal_ref"]},
        "no_law": {"type": ["string", "null"]},
        "totals": {"type": "object", "required": ["individuals", "collectives"],
                   "properties": {
                       "individuals": {"type": "object", "additionalProperties": _COUNTS_SCHEMA},
                       "collectives": {"type": "object", "additionalProperties": _COUNTS_SCHEMA},
                   }},
        "units": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "registered", "proposed", "granted", "verdicts",
                         "individuals"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                           "registered": _TITLES, "proposed": _TITLES, "granted": _TITLES,
                           "verdicts": _VERDICTS_SCHEMA,
                           "individuals": {"type": "object",
                                           "additionalProperties": _COUNTS_SCHEMA}}}},
        "quotas": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["text", "title", "source", "is_cap", "actual", "base", "limit",
                         "allowed", "headroom", "ok", "legal_ref"],
            "properties": {"text": {"type": "string"}, "title": {"type": "string"},
                           "source": {"enum": ["luật", "chính sách", "kế hoạch"]},
                           "is_cap": {"type": "boolean"},
                           "actual": {"type": "integer"}, "base": {"type": "integer"},
                           "limit": {"type": "string"},
                           "allowed": {"type": ["integer", "null"]},
                           "headroom": {"type": ["integer", "null"]},
                           "ok": {"type": ["boolean", "null"]},
                           "legal_ref": {"type": ["string", "null"]}}}},
        "people": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "unit", "leader", "registered", "proposed", "granted",
                         "verdicts"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                           "unit": {"type": "string"}, "leader": {"type": "boolean"},
                           "registered": _TITLES, "proposed": _TITLES, "granted": _TITLES,
                           "verdicts": _VERDICTS_SCHEMA}}},
        "outcomes": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["title", "subject", "lawful", "over_cap", "entries"],
            "properties": {
                "title": {"type": "string"}, "subject": {"enum": ["cá nhân", "tập thể"]},
                "lawful": {"type": "boolean"},
                "over_cap": {"type": "array", "items": {
                    "type": "object", "required": ["cap", "actual", "allowed", "names"]}},
                "entries": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["id", "name", "unit", "status", "decider", "document", "plan",
                                 "reasons"],
                    "properties": {
                        "id": {"type": "string"}, "name": {"type": "string"},
                        "unit": {"type": "string"},
                        "status": {"enum": [s.value for s in EntryStatus]},
                        "decider": {"type": ["string", "null"]},
                        "document": {"enum": ["quyết định", "tờ trình", None]},
                        "plan": {"type": ["string", "null"]},
                        "reasons": {"type": "array", "items": {
                            "type": "object", "required": ["text", "legal_ref"]}}}}}}}},
        "diagnostics": {"type": "array"},
    },
}


def to_csv(r: YearDecision) -> str:
    """One row per person; UTF-8 with BOM so that Excel shows the diacritics. Unit names,
    not codes (the code has its own column)."""
    buf = StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    names = _unit_names(r)
    w.writerow(["Mã", "Họ tên", "Mã đơn vị", "Đơn vị", "Lãnh đạo", "Đăng ký", "Đề nghị",
                "Đã khen", *(f"{short(t)}: kết luận" for t in PERSON_TITLES)])
    for p in r.people:
        w.writerow([p.id, p.name, p.unit, names.get(p.unit, p.unit),
                    "có" if p.leader else "không",
                    "; ".join(p.registered), "; ".join(p.proposed), "; ".join(p.granted),
                    *(p.verdicts[t].status.value for t in PERSON_TITLES)])
    return "\ufeff" + buf.getvalue()


def title_rows(r: YearDecision) -> list[list[str]]:
    """The summary table rows (individual then collective titles), for workbooks."""
    rows = [["Cá nhân: " + t, *_counts_row(t, r.totals_people[t])[1:]] for t in PERSON_TITLES]
    rows += [["Tập thể: " + t, *_counts_row(t, r.totals_units[t])[1:]] for t in UNIT_TITLES]
    return rows


def created(r: YearDecision) -> datetime:
    """A fixed creation time: the same decision gives the same bytes."""
    return datetime(r.as_of.year, r.as_of.month, r.as_of.day)


def to_xlsx(r: YearDecision) -> bytes:
    """A workbook to print and file (see :mod:`thidua.report.workbook`)."""
    from thidua.report.workbook import Book

    org = r.repo.org
    names = org.names_on(r.as_of) if org else None
    regime = (f"Chế độ {r.choice.regime.code}: {r.choice.regime.name}" if r.choice
              else r.no_law.explanation() if r.no_law else "")
    titles = [f"TỔNG HỢP THI ĐUA, KHEN THƯỞNG NĂM {r.year}",
              f"{names.name} — {names.parent}" if names else r.org_id,
              f"Ngày xét: {vn_date(r.as_of)}. {regime}"]
    book = Book(f"Tổng hợp thi đua năm {r.year}", created(r))
    heads = COUNT_HEADINGS
    book.sheet("Tổng hợp", titles, heads,
               [[row[0], *(int(x) for x in row[1:])] for row in title_rows(r)])
    unit_names = {u.id: u.name for u in org.units} if org else {}
    book.sheet("Đơn vị", titles,
               ["Mã đơn vị", "Đơn vị", *(f"{short(x)} {k}" for x in PERSON_TITLES[:2]
                                         for k in ("đăng ký", "đủ ĐK", "đề nghị")),
                *(short(x) for x in UNIT_TITLES[:2]), "Tập thể đề nghị"],
               [[u.id, u.name, *(getattr(u.people[x], k) for x in PERSON_TITLES[:2]
                                 for k in ("registered", "eligible", "proposed")),
                 *(u.verdicts[x].status.value for x in UNIT_TITLES[:2]),
                 ", ".join(u.proposed)] for u in r.units], totals_from=2)
    book.sheet("Chỉ tiêu", titles,
               ["Nội dung", "Nguồn", "Loại", "Thực tế", "Trên", "Mức", "Kết quả",
                "Còn được đề nghị"],
               [[q.text, q.source, "trần" if q.is_cap else "mục tiêu", q.actual, q.base,
                 q.limit, _quota_state(q),
                 q.headroom if q.headroom is not None and q.ok else ""] for q in r.quotas])
    book.sheet("Cá nhân", titles,
               ["Mã", "Họ tên", "Mã đơn vị", "Đơn vị", "Đăng ký", "Đề nghị", "Đã khen",
                *(short(x) for x in PERSON_TITLES)],
               [[p.id, p.name, p.unit, unit_names.get(p.unit, p.unit),
                 "; ".join(p.registered), "; ".join(p.proposed), "; ".join(p.granted),
                 *(p.verdicts[x].status.value for x in PERSON_TITLES)] for p in r.people])
    return book.close()
