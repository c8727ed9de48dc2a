"""Benchmarks for `make bench`: whole-process wall time (median of several runs) and peak
memory of the whole process tree. Figures go to stdout and to a JSON file.

Samples are generated once into build/bench/ and reused (the generator is deterministic).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THIDUA = str(Path(sys.executable).parent / "thidua")


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and its descendants (shared pages counted once)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_once(args: list[str], *, measure_memory: bool = False) -> tuple[float, int, int]:
    """Returns (wall seconds, exit code, peak tree PSS in KB or 0)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "CI": "1"})
    peak = 0
    if measure_memory and Path("/proc/self/smaps_rollup").exists():
        while proc.poll() is None:
            peak = max(peak, _tree_pss_kb(proc.pid))
            time.sleep(0.02)
    code = proc.wait()
    return time.perf_counter() - start, code, peak


def measure(name: str, args: list[str], runs: int, target: float | None,
            *, memory: bool = False, expect_code: int | None = None) -> dict[str, object]:
    times, peaks = [], []
    # Timed runs do not poll memory (polling takes CPU on a 2-core machine); memory is
    # measured in one extra run.
    for i in range(runs + (1 if memory else 0)):
        wall, code, peak = run_once(args, measure_memory=memory and i == runs)
        if code not in ((0, 1) if expect_code is None else (expect_code,)):
            raise SystemExit(f"{name}: exit code {code}")
        if i < runs:
            times.append(wall)
        peaks.append(peak)
    med = statistics.median(times)
    row: dict[str, object] = {
        "name": name, "runs": runs, "median_s": round(med, 3),
        "min_s": round(min(times), 3), "max_s": round(max(times), 3),
        "target_s": target, "ok": None if target is None else med <= target,
    }
    if memory:
        row["peak_pss_mb"] = round(max(peaks) / 1024, 1)
    ok = "" if target is None else ("  OK" if med <= target else "  VƯỢT MỤC TIÊU")
    mem = f", bộ nhớ đỉnh {row['peak_pss_mb']} MB" if memory else ""
    tgt = f" (mục tiêu ≤ {target} s)" if target else ""
    print(f"{name}: trung vị {med:.3f} s [{min(times):.3f}–{max(times):.3f}], "
          f"{runs} lần{tgt}{mem}{ok}", flush=True)
    return row


def ensure_sample(people: int, out: Path) -> Path:
    target = out / f"sample-{people}"
    if not (target / "campaigns").is_dir():
        if target.exists():
            shutil.rmtree(target)
        print(f"Tạo kho mẫu {people} người…", flush=True)
        subprocess.run([THIDUA, "sample", str(target), "--people", str(people),
                        "--years", "2021-2023", "--seed", "1"], check=True,
                       stdout=subprocess.DEVNULL)
    return target


def ensure_big_files(out: Path) -> tuple[Path, Path]:
    """Two copies of the small test repository, each with one 10 MB results file holding
    one problem: a type error deep inside block-style YAML, and an unknown key whose value is
    10 MB of flow-style empty lists."""
    base = ROOT / "tests" / "fixtures" / "base"
    rel = "campaigns/so-mau/2023/ket_qua/van-phong.yaml"
    made = []
    for name in ("big-block", "big-flow"):
        target = out / name
        made.append(target)
        if (target / rel).exists():
            continue
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(base, target)
        text = (target / rel).read_text(encoding="utf-8")
        if name == "big-block":
            entry = ("      - ten: Sáng kiến số {i}\n        quyet_dinh: 15/QĐ-HĐSK\n"
                     "        ngay: 2023-11-10\n        pham_vi: cơ sở\n")
            rows = [entry.format(i=i) for i in range(86_000)]
            rows.append("      - ten: Sáng kiến cuối\n        quyet_dinh: 15/QĐ-HĐSK\n"
                        "        ngay: 2023-11-10\n        pham_vi: [sai]\n")
            text = text.replace("    sang_kien:\n", "    sang_kien:\n" + "".join(rows), 1)
        else:
            text += "rac: [" + "[]," * 3_400_000 + "[]]\n"
        (target / rel).write_text(text, encoding="utf-8")
    return made[0], made[1]


def ensure_dossier_sample(out: Path, proposed: int = 1000) -> Path:
    """A sample in which ``proposed`` people of the department's own units are proposed for
    "Bằng khen cấp tỉnh" in 2023 and qualify (excellent in 2022 and 2023, two initiatives,
    the council's vote): the dossier then holds that many achievement reports."""
    return _edited_copy(lambda: ensure_sample(2 * proposed, out), out / f"dossier-{proposed}",
                        lambda org: _propose_for_dossier(org, proposed))


def _propose_for_dossier(org: Path, proposed: int) -> None:
    import yaml_rs

    from thidua.yamlout import dumps

    units = yaml_rs.loads((org / "to_chuc.yaml").read_text(encoding="utf-8"),
                          parse_datetime=False)["don_vi"]
    own = {u["ma"] for u in units if u.get("loai") != "phòng tư pháp cấp huyện"}
    chosen: set[str] = set()
    for year in (2022, 2023):
        for path in sorted((org / str(year) / "ket_qua").glob("*.yaml")):
            doc = yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)
            if doc["don_vi"] not in own:
                continue
            for row in doc.get("ca_nhan", []):
                if year == 2022 and len(chosen) < proposed:
                    chosen.add(row["ma"])
                if row["ma"] not in chosen:
                    continue
                row["xep_loai"] = "Hoàn thành xuất sắc nhiệm vụ"
                row.pop("ky_luat", None)
                if year == 2023:
                    row["sang_kien"] = [{"ten": f"Sáng kiến số {k} của {row['ma']}",
                                         "quyet_dinh": f"{20 + k}/QĐ-HĐSK",
                                         "ngay": "2023-11-15", "pham_vi": "cơ sở"}
                                        for k in range(3)]
                    row["bieu_quyet"] = [v for v in row.get("bieu_quyet", [])
                                         if v["danh_hieu"] != "Bằng khen cấp tỉnh"] + [
                        {"danh_hieu": "Bằng khen cấp tỉnh", "dong_y": 10, "tong_so": 11,
                         "co_mat": 11}]
                    row["de_nghi"] = [*row.get("de_nghi", []), "Bằng khen cấp tỉnh"]
            unit = doc.get("tap_the") or {}
            if year == 2023 and "Tập thể lao động xuất sắc" in unit.get("de_nghi", []):
                unit["bieu_quyet"] = [{"danh_hieu": "Tập thể lao động xuất sắc", "dong_y": 10,
                                       "tong_so": 11, "co_mat": 11}]
            path.write_text(dumps(doc), encoding="utf-8")
    members = [{"ma": "giam-doc", "vai_tro": "Chủ tịch Hội đồng"},
               {"ma": "pho-giam-doc", "vai_tro": "Phó Chủ tịch Hội đồng"},
               *({"ma": f"NV{k:06d}", "vai_tro": "Ủy viên"} for k in range(1, 9)),
               {"ma": "NV000009", "vai_tro": "Ủy viên, Thư ký Hội đồng"}]
    (org / "2023" / "hoi_dong").mkdir(exist_ok=True)
    (org / "2023" / "hoi_dong" / "phien-hop.yaml").write_text(dumps({
        "ngay": "2024-01-18", "gio_bat_dau": "14 giờ 00", "gio_ket_thuc": "16 giờ 30",
        "dia_diem": "Phòng họp Sở Tư pháp", "thanh_vien": members}), encoding="utf-8")


def ensure_changed_sample(sample: Path, out: Path) -> Path:
    """A copy of ``sample`` in which one person of each unit's 2023 results has another
    rating: importing the forms written from ``sample`` into it changes every unit's results
    file, so the import also works out what changes (in the words of `thidua diff`)."""
    def lower_one_rating(org: Path) -> None:
        for path in sorted((org / "2023" / "ket_qua").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("xep_loai: Hoàn thành tốt nhiệm vụ",
                                         "xep_loai: Hoàn thành nhiệm vụ", 1), encoding="utf-8")
    return _edited_copy(lambda: sample, out / f"{sample.name}-doi", lower_one_rating)


def ensure_meeting_sample(sample: Path, out: Path) -> Path:
    """A copy of ``sample`` with the council's 2023 meeting (eleven members, one absent),
    which votes on "Lao động tiên tiến" by secret ballot as on "Chiến sĩ thi đua cơ sở": the
    ballots list every candidate the data makes eligible."""
    def add_meeting(org: Path) -> None:
        import yaml_rs

        roster = sorted((org / "nhan_su").glob("*.yaml"))[0]
        ids = [p["ma"] for p in yaml_rs.loads(roster.read_text(encoding="utf-8"),
                                              parse_datetime=False)["nhan_su"]][:11]
        roles = ["Chủ tịch Hội đồng", "Ủy viên, Thư ký Hội đồng"] + ["Ủy viên"] * 9
        members = "".join(f"  - ma: {pid}\n    vai_tro: {role}\n"
                          + ("    co_mat: false\n" if i == 10 else "")
                          for i, (pid, role) in enumerate(zip(ids, roles, strict=False)))
        folder = org / "2023" / "hoi_dong"
        folder.mkdir(parents=True, exist_ok=True)
        # Set before the meeting: "Lao động tiên tiến" voted by secret ballot too.
        (folder / "hop-xet.yaml").write_text(
            f"ngay: 2024-01-18\ndia_diem: Phòng họp\nthanh_vien:\n{members}bieu_quyet:\n"
            "  - {danh_hieu: Lao động tiên tiến, hinh_thuc: bỏ phiếu kín}\n", encoding="utf-8")
    return _edited_copy(lambda: sample, out / f"{sample.name}-hop", add_meeting)


def ensure_unknown_codes(out: Path, n: int = 8000) -> Path:
    """The bundled example with ``n`` unknown person codes in one registration file (about
    470 KB): every problem is located and none takes a fuzzy search of its own."""
    def add_unknown(org: Path) -> None:
        path = org / "2023" / "dang_ky" / "van-phong.yaml"
        extra = "".join(f"  - ma: XX{i:06d}\n    danh_hieu: [Lao động tiên tiến]\n"
                        for i in range(n))
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra,
                        encoding="utf-8")

    def example() -> Path:
        target = out / "vi-du"
        if not target.is_dir():
            shutil.copytree(ROOT / "campaigns", target / "campaigns")
        return target
    # (the example holds three organisations: the one with staff lists is edited)
    return _edited_copy(example, out / f"ma-la-{n}",
                        lambda org: add_unknown(org.parent / "stp-ninh-thuan"))


def _edited_copy(source: Callable[[], Path], target: Path, edit: Callable[[Path], None]
                 ) -> Path:
    """``target``: a copy of the sample ``source()`` whose organisation folder ``edit``
    changed; made once (a marker says the copy is complete)."""
    marker = target / ".ready"
    if marker.exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source(), target)
    edit(next((target / "campaigns").iterdir()))
    marker.write_text("", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 200k sample")
    args = parser.parse_args()
    work = args.out.parent / "bench"
    work.mkdir(parents=True, exist_ok=True)
    n = 3 if args.quick else 7
    rows = [
        measure("thidua --help", [THIDUA, "--help"], n, 0.25),
        measure("validate campaigns/ (ví dụ đi kèm)", [THIDUA, "validate", str(ROOT)], n, 0.5),
    ]
    s50 = ensure_sample(50_000, work)
    v50 = measure("validate mẫu 50.000 người × 3 năm", [THIDUA, "validate", str(s50)],
                  3 if args.quick else 5, 2.0, memory=True)
    rows.append(v50)
    big_block, big_flow = ensure_big_files(work)
    rows.append(measure("validate, tệp 10 MB có một lỗi kiểu (định vị dòng)",
                        [THIDUA, "validate", str(big_block)], n, 2.0, memory=True,
                        expect_code=1))
    rows.append(measure("validate, tệp 10 MB dạng [],[],… có một khóa lạ",
                        [THIDUA, "validate", str(big_flow)], n, None, memory=True,
                        expect_code=1))
    rows.append(measure("validate, 8.000 mã nhân sự lạ trong một tệp đăng ký (470 KB)",
                        [THIDUA, "validate", str(ensure_unknown_codes(work))], n, 5.0,
                        expect_code=1))
    forms_dir = work / "bieu-mau-50000"
    rows.append(measure("forms 2023, mẫu 50.000 người",
                        [THIDUA, "forms", "2023", "--repo", str(s50), "-o", str(forms_dir)],
                        3, 5.0, memory=True))
    rows.append(measure("import (--dry-run) 50.000 dòng của các biểu mẫu đó",
                        [THIDUA, "import", *map(str, sorted(forms_dir.glob("*.xlsx"))),
                         "--dry-run", "--repo", str(s50)], 3, 3.0, memory=True))
    changed = ensure_changed_sample(s50, work)
    rows.append(measure("import (--dry-run) các biểu mẫu đó vào kho khác ở mọi đơn vị "
                        "(kèm các thay đổi)",
                        [THIDUA, "import", *map(str, sorted(forms_dir.glob("*.xlsx"))),
                         "--dry-run", "--repo", str(changed)], 3, None, memory=True))
    dossier = ensure_dossier_sample(work)
    rows.append(measure("render-dossier 2023, 1.000 người được đề nghị (không PDF)",
                        [THIDUA, "render-dossier", "2023", "--ngay-xet", "2024-01-20",
                         "--khong-pdf", "--repo", str(dossier), "-o", str(work / "hs.zip")],
                        3, 10.0, memory=True))
    tally = ["tally", "2023", "--ngay-xet", "2024-01-20", "--tom-tat"]
    rows.append(measure("tally 2023 ví dụ đi kèm", [THIDUA, *tally, "--repo", str(ROOT)], n,
                        None))
    t50 = measure("tally 2023 mẫu 50.000 người × 3 năm (--tom-tat)",
                  [THIDUA, *tally, "--repo", str(s50)], 3 if args.quick else 7, 3.0,
                  memory=True)
    rows.append(t50)
    rows.append(measure("tally 2023 mẫu 50.000 người, xuất JSON từng người",
                        [THIDUA, *tally[:-1], "-f", "json", "-o", str(work / "t.json"),
                         "--repo", str(s50)], 3, None))
    # A decision whose annex lists about 5,000 people (and about 20,000: linearity).
    decision = ["render-decision", "2023", "--ngay-xet", "2024-01-20"]
    s6 = ensure_sample(6_000, work)
    d5 = measure("render-decision, phụ lục ~4.800 người (mẫu 6.000)",
                 [THIDUA, *decision, "--repo", str(s6), "-o", str(work / "qd5.docx")],
                 3 if args.quick else 7, 1.0, memory=True)
    rows.append(d5)
    if not args.quick:
        s24 = ensure_sample(24_000, work)
        d20 = measure("render-decision, phụ lục ~19.000 người (mẫu 24.000)",
                      [THIDUA, *decision, "--repo", str(s24), "-o", str(work / "qd20.docx")],
                      5, None, memory=True)
        ratio = float(d20["median_s"]) / float(d5["median_s"])  # type: ignore[arg-type]
        print(f"render-decision: tỉ lệ thời gian ~19.000 / ~4.800 = {ratio:.2f} (≤ 4,5)"
              f"{'  OK' if ratio <= 4.5 else '  VƯỢT'}")
        rows += [d20, {"name": "linearity render-decision", "ratio": round(ratio, 2),
                       "target": 4.5, "ok": ratio <= 4.5}]
    meeting = ensure_meeting_sample(ensure_sample(260, work), work)
    rows.append(measure("render-ballots, mẫu 260 người (~200 người được bỏ phiếu, 10 bản mỗi "
                        "phiếu)",
                        [THIDUA, "render-ballots", "2023", "--ngay-xet", "2024-01-20",
                         "--repo", str(meeting), "-o", str(work / "pb.docx")], n, 1.0))
    # The longest seed plan (Ninh Bình 2022, about 5,000 words) rendered to .docx.
    plan = ROOT / "campaigns" / "stp-ninh-binh" / "2022" / "ke_hoach" / "ke-hoach-thi-dua-2022.yaml"
    rows.append(measure("render-plan, kế hoạch dài nhất (Ninh Bình 2022)",
                        [THIDUA, "render-plan", str(plan), "--repo", str(ROOT), "-o",
                         str(work / "ke-hoach.docx")], n, 1.0))
    if not args.quick:
        s200 = ensure_sample(200_000, work)
        v200 = measure("validate mẫu 200.000 người × 3 năm", [THIDUA, "validate", str(s200)],
                       3, None, memory=True)
        t200 = measure("tally 2023 mẫu 200.000 người × 3 năm (--tom-tat)",
                       [THIDUA, *tally, "--repo", str(s200)], 3, None, memory=True)
        rows += [v200, t200]
        for name, big, small in (("validate", v200, v50), ("tally", t200, t50)):
            ratio = float(big["median_s"]) / float(small["median_s"])  # type: ignore[arg-type]
            # The memory target (≤ 1.5 GB at 200,000 people) is set for validate.
            mem_ok = (float(big["peak_pss_mb"]) <= 1536  # type: ignore[arg-type]
                      if name == "validate" else None)
            verdict = "" if mem_ok is None else f" (≤ 1.536 MB: {'OK' if mem_ok else 'VƯỢT'})"
            print(f"{name}: tỉ lệ thời gian 200.000 / 50.000 = {ratio:.2f} (tuyến tính: ≤ 4,5)"
                  f"{'  OK' if ratio <= 4.5 else '  VƯỢT'}; bộ nhớ đỉnh 200.000 người "
                  f"{big['peak_pss_mb']} MB{verdict}")
            rows.append({"name": f"linearity {name} 200k/50k", "ratio": round(ratio, 2),
                         "target": 4.5, "ok": ratio <= 4.5 and mem_ok is not False,
                         "memory_ok": mem_ok})
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()},
              "results": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    print(f"Đã ghi {args.out}")
    return 0 if all(r.get("ok") is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
