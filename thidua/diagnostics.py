"""Diagnostics: the one value type every layer uses to report a problem in the data.

A diagnostic is created with a stable code from :data:`CODES`; the registry holds the
severity, the Vietnamese message and the hint, so wording lives in one place and the
README's list of codes is generated from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

PathPart = str | int
DataPath = tuple[PathPart, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "lỗi" if self is Severity.ERROR else "cảnh báo"


@dataclass(frozen=True, slots=True)
class CodeSpec:
    code: str
    severity: Severity
    title: str
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str
    message: str
    hint: str
    line: int | None = None
    column: int | None = None
    legal_ref: str | None = None
    # Where in the parsed data the problem is; used to find line/column lazily.
    path: DataPath | None = field(default=None, compare=False)

    def located(self, line: int | None, column: int | None) -> Diagnostic:
        return replace(self, line=line, column=column)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


def _spec(code: str, sev: Severity, title: str, message: str, hint: str) -> CodeSpec:
    return CodeSpec(code, sev, title, message, hint)


E, W = Severity.ERROR, Severity.WARNING

# Stable codes. Never renumber: users grep CI logs and suppress by code.
_SPECS = [
    # --- TD0xx: reading and parsing files -------------------------------------------------
    _spec("TD001", E, "Cú pháp YAML không hợp lệ", "Cú pháp YAML không hợp lệ: {detail}",
          "Kiểm tra thụt lề, dấu hai chấm và dấu ngoặc ở dòng này hoặc dòng ngay trên."),
    _spec("TD002", E, "Thụt lề bằng ký tự tab",
          "Dòng thụt lề bằng ký tự tab; YAML chỉ cho phép dấu cách",
          "Thay mỗi tab bằng dấu cách (thường là 2 dấu cách một cấp)."),
    _spec("TD003", E, "Khóa bị trùng", "Khóa \"{key}\" xuất hiện hai lần trong cùng một khối",
          "Xóa hoặc đổi tên một trong hai dòng; giá trị sau sẽ không ghi đè giá trị trước."),
    _spec("TD004", E, "Tệp rỗng", "Tệp rỗng hoặc chỉ có chú thích",
          "Điền nội dung theo mẫu trong README hoặc xóa tệp này."),
    _spec("TD005", E, "Tệp không phải UTF-8",
          "Tệp không được mã hóa UTF-8 (có thể là Windows-1258 hoặc TCVN3): {detail}",
          "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 (không BOM)."),
    _spec("TD006", W, "Tệp có BOM", "Tệp bắt đầu bằng dấu BOM (UTF-8 with BOM); đã bỏ qua dấu này",
          "Lưu lại tệp với bảng mã \"UTF-8\" (không BOM)."),
    _spec("TD007", E, "Bí danh YAML mở rộng quá giới hạn",
          "Tệp dùng bí danh (alias) YAML mở rộng quá giới hạn cho phép: {detail}",
          "Không dùng &neo/*bí danh lồng nhau; viết trực tiếp dữ liệu."),
    _spec("TD008", E, "Tệp quá lớn", "Tệp dài {size} MB, vượt giới hạn {limit} MB cho một tệp",
          "Chia dữ liệu theo đơn vị (mỗi đơn vị một tệp) như cấu trúc trong README."),
    _spec("TD009", W, "Văn bản chưa chuẩn hóa NFC",
          "Văn bản tiếng Việt ở dạng tổ hợp (NFD); đã chuẩn hóa sang NFC để kiểm tra",
          "Lưu lại tệp ở dạng Unicode dựng sẵn (NFC), ví dụ bằng bộ gõ Unikey với bảng mã "
          "Unicode."),
    _spec("TD010", W, "Tệp không thuộc loại nào",
          "Không biết tệp này thuộc loại dữ liệu nào nên không kiểm tra",
          "Đặt tệp đúng thư mục: {expected}."),
    _spec("TD011", E, "Không đọc được tệp", "Không đọc được tệp: {detail}",
          "Kiểm tra đường dẫn và quyền đọc tệp."),
    _spec("TD012", E, "Nhiều tài liệu YAML trong một tệp",
          "Tệp chứa nhiều tài liệu YAML (ngăn cách bởi ---)",
          "Mỗi tệp chỉ chứa một tài liệu; tách phần sau dấu --- sang tệp khác."),
    _spec("TD013", E, "Thiếu tệp tổ chức", "Thư mục tổ chức thiếu tệp to_chuc.yaml",
          "Tạo tệp to_chuc.yaml theo mẫu trong README."),
    _spec("TD014", E, "Không tìm thấy dữ liệu", "Không tìm thấy dữ liệu thi đua tại đường dẫn này",
          "Chỉ đường dẫn tới thư mục chứa campaigns/, một thư mục tổ chức hoặc một tệp .yaml."),
    _spec("TD015", E, "Tệp chứa ký tự điều khiển",
          "Tệp chứa ký tự điều khiển {char} (không in được); phần sau ký tự đó có thể bị bỏ qua "
          "và git coi tệp là tệp nhị phân",
          "Xóa ký tự đó (thường do sao chép từ phần mềm khác), rồi lưu lại tệp dạng văn bản "
          "UTF-8."),
    # --- TD1xx: schema --------------------------------------------------------------------
    _spec("TD101", E, "Khóa không hợp lệ", "Khóa \"{key}\" không có trong mẫu {kind}",
          "{suggestion}"),
    _spec("TD102", E, "Sai kiểu dữ liệu", "\"{field}\" phải là {expected}, nhưng đang là {actual}",
          "Sửa giá trị theo đúng kiểu {expected}."),
    _spec("TD103", E, "Thiếu trường bắt buộc", "Thiếu trường bắt buộc \"{field}\"",
          "Thêm dòng \"{field}: …\" vào khối này."),
    _spec("TD104", E, "Giá trị không nằm trong danh mục",
          "\"{field}\" có giá trị \"{value}\" không nằm trong danh mục",
          "{suggestion}"),
    _spec("TD105", E, "Ngày sai định dạng", "\"{field}\": \"{value}\" không phải là ngày",
          "Viết ngày dạng 2023-01-15 hoặc 15/01/2023."),
    _spec("TD106", E, "Ngày không có thật", "\"{field}\": ngày {value} không có trên lịch",
          "Kiểm tra lại ngày và tháng (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày)."),
    _spec("TD107", E, "Ngày nằm ngoài năm thi đua",
          "\"{field}\": ngày {value} nằm ngoài khoảng cho phép của năm thi đua {year}: "
          "{window}",
          "Kiểm tra năm của ngày, hoặc chuyển bản ghi sang thư mục năm đúng."),
    _spec("TD108", E, "Giá trị số không hợp lệ", "\"{field}\": {detail}",
          "Sửa giá trị số cho hợp lệ."),
    _spec("TD109", E, "Chuỗi rỗng", "\"{field}\" không được để trống",
          "Điền giá trị hoặc xóa dòng nếu trường không bắt buộc."),
    _spec("TD110", E, "Mã không hợp lệ",
          "\"{field}\": mã \"{value}\" không hợp lệ (chỉ gồm chữ Latinh không dấu, số, '-' và '_')",
          "Ví dụ mã hợp lệ: van-phong, NV0001."),
    _spec("TD111", E, "Ký tự không hợp lệ trong giá trị",
          "\"{field}\" chứa {what} ở vị trí {position}; giá trị này in trên một dòng của văn "
          "bản",
          "Xóa ký tự đó; nếu cần nhiều dòng, tách thành nhiều mục của danh sách."),
    _spec("TD112", W, "Tên danh hiệu viết tắt hoặc không dấu",
          "\"{value}\" được hiểu là \"{name}\"",
          "Viết đầy đủ tên trong danh mục: \"{name}\" (văn bản in tên đầy đủ)."),
    # --- TD2xx: references and identity ----------------------------------------------------
    _spec("TD201", E, "Đơn vị không tồn tại", "Không có đơn vị mã \"{ref}\" trong to_chuc.yaml",
          "{suggestion}"),
    _spec("TD202", E, "Người không có trong danh sách nhân sự",
          "Không có người mã \"{ref}\" trong danh sách nhân sự (nhan_su/)",
          "{suggestion}"),
    _spec("TD203", E, "Mã bị trùng", "Mã \"{ref}\" đã dùng cho {what} khác tại {other}",
          "Mỗi {what} cần một mã riêng, không đổi qua các năm."),
    _spec("TD204", E, "Tên tệp không khớp đơn vị",
          "Tệp mang tên \"{stem}\" nhưng khai báo don_vi: \"{unit}\"",
          "Đổi tên tệp thành {unit}.yaml hoặc sửa don_vi, để mỗi đơn vị có một tệp riêng."),
    _spec("TD205", E, "Danh hiệu không áp dụng cho đối tượng",
          "\"{title}\" là {kind_title}, không dùng cho {kind_subject}", "{suggestion}"),
    _spec("TD206", E, "Bản ghi trùng trong năm",
          "{what} \"{ref}\" có hai bản ghi {where} trong năm {year} (lần đầu tại {other})",
          "Gộp hai bản ghi thành một."),
    _spec("TD207", E, "Năm thư mục không hợp lệ", "Thư mục năm \"{name}\" không phải là năm hợp lệ",
          "Đặt tên thư mục năm bằng 4 chữ số, ví dụ 2023."),
    # --- TD3xx: consistency -----------------------------------------------------------------
    # TD301 (CSTĐCS registered without LĐTT) is retired and never reused: the law asks for
    # LĐTT's standard met, not registered, and a registration covers the titles below it.
    _spec("TD302", W, "Đăng ký sau hạn",
          "Ngày đăng ký {value} sau hạn {deadline} của kế hoạch {plan}",
          "Xác nhận với Thường trực Hội đồng Thi đua – Khen thưởng việc nhận đăng ký muộn."),
    _spec("TD303", E, "Khoảng ngày đảo ngược",
          "\"{start_field}\" ({start}) sau \"{end_field}\" ({end})",
          "Kiểm tra lại thứ tự hai ngày."),
    _spec("TD304", W, "Người chưa công tác trong năm",
          "Người mã \"{ref}\" được tuyển dụng ngày {value}, sau năm {year}",
          "Kiểm tra ngày tuyển dụng hoặc xóa bản ghi khỏi năm {year}."),
    _spec("TD305", W, "Bản ghi ở tệp của đơn vị khác",
          "Người mã \"{ref}\" thuộc đơn vị \"{actual}\" vào cuối năm {year}, "
          "nhưng được ghi trong tệp của \"{unit}\"",
          "Chuyển bản ghi sang tệp của đơn vị \"{actual}\" hoặc khai báo điều chuyển "
          "trong nhan_su/."),
    _spec("TD306", E, "Điều chuyển không hợp lệ", "Điều chuyển: {detail}",
          "Mỗi lần điều chuyển ghi đơn vị cũ (tu_don_vi) và ngày chuyển, theo thứ tự thời gian."),
    _spec("TD307", E, "Thẩm quyền ký không khớp chức vụ", "Người ký: {detail}",
          "Theo Nghị định 30/2020/NĐ-CP, \"KT.\" dùng khi cấp phó ký thay cấp trưởng; "
          "cấp trưởng ký trực tiếp không ghi quyền hạn."),
    _spec("TD308", E, "Số, ký hiệu kế hoạch sai thể thức",
          "Số, ký hiệu \"{value}\" không đúng dạng <số>/{kind}-<chữ viết tắt cơ quan>",
          "Ghi như \"05/{kind}-{abbr}\": số (dưới 10 thêm số 0 đứng trước), rồi \"/{kind}-\" "
          "({kind} là Kế hoạch) và {abbr}; không có khoảng trắng."),
    _spec("TD309", E, "Người ký kế hoạch không có trong tổ chức",
          "Không có người ký mã \"{ref}\" trong to_chuc.yaml",
          "Dùng một mã trong phần nguoi_ky của to_chuc.yaml. {suggestion}"),
    _spec("TD310", E, "Tham chiếu không có trong kế hoạch",
          "Lời văn kế hoạch dùng \"{{{ref}}}\" nhưng kế hoạch không khai báo mục đó",
          "Khai báo mục có mã này (ky_niem, dot_thi_dua, thoi_han, chi_tieu, khen_thuong, "
          "doi_tuong, chu_de, khau_hieu…) hoặc sửa tên tham chiếu; {{{{ và }}}} là dấu ngoặc "
          "nhọn thật. {suggestion}"),
    _spec("TD311", E, "Các đợt thi đua chồng lấn",
          "Đợt \"{ref}\" bắt đầu ngày {start}, trước khi đợt \"{other}\" kết thúc ({end})",
          "Ghi các đợt theo thứ tự thời gian; đợt sau bắt đầu từ ngày đợt trước kết thúc trở "
          "đi."),
    _spec("TD312", E, "Thời hạn sai thứ tự",
          "Hạn \"{later}\" ({later_day}) sớm hơn hạn \"{earlier}\" ({earlier_day})",
          "Thứ tự hợp lý: đăng ký thi đua, rồi hồ sơ sáng kiến, rồi hồ sơ khen thưởng. Kiểm "
          "tra lại hai ngày."),
    _spec("TD313", E, "Ký hiệu văn bản không khớp tên loại",
          "{kind} số \"{value}\" không có chữ viết tắt \"{abbr}\" của tên loại",
          "Kiểm tra lại tên loại (loai) hoặc số, ký hiệu (so) của văn bản: {kind} viết tắt là "
          "{abbr}, ví dụ \"12/{abbr}-UBND\"."),
    _spec("TD314", W, "Người đăng ký không thuộc đối tượng của kế hoạch",
          "Người mã \"{ref}\" là {kind}, nhưng kế hoạch {plan} chỉ cho {allowed} đăng ký thi đua",
          "Kiểm tra lại đăng ký, hoặc thêm loại nhân sự này vào doi_tuong.loai_nhan_su của kế "
          "hoạch nếu kế hoạch có nêu."),
    _spec("TD315", W, "Ngày kỷ niệm nằm ngoài đợt thi đua",
          "Ngày kỷ niệm \"{ref}\" năm nay là {value}, ngoài đợt \"{phase}\" ({start} - {end}) "
          "chào mừng nó",
          "Chuyển ngày kỷ niệm sang đợt chứa nó, hoặc kiểm tra ngay_goc và nam của ngày kỷ "
          "niệm."),
    _spec("TD316", W, "Nơi nhận thiếu dòng Lưu",
          "Dòng cuối của Nơi nhận là \"{value}\", không phải \"Lưu: VT, …\"",
          "Thêm dòng cuối \"Lưu: VT, <chữ viết tắt đơn vị soạn thảo>\" (ví dụ \"Lưu: VT, VP\") "
          "vào noi_nhan."),
    _spec("TD317", W, "Thiếu văn bản về thẩm quyền của tổ chức",
          "Tổ chức chưa khai báo văn bản về thẩm quyền (can_cu_tham_quyen): quyết định khen "
          "thưởng sẽ thiếu dòng \"Căn cứ\" về thẩm quyền của người ký",
          "Thêm vào to_chuc.yaml khóa can_cu_tham_quyen, mỗi dòng một văn bản, ví dụ: - can_cu: "
          "Quyết định số …/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh … quy định chức năng, nhiệm vụ, "
          "quyền hạn của Sở …"),
    _spec("TD318", E, "Đăng ký cho người của đơn vị khác",
          "Người mã \"{ref}\" thuộc đơn vị \"{actual}\" vào ngày đăng ký {day}, nhưng được đăng "
          "ký trong tệp của \"{unit}\"",
          "Mỗi đơn vị chỉ đăng ký cho người của mình: chuyển dòng này sang "
          "{year}/dang_ky/{actual}.yaml, hoặc khai báo điều chuyển trong nhan_su/."),
    # --- TD4xx: eligibility, quotas and policy (thidua tally) -------------------------------
    _spec("TD401", E, "Đề nghị không đủ điều kiện",
          "Đề nghị \"{title}\" cho {who} không đủ điều kiện: {reason}", "{fix}"),
    _spec("TD402", E, "Vượt số lượng tối đa",
          "{what}: {actual}, vượt mức tối đa {allowed}", "{fix}"),
    _spec("TD403", W, "Thiếu tham số chính sách",
          "Chưa có giá trị cho \"{param}\" ({description}) áp dụng ngày {day}",
          "Thêm vào chinh_sach.yaml: ma: {param}, gia_tri, can_cu (văn bản, Điều/khoản của bộ, "
          "tỉnh)."),
    _spec("TD404", W, "Chưa đạt chỉ tiêu kế hoạch", "Chỉ tiêu \"{what}\": {actual}, chưa đạt",
          "{fix}"),
    _spec("TD405", E, "Tham số chính sách không hợp lệ", "Tham số \"{param}\": {detail}",
          "{suggestion}"),
    _spec("TD406", W, "Đề nghị chưa xác định được",
          "Đề nghị \"{title}\" cho {who}: chưa đủ dữ liệu để kết luận ({reason})",
          "Bổ sung dữ liệu hoặc để Hội đồng Thi đua – Khen thưởng xem xét."),
    _spec("TD407", E, "Dữ liệu pháp luật không hợp lệ", "Dữ liệu pháp luật: {detail}", "{hint}"),
    _spec("TD408", W, "Đề nghị tạm chưa xét",
          "Đề nghị \"{title}\" cho {who}: tạm chưa xét vì đang bị xem xét kỷ luật, thanh tra, "
          "điều tra", "{fix}"),
    _spec("TD409", W, "Đề nghị thuộc thẩm quyền cơ quan khác",
          "Đề nghị \"{title}\" cho {who} thuộc thẩm quyền của {authority}, không đưa vào văn "
          "bản của tổ chức",
          "Gửi đề nghị này cho cơ quan có thẩm quyền đó, hoặc bỏ khỏi de_nghi; thidua liệt kê "
          "riêng trong tổng hợp."),
    _spec("TD410", E, "Lựa chọn của Hội đồng không hợp lệ", "Lựa chọn của Hội đồng: {detail}",
          "{hint}"),
    _spec("TD411", E, "Đề nghị ghi kế hoạch hoặc đợt không có",
          "Đề nghị \"{title}\" ghi {what} \"{ref}\" nhưng năm {year} không có", "{suggestion}"),
    _spec("TD412", E, "Kết quả biểu quyết không thể có", "Kết quả biểu quyết: {detail}",
          "{hint}"),
    _spec("TD413", W, "Lựa chọn chưa theo nguyên tắc ưu tiên nữ",
          "Hội đồng giữ lại {kept} cho \"{title}\" nhưng không chọn {woman}, cùng {agree} ý "
          "kiến đồng ý",
          "Khi nhiều người cùng đủ điều kiện, tiêu chuẩn, lựa chọn cá nhân nữ; nếu Hội đồng có "
          "lý do khác, ghi lý do trong biên bản họp."),
    # --- TD5xx: Excel and Word files of the units (thidua import) --------------------------
    _spec("TD501", E, "Không đọc được bảng tính", "Không đọc được tệp: {detail}", "{hint}"),
    _spec("TD502", E, "Biểu mẫu không khớp", "Biểu mẫu {detail}",
          "Dùng biểu mẫu mới nhất của đơn vị và năm đó: thidua forms {year} --don-vi {unit}."),
    _spec("TD503", E, "Trang tính bị đổi", "{detail}",
          "Không thêm, xóa, đổi tên trang tính của biểu mẫu; tạo lại biểu mẫu nếu cần."),
    _spec("TD504", E, "Ô chứa công thức",
          "Ô chứa công thức (={formula}); biểu mẫu chỉ nhận giá trị gõ vào",
          "Gõ giá trị vào ô (hoặc sao chép, dán dạng giá trị)."),
    _spec("TD505", E, "Ô gộp trong vùng dữ liệu", "Các ô {cells} bị gộp",
          "Bỏ gộp ô (Merge & Center › Unmerge) và ghi giá trị vào từng ô."),
    _spec("TD506", E, "Dòng ẩn có dữ liệu",
          "Dòng {row} đang ẩn nhưng có dữ liệu; dữ liệu ẩn không được nhập",
          "Hiện dòng đó (Unhide) để kiểm tra, hoặc xóa dữ liệu của nó."),
    _spec("TD507", E, "Giá trị ngoài danh sách chọn",
          "\"{value}\" không có trong danh sách chọn của cột \"{heading}\"",
          "{suggestion}"),
    _spec("TD508", E, "Ngày không đọc được",
          "Ô ngày chứa \"{value}\", không đọc được thành ngày ({detail})",
          "Nhập ngày dạng 15/01/2024 (đủ 4 chữ số năm), hoặc định dạng ô là Ngày."),
    _spec("TD509", E, "Biểu mẫu trống", "Biểu mẫu chưa có dữ liệu nào để nhập",
          "Điền kết quả, đăng ký cho đơn vị rồi gửi lại; hoặc bỏ tệp này khỏi lệnh."),
    _spec("TD510", E, "Không nhận ra cột", "{detail}", "{hint}"),
    _spec("TD511", E, "Số không hợp lệ", "Ô chứa \"{value}\", cần một số nguyên",
          "Gõ số nguyên không âm, ví dụ 9."),
    _spec("TD512", E, "Xung đột với dữ liệu mới hơn",
          "Biểu mẫu ghi \"{mine}\", nhưng {where} đã đổi thành \"{theirs}\" sau khi biểu mẫu "
          "được tạo{since}",
          "Dữ liệu mới hơn được giữ và không tệp nào được ghi. Tạo lại biểu mẫu (thidua forms) "
          "để có dữ liệu mới nhất rồi điền lại ô này, hoặc sửa thẳng tệp YAML."),
    _spec("TD513", E, "Họ tên không khớp mã",
          "Mã {ref} là của \"{roster}\" trong danh sách nhân sự, nhưng dòng này ghi \"{typed}\""
          "{other}",
          "Mỗi dòng là của người có mã ở cột Mã: sửa lại mã cho đúng người, hoặc để nguyên họ "
          "tên mà biểu mẫu đã điền sẵn."),
    _spec("TD514", E, "Dòng chưa có mã",
          "Dòng ghi \"{name}\" nhưng chưa có mã nhân sự{known}",
          "Người mới: thêm vào danh sách nhân sự trước (nhan_su/<đơn vị>.yaml, hoặc thidua "
          "import danh-sach.xlsx --nhan-su --don-vi <mã đơn vị>) để được cấp mã, rồi tạo lại "
          "biểu mẫu; người đã có: ghi mã của họ vào cột Mã."),
    _spec("TD515", E, "Năm đã có quyết định khen thưởng",
          "Biểu mẫu sửa dữ liệu năm {year} của đơn vị {unit}, nhưng năm đó đã có quyết định "
          "khen thưởng {number} cho đơn vị hoặc người của đơn vị (ghi trong {other})",
          "Kết quả năm đã xét là căn cứ của quyết định đã ký: không nhập biểu mẫu cho năm đó. "
          "Nếu thật cần đính chính, sửa thẳng tệp YAML và commit kèm lý do, hoặc nhập lại với "
          "--nam-da-khen-thuong."),
    # --- TD6xx: the record after signing and printing on blanks ------------------------
    _spec("TD601", E, "Quyết định đã được ghi",
          "Quyết định {number} \"{title}\" đã được ghi trong tệp này",
          "Không ghi một quyết định hai lần; nếu cần, sửa trực tiếp tệp đã ghi."),
    _spec("TD602", E, "Số quyết định đã dùng",
          "Số {number} đã dùng năm {year} cho quyết định \"{other}\"",
          "Kiểm tra lại số của quyết định đã ký (--so); mỗi số chỉ dùng cho một quyết định."),
    _spec("TD604", E, "Khen thưởng đã được ghi",
          "{who} đã được ghi khen thưởng \"{title}\" năm {year} theo quyết định {number} "
          "({other})",
          "Mỗi người, tập thể chỉ được ghi một lần cho một danh hiệu trong một năm; bỏ "
          "dòng trùng, hoặc sửa quyết định đã ghi nếu nó sai."),
    _spec("TD603", E, "Vị trí in không hợp lệ", "Ô \"{field}\": {detail}",
          "Đo lại trên phôi (in trang căn chỉnh bằng --can-chinh) và sửa tọa độ, tính bằng "
          "milimét từ mép trái, mép trên của trang."),
]

CODES: dict[str, CodeSpec] = {s.code: s for s in _SPECS}


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def make(
    code: str,
    file: str,
    *,
    path: DataPath | None = None,
    line: int | None = None,
    column: int | None = None,
    legal_ref: str | None = None,
    **params: Any,
) -> Diagnostic:
    """Create a diagnostic from the registry; ``params`` fill the message and hint."""
    spec = CODES[code]
    values = _SafeDict(params)
    return Diagnostic(
        code=code,
        severity=spec.severity,
        file=file,
        message=spec.message.format_map(values),
        hint=spec.hint.format_map(values),
        line=line,
        column=column,
        legal_ref=legal_ref,
        path=path,
    )


# Findings of the decision step that need the decision date (eligibility, quotas, targets,
# the policy in force): validate, which has no date, cannot report them. Every other code
# the tally reports is a finding about the data that validate reports too.
NEEDS_DECISION_DATE = frozenset({"TD401", "TD402", "TD403", "TD404", "TD406", "TD408"})


def count_by_kind(diags: Iterable[Diagnostic]) -> tuple[tuple[int, int], tuple[int, int]]:
    """(errors, warnings) about the data (as validate counts them) and (errors, warnings)
    of the decision itself (:data:`NEEDS_DECISION_DATE`)."""
    data: list[Diagnostic] = []
    decision: list[Diagnostic] = []
    for d in diags:
        (decision if d.code in NEEDS_DECISION_DATE else data).append(d)
    return count(data), count(decision)


def count(diags: Iterable[Diagnostic]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for d in diags:
        if d.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
