"""`thidua tally` and `thidua explain` as a user runs them."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import jsonschema

from thidua.commands.tally import run_explain
from thidua.report.tally import JSON_OUTPUT_SCHEMA

from .conftest import ROOT, run_cli

AS_OF = ["--as-of", "2024-01-20"]


def test_bundled_tally_prints_tables_and_exits_0() -> None:
    r = run_cli("tally", "2023", *AS_OF, "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    for heading in ("Cá nhân:", "Tập thể:", "Theo đơn vị", "Số lượng tối đa và chỉ tiêu",
                    "Từng người", "còn được đề nghị", "Chế độ A"):
        assert heading in r.stdout, heading
    assert "Traceback" not in r.stderr


def test_bundled_tally_json_validates_against_published_schema() -> None:
    r = run_cli("tally", "2023", *AS_OF, "-f", "json", "--repo", str(ROOT))
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, JSON_OUTPUT_SCHEMA)
    published = json.loads((ROOT / "schema" / "tally-output.schema.json").read_text())
    assert published == JSON_OUTPUT_SCHEMA
    assert doc["regime"]["code"] == "A"
    cstd = doc["totals"]["individuals"]["Chiến sĩ thi đua cấp tỉnh"]
    assert cstd["eligible"] == 1 and cstd["proposed"] == 1


def test_explain_works_for_every_person_and_unit_of_the_example() -> None:
    from thidua.commands.tally import load_repository, pick_org

    repo, _ = load_repository(pick_org(ROOT, None), 2023)
    ids = list(repo.years[2023].person_results) + [u.id for u in repo.org.units]
    for sid in ids:
        exp, errors = run_explain(ROOT, 2023, sid, as_of=date(2024, 1, 20))
        assert errors == [] and exp is not None
        assert all(v.criteria for v in exp.verdicts), sid


def test_explain_cli_shows_criteria_data_and_citation() -> None:
    r = run_cli("explain", "2023", "NV000021", *AS_OF, "--title", "Chiến sĩ thi đua cấp tỉnh",
                "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    assert "ĐỦ ĐIỀU KIỆN" in r.stdout
    assert "dữ liệu: campaigns/stp-ninh-thuan/2021/khen_thuong/" in r.stdout
    assert "căn cứ: Luật 2003 (sửa đổi 2013), Điều 22" in r.stdout
    bad = run_cli("explain", "2023", "NV999999", *AS_OF, "--repo", str(ROOT))
    assert bad.returncode == 1 and "không có người hay đơn vị" in bad.stderr
    typo = run_cli("explain", "2023", "NV000021", *AS_OF, "--title", "Lao dong tien tien",
                   "--repo", str(ROOT))
    assert typo.returncode == 1 and "Lao động tiên tiến" in typo.stderr


def test_ineligible_proposal_exits_1_with_location(base_repo: Path) -> None:
    f = base_repo / "campaigns/so-mau/2023/ket_qua/van-phong.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(
        "    xep_loai: Hoàn thành tốt nhiệm vụ\n",
        "    xep_loai: Hoàn thành tốt nhiệm vụ\n    de_nghi: [Bằng khen cấp tỉnh]\n"),
        encoding="utf-8")
    r = run_cli("tally", "2023", *AS_OF, cwd=base_repo)
    assert r.returncode == 1
    assert "campaigns/so-mau/2023/ket_qua/van-phong.yaml:18:" in r.stderr
    assert "TD401" in r.stderr and "căn cứ:" in r.stderr


def test_tally_refuses_invalid_data_and_unknown_year(base_repo: Path) -> None:
    assert run_cli("tally", "2019", *AS_OF, cwd=base_repo).returncode == 1
    f = base_repo / "campaigns/so-mau/nhan_su/van-phong.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("15/08/2018", "30/02/2018"),
                 encoding="utf-8")
    r = run_cli("tally", "2023", *AS_OF, cwd=base_repo)
    assert r.returncode == 1 and "TD106" in r.stderr and "thidua validate" in r.stderr


def test_csv_and_xlsx_outputs(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    r = run_cli("tally", "2023", *AS_OF, "-f", "xlsx", "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        sheets = z.read("xl/workbook.xml").decode()
    assert "Tổng hợp" in sheets and "Cá nhân" in sheets
    again = tmp_path / "t2.xlsx"
    run_cli("tally", "2023", *AS_OF, "-f", "xlsx", "-o", str(again), "--repo", str(ROOT))
    assert out.read_bytes() == again.read_bytes(), "same data, same bytes"
    assert run_cli("tally", "2023", *AS_OF, "-f", "xlsx", "--repo", str(ROOT)).returncode == 2
    csv_out = run_cli("tally", "2023", *AS_OF, "-f", "csv", "--repo", str(ROOT)).stdout
    assert csv_out.startswith("\ufeffMã,Họ tên,Đơn vị")
    assert len(csv_out.splitlines()) == 81


def test_a_summary_skips_only_the_ordering_of_people() -> None:
    from thidua.commands.tally import run_tally
    from thidua.report.tally import text

    day = date(2024, 3, 1)
    ordered, _ = run_tally(ROOT, 2023, as_of=day)
    unordered, _ = run_tally(ROOT, 2023, as_of=day, order_people=False)
    assert ordered is not None and unordered is not None
    assert text(ordered, people=False) == text(unordered, people=False)
    assert sorted(p.id for p in unordered.people) == sorted(p.id for p in ordered.people)
    assert [p.id for p in unordered.people] != [p.id for p in ordered.people]
