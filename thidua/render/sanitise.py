"""A repository's own template is untrusted input: before anything reads it as a document,
check that it is a plain Word document and nothing more.

Only the parts a .docx needs are accepted (text, styles, numbering, headers and footers,
theme, fonts table, pictures, properties); macros, embedded or ActiveX objects, attached
templates and every external relationship (which Word would fetch) are refused, as are XML
document type declarations (entity expansion). Sizes are checked from the zip directory
before a byte is inflated, and each part is read with a bound. Pure: bytes in, a list of
problems (Vietnamese, for the user) out.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

MAX_PARTS = 300
MAX_PART = 8 * 1024 * 1024  # uncompressed bytes of one part
MAX_TOTAL = 24 * 1024 * 1024  # uncompressed bytes of the whole package
MAX_RATIO = 200  # uncompressed / compressed, for parts above 1 MB (a zip bomb)

_ALLOWED = re.compile(
    r"""^(
        \[Content_Types\]\.xml
      | _rels/\.rels
      | docProps/(core|app|custom)\.xml
      | docProps/thumbnail\.(jpeg|jpg|png|emf|wmf)
      | word/(document|styles|stylesWithEffects|settings|webSettings|fontTable|numbering
              |footnotes|endnotes|comments|commentsExtended|commentsIds|people)\.xml
      | word/(header|footer)\d+\.xml
      | word/theme/theme\d+\.xml
      | word/_rels/[A-Za-z0-9]+\.xml\.rels
      | word/media/[A-Za-z0-9_.-]+\.(png|jpeg|jpg|gif|bmp|emf|wmf|tif|tiff)
      | customXml/(item\d+|itemProps\d+)\.xml
      | customXml/_rels/item\d+\.xml\.rels
    )$""", re.X)
_MACRO_TYPE = b"macroEnabled"
_ATTACHED = b"attachedTemplate"
_EXTERNAL = re.compile(rb"""TargetMode\s*=\s*["']External["']""")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


class UnsafeTemplate(Exception):
    """The template is not a plain .docx (the message says why, in Vietnamese)."""


def read_template(data: bytes) -> dict[str, bytes]:
    """The parts of a template, checked; raises :class:`UnsafeTemplate`."""
    problems, parts = _inspect(data)
    if problems:
        raise UnsafeTemplate("; ".join(problems))
    return parts


def problems(data: bytes) -> list[str]:
    """Everything wrong with a template as a package (empty: safe to read as a document)."""
    return _inspect(data)[0]


def _inspect(data: bytes) -> tuple[list[str], dict[str, bytes]]:
    try:
        z = zipfile.ZipFile(BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return ["không phải tệp Word .docx (không mở được gói zip)"], {}
    if len(infos) > MAX_PARTS:
        return [f"tệp có {len(infos)} phần, quá nhiều cho một văn bản Word"], {}
    out: list[str] = []
    total = 0
    for info in infos:
        name = info.filename
        if info.file_size > MAX_PART:
            out.append(f"phần \"{name}\" quá lớn ({info.file_size // (1024 * 1024)} MB)")
        elif info.file_size > 1024 * 1024 and info.compress_size \
                and info.file_size / info.compress_size > MAX_RATIO:
            out.append(f"phần \"{name}\" nén bất thường (tệp bom zip)")
        total += info.file_size
        if name.endswith(".bin") and "vbaProject" in name:
            out.append("mẫu chứa macro (vbaProject.bin); lưu lại dạng .docx, không phải .docm")
        elif "/embeddings/" in name or "/activeX/" in name:
            out.append(f"mẫu chứa đối tượng nhúng hoặc ActiveX (\"{name}\"); xóa đối tượng đó")
        elif not _ALLOWED.match(name):
            out.append(f"mẫu có phần \"{name}\" không thuộc một văn bản Word thông thường")
    if total > MAX_TOTAL:
        out.append(f"tổng dung lượng sau giải nén {total // (1024 * 1024)} MB, quá lớn")
    if out:
        return out, {}
    parts: dict[str, bytes] = {}
    for info in infos:
        try:
            with z.open(info) as fh:
                raw = fh.read(MAX_PART + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError):
            return [f"không đọc được phần \"{info.filename}\" (gói zip hỏng)"], {}
        if len(raw) > MAX_PART:
            return [f"phần \"{info.filename}\" quá lớn"], {}
        parts[info.filename] = raw
    if "word/document.xml" not in parts or "[Content_Types].xml" not in parts:
        out.append("thiếu phần nội dung (word/document.xml) của văn bản Word")
    if _MACRO_TYPE in parts.get("[Content_Types].xml", b""):
        out.append("mẫu là tài liệu có macro (.docm); lưu lại dạng .docx")
    for name, raw in parts.items():
        if not name.endswith((".xml", ".rels")):
            continue
        if _DOCTYPE.search(raw):
            out.append(f"phần \"{name}\" có khai báo DOCTYPE (không dùng trong văn bản Word)")
        if name.endswith(".rels") and _EXTERNAL.search(raw):
            out.append(f"mẫu có liên kết ra ngoài tệp (trong \"{name}\"): Word sẽ tải nội "
                       "dung từ mạng; xóa liên kết, siêu liên kết hoặc mẫu đính kèm")
        if name == "word/settings.xml" and _ATTACHED in raw:
            out.append("mẫu gắn với một mẫu Word khác (attachedTemplate); bỏ gắn trong Word: "
                       "Developer › Document Template")
    return out, parts
