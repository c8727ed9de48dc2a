"""Commands for the units' Excel forms: forms (write them) and import (read them back)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from thidua.cli.app import EXIT_DATA, EXIT_OK, app
from thidua.cli.options import OrgOpt, RepoOpt, parse_day, repo_root


@app.command(options_metavar="[TÙY CHỌN]")
def forms(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm thi đua.", min=1990, max=2100)],
    don_vi: Annotated[list[str] | None, typer.Option(
        "--don-vi", metavar="MÃ", help="Chỉ đơn vị này (lặp lại); mặc định: mọi đơn vị.")
    ] = None,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", metavar="THƯ_MỤC", file_okay=False,
        help="Thư mục ghi biểu mẫu; mặc định: build/bieu-mau/<năm>/.")] = None,
    mat_khau: Annotated[str, typer.Option(
        "--mat-khau", metavar="MẬT_KHẨU", envvar="THIDUA_MAT_KHAU_BIEU_MAU",
        show_envvar=False,
        help="Mật khẩu khóa các cột không được sửa (mã, họ tên…), do văn phòng đặt; nên "
             "đặt bằng biến môi trường THIDUA_MAT_KHAU_BIEU_MAU. Khi nhập, thidua vẫn kiểm "
             "tra các cột đó.")] = "",
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Tạo biểu mẫu Excel cho từng đơn vị (đăng ký, kết quả), điền sẵn từ kho dữ liệu."""
    from thidua import io
    from thidua.library.forms import make_forms

    root = repo_root(repo)
    made = make_forms(root, year, units=don_vi, org=org, password=mat_khau)
    target = out or root / "build" / "bieu-mau" / str(year)
    io.write_files_atomic({target / name: data for name, data in made})
    for name, _data in made:
        print(f"Đã ghi {target / name}")
    print(f"{len(made)} biểu mẫu. Gửi cho các đơn vị; nhận lại rồi nhập bằng: "
          f"thidua import {target}/*.xlsx --dry-run")


@app.command("import", options_metavar="[TÙY CHỌN]")
def import_(
    files: Annotated[list[Path], typer.Argument(
        metavar="TỆP", help="Biểu mẫu đã điền (.xlsx); danh sách nhân sự (.xlsx, với "
                            "--nhan-su); bảng đăng ký (.docx).", dir_okay=False)],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Chỉ cho biết sẽ thay đổi gì, không ghi.")] = False,
    nhan_su: Annotated[bool, typer.Option(
        "--nhan-su", help="TỆP là danh sách nhân sự của đơn vị (--don-vi).")] = False,
    don_vi: Annotated[str | None, typer.Option(
        "--don-vi", metavar="MÃ", help="Đơn vị của danh sách nhân sự hoặc bảng đăng ký.")
    ] = None,
    nam: Annotated[int | None, typer.Option(
        "--nam", metavar="NĂM", help="Năm thi đua của bảng đăng ký (.docx).", min=1990,
        max=2100)] = None,
    ngay_dang_ky: Annotated[str | None, typer.Option(
        "--ngay-dang-ky", metavar="NGÀY",
        help="Ngày đăng ký chung, khi đơn vị chưa có tệp đăng ký năm đó.")] = None,
    anh_xa: Annotated[Path | None, typer.Option(
        "--anh-xa", metavar="TỆP.yaml", dir_okay=False,
        help="Ánh xạ cột đã lưu (tên cột: trường), cho danh sách nhân sự.")] = None,
    nam_da_khen_thuong: Annotated[bool, typer.Option(
        "--nam-da-khen-thuong",
        help="Vẫn nhập biểu mẫu cho năm đã có quyết định khen thưởng (đính chính).")] = False,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Nhập dữ liệu của các đơn vị: biểu mẫu Excel, danh sách nhân sự, bảng đăng ký Word;
    kiểm tra từng ô, chỉ ghi khi mọi thứ đúng (tất cả hoặc không gì cả)."""
    from thidua.errors import UsageProblem
    from thidua.library import forms as lib
    from thidua.report import diagnostics as rep
    from thidua.report.diff import text as diff_text

    root = repo_root(repo)
    if nhan_su:
        if don_vi is None or len(files) != 1:
            raise UsageProblem("--nhan-su cần đúng một tệp và --don-vi MÃ")
        saved = lib.read_mapping(anh_xa) if anh_xa else None
        result, mapping = lib.import_roster(root, files[0], unit=don_vi, org=org, saved=saved,
                                            dry_run=dry_run)
        if mapping:
            print("Ánh xạ cột (lưu đoạn này vào một tệp rồi dùng --anh-xa để sửa):")
            for header, field_ in mapping.items():
                print(f"  \"{header}\": {field_ or '(bỏ qua)'}")
    elif any(p.suffix.lower() == ".docx" for p in files):
        if don_vi is None or nam is None or len(files) != 1:
            raise UsageProblem("bảng đăng ký .docx: một tệp, kèm --don-vi MÃ và --nam NĂM")
        day = parse_day(ngay_dang_ky, "--ngay-dang-ky") if ngay_dang_ky else None
        result = lib.import_registrations_docx(root, files[0], unit=don_vi, year=nam, day=day,
                                               org=org, dry_run=dry_run)
    else:
        result = lib.import_forms(root, files, org=org, dry_run=dry_run,
                                  decided_ok=nam_da_khen_thuong)
    if result.diagnostics:
        sys.stdout.write(rep.text(result.diagnostics, len(files)))
    if not result.ok:
        print("Không ghi tệp nào: sửa các lỗi trên trong tệp nhập rồi nhập lại.")
        raise typer.Exit(EXIT_DATA)
    if result.changes is not None:
        sys.stdout.write(diff_text([result.changes]))
    if dry_run:
        print("(--dry-run: chưa ghi tệp nào.)")
    for path in result.written:
        print(f"Đã ghi {path}")
    for path in result.unchanged:
        print(f"Không đổi {path}")
    raise typer.Exit(EXIT_OK)
