"""Eligibility of people and units for titles and awards, with the reasons.

Pure. :class:`Evaluator` answers "is this person (unit) eligible for this title in this
campaign year under the law in force", criterion by criterion (see
:mod:`thidua.rules.criteria` for the statuses and the two modes). Every legal number comes
from the legal context; this package holds only the logic.
"""

from __future__ import annotations

from collections.abc import Callable

from thidua.model import vocab
from thidua.rules.collective import CollectiveRules
from thidua.rules.criteria import RULES, Criterion, Status, Verdict
from thidua.rules.history import History
from thidua.rules.individual import IndividualRules

__all__ = ["RULES", "Criterion", "Evaluator", "History", "Status", "Verdict"]


class Evaluator(IndividualRules, CollectiveRules):
    """Verdicts for one campaign year under one legal context."""

    def person(self, pid: str, title: str) -> Verdict:
        return self.person_rule(title)(pid, title)

    def person_rule(self, title: str) -> Callable[[str, str], Verdict]:
        """The function that decides ``title`` for a person (called as fn(pid, title))."""
        return {
            "LDTT": self.ldtt, "CSTDCS": self.cstdcs, "GIAY_KHEN": self.giay_khen,
            "CSTD_TINH": self.cstd, "CSTD_BO": self.cstd, "BK_TINH": self.bang_khen,
            "BK_BO": self.bang_khen, "BK_TTG": self.bang_khen_ttg,
        }.get(vocab.TITLE_BY_NAME[title].code, self._manual_person)

    def unit(self, uid: str, title: str) -> Verdict:
        code = vocab.TITLE_BY_NAME[title].code
        fn = {"TTLDTT": self.ttldtt, "TTLDXS": self.ttldxs, "GIAY_KHEN": self.unit_giay_khen,
              "BK_TINH": self.unit_bang_khen, "BK_BO": self.unit_bang_khen}.get(code)
        return fn(uid, title) if fn is not None else self._manual_unit(uid, title)

    def _manual_person(self, pid: str, title: str) -> Verdict:
        res = self.h.result(pid, self.year)
        c = self.start(pid, title, res is not None and res.under_review,
                       res.src if res else None)
        return self.manual(c, title)

    def _manual_unit(self, uid: str, title: str) -> Verdict:
        res = self.h.unit_result(uid, self.year)
        c = self.start(uid, title, res is not None and res.under_review,
                       res.src if res else None)
        return self.manual(c, title)


def no_law_verdict(title: str) -> Verdict:
    """The verdict when no known rules apply on the decision date."""
    return Verdict(title, Status.NO_LAW, (), ("chua_co_quy_dinh",))
