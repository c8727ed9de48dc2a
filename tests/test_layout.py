"""Print quality: what a person checks on paper, for every document `make demo` writes.

The .docx checks (repeated table headers, rows that never split, Vietnamese proofing, clean
properties) always run. The page checks convert to PDF with LibreOffice and read each page's
text, as a person turning the pages would: no blank page, page numbers from page 2 (an annex
numbered on its own), the annex header at the top of every annex page, no page holding only
a signature. They are skipped, with the reason shown, where LibreOffice is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _demo_renders() -> list[tuple[str, list[str]]]:
    """The render commands of `make demo` that write a .docx, with their arguments."""
    values = dict(re.findall(r"^(DEMO_\w+)\s*\?=\s*(\S+)", MAKEFILE, re.M))
    out = []
    for line in MAKEFILE.splitlines():
        m = re.match(r"\t\$\(BIN\)/thidua (render-\S+|stats) (.*) -o \$\(OUT\)/(\S+)\.docx$",
                     line)
        if not m:
            continue
        def fill(text: str) -> str:
            return re.sub(r"\$\((DEMO_\w+)\)", lambda v: values[v[1]], text)
        out.append((fill(m[3]), [m[1], *_split(fill(m[2]))]))
    return out


def _split(args: str) -> list[str]:
    import shlex

    return shlex.split(args)


DEMO = _demo_renders()


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    docs = {}
    for name, args in DEMO:
        target = folder / f"{name}.docx"
        r = run_cli(*args, "-o", str(target), "--repo", str(ROOT))
        assert r.returncode == 0, (name, r.stderr)
        docs[name] = target
    return docs


def test_the_demo_renders_every_kind_of_document() -> None:
    kinds = {args[0] for _, args in DEMO}
    assert kinds == {"render-decision", "render-proposal", "render-minutes", "render-plan",
                     "render-registrations", "render-report", "render-certificates", "stats",
                     "render-ballots", "render-vote-count"}


# -- the .docx itself ----------------------------------------------------------------------
def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_tables_repeat_their_header_and_rows_never_split(demo_docs: dict[str, Path]) -> None:
    for name, path in demo_docs.items():
        body = _xml(path, "word/document.xml")
        for table in re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S):
            rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, re.S)
            if "<w:tblCaption" in table or len(rows) < 2:
                continue  # the letterhead and signature tables
            assert "<w:tblHeader/>" in rows[0], name
            assert all("<w:cantSplit/>" in r for r in rows), name


def test_vietnamese_proofing_and_clean_properties(demo_docs: dict[str, Path]) -> None:
    for name, path in demo_docs.items():
        styles = _xml(path, "word/styles.xml")
        langs = set(re.findall(r'<w:lang w:val="([^"]+)"', styles))
        assert langs == {"vi-VN"}, (name, langs)
        core = _xml(path, "docProps/core.xml")
        assert "python-docx" not in core and "{" not in core, name
        assert "<dc:title>" in core and "sha256:" in core, name


def test_no_empty_paragraph_can_spill_after_a_signature(demo_docs: dict[str, Path]) -> None:
    """The paragraph that ends a section after the signature table is 1 pt high."""
    for name, path in demo_docs.items():
        body = _xml(path, "word/document.xml")
        for m in re.finditer(r"Nơi nhận và chữ ký.*?</w:tbl>(<w:p[ >].*?</w:p>)", body, re.S):
            following = m.group(1)
            if "<w:t" not in following:
                assert 'w:line="20"' in following, name


# -- the pages -----------------------------------------------------------------------------
def _pdfs(docs: list[Path], outdir: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice hoặc pdftotext không có trên máy này: bỏ qua kiểm tra trang in")
    profile = outdir / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)],
                          capture_output=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return [outdir / f"{d.stem}.pdf" for d in docs]


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


def check_pages(name: str, pages: list[list[str]]) -> None:
    """What a person checks turning the pages of one document."""
    annex_start = next((i for i, p in enumerate(pages) if p[:1] == ["DANH SÁCH"]), None)
    for i, lines in enumerate(pages):
        assert lines, f"{name}: trang {i + 1} trống"
        first_of_annex = annex_start is not None and i == annex_start
        number = i + 1 if annex_start is None or i < annex_start else i - annex_start + 1
        if i == 0 or first_of_annex:
            assert not re.fullmatch(r"\d+", lines[0]), f"{name}: trang {i + 1} in số trang"
        else:
            assert lines[0] == str(number), f"{name}: trang {i + 1} có số {lines[0]!r}"
            assert len(lines) > 1, f"{name}: trang {i + 1} chỉ có số trang"
            if annex_start is not None and i > annex_start:
                # the header row (its cells may take two or three lines)
                assert any(t.startswith("STT") for t in lines[1:4]), \
                    f"{name}: trang {i + 1} thiếu dòng tiêu đề bảng"
        signature = next((j for j, t in enumerate(lines) if t.startswith("Nơi nhận")), None)
        if signature is not None and i > 0:
            assert signature > 1, f"{name}: trang {i + 1} chỉ có phần ký"


def _dossier(folder: Path) -> dict[str, Path]:
    r = run_cli("render-dossier", "2023", "--ngay-xet", "2024-01-20", "--khong-pdf", "-o",
                str(folder), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    return {f"ho-so/{p.relative_to(folder)}": p for p in sorted(folder.rglob("*.docx"))}


def test_every_demo_document_prints_well(demo_docs: dict[str, Path], tmp_path: Path) -> None:
    demo_docs = {**demo_docs, **_dossier(tmp_path / "ho-so")}
    names = list(demo_docs)
    flat = {}
    for i, n in enumerate(names):  # distinct stems for the converter's output names
        copy = tmp_path / "pdf-in" / f"{i:03d}-{demo_docs[n].name}"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(demo_docs[n].read_bytes())
        flat[n] = copy
    for name, pdf in zip(names, _pdfs([flat[n] for n in names], tmp_path), strict=True):
        if name.startswith("giay-chung-nhan"):
            check_certificate_pages(name, _pages(pdf), demo_docs[name])
        elif name.startswith("phieu-bau"):
            check_paper_pages(name, _pages(pdf))
        else:
            check_pages(name, _pages(pdf))


PAPERS = ("PHIẾU BẦU", "PHIẾU LẤY Ý KIẾN")


def check_paper_pages(name: str, pages: list[list[str]]) -> None:
    """Ballots and written-opinion forms: each paper starts a page with its header and no page
    number; a paper's further pages are numbered from 2 and repeat the table's header row."""
    number = 0
    for i, lines in enumerate(pages):
        assert lines, f"{name}: trang {i + 1} trống"
        if any(t in PAPERS for t in lines[:8]):
            assert not re.fullmatch(r"\d+", lines[0]), f"{name}: trang {i + 1} in số trang"
            number = 1
            continue
        number += 1
        assert number > 1 and lines[0] == str(number), f"{name}: trang {i + 1}: {lines[:2]}"
        assert any(t.startswith("STT") for t in lines[1:4]), f"{name}: trang {i + 1}"


def check_certificate_pages(name: str, pages: list[list[str]], docx: Path) -> None:
    """Certificates: one page per recipient, each with its name and nothing else added (no
    page number on a pre-printed blank)."""
    body = _xml(docx, "word/document.xml")
    recipients = len(re.findall(r"<w:t>(?:Ông|Bà) ", body))
    assert len(pages) == recipients, (name, len(pages), recipients)
    for i, lines in enumerate(pages):
        assert lines and lines[0].startswith(("Ông ", "Bà ")), f"{name}: trang {i + 1}: {lines}"
        assert not any(re.fullmatch(r"\d+", t) for t in lines), f"{name}: trang {i + 1} có số"


def test_the_page_checks_can_fail() -> None:
    with pytest.raises(AssertionError, match="trống"):
        check_pages("x", [["QUYẾT ĐỊNH", "Điều 1."], []])
    with pytest.raises(AssertionError, match="chỉ có phần ký"):
        check_pages("x", [["QUYẾT ĐỊNH"], ["2", "Nơi nhận:", "GIÁM ĐỐC"]])
    with pytest.raises(AssertionError, match="thiếu dòng tiêu đề"):
        check_pages("x", [["QUYẾT ĐỊNH"], ["DANH SÁCH", "STT"], ["2", "35 Nguyễn Văn A"]])


def test_a_two_thousand_name_annex(tmp_path: Path) -> None:
    """A decision from a large sample: one line per name, far fewer pages than the 62 a
    2,400-person annex used to take."""
    sample = tmp_path / "s"
    assert run_cli("sample", str(sample), "--people", "2700", "--years", "2022-2023",
                   "--seed", "3").returncode == 0
    docx = tmp_path / "qd.docx"
    r = run_cli("render-decision", "2023", "--ngay-xet", "2024-01-20", "-o", str(docx),
                cwd=sample)
    assert r.returncode == 0, r.stderr
    names = int(re.search(r"\((\d+) cá nhân\)", r.stdout)[1])
    assert names >= 2000
    (pdf,) = _pdfs([docx], tmp_path)
    pages = _pages(pdf)
    check_pages("qd", pages)
    assert len(pages) <= 2 + names // 45, len(pages)


# -- citations and research notes -------------------------------------------------------------
# A unit written after a larger one ("Điều 73 khoản 1", "khoản 1 điểm b"): the law's own
# order is smallest first ("điểm b khoản 1 Điều 73").
_WRONG_ORDER = re.compile(r"\b(Điều \d+[a-zđ]?,? (?:khoản|điểm)|khoản \d+[a-zđ]?,? điểm)\b",
                          re.IGNORECASE)
_CITATION = re.compile(r"\b(?:điểm [a-zđ] )?khoản \d+ Điều \d+\b")


def _docx_text(path: Path) -> str:
    body = _xml(path, "word/document.xml")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", body, re.S)
    return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
                     for p in paragraphs)


def _research_notes() -> list[str]:
    """The notes and confidence tags of the bundled law data: for the team, never printed."""
    import yaml

    data = yaml.safe_load((ROOT / "thidua/data/phap_luat.yaml").read_text(encoding="utf-8"))
    notes: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "ghi_chu" and isinstance(item, str):
                    notes.append(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(data)
    return notes


def test_citations_read_smallest_unit_first_and_no_research_note_is_printed(
        demo_docs: dict[str, Path]) -> None:
    outputs = {name: _docx_text(path) for name, path in demo_docs.items()}
    as_of = ["--ngay-xet", "2024-01-20", "--repo", str(ROOT)]
    for args in (["tally", "2023", *as_of], ["tally", "2023", *as_of, "-f", "markdown"],
                 ["tally", "2023", *as_of, "-f", "json"],
                 ["explain", "2023", "NV000021", *as_of], ["explain", "2023", "van-phong", *as_of],
                 ["history", "NV000021", "--repo", str(ROOT)]):
        r = run_cli(*args)
        assert r.returncode in (0, 1), (args, r.stderr)
        outputs[" ".join(args[:2])] = r.stdout + r.stderr
    notes = _research_notes()
    assert notes, "the law data has research notes to look for"
    cited = 0
    for name, text in outputs.items():
        flat = " ".join(text.split())
        wrong = _WRONG_ORDER.findall(flat)
        assert not wrong, (name, wrong[:3])
        cited += len(_CITATION.findall(flat))
        for note in notes:
            assert note not in flat, (name, note[:60])
        assert "tin_cay" not in flat and "độ tin cậy" not in flat.lower(), name
    assert cited >= 10, "the scan sees the citations"
