"""The provenance of a rendered document, stored in it and read back by `thidua verify`.

A document carries: in its core properties a readable title, "thidua" as author, the git
commit of the data (version), a readable summary (keywords), the Vietnamese language, and
as identifier the hash of every part of the package except the property parts — so an edit
anywhere in the body, the header or the annex changes it; in its custom properties the
parameters that rebuild it (thidua.loai, thidua.nam …, readable in Word's Properties).

Reading is bounded and never trusts the file: a malformed package is a clean error.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from io import BytesIO
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

CORE, CUSTOM, APP = "docProps/core.xml", "docProps/custom.xml", "docProps/app.xml"
PROPERTY_PARTS = {CORE, CUSTOM, APP}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
PREFIX = "thidua."
MAX_PART = 16 * 1024 * 1024  # bytes read from one part when verifying
MAX_PARTS = 2000
MAX_TOTAL = 128 * 1024 * 1024  # bytes read from all parts together
CUSTOM_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "custom-properties")
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


class ProvenanceError(Exception):
    """The file is not a document thidua made, or its provenance cannot be read."""


class Stamp(NamedTuple):
    identifier: str  # "sha256:…" of the package's parts (properties excluded)
    commit: str
    params: dict[str, Any]


def content_hash(parts: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(parts):
        if name in PROPERTY_PARTS:
            continue
        h.update(name.encode("utf-8") + b"\0" + len(parts[name]).to_bytes(8, "big"))
        h.update(parts[name])
    return "sha256:" + h.hexdigest()


def _core_xml(title: str, identifier: str, commit: str, summary: str,
              created: datetime) -> bytes:
    when = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
        'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title[:255])}</dc:title>"
        "<dc:creator>thidua</dc:creator>"
        f"<cp:keywords>{escape(summary)}</cp:keywords>"
        "<dc:description>Văn bản do thidua tạo từ dữ liệu thi đua, khen thưởng. Kiểm tra văn "
        "bản còn khớp dữ liệu: thidua verify &lt;tệp&gt;.</dc:description>"
        f"<dc:identifier>{escape(identifier)}</dc:identifier>"
        "<dc:language>vi-VN</dc:language>"
        "<cp:lastModifiedBy>thidua</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f"<cp:version>{escape(commit)}</cp:version>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>").encode()


def _custom_xml(params: dict[str, Any]) -> bytes:
    props = []
    for pid, (key, value) in enumerate(sorted(params.items()), 2):
        text = json.dumps(value, ensure_ascii=False)
        props.append(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" '
                     f'pid="{pid}" name="{escape(PREFIX + key)}">'
                     f"<vt:lpwstr>{escape(text)}</vt:lpwstr></property>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{"".join(props)}</Properties>').encode()


def _with_custom(parts: dict[str, bytes]) -> None:
    """Declare the custom properties part in the package (content type, relationship)."""
    types = parts["[Content_Types].xml"].decode("utf-8")
    if "/docProps/custom.xml" not in types:
        types = types.replace("</Types>", f'<Override PartName="/docProps/custom.xml" '
                                          f'ContentType="{CUSTOM_TYPE}"/></Types>')
        parts["[Content_Types].xml"] = types.encode("utf-8")
    rels = parts["_rels/.rels"].decode("utf-8")
    if "docProps/custom.xml" not in rels:
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdThiduaCustom" '
                                                f'Type="{CUSTOM_REL}" '
                                                f'Target="docProps/custom.xml"/>'
                                                "</Relationships>")
        parts["_rels/.rels"] = rels.encode("utf-8")


def summary_of(params: dict[str, Any]) -> str:
    """The keywords a person reads: "thidua; quyet-dinh-cong-nhan; năm 2023; …"."""
    items = [f"{k}: {v}" for k, v in sorted(params.items()) if v not in (None, "")]
    return "thidua; " + "; ".join(items)


def stamp(data: bytes, *, title: str, params: dict[str, Any], commit: str,
          created: datetime) -> bytes:
    """The package with its provenance, as a deterministic zip (fixed timestamps, sorted
    parts)."""
    src = zipfile.ZipFile(BytesIO(data))
    parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    _with_custom(parts)
    identifier = content_hash(parts)
    parts[CORE] = _core_xml(title, identifier, commit, summary_of(params), created)
    parts[CUSTOM] = _custom_xml(params)
    return write_zip(parts)


def stamp_parts(parts: dict[str, bytes], *, title: str, params: dict[str, Any], commit: str,
                created: datetime) -> bytes:
    """:func:`stamp` for a package already in parts (no unzipping)."""
    parts = dict(parts)
    _with_custom(parts)
    identifier = content_hash(parts)
    parts[CORE] = _core_xml(title, identifier, commit, summary_of(params), created)
    parts[CUSTOM] = _custom_xml(params)
    return write_zip(parts)


def package_parts(doc: Any) -> dict[str, bytes]:
    """The parts of a python-docx document as its ``save`` writes them (the same bytes),
    without writing a zip."""
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    pkg = doc.part.package
    parts = list(pkg.parts)
    for part in parts:
        part.before_marshal()
    types = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]
    out = {"[Content_Types].xml": types.blob,
           PACKAGE_URI.rels_uri.membername: pkg.rels.xml}
    for part in parts:
        out[part.partname.membername] = part.blob
        if len(part.rels):
            out[part.partname.rels_uri.membername] = part.rels.xml
    return out


def write_zip(parts: dict[str, bytes], *, compress: bool = True, level: int | None = None
              ) -> bytes:
    """A deterministic package (``level``: zlib's compression level, default 6)."""
    out = BytesIO()
    order = ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method, compresslevel=level) as dst:
        for name in order:
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            entry.compress_type = method
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, parts[name], compresslevel=level)
    return out.getvalue()


def read_parts(data: bytes) -> dict[str, bytes]:
    """Every part of a package, bounded (count, size of each part); errors are clean."""
    try:
        z = zipfile.ZipFile(BytesIO(data))
        infos = z.infolist()
        if len(infos) > MAX_PARTS:
            raise ProvenanceError("tệp có quá nhiều phần, không phải văn bản của thidua")
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise ProvenanceError("tệp quá lớn khi giải nén, không phải văn bản của thidua")
        parts = {}
        for info in infos:
            if info.file_size > MAX_PART:
                raise ProvenanceError(f"phần \"{info.filename}\" quá lớn")
            with z.open(info) as fh:
                raw = fh.read(MAX_PART + 1)
            if len(raw) > MAX_PART:
                raise ProvenanceError(f"phần \"{info.filename}\" quá lớn")
            parts[info.filename] = raw
        return parts
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise ProvenanceError("tệp không phải .docx hợp lệ (không mở được gói zip)") from exc


def read_stamp(parts: dict[str, bytes]) -> Stamp:
    """The provenance a document carries (clean errors for anything malformed)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    if CORE not in parts or CUSTOM not in parts:
        raise ProvenanceError("tệp .docx không có thông tin nguồn gốc của thidua")
    try:
        core = etree.fromstring(parts[CORE], parser)
        custom = etree.fromstring(parts[CUSTOM], parser)
    except etree.XMLSyntaxError as exc:
        raise ProvenanceError("thông tin nguồn gốc trong tệp .docx bị hỏng") from exc
    ns = {"dc": "http://purl.org/dc/elements/1.1/",
          "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    identifier = core.findtext("dc:identifier", namespaces=ns) or ""
    commit = core.findtext("cp:version", namespaces=ns) or "không rõ"
    params: dict[str, Any] = {}
    for prop in custom:
        name = prop.get("name") or ""
        if not name.startswith(PREFIX) or len(prop) != 1:
            continue
        text = prop[0].text or ""
        if len(text) > 10_000:
            raise ProvenanceError("thông tin nguồn gốc trong tệp .docx bị hỏng")
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ProvenanceError("thông tin nguồn gốc trong tệp .docx bị hỏng") from exc
        if not isinstance(value, str | int | bool | type(None)):
            raise ProvenanceError("thông tin nguồn gốc trong tệp .docx bị hỏng")
        params[name[len(PREFIX):]] = value
    if not identifier.startswith("sha256:") or "loai" not in params:
        raise ProvenanceError("tệp .docx không có thông tin nguồn gốc của thidua")
    return Stamp(identifier, commit, params)
