"""`thidua tally` and `thidua explain` as a user runs them."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import jsonschema

from thidua.library.decisions import decide_at, explain
from thidua.report.tally import JSON_OUTPUT_SCHEMA

from .conftest import ROOT, run_cli

AS_OF = ["--ngay-xet", "2024-01-20"]


def test_bundled_tally_prints_tables_and_exits_0() -> None:
    r = run_cli("tally", "2023", *AS_OF, "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    for heading in ("Cá nhân:", "Tập thể:", "Theo đơn vị", "Số lượng tối đa và chỉ tiêu",
                    "Từng người", "Còn được đề nghị", "Chế độ A",
                    "Đề nghị thuộc thẩm quyền cơ quan khác"):
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
    repo = decide_at(ROOT, 2023, date(2024, 1, 20)).repo
    ids = list(repo.years[2023].person_results) + [u.id for u in repo.org.units]
    for sid in ids:
        exp = explain(ROOT, 2023, sid, as_of=date(2024, 1, 20))
        assert all(v.criteria for v in exp.verdicts), sid


def test_explain_cli_shows_criteria_data_and_citation() -> None:
    r = run_cli("explain", "2023", "NV000021", *AS_OF, "--danh-hieu", "CSTĐ tỉnh",
                "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    assert "ĐỦ ĐIỀU KIỆN" in r.stdout
    assert "dữ liệu: campaigns/stp-ninh-thuan/2021/khen_thuong/" in r.stdout
    assert "căn cứ: Điều 22 Luật Thi đua, khen thưởng năm 2003" in r.stdout
    assert "Thẩm quyền: Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận" in r.stdout
    old = run_cli("explain", "2023", "NV000021", "--as-of", "2024-01-20", "--title",
                  "Chiến sĩ thi đua cấp tỉnh", "--repo", str(ROOT))
    assert old.stdout == r.stdout, "the old option names still work for one release"
    bad = run_cli("explain", "2023", "NV999999", *AS_OF, "--repo", str(ROOT))
    assert bad.returncode == 1 and "không có người hay đơn vị" in bad.stderr
    plain = run_cli("explain", "2023", "NV000021", *AS_OF, "--danh-hieu", "Lao dong tien tien",
                    "--repo", str(ROOT))
    assert plain.returncode == 0 and "Lao động tiên tiến: ĐỦ ĐIỀU KIỆN" in plain.stdout
    typo = run_cli("explain", "2023", "NV000021", *AS_OF, "--danh-hieu", "Lao đong tien tiên x",
                   "--repo", str(ROOT))
    assert typo.returncode == 1 and "Lao động tiên tiến" in typo.stderr
    assert "LĐTT" in typo.stderr  # the valid names are listed


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
    assert csv_out.startswith("\ufeffMã,Họ tên,Mã đơn vị,Đơn vị")
    assert len(csv_out.splitlines()) == 81


def test_a_summary_skips_only_the_ordering_of_people() -> None:
    from thidua.report.tally import text

    day = date(2024, 3, 1)
    ordered = decide_at(ROOT, 2023, day)
    unordered = decide_at(ROOT, 2023, day, order_people=False)
    assert text(ordered, people=False) == text(unordered, people=False)
    assert sorted(p.id for p in unordered.people) == sorted(p.id for p in ordered.people)
    assert [p.id for p in unordered.people] != [p.id for p in ordered.people]


def test_tally_counts_data_warnings_as_validate_does() -> None:
    """The tally's warnings about the data are the ones validate reports, counted alike; its
    own findings (which need the decision date) are counted apart and said to be so."""
    import re

    checked = run_cli("validate", "--repo", str(ROOT))
    data = int(re.search(r"(\d+) cảnh báo\.", checked.stdout)[1])
    r = run_cli("tally", "2023", *AS_OF, "--repo", str(ROOT))
    head = r.stderr.splitlines()[0]
    found = re.search(r"^(\d+) cảnh báo \((\d+) cảnh báo về dữ liệu, như thidua validate "
                      r"báo; (\d+) cảnh báo về kết quả xét", head)
    assert found, head
    total, of_data, of_decision = map(int, found.groups())
    assert of_data == data and total == of_data + of_decision and of_decision > 0
    codes = re.findall(r"cảnh báo (TD\d+):", checked.stdout)
    assert sorted(codes) == sorted(c for c in re.findall(r"cảnh báo (TD\d+):", r.stderr)
                                   if c != "TD404")
