"""The Excel forms units fill (`thidua forms`) and the office imports (`thidua import`): one
description of their sheets and columns, shared by the writer and the reader.

A form carries an identifier (custom document properties): its kind and version, the
organisation, a fingerprint of the repository, the unit and the year. The reader refuses a
form of another organisation, unit or year, and an older version.

A form also carries the unit's files as they were when it was made (a very hidden sheet, its
hash in the properties): the import merges three ways — what the form was made from, what the
files hold now, what the form says — so that an old form never undoes newer data.
"""

from __future__ import annotations

from typing import NamedTuple

from thidua.model import vocab

KIND = "thidua-bieu-mau"
VERSION = 2

GUIDE = "Hướng dẫn"
REGISTRATION = "Đăng ký"  # also the unit's roster: codes, names, positions (locked)
RESULTS = "Kết quả"
LISTS = "Danh mục"  # hidden: the dropdown lists
BASE = "Gốc"  # very hidden: the unit's files when the form was made (JSON, by kind)
SHEETS = (GUIDE, REGISTRATION, RESULTS, LISTS, BASE)
BASE_CHUNK = 30_000  # characters of the JSON per cell (a cell holds at most 32,767)

MARK = "x"  # a title marked in a column


class Column(NamedTuple):
    key: str  # what the cell holds (see the reader)
    header: str
    width: float
    kind: str  # "text" | "code" | "date" | "int" | "mark" | "list:<name>"


# Lists for dropdowns (data validation), from thidua's catalogues.
LIST_VALUES: dict[str, tuple[str, ...]] = {
    "xep_loai": vocab.XEP_LOAI,
    "pham_vi": vocab.PHAM_VI,
    "ky_luat": vocab.KY_LUAT,
    "nghi": vocab.LOAI_NGHI,
    "mark": (MARK,),
}

# Registration sheet: the unit's own registration above the table.
REG_DATE_CELL = (2, 1)  # B3: the unit's registration date
REG_UNIT_TITLES = ("Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc")
REG_UNIT_FIRST_ROW = 3  # rows 4-5: "x" against each collective title
REG_HEADER_ROW = 6  # row 7 (0-based 6)
PERSON_TITLES_REGISTERED = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                            "Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ")
REG_COLUMNS = (
    Column("stt", "STT", 5, "int"),
    Column("ma", "Mã", 11, "code"),
    Column("ho_ten", "Họ và tên", 26, "text"),
    Column("chuc_vu", "Chức vụ", 22, "text"),
    *(Column(f"dk:{t}", f"Đăng ký {vocab.short_name(t)}", 11, "mark")
      for t in PERSON_TITLES_REGISTERED),
    Column("ngay_dang_ky", "Ngày đăng ký (nếu khác ngày chung)", 14, "date"),
)

# Results sheet: the unit's own result above the table.
RES_UNIT_RATING_CELL = (2, 1)  # B3
RES_UNIT_PROPOSALS = ("Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc", "Giấy khen")
RES_UNIT_FIRST_ROW = 3  # rows 4-6: "x" against each collective proposal
RES_HEADER_ROW = 7  # row 8
PERSON_PROPOSALS = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
                    "Giấy khen", "Bằng khen cấp tỉnh")
RES_COLUMNS = (
    Column("stt", "STT", 5, "int"),
    Column("ma", "Mã", 11, "code"),
    Column("ho_ten", "Họ và tên", 26, "text"),
    Column("xep_loai", "Xếp loại", 26, "list:xep_loai"),
    *(Column(f"dn:{t}", f"Đề nghị {vocab.short_name(t)}", 10, "mark")
      for t in PERSON_PROPOSALS),
    Column("sk_ten", "Sáng kiến (tên)", 30, "text"),
    Column("sk_quyet_dinh", "Quyết định công nhận sáng kiến", 16, "text"),
    Column("sk_ngay", "Ngày công nhận", 13, "date"),
    Column("sk_pham_vi", "Phạm vi sáng kiến", 12, "list:pham_vi"),
    Column("kl_hinh_thuc", "Kỷ luật (hình thức)", 14, "list:ky_luat"),
    Column("kl_quyet_dinh", "Quyết định kỷ luật", 14, "text"),
    Column("kl_ngay", "Ngày kỷ luật", 13, "date"),
    Column("kl_den_ngay", "Kỷ luật đến ngày", 13, "date"),
    Column("ng_loai", "Nghỉ (loại)", 16, "list:nghi"),
    Column("ng_tu_ngay", "Nghỉ từ ngày", 13, "date"),
    Column("ng_den_ngay", "Nghỉ đến ngày", 13, "date"),
    Column("bq_dong_y", "Phiếu đồng ý (CSTĐCS)", 11, "int"),
    Column("bq_tong_so", "Tổng số thành viên Hội đồng", 11, "int"),
    Column("xem_xet", "Đang xem xét kỷ luật", 10, "mark"),
)


def column_letter(index: int) -> str:
    """A, B, …, Z, AA … for a 0-based column index."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_name(row: int, col: int) -> str:
    """"B7" for 0-based (row 6, column 1)."""
    return f"{column_letter(col)}{row + 1}"
