"""The README stays true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from thidua.report.codes import codes_markdown

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_code_as_generated() -> None:
    block = README.split("<!-- codes:start -->\n", 1)[1].split("<!-- codes:end -->", 1)[0]
    assert block == codes_markdown(), "run `thidua codes --markdown` into the README"


def test_readme_has_the_two_commands_and_ci_runs_the_test_one() -> None:
    assert "make demo" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_readme_documents_every_command() -> None:
    from thidua.cli import app

    for cmd in app.registered_commands:
        name = cmd.name or (cmd.callback.__name__ if cmd.callback else "")
        assert f"thidua {name}" in README, name


def test_makefile_targets_have_descriptions() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "demo", "test", "lint", "bench"):
        assert re.search(rf"^{target}:.*## \S", makefile, re.M), target


def _blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def _readme_commands() -> list[str]:
    """The thidua commands of the README's shell examples, in order (the pip walkthrough
    has its own test)."""
    text = README.split("<!-- walkthrough:start -->")[0] + README.split(
        "<!-- walkthrough:end -->")[1]
    out = []
    for block in _blocks(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if re.match(r"(\.venv/bin/)?thidua \w", line):
                out.append(re.sub(r"^\.venv/bin/", "", line))
    return out


def test_every_command_of_the_readme_runs_on_the_bundled_example(tmp_path: Path) -> None:
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    work = tmp_path / "kho"
    shutil.copytree(ROOT / "campaigns", work / "campaigns")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    commands = _readme_commands()
    assert len(commands) >= 15
    for line in commands:
        r = subprocess.run(shlex.split(line), cwd=work, env=env, capture_output=True, text=True,
                           timeout=300)
        assert r.returncode in (0, 1), (line, r.returncode, r.stderr[-500:])
        assert "Traceback" not in r.stderr and "Lỗi nội bộ" not in r.stderr, line
        if r.returncode == 1:  # only the commands meant to show a problem
            assert line.startswith(("thidua law", "thidua validate")), (line, r.stderr[-500:])


def test_every_path_the_readme_names_exists() -> None:
    generated = ("build/", "dist/", "kho", ".github/", ".gitlab-ci.yml", "ci/", "schema/validate",
                 "CODEOWNERS", "templates/")
    named = set(re.findall(r"`((?:campaigns|thidua|tests|schema|bench|\.ci)/[^`\s]*)`", README))
    missing = []
    for path in sorted(named):
        if any(c in path for c in "<>…*{}") or path.startswith(generated):
            continue
        clean = path.split(":")[0].rstrip("/")
        if not (ROOT / clean).exists():
            missing.append(path)
    assert not missing, missing


def test_the_pip_walkthrough_reaches_the_first_decision(tmp_path: Path) -> None:
    """The README's install with pip only (no make), in a new folder, to a decision."""
    import os
    import subprocess

    block = README.split("<!-- walkthrough:start -->")[1].split("<!-- walkthrough:end -->")[0]
    script = _blocks(block)[0]
    (tmp_path / "thidua").symlink_to(ROOT)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    r = subprocess.run(["bash", "-euc", script], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, (r.stdout[-2000:], r.stderr[-2000:])
    assert "Đã ghi quyet-dinh.docx (2 cá nhân)" in r.stdout
    assert (tmp_path / "kho" / "quyet-dinh.docx").stat().st_size > 10_000
