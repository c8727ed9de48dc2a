"""Vietnamese help and usage errors (typer's are English), with "did you mean" for commands
and options.

Uses typer's vendored click; if its internals change, help falls back to English.
"""

from __future__ import annotations

import difflib
import re
import sys

HEADINGS = {"Options": "Tùy chọn", "Arguments": "Tham số", "Commands": "Lệnh",
            "required": "bắt buộc", "default: {default}": "mặc định: {default}",
            "env var: {var}": "biến môi trường: {var}"}
USAGE_ERRORS = (
    (r"Missing argument '(.+)'\.", "thiếu tham số {0}."),
    (r"Missing option '(.+)'\.", "thiếu tùy chọn {0}."),
    (r"No such option: (\S+?)\.?(?: Did you mean (\S+?)\?| \(Possible options: (.+)\))?$",
     "không có tùy chọn {0}.{1}"),
    (r"No such command '(.+)'\.", "không có lệnh \"{0}\".{1}"),
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
    (r"Invalid value for (.+?): (?:File|Path|Directory) '(.+)' does not exist\.?",
     "{0}: không có \"{1}\"."),
    (r"(?:Invalid value for )?'?(.+?)'?: '(.{0,40}).*' is not a valid int(?:eger)?(?: range)?\.?$",
     "{0}: \"{1}\" không phải số nguyên (hoặc quá lớn)."),
    (r"(?:Invalid value for )?'?(.+?)'?: '(.*)' is not a valid (?:float|number)\.?$",
     "{0}: \"{1}\" không phải số."),
    (r"(?:Invalid value for )?'?(.+?)'?: '(.*)' is not one of (.+)\.$",
     "{0}: \"{1}\" không hợp lệ; chọn một trong {2}."),
    (r"(?:Invalid value for )?'?(.+?)'?: (-?\d+) is not in the range (\d+)<=x<=(\d+)\.?$",
     "{0}: {1} không hợp lệ; cần từ {2} đến {3}."),
    (r"Invalid value for (.+?): (.+)", "{0}: {1}"),
    (r"Invalid value: (.+)", "giá trị không hợp lệ: {0}."),
)
# Value names shown in help, instead of the Python types typer prints.
METAVARS = {"PATH": "ĐƯỜNG_DẪN", "TEXT": "CHỮ", "INTEGER": "SỐ", "FILENAME": "TỆP",
            "BOOLEAN": "CÓ/KHÔNG", "DIRECTORY": "THƯ_MỤC", "FILE": "TỆP"}


def _err(msg: str) -> None:
    sys.stderr.write(msg + "\n")


def vietnamese_usage_error(message: str, commands: list[str] | None = None) -> str:
    for pattern, template in USAGE_ERRORS:
        m = re.match(pattern, message)
        if not m:
            continue
        groups = list(m.groups())
        if template.startswith("không có tùy"):
            guess = groups[1]
            if guess is None and groups[2]:
                options = [o.strip() for o in groups[2].split(",")]
                close = difflib.get_close_matches(groups[0], options, n=1, cutoff=0.5)
                guess = close[0] if close else None
            groups = [groups[0], f" Có phải ý bạn là {guess}?" if guess else ""]
        elif template.startswith("không có lệnh"):
            guess = difflib.get_close_matches(groups[0], commands or [], n=1, cutoff=0.5)
            groups.append(f" Có phải ý bạn là \"{guess[0]}\"?" if guess else "")
        return template.format(*groups)
    return message


def localise() -> None:
    """Vietnamese help headings, value names, help option and usage errors."""
    try:
        import typer.core as typer_core
        from typer._click import core as click_core
        from typer._click import exceptions as click_exc
        from typer._click import formatting as click_fmt
    except ImportError:  # pragma: no cover - a future typer
        return

    class Formatter(click_fmt.HelpFormatter):
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs["width"] = 100
            kwargs["max_width"] = 100
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "Cách dùng: " if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(HEADINGS.get(heading, heading))

        def write_dl(self, rows: object, col_max: int = 30, col_spacing: int = 2) -> None:
            fixed = [(_metavars(a), b) for a, b in rows]  # type: ignore[attr-defined]
            super().write_dl(fixed, col_max, col_spacing)

    click_core.Context.formatter_class = Formatter
    typer_core._ = lambda text: HEADINGS.get(text, text)  # type: ignore[attr-defined,assignment]
    original = click_core.Command.get_help_option

    def get_help_option(self: click_core.Command, ctx: click_core.Context) -> object:
        opt = original(self, ctx)
        if opt is not None:
            opt.help = "In hướng dẫn này rồi thoát."
        return opt

    def show(self: click_exc.UsageError, file: object = None) -> None:
        lines = []
        commands: list[str] = []
        if self.ctx is not None:
            lines.append(_metavars(self.ctx.get_usage()))
            group = self.ctx.command
            commands = list(getattr(group, "commands", {}) or {})
        lines.append(f"lỗi: {vietnamese_usage_error(self.format_message(), commands)}")
        if self.ctx is not None:
            lines.append(f"  gợi ý: gõ \"{self.ctx.command_path} --help\" để xem hướng dẫn.")
        _err("\n".join(lines))

    def short_help(self: click_core.Command, limit: int = 45) -> str:
        """The whole first sentence of the help (click cuts it at 45 characters)."""
        text = self.short_help or (self.help or "").strip().split("\n\n")[0]
        return " ".join(text.split())

    click_core.Command.get_help_option = get_help_option  # type: ignore[assignment,method-assign]
    click_core.Command.get_short_help_str = short_help  # type: ignore[method-assign]
    click_exc.UsageError.show = show  # type: ignore[method-assign]


_TYPE_METAVAR = re.compile(r"<([A-Za-z_][\w\[\], |]*)>")


def _metavars(text: str) -> str:
    """"<list[Path]>", "<str>" … (typer's type names) and click's PATH, TEXT …, in
    Vietnamese value names."""
    text = _TYPE_METAVAR.sub("", text).replace("  ", " ") if "<" in text else text
    return re.sub(r"\b(" + "|".join(METAVARS) + r")\b", lambda m: METAVARS[m[1]], text)
