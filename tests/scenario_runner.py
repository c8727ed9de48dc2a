"""Turn a lawyer-readable scenario (tests/scenarios/*.yaml) into a real campaign repository,
load it with the normal loader, validate it, and decide it.

Scenario keys (Vietnamese, like the data files):
  mo_ta        what the case shows, in words
  nam          campaign year; ngay_xet: the decision date ("as of")
  chinh_sach   policy values: [{ma, gia_tri, tu_ngay?, den_ngay?, ngay_ban_hanh?}]
  phap_luat    the repository's own law file (an overlay), as in phap_luat.yaml
  don_vi       kinds of units other than "phòng chuyên môn": {mã: loại} (e.g. phòng tư pháp
               cấp huyện); co_quan_quan_ly: {mã: tên cơ quan}
  nhan_su      people needing special attributes: [{ma, ngay_tuyen_dung?, lanh_dao?,
               gioi_tinh?, don_vi?, dieu_chuyen?, so_nguoi?}]; others are created with defaults
  ket_qua      {năm: [{ma, xep_loai, don_vi?, so_nguoi?, sang_kien?, ky_luat?, nghi?,
               bieu_quyet?, de_nghi?, dang_xem_xet_ky_luat?, dang_ky?}]}
               dang_ky: the titles registered in the campaign year (default: every individual
               title, so that registration does not decide unless the scenario says so;
               [] = not registered)
  tap_the      {năm: {đơn vị: {xep_loai, de_nghi?, dang_xem_xet_ky_luat?, dang_ky?}}}
  da_khen      {năm: {danh hiệu: [mã, ...]}}   titles actually granted in earlier years
  chi_tieu     plan numbers of the campaign year's regular plan (as in ke_hoach files)
  ke_hoach     other plans of the campaign year: {tên tệp: {hinh_thuc, trich_yeu?, so_hieu?,
               dot_thi_dua?, khen_thuong?}}
  hoi_dong     the council's meeting: {lua_chon: [...], ngay_nhan_ho_so?}
  Expectations:
  che_do       A | B | C | D; or chua_co_quy_dinh when no rules apply on the date
  ket_luan     [{ma, danh_hieu, dat: có | không | chưa rõ | tạm chưa xét, vi?: [tiêu chí]}]
  ket_qua_xet  [{ma, danh_hieu, tap_the?, trang_thai, tham_quyen?}]   the decision step's
               outcome of a proposal (trang_thai as printed: được công nhận, không đủ điều
               kiện, tạm chưa xét, thuộc thẩm quyền cơ quan khác, không được Hội đồng chọn …)
  chan_doan    codes the decision step must report (exactly this set)
  loi_du_lieu  codes `thidua validate` must report as errors (the data is refused)
  han_muc      [{danh_hieu, toi_da, con_lai}] for the legal cap rows
  khong_co_han_muc  [danh hiệu] with no legal cap row (no cap, and none invented)
  in_van_ban   [{danh_hieu, tap_the?, duoc: có | không, loi?: words of the refusal}]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml_rs

from thidua.decide.outcome import EntryStatus
from thidua.decide.year import decide_year
from thidua.diagnostics import Severity
from thidua.library.repository import law_of
from thidua.library.validation import validate_org
from thidua.render.base import DocumentError
from thidua.render.decision import DecisionRequest, build_content
from thidua.rules.criteria import Status
from thidua.rules.eligibility import Evaluator, History
from thidua.rules.legal import LegalContext
from thidua.textutil import parse_date
from thidua.yamlout import dumps

DEFAULT_UNIT = "don-vi"
VERDICT = {"có": Status.MET, "không": Status.NOT_MET, "chưa rõ": Status.UNKNOWN,
           "tạm chưa xét": Status.DEFERRED, "chưa có quy định": Status.NO_LAW}
PERSON_REGISTRATION = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                       "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ"]
UNIT_REGISTRATION = ["Tập thể lao động xuất sắc"]


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


def _write(path: Path, doc: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(doc), encoding="utf-8")


def write_repository(spec: dict[str, Any], root: Path) -> Path:
    org = root / "campaigns" / "so-thu"
    year = int(spec["nam"])
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
    kinds = spec.get("don_vi") or {}
    bodies = spec.get("co_quan_quan_ly") or {}
    units |= set(kinds)
    (org / "nhan_su").mkdir(parents=True)
    unit_rows = []
    for u in sorted(units):
        row = {"ma": u, "ten": f"Phòng {u}", "loai": kinds.get(u, "phòng chuyên môn")}
        if u in bodies:
            row["co_quan_quan_ly"] = bodies[u]
        unit_rows.append(row)
    _write(org / "to_chuc.yaml", {
        "ma": "so-thu", "ten": "Sở Tư pháp", "co_quan_chu_quan": "Ủy ban nhân dân tỉnh Thử",
        "ten_viet_tat": "STP", "dia_danh": "Thử", "don_vi": unit_rows,
        "bo_nganh": "Bộ Tư pháp",
        "can_cu_tham_quyen": [{"can_cu": "Quyết định số 1/2020/QĐ-UBND ngày 02 tháng 01 năm "
                                         "2020 của Ủy ban nhân dân tỉnh Thử (kịch bản)"}],
        "nguoi_ky": [{"ma": "giam-doc", "ho_ten": "Người Ký", "chuc_vu": "Giám đốc"}]})
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
        _write(org / "nhan_su" / f"{unit}.yaml", {"don_vi": unit, "nhan_su": rows})
    years = set(results) | {int(y) for y in spec.get("tap_the") or {}}
    registrations: dict[str, dict[str, Any]] = {}
    for y in sorted(years):
        per_unit: dict[str, dict[str, Any]] = {}
        for r in results.get(y, []):
            unit = r.get("don_vi", DEFAULT_UNIT)
            row = {k: v for k, v in r.items() if k not in ("don_vi", "dang_ky")}
            per_unit.setdefault(unit, {"don_vi": unit, "ca_nhan": []})["ca_nhan"].append(row)
            titles = r.get("dang_ky", PERSON_REGISTRATION)
            if y == year and titles:
                reg = registrations.setdefault(unit, {"don_vi": unit,
                                                      "ngay_dang_ky": f"{year}-01-10"})
                reg.setdefault("ca_nhan", []).append({"ma": r["ma"], "danh_hieu": titles})
        for unit, tt in ((spec.get("tap_the") or {}).get(y) or {}).items():
            per_unit.setdefault(unit, {"don_vi": unit, "ca_nhan": []})["tap_the"] = {
                k: v for k, v in tt.items() if k != "dang_ky"}
            titles = tt.get("dang_ky", UNIT_REGISTRATION)
            if y == year and titles:
                reg = registrations.setdefault(unit, {"don_vi": unit,
                                                      "ngay_dang_ky": f"{year}-01-10"})
                reg["tap_the"] = [{"danh_hieu": t} for t in titles]
        for unit, doc in per_unit.items():
            if not doc["ca_nhan"]:
                del doc["ca_nhan"]
            _write(org / str(y) / "ket_qua" / f"{unit}.yaml", doc)
    for unit, reg in registrations.items():
        _write(org / str(year) / "dang_ky" / f"{unit}.yaml", reg)
    for y, titles in (spec.get("da_khen") or {}).items():
        for n, (title, ids) in enumerate(titles.items(), 1):
            unit_title = title.startswith(("Tập thể", "Cờ"))
            _write(org / str(y) / "khen_thuong" / f"qd-{n}.yaml", {
                "so_quyet_dinh": f"{n:02d}/QĐ-STP", "ngay": f"{int(y) + 1}-01-20",
                "nguoi_quyet_dinh": "Giám đốc Sở Tư pháp", "danh_hieu": title,
                "tap_the" if unit_title else "ca_nhan": ids})
    if spec.get("chinh_sach"):
        _write(org / "chinh_sach.yaml", {
            "ten": "Chính sách của kịch bản",
            "tham_so": [{**v, "can_cu": "Kịch bản kiểm thử"} for v in spec["chinh_sach"]]})
    if spec.get("phap_luat"):
        _write(org / "phap_luat.yaml", spec["phap_luat"])
    if spec.get("chi_tieu"):
        _write(org / str(year) / "ke_hoach" / "ke-hoach.yaml", {
            "trich_yeu": "Kế hoạch của kịch bản", "chi_tieu": spec["chi_tieu"]})
    for name, plan in (spec.get("ke_hoach") or {}).items():
        _write(org / str(year) / "ke_hoach" / f"{name}.yaml",
               {"trich_yeu": f"Kế hoạch {name}", **plan})
    if spec.get("hoi_dong"):
        _write(org / str(year) / "hoi_dong" / "hop-xet.yaml", {
            "ngay": f"{year + 1}-01-10", "dia_diem": "Phòng họp",
            "thanh_vien": [{"ma": "giam-doc", "vai_tro": "Chủ tịch Hội đồng"}],
            **spec["hoi_dong"]})
    return org


class Outcome:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.seen: set[str] = set()
        self.used: set[tuple[str, str]] = set()


def modes_disagree(decision: Any) -> list[str]:
    """The tally's fast verdicts (stopping at the first criterion not met) against the
    verdicts with every criterion (explain): the same status for every person, unit and
    title, and the fast verdict's failed criteria among the detailed one's."""
    out = []
    rows = [(p.id, p.verdicts) for p in decision.people]
    rows += [(u.id, u.verdicts) for u in decision.units]
    for sid, verdicts in rows:
        for title, fast in verdicts.items():
            full = decision.detail(sid, title)
            unmet = {c.rule for c in full.criteria if c.met is not True}
            if fast.status is not full.status or not set(fast.failed) <= unmet | set(
                    full.failed):
                out.append(f"{sid} / {title}: nhanh {fast.status} {fast.failed}, chi tiết "
                           f"{full.status} {sorted(unmet)}")
    return out


def run_scenario(spec: dict[str, Any], root: Path) -> Outcome:
    out = Outcome()
    folder = write_repository(spec, root)
    org = validate_org(folder, keep_years=True)
    errors = sorted({d.code for d in org.diagnostics if d.severity is Severity.ERROR})
    if "loi_du_lieu" in spec:
        if errors != sorted(spec["loi_du_lieu"]):
            out.failures.append(f"lỗi dữ liệu {errors}, mong đợi {spec['loi_du_lieu']}: "
                                + "; ".join(f"{d.code} {d.message}" for d in org.diagnostics))
        return out
    if errors:
        out.failures += ["dữ liệu kịch bản không hợp lệ:",
                         *(f"{d.file}:{d.line}: {d.code} {d.message}" for d in org.diagnostics
                           if d.severity is Severity.ERROR)]
        return out
    law, _ = law_of(org.repo)
    year = int(spec["nam"])
    as_of = parse_date(str(spec["ngay_xet"])) if spec.get("ngay_xet") else date(year + 1, 1, 20)
    ctx = LegalContext(law, org.repo.policy, year, as_of)
    if spec.get("che_do"):
        got = ctx.regime or "chua_co_quy_dinh"
        if got != spec["che_do"]:
            out.failures.append(f"chế độ: {got}, mong đợi {spec['che_do']}")
    units = {u.id for u in org.repo.org.units} if org.repo.org else set()
    if ctx.choice is not None:
        ev = Evaluator(ctx, History(org.repo), detail=True, seen=out.seen)
        for exp in spec.get("ket_luan") or []:
            sid, title = str(exp["ma"]), exp["danh_hieu"]
            v = ev.unit(sid, title) if sid in units else ev.person(sid, title)
            want = VERDICT[exp["dat"]]
            if v.status is not want:
                why = "; ".join(f"{c.rule}={c.met}: {c.text}" for c in v.criteria
                                if c.met is not True)
                out.failures.append(f"{sid} / {title}: {v.status}, mong đợi {want} ({why})")
            unmet = {c.rule for c in v.criteria if c.met is not True}
            for rule in exp.get("vi") or []:
                if rule not in unmet:
                    out.failures.append(f"{sid} / {title}: thiếu lý do {rule} (có: "
                                        f"{sorted(unmet)})")
        out.used |= ctx.used
    decision = decide_year(org.repo, law, year, as_of, seen=out.seen)
    out.used |= decision.context.used
    out.failures += modes_disagree(decision)
    codes = sorted({d.code for d in decision.diagnostics})
    if "chan_doan" in spec and codes != sorted(spec["chan_doan"] or []):
        msgs = [f"{d.code} {d.message}" for d in decision.diagnostics]
        out.failures.append(f"chẩn đoán {codes}, mong đợi {spec['chan_doan']}: {msgs}")
    for q in spec.get("han_muc") or []:
        rows = [r for r in decision.quotas
                if r.title == q["danh_hieu"] and r.source != "kế hoạch"]
        if not rows or rows[0].allowed != q["toi_da"] or rows[0].headroom != q["con_lai"]:
            got_rows = [(r.allowed, r.headroom) for r in rows]
            out.failures.append(f"hạn mức {q['danh_hieu']}: {got_rows}, mong đợi "
                                f"({q['toi_da']}, {q['con_lai']})")
    for title in spec.get("khong_co_han_muc") or []:
        rows = [r for r in decision.quotas if r.title == title and r.source != "kế hoạch"]
        if rows:
            out.failures.append(f"hạn mức {title}: có dòng {rows[0].text}, mong đợi không có")
    for exp in spec.get("ket_qua_xet") or []:
        outcome = decision.outcome(exp["danh_hieu"], bool(exp.get("tap_the")))
        entry = next((e for e in outcome.entries if e.id == str(exp["ma"])), None)
        want_status = EntryStatus(exp["trang_thai"])
        if entry is None or entry.status is not want_status:
            out.failures.append(f"kết quả xét {exp['ma']} / {exp['danh_hieu']}: "
                                f"{entry.status if entry else 'không có đề nghị'}, mong đợi "
                                f"{want_status}")
        elif exp.get("tham_quyen") and (entry.decider is None
                                        or entry.decider.name != exp["tham_quyen"]):
            out.failures.append(f"thẩm quyền {exp['ma']}: "
                                f"{entry.decider.name if entry.decider else None}, mong đợi "
                                f"{exp['tham_quyen']}")
    for exp in spec.get("in_van_ban") or []:
        req = DecisionRequest(exp["danh_hieu"], collective=exp.get("tap_the"))
        try:
            build_content(decision, req)
            refused = None
        except DocumentError as exc:
            refused = str(exc)
        if (refused is None) != (exp["duoc"] == "có"):
            out.failures.append(f"in {exp['danh_hieu']}: "
                                f"{'từ chối: ' + refused if refused else 'đã in'}, mong đợi "
                                f"{'in được' if exp['duoc'] == 'có' else 'từ chối'}")
        elif refused and exp.get("loi") and exp["loi"] not in refused:
            out.failures.append(f"in {exp['danh_hieu']}: lời từ chối \"{refused}\" thiếu "
                                f"\"{exp['loi']}\"")
    return out
