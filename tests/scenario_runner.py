"""Turn a lawyer-readable scenario (tests/scenarios/*.yaml) into a real campaign repository,
load it with the normal loader, and evaluate it.

Scenario keys (Vietnamese, like the data files):
  mo_ta        what the case shows, in words
  nam          campaign year; ngay_xet: the "as of" date (decision date)
  chinh_sach   policy values: [{ma, gia_tri, tu_ngay?}]
  nhan_su      people needing special attributes: [{ma, ngay_tuyen_dung?, lanh_dao?,
               gioi_tinh?, don_vi?, dieu_chuyen?, so_nguoi?}]; others are created with defaults
  ket_qua      {năm: [{ma, xep_loai, don_vi?, so_nguoi?, sang_kien?, ky_luat?, nghi?,
               bieu_quyet?, de_nghi?, dang_xem_xet_ky_luat?}]}
  tap_the      {năm: {đơn vị: {xep_loai, de_nghi?}}}
  da_khen      {năm: {danh hiệu: [mã, ...]}}   titles actually granted in earlier years
  chi_tieu     plan numbers of the campaign year (as in ke_hoach files)
  Expectations:
  che_do       A | B | C
  ket_luan     [{ma, danh_hieu, dat: có | không | chưa rõ, vi?: [tiêu chí chưa đạt]}]
  chan_doan    codes `thidua tally` must report (exactly this set)
  han_muc      [{danh_hieu, toi_da, con_lai}] for the legal cap rows
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml_rs

from thidua.commands.tally import bundled_law
from thidua.commands.validate import load_org
from thidua.diagnostics import Severity
from thidua.rules.eligibility import Evaluator, History
from thidua.rules.legal import LegalContext
from thidua.tally.compute import tally
from thidua.textutil import parse_date
from thidua.yamlout import dumps

DEFAULT_UNIT = "don-vi"
VERDICT = {"có": True, "không": False, "chưa rõ": None}


def load_scenario(path: Path) -> dict[str, Any]:
    return yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)


def _expand(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        n = row.get("so_nguoi")
        if n is None:
            out.append(dict(row))
            continue
        for i in range(1, n + 1):
            r = {k: v for k, v in row.items() if k != "so_nguoi"}
            r["ma"] = f"{row['ma']}{i:02d}"
            out.append(r)
    return out


def write_repository(spec: dict[str, Any], root: Path) -> Path:
    org = root / "campaigns" / "so-thu"
    results = {int(y): _expand(rows) for y, rows in (spec.get("ket_qua") or {}).items()}
    people = {p["ma"]: p for p in _expand(spec.get("nhan_su") or [])}
    latest: dict[str, str] = {}
    for y in sorted(results):
        for r in results[y]:
            latest[r["ma"]] = r.get("don_vi", DEFAULT_UNIT)
            people.setdefault(r["ma"], {"ma": r["ma"]})
    units = {DEFAULT_UNIT, *latest.values(), *(p.get("don_vi", DEFAULT_UNIT)
                                              for p in people.values())}
    for per_year in (spec.get("tap_the") or {}).values():
        units |= set(per_year)
    for p in people.values():
        units |= {t["tu_don_vi"] for t in p.get("dieu_chuyen") or []}
    (org / "nhan_su").mkdir(parents=True)
    (org / "to_chuc.yaml").write_text(dumps({
        "ma": "so-thu", "ten": "Sở Tư pháp", "co_quan_chu_quan": "Ủy ban nhân dân tỉnh Thử",
        "ten_viet_tat": "STP", "dia_danh": "Thử",
        "don_vi": [{"ma": u, "ten": f"Phòng {u}", "loai": "phòng chuyên môn"}
                   for u in sorted(units)]}), encoding="utf-8")
    rosters: dict[str, list[dict[str, Any]]] = {u: [] for u in units}
    for pid, p in sorted(people.items()):
        unit = p.get("don_vi", latest.get(pid, DEFAULT_UNIT))
        leader = p.get("lanh_dao", False)
        entry = {"ma": pid, "ho_ten": f"Người {pid}", "gioi_tinh": p.get("gioi_tinh", "nam"),
                 "chuc_vu": "Trưởng phòng" if leader else "Chuyên viên", "lanh_dao": leader,
                 "loai": "công chức", "ngay_tuyen_dung": p.get("ngay_tuyen_dung", "2010-01-01")}
        if p.get("dieu_chuyen"):
            entry["dieu_chuyen"] = p["dieu_chuyen"]
        rosters[unit].append(entry)
    for unit, rows in rosters.items():
        (org / "nhan_su" / f"{unit}.yaml").write_text(
            dumps({"don_vi": unit, "nhan_su": rows}), encoding="utf-8")
    years = set(results) | {int(y) for y in spec.get("tap_the") or {}}
    for y in sorted(years):
        folder = org / str(y) / "ket_qua"
        folder.mkdir(parents=True)
        per_unit: dict[str, dict[str, Any]] = {}
        for r in results.get(y, []):
            unit = r.get("don_vi", DEFAULT_UNIT)
            row = {k: v for k, v in r.items() if k != "don_vi"}
            per_unit.setdefault(unit, {"don_vi": unit, "ca_nhan": []})["ca_nhan"].append(row)
        for unit, tt in ((spec.get("tap_the") or {}).get(y) or {}).items():
            per_unit.setdefault(unit, {"don_vi": unit, "ca_nhan": []})["tap_the"] = tt
        for unit, doc in per_unit.items():
            (folder / f"{unit}.yaml").write_text(dumps(doc), encoding="utf-8")
    for y, titles in (spec.get("da_khen") or {}).items():
        folder = org / str(y) / "khen_thuong"
        folder.mkdir(parents=True, exist_ok=True)
        for n, (title, ids) in enumerate(titles.items(), 1):
            unit_title = title.startswith(("Tập thể", "Cờ"))
            (folder / f"qd-{n}.yaml").write_text(dumps({
                "so_quyet_dinh": f"{n:02d}/QĐ-STP", "ngay": f"{int(y) + 1}-01-20",
                "nguoi_quyet_dinh": "Giám đốc Sở Tư pháp", "danh_hieu": title,
                "tap_the" if unit_title else "ca_nhan": ids}), encoding="utf-8")
    if spec.get("chinh_sach"):
        (org / "chinh_sach.yaml").write_text(dumps({
            "ten": "Chính sách của kịch bản",
            "tham_so": [{**v, "can_cu": "Kịch bản kiểm thử"} for v in spec["chinh_sach"]]}),
            encoding="utf-8")
    if spec.get("chi_tieu"):
        folder = org / str(spec["nam"]) / "ke_hoach"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ke-hoach.yaml").write_text(dumps({
            "trich_yeu": "Kế hoạch của kịch bản", "chi_tieu": spec["chi_tieu"]}),
            encoding="utf-8")
    return org


class Outcome:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.seen: set[str] = set()
        self.used: set[tuple[str, str]] = set()


def run_scenario(spec: dict[str, Any], root: Path) -> Outcome:
    out = Outcome()
    folder = write_repository(spec, root)
    org = load_org(folder)
    errors = [f"{d.file}:{d.line}: {d.code} {d.message}" for d in org.diagnostics
              if d.severity is Severity.ERROR]
    if errors:
        out.failures += ["dữ liệu kịch bản không hợp lệ:", *errors]
        return out
    law = bundled_law()
    year = int(spec["nam"])
    as_of = parse_date(str(spec["ngay_xet"])) if spec.get("ngay_xet") else date(year + 1, 1, 20)
    ctx = LegalContext(law, org.repo.policy, year, as_of)
    if spec.get("che_do") and ctx.regime != spec["che_do"]:
        out.failures.append(f"chế độ: {ctx.regime}, mong đợi {spec['che_do']}")
    ev = Evaluator(ctx, History(org.repo), detail=True, seen=out.seen)
    units = {u.id for u in org.repo.org.units} if org.repo.org else set()
    for exp in spec.get("ket_luan") or []:
        sid, title = str(exp["ma"]), exp["danh_hieu"]
        v = ev.unit(sid, title) if sid in units else ev.person(sid, title)
        want = VERDICT[exp["dat"]]
        if v.eligible is not want:
            why = "; ".join(f"{c.rule}={c.met}: {c.text}" for c in v.criteria if c.met is not True)
            out.failures.append(f"{sid} / {title}: {v.eligible}, mong đợi {want} ({why})")
        unmet = {c.rule for c in v.criteria if c.met is not True}
        for rule in exp.get("vi") or []:
            if rule not in unmet:
                out.failures.append(f"{sid} / {title}: thiếu lý do {rule} (có: {sorted(unmet)})")
    out.used |= ctx.used
    if "chan_doan" in spec or "han_muc" in spec:
        result = tally(org.repo, law, year, as_of, seen=out.seen)
        assert result.context is not None
        out.used |= result.context.used
        codes = sorted({d.code for d in result.diagnostics})
        if "chan_doan" in spec and codes != sorted(spec["chan_doan"] or []):
            msgs = [f"{d.code} {d.message}" for d in result.diagnostics]
            out.failures.append(f"chẩn đoán {codes}, mong đợi {spec['chan_doan']}: {msgs}")
        for q in spec.get("han_muc") or []:
            rows = [r for r in result.quotas
                    if r.title == q["danh_hieu"] and r.source != "kế hoạch"]
            if not rows or rows[0].allowed != q["toi_da"] or rows[0].headroom != q["con_lai"]:
                got = [(r.allowed, r.headroom) for r in rows]
                out.failures.append(f"hạn mức {q['danh_hieu']}: {got}, mong đợi "
                                    f"({q['toi_da']}, {q['con_lai']})")
    return out
