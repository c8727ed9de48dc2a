"""Validated documents -> :class:`Repository`, checking identities and references.

Pure: takes the cleaned data of every file of one organisation, returns the repository
and the diagnostics (unknown unit or person, duplicate ids, file/unit mismatches).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.diagnostics import DataPath, Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.kinds import KINDS
from thidua.model.schema import INVALID, Ctx
from thidua.textutil import suggestion


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
    cleaned = KINDS[doc.kind].schema.check(doc.data, (), ctx)
    return cleaned, ctx.diagnostics


def _valid(value: Any) -> bool:
    return value is not INVALID and value is not None


class _Builder:
    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []
        self.repo = m.Repository(org=None)
        self.unit_ids: dict[str, m.Unit] = {}
        self.person_src: dict[str, str] = {}  # every declared person id -> its file

    def add(self, code: str, file: str, path: DataPath, **params: Any) -> None:
        self.diags.append(make(code, file, path=path, **params))

    # -- organisation -----------------------------------------------------------------------
    def organisation(self, file: str, d: dict[str, Any]) -> None:
        units: list[m.Unit] = []
        for i, u in enumerate(d["don_vi"] or ()):
            if not isinstance(u, dict) or not _valid(u.get("ma")):
                continue
            unit = m.Unit(u["ma"], u["ten"], u["loai"], u["ten_viet_tat"], u["tu_ngay"],
                          u["den_ngay"], i)
            if unit.id in self.unit_ids:
                self.add("TD203", file, ("don_vi", i, "ma"), ref=unit.id, what="đơn vị",
                         other=file)
                continue
            self.unit_ids[unit.id] = unit
            units.append(unit)
        signers = tuple(
            m.Signer(s["ma"], s["ho_ten"], s["chuc_vu"], s["quyen_han"], s["chuc_vu_cap_truong"],
                     s["tu_ngay"], s["den_ngay"])
            for s in d["nguoi_ky"] if isinstance(s, dict)
        )
        changes = tuple(
            m.NameChange(c["tu_ngay"], c["ten"], c["co_quan_chu_quan"], c["ten_viet_tat"],
                         c["dia_danh"], c["can_cu"])
            for c in d["thay_doi"] if isinstance(c, dict) and _valid(c.get("tu_ngay"))
        )
        names = m.OrgNames(d["ten"], d["co_quan_chu_quan"], d["ten_viet_tat"], d["dia_danh"])
        self.repo.org = m.Organisation(d["ma"], names, changes, tuple(units), signers,
                                       m.Src(file, ()))

    # -- references -------------------------------------------------------------------------
    def unit_ref(self, file: str, path: DataPath, unit: Any) -> bool:
        if not _valid(unit):
            return False
        if unit in self.unit_ids or self.repo.org is None:
            return True
        self.add("TD201", file, path, ref=unit,
                 suggestion=suggestion(unit, self.unit_ids, listing="Các mã đơn vị"))
        return False

    def person_ref(self, file: str, path: DataPath, pid: Any) -> bool:
        if not _valid(pid):
            return False
        if pid in self.person_src:
            return pid in self.repo.people  # invalid records were reported where declared
        self.add("TD202", file, path, ref=pid,
                 suggestion=suggestion(pid, self.person_src, listing="Mã nhân sự")
                 if len(self.person_src) < 5000 else "Kiểm tra mã trong thư mục nhan_su/.")
        return False

    def file_unit(self, doc: Doc, d: dict[str, Any]) -> str | None:
        unit = d.get("don_vi")
        if not self.unit_ref(doc.file, ("don_vi",), unit):
            return None
        if doc.stem != unit:
            self.add("TD204", doc.file, ("don_vi",), stem=doc.stem, unit=unit)
        return str(unit)

    # -- roster -----------------------------------------------------------------------------
    def roster(self, doc: Doc, d: dict[str, Any]) -> None:
        unit = self.file_unit(doc, d)
        people = self.repo.people
        for i, p in enumerate(d["nhan_su"] or ()):
            if not isinstance(p, dict) or not _valid(p.get("ma")):
                continue
            pid = p["ma"]
            if pid in self.person_src:
                self.add("TD203", doc.file, ("nhan_su", i, "ma"), ref=pid, what="nhân sự",
                         other=self.person_src[pid])
                continue
            self.person_src[pid] = doc.file
            if not all(_valid(p.get(k)) for k in ("ho_ten", "gioi_tinh", "chuc_vu", "loai",
                                                  "ngay_tuyen_dung")):
                continue
            transfers = tuple(sorted(
                (m.Transfer(t["tu_don_vi"], t["ngay"], t["quyet_dinh"])
                 for t in p["dieu_chuyen"] if isinstance(t, dict) and _valid(t.get("ngay"))
                 and _valid(t.get("tu_don_vi"))),
                key=lambda t: t.day,
            ))
            for j, t in enumerate(p["dieu_chuyen"]):
                if isinstance(t, dict):
                    self.unit_ref(doc.file, ("nhan_su", i, "dieu_chuyen", j, "tu_don_vi"),
                                  t.get("tu_don_vi"))
            people[pid] = m.Person(
                pid, p["ho_ten"], p["gioi_tinh"], p["chuc_vu"], bool(p["lanh_dao"]),
                p["thu_tu_chuc_vu"], p["loai"], p["ngay_tuyen_dung"], p["ngay_nghi_viec"],
                unit or doc.stem, transfers, m.Src(doc.file, ("nhan_su", i)),
            )

    # -- yearly files -----------------------------------------------------------------------
    def year(self, y: int) -> m.Year:
        return self.repo.years.setdefault(y, m.Year(y))

    def registrations(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        unit = self.file_unit(doc, d)
        yr = self.year(doc.year)
        default_day = d["ngay_dang_ky"]
        for i, r in enumerate(d["tap_the"]):
            if isinstance(r, dict) and unit and _valid(r.get("danh_hieu")):
                day = r["ngay_dang_ky"] or default_day
                if isinstance(day, date):
                    yr.registrations.append(m.Registration(
                        vocab.TAP_THE, unit, unit, (r["danh_hieu"],), day,
                        m.Src(doc.file, ("tap_the", i))))
        seen: dict[str, int] = {}
        for i, r in enumerate(d["ca_nhan"]):
            if not isinstance(r, dict):
                continue
            path = ("ca_nhan", i, "ma")
            if not self.person_ref(doc.file, path, r.get("ma")):
                continue
            if r["ma"] in seen:
                self.add("TD206", doc.file, path, what="Người", ref=r["ma"], where="đăng ký",
                         year=doc.year, other=f"mục {seen[r['ma']] + 1}")
                continue
            seen[r["ma"]] = i
            titles = tuple(t for t in (r["danh_hieu"] or ()) if _valid(t))
            day = r["ngay_dang_ky"] or default_day
            if unit and isinstance(day, date):
                yr.registrations.append(m.Registration(
                    vocab.CA_NHAN, r["ma"], unit, titles, day, m.Src(doc.file, ("ca_nhan", i))))

    def results(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        unit = self.file_unit(doc, d)
        yr = self.year(doc.year)
        tt = d["tap_the"]
        if unit and isinstance(tt, dict) and _valid(tt.get("xep_loai")):
            yr.unit_results[unit] = m.UnitResult(unit, tt["xep_loai"], _votes(tt["bieu_quyet"]),
                                                 m.Src(doc.file, ("tap_the",)))
        for i, r in enumerate(d["ca_nhan"]):
            if not isinstance(r, dict):
                continue
            path = ("ca_nhan", i, "ma")
            if not self.person_ref(doc.file, path, r.get("ma")) or not unit:
                continue
            pid = r["ma"]
            if pid in yr.person_results:
                self.add("TD206", doc.file, path, what="Người", ref=pid, where="kết quả",
                         year=doc.year, other=yr.person_results[pid].src.file)
                continue
            if not _valid(r.get("xep_loai")):
                continue
            yr.person_results[pid] = m.PersonResult(
                pid, unit, r["xep_loai"],
                tuple(m.Initiative(s["ten"], s["loai"], s["quyet_dinh"], s["ngay"], s["pham_vi"])
                      for s in r["sang_kien"] if _complete(s, "ngay", "pham_vi")),
                tuple(m.Discipline(k["hinh_thuc"], k["quyet_dinh"], k["ngay"], k["den_ngay"])
                      for k in r["ky_luat"] if _complete(k, "hinh_thuc", "ngay")),
                tuple(m.Leave(n["loai"], n["tu_ngay"], n["den_ngay"])
                      for n in r["nghi"] if _complete(n, "loai", "tu_ngay", "den_ngay")),
                _votes(r["bieu_quyet"]),
                bool(r["dang_xem_xet_ky_luat"]),
                m.Src(doc.file, ("ca_nhan", i)),
            )

    def awards(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        people = tuple(p for i, p in enumerate(d["ca_nhan"])
                       if self.person_ref(doc.file, ("ca_nhan", i), p))
        units = tuple(u for i, u in enumerate(d["tap_the"])
                      if self.unit_ref(doc.file, ("tap_the", i), u))
        if _complete(d, "ngay", "danh_hieu"):
            self.year(doc.year).awards.append(m.AwardDecision(
                d["so_quyet_dinh"], d["ngay"], d["nguoi_quyet_dinh"], d["danh_hieu"], people,
                units, m.Src(doc.file, ())))

    def plan(self, doc: Doc, d: dict[str, Any]) -> None:
        assert doc.year is not None
        deadlines = tuple(m.Deadline(t["loai"], t["ngay"], t["noi_dung"])
                          for t in d["thoi_han"] if _complete(t, "loai", "ngay"))
        self.year(doc.year).plans.append(
            m.Plan(d["so_hieu"], d["trich_yeu"], deadlines, m.Src(doc.file, ())))


def _complete(obj: Any, *keys: str) -> bool:
    return isinstance(obj, dict) and all(_valid(obj.get(k)) for k in keys)


def _votes(raw: Any) -> tuple[m.Vote, ...]:
    return tuple(m.Vote(v["danh_hieu"], v["dong_y"], v["tong_so"], v["co_mat"])
                 for v in raw or () if _complete(v, "danh_hieu", "dong_y", "tong_so"))


_ORDER = ("to_chuc", "nhan_su", "ke_hoach", "dang_ky", "ket_qua", "khen_thuong")


def build(docs: Iterable[tuple[Doc, Any]]) -> tuple[m.Repository, list[Diagnostic]]:
    """Build one organisation's repository from (doc, cleaned data) pairs.

    Files that failed schema checks at the top level (cleaned is INVALID) are skipped;
    their problems were already reported.
    """
    b = _Builder()
    handlers = {
        "nhan_su": b.roster, "ke_hoach": b.plan, "dang_ky": b.registrations,
        "ket_qua": b.results, "khen_thuong": b.awards,
    }
    ordered = sorted(docs, key=lambda dc: (_ORDER.index(dc[0].kind), dc[0].year or 0,
                                           dc[0].file))
    for doc, cleaned in ordered:
        if not isinstance(cleaned, dict):
            continue
        if doc.kind == "to_chuc":
            if all(_valid(cleaned.get(k)) for k in ("ma", "ten", "co_quan_chu_quan",
                                                      "ten_viet_tat", "dia_danh")):
                b.organisation(doc.file, cleaned)
        else:
            handlers[doc.kind](doc, cleaned)
    return b.repo, b.diags
