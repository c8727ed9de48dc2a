"""Validated documents -> :class:`Repository`, checking identities and references.

Pure: takes the cleaned data of every file of one organisation, returns the repository
and the diagnostics (unknown unit or person, duplicate ids, file/unit mismatches).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.diagnostics import DataPath, Diagnostic, make
from thidua.load.kinds import KINDS
from thidua.load.schema import INVALID, Ctx
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import Policy, PolicyValue
from thidua.model.plan_text import expand, facts
from thidua.textutil import did_you_mean, suggestion


@dataclass(slots=True)
class Doc:
    """One parsed file: its kind, year folder (if yearly) and raw data."""

    kind: str
    file: str
    stem: str
    year: int | None
    data: Any


def check_document(doc: Doc) -> tuple[Any, list[Diagnostic]]:
    """Schema-check one document; returns (cleaned data or INVALID, diagnostics)."""
    ctx = Ctx(doc.file, year=doc.year)
    cleaned = KINDS[doc.kind].schema.validate(doc.data, ctx)
    return cleaned, ctx.diagnostics


def _valid(value: Any) -> bool:
    return value is not INVALID and value is not None


class Builder:
    """Feed documents in :data:`KIND_ORDER` order with :meth:`add_document`."""

    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []
        self.repo = m.Repository(org=None)
        self.unit_ids: dict[str, m.Unit] = {}
        self.person_src: dict[str, str] = {}  # every declared person id -> its file
        self.person_at: dict[str, int] = {}  # ... and its position in that file
        # A roster file that could not be read: unknown people may be listed there, so
        # references to them are not reported (the file's own error is).
        self.roster_incomplete = False
        # Values that repeat across records (a rating, a position, a data path, a list of
        # titles …) are kept once: 200,000 records otherwise hold 200,000 copies of each.
        self.same: Callable[[Any, Any], Any] = {}.setdefault
        # Suggestions for unknown codes (a fuzzy search over the roster each): the first
        # ones only, so that a file of thousands of unknown codes stays fast.
        self.hints_left = 50

    def with_base_only(self) -> Builder:
        """A builder that knows what this one read of the organisation's base files (units,
        people, policy, law) and no year: to build another version of some years against
        the same base (what a year held before an import). The base is shared, not copied:
        yearly files never change it."""
        other = Builder()
        repo = self.repo
        other.repo = m.Repository(org=repo.org, people=repo.people, policy=repo.policy,
                                  law_overlay=repo.law_overlay)
        other.unit_ids, other.person_src, other.person_at = (self.unit_ids, self.person_src,
                                                             self.person_at)
        other.roster_incomplete, other.same = self.roster_incomplete, self.same
        return other

    def failed(self, ref: Any) -> None:
        """A file that could not be parsed (its diagnostic is reported elsewhere)."""
        if ref.kind == "nhan_su":
            self.roster_incomplete = True

    def add_document(self, doc: Doc, cleaned: Any) -> None:
        """Add one schema-checked document (documents must arrive in KIND_ORDER)."""
        if not isinstance(cleaned, dict):
            return
        if doc.kind == "to_chuc":
            if _complete(cleaned, "ma", "ten", "co_quan_chu_quan", "ten_viet_tat", "dia_danh"):
                self.organisation(doc.file, cleaned)
            return
        if doc.kind == "phap_luat":
            self.repo.law_overlay = (doc.file, cleaned)
            return
        handler = {
            "chinh_sach": self.policy, "nhan_su": self.roster, "ke_hoach": self.plan,
            "dang_ky": self.registrations, "ket_qua": self.results, "khen_thuong": self.awards,
            "hoi_dong": self.meeting,
        }[doc.kind]
        handler(doc, cleaned)

    def add(self, code: str, file: str, path: DataPath, **params: Any) -> None:
        self.diags.append(make(code, file, path=path, **params))

    # -- organisation -----------------------------------------------------------------------
    def organisation(self, file: str, d: dict[str, Any]) -> None:
        units: list[m.Unit] = []
        for i, u in enumerate(d.get("don_vi") or ()):
            if not isinstance(u, dict) or not _valid(u.get("ma")):
                continue
            unit = m.Unit(u["ma"], _opt(u.get("ten")) or u["ma"], _opt(u.get("loai")),
                          _opt(u.get("ten_viet_tat")), _opt(u.get("tu_ngay")),
                          _opt(u.get("den_ngay")), i, _opt(u.get("co_quan_quan_ly")))
            if unit.id in self.unit_ids:
                self.add("TD203", file, ("don_vi", i, "ma"), ref=unit.id, what="đơn vị",
                         other=file)
                continue
            self.unit_ids[unit.id] = unit
            units.append(unit)
        signers = tuple(
            m.Signer(s["ma"], s["ho_ten"], s["chuc_vu"], _opt(s.get("quyen_han")),
                     _opt(s.get("chuc_vu_cap_truong")), _opt(s.get("tu_ngay")),
                     _opt(s.get("den_ngay")))
            for s in d.get("nguoi_ky") or () if _complete(s, "ma", "ho_ten", "chuc_vu")
        )
        changes = tuple(
            m.NameChange(c["tu_ngay"], c.get("ten"), c.get("co_quan_chu_quan"),
                         c.get("ten_viet_tat"), c.get("dia_danh"), c.get("can_cu"))
            for c in d.get("thay_doi") or () if _complete(c, "tu_ngay")
        )
        names = m.OrgNames(d["ten"], d["co_quan_chu_quan"], d["ten_viet_tat"], d["dia_danh"])
        competence = tuple(
            m.CompetenceText(c["can_cu"], _opt(c.get("tu_ngay")), _opt(c.get("den_ngay")),
                             m.Src(file, ("can_cu_tham_quyen", i)))
            for i, c in enumerate(d.get("can_cu_tham_quyen") or ()) if _complete(c, "can_cu"))
        self.repo.org = m.Organisation(d["ma"], names, changes, tuple(units), signers,
                                       m.Src(file, ()), _opt(d.get("bo_nganh")), competence)

    # -- references -------------------------------------------------------------------------
    def unit_ref(self, file: str, path: DataPath, unit: Any) -> bool:
        if not _valid(unit):
            return False
        if unit in self.unit_ids or self.repo.org is None:
            return True
        self.add("TD201", file, path, ref=unit,
                 suggestion=suggestion(unit, self.unit_ids, listing="Các mã đơn vị"))
        return False

    def person_ref(self, file: str, path: DataPath, pid: Any, *, unit: str | None = None,
                   taken: Iterable[Any] = ()) -> bool:
        if not _valid(pid):
            return False
        if pid in self.person_src:
            return pid in self.repo.people  # invalid records were reported where declared
        if self.roster_incomplete:
            return False
        self.add("TD202", file, path, ref=pid, suggestion=self._person_hint(pid, unit, taken))
        return False

    def _person_hint(self, pid: Any, unit: str | None, taken: Iterable[Any]) -> str:
        """The nearest codes among the unit's people not already listed in the file."""
        if not self.person_src:
            return "Danh sách nhân sự (nhan_su/) chưa có ai; thêm người vào đó trước."
        used = set(taken)
        people = self.repo.people
        pool = [p for p in self.person_src if p not in used
                and (unit is None or (p in people and people[p].unit == unit))]
        if not pool:
            pool = [p for p in self.person_src if p not in used]
        self.hints_left -= 1
        if len(pool) > 5000 or self.hints_left < 0:  # (a fuzzy search each is bounded)
            return "Kiểm tra mã trong thư mục nhan_su/."
        guess = did_you_mean(str(pid), pool)
        if guess is not None:
            person = people.get(guess)
            return f"Có phải ý bạn là \"{guess}\"" + (f" ({person.name})?" if person else "?")
        return ("Mã nhân sự phải có trong nhan_su/" + (f"{unit}.yaml" if unit else "") + "; "
                "kiểm tra lại mã, hoặc thêm người đó vào danh sách nhân sự.")

    def file_unit(self, doc: Doc, d: dict[str, Any], *, by_path: bool = False) -> str | None:
        """The unit a per-unit file speaks for. When its name and its don_vi disagree
        (TD204), a yearly file (``by_path``) speaks for the unit its path names: that is
        whose reviewers approve it, and its records follow it (no cascade of errors)."""
        unit = d.get("don_vi")
        if not self.unit_ref(doc.file, ("don_vi",), unit):
            return None
        if doc.stem != unit:
            self.add("TD204", doc.file, ("don_vi",), stem=doc.stem, unit=unit)
            if by_path and doc.stem in self.unit_ids:
                return doc.stem
        return str(unit)

    # -- roster -----------------------------------------------------------------------------
    def roster(self, doc: Doc, d: dict[str, Any]) -> None:
        unit = self.file_unit(doc, d)
        people = self.repo.people
        for i, p in enumerate(d.get("nhan_su") or ()):
            if not isinstance(p, dict) or not _valid(p.get("ma")):
                continue
            pid = p["ma"]
            if not self._declare(pid, doc.file, i):
                continue
            if not _complete(p, "ho_ten", "gioi_tinh", "chuc_vu", "loai", "ngay_tuyen_dung"):
                continue
            raw_transfers = p.get("dieu_chuyen")
            transfers = self.transfers(doc.file, i, raw_transfers) if raw_transfers else ()
            left = p.get("ngay_nghi_viec")
            same = self.same
            gender, title, kind, day = (p["gioi_tinh"], p["chuc_vu"], p["loai"],
                                        p["ngay_tuyen_dung"])
            path = ("nhan_su", i)
            people[pid] = m.Person(
                pid, p["ho_ten"], same(gender, gender), same(title, title),
                p.get("lanh_dao") is True, _opt(p.get("thu_tu_chuc_vu")), same(kind, kind),
                same(day, day), _opt(left), unit or doc.stem, transfers,
                m.Src(doc.file, same(path, path)),
            )

    def _declare(self, pid: str, file: str, i: int) -> bool:
        """Record where a person id is declared; False (TD203) when it was already."""
        if pid in self.person_src:
            self.add("TD203", file, ("nhan_su", i, "ma"), ref=pid, what="nhân sự",
                     other=self.person_src[pid])
            return False
        self.person_src[pid] = file
        self.person_at[pid] = i
        return True

    def transfers(self, file: str, i: int, raw: Any) -> tuple[m.Transfer, ...]:
        if not isinstance(raw, list):
            return ()
        for j, t in enumerate(raw):
            if isinstance(t, dict):
                self.unit_ref(file, ("nhan_su", i, "dieu_chuyen", j, "tu_don_vi"),
                              t.get("tu_don_vi"))
        return tuple(sorted(
            (m.Transfer(t["tu_don_vi"], t["ngay"], _opt(t.get("quyet_dinh")))
             for t in raw if _complete(t, "ngay", "tu_don_vi")),
            key=lambda t: t.day,
        ))

    def _person_rows(self, file: str, rows: Any, unit: str | None = None
                     ) -> Iterator[tuple[int, dict[str, Any], str]]:
        """(index, record, person id) of the records that name a known person."""
        people = self.repo.people
        listed = [r.get("ma") for r in rows or () if type(r) is dict]
        for i, r in enumerate(rows or ()):
            if type(r) is not dict:
                continue
            pid: Any = r.get("ma")
            person = people.get(pid) if type(pid) is str else None
            if person is not None:
                yield i, r, person.id  # (the roster's string: one copy of each id)
            elif self.person_ref(file, ("ca_nhan", i, "ma"), pid, unit=unit, taken=listed):
                yield i, r, pid

    # -- yearly files -----------------------------------------------------------------------
    def year(self, y: int) -> m.Year:
        return self.repo.years.setdefault(y, m.Year(y))

    def registrations(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        unit = self.file_unit(doc, d, by_path=True)
        yr = self.year(doc.year)
        default_day = d.get("ngay_dang_ky")
        for i, r in enumerate(d.get("tap_the") or ()):
            if isinstance(r, dict) and unit and _valid(r.get("danh_hieu")):
                day = r.get("ngay_dang_ky") or default_day
                if isinstance(day, date):
                    one = (r["danh_hieu"],)
                    yr.registrations.append(m.Registration(
                        vocab.TAP_THE, unit, unit, self.same(one, one), day,
                        m.Src(doc.file, ("tap_the", i))))
        seen: dict[str, int] = {}
        regs, file, subject, same = yr.registrations, doc.file, vocab.CA_NHAN, self.same
        for i, r, pid in self._person_rows(file, d.get("ca_nhan"), unit):
            if pid in seen:
                self.add("TD206", file, ("ca_nhan", i, "ma"), what="Người", ref=pid,
                         where="đăng ký", year=doc.year, other=f"mục {seen[pid] + 1}")
                continue
            seen[pid] = i
            raw_titles = r.get("danh_hieu")
            if type(raw_titles) is not list:
                titles: tuple[str, ...] = ()
            elif INVALID in raw_titles:
                titles = tuple(t for t in raw_titles if t is not INVALID)
            else:
                titles = tuple(raw_titles)
            day = r.get("ngay_dang_ky") or default_day
            if unit and type(day) is date:
                path = ("ca_nhan", i)
                regs.append(m.Registration(subject, pid, unit, same(titles, titles),
                                           same(day, day), m.Src(file, same(path, path))))

    def results(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        unit = self.file_unit(doc, d, by_path=True)
        yr = self.year(doc.year)
        tt = d.get("tap_the")
        if unit and isinstance(tt, dict) and _valid(tt.get("xep_loai")):
            titles, unit_refs = _proposals(tt.get("de_nghi"))
            yr.unit_results[unit] = m.UnitResult(unit, tt["xep_loai"],
                                                 _votes(tt.get("bieu_quyet")),
                                                 m.Src(doc.file, ("tap_the",)), titles,
                                                 tt.get("dang_xem_xet_ky_luat") is True,
                                                 unit_refs)
        results, file, same = yr.person_results, doc.file, self.same
        PersonResult, Src = m.PersonResult, m.Src
        for i, r, pid in self._person_rows(file, d.get("ca_nhan"), unit):
            if not unit:
                continue
            if pid in results:
                self.add("TD206", file, ("ca_nhan", i, "ma"), what="Người", ref=pid,
                         where="kết quả", year=doc.year, other=results[pid].src.file)
                continue
            rating = r.get("xep_loai")
            if rating is None or rating is INVALID:
                continue
            rating = same(rating, rating)
            path = ("ca_nhan", i)
            path = same(path, path)
            raw_proposals = r.get("de_nghi")
            refs: tuple[m.ProposalRef, ...] = ()
            if not raw_proposals:
                proposals: tuple[str, ...] = ()
            elif type(raw_proposals) is list and all(type(t) is str for t in raw_proposals):
                proposals = tuple(raw_proposals)
                proposals = same(proposals, proposals)
            else:
                proposals, refs = _proposals(raw_proposals)
            if len(r) == (2 if raw_proposals is None else 3):
                # the common record: ma, xep_loai, de_nghi
                results[pid] = PersonResult(pid, unit, rating, (), (), (), (), False,
                                            Src(file, path), proposals, refs)
                continue
            initiatives, disciplines, leaves, votes = (
                r.get("sang_kien"), r.get("ky_luat"), r.get("nghi"), r.get("bieu_quyet"))
            results[pid] = m.PersonResult(
                pid, unit, rating,
                tuple(m.Initiative(s["ten"], s.get("loai") or "sáng kiến", s["quyet_dinh"],
                                   s["ngay"], s["pham_vi"])
                      for s in initiatives if _complete(s, "ten", "quyet_dinh", "ngay", "pham_vi"))
                if initiatives else (),
                tuple(m.Discipline(k["hinh_thuc"], k["quyet_dinh"], k["ngay"],
                                   _opt(k.get("den_ngay")))
                      for k in disciplines if _complete(k, "hinh_thuc", "quyet_dinh", "ngay"))
                if disciplines else (),
                tuple(m.Leave(n["loai"], n["tu_ngay"], n["den_ngay"])
                      for n in leaves if _complete(n, "loai", "tu_ngay", "den_ngay"))
                if leaves else (),
                _votes(votes) if votes else (),
                r.get("dang_xem_xet_ky_luat") is True,
                m.Src(file, path),
                proposals, refs,
            )

    def awards(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        known = self.repo.people
        people = tuple(p for i, p in enumerate(d.get("ca_nhan") or ())
                       if p in known or self.person_ref(doc.file, ("ca_nhan", i), p))
        units = tuple(u for i, u in enumerate(d.get("tap_the") or ())
                      if self.unit_ref(doc.file, ("tap_the", i), u))
        if _complete(d, "so_quyet_dinh", "ngay", "nguoi_quyet_dinh", "danh_hieu"):
            self.year(doc.year).awards.append(m.AwardDecision(
                d["so_quyet_dinh"], d["ngay"], d["nguoi_quyet_dinh"], d["danh_hieu"], people,
                units, m.Src(doc.file, ())))

    def meeting(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        known = set(self.repo.people) | {s.id for s in (self.repo.org.signers
                                                          if self.repo.org else ())}
        members = tuple(
            m.CouncilMember(t["ma"], t["vai_tro"], _opt(t.get("co_mat")) is not False,
                            _opt(t.get("ly_do_vang")))
            for i, t in enumerate(d.get("thanh_vien") or ())
            if _complete(t, "ma", "vai_tro")
            and (t["ma"] in known or self.person_ref(doc.file, ("thanh_vien", i, "ma"), t["ma"])))
        choices = tuple(
            m.CouncilChoice(c["danh_hieu"], _opt(c.get("ke_hoach")),
                            tuple(k for k in c["giu_lai"] if _valid(k)),
                            m.Src(doc.file, ("lua_chon", i)))
            for i, c in enumerate(d.get("lua_chon") or ())
            if _complete(c, "danh_hieu", "giu_lai") and isinstance(c["giu_lai"], list))
        if _complete(d, "ngay", "dia_diem"):
            listed = d.get("thanh_vien")
            self.year(doc.year).meetings.append(m.Meeting(
                d["ngay"], _opt(d.get("gio_bat_dau")), _opt(d.get("gio_ket_thuc")),
                d["dia_diem"], members, m.Src(doc.file, ()), choices,
                _opt(d.get("ngay_nhan_ho_so")), *self._meeting_votes(doc, d, known),
                whole=isinstance(listed, list) and len(members) == len(listed)))

    def _meeting_votes(self, doc: Doc, d: dict[str, Any], known: set[str]) -> tuple[
            tuple[m.TitleVote, ...], tuple[m.WrittenOpinion, ...], tuple[m.CouncilMember, ...]]:
        """How a meeting voted, the written opinions, the counting committee (ids that are
        neither people nor units are reported here)."""
        def who(path: DataPath, sid: Any) -> bool:
            if not _valid(sid):
                return False
            if sid in self.unit_ids or sid in known:
                return True
            return self.person_ref(doc.file, path, sid)

        votes = tuple(
            m.TitleVote(v["danh_hieu"], v["hinh_thuc"], _opt(v.get("phieu_phat_ra")),
                        _opt(v.get("phieu_thu_ve")), _opt(v.get("phieu_hop_le")),
                        _opt(v.get("phieu_khong_hop_le")), _opt(v.get("dong_y_ca_danh_sach")),
                        tuple(m.CandidateCount(k["ma"], k["dong_y"],
                                               m.Src(doc.file, ("bieu_quyet", i, "ket_qua", j)))
                              for j, k in enumerate(v.get("ket_qua") or ())
                              if _complete(k, "ma", "dong_y")
                              and who(("bieu_quyet", i, "ket_qua", j, "ma"), k["ma"])),
                        m.Src(doc.file, ("bieu_quyet", i)))
            for i, v in enumerate(d.get("bieu_quyet") or ())
            if _complete(v, "danh_hieu", "hinh_thuc"))
        def listed(i: int, o: dict[str, Any], key: str) -> tuple[str, ...]:
            return tuple(x for j, x in enumerate(o.get(key) or ())
                         if who(("y_kien_bang_van_ban", i, key, j), x))

        opinions = tuple(
            m.WrittenOpinion(o["ma"], o["danh_hieu"], listed(i, o, "dong_y"),
                             listed(i, o, "khong_dong_y"),
                             m.Src(doc.file, ("y_kien_bang_van_ban", i)))
            for i, o in enumerate(d.get("y_kien_bang_van_ban") or ())
            if _complete(o, "ma", "danh_hieu"))
        counters = tuple(
            m.CouncilMember(k["ma"], k["vai_tro"], True, None)
            for i, k in enumerate(d.get("ban_kiem_phieu") or ())
            if _complete(k, "ma", "vai_tro") and who(("ban_kiem_phieu", i, "ma"), k["ma"]))
        return votes, opinions, counters

    def plan(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        deadlines = tuple(m.Deadline(t["loai"], t["ngay"], _opt(t.get("noi_dung")))
                          for t in d.get("thoi_han") or () if _complete(t, "loai", "ngay"))
        targets = tuple(
            m.Target(_opt(t.get("noi_dung")), t["danh_hieu"], _opt(t.get("doi_tuong")),
                     _opt(t.get("nhom")) or "tất cả", t["so_sanh"], _opt(t.get("ty_le")),
                     _opt(t.get("so_luong")), _opt(t.get("tren")), t["loai"] == "trần",
                     m.Src(doc.file, ("chi_tieu", i)))
            for i, t in enumerate(d.get("chi_tieu") or ())
            if _complete(t, "danh_hieu", "so_sanh", "loai")
            and (_valid(t.get("ty_le")) or _valid(t.get("so_luong"))))
        awards = tuple(
            m.PlanAward(_opt(k.get("danh_hieu")) or award_title(k["hinh_thuc"], k["tham_quyen"]),
                        f"{k['hinh_thuc']} của {k['tham_quyen']}", _opt(k.get("tap_the")),
                        _opt(k.get("ca_nhan")))
            for k in d.get("khen_thuong") or () if _complete(k, "hinh_thuc", "tham_quyen"))
        phases = tuple(p["ma"] for p in d.get("dot_thi_dua") or () if _complete(p, "ma"))
        if _complete(d, "trich_yeu"):
            self.year(doc.year).plans.append(
                m.Plan(_opt(d.get("so_hieu")), _plan_title(d, doc.year), deadlines,
                       m.Src(doc.file, ()),
                       targets, d,
                       _opt(d.get("hinh_thuc")) or vocab.THUONG_XUYEN, _staff_kinds(d),
                       doc.stem, _opt(d.get("ngay_ban_hanh")), awards, phases))

    def policy(self, doc: Doc, d: dict[str, Any]) -> None:
        values = tuple(
            PolicyValue(v["ma"], v["gia_tri"], _opt(v.get("tu_ngay")), _opt(v.get("den_ngay")),
                        v["can_cu"], _opt(v.get("ngay_ban_hanh")),
                        m.Src(doc.file, ("tham_so", i)))
            for i, v in enumerate(d.get("tham_so") or ())
            if _complete(v, "ma", "can_cu") and "gia_tri" in v and v["gia_tri"] is not INVALID)
        if _complete(d, "ten"):
            self.repo.policy = Policy(d["ten"], values, m.Src(doc.file, ()))


def award_title(form: str, authority: str) -> str | None:
    """The catalogue title of a plan's award form ("Bằng khen" of "Chủ tịch Ủy ban nhân dân
    tỉnh" is "Bằng khen cấp tỉnh"); None when it is not one thidua decides."""
    form_f, who = form.casefold(), authority.casefold()
    if form_f.startswith("giấy khen"):
        return vocab.BY_CODE["GIAY_KHEN"].name
    if not form_f.startswith("bằng khen"):
        return None
    if "thủ tướng" in who:
        return vocab.BY_CODE["BK_TTG"].name
    if "bộ trưởng" in who or who.startswith("bộ "):
        return vocab.BY_CODE["BK_BO"].name
    if "tỉnh" in who or "thành phố trực thuộc" in who:
        return vocab.BY_CODE["BK_TINH"].name
    return None


def _plan_title(plan: dict[str, Any], year: int) -> str:
    """The title as printed: "… chuyên đề “{chu_de}”" with the theme written out."""
    title: str = plan["trich_yeu"]
    return expand(title, facts(plan, year)) if "{" in title else title


def _staff_kinds(plan: dict[str, Any]) -> tuple[str, ...]:
    subjects = plan.get("doi_tuong")
    kinds = subjects.get("loai_nhan_su") if isinstance(subjects, dict) else None
    return tuple(k for k in kinds if _valid(k)) if isinstance(kinds, list) else ()


def _complete(obj: Any, *keys: str) -> bool:
    if not isinstance(obj, dict):
        return False
    for k in keys:
        v = obj.get(k)
        if v is None or v is INVALID:
            return False
    return True


def _opt(value: Any) -> Any:
    return None if value is INVALID else value


def _proposals(raw: Any) -> tuple[tuple[str, ...], tuple[m.ProposalRef, ...]]:
    """(titles, the proposals that name their plan or phase) of a de_nghi list."""
    if not raw or not isinstance(raw, list):
        return (), ()
    titles: list[str] = []
    refs: list[m.ProposalRef] = []
    for i, t in enumerate(raw):
        if isinstance(t, str):
            titles.append(t)
        elif isinstance(t, dict) and _valid(t.get("danh_hieu")):
            titles.append(t["danh_hieu"])
            plan, phase = _opt(t.get("ke_hoach")), _opt(t.get("dot"))
            if plan is not None or phase is not None:
                refs.append(m.ProposalRef(t["danh_hieu"], plan, phase, i))
    return tuple(titles), tuple(refs)


def _votes(raw: Any) -> tuple[m.Vote, ...]:
    if not raw or not isinstance(raw, list):
        return ()
    return tuple(m.Vote(v["danh_hieu"], v["dong_y"], v["tong_so"], _opt(v.get("co_mat")))
                 for v in raw if _complete(v, "danh_hieu", "dong_y", "tong_so"))


KIND_ORDER = ("to_chuc", "chinh_sach", "phap_luat", "nhan_su", "ke_hoach", "dang_ky", "ket_qua",
              "hoi_dong", "khen_thuong")


def build(docs: Iterable[tuple[Doc, Any]]) -> tuple[m.Repository, list[Diagnostic]]:
    """Build one organisation's repository from (doc, cleaned data) pairs."""
    b = Builder()
    ordered = sorted(docs, key=lambda dc: (KIND_ORDER.index(dc[0].kind), dc[0].year or 0,
                                           dc[0].file))
    for doc, cleaned in ordered:
        b.add_document(doc, cleaned)
    return b.repo, b.diags
