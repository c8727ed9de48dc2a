"""Controlled vocabulary of the field (names, not legal numbers).

Quotas, ratios and criteria are dated legal data and live in data files (see the rules
layer); this module only fixes the words a data file may use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

GIOI_TINH = ("nam", "nữ")
LOAI_NHAN_SU = ("công chức", "viên chức", "hợp đồng lao động", "tập sự")
LOAI_DON_VI = ("phòng chuyên môn", "đơn vị sự nghiệp trực thuộc", "phòng tư pháp cấp huyện",
               "cơ quan cấp xã")
# Annual quality rating of cadres, civil servants and public employees (highest first).
XEP_LOAI = (
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
)
# Conditions of "Chiến sĩ thi đua cơ sở" besides "Lao động tiên tiến" (law data: one of them,
# or all of them when the list starts with "ca_hai").
DIEU_KIEN_CSTDCS = ("sáng kiến", "hoàn thành xuất sắc nhiệm vụ", "ca_hai")
LOAI_SANG_KIEN = ("sáng kiến", "đề tài khoa học", "đề án khoa học", "công trình khoa học")
PHAM_VI = ("cơ sở", "cấp tỉnh", "cấp bộ", "toàn quốc")
# Discipline forms, lightest first (Luật Cán bộ, công chức; Luật Viên chức).
KY_LUAT = ("Khiển trách", "Cảnh cáo", "Hạ bậc lương", "Giáng chức", "Cách chức",
           "Buộc thôi việc")
LOAI_NGHI = ("thai sản", "ốm đau", "đào tạo, bồi dưỡng", "điều trị thương tích",
             "nghỉ không lương", "khác")
# Authority prefixes of the signer (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II k7b).
QUYEN_HAN = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
NHOM = ("tất cả", "lãnh đạo", "không lãnh đạo")
SO_SANH = ("<", "<=", ">", ">=", "=")
LOAI_CHI_TIEU = ("trần", "mục tiêu")
VAI_TRO_HOI_DONG = ("Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên",
                    "Ủy viên, Thư ký Hội đồng", "Thư ký Hội đồng")
# How the council votes on a title's proposals.
HINH_THUC_BIEU_QUYET = ("bỏ phiếu kín", "giơ tay")
BO_PHIEU_KIN, GIO_TAY = HINH_THUC_BIEU_QUYET
VAI_TRO_KIEM_PHIEU = ("Trưởng ban", "Thành viên")
HINH_THUC_THI_DUA = ("thường xuyên", "theo đợt", "chuyên đề")
THUONG_XUYEN = HINH_THUC_THI_DUA[0]
# How the items of a plan section are numbered: I., 1., 2.1., a), -, +, "Một là, …".
KIEU_SO = ("I", "1", "1.1", "a", "-", "+", "mot_la")
LOAI_THOI_HAN = ("đăng ký thi đua", "hồ sơ sáng kiến", "hồ sơ khen thưởng", "báo cáo")

CA_NHAN, TAP_THE = "cá nhân", "tập thể"


@dataclass(frozen=True, slots=True)
class Title:
    code: str
    name: str
    subjects: tuple[str, ...]
    is_award: bool = False  # hình thức khen thưởng (vs. danh hiệu thi đua)


TITLES = (
    Title("LDTT", "Lao động tiên tiến", (CA_NHAN,)),
    Title("CSTDCS", "Chiến sĩ thi đua cơ sở", (CA_NHAN,)),
    Title("CSTD_BO", "Chiến sĩ thi đua cấp bộ", (CA_NHAN,)),
    Title("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", (CA_NHAN,)),
    Title("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", (CA_NHAN,)),
    Title("TTLDTT", "Tập thể lao động tiên tiến", (TAP_THE,)),
    Title("TTLDXS", "Tập thể lao động xuất sắc", (TAP_THE,)),
    Title("CO_BO", "Cờ thi đua cấp bộ", (TAP_THE,)),
    Title("CO_TINH", "Cờ thi đua cấp tỉnh", (TAP_THE,)),
    Title("CO_CP", "Cờ thi đua của Chính phủ", (TAP_THE,)),
    Title("GIAY_KHEN", "Giấy khen", (CA_NHAN, TAP_THE), is_award=True),
    Title("BK_BO", "Bằng khen cấp bộ", (CA_NHAN, TAP_THE), is_award=True),
    Title("BK_TINH", "Bằng khen cấp tỉnh", (CA_NHAN, TAP_THE), is_award=True),
    Title("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", (CA_NHAN, TAP_THE), is_award=True),
)
TITLE_BY_NAME = {t.name: t for t in TITLES}
BY_CODE = {t.code: t for t in TITLES}
LDTT = TITLE_BY_NAME["Lao động tiên tiến"]
CSTDCS = TITLE_BY_NAME["Chiến sĩ thi đua cơ sở"]

# Titles of the same kind by height: registering for a higher one covers the lower ones (a
# unit that registered "Tập thể lao động xuất sắc" and falls short may still be recognised
# "Tập thể lao động tiên tiến").
LADDERS = (
    ("LDTT", "CSTDCS", ("CSTD_TINH", "CSTD_BO"), "CSTD_TQ"),
    ("TTLDTT", "TTLDXS", ("CO_TINH", "CO_BO"), "CO_CP"),
)


@cache
def covered_by(title: str) -> frozenset[str]:
    """The names of the titles whose registration covers ``title`` (itself and higher)."""
    code = TITLE_BY_NAME[title].code
    for ladder in LADDERS:
        steps = [s if isinstance(s, tuple) else (s,) for s in ladder]
        for i, step in enumerate(steps):
            if code in step:
                return frozenset(BY_CODE[c].name for s in steps[i:] for c in s)
    return frozenset((title,))


def depends_on(title: str) -> frozenset[str]:
    """The titles whose outcome can change who may receive ``title``: the lower steps of its
    ladder; for a collective title, also its members' titles (70 % "Lao động tiên tiến", a
    "Chiến sĩ thi đua cơ sở" …); for an award, the individual titles it may rest on."""
    code = TITLE_BY_NAME[title].code
    people = [BY_CODE[c].name for s in LADDERS[0][:2] for c in (s if isinstance(s, tuple)
                                                                 else (s,))]
    out: set[str] = set()
    for k, ladder in enumerate(LADDERS):
        steps = [s if isinstance(s, tuple) else (s,) for s in ladder]
        for i, step in enumerate(steps):
            if code in step:
                out.update(BY_CODE[c].name for s in steps[:i] for c in s)
                if k > 0:
                    out.update(people)
    if TITLE_BY_NAME[title].is_award:
        out.update(people)
    return frozenset(out)


def is_emulation_title(title: str) -> bool:
    """A danh hiệu thi đua (registered for), not a hình thức khen thưởng (an award)."""
    return not TITLE_BY_NAME[title].is_award

# The organisation's own units (its head decides their titles); other kinds belong to other
# bodies (a district or commune People's Committee) that the organisation only coordinates.
OWN_UNIT_KINDS = ("phòng chuyên môn", "đơn vị sự nghiệp trực thuộc")

# The abbreviations thidua prints in its tables (and people write), to the catalogue name.
ABBREVIATIONS = {
    "LĐTT": "Lao động tiên tiến", "CSTĐCS": "Chiến sĩ thi đua cơ sở",
    "CSTĐ tỉnh": "Chiến sĩ thi đua cấp tỉnh", "CSTĐ bộ": "Chiến sĩ thi đua cấp bộ",
    "CSTĐ TQ": "Chiến sĩ thi đua toàn quốc", "TTLĐTT": "Tập thể lao động tiên tiến",
    "TTLĐXS": "Tập thể lao động xuất sắc", "GK": "Giấy khen", "BK tỉnh": "Bằng khen cấp tỉnh",
    "BK bộ": "Bằng khen cấp bộ", "BK TTg": "Bằng khen của Thủ tướng Chính phủ",
    "Cờ tỉnh": "Cờ thi đua cấp tỉnh", "Cờ bộ": "Cờ thi đua cấp bộ",
    "Cờ CP": "Cờ thi đua của Chính phủ",
}
_SHORT = {name: abbr for abbr, name in reversed(ABBREVIATIONS.items())}


def short_name(name: str) -> str:
    """The abbreviation thidua prints for a title ("LĐTT"), or the name itself."""
    return _SHORT.get(name, name)


def fold(text: str) -> str:
    """A key that ignores case, diacritics, "sỹ"/"sĩ" and spacing ("Chiến sỹ thi đua cơ
    sở", "chien si thi dua co so" and "CSTĐCS" fold to comparable keys)."""
    import unicodedata

    text = unicodedata.normalize("NFC", text).casefold().replace("sỹ", "sĩ").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return " ".join(text.split())


_FOLDED = {fold(t.name): t for t in TITLES} | {
    fold(a): TITLE_BY_NAME[n] for a, n in ABBREVIATIONS.items()} | {
    fold(a).replace(" ", ""): TITLE_BY_NAME[n] for a, n in ABBREVIATIONS.items()}


def find_title(text: str) -> Title | None:
    """The title a user means by ``text`` (its name in any spelling, or an abbreviation)."""
    key = fold(text)
    return _FOLDED.get(key) or _FOLDED.get(key.replace(" ", ""))
