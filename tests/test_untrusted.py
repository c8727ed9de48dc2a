"""A pull request is untrusted input: each finding of the review, reproduced, then held.

Templates, documents and data crafted by a careless or hostile contributor must give a clear
error (exit 1, never 3), never run away with time or memory, and never change what a document
or a review comment says beyond the value itself.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from thidua.render.docx_writer import extract

from .conftest import ROOT, edit_template, run_cli

AS_OF = ("--ngay-xet", "2024-01-20")
ORG = "campaigns/stp-ninh-thuan"
DECISION_TPL = "quyet-dinh-cong-nhan-ca-nhan.docx"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", r / "campaigns")
    return r


def _zip_edit(path: Path, edit: dict[str, bytes | None], add: dict[str, bytes] | None = None
              ) -> None:
    """Rewrite some parts of a .docx (None removes a part)."""
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    for name, data in edit.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    parts.update(add or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    path.write_bytes(buf.getvalue())


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


# -- verify reads the document -------------------------------------------------------------
@pytest.fixture
def decision(tmp_path: Path) -> Path:
    out = tmp_path / "qd.docx"
    assert run_cli("render-decision", "2023", *AS_OF, "-o", str(out), "--repo",
                   str(ROOT)).returncode == 0
    return out


def test_verify_fails_when_one_annex_name_is_swapped_in_the_body(decision: Path) -> None:
    body = _part(decision, "word/document.xml")
    assert "Nguyễn Kim Trang".encode() in body
    _zip_edit(decision, {"word/document.xml": body.replace("Nguyễn Kim Trang".encode(),
                                                           "Nguyễn Kim Trâm".encode())})
    r = run_cli("verify", str(decision), "--repo", str(ROOT))
    assert r.returncode == 1 and "Không khớp" in r.stdout + r.stderr


@pytest.mark.parametrize("damage", ["no-body", "bad-xml", "deep-json", "not-a-zip",
                                    "entities"])
def test_verify_on_a_damaged_document_is_a_clear_error(decision: Path, damage: str) -> None:
    if damage == "no-body":
        _zip_edit(decision, {"word/document.xml": None})
    elif damage == "bad-xml":
        _zip_edit(decision, {"docProps/custom.xml": b"<Properties><property"})
    elif damage == "deep-json":
        custom = _part(decision, "docProps/custom.xml")
        _zip_edit(decision, {"docProps/custom.xml": re.sub(
            rb"<vt:lpwstr>2023</vt:lpwstr>", b"<vt:lpwstr>" + b"[" * 100_000 + b"</vt:lpwstr>",
            custom)})
    elif damage == "entities":
        custom = _part(decision, "docProps/custom.xml")
        bomb = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
        _zip_edit(decision, {"docProps/custom.xml": custom.replace(b"?>", b"?>" + bomb, 1)
                             .replace(b"<vt:lpwstr>2023", b"<vt:lpwstr>&c;", 1)})
    else:
        decision.write_bytes(b"PK\x03\x04 not really")
    r = run_cli("verify", str(decision), "--repo", str(ROOT))
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "nội bộ" not in r.stderr


# -- data is only data ---------------------------------------------------------------------
def test_a_name_that_looks_like_template_syntax_stays_text(repo: Path, tmp_path: Path) -> None:
    trick = "Nguyễn Kim Trang [[ten]] {{ co_quan }} {%p if x %}"
    for f in (repo / ORG / "nhan_su").glob("*.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace(
            "ho_ten: Nguyễn Kim Trang", f"ho_ten: \"{trick}\""), encoding="utf-8")
    out = tmp_path / "bb.docx"
    r = run_cli("render-minutes", "2023", *AS_OF, "-o", str(out), cwd=repo)
    assert r.returncode == 0, r.stderr
    body = _part(out, "word/document.xml").decode()
    assert body.count("THƯ KÝ HỘI ĐỒNG") == 1  # the signature table was not cloned
    assert "[[stt]]" not in body and not re.search(r"\[\[thidua-", body)
    lines = extract(out.read_bytes())
    assert sum(trick in line for line in lines) == 4  # attendance ×2, signature, annex row


def test_a_recipient_that_looks_like_a_marker_keeps_the_signature(repo: Path,
                                                                  tmp_path: Path) -> None:
    plan = repo / ORG / "2023/ke_hoach/kh-3169-dot-thi-dua-quy-iv.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  - Sở Nội vụ\n" in text
    plan.write_text(text.replace("  - Sở Nội vụ\n", "  - \"Sở Nội vụ [[x]]\"\n", 1),
                    encoding="utf-8")
    out = tmp_path / "kh.docx"
    assert run_cli("render-plan", str(plan), "-o", str(out), cwd=repo).returncode == 0
    body = "\n".join(extract(out.read_bytes()))
    assert "Sở Nội vụ [[x]];" in body and "Nơi nhận:" in body and "KT. GIÁM ĐỐC" in body


def test_markdown_in_names_cannot_inject_into_a_pull_request_comment(repo: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "a"], cwd=repo, check=True, env=env)
    roster = repo / ORG / "nhan_su/van-phong.yaml"
    evil = "Nguyễn Kim Trang | ![x](https://e.invalid/p.png) <img src=x> @admin # **đậm**"
    roster.write_text(roster.read_text(encoding="utf-8").replace(
        "ho_ten: Nguyễn Kim Trang", f"ho_ten: \"{evil}\"").replace(
        "chuc_vu: Phó Chánh Văn phòng", "chuc_vu: Chánh Văn phòng"), encoding="utf-8")
    r = run_cli("diff", "HEAD", "-f", "markdown", *AS_OF, cwd=repo)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "họ tên" in out and "chức vụ" in out  # both reach documents: both reported
    # every Markdown character of the value is escaped: it shows as text, does nothing
    assert not re.search(r"(?<!\\)!\\?\[|(?<!\\)<img|(?<![&#\d])@admin|(?<!\\)\|", out)
    assert "\n# " not in out and "\n#" not in out.replace("\n## ", "").replace("\n### ", "")


def test_a_value_cannot_break_out_of_the_ci_summary_or_annotations(repo: Path,
                                                                  tmp_path: Path) -> None:
    """A YAML value with line breaks, a table bar, a heading, HTML and an escape sequence,
    echoed by validate: it stays inside its table cell of the step summary, inside its
    annotation, and on its line in text mode."""
    results = sorted((repo / ORG / "2023/ket_qua").glob("*.yaml"))[0]
    evil = ("x |\\n\\n## ✅ thidua validate / không có lỗi\\n<script>\\u001b[31m"
            "\\n::error file=a::giả")
    text = results.read_text(encoding="utf-8")
    results.write_text(text.replace("xep_loai: Hoàn thành tốt nhiệm vụ",
                                    f"xep_loai: \"{evil}\"", 1), encoding="utf-8")
    summary = tmp_path / "summary.md"
    r = run_cli("validate", "--format", "github", cwd=repo,
                env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"})
    assert r.returncode == 1
    md = summary.read_text(encoding="utf-8")
    assert "thidua validate / không có lỗi" in md and "TD104" in md  # the value is echoed
    assert md.count("\n## ") == 0 and md.startswith("## ")  # one heading: thidua's own
    assert "<script>" not in md and "\x1b" not in md
    table = [ln for ln in md.splitlines() if ln.startswith("| ")]
    assert all(ln.count(" | ") - ln.count("\\|") <= 3 for ln in table)
    annotations = [ln for ln in r.stdout.splitlines() if ln.startswith("::")]
    assert annotations and all(ln.startswith(("::error ", "::warning ")) for ln in annotations)
    assert "\x1b" not in r.stdout and "%0A::error file=a::" in r.stdout  # data, not a command
    plain = run_cli("validate", cwd=repo)
    assert "\x1b" not in plain.stdout and "\n::error" not in plain.stdout
    assert not any(ln.startswith("## ") for ln in plain.stdout.splitlines())


def test_a_nul_byte_is_reported_not_truncated(repo: Path) -> None:
    roster = repo / ORG / "nhan_su/van-phong.yaml"
    roster.write_bytes(roster.read_bytes().replace(b"nhan_su:", b"nhan_su:\x00", 1))
    r = run_cli("validate", cwd=repo)
    assert r.returncode == 1
    assert re.search(r"nhan_su/van-phong\.yaml:\d+:\d+: lỗi TD015", r.stdout)
    assert "TD202" not in r.stdout  # no cascade from the roster that could not be read


# -- repository templates ------------------------------------------------------------------
@pytest.fixture
def template(repo: Path) -> Path:
    assert run_cli("templates", "export", cwd=repo).returncode == 0
    return repo / "templates" / DECISION_TPL


def _render_and_check(repo: Path) -> tuple[subprocess.CompletedProcess[str],
                                          subprocess.CompletedProcess[str]]:
    out = repo / "qd.docx"
    r = run_cli("render-decision", "2023", *AS_OF, "-o", str(out), cwd=repo)
    c = run_cli("templates", "check", cwd=repo)
    assert not out.exists()
    return r, c


JINJA = {
    "sandbox-escape": ("{{ trich_yeu }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}",
                       "gọi hàm"),
    "undefined": ("{{ trich_yeu }}", "{{ trich_yeu_sai }}", "trich_yeu_sai"),
    "syntax": ("{{ trich_yeu }}", "{{ trich_yeu }", "thẻ Jinja hỏng"),
    "range-loops": ("{{ trich_yeu }}",
                    "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}"
                    "{% endfor %}", "gọi hàm"),
    "huge-string": ("{{ trich_yeu }}", "{{ 'a' * 1000000000 }}", "phép nhân"),
    "huge-filter": ("{{ trich_yeu }}", "{{ trich_yeu|center(1000000000) }}", "center"),
    # Tags that would read files or other templates: the sandbox has no loader.
    "include": ("{{ trich_yeu }}", "{% include '/etc/passwd' %}{{ trich_yeu }}", "include"),
    "import": ("{{ trich_yeu }}", "{% import '/etc/passwd' as p %}{{ trich_yeu }}", "import"),
    "extends": ("{{ trich_yeu }}", "{% extends '/etc/passwd' %}{{ trich_yeu }}", "extends"),
    "from-import": ("{{ trich_yeu }}", "{% from 'x' import y %}{{ trich_yeu }}", "from"),
}


@pytest.mark.parametrize("case", sorted(JINJA))
def test_template_jinja_abuse_is_a_located_error(repo: Path, template: Path, case: str) -> None:
    old, new, words = JINJA[case]
    edit_template(template, old, new)
    r, c = _render_and_check(repo)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "nội bộ" not in r.stderr
    assert DECISION_TPL in r.stderr
    assert c.returncode == 1 and words in c.stdout, c.stdout
    if case in ("include", "import", "extends", "from-import"):
        assert "đoạn \"" in r.stderr and words in r.stderr  # located when rendering too
    assert "đoạn \"" in c.stdout  # the words around it, as Word shows them


PACKAGE = {
    "external-relationship": "liên kết ra ngoài",
    "attached-template": "attachedTemplate",
    "macro": "macro",
    "ole-object": "đối tượng nhúng",
    "zip-bomb": "quá lớn",
    "doctype": "DOCTYPE",
    "not-a-docx": "không phải tệp Word",
}


@pytest.mark.parametrize("case", sorted(PACKAGE))
def test_template_package_abuse_is_refused(repo: Path, template: Path, case: str) -> None:
    rels = "word/_rels/document.xml.rels"
    if case == "external-relationship":
        _zip_edit(template, {rels: _part(template, rels).replace(
            b"</Relationships>",
            b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/image" Target="http://e.invalid/x.png" '
            b'TargetMode="External"/></Relationships>')})
    elif case == "attached-template":
        settings = _part(template, "word/settings.xml")
        _zip_edit(template, {"word/settings.xml": settings.replace(
            b"</w:settings>", b'<w:attachedTemplate r:id="rId1"/></w:settings>')})
    elif case == "macro":
        _zip_edit(template, {}, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    elif case == "ole-object":
        _zip_edit(template, {}, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"})
    elif case == "zip-bomb":
        _zip_edit(template, {}, {"word/media/image1.png": b"\0" * (40 * 1024 * 1024)})
    elif case == "doctype":
        styles = _part(template, "word/styles.xml")
        _zip_edit(template, {"word/styles.xml": styles.replace(
            b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)})
    else:
        template.write_bytes(b"this is not a Word document")
    r, c = _render_and_check(repo)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert PACKAGE[case] in r.stderr, r.stderr
    assert c.returncode == 1 and PACKAGE[case] in c.stdout, c.stdout


def test_a_template_that_is_a_link_is_not_read(repo: Path, template: Path) -> None:
    template.unlink()
    template.symlink_to("/dev/zero")
    r, c = _render_and_check(repo)
    assert r.returncode == 1 and "liên kết" in r.stderr
    assert c.returncode == 1


# -- the repository boundary ---------------------------------------------------------------
@pytest.mark.parametrize("target", ["/dev/zero", "/etc/hostname", "loop"])
def test_links_out_of_the_repository_are_located_errors(repo: Path, target: str) -> None:
    link = repo / ORG / "nhan_su/z.yaml"
    if target == "loop":
        (repo / ORG / "nhan_su/y.yaml").symlink_to("z.yaml")
        link.symlink_to("y.yaml")
    else:
        link.symlink_to(target)
    r = run_cli("validate", "-f", "json", cwd=repo)
    assert r.returncode == 1
    assert "nhan_su/z.yaml" in r.stdout and "TD011" in r.stdout
    assert "Traceback" not in r.stderr


def test_diff_of_a_commit_holding_a_link_out(repo: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "a"], cwd=repo, check=True, env=env)
    (repo / ORG / "nhan_su/z.yaml").symlink_to("/etc/hostname")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "b"], cwd=repo, check=True, env=env)
    r = run_cli("diff", "HEAD~1", "HEAD", *AS_OF, cwd=repo)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr and "nội bộ" not in r.stderr


# -- no crash on any shape of YAML ---------------------------------------------------------
SHAPES = {
    "list-as-mapping": ("2023/ket_qua/van-phong.yaml", "    de_nghi:\n      - Lao động tiên tiến\n",
                        "    de_nghi:\n      danh_hieu: Lao động tiên tiến\n"),
    "list-for-catalogue": ("2023/ket_qua/van-phong.yaml", "xep_loai: Hoàn thành tốt nhiệm vụ",
                           "xep_loai: []"),
    "vote-without-total": ("2022/ket_qua/van-phong.yaml", "        tong_so: 11\n", ""),
    "signer-as-list": ("2023/ke_hoach/kh-3169-dot-thi-dua-quy-iv.yaml", "nguoi_ky: ",
                       "nguoi_ky: [a, b]\nx_cu: "),
    "huge-integer": ("2022/ket_qua/van-phong.yaml", "        dong_y: 10\n",
                     "        dong_y: " + "9" * 4301 + "\n"),
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_type_mistakes_are_located_diagnostics(repo: Path, case: str) -> None:
    file, old, new = SHAPES[case]
    path = repo / ORG / file
    text = path.read_text(encoding="utf-8")
    assert old in text, case
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run_cli("validate", "-f", "json", cwd=repo)
    assert r.returncode == 1, (r.returncode, r.stderr)
    import json

    found = [d for d in json.loads(r.stdout)["diagnostics"] if d["severity"] == "error"]
    assert found and all(d["line"] for d in found), found


# -- outputs ---------------------------------------------------------------------------------
def test_output_errors_name_the_output_not_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "khong-co" / "thu-muc" / "qd.docx"
    (tmp_path / "khong-co").write_text("a file where a folder should be")
    r = run_cli("render-decision", "2023", *AS_OF, "-o", str(target), "--repo", str(ROOT))
    assert r.returncode == 1 and str(target) in r.stderr
    assert ".tmp" not in r.stderr and "Traceback" not in r.stderr


def test_a_long_output_name_works(tmp_path: Path) -> None:
    target = tmp_path / ("q" * 240 + ".docx")
    r = run_cli("render-decision", "2023", *AS_OF, "-o", str(target), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    assert target.exists()


# -- hostile workbooks, paths and stamps --------------------------------------------------
def _far_cell_workbook(path: Path) -> None:
    """A 5 KB workbook with one cell at XFD1048576 (a reader filling out the range would
    ask for 17 billion cells)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Kết quả")
    ws.write("A1", "x")
    ws.write("XFD1048576", "y")
    wb.close()


def test_a_far_cell_is_a_located_error_not_a_crash_nor_a_hang(repo: Path,
                                                              tmp_path: Path) -> None:
    books = []
    for i in range(9):  # enough for the parallel reader
        books.append(tmp_path / f"b{i}.xlsx")
        _far_cell_workbook(books[-1])
    for args in (["import", str(books[0]), "--dry-run"],
                 ["import", *map(str, books), "--dry-run"],
                 ["import", str(books[0]), "--nhan-su", "--don-vi", "van-phong", "--dry-run"]):
        r = run_cli(*args, cwd=repo, env={"THIDUA_SPLIT_ALWAYS": "1"})
        assert r.returncode == 1, (args, r.returncode, r.stderr)
        assert "TD501" in r.stdout and "XFD1048576" in r.stdout
        assert "nội bộ" not in r.stderr


def test_a_unit_code_never_becomes_a_path(repo: Path, tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Họ và tên", "Danh hiệu đăng ký"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Ai Đó", "Lao động tiên tiến"
    path = tmp_path / "dang-ky.docx"
    doc.save(str(path))
    roster = repo / ORG / "nhan_su/van-phong.yaml"
    before = roster.read_bytes()
    for unit in ("../../nhan_su/van-phong", "../../../../x", "/tmp/x"):
        r = run_cli("import", str(path), "--don-vi", unit, "--nam", "2023",
                    "--ngay-dang-ky", "2023-01-15", cwd=repo)
        assert r.returncode == 1 and "không có đơn vị" in r.stderr, (unit, r.stderr)
    assert roster.read_bytes() == before and not (tmp_path / "x.yaml").exists()


@pytest.fixture
def printed(repo: Path) -> Path:
    """A decision printed from a copy of the example (record-decision writes into it)."""
    out = repo / "qd.docx"
    assert run_cli("render-decision", "2023", *AS_OF, "-o", str(out), cwd=repo).returncode == 0
    return out


@pytest.mark.parametrize("forged", ["missing", "not-a-year", "30-february", "superscript"])
def test_record_decision_refuses_a_forged_stamp(printed: Path, forged: str) -> None:
    decision = printed
    custom = _part(decision, "docProps/custom.xml").decode("utf-8")
    pattern = r'(name="thidua\.nam"[^>]*>\s*<[^>]+>)([^<]*)(<)'
    value = {"missing": None, "not-a-year": '"abc"', "30-february": None,
             "superscript": '"²⁰²³"'}[forged]
    if forged == "missing":
        custom = re.sub(r'<property[^>]*name="thidua\.danh_hieu".*?</property>', "", custom,
                        flags=re.S)
    elif forged == "30-february":
        custom = re.sub(r'(name="thidua\.ngay_xet"[^>]*>\s*<[^>]+>)([^<]*)(<)',
                        r'\g<1>"2024-02-30"\g<3>', custom)
    else:
        custom = re.sub(pattern, rf"\g<1>{value}\g<3>", custom)
    _zip_edit(decision, {"docProps/custom.xml": custom.encode("utf-8")})
    r = run_cli("record-decision", str(decision), "--so", "05", "--ngay", "2024-01-25",
                "--da-ky", cwd=decision.parent)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "nguồn gốc" in r.stderr and "nội bộ" not in r.stderr
    assert not list((decision.parent / ORG / "2023").glob("khen_thuong/*"))


def test_a_decision_number_on_two_lines_is_refused(printed: Path) -> None:
    r = run_cli("record-decision", str(printed), "--so", "05\nso_quyet_dinh: x", "--ngay",
                "2024-01-25", cwd=printed.parent)
    assert r.returncode == 1 and "--so" in r.stderr


BOMB_TAGS = {
    "sheet-tags": ("xl/workbook.xml", b"<sheets>", b'<sheet name="a" name="a" '),
    "relationship-tags": ("xl/_rels/workbook.xml.rels", b"<Relationship ", b"<Relationship "),
    "formula-tags": ("SHEET", b"<sheetData>", b"<f/>"),
    "cell-tags": ("SHEET", b"<sheetData>", b'<c r="A1" '),
    "row-tags": ("SHEET", b"<sheetData>", b'<row r="1" hidden="1" '),
}


@pytest.mark.parametrize("case", sorted(BOMB_TAGS))
def test_a_workbook_full_of_tags_in_a_comment_is_read_in_linear_time(tmp_path: Path,
                                                                     case: str) -> None:
    """150,000 unterminated tags in an XML comment of a 15 KB workbook: the reader's scans
    stay linear (each used to rescan from every match: minutes). Nothing is timed here:
    the test would not end if the scan were quadratic (the CI job has a time limit)."""
    import xlsxwriter

    from thidua.load import workbook

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    wb.add_worksheet("Kết quả").write("A1", "x")
    wb.close()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    part, anchor, tag = BOMB_TAGS[case]
    if part == "SHEET":
        part = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    i = parts[part].index(anchor)
    parts[part] = parts[part][:i] + b"<!--" + tag * 150_000 + b"-->" + parts[part][i:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    got = workbook.read(out.getvalue(), "bom.xlsx")
    assert isinstance(got, workbook.Workbook) or got.code == "TD501"


def _zip_bomb(path: Path, first: dict[str, bytes], parts: int, size: int) -> None:
    """A small file that decompresses to ``parts`` × ``size`` bytes (zeros)."""
    zeros = b"\0" * size
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in first.items():
            z.writestr(name, data)
        for i in range(parts):
            z.writestr(f"xl/worksheets/sheet{i + 10}.xml", zeros)


def test_decompressed_size_has_a_budget_for_every_package(repo: Path, tmp_path: Path) -> None:
    """Parts within the per-part limit whose sum is not: refused before anything is read
    (workbooks, Word registration tables, documents to verify or record)."""
    book = tmp_path / "bom.xlsx"
    _zip_bomb(book, {"xl/workbook.xml": b"<workbook/>"}, parts=4, size=60 * 1024 * 1024)
    assert book.stat().st_size < 2 * 1024 * 1024
    r = run_cli("import", str(book), "--dry-run", cwd=repo)
    assert r.returncode == 1 and "TD501" in r.stdout, r.stdout + r.stderr
    word = tmp_path / "bom.docx"
    _zip_bomb(word, {"word/document.xml": b"<w:document/>"}, parts=4, size=60 * 1024 * 1024)
    r = run_cli("import", str(word), "--don-vi", "van-phong", "--nam", "2023",
                "--ngay-dang-ky", "2023-01-15", cwd=repo)
    assert r.returncode == 1 and "TD501" in r.stdout, r.stdout + r.stderr
    doc = tmp_path / "bom-qd.docx"
    _zip_bomb(doc, {"word/document.xml": b"<w:document/>"}, parts=9, size=16 * 1024 * 1024)
    for cmd in (["verify", str(doc)], ["record-decision", str(doc), "--so", "05", "--ngay",
                                       "2024-01-25"]):
        r = run_cli(*cmd, cwd=repo)
        assert r.returncode == 1 and "quá lớn" in r.stderr, (cmd, r.stderr)
