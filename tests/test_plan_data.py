"""A plan's anniversaries, phases, deadlines, targets and award forms are data; its text refers
to them and thidua writes the numbers and dates."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import yaml_rs

from thidua.load.schema import INVALID
from thidua.model.plan_text import expand, facts, written
from thidua.rules.plan import check
from thidua.textutil import same_day_in

from .conftest import ROOT, run_cli

NINH_BINH = ROOT / "campaigns/stp-ninh-binh/2022/ke_hoach/ke-hoach-thi-dua-2022.yaml"
QUY_IV = ROOT / "campaigns/stp-ninh-thuan/2023/ke_hoach/kh-3169-dot-thi-dua-quy-iv.yaml"


def _plan(path: Path) -> dict:
    return yaml_rs.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_anniversary_years_and_dates_are_computed() -> None:
    words = facts(_plan(NINH_BINH), 2022)
    # The seed printed "30/2/2022"; the date now comes from 03/02/1930.
    assert words["ky_niem.thanh_lap_dang"] == (
        "92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)")
    assert words["ky_niem.tai_lap_tinh.so_nam"] == "30"
    assert words["ky_niem.tai_lap_bo"] == "41 năm tái lập Bộ Tư pháp (07/1981 - 07/2022)"
    # The same plan a year later counts one year more.
    assert facts(_plan(NINH_BINH), 2023)["ky_niem.thanh_lap_dang.so_nam"] == "93"


def test_phases_deadlines_targets_and_awards_become_words() -> None:
    words = facts(_plan(NINH_BINH), 2022)
    assert words["so_dot"] == "02"
    assert words["dot.dot_1.den_ngay"] == "30/06/2022"
    assert words["dot.dot_2"] == "từ ngày 01/07/2022 đến ngày 31/12/2022"
    assert words["thoi_han.bao_cao_so_ket"] == "30/06/2022"
    assert words["khen_thuong.bk_tinh"] == "Bằng khen của Chủ tịch UBND tỉnh"
    quy_iv = facts(_plan(QUY_IV), 2023)
    assert quy_iv["khen_thuong.bk_tinh.so_luong"] == "01 tập thể và 01 cá nhân"
    plan_2018 = _plan(ROOT / "campaigns/stp-ninh-thuan/2018/ke_hoach/ke-hoach-thi-dua-2018.yaml")
    words_2018 = facts(plan_2018, 2018)
    assert (words_2018["chi_tieu.cstdcs"], words_2018["chi_tieu.cstd_tinh"]) == ("15%", "01")


def test_literal_braces_and_unknown_references() -> None:
    words = {"nam": "2022"}
    assert expand("Năm {nam}, ký hiệu {{x}}", words) == "Năm 2022, ký hiệu {x}"
    assert expand("Còn {khong_co}", words) == "Còn {khong_co}"
    plan = {"trich_yeu": "Kế hoạch {nam}", "muc": ["Đợt {dot.dot_9.ten}", {"tieu_de": "A"}]}
    text, missing = written(plan, 2022)
    assert text["trich_yeu"] == "Kế hoạch 2022" and missing == ["dot.dot_9.ten"]
    assert plan["trich_yeu"] == "Kế hoạch {nam}"  # the input is not changed


def test_29_february_falls_on_28_february() -> None:
    assert same_day_in(date(2020, 2, 29), 2022) == date(2022, 2, 28)
    assert same_day_in(date(2020, 2, 29), 2024) == date(2024, 2, 29)


def test_checks_skip_incomplete_items() -> None:
    # Items the schema already rejected (missing fields) do not crash the plan checks.
    from thidua.model import entities as m

    doc = {"trich_yeu": "x", "dot_thi_dua": [{"ma": "a"}, "rác", {
               "ma": "d", "ten": "Đợt", "tu_ngay": date(2022, 1, 1), "den_ngay": date(2022, 2, 1),
               "ky_niem": INVALID}], "ky_niem": [{"ma": "b"}],
           "khen_thuong": [{"ma": "c", "tap_the": 1}], "thuc_hien": [{"loai": "Kế hoạch"}],
           "muc": [{"tieu_de": 3}, None]}
    plan = m.Plan(None, "x", (), m.Src("f.yaml", ()), (), doc)
    assert check(plan, 2022, None) == []


def test_rendered_plan_carries_the_computed_words(tmp_path: Path) -> None:
    out = tmp_path / "kh.md"
    r = run_cli("render-plan", str(NINH_BINH), "-f", "md", "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)" in text
    assert "30/2/2022" not in text and "{" not in text


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    return repo


def _edited(tmp_path: Path, plan: Path, *changes: tuple[str, str]) -> tuple[Path, Path]:
    """A copy of the bundled campaigns where ``plan`` has each (old, new) text replaced."""
    repo = _copy(tmp_path)
    copy = repo / plan.relative_to(ROOT)
    text = copy.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    copy.write_text(text, encoding="utf-8")
    return repo, copy


def _codes(target: Path) -> list[str]:
    r = run_cli("validate", str(target), "-f", "json")
    return [d["code"] for d in json.loads(r.stdout)["diagnostics"]]


def test_unknown_reference_stops_render_and_validate(tmp_path: Path) -> None:
    repo, plan = _edited(tmp_path, QUY_IV, ("{dot.quy_iv.tu_ngay}", "{dot.quy_4.tu_ngay}"))
    text = plan.read_text(encoding="utf-8")
    out = tmp_path / "kh.docx"
    r = run_cli("render-plan", str(plan), "-o", str(out), "--repo", str(repo))
    assert r.returncode == 1 and "dot.quy_4.tu_ngay" in r.stderr and not out.exists()
    r = run_cli("validate", str(repo))
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "quy_4" in s)
    assert r.returncode == 1 and "TD310" in r.stdout
    assert f"kh-3169-dot-thi-dua-quy-iv.yaml:{line}" in r.stdout
    assert "dot.quy_iv.tu_ngay" in r.stdout  # did you mean


def test_phase_outside_the_year_is_reported(tmp_path: Path) -> None:
    repo, _ = _edited(tmp_path, QUY_IV, ("den_ngay: 2023-12-31", "den_ngay: 2024-01-15"))
    r = run_cli("validate", str(repo))
    assert r.returncode == 1 and "TD107" in r.stdout and "den_ngay" in r.stdout


def test_percentages_and_quantities_are_bounded(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    plan = repo / QUY_IV.relative_to(ROOT)
    text = plan.read_text(encoding="utf-8").replace("    tap_the: 1\n", "    tap_the: -1\n")
    text += ("chi_tieu:\n  - {ma: ldtt, danh_hieu: Lao động tiên tiến, so_sanh: \">=\", "
             "ty_le: 120, loai: mục tiêu}\n")
    plan.write_text(text, encoding="utf-8")
    r = run_cli("validate", str(repo), "-f", "json")
    found = {(d["code"], d["line"]) for d in json.loads(r.stdout)["diagnostics"]}
    lines = text.splitlines()
    assert ("TD108", lines.index("    tap_the: -1") + 1) in found
    assert ("TD108", len(lines)) in found


def test_cited_document_types_use_the_table_in_force() -> None:
    from thidua.load.law import bundled_law
    from thidua.model import entities as m

    law = bundled_law()
    cited = {"loai": "Kế hoạch", "so": "12/QĐ-UBND", "trich_yeu": "x"}

    def codes(day: date) -> list[str]:
        doc = {"trich_yeu": "x", "thuc_hien": [{**cited, "ngay": day}]}
        return [d.code for d in check(m.Plan(None, "x", (), m.Src("f", ()), (), doc), 2023, law)]
    assert codes(date(2023, 1, 5)) == ["TD313"]
    assert codes(date(2019, 1, 5)) == []  # before Nghị định 30/2020: no table in the data
    ok = {"trich_yeu": "x", "thuc_hien": [{"loai": "Chỉ thị", "so": "34-CT/TW",
                                            "ngay": date(2020, 4, 7), "trich_yeu": "x"}]}
    assert check(m.Plan(None, "x", (), m.Src("f", ()), (), ok), 2023, law) == []


def test_theme_and_slogan_are_quoted_where_the_text_refers_to_them() -> None:
    plan = {"trich_yeu": "Phát động thi đua chuyên đề “{chu_de}”", "chu_de": "Đoàn kết",
            "khau_hieu": "Chào mừng {ky_niem.a.so_nam} năm", "muc": ["Khẩu hiệu: {khau_hieu}."],
            "ky_niem": [{"ma": "a", "su_kien": "x", "ngay_goc": date(1948, 6, 11)}],
            "chi_tieu": [{"ma": "t", "ty_le": 15.5}]}
    text, missing = written(plan, 2018)
    assert missing == [] and text["muc"] == ["Khẩu hiệu: Chào mừng 70 năm."]
    assert text["trich_yeu"] == "Phát động thi đua chuyên đề “Đoàn kết”"
    assert facts(plan, 2018)["chi_tieu.t"] == "15,5%"  # Vietnamese decimal comma


def test_the_plan_title_is_written_out_in_the_model() -> None:
    from thidua.library.repository import open_org

    ws = open_org(ROOT, "stp-ninh-thuan", 2023, what="thử")
    titles = [p.subject for p in ws.repo.years[2023].plans]
    assert any("“Đoàn kết, kỷ cương, trách nhiệm, sáng tạo" in t for t in titles)
    assert not any("{" in t for t in titles)


def test_a_phase_lists_the_anniversaries_it_celebrates() -> None:
    words = facts(_plan(NINH_BINH), 2022)
    assert words["dot.dot_1.ky_niem"] == (
        "kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022); "
        "kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/05/1890 - 19/05/2022); "
        "kỷ niệm 74 năm Ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc "
        "(11/06/1948 - 11/06/2022)")


def test_diff_names_each_changed_date_figure_and_paragraph(tmp_path: Path) -> None:
    import subprocess

    repo = _copy(tmp_path)
    env = {"GIT_AUTHOR_NAME": "Thử", "GIT_AUTHOR_EMAIL": "thu@example.invalid",
           "GIT_COMMITTER_NAME": "Thử", "GIT_COMMITTER_EMAIL": "thu@example.invalid",
           "PATH": os.environ["PATH"]}
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-qm", "gốc"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True)
    plan = repo / QUY_IV.relative_to(ROOT)
    plan.write_text(plan.read_text(encoding="utf-8")
                    .replace("den_ngay: 2023-12-31", "den_ngay: 2023-12-15")
                    .replace("    tap_the: 1\n", "    tap_the: 2\n")
                    .replace("Trưởng các phòng, đơn vị thuộc Sở", "Trưởng các phòng, đơn vị Sở"),
                    encoding="utf-8")
    r = run_cli("diff", "main", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert ("3169/KH-STP: {dot.quy_iv}: từ ngày 01/10/2023 đến ngày 31/12/2023 → "
            "từ ngày 01/10/2023 đến ngày 15/12/2023") in r.stdout
    assert "{dot.quy_iv.den_ngay}" not in r.stdout  # said once, by {dot.quy_iv}
    assert ("{khen_thuong.bk_tinh.so_luong}: 01 tập thể và 01 cá nhân → 02 tập thể và 01 cá "
            "nhân") in r.stdout
    assert "3169/KH-STP: sửa lời văn 1 đoạn" in r.stdout


def test_star_marks_italics_and_backslash_star_is_a_star() -> None:
    from thidua.render.docx_writer import EM_CLOSE, EM_OPEN
    from thidua.render.plan import emphasis

    assert emphasis("phong trào *“Doanh nghiệp”*, *“B”*.") == (
        f"phong trào {EM_OPEN}“Doanh nghiệp”{EM_CLOSE}, {EM_OPEN}“B”{EM_CLOSE}.")
    assert emphasis("2*3 và a * b") == "2*3 và a * b"  # not emphasis
    assert emphasis(r"\*không nghiêng\*") == "*không nghiêng*"


def test_italic_runs_in_the_rendered_document(tmp_path: Path) -> None:
    from thidua.render.docx_writer import extract

    out = tmp_path / "kh.docx"
    r = run_cli("render-plan", str(QUY_IV), "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    lines = extract(out.read_bytes())
    line = next(x for x in lines if "Doanh nghiệp Ninh Thuận" in x)
    assert "thi đua *“Doanh nghiệp Ninh Thuận hội nhập và phát triển”*, " in line
    assert "\ue000" not in "".join(lines)


def test_a_plan_copied_to_the_next_year_points_at_its_old_dates_only(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    folder = repo / "campaigns/stp-ninh-binh/2023/ke_hoach"
    folder.mkdir(parents=True)
    shutil.copy(repo / NINH_BINH.relative_to(ROOT), folder / "ke-hoach-thi-dua-2023.yaml")
    codes = _codes(repo / "campaigns/stp-ninh-binh")
    # Four phase dates and the report deadline are still in 2022; the references to the
    # phases are not reported again, and the anniversaries simply count one year more.
    assert codes == ["TD107"] * 5


def test_a_broken_anniversary_is_reported_once(tmp_path: Path) -> None:
    repo, _ = _edited(tmp_path, NINH_BINH, ("ngay_goc: 1930-02-03", "ngay_goc: 1930-02-30"))
    assert _codes(repo / "campaigns/stp-ninh-binh") == ["TD106"]


def test_plan_number_takes_the_type_abbreviation_from_the_law_data() -> None:
    from thidua.rules.consistency import plan_number

    assert plan_number("KH").match("05/KH-STP") and plan_number("KH").match("3169/KH-STP")
    assert not plan_number("KH").match("05/QĐ-STP") and not plan_number("KH").match("5/KH-STP")
    assert plan_number(None).match("05/QĐ-STP")  # no table in force: only the shape


def test_a_plan_full_of_wrong_types_gets_diagnostics_not_a_crash(tmp_path: Path) -> None:
    from .conftest import BASE

    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    plan = repo / "campaigns/so-mau/2023/ke_hoach/ke-hoach.yaml"
    shutil.copy(Path(__file__).parent / "fixtures/plans/wrong-types.yaml", plan)
    r = run_cli("validate", str(repo), "-f", "json")
    assert r.returncode == 1, r.stderr
    codes = {d["code"] for d in json.loads(r.stdout)["diagnostics"]}
    assert {"TD102", "TD106", "TD108", "TD310"} <= codes
    r = run_cli("render-plan", str(plan), "-f", "md", "-o", str(tmp_path / "x.md"),
                "--repo", str(repo))
    assert r.returncode == 1 and "thidua validate" in r.stderr
