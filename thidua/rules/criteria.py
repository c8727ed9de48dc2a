"""Verdicts and the criteria behind them.

A verdict's status is one of :class:`Status`: met, not met, unknown (the data cannot decide:
missing history, missing policy, missing votes), deferred (the person or collective is under
disciplinary review, inspection or investigation: the award waits for the conclusion), or no
law (no known rules apply on the decision date). "Unknown" is never guessed into "met".

Two modes: ``detail`` keeps every criterion with its text, evidence and citation (for
``thidua explain``); the fast mode used by a tally keeps only the ids of the criteria not met
and stops at the first one that fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from fractions import Fraction
from functools import cache
from typing import Any, NamedTuple

from thidua.model import entities as m
from thidua.model import vocab

Text = str | Callable[[], str]


class Status(StrEnum):
    MET = "đạt"
    NOT_MET = "không đạt"
    UNKNOWN = "chưa rõ"
    DEFERRED = "tạm chưa xét"
    NO_LAW = "chưa có quy định"


ELIGIBLE = {Status.MET: True, Status.NOT_MET: False}


class Criterion(NamedTuple):
    rule: str
    met: bool | None
    text: str
    evidence: tuple[m.Src, ...] = ()
    citation: str | None = None
    fix: str | None = None
    defers: bool = False  # a deferral: the verdict waits (tạm chưa xét)


class Verdict(NamedTuple):
    title: str  # the title's name
    status: Status
    criteria: tuple[Criterion, ...]  # detail mode: all; fast mode: empty
    failed: tuple[str, ...]  # ids of the criteria not met (False, None or deferring)

    @property
    def eligible(self) -> bool | None:
        """True (met), False (not met) or None (unknown, deferred, no law)."""
        return ELIGIBLE.get(self.status)


def _text(t: Text | None) -> str | None:
    return t() if callable(t) else t


Interned = dict[tuple[str, Status, tuple[str, ...]], Verdict]


class Collector:
    """Collects criteria; the status is the ordered combination of them: any "not met"
    gives NOT_MET, else any deferral DEFERRED, else any unknown UNKNOWN, else MET."""

    __slots__ = ("deferred", "detail", "failed", "interned", "items", "seen", "state")

    def __init__(self, detail: bool, seen: set[str] | None,
                 interned: Interned | None = None) -> None:
        self.detail = detail
        self.seen = seen
        self.interned = interned
        self.items: list[Criterion] = []
        self.failed: list[str] = []
        self.state: bool | None = True
        self.deferred = False

    def add(self, rule: str, met: bool | None, text: Text, evidence: Iterable[m.Src] = (),
            citation: str | None = None, fix: Text | None = None) -> bool | None:
        if self.seen is not None:
            self.seen.add(rule)
        if met is False:
            self.state = False
        elif met is None and self.state is True:
            self.state = None
        if met is not True:
            self.failed.append(rule)
        if self.detail:
            self.items.append(Criterion(rule, met, _text(text) or "", tuple(evidence), citation,
                                        _text(fix) if met is not True else None))
        return met

    def defer(self, rule: str, text: Text, evidence: Iterable[m.Src] = (),
              citation: str | None = None, fix: Text | None = None) -> None:
        """A reason to wait, not to refuse: the verdict is DEFERRED unless something fails."""
        if self.seen is not None:
            self.seen.add(rule)
        self.deferred = True
        self.failed.append(rule)
        if self.detail:
            self.items.append(Criterion(rule, None, _text(text) or "", tuple(evidence),
                                        citation, _text(fix), True))

    @property
    def clean(self) -> bool:
        """Nothing reported so far but criteria that hold."""
        return not self.failed

    @property
    def stop(self) -> bool:
        return not self.detail and self.state is False

    @property
    def status(self) -> Status:
        if self.state is False:
            return Status.NOT_MET
        if self.deferred:
            return Status.DEFERRED
        return Status.UNKNOWN if self.state is None else Status.MET

    def verdict(self, title: str) -> Verdict:
        status = self.status
        if self.interned is None:
            return Verdict(title, status, tuple(self.items), tuple(self.failed))
        # Fast mode: verdicts without criteria take few distinct values; share them.
        failed = tuple(self.failed)
        key = (title, status, failed)
        v = self.interned.get(key)
        if v is None:
            v = self.interned[key] = Verdict(title, status, (), failed)
        return v


_RANK = {r: i for i, r in enumerate(vocab.XEP_LOAI)}


def at_least(rating: str | None, minimum: str) -> bool:
    return rating is not None and _RANK[rating] <= _RANK[minimum]


def form_at_least(form: str, threshold: str) -> bool:
    return vocab.KY_LUAT.index(form) >= vocab.KY_LUAT.index(threshold)


@cache
def _percent(text: str) -> tuple[int, int]:
    """A percentage as written ("30", "12.5") → (numerator, denominator), exactly."""
    f = Fraction(text)
    return f.numerator, f.denominator


_ORDER = {"<": (-1,), "<=": (-1, 0), ">": (1,), ">=": (1, 0), "=": (0,)}


def compare(n: int, d: int, spec: dict[str, Any]) -> bool | None:
    """n/d against {so_sanh, ty_le} (percent), exactly (integers, no floating point)."""
    if d == 0:
        return None
    num, den = _percent(str(spec["ty_le"]))
    # n·100/d against num/den, with d and den positive: compare n·100·den with num·d.
    left, right = n * 100 * den * (1 if d > 0 else -1), num * abs(d)
    return (left > right) - (left < right) in _ORDER[spec["so_sanh"]]


def share_text(spec: dict[str, Any]) -> str:
    words = {"<": "dưới", "<=": "không quá", ">": "trên", ">=": "ít nhất", "=": "đúng"}
    return f"{words[spec['so_sanh']]} {spec['ty_le']}%"


def both(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def mark(met: bool | None) -> str:
    return {True: "đạt", False: "không đạt", None: "chưa xác định"}[met]


# Every criterion the rules can report, with what it checks. Ids that equal a parameter of
# the law data are checked against that parameter's value.
RULES: dict[str, str] = {
    "ket_qua.co": "Có kết quả xếp loại của năm",
    "thu_cong": "Danh hiệu cần Hội đồng xem xét, không xét tự động",
    "dang_ky_thi_dua_bat_buoc": "Đã đăng ký thi đua danh hiệu này (hoặc danh hiệu cao hơn)",
    "khong_xet_khi_dang_xem_xet_ky_luat": "Không đang bị xem xét kỷ luật, thanh tra, điều tra",
    "ldtt_xep_loai_toi_thieu": "Xếp loại đủ mức để đạt Lao động tiên tiến",
    "ldtt_thang_cong_tac_toi_thieu": "Đủ thời gian công tác từ khi tuyển dụng",
    "ldtt_ky_luat_loai_tru": "Không bị kỷ luật ở mức loại trừ trong năm",
    "thai_san_tinh_vao_thoi_gian_cong_tac": "Thời gian nghỉ thai sản được tính là công tác",
    "thanh_tich_tinh_tu_khi_het_ky_luat": "Thành tích chỉ tính từ khi hết thời hạn kỷ luật",
    "cstdcs.ldtt": "Đạt Lao động tiên tiến",
    "cstdcs_dieu_kien": "Có sáng kiến (hoặc hoàn thành xuất sắc nhiệm vụ, tùy chế độ)",
    "cstdcs_ty_le_phieu_toi_thieu": "Đủ tỉ lệ phiếu đồng ý của Hội đồng",
    "cstd.cstdcs": "Đạt Chiến sĩ thi đua cơ sở năm nay",
    "cstd_so_lan_cstdcs_lien_tuc": "Đủ số lần liên tục đạt Chiến sĩ thi đua cơ sở",
    "cstd.pham_vi_sang_kien": "Có sáng kiến phạm vi ảnh hưởng đủ rộng",
    "giay_khen_xep_loai_toi_thieu": "Xếp loại đủ mức để được Giấy khen",
    "giay_khen.guong_mau": "Không bị kỷ luật trong năm",
    "bk.guong_mau": "Không bị kỷ luật trong năm",
    "bk.cstdcs_nam_nay": "Đạt Chiến sĩ thi đua cơ sở năm nay",
    "bk_so_lan_cstdcs_lien_tuc": "Đủ số lần liên tục đạt Chiến sĩ thi đua cơ sở",
    "bk_so_nam_htxs_lien_tuc": "Đủ số năm liên tục hoàn thành xuất sắc nhiệm vụ",
    "bk_so_sang_kien": "Đủ số sáng kiến (không tính sáng kiến đã dùng)",
    "bk.mot_trong_cac_dieu_kien": "Đạt một trong các điều kiện của Bằng khen",
    "bk_ttg.bang_khen_truoc": "Đã có Bằng khen cấp bộ, cấp tỉnh đủ lâu",
    "bk_ttg_xep_loai_toi_thieu": "Xếp loại đủ mức trong các năm kể từ Bằng khen",
    "bk_ttg_so_nam_lien_tuc": "Đủ số năm liên tục kể từ Bằng khen",
    "bk_ttg_so_lan_cstdcs": "Đủ số lần Chiến sĩ thi đua cơ sở kể từ Bằng khen",
    "bk_ttg_so_sang_kien": "Đủ số sáng kiến kể từ Bằng khen",
    "ttldtt_xep_loai_toi_thieu": "Tập thể xếp loại đủ mức",
    "ttldtt_ty_le_ldtt": "Đủ tỉ lệ cá nhân đạt Lao động tiên tiến",
    "ttldtt_ky_luat_loai_tru": "Không có cá nhân bị kỷ luật ở mức loại trừ",
    "ttldxs_xep_loai": "Tập thể hoàn thành xuất sắc nhiệm vụ",
    "ttldxs_ty_le_hoan_thanh_nhiem_vu": "Đủ tỉ lệ cá nhân hoàn thành nhiệm vụ",
    "ttldxs_ty_le_ldtt": "Đủ tỉ lệ cá nhân đạt Lao động tiên tiến",
    "ttldxs_so_cstdcs_toi_thieu": "Có cá nhân đạt Chiến sĩ thi đua cơ sở",
    "ttldxs_ky_luat_loai_tru": "Không có cá nhân bị kỷ luật ở mức loại trừ",
    "bk_tap_the_so_nam_lien_tuc": "Đủ số năm liên tục hoàn thành xuất sắc nhiệm vụ",
}
