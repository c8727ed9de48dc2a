"""The file kinds of a campaign repository and their schemas.

Layout (one folder per organisation, one sub-folder per year)::

    campaigns/<to-chuc>/to_chuc.yaml                 organisation, units, signers
    campaigns/<to-chuc>/nhan_su/<don-vi>.yaml        staff roster of one unit
    campaigns/<to-chuc>/<năm>/dang_ky/<don-vi>.yaml  registrations of one unit
    campaigns/<to-chuc>/<năm>/ket_qua/<don-vi>.yaml  year-end results of one unit
    campaigns/<to-chuc>/<năm>/hoi_dong/<phiên>.yaml  a meeting of the council (minutes)
    campaigns/<to-chuc>/<năm>/khen_thuong/<qđ>.yaml  one decision granting a title/award
    campaigns/<to-chuc>/<năm>/ke_hoach/<kh>.yaml     campaign plan
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thidua.diagnostics import DataPath, PathPart
from thidua.layout import YEARLY_FOLDERS
from thidua.load.law import OVERLAY_SCHEMA
from thidua.load.schema import (
    INVALID,
    AnyValue,
    Bool,
    Ctx,
    Date,
    Enum,
    F,
    Id,
    Int,
    List,
    Node,
    Num,
    Obj,
    Str,
    ordered_dates,
)
from thidua.model import vocab
from thidua.textutil import suggestion


@dataclass
class TitleName(Node):
    """A title or award name from the catalogue, valid for one kind of subject."""

    subject: str | None = None
    description: str = ""
    expected = "tên danh hiệu hoặc hình thức khen thưởng"

    def __post_init__(self) -> None:
        self._names = [t.name for t in vocab.TITLES
                       if self.subject is None or self.subject in t.subjects]
        self._enum = Enum(values=self._names)
        self.exact = self._enum.exact
        self.fast = "enum"

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is str and value not in vocab.TITLE_BY_NAME and len(value) < 200:
            # The abbreviations thidua prints (LĐTT, CSTĐCS …) and spellings without
            # diacritics or with "sỹ" are understood, with a warning to write the name.
            meant = vocab.find_title(value)
            if meant is not None:
                ctx.add("TD112", (*parent, key), value=value, name=meant.name)
                value = meant.name
        if type(value) is str and self.subject is not None:
            title = vocab.TITLE_BY_NAME.get(value)
            if title is not None and self.subject not in title.subjects:
                ctx.add("TD205", (*parent, key), title=value,
                        kind_title=f"danh hiệu cho {' và '.join(title.subjects)}",
                        kind_subject=self.subject,
                        suggestion=suggestion(value, self._names,
                                              listing=f"Danh hiệu cho {self.subject}"))
                return INVALID
        return self._enum.check(value, parent, key, ctx)

    def json_schema(self) -> dict[str, Any]:
        return self._enum.json_schema() | ({"description": self.description}
                                           if self.description else {})


def _votes_within_total(obj: dict[str, Any], path: DataPath, ctx: Ctx) -> None:
    agree, total, present = obj.get("dong_y"), obj.get("tong_so"), obj.get("co_mat")
    if type(agree) is not int or type(total) is not int:
        return  # a missing or invalid count is reported by its own check
    if type(present) is not int:
        present = None
    if agree > total:
        ctx.add("TD108", (*path, "dong_y"), field="dong_y",
                detail=f"số phiếu đồng ý {agree} lớn hơn tổng số thành viên {total}")
    if present is not None and present > total:
        ctx.add("TD108", (*path, "co_mat"), field="co_mat",
                detail=f"số thành viên có mặt {present} lớn hơn tổng số {total}")


# --- to_chuc.yaml -------------------------------------------------------------------------
_DON_VI = Obj("đơn vị", {
    "ma": F(Id(description="Mã đơn vị, không đổi, trùng tên tệp của đơn vị"), required=True),
    "ten": F(Str(description="Tên đầy đủ, ví dụ: Phòng Hành chính tư pháp"), required=True),
    "loai": F(Enum(vocab.LOAI_DON_VI, description="Loại đơn vị"), required=True),
    "ten_viet_tat": F(Str(description="Viết tắt dùng ở dòng \"Lưu: VT, …\"")),
    "tu_ngay": F(Date(description="Ngày thành lập (nếu sau khi có dữ liệu)")),
    "den_ngay": F(Date(description="Ngày giải thể, sáp nhập")),
    "co_quan_quan_ly": F(Str(description="Với đơn vị không thuộc tổ chức (ví dụ phòng tư pháp "
                                         "cấp huyện): cơ quan quản lý, ví dụ Ủy ban nhân dân "
                                         "thành phố Phan Rang - Tháp Chàm")),
}, after=ordered_dates("tu_ngay", "den_ngay"))

_CAN_CU_THAM_QUYEN = Obj("văn bản về thẩm quyền của tổ chức", {
    "can_cu": F(Str(description="Ví dụ: Quyết định số 12/2021/QĐ-UBND ngày … của Ủy ban nhân "
                                "dân tỉnh … quy định chức năng, nhiệm vụ, quyền hạn của Sở Tư "
                                "pháp (không ghi chữ \"Căn cứ\")"), required=True),
    "tu_ngay": F(Date(description="Dùng cho văn bản ký từ ngày này")),
    "den_ngay": F(Date(description="Dùng cho văn bản ký đến ngày này")),
}, after=ordered_dates("tu_ngay", "den_ngay"))

_NGUOI_KY = Obj("người ký", {
    "ma": F(Id(), required=True),
    "ho_ten": F(Str(description="Họ và tên, không ghi học hàm, học vị"), required=True),
    "chuc_vu": F(Str(description="Chức vụ, ví dụ: Phó Giám đốc"), required=True),
    "quyen_han": F(Enum(vocab.QUYEN_HAN,
                        description="Quyền hạn ký: TM., KT., TL., TUQ., Q. (bỏ trống nếu ký "
                                    "trực tiếp)")),
    "chuc_vu_cap_truong": F(Str(description="Chức vụ người đứng đầu khi ký KT./TL./TUQ., "
                                            "ví dụ: Giám đốc")),
    "tu_ngay": F(Date()),
    "den_ngay": F(Date()),
}, after=ordered_dates("tu_ngay", "den_ngay"))

_THAY_DOI = Obj("thay đổi tên, cơ quan chủ quản", {
    "tu_ngay": F(Date(description="Áp dụng cho văn bản từ ngày này"), required=True),
    "ten": F(Str()),
    "co_quan_chu_quan": F(Str()),
    "ten_viet_tat": F(Str()),
    "dia_danh": F(Str()),
    "can_cu": F(Str(description="Văn bản làm căn cứ, ví dụ: Nghị quyết 202/2025/QH15")),
})

TO_CHUC = Obj("to_chuc.yaml", {
    "ma": F(Id(description="Mã tổ chức, trùng tên thư mục"), required=True),
    "ten": F(Str(description="Tên cơ quan ban hành, ví dụ: Sở Tư pháp"), required=True),
    "co_quan_chu_quan": F(Str(description="Cơ quan chủ quản, ví dụ: Ủy ban nhân dân tỉnh "
                                          "Ninh Thuận"), required=True),
    "ten_viet_tat": F(Str(description="Chữ viết tắt trong số, ký hiệu văn bản, ví dụ: STP"),
                      required=True),
    "dia_danh": F(Str(description="Địa danh ghi ở dòng ngày tháng"), required=True),
    "thay_doi": F(List(_THAY_DOI, description="Thay đổi tên, cơ quan chủ quản từ một ngày")),
    "don_vi": F(List(_DON_VI, description="Các đơn vị theo thứ tự chính thức"),
                required=True),
    "nguoi_ky": F(List(_NGUOI_KY)),
    "bo_nganh": F(Str(description="Bộ quản lý ngành, ví dụ: Bộ Tư pháp (tên Bằng khen cấp bộ)")),
    "can_cu_tham_quyen": F(List(_CAN_CU_THAM_QUYEN,
                                description="Văn bản làm căn cứ thẩm quyền của tổ chức, in ở "
                                            "dòng \"Căn cứ\" của quyết định khen thưởng")),
}, description="Tổ chức: cơ quan ban hành, đơn vị trực thuộc và người ký")

# --- nhan_su/<don-vi>.yaml ----------------------------------------------------------------
_DIEU_CHUYEN = Obj("điều chuyển", {
    "tu_don_vi": F(Id(description="Mã đơn vị cũ"), required=True),
    "ngay": F(Date(description="Ngày bắt đầu công tác ở đơn vị của tệp này"), required=True),
    "quyet_dinh": F(Str(description="Số quyết định điều động, luân chuyển")),
})

_NGUOI = Obj("nhân sự", {
    "ma": F(Id(description="Mã nhân sự, ổn định qua các năm"), required=True),
    "ho_ten": F(Str(description="Họ và tên đầy đủ, có dấu"), required=True),
    "gioi_tinh": F(Enum(vocab.GIOI_TINH), required=True),
    "chuc_vu": F(Str(description="Chức vụ hoặc chức danh, ví dụ: Trưởng phòng, Chuyên viên"),
                 required=True),
    "lanh_dao": F(Bool(description="Là lãnh đạo, quản lý")),
    "thu_tu_chuc_vu": F(Int(minimum=1, description="Thứ bậc chức vụ để sắp xếp (1 = cao nhất)")),
    "loai": F(Enum(vocab.LOAI_NHAN_SU), required=True),
    "ngay_tuyen_dung": F(Date(description="Ngày tuyển dụng hoặc bắt đầu hợp đồng"),
                         required=True),
    "ngay_nghi_viec": F(Date(description="Ngày nghỉ hưu, thôi việc, chuyển công tác ra ngoài")),
    "dieu_chuyen": F(List(_DIEU_CHUYEN, description="Các lần chuyển đến đơn vị này từ đơn vị "
                                                    "khác trong tổ chức")),
    "ghi_chu": F(Str(multiline=True)),
}, after=ordered_dates("ngay_tuyen_dung", "ngay_nghi_viec"))

NHAN_SU = Obj("nhan_su/<đơn vị>.yaml", {
    "don_vi": F(Id(description="Mã đơn vị (trùng tên tệp)"), required=True),
    "nhan_su": F(List(_NGUOI), required=True),
}, description="Danh sách nhân sự hiện tại của một đơn vị")

# --- <năm>/dang_ky/<don-vi>.yaml -----------------------------------------------------------
_DK_TAP_THE = Obj("đăng ký của tập thể", {
    "danh_hieu": F(TitleName(vocab.TAP_THE), required=True),
    "ngay_dang_ky": F(Date(window=(0, 0))),
})
_DK_CA_NHAN = Obj("đăng ký của cá nhân", {
    "ma": F(Id(description="Mã nhân sự"), required=True),
    "danh_hieu": F(List(TitleName(vocab.CA_NHAN)), required=True),
    "ngay_dang_ky": F(Date(window=(0, 0))),
})
DANG_KY = Obj("dang_ky/<đơn vị>.yaml", {
    "don_vi": F(Id(), required=True),
    "ngay_dang_ky": F(Date(window=(0, 0), description="Ngày đăng ký chung của đơn vị"),
                      required=True),
    "tap_the": F(List(_DK_TAP_THE)),
    "ca_nhan": F(List(_DK_CA_NHAN)),
}, description="Đăng ký thi đua của một đơn vị trong năm")

# --- <năm>/ket_qua/<don-vi>.yaml -----------------------------------------------------------
_SANG_KIEN = Obj("sáng kiến", {
    "ten": F(Str(description="Tên sáng kiến, đề tài"), required=True),
    "loai": F(Enum(vocab.LOAI_SANG_KIEN)),
    "quyet_dinh": F(Str(description="Số quyết định hoặc giấy xác nhận công nhận"),
                    required=True),
    "ngay": F(Date(window=(0, 1), description="Ngày công nhận"), required=True),
    "pham_vi": F(Enum(vocab.PHAM_VI, description="Phạm vi ảnh hưởng được công nhận"),
                 required=True),
})
_KY_LUAT = Obj("kỷ luật", {
    "hinh_thuc": F(Enum(vocab.KY_LUAT), required=True),
    "quyet_dinh": F(Str(), required=True),
    "ngay": F(Date(window=(0, 1), description="Ngày quyết định kỷ luật"), required=True),
    "den_ngay": F(Date(description="Ngày hết thời hạn kỷ luật")),
}, after=ordered_dates("ngay", "den_ngay"))
_NGHI = Obj("nghỉ", {
    "loai": F(Enum(vocab.LOAI_NGHI), required=True),
    "tu_ngay": F(Date(), required=True),
    "den_ngay": F(Date(), required=True),
}, after=ordered_dates("tu_ngay", "den_ngay"))
_BIEU_QUYET = Obj("biểu quyết của Hội đồng", {
    "danh_hieu": F(TitleName(), required=True),
    "dong_y": F(Int(), required=True),
    "tong_so": F(Int(minimum=1, description="Tổng số thành viên Hội đồng"), required=True),
    "co_mat": F(Int(description="Số thành viên có mặt")),
}, after=_votes_within_total)
@dataclass
class Proposals(Node):
    """de_nghi: each item a title, or {danh_hieu, ke_hoach, dot} naming the plan (or phase)
    the proposal belongs to (unnamed: the year's regular plan)."""

    subject: str | None = None
    description: str = ""
    expected = "danh sách danh hiệu"

    def __post_init__(self) -> None:
        self._title = TitleName(self.subject)
        self._item = Obj("đề nghị", {
            "danh_hieu": F(self._title, required=True),
            "ke_hoach": F(Str(description="Tên tệp kế hoạch (không có .yaml) hoặc số, ký hiệu")),
            "dot": F(Id(description="Mã đợt thi đua của kế hoạch đó")),
        })

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not list:
            return self._wrong_type(value, (*parent, key), ctx)
        path = (*parent, key)
        exact = self._title.exact
        for i, v in enumerate(value):
            if type(v) is str and v in exact:
                continue
            node: Node = self._item if type(v) is dict else self._title
            r = node.check(v, path, i, ctx)
            if r is not v:
                value[i] = r
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._doc({"type": "array", "items": {"anyOf": [
            self._title.json_schema(), self._item.json_schema()]}})


_KQ_CA_NHAN = Obj("kết quả của cá nhân", {
    "ma": F(Id(), required=True),
    "xep_loai": F(Enum(vocab.XEP_LOAI, description="Xếp loại chất lượng trong năm"),
                  required=True),
    "sang_kien": F(List(_SANG_KIEN)),
    "ky_luat": F(List(_KY_LUAT)),
    "nghi": F(List(_NGHI)),
    "bieu_quyet": F(List(_BIEU_QUYET)),
    "dang_xem_xet_ky_luat": F(Bool(description="Đang bị xem xét kỷ luật, thanh tra, điều tra")),
    "de_nghi": F(Proposals(vocab.CA_NHAN,
                           description="Danh hiệu, hình thức khen thưởng đơn vị đề nghị sau bình "
                                       "xét")),
    "ghi_chu": F(Str(multiline=True)),
})
_KQ_TAP_THE = Obj("kết quả của tập thể", {
    "xep_loai": F(Enum(vocab.XEP_LOAI), required=True),
    "de_nghi": F(Proposals(vocab.TAP_THE,
                           description="Danh hiệu, hình thức khen thưởng đề nghị cho tập thể")),
    "bieu_quyet": F(List(_BIEU_QUYET)),
    "dang_xem_xet_ky_luat": F(Bool(description="Tập thể đang bị xem xét kỷ luật, thanh tra, "
                                               "điều tra")),
    "ghi_chu": F(Str(multiline=True)),
})
KET_QUA = Obj("ket_qua/<đơn vị>.yaml", {
    "don_vi": F(Id(), required=True),
    "tap_the": F(_KQ_TAP_THE),
    "ca_nhan": F(List(_KQ_CA_NHAN)),
}, description="Kết quả cuối năm của một đơn vị: xếp loại, sáng kiến, kỷ luật, nghỉ, biểu quyết")

# --- <năm>/khen_thuong/<quyết định>.yaml ---------------------------------------------------
KHEN_THUONG = Obj("khen_thuong/<quyết định>.yaml", {
    "so_quyet_dinh": F(Str(description="Ví dụ: 25/QĐ-STP"), required=True),
    "ngay": F(Date(window=(0, 1), description="Ngày ký quyết định"), required=True),
    "nguoi_quyet_dinh": F(Str(description="Ví dụ: Giám đốc Sở Tư pháp, Chủ tịch UBND tỉnh"),
                          required=True),
    "danh_hieu": F(TitleName(), required=True),
    "ca_nhan": F(List(Id(description="Mã nhân sự"))),
    "tap_the": F(List(Id(description="Mã đơn vị"))),
}, description="Một quyết định công nhận danh hiệu hoặc tặng hình thức khen thưởng")

# --- <năm>/hoi_dong/<phiên họp>.yaml --------------------------------------------------------
_THANH_VIEN = Obj("thành viên Hội đồng", {
    "ma": F(Id(description="Mã nhân sự"), required=True),
    "vai_tro": F(Enum(vocab.VAI_TRO_HOI_DONG, description="Vai trò trong Hội đồng"),
                 required=True),
    "co_mat": F(Bool(description="Có mặt tại phiên họp (mặc định: có)")),
    "ly_do_vang": F(Str(description="Lý do vắng mặt")),
})
_LUA_CHON = Obj("lựa chọn của Hội đồng", {
    "danh_hieu": F(TitleName(), required=True),
    "ke_hoach": F(Str(description="Kế hoạch có số lượng tối đa đó (bỏ trống: kế hoạch thường "
                                  "xuyên)")),
    "giu_lai": F(List(Id(description="Mã nhân sự hoặc mã đơn vị")), required=True),
})
_KIEM_PHIEU_UNG_VIEN = Obj("số phiếu đồng ý của một người, tập thể", {
    "ma": F(Id(description="Mã nhân sự hoặc mã đơn vị được đề nghị"), required=True),
    "dong_y": F(Int(description="Số phiếu (hoặc số thành viên có mặt giơ tay) đồng ý, chưa "
                                "kể ý kiến bằng văn bản"), required=True),
})
_BIEU_QUYET = Obj("biểu quyết một danh hiệu", {
    "danh_hieu": F(TitleName(), required=True),
    "hinh_thuc": F(Enum(vocab.HINH_THUC_BIEU_QUYET, description="Bỏ phiếu kín hoặc giơ tay"),
                   required=True),
    "phieu_phat_ra": F(Int(description="Số phiếu phát ra (bỏ phiếu kín)")),
    "phieu_thu_ve": F(Int(description="Số phiếu thu về")),
    "phieu_hop_le": F(Int(description="Số phiếu hợp lệ")),
    "phieu_khong_hop_le": F(Int(description="Số phiếu không hợp lệ")),
    "dong_y_ca_danh_sach": F(Int(description="Giơ tay: số thành viên có mặt đồng ý cả danh "
                                             "sách")),
    "ket_qua": F(List(_KIEM_PHIEU_UNG_VIEN, description="Số phiếu đồng ý của từng người, tập "
                                                         "thể")),
})
_Y_KIEN = Obj("ý kiến bằng văn bản của thành viên vắng mặt", {
    "ma": F(Id(description="Mã của thành viên Hội đồng vắng mặt"), required=True),
    "danh_hieu": F(TitleName(), required=True),
    "dong_y": F(List(Id(description="Mã nhân sự hoặc mã đơn vị"))),
    "khong_dong_y": F(List(Id(description="Mã nhân sự hoặc mã đơn vị"))),
})
_KIEM_PHIEU_BAN = Obj("thành viên Ban kiểm phiếu", {
    "ma": F(Id(description="Mã của thành viên Hội đồng"), required=True),
    "vai_tro": F(Enum(vocab.VAI_TRO_KIEM_PHIEU), required=True),
})
HOI_DONG = Obj("hoi_dong/<phiên họp>.yaml", {
    "ngay": F(Date(window=(0, 1), description="Ngày họp"), required=True),
    "gio_bat_dau": F(Str(description="Ví dụ: 14 giờ 00")),
    "gio_ket_thuc": F(Str(description="Ví dụ: 16 giờ 30")),
    "dia_diem": F(Str(description="Ví dụ: Phòng họp Sở Tư pháp"), required=True),
    "thanh_vien": F(List(_THANH_VIEN, description="Thành viên Hội đồng theo quyết định thành "
                                                  "lập, kể cả người vắng"), required=True),
    "lua_chon": F(List(_LUA_CHON, description="Khi số đề nghị vượt số lượng tối đa: Hội đồng "
                                              "chọn những ai (biên bản ghi lại)")),
    "ngay_nhan_ho_so": F(Date(window=(0, 1), description="Ngày Thường trực Hội đồng nhận đủ hồ "
                                                         "sơ đề nghị của các đơn vị")),
    "bieu_quyet": F(List(_BIEU_QUYET, description="Hình thức và kết quả biểu quyết từng danh "
                                                  "hiệu (tỉ lệ tính trên tổng số thành viên)")),
    "y_kien_bang_van_ban": F(List(_Y_KIEN, description="Ý kiến bằng văn bản (phiếu lấy ý kiến) "
                                                       "của thành viên vắng mặt")),
    "ban_kiem_phieu": F(List(_KIEM_PHIEU_BAN, description="Ban kiểm phiếu (khi bỏ phiếu kín)")),
}, description="Phiên họp xét thi đua, khen thưởng của Hội đồng Thi đua - Khen thưởng")

# --- <năm>/ke_hoach/<kế hoạch>.yaml -----------------------------------------------------
_MA_THAM_CHIEU = ("Mã để lời văn tham chiếu, ví dụ {thoi_han.dang_ky} (xem README: Lời văn "
                  "tham chiếu dữ liệu)")
_THOI_HAN = Obj("thời hạn", {
    "ma": F(Id(description=_MA_THAM_CHIEU)),
    "loai": F(Enum(vocab.LOAI_THOI_HAN), required=True),
    "ngay": F(Date(window=(0, 1)), required=True),
    "noi_dung": F(Str()),
})
def _one_of_share_or_count(obj: dict[str, Any], path: DataPath, ctx: Ctx) -> None:
    if (obj.get("ty_le") is None) == (obj.get("so_luong") is None):
        ctx.add("TD108", path, field="chi_tieu",
                detail="cần đúng một trong hai: ty_le (phần trăm) hoặc so_luong")


_CHI_TIEU = Obj("chỉ tiêu", {
    "ma": F(Id(description=_MA_THAM_CHIEU)),
    "noi_dung": F(Str(description="Lời văn của kế hoạch, ví dụ: 15% Chiến sĩ thi đua cơ sở")),
    "danh_hieu": F(TitleName(), required=True),
    "doi_tuong": F(Enum((vocab.CA_NHAN, vocab.TAP_THE))),
    "nhom": F(Enum(vocab.NHOM, description="Nhóm cá nhân áp dụng (mặc định: tất cả)")),
    "so_sanh": F(Enum(vocab.SO_SANH), required=True),
    "ty_le": F(Num(maximum=100, description="Phần trăm")),
    "so_luong": F(Int()),
    "tren": F(TitleName(description="Tỉ lệ tính trên số đề nghị danh hiệu này (mặc định: "
                                    "trên tổng số cá nhân hoặc tập thể)")),
    "loai": F(Enum(vocab.LOAI_CHI_TIEU, description="trần: vượt là lỗi; mục tiêu: báo đạt "
                                                    "hay chưa đạt"), required=True),
}, after=_one_of_share_or_count)

def _title_or_text(obj: dict[str, Any], path: DataPath, ctx: Ctx) -> None:
    if (obj.get("tieu_de") is None) == (obj.get("noi_dung") is None):
        ctx.add("TD108", path, field="muc",
                detail="mỗi mục cần đúng một trong hai: tieu_de (tên mục) hoặc noi_dung (đoạn)")


@dataclass
class Sections(Node):
    """The body of a plan: a list whose items are a numbered paragraph (text) or a section
    {tieu_de, doan, muc} with sub-sections of any depth. Numbers come from the structure."""

    description: str = ""
    expected = "danh sách mục (đoạn văn hoặc khối tieu_de/doan/muc)"

    def __post_init__(self) -> None:
        self._section = Obj("mục", {
            "tieu_de": F(Str(description="Tên mục (in đậm), không ghi số thứ tự")),
            "noi_dung": F(Str(description="Hoặc: đoạn có số (không in đậm), kèm các đoạn doan")),
            "doan": F(List(Str(), description="Các đoạn không đánh số ngay dưới tên mục")),
            "muc": F(self),  # sub-sections, numbered automatically
            "doan_cuoi": F(List(Str(), description="Các đoạn không đánh số sau các mục con")),
            "kieu_so": F(Enum(vocab.KIEU_SO, description="Cách đánh số các mục con (mặc "
                                                         "định theo cấp: I, 1, a, -)")),
        }, after=_title_or_text)

    def check(self, value: Any, parent: DataPath, key: PathPart, ctx: Ctx) -> Any:
        if type(value) is not list:
            return self._wrong_type(value, (*parent, key), ctx)
        path = (*parent, key)
        text = Str()
        for i, item in enumerate(value):
            node: Node = self._section if type(item) is dict else text
            r = node.check(item, path, i, ctx)
            if r is not item:
                value[i] = r
        return value

    def json_schema(self, depth: int = 0) -> dict[str, Any]:
        if depth > 6:  # JSON Schema for editors: deep enough for any real plan
            return {"type": "array"}
        section = {"type": "object", "additionalProperties": False,
                   "properties": {"tieu_de": {"type": "string"}, "noi_dung": {"type": "string"},
                                  "doan": {"type": "array", "items": {"type": "string"}},
                                  "muc": self.json_schema(depth + 1),
                                  "kieu_so": {"enum": list(vocab.KIEU_SO)},
                                  "doan_cuoi": {"type": "array", "items": {"type": "string"}}}}
        return self._doc({"type": "array",
                          "items": {"anyOf": [{"type": "string"}, section]}})


_KY_NIEM = Obj("ngày kỷ niệm", {
    "ma": F(Id(description=_MA_THAM_CHIEU), required=True),
    "su_kien": F(Str(description="Ví dụ: Ngày thành lập Đảng Cộng sản Việt Nam"), required=True),
    "ngay_goc": F(Date(description="Ngày của sự kiện gốc, ví dụ 1930-02-03; thidua tính số "
                                   "năm và ngày kỷ niệm"), required=True),
    "chi_thang": F(Bool(description="true: chỉ ghi tháng/năm, ví dụ (07/1981 - 07/2022)")),
    "nam": F(Int(description="Năm kỷ niệm (mặc định: năm của kế hoạch)")),
})

_DOT_THI_DUA = Obj("đợt thi đua", {
    "ma": F(Id(description=_MA_THAM_CHIEU), required=True),
    "ten": F(Str(description="Ví dụ: Đợt thi đua thứ nhất"), required=True),
    "tu_ngay": F(Date(window=(0, 0)), required=True),
    "den_ngay": F(Date(window=(0, 0)), required=True),
    "ky_niem": F(List(Id(), description="Mã các ngày kỷ niệm mà đợt thi đua chào mừng")),
}, after=ordered_dates("tu_ngay", "den_ngay"))

_KHEN_THUONG = Obj("hình thức khen thưởng của kế hoạch", {
    "ma": F(Id(description=_MA_THAM_CHIEU), required=True),
    "hinh_thuc": F(Str(description="Ví dụ: Bằng khen, Giấy khen"), required=True),
    "danh_hieu": F(TitleName(description="Danh hiệu trong danh mục của thidua (bỏ trống: suy ra "
                                         "từ hinh_thuc và tham_quyen)")),
    "tham_quyen": F(Str(description="Người tặng, ví dụ: Chủ tịch Ủy ban nhân dân tỉnh"),
                    required=True),
    "tap_the": F(Int(description="Số tập thể được khen (bỏ trống: không giới hạn)")),
    "ca_nhan": F(Int(description="Số cá nhân được khen (bỏ trống: không giới hạn)")),
})

_DOI_TUONG = Obj("đối tượng thi đua", {
    "tap_the": F(Str(description="Các tập thể thi đua; lời văn gọi bằng {doi_tuong.tap_the}")),
    "ca_nhan": F(Str(description="Các cá nhân thi đua, kể cả người tập sự, hợp đồng nếu có; "
                                 "lời văn gọi bằng {doi_tuong.ca_nhan}")),
    "loai_nhan_su": F(List(Enum(vocab.LOAI_NHAN_SU),
                           description="Loại nhân sự được đăng ký thi đua theo kế hoạch (bỏ "
                                       "trống: mọi loại); đăng ký của loại khác bị cảnh báo")),
})

_VAN_BAN = Obj("văn bản được thực hiện", {
    "loai": F(Str(description="Ví dụ: Kế hoạch, Quyết định"), required=True),
    "so": F(Str(description="Ví dụ: 4424/KH-UBND"), required=True),
    "ngay": F(Date(), required=True),
    "co_quan": F(Str(description="Cơ quan ban hành, ví dụ: UBND tỉnh (bỏ trống nếu văn bản gốc "
                                 "không ghi)")),
    "trich_yeu": F(Str(description="Về việc gì; thidua thêm chữ \"về\" nếu chưa có"),
                   required=True),
})

KE_HOACH = Obj("ke_hoach/<kế hoạch>.yaml", {
    "nguon": F(Str(description="Tệp gốc khi nhập từ văn bản có sẵn")),
    "hinh_thuc": F(Enum(vocab.HINH_THUC_THI_DUA,
                        description="Hình thức thi đua (mặc định: thường xuyên, cả năm)")),
    "so_hieu": F(Str(description="Ví dụ: 05/KH-STP")),
    "ngay_ban_hanh": F(Date(description="Ngày ký (bỏ trống: bản dự thảo)")),
    "trich_yeu": F(Str(), required=True),
    "thuc_hien": F(List(_VAN_BAN, description="Các văn bản mà kế hoạch này thực hiện")),
    "phuong_cham": F(Str(description="Phương châm hành động của phong trào; lời văn gọi bằng "
                                     "{phuong_cham}")),
    "loi_dan": F(Str(description="Phần tiếp của câu \"Thực hiện …, \" (ví dụ: Sở Tư pháp xây "
                                 "dựng Kế hoạch … như sau:)")),
    "chu_de": F(Str(description="Chủ đề của phong trào; lời văn gọi bằng {chu_de}")),
    "khau_hieu": F(Str(description="Khẩu hiệu thi đua; lời văn gọi bằng {khau_hieu}")),
    "mo_dau": F(List(Str(), description="Các đoạn mở đầu, sau phần văn bản được thực hiện")),
    "muc": F(Sections(description="Nội dung kế hoạch theo mục")),
    "ket_thuc": F(Str(description="Câu kết (mặc định: Trên đây là Kế hoạch của …)")),
    "co_cau_ket": F(Bool(description="false: không có câu kết, \"./.\" đặt sau đoạn cuối")),
    "noi_nhan": F(List(Str(), description="Nơi nhận, mỗi dòng một nơi, không ghi dấu gạch "
                                          "đầu dòng")),
    "nguoi_ky": F(Id(description="Mã người ký trong to_chuc.yaml")),
    "thoi_han": F(List(_THOI_HAN)),
    "chi_tieu": F(List(_CHI_TIEU, description="Chỉ tiêu, số lượng khen thưởng của kế hoạch")),
    "doi_tuong": F(_DOI_TUONG),
    "ky_niem": F(List(_KY_NIEM, description="Các ngày kỷ niệm mà phong trào chào mừng")),
    "dot_thi_dua": F(List(_DOT_THI_DUA, description="Các đợt thi đua, theo thứ tự thời gian")),
    "khen_thuong": F(List(_KHEN_THUONG, description="Hình thức khen thưởng, thẩm quyền tặng "
                                                    "và số lượng")),
}, description="Kế hoạch phát động phong trào thi đua của năm")


# --- chinh_sach.yaml (local policy: what the law delegates to the ministry or province) --
_THAM_SO = Obj("tham số chính sách", {
    "ma": F(Id(description="Mã tham số (xem README: Chính sách địa phương)"), required=True),
    "gia_tri": F(AnyValue(description="null: không quy định (ví dụ không giới hạn số lượng)"),
                 required=True, nullable=True),
    "tu_ngay": F(Date(description="Áp dụng từ ngày")),
    "den_ngay": F(Date(description="Áp dụng đến ngày")),
    "can_cu": F(Str(description="Văn bản, Điều/khoản/điểm quy định giá trị này"), required=True),
    "ngay_ban_hanh": F(Date(description="Ngày ban hành văn bản làm căn cứ")),
}, after=ordered_dates("tu_ngay", "den_ngay"))

CHINH_SACH = Obj("chinh_sach.yaml", {
    "ten": F(Str(description="Tên quy chế, quy định của bộ, tỉnh"), required=True),
    "ghi_chu": F(Str(multiline=True)),
    "tham_so": F(List(_THAM_SO), required=True),
}, description="Chính sách thi đua, khen thưởng của bộ, ngành, tỉnh áp dụng cho tổ chức")


@dataclass(frozen=True)
class Kind:
    name: str  # also the JSON Schema file stem
    schema: Obj
    yearly: bool
    per_unit: bool  # file name must equal the unit id it declares


KINDS = {
    k.name: k
    for k in (
        Kind("to_chuc", TO_CHUC, yearly=False, per_unit=False),
        Kind("chinh_sach", CHINH_SACH, yearly=False, per_unit=False),
        Kind("nhan_su", NHAN_SU, yearly=False, per_unit=True),
        Kind("dang_ky", DANG_KY, yearly=True, per_unit=True),
        Kind("ket_qua", KET_QUA, yearly=True, per_unit=True),
        Kind("hoi_dong", HOI_DONG, yearly=True, per_unit=False),
        Kind("khen_thuong", KHEN_THUONG, yearly=True, per_unit=False),
        Kind("ke_hoach", KE_HOACH, yearly=True, per_unit=False),
        Kind("phap_luat", OVERLAY_SCHEMA, yearly=False, per_unit=False),
    )
}
assert {k.name for k in KINDS.values() if k.yearly} == set(YEARLY_FOLDERS)


def json_schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema document per file kind."""
    out = {}
    for kind in KINDS.values():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": f"{kind.name}.schema.json"}
        schema.update(kind.schema.json_schema())
        out[kind.name] = schema
    return out
