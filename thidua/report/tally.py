"""Reporters for a tally: text tables, JSON (versioned schema), CSV and XLSX."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from io import BytesIO, StringIO
from typing import Any

from thidua import __version__
from thidua.model import vocab
from thidua.report.diagnostics import as_dict
from thidua.tally.compute import PERSON_TITLES, UNIT_TITLES, Counts, QuotaRow, TallyResult
from thidua.textutil import vn_date

JSON_SCHEMA_VERSION = 1
SHORT = {
    "Lao động tiên tiến": "LĐTT", "Chiến sĩ thi đua cơ sở": "CSTĐCS",
    "Chiến sĩ thi đua cấp tỉnh": "CSTĐ tỉnh", "Chiến sĩ thi đua cấp bộ": "CSTĐ bộ",
    "Giấy khen": "Giấy khen", "Bằng khen cấp tỉnh": "BK tỉnh", "Bằng khen cấp bộ": "BK bộ",
    "Bằng khen của Thủ tướng Chính phủ": "BK TTg", "Tập thể lao động tiên tiến": "TTLĐTT",
    "Tập thể lao động xuất sắc": "TTLĐXS",
}
VERDICT = {True: "đạt", False: "không đạt", None: "chưa rõ"}


def _table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right or set()
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    sep = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def _counts_row(title: str, c: Counts) -> list[str]:
    return [title, str(c.registered), str(c.eligible), str(c.undetermined), str(c.proposed),
            str(c.granted)]


def _quota_cells(q: QuotaRow) -> list[str]:
    if q.ok is None:
        state = "chưa có số liệu"
    elif q.is_cap:
        state = "trong giới hạn" if q.ok else "VƯỢT"
    else:
        state = "đạt" if q.ok else "chưa đạt"
    room = f"còn được đề nghị {q.headroom}" if q.headroom is not None and q.ok else ""
    kind = "trần" if q.is_cap else "mục tiêu"
    return [q.text, q.source, kind, f"{q.actual}/{q.base}", q.limit, state, room]


def text(r: TallyResult, *, people: bool = True) -> str:
    out = [f"TỔNG HỢP THI ĐUA, KHEN THƯỞNG NĂM {r.year} — {r.org_id}",
           r.choice.explanation(), ""]
    heads = ["Danh hiệu", "Đăng ký", "Đủ ĐK", "Chưa rõ", "Đề nghị", "Đã khen"]
    out += ["Cá nhân:", _table(heads, [_counts_row(t, r.totals_people[t])
                                       for t in PERSON_TITLES], {1, 2, 3, 4, 5}), ""]
    out += ["Tập thể:", _table(heads, [_counts_row(t, r.totals_units[t])
                                       for t in UNIT_TITLES], {1, 2, 3, 4, 5}), ""]
    ldtt, cst = vocab.LDTT.name, vocab.CSTDCS.name
    rows = []
    for u in r.units:
        lc, cc = u.people[ldtt], u.people[cst]
        collective = ", ".join(f"{SHORT[t]}: {VERDICT[u.verdicts[t].eligible]}"
                               for t in UNIT_TITLES[:2])
        proposed = ", ".join(SHORT.get(t, t) for t in u.proposed) or "—"
        rows.append([u.name, f"{lc.registered}/{lc.eligible}/{lc.proposed}",
                     f"{cc.registered}/{cc.eligible}/{cc.proposed}", collective, proposed])
    out += ["Theo đơn vị (đăng ký/đủ điều kiện/đề nghị):",
            _table(["Đơn vị", "LĐTT", "CSTĐCS", "Tập thể", "Tập thể đề nghị"], rows), ""]
    if r.quotas:
        out += ["Số lượng tối đa và chỉ tiêu:",
                _table(["Nội dung", "Nguồn", "Loại", "Thực tế", "Mức", "Kết quả", ""],
                       [_quota_cells(q) for q in r.quotas]), ""]
    if people and r.people:
        prow = []
        for p in r.people:
            ok = ", ".join(SHORT[t] for t in PERSON_TITLES if p.verdicts[t].eligible is True)
            proposed = ", ".join(
                SHORT.get(t, t) + ("" if p.verdicts.get(t) is None
                                   or p.verdicts[t].eligible is True else " (!)")
                for t in p.proposed)
            prow.append([p.id, p.name, p.unit, proposed or "—", ok or "—"])
        out += ["Từng người (đề nghị; \"(!)\" = không đủ hoặc chưa rõ điều kiện):",
                _table(["Mã", "Họ tên", "Đơn vị", "Đề nghị", "Đủ điều kiện"], prow), ""]
    return "\n".join(out) + "\n"


def markdown(r: TallyResult) -> str:
    """Headroom and totals as Markdown, for a CI job summary or a pull request comment."""
    out = [f"## Thi đua năm {r.year} — {r.org_id}", "",
           f"Chế độ {r.choice.regime.code}: {r.choice.regime.name}. "
           f"Ngày xét {vn_date(r.as_of)}.", ""]
    if r.quotas:
        out += ["| Nội dung | Thực tế | Mức | Kết quả | Còn được đề nghị |",
                "|---|---|---|---|---|"]
        for q in r.quotas:
            cells = _quota_cells(q)
            room = str(q.headroom) if q.headroom is not None and q.ok else ""
            out.append(f"| {cells[0]} | {cells[3]} | {cells[4]} | {cells[5]} | {room} |")
        out.append("")
    out += ["| Danh hiệu | Đăng ký | Đủ điều kiện | Chưa rõ | Đề nghị | Đã khen |",
            "|---|---|---|---|---|---|"]
    for t in PERSON_TITLES:
        out.append("| " + " | ".join(_counts_row(t, r.totals_people[t])) + " |")
    for t in UNIT_TITLES:
        out.append("| " + " | ".join(_counts_row(f"Tập thể: {t}" if t in PERSON_TITLES else t,
                                                  r.totals_units[t])) + " |")
    errors = [d for d in r.diagnostics if d.severity == "error"]
    if errors:
        out += ["", f"**{len(errors)} đề nghị không đủ điều kiện hoặc vượt số lượng:**", ""]
        out += [f"- `{d.file}:{d.line or ''}` {d.code}: {d.message}" for d in errors[:50]]
    return "\n".join(out) + "\n"


def _counts(c: Counts) -> dict[str, int]:
    return {"registered": c.registered, "eligible": c.eligible,
            "undetermined": c.undetermined, "proposed": c.proposed, "granted": c.granted}


def as_json_dict(r: TallyResult) -> dict[str, Any]:
    ch = r.choice
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "thidua", "version": __version__},
        "organisation": r.org_id,
        "year": r.year,
        "as_of": r.as_of.isoformat(),
        "regime": {"code": ch.regime.code, "name": ch.regime.name,
                   "selection": ch.rule.citation},
        "totals": {"individuals": {t: _counts(r.totals_people[t]) for t in PERSON_TITLES},
                   "collectives": {t: _counts(r.totals_units[t]) for t in UNIT_TITLES}},
        "units": [{
            "id": u.id, "name": u.name,
            "registered": list(u.registered), "proposed": list(u.proposed),
            "granted": list(u.granted),
            "verdicts": {t: {"eligible": v.eligible, "unmet": list(v.failed)}
                         for t, v in u.verdicts.items()},
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
            "verdicts": {t: {"eligible": v.eligible, "unmet": list(v.failed)}
                         for t, v in p.verdicts.items()},
        } for p in r.people],
        "diagnostics": [as_dict(d) for d in r.diagnostics],
    }


def to_json(r: TallyResult) -> str:
    # Compact: a 50,000-person tally is tens of MB; indentation would triple the time.
    return json.dumps(as_json_dict(r), ensure_ascii=False, separators=(",", ":")) + "\n"


_COUNTS_SCHEMA = {"type": "object", "additionalProperties": False,
                  "required": ["registered", "eligible", "undetermined", "proposed", "granted"],
                  "properties": {k: {"type": "integer", "minimum": 0} for k in (
                      "registered", "eligible", "undetermined", "proposed", "granted")}}
_VERDICTS_SCHEMA = {"type": "object", "additionalProperties": {
    "type": "object", "required": ["eligible", "unmet"], "additionalProperties": False,
    "properties": {"eligible": {"type": ["boolean", "null"]},
                   "unmet": {"type": "array", "items": {"type": "string"}}}}}
_TITLES = {"type": "array", "items": {"type": "string"}}
JSON_OUTPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "tally-output.schema.json",
    "title": "Kết quả thidua tally --format json",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "tool", "organisation", "year", "as_of", "regime", "totals",
                 "units", "quotas", "people", "diagnostics"],
    "properties": {
        "schema_version": {"const": JSON_SCHEMA_VERSION},
        "tool": {"type": "object", "required": ["name", "version"]},
        "organisation": {"type": "string"},
        "year": {"type": "integer"},
        "as_of": {"type": "string", "format": "date"},
        "regime": {"type": "object", "required": ["code", "name", "selection"],
                   "properties": {"code": {"enum": ["A", "B", "C"]}}},
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
        "diagnostics": {"type": "array"},
    },
}


def to_csv(r: TallyResult) -> str:
    """One row per person; UTF-8 with BOM so that Excel shows the diacritics."""
    buf = StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Mã", "Họ tên", "Đơn vị", "Lãnh đạo", "Đăng ký", "Đề nghị", "Đã khen",
                *(f"{SHORT[t]}: kết luận" for t in PERSON_TITLES)])
    for p in r.people:
        w.writerow([p.id, p.name, p.unit, "có" if p.leader else "không",
                    "; ".join(p.registered), "; ".join(p.proposed), "; ".join(p.granted),
                    *(VERDICT[p.verdicts[t].eligible] for t in PERSON_TITLES)])
    return "\ufeff" + buf.getvalue()


def to_xlsx(r: TallyResult) -> bytes:
    import xlsxwriter

    buf = BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    # Fixed creation time: the same tally gives the same bytes.
    wb.set_properties({"title": f"Tổng hợp thi đua năm {r.year}", "author": "thidua",
                       "created": datetime(r.year + 1, 1, 1)})
    bold = wb.add_format({"bold": True, "font_name": "Times New Roman"})
    plain = wb.add_format({"font_name": "Times New Roman"})
    heads = ["Danh hiệu", "Đăng ký", "Đủ điều kiện", "Chưa rõ", "Đề nghị", "Đã khen"]

    def sheet(name: str, header: list[str], rows: list[list[Any]]) -> None:
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header, bold)
        for i, row in enumerate(rows, 1):
            ws.write_row(i, 0, row, plain)
        ws.freeze_panes(1, 0)
        ws.set_column(0, len(header) - 1, 18)

    summary = [["Cá nhân: " + t, *_counts_row(t, r.totals_people[t])[1:]]
               for t in PERSON_TITLES]
    summary += [["Tập thể: " + t, *_counts_row(t, r.totals_units[t])[1:]]
                for t in UNIT_TITLES]
    sheet("Tổng hợp", heads, [[c if i == 0 else int(c) for i, c in enumerate(row)]
                              for row in summary])
    sheet("Đơn vị", ["Đơn vị", *(f"{SHORT[t]} ({k})" for t in PERSON_TITLES[:2]
                                 for k in ("đăng ký", "đủ ĐK", "đề nghị")),
                     *(SHORT[t] for t in UNIT_TITLES[:2]), "Tập thể đề nghị"],
          [[u.name, *(getattr(u.people[t], k) for t in PERSON_TITLES[:2]
                      for k in ("registered", "eligible", "proposed")),
            *(VERDICT[u.verdicts[t].eligible] for t in UNIT_TITLES[:2]),
            ", ".join(u.proposed)] for u in r.units])
    sheet("Chỉ tiêu", ["Nội dung", "Nguồn", "Loại", "Thực tế", "Mức", "Kết quả", "Còn lại"],
          [_quota_cells(q) for q in r.quotas])
    sheet("Cá nhân", ["Mã", "Họ tên", "Đơn vị", "Đăng ký", "Đề nghị", "Đã khen",
                      *(SHORT[t] for t in PERSON_TITLES)],
          [[p.id, p.name, p.unit, "; ".join(p.registered), "; ".join(p.proposed),
            "; ".join(p.granted), *(VERDICT[p.verdicts[t].eligible] for t in PERSON_TITLES)]
           for p in r.people])
    wb.close()
    return buf.getvalue()


def as_of_line(r: TallyResult) -> str:
    return f"Ngày xét: {vn_date(r.as_of)}"
