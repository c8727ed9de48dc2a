"""Who may be recognised, decided once: every document and the tally read the same answer."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from thidua.decide.outcome import EntryStatus
from thidua.decide.year import PERSON_TITLES, UNIT_TITLES
from thidua.library.decisions import decide_at
from thidua.render.docx_writer import extract

from .conftest import ROOT, run_cli

AS_OF = ("--ngay-xet", "2024-01-20")
DAY = date(2024, 1, 20)
ORG = "campaigns/stp-ninh-thuan"


def _annex_names(docx: Path) -> list[str]:
    """The names in a document's annex table (rows whose first cell is a number)."""
    names = []
    for line in extract(docx.read_bytes()):
        cells = [c.split("] ", 1)[-1].strip() for c in line.strip("| ").split(" || ")]
        if line.startswith("| ") and cells[0].isdigit() and len(cells) >= 2:
            names.append(cells[1])
    return names


def test_tally_decisions_proposal_and_minutes_agree_person_by_person(tmp_path: Path) -> None:
    d = decide_at(ROOT, 2023, DAY)
    tally = json.loads(run_cli("tally", "2023", *AS_OF, "-f", "json", "--repo",
                               str(ROOT)).stdout)
    by_title = {(o["title"], o["subject"]): o for o in tally["outcomes"]}
    minutes = tmp_path / "bb.docx"
    assert run_cli("render-minutes", "2023", *AS_OF, "-o", str(minutes), "--repo",
                   str(ROOT)).returncode == 0
    minutes_rows = [line for line in extract(minutes.read_bytes()) if line.startswith("| ")]
    proposal = tmp_path / "tt.docx"
    assert run_cli("render-proposal", "2023", *AS_OF, "-o", str(proposal), "--repo",
                   str(ROOT)).returncode == 0
    upward = _annex_names(proposal)
    checked = 0
    for collective, titles in ((False, PERSON_TITLES), (True, UNIT_TITLES)):
        for title in titles:
            o = d.outcome(title, collective)
            if not o.entries:
                continue
            # tally: the same statuses, person by person
            row = by_title[(title, o.subject)]
            assert [(e["id"], e["status"]) for e in row["entries"]] == \
                [(e.id, e.status.value) for e in o.entries]
            own = [e.name for e in o.recognised if e.decider and e.decider.own]
            up = [e.name for e in o.recognised if e.decider and e.decider.upward]
            # the decision lists exactly the recognised proposals the signer decides
            out = tmp_path / f"qd-{checked}.docx"
            args = ["render-decision", "2023", *AS_OF, "--danh-hieu", title, "-o", str(out),
                    "--repo", str(ROOT)] + (["--tap-the"] if collective else [])
            r = run_cli(*args)
            if own:
                assert r.returncode == 0, r.stderr
                assert _annex_names(out) == own, title
            else:
                assert r.returncode == 1 and not out.exists(), title
            # the proposal upward lists the others
            for name in up:
                assert name in upward, (title, name)
            # the minutes show every proposal with the same result
            for e in o.entries:
                words = {EntryStatus.RECOGNISED: "Đủ điều kiện"}.get(e.status)
                hit = [line for line in minutes_rows if f"] {e.name} ||" in line]
                assert hit, (title, e.name)
                if words:
                    assert any(line.rstrip(" |").endswith(words) for line in hit), e.name
            checked += 1
    assert checked >= 6
    # the district office's staff are apart, with their authority, in the tally and
    # nowhere in the department's decision
    ldtt = by_title[("Lao động tiên tiến", "cá nhân")]
    apart = [e for e in ldtt["entries"] if e["status"] == "thuộc thẩm quyền cơ quan khác"]
    assert len(apart) == 8
    assert {e["decider"] for e in apart} == {
        "Chủ tịch Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm"}


@pytest.fixture
def capped(tmp_path: Path) -> Path:
    """The bundled example with a plan cap of 10 "Lao động tiên tiến" (58 are eligible)."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    plan = repo / ORG / "2023/ke_hoach/ke-hoach-thi-dua.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + (
        "  - noi_dung: Không quá 10 cá nhân đạt \"Lao động tiên tiến\"\n"
        "    danh_hieu: Lao động tiên tiến\n    so_sanh: \"<=\"\n    so_luong: 10\n"
        "    loai: trần\n"), encoding="utf-8")
    return repo


RENDERS = {
    "render-decision": [],
    "render-decision-giay-khen": ["--danh-hieu", "Giấy khen"],
    "render-decision-ttldtt": ["--danh-hieu", "Tập thể lao động tiên tiến"],
    "render-proposal": [],
    "render-minutes": [],
    "render-registrations": [],
}


@pytest.mark.parametrize("command", sorted(RENDERS))
def test_a_cap_exceeded_stops_every_document(capped: Path, command: str) -> None:
    out = capped / "out.docx"
    r = run_cli(command.split("-giay")[0].split("-ttldtt")[0], "2023", *AS_OF,
                *RENDERS[command], "-o", str(out), cwd=capped)
    assert r.returncode == 1, r.stdout + r.stderr
    assert not out.exists()
    err = r.stderr
    assert "Không quá 10 cá nhân đạt" in err  # the cap
    assert "58 đề nghị đủ điều kiện, tối đa 10" in err  # the count
    assert "Nguyễn Kim Ánh" in err  # the names
    assert "lua_chon" in err and "Traceback" not in err


def test_the_council_choice_makes_a_lawful_list_that_the_minutes_record(capped: Path) -> None:
    d = decide_at(capped, 2023, DAY)
    ids = [e.id for e in d.outcome("Lao động tiên tiến", False).recognised][:10]
    meeting = capped / ORG / "2023/hoi_dong/hop-xet-2023.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "lua_chon:\n"
                       "  - danh_hieu: Lao động tiên tiến\n"
                       f"    giu_lai: [{', '.join(ids)}]\n", encoding="utf-8")
    out = capped / "qd.docx"
    r = run_cli("render-decision", "2023", *AS_OF, "-o", str(out), cwd=capped)
    assert r.returncode == 0, r.stderr
    kept = decide_at(capped, 2023, DAY).outcome("Lao động tiên tiến", False)
    assert [e.id for e in kept.recognised] == ids
    assert len(_annex_names(out)) == 10
    minutes = capped / "bb.docx"
    assert run_cli("render-minutes", "2023", *AS_OF, "-o", str(minutes),
                   cwd=capped).returncode == 0
    body = "\n".join(extract(minutes.read_bytes()))
    assert re.search(r"Hội đồng biểu quyết lựa chọn 10 cá nhân: ", body)
    assert "Không được Hội đồng chọn" in body and "hội đồng không chọn" not in body


BAD = {
    "policy-above-ceiling": (
        "chinh_sach.yaml", None,
        "  - ma: cstdcs_ty_le_toi_da_tren_ldtt\n    gia_tri: 20\n    den_ngay: 2023-12-31\n"
        "    can_cu: khoản 3 Điều 9 Quy chế thi đua của tỉnh\n    ngay_ban_hanh: 2019-12-20\n",
        "TD405"),
    "unknown-plan": (
        "2023/ket_qua/van-phong.yaml", "      - Lao động tiên tiến\n",
        "      - {danh_hieu: Giấy khen, ke_hoach: kh-khong-co}\n", "TD411"),
    "council-choice-not-proposed": (
        "2023/hoi_dong/hop-xet-2023.yaml", None,
        "lua_chon:\n  - danh_hieu: Chiến sĩ thi đua cơ sở\n    giu_lai: [NV000041]\n", "TD410"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_decision_input_is_a_located_error(tmp_path: Path, case: str) -> None:
    file, after, text, code = BAD[case]
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    path = repo / ORG / file
    old = path.read_text(encoding="utf-8")
    path.write_text(old.replace(after, after + text, 1) if after else old + text,
                    encoding="utf-8")
    r = run_cli("validate", cwd=repo)
    assert r.returncode == 1, r.stdout
    assert re.search(rf"^{ORG}/{re.escape(file)}:\d+:\d+: lỗi {code}: ", r.stdout, re.M), \
        r.stdout[-2000:]
