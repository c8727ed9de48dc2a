"""Commands about the data: validate, schema, sample, codes, law."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua.cli.app import EXIT_DATA, EXIT_OK, app
from thidua.cli.options import (
    AsOfOldOpt,
    AsOfOpt,
    OrgOpt,
    Progress,
    RepoOpt,
    UnusedRepoOpt,
    as_of,
    keep,
    parse_years,
    repo_root,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(options_metavar="[TÙY CHỌN]")
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="ĐƯỜNG_DẪN",
        help="Kho dữ liệu, thư mục tổ chức hoặc tệp .yaml; mặc định: cả kho.")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="Định dạng kết quả: text, json, github (mặc định: text; "
                               "github khi GITHUB_ACTIONS=true).")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Coi cảnh báo là lỗi (mã thoát 1).")] = False,
    repo: RepoOpt = None,
) -> None:
    """Kiểm tra dữ liệu: cú pháp, mẫu, ngày tháng, tham chiếu, tính nhất quán, pháp luật."""
    from thidua.diagnostics import count
    from thidua.library.validation import validate as run
    from thidua.report import diagnostics as rep

    targets = list(paths) if paths else [repo_root(repo)]
    if fmt is None:
        fmt = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    progress = Progress("Đang kiểm tra")
    result = keep(run(targets, progress=progress))
    progress.close()
    diags = result.diagnostics
    if fmt is Format.json:
        sys.stdout.write(rep.to_json(diags, result.files))
    elif fmt is Format.github:
        sys.stdout.write(rep.github(diags))
        sys.stdout.write(rep.summary_line(diags, result.files) + "\n")
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(rep.markdown_summary(diags, result.files))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(rep.text(diags, result.files, color=color))
    errors, warnings = count(diags)
    raise typer.Exit(EXIT_DATA if errors or (strict and warnings) else EXIT_OK)


@app.command(options_metavar="[TÙY CHỌN]")
def schema(
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", metavar="THƯ_MỤC",
        help="Thư mục ghi các tệp JSON Schema (mặc định: <kho>/schema).", file_okay=False)
    ] = None,
    repo: RepoOpt = None,
) -> None:
    """Ghi JSON Schema cho từng loại tệp, để trình soạn thảo gợi ý và báo lỗi khi gõ."""
    from thidua.library.setup import write_schemas

    target = out if out is not None else repo_root(repo) / "schema"
    for path in write_schemas(target):
        print(path)


@app.command(options_metavar="[TÙY CHỌN]")
def sample(
    target: Annotated[Path, typer.Argument(metavar="THƯ_MỤC",
                                           help="Thư mục sẽ tạo (chưa có hoặc rỗng).")],
    people: Annotated[int, typer.Option("--people", "-n", min=1, max=1_000_000,
                                        metavar="SỐ", help="Số nhân sự.")] = 80,
    years: Annotated[str, typer.Option("--years", metavar="NĂM-NĂM",
                                       help="Khoảng năm, ví dụ 2021-2023.")] = "2021-2023",
    seed: Annotated[int, typer.Option("--seed", metavar="SỐ", help="Hạt giống ngẫu nhiên.")
                    ] = 1,
    repo: UnusedRepoOpt = None,
) -> None:
    """Tạo kho dữ liệu mẫu hư cấu, hợp lệ, tái lập được (cho thử nghiệm và đo hiệu năng)."""
    from thidua.library.setup import write_sample

    span = parse_years(years)
    progress = Progress("Đang tạo")
    try:
        n = write_sample(target, people=people, years=span, seed=seed, progress=progress)
    finally:
        progress.close()
    print(f"Đã tạo {n} tệp cho {people} nhân sự, năm {span[0]}–{span[1]}, tại {target}")


@app.command(options_metavar="[TÙY CHỌN]")
def codes(
    markdown: Annotated[bool, typer.Option("--markdown", help="In dạng bảng Markdown.")
                        ] = False,
    repo: UnusedRepoOpt = None,
) -> None:
    """Liệt kê mọi mã chẩn đoán (TD…) với mức độ và ý nghĩa."""
    from thidua.report.codes import codes_markdown, codes_text

    sys.stdout.write(codes_markdown() if markdown else codes_text())


@app.command(options_metavar="[TÙY CHỌN]")
def law(
    ngay_xet: AsOfOpt = None,
    as_of_old: AsOfOldOpt = None,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Các chế độ pháp luật, ngày hiệu lực, văn bản, mức tin cậy; chế độ áp dụng cho ngày xét."""
    from thidua.diagnostics import Diagnostic
    from thidua.errors import DataError
    from thidua.library.repository import law_of, pick_org
    from thidua.load.law import bundled_law
    from thidua.load.repository import read_org
    from thidua.report.law import text as law_text

    day = as_of(ngay_xet, as_of_old)
    try:
        folder = pick_org(repo_root(repo), org)
    except DataError:
        folder = None
    problems: list[Diagnostic] = []
    if folder is None:
        current = bundled_law()
    else:
        current, problems = law_of(read_org(folder).repo)
    sys.stdout.write(law_text(current, day))
    if problems:
        from thidua.report import diagnostics as rep

        sys.stderr.write(rep.text(problems, 1))
        raise typer.Exit(EXIT_DATA)
