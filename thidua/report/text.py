"""Formatting helpers shared by the reporters: aligned text tables, and escaping for
Markdown written to pull request comments and job summaries (data stays data)."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029"
                      r"\u202a-\u202e\u2066-\u2069]")
# Characters with a meaning in GitHub-flavoured Markdown or HTML, escaped with a backslash.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:&$])")


def width(s: str) -> int:
    """Columns a string takes in a terminal (combining marks take none)."""
    return sum(0 if unicodedata.combining(c) else 1 for c in s)


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    right = right or set()
    widths = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        parts = []
        for i, (c, w) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (w - width(c))
            parts.append(pad + c if i in right else c + pad)
        return "  ".join(parts).rstrip()

    sep = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def one_line(s: str) -> str:
    """Control characters and line breaks become spaces (a value stays on its line)."""
    return " ".join(_CONTROL.sub(" ", s).split())


def markdown_cell(s: str) -> str:
    """A value from the data, safe inside Markdown (table cell, list item, heading): one
    line, every Markdown and HTML character escaped, no @-mention, no link, no image."""
    # "@" as an entity: a name cannot mention (notify) anybody.
    return _MARKDOWN.sub(r"\\\1", one_line(s)).replace("@", "&#64;")
