"""Commands for the dossier and the record: history, record-decision, render-report,
render-dossier."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua.cli.app import app
from thidua.cli.options import (
    AsOfOldOpt,
    AsOfOpt,
    FormatOpt,
    LevelOpt,
    OrgOpt,
    OutOpt,
    RepoOpt,
    SignedOnOpt,
    TitleOpt,
    YearArg,
    as_of,
    repo_root,
    signed_on,
    title_of,
    write_document,
)


@app.command(options_metavar="[TÙY CHỌN]")
def history(
    subject: Annotated[str, typer.Argument(metavar="MÃ", help="Mã nhân sự hoặc mã đơn vị.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="ĐỊNH_DẠNG",
                                     help="text hoặc json.")] = "text",
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Danh hiệu, hình thức khen thưởng (kèm số, ngày quyết định), xếp loại và sáng kiến của
    một người hay một đơn vị qua các năm."""
    from thidua.errors import UsageProblem
    from thidua.library.records import person_history
    from thidua.report import history as rep

    if fmt not in ("text", "json"):
        raise UsageProblem(f"--format: \"{fmt}\" không hợp lệ; chọn text hoặc json")
    h = person_history(repo_root(repo), subject, org=org)
    sys.stdout.write(rep.as_json(h) if fmt == "json" else rep.text(h))


@app.command("record-decision", options_metavar="[TÙY CHỌN]")
def record_decision(
    file: Annotated[Path, typer.Argument(metavar="TỆP.docx", help="Quyết định do thidua in.",
                                         exists=True, dir_okay=False)],
    so: Annotated[str, typer.Option("--so", metavar="SỐ",
                                    help="Số của quyết định đã ký, ví dụ 15 hoặc "
                                         "15/QĐ-STP.")],
    ngay: Annotated[str, typer.Option("--ngay", metavar="NGÀY", help="Ngày ký.")],
    da_ky: Annotated[bool, typer.Option(
        "--da-ky", help="Ghi đúng như văn bản đã ký dù dữ liệu đã đổi (theo danh sách của "
                        "văn bản).")] = False,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Ghi quyết định đã ký vào <năm>/khen_thuong/ (số, ngày, người quyết định, danh sách)
    để lịch sử khen thưởng được cộng dồn cho các năm sau."""
    from thidua.errors import DataError
    from thidua.library.records import record_decision as run
    from thidua.load.files import os_error, read_bytes

    raw = read_bytes(file, 64 * 1024 * 1024)
    if isinstance(raw, OSError):
        raise DataError(f"không đọc được {file}: {os_error(raw)}")
    if isinstance(raw, int):
        raise DataError(f"{file} quá lớn để là một quyết định")
    done = run(repo_root(repo), raw, number=so, day=signed_on(ngay) or as_of(None),
               signed=da_ky, org=org)
    print(f"Đã ghi {done.path}: Quyết định {done.number} \"{done.title}\", {done.count} mục.")


@app.command("render-report", options_metavar="[TÙY CHỌN]")
def render_report(
    subject: Annotated[str, typer.Argument(metavar="MÃ", help="Mã nhân sự hoặc mã đơn vị.")],
    year: YearArg = None,
    danh_hieu: TitleOpt = None,
    ngay: SignedOnOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Báo cáo thành tích của một người hay một đơn vị được đề nghị, điền sẵn những gì kho
    dữ liệu có; phần người báo cáo tự viết được đánh dấu rõ."""
    from thidua.library.documents import render_report as run
    from thidua.textutil import ascii_slug

    root = repo_root(repo)
    done = run(root, subject, year, title=title_of(danh_hieu, None), org=org,
               as_of=as_of(ngay_xet, as_of_old), day=signed_on(ngay))
    write_document(root, out, f"bao-cao-thanh-tich-{ascii_slug(subject)}-{done.year}",
                   done.data, fmt, "")


@app.command("render-dossier", options_metavar="[TÙY CHỌN]")
def render_dossier(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm thi đua.", min=1990, max=2100)],
    cap: LevelOpt = "tinh",
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", metavar="THƯ_MỤC|TỆP.zip",
        help="Thư mục hồ sơ, hoặc tệp .zip (mặc định: build/ho-so-<năm>-<cấp>/).")] = None,
    pdf: Annotated[bool, typer.Option(
        "--pdf/--khong-pdf", help="Gộp thêm một tệp PDF (cần LibreOffice và pdfunite).")
    ] = True,
    ngay: SignedOnOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Lập hồ sơ đề nghị khen thưởng cấp trên: tờ trình và danh sách, biên bản họp Hội đồng,
    báo cáo thành tích của từng người, từng tập thể, danh sách sáng kiến, mục lục."""
    from thidua import io
    from thidua.library import dossier

    root = repo_root(repo)
    done = dossier.build(root, year, level=cap, as_of=as_of(ngay_xet, as_of_old), org=org,
                         day=signed_on(ngay))
    files = list(done.files)
    note = ""
    if pdf:
        merged, note = dossier.merged_pdf(files)
        if merged is not None:
            files.append(("ho-so.pdf", merged))
    target = out or root / "build" / f"ho-so-{year}-{cap}"
    if target.suffix.lower() == ".zip":
        io.write_bytes_atomic(target, dossier.to_zip(files))
    else:
        io.write_files_atomic({target / name: data for name, data in files})
    print(f"Đã ghi {target}: {len(files)} tệp.")
    if note:
        print(f"Lưu ý: {note}.")


@app.command("render-certificates", options_metavar="[TÙY CHỌN]")
def render_certificates(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm thi đua.", min=1990, max=2100)],
    danh_hieu: TitleOpt = None,
    so: Annotated[str | None, typer.Option(
        "--so", metavar="SỐ", help="Chỉ in theo quyết định số này (mặc định: mọi quyết định "
                                   "của tổ chức đã ghi cho danh hiệu).")] = None,
    can_chinh: Annotated[bool, typer.Option(
        "--can-chinh", help="Thêm trang căn chỉnh đầu tiên: vị trí từng ô và thước đo "
                            "milimét, để in thử lên phôi.")] = False,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In giấy chứng nhận (Giấy khen, danh hiệu) lên phôi in sẵn: mỗi người, mỗi tập thể một
    trang, theo quyết định đã ghi bằng record-decision; vị trí chữ tính bằng milimét trong
    templates/chung-nhan.yaml."""
    from thidua.errors import UsageProblem
    from thidua.library.records import render_certificates as run
    from thidua.model import vocab
    from thidua.textutil import ascii_slug

    title = title_of(danh_hieu, None)
    if title is None:
        raise UsageProblem("thiếu --danh-hieu (ví dụ --danh-hieu LĐTT hoặc --danh-hieu GK)")
    root = repo_root(repo)
    done = run(root, year, title, number=so, calibration=can_chinh, org=org)
    write_document(root, out, f"giay-chung-nhan-{ascii_slug(vocab.short_name(title))}-{year}",
                   done.data, fmt, f"{done.count} trang theo Quyết định {', '.join(done.decisions)}"
                   + (", thêm trang căn chỉnh" if can_chinh else ""))


class StatsFormat(StrEnum):
    xlsx = "xlsx"
    docx = "docx"


@app.command("stats", options_metavar="[TÙY CHỌN]")
def stats(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm thi đua.", min=1990, max=2100)],
    fmt: Annotated[StatsFormat, typer.Option(
        "--format", "-f", metavar="ĐỊNH_DẠNG", help="xlsx (bảng tính) hoặc docx (văn bản "
                                                    "để ký).")] = StatsFormat.xlsx,
    out: OutOpt = None,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Lập biểu thống kê thi đua, khen thưởng của năm (theo biểu 0601–0603.N/BNV-TĐKT) từ
    kế hoạch và các quyết định đã ghi."""
    from thidua import io
    from thidua.library.records import render_statistics

    root = repo_root(repo)
    data, notes = render_statistics(root, year, fmt.value, org=org)
    target = out or root / "build" / f"thong-ke-{year}.{fmt.value}"
    io.write_bytes_atomic(target, data)
    print(f"Đã ghi {target}.")
    print("Ghi chú cho văn phòng (không in trong biểu gửi đi):")
    for line in notes:
        print(f"  - {line}")
