from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base"


@pytest.fixture
def base_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small valid repository, as the working directory."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture(autouse=True)
def _no_ci_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Output format must not depend on where the tests run.
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run the installed console script; returns CompletedProcess."""
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "thidua"
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    full_env.update(env or {})
    return subprocess.run([str(exe), *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=120)


def convert_to_pdf(files: list[Path], outdir: Path) -> None:
    """Convert .docx files with LibreOffice in one run (skip when it is not installed) and
    check that each gave a PDF of some substance (opened without repair)."""
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice không có trên máy này: bỏ qua bước chuyển sang PDF")
    done = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir",
                           str(outdir), *map(str, files)], capture_output=True, timeout=300,
                          check=False)
    assert done.returncode == 0
    for f in files:
        pdf = outdir / f"{f.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 10_000, f.name


def edit_template(path: Path, old: str, new: str) -> None:
    """Replace text inside the runs of a .docx template, as a clerk would in Word."""
    from docx import Document

    doc = Document(str(path))
    for p in doc.paragraphs:
        for run in p.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    doc.save(str(path))


T = TypeVar("T")


def both_ways(compute: Callable[[], T], *, always: bool = True) -> tuple[T, T]:
    """``compute()`` sequentially, then with two processes allowed (with ``always``, work
    is split whatever its size, so that small data takes the parallel path too)."""
    from thidua import parallel

    with parallel.use(1):
        one = compute()
    saved = os.environ.get(parallel.SPLIT_ALWAYS_ENV)
    if always:
        os.environ[parallel.SPLIT_ALWAYS_ENV] = "1"
    try:
        with parallel.use(2):
            two = compute()
    finally:
        if saved is None:
            os.environ.pop(parallel.SPLIT_ALWAYS_ENV, None)
        else:
            os.environ[parallel.SPLIT_ALWAYS_ENV] = saved
    return one, two
