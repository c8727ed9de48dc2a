"""The office's first day: a clerk's ordinary mistakes, all reported in one run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import ROOT, run_cli

ORG = "campaigns/stp-ninh-thuan"
# (file, text, replacement, code, line of the mistake in the edited file)
MISTAKES = [
    ("nhan_su/van-phong.yaml", "    ho_ten: Nguyễn Kim Ánh\n", "    ho_ten:Nguyễn Kim Ánh\n",
     "TD001", 5),
    ("nhan_su/thanh-tra.yaml", "    ngay_tuyen_dung: 2008-08-10\n",
     "    ngay_tuyen_dung: 2008-02-30\n", "TD106", 11),
    ("nhan_su/phong-xdkt.yaml", "    gioi_tinh: nữ\n", "    gioi_tinh: Nữ giới\n", "TD104", 6),
    ("nhan_su/phong-hctp.yaml", "    chuc_vu: Trưởng phòng\n", "    chuc_vuu: Trưởng phòng\n",
     "TD101", 7),
    ("2023/dang_ky/thanh-tra.yaml",
     "  - ma: NV000012\n    danh_hieu:\n      - Lao động tiên tiến\n",
     "  - ma: NV000012\n    danh_hieu:\n      - Lao động tiên tiếng\n", "TD104", 13),
]


def test_five_mistakes_at_once_are_all_reported_in_one_run(tmp_path: Path) -> None:
    repo = tmp_path / "kho"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    for rel, old, new, _code, _line in MISTAKES:
        path = repo / ORG / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, rel
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run_cli("validate", "-f", "json", cwd=repo)
    assert r.returncode == 1
    errors = [d for d in json.loads(r.stdout)["diagnostics"] if d["severity"] == "error"]
    got = sorted((d["code"], d["file"], d["line"]) for d in errors)
    want = sorted((code, f"{ORG}/{rel}", line) for rel, _o, _n, code, line in MISTAKES)
    assert got == want  # each mistake at its line, and nothing that only follows from them
    text = run_cli("validate", cwd=repo).stdout
    assert "thiếu dấu cách sau dấu ':'" in text  # TD001 in Vietnamese, saying what to fix
    assert "gợi ý: ." not in text and "gợi ý: Mã nhân sự: ." not in text
