"""Word-editable templates: a .docx with Jinja tags (docxtpl) for the text and one marker row
(`[[stt]]`, `[[ho_ten]]` …) in the annex table, which is cloned for each line.

A campaign repository overrides a template by putting a file of the same name in its
`templates/` folder (`thidua templates export` writes the defaults there to start from).
Rendering uses a sandboxed Jinja environment with strict undefined variables and XML
escaping. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import copy
import hashlib
import re
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from io import BytesIO
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from thidua.render.base import AnnexRow, DocumentError
from thidua.render.docx_writer import (
    CENTER,
    LEFT,
    StateDocument,
    apply_emphasis,
    fit_rules,
    keep_signatures_with_text,
    restart_page_numbers,
)
from thidua.render.provenance import package_parts, stamp_parts

DECISION_PEOPLE = "quyet-dinh-cong-nhan-ca-nhan.docx"
DECISION_UNITS = "quyet-dinh-cong-nhan-tap-the.docx"
REGISTRATIONS = "bang-tong-hop-dang-ky.docx"
PROPOSAL = "to-trinh-de-nghi-khen-thuong.docx"
MINUTES = "bien-ban-hop-hoi-dong.docx"
PLAN = "ke-hoach.docx"
REPORT = "bao-cao-thanh-tich.docx"
BALLOT = "phieu-bau.docx"
VOTE_COUNT = "bien-ban-kiem-phieu.docx"
MARKER = re.compile(r"\[\[(\w+)\]\]")
TEMPLATE_HINT = ("sửa mẫu trong thư mục templates/ của kho (kiểm tra: thidua templates check), "
                 "hoặc xóa mẫu đó để dùng mẫu mặc định")
ANNEX_PT = 12  # annex tables: one line per name, many names per page

def _front(type_name: str) -> StateDocument:
    """The two-column header, the type name and the subject with its short line."""
    d = StateDocument()
    d.header("{{ co_quan_chu_quan }}", "{{ co_quan }}", "{{ so_ky_hieu }}",
             "{{ dia_danh_ngay }}")
    d.para("", after=0)
    d.para(type_name, align=CENTER, bold=True, after=0)
    d.para("{{ trich_yeu }}", align=CENTER, bold=True, after=0)
    d.rule(d.doc, 6.0, 16.5, after=12)
    return d


def _signed(d: StateDocument) -> None:
    """Nơi nhận and the signature block."""
    d.para("", after=0)
    d.footer(["{%p for n in noi_nhan %}", "{{ n }}", "{%p endfor %}"],
             ["{%p if quyen_han %}", "{{ quyen_han }}", "{%p endif %}"], "{{ chuc_vu_ky }}",
             "{{ nguoi_ky }}")


def _annex_heading(d: StateDocument) -> None:
    """A new section for the annex list: DANH SÁCH, its title and "Kèm theo …"."""
    d.new_section()
    d.para("DANH SÁCH", align=CENTER, bold=True, after=0)
    d.para("{{ phu_luc_tieu_de }}", align=CENTER, bold=True, after=0)
    d.para("{{ phu_luc_kem_theo }}", align=CENTER, italic=True, after=12)


def _decision_template(columns: Sequence[tuple[str, str, float, Any]]) -> bytes:
    d = _front("QUYẾT ĐỊNH")
    d.para("{{ tham_quyen }}", align=CENTER, bold=True, after=12)
    d.para("{%p for dong in can_cu %}", after=0)
    d.para("{{ dong }}", italic=True, indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("{{ theo_de_nghi }}", italic=True, indent=True)
    d.para("QUYẾT ĐỊNH:", align=CENTER, bold=True, after=12)
    d.para("{%p for d in dieu %}", after=0)
    p = d.para(indent=True)
    p.add_run("{{ d.so }} ").bold = True
    p.add_run("{{ d.noi_dung }}")
    d.para("{%p endfor %}", after=0)
    _signed(d)
    _annex_heading(d)
    _annex_table(d, columns)
    return d.save(title="Mẫu quyết định công nhận danh hiệu thi đua")


def _registrations_template() -> bytes:
    d = StateDocument(landscape=True)
    d.header("{{ co_quan_chu_quan }}", "{{ co_quan }}", "{{ so_ky_hieu }}",
             "{{ dia_danh_ngay }}")
    d.para("", after=0)
    d.para("BẢNG TỔNG HỢP", align=CENTER, bold=True, after=0)
    d.para("{{ tieu_de }}", align=CENTER, bold=True, after=12)
    cols = [("STT", "stt", 1.3, CENTER), ("Phòng, đơn vị", "don_vi", 5.9, LEFT),
            ("Tập thể đăng ký", "tap_the", 3.4, CENTER),
            ("Tập thể được công nhận", "tap_the_dat", 3.6, CENTER),
            ("Số người đăng ký", "so_nguoi", 2.0, CENTER),
            ("LĐTT", "ldtt", 2.0, CENTER), ("CSTĐCS", "cstdcs", 2.2, CENTER),
            ("CSTĐ tỉnh", "cstd_tinh", 2.2, CENTER), ("CSTĐ bộ", "cstd_bo", 2.2, CENTER)]
    _annex_table(d, cols)
    d.para("{%p for dong in ghi_chu %}", after=0)
    d.para("{{ dong }}", italic=True, size=12, after=0)
    d.para("{%p endfor %}", after=0)
    d.para("", after=0)
    d.signatures(("{{ chuc_danh_lap_bieu }}", ""), ("{{ chuc_danh_duyet }}", ""))
    return d.save(title="Mẫu bảng tổng hợp đăng ký thi đua")


def _annex_table(d: StateDocument, cols: Sequence[tuple[str, str, float, Any]]) -> None:
    """An annex table: header row, one marker row ([[key]]) cloned per line, 12 pt."""
    d.table([c[0] for c in cols], [[f"[[{c[1]}]]" for c in cols]], [c[2] for c in cols],
            aligns=[c[3] for c in cols], size=ANNEX_PT)


def _proposal_template() -> bytes:
    d = _front("TỜ TRÌNH")
    d.para("Kính gửi: {{ kinh_gui }}.", align=CENTER, after=12)
    d.para("{%p for dong in can_cu %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("{%p for dong in noi_dung %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    _signed(d)
    _annex_heading(d)
    cols = [("STT", "stt", 1.3, CENTER), ("Họ và tên, tên tập thể", "ten", 4.4, LEFT),
            ("Chức vụ", "chuc_vu", 3.6, LEFT), ("Đơn vị", "don_vi", 4.4, LEFT),
            ("Tỷ lệ phiếu đồng ý", "ty_le_phieu", 2.8, CENTER)]
    _annex_table(d, cols)
    return d.save(title="Mẫu tờ trình đề nghị khen thưởng")


def _minutes_template() -> bytes:
    d = _front("BIÊN BẢN")
    d.para("{{ mo_dau }}", indent=True)
    d.para("I. THÀNH PHẦN", bold=True, indent=True)
    d.para("{%p for dong in thanh_phan %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT", bold=True, indent=True)
    d.para("{%p for dong in noi_dung %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("{{ ket_thuc }}", indent=True)
    d.para("", after=0)
    d.signatures(("{{ chuc_danh_thu_ky }}", "{{ thu_ky }}"),
                 ("{{ chuc_danh_chu_tri }}", "{{ chu_tri }}"))
    recipients = d.para("Nơi nhận:", align=LEFT, bold=True, italic=True, size=12, after=0)
    recipients.paragraph_format.space_before = Pt(6)
    d.para("{%p for n in noi_nhan %}", after=0)
    d.para("{{ n }}", align=LEFT, size=11, after=0)
    d.para("{%p endfor %}", after=0)
    _annex_heading(d)
    cols = [("STT", "stt", 1.3, CENTER), ("Họ và tên, tên tập thể", "ten", 4.0, LEFT),
            ("Đơn vị", "don_vi", 4.0, LEFT), ("Phiếu đồng ý", "so_phieu", 1.9, CENTER),
            ("Tỷ lệ", "ty_le", 1.5, CENTER), ("Kết quả xét", "ket_qua", 3.8, LEFT)]
    _annex_table(d, cols)
    return d.save(title="Mẫu biên bản họp Hội đồng Thi đua - Khen thưởng")


def _ballot_template() -> bytes:
    """Phiếu bầu and phiếu lấy ý kiến: the council's header, the kind of paper, what it is
    for, how to fill it, the candidates with a box for each answer; a written-opinion form
    names its member and is signed (a ballot is neither)."""
    d = StateDocument()
    d.header("{{ co_quan_chu_quan }}", "{{ co_quan }}", "{{ so_ky_hieu }}",
             "{{ dia_danh_ngay }}")
    d.para("", after=0)
    d.para("{{ loai_phieu }}", align=CENTER, bold=True, after=0)
    d.para("{{ trich_yeu }}", align=CENTER, bold=True, after=6)
    d.para("{%p if thanh_vien %}", after=0)
    d.para("{{ thanh_vien }}", indent=True)
    d.para("{%p endif %}", after=0)
    d.para("{%p for dong in huong_dan %}", after=0)
    d.para("{{ dong }}", italic=True, indent=True)
    d.para("{%p endfor %}", after=0)
    _annex_table(d, [("STT", "stt", 1.2, CENTER), ("Họ và tên, tên tập thể", "ten", 5.0, LEFT),
                     ("Chức vụ, đơn vị", "chuc_vu_don_vi", 5.8, LEFT),
                     ("Đồng ý", "dong_y", 2.0, CENTER),
                     ("Không đồng ý", "khong_dong_y", 2.0, CENTER)])
    d.para("{%p if nguoi_ky %}", after=0)
    d.para("", after=0)
    d.signatures(("", ""), ("{{ chuc_danh_ky }}", "{{ nguoi_ky }}"))
    d.para("{%p endif %}", after=0)
    return d.save(title="Mẫu phiếu bầu, phiếu lấy ý kiến của Hội đồng Thi đua - Khen thưởng")


def _vote_count_template() -> bytes:
    """Biên bản kiểm phiếu: the committee, the ballots of each title, each candidate's count;
    signed by the head of the committee and its members."""
    d = _front("BIÊN BẢN KIỂM PHIẾU")
    d.para("{{ mo_dau }}", indent=True)
    d.para("{%p for dong in ban_kiem_phieu %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("{%p for dong in noi_dung %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("Kết quả kiểm phiếu:", indent=True, keep_next=True)
    _annex_table(d, [("STT", "stt", 1.2, CENTER), ("Họ và tên, tên tập thể", "ten", 4.6, LEFT),
                     ("Phiếu đồng ý", "phieu_dong_y", 1.9, CENTER),
                     ("Ý kiến văn bản đồng ý", "y_kien_dong_y", 2.1, CENTER),
                     ("Tổng số đồng ý", "tong_dong_y", 1.9, CENTER),
                     ("Tỷ lệ trên tổng số thành viên", "ty_le", 2.3, CENTER),
                     ("Kết quả", "ket_qua", 2.0, CENTER)])
    d.para("{{ ket_thuc }}", indent=True)
    d.para("", after=0)
    d.signatures(("THÀNH VIÊN", "{%p for n in thanh_vien_ky %}"),
                 ("{{ chuc_danh_truong_ban }}", "{{ truong_ban }}"))
    # Each member of the committee signs: room for a signature above each name.
    cell = d.doc.tables[-1].rows[0].cells[0]
    d.para("{{ n }}", align=CENTER, bold=True, after=0, container=cell)
    d.para("{%p if not loop.last %}", align=CENTER, after=0, container=cell)
    for _ in range(3):
        d.para("", align=CENTER, after=0, container=cell)
    d.para("{%p endif %}", align=CENTER, after=0, container=cell)
    d.para("{%p endfor %}", align=CENTER, after=0, container=cell)
    return d.save(title="Mẫu biên bản kiểm phiếu")


def _report_template() -> bytes:
    """Báo cáo thành tích (see thidua.render.report for the form it follows)."""
    d = StateDocument()
    d.header("{{ co_quan_chu_quan }}", "{{ co_quan }}", "", "{{ dia_danh_ngay }}")
    d.para("", after=0)
    d.para("BÁO CÁO THÀNH TÍCH", align=CENTER, bold=True, after=0)
    d.para("{{ tieu_de }}", align=CENTER, bold=True, after=0)
    d.para("{{ giai_doan }}", align=CENTER, italic=True, after=12)
    d.para("{{ muc_1 }}", bold=True, indent=True, keep_next=True)
    d.para("{%p for dong in so_luoc %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, indent=True, keep_next=True)
    d.para("{%p if nhiem_vu %}", after=0)
    d.para("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận", bold=True, indent=True,
           keep_next=True)
    d.para("{%p for dong in nhiem_vu %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("2. Thành tích đạt được", bold=True, indent=True, keep_next=True)
    d.para("{%p endif %}", after=0)
    d.para("{%p for dong in thanh_tich %}", after=0)
    d.para("{{ dong }}", indent=True)
    d.para("{%p endfor %}", after=0)
    d.para("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, indent=True, keep_next=True)
    d.para("1. Danh hiệu thi đua", bold=True, indent=True, keep_next=True)
    _annex_table(d, [("Năm", "dh_nam", 1.6, CENTER), ("Danh hiệu thi đua", "dh_ten", 5.4, LEFT),
                     ("Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành",
                      "dh_qd", 9.0, LEFT)])
    d.para("", after=6)
    d.para("2. Hình thức khen thưởng", bold=True, indent=True, keep_next=True)
    _annex_table(d, [("Năm", "kt_nam", 1.6, CENTER),
                     ("Hình thức khen thưởng", "kt_ten", 5.4, LEFT),
                     ("Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành",
                      "kt_qd", 9.0, LEFT)])
    d.para("", after=0)
    d.signatures(("{{ ky_trai }}", ""), ("{{ ky_phai }}", "{{ ten_ky_phai }}"))
    return d.save(title="Mẫu báo cáo thành tích")


def _plan_template() -> bytes:
    """Kế hoạch: the body is a list of blocks (khoi), each a heading (dam) or a paragraph,
    already numbered."""
    d = _front("{{ ten_loai }}")
    d.para("{%p for k in khoi %}", after=0)
    d.para("{%p if k.dam %}", after=0)
    d.para("{{ k.noi_dung }}", bold=True, indent=True, keep_next=True)
    d.para("{%p else %}", after=0)
    d.para("{{ k.noi_dung }}", indent=True)
    d.para("{%p endif %}", after=0)
    d.para("{%p endfor %}", after=0)
    _signed(d)
    return d.save(title="Mẫu kế hoạch phát động phong trào thi đua")


_BUILDERS: dict[str, Callable[[], bytes]] = {
    PLAN: _plan_template,
    REPORT: _report_template,
    MINUTES: _minutes_template,
    BALLOT: _ballot_template,
    VOTE_COUNT: _vote_count_template,
    PROPOSAL: _proposal_template,
    REGISTRATIONS: _registrations_template,
    DECISION_PEOPLE: lambda: _decision_template([
        ("STT", "stt", 1.3, CENTER), ("Họ và tên", "ho_ten", 6.7, LEFT),
        ("Chức vụ", "chuc_vu", 8.0, LEFT)]),
    DECISION_UNITS: lambda: _decision_template([("STT", "stt", 1.3, CENTER),
                                                ("Tên tập thể", "ten", 14.7, LEFT)]),
}


@cache
def default_template(name: str) -> bytes:
    """One default template (built on demand: building all of them costs time; once per
    process)."""
    return _BUILDERS[name]()


def default_templates() -> dict[str, bytes]:
    return {name: build() for name, build in _BUILDERS.items()}




@cache
def _template_class() -> Any:
    """docxtpl's template, remembering its clean-up of a template's XML (the same text for
    every document made from one template)."""
    from docxtpl import DocxTemplate

    patched: dict[str, str] = {}

    class Template(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml: str) -> str:
            hit = patched.get(src_xml)
            if hit is None:
                if len(patched) > 32:
                    patched.clear()
                hit = patched[src_xml] = super().patch_xml(src_xml)
            return hit

    return Template


def jinja_env() -> Any:
    from thidua.render.sandbox import environment

    return environment()


# The prefix of the annex markers while a document is filled ("[[<nonce>:key]]"): random for
# each process, so no value in the data can pose as a marker; it never reaches the output.
# The same for every document of a process, so the filled template's text is the same and
# its compiled Jinja can be reused (a dossier fills one template a thousand times).
_NONCE = "thidua-" + secrets.token_hex(10)


def _mark_annex_rows(template: bytes, nonce: str) -> bytes:
    key = (hashlib.sha256(template).digest(), nonce)
    hit = _MARKED.get(key)
    if hit is None:
        if len(_MARKED) > 16:
            _MARKED.clear()
        hit = _MARKED[key] = _marked(template, nonce)
    return hit


_MARKED: dict[tuple[bytes, str], bytes] = {}


def _marked(template: bytes, nonce: str) -> bytes:
    """The template with its marker rows' "[[key]]" written "[[<nonce>:key]]", so that a
    value from the data that looks like a marker stays text."""
    import zipfile

    from thidua.render.provenance import write_zip

    src = zipfile.ZipFile(BytesIO(template))
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    xml = parts.get("word/document.xml")
    if xml is None:
        return template
    text = xml.decode("utf-8")
    marked = MARKER.sub(lambda m: f"[[{nonce}:{m[1]}]]", text)
    if marked == text:
        return template
    parts["word/document.xml"] = marked.encode("utf-8")
    return write_zip(parts, compress=False)  # read once, at once: no need to compress


def render(template: bytes, context: Any, annex: Sequence[AnnexRow], *, title: str,
           params: dict[str, Any], commit: str, created: datetime,
           name: str = "mẫu") -> bytes:
    """Fill a template: checked as a package first (a repository's template is untrusted),
    Jinja for the text (sandboxed, strict, escaped, time-limited), then one cloned row per
    annex line, then the provenance stamp. Deterministic. A problem of the template is a
    :class:`DocumentError` naming it and the words around the problem."""
    doc = _filled(template, context, annex, name)
    return stamp_parts(package_parts(doc), title=title, params=params, commit=commit,
                       created=created)


def render_joined(template: bytes, parts: Sequence[tuple[Any, Sequence[AnnexRow], int]], *,
                  title: str, params: dict[str, Any], commit: str, created: datetime,
                  name: str = "mẫu") -> bytes:
    """Several papers filled from one template in one document: each part (context, annex,
    copies) filled once and printed ``copies`` times, each copy from a new page (ballots: one
    per member). Deterministic, stamped once."""
    docs = [_filled(template, context, annex, name) for context, annex, _n in parts]
    body = docs[0].element.body
    end = body.find(qn("w:sectPr"))
    restart_page_numbers(end)
    blocks = [[el for el in doc.element.body if el.tag != qn("w:sectPr")] for doc in docs]
    for el in blocks[0]:
        body.remove(el)
    first = True
    for elements, (_c, _a, copies) in zip(blocks, parts, strict=True):
        for _ in range(copies):
            if not first:
                end.addprevious(_section_end(end))
            first = False
            for el in elements:
                end.addprevious(copy.deepcopy(el))
    return stamp_parts(package_parts(docs[0]), title=title, params=params, commit=commit,
                       created=created)


def _section_end(sect_pr: Any) -> Any:
    """A 1-pt paragraph that ends one paper's section (the next starts on a new page, its
    pages numbered on their own, as the document's last section is)."""
    from thidua.render.docx_writer import tiny_element

    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(copy.deepcopy(sect_pr))
    p.append(ppr)
    tiny_element(p)
    return p


def _filled(template: bytes, context: Any, annex: Sequence[AnnexRow], name: str) -> Any:
    """The template filled (text and annex rows), as a python-docx document."""
    from jinja2 import TemplateError

    from thidua.render.sandbox import time_limit
    from thidua.render.sanitise import UnsafeTemplate, read_template

    digest = hashlib.sha256(template).digest()
    if digest not in _SAFE:
        try:
            read_template(template)
        except UnsafeTemplate as exc:
            raise DocumentError(f"mẫu {name} không dùng được: {exc}", TEMPLATE_HINT) from None
        _SAFE.add(digest)
    nonce = _NONCE
    try:
        tpl = _template_class()(BytesIO(_mark_annex_rows(template, nonce)))
        with time_limit():
            tpl.render(dict(context), jinja_env(), autoescape=True)
        doc = tpl.docx
    except TemplateError as exc:
        raise DocumentError(f"mẫu {name}: {_jinja_message(exc, template)}",
                            TEMPLATE_HINT) from None
    except TimeoutError:
        raise DocumentError(f"mẫu {name}: quá thời gian cho phép khi điền dữ liệu",
                            TEMPLATE_HINT) from None
    except (ValueError, KeyError, OSError, RecursionError) as exc:
        raise DocumentError(f"mẫu {name}: không đọc được văn bản Word ({type(exc).__name__})",
                            TEMPLATE_HINT) from None
    apply_emphasis(doc)
    keep_signatures_with_text(doc)
    fit_rules(doc)
    _fill_annex(doc, annex, nonce)
    return doc


# Templates already checked as packages in this process (by their SHA-256): a dossier fills
# the same template a thousand times.
_SAFE: set[bytes] = set()


def _fill_annex(doc: Any, annex: Sequence[AnnexRow], nonce: str) -> None:
    """Clone each marker row once per annex line of its table (linear; keeps the row's
    formatting). A document may have several marker tables: a line goes to the table whose
    markers name all its values. A group row spans the whole table; a bold row is bold; a
    table with no line keeps one empty row."""
    t_tag, tc_tag = qn("w:t"), qn("w:tc")
    marker = re.compile(r"\[\[" + re.escape(nonce) + r":(\w+)\]\]")
    marked = []
    for tbl in doc.element.body.iter(qn("w:tbl")):
        for tr in tbl.iter(qn("w:tr")):
            keys = {m[1] for t in tr.iter(t_tag) for m in marker.finditer(t.text or "")}
            if keys:
                marked.append((tr, keys))
                break
    for tr, keys in marked:
        parent = tr.getparent()
        rows = [r for r in annex if set(r.values) <= keys] if len(marked) > 1 else list(annex)
        for row in rows or [AnnexRow({})]:
            clone = copy.deepcopy(tr)
            for t in clone.iter(t_tag):
                if t.text and marker.search(t.text):
                    t.text = marker.sub(_filler(row.values), t.text)
            if row.group:
                _span(clone, tc_tag, row.values)
            if row.group or row.bold:
                for rpr in clone.iter(qn("w:rPr")):
                    rpr.append(OxmlElement("w:b"))
            parent.append(clone)
        parent.remove(tr)


def _span(tr: Any, tc_tag: str, values: dict[str, str]) -> None:
    """Make a heading row one cell across the table: its number, then its text."""
    cells = list(tr.iter(tc_tag))
    if len(cells) < 2:
        return
    first = cells[0]
    tc_pr = first.find(qn("w:tcPr"))
    if tc_pr is None:
        tc_pr = OxmlElement("w:tcPr")
        first.insert(0, tc_pr)
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), str(len(cells)))
    tc_pr.append(span)
    texts = [t for t in first.iter(qn("w:t"))]
    if texts:
        number = values.get("stt", "")
        rest = next((v for k, v in values.items() if k != "stt" and v), "")
        texts[0].text = f"{number}. {rest}" if number and rest else (number or rest)
        texts[0].set(qn("xml:space"), "preserve")
    for cell in cells[1:]:
        tr.remove(cell)
    for jc in first.iter(qn("w:jc")):  # a heading reads from the left, whatever the column
        jc.set(qn("w:val"), "left")


def _filler(values: dict[str, str]) -> Callable[[re.Match[str]], str]:
    def fill(m: re.Match[str]) -> str:
        return values.get(m[1], "")
    return fill


def template_variables() -> dict[str, frozenset[str]]:
    """The variables each bundled template may use, from the documents' context types."""
    from thidua.render import ballots, decision, minutes, plan, proposal, registrations, report

    def keys(ctx: Any) -> frozenset[str]:
        return frozenset(ctx.__required_keys__ | ctx.__optional_keys__)

    return {PLAN: keys(plan.Context), DECISION_PEOPLE: keys(decision.Context),
            DECISION_UNITS: keys(decision.Context), REGISTRATIONS: keys(registrations.Context),
            PROPOSAL: keys(proposal.Context), MINUTES: keys(minutes.Context),
            REPORT: keys(report.Context), BALLOT: keys(ballots.BallotContext),
            VOTE_COUNT: keys(ballots.CountContext)}


def check(name: str, template: bytes) -> list[str]:
    """Every problem of one template, each with the words around it as Word shows them: the
    same checks as rendering (package, Jinja syntax, the sandbox's rules) and variables
    the document does not provide."""
    from jinja2 import TemplateError, TemplateSyntaxError, meta

    from thidua.render.sandbox import policy_problems
    from thidua.render.sanitise import problems as package_problems

    problems = package_problems(template)
    if problems:
        return problems
    try:
        texts = _paragraph_texts(template)
        source = _jinja_source(template)
    except Exception as exc:  # not a readable .docx: report it, do not crash
        return [f"không đọc được mẫu ({type(exc).__name__})"]
    # A tag never spans paragraphs here; an unclosed one would swallow the text that
    # follows it (docxtpl does not see it as an error), so check the balance first.
    for text in texts:
        for open_, close in (("{{", "}}"), ("{%", "%}")):
            if text.count(open_) != text.count(close):
                problems.append(f"{_where(text)}thẻ Jinja hỏng: \"{open_}\" và \"{close}\" "
                                "không khớp")
    if problems:
        return problems
    env = jinja_env()
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        line = exc.source.splitlines()[exc.lineno - 1] if exc.source else ""
        return [f"{_find(texts, _tag_near(line))}thẻ Jinja hỏng: {_syntax(exc)}"]
    for problem, token in policy_problems(ast):
        problems.append(f"{_find(texts, token)}{problem}")
    known_all = template_variables()
    known = known_all.get(name)
    if known is None:
        return [f"không biết mẫu tên \"{name}\"; các mẫu: {', '.join(sorted(known_all))}"]
    try:
        used = meta.find_undeclared_variables(ast)
    except TemplateError as exc:  # e.g. a filter the sandbox removed (reported above)
        return problems or [_jinja_message(exc, template)]
    for var in sorted(used - known):
        problems.append(f"{_find(texts, var)}biến \"{var}\" không có trong dữ liệu "
                        f"(có: {', '.join(sorted(known))})")
    return problems


def _jinja_source(template: bytes) -> str:
    """The Jinja source docxtpl builds from a template (body, headers, footers)."""
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(BytesIO(template))
    doc = Document(BytesIO(template))
    xml = tpl.patch_xml(tpl.xml_to_string(doc.element.body))
    for rel in doc.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and not rel.is_external:
            xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    return str(xml)


def _jinja_message(exc: Exception, template: bytes) -> str:
    """A Jinja error in Vietnamese, with the words around it."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    try:
        texts = _paragraph_texts(template)
    except Exception:
        texts = []
    text = str(exc)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined", text)
        var = m.group(1) if m else ""
        return f"{_find(texts, var)}biến \"{var}\" không có trong dữ liệu"
    if isinstance(exc, TemplateSyntaxError):
        line = exc.source.splitlines()[exc.lineno - 1] if exc.source and exc.lineno else ""
        return f"{_find(texts, _tag_near(line))}thẻ Jinja hỏng: {_syntax(exc)}"
    if isinstance(exc, SecurityError):
        where = _find(texts, str(getattr(exc, "token", "")))
        return where + (text if not text.isascii() else "mẫu dùng thao tác không được phép")
    m = re.search(r"No (filter|test) named '([^']+)'", text)
    if m:
        return (f"{_find(texts, m.group(2))}bộ lọc \"{m.group(2)}\" không được dùng trong mẫu")
    return "thẻ Jinja không dùng được" + ("" if text.isascii() else f": {text}")


def _syntax(exc: Exception) -> str:
    """The gist of a syntax error (Jinja's messages are English; say what to look for)."""
    text = str(getattr(exc, "message", "") or exc)
    if "unknown tag" in text:
        m = re.search(r"unknown tag '([^']+)'", text)
        return f"thẻ \"{m.group(1) if m else ''}\" không có"
    if "end of template" in text or "Unexpected end" in text:
        return "thiếu thẻ đóng (endfor, endif)"
    if "expected token" in text or "unexpected" in text:
        return "viết sai cú pháp trong {{ }} hoặc {% %}"
    return "viết sai cú pháp"


def _tag_near(line: str) -> str:
    """A piece of the Jinja tag on a source line, to find its paragraph."""
    m = re.search(r"\{[{%]p?\s*([^}%]{1,40})", line)
    return m.group(1).strip() if m else ""


def _paragraph_texts(template: bytes) -> list[str]:
    doc = Document(BytesIO(template))
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in doc.element.body.iter(qn("w:p"))]


def _where(text: str) -> str:
    """How a Word user finds a paragraph: its first words."""
    words = " ".join(text.split())
    short = words if len(words) <= 50 else words[:50].rsplit(" ", 1)[0] + " …"
    return f"đoạn \"{short}\": " if short else ""


def _find(texts: list[str], needle: str) -> str:
    needle = needle.strip()
    for text in texts:
        if needle and needle in text:
            return _where(text)
    return ""
