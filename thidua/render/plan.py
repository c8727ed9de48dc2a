"""Kế hoạch phát động phong trào thi đua: from a plan file to the words of the document
(numbered from the structure, never typed), then to Markdown or to .docx in the state format
(Nghị định 30/2020/NĐ-CP, Phụ lục I). Pure: data in, text or bytes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.model import entities as m
from thidua.model.plan_text import written
from thidua.render.base import (
    DocumentError,
    Letterhead,
    Signature,
    head_of,
    letterhead,
    pick_signer,
    place_date,
    roman,
    signature,
    signature_block,
)
from thidua.render.docx_writer import EM_CLOSE, EM_OPEN
from thidua.textutil import vn_date

TYPE_NAME = "Kế hoạch"


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" (bold) or "para"
    text: str
    level: int


KIND = "ke-hoach"


@dataclass(frozen=True)
class PlanText:
    parent: str
    issuer: str
    number_line: str
    place_date: str
    type_name: str
    title: str
    blocks: tuple[Block, ...]
    recipients: tuple[str, ...]
    signer: tuple[str | None, str, str]



ORDINALS = ("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười")
DEFAULT_STYLE = ("I", "1", "a")  # by depth; deeper: "-"


def number(level: int, index: int, style: str | None = None, parent: str = "") -> str:
    """The label of the index-th item (from 1): I., 1., 2.1. (under "2."), a), -, +, or
    "Một là,". Without a style, the depth decides: I., 1., a), then dashes."""
    style = style or (DEFAULT_STYLE[level] if level < len(DEFAULT_STYLE) else "-")
    if style == "I":
        return f"{roman(index)}."
    if style == "1":
        return f"{index}."
    if style == "1.1":
        return f"{parent.rstrip('.')}.{index}." if parent else f"{index}."
    if style == "a":
        return f"{chr(ord('a') + index - 1)})" if index <= 26 else f"{index})"
    if style == "mot_la":
        return f"{ORDINALS[index - 1]} là," if index <= len(ORDINALS) else f"{index}."
    return style  # "-" or "+"


# "*Tên phong trào*" in a text is printed in italics; "\\*" is a plain asterisk.
_EMPHASIS = re.compile(r"(?<![\\\w*])\*(?=\S)(.+?)(?<=\S)(?<!\\)\*(?![\w*])")


def emphasis(text: str) -> str:
    """Mark "*…*" spans for italics (see :data:`EM_OPEN`), then unescape "\\*"."""
    if "*" not in text:
        return text
    return _EMPHASIS.sub(f"{EM_OPEN}\\1{EM_CLOSE}", text).replace("\\*", "*")


def _sections(items: list[Any], level: int, out: list[Block], style: str | None = None,
              parent: str = "") -> None:
    for i, item in enumerate(items, 1):
        label = number(level, i, style, parent)
        if isinstance(item, str):
            out.append(Block("para", f"{label} {item}", level))
            continue
        if item.get("noi_dung"):
            out.append(Block("para", f"{label} {item['noi_dung']}", level))
        else:
            title = item["tieu_de"]
            out.append(Block("heading", f"{label} {title.upper() if level == 0 else title}",
                             level))
        for text in item.get("doan") or ():
            out.append(Block("para", text, level + 1))
        _sections(item.get("muc") or [], level + 1, out, item.get("kieu_so"), label)
        for text in item.get("doan_cuoi") or ():
            out.append(Block("para", text, level + 1))


def _cite(doc: dict[str, Any]) -> str:
    """"Kế hoạch số 4424/KH-UBND ngày 24/10/2023 của UBND tỉnh về …"."""
    subject = doc["trich_yeu"].rstrip(".;")
    if not subject.startswith("về "):
        subject = "về " + subject[:1].lower() + subject[1:]
    issuer = f" của {doc['co_quan']}" if doc.get("co_quan") else ""
    return f"{doc['loai']} số {doc['so']} ngày {vn_date(doc['ngay'])}{issuer} {subject}"


def build_text(repo: m.Repository, plan: dict[str, Any], year: int) -> PlanText:
    org = repo.org
    if org is None:
        raise DocumentError("thiếu to_chuc.yaml")
    plan, missing = written(plan, year)
    if missing:
        raise DocumentError(f"lời văn dùng {{{missing[0]}}} nhưng kế hoạch không khai báo",
                            "chạy thidua validate để biết vị trí")
    day: date | None = plan.get("ngay_ban_hanh")
    names = org.names_on(day or date(year, 1, 1))
    signer = pick_signer(repo, plan.get("nguoi_ky"))
    head = head_of(signer)
    blocks: list[Block] = []
    implemented = [_cite(doc) for doc in plan.get("thuc_hien") or ()]
    if implemented:
        lead = f", {plan['loi_dan']}" if plan.get("loi_dan") else "."
        blocks.append(Block("para", f"Thực hiện {'; '.join(implemented)}{lead}", 1))
    if plan.get("phuong_cham"):
        blocks.append(Block("para", f"{names.name} phát động phong trào thi đua với phương "
                                    f"châm hành động “{plan['phuong_cham']}”, như sau:", 1))
    blocks += [Block("para", text, 1) for text in plan.get("mo_dau") or ()]
    _sections(plan.get("muc") or [], 0, blocks)
    if plan.get("co_cau_ket") is False:  # "./." after the last sentence of the body
        last = blocks[-1]
        blocks[-1] = Block(last.kind, last.text.rstrip("./") + "./.", last.level)
    else:
        closing = plan.get("ket_thuc") or f"Trên đây là {TYPE_NAME} của {names.name}"
        blocks.append(Block("para", closing.rstrip("./") + "./.", 1))
    blocks = [Block(b.kind, emphasis(b.text), b.level) for b in blocks]
    recipients = list(plan.get("noi_nhan") or ())
    lines = [f"- {r};" for r in recipients[:-1]] + [f"- {r}." for r in recipients[-1:]]
    so = plan.get("so_hieu") or f"      /KH-{names.abbr}"
    return PlanText(
        parent=names.parent, issuer=names.name, number_line=f"Số: {so}",
        place_date=place_date(names.place, day, year), type_name=TYPE_NAME.upper(),
        title=plan["trich_yeu"], blocks=tuple(blocks), recipients=tuple(lines),
        signer=signature(signer, head))


def to_markdown(t: PlanText) -> str:
    """The same words as the .docx, for reviewing a plan in a pull request."""
    authority, title, name = t.signer
    out = [t.parent.upper(), f"**{t.issuer.upper()}**", "", t.number_line, "",
           "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "", "**Độc lập - Tự do - Hạnh phúc**", "",
           f"*{t.place_date.strip()}*", "", f"## {t.type_name}", "", f"### {t.title}", ""]
    for b in t.blocks:
        text = b.text.replace(EM_OPEN, "*").replace(EM_CLOSE, "*")
        out += [f"**{text}**" if b.kind == "heading" else text, ""]
    out += ["***Nơi nhận:***", "", *t.recipients, ""]
    out += [f"**{line}**  " for line in (authority, title) if line]
    out += ["", f"**{name}**", ""] if name else [""]
    return "\n".join(out)


class Context(Letterhead, Signature):
    """The variables a plan template may use."""

    ten_loai: str
    trich_yeu: str
    khoi: list[dict[str, object]]
    noi_nhan: list[str]


def context(t: PlanText) -> Context:
    return Context(
        **letterhead(t.parent, t.issuer, t.number_line, t.place_date),
        **signature_block(t.signer),
        ten_loai=t.type_name, trich_yeu=t.title,
        khoi=[{"dam": b.kind == "heading", "noi_dung": b.text} for b in t.blocks],
        noi_nhan=list(t.recipients),
    )
