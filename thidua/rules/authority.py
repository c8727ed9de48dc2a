"""Who decides a title or award for a person or collective of a given kind of unit, under
the texts in force on the decision date (the ``tham_quyen`` table of the law data). Pure.

The organisation decides what belongs to its head; it proposes to its superiors (the
province's chairman, the minister, through the province the Prime Minister) what belongs to
them for its own units; everything else belongs to another body and is reported apart.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import HEAD, Law

PROVINCE, MINISTRY = "tinh", "bo"
# The level of a proposal to the organisation's superiors, by decider.
UPWARD = {"chu_tich_ubnd_tinh": PROVINCE, "thu_tuong": PROVINCE, "bo_truong": MINISTRY}


class Decider(NamedTuple):
    code: str  # one of model.law.DECIDERS
    name: str  # "Giám đốc Sở Tư pháp", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận" …
    citation: str
    own: bool  # the organisation's head decides: a decision of the organisation
    upward: str | None  # PROVINCE or MINISTRY: the organisation proposes it upward

    @property
    def in_scope(self) -> bool:
        """The organisation decides it or proposes it (else it belongs to another body)."""
        return self.own or self.upward is not None


def head_title(org: m.Organisation) -> str:
    """The title of the organisation's head ("Giám đốc")."""
    heads = [s for s in org.signers if s.authority is None]
    if heads:
        return heads[0].title
    return next((s.head_title for s in org.signers if s.head_title), "Thủ trưởng")


def decider(law: Law, regime: str, title: str, unit: m.Unit | None, org: m.Organisation,
            day: date) -> Decider | None:
    """Who decides ``title`` for a member of ``unit`` (None: the law data does not say)."""
    kind = unit.kind if unit is not None else vocab.OWN_UNIT_KINDS[0]
    for a in law.authorities:
        if regime not in a.regimes or title not in a.titles or kind not in a.unit_kinds:
            continue
        if (a.start is not None and day < a.start) or (a.end is not None and day > a.end):
            continue
        own_unit = kind in vocab.OWN_UNIT_KINDS
        return Decider(a.decider, decider_name(a.decider, org, unit, day), law.cite(a.citations),
                       a.decider == HEAD and own_unit,
                       UPWARD.get(a.decider) if own_unit else None)
    return None


def decider_name(code: str, org: m.Organisation, unit: m.Unit | None, day: date) -> str:
    names = org.names_on(day)
    body = unit.body if unit is not None and unit.body else None
    return {
        "thu_truong": f"{head_title(org)} {names.name}",
        "chu_tich_ubnd_tinh": f"Chủ tịch {names.parent}",
        "chu_tich_ubnd_huyen": f"Chủ tịch {body or 'Ủy ban nhân dân cấp huyện'}",
        "chu_tich_ubnd_xa": f"Chủ tịch {body or 'Ủy ban nhân dân cấp xã'}",
        "bo_truong": f"Bộ trưởng {org.ministry}" if org.ministry else "Bộ trưởng",
        "thu_tuong": "Thủ tướng Chính phủ",
    }[code]
