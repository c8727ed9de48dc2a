"""Small pure helpers for Vietnamese text, identifiers and dates."""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from fractions import Fraction

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\Z")
_VN_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\Z")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """Closest choice to ``word`` (case-insensitive), or None (also for a word that is not
    text: data may put a number or a list where a name belongs)."""
    if not isinstance(word, str) or len(word) > 200:
        return None
    options = [c for c in choices if isinstance(c, str)]
    folded = {c.casefold(): c for c in options}
    if word.casefold() in folded:
        return folded[word.casefold()]
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def suggestion(word: str, choices: Iterable[str], *, listing: str = "Giá trị hợp lệ") -> str:
    """A Vietnamese hint: 'Có phải ý bạn là "x"?' or the list of valid values."""
    options = list(choices)
    guess = did_you_mean(word, options)
    if guess is not None:
        return f'Có phải ý bạn là "{guess}"?'
    if len(options) <= 12:
        return f"{listing}: " + ", ".join(f'"{o}"' for o in options) + "."
    return f"{listing}: xem README (có {len(options)} giá trị)."


class BadDate(ValueError):
    """The text is not a date; ``impossible`` is True when it has a date's shape."""

    def __init__(self, impossible: bool) -> None:
        super().__init__("impossible" if impossible else "format")
        self.impossible = impossible


def parse_date(text: str) -> date:
    """Parse ``2023-01-15`` or ``15/01/2023``; raise BadDate."""
    m = _ISO_RE.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _VN_RE.match(text)
        if not m:
            raise BadDate(impossible=False)
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        raise BadDate(impossible=True) from None


def vn_long_date(d: date) -> str:
    """"ngày 05 tháng 01 năm 2024", "ngày 18 tháng 3 năm 2024": a leading zero for days
    below 10 and for months 1 and 2 (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 4)."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def vn_date(d: date) -> str:
    """dd/mm/yyyy, the way dates are written in Vietnamese office work."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def ascii_slug(text: str) -> str:
    """'Phòng Hành chính tư pháp' -> 'phong-hanh-chinh-tu-phap'."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def year_start(year: int) -> date:
    return date(year, 1, 1)


def year_end(year: int) -> date:
    return date(year, 12, 31)


def round_count(value: Fraction, mode: str) -> int:
    """Round a computed maximum number of people: "xuống", "lên" or "gần nhất" (half up)."""
    if mode == "lên":
        return math.ceil(value)
    if mode == "gần nhất":
        return math.floor(value + Fraction(1, 2))
    return math.floor(value)


def two_digits(n: int) -> str:
    """Counts in administrative text: 01, 02, 15 (a leading zero under ten)."""
    return f"{n:02d}"


def vn_month(d: date) -> str:
    """mm/yyyy, for an event known to the month."""
    return f"{d.month:02d}/{d.year}"


def same_day_in(d: date, year: int) -> date:
    """The anniversary of ``d`` in ``year`` (29 February falls on 28 February)."""
    try:
        return d.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    import calendar

    index = d.year * 12 + d.month - 1 + months
    y, mo = divmod(index, 12)
    return date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))
