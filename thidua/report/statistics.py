"""The statistical tables a provincial emulation board asks for, computed from what the
repository records: the year's plans (campaigns launched) and its recorded decisions
(<năm>/khen_thuong/, which `thidua record-decision` writes).

The tables follow the layout of biểu 0601, 0602 and 0603.N/BNV-TĐKT (Thông tư 02/2023/TT-BNV)
as the emulation software offices use presents them; the circular's annex itself is not among
the texts thidua holds, so the layout is marked unverified wherever it is printed. Biểu 0604
and 0605 (the bodies and civil servants doing emulation work) need data thidua does not keep.
Pure: the repository in, numbers out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua.model import entities as m
from thidua.model import vocab

FORMS_SOURCE = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
UNVERIFIED = ("Bố cục biểu theo cách các phần mềm thi đua, khen thưởng đang dùng trình bày; "
              "chưa đối chiếu với phụ lục của Thông tư 02/2023/TT-BNV. Kiểm tra lại trước khi "
              "gửi.")


@dataclass(frozen=True)
class Row:
    label: str
    code: str  # "mã số" of the row ("" for a heading)
    unit: str  # "đơn vị tính" ("" when the table has one unit)
    values: tuple[int, ...]  # Tổng số, then each column
    heading: bool = False  # a group heading (bold)


@dataclass(frozen=True)
class Table:
    form: str  # "0601.N/BNV-TĐKT", or "" for a table that is not a BNV form
    title: str
    counted_in: str  # "Đơn vị tính: Phong trào" …
    columns: tuple[str, ...]  # value columns after "Tổng số"
    rows: tuple[Row, ...]
    with_unit: bool  # whether the "Đơn vị tính" column C is shown


@dataclass(frozen=True)
class Counted:
    """One recorded decision and what it contributed."""

    number: str
    day: date
    decided_by: str
    title: str
    people: int
    units: int


@dataclass(frozen=True)
class Statistics:
    year: int
    issuer: str  # the reporting organisation
    parent: str
    reporter: str  # its name with its province: "Sở Tư pháp tỉnh Ninh Thuận"
    tables: tuple[Table, ...]
    decisions: tuple[Counted, ...]
    notes: tuple[str, ...]


STATE = ("BK_TTG", "CSTD_TQ", "CO_CP")
MINISTRY_PROVINCE = (("BK_BO", "BK_TINH"), ("CSTD_BO", "CSTD_TINH"), ("CO_BO", "CO_TINH"))
BASE = ("LDTT", "CSTDCS", "TTLDTT", "TTLDXS", "GIAY_KHEN")

# Who an individual is, for the rows of biểu 0602/0603, from the position in the roster.
HEAD_WORDS = ("giám đốc", "chủ tịch", "bộ trưởng", "thứ trưởng", "tổng cục trưởng",
              "cục trưởng", "vụ trưởng")


def person_group(p: m.Person) -> str:
    """"so" (lãnh đạo cấp vụ, sở và tương đương), "phong" (lãnh đạo khác từ phó phòng trở
    lên) or "truc_tiep" (người trực tiếp công tác)."""
    title = p.title.lower()
    if any(w in title for w in HEAD_WORDS) and p.leader:
        return "so"
    if p.leader or title.startswith(("trưởng", "phó", "chánh")):
        return "phong"
    return "truc_tiep"


def _plan_months(plan: m.Plan) -> int | None:
    """How long a plan's emulation runs, in whole months (phases from first to last day);
    None when it has no phases (a yearly plan runs the year)."""
    doc = plan.document or {}
    phases = [p for p in doc.get("dot_thi_dua") or () if isinstance(p, dict)]
    days = [(p.get("tu_ngay"), p.get("den_ngay")) for p in phases]
    starts = [a for a, _ in days if isinstance(a, date)]
    ends = [b for _, b in days if isinstance(b, date)]
    if not starts or not ends:
        return None
    start, end = min(starts), max(ends)
    return (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day
                                                                     else 0)


def campaigns(plans: list[m.Plan]) -> Table:
    """Biểu 0601.N: the campaigns the organisation launched in the year (its plans), all at
    the level "cơ quan, tổ chức, đơn vị"."""
    n = len(plans)

    def own(k: int) -> tuple[int, ...]:
        return (k, 0, 0, k)

    months = [_plan_months(p) for p in plans]
    spans = [12 if mo is None else mo for mo in months]
    special = sum(1 for p in plans if p.form != vocab.THUONG_XUYEN)
    rows = (
        Row("Tổng số", "01", "", own(n), heading=True),
        Row("1. Chia theo phạm vi tổ chức thi đua", "", "", (), heading=True),
        Row("- Toàn quốc", "02", "", (0, 0, 0, 0)),
        Row("- Bộ, ban, ngành đoàn thể, địa phương", "03", "", (0, 0, 0, 0)),
        Row("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", "04", "",
            (0, 0, 0, 0)),
        Row("- Cơ quan, tổ chức, đơn vị", "05", "", own(n)),
        Row("2. Chia theo thời hạn thi đua", "", "", (), heading=True),
        Row("- Dưới 1 năm", "06", "", own(sum(1 for s in spans if s < 12))),
        Row("- 1 năm", "07", "", own(sum(1 for s in spans if s == 12))),
        Row("- Từ trên 1 năm đến dưới 3 năm", "08", "", own(sum(1 for s in spans
                                                                if 12 < s < 36))),
        Row("- Từ 3 năm đến dưới 5 năm", "09", "", own(sum(1 for s in spans if 36 <= s < 60))),
        Row("- Từ 5 năm trở lên", "10", "", own(sum(1 for s in spans if s >= 60))),
        Row("3. Chia theo phương thức tổ chức phong trào thi đua", "", "", (), heading=True),
        Row("- Thi đua theo chuyên đề (theo đợt)", "11", "", own(special)),
        Row("- Thi đua thường xuyên hằng năm", "12", "", own(n - special)),
    )
    return Table("0601.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA", "Đơn vị tính: Phong trào",
                 ("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
                  "Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh, thành phố trực thuộc "
                  "Trung ương", "Cơ quan, tổ chức, đơn vị"), rows, with_unit=False)


def _awards_table(form: str, title: str, columns: tuple[tuple[str, tuple[str, ...]], ...],
                  repo: m.Repository, decisions: list[m.AwardDecision]) -> Table:
    """Rows by who was recognised (collectives; individuals by their position)."""
    names = [{vocab.BY_CODE[c].name for c in codes} for _, codes in columns]
    units: list[int] = [0] * len(columns)
    groups: dict[str, list[int]] = {g: [0] * len(columns) for g in ("so", "phong",
                                                                      "truc_tiep")}
    for dec in decisions:
        for i, wanted in enumerate(names):
            if dec.title not in wanted:
                continue
            units[i] += len(dec.units)
            for pid in dec.people:
                p = repo.people.get(pid)
                groups[person_group(p) if p is not None else "truc_tiep"][i] += 1

    def line(values: list[int]) -> tuple[int, ...]:
        return (sum(values), *values)

    people = [sum(v) for v in zip(*groups.values(), strict=True)]
    everyone = [a + b for a, b in zip(units, people, strict=True)]
    zero = [0] * len(columns)
    rows = (
        Row("Tổng số", "01", "", line(everyone), heading=True),
        Row("1. Chia theo đối tượng khen thưởng", "", "", (), heading=True),
        Row("- Tập thể", "02", "Tập thể", line(units)),
        Row("Trong đó: Doanh nghiệp", "03", "Doanh nghiệp", line(zero)),
        Row("- Hộ gia đình", "04", "Hộ", line(zero)),
        Row("- Cá nhân", "05", "Người", line(people)),
        Row("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "06", "Người", line(zero)),
        Row("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "07", "Người", line(groups["so"])),
        Row("+ Doanh nhân", "08", "Người", line(zero)),
        Row("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "09", "Người",
            line(groups["phong"])),
        Row("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
            "10", "Người", line(groups["truc_tiep"])),
    )
    return Table(form, title, "", tuple(c for c, _ in columns), rows, with_unit=True)


def statistics(repo: m.Repository, year: int) -> Statistics:
    org = repo.org
    assert org is not None
    names = org.names_on(date(year, 12, 31))
    yr = repo.years.get(year) or m.Year(year)
    decisions = sorted(yr.awards, key=lambda d: (d.day, d.number))
    state = _awards_table(
        "0602.N/BNV-TĐKT", "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        tuple((vocab.BY_CODE[c].name, (c,)) for c in STATE), repo, decisions)
    middle = _awards_table(
        "0603.N/BNV-TĐKT", "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ "
        "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        (("Bằng khen", MINISTRY_PROVINCE[0]), ("Chiến sĩ thi đua cấp bộ, cấp tỉnh",
                                               MINISTRY_PROVINCE[1]),
         ("Cờ thi đua của bộ, ngành, tỉnh", MINISTRY_PROVINCE[2])), repo, decisions)
    base = _awards_table(
        "", "SỐ LƯỢNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG CẤP CƠ SỞ",
        tuple((vocab.BY_CODE[c].name, (c,)) for c in BASE), repo, decisions)
    known = {vocab.BY_CODE[c].name for c in (*STATE, *BASE)} | {
        vocab.BY_CODE[c].name for pair in MINISTRY_PROVINCE for c in pair}
    counted = tuple(Counted(d.number, d.day, d.decided_by, d.title, len(d.people),
                            len(d.units)) for d in decisions if d.title in known)
    notes = (
        f"Số liệu năm thi đua {year}: kế hoạch trong {year}/ke_hoach/ và quyết định đã ghi "
        f"trong {year}/khen_thuong/ (ghi bằng thidua record-decision); mỗi quyết định được "
        "liệt kê ở bảng cuối để đối chiếu.",
        "Cá nhân được chia theo chức vụ trong danh sách nhân sự: Giám đốc, Phó Giám đốc là "
        "lãnh đạo cấp sở; người có chức vụ lãnh đạo khác (trưởng, phó phòng, chánh, phó "
        "chánh văn phòng) là lãnh đạo từ phó phòng trở lên.",
        "Kế hoạch không chia đợt tính là thi đua 1 năm; kế hoạch theo đợt, chuyên đề tính "
        "theo thời gian từ ngày đầu đến ngày cuối các đợt.",
        "Biểu 0604 và 0605 (tổ chức bộ máy, công chức làm công tác thi đua, khen thưởng) "
        "không lập vì kho dữ liệu không có các số liệu đó.",
        UNVERIFIED,
    )
    return Statistics(year, names.name, names.parent, f"{names.name} tỉnh {names.place}"
                      if "tỉnh" not in names.name and "thành phố" not in names.name.lower()
                      else names.name,
                      (campaigns(list(yr.plans)), state, middle, base), counted, notes)
