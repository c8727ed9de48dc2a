"""What every title's rules share: the legal context, the history, the collector, and the
criteria that hold for every title and award — registration (for titles, where the law or
the policy requires it) and deferral while under review. Pure."""

from __future__ import annotations

from collections.abc import Callable

from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import ParamId
from thidua.rules.criteria import Collector, Interned, Verdict
from thidua.rules.history import History
from thidua.rules.legal import NOT_APPLICABLE, LegalContext

P = ParamId
_EMULATION_TITLES = frozenset(t.name for t in vocab.TITLES if vocab.is_emulation_title(t.name))
_NONE: frozenset[str] = frozenset()


class RulesBase:
    """Verdicts for one campaign year under one legal context."""

    def __init__(self, ctx: LegalContext, history: History, *, detail: bool = False,
                 seen: set[str] | None = None) -> None:
        self.ctx = ctx
        self.h = history
        self.year = ctx.year
        self.detail = detail
        self.seen = seen
        self._interned: Interned = {}
        self._rejections: dict[tuple[str, str, bool | None], Verdict] = {}
        # Looked up for every subject and title: resolved once.
        self._collecting = (detail, seen, None if detail else self._interned)
        now = history.repo.years.get(self.year)
        self._results_now: dict[str, m.PersonResult] = now.person_results if now else {}
        self._registered_now: dict[str, frozenset[str]] | None = None

    # Implemented by the individual rules; the collective ones count members with them.
    def ldtt(self, pid: str, title: str = vocab.LDTT.name) -> Verdict:
        raise NotImplementedError

    def cstdcs(self, pid: str, title: str = vocab.CSTDCS.name) -> Verdict:
        raise NotImplementedError

    def reject(self, c: Collector, title: str, rule: str, text: Callable[[], str],
               state: bool | None = False, citation: str | None = None,
               fix: str | None = None) -> Verdict:
        """Fails its first condition: in fast mode with nothing else reported, one shared
        verdict (the common case of a tally); otherwise the criterion in full."""
        if not self.detail and c.clean:
            if self.seen is not None:
                self.seen.add(rule)
            key = (title, rule, state)
            v = self._rejections.get(key)
            if v is None:
                c.add(rule, state, "")
                v = self._rejections[key] = c.verdict(title)
            return v
        c.add(rule, state, text, citation=citation, fix=fix)
        return c.verdict(title)

    def manual(self, c: Collector, title: str) -> Verdict:
        c.add("thu_cong", None, f"\"{title}\" cần Hội đồng xem xét (không xét tự động được "
                                f"từ dữ liệu)")
        return c.verdict(title)

    # -- what every title and award shares -------------------------------------------------
    def start(self, sid: str, title: str, under_review: bool,
              src: m.Src | None) -> Collector:
        """A collector with the common criteria of ``title`` for subject ``sid``."""
        c = Collector(*self._collecting)
        if title in _EMULATION_TITLES:
            self._registration(c, sid, title, src)
        if under_review:
            self._review(c, src)
        return c

    def _registration(self, c: Collector, sid: str, title: str, src: m.Src | None) -> None:
        p = self.ctx.param(P.DANG_KY_THI_DUA_BAT_BUOC)
        if p.value is False or p.source == NOT_APPLICABLE:
            return
        index = self._registered_now
        if index is None:
            index = self._registered_now = self.h.registered_in(self.year)
        registered = index.get(sid, _NONE)
        wanted = vocab.covered_by(title)
        if registered and not registered.isdisjoint(wanted):
            if self.detail:
                hit = sorted(registered & wanted)
                if title in registered:
                    text = f"Đã đăng ký thi đua \"{title}\" năm {self.year}"
                else:
                    text = (f"Đã đăng ký thi đua \"{hit[0]}\" năm {self.year} (đăng ký danh "
                            f"hiệu cao hơn hoặc cùng bậc được tính cho \"{title}\")")
                c.add("dang_ky_thi_dua_bat_buoc", True, text, citation=p.citation)
            return
        if p.value is None:
            c.add("dang_ky_thi_dua_bat_buoc", None,
                  f"Không đăng ký thi đua \"{title}\" năm {self.year}; chưa có quy định của bộ, "
                  f"tỉnh về việc phải đăng ký", (src,) if src else (), p.citation)
            return
        c.add("dang_ky_thi_dua_bat_buoc", False,
              f"Không đăng ký thi đua \"{title}\" (hoặc danh hiệu cao hơn) năm {self.year}",
              (src,) if src else (), p.citation,
              f"Chỉ xét danh hiệu đã đăng ký; ghi đăng ký trong {self.year}/dang_ky/ nếu đơn vị "
              f"đã nhận đăng ký đúng hạn")

    def _review(self, c: Collector, src: m.Src | None) -> None:
        p = self.ctx.param(P.KHONG_XET_KHI_DANG_XEM_XET_KY_LUAT)
        if p.value is not True:
            return
        c.defer("khong_xet_khi_dang_xem_xet_ky_luat",
                "Đang bị xem xét kỷ luật, thanh tra, điều tra: tạm chưa xét khen thưởng",
                (src,) if src else (), p.citation,
                "Xét (hoặc đề nghị) khen thưởng khi có kết luận không vi phạm: bỏ "
                "dang_xem_xet_ky_luat trong kết quả rồi xét lại")
