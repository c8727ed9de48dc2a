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
        if not name.startswith(("giay-chung-nhan", "thong-ke", "ho-so/00-muc-luc")):
            check_header(name, _rules(pdf, tmp_path), _words(pdf), _fallback_font(pdf))


PAPERS = ("PHIẾU BẦU", "PHIẾU LẤY Ý KIẾN")
DPI = 150  # the page rendered to find the rules (lines) the header draws


def _rules(pdf: Path, tmp: Path) -> list[tuple[float, float, float]]:
    """The rules of page 1 (y, x0, x1 in points), from the page rendered grey: runs of dark
    pixels at least 40 pixels (6.8 mm) long (letters are never that wide) and at most a
    header column wide."""
    w, h, pix = _grey(pdf, tmp, DPI)
    found: list[tuple[int, int, int]] = []
    for y in range(h // 2):  # (the top half holds the header and the subject)
        row = pix[y * w:(y + 1) * w]
        for m in re.finditer(rb"[\x00-\x7f]{40,}", row):
            if not any(y - fy <= 2 and abs(fa - m.start()) < 3 for fy, fa, _b in found):
                found.append((y, m.start(), m.end()))
    # (a table's borders run wider than any rule, which is at most a header column wide)
    return [(y * 72 / DPI, a * 72 / DPI, b * 72 / DPI) for y, a, b in found
            if (b - a) * 72 / DPI <= 270]


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """The words of page 1: (x0, x1, bottom, text) in points."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    return [(float(a), float(c), float(d), t) for a, _b, c, d, t in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        xml)]


def _fallback_font(pdf: Path) -> bool:
    """Whether LibreOffice drew some letters in a font other than Times New Roman's metrics
    (a machine whose Times-compatible font lacks Vietnamese letters: Liberation Serif 2 has
    no ộ, ư …, so they come from DejaVu Serif, which is wider)."""
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           timeout=60).stdout
    names = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line]
    return any(not n.startswith(("LiberationSerif", "TimesNewRoman", "Times")) for n in names)


def _lines(words: list[tuple[float, float, float, str]]) -> list[tuple[float, str]]:
    """The page's lines of text, each header column apart: (bottom, text); the pieces of a
    word split by the PDF (a letter from another font) joined again."""
    out: list[tuple[float, str]] = []
    end = 0.0  # where the previous word ends
    for w in sorted(words, key=lambda w: (round(w[2]), w[0])):
        if out and abs(out[-1][0] - w[2]) < 1 and 0 <= w[0] - end < 25:
            gap = "" if w[0] - end < 1.5 else " "
            out[-1] = (out[-1][0], out[-1][1] + gap + w[3])
        else:
            out.append((w[2], w[3]))
        end = w[1]
    return out


def check_header(name: str, rules: list[tuple[float, float, float]],
                 words: list[tuple[float, float, float, str]], fallback: bool = False) -> None:
    """What Phụ lục I of Nghị định 30/2020 asks of the header, measured on the page: the
    number and the place and date on one line; the line under the motto as long as the
    motto, under the issuing body and under the subject a third to a half of the text. The
    lines are measured for Times New Roman: with ``fallback`` letters (another font, wider)
    the text is up to 6 % wider than its line."""
    slack = 0.06 if fallback else 0.02
    number = [y for y, text in _lines(words) if text.startswith("Số:") and y < 200]
    date = [y for y, text in _lines(words) if ", ngày" in text and y < 200]
    if number and date:  # (a ballot has no number)
        assert abs(number[0] - date[0]) <= 1.5, f"{name}: số và ngày không cùng dòng"
    motto = next((w for w in words if w[3] == "phúc"), None)
    assert motto is not None, f"{name}: không thấy tiêu ngữ"
    left = motto[0]  # the motto's words, leftwards from its last one
    for w in sorted((w for w in words if abs(w[2] - motto[2]) < 2 and w[1] <= motto[0]),
                    key=lambda w: -w[1]):
        if left - w[1] > 25:
            break
        left = w[0]
    checked = 0
    for y, x0, x1 in rules:
        length, middle = x1 - x0, (x0 + x1) / 2
        if 0 < y - motto[2] <= 12 and left - 10 <= middle <= motto[1] + 10:
            text = motto[1] - left  # as long as the motto
            assert abs(length - text) <= max(2, slack * text), (name, "tiêu ngữ", length, text)
            checked += 1
            continue
        above = [w for w in words if 0 < y - w[2] <= 35
                 and abs((w[0] + w[1]) / 2 - middle) <= max(1.6 * length, 30)]
        if not above:
            continue
        lines: dict[int, list[tuple[float, float, float, str]]] = {}
        for w in above:  # as wide as its widest line, at most; a third to a half of it
            lines.setdefault(round(w[2]), []).append(w)
        text = max(max(w[1] for w in ln) - min(w[0] for w in ln) for ln in lines.values())
        assert 1 / 3 - slack <= length / text <= 1 / 2 + slack, (name, length, text, y)
        checked += 1
    assert checked >= 2, f"{name}: không thấy đường kẻ ở phần đầu văn bản"


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


def test_the_header_checks_can_fail() -> None:
    motto = [(300.0, 340.0, 88.0, "Độc"), (345.0, 440.0, 88.0, "do"),
             (445.0, 460.0, 88.0, "phúc")]
    number = [(140.0, 160.0, 130.0, "Số:"), (300.0, 320.0, 136.0, "Huế,"),
              (322.0, 340.0, 136.0, "ngày")]
    with pytest.raises(AssertionError, match="không cùng dòng"):
        check_header("x", [], motto + number)
    with pytest.raises(AssertionError, match="tiêu ngữ"):
        check_header("x", [(90.0, 310.0, 450.0)], motto)
    with pytest.raises(AssertionError):
        check_header("x", [(90.0, 310.0, 450.0), (108.0, 150.0, 210.0)],
                     [*motto, (145.0, 225.0, 105.0, "SỞ")])


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


def _grey(pdf: Path, tmp: Path, dpi: int) -> tuple[int, int, bytes]:
    out = tmp / f"{pdf.stem}-g{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out)], check=True, timeout=120)
    head, dims, _depth, pix = out.with_suffix(".pgm").read_bytes().split(b"\n", 3)
    assert head == b"P5"
    w, h = map(int, dims.split())
    return w, h, pix


def _runs(marks: list[int]) -> list[float]:
    """The middles of runs of consecutive numbers."""
    groups: list[list[int]] = []
    for v in marks:
        if groups and v - groups[-1][-1] <= 1:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [(g[0] + g[-1]) / 2 for g in groups]


def test_the_calibration_ruler_marks_where_it_says(tmp_path: Path) -> None:
    """A clerk adjusts the blank against the calibration page's rulers: each tick, measured
    on the page LibreOffice prints, is within 0,5 mm of the millimetre its label says."""
    docx = tmp_path / "gcn.docx"
    r = run_cli("render-certificates", "2022", "--danh-hieu", "Lao động tiên tiến",
                "--can-chinh", "-o", str(docx), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    (pdf,) = _pdfs([docx], tmp_path)
    w, h, pix = _grey(pdf, tmp_path, 300)
    mm = 300 / 25.4
    top, left = int(6 * mm), int(4 * mm)
    # "|" strokes along the top edge: columns dark for at least 1,9 mm (taller than digits)
    bars = _runs([x for x in range(w) if sum(1 for y in range(top) if pix[y * w + x] < 160)
                  >= int(1.9 * mm)])
    # "—" strokes along the left edge: rows dark for at least 1,5 mm
    dashes = _runs([y for y in range(h) if sum(1 for x in range(left) if pix[y * w + x] < 200)
                    >= int(1.5 * mm)])
    assert len(bars) >= 20 and len(dashes) >= 15, (len(bars), len(dashes))
    for found, step in ((bars, "ngang"), (dashes, "dọc")):
        for i, at in enumerate(found, 1):
            assert abs(at / mm - 10 * i) <= 0.5, (step, 10 * i, round(at / mm, 2))
