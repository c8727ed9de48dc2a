"""Options shared by the commands (one definition each, Vietnamese names first; the old
English spellings stay as hidden aliases for one release), value parsers and the output
helpers (progress on a terminal, writing a result to a file or to the screen)."""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from thidua.errors import UsageProblem

RepoOpt = Annotated[
    Path | None,
    typer.Option("--repo", metavar="THƯ_MỤC", file_okay=False,
                 help="Thư mục kho dữ liệu (chứa campaigns/); mặc định: tìm từ thư mục hiện "
                      "tại đi lên."),
]
UnusedRepoOpt = Annotated[
    Path | None,
    typer.Option("--repo", metavar="THƯ_MỤC", file_okay=False, hidden=True,
                 help="Nhận để thống nhất với các lệnh khác; lệnh này không đọc kho dữ liệu."),
]
AsOfOpt = Annotated[str | None, typer.Option(
    "--ngay-xet", metavar="NGÀY",
    help="Ngày xét (ngày ban hành quyết định khen thưởng), quyết định luật áp dụng; dạng "
         "2024-01-20 hoặc 20/01/2024; mặc định: hôm nay.")]
AsOfOldOpt = Annotated[str | None, typer.Option("--as-of", metavar="NGÀY", hidden=True)]
OrgOpt = Annotated[str | None, typer.Option(
    "--org", metavar="MÃ", help="Mã tổ chức (tên thư mục trong campaigns/) khi kho có nhiều "
                                "tổ chức.")]
YearArg = Annotated[int | None, typer.Argument(
    metavar="NĂM", help="Năm thi đua, ví dụ 2023; mặc định: năm mới nhất có dữ liệu.",
    min=1990, max=2100)]
SignedOnOpt = Annotated[str | None, typer.Option(
    "--ngay", metavar="NGÀY", help="Ngày ký (bỏ trống: bản dự thảo để trống ngày).")]
SignerOpt = Annotated[str | None, typer.Option(
    "--nguoi-ky", metavar="MÃ", help="Mã người ký trong to_chuc.yaml (mặc định: người đứng "
                                     "đầu).")]
LevelOpt = Annotated[str, typer.Option(
    "--cap", metavar="CẤP", help="Cấp khen thưởng đề nghị: tinh (cấp tỉnh) hoặc bo (cấp bộ).")]
NumberOpt = Annotated[str | None, typer.Option(
    "--so", metavar="SỐ", help="Số văn bản (bỏ trống: bản dự thảo để trống số).")]
TitleOpt = Annotated[str | None, typer.Option(
    "--danh-hieu", "-t", metavar="DANH_HIỆU",
    help="Danh hiệu, hình thức khen thưởng: tên đầy đủ, có hoặc không dấu, hoặc viết tắt "
         "(LĐTT, CSTĐCS, TTLĐTT, TTLĐXS, GK, BK tỉnh …).")]
TitleOldOpt = Annotated[str | None, typer.Option("--title", metavar="DANH_HIỆU", hidden=True)]


def parse_day(text: str, option: str) -> date:
    from thidua.textutil import BadDate, parse_date

    try:
        return parse_date(text.strip())
    except BadDate as exc:
        what = "không có trên lịch" if exc.impossible else "không phải ngày"
        raise UsageProblem(f"{option}: \"{text}\" {what}",
                           "viết ngày dạng 2024-01-20 hoặc 20/01/2024") from None


def as_of(new: str | None, old: str | None = None) -> date:
    """The decision date: --ngay-xet (or the old --as-of), else today."""
    if new is not None and old is not None and new != old:
        raise UsageProblem("--ngay-xet và --as-of khác nhau", "chỉ dùng --ngay-xet")
    text = new if new is not None else old
    if text is None:
        return date.today()
    return parse_day(text, "--ngay-xet" if new is not None else "--as-of")


def signed_on(text: str | None) -> date | None:
    return parse_day(text, "--ngay") if text else None


def title_of(new: str | None, old: str | None = None) -> str | None:
    from thidua.library.decisions import title_named

    text = new if new is not None else old
    return title_named(text) if text is not None else None


def repo_root(repo: Path | None) -> Path:
    from thidua.library.repository import find_root

    if repo is not None:
        if not repo.is_dir():
            raise UsageProblem(f"không có thư mục {repo}", "kiểm tra --repo")
        return repo
    return find_root()


def pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    out = []
    for v in values:
        key, sep, value = v.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageProblem(f"{what} dạng ma=giá trị, nhận được \"{v}\"")
        out.append((key.strip(), value.strip()))
    return out


def parse_years(text: str) -> tuple[int, int]:
    try:
        first, _, last = text.partition("-")
        years = (int(first), int(last or first))
    except ValueError:
        raise UsageProblem(f"--years: \"{text}\" không hợp lệ", "dạng đúng: 2021-2023 hoặc "
                                                                 "2023") from None
    if not (1990 <= years[0] <= years[1] <= 2100):
        raise UsageProblem(f"--years: khoảng năm {text} không hợp lệ")
    return years


T = TypeVar("T")
_KEPT: list[object] = []


def keep(result: T) -> T:
    """Hold a one-shot command's large result until the process leaves (:func:`run` exits
    without tearing down the heap): freeing a 50,000-person model object by object when the
    command's frame unwinds takes a tenth of a second."""
    _KEPT.append(result)
    return result


def emit(data: str | bytes, out: Path | None) -> None:
    """Write a result to ``out`` (atomically) or to the screen."""
    from thidua import io

    if out is not None:
        io.write_bytes_atomic(out, data if isinstance(data, bytes) else data.encode("utf-8"))
    else:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))


class Progress:
    """A one-line progress counter on a terminal; silent in CI logs and pipes."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done != total):
            return
        self.last = now
        self.shown = True
        if total:
            filled = round(24 * done / total)
            bar = "█" * filled + "·" * (24 - filled)
            text = f"{self.label} [{bar}] {100 * done // total:3d}% {done}/{total} tệp"
        else:
            text = f"{self.label}: {done} tệp"
        sys.stderr.write(f"\r{text}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class DocFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"


FormatOpt = Annotated[DocFormat | None, typer.Option(
    "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="docx hoặc pdf (pdf cần LibreOffice); mặc định: theo đuôi của -o, không có thì "
             "docx.")]
OutOpt = Annotated[Path | None, typer.Option(
    "-o", "--out", metavar="TỆP", help="Tệp ra (mặc định: build/<tên văn bản>.<định dạng>).",
    dir_okay=False)]


def document_format(out: Path | None, fmt: DocFormat | None) -> DocFormat:
    """The format to write: as asked, else as ``out``'s extension says (a file named .pdf is
    a PDF); an extension that says another format is refused."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    known = {f.value: f for f in DocFormat}
    if fmt is None:
        fmt = known.get(suffix, DocFormat.docx)
    if suffix and suffix != fmt.value:
        raise UsageProblem(f"tệp ra \"{out}\" có đuôi .{suffix}, không khớp định dạng "
                           f"{fmt.value}", f"đặt tên tệp đuôi .{fmt.value}, hoặc chọn -f "
                                           "theo đuôi tệp (docx, pdf)")
    return fmt


def write_document(root: Path, out: Path | None, default: str, data: bytes,
                   fmt: DocFormat | None, what: str) -> None:
    """Write a rendered document (converted to PDF when asked) and say where."""
    from thidua import io
    from thidua.library.documents import to_pdf

    fmt = document_format(out, fmt)
    if fmt is DocFormat.pdf:
        data = to_pdf(data)
    target = out or root / "build" / f"{default}.{fmt.value}"
    io.write_bytes_atomic(target, data)
    print(f"Đã ghi {target}{f' ({what})' if what else ''}.")
