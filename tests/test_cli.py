"""The command line as a user meets it: exit codes, output formats, help, errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from thidua import cli
from thidua.report.diagnostics import JSON_OUTPUT_SCHEMA

from .conftest import BASE, ROOT, run_cli


def _break(repo: Path) -> Path:
    f = repo / "campaigns/so-mau/nhan_su/van-phong.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("15/08/2018", "30/02/2018"),
                 encoding="utf-8")
    return f


def test_valid_repo_exits_0(base_repo: Path) -> None:
    r = run_cli("validate", cwd=base_repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "không có lỗi" in r.stdout


def test_error_exits_1_with_file_line_code_hint(base_repo: Path) -> None:
    _break(base_repo)
    r = run_cli("validate", cwd=base_repo)
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith("campaigns/so-mau/nhan_su/van-phong.yaml:15:5: lỗi TD106:")
    assert "gợi ý:" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_repo_option_and_discovery_from_subfolder(base_repo: Path) -> None:
    sub = base_repo / "campaigns" / "so-mau" / "2023"
    assert run_cli("validate", cwd=sub).returncode == 0
    assert run_cli("validate", "--repo", str(base_repo), cwd=ROOT / "tests").returncode == 0


def test_no_repository_found(tmp_path: Path) -> None:
    r = run_cli("validate", cwd=tmp_path)
    assert r.returncode == 1
    assert "không tìm thấy thư mục campaigns/" in r.stderr


def test_warnings_pass_unless_strict(base_repo: Path) -> None:
    f = base_repo / "campaigns/so-mau/2023/dang_ky/phong-a.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert run_cli("validate", cwd=base_repo).returncode == 0
    assert run_cli("validate", "--strict", cwd=base_repo).returncode == 1


def test_usage_error_exits_2(base_repo: Path) -> None:
    assert run_cli("validate", "--format", "xml", cwd=base_repo).returncode == 2
    assert run_cli("khong-co-lenh", cwd=base_repo).returncode == 2


def test_json_output_follows_published_schema(base_repo: Path) -> None:
    _break(base_repo)
    r = run_cli("validate", "--format", "json", cwd=base_repo)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, JSON_OUTPUT_SCHEMA)
    assert doc["summary"] == {"files": 10, "errors": 1, "warnings": 0}
    d = doc["diagnostics"][0]
    assert (d["code"], d["line"], d["column"]) == ("TD106", 15, 5)
    published = json.loads((ROOT / "schema" / "validate-output.schema.json").read_text())
    assert published == JSON_OUTPUT_SCHEMA


def test_github_format_and_step_summary(base_repo: Path, tmp_path: Path) -> None:
    _break(base_repo)
    summary = tmp_path / "summary.md"
    r = run_cli("validate", cwd=base_repo,
                env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert r.returncode == 1
    assert r.stdout.startswith(
        "::error file=campaigns/so-mau/nhan_su/van-phong.yaml,line=15,col=5,title=TD106::")
    text = summary.read_text(encoding="utf-8")
    assert "thidua validate" in text and "| TD106 | 1 |" in text


def test_validate_single_file_reports_only_that_file(base_repo: Path) -> None:
    _break(base_repo)
    other = "campaigns/so-mau/2023/dang_ky/van-phong.yaml"
    assert run_cli("validate", other, cwd=base_repo).returncode == 0
    r = run_cli("validate", "campaigns/so-mau/nhan_su/van-phong.yaml", cwd=base_repo)
    assert r.returncode == 1


def _commands(help_text: str) -> list[str]:
    """The command names listed under "Lệnh:" in a help text."""
    listed = help_text.split("\nLệnh:\n", 1)[1]
    return [line.split()[0] for line in listed.splitlines()
            if line.startswith("  ") and not line.startswith("   ")]


def test_every_command_has_vietnamese_help() -> None:
    """Every command the help lists (and each of a group's commands) explains itself in
    Vietnamese, and nothing of the framework's English shows."""
    r = run_cli("--help")
    assert r.returncode == 0
    names = _commands(r.stdout)
    assert {"validate", "tally", "render-decision", "forms", "import", "templates"} <= set(names)
    assert len(names) >= 20  # (the README lists every one: tests/test_docs.py)
    from concurrent.futures import ThreadPoolExecutor

    def page(command: str) -> str:
        return run_cli(*command.split(), "--help").stdout

    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = dict(zip(names, pool.map(page, names), strict=True))
        groups = [f"{name} {inner}" for name in names if "\nLệnh:\n" in pages[name]
                  for inner in _commands(pages[name])]  # a group: its commands too
        pages.update(zip(groups, pool.map(page, groups), strict=True))
    assert "templates check" in pages
    for name, page in pages.items():
        assert page.startswith(f"Cách dùng: thidua {name}"), name
        assert "Tùy chọn:" in page and "In hướng dẫn này rồi thoát." in page, name
        for english in ("Usage:", "Options:", "Show this message", "Arguments:", "Commands:",
                        "[default:", "[required]"):
            assert english not in page, (name, english)
    # --repo is shown where it matters; commands that do not read the repository accept it
    # (scripts may pass it to every command) without advertising it.
    for name in ("validate", "tally", "render-decision", "forms", "import"):
        assert "--repo" in pages[name], name
    for name in ("sample", "codes"):
        assert "--repo" not in pages[name], name


def test_internal_error_is_one_line_exit_3(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str],
                                           base_repo: Path) -> None:
    import thidua.library.validation as v

    def boom(*_a: object, **_k: object) -> None:
        raise KeyError("Nguyễn Văn A")  # record contents must not leak

    monkeypatch.setattr(v, "validate", boom)
    monkeypatch.setattr("sys.argv", ["thidua", "validate"])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "KeyError" in err and "Nguyễn" not in err


def test_sample_refuses_non_empty_target(tmp_path: Path) -> None:
    target = tmp_path / "s"
    target.mkdir()
    (target / "giu.txt").write_text("x")
    r = run_cli("sample", str(target), "--people", "10")
    assert r.returncode == 1
    assert sorted(p.name for p in target.iterdir()) == ["giu.txt"]


def test_schema_command_writes_files(tmp_path: Path) -> None:
    r = run_cli("schema", "-o", str(tmp_path / "sc"))
    assert r.returncode == 0
    names = sorted(p.name for p in (tmp_path / "sc").iterdir())
    assert "nhan_su.schema.json" in names and "validate-output.schema.json" in names


def test_base_fixture_is_clean() -> None:
    """Guards the negative fixtures (each overlays the base): their only findings come from
    their own changes, so the base itself must validate without a single diagnostic."""
    assert (BASE / "campaigns" / "so-mau" / "to_chuc.yaml").is_file()
    r = run_cli("validate", str(BASE), "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["diagnostics"] == []


def test_usage_errors_and_help_are_vietnamese(base_repo: Path) -> None:
    r = run_cli("validate", "--format", "xml", cwd=base_repo)
    assert r.returncode == 2
    assert r.stderr.startswith("Cách dùng: thidua validate")
    assert "lỗi:" in r.stderr and "gợi ý:" in r.stderr and "Error" not in r.stderr
    r = run_cli("sample")
    assert r.returncode == 2 and "thiếu tham số THƯ_MỤC" in r.stderr
    h = run_cli("validate", "--help")
    assert "Tùy chọn:" in h.stdout and "In hướng dẫn này rồi thoát." in h.stdout
    assert "Show this message" not in h.stdout


def test_unwritable_output_is_a_clear_error_not_an_internal_one(tmp_path: Path) -> None:
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    r = run_cli("schema", "-o", str(blocker / "schema"))
    assert r.returncode == 1
    assert "không ghi được" in r.stderr and "Lỗi nội bộ" not in r.stderr
    r = run_cli("sample", str(blocker / "s"), "--people", "5")
    assert r.returncode == 1 and "không ghi được" in r.stderr
