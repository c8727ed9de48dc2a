"""Commands about a campaign year: tally, explain, diff."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua.cli.app import EXIT_DATA, EXIT_OK, EXIT_USAGE, app, err
from thidua.cli.options import (
    AsOfOldOpt,
    AsOfOpt,
    OrgOpt,
    RepoOpt,
    TitleOldOpt,
    TitleOpt,
    YearArg,
    as_of,
    emit,
    keep,
    parse_day,
    repo_root,
    title_of,
)


class TallyFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _warn_first(diags: list[object], *, screen: bool) -> None:
    """Diagnostics on stderr, grouped and counted, before the result."""
    from thidua.diagnostics import Diagnostic, count_by_kind
    from thidua.report import diagnostics as rep

    found = [d for d in diags if isinstance(d, Diagnostic)]
    if not found:
        return
    (data_e, data_w), (dec_e, dec_w) = count_by_kind(found)

    def counted(errors: int, warnings: int) -> str:
        return f"{errors} lỗi, {warnings} cảnh báo" if errors else f"{warnings} cảnh báo"
    head = counted(data_e + dec_e, data_w + dec_w)
    if data_e + data_w and dec_e + dec_w:
        head += (f" ({counted(data_e, data_w)} về dữ liệu, như thidua validate báo; "
                 f"{counted(dec_e, dec_w)} về kết quả xét, cần ngày xét nên thidua validate "
                 f"không báo)")
    elif dec_e + dec_w:
        head += " về kết quả xét (cần ngày xét nên thidua validate không báo)"
    else:
        head += " về dữ liệu (như thidua validate báo)"
    sys.stderr.write(f"{head}:\n" + rep.text(found, 0).rsplit("\n", 2)[0] + "\n"
                     + ("\n" if screen else ""))


@app.command(options_metavar="[TÙY CHỌN]")
def tally(
    year: YearArg = None,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    fmt: Annotated[TallyFormat, typer.Option(
        "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="table (bảng), markdown, json, csv, xlsx.")
    ] = TallyFormat.table,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", metavar="TỆP", help="Ghi ra tệp (bắt buộc với xlsx).", dir_okay=False)
    ] = None,
    summary_only: Annotated[bool, typer.Option(
        "--tom-tat", help="Chỉ in các bảng tổng hợp, không in từng người.")] = False,
    ngay_nhan: Annotated[str | None, typer.Option(
        "--ngay-nhan", metavar="NGÀY", help="Ngày nhận hồ sơ đề nghị (quy định chuyển tiếp); "
                                            "mặc định: ghi trong hoi_dong/.")] = None,
    repo: RepoOpt = None,
) -> None:
    """Tổng hợp năm theo luật áp dụng: ai được công nhận, ai không và vì sao; số lượng tối
    đa, chỉ tiêu; đề nghị thuộc thẩm quyền cơ quan khác."""
    from thidua.diagnostics import count
    from thidua.library.decisions import decide_at
    from thidua.report import tally as trep

    if fmt is TallyFormat.xlsx and out is None:
        err("lỗi: định dạng xlsx cần -o <tệp.xlsx>.")
        raise typer.Exit(EXIT_USAGE)
    day = as_of(ngay_xet, as_of_old)
    received = parse_day(ngay_nhan, "--ngay-nhan") if ngay_nhan else None
    result = decide_at(repo_root(repo), year, day, org=org, received=received,
                       order_people=not (summary_only and fmt is TallyFormat.table))
    keep(result)
    payload: str | bytes
    if fmt is TallyFormat.json:
        payload = trep.to_json(result)
    elif fmt is TallyFormat.csv:
        payload = trep.to_csv(result)
    elif fmt is TallyFormat.xlsx:
        payload = trep.to_xlsx(result)
    elif fmt is TallyFormat.markdown:
        payload = trep.markdown(result)
    else:
        payload = trep.text(result, people=not summary_only)
    if fmt is TallyFormat.table or out is not None:
        _warn_first(list(result.diagnostics), screen=out is None)
    emit(payload, out)
    errors, _ = count(result.diagnostics)
    raise typer.Exit(EXIT_DATA if errors or result.choice is None else EXIT_OK)


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(options_metavar="[TÙY CHỌN]")
def explain(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm thi đua.", min=1990, max=2100)],
    subject: Annotated[str, typer.Argument(metavar="MÃ", help="Mã nhân sự hoặc mã đơn vị.")],
    danh_hieu: TitleOpt = None,
    title_old: TitleOldOpt = None,
    fmt: Annotated[ExplainFormat, typer.Option(
        "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="text hoặc json (cùng giá trị kết luận như tally).")
    ] = ExplainFormat.text,
    details: Annotated[bool, typer.Option(
        "--chi-tiet", help="Thêm mức tin cậy của từng căn cứ và ghi chú nghiên cứu.")] = False,
    org: OrgOpt = None,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Giải thích từng tiêu chí: đạt hay không, dữ liệu nào quyết định, căn cứ pháp lý, ai có
    thẩm quyền, kết quả xét."""
    from thidua.library.decisions import explain as run
    from thidua.report import explain as xrep

    exp = run(repo_root(repo), year, subject, title=title_of(danh_hieu, title_old), org=org,
              as_of=as_of(ngay_xet, as_of_old))
    sys.stdout.write(xrep.to_json(exp) if fmt is ExplainFormat.json
                     else xrep.render(exp, details=details))
    raise typer.Exit(EXIT_OK if exp.decision.choice is not None else EXIT_DATA)


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command(options_metavar="[TÙY CHỌN]")
def diff(
    base: Annotated[str, typer.Argument(
        metavar="GỐC", help="Nhánh hoặc commit gốc, ví dụ origin/main; mặc định: HEAD (những "
                            "gì thư mục làm việc đã sửa mà chưa commit).")] = "HEAD",
    head: Annotated[str | None, typer.Argument(
        metavar="MỚI", help="Nhánh hoặc commit mới; mặc định: thư mục làm việc.")] = None,
    fmt: Annotated[DiffFormat, typer.Option(
        "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="text hoặc markdown (cho bình luận pull request).")
    ] = DiffFormat.text,
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Thay đổi có nghĩa gì: ai, đơn vị nào thay đổi; đăng ký, đề nghị, kết luận, số lượng."""
    from thidua.library.changes import run_diff
    from thidua.report import diff as drep

    reports = run_diff(repo_root(repo), base, head, as_of=as_of(ngay_xet, as_of_old))
    sys.stdout.write(drep.markdown(reports) if fmt is DiffFormat.markdown
                     else drep.text(reports))
