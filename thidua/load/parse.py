"""Bytes -> parsed YAML data, strictly: one document, UTF-8, NFC, bounded aliases.

Pure: takes bytes, returns a :class:`Parsed` value; never raises on bad input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml_rs

from thidua.diagnostics import Diagnostic, make
from thidua.load import positions

MB = 1024 * 1024
MAX_FILE_BYTES = 64 * MB
# Bounded alias expansion: a legitimate campaign file needs few or no aliases.
_ALIAS_LIMITS = yaml_rs.AliasLimits(
    max_total_replayed_events=100_000, max_replay_stack_depth=16
)
_BOM = b"\xef\xbb\xbf"
_POS_RE = re.compile(r"line (\d+), column (\d+)")
_LONG_NUMBER = re.compile(r"\d{1000,}")
_TAG = re.compile(r"(?<![\w'\"])!{1,2}[A-Za-z][\w/:.-]*")
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*:)(?=[^\s/:])")
# C0 controls other than tab, line feed and carriage return, and DEL: never in a text file
# (a NUL makes git show the file as binary, and a parser may stop at it).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Every byte but those: deleting them leaves only the controls (much faster than the search).
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(bytes([b])))


@dataclass(slots=True)
class Parsed:
    file: str
    text: str | None = None
    data: Any = None
    ok: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def parse_bytes(file: str, raw: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> Parsed:
    out = Parsed(file)
    diags = out.diagnostics
    if len(raw) > max_bytes:
        diags.append(make("TD008", file, line=1, column=1, size=f"{len(raw) / MB:.1f}",
                          limit=f"{max_bytes / MB:.0f}"))
        return out
    if raw.startswith(_BOM):
        diags.append(make("TD006", file, line=1, column=1))
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(raw, exc.start)
        diags.append(make("TD005", file, line=line, column=col,
                          detail=f"byte 0x{raw[exc.start]:02X} không hợp lệ"))
        return out
    bad = _CONTROL.search(raw) if raw.translate(None, _NOT_CONTROL) else None
    if bad is not None:
        line, col = _line_of_offset(raw, bad.start())
        diags.append(make("TD015", file, line=line, column=col,
                          char=f"U+{raw[bad.start()]:04X}"))
        return out
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        line = next(i for i, ln in enumerate(text.split("\n"), 1)
                    if not unicodedata.is_normalized("NFC", ln))
        diags.append(make("TD009", file, line=line, column=1))
        text = unicodedata.normalize("NFC", text)
    out.text = text
    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
    except yaml_rs.YAMLDecodeError as exc:
        diags.append(_syntax_diagnostic(file, text, str(exc)))
        return out
    except (ValueError, OverflowError, RecursionError):
        # A number too long to convert (Python's limit of 4,300 digits) or nesting too deep.
        m = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, m.start()) + 1 if m else 1
        diags.append(make("TD108", file, line=line, column=1, field="số",
                          detail="số quá dài hoặc cấu trúc lồng quá sâu, không đọc được"))
        return out
    if data is None:
        diags.append(make("TD004", file, line=1, column=1))
        return out
    if isinstance(data, list) and _is_multi_document(text):
        diags.append(make("TD012", file, line=_second_document_line(text), column=1))
        return out
    out.data = data
    out.ok = True
    return out


def _syntax_diagnostic(file: str, text: str, message: str) -> Diagnostic:
    m = _POS_RE.search(message)
    line, col = (int(m[1]), int(m[2])) if m else (None, None)
    detail = message.strip().splitlines()[-1] if message.strip() else message
    if "duplicate mapping key" in message:
        key = message.split(":", 1)[1].strip().strip("'\"") if ":" in message else "?"
        pos = positions.find_duplicate_key(text)
        line, col = pos if pos else (line, col)
        return make("TD003", file, line=line, column=col, key=key)
    if "alias" in message and ("limit" in message or "depth" in message):
        return make("TD007", file, line=line or 1, column=col or 1,
                    detail="dữ liệu mở rộng từ bí danh vượt 100.000 phần tử hoặc lồng quá 16 "
                           "tầng")
    if "tab" in detail:
        line, col = _tab_position(text, line or 1)
        return make("TD002", file, line=line, column=col)
    lines = text.split("\n")
    if "Invalid tag" in message or "tag" in detail.lower():
        m = _TAG.search(text)
        if m:
            line, col = _line_col(text, m.start())
        return make("TD001", file, line=line or 1, column=col or 1,
                    detail=f"thẻ kiểu YAML \"{m.group(0) if m else '!!'}\" không được dùng; "
                           "xóa thẻ đó (dữ liệu chỉ gồm chuỗi, số, danh sách, khối)")
    # A key written "ho_ten:Nguyễn" (no space after ':') is the most common slip; the parser
    # notices it a line or two later.
    reported = min(line or len(lines), len(lines))
    for i in range(reported - 1, max(reported - 4, -1), -1):
        m = _NO_SPACE.match(lines[i])
        if m:
            return make("TD001", file, line=i + 1, column=m.end(1) + 1,
                        detail="thiếu dấu cách sau dấu ':' (viết \"khóa: giá trị\")")
    if "quoted scalar" in detail or "unclosed quote" in detail:
        # The parser stops where the text ends up; the slip is the quote left open above.
        for i in range(reported - 1, -1, -1):
            for q in ("\"", "'"):
                if lines[i].count(q) % 2 == 1 and (q == "\"" or ": '" in lines[i]):
                    return make("TD001", file, line=i + 1, column=lines[i].index(q) + 1,
                                detail="thiếu dấu nháy đóng của chuỗi bắt đầu ở đây")
    if line is not None and (line > len(lines) or not "".join(lines[line - 1:]).strip()):
        # The parser points past the last line: the slip is on the last line with text.
        line = min(line, len(lines))
        while line > 1 and not lines[line - 1].strip():
            line -= 1
        col = 1
    return make("TD001", file, line=line, column=col, detail=_translate(detail))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _tab_position(text: str, reported: int) -> tuple[int, int]:
    """The parser reports a tab at the end of the line before it; find the tab itself."""
    lines = text.split("\n")
    for i in range(max(reported - 1, 0), len(lines)):
        indent = len(lines[i]) - len(lines[i].lstrip(" \t"))
        if "\t" in lines[i][:indent]:
            return i + 1, lines[i].index("\t") + 1
    return reported, 1


# The parser's messages, in the words of a Vietnamese office clerk.
_TRANSLATIONS = {
    "unclosed bracket": "thiếu dấu ngoặc đóng",
    "unclosed quote": "thiếu dấu nháy đóng",
    "multiline quoted scalar": "thiếu dấu nháy đóng, hoặc chuỗi nhiều dòng thụt lề sai",
    "illegal placement of ':' indicator": "dấu ':' đặt sai chỗ",
    "mapping values are not allowed": "dấu ':' không được đặt ở đây (thiếu xuống dòng, hoặc "
                                      "giá trị có dấu ':' cần đặt trong dấu nháy)",
    "did not find expected '-' indicator": "thụt lề không đều: thiếu dấu '-' của phần tử "
                                           "danh sách",
    "did not find expected key": "thụt lề không khớp với các khóa phía trên",
    "unknown anchor": ("bí danh (*) trỏ tới một neo (&) không tồn tại; nếu muốn in nghiêng "
                       "\"*…*\", đặt cả đoạn trong dấu ngoặc kép"),
    "unknown escape character": "ký tự thoát (\\) không hợp lệ trong chuỗi có dấu nháy kép",
    "invalid indentation": "thụt lề không đúng",
    "simple key expect ':'": "thiếu dấu ':' sau tên khóa",
    "block sequence entries are not allowed": "dấu '-' của danh sách đặt sai chỗ (thụt lề sai)",
    "found character that cannot start any token": "có ký tự không hợp lệ ở đầu giá trị",
    "could not find expected ':'": "thiếu dấu ':' sau tên khóa",
    "did not find expected node content": "thiếu giá trị sau dấu '-' hoặc ':'",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng)",
    "found undefined tag handle": "thẻ kiểu YAML (!) không được dùng",
    "while scanning a directive": "chỉ thị YAML (%) không được dùng",
    "anchor": "neo (&) hoặc bí danh (*) không hợp lệ",
}


def _translate(detail: str) -> str:
    for en, vi in _TRANSLATIONS.items():
        if en in detail:
            return vi
    m = re.search(r"unexpected character: `(.)'", detail)
    if m:
        return (f"ký tự \"{m.group(1)}\" không được đứng đầu một giá trị; đặt cả giá trị "
                "trong dấu nháy kép")
    return "không đọc được cấu trúc ở đây (kiểm tra dấu ':', dấu '-', dấu nháy và thụt lề)"


def _is_multi_document(text: str) -> bool:
    return any(ln.startswith("---") for ln in text.split("\n")[1:]) or (
        text.lstrip().startswith("---") and text.count("\n---") > 0
    )


def _second_document_line(text: str) -> int:
    seen = 0
    for i, ln in enumerate(text.split("\n"), 1):
        if ln.startswith("---"):
            seen += 1
            if seen == 2 or (i > 1 and not text.lstrip().startswith("---")):
                return i
    return 1
