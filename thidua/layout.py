"""Folder layout of a campaign repository (shared by the load and model layers)."""

CAMPAIGNS = "campaigns"
ORG_FILE = "to_chuc.yaml"
POLICY_FILE = "chinh_sach.yaml"
LAW_FILE = "phap_luat.yaml"  # the repository's own law data (overlay)
BUNDLED_LAW = "thidua/data/phap_luat.yaml"  # how the law shipped with thidua is named
ROSTER_FOLDER = "nhan_su"
# Folders inside a year folder, one per yearly file kind.
YEARLY_FOLDERS = ("ke_hoach", "dang_ky", "ket_qua", "hoi_dong", "khen_thuong")
# Yearly kinds whose file name must equal the unit id they declare.
PER_UNIT = ("nhan_su", "dang_ky", "ket_qua")
