"""The bundled example, the sample generator and the JSON Schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml_rs

from thidua.diagnostics import Diagnostic
from thidua.library.setup import render_schemas, write_sample
from thidua.library.validation import validate
from thidua.load.files import list_org_files
from thidua.load.repository import read_org
from thidua.sample import generate

from .conftest import ROOT, both_ways, run_cli

CAMPAIGNS = ROOT / "campaigns"


def test_bundled_example_is_valid_and_warns_only_of_the_district_office() -> None:
    """The example keeps the district justice office's proposals to show that they are
    another body's to decide (TD409); nothing else is reported."""
    result = validate([ROOT])
    assert {(d.code, d.file.rsplit("/", 1)[-1]) for d in result.diagnostics} == {
        ("TD409", "ptp-phan-rang.yaml")}
    org = next(o for o in result.orgs if o.folder.name == "stp-ninh-thuan")
    assert org.repo.org is not None
    assert 9 <= len(org.repo.org.units) <= 12
    assert 70 <= len(org.repo.people) <= 90


def test_bundled_example_has_years_of_results_under_each_regime() -> None:
    result = validate([ROOT], keep_years=True)
    repo = next(o for o in result.orgs if o.folder.name == "stp-ninh-thuan").repo
    # 2021-2023 (regime A), then 2026 after the merger into Khánh Hòa (regime C).
    years = [2021, 2022, 2023, 2026]
    assert sorted(y for y, yr in repo.years.items() if yr.person_results) == years
    assert repo.years[2018].plans  # the 2018 plan typed from a seed document, nothing else
    for yr in (repo.years[y] for y in years):
        assert len(yr.person_results) > 60
        assert yr.registrations and yr.plans
    assert any(p.transfers for p in repo.people.values())
    assert repo.years[2021].awards and repo.years[2022].awards


def test_committed_schemas_are_up_to_date() -> None:
    for name, text in render_schemas().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, (
            f"schema/{name} is stale: run `thidua schema`")


def test_bundled_files_match_json_schema_and_point_to_it() -> None:
    schemas = {n: json.loads(t) for n, t in render_schemas().items()}
    for org in CAMPAIGNS.iterdir():
        for ref in list_org_files(org):
            path = Path(ref.path)
            text = path.read_text(encoding="utf-8")
            first = text.splitlines()[0]
            assert first.startswith("# yaml-language-server: $schema="), path
            target = (path.parent / first.split("=", 1)[1]).resolve()
            assert target == (ROOT / "schema" / f"{ref.kind}.schema.json").resolve()
            data = yaml_rs.loads(text, parse_datetime=False)
            jsonschema.validate(data, schemas[f"{ref.kind}.schema.json"])


def test_sample_is_reproducible() -> None:
    a = list(generate(120, (2022, 2023), seed=7))
    b = list(generate(120, (2022, 2023), seed=7))
    c = list(generate(120, (2022, 2023), seed=8))
    assert a == b
    assert a != c


def test_sample_1000_is_valid_and_breaking_a_field_names_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "s"
    r = run_cli("sample", str(target), "--people", "1000")
    assert r.returncode == 0, r.stderr
    assert run_cli("validate", str(target)).returncode == 0
    roster = target / "campaigns/stp-ninh-thuan/nhan_su/thanh-tra.yaml"
    lines = roster.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, ln in enumerate(lines) if ln.strip().startswith("gioi_tinh:"))
    lines[n] = lines[n].split(":")[0] + ": không rõ\n"
    roster.write_text("".join(lines), encoding="utf-8")
    r = run_cli("validate", str(target))
    assert r.returncode == 1
    assert f"nhan_su/thanh-tra.yaml:{n + 1}:" in r.stdout and "TD104" in r.stdout


def test_sample_shares_are_realistic(tmp_path: Path) -> None:
    write_sample(tmp_path / "s", people=2000, years=(2022, 2023), seed=3)
    repo = validate([tmp_path / "s"], keep_years=True).orgs[0].repo
    results = list(repo.years[2023].person_results.values())
    share = {r: sum(x.rating == r for x in results) / len(results)
             for r in {x.rating for x in results}}
    assert 0.12 < share["Hoàn thành xuất sắc nhiệm vụ"] < 0.3
    assert 0.55 < share["Hoàn thành tốt nhiệm vụ"] < 0.75
    assert any(x.initiatives for x in results)
    assert any(x.disciplines for x in results)
    assert any(x.leaves for x in results)
    assert sum(bool(p.transfers) for p in repo.people.values()) > 10
    women = sum(p.gender == "nữ" for p in repo.people.values()) / len(repo.people)
    assert 0.45 < women < 0.65


def test_parallel_and_sequential_validation_agree(tmp_path: Path) -> None:
    write_sample(tmp_path / "s", people=1500, years=(2022, 2023), seed=5)
    reg = tmp_path / "s/campaigns/stp-ninh-thuan/2023/dang_ky/van-phong.yaml"
    text = reg.read_text(encoding="utf-8")
    first_id = text.split("- ma: ", 1)[1].split("\n", 1)[0]
    reg.write_text(text.replace(first_id, "NV999999"), encoding="utf-8")
    res = tmp_path / "s/campaigns/stp-ninh-thuan/2022/ket_qua/thanh-tra.yaml"
    res.write_text(res.read_text(encoding="utf-8").replace("xep_loai: Hoàn thành tốt",
                                                           "xep_loai: Tốt", 1),
                   encoding="utf-8")
    plan = tmp_path / "s/campaigns/stp-ninh-thuan/2023/ke_hoach/ke-hoach-thi-dua.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "doi_tuong:\n  loai_nhan_su: [công chức]\n"
                    "mo_dau: [\"Hạn {thoi_han.khong_co}\"]\n", encoding="utf-8")
    # Proposals naming their year's plan (right), and a council keeping one person who was
    # proposed (right) and one who was not (TD410): a worker holding a year's results
    # without its plans or meetings would report the first as unknown (TD411).
    org = tmp_path / "s/campaigns/stp-ninh-thuan"
    kept = ""
    for year in (2022, 2023):
        for res in sorted((org / f"{year}/ket_qua").glob("*.yaml"))[:3]:
            text = res.read_text(encoding="utf-8")
            proposed = text.split("de_nghi:\n      - Lao động tiên tiến", 1)[0]
            kept = proposed.rsplit("- ma: ", 1)[1].split("\n", 1)[0]
            res.write_text(text.replace(
                "de_nghi:\n      - Lao động tiên tiến",
                "de_nghi:\n      - danh_hieu: Lao động tiên tiến\n"
                "        ke_hoach: ke-hoach-thi-dua", 1), encoding="utf-8")
    (org / "2023/hoi_dong").mkdir()
    (org / "2023/hoi_dong/phien-hop.yaml").write_text(
        "ngay: 2024-01-18\ndia_diem: Phòng họp\nthanh_vien:\n  - ma: giam-doc\n"
        "    vai_tro: Chủ tịch Hội đồng\nlua_chon:\n  - danh_hieu: Lao động tiên tiến\n"
        f"    giu_lai: [{kept}, NV999998]\n", encoding="utf-8")
    a, b = both_ways(lambda: validate([tmp_path / "s"]).diagnostics)
    assert a == b
    assert {d.code for d in a} == {"TD202", "TD104", "TD310", "TD314", "TD410"}
    assert [d.message for d in a if d.code == "TD410"] == [
        d.message for d in b if d.code == "TD410" and "NV999998" in d.message]


def test_a_worker_holding_results_reads_the_plans_of_their_year() -> None:
    """The yearly files are split between two workers by kind and year: the one that holds
    a year's results without its registrations also reads that year's plans (a proposal
    may name one), for context only; the council's meetings go with the results."""
    from thidua.load.files import FileRef
    from thidua.load.repository import split_for_workers

    def ref(kind: str, name: str, size: int) -> FileRef:
        display = f"o/2023/{kind}/{name}.yaml"
        return FileRef(display, display, kind, 2023, name, size=size)

    plan = ref("ke_hoach", "kh", 1)
    meeting = ref("hoi_dong", "phien-hop", 1)
    results = [ref("ket_qua", f"u{k}", 50) for k in range(2)]
    registrations = [ref("dang_ky", f"u{k}", 45) for k in range(2)]
    groups = split_for_workers([plan, *registrations, *results, meeting])
    holding = next((refs, context) for refs, context in groups if results[0] in refs)
    other = next((refs, context) for refs, context in groups if registrations[0] in refs)
    assert holding != other
    assert plan in holding[0] and meeting in holding[0]
    assert holding[1] == {plan.display}  # its problems are reported by the other worker
    assert plan in other[0] and not other[1]


def test_parallel_tally_equals_sequential(tmp_path: Path) -> None:
    """A large year's verdicts are computed in two halves on two processes; the result is
    exactly the sequential one (the same function on each half)."""
    from datetime import date

    from thidua.library.decisions import decide_at
    from thidua.parallel import MIN_SIZE
    from thidua.report.tally import as_json_dict

    write_sample(tmp_path / "s", people=6000, years=(2022, 2023), seed=11)
    as_of = date(2024, 1, 20)
    a, b = both_ways(lambda: as_json_dict(decide_at(tmp_path / "s", 2023, as_of)),
                     always=False)
    assert a == b
    assert len(a["people"]) > MIN_SIZE["people"]


def test_staff_lists_read_in_two_halves_agree_with_one_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person declared in two staff lists far apart is the same duplicate (TD203, at the
    later file) whatever the path."""
    from thidua.library import validation

    write_sample(tmp_path / "s", people=1500, years=(2022, 2023), seed=5)
    rosters = sorted((tmp_path / "s/campaigns/stp-ninh-thuan/nhan_su").glob("*.yaml"))
    first = rosters[0].read_text(encoding="utf-8").split("nhan_su:\n", 1)[1]
    block = "  - ma:" + first.split("  - ma:")[1]
    last = rosters[-1]
    last.write_text(last.read_text(encoding="utf-8") + block, encoding="utf-8")
    folder = tmp_path / "s" / "campaigns" / "stp-ninh-thuan"
    a, b = both_ways(lambda: validation.validate_org(folder))
    assert sorted(a.diagnostics, key=Diagnostic.sort_key) == sorted(
        b.diagnostics, key=Diagnostic.sort_key)
    dup = [d for d in a.diagnostics if d.code == "TD203"]
    assert len(dup) == 1 and dup[0].file.endswith(last.name)
    assert list(a.repo.people) == list(b.repo.people)


def test_repeated_values_are_kept_once(tmp_path: Path) -> None:
    """A rating, a position, a data path are stored once however many records hold them,
    and a person's id in the yearly records is the roster's own string (memory: a
    200,000-person year held a copy of each in every record)."""
    write_sample(tmp_path / "s", people=1500, years=(2022, 2023), seed=3)
    repo = read_org(tmp_path / "s/campaigns/stp-ninh-thuan").repo
    people = list(repo.people.values())

    def copies(values: list[object]) -> int:
        return len({id(v) for v in values}) - len(set(values))

    assert copies([p.gender for p in people]) == copies([p.title for p in people]) == 0
    assert copies([p.src.path for p in people]) == 0
    results = list(repo.years[2023].person_results.values())
    assert copies([r.rating for r in results]) == copies([r.src.path for r in results]) == 0
    assert all(r.person is repo.people[r.person].id for r in results)
    regs = repo.years[2023].registrations
    assert copies([r.titles for r in regs]) == 0
