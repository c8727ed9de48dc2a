"""`thidua render-plan`: seed plans come back out of the rendered documents."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from thidua.render.docx_writer import extract
from thidua.render.plan import number

from .conftest import ROOT, convert_to_pdf, edit_template, run_cli

# The seed documents live beside the repository (they name real officials, so they are not
# committed here); THIDUA_SEEDS points elsewhere.
SEEDS = Path(os.environ.get("THIDUA_SEEDS") or ROOT.parent / "shared" / "seeds")
GOLDEN = Path(__file__).parent / "golden" / "plans"
# Plan files of the bundled example, the seed each was typed from and how many lines at the
# top of the seed are not document text (website chrome: search box, menu).
PLANS = {
    "kh-3169-dot-thi-dua-quy-iv": ("campaigns/stp-ninh-thuan/2023/ke_hoach/"
                                   "kh-3169-dot-thi-dua-quy-iv.yaml", "000_ffe8d1fc581680cb.txt",
                                   0),
    "ke-hoach-thi-dua-2018": ("campaigns/stp-ninh-thuan/2018/ke_hoach/"
                              "ke-hoach-thi-dua-2018.yaml", "003_144a07132461d204.txt", 3),
    "ke-hoach-thi-dua-2024-kien-giang": ("campaigns/stp-kien-giang/2024/ke_hoach/"
                                         "ke-hoach-thi-dua-2024.yaml",
                                         "001_403d9f1d834bb345.txt", 0),
    "ke-hoach-thi-dua-2022-ninh-binh": ("campaigns/stp-ninh-binh/2022/ke_hoach/"
                                        "ke-hoach-thi-dua-2022.yaml",
                                        "002_5e3efe7697727366.txt", 0),
    "kh-chuyen-de-2023": ("campaigns/stp-ninh-thuan/2023/ke_hoach/kh-chuyen-de-2023.yaml",
                          "004_dab7e0ef23299e20.txt", 0),
}


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    return re.findall(r"\w+", text)


def recall(seed: list[str], rendered: list[str]) -> float:
    """Longest common subsequence of words / words of the seed (order matters)."""
    prev = [0] * (len(rendered) + 1)
    for w in seed:
        cur = [0]
        for j, r in enumerate(rendered):
            cur.append(prev[j] + 1 if w == r else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / len(seed)


def _plain(lines: list[str]) -> str:
    return "\n".join(re.sub(r"\[[^\]]*\] ?", "", line) for line in lines)


def _render(tmp_path: Path, name: str, fmt: str = "docx") -> Path:
    out = tmp_path / f"{name}.{fmt}"
    r = run_cli("render-plan", str(ROOT / PLANS[name][0]), "-f", fmt, "-o", str(out),
                "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("name", sorted(PLANS))
def test_seed_text_comes_back_out(tmp_path: Path, name: str) -> None:
    seed_file = SEEDS / PLANS[name][1]
    if not seed_file.exists():
        pytest.skip(f"không có thư mục seeds ({seed_file.parent})")
    lines = seed_file.read_text(encoding="utf-8").splitlines()
    seed = _words(re.sub(r"[*#]", "", "\n".join(lines[PLANS[name][2]:])))
    text = _plain(extract(_render(tmp_path, name).read_bytes()))
    score = recall(seed, _words(text))
    print(f"{PLANS[name][1]}: độ phủ từ {score:.4f}")
    assert score >= 0.98


@pytest.mark.parametrize("name", sorted(PLANS))
def test_plan_matches_golden_and_is_deterministic(tmp_path: Path, name: str) -> None:
    first = _render(tmp_path, name)
    lines = "\n".join(extract(first.read_bytes())) + "\n"
    md = _render(tmp_path, name, "md").read_text(encoding="utf-8")
    golden_docx, golden_md = GOLDEN / f"{name}.docx.txt", GOLDEN / f"{name}.md"
    if os.environ.get("THIDUA_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden_docx.write_text(lines, encoding="utf-8")
        golden_md.write_text(md, encoding="utf-8")
    assert lines == golden_docx.read_text(encoding="utf-8")
    assert md == golden_md.read_text(encoding="utf-8")
    again = tmp_path / "again.docx"
    run_cli("render-plan", str(ROOT / PLANS[name][0]), "-o", str(again), "--repo", str(ROOT))
    assert again.read_bytes() == first.read_bytes()


def test_numbering_comes_from_the_structure() -> None:
    assert [number(0, i) for i in (1, 2, 4, 9)] == ["I.", "II.", "IV.", "IX."]
    assert [number(1, i) for i in (1, 12)] == ["1.", "12."]
    assert [number(2, i) for i in (1, 3)] == ["a)", "c)"]
    assert number(3, 5) == "-"


def test_plan_without_content_is_a_clear_error(tmp_path: Path) -> None:
    plan = ROOT / "campaigns/stp-ninh-thuan/2023/ke_hoach/ke-hoach-thi-dua.yaml"
    r = run_cli("render-plan", str(plan), "-o", str(tmp_path / "x.docx"), "--repo", str(ROOT))
    assert r.returncode == 1 and "muc" in r.stderr and not (tmp_path / "x.docx").exists()


def test_pdf_through_libreoffice_or_a_clear_message(tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "kh.pdf"
    r = run_cli("render-plan", str(ROOT / PLANS["kh-3169-dot-thi-dua-quy-iv"][0]), "-f", "pdf",
                "-o", str(out), "--repo", str(ROOT))
    if shutil.which("soffice") or shutil.which("libreoffice"):
        assert r.returncode == 0, r.stderr
        assert out.read_bytes()[:5] == b"%PDF-"
    else:
        assert r.returncode == 1 and "LibreOffice" in r.stderr and not out.exists()


def test_section_needs_a_title_or_a_text(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    plan = repo / PLANS["kh-3169-dot-thi-dua-quy-iv"][0]
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  - tieu_de: Tổ chức thực hiện\n",
                                 "  - tieu_de: Tổ chức thực hiện\n    noi_dung: Thừa\n"),
                    encoding="utf-8")
    r = run_cli("validate", str(repo))
    assert r.returncode == 1 and "TD108" in r.stdout and "tieu_de" in r.stdout
    line = text.splitlines().index("  - tieu_de: Tổ chức thực hiện") + 1
    assert f"kh-3169-dot-thi-dua-quy-iv.yaml:{line}" in r.stdout


def test_plans_open_in_libreoffice(tmp_path: Path) -> None:
    """Every bundled plan converts to PDF (one LibreOffice run for all)."""
    convert_to_pdf([_render(tmp_path, name) for name in sorted(PLANS)], tmp_path / "pdf")



def test_verify_a_rendered_plan(tmp_path: Path) -> None:
    out = _render(tmp_path, "kh-3169-dot-thi-dua-quy-iv")
    v = run_cli("verify", str(out), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout


def test_repository_template_restyles_plans(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    assert run_cli("templates", "export", str(repo / "templates")).returncode == 0
    edit_template(repo / "templates" / "ke-hoach.docx", "{{ ten_loai }}",
                  "{{ ten_loai }} (BẢN RIÊNG)")
    out = tmp_path / "kh.docx"
    r = run_cli("render-plan", str(repo / PLANS["kh-3169-dot-thi-dua-quy-iv"][0]), "-o", str(out),
                "--repo", str(repo))
    assert r.returncode == 0, r.stderr
    assert "KẾ HOẠCH (BẢN RIÊNG)" in _plain(extract(out.read_bytes()))


def test_plan_outside_a_campaign_repository_is_a_clear_error(tmp_path: Path) -> None:
    import shutil

    stray = tmp_path / "ke-hoach.yaml"
    shutil.copy(ROOT / PLANS["kh-3169-dot-thi-dua-quy-iv"][0], stray)
    r = run_cli("render-plan", str(stray), "-o", str(tmp_path / "x.docx"), "--repo", str(ROOT))
    assert r.returncode == 1 and "ke_hoach" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.docx").exists()
