"""Eligibility of people and units for titles and awards, with the reasons.

Pure. Every legal number comes from :class:`LegalContext` (the law data or the policy);
this module holds only the logic. A verdict is True (đủ điều kiện), False (không đủ) or
None (the data cannot decide: missing history, missing policy value, missing votes).

Two modes: ``detail`` keeps every criterion with its text, evidence and citation (for
``thidua explain``); the fast mode used by ``tally`` keeps only the ids of the criteria
that are not met and stops at the first one that fails.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import Any, NamedTuple

from thidua.model import entities as m
from thidua.model import vocab
from thidua.rules.legal import LegalContext
from thidua.textutil import vn_date, year_end, year_start

Text = str | Callable[[], str]

HTXS, HTT, HT, _KHTNV = vocab.XEP_LOAI
INITIATIVE_CONDITION, EXCELLENT_CONDITION = "sáng kiến", "hoàn thành xuất sắc nhiệm vụ"
MATERNITY = "thai sản"
SCOPES = {  # which initiative scopes count for a title of that level
    "CSTD_TINH": ("cấp tỉnh", "toàn quốc"),
    "CSTD_BO": ("cấp bộ", "toàn quốc"),
}
MONTHS_PER_YEAR = len(calendar.month_name) - 1
MANUAL = {"CSTD_TQ", "CO_BO", "CO_TINH", "CO_CP"}


# Every criterion the rules can report, with what it checks. Ids that equal a parameter of
# the law data are checked against that parameter's value.
RULES: dict[str, str] = {
    "ket_qua.co": "Có kết quả xếp loại của năm",
    "thu_cong": "Danh hiệu cần Hội đồng xem xét, không xét tự động",
    "ldtt_xep_loai_toi_thieu": "Xếp loại đủ mức để đạt Lao động tiên tiến",
    "ldtt_thang_cong_tac_toi_thieu": "Đủ thời gian công tác từ khi tuyển dụng",
    "ldtt_ky_luat_loai_tru": "Không bị kỷ luật ở mức loại trừ trong năm",
    "thai_san_tinh_vao_thoi_gian_cong_tac": "Thời gian nghỉ thai sản được tính là công tác",
    "thanh_tich_tinh_tu_khi_het_ky_luat": "Thành tích chỉ tính từ khi hết thời hạn kỷ luật",
    "khong_xet_khi_dang_xem_xet_ky_luat": "Không đang bị xem xét kỷ luật, thanh tra, điều tra",
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


class Criterion(NamedTuple):
    rule: str
    met: bool | None
    text: str
    evidence: tuple[m.Src, ...] = ()
    citation: str | None = None
    fix: str | None = None


class Verdict(NamedTuple):
    title: str  # the title's name
    eligible: bool | None
    criteria: tuple[Criterion, ...]  # detail mode: all; fast mode: empty
    failed: tuple[str, ...]  # ids of the criteria not met (False or None)


def _text(t: Text | None) -> str | None:
    return t() if callable(t) else t


class _Col:
    """Collects criteria; eligibility is the three-valued AND of them."""

    __slots__ = ("detail", "failed", "interned", "items", "seen", "state")

    def __init__(self, detail: bool, seen: set[str] | None,
                 interned: dict[tuple[str, bool | None, tuple[str, ...]], Verdict] | None = None
                 ) -> None:
        self.detail = detail
        self.seen = seen
        self.interned = interned
        self.items: list[Criterion] = []
        self.failed: list[str] = []
        self.state: bool | None = True

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
                                        _text(fix) if met is False else None))
        return met

    @property
    def stop(self) -> bool:
        return not self.detail and self.state is False

    def verdict(self, title: str) -> Verdict:
        if self.interned is None:
            return Verdict(title, self.state, tuple(self.items), tuple(self.failed))
        # Fast mode: verdicts without criteria take few distinct values; share them.
        failed = tuple(self.failed)
        key = (title, self.state, failed)
        v = self.interned.get(key)
        if v is None:
            v = self.interned[key] = Verdict(title, self.state, (), failed)
        return v


_RANK = {r: i for i, r in enumerate(vocab.XEP_LOAI)}


def rank(rating: str) -> int:
    return _RANK[rating]


def at_least(rating: str | None, minimum: str) -> bool:
    return rating is not None and rank(rating) <= rank(minimum)


def form_at_least(form: str, threshold: str) -> bool:
    return vocab.KY_LUAT.index(form) >= vocab.KY_LUAT.index(threshold)


def compare(n: int, d: int, spec: dict[str, Any]) -> bool | None:
    """n/d against {so_sanh, ty_le} (percent), exactly (no floating point)."""
    if d == 0:
        return None
    left, right = Fraction(n * 100, d), Fraction(str(spec["ty_le"]))
    return {"<": left < right, "<=": left <= right, ">": left > right,
            ">=": left >= right, "=": left == right}[spec["so_sanh"]]


def share_text(spec: dict[str, Any]) -> str:
    words = {"<": "dưới", "<=": "không quá", ">": "trên", ">=": "ít nhất", "=": "đúng"}
    return f"{words[spec['so_sanh']]} {spec['ty_le']}%"


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    index = d.year * MONTHS_PER_YEAR + d.month - 1 + months
    y, mo = divmod(index, MONTHS_PER_YEAR)
    return date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


class History:
    """Indexes over every year of the repository, built once per tally."""

    def __init__(self, repo: m.Repository) -> None:
        self.repo = repo
        self.years = sorted(repo.years)
        self.first_year = self.years[0] if self.years else None
        self.granted: dict[tuple[str, str], dict[int, m.AwardDecision]] = {}
        self.granted_to: dict[str, list[tuple[str, int, m.AwardDecision]]] = {}
        for y, yr in repo.years.items():
            for dec in yr.awards:
                for sid in (*dec.people, *dec.units):
                    self.granted.setdefault((dec.title, sid), {})[y] = dec
                    self.granted_to.setdefault(sid, []).append((dec.title, y, dec))
        self._members: dict[int, dict[str, list[m.PersonResult]]] = {}
        self._initiatives: dict[str, list[tuple[int, m.Initiative]]] | None = None

    def result(self, pid: str, year: int) -> m.PersonResult | None:
        yr = self.repo.years.get(year)
        return yr.person_results.get(pid) if yr else None

    def unit_result(self, uid: str, year: int) -> m.UnitResult | None:
        yr = self.repo.years.get(year)
        return yr.unit_results.get(uid) if yr else None

    def members(self, uid: str, year: int) -> list[m.PersonResult]:
        """The people whose results for ``year`` are recorded in the unit's file."""
        if year not in self._members:
            index: dict[str, list[m.PersonResult]] = {}
            yr = self.repo.years.get(year)
            for r in yr.person_results.values() if yr else ():
                index.setdefault(r.unit, []).append(r)
            self._members[year] = index
        return self._members[year].get(uid, [])

    def has_year(self, year: int) -> bool:
        return year in self.repo.years

    def granted_in(self, title: str, sid: str, year: int) -> m.AwardDecision | None:
        return self.granted.get((title, sid), {}).get(year)

    def initiatives(self, pid: str) -> list[tuple[int, m.Initiative]]:
        """Each recognised initiative once (same decision and name counted once)."""
        if self._initiatives is None:
            index: dict[str, list[tuple[int, m.Initiative]]] = {}
            seen: set[tuple[str, str, str]] = set()
            for y in self.years:
                for res in self.repo.years[y].person_results.values():
                    for ini in res.initiatives:
                        key = (res.person, ini.decision.casefold(), ini.name.casefold())
                        if key not in seen:
                            seen.add(key)
                            index.setdefault(res.person, []).append((y, ini))
            self._initiatives = index
        return self._initiatives.get(pid, [])

    def disciplines(self, pid: str) -> list[tuple[m.Discipline, m.Src]]:
        out = []
        for y in self.years:
            res = self.repo.years[y].person_results.get(pid)
            if res is not None and res.disciplines:
                out += [(k, res.src) for k in res.disciplines]
        return out


class Evaluator:
    """Verdicts for one campaign year under one legal context."""

    def __init__(self, ctx: LegalContext, history: History, *, detail: bool = False,
                 seen: set[str] | None = None) -> None:
        self.ctx = ctx
        self.h = history
        self.year = ctx.year
        self.detail = detail
        self.seen = seen
        self._ldtt: dict[str, Verdict] = {}
        self._cstdcs: dict[str, Verdict] = {}
        self._bk: dict[str, Verdict] = {}
        self._interned: dict[tuple[str, bool | None, tuple[str, ...]], Verdict] = {}
        self._rejections: dict[tuple[str, str, bool | None], Verdict] = {}
        self._person_fns: dict[str, Callable[[str, str], Verdict]] = {
            "LDTT": self.ldtt, "CSTDCS": self.cstdcs, "GIAY_KHEN": self.giay_khen,
            "CSTD_TINH": self.cstd, "CSTD_BO": self.cstd, "BK_TINH": self.bang_khen,
            "BK_BO": self.bang_khen, "BK_TTG": self.bang_khen_ttg,
        }

    def _reject(self, title: str, rule: str, state: bool | None = False) -> Verdict:
        """Fast mode: one shared verdict for the common "fails its first condition" case."""
        if self.seen is not None:
            self.seen.add(rule)
        key = (title, rule, state)
        v = self._rejections.get(key)
        if v is None:
            v = self._rejections[key] = Verdict(title, state, (), (rule,))
        return v

    def col(self) -> _Col:
        return _Col(self.detail, self.seen, None if self.detail else self._interned)

    def remember(self, pid: str, ldtt: Verdict, cstdcs: Verdict) -> None:
        """Seed the caches with verdicts computed elsewhere (e.g. in a worker process)."""
        self._ldtt[pid] = ldtt
        self._cstdcs[pid] = cstdcs

    # -- individuals --------------------------------------------------------------------------
    def person(self, pid: str, title: str) -> Verdict:
        return self.person_rule(title)(pid, title)

    def person_rule(self, title: str) -> Callable[[str, str], Verdict]:
        """The function that decides ``title`` for a person (called as fn(pid, title))."""
        return self._person_fns.get(vocab.TITLE_BY_NAME[title].code, self._manual)

    def _manual(self, sid: str, title: str) -> Verdict:
        c = self.col()
        c.add("thu_cong", None, f"\"{title}\" cần Hội đồng xem xét (không xét tự động được "
                                f"từ dữ liệu)")
        return c.verdict(title)

    def _result(self, c: _Col, pid: str) -> m.PersonResult | None:
        res = self.h.result(pid, self.year)
        if res is None:
            c.add("ket_qua.co", False, f"Không có kết quả xếp loại năm {self.year}",
                  fix=f"Ghi kết quả năm {self.year} vào ket_qua/<đơn vị>.yaml")
        return res

    def _rating(self, c: _Col, res: m.PersonResult, param: str) -> None:
        p = self.ctx.param(param)
        c.add(param, at_least(res.rating, p.value),
              lambda: f"Xếp loại \"{res.rating}\" (cần từ \"{p.value}\" trở lên)",
              (res.src,), p.citation, lambda: f"Cần xếp loại từ \"{p.value}\"")

    def _under_review(self, c: _Col, res: m.PersonResult) -> None:
        if not res.under_review:
            return
        p = self.ctx.param("khong_xet_khi_dang_xem_xet_ky_luat")
        if p.source == "không áp dụng":
            return
        met = None if p.value is None else not p.value
        c.add("khong_xet_khi_dang_xem_xet_ky_luat", met,
              "Đang bị xem xét kỷ luật, thanh tra, điều tra", (res.src,), p.citation,
              "Chờ kết luận xem xét kỷ luật, thanh tra")

    def _discipline(self, c: _Col, pid: str, res: m.PersonResult, param: str | None) -> None:
        year = self.year
        in_year = [k for k in res.disciplines if k.day.year in (year, year + 1)]
        if param is not None and in_year:
            p = self.ctx.param(param)
            if p.value is None:
                c.add(param, None, "Bị kỷ luật trong năm; chưa có quy định mức kỷ luật loại trừ",
                      (res.src,), p.citation)
            else:
                worst = max(in_year, key=lambda k: vocab.KY_LUAT.index(k.form))
                c.add(param, not form_at_least(worst.form, p.value),
                      lambda: f"Bị kỷ luật \"{worst.form}\" ({worst.decision}); không xét nếu "
                              f"từ \"{p.value}\" trở lên", (res.src,), p.citation,
                      "Không thể đạt trong năm bị kỷ luật ở mức này")
        start, end = year_start(year), year_end(year)
        active = [(k, s) for k, s in self.h.disciplines(pid)
                  if k.day <= end and (k.until is None or k.until >= start)]
        if not active:
            return
        p = self.ctx.param("thanh_tich_tinh_tu_khi_het_ky_luat")
        if p.value is not True:
            return
        k, src = max(active, key=lambda a: a[0].until or date.max)
        if k.until is None or k.until >= end:
            met: bool | None = False
        else:
            met = None  # achievements count from the end of the discipline only
        until = vn_date(k.until) if k.until else "chưa rõ ngày hết hạn"
        c.add("thanh_tich_tinh_tu_khi_het_ky_luat", met,
              f"Trong thời hạn kỷ luật \"{k.form}\" đến {until}; thành tích chỉ tính từ khi hết "
              f"thời hạn kỷ luật", (src,), p.citation,
              "Chỉ xét thành tích sau khi hết thời hạn kỷ luật")

    def ldtt(self, pid: str, title: str = vocab.LDTT.name) -> Verdict:
        if not self.detail and pid in self._ldtt:
            return self._ldtt[pid]
        c = self.col()
        res = self._result(c, pid)
        person = self.h.repo.people.get(pid)
        if res is not None and person is not None:
            self._rating(c, res, "ldtt_xep_loai_toi_thieu")
            if not c.stop:
                self._service(c, person, res)
            if not c.stop:
                self._discipline(c, pid, res, "ldtt_ky_luat_loai_tru")
            if not c.stop:
                self._under_review(c, res)
        v = c.verdict(title)
        if not self.detail:
            self._ldtt[pid] = v
        return v

    def _service(self, c: _Col, person: m.Person, res: m.PersonResult) -> None:
        end = year_end(self.year)
        if person.recruited.year < self.year:
            if self.detail:
                c.add("ldtt_thang_cong_tac_toi_thieu", True,
                      f"Tuyển dụng ngày {vn_date(person.recruited)}: công tác cả năm",
                      (person.src,))
        else:
            p = self.ctx.param("ldtt_thang_cong_tac_toi_thieu")
            if p.value is None:
                c.add("ldtt_thang_cong_tac_toi_thieu", None,
                      f"Tuyển dụng ngày {vn_date(person.recruited)}; chưa có quy định số tháng "
                      f"công tác tối thiểu", (person.src,), p.citation)
            else:
                enough = add_months(person.recruited, int(p.value)) <= year_start(self.year + 1)
                c.add("ldtt_thang_cong_tac_toi_thieu", enough,
                      lambda: f"Tuyển dụng ngày {vn_date(person.recruited)}; cần đủ {p.value} "
                              f"tháng công tác tính đến {vn_date(end)}", (person.src,),
                      p.citation, lambda: f"Chỉ xét từ năm sau, khi đủ {p.value} tháng công tác")
        maternity = [lv for lv in res.leaves if lv.kind == MATERNITY]
        if maternity:
            p = self.ctx.param("thai_san_tinh_vao_thoi_gian_cong_tac")
            lv = maternity[0]
            c.add("thai_san_tinh_vao_thoi_gian_cong_tac", True if p.value is True else None,
                  f"Nghỉ thai sản từ {vn_date(lv.start)} đến {vn_date(lv.end)}: được tính là "
                  f"thời gian công tác", (res.src,), p.citation)

    def cstdcs(self, pid: str, title: str = vocab.CSTDCS.name) -> Verdict:
        if not self.detail and pid in self._cstdcs:
            return self._cstdcs[pid]
        c = self.col()
        ldtt = self.ldtt(pid)
        c.add("cstdcs.ldtt", ldtt.eligible, "Đạt tiêu chuẩn \"Lao động tiên tiến\"",
              fix="Trước hết phải đạt \"Lao động tiên tiến\"")
        res = self.h.result(pid, self.year)
        if not c.stop and res is not None:
            p = self.ctx.param("cstdcs_dieu_kien")
            excellent = EXCELLENT_CONDITION in p.value and res.rating == HTXS
            initiatives = [i for y, i in self.h.initiatives(pid) if y == self.year]
            has_initiative = INITIATIVE_CONDITION in p.value and bool(initiatives)
            c.add("cstdcs_dieu_kien", excellent or has_initiative,
                  lambda: "Có " + " hoặc ".join(p.value) + " trong năm"
                          + (f" (sáng kiến: {initiatives[0].name}, {initiatives[0].decision})"
                             if initiatives else ""), (res.src,), p.citation,
                  lambda: "Cần " + " hoặc ".join(p.value) + " được công nhận trong năm")
            if not c.stop:
                self._votes(c, res, title, "cstdcs_ty_le_phieu_toi_thieu")
        v = c.verdict(title)
        if not self.detail:
            self._cstdcs[pid] = v
        return v

    def _votes(self, c: _Col, res: m.PersonResult | m.UnitResult, title: str,
               param: str) -> None:
        p = self.ctx.param(param)
        if p.source == "không áp dụng":
            if self.detail:
                c.add(param, True, "Không có ngưỡng phiếu bầu bắt buộc", citation=p.citation)
            return
        if p.value is None:
            c.add(param, None, "Chưa có quy định tỉ lệ phiếu bầu tối thiểu của Hội đồng",
                  (res.src,), p.citation)
            return
        votes = [v for v in res.votes if v.title == title]
        if not votes:
            c.add(param, None, f"Chưa ghi kết quả biểu quyết của Hội đồng cho \"{title}\"",
                  (res.src,), p.citation)
            return
        v = votes[-1]
        ok = Fraction(v.agree * 100, v.total) >= Fraction(str(p.value))
        c.add(param, ok, f"Hội đồng biểu quyết {v.agree}/{v.total} thành viên đồng ý "
                         f"(cần ít nhất {p.value}% tổng số thành viên)", (res.src,), p.citation,
              f"Cần ít nhất {p.value}% tổng số thành viên Hội đồng đồng ý")

    def _consecutive(self, c: _Col, rule: str, sid: str, title: str, n: int,
                     citation: str) -> bool | None:
        """``title`` granted in each of the n-1 years before this year."""
        missing = [y for y in range(self.year - n + 1, self.year) if not self.h.has_year(y)]
        lacking = [y for y in range(self.year - n + 1, self.year)
                   if self.h.has_year(y) and self.h.granted_in(title, sid, y) is None]
        met: bool | None = False if lacking else (None if missing else True)
        decs = [d for y in range(self.year - n + 1, self.year)
                if (d := self.h.granted_in(title, sid, y)) is not None]
        c.add(rule, met,
              lambda: f"\"{title}\" {n} năm liên tục đến năm {self.year}"
                      + (f"; thiếu năm {', '.join(map(str, lacking))}" if lacking else "")
                      + (f"; kho không có dữ liệu năm {', '.join(map(str, missing))}"
                         if missing else ""),
              [d.src for d in decs], citation,
              lambda: f"Cần \"{title}\" các năm {', '.join(map(str, lacking))}")
        return met

    def cstd(self, pid: str, title: str) -> Verdict:
        code = vocab.TITLE_BY_NAME[title].code
        cstdcs = self.cstdcs(pid)
        if not self.detail and cstdcs.eligible is False:
            return self._reject(title, "cstd.cstdcs")
        c = self.col()
        c.add("cstd.cstdcs", cstdcs.eligible,
              f"Đạt \"{vocab.CSTDCS.name}\" năm {self.year}",
              fix=f"Cần đạt \"{vocab.CSTDCS.name}\" năm {self.year}")
        if not c.stop:
            p = self.ctx.param("cstd_so_lan_cstdcs_lien_tuc")
            self._consecutive(c, "cstd_so_lan_cstdcs_lien_tuc", pid, vocab.CSTDCS.name,
                              int(p.value), p.citation)
            if not c.stop:
                first = self.year - int(p.value) + 1
                scopes = SCOPES[code]
                found = [(y, i) for y, i in self.h.initiatives(pid)
                         if first <= y <= self.year and i.scope in scopes]
                c.add("cstd.pham_vi_sang_kien", bool(found),
                      lambda: f"Sáng kiến có phạm vi ảnh hưởng {' hoặc '.join(scopes)} trong các "
                              f"năm {first}–{self.year}"
                              + (f": {found[0][1].name}" if found else ""),
                      citation=p.citation,
                      fix=f"Cần sáng kiến được công nhận phạm vi {' hoặc '.join(scopes)}")
        return c.verdict(title)

    def giay_khen(self, pid: str, title: str) -> Verdict:
        c = self.col()
        res = self._result(c, pid)
        if res is not None:
            self._rating(c, res, "giay_khen_xep_loai_toi_thieu")
            if not c.stop:
                in_year = [k for k in res.disciplines if k.day.year == self.year]
                p = self.ctx.param("giay_khen_xep_loai_toi_thieu")
                c.add("giay_khen.guong_mau", not in_year,
                      "Gương mẫu chấp hành chủ trương, pháp luật (không bị kỷ luật trong năm)",
                      (res.src,), p.citation, "Không đề nghị trong năm bị kỷ luật")
            if not c.stop:
                self._under_review(c, res)
        return c.verdict(title)

    def _htxs_years(self, pid: str, n: int) -> tuple[bool | None, list[int]]:
        years = list(range(self.year - n + 1, self.year + 1))
        ratings = [self.h.result(pid, y) for y in years]
        if any(r is not None and r.rating != HTXS for r in ratings):
            return False, years
        if any(r is None for r in ratings):
            return (None if any(not self.h.has_year(y) for y in years) else False), years
        return True, years

    def bang_khen(self, pid: str, title: str) -> Verdict:
        if not self.detail:
            hit = self._bk.get(pid)
            if hit is None:
                hit = self._bk[pid] = self._bang_khen(pid, title)
            return hit if hit.title == title else hit._replace(title=title)
        return self._bang_khen(pid, title)

    def _bang_khen(self, pid: str, title: str) -> Verdict:
        res = self.h.result(pid, self.year)
        if (not self.detail and res is not None and not res.disciplines
                and not res.under_review and res.rating != HTXS
                and self.cstdcs(pid).eligible is False):
            # Neither path can hold: no CSTĐCS this year, not rated excellent this year.
            return self._reject(title, "bk.mot_trong_cac_dieu_kien")
        c = self.col()
        if res is not None and (res.disciplines or res.under_review):
            self._under_review(c, res)
            if any(k.day.year == self.year for k in res.disciplines):
                c.add("bk.guong_mau", False, "Bị kỷ luật trong năm", (res.src,),
                      fix="Không đề nghị trong năm bị kỷ luật")
        if c.stop:
            return c.verdict(title)
        paths: list[bool | None] = []
        sub = _Col(self.detail, self.seen)
        n1 = self.ctx.param("bk_so_lan_cstdcs_lien_tuc")
        if n1.value is not None:
            cst = self.cstdcs(pid)
            sub.add("bk.cstdcs_nam_nay", cst.eligible, f"Đạt \"{vocab.CSTDCS.name}\" năm "
                                                       f"{self.year}")
            prev = self._consecutive(sub, "bk_so_lan_cstdcs_lien_tuc", pid, vocab.CSTDCS.name,
                                     int(n1.value), n1.citation)
            paths.append(_and(cst.eligible, prev))
        n2 = self.ctx.param("bk_so_nam_htxs_lien_tuc")
        k = self.ctx.param("bk_so_sang_kien")
        if n2.value is not None and k.value is not None:
            ok, years = self._htxs_years(pid, int(n2.value))
            sub.add("bk_so_nam_htxs_lien_tuc", ok,
                    f"Hoàn thành xuất sắc nhiệm vụ {n2.value} năm liên tục "
                    f"({years[0]}–{years[-1]})", citation=n2.citation)
            free = self._free_initiatives(pid, years)
            enough = len(free) >= int(k.value)
            sub.add("bk_so_sang_kien", enough,
                    f"{len(free)} sáng kiến được công nhận trong các năm đó, ngoài sáng kiến đã "
                    f"dùng để đạt \"{vocab.CSTDCS.name}\" (cần {k.value})", citation=k.citation)
            paths.append(_and(ok, enough))
        met = True if True in paths else (None if None in paths or not paths else False)
        c.add("bk.mot_trong_cac_dieu_kien", met,
              lambda: "Một trong các điều kiện: " + "; ".join(
                  f"{cr.text} [{_mark(cr.met)}]" for cr in sub.items),
              citation=n2.citation,
              fix=lambda: "Chưa đạt: " + "; ".join(
                  cr.text for cr in sub.items if cr.met is not True))
        return c.verdict(title)

    def _free_initiatives(self, pid: str, years: list[int]) -> list[m.Initiative]:
        """Initiatives of those years not used to earn CSTĐCS (one per CSTĐCS year when the
        CSTĐCS could only have been earned with an initiative)."""
        cond = self.ctx.param("cstdcs_dieu_kien").value
        free: list[m.Initiative] = []
        for y in years:
            mine = [i for yy, i in self.h.initiatives(pid) if yy == y]
            had_cstdcs = (self.h.granted_in(vocab.CSTDCS.name, pid, y) is not None
                          or (y == self.year and self.cstdcs(pid).eligible is True))
            res = self.h.result(pid, y)
            via_excellence = (EXCELLENT_CONDITION in cond and res is not None
                              and res.rating == HTXS)
            if had_cstdcs and not via_excellence and mine:
                mine = mine[1:]
            free += mine
        return free

    def bang_khen_ttg(self, pid: str, title: str) -> Verdict:
        n = self.ctx.param("bk_ttg_so_nam_lien_tuc")
        n_years = int(n.value)
        bk = (vocab.BY_CODE["BK_TINH"].name, vocab.BY_CODE["BK_BO"].name)
        earlier = [(y, d) for t, y, d in self.h.granted_to.get(pid, ())
                   if t in bk and y <= self.year - n_years]
        short = self.h.first_year is None or self.h.first_year > self.year - n_years
        if not earlier and not self.detail:
            return self._reject(title, "bk_ttg.bang_khen_truoc", None if short else False)
        c = self.col()
        if not earlier:
            c.add("bk_ttg.bang_khen_truoc", None if short else False,
                  f"Đã được tặng Bằng khen cấp bộ hoặc cấp tỉnh, cách đây ít nhất {n_years} năm"
                  + ("; kho chưa có đủ dữ liệu các năm trước" if short else ""),
                  citation=n.citation, fix="Cần đã được tặng Bằng khen cấp bộ hoặc cấp tỉnh")
            return c.verdict(title)
        y0, dec = max(earlier, key=lambda e: e[0])
        c.add("bk_ttg.bang_khen_truoc", True, f"Bằng khen năm {y0} ({dec.number})", (dec.src,),
              n.citation)
        window = list(range(y0 + 1, self.year + 1))
        p = self.ctx.param("bk_ttg_xep_loai_toi_thieu")
        ratings = {y: self.h.result(pid, y) for y in window}
        bad = [y for y, r in ratings.items() if r is not None and not at_least(r.rating, p.value)]
        gaps = [y for y, r in ratings.items() if r is None]
        met: bool | None = False if bad else (None if gaps else True)
        c.add("bk_ttg_xep_loai_toi_thieu", met,
              lambda: f"Xếp loại từ \"{p.value}\" trở lên liên tục {window[0]}–{window[-1]}"
                      + (f"; không đạt năm {', '.join(map(str, bad))}" if bad else "")
                      + (f"; thiếu dữ liệu năm {', '.join(map(str, gaps))}" if gaps else ""),
              citation=p.citation, fix="Cần đủ số năm liên tục đạt xếp loại")
        c.add("bk_ttg_so_nam_lien_tuc", len(window) >= n_years,
              f"{len(window)} năm liên tục kể từ Bằng khen (cần {n_years})", citation=n.citation)
        k = self.ctx.param("bk_ttg_so_lan_cstdcs")
        if k.value is not None:
            times = sum(1 for y in window
                        if self.h.granted_in(vocab.CSTDCS.name, pid, y) is not None
                        or (y == self.year and self.cstdcs(pid).eligible is True))
            c.add("bk_ttg_so_lan_cstdcs", times >= int(k.value),
                  f"{times} lần \"{vocab.CSTDCS.name}\" trong thời gian đó (cần {k.value})",
                  citation=k.citation, fix=f"Cần {k.value} lần \"{vocab.CSTDCS.name}\"")
        s = self.ctx.param("bk_ttg_so_sang_kien")
        if s.value is not None:
            count = sum(1 for y, _ in self.h.initiatives(pid) if y in window)
            c.add("bk_ttg_so_sang_kien", count >= int(s.value),
                  f"{count} sáng kiến trong thời gian đó (cần {s.value})", citation=s.citation,
                  fix=f"Cần {s.value} sáng kiến")
        return c.verdict(title)

    # -- units ----------------------------------------------------------------------------------
    def unit(self, uid: str, title: str) -> Verdict:
        code = vocab.TITLE_BY_NAME[title].code
        fn = {"TTLDTT": self.ttldtt, "TTLDXS": self.ttldxs, "GIAY_KHEN": self.unit_giay_khen,
              "BK_TINH": self.unit_bang_khen, "BK_BO": self.unit_bang_khen}.get(code)
        return fn(uid, title) if fn is not None else self._manual(uid, title)

    def members(self, uid: str) -> list[m.PersonResult]:
        return self.h.members(uid, self.year)

    def _unit_result(self, c: _Col, uid: str) -> m.UnitResult | None:
        res = self.h.unit_result(uid, self.year)
        if res is None:
            c.add("ket_qua.co", False, f"Không có xếp loại tập thể năm {self.year}",
                  fix=f"Ghi tap_the.xep_loai trong ket_qua/{uid}.yaml")
        return res

    def _share(self, c: _Col, param: str, n: int, d: int, what: str,
               src: m.Src | None) -> None:
        p = self.ctx.param(param)
        c.add(param, compare(n, d, p.value),
              lambda: f"{n}/{d} cá nhân {what} (cần {share_text(p.value)})",
              (src,) if src else (), p.citation,
              lambda: f"Cần {share_text(p.value)} cá nhân {what}")

    def _no_discipline(self, c: _Col, param: str, members: list[m.PersonResult]) -> None:
        p = self.ctx.param(param)
        if p.value is None:
            if self.detail:
                c.add(param, True, "Không có điều kiện về kỷ luật của cá nhân trong tập thể",
                      citation=p.citation)
            return
        bad = [r for r in members for k in r.disciplines
               if k.day.year == self.year and form_at_least(k.form, p.value)]
        c.add(param, not bad,
              lambda: f"Không có cá nhân bị kỷ luật từ \"{p.value}\" trở lên"
                      + (f" (có {len(bad)} người)" if bad else ""),
              [r.src for r in bad], p.citation,
              f"Tập thể có người bị kỷ luật từ \"{p.value}\" trở lên: không đủ điều kiện")

    def ttldtt(self, uid: str, title: str) -> Verdict:
        c = self.col()
        res = self._unit_result(c, uid)
        if res is not None:
            p = self.ctx.param("ttldtt_xep_loai_toi_thieu")
            c.add("ttldtt_xep_loai_toi_thieu", at_least(res.rating, p.value),
                  f"Tập thể xếp loại \"{res.rating}\" (cần từ \"{p.value}\" trở lên)",
                  (res.src,), p.citation, f"Cần xếp loại từ \"{p.value}\"")
            members = self.members(uid)
            if not c.stop:
                n = sum(1 for r in members if self.ldtt(r.person).eligible is True)
                self._share(c, "ttldtt_ty_le_ldtt", n, len(members),
                            "đạt \"Lao động tiên tiến\"", res.src)
            if not c.stop:
                self._no_discipline(c, "ttldtt_ky_luat_loai_tru", members)
        return c.verdict(title)

    def ttldxs(self, uid: str, title: str) -> Verdict:
        c = self.col()
        res = self._unit_result(c, uid)
        if res is not None:
            p = self.ctx.param("ttldxs_xep_loai")
            c.add("ttldxs_xep_loai", res.rating == p.value,
                  f"Tập thể xếp loại \"{res.rating}\" (cần \"{p.value}\")", (res.src,),
                  p.citation, f"Cần xếp loại \"{p.value}\"")
            members = self.members(uid)
            if not c.stop:
                done = sum(1 for r in members if at_least(r.rating, HT))
                self._share(c, "ttldxs_ty_le_hoan_thanh_nhiem_vu", done, len(members),
                            "hoàn thành nhiệm vụ trở lên", res.src)
            if not c.stop:
                n = sum(1 for r in members if self.ldtt(r.person).eligible is True)
                self._share(c, "ttldxs_ty_le_ldtt", n, len(members),
                            "đạt \"Lao động tiên tiến\"", res.src)
            if not c.stop:
                q = self.ctx.param("ttldxs_so_cstdcs_toi_thieu")
                k = sum(1 for r in members if self.cstdcs(r.person).eligible is True)
                c.add("ttldxs_so_cstdcs_toi_thieu", k >= int(q.value),
                      f"{k} cá nhân đạt \"{vocab.CSTDCS.name}\" (cần ít nhất {q.value})",
                      citation=q.citation, fix=f"Cần ít nhất {q.value} \"{vocab.CSTDCS.name}\"")
            if not c.stop:
                self._no_discipline(c, "ttldxs_ky_luat_loai_tru", members)
        return c.verdict(title)

    def unit_giay_khen(self, uid: str, title: str) -> Verdict:
        c = self.col()
        res = self._unit_result(c, uid)
        if res is not None:
            p = self.ctx.param("giay_khen_xep_loai_toi_thieu")
            c.add("giay_khen_xep_loai_toi_thieu", at_least(res.rating, p.value),
                  f"Tập thể xếp loại \"{res.rating}\" (cần từ \"{p.value}\" trở lên)",
                  (res.src,), p.citation, f"Cần xếp loại từ \"{p.value}\"")
        return c.verdict(title)

    def unit_bang_khen(self, uid: str, title: str) -> Verdict:
        c = self.col()
        p = self.ctx.param("bk_tap_the_so_nam_lien_tuc")
        if p.value is None:
            c.add("bk_tap_the_so_nam_lien_tuc", None, "Chưa có tiêu chí Bằng khen tập thể cho "
                                                      "chế độ này", citation=p.citation)
            return c.verdict(title)
        years = list(range(self.year - int(p.value) + 1, self.year + 1))
        states: list[bool | None] = []
        for y in years:
            r = self.h.unit_result(uid, y)
            xs = (self.h.granted_in(vocab.BY_CODE["TTLDXS"].name,
                                    uid, y) is not None
                  or (y == self.year and self.ttldxs(uid, vocab.BY_CODE["TTLDXS"].name)
                      .eligible is True))
            if (r is not None and r.rating == HTXS) or xs:
                states.append(True)
            else:
                states.append(None if not self.h.has_year(y) else False)
        met = False if False in states else (None if None in states else True)
        c.add("bk_tap_the_so_nam_lien_tuc", met,
              f"Hoàn thành xuất sắc nhiệm vụ hoặc \"Tập thể lao động xuất sắc\" {p.value} năm "
              f"liên tục ({years[0]}–{years[-1]})", citation=p.citation,
              fix=f"Cần {p.value} năm liên tục hoàn thành xuất sắc nhiệm vụ")
        return c.verdict(title)


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _mark(met: bool | None) -> str:
    return {True: "đạt", False: "không đạt", None: "chưa xác định"}[met]
