"""The application and its one funnel for exit codes: 0 done, 1 a problem in the data (or a
file that cannot be written), 2 a usage problem, 3 an internal bug (one line, no record
contents), 130 interrupted. Commands raise :class:`thidua.errors.ThiduaError`; they never
print tracebacks."""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

import typer

from thidua import __version__, parallel
from thidua.cli.help import localise

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="thidua",
    help="Quản lý phong trào thi đua, khen thưởng: kiểm tra dữ liệu, tổng hợp, in văn bản.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    options_metavar="[TÙY CHỌN]",
    subcommand_metavar="LỆNH [THAM SỐ]...",
)


def err(msg: str) -> None:
    sys.stderr.write(msg + "\n")


def _version(value: bool) -> None:
    if value:
        print(f"thidua {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="In phiên bản rồi thoát."),
) -> None:
    """thidua — công cụ thi đua, khen thưởng."""


def _os_reason(exc: OSError) -> str:
    import errno

    reasons = {errno.ENOENT: "thư mục không tồn tại", errno.EACCES: "không có quyền ghi",
               errno.EPERM: "không được phép ghi", errno.EISDIR: "đây là một thư mục",
               errno.ENOSPC: "hết dung lượng đĩa", errno.EROFS: "ổ đĩa chỉ đọc",
               errno.ENAMETOOLONG: "tên tệp quá dài",
               errno.ENOTDIR: "một phần của đường dẫn không phải thư mục"}
    return reasons.get(exc.errno or 0, f"lỗi hệ thống số {exc.errno}")


def main() -> None:
    """Entry point: one funnel for exit codes."""
    from thidua.errors import DataProblems, ThiduaError
    from thidua.io import OutputError

    try:
        localise()
        # The runtime of every command: processes allowed (THIDUA_WORKERS), and the cycle
        # collector off (the campaign model is acyclic; documents that leave cycles run it
        # over their own objects, see thidua.parallel).
        with parallel.use(), parallel.collector_paused():
            app()
    except KeyboardInterrupt:
        err("Đã dừng theo yêu cầu.")
        sys.exit(130)
    except DataProblems as exc:
        from thidua.report import diagnostics as rep

        sys.stderr.write(rep.text(exc.diagnostics, len({d.file for d in exc.diagnostics})))
        err(f"lỗi: {exc.message}")
        sys.exit(EXIT_DATA)
    except ThiduaError as exc:
        err(f"lỗi: {exc.message}" + (f"\n  gợi ý: {exc.hint}" if exc.hint else ""))
        sys.exit(exc.exit_code)
    except OutputError as exc:
        err(f"lỗi: không ghi được \"{exc.path}\": {_os_reason(exc.cause)}.\n"
            "  gợi ý: kiểm tra đường dẫn, quyền ghi và dung lượng đĩa.")
        sys.exit(EXIT_DATA)
    except parallel.WorkerDied:
        err("Lỗi: một tiến trình con của thidua dừng đột ngột (thiếu bộ nhớ?).\n"
            "  gợi ý: chạy lại với THIDUA_WORKERS=1 để xử lý trong một tiến trình.")
        sys.exit(EXIT_INTERNAL)
    except Exception as exc:  # an internal bug: one line, no record contents
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"
        err(f"Lỗi nội bộ của thidua ({type(exc).__name__} tại {where}); "
            "vui lòng báo lỗi kèm dòng này.")
        sys.exit(EXIT_INTERNAL)


def run() -> None:
    """Console entry point: like :func:`main`, then leave without tearing down the heap.

    Freeing a large campaign model object by object at interpreter exit takes about a
    second for 50,000 people; every output has been written (atomically) and flushed by now.
    """
    code: int | str | None = 0
    parallel.collector_off_for_good()  # (main's pause then has nothing to restore)
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    atexit._run_exitfuncs()  # what os._exit would skip
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
