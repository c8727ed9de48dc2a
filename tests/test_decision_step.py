"""Who may be recognised, decided once: every document and the tally read the same answer."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
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
            # the minutes show every proposal the council considered with the same result;
            # another body's proposals are passed on in one line, not listed
            for e in o.entries:
                words = {EntryStatus.RECOGNISED: "Đủ điều kiện"}.get(e.status)
                hit = [line for line in minutes_rows if f"] {e.name} ||" in line]
                if e.status is EntryStatus.ELSEWHERE:
                    assert not hit or e.name in up + own, (title, e.name)
                    continue
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


def test_history_of_a_person_across_years() -> None:
    r = run_cli("history", "NV000021", "-f", "json", "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    h = json.loads(r.stdout)
    years = [a["year"] for a in h["awards"] if a["title"] == "Chiến sĩ thi đua cơ sở"]
    assert years == [2021, 2022]
    assert {y["year"] for y in h["years"]} >= {2021, 2022, 2023}
    assert h["awards"][0]["decision"] == "02/QĐ-STP" or h["awards"][0]["decision"] == \
        "01/QĐ-STP"
    text = run_cli("history", "NV000021", "--repo", str(ROOT)).stdout
    assert "Quyết định số 02/QĐ-STP ngày 20/01/2023 của Giám đốc Sở Tư pháp" in text
    bad = run_cli("history", "NV999999", "--repo", str(ROOT))
    assert bad.returncode == 1 and "không có người" in bad.stderr


def test_recording_a_decision_feeds_next_years_verdicts(tmp_path: Path) -> None:
    """Without the 2022 CSTĐCS decision on record, the 2023 CSTĐ cấp tỉnh verdict lacks its
    three consecutive years; printing that decision and recording it restores them."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    (repo / ORG / "2022/khen_thuong/qd-cstdcs-2022.yaml").unlink()
    title = "Chiến sĩ thi đua cấp tỉnh"

    def verdict() -> str:
        out = run_cli("explain", "2023", "NV000021", *AS_OF, "--danh-hieu", title, "-f", "json",
                      cwd=repo)
        return json.loads(out.stdout)["verdicts"][0]["status"]
    assert verdict() != "đạt"
    qd = tmp_path / "qd-2022.docx"
    r = run_cli("render-decision", "2022", "--ngay-xet", "2023-01-20", "--danh-hieu",
                "Chiến sĩ thi đua cơ sở", "-o", str(qd), cwd=repo)
    assert r.returncode == 0, r.stderr
    rec = run_cli("record-decision", str(qd), "--so", "02", "--ngay", "2023-01-20", cwd=repo)
    assert rec.returncode == 0, rec.stderr
    assert "02/QĐ-STP" in rec.stdout
    assert run_cli("validate", cwd=repo).returncode == 0
    assert verdict() == "đạt"
    again = run_cli("record-decision", str(qd), "--so", "02", "--ngay", "2023-01-20", cwd=repo)
    assert again.returncode == 1 and "đã được ghi" in again.stderr
    ldtt = tmp_path / "qd-ldtt-2022.docx"
    # (everyone in it is recorded already: printed again with --cap-lai)
    printed = run_cli("render-decision", "2022", "--ngay-xet", "2023-01-20", "--cap-lai", "-o",
                      str(ldtt), cwd=repo)
    assert printed.returncode == 0, printed.stderr
    used = run_cli("record-decision", str(ldtt), "--so", "02", "--ngay", "2023-01-20", cwd=repo)
    assert used.returncode == 1 and "đã dùng" in used.stderr


def test_one_record_per_award(tmp_path: Path) -> None:
    """A decision recorded once: printing it again leaves out (and lists) those recorded;
    recording the same people under another number is refused at the earlier record, and
    nothing is written; the document printed before still verifies."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    qd = tmp_path / "qd.docx"
    assert run_cli("render-decision", "2023", *AS_OF, "-o", str(qd), cwd=repo).returncode == 0
    rec = run_cli("record-decision", str(qd), "--so", "05", "--ngay", "2024-01-25", cwd=repo)
    assert rec.returncode == 0, rec.stderr
    recorded = repo / ORG / "2023/khen_thuong/qd-ldtt-05-2023.yaml"
    assert recorded.is_file()
    again = run_cli("render-decision", "2023", *AS_OF, "-o", str(tmp_path / "b.docx"), cwd=repo)
    assert again.returncode == 1 and "đã được ghi khen thưởng" in again.stderr
    assert "--cap-lai" in again.stderr
    reissued = run_cli("render-decision", "2023", *AS_OF, "--cap-lai", "-o",
                       str(tmp_path / "c.docx"), cwd=repo)
    assert reissued.returncode == 0, reissued.stderr
    before = sorted(p.name for p in recorded.parent.iterdir())
    twice = run_cli("record-decision", str(qd), "--so", "06", "--ngay", "2024-01-26", cwd=repo)
    assert twice.returncode == 1
    assert "TD604" in twice.stdout + twice.stderr
    assert f"{recorded.name}:8:" in twice.stdout + twice.stderr  # the earlier record's line
    assert sorted(p.name for p in recorded.parent.iterdir()) == before  # nothing written
    assert run_cli("verify", str(qd), cwd=repo).returncode == 0
    # Two records of one award typed by hand: validate refuses them.
    copy = recorded.with_name("qd-ldtt-06-2023.yaml")
    copy.write_text(recorded.read_text(encoding="utf-8").replace("05/QĐ", "06/QĐ"),
                    encoding="utf-8")
    bad = run_cli("validate", cwd=repo)
    assert bad.returncode == 1 and "TD604" in bad.stdout


def test_the_dossier_has_every_piece_and_each_verifies(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "hs.zip"
    r = run_cli("render-dossier", "2023", *AS_OF, "-o", str(out), "--khong-pdf", "--repo",
                str(ROOT))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        z.extractall(tmp_path / "hs")
    assert names[:3] == ["00-muc-luc.docx", "01-to-trinh.docx", "02-bien-ban-hop-hoi-dong.docx"]
    reports = [n for n in names if n.startswith("03-bao-cao-thanh-tich/")]
    upward = {e["id"] for o in json.loads(run_cli("tally", "2023", *AS_OF, "-f", "json",
                                                  "--repo", str(ROOT)).stdout)["outcomes"]
              for e in o["entries"] if e["document"] == "tờ trình"}
    assert len(reports) == len(upward)
    assert all(any(n.endswith(f"-{sid}.docx") for n in reports) for sid in upward)
    for name in names:
        v = run_cli("verify", str(tmp_path / "hs" / name), "--repo", str(ROOT))
        assert v.returncode == 0 and "Khớp" in v.stdout, (name, v.stdout, v.stderr)
    again = tmp_path / "hs2.zip"
    run_cli("render-dossier", "2023", *AS_OF, "-o", str(again), "--khong-pdf", "--repo",
            str(ROOT))
    assert again.read_bytes() == out.read_bytes()
    body = "\n".join(extract((tmp_path / "hs" / reports[0]).read_bytes()))
    assert "BÁO CÁO THÀNH TÍCH" in body and "[Phần cá nhân, đơn vị tự viết" in body
    assert "02/QĐ-STP ngày 20/01/2023" in body


def test_a_report_is_titled_for_what_goes_upward(tmp_path: Path) -> None:
    """NV000021 is proposed for LĐTT, CSTĐCS (the department's) and CSTĐ tỉnh (proposed to
    the province): the report, which goes with the proposal upward, is titled for that."""
    out = tmp_path / "bc.docx"
    r = run_cli("render-report", "NV000021", "2023", *AS_OF, "-o", str(out), "--repo",
                str(ROOT))
    assert r.returncode == 0, r.stderr
    body = "\n".join(extract(out.read_bytes()))
    assert "ĐỀ NGHỊ TẶNG DANH HIỆU \"CHIẾN SĨ THI ĐUA CẤP TỈNH\"" in body
    assert "LAO ĐỘNG TIÊN TIẾN\"" not in body
    # no award yet: the table says so rather than print an empty row
    awards = body.split("2. Hình thức khen thưởng", 1)[1].splitlines()
    assert awards[2].startswith("| [center,12.0]  || [left,12.0] Không ||"), awards[:3]


def test_a_report_for_an_unknown_person_is_an_error() -> None:
    r = run_cli("render-report", "NV999999", "2023", *AS_OF, "--repo", str(ROOT))
    assert r.returncode == 1 and "không có người" in r.stderr and "Traceback" not in r.stderr


def _frames(docx: bytes) -> list[tuple[int, int, str]]:
    """(x, y in twips, text) of every framed paragraph, in document order."""
    import zipfile
    from io import BytesIO

    xml = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode()
    out = []
    for para in re.findall(r"<w:p[ >].*?</w:p>", xml):
        m = re.search(r'<w:framePr [^>]*w:x="(\d+)" w:y="(\d+)"', para)
        if m:
            text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", para))
            out.append((int(m[1]), int(m[2]), text))
    return out


def test_certificates_one_page_per_recipient_of_the_recorded_decision(tmp_path: Path) -> None:
    """2022 LĐTT (Quyết định 01/QĐ-STP on record): one page per person, in the decision's
    order, names with their salutation, positions from the layout in millimetres."""
    import yaml_rs

    record = yaml_rs.loads((ROOT / ORG / "2022/khen_thuong/qd-ldtt-2022.yaml").read_text(
        encoding="utf-8"), parse_datetime=False)
    out = tmp_path / "gcn.docx"
    r = run_cli("render-certificates", "2022", "--danh-hieu", "LĐTT", "-o", str(out), "--repo",
                str(ROOT))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    frames = _frames(data)
    names = [t for x, y, t in frames if y == round(86 / 25.4 * 1440)]
    assert len(names) == len(record["ca_nhan"])
    assert names[0] == "Bà Nguyễn Kim Trang"  # NV000011, first in the decision
    assert all(t.startswith(("Ông ", "Bà ")) for t in names)
    assert xml_pages(data) == len(names)
    assert any(t == "Quyết định số 01/QĐ-STP ngày 20/01/2023 của Giám đốc Sở Tư pháp"
               for _, _, t in frames)
    v = run_cli("verify", str(out), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout, v.stdout + v.stderr
    again = tmp_path / "gcn2.docx"
    run_cli("render-certificates", "2022", "-t", "LĐTT", "-o", str(again), "--repo", str(ROOT))
    assert again.read_bytes() == data
    # the office's own blank: one field moved, the rest keep the default
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    (repo / "templates").mkdir()
    (repo / "templates/chung-nhan.yaml").write_text(
        "truong:\n  danh_xung_ho_ten:\n    x: 40\n    y: 80\n    rong: 200\n", encoding="utf-8")
    moved = tmp_path / "moved.docx"
    r = run_cli("render-certificates", "2022", "-t", "LĐTT", "--can-chinh", "-o", str(moved),
                cwd=repo)
    assert r.returncode == 0, r.stderr
    frames = _frames(moved.read_bytes())
    assert (round(40 / 25.4 * 1440), round(80 / 25.4 * 1440), "Bà Nguyễn Kim Trang") in frames
    assert xml_pages(moved.read_bytes()) == len(names) + 1  # the calibration page first
    assert frames[0][2].startswith("[danh_xung_ho_ten: x 40 mm, y 80 mm")


def xml_pages(docx: bytes) -> int:
    import zipfile
    from io import BytesIO

    xml = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode()
    return xml.count('w:type="page"') + 1


def test_certificates_need_a_recorded_decision_and_a_layout_on_the_blank(tmp_path: Path) -> None:
    r = run_cli("render-certificates", "2023", "-t", "LĐTT", "--repo", str(ROOT))
    assert r.returncode == 1 and "record-decision" in r.stderr
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    (repo / "templates").mkdir()
    (repo / "templates/chung-nhan.yaml").write_text(
        "trang:\n  rong: 210\n  cao: 148\ntruong:\n  thanh_tich:\n    y: 200\n",
        encoding="utf-8")
    r = run_cli("render-certificates", "2022", "-t", "LĐTT", cwd=repo)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "templates/chung-nhan.yaml:6:5: lỗi TD603" in r.stderr  # y: 200 on a 148 mm blank
    assert "templates/chung-nhan.yaml:2:3: lỗi TD603" in r.stderr  # defaults wider than 210
    assert not (repo / "build").exists()


def test_statistics_count_the_recorded_decisions_and_the_plans(tmp_path: Path) -> None:
    """2022: one yearly plan; LĐTT 58 (Sở) + 6 (UBND thành phố) individuals, CSTĐCS 1,
    TTLĐTT 7 + 1 units, as recorded in 2022/khen_thuong/."""
    import openpyxl

    out = tmp_path / "tk.xlsx"
    r = run_cli("stats", "2022", "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Biểu 0601", "Biểu 0602", "Biểu 0603", "Bảng 4",
                             "Quyết định đã tính", "Ghi chú"]

    def row(sheet: str, code: str) -> list:
        ws = wb[sheet]
        found = [[c.value for c in r] for r in ws.iter_rows() if r[1].value == code]
        assert len(found) == 1, (sheet, code)
        return found[0]
    assert row("Biểu 0601", "01")[2:] == [1, 0, 0, 1]
    assert row("Biểu 0601", "12")[2:] == [1, 0, 0, 1]  # thường xuyên
    base = row("Bảng 4", "05")  # individuals: total, LĐTT, CSTĐCS, TTLĐTT, TTLĐXS, GK
    assert base[3:] == [65, 64, 1, 0, 0, 0]
    assert row("Bảng 4", "02")[3:] == [8, 0, 0, 8, 0, 0]
    leaders, others = row("Bảng 4", "07")[3] + row("Bảng 4", "09")[3], row("Bảng 4", "10")[3]
    assert leaders + others == 65
    assert row("Biểu 0602", "01")[3] == 0
    assert [c.value for c in wb["Quyết định đã tính"]["B"]][1:] == [
        "01/QĐ-STP", "02/QĐ-STP", "03/QĐ-STP", "12/QĐ-UBND", "14/QĐ-UBND"]
    assert "chưa đối chiếu" in wb["Ghi chú"]["A5"].value
    again = tmp_path / "tk2.xlsx"
    run_cli("stats", "2022", "-o", str(again), "--repo", str(ROOT))
    assert again.read_bytes() == out.read_bytes()
    doc = tmp_path / "tk.docx"
    made = run_cli("stats", "2022", "-f", "docx", "-o", str(doc), "--repo", str(ROOT))
    assert made.returncode == 0
    v = run_cli("verify", str(doc), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout, v.stdout + v.stderr
    # The office's notes (how the figures were drawn, repository paths, what is not yet
    # checked against the circular's annex) go to the terminal and the document's
    # properties, never on a page sent out.
    text = "\n".join(extract(doc.read_bytes()))
    assert "Biểu số: 0603.N/BNV-TĐKT" in text
    assert "chưa đối chiếu" not in text and "khen_thuong/" not in text and "thidua " not in text
    assert "chưa đối chiếu" in made.stdout and "khen_thuong/" in made.stdout
    with zipfile.ZipFile(doc) as z:
        assert "chưa đối chiếu" in z.read("docProps/custom.xml").decode("utf-8")


def test_statistics_follow_a_recorded_decision(tmp_path: Path) -> None:
    """Recording a decision changes the tables: the numbers come from khen_thuong/."""
    import openpyxl

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    (repo / ORG / "2022/khen_thuong/qd-cstdcs-2022.yaml").unlink()
    run_cli("stats", "2022", "-o", str(tmp_path / "a.xlsx"), cwd=repo)
    qd = tmp_path / "qd.docx"
    run_cli("render-decision", "2022", "--ngay-xet", "2023-01-20", "--danh-hieu", "CSTĐCS",
            "-o", str(qd), cwd=repo)
    assert run_cli("record-decision", str(qd), "--so", "02", "--ngay", "2023-01-20",
                   cwd=repo).returncode == 0
    run_cli("stats", "2022", "-o", str(tmp_path / "b.xlsx"), cwd=repo)

    def cstdcs(name: str) -> int:
        ws = openpyxl.load_workbook(tmp_path / name)["Bảng 4"]
        return next(r[5].value for r in ws.iter_rows() if r[1].value == "05")
    assert (cstdcs("a.xlsx"), cstdcs("b.xlsx")) == (0, 1)
