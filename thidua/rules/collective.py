"""Titles and awards of collectives: Tập thể lao động tiên tiến, Tập thể lao động xuất sắc,
Giấy khen, Bằng khen cấp tỉnh and cấp bộ. Pure; every legal number comes from the legal
context; members are counted with the individual rules."""

from __future__ import annotations

from thidua.model import entities as m
from thidua.model import vocab
from thidua.rules.base import P, RulesBase
from thidua.rules.criteria import Collector, Verdict, at_least, compare, form_at_least, share_text

HTXS, HTT, HT, _KHTNV = vocab.XEP_LOAI


class CollectiveRules(RulesBase):
    def members(self, uid: str) -> list[m.PersonResult]:
        return self.h.members(uid, self.year)

    def _unit_begin(self, uid: str, title: str) -> tuple[Collector, m.UnitResult | None]:
        res = self.h.unit_result(uid, self.year)
        c = self.start(uid, title, res is not None and res.under_review,
                       res.src if res else None)
        if res is None:
            c.add("ket_qua.co", False, f"Không có xếp loại tập thể năm {self.year}",
                  fix=f"Ghi tap_the.xep_loai trong ket_qua/{uid}.yaml")
        return c, res

    def _share(self, c: Collector, param: P, n: int, d: int, what: str,
               src: m.Src | None, unknown: int = 0) -> None:
        """``n`` of ``d`` members meet a condition, ``unknown`` of them may or may not yet
        (their own verdict is still open): the share is then open too when it depends on
        them."""
        p = self.ctx.param(param)
        met = compare(n, d, p.value)
        if met is False and unknown and compare(n + unknown, d, p.value):
            met = None
        c.add(param.value, met,
              lambda: f"{n}/{d} cá nhân {what}"
                      + (f", {unknown} người chưa rõ" if unknown else "")
                      + f" (cần {share_text(p.value)})",
              (src,) if src else (), p.citation,
              lambda: f"Cần {share_text(p.value)} cá nhân {what}")

    @staticmethod
    def _counted(verdicts: list[bool | None]) -> tuple[int, int]:
        """(how many met, how many are still open) among members' verdicts."""
        return verdicts.count(True), verdicts.count(None)

    def _no_discipline(self, c: Collector, param: P, members: list[m.PersonResult]) -> None:
        p = self.ctx.param(param)
        if p.value is None:
            if self.detail:
                c.add(param.value, True, "Không có điều kiện về kỷ luật của cá nhân trong tập thể",
                      citation=p.citation)
            return
        bad = [r for r in members for k in r.disciplines
               if k.day.year == self.year and form_at_least(k.form, p.value)]
        c.add(param.value, not bad,
              lambda: f"Không có cá nhân bị kỷ luật từ \"{p.value}\" trở lên"
                      + (f" (có {len(bad)} người)" if bad else ""),
              [r.src for r in bad], p.citation,
              f"Tập thể có người bị kỷ luật từ \"{p.value}\" trở lên: không đủ điều kiện")

    def ttldtt(self, uid: str, title: str) -> Verdict:
        c, res = self._unit_begin(uid, title)
        if res is not None and not c.stop:
            p = self.ctx.param(P.TTLDTT_XEP_LOAI_TOI_THIEU)
            c.add("ttldtt_xep_loai_toi_thieu", at_least(res.rating, p.value),
                  f"Tập thể xếp loại \"{res.rating}\" (cần từ \"{p.value}\" trở lên)",
                  (res.src,), p.citation, f"Cần xếp loại từ \"{p.value}\"")
            members = self.members(uid)
            if not c.stop:
                n, open_ = self._counted([self.ldtt(r.person).eligible for r in members])
                self._share(c, P.TTLDTT_TY_LE_LDTT, n, len(members),
                            "đạt \"Lao động tiên tiến\"", res.src, open_)
            if not c.stop:
                self._no_discipline(c, P.TTLDTT_KY_LUAT_LOAI_TRU, members)
        return c.verdict(title)

    def ttldxs(self, uid: str, title: str) -> Verdict:
        c, res = self._unit_begin(uid, title)
        if res is not None and not c.stop:
            p = self.ctx.param(P.TTLDXS_XEP_LOAI)
            c.add("ttldxs_xep_loai", res.rating == p.value,
                  f"Tập thể xếp loại \"{res.rating}\" (cần \"{p.value}\")", (res.src,),
                  p.citation, f"Cần xếp loại \"{p.value}\"")
            members = self.members(uid)
            if not c.stop:
                done = sum(1 for r in members if at_least(r.rating, HT))
                self._share(c, P.TTLDXS_TY_LE_HOAN_THANH_NHIEM_VU, done, len(members),
                            "hoàn thành nhiệm vụ trở lên", res.src)
            if not c.stop:
                n, open_ = self._counted([self.ldtt(r.person).eligible for r in members])
                self._share(c, P.TTLDXS_TY_LE_LDTT, n, len(members),
                            "đạt \"Lao động tiên tiến\"", res.src, open_)
            if not c.stop:
                q = self.ctx.param(P.TTLDXS_SO_CSTDCS_TOI_THIEU)
                k, open_ = self._counted([self.cstdcs(r.person).eligible for r in members])
                # Members whose own verdict is still open leave the count open if it rests
                # on them: what rests on an unknown is unknown.
                met = k >= int(q.value) or (None if k + open_ >= int(q.value) else False)
                c.add("ttldxs_so_cstdcs_toi_thieu", met,
                      f"{k} cá nhân đạt \"{vocab.CSTDCS.name}\""
                      + (f", {open_} người chưa rõ" if open_ else "")
                      + f" (cần ít nhất {q.value})",
                      citation=q.citation, fix=f"Cần ít nhất {q.value} \"{vocab.CSTDCS.name}\"")
            if not c.stop:
                self._no_discipline(c, P.TTLDXS_KY_LUAT_LOAI_TRU, members)
        return c.verdict(title)

    def unit_giay_khen(self, uid: str, title: str) -> Verdict:
        c, res = self._unit_begin(uid, title)
        if res is not None and not c.stop:
            p = self.ctx.param(P.GIAY_KHEN_XEP_LOAI_TOI_THIEU)
            if p.value is None:
                c.add("giay_khen_xep_loai_toi_thieu", None,
                      f"Tập thể xếp loại \"{res.rating}\"; chưa có quy định mức xếp loại tối "
                      f"thiểu", (res.src,), p.citation)
            else:
                c.add("giay_khen_xep_loai_toi_thieu", at_least(res.rating, p.value),
                      f"Tập thể xếp loại \"{res.rating}\" (cần từ \"{p.value}\" trở lên)",
                      (res.src,), p.citation, f"Cần xếp loại từ \"{p.value}\"")
        return c.verdict(title)

    def unit_bang_khen(self, uid: str, title: str) -> Verdict:
        c, _res = self._unit_begin(uid, title)
        p = self.ctx.param(P.BK_TAP_THE_SO_NAM_LIEN_TUC)
        if p.value is None:
            c.add("bk_tap_the_so_nam_lien_tuc", None, "Chưa có tiêu chí Bằng khen tập thể cho "
                                                      "chế độ này", citation=p.citation)
            return c.verdict(title)
        years = list(range(self.year - int(p.value) + 1, self.year + 1))
        states: list[bool | None] = []
        xs_title = vocab.BY_CODE["TTLDXS"].name
        for y in years:
            r = self.h.unit_result(uid, y)
            xs = (self.h.granted_in(xs_title, uid, y) is not None
                  or (y == self.year and self.ttldxs(uid, xs_title).eligible is True))
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
