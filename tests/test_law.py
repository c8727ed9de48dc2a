"""The law in force on the decision date: regime ends, repository overlays, the law command."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
ORG = "campaigns/stp-ninh-thuan"


def _readme_overlay() -> str:
    """The overlay example of the README (regime E from 01/3/2027), as a user would copy it."""
    m = re.search(r"```yaml\n(van_ban:\n  nd_moi:.*?)```", README, re.S)
    assert m, "the README shows an overlay example"
    return m.group(1)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    return repo


def test_after_the_last_regime_ends_tally_says_so_and_exits_1(example: Path) -> None:
    r = run_cli("tally", "2026", "--ngay-xet", "2027-03-15", "--tom-tat", cwd=example)
    assert r.returncode == 1
    assert "Chưa có quy định áp dụng cho ngày xét 15/03/2027" in r.stdout
    assert "28/02/2027" in r.stdout and "phap_luat.yaml" in r.stdout
    # On a day regime C is in force, the same year tallies.
    ok = run_cli("tally", "2026", "--ngay-xet", "2027-01-20", "--tom-tat", cwd=example)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.splitlines()[1].startswith("Chế độ C:")


def test_render_commands_refuse_a_date_no_law_covers(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "qd.docx"
    r = run_cli("render-decision", "2026", "--ngay-xet", "2027-03-15", "-o", str(out),
                "--repo", str(example))
    assert r.returncode == 1 and not out.exists()
    assert "Chưa có quy định" in r.stderr and "gợi ý" in r.stderr


def test_a_repository_overlay_adds_a_regime_and_tally_names_it(example: Path) -> None:
    (example / ORG / "phap_luat.yaml").write_text(_readme_overlay(), encoding="utf-8")
    assert run_cli("validate", cwd=example).returncode == 0
    r = run_cli("tally", "2026", "--ngay-xet", "2027-03-15", "--tom-tat", cwd=example)
    assert r.returncode == 0, r.stdout + r.stderr
    assert ("Chế độ E (dữ liệu pháp luật của kho: campaigns/stp-ninh-thuan/phap_luat.yaml)"
            in r.stdout)
    law = run_cli("law", "--ngay-xet", "2027-03-15", cwd=example)
    assert law.returncode == 0 and "Chế độ E" in law.stdout


BAD_OVERLAYS = {
    "bad-date": (("tu_ngay: 2027-03-01", "tu_ngay: 2027-02-30"), "TD106"),
    "overlap": (("    tu_ngay: 2027-03-01", "    tu_ngay: 2027-01-01"), "TD407"),
    "no-values": (("    ke_thua: C          # tham số không ghi lại thì giữ giá trị của chế độ C\n",
                 ""), "TD407"),
    "unknown-parameter": (("chon_che_do:", "tham_so:\n  ty_le_khong_co:\n    E:\n      gia_tri: 1\n"
                                            "      can_cu: [{van_ban: nd_moi}]\n      tin_cay: P\n"
                                            "chon_che_do:"), "TD407"),
    "value-without-citation": (("chon_che_do:", "tham_so:\n  ldtt_thang_cong_tac_toi_thieu:\n"
                                                 "    E:\n      gia_tri: 10\n      tin_cay: P\n"
                                                 "chon_che_do:"), "TD103"),
}


@pytest.mark.parametrize("case", sorted(BAD_OVERLAYS))
def test_a_bad_overlay_is_a_located_error(example: Path, case: str) -> None:
    (old, new), code = BAD_OVERLAYS[case]
    text = _readme_overlay()
    assert old in text
    (example / ORG / "phap_luat.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run_cli("validate", cwd=example)
    assert r.returncode == 1, r.stdout
    assert re.search(rf"^{ORG}/phap_luat\.yaml:\d+:\d+: lỗi {code}: ", r.stdout, re.M), r.stdout
    t = run_cli("tally", "2026", "--ngay-xet", "2027-03-15", cwd=example)
    assert t.returncode == 1 and "Traceback" not in t.stderr


def test_law_lists_regimes_and_warns_near_an_end() -> None:
    r = run_cli("law", "--ngay-xet", "2027-01-20", "--repo", str(ROOT))
    assert r.returncode == 0
    for code, span in (("A", "01/10/2017 – 31/12/2023"), ("B", "01/01/2024 – 30/06/2025"),
                       ("C", "01/07/2025 – 28/02/2027")):
        assert f"Chế độ {code} (đã xác minh): {span}" in r.stdout
    assert "Chế độ D (CHƯA XÁC MINH, không áp dụng)" in r.stdout
    assert "hết hiệu lực sau ngày 28/02/2027 (39 ngày nữa)" in r.stdout
    far = run_cli("law", "--ngay-xet", "2026-01-20", "--repo", str(ROOT))
    assert "CẢNH BÁO" not in far.stdout


def test_an_unverified_regime_applies_only_when_the_repository_opts_in(example: Path) -> None:
    day = ("--ngay-xet", "2026-12-20")
    before = run_cli("tally", "2026", *day, "--tom-tat", cwd=example)
    assert before.stdout.splitlines()[1].startswith("Chế độ C:")
    (example / ORG / "phap_luat.yaml").write_text("ap_dung_chua_xac_minh: [D]\n",
                                                    encoding="utf-8")
    after = run_cli("tally", "2026", *day, "--tom-tat", cwd=example)
    assert after.stdout.splitlines()[1].startswith("Chế độ D:"), after.stdout[:400]
