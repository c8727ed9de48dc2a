"""Quyết định công nhận danh hiệu: content, format, determinism, provenance."""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from thidua.render.docx_writer import extract

from .conftest import BASE, ROOT, convert_to_pdf, edit_template, run_cli

AS_OF = ["--ngay-xet", "2024-01-20"]
GOLDEN = Path(__file__).parent / "golden" / "quyet-dinh-ldtt-2023.txt"


def _render(tmp_path: Path, *args: str, repo: Path = ROOT) -> Path:
    out = tmp_path / "qd.docx"
    r = run_cli("render-decision", "2023", *AS_OF, *args, "-o", str(out), "--repo", str(repo))
    assert r.returncode == 0, r.stderr
    return out


def test_decision_content_matches_golden(tmp_path: Path) -> None:
    lines = extract(_render(tmp_path, "--so", "5", "--ngay", "2024-01-20").read_bytes())
    text = "\n".join(lines) + "\n"
    import os

    if os.environ.get("THIDUA_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    assert "Số: 05/QĐ-STP" in text and "Ninh Thuận, ngày 20 tháng 01 năm 2024" in text


def test_state_format_page_and_fonts(tmp_path: Path) -> None:
    from docx import Document
    from docx.shared import Mm

    doc = Document(str(_render(tmp_path)))
    def mm(length: int) -> float:
        return round(length / Mm(1), 1)

    for s in doc.sections:
        assert (mm(s.page_width), mm(s.page_height)) == (210, 297)  # A4
        assert (mm(s.left_margin), mm(s.right_margin), mm(s.top_margin)) == (30, 15, 20)
    assert doc.sections[0].different_first_page_header_footer
    assert "PAGE" in doc.sections[0].header._element.xml
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_rendering_twice_gives_identical_bytes(tmp_path: Path) -> None:
    a = _render(tmp_path).read_bytes()
    b = _render(tmp_path).read_bytes()
    assert a == b
    for info in zipfile.ZipFile(_render(tmp_path)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_verify_detects_changed_data(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    out = _render(tmp_path, repo=repo)
    ok = run_cli("verify", str(out), "--repo", str(repo))
    assert ok.returncode == 0 and ok.stdout.startswith("Khớp")
    f = repo / "campaigns/stp-ninh-thuan/2023/ket_qua/van-phong.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("xep_loai: Hoàn thành tốt nhiệm vụ", "xep_loai: Hoàn thành nhiệm vụ",
                              1), encoding="utf-8")
    changed = run_cli("verify", str(out), "--repo", str(repo))
    assert changed.returncode == 1 and changed.stdout.startswith("Không khớp")


def test_nfd_names_come_out_nfc(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    roster = repo / "campaigns/so-mau/nhan_su/van-phong.yaml"
    roster.write_text(unicodedata.normalize("NFD", roster.read_text(encoding="utf-8")),
                      encoding="utf-8")
    res = repo / "campaigns/so-mau/2023/ket_qua/van-phong.yaml"
    res.write_text(res.read_text(encoding="utf-8").replace(
        "    xep_loai: Hoàn thành tốt nhiệm vụ\n",
        "    xep_loai: Hoàn thành tốt nhiệm vụ\n    de_nghi: [Lao động tiên tiến]\n"),
        encoding="utf-8")
    out = _render(tmp_path, repo=repo)
    body = "\n".join(extract(out.read_bytes()))
    assert "Phạm Văn Đức" in body and unicodedata.is_normalized("NFC", body)


@pytest.mark.parametrize("args, message", [
    (["--danh-hieu", "Cờ thi đua cấp tỉnh"], "không xét tự động"),
    (["--danh-hieu", "Chiến sĩ thi đua toàn quốc"], "không xét tự động"),
    (["--nguoi-ky", "khong-co"], "không có người ký"),
])
def test_bad_requests_are_clear_errors(tmp_path: Path, args: list[str], message: str) -> None:
    r = run_cli("render-decision", "2023", *AS_OF, *args, "-o", str(tmp_path / "x.docx"),
                "--repo", str(ROOT))
    assert r.returncode == 1 and message in r.stderr
    assert not (tmp_path / "x.docx").exists()


def test_unit_decision(tmp_path: Path) -> None:
    body = "\n".join(extract(_render(tmp_path, "--danh-hieu",
                                     "Tập thể lao động tiên tiến").read_bytes()))
    assert "Tập thể được công nhận danh hiệu" in body and "Tên tập thể" in body


def test_opens_in_libreoffice_without_repair(tmp_path: Path) -> None:
    """Every document of the demo converts to PDF (one LibreOffice run for all)."""
    files = []
    for name, args in sorted(DEMO_DOCUMENTS.items()):
        out = tmp_path / f"{name}.docx"
        r = run_cli(*args, "-o", str(out), "--repo", str(ROOT))
        assert r.returncode == 0, r.stderr
        files.append(out)
    convert_to_pdf(files, tmp_path / "pdf")


def test_repository_template_overrides_the_default(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    r = run_cli("templates", "export", "--repo", str(repo))
    assert r.returncode == 0 and "quyet-dinh-cong-nhan-ca-nhan.docx" in r.stdout
    tpl = repo / "templates" / "quyet-dinh-cong-nhan-ca-nhan.docx"
    edit_template(tpl, "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH (mẫu riêng của Sở):")
    body = "\n".join(extract(_render(tmp_path, repo=repo).read_bytes()))
    assert "QUYẾT ĐỊNH (mẫu riêng của Sở):" in body
    assert run_cli("templates", "check", "--repo", str(repo)).returncode == 0


def test_template_check_reports_unknown_variables_and_broken_tags(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    run_cli("templates", "export", "--repo", str(repo))
    tpl = repo / "templates" / "quyet-dinh-cong-nhan-ca-nhan.docx"
    edit_template(tpl, "{{ theo_de_nghi }}", "{{ nguoi_de_nghi }}")
    r = run_cli("templates", "check", "--repo", str(repo))
    assert r.returncode == 1
    assert "biến \"nguoi_de_nghi\" không có trong dữ liệu" in r.stdout and "đoạn" in r.stdout
    edit_template(tpl, "{{ nguoi_de_nghi }}", "{{ theo_de_nghi")
    r = run_cli("templates", "check", "--repo", str(repo))
    assert r.returncode == 1 and "thẻ Jinja hỏng" in r.stdout


def test_special_characters_are_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    org = repo / "campaigns/stp-ninh-thuan/to_chuc.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "co_quan_chu_quan: Ủy ban nhân dân tỉnh Ninh Thuận",
        'co_quan_chu_quan: "Ủy ban nhân dân tỉnh <Thử> & \\"Mẫu\\""'), encoding="utf-8")
    body = "\n".join(extract(_render(tmp_path, repo=repo).read_bytes()))
    assert 'ỦY BAN NHÂN DÂN TỈNH <THỬ> & "MẪU"' in body


def test_giay_khen_decision(tmp_path: Path) -> None:
    body = "\n".join(extract(_render(tmp_path, "--danh-hieu", "Giấy khen").read_bytes()))
    assert "Về việc tặng Giấy khen cho các cá nhân" in body
    assert "Tặng Giấy khen của Giám đốc Sở Tư pháp cho 02 cá nhân" in body
    assert "Cá nhân được tặng Giấy khen năm 2023" in body


def _registration_totals(year: int) -> tuple[int, int, int]:
    """Count registrations straight from the YAML files, independently of thidua."""
    import yaml

    people = ldtt = cstdcs = 0
    for f in sorted((ROOT / "campaigns" / "stp-ninh-thuan" / str(year) / "dang_ky").glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for p in doc.get("ca_nhan") or []:
            people += 1
            ldtt += "Lao động tiên tiến" in p["danh_hieu"]
            cstdcs += "Chiến sĩ thi đua cơ sở" in p["danh_hieu"]
    return people, ldtt, cstdcs


def test_registration_summary_docx_counts_match_the_data(tmp_path: Path) -> None:
    out = tmp_path / "dk.docx"
    r = run_cli("render-registrations", "2023", "--ngay", "2023-02-15", "-o", str(out),
                "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    lines = extract(out.read_bytes())
    body = "\n".join(lines)
    assert "BẢNG TỔNG HỢP" in body and "Ninh Thuận, ngày 15 tháng 02 năm 2023" in body
    total = next(line for line in lines if "Tổng cộng" in line)
    cells = [c.split("] ", 1)[-1].strip() for c in total.strip("| ").split(" || ")]
    people, ldtt, cstdcs = _registration_totals(2023)
    # registered/recognised: the year has results, decided on the day of the command
    assert cells[4] == str(people)
    assert [c.split("/")[0] for c in cells[5:7]] == [str(ldtt), str(cstdcs)]
    again = tmp_path / "dk2.docx"
    run_cli("render-registrations", "2023", "--ngay", "2023-02-15", "-o", str(again),
            "--repo", str(ROOT))
    assert again.read_bytes() == out.read_bytes()


def test_registration_summary_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "dk.xlsx"
    r = run_cli("render-registrations", "2023", "-f", "xlsx", "-o", str(out),
                "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "Tổng cộng" in strings and "Phòng Bổ trợ tư pháp" in strings
    people, _, _ = _registration_totals(2023)
    # numbers are numbers, totals are formulas over the unit rows
    counts = [int(v) for _, v in re.findall(r'<c r="E(\d+)" s="4"><v>(\d+)</v>', sheet)]
    assert "<f>SUM(E6:E15)</f>" in sheet and sum(counts) == people
    # ... saved with their values: a reader other than Excel shows the total, not 0
    import openpyxl

    ws = openpyxl.load_workbook(out, data_only=True).active
    total = next(r for r in ws.iter_rows() if r[1].value == "Tổng cộng")
    assert total[4].value == people


def test_a_unit_name_starting_with_equals_stays_text(tmp_path: Path) -> None:
    repo = tmp_path / "kho"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    org = repo / "campaigns/stp-ninh-thuan/to_chuc.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text.replace("ten: Phòng Bổ trợ tư pháp",
                                "ten: \"=HYPERLINK(\\\"http://e.invalid\\\",\\\"x\\\")\"", 1),
                   encoding="utf-8")
    out = tmp_path / "dk.xlsx"
    r = run_cli("render-registrations", "2023", "-f", "xlsx", "-o", str(out), cwd=repo)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert "HYPERLINK" in strings and "HYPERLINK" not in sheet  # a string, not a formula


DEMO_GOLDEN = Path(__file__).parent / "golden" / "demo"
DEMO_DOCUMENTS = {
    "quyet-dinh-ldtt": ["render-decision", "2023", *AS_OF],
    "quyet-dinh-giay-khen": ["render-decision", "2023", *AS_OF, "--danh-hieu", "Giấy khen"],
    "quyet-dinh-ttldtt": ["render-decision", "2023", *AS_OF, "--danh-hieu",
                          "Tập thể lao động tiên tiến"],
    "to-trinh-tinh": ["render-proposal", "2023", *AS_OF],
    "bien-ban-hop-hoi-dong": ["render-minutes", "2023", *AS_OF],
    "bang-tong-hop-dang-ky": ["render-registrations", "2023", *AS_OF],
}


@pytest.mark.parametrize("name", sorted(DEMO_DOCUMENTS))
def test_demo_documents_match_golden(tmp_path: Path, name: str) -> None:
    """The documents `make demo` writes, as drafts (number and date blank)."""
    import os

    out = tmp_path / f"{name}.docx"
    r = run_cli(*DEMO_DOCUMENTS[name], "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    text = "\n".join(extract(out.read_bytes())) + "\n"
    golden = DEMO_GOLDEN / f"{name}.txt"
    if os.environ.get("THIDUA_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_proposal_lists_higher_awards_with_votes(tmp_path: Path) -> None:
    out = tmp_path / "tt.docx"
    r = run_cli("render-proposal", "2023", *AS_OF, "--so", "12", "--ngay", "2024-01-22",
                "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    body = "\n".join(extract(out.read_bytes()))
    assert "Số: 12/TTr-STP" in body and "TỜ TRÌNH" in body
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận." in body
    assert "(Kèm theo Tờ trình số 12/TTr-STP ngày 22 tháng 01 năm 2024 của Sở Tư pháp)" in body
    assert "Nguyễn Hữu Bình" in body and "9/11 (82%)" in body
    assert "Lao động tiên tiến" not in body.split("DANH SÁCH", 1)[1]
    v = run_cli("verify", str(out), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout


def test_ministry_proposal_needs_an_addressee(tmp_path: Path) -> None:
    r = run_cli("render-proposal", "2023", *AS_OF, "--cap", "bo", "-o",
                str(tmp_path / "x.docx"), "--repo", str(ROOT))
    assert r.returncode == 1 and "--kinh-gui" in r.stderr
    assert not (tmp_path / "x.docx").exists()


def test_minutes_need_a_meeting(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    shutil.rmtree(repo / "campaigns" / "stp-ninh-thuan" / "2023" / "hoi_dong")
    r = run_cli("render-minutes", "2023", *AS_OF, "-o", str(tmp_path / "bb.docx"),
                "--repo", str(repo))
    assert r.returncode == 1 and "hoi_dong" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "bb.docx").exists()


def test_minutes_attendance_and_votes(tmp_path: Path) -> None:
    out = tmp_path / "bb.docx"
    r = run_cli("render-minutes", "2023", *AS_OF, "-o", str(out), "--repo", str(ROOT))
    assert r.returncode == 0, r.stderr
    body = "\n".join(extract(out.read_bytes()))
    assert "Thành viên Hội đồng có mặt: 10/11 thành viên" in body
    assert ("Vắng mặt: 01 thành viên: đồng chí Đặng Đức Việt (đi công tác), có ý kiến bằng văn "
            "bản." in body)
    assert ("| [left,12.0] Nguyễn Hữu Bình || [left,12.0] Văn phòng || [center,12.0] 9/11"
            in body)
    v = run_cli("verify", str(out), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout


def test_verify_registration_summary_and_tampered_provenance(tmp_path: Path) -> None:
    out = tmp_path / "dk.docx"
    assert run_cli("render-registrations", "2023", "-o", str(out), "--repo",
                   str(ROOT)).returncode == 0
    v = run_cli("verify", str(out), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout
    tampered = tmp_path / "sua.docx"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "docProps/custom.xml":
                data = data.replace(b"bang-tong-hop-dang-ky", b"to-trinh")
            dst.writestr(item, data)
    v = run_cli("verify", str(tampered), "--repo", str(ROOT))
    assert v.returncode == 1 and "nguồn gốc" in v.stderr and "Traceback" not in v.stderr


def test_deputy_signs_for_the_director(tmp_path: Path) -> None:
    """KT. GIÁM ĐỐC on one line, the deputy's own title below (Nghị định 30/2020, Điều 13)."""
    body = "\n".join(extract(_render(tmp_path, "--nguoi-ky", "pho-giam-doc").read_bytes()))
    assert ("[center,B,14.0] KT. GIÁM ĐỐC / [center,B,14.0] PHÓ GIÁM ĐỐC" in body
            and "Lê Thị Hồng Nhung" in body)


def test_long_parameters_keep_their_provenance(tmp_path: Path) -> None:
    """Core properties longer than python-docx's 255-character guard still work."""
    proposer = "Chánh Văn phòng Sở Tư pháp kiêm Thường trực Hội đồng Thi đua - Khen thưởng Sở " * 2
    out = _render(tmp_path, "--theo-de-nghi", proposer.strip())
    v = run_cli("verify", str(out), "--repo", str(ROOT))
    assert v.returncode == 0 and "Khớp" in v.stdout


def test_group_numbers_stay_roman_past_twenty() -> None:
    """An annex with more than twenty units keeps numbering its groups I, II, … XXI, …"""
    from thidua.render.base import roman

    assert [roman(i) for i in (1, 4, 9, 14, 20, 21, 39, 40, 49, 90, 99)] == [
        "I", "IV", "IX", "XIV", "XX", "XXI", "XXXIX", "XL", "XLIX", "XC", "XCIX"]
