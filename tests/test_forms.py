"""Excel in and out: forms for the units, filled as a clerk would, imported back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import ROOT, both_ways, run_cli

ORG = "campaigns/stp-ninh-thuan"
AS_OF = ("--ngay-xet", "2024-01-20")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A copy of the bundled example under git, with the 2023 forms written."""
    repo = tmp_path / "kho"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit",
                 "-qm", "a"]):
        subprocess.run(cmd, cwd=repo, check=True)
    r = run_cli("forms", "2023", "-o", "bieu-mau", cwd=repo)
    assert r.returncode == 0, r.stderr
    return repo


def _status(repo: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain", "campaigns"], cwd=repo,
                          capture_output=True, text=True, check=True).stdout


def _row(ws: Any, code: str) -> int:
    for row in ws.iter_rows(min_row=1, max_col=2):
        if row[1].value == code:
            return int(row[1].row)
    raise AssertionError(code)


def _col(ws: Any, header: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        for cell in row:
            if cell.value == header:
                return int(cell.column)
    raise AssertionError(header)


def test_forms_carry_the_roster_dropdowns_and_an_identifier(office: Path) -> None:
    names = sorted(p.name for p in (office / "bieu-mau").glob("*.xlsx"))
    assert "van-phong.xlsx" in names and len(names) == 10
    wb = openpyxl.load_workbook(office / "bieu-mau/van-phong.xlsx")
    assert wb.sheetnames == ["Hướng dẫn", "Đăng ký", "Kết quả", "Danh mục", "Gốc"]
    assert wb["Gốc"].sheet_state == "veryHidden" and wb["Gốc"].protection.sheet
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["thidua_don_vi"] == "van-phong" and props["thidua_nam"] == "2023"
    assert len(props["thidua_goc"]) == 64  # the hash of what the form was made from
    res = wb["Kết quả"]
    assert res.protection.sheet  # structure locked; input cells unlocked
    assert res.cell(_row(res, "NV000021"), 2).protection.locked
    assert not res.cell(_row(res, "NV000021"), _col(res, "Xếp loại")).protection.locked
    lists = [dv.formula1 for dv in res.data_validations.dataValidation]
    assert any("Danh mục" in (f or "") for f in lists)
    # the unit's rating (B3) shows in full: the cell to its right is left empty for it
    assert res["B3"].value == "Hoàn thành xuất sắc nhiệm vụ" and res["C3"].value is None
    assert res["D3"].value.startswith("← Xếp loại của tập thể")
    # the people's rows carry what the repository holds, locked or open as the form needs
    reg = wb["Đăng ký"]
    r = _row(reg, "NV000021")
    marked = {reg.cell(7, c).value for c in range(5, reg.max_column + 1)
              if reg.cell(r, c).value == "x"}
    assert marked == {"Đăng ký LĐTT", "Đăng ký CSTĐCS", "Đăng ký CSTĐ tỉnh"}, marked
    assert all(not reg.cell(r, c).protection.locked for c in range(5, reg.max_column + 1)
               if reg.cell(r, c).value is not None)  # an empty cell takes its column's format
    assert reg.cell(r, 1).value == r - 7 and reg.cell(r, 3).protection.locked
    late = openpyxl.load_workbook(office / "bieu-mau/trung-tam-tgpl.xlsx")["Đăng ký"]
    day = late.cell(_row(late, "NV000077"), _col(late, "Ngày đăng ký (nếu khác ngày chung)"))
    assert day.value == datetime(2023, 2, 6) and day.number_format == "dd/mm/yyyy"
    with zipfile.ZipFile(office / "bieu-mau/van-phong.xlsx") as z:  # dimension covers rows
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert f':{openpyxl.utils.get_column_letter(reg.max_column)}{reg.max_row}"' in sheet
    # the unchanged forms import as no change at all
    r = run_cli("import", *map(str, sorted((office / "bieu-mau").glob("*.xlsx"))), cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    assert _status(office) == "" and r.stdout.count("Không đổi") == 20


def test_a_clerk_fills_the_form_and_the_office_imports_it(office: Path) -> None:
    form = office / "bieu-mau/van-phong.xlsx"
    wb = openpyxl.load_workbook(form)
    reg, res = wb["Đăng ký"], wb["Kết quả"]
    r = _row(reg, "NV000041")
    reg.cell(r, _col(reg, "Đăng ký CSTĐCS")).value = "x"
    r = _row(res, "NV000041")
    res.cell(r, _col(res, "Xếp loại")).value = "Hoàn thành tốt nhiệm vụ"
    res.cell(r, _col(res, "Đề nghị LĐTT")).value = "x"
    res.cell(r, _col(res, "Sáng kiến (tên)")).value = "Sổ tay hướng dẫn thủ tục một cửa"
    res.cell(r, _col(res, "Quyết định công nhận sáng kiến")).value = "41/QĐ-HĐSK"
    res.cell(r, _col(res, "Ngày công nhận")).value = datetime(2023, 11, 21)
    res.cell(r, _col(res, "Phạm vi sáng kiến")).value = "cơ sở"
    wb.save(form)
    before = json.loads(run_cli("tally", "2023", *AS_OF, "-f", "json", cwd=office).stdout)
    dry = run_cli("import", str(form), "--dry-run", cwd=office)
    assert dry.returncode == 0, dry.stdout
    assert "(NV000041) đăng ký \"Chiến sĩ thi đua cơ sở\"" in dry.stdout, dry.stdout
    assert _status(office) == ""  # a dry run writes nothing
    # The years before the import are read against the base files already read: the same
    # changes as reading the whole repository again.
    from thidua.library import forms as library

    quick = library.import_forms(office, [form], dry_run=True).changes
    whole = library._changes
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(library, "_changes", lambda folder, texts, new, base=None:
                   whole(folder, texts, new, None))
        again = library.import_forms(office, [form], dry_run=True).changes
    assert quick is not None and quick.changes and quick == again
    done = run_cli("import", str(form), cwd=office)
    assert done.returncode == 0, done.stdout
    assert "Đã ghi campaigns/stp-ninh-thuan/2023/ket_qua/van-phong.yaml" in done.stdout
    assert run_cli("validate", cwd=office).returncode == 0
    after = json.loads(run_cli("tally", "2023", *AS_OF, "-f", "json", cwd=office).stdout)
    ldtt = "Lao động tiên tiến"
    assert after["totals"]["individuals"][ldtt]["proposed"] == \
        before["totals"]["individuals"][ldtt]["proposed"] + 1
    text = (office / ORG / "2023/ket_qua/van-phong.yaml").read_text(encoding="utf-8")
    assert "ten: Sổ tay hướng dẫn thủ tục một cửa" in text and "ngay: 2023-11-21" in text
    again = run_cli("import", str(form), cwd=office)
    assert "Không đổi" in again.stdout and "Đã ghi" not in again.stdout


def _edit(path: Path, change: Any) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def _set(sheet: str, code: str, header: str, value: Any) -> Any:
    def change(wb: Any) -> None:
        ws = wb[sheet]
        ws.cell(_row(ws, code), _col(ws, header)).value = value
    return change


def _prop(name: str, value: str) -> Any:
    def change(wb: Any) -> None:
        for p in wb.custom_doc_props.props:
            if p.name == name:
                p.value = value
    return change


def _serial(wb: Any) -> None:
    """A date typed as a number in a cell formatted as a number: Excel shows 45306."""
    ws = wb["Kết quả"]
    cell = ws.cell(_row(ws, "NV000041"), _col(ws, "Nghỉ từ ngày"))
    cell.value = 45306
    cell.number_format = "General"


def _merge(wb: Any) -> None:
    wb["Kết quả"].merge_cells("J10:K10")


def _hide(wb: Any) -> None:
    ws = wb["Kết quả"]
    r = _row(ws, "NV000041")
    ws.cell(r, _col(ws, "Xếp loại")).value = "Hoàn thành tốt nhiệm vụ"
    ws.row_dimensions[r].hidden = True


def _rename(wb: Any) -> None:
    wb["Kết quả"].title = "Ket qua"


def _extra(wb: Any) -> None:
    wb.create_sheet("Ghi chú")


def _formula(wb: Any) -> None:
    ws = wb["Kết quả"]
    ws.cell(_row(ws, "NV000041"), _col(ws, "Phiếu đồng ý (CSTĐCS)")).value = "=2+7"


def _twice(wb: Any) -> None:
    ws = wb["Kết quả"]
    ws.cell(_row(ws, "NV000051"), 2).value = "NV000041"


def _stranger(wb: Any) -> None:
    ws = wb["Kết quả"]
    r = _row(ws, "NV000041")
    ws.cell(r, 2).value = "NV999041"
    ws.cell(r, _col(ws, "Xếp loại")).value = "Hoàn thành tốt nhiệm vụ"


def _empty(wb: Any) -> None:
    for name in ("Đăng ký", "Kết quả"):
        ws = wb[name]
        for row in ws.iter_rows(min_row=3):
            for cell in row[1:]:
                cell.value = None


BAD = {
    "typed-over-dropdown": (_set("Kết quả", "NV000041", "Xếp loại", "Tốt"), "TD507",
                            "› Kết quả › D"),
    "date-as-text-short-year": (_set("Kết quả", "NV000041", "Ngày công nhận", "15-1-24"),
                                "TD508", "› Kết quả › L"),
    "date-as-serial-number": (_serial, "TD508", "› Kết quả › S"),
    "impossible-date": (_set("Kết quả", "NV000041", "Kỷ luật đến ngày", "30/02/2024"),
                        "TD508", "› Kết quả › Q"),
    "merged-cells": (_merge, "TD505", "› Kết quả › J10"),
    "formula": (_formula, "TD504", "› Kết quả › U"),
    "hidden-row": (_hide, "TD506", "› Kết quả › A"),
    "person-not-in-roster": (_stranger, "TD202", "› Kết quả › B"),
    "same-person-twice": (_twice, "TD206", "› Kết quả › B"),
    "another-unit": (_prop("thidua_don_vi", "khong-co"), "TD502", "van-phong.xlsx"),
    "another-year": (_prop("thidua_nam", "2031"), "TD", "van-phong.xlsx"),
    "another-repository": (_prop("thidua_kho", "0000000000000000"), "TD502", "van-phong.xlsx"),
    "older-version": (_prop("thidua_bieu_mau", "thidua-bieu-mau/0"), "TD502", "van-phong.xlsx"),
    "renamed-sheet": (_rename, "TD503", "van-phong.xlsx"),
    "extra-sheet": (_extra, "TD503", "van-phong.xlsx"),
    "empty-form": (_empty, "TD509", "van-phong.xlsx"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_forms_are_located_errors_and_nothing_is_written(office: Path, case: str) -> None:
    change, code, where = BAD[case]
    form = office / "bieu-mau/van-phong.xlsx"
    _edit(form, change)
    r = run_cli("import", str(form), cwd=office)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "Lỗi nội bộ" not in r.stderr
    lines = [line for line in r.stdout.splitlines() if f"lỗi {code}" in line]
    assert lines and all(where in line for line in lines[:1]), r.stdout
    assert "Không ghi tệp nào" in r.stdout
    assert _status(office) == ""


@pytest.mark.parametrize("kind", ["xls", "encrypted", "not-a-workbook", "word-file"])
def test_files_that_are_not_forms(office: Path, kind: str) -> None:
    path = office / f"x.{'xls' if kind == 'xls' else 'xlsx'}"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    path.write_bytes({"xls": ole + b"\0" * 600,
                      "encrypted": ole + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600,
                      "not-a-workbook": "Họ và tên, Chức vụ\n".encode(),
                      "word-file": _docx_bytes()}[kind])
    r = run_cli("import", str(path), cwd=office)
    assert r.returncode == 1 and "TD501" in r.stdout, r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def _docx_bytes() -> bytes:
    from thidua.render.templates import PLAN, default_template

    return default_template(PLAN)


def test_a_staff_list_as_offices_keep_it(office: Path) -> None:
    """Headers with or without diacritics, in any order; people already in the roster are
    matched (not duplicated), newcomers get codes; the mapping can be saved and reused."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH CÁN BỘ VĂN PHÒNG"])
    ws.append([])
    ws.append(["STT", "Ho va ten", "Ngày sinh", "Chức danh", "Giới tính", "Ngày vào cơ quan",
               "Loại"])
    ws.append([1, "Nguyễn Kim Ánh", datetime(1980, 1, 1), "Chánh Văn phòng", "Nữ",
               datetime(2012, 6, 17), "Công chức"])
    ws.append([2, "Lê Văn Mới", datetime(1999, 5, 5), "Chuyên viên", "Nam", "01/03/2024",
               "Hợp đồng"])
    path = office / "danh-sach.xlsx"
    wb.save(path)
    r = run_cli("import", str(path), "--nhan-su", "--don-vi", "van-phong", cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    assert '"Ngày vào cơ quan": ngay_tuyen_dung' in r.stdout
    assert '"Ngày sinh": (bỏ qua)' in r.stdout
    roster = (office / ORG / "nhan_su/van-phong.yaml").read_text(encoding="utf-8")
    assert roster.count("Nguyễn Kim Ánh") == 1
    assert "ho_ten: Lê Văn Mới" in roster and "loai: hợp đồng lao động" in roster
    assert "ma: NV000081" in roster  # after the highest code of the organisation
    assert run_cli("validate", cwd=office).returncode == 0
    # the same list again: nothing changes; a saved mapping renames a column
    assert "Không đổi" in run_cli("import", str(path), "--nhan-su", "--don-vi", "van-phong",
                                  cwd=office).stdout
    ws["F3"] = "Vào ngành"
    wb.save(path)
    bad = run_cli("import", str(path), "--nhan-su", "--don-vi", "van-phong", cwd=office)
    assert bad.returncode == 1 and "TD510" in bad.stdout and "ngay_tuyen_dung" in bad.stdout
    mapping = office / "anh-xa.yaml"
    mapping.write_text('"Vào ngành": ngay_tuyen_dung\n', encoding="utf-8")
    ok = run_cli("import", str(path), "--nhan-su", "--don-vi", "van-phong", "--anh-xa",
                 str(mapping), cwd=office)
    assert ok.returncode == 0, ok.stdout


def test_a_registration_table_sent_as_word(office: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("BẢNG ĐĂNG KÝ THI ĐUA NĂM 2023")
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["STT", "Họ và tên", "Danh hiệu đăng ký"],
                          strict=True):
        cell.text = text
    for i, (name, titles) in enumerate([("Nguyễn Kim Ánh", "LĐTT, CSTĐCS"),
                                        ("Nguyễn Kim Trang", "Lao động tiên tiến")], 1):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(i), name, titles
    path = office / "dang-ky.docx"
    doc.save(path)
    r = run_cli("import", str(path), "--don-vi", "van-phong", "--nam", "2023", cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Nguyễn Kim Ánh (NV000001) đăng ký \"Chiến sĩ thi đua cơ sở\"" in r.stdout
    table.add_row().cells[1].text = "Người Không Có"
    doc.save(path)
    bad = run_cli("import", str(path), "--don-vi", "van-phong", "--nam", "2023", cwd=office)
    assert bad.returncode == 1 and "dang-ky.docx › bảng 1 › dòng 4" in bad.stdout


def test_many_forms_read_on_two_cores_agree_with_one(office: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight forms or more are read in two parts on two processes: the result is that of
    reading them one by one — the same problems at the same cells, the same changes."""
    from thidua.library import forms as lib

    forms = sorted((office / "bieu-mau").glob("*.xlsx"))
    assert len(forms) >= 8
    _edit(forms[0], _set("Kết quả", _first_code(forms[0]), "Xếp loại", "Tốt"))
    _edit(forms[-1], _twice_of(forms[-1]))
    _edit(forms[1], _set("Kết quả", _first_code(forms[1]), "Đề nghị LĐTT", "x"))
    one, two = both_ways(lambda: lib.import_forms(office, forms, dry_run=True),
                         always=False)
    assert two.diagnostics == one.diagnostics
    assert {d.code for d in two.diagnostics} >= {"TD507", "TD206"}
    assert two.unchanged == one.unchanged
    assert (two.changes is None) == (one.changes is None)
    if two.changes is not None and one.changes is not None:
        assert two.changes.changes == one.changes.changes


def _first_code(path: Path) -> str:
    ws = openpyxl.load_workbook(path)["Kết quả"]
    return next(str(r[1].value) for r in ws.iter_rows(min_row=9, max_col=2) if r[1].value)


def _twice_of(path: Path) -> Any:
    codes = [str(r[1].value) for r in openpyxl.load_workbook(path)["Kết quả"].iter_rows(
        min_row=9, max_col=2) if r[1].value]

    def change(wb: Any) -> None:
        ws = wb["Kết quả"]
        ws.cell(_row(ws, codes[1]), 2).value = codes[0]
    return change


def test_forms_print_on_landscape_pages_that_say_whose_each_row_is(office: Path,
                                                                     tmp_path: Path) -> None:
    """A clerk may print the form: A4 landscape, the header row on every page; the
    registration table fits one page wide, the wider results table carries its STT, code and
    name columns on each page."""
    wb = openpyxl.load_workbook(office / "bieu-mau/van-phong.xlsx")
    reg, res = wb["Đăng ký"], wb["Kết quả"]
    for ws in (reg, res):
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert reg.print_title_rows == "$7:$7" and reg.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1 is the default, left out of the file), as many pages tall as needed
    assert (reg.page_setup.fitToWidth or 1) == 1 and reg.page_setup.fitToHeight == 0
    assert res.print_title_rows == "$8:$8" and res.print_title_cols == "$A:$C"
    from .conftest import convert_to_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext không có trên máy này: bỏ qua kiểm tra trang in")
    form = tmp_path / "van-phong.xlsx"
    shutil.copy(office / "bieu-mau/van-phong.xlsx", form)
    convert_to_pdf([form], tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "van-phong.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    registration = [p for p in pages if "ĐĂNG KÝ THI ĐUA" in p]
    results = [p for p in pages if "KẾT QUẢ NĂM" in p]
    assert len(registration) == 1 and "Ngày đăng ký" in registration[0]
    assert len(results) >= 2
    for page in results:  # every page: the header row and whose each row is
        assert "Họ và tên" in page and "NV000041" in page and "Huỳnh Ngọc Ý" in page
    # The instructions: one portrait page, every word inside it (rows as tall as their
    # wrapped lines: the last words of each paragraph print, nothing runs off the edge).
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1",
                           str(tmp_path / "van-phong.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox)[1])
    right = [float(x) for x in re.findall(r'<word [^>]*xMax="([\d.]+)"', bbox)]
    assert right and max(right) <= width - 20
    guide = " ".join(pages[0].split())
    assert guide.startswith("Biểu mẫu thi đua") and "hỏi lại." in guide and "năm 2023." in guide


def _commit(repo: Path, message: str) -> str:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit",
                    "-qam", message], cwd=repo, check=True)
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_an_old_form_never_undoes_newer_data(office: Path) -> None:
    """Form made at commit A; the file changed and committed at B (a rating, an initiative,
    a note); the form, filled since, imported at C: what the form left as it was keeps the
    newer value, what it changed is taken, a value changed on both sides is a conflict at its
    cell naming the commit, and nothing is written while there is one."""
    form = office / "bieu-mau/van-phong.xlsx"
    results = office / ORG / "2023/ket_qua/van-phong.yaml"
    text = results.read_text(encoding="utf-8")
    newer = text.replace("  - ma: NV000021\n    xep_loai: Hoàn thành xuất sắc nhiệm vụ",
                         "  # Ghi chú: xếp loại theo kết luận ngày 10/01\n"
                         "  - ma: NV000021\n    xep_loai: Hoàn thành tốt nhiệm vụ", 1)
    assert newer != text
    results.write_text(newer, encoding="utf-8")
    commit_b = _commit(office, "B: newer rating")
    # The clerk changes another person on the old form: taken; NV000021's newer rating kept.
    _edit(form, _set("Kết quả", "NV000001", "Xếp loại", "Hoàn thành nhiệm vụ"))
    r = run_cli("import", str(form), cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    now = results.read_text(encoding="utf-8")
    assert "  # Ghi chú: xếp loại theo kết luận ngày 10/01\n  - ma: NV000021\n    xep_loai: " \
           "Hoàn thành tốt nhiệm vụ" in now
    assert now.count("Hoàn thành nhiệm vụ\n") == newer.count("Hoàn thành nhiệm vụ\n") + 1
    # Imported again: nothing changes, the file is not even touched.
    stamp = results.stat().st_mtime_ns
    again = run_cli("import", str(form), cwd=office)
    assert again.returncode == 0 and results.stat().st_mtime_ns == stamp
    # The same person changed on both sides: refused at the cell, with the commit.
    _commit(office, "C: the first import")
    _edit(form, _set("Kết quả", "NV000021", "Xếp loại", "Hoàn thành nhiệm vụ"))
    bad = run_cli("import", str(form), cwd=office)
    assert bad.returncode == 1
    out = bad.stdout + bad.stderr
    assert "TD512" in out and "van-phong.xlsx › Kết quả › D" in out
    assert "Hoàn thành tốt nhiệm vụ" in out and commit_b[:7] in out
    assert results.read_text(encoding="utf-8") == now and not _status(office)


def test_the_office_sets_the_protection_password(office: Path) -> None:
    from openpyxl.utils.protection import hash_password

    r = run_cli("forms", "2023", "--don-vi", "van-phong", "-o", "bm", cwd=office,
                env={"THIDUA_MAT_KHAU_BIEU_MAU": "vp-2024"})
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(office / "bm/van-phong.xlsx")
    assert {wb[s].protection.password for s in ("Đăng ký", "Kết quả", "Gốc")} == {
        hash_password("vp-2024")}
    assert "vp-2024" not in r.stdout + r.stderr


def test_a_blank_cell_means_no_value_in_every_column(office: Path) -> None:
    """Clearing a cell removes its value, whatever the column, and the change report says so;
    a rating, which a person's row requires, cleared is an error at its cell."""
    form = office / "bieu-mau/van-phong.xlsx"
    _edit(form, _set("Kết quả", "NV000001", "Đề nghị LĐTT", None))
    r = run_cli("import", str(form), "--dry-run", cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "bỏ đề nghị \"Lao động tiên tiến\" cho Nguyễn Kim Ánh (NV000001)" in r.stdout
    _edit(form, _set("Kết quả", "NV000011", "Xếp loại", None))
    bad = run_cli("import", str(form), cwd=office)
    assert bad.returncode == 1 and "TD103" in bad.stdout
    assert "van-phong.xlsx › Kết quả › D" in bad.stdout and "xep_loai" in bad.stdout
    assert not _status(office)
    guide = openpyxl.load_workbook(form)["Hướng dẫn"]
    assert any("Ô trống nghĩa là không có giá trị" in str(c.value or "")
               for row in guide.iter_rows() for c in row)


def test_a_form_for_a_year_already_decided_is_refused(office: Path) -> None:
    """2022's awards are recorded: a 2022 form that changes a rating is refused (TD515) and
    nothing is written; the office may still correct with --nam-da-khen-thuong."""
    r = run_cli("forms", "2022", "--don-vi", "van-phong", "-o", "bm22", cwd=office)
    assert r.returncode == 0, r.stderr
    form = office / "bm22/van-phong.xlsx"
    unchanged = run_cli("import", str(form), cwd=office)  # nothing changes: no refusal
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    wb = openpyxl.load_workbook(form)
    ws = wb["Kết quả"]
    code = next(row[1].value for row in ws.iter_rows(min_row=9, max_col=2) if row[1].value)
    _edit(form, _set("Kết quả", code, "Xếp loại", "Hoàn thành nhiệm vụ"))
    bad = run_cli("import", str(form), cwd=office)
    assert bad.returncode == 1
    assert "TD515" in bad.stdout and "van-phong.xlsx" in bad.stdout and "2022" in bad.stdout
    assert not _status(office)
    ok = run_cli("import", str(form), "--nam-da-khen-thuong", cwd=office)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "2022/ket_qua/van-phong.yaml" in _status(office)
