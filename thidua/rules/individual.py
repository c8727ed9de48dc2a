"""Titles and awards of individuals: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, cấp tỉnh and
cấp bộ, Giấy khen, Bằng khen cấp tỉnh and cấp bộ, Bằng khen của Thủ tướng Chính phủ. Pure;
every legal number comes from the legal context."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import BOTH
from thidua.rules.base import P, RulesBase
from thidua.rules.criteria import Collector, Verdict, at_least, both, form_at_least, mark
from thidua.rules.legal import NOT_APPLICABLE
from thidua.textutil import add_months, vn_date, year_end, year_start

HTXS, HTT, HT, _KHTNV = vocab.XEP_LOAI
INITIATIVE_CONDITION, EXCELLENT_CONDITION = "sáng kiến", "hoàn thành xuất sắc nhiệm vụ"
MATERNITY = "thai sản"
SCOPES = {  # which initiative scopes count for a title of that level
    "CSTD_TINH": ("cấp tỉnh", "toàn quốc"),
    "CSTD_BO": ("cấp bộ", "toàn quốc"),
}


class IndividualRules(RulesBase):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._ldtt: dict[str, Verdict] = {}
        self._cstdcs: dict[str, Verdict] = {}
        self._bk: dict[str, Verdict] = {}
        self._cstd_refused: dict[str, Verdict] = {}
        # Both levels of Chiến sĩ thi đua register alike (one step of the ladder), so a
        # refusal before their own criteria holds for both.
        self._cstd_alike = (vocab.covered_by(vocab.BY_CODE["CSTD_TINH"].name)
                            == vocab.covered_by(vocab.BY_CODE["CSTD_BO"].name))
        self._renamed: dict[tuple[Verdict, str], Verdict] = {}  # (a verdict, title)

    def remember(self, pid: str, ldtt: Verdict, cstdcs: Verdict) -> None:
        """Seed the caches with verdicts computed elsewhere (e.g. in a worker process)."""
        self._ldtt[pid] = ldtt
        self._cstdcs[pid] = cstdcs

    def _begin(self, pid: str, title: str) -> tuple[Collector, m.PersonResult | None]:
        res = self._results_now.get(pid)
        c = self.start(pid, title, res is not None and res.under_review,
                       res.src if res else None)
        if res is None:
            c.add("ket_qua.co", False, f"Không có kết quả xếp loại năm {self.year}",
                  fix=f"Ghi kết quả năm {self.year} vào ket_qua/<đơn vị>.yaml")
        return c, res

    def _rating(self, c: Collector, res: m.PersonResult, param: P) -> None:
        p = self.ctx.param(param)
        if p.value is None:
            c.add(param.value, None, f"Xếp loại \"{res.rating}\"; chưa có quy định mức xếp loại "
                                     f"tối thiểu", (res.src,), p.citation)
            return
        c.add(param.value, at_least(res.rating, p.value),
              lambda: f"Xếp loại \"{res.rating}\" (cần từ \"{p.value}\" trở lên)",
              (res.src,), p.citation, lambda: f"Cần xếp loại từ \"{p.value}\"")

    def _discipline(self, c: Collector, pid: str, res: m.PersonResult,
                    param: P | None) -> None:
        year = self.year
        in_year = [k for k in res.disciplines if k.day.year in (year, year + 1)]
        if param is not None and in_year:
            p = self.ctx.param(param)
            if p.value is None:
                c.add(param.value, None, "Bị kỷ luật trong năm; chưa có quy định mức kỷ luật "
                                         "loại trừ", (res.src,), p.citation)
            else:
                worst = max(in_year, key=lambda k: vocab.KY_LUAT.index(k.form))
                c.add(param.value, not form_at_least(worst.form, p.value),
                      lambda: f"Bị kỷ luật \"{worst.form}\" ({worst.decision}); không xét nếu "
                              f"từ \"{p.value}\" trở lên", (res.src,), p.citation,
                      "Không thể đạt trong năm bị kỷ luật ở mức này")
        start, end = year_start(year), year_end(year)
        active = [(k, s) for k, s in self.h.disciplines(pid)
                  if k.day <= end and (k.until is None or k.until >= start)]
        if not active:
            return
        p = self.ctx.param(P.THANH_TICH_TINH_TU_KHI_HET_KY_LUAT)
        if p.value is not True:
            return
        k, src = max(active, key=lambda a: a[0].until or date.max)
        met: bool | None = False if k.until is None or k.until >= end else None
        until = vn_date(k.until) if k.until else "chưa rõ ngày hết hạn"
        c.add("thanh_tich_tinh_tu_khi_het_ky_luat", met,
              f"Trong thời hạn kỷ luật \"{k.form}\" đến {until}; thành tích chỉ tính từ khi hết "
              f"thời hạn kỷ luật", (src,), p.citation,
              "Chỉ xét thành tích sau khi hết thời hạn kỷ luật")

    # -- Lao động tiên tiến -------------------------------------------------------------------
    def ldtt(self, pid: str, title: str = vocab.LDTT.name) -> Verdict:
        if not self.detail and pid in self._ldtt:
            return self._ldtt[pid]
        c, res = self._begin(pid, title)
        person = self.h.repo.people.get(pid)
        if res is not None and person is not None and not c.stop:
            self._rating(c, res, P.LDTT_XEP_LOAI_TOI_THIEU)
            if not c.stop:
                self._service(c, person, res)
            if not c.stop:
                self._discipline(c, pid, res, P.LDTT_KY_LUAT_LOAI_TRU)
        v = c.verdict(title)
        if not self.detail:
            self._ldtt[pid] = v
        return v

    def _service(self, c: Collector, person: m.Person, res: m.PersonResult) -> None:
        end = year_end(self.year)
        if person.recruited.year < self.year:
            if self.detail:
                c.add("ldtt_thang_cong_tac_toi_thieu", True,
                      f"Tuyển dụng ngày {vn_date(person.recruited)}: công tác cả năm",
                      (person.src,))
        else:
            p = self.ctx.param(P.LDTT_THANG_CONG_TAC_TOI_THIEU)
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
            p = self.ctx.param(P.THAI_SAN_TINH_VAO_THOI_GIAN_CONG_TAC)
            lv = maternity[0]
            c.add("thai_san_tinh_vao_thoi_gian_cong_tac", True if p.value is True else None,
                  f"Nghỉ thai sản từ {vn_date(lv.start)} đến {vn_date(lv.end)}: được tính là "
                  f"thời gian công tác", (res.src,), p.citation)

    # -- Chiến sĩ thi đua cơ sở ---------------------------------------------------------------
    def cstdcs(self, pid: str, title: str = vocab.CSTDCS.name) -> Verdict:
        if not self.detail and pid in self._cstdcs:
            return self._cstdcs[pid]
        c, res = self._begin(pid, title)
        if not c.stop:
            ldtt = self.ldtt(pid)
            c.add("cstdcs.ldtt", ldtt.eligible, "Đạt tiêu chuẩn \"Lao động tiên tiến\"",
                  fix="Trước hết phải đạt \"Lao động tiên tiến\"")
        if not c.stop and res is not None:
            p = self.ctx.param(P.CSTDCS_DIEU_KIEN)
            conditions = [x for x in p.value if x != BOTH]
            excellent = res.rating == HTXS
            initiatives = [i for y, i in self.h.initiatives(pid) if y == self.year]
            found = {EXCELLENT_CONDITION: excellent, INITIATIVE_CONDITION: bool(initiatives)}
            held = [found[x] for x in conditions]
            joined = " và " if BOTH in p.value else " hoặc "
            c.add("cstdcs_dieu_kien", all(held) if BOTH in p.value else any(held),
                  lambda: "Có " + joined.join(conditions) + " trong năm"
                          + (f" (sáng kiến: {initiatives[0].name}, {initiatives[0].decision})"
                             if initiatives else ""), (res.src,), p.citation,
                  lambda: "Cần " + joined.join(conditions) + " được công nhận trong năm")
            if not c.stop:
                self._votes(c, res, title, P.CSTDCS_TY_LE_PHIEU_TOI_THIEU)
        v = c.verdict(title)
        if not self.detail:
            self._cstdcs[pid] = v
        return v

    def _votes(self, c: Collector, res: m.PersonResult | m.UnitResult, title: str,
               param: P) -> None:
        sid = res.person if isinstance(res, m.PersonResult) else res.unit
        got = self.h.vote(sid, title, self.year, res)
        # The share in force when the council met (else on the decision date).
        p = (self.ctx.on(got.day) if got and got.day else self.ctx).param(param)
        if p.source == NOT_APPLICABLE:
            if self.detail:
                c.add(param.value, True, "Không có ngưỡng phiếu bầu bắt buộc",
                      citation=p.citation)
            return
        if p.value is None:
            c.add(param.value, None, "Chưa có quy định tỉ lệ phiếu bầu tối thiểu của Hội đồng",
                  (res.src,), p.citation)
            return
        if got is None:
            c.add(param.value, None, f"Chưa ghi kết quả biểu quyết của Hội đồng cho "
                                     f"\"{title}\"", (res.src,), p.citation)
            return
        v, where = got.vote, got.src
        ok = Fraction(v.agree * 100, v.total) >= Fraction(str(p.value))
        c.add(param.value, ok, f"Hội đồng biểu quyết {v.agree}/{v.total} thành viên đồng ý "
                               f"(cần ít nhất {p.value}% tổng số thành viên)", (where,),
              p.citation, f"Cần ít nhất {p.value}% tổng số thành viên Hội đồng đồng ý")

    def _consecutive(self, c: Collector, rule: str, sid: str, title: str, n: int,
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

    # -- Chiến sĩ thi đua cấp tỉnh, cấp bộ ----------------------------------------------------
    def _as(self, v: Verdict, title: str) -> Verdict:
        """The same verdict under another title's name, shared like every verdict of a
        tally (people with equal verdicts are counted once)."""
        if v.title == title:
            return v
        key = (v, title)
        renamed = self._renamed.get(key)
        if renamed is None:
            renamed = self._renamed[key] = v._replace(title=title)
        return renamed

    def cstd(self, pid: str, title: str) -> Verdict:
        if not self.detail and self._cstd_alike:
            refused = self._cstd_refused.get(pid)
            if refused is not None:  # the other level, refused for the same reasons
                return self._as(refused, title)
        code = vocab.TITLE_BY_NAME[title].code
        c, _res = self._begin(pid, title)
        cstdcs = self.cstdcs(pid)
        if not self.detail and cstdcs.eligible is False:
            v = self._cstd_refused[pid] = self.reject(
                c, title, "cstd.cstdcs", lambda: f"Đạt \"{vocab.CSTDCS.name}\" năm {self.year}",
                fix=f"Cần đạt \"{vocab.CSTDCS.name}\" năm {self.year}")
            return v
        c.add("cstd.cstdcs", cstdcs.eligible, f"Đạt \"{vocab.CSTDCS.name}\" năm {self.year}",
              fix=f"Cần đạt \"{vocab.CSTDCS.name}\" năm {self.year}")
        if not c.stop:
            p = self.ctx.param(P.CSTD_SO_LAN_CSTDCS_LIEN_TUC)
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

    # -- Giấy khen ----------------------------------------------------------------------------
    def giay_khen(self, pid: str, title: str) -> Verdict:
        c, res = self._begin(pid, title)
        if res is not None and not c.stop:
            self._rating(c, res, P.GIAY_KHEN_XEP_LOAI_TOI_THIEU)
            if not c.stop:
                in_year = [k for k in res.disciplines if k.day.year == self.year]
                p = self.ctx.param(P.GIAY_KHEN_XEP_LOAI_TOI_THIEU)
                c.add("giay_khen.guong_mau", not in_year,
                      "Gương mẫu chấp hành chủ trương, pháp luật (không bị kỷ luật trong năm)",
                      (res.src,), p.citation, "Không đề nghị trong năm bị kỷ luật")
        return c.verdict(title)

    # -- Bằng khen cấp tỉnh, cấp bộ -----------------------------------------------------------
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
            return self._as(hit, title)
        return self._bang_khen(pid, title)

    def _bang_khen(self, pid: str, title: str) -> Verdict:
        c, res = self._begin(pid, title)
        if (not self.detail and res is not None and not res.disciplines
                and res.rating != HTXS and self.cstdcs(pid).eligible is False):
            # Neither path can hold: no CSTĐCS this year, not rated excellent this year.
            return self.reject(c, title, "bk.mot_trong_cac_dieu_kien",
                               lambda: "Không đạt \"Chiến sĩ thi đua cơ sở\" và không hoàn "
                                       "thành xuất sắc nhiệm vụ năm nay",
                               fix="Cần một trong các điều kiện của Bằng khen")
        if res is not None and any(k.day.year == self.year for k in res.disciplines):
            c.add("bk.guong_mau", False, "Bị kỷ luật trong năm", (res.src,),
                  fix="Không đề nghị trong năm bị kỷ luật")
        if c.stop:
            return c.verdict(title)
        paths: list[bool | None] = []
        sub = Collector(self.detail, self.seen)
        n1 = self.ctx.param(P.BK_SO_LAN_CSTDCS_LIEN_TUC)
        if n1.value is not None:
            cst = self.cstdcs(pid)
            sub.add("bk.cstdcs_nam_nay", cst.eligible, f"Đạt \"{vocab.CSTDCS.name}\" năm "
                                                       f"{self.year}")
            prev = self._consecutive(sub, "bk_so_lan_cstdcs_lien_tuc", pid, vocab.CSTDCS.name,
                                     int(n1.value), n1.citation)
            paths.append(both(cst.eligible, prev))
        n2 = self.ctx.param(P.BK_SO_NAM_HTXS_LIEN_TUC)
        k = self.ctx.param(P.BK_SO_SANG_KIEN)
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
            paths.append(both(ok, enough))
        met = True if True in paths else (None if None in paths or not paths else False)
        c.add("bk.mot_trong_cac_dieu_kien", met,
              lambda: "Một trong các điều kiện: " + "; ".join(
                  f"{cr.text} [{mark(cr.met)}]" for cr in sub.items),
              citation=n2.citation,
              fix=lambda: "Cần đủ trọn vẹn một nhánh: " + "; hoặc ".join(
                  ([f"{n1.value} lần liên tục đạt danh hiệu cơ sở"] if n1.value is not None
                   else [])
                  + ([f"{k.value} sáng kiến mới trong {n2.value} năm xuất sắc liên tục"]
                     if n2.value is not None and k.value is not None else [])))
        return c.verdict(title)

    def _free_initiatives(self, pid: str, years: list[int]) -> list[m.Initiative]:
        """Initiatives of those years not used to earn CSTĐCS (one per CSTĐCS year when the
        CSTĐCS could only have been earned with an initiative)."""
        cond = self.ctx.param(P.CSTDCS_DIEU_KIEN).value
        free: list[m.Initiative] = []
        for y in years:
            mine = [i for yy, i in self.h.initiatives(pid) if yy == y]
            had_cstdcs = (self.h.granted_in(vocab.CSTDCS.name, pid, y) is not None
                          or (y == self.year and self.cstdcs(pid).eligible is True))
            res = self.h.result(pid, y)
            via_excellence = (EXCELLENT_CONDITION in cond and BOTH not in cond
                              and res is not None and res.rating == HTXS)
            if had_cstdcs and not via_excellence and mine:
                mine = mine[1:]
            free += mine
        return free

    # -- Bằng khen của Thủ tướng Chính phủ ----------------------------------------------------
    def bang_khen_ttg(self, pid: str, title: str) -> Verdict:
        c, _res = self._begin(pid, title)
        n = self.ctx.param(P.BK_TTG_SO_NAM_LIEN_TUC)
        n_years = int(n.value)
        bk = (vocab.BY_CODE["BK_TINH"].name, vocab.BY_CODE["BK_BO"].name)
        earlier = [(y, d) for t, y, d in self.h.granted_to.get(pid, ())
                   if t in bk and y <= self.year - n_years]
        short = self.h.first_year is None or self.h.first_year > self.year - n_years
        if not earlier:
            return self.reject(
                c, title, "bk_ttg.bang_khen_truoc",
                lambda: f"Đã được tặng Bằng khen cấp bộ hoặc cấp tỉnh, cách đây ít nhất "
                        f"{n_years} năm" + ("; kho chưa có đủ dữ liệu các năm trước"
                                            if short else ""),
                None if short else False, n.citation,
                "Cần đã được tặng Bằng khen cấp bộ hoặc cấp tỉnh")
        y0, dec = max(earlier, key=lambda e: e[0])
        c.add("bk_ttg.bang_khen_truoc", True, f"Bằng khen năm {y0} ({dec.number})", (dec.src,),
              n.citation)
        window = list(range(y0 + 1, self.year + 1))
        p = self.ctx.param(P.BK_TTG_XEP_LOAI_TOI_THIEU)
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
        k = self.ctx.param(P.BK_TTG_SO_LAN_CSTDCS)
        if k.value is not None:
            times = sum(1 for y in window
                        if self.h.granted_in(vocab.CSTDCS.name, pid, y) is not None
                        or (y == self.year and self.cstdcs(pid).eligible is True))
            c.add("bk_ttg_so_lan_cstdcs", times >= int(k.value),
                  f"{times} lần \"{vocab.CSTDCS.name}\" trong thời gian đó (cần {k.value})",
                  citation=k.citation, fix=f"Cần {k.value} lần \"{vocab.CSTDCS.name}\"")
        s = self.ctx.param(P.BK_TTG_SO_SANG_KIEN)
        if s.value is not None:
            count = sum(1 for y, _ in self.h.initiatives(pid) if y in window)
            c.add("bk_ttg_so_sang_kien", count >= int(s.value),
                  f"{count} sáng kiến trong thời gian đó (cần {s.value})", citation=s.citation,
                  fix=f"Cần {s.value} sáng kiến")
        return c.verdict(title)
