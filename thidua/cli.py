"""Command-line interface: parse options, call one core function, report, return a code.

This is the only module that imports typer. Heavy modules are imported inside commands so
that ``thidua --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from thidua import __version__

if TYPE_CHECKING:
    from thidua.diagnostics import Diagnostic

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="thidua",
    help="Quản lý phong trào thi đua, khen thưởng: kiểm tra dữ liệu, tổng hợp, in văn bản.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
)

UnusedRepoOpt = Annotated[
    Path | None,
    typer.Option("--repo", help="Nhận để thống nhất với các lệnh khác; lệnh này không đọc "
                                "kho dữ liệu.", file_okay=False),
]
RepoOpt = Annotated[
    Path | None,
    typer.Option("--repo", help="Thư mục kho dữ liệu (chứa campaigns/); mặc định: tìm từ "
                                "thư mục hiện tại đi lên.", file_okay=False),
]


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _err(msg: str) -> None:
    sys.stderr.write(msg + "\n")


def _repo_root(repo: Path | None) -> Path:
    from thidua.load.files import find_repo

    if repo is not None:
        if not repo.is_dir():
            _err(f"lỗi: không có thư mục {repo}")
            raise typer.Exit(EXIT_USAGE)
        return repo
    found = find_repo(Path.cwd())
    if found is None:
        _err("lỗi: không tìm thấy thư mục campaigns/ ở thư mục hiện tại hay các thư mục cha.\n"
             "  gợi ý: chạy lệnh trong kho dữ liệu hoặc thêm --repo <thư mục>.")
        raise typer.Exit(EXIT_DATA)
    return found


class _Progress:
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


def _version(value: bool) -> None:
    if value:
        print(f"thidua {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="In phiên bản rồi thoát.")] = False,
) -> None:
    """thidua — công cụ thi đua, khen thưởng."""


@app.command(options_metavar="[TÙY CHỌN]")
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="ĐƯỜNG_DẪN",
        help="Kho dữ liệu, thư mục tổ chức hoặc tệp .yaml; mặc định: cả kho.")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Định dạng kết quả: text, json, github (mặc định: text; "
                               "github khi GITHUB_ACTIONS=true).")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Coi cảnh báo là lỗi (mã thoát 1).")] = False,
    repo: RepoOpt = None,
) -> None:
    """Kiểm tra dữ liệu: cú pháp, mẫu, ngày tháng, tham chiếu, tính nhất quán."""
    from thidua.commands.validate import validate as run
    from thidua.diagnostics import count
    from thidua.report import diagnostics as rep

    targets = list(paths) if paths else [_repo_root(repo)]
    if fmt is None:
        fmt = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    progress = _Progress("Đang kiểm tra")
    result = run(targets, progress=progress)
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
        "-o", "--out", help="Thư mục ghi các tệp JSON Schema (mặc định: <kho>/schema).",
        file_okay=False)] = None,
    repo: RepoOpt = None,
) -> None:
    """Ghi JSON Schema cho từng loại tệp, để trình soạn thảo gợi ý và báo lỗi khi gõ."""
    from thidua.commands.schema import write_schemas

    target = out if out is not None else _repo_root(repo) / "schema"
    for path in write_schemas(target):
        print(path)


def _parse_years(text: str) -> tuple[int, int]:
    try:
        first, _, last = text.partition("-")
        years = (int(first), int(last or first))
    except ValueError:
        raise typer.BadParameter("dạng đúng: 2021-2023 hoặc 2023") from None
    if not (1990 <= years[0] <= years[1] <= 2100):
        raise typer.BadParameter("khoảng năm không hợp lệ")
    return years


@app.command(options_metavar="[TÙY CHỌN]")
def sample(
    target: Annotated[Path, typer.Argument(metavar="THƯ_MỤC",
                                           help="Thư mục sẽ tạo (chưa có hoặc rỗng).")],
    people: Annotated[int, typer.Option("--people", "-n", min=1, max=1_000_000,
                                        help="Số nhân sự.")] = 80,
    years: Annotated[str, typer.Option("--years", help="Khoảng năm, ví dụ 2021-2023.")
                     ] = "2021-2023",
    seed: Annotated[int, typer.Option("--seed", help="Hạt giống ngẫu nhiên.")] = 1,
    repo: UnusedRepoOpt = None,
) -> None:
    """Tạo kho dữ liệu mẫu hư cấu, hợp lệ, tái lập được (cho thử nghiệm và đo hiệu năng)."""
    from thidua.commands.sample import TargetNotEmpty, write_sample

    span = _parse_years(years)
    progress = _Progress("Đang tạo")
    try:
        n = write_sample(target, people=people, years=span, seed=seed, progress=progress)
    except TargetNotEmpty:
        progress.close()
        _err(f"lỗi: thư mục {target} đã có dữ liệu.\n"
             "  gợi ý: chọn thư mục mới hoặc xóa thư mục cũ trước.")
        raise typer.Exit(EXIT_DATA) from None
    progress.close()
    print(f"Đã tạo {n} tệp cho {people} nhân sự, năm {span[0]}–{span[1]}, tại {target}")


class TallyFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _as_of(text: str | None) -> date:
    from thidua.textutil import BadDate, parse_date

    if text is None:
        return date.today()
    try:
        return parse_date(text)
    except BadDate:
        raise typer.BadParameter("ngày dạng 2024-01-20 hoặc 20/01/2024") from None


AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="NGÀY", help="Ngày xét (ngày ban hành quyết định khen thưởng), quyết "
                                    "định luật áp dụng; mặc định: hôm nay.")]
OrgOpt = Annotated[str | None, typer.Option(
    "--org", help="Mã tổ chức (tên thư mục trong campaigns/) khi kho có nhiều tổ chức.")]
LatestYearArg = Annotated[int | None, typer.Argument(
    metavar="NĂM", help="Năm thi đua; mặc định: năm mới nhất có dữ liệu.")]
SignedOnOpt = Annotated[str | None, typer.Option(
    "--ngay", metavar="NGÀY", help="Ngày ký (bỏ trống: bản dự thảo).")]
SignerOpt = Annotated[str | None, typer.Option(
    "--nguoi-ky", help="Mã người ký trong to_chuc.yaml (mặc định: người đứng đầu).")]


@contextmanager
def _data_errors() -> Iterator[None]:
    """A problem in the data (not a bug): its message, exit code 1."""
    from thidua.commands.tally import TallyError

    try:
        yield
    except TallyError as exc:
        _err(f"lỗi: {exc}")
        raise typer.Exit(EXIT_DATA) from None


def _pause_gc() -> None:
    """The campaign model is acyclic: for a one-shot command the cycle collector would only
    rescan a million live objects again and again while the reports are built."""
    import gc

    gc.disable()


def _report_data_errors(diags: Sequence[Diagnostic]) -> None:
    from thidua.report import diagnostics as rep

    sys.stderr.write(rep.text(diags, len({d.file for d in diags}))
                     + "Dữ liệu còn lỗi: sửa theo `thidua validate` trước khi tổng hợp.\n")


@app.command(options_metavar="[TÙY CHỌN]")
def tally(
    year: Annotated[int | None, typer.Argument(
        metavar="NĂM", help="Năm thi đua, ví dụ 2023; mặc định: năm mới nhất có dữ liệu.")
    ] = None,
    org: OrgOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[TallyFormat, typer.Option(
        "--format", "-f", help="table (bảng), markdown, json, csv, xlsx.")
    ] = TallyFormat.table,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Ghi ra tệp (bắt buộc với xlsx).", dir_okay=False)] = None,
    summary_only: Annotated[bool, typer.Option(
        "--tom-tat", help="Chỉ in các bảng tổng hợp, không in từng người.")] = False,
    repo: RepoOpt = None,
) -> None:
    """Tổng hợp năm: đăng ký, đủ điều kiện, đề nghị, đã khen, số lượng tối đa, chỉ tiêu."""
    from thidua import io
    from thidua.commands.tally import run_tally
    from thidua.diagnostics import count
    from thidua.report import diagnostics as rep
    from thidua.report import tally as trep

    if fmt is TallyFormat.xlsx and out is None:
        _err("lỗi: định dạng xlsx cần -o <tệp.xlsx>.")
        raise typer.Exit(EXIT_USAGE)
    _pause_gc()
    with _data_errors():
        result, data_errors = run_tally(
            _repo_root(repo), year, org=org, as_of=_as_of(as_of),
            order_people=not (summary_only and fmt is TallyFormat.table))
    if result is None:
        _report_data_errors(data_errors)
        raise typer.Exit(EXIT_DATA)
    if fmt is TallyFormat.json:
        payload: str | bytes = trep.to_json(result)
    elif fmt is TallyFormat.csv:
        payload = trep.to_csv(result)
    elif fmt is TallyFormat.xlsx:
        payload = trep.to_xlsx(result)
    elif fmt is TallyFormat.markdown:
        payload = trep.markdown(result)
    else:
        payload = trep.text(result, people=not summary_only)
    if out is not None:
        io.write_bytes_atomic(out, payload if isinstance(payload, bytes)
                              else payload.encode("utf-8"))
    else:
        sys.stdout.write(payload if isinstance(payload, str) else payload.decode())
    if result.diagnostics and (fmt is TallyFormat.table or out is not None):
        sys.stderr.write(rep.text(result.diagnostics, 0).rsplit("\n", 2)[0] + "\n")
    errors, _ = count(result.diagnostics)
    raise typer.Exit(EXIT_DATA if errors else EXIT_OK)


@app.command(options_metavar="[TÙY CHỌN]")
def explain(
    year: Annotated[int, typer.Argument(metavar="NĂM", help="Năm thi đua.")],
    subject: Annotated[str, typer.Argument(metavar="MÃ", help="Mã nhân sự hoặc mã đơn vị.")],
    title: Annotated[str | None, typer.Option(
        "--title", "-t", help="Chỉ giải thích danh hiệu này, ví dụ \"Chiến sĩ thi đua cơ sở\"."
    )] = None,
    org: OrgOpt = None,
    as_of: AsOfOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Giải thích từng tiêu chí: đạt hay không, dữ liệu nào quyết định, căn cứ pháp lý."""
    from thidua.commands.tally import explain_text

    _pause_gc()
    with _data_errors():
        text, data_errors = explain_text(_repo_root(repo), year, subject, title=title, org=org,
                                         as_of=_as_of(as_of))
    if text is None:
        _report_data_errors(data_errors)
        raise typer.Exit(EXIT_DATA)
    sys.stdout.write(text)


def _pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    out = []
    for v in values:
        key, sep, value = v.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise typer.BadParameter(f"{what} dạng ma=giá trị, nhận được \"{v}\"")
        out.append((key.strip(), value.strip()))
    return out


def _ask(value: str | None, question: str, default: str | None = None) -> str:
    if value:
        return value
    if not sys.stdin.isatty():
        _err(f"lỗi: thiếu thông tin \"{question}\" (chạy trên màn hình để được hỏi, hoặc "
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
    ghi_de: Annotated[bool, typer.Option(
        "--ghi-de", help="Ghi đè tệp đã có mà khác mẫu (mặc định: giữ nguyên và báo).")
    ] = False,
    repo: UnusedRepoOpt = None,
) -> None:
    """Tạo kho dữ liệu cho một tổ chức: tệp tổ chức, năm đầu, pre-commit, CI, CODEOWNERS."""
    from thidua.commands.init import InitError, init_repository
    from thidua.scaffold import InitSpec

    units = _pairs(don_vi or [], "--don-vi")
    if not units:
        answer = _ask(None, "Các đơn vị (ma=Tên, cách nhau bởi dấu ;)")
        units = _pairs([u for u in answer.split(";") if u.strip()], "đơn vị")
    spec = InitSpec(
        org_id=_ask(ma, "Mã tổ chức (ví dụ stp-khanh-hoa)"),
        name=_ask(ten, "Cơ quan ban hành", "Sở Tư pháp"),
        parent=_ask(co_quan_chu_quan, "Cơ quan chủ quản (ví dụ Ủy ban nhân dân tỉnh …)"),
        abbr=_ask(viet_tat, "Chữ viết tắt trong số văn bản", "STP"),
        place=_ask(dia_danh, "Địa danh ghi ở dòng ngày tháng"),
        units=tuple(units),
        year=nam if nam is not None else int(_ask(None, "Năm thi đua đầu tiên",
                                                   str(date.today().year))),
        reviewers=dict(_pairs(nguoi_duyet or [], "--nguoi-duyet")),
        office_reviewers=nguoi_duyet_chung,
    )
    try:
        written = init_repository(target, spec, overwrite=ghi_de)
    except InitError as exc:
        _err(f"lỗi: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    for w in written:
        print(f"{w.state:>10}  {w.path}")
    kept = [w for w in written if w.state == "giữ nguyên"]
    if kept:
        _err(f"{len(kept)} tệp đã có và khác mẫu nên được giữ nguyên; dùng --ghi-de để thay.")
    print(f"Kho dữ liệu tại {target}. Tiếp theo: cd {target} && git init && thidua validate")


@app.command("render-decision", options_metavar="[TÙY CHỌN]")
def render_decision(
    year: LatestYearArg = None,
    danh_hieu: Annotated[str, typer.Option(
        "--danh-hieu", help="Danh hiệu được công nhận.")] = "Lao động tiên tiến",
    tap_the: Annotated[bool | None, typer.Option(
        "--tap-the/--ca-nhan", help="Cho tập thể hay cá nhân (khi danh hiệu dùng cho cả hai).")
    ] = None,
    so: Annotated[str | None, typer.Option("--so", help="Số quyết định (bỏ trống: bản dự thảo).")
                  ] = None,
    ngay: SignedOnOpt = None,
    theo_de_nghi: Annotated[str, typer.Option(
        "--theo-de-nghi", help="Người đề nghị.")] = "Chánh Văn phòng Sở",
    nguoi_ky: SignerOpt = None,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Tệp .docx (mặc định: build/quyet-dinh-<danh-hieu>-<năm>.docx).",
        dir_okay=False)] = None,
    org: OrgOpt = None,
    as_of: AsOfOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Quyết định công nhận danh hiệu thi đua kèm danh sách (người vừa được đề nghị vừa đủ
    điều kiện), đúng thể thức Nghị định 30/2020/NĐ-CP."""
    from thidua import io
    from thidua.commands.render import render_decision as run
    from thidua.render.decision import DecisionRequest
    from thidua.textutil import ascii_slug

    _pause_gc()
    root = _repo_root(repo)
    req = DecisionRequest(danh_hieu, so, _as_of(ngay) if ngay else None, theo_de_nghi,
                          nguoi_ky, tap_the)
    with _data_errors():
        data, content = run(root, year, req, org=org, as_of=_as_of(as_of))
    name = f"quyet-dinh-{ascii_slug(danh_hieu)}-{year or 'moi-nhat'}.docx"
    target = out or root / "build" / name
    io.write_bytes_atomic(target, data)
    people = sum(1 for i, _ in enumerate(content.rows) if i not in content.group_rows)
    print(f"Đã ghi {target} ({people} {'cá nhân' if content.people else 'tập thể'}).")


@app.command("render-proposal", options_metavar="[TÙY CHỌN]")
def render_proposal(
    year: LatestYearArg = None,
    cap: Annotated[str, typer.Option(
        "--cap", help="Cấp khen thưởng đề nghị: tinh (cấp tỉnh) hoặc bo (cấp bộ).")] = "tinh",
    kinh_gui: Annotated[str | None, typer.Option(
        "--kinh-gui", help="Nơi nhận tờ trình (mặc định cấp tỉnh: Chủ tịch cơ quan chủ quản).")
    ] = None,
    so: Annotated[str | None, typer.Option("--so", help="Số tờ trình (bỏ trống: bản dự thảo).")
                  ] = None,
    ngay: SignedOnOpt = None,
    nguoi_ky: SignerOpt = None,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Tệp .docx (mặc định: build/to-trinh-<cấp>-<năm>.docx).",
        dir_okay=False)] = None,
    org: OrgOpt = None,
    as_of: AsOfOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Tờ trình đề nghị cấp trên khen thưởng, kèm danh sách và tỷ lệ phiếu của Hội đồng."""
    from thidua import io
    from thidua.commands.render import render_proposal as run
    from thidua.render.proposal import ProposalRequest

    _pause_gc()
    root = _repo_root(repo)
    req = ProposalRequest(cap, kinh_gui, so, _as_of(ngay) if ngay else None, nguoi_ky)
    with _data_errors():
        data, content = run(root, year, req, org=org, as_of=_as_of(as_of))
    target = out or root / "build" / f"to-trinh-{cap}-{year or 'moi-nhat'}.docx"
    io.write_bytes_atomic(target, data)
    listed = sum(1 for i, _ in enumerate(content.rows) if i not in content.group_rows)
    print(f"Đã ghi {target} ({listed} tập thể, cá nhân).")


@app.command("render-minutes", options_metavar="[TÙY CHỌN]")
def render_minutes(
    year: LatestYearArg = None,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Tệp .docx (mặc định: build/bien-ban-hop-hoi-dong-<năm>.docx).",
        dir_okay=False)] = None,
    org: OrgOpt = None,
    as_of: AsOfOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Biên bản họp Hội đồng Thi đua - Khen thưởng: thành phần, số phiếu từng đề nghị."""
    from thidua import io
    from thidua.commands.render import render_minutes as run

    _pause_gc()
    root = _repo_root(repo)
    with _data_errors():
        data, content = run(root, year, org=org, as_of=_as_of(as_of))
    target = out or root / "build" / f"bien-ban-hop-hoi-dong-{year or 'moi-nhat'}.docx"
    io.write_bytes_atomic(target, data)
    votes = len(content.rows) - len(content.group_rows)
    print(f"Đã ghi {target} ({votes} lượt biểu quyết).")


class PlanFormat(StrEnum):
    docx = "docx"
    md = "md"
    pdf = "pdf"


@app.command("render-plan", options_metavar="[TÙY CHỌN]")
def render_plan(
    plan: Annotated[Path, typer.Argument(metavar="KẾ_HOẠCH", help="Tệp kế hoạch (.yaml).",
                                         exists=True, dir_okay=False)],
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="docx, md hoặc pdf.")
                   ] = PlanFormat.docx,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Tệp ra (mặc định: build/<tên tệp kế hoạch>.<định dạng>).",
        dir_okay=False)] = None,
    repo: RepoOpt = None,
) -> None:
    """In Kế hoạch phát động phong trào thi đua đúng thể thức (.docx), hoặc Markdown, PDF."""
    from thidua import io
    from thidua.commands.render import render_plan as run

    _pause_gc()
    root = _repo_root(repo)
    with _data_errors():
        data = run(root, plan, fmt.value)
    target = out or root / "build" / f"{plan.stem}.{fmt.value}"
    io.write_bytes_atomic(target, data)
    print(f"Đã ghi {target}.")


class SummaryFormat(StrEnum):
    docx = "docx"
    xlsx = "xlsx"


@app.command("render-registrations", options_metavar="[TÙY CHỌN]")
def render_registrations(
    year: LatestYearArg = None,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f", help="docx hoặc xlsx.")
                   ] = SummaryFormat.docx,
    ngay: Annotated[str | None, typer.Option(
        "--ngay", metavar="NGÀY", help="Ngày ghi trên bảng (bỏ trống: để trống).")] = None,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Tệp ra (mặc định: build/bang-tong-hop-dang-ky-<năm>.<định dạng>).",
        dir_okay=False)] = None,
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """In Bảng tổng hợp đăng ký thi đua của các phòng, đơn vị (.docx hoặc .xlsx)."""
    from thidua import io
    from thidua.commands.render import render_registrations as run

    _pause_gc()
    root = _repo_root(repo)
    with _data_errors():
        data, year_done = run(root, year, org=org, day=_as_of(ngay) if ngay else None,
                              fmt=fmt.value)
    target = out or root / "build" / f"bang-tong-hop-dang-ky-{year_done}.{fmt.value}"
    io.write_bytes_atomic(target, data)
    print(f"Đã ghi {target}.")


@app.command(options_metavar="[TÙY CHỌN]")
def verify(
    file: Annotated[Path, typer.Argument(metavar="TỆP.docx", help="Văn bản do thidua tạo.",
                                         exists=True, dir_okay=False)],
    org: OrgOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Kiểm tra văn bản còn khớp dữ liệu hiện tại của kho không (mã băm nội dung, commit)."""
    from thidua.commands.render import verify as run

    _pause_gc()
    with _data_errors():
        same, message = run(_repo_root(repo), file.read_bytes(), org=org)
    print(message)
    raise typer.Exit(EXIT_OK if same else EXIT_DATA)


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
    from thidua.commands.render import export_templates

    folder = target or _repo_root(repo) / "templates"
    for path, state in export_templates(folder, overwrite=ghi_de):
        print(f"{state:>10}  {path}")


@templates_app.command("check", options_metavar="[TÙY CHỌN]")
def templates_check(
    folder: Annotated[Path | None, typer.Argument(
        metavar="THƯ_MỤC", help="Thư mục mẫu; mặc định: <kho>/templates nếu có, không thì "
                                "các mẫu mặc định.")] = None,
    repo: RepoOpt = None,
) -> None:
    """Kiểm tra mẫu: biến không có trong dữ liệu, thẻ Jinja hỏng (kèm số đoạn)."""
    from thidua.commands.render import check_templates

    if folder is None:
        own = _repo_root(repo) / "templates"
        folder = own if any(own.glob("*.docx")) else None
    failed = False
    for name, problems in check_templates(folder):
        if not problems:
            print(f"{name}: không có lỗi")
        for problem in problems:
            failed = True
            print(f"{name}: lỗi: {problem}")
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command(options_metavar="[TÙY CHỌN]")
def diff(
    base: Annotated[str, typer.Argument(metavar="GỐC", help="Nhánh hoặc commit gốc, ví dụ "
                                                             "origin/main.")],
    head: Annotated[str | None, typer.Argument(
        metavar="MỚI", help="Nhánh hoặc commit mới; mặc định: thư mục làm việc.")] = None,
    fmt: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text hoặc markdown (cho bình luận pull request).")
    ] = DiffFormat.text,
    as_of: AsOfOpt = None,
    repo: RepoOpt = None,
) -> None:
    """Thay đổi có nghĩa gì: ai đăng ký hay rút đăng ký, kết luận và số lượng thay đổi ra sao."""
    from thidua.commands.diff import DiffError, run_diff
    from thidua.report import diff as drep

    _pause_gc()
    try:
        reports = run_diff(_repo_root(repo), base, head, as_of=_as_of(as_of))
    except DiffError as exc:
        _err(f"lỗi: {exc}")
        raise typer.Exit(EXIT_DATA) from None
    sys.stdout.write(drep.markdown(reports) if fmt is DiffFormat.markdown
                     else drep.text(reports))


@app.command(options_metavar="[TÙY CHỌN]")
def codes(
    markdown: Annotated[bool, typer.Option("--markdown", help="In dạng bảng Markdown.")
                        ] = False,
    repo: UnusedRepoOpt = None,
) -> None:
    """Liệt kê mọi mã chẩn đoán (TD…) với mức độ và ý nghĩa."""
    from thidua.report.codes import codes_markdown, codes_text

    sys.stdout.write(codes_markdown() if markdown else codes_text())


_HEADINGS = {"Options": "Tùy chọn", "Arguments": "Tham số", "Commands": "Lệnh",
             "required": "bắt buộc", "default: {default}": "mặc định: {default}"}
_USAGE_ERRORS = (
    (r"Missing argument '(.+)'\.", "thiếu tham số {0}."),
    (r"Missing option '(.+)'\.", "thiếu tùy chọn {0}."),
    (r"No such option: (\S+?)\.?(?: Did you mean (\S+?)\?)?$", "không có tùy chọn {0}."),
    (r"No such command '(.+)'\.", "không có lệnh \"{0}\"."),
    (r"Got unexpected extra arguments? \((.+)\)", "thừa tham số: {0}."),
    (r"Option '(.+)' requires an argument\.", "tùy chọn {0} cần một giá trị."),
    (r"Invalid value for (.+?): (?:Value error, )?'(.*)' is not one of (.+)\.",
     "{0}: \"{1}\" không hợp lệ; chọn một trong {2}."),
    (r"Invalid value for (.+?): (?:Value error, )?'?(.+?)'? is not a valid integer.*",
     "{0}: \"{1}\" không phải số nguyên."),
    (r"Invalid value for (.+?): Input should be a valid integer.*",
     "{0}: giá trị phải là số nguyên."),
    (r"Invalid value for (.+?): (?:file|directory) '(.+)' is a directory\.?",
     "{0}: \"{1}\" là một thư mục, cần một tệp."),
    (r"Invalid value for (.+?): (.+)", "{0}: giá trị không hợp lệ ({1})."),
    (r"Invalid value: (.+)", "giá trị không hợp lệ: {0}."),
)


def _vietnamese_usage_error(message: str) -> str:
    import re

    for pattern, template in _USAGE_ERRORS:
        m = re.match(pattern, message)
        if m:
            return template.format(*m.groups())
    return message


def _localise() -> None:
    """Vietnamese help headings, help option and usage errors (typer's are English).

    Uses typer's vendored click; if its internals change, help falls back to English.
    """
    try:
        import typer.core as typer_core
        from typer._click import core as click_core
        from typer._click import exceptions as click_exc
        from typer._click import formatting as click_fmt
    except ImportError:  # pragma: no cover - a future typer
        return

    class Formatter(click_fmt.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "Cách dùng: " if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(_HEADINGS.get(heading, heading))

    click_core.Context.formatter_class = Formatter
    typer_core._ = lambda text: _HEADINGS.get(text, text)  # type: ignore[attr-defined,assignment]
    original = click_core.Command.get_help_option

    def get_help_option(self: click_core.Command, ctx: click_core.Context) -> object:
        opt = original(self, ctx)
        if opt is not None:
            opt.help = "In hướng dẫn này rồi thoát."
        return opt

    def show(self: click_exc.UsageError, file: object = None) -> None:
        lines = []
        if self.ctx is not None:
            lines.append(self.ctx.get_usage())
        lines.append(f"lỗi: {_vietnamese_usage_error(self.format_message())}")
        if self.ctx is not None:
            lines.append(f"  gợi ý: gõ \"{self.ctx.command_path} --help\" để xem hướng dẫn.")
        _err("\n".join(lines))

    click_core.Command.get_help_option = get_help_option  # type: ignore[assignment,method-assign]
    click_exc.UsageError.show = show  # type: ignore[method-assign]


def main() -> None:
    """Entry point: one funnel for exit codes (1 data, 2 usage, 3 internal, 130 Ctrl-C)."""
    try:
        _localise()
        app()
    except KeyboardInterrupt:
        _err("Đã dừng theo yêu cầu.")
        sys.exit(130)
    except OSError as exc:  # writing an output: the file system said no
        _err(f"lỗi: không ghi được \"{exc.filename or ''}\": {_os_reason(exc)}.\n"
             "  gợi ý: kiểm tra đường dẫn, quyền ghi và dung lượng đĩa.")
        sys.exit(EXIT_DATA)
    except Exception as exc:  # an internal bug: one line, no record contents
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"
        _err(f"Lỗi nội bộ của thidua ({type(exc).__name__} tại {where}); "
             "vui lòng báo lỗi kèm dòng này.")
        sys.exit(EXIT_INTERNAL)


def _os_reason(exc: OSError) -> str:
    import errno

    reasons = {errno.ENOENT: "thư mục không tồn tại", errno.EACCES: "không có quyền ghi",
               errno.EPERM: "không được phép ghi", errno.EISDIR: "đây là một thư mục",
               errno.ENOSPC: "hết dung lượng đĩa", errno.EROFS: "ổ đĩa chỉ đọc",
               errno.ENOTDIR: "một phần của đường dẫn không phải thư mục"}
    return reasons.get(exc.errno or 0, f"lỗi hệ thống số {exc.errno}")


def run() -> None:
    """Console entry point: like :func:`main`, then leave without tearing down the heap.

    Freeing a large campaign model object by object at interpreter exit takes about a
    second for 50,000 people; every output has been written (atomically) and flushed by now.
    """
    code: int | str | None = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


if __name__ == "__main__":
    run()
