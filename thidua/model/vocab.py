"""Controlled vocabulary of the field (names, not legal numbers).

Quotas, ratios and criteria are dated legal data and live in data files (see the rules
layer); this module only fixes the words a data file may use.
"""

from __future__ import annotations

from dataclasses import dataclass

GIOI_TINH = ("nam", "nữ")
LOAI_NHAN_SU = ("công chức", "viên chức", "hợp đồng lao động", "tập sự")
LOAI_DON_VI = ("phòng chuyên môn", "đơn vị sự nghiệp trực thuộc", "phòng tư pháp cấp huyện")
# Annual quality rating of cadres, civil servants and public employees (highest first).
XEP_LOAI = (
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
)
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
