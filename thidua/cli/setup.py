"""Command that creates a repository: init."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from thidua.cli.app import EXIT_USAGE, app, err
from thidua.cli.options import UnusedRepoOpt, pairs


def _ask(value: str | None, question: str, default: str | None = None) -> str:
    if value:
        return value
    if not sys.stdin.isatty():
        err(f"lỗi: thiếu thông tin \"{question}\" (chạy trên màn hình để được hỏi, hoặc "
             "truyền bằng tùy chọn; xem thidua init --help).")
        raise typer.Exit(EXIT_USAGE)
    answer: str = typer.prompt(question, default=default)
    return answer


@app.command(options_metavar="[TÙY CHỌN]")
def init(
    target: Annotated[Path, typer.Argument(metavar="THƯ_MỤC", help="Thư mục kho mới.")],
    ma: Annotated[str | None, typer.Option("--ma", help="Mã tổ chức, ví dụ stp-khanh-hoa.")
                  ] = None,
    ten: Annotated[str | None, typer.Option("--ten", help="Cơ quan ban hành: Sở Tư pháp.")
                   ] = None,
    co_quan_chu_quan: Annotated[str | None, typer.Option(
        "--co-quan-chu-quan", help="Ví dụ: Ủy ban nhân dân tỉnh Khánh Hòa.")] = None,
    viet_tat: Annotated[str | None, typer.Option("--viet-tat", help="Ví dụ: STP.")] = None,
    dia_danh: Annotated[str | None, typer.Option("--dia-danh", help="Ví dụ: Khánh Hòa.")
                        ] = None,
    don_vi: Annotated[list[str] | None, typer.Option(
        "--don-vi", help="Đơn vị theo thứ tự chính thức, dạng ma=Tên (lặp lại).")] = None,
    nam: Annotated[int | None, typer.Option("--nam", help="Năm thi đua đầu tiên.")] = None,
    nguoi_duyet: Annotated[list[str] | None, typer.Option(
        "--nguoi-duyet", help="Người duyệt tệp của một đơn vị, dạng ma=@tên (lặp lại).")
    ] = None,
    nguoi_duyet_chung: Annotated[str, typer.Option(
        "--nguoi-duyet-chung", help="Người duyệt mọi thay đổi (Văn phòng).")] = "",
    nguoi_ky_chinh: Annotated[str, typer.Option(
        "--nguoi-ky-chinh", metavar="HỌ_TÊN",
        help="Họ tên người đứng đầu ký văn bản (bỏ trống: bổ sung sau trong to_chuc.yaml).")
    ] = "",
    chuc_vu_nguoi_ky: Annotated[str, typer.Option(
        "--chuc-vu-nguoi-ky", metavar="CHỨC_VỤ", help="Chức vụ của người đó.")] = "Giám đốc",
    nguon_cai_dat: Annotated[str | None, typer.Option(
        "--nguon-cai-dat", metavar="NGUỒN",
        help="Nơi CI và pre-commit cài thidua, cố định phiên bản: git+https://…/thidua.git@v0.1.0, "
             "địa chỉ tệp thidua-0.1.0-py3-none-any.whl, hoặc \"<kho gói nội bộ> "
             "thidua==0.1.0\".")] = None,
    ghi_de: Annotated[bool, typer.Option(
        "--ghi-de", help="Ghi đè tệp đã có mà khác mẫu (mặc định: giữ nguyên và báo).")
    ] = False,
    repo: UnusedRepoOpt = None,
) -> None:
    """Tạo kho dữ liệu cho một tổ chức: tệp tổ chức, năm đầu, pre-commit, CI, CODEOWNERS."""
    from thidua.library.setup import init_repository
    from thidua.scaffold import InitSpec

    units = pairs(don_vi or [], "--don-vi")
    if not units:
        answer = _ask(None, "Các đơn vị (ma=Tên, cách nhau bởi dấu ;)")
        units = pairs([u for u in answer.split(";") if u.strip()], "đơn vị")
    spec = InitSpec(
        org_id=_ask(ma, "Mã tổ chức (ví dụ stp-khanh-hoa)"),
        name=_ask(ten, "Cơ quan ban hành", "Sở Tư pháp"),
        parent=_ask(co_quan_chu_quan, "Cơ quan chủ quản (ví dụ Ủy ban nhân dân tỉnh …)"),
        abbr=_ask(viet_tat, "Chữ viết tắt trong số văn bản", "STP"),
        place=_ask(dia_danh, "Địa danh ghi ở dòng ngày tháng"),
        units=tuple(units),
        year=nam if nam is not None else int(_ask(None, "Năm thi đua đầu tiên",
                                                   str(date.today().year))),
        reviewers=dict(pairs(nguoi_duyet or [], "--nguoi-duyet")),
        office_reviewers=nguoi_duyet_chung,
        head_name=nguoi_ky_chinh, head_title=chuc_vu_nguoi_ky,
        install=_ask(nguon_cai_dat, "Nguồn cài thidua cho CI, cố định phiên bản (ví dụ "
                                    "git+https://git.noi-bo.vn/van-phong/thidua.git@v0.1.0)"),
    )
    written = init_repository(target, spec, overwrite=ghi_de)
    for w in written:
        print(f"{w.state:>10}  {w.path}")
    kept = [w for w in written if w.state == "giữ nguyên"]
    if kept:
        err(f"{len(kept)} tệp đã có và khác mẫu nên được giữ nguyên; dùng --ghi-de để thay.")
    print(f"Kho dữ liệu tại {target}. Tiếp theo: cd {target} && git init && thidua validate")
