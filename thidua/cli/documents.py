"""Commands that print documents: render-decision, render-proposal, render-minutes,
render-ballots, render-vote-count, render-plan, render-registrations, verify, templates."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua.cli.app import EXIT_DATA, EXIT_OK, app, err
from thidua.cli.options import (
    AsOfOldOpt,
    AsOfOpt,
    FormatOpt,
    LevelOpt,
    NumberOpt,
    OrgOpt,
    OutOpt,
    RepoOpt,
    SignedOnOpt,
    SignerOpt,
    TitleOldOpt,
    TitleOpt,
    YearArg,
    as_of,
    repo_root,
    signed_on,
    title_of,
    write_document,
)


@app.command("render-decision", options_metavar="[TÙY CHỌN]")
def render_decision(
    year: YearArg = None,
    danh_hieu: TitleOpt = None,
    title_old: TitleOldOpt = None,
    tap_the: Annotated[bool | None, typer.Option(
        "--tap-the/--ca-nhan", help="Cho tập thể hay cá nhân; chỉ --tap-the: danh hiệu tập "
                                    "thể \"Tập thể lao động tiên tiến\".")] = None,
    so: NumberOpt = None,
    ngay: SignedOnOpt = None,
    theo_de_nghi: Annotated[str, typer.Option(
        "--theo-de-nghi", metavar="CHỨC_VỤ", help="Người đề nghị.")] = "Chánh Văn phòng Sở",
    nguoi_ky: SignerOpt = None,
    cap_lai: Annotated[bool, typer.Option(
        "--cap-lai", help="In lại cả những người, tập thể đã được ghi khen thưởng danh hiệu "
                          "này trong năm (mặc định: bỏ họ ra và liệt kê).")] = False,
    giua_nam: Annotated[bool, typer.Option(
        "--giua-nam", help="Quyết định giữa năm (một đợt thi đua): cho phép ngày xét trước "
                           "tháng 12 của năm thi đua.")] = False,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Quyết định công nhận danh hiệu (hoặc tặng Giấy khen) kèm danh sách: những người,
    tập thể được công nhận theo kết quả xét (thuộc thẩm quyền của tổ chức)."""
    from thidua.library.documents import render_decision as run
    from thidua.model import vocab
    from thidua.render.decision import DecisionRequest
    from thidua.textutil import ascii_slug

    root = repo_root(repo)
    title = title_of(danh_hieu, title_old)
    if title is None:
        title = vocab.BY_CODE["TTLDTT"].name if tap_the else vocab.LDTT.name
    req = DecisionRequest(title, so, signed_on(ngay), theo_de_nghi, nguoi_ky, tap_the,
                          left_out=() if cap_lai else None, mid_year=giua_nam)
    done = run(root, year, req, org=org, as_of=as_of(ngay_xet, as_of_old))
    c = done.content
    if c.recorded:
        err(f"Bỏ ra {len(c.recorded)} người, tập thể đã được ghi khen thưởng \"{title}\" "
            f"(thêm --cap-lai để in cả họ):\n" + "\n".join(
                f"  - {name} ({sid}): quyết định {number}" for name, sid, number in c.recorded))
    count = sum(1 for i, _ in enumerate(c.rows) if i not in c.group_rows)
    write_document(root, out, f"quyet-dinh-{ascii_slug(title)}-{done.year}", done.data, fmt,
                   f"{count} {'cá nhân' if c.people else 'tập thể'}")


@app.command("render-proposal", options_metavar="[TÙY CHỌN]")
def render_proposal(
    year: YearArg = None,
    cap: LevelOpt = "tinh",
    kinh_gui: Annotated[str | None, typer.Option(
        "--kinh-gui", metavar="NƠI_NHẬN",
        help="Nơi nhận tờ trình (mặc định cấp tỉnh: Chủ tịch cơ quan chủ quản).")] = None,
    so: NumberOpt = None,
    ngay: SignedOnOpt = None,
    nguoi_ky: SignerOpt = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Tờ trình đề nghị cấp trên khen thưởng, kèm danh sách và tỷ lệ phiếu của Hội đồng."""
    from thidua.library.documents import render_proposal as run
    from thidua.render.proposal import ProposalRequest

    root = repo_root(repo)
    req = ProposalRequest(cap, kinh_gui, so, signed_on(ngay), nguoi_ky)
    done = run(root, year, req, org=org, as_of=as_of(ngay_xet, as_of_old))
    c = done.content
    listed = sum(1 for i, _ in enumerate(c.rows) if i not in c.group_rows)
    write_document(root, out, f"to-trinh-{cap}-{done.year}", done.data, fmt,
                   f"{listed} tập thể, cá nhân")


@app.command("render-minutes", options_metavar="[TÙY CHỌN]")
def render_minutes(
    year: YearArg = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Biên bản họp Hội đồng Thi đua - Khen thưởng: thành phần, từng đề nghị, số phiếu,
    kết quả xét."""
    from thidua.library.documents import render_minutes as run

    root = repo_root(repo)
    done = run(root, year, org=org, as_of=as_of(ngay_xet, as_of_old))
    c = done.content
    write_document(root, out, f"bien-ban-hop-hoi-dong-{done.year}", done.data, fmt,
                   f"{len(c.rows) - len(c.group_rows)} đề nghị")


@app.command("render-ballots", options_metavar="[TÙY CHỌN]")
def render_ballots(
    year: YearArg = None,
    gop: Annotated[bool, typer.Option(
        "--gop", help="Một phiếu bầu chung cho mọi danh hiệu bỏ phiếu kín (mặc định: mỗi danh "
                      "hiệu một phiếu).")] = False,
    so_ban: Annotated[int | None, typer.Option(
        "--so-ban", metavar="N", min=1, max=200,
        help="Số bản mỗi phiếu (mặc định: số thành viên có mặt; 1: một bản để sao chụp).")
    ] = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In phiếu bầu của phiên họp Hội đồng (những người, tập thể đủ điều kiện để bỏ phiếu, theo
    thứ tự của quyết định) và phiếu lấy ý kiến cho thành viên vắng mặt."""
    from thidua.library.documents import render_ballots as run

    root = repo_root(repo)
    done = run(root, year, org=org, as_of=as_of(ngay_xet, as_of_old), combined=gop,
               copies=so_ban)
    c = done.content
    write_document(root, out, f"phieu-bau-{done.year}", done.data, fmt,
                   f"{c.titles} danh hiệu bỏ phiếu kín, {c.candidates} người, tập thể; "
                   f"{sum(p.copies for p in c.papers)} tờ phiếu")


@app.command("render-vote-count", options_metavar="[TÙY CHỌN]")
def render_vote_count(
    year: YearArg = None,
    fmt: FormatOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Biên bản kiểm phiếu: Ban kiểm phiếu, số phiếu phát ra, thu về, hợp lệ; số đồng ý
    của từng người trên tổng số thành viên Hội đồng và kết quả so với tỉ lệ quy định."""
    from thidua.library.documents import render_vote_count as run

    root = repo_root(repo)
    done = run(root, year, org=org, as_of=as_of(ngay_xet, as_of_old))
    c = done.content
    write_document(root, out, f"bien-ban-kiem-phieu-{done.year}", done.data, fmt,
                   f"{len(c.rows) - len(c.group_rows)} người, tập thể")


class PlanFormat(StrEnum):
    docx = "docx"
    md = "md"
    pdf = "pdf"


@app.command("render-plan", options_metavar="[TÙY CHỌN]")
def render_plan(
    plan: Annotated[Path, typer.Argument(metavar="KẾ_HOẠCH", help="Tệp kế hoạch (.yaml).",
                                         exists=True, dir_okay=False)],
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", metavar="ĐỊNH_DẠNG",
        help="docx, md hoặc pdf.")
                   ] = PlanFormat.docx,
    out: OutOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Kế hoạch phát động phong trào thi đua đúng thể thức (.docx), hoặc Markdown, PDF."""
    from thidua import io
    from thidua.library.documents import render_plan as run

    root = repo_root(repo)
    data = run(root, plan, fmt.value)
    target = out or root / "build" / f"{plan.stem}.{fmt.value}"
    io.write_bytes_atomic(target, data)
    print(f"Đã ghi {target}.")


class SummaryFormat(StrEnum):
    docx = "docx"
    xlsx = "xlsx"
    pdf = "pdf"


@app.command("render-registrations", options_metavar="[TÙY CHỌN]")
def render_registrations(
    year: YearArg = None,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f", metavar="ĐỊNH_DẠNG",
        help="docx, xlsx hoặc pdf.")
                   ] = SummaryFormat.docx,
    ngay: SignedOnOpt = None,
    so: NumberOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    out: OutOpt = None,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Bảng tổng hợp đăng ký thi đua của các phòng, đơn vị, kèm kết quả được công nhận khi
    năm đã có kết quả (.docx, .xlsx hoặc .pdf)."""
    from thidua import io
    from thidua.library.documents import render_registrations as run
    from thidua.library.documents import to_pdf

    root = repo_root(repo)
    done = run(root, year, org=org, day=signed_on(ngay),
               fmt="xlsx" if fmt is SummaryFormat.xlsx else "docx",
               as_of=as_of(ngay_xet, as_of_old), number=so)
    data = to_pdf(done.data) if fmt is SummaryFormat.pdf else done.data
    target = out or root / "build" / f"bang-tong-hop-dang-ky-{done.year}.{fmt.value}"
    io.write_bytes_atomic(target, data)
    print(f"Đã ghi {target}.")


@app.command(options_metavar="[TÙY CHỌN]")
def verify(
    file: Annotated[Path, typer.Argument(metavar="TỆP.docx", help="Văn bản do thidua tạo.",
                                         exists=True, dir_okay=False)],
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Kiểm tra văn bản chưa bị sửa và còn khớp dữ liệu hiện tại của kho (từng phần)."""
    from thidua.errors import DataError
    from thidua.library.verification import verify as run
    from thidua.load.files import os_error, read_bytes

    raw = read_bytes(file, 64 * 1024 * 1024)
    if isinstance(raw, OSError):
        raise DataError(f"không đọc được {file}: {os_error(raw)}")
    if isinstance(raw, int):
        raise DataError(f"{file} quá lớn để là văn bản của thidua")
    result = run(repo_root(repo), raw, org=org)
    print(result.message)
    raise typer.Exit(EXIT_OK if result.same else EXIT_DATA)


templates_app = typer.Typer(help="Mẫu văn bản .docx (sửa được bằng Word).",
                            no_args_is_help=True, rich_markup_mode=None,
                            options_metavar="[TÙY CHỌN]")
app.add_typer(templates_app, name="templates")


@templates_app.command("export", options_metavar="[TÙY CHỌN]")
def templates_export(
    target: Annotated[Path | None, typer.Argument(
        metavar="THƯ_MỤC", help="Mặc định: <kho>/templates.")] = None,
    ghi_de: Annotated[bool, typer.Option("--ghi-de", help="Ghi đè mẫu đã có.")] = False,
    repo: RepoOpt = None,
) -> None:
    """Ghi các mẫu mặc định ra thư mục để sửa bằng Word; kho dùng mẫu trong templates/."""
    from thidua.library.documents import export_templates

    folder = target or repo_root(repo) / "templates"
    for path, state in export_templates(folder, overwrite=ghi_de):
        print(f"{state:>10}  {path}")


@templates_app.command("check", options_metavar="[TÙY CHỌN]")
def templates_check(
    folder: Annotated[Path | None, typer.Argument(
        metavar="THƯ_MỤC", help="Thư mục mẫu; mặc định: <kho>/templates nếu có, không thì "
                                "các mẫu mặc định.")] = None,
    repo: RepoOpt = None,
) -> None:
    """Kiểm tra mẫu như khi in: các phần của tệp, biến, thẻ Jinja (kèm đoạn văn)."""
    from thidua.library.documents import check_templates

    if folder is None:
        own = repo_root(repo) / "templates"
        folder = own if any(own.glob("*.docx")) else None
    failed = False
    for name, problems in check_templates(folder):
        if not problems:
            print(f"{name}: không có lỗi")
        for problem in problems:
            failed = True
            print(f"{name}: lỗi: {problem}")
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)
