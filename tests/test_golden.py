"""Golden files: the exact text and JSON users see for the bundled example.

After an intended change, regenerate with `THIDUA_UPDATE_GOLDEN=1 make test` and review the
diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, run_cli

GOLDEN = Path(__file__).parent / "golden"
AS_OF = ["--ngay-xet", "2024-01-20"]
CASES = {
    "tally-2023.txt": ["tally", "2023", *AS_OF, "--repo", str(ROOT)],
    "tally-2023.md": ["tally", "2023", *AS_OF, "-f", "markdown", "--repo", str(ROOT)],
    "tally-2023.json": ["tally", "2023", *AS_OF, "-f", "json", "--repo", str(ROOT)],
    "explain-NV000021.txt": ["explain", "2023", "NV000021", *AS_OF, "--repo", str(ROOT)],
    "explain-van-phong.txt": ["explain", "2023", "van-phong", *AS_OF, "--repo", str(ROOT)],
    "validate-td106.json": ["validate", "--format", "json", "--repo",
                            str(FIXTURES / "negative" / "td106-impossible-date")],
}


def _normalise(name: str, text: str) -> str:
    if name.endswith(".json"):
        doc = json.loads(text)
        doc.get("tool", {}).pop("version", None)
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return text


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, tmp_path: Path) -> None:
    cwd = ROOT
    args = CASES[name]
    if name.startswith("validate-"):
        # The negative case overlays the base repository; build it in a temporary folder.
        import shutil

        repo = tmp_path / "repo"
        shutil.copytree(FIXTURES / "base", repo)
        shutil.copytree(FIXTURES / "negative" / "td106-impossible-date", repo,
                        dirs_exist_ok=True, ignore=shutil.ignore_patterns("case.yaml"))
        args = ["validate", "--format", "json"]
        cwd = repo
    r = run_cli(*args, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    got = _normalise(name, r.stdout)
    path = GOLDEN / name
    if os.environ.get("THIDUA_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with THIDUA_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; review and update"
