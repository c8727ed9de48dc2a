"""One negative fixture per diagnostic code: tests/fixtures/negative/<code>-<what>/.

Each case folder overlays files on the valid repository in tests/fixtures/base and lists,
in case.yaml, exactly which diagnostics (code, file, line) validate must report.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml_rs

from thidua.diagnostics import CODES
from thidua.errors import DataProblems
from thidua.library.decisions import decide_at
from thidua.library.validation import validate
from thidua.textutil import parse_date

from .conftest import FIXTURES

NEGATIVE = FIXTURES / "negative"
CASES = sorted(p for p in NEGATIVE.iterdir() if p.is_dir())


def _prepare(case: Path, repo: Path) -> dict:
    spec = yaml_rs.loads((case / "case.yaml").read_text(encoding="utf-8"),
                         parse_datetime=False)
    shutil.copytree(case, repo, dirs_exist_ok=True,
                    ignore=lambda d, names: ["case.yaml"] if Path(d) == case else [])
    for rel in spec.get("remove", []):
        (repo / rel).unlink()
    for rel, target in (spec.get("symlinks") or {}).items():
        os.symlink(target, repo / rel)
    for rel, megabytes in (spec.get("big_files") or {}).items():
        with open(repo / rel, "wb") as fh:  # sparse: instant, no disk used
            fh.truncate(megabytes * 1024 * 1024)
    return spec


def _import_case(spec: dict, repo: Path) -> list:
    """A finding of `thidua import`: a form made for the base repository, edited as
    ``import.edit`` says (openpyxl, as a clerk's Excel would), then imported."""
    import openpyxl

    from thidua.library.forms import import_forms, import_roster, make_forms

    t = spec["import"]
    if "roster" in t:  # a staff list as offices keep it, into nhan_su/<unit>.yaml
        wb = openpyxl.Workbook()
        for row in t["roster"]["rows"]:
            wb.active.append(row)
        path = repo / "danh-sach.xlsx"
        wb.save(path)
        return import_roster(repo, path, unit=t["roster"]["unit"])[0].diagnostics
    name, data = make_forms(repo, t["year"], units=[t["unit"]])[0]
    path = repo / name
    path.write_bytes(data)
    for change in t.get("then_change") or ():  # the data changes after the form was made
        target = repo / change["file"]
        text = target.read_text(encoding="utf-8")
        assert change["old"] in text, change
        target.write_text(text.replace(change["old"], change["new"], 1), encoding="utf-8")
    edit = t.get("edit") or {}
    if "raw" in edit:
        raw = edit["raw"]
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 if raw == "xls"
                         else raw.encode("utf-8"))
    elif edit:
        wb = openpyxl.load_workbook(path)
        ws = wb[edit["sheet"]] if "sheet" in edit else None
        if "value" in edit:
            cell = ws[edit["cell"]]
            cell.value = edit["value"]
            if edit.get("general"):
                cell.number_format = "General"
        if "merge" in edit:
            ws.merge_cells(edit["merge"])
        if "hide_row" in edit:
            ws.row_dimensions[edit["hide_row"]].hidden = True
        if "rename" in edit:
            ws.title = edit["rename"]
        if "property" in edit:
            for p in wb.custom_doc_props.props:
                if p.name == edit["property"]:
                    p.value = edit["to"]
        if edit.get("clear"):
            for sheet in ("Đăng ký", "Kết quả"):
                for row in wb[sheet].iter_rows(min_row=3):
                    for c in row[1:]:
                        c.value = None
        wb.save(path)
    return import_forms(repo, [path]).diagnostics


def _record_case(spec: dict, repo: Path) -> list:
    """A finding of `thidua record-decision`: a decision printed from the base repository,
    then recorded with the number and date the case gives."""
    from thidua.library.documents import render_decision
    from thidua.library.records import record_decision
    from thidua.render.decision import DecisionRequest

    t = spec["record"]
    # cap_lai: the document was printed before the earlier record (so it still names them)
    req = DecisionRequest(title=t["title"], left_out=() if t.get("cap_lai") else None)
    data = render_decision(repo, t["year"], req, org=None, as_of=parse_date(t["as_of"])).data
    with pytest.raises(DataProblems) as exc:
        record_decision(repo, data, number=t["number"], day=parse_date(t["day"]))
    return exc.value.diagnostics


def _certificates_case(spec: dict, repo: Path) -> list:
    """A finding of `thidua render-certificates` (the case brings templates/chung-nhan.yaml)."""
    from thidua.library.records import render_certificates

    t = spec["certificates"]
    with pytest.raises(DataProblems) as exc:
        render_certificates(repo, t["year"], t["title"])
    return exc.value.diagnostics


def _findings(spec: dict, repo: Path) -> list:
    if "tally" in spec:  # a finding of `thidua tally`, on data that validates
        t = spec["tally"]
        return decide_at(repo, t["year"], parse_date(t["as_of"])).diagnostics
    if "import" in spec:
        return _import_case(spec, repo)
    if "record" in spec:
        return _record_case(spec, repo)
    if "certificates" in spec:
        return _certificates_case(spec, repo)
    return validate([Path(t) for t in spec.get("targets", ["."])]).diagnostics


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_negative_case(case: Path, base_repo: Path) -> None:
    spec = _prepare(case, base_repo)
    diagnostics = _findings(spec, base_repo)
    got = sorted((d.code, d.file, d.line) for d in diagnostics)
    want = sorted((e["code"], e["file"], e.get("line")) for e in spec["expect"])
    assert got == want, spec["description"]
    for d in diagnostics:
        assert d.message and d.hint, d.code


def test_every_code_has_a_negative_fixture() -> None:
    covered = {p.name.split("-", 1)[0].upper() for p in CASES}
    assert set(CODES) <= covered, sorted(set(CODES) - covered)


def test_each_case_expects_its_own_code() -> None:
    for case in CASES:
        spec = yaml_rs.loads((case / "case.yaml").read_text(encoding="utf-8"),
                             parse_datetime=False)
        code = case.name.split("-", 1)[0].upper()
        assert code in {e["code"] for e in spec["expect"]}, case.name


ENGLISH = frozenset({"the", "is", "not", "of", "and", "expected", "found", "invalid", "error",
                     "line", "column", "while", "parsing", "mapping", "value", "values", "key",
                     "unknown", "missing", "must", "should", "cannot", "could", "does", "none",
                     "true", "false", "type", "list", "dict", "str", "int", "float", "object",
                     "exceeds", "limit", "allowed", "character", "unexpected", "scalar"})


def _words(text: str) -> list[str]:
    """The words of a message, without quoted values, file paths and codes."""
    import re

    text = re.sub(r"\"[^\"]*\"|“[^”]*”|'[^']*'|\S*[/\\]\S*|\S+\.ya?ml\S*|TD\d{3}|\w*_\w*",
                  " ", text)
    return re.findall(r"[^\W\d_]+", text.lower())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_message_reads_as_a_clerk_would(case: Path, base_repo: Path) -> None:
    """Vietnamese only, a hint that says what to do, no phrase said twice."""
    spec = _prepare(case, base_repo)
    diagnostics = _findings(spec, base_repo)
    for d in diagnostics:
        text = f"{d.message} {d.hint}"
        english = [w for w in _words(text) if w in ENGLISH]
        assert not english, (d.code, english, text)
        assert d.hint.strip(" .:") and not d.hint.rstrip().endswith(":"), (d.code, d.hint)
        words = _words(text)
        grams = [" ".join(words[i:i + 4]) for i in range(len(words) - 3)]
        repeated = {g for g in grams if grams.count(g) > 1}
        assert not repeated, (d.code, repeated, text)
