"""The errors a user can act on: one base class, a Vietnamese message and a hint. The CLI
turns them into exit codes (data problems 1, usage problems 2); anything else is a bug."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.diagnostics import Diagnostic


class ThiduaError(Exception):
    """A problem the user can fix (message and hint in Vietnamese)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(ThiduaError):
    """The data, the repository or a file given cannot give what was asked."""


class UsageProblem(ThiduaError):
    """An option or argument that cannot be used as given."""

    exit_code = 2


class DataProblems(DataError):
    """The data has errors (diagnostics) that stop the command."""

    def __init__(self, diagnostics: Sequence[Diagnostic], what: str, *,
                 message: str | None = None, hint: str | None = None) -> None:
        super().__init__(message or f"dữ liệu còn lỗi: sửa theo `thidua validate` trước khi "
                                    f"{what}",
                         hint or "chạy thidua validate để xem từng lỗi, tệp và dòng")
        self.diagnostics = list(diagnostics)
