"""One answer whatever the path: every read-only command gives the same bytes and the same
exit code with processes off (``THIDUA_WORKERS=1``) and with two processes splitting every
piece of work it can (``THIDUA_SPLIT_ALWAYS=1``: small data takes the parallel path too), on
clean data and on dirty data (unknown ids in history years, duplicates across the parts a
split makes, proposals naming plans, bad values in history years)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from .conftest import ROOT, run_cli

SEQUENTIAL = {"THIDUA_WORKERS": "1"}
SPLIT = {"THIDUA_WORKERS": "2", "THIDUA_SPLIT_ALWAYS": "1"}
AS_OF = ("--ngay-xet", "2024-01-20")
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]


def _sample(root: Path) -> Path:
    r = run_cli("sample", str(root), "--people", "400", "--years", "2021-2023", "--seed", "7")
    assert r.returncode == 0, r.stderr
    return root / "campaigns" / "stp-ninh-thuan"


def _replace_first(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _dirty_history(org: Path) -> None:
    """Problems in the years before the one decided: an unknown person in a 2022 decision
    (a tally once accepted it on the forked path only), a rating that is not one in 2021."""
    award = sorted((org / "2022/khen_thuong").glob("*.yaml"))[0]
    _replace_first(award, "ca_nhan:\n", "ca_nhan:\n  - NV999999\n")
    results = sorted((org / "2021/ket_qua").glob("*.yaml"))[-1]
    _replace_first(results, "xep_loai: Hoàn thành tốt nhiệm vụ",
                   "xep_loai: Hoàn thành tốt lắm")


def _dirty_parts(org: Path) -> None:
    """Problems between files a split puts in different parts: a person in two staff lists
    far apart and in the results of two units, proposals naming a plan (one that exists
    and one that does not), a council keeping someone never proposed."""
    rosters = sorted((org / "nhan_su").glob("*.yaml"))
    first = rosters[0].read_text(encoding="utf-8").split("nhan_su:\n", 1)[1]
    block = "  - ma:" + first.split("  - ma:")[1]
    rosters[-1].write_text(rosters[-1].read_text(encoding="utf-8") + block, encoding="utf-8")
    results = sorted((org / "2023/ket_qua").glob("*.yaml"))
    moved = re.search(r"  - ma: (NV\d+)\n    xep_loai: [^\n]+\n",
                      results[0].read_text(encoding="utf-8"))
    assert moved is not None
    with results[-1].open("a", encoding="utf-8") as fh:
        fh.write(moved[0])
    plan = sorted((org / "2023/ke_hoach").glob("*.yaml"))[0].stem
    for res, name in ((results[1], plan), (results[2], "khong-co-ke-hoach-nay")):
        _replace_first(res, "de_nghi:\n      - Lao động tiên tiến",
                       "de_nghi:\n      - danh_hieu: Lao động tiên tiến\n"
                       f"        ke_hoach: {name}")
    (org / "2023/hoi_dong").mkdir(exist_ok=True)
    (org / "2023/hoi_dong/phien-hop.yaml").write_text(
        "ngay: 2024-01-18\ndia_diem: Phòng họp\nthanh_vien:\n  - ma: giam-doc\n"
        "    vai_tro: Chủ tịch Hội đồng\nlua_chon:\n  - danh_hieu: Lao động tiên tiến\n"
        "    giu_lai: [NV999998]\n", encoding="utf-8")


def _warnings_only(org: Path) -> None:
    """Data a tally goes through with warnings: proposals for titles not met."""
    for res in sorted((org / "2023/ket_qua").glob("*.yaml"))[:4]:
        _replace_first(res, "xep_loai: Hoàn thành tốt nhiệm vụ\n    de_nghi:\n",
                       "xep_loai: Hoàn thành tốt nhiệm vụ\n    de_nghi:\n"
                       "      - Chiến sĩ thi đua cơ sở\n")


def _git_commit(root: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "a"], cwd=root, check=True)


def _commands(root: Path, org: Path, out: Path) -> dict[str, list[str]]:
    person = re.search(r"ma: (NV\d+)", next((org / "nhan_su").glob("*.yaml")).read_text(
        encoding="utf-8"))
    assert person is not None
    repo = ("--repo", str(root))
    return {
        "validate": ["validate", str(root)],
        "validate-json": ["validate", str(root), "--format", "json"],
        "validate-github": ["validate", str(root), "--format", "github"],
        "tally": ["tally", "2023", *AS_OF, *repo],
        "tally-json": ["tally", "2023", *AS_OF, "-f", "json", "-o", str(out / "t.json"), *repo],
        "tally-csv": ["tally", "2023", *AS_OF, "-f", "csv", "-o", str(out / "t.csv"), *repo],
        "tally-xlsx": ["tally", "2023", *AS_OF, "-f", "xlsx", "-o", str(out / "t.xlsx"),
                       *repo],
        "explain": ["explain", "2023", person[1], *AS_OF, *repo],
        "render-decision": ["render-decision", "2023", *AS_OF, "-o", str(out / "qd.docx"),
                            *repo],
    }


def _run_all(commands: dict[str, list[str]], out: Path, env: dict[str, str]
             ) -> dict[str, tuple[int, str, str, dict[str, bytes]]]:
    got = {}
    for name, args in commands.items():
        for f in out.iterdir():
            f.unlink()
        r = run_cli(*args, env=env)
        assert r.returncode in (0, 1), (name, r.returncode, r.stderr)
        got[name] = (r.returncode, r.stdout, r.stderr,
                     {f.name: f.read_bytes() for f in sorted(out.iterdir())})
    return got


def _same(a: dict[str, tuple[int, str, str, dict[str, bytes]]],
          b: dict[str, tuple[int, str, str, dict[str, bytes]]]) -> None:
    for name in a:
        assert a[name][:3] == b[name][:3], name
        assert a[name][3] == b[name][3], name


@pytest.mark.parametrize("dirt", ["clean", "warnings", "history", "parts"])
def test_read_only_commands_agree_with_and_without_workers(tmp_path: Path, dirt: str) -> None:
    root = tmp_path / "kho"
    org = _sample(root)
    {"clean": lambda o: None, "warnings": _warnings_only, "history": _dirty_history,
     "parts": _dirty_parts}[dirt](org)
    out = tmp_path / "out"
    out.mkdir()
    commands = _commands(root, org, out)
    one = _run_all(commands, out, SEQUENTIAL)
    two = _run_all(commands, out, SPLIT)
    _same(one, two)
    codes = {name: r[0] for name, r in one.items()}
    if dirt in ("history", "parts"):
        # Data errors: every command refuses, whatever the path.
        assert set(codes.values()) == {1}, codes
        assert "TD202" in one["tally"][1] + one["tally"][2] if dirt == "history" else True
    else:
        assert codes["tally-json"] in (0, 1) and one["tally-json"][3]["t.json"]


def test_bundled_example_agrees_with_and_without_workers(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    shutil.copytree(ROOT / "campaigns", root / "campaigns")
    org = root / "campaigns" / "stp-ninh-thuan"
    out = tmp_path / "out"
    out.mkdir()
    commands = _commands(root, org, out)
    _same(_run_all(commands, out, SEQUENTIAL), _run_all(commands, out, SPLIT))


def test_diff_and_import_agree_with_and_without_workers(tmp_path: Path) -> None:
    """What changed since the last commit, and an import of filled forms (dry run)."""
    root = tmp_path / "kho"
    org = _sample(root)
    _git_commit(root)
    forms = tmp_path / "bieu-mau"
    r = run_cli("forms", "2023", "--repo", str(root), "-o", str(forms))
    assert r.returncode == 0, r.stderr
    books = sorted(forms.glob("*.xlsx"))
    assert len(books) >= 8
    for book in books[:3]:  # a rating changed, and a person typed twice (an error)
        wb = openpyxl.load_workbook(book)
        ws = wb["Kết quả"]
        rows = [r for r in ws.iter_rows(min_row=9) if r[1].value]
        rows[0][3].value = "Hoàn thành nhiệm vụ"
        if book == books[2]:
            rows[1][1].value = rows[0][1].value
        wb.save(book)
    results = sorted((org / "2023/ket_qua").glob("*.yaml"))[0]
    _replace_first(results, "xep_loai: Hoàn thành tốt nhiệm vụ",
                   "xep_loai: Hoàn thành xuất sắc nhiệm vụ")
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "diff": ["diff", "HEAD", *AS_OF, "--repo", str(root)],
        "diff-default": ["diff", *AS_OF, "--repo", str(root)],  # (the working tree vs HEAD)
        "diff-markdown": ["diff", "HEAD", *AS_OF, "-f", "markdown", "--repo", str(root)],
        "import": ["import", *map(str, books), "--dry-run", "--repo", str(root)],
        "import-clean": ["import", *map(str, books[3:]), "--dry-run", "--repo", str(root)],
    }
    one, two = _run_all(commands, out, SEQUENTIAL), _run_all(commands, out, SPLIT)
    _same(one, two)
    assert one["import"][0] == 1 and one["import-clean"][0] == 0
    assert one["diff-default"][:2] == one["diff"][:2] and "xếp loại" in one["diff"][1]
