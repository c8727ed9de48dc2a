"""The README stays true to the code."""

from __future__ import annotations

import re

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
