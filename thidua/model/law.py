"""Law and local policy as typed data: legal texts with their dates, regimes, the dated
selection of the regime, parameters with their citations, who decides each title, and an
organisation's policy. Built by :mod:`thidua.load.law` from the bundled law data, a
repository's own law overlay and the organisation's ``chinh_sach.yaml``.

Citations are structured (text, article, clause, point) and written by :func:`cite`, the one
formatter, smallest unit first ("điểm b khoản 1 Điều 73 Luật Thi đua, khen thưởng năm 2022").
Research notes and confidence tags are kept apart from citations: they never reach a
rendered document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from thidua.model.source import Src
from thidua.textutil import vn_long_date


class ParamId(StrEnum):
    """Every legal parameter the rules may ask for (a typo is an attribute error, not a
    runtime KeyError). The values live in the law data, never in code."""

    LDTT_XEP_LOAI_TOI_THIEU = "ldtt_xep_loai_toi_thieu"
    LDTT_THANG_CONG_TAC_TOI_THIEU = "ldtt_thang_cong_tac_toi_thieu"
    LDTT_KY_LUAT_LOAI_TRU = "ldtt_ky_luat_loai_tru"
    THAI_SAN_TINH_VAO_THOI_GIAN_CONG_TAC = "thai_san_tinh_vao_thoi_gian_cong_tac"
    DANG_KY_THI_DUA_BAT_BUOC = "dang_ky_thi_dua_bat_buoc"
    KHONG_XET_KHI_DANG_XEM_XET_KY_LUAT = "khong_xet_khi_dang_xem_xet_ky_luat"
    THANH_TICH_TINH_TU_KHI_HET_KY_LUAT = "thanh_tich_tinh_tu_khi_het_ky_luat"
    CSTDCS_DIEU_KIEN = "cstdcs_dieu_kien"
    CSTDCS_TY_LE_TOI_DA_TREN_LDTT = "cstdcs_ty_le_toi_da_tren_ldtt"
    CSTDCS_TY_LE_PHIEU_TOI_THIEU = "cstdcs_ty_le_phieu_toi_thieu"
    CSTD_SO_LAN_CSTDCS_LIEN_TUC = "cstd_so_lan_cstdcs_lien_tuc"
    TTLDTT_XEP_LOAI_TOI_THIEU = "ttldtt_xep_loai_toi_thieu"
    TTLDTT_TY_LE_LDTT = "ttldtt_ty_le_ldtt"
    TTLDTT_KY_LUAT_LOAI_TRU = "ttldtt_ky_luat_loai_tru"
    TTLDXS_XEP_LOAI = "ttldxs_xep_loai"
    TTLDXS_TY_LE_HOAN_THANH_NHIEM_VU = "ttldxs_ty_le_hoan_thanh_nhiem_vu"
    TTLDXS_TY_LE_LDTT = "ttldxs_ty_le_ldtt"
    TTLDXS_SO_CSTDCS_TOI_THIEU = "ttldxs_so_cstdcs_toi_thieu"
    TTLDXS_KY_LUAT_LOAI_TRU = "ttldxs_ky_luat_loai_tru"
    GIAY_KHEN_XEP_LOAI_TOI_THIEU = "giay_khen_xep_loai_toi_thieu"
    BK_SO_LAN_CSTDCS_LIEN_TUC = "bk_so_lan_cstdcs_lien_tuc"
    BK_SO_NAM_HTXS_LIEN_TUC = "bk_so_nam_htxs_lien_tuc"
    BK_SO_SANG_KIEN = "bk_so_sang_kien"
    BK_TAP_THE_SO_NAM_LIEN_TUC = "bk_tap_the_so_nam_lien_tuc"
    BK_TTG_SO_NAM_LIEN_TUC = "bk_ttg_so_nam_lien_tuc"
    BK_TTG_XEP_LOAI_TOI_THIEU = "bk_ttg_xep_loai_toi_thieu"
    BK_TTG_SO_LAN_CSTDCS = "bk_ttg_so_lan_cstdcs"
    BK_TTG_SO_SANG_KIEN = "bk_ttg_so_sang_kien"
    # Only a policy gives these (the law leaves them to bộ, ngành, tỉnh).
    LAM_TRON_TY_LE = "lam_tron_ty_le"
    CHUA_BAN_HANH_QUY_DINH_THEO_ND152 = "chua_ban_hanh_quy_dinh_theo_nd152"


class Kind(StrEnum):
    """The type of a parameter's value (``kieu`` in the law data)."""

    RATING = "xep_loai"
    COUNT = "so_nguyen"
    PERCENT = "phan_tram"
    SHARE = "ty_le"  # {so_sanh, ty_le}
    DISCIPLINE = "ky_luat"
    FLAG = "co_khong"
    CONDITIONS = "dieu_kien"
    ROUNDING = "lam_tron"


# Parameters that only a policy can give, with their description and kind.
POLICY_ONLY: dict[ParamId, tuple[str, Kind]] = {
    ParamId.LAM_TRON_TY_LE: (
        "Cách làm tròn khi tính số lượng tối đa theo tỉ lệ (xuống, lên, gần nhất)", Kind.ROUNDING),
    ParamId.CHUA_BAN_HANH_QUY_DINH_THEO_ND152: (
        "Bộ, ngành, tỉnh chưa ban hành quy định được giao theo Nghị định 152/2025/NĐ-CP "
        "(true/false)", Kind.FLAG),
}
ROUNDING = ("xuống", "lên", "gần nhất")
BOTH = "ca_hai"  # in a list of conditions: all of them, not one of them
CONFIDENCE = ("P", "Q", "S", "CHUA_XAC_MINH")
# Who decides a title (tham_quyen.quyet_dinh).
HEAD = "thu_truong"
DECIDERS = ("thu_truong", "chu_tich_ubnd_tinh", "chu_tich_ubnd_huyen", "chu_tich_ubnd_xa",
            "bo_truong", "thu_tuong")


class LegalText(NamedTuple):
    id: str
    kind: str  # Luật, Nghị định, Thông tư, Công văn…
    cite_as: str  # how a citation names it: "Nghị định số 152/2025/NĐ-CP"
    title: str
    number: str | None
    issuer: str
    issued: date
    start: date | None
    end: date | None  # the first day it is no longer in force
    basis: str | None  # its "Căn cứ …" line; None: written from the other fields
    confidence: str
    note: str | None

    def in_force(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def basis_line(self) -> str:
        """"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định
        về …" (laws are cited without their number, Nghị định 30/2020/NĐ-CP)."""
        if self.basis:
            return self.basis
        when = long_date(self.issued)
        if self.kind == "Luật":
            return f"Căn cứ {self.title} {when}"
        return f"Căn cứ {self.cite_as} {when} của {self.issuer} {self.title}"


class Citation(NamedTuple):
    text: str  # a LegalText id
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    part: str | None = None  # "Mục I Phụ lục III" and the like


def cite(c: Citation, texts: dict[str, LegalText]) -> str:
    """One citation, smallest unit first: "điểm b khoản 1 Điều 73 Luật …"."""
    units = []
    if c.point:
        units.append(f"điểm {c.point}")
    if c.clause is not None:
        units.append(f"khoản {c.clause}")
    if c.article is not None:
        units.append(f"Điều {c.article}")
    if c.part:
        units.append(c.part)
    text = texts.get(c.text)
    units.append(text.cite_as if text else c.text)
    return " ".join(units)


def cite_all(cs: Iterable[Citation], texts: dict[str, LegalText]) -> str:
    return "; ".join(cite(c, texts) for c in cs)


def long_date(d: date) -> str:
    """"ngày 14 tháng 6 năm 2025", as a legal text names another's date."""
    return vn_long_date(d)


class Regime(NamedTuple):
    code: str
    name: str
    start: date
    end: date | None  # last day (inclusive); None: no known end
    texts: tuple[str, ...]
    verified: bool
    inherits: str | None
    note: str | None
    src: Src

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class RegimeRule(NamedTuple):
    """One line of the regime selection table; the first line that matches applies."""

    regime: str
    year_min: int | None
    year_max: int | None
    decided_from: date | None
    decided_until: date | None
    received_before: date | None
    policy_flag: str | None
    citations: tuple[Citation, ...]
    reason: str
    confidence: str


class ParamValue(NamedTuple):
    value: Any
    citations: tuple[Citation, ...]
    confidence: str
    delegated: bool = False  # the policy of the ministry or province gives the value
    ceiling: bool = False  # value is the legal ceiling a policy may lower, never raise
    note: str | None = None
    src: Src | None = None


class Param(NamedTuple):
    id: str
    description: str
    kind: Kind
    values: dict[str, ParamValue]  # regime code -> value


class Authority(NamedTuple):
    """Who decides some titles for some kinds of unit, under some regimes."""

    regimes: tuple[str, ...]
    titles: tuple[str, ...]
    unit_kinds: tuple[str, ...]
    decider: str  # one of DECIDERS
    citations: tuple[Citation, ...]
    confidence: str
    start: date | None = None
    end: date | None = None
    note: str | None = None


class Abbreviations(NamedTuple):
    """Abbreviations of document type names in a document's number (e.g. KH in 05/KH-STP)."""

    start: date
    citations: tuple[Citation, ...]
    by_type: dict[str, str]


class Law(NamedTuple):
    texts: dict[str, LegalText]
    regimes: dict[str, Regime]
    selection: tuple[RegimeRule, ...]
    params: dict[str, Param]
    authorities: tuple[Authority, ...] = ()
    abbreviations: tuple[Abbreviations, ...] = ()
    opted_in: frozenset[str] = frozenset()  # unverified regimes the repository applies
    sources: tuple[str, ...] = ()  # files the law came from (bundled first)
    named: Mapping[str, tuple[Citation, ...]] = MappingProxyType({})  # checks' (trich_dan)

    def applicable(self, code: str) -> bool:
        r = self.regimes.get(code)
        return r is not None and (r.verified or code in self.opted_in)

    def in_force_on(self, day: date) -> Regime | None:
        """The regime whose texts are in force on ``day`` (the latest-starting one that
        applies), or None when no known, applicable regime covers that day."""
        found = [r for r in self.regimes.values() if r.covers(day) and self.applicable(r.code)]
        return max(found, key=lambda r: r.start) if found else None

    def value(self, pid: str, regime: str) -> ParamValue | None:
        """The value for ``regime``, following ``ke_thua`` (inheritance) when it has none."""
        p = self.params.get(pid)
        seen: set[str] = set()
        code: str | None = regime
        while p is not None and code is not None and code not in seen:
            seen.add(code)
            if code in p.values:
                return p.values[code]
            r = self.regimes.get(code)
            code = r.inherits if r else None
        return None

    def abbreviations_on(self, day: date) -> Abbreviations | None:
        """The table in force on ``day`` (the latest that started by then)."""
        current = [a for a in self.abbreviations if a.start <= day]
        return max(current, key=lambda a: a.start) if current else None

    def cite(self, cs: Iterable[Citation]) -> str:
        return cite_all(cs, self.texts)

    def cite_named(self, name: str) -> str:
        """The citation of a check, by its id in the law data (``trich_dan``)."""
        return self.cite(self.named.get(name, ()))


class PolicyValue(NamedTuple):
    id: str
    value: Any  # None: explicitly "no value" (e.g. no cap), when the law allows it
    start: date | None
    end: date | None
    citation: str
    issued: date | None  # when the text giving the value was issued
    src: Src


class Policy(NamedTuple):
    name: str
    values: tuple[PolicyValue, ...]
    src: Src

    def value_on(self, pid: str, day: date) -> PolicyValue | None:
        for v in self.values:
            if v.id == pid and (v.start is None or v.start <= day) and (
                    v.end is None or day <= v.end):
                return v
        return None
