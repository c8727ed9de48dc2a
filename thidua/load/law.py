"""The law data: its file format, the bundled file (thidua/data/phap_luat.yaml) and a
repository's own overlay (``campaigns/<tổ chức>/phap_luat.yaml``, same format).

An overlay adds or amends legal texts, regimes, selection lines, parameter values and
authorities, and may opt in to unverified regimes. Every problem is a located diagnostic;
the bundled file is checked by the same code (a test keeps it clean).
"""

from __future__ import annotations

from datetime import date
from functools import cache, partial
from importlib import resources
from typing import Any

import yaml_rs

from thidua.diagnostics import DataPath, Diagnostic, make
from thidua.layout import BUNDLED_LAW
from thidua.load.schema import (
    AnyValue,
    Bool,
    Ctx,
    Date,
    Enum,
    F,
    Id,
    Int,
    List,
    Mapping,
    Node,
    Obj,
    Str,
)
from thidua.model import vocab
from thidua.model.entities import Src
from thidua.model.invalid import INVALID
from thidua.model.law import (
    CONFIDENCE,
    DECIDERS,
    POLICY_ONLY,
    ROUNDING,
    Abbreviations,
    Authority,
    Citation,
    Kind,
    Law,
    LegalText,
    Param,
    ParamId,
    ParamValue,
    Regime,
    RegimeRule,
)
from thidua.textutil import suggestion, vn_date

BUNDLED = BUNDLED_LAW
REGIME_CODE = "mã chế độ (chữ in hoa, ví dụ D)"


def _citation() -> Obj:
    return Obj("căn cứ", {
        "van_ban": F(Id(description="Mã văn bản trong van_ban"), required=True),
        "dieu": F(Int(minimum=1, description="Điều")),
        "khoan": F(Int(minimum=1, description="Khoản")),
        "diem": F(Str(description="Điểm (a, b, c, d, đ, e …)")),
        "phan": F(Str(description="Phần khác của văn bản, ví dụ: Mục I Phụ lục III")),
    })


_CAN_CU = List(_citation(), description="Căn cứ: văn bản, Điều, khoản, điểm")


def _text(partial: bool) -> Obj:
    req = not partial
    return Obj("văn bản", {
        "loai": F(Str(description="Luật, Nghị định, Thông tư …"), required=req),
        "trich_dan": F(Str(description="Tên dùng khi trích dẫn, ví dụ: Nghị định số 152/2025/"
                                       "NĐ-CP"), required=req),
        "ten": F(Str(description="Tên (trích yếu) của văn bản"), required=req),
        "so": F(Str(description="Số, ký hiệu")),
        "co_quan": F(Str(description="Cơ quan ban hành"), required=req),
        "ngay_ban_hanh": F(Date(), required=req),
        "hieu_luc_tu": F(Date()),
        "het_hieu_luc": F(Date(description="Ngày đầu tiên văn bản không còn hiệu lực")),
        "dong_can_cu": F(Str(description="Dòng \"Căn cứ …\" khi văn bản làm căn cứ ban hành")),
        "tin_cay": F(Enum(CONFIDENCE), required=req),
        "ghi_chu": F(Str(multiline=True,
                         description="Ghi chép nghiên cứu (không in vào văn bản)")),
    })


def _regime(partial: bool) -> Obj:
    req = not partial
    return Obj("chế độ", {
        "ma": F(Str(description=REGIME_CODE), required=True),
        "ten": F(Str(), required=req),
        "tu_ngay": F(Date(), required=req),
        "den_ngay": F(Date()),
        "van_ban": F(List(Id()), required=req),
        "ke_thua": F(Str(description="Chế độ mà tham số không ghi thì lấy giá trị")),
        "xac_minh": F(Bool(description="false: chưa xác minh, chỉ áp dụng khi kho chọn"),
                      required=req),
        "ghi_chu": F(Str(multiline=True)),
    })


_RULE = Obj("dòng chọn chế độ", {
    "che_do": F(Str(description=REGIME_CODE), required=True),
    "nam_tu": F(Int(minimum=1900, maximum=2200)),
    "nam_den": F(Int(minimum=1900, maximum=2200)),
    "xet_tu": F(Date()),
    "xet_den": F(Date()),
    "nhan_truoc": F(Date(description="Hồ sơ được tiếp nhận trước ngày này")),
    "khi_chinh_sach": F(Id()),
    "can_cu": F(_CAN_CU, required=True),
    "ly_do": F(Str(), required=True),
    "tin_cay": F(Enum(CONFIDENCE), required=True),
})

_VALUE = Obj("giá trị của tham số", {
    "gia_tri": F(AnyValue(), required=True, nullable=True),
    "uy_quyen": F(Bool(description="Luật giao bộ, ngành, tỉnh quy định (lấy từ chinh_sach)")),
    "tran": F(Bool(description="gia_tri là mức trần: chính sách chỉ được hạ")),
    "can_cu": F(_CAN_CU, required=True),
    "tin_cay": F(Enum(CONFIDENCE), required=True),
    "ghi_chu": F(Str(multiline=True)),
})

_AUTHORITY = Obj("thẩm quyền", {
    "che_do": F(List(Str()), required=True),
    "danh_hieu": F(List(Str()), required=True),
    "don_vi": F(List(Enum(vocab.LOAI_DON_VI)), required=True),
    "quyet_dinh": F(Enum(DECIDERS), required=True),
    "tu_ngay": F(Date()),
    "den_ngay": F(Date()),
    "can_cu": F(_CAN_CU, required=True),
    "tin_cay": F(Enum(CONFIDENCE), required=True),
    "ghi_chu": F(Str(multiline=True)),
})

_ABBREVIATIONS = Obj("bảng chữ viết tắt", {
    "hieu_luc_tu": F(Date(), required=True),
    "can_cu": F(_CAN_CU, required=True),
    "tin_cay": F(Enum(CONFIDENCE), required=True),
    "viet_tat": F(AnyValue(), required=True),
})


class _Params(Node):
    """tham_so: {mã tham số: {mo_ta, kieu, <mã chế độ>: giá trị}}."""

    expected = "khối tham số"

    def __init__(self, partial: bool) -> None:
        self.partial = partial

    def check(self, value: Any, parent: DataPath, key: Any, ctx: Ctx) -> Any:
        path = (*parent, key)
        if type(value) is not dict:
            return self._wrong_type(value, path, ctx)
        for pid, entry in value.items():
            here = (*path, pid)
            if type(entry) is not dict:
                value[pid] = self._wrong_type(entry, here, ctx)
                continue
            for k in list(entry):
                if k == "mo_ta":
                    entry[k] = Str().check(entry[k], here, k, ctx)
                elif k == "kieu":
                    entry[k] = Enum([k.value for k in Kind]).check(entry[k], here, k, ctx)
                elif isinstance(k, str) and k.isupper() and k.isidentifier():
                    entry[k] = _VALUE.check(entry[k], here, k, ctx)
                else:
                    ctx.add("TD101", (*here, k), key=k, kind="tham số",
                            suggestion="Các khóa hợp lệ: mo_ta, kieu và mã chế độ (A, B, C …).")
            if not self.partial:
                for k in ("mo_ta", "kieu"):
                    if entry.get(k) is None:
                        ctx.add("TD103", here, field=k)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object"}


def law_schema(partial: bool) -> Obj:
    """The schema of the law file (``partial``: an overlay, whose entries may amend)."""
    return Obj("phap_luat.yaml", {
        "van_ban": F(Mapping(_text(partial), description="Văn bản pháp luật theo mã")),
        "che_do": F(List(_regime(partial), description="Các chế độ pháp luật")),
        "chon_che_do": F(List(_RULE, description="Bảng chọn chế độ theo năm, ngày xét")),
        "tham_quyen": F(List(_AUTHORITY, description="Ai quyết định danh hiệu nào")),
        "tham_so": F(_Params(partial)),
        "ky_hieu_van_ban": F(List(_ABBREVIATIONS)),
        "trich_dan": F(Mapping(_CAN_CU, description="Căn cứ của các kiểm tra, theo mã")),
        "ap_dung_chua_xac_minh": F(List(Str(), description="Các chế độ chưa xác minh mà kho "
                                                           "chọn áp dụng")),
    }, description="Pháp luật về thi đua, khen thưởng (bổ sung của kho)")


OVERLAY_SCHEMA = law_schema(partial=True)


def _opt(v: Any) -> Any:
    return None if v is INVALID else v


def _amended(new: dict[str, Any], old: Any, key: str, *, fields: dict[str, str]) -> Any:
    """A field of an entry an overlay amends: its new value, else the bundled one."""
    if key in new:
        return _opt(new[key])
    return getattr(old, fields[key]) if old is not None else None


def _citations(raw: Any) -> tuple[Citation, ...]:
    out = []
    for c in raw or ():
        if isinstance(c, dict) and _opt(c.get("van_ban")):
            out.append(Citation(c["van_ban"], _opt(c.get("dieu")), _opt(c.get("khoan")),
                                _opt(c.get("diem")), _opt(c.get("phan"))))
    return tuple(out)


class _Build:
    """Merges one law document into a law being built, reporting at the document's paths."""

    def __init__(self, file: str, base: Law | None) -> None:
        self.file = file
        self.diags: list[Diagnostic] = []
        self.texts: dict[str, LegalText] = dict(base.texts) if base else {}
        self.regimes: dict[str, Regime] = dict(base.regimes) if base else {}
        self.selection: list[RegimeRule] = list(base.selection) if base else []
        self.params: dict[str, Param] = dict(base.params) if base else {}
        self.authorities: list[Authority] = list(base.authorities) if base else []
        self.abbreviations: list[Abbreviations] = list(base.abbreviations) if base else []
        self.opted_in: set[str] = set(base.opted_in) if base else set()
        self.named: dict[str, tuple[Citation, ...]] = dict(base.named) if base else {}
        self.sources = (*base.sources, file) if base else (file,)
        self.new_regimes: dict[str, DataPath] = {}

    def bad(self, path: DataPath, detail: str, hint: str = "") -> None:
        self.diags.append(make("TD407", self.file, path=path, detail=detail,
                               hint=hint or "Sửa dữ liệu pháp luật theo README."))

    def text_ids(self, path: DataPath, ids: Any) -> None:
        for c in ids or ():
            if isinstance(c, dict) and c.get("van_ban") not in self.texts \
                    and _opt(c.get("van_ban")):
                self.bad((*path, "van_ban"), f"không có văn bản mã \"{c['van_ban']}\"",
                         suggestion(c["van_ban"], self.texts, listing="Các văn bản"))

    def add_texts(self, raw: dict[str, Any]) -> None:
        for tid, t in raw.items():
            if not isinstance(t, dict):
                continue
            old = self.texts.get(tid)
            get = partial(_amended, t, old, fields=_TEXT_FIELDS)
            needed = [k for k in ("loai", "trich_dan", "ten", "co_quan", "ngay_ban_hanh",
                                  "tin_cay") if get(k) is None]
            if needed:
                self.diags += [make("TD103", self.file, path=("van_ban", tid), field=k)
                               for k in needed if k not in t]
                continue
            self.texts[tid] = LegalText(tid, get("loai"), get("trich_dan"), get("ten"),
                                        get("so"), get("co_quan"), get("ngay_ban_hanh"),
                                        get("hieu_luc_tu"), get("het_hieu_luc"),
                                        get("dong_can_cu"), get("tin_cay"), get("ghi_chu"))

    def add_regimes(self, raw: list[Any]) -> None:
        for i, r in enumerate(raw):
            if not isinstance(r, dict) or not _opt(r.get("ma")):
                continue
            code = r["ma"]
            path: DataPath = ("che_do", i)
            old = self.regimes.get(code)
            if old is None:
                missing = [k for k in ("ten", "tu_ngay", "van_ban", "xac_minh")
                           if r.get(k) is None]
                if missing:
                    self.diags += [make("TD103", self.file, path=path, field=k) for k in missing]
                    continue
            get = partial(_amended, r, old, fields=_REGIME_FIELDS)
            texts = tuple(get("van_ban") or ())
            for j, tid in enumerate(r.get("van_ban") or ()):
                if tid not in self.texts:
                    self.bad((*path, "van_ban", j), f"không có văn bản mã \"{tid}\"",
                             suggestion(str(tid), self.texts, listing="Các văn bản"))
            inherits = get("ke_thua")
            if inherits is not None and inherits not in self.regimes:
                self.bad((*path, "ke_thua"), f"không có chế độ \"{inherits}\" để kế thừa")
                inherits = None
            start, end = get("tu_ngay"), get("den_ngay")
            if start is None:
                continue
            if end is not None and end < start:
                self.diags.append(make("TD303", self.file, path=(*path, "den_ngay"),
                                       start_field="tu_ngay", end_field="den_ngay",
                                       start=vn_date(start), end=vn_date(end)))
                continue
            self.regimes[code] = Regime(code, get("ten"), start, end, texts,
                                        bool(get("xac_minh")), inherits, get("ghi_chu"),
                                        Src(self.file, path))
            self.new_regimes[code] = path

    def add_rules(self, raw: list[Any]) -> None:
        rules = []
        for i, r in enumerate(raw):
            if not isinstance(r, dict) or not _opt(r.get("che_do")):
                continue
            if r["che_do"] not in self.regimes:
                self.bad(("chon_che_do", i, "che_do"), f"không có chế độ \"{r['che_do']}\"",
                         suggestion(r["che_do"], self.regimes, listing="Các chế độ"))
                continue
            self.text_ids(("chon_che_do", i, "can_cu"), r.get("can_cu"))
            if not _opt(r.get("ly_do")) or not _opt(r.get("tin_cay")):
                continue
            rules.append(RegimeRule(r["che_do"], _opt(r.get("nam_tu")), _opt(r.get("nam_den")),
                                    _opt(r.get("xet_tu")), _opt(r.get("xet_den")),
                                    _opt(r.get("nhan_truoc")), _opt(r.get("khi_chinh_sach")),
                                    _citations(r.get("can_cu")), r["ly_do"], r["tin_cay"]))
        self.selection = rules + self.selection  # the repository's lines are read first

    def add_params(self, raw: dict[str, Any], *, bundled: bool) -> None:
        known = {p.value for p in ParamId}
        for pid, entry in raw.items():
            if not isinstance(entry, dict) or not isinstance(pid, str):
                if not isinstance(pid, str):
                    self.bad(("tham_so",), f"mã tham số \"{pid}\" phải là chữ")
                continue
            path: DataPath = ("tham_so", pid)
            if pid not in known or pid in {p.value for p in POLICY_ONLY}:
                self.bad(path, f"không có tham số \"{pid}\"",
                         suggestion(pid, [p for p in known if p not in POLICY_ONLY],
                                    listing="Các tham số"))
                continue
            old = self.params.get(pid)
            if old is None and not bundled:
                self.bad(path, f"tham số \"{pid}\" chưa có trong dữ liệu pháp luật đi kèm")
                continue
            description = _opt(entry.get("mo_ta")) or (old.description if old else pid)
            kind_raw = _opt(entry.get("kieu")) or (old.kind.value if old else None)
            if kind_raw is None:
                continue
            kind = Kind(kind_raw)
            values = dict(old.values) if old else {}
            for code, v in entry.items():
                if code in ("mo_ta", "kieu") or not isinstance(v, dict):
                    continue
                vpath = (*path, code)
                if code not in self.regimes:
                    self.bad(vpath, f"không có chế độ \"{code}\"",
                             suggestion(code, self.regimes, listing="Các chế độ"))
                    continue
                self.text_ids((*vpath, "can_cu"), v.get("can_cu"))
                value = v.get("gia_tri")
                if value is INVALID or "can_cu" not in v or v.get("can_cu") is INVALID \
                        or not _opt(v.get("tin_cay")):
                    continue
                delegated = v.get("uy_quyen") is True
                ceiling = v.get("tran") is True
                if value is not None:
                    problem = value_problem(kind, value)
                    if problem:
                        self.bad((*vpath, "gia_tri"), f"\"{pid}\" {problem}")
                        continue
                if ceiling and (value is None or kind not in (Kind.PERCENT, Kind.COUNT)):
                    self.bad((*vpath, "tran"), "mức trần cần một giá trị số")
                    continue
                if not v.get("can_cu"):
                    self.bad((*vpath, "can_cu"), "giá trị cần ít nhất một căn cứ")
                    continue
                values[code] = ParamValue(value, _citations(v["can_cu"]), v["tin_cay"],
                                          delegated, ceiling, _opt(v.get("ghi_chu")),
                                          Src(self.file, vpath))
            self.params[pid] = Param(pid, description, kind, values)

    def add_authorities(self, raw: list[Any]) -> None:
        rows = []
        titles = {t.name for t in vocab.TITLES}
        for i, a in enumerate(raw):
            if not isinstance(a, dict):
                continue
            path: DataPath = ("tham_quyen", i)
            ok = True
            for j, code in enumerate(a.get("che_do") or ()):
                if code not in self.regimes:
                    self.bad((*path, "che_do", j), f"không có chế độ \"{code}\"")
                    ok = False
            for j, t in enumerate(a.get("danh_hieu") or ()):
                if t not in titles:
                    self.bad((*path, "danh_hieu", j), f"không có danh hiệu \"{t}\"",
                             suggestion(str(t), titles))
                    ok = False
            self.text_ids((*path, "can_cu"), a.get("can_cu"))
            if not ok or any(a.get(k) in (None, INVALID) for k in (
                    "che_do", "danh_hieu", "don_vi", "quyet_dinh", "can_cu", "tin_cay")):
                continue
            rows.append(Authority(tuple(a["che_do"]), tuple(a["danh_hieu"]),
                                  tuple(u for u in a["don_vi"] if u is not INVALID),
                                  a["quyet_dinh"], _citations(a["can_cu"]), a["tin_cay"],
                                  _opt(a.get("tu_ngay")), _opt(a.get("den_ngay")),
                                  _opt(a.get("ghi_chu"))))
        self.authorities = rows + self.authorities

    def add_abbreviations(self, raw: list[Any]) -> None:
        for i, a in enumerate(raw):
            if not isinstance(a, dict) or _opt(a.get("hieu_luc_tu")) is None:
                continue
            table = a.get("viet_tat")
            if not isinstance(table, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
                self.bad(("ky_hieu_van_ban", i, "viet_tat"),
                         "bảng viết tắt cần dạng tên loại: chữ viết tắt")
                continue
            self.abbreviations.append(Abbreviations(a["hieu_luc_tu"],
                                                    _citations(a.get("can_cu")), dict(table)))

    def add_named(self, raw: dict[str, Any]) -> None:
        for name, cs in raw.items():
            if isinstance(cs, list):
                self.text_ids(("trich_dan", name), cs)
                self.named[name] = _citations(cs)

    def opt_in(self, raw: list[Any]) -> None:
        for i, code in enumerate(raw):
            if code not in self.regimes:
                self.bad(("ap_dung_chua_xac_minh", i), f"không có chế độ \"{code}\"")
            else:
                self.opted_in.add(code)

    def finish(self) -> Law:
        law = Law(self.texts, self.regimes, tuple(self.selection), self.params,
                  tuple(self.authorities), tuple(self.abbreviations),
                  frozenset(self.opted_in), self.sources, self.named)
        self._overlaps(law)
        self._complete(law)
        return law

    def _overlaps(self, law: Law) -> None:
        """Two applicable regimes may not cover the same day, unless the later one amends
        the earlier (ke_thua) from its start."""
        active = sorted((r for r in law.regimes.values() if law.applicable(r.code)),
                        key=lambda r: (r.start, r.code))
        for i, a in enumerate(active):
            for b in active[i + 1:]:
                a_end = a.end or date.max
                if b.start > a_end:
                    continue
                if b.inherits == a.code and (b.end or date.max) <= a_end:
                    continue
                which = b if b.code in self.new_regimes else a
                if which.code not in self.new_regimes:
                    continue
                other = a if which is b else b
                self.bad(self.new_regimes[which.code],
                         f"chế độ {which.code} ({vn_date(which.start)} – "
                         f"{vn_date(which.end) if which.end else '…'}) trùng thời gian với chế "
                         f"độ {other.code}",
                         "Sửa tu_ngay, den_ngay; chế độ sửa đổi một chế độ khác ghi ke_thua.")

    def _complete(self, law: Law) -> None:
        """Every applicable regime has a value (direct or inherited) for every parameter."""
        for code, path in self.new_regimes.items():
            if not law.applicable(code):
                continue
            missing = [pid for pid in law.params if law.value(pid, code) is None]
            if missing:
                self.bad(path, f"chế độ {code} thiếu giá trị của {len(missing)} tham số "
                               f"({', '.join(missing[:3])}{'…' if len(missing) > 3 else ''})",
                         "Ghi ke_thua: <chế độ trước> hoặc giá trị cho từng tham số.")


_TEXT_FIELDS = {"loai": "kind", "trich_dan": "cite_as", "ten": "title", "so": "number",
                "co_quan": "issuer", "ngay_ban_hanh": "issued", "hieu_luc_tu": "start",
                "het_hieu_luc": "end", "dong_can_cu": "basis", "tin_cay": "confidence",
                "ghi_chu": "note"}
_REGIME_FIELDS = {"ten": "name", "tu_ngay": "start", "den_ngay": "end", "van_ban": "texts",
                  "ke_thua": "inherits", "xac_minh": "verified", "ghi_chu": "note"}


def value_problem(kind: Kind, value: Any) -> str | None:
    """Why ``value`` is not of ``kind`` (None when it is)."""
    if kind is Kind.FLAG and not isinstance(value, bool):
        return "phải là true hoặc false"
    if kind is Kind.COUNT and (isinstance(value, bool) or not isinstance(value, int)
                               or not 0 <= value <= 1000):
        return "phải là số nguyên từ 0 đến 1000"
    if kind is Kind.PERCENT and (isinstance(value, bool) or not isinstance(value, int | float)
                                 or not 0 <= value <= 100):
        return "phải là số phần trăm từ 0 đến 100"
    if kind is Kind.RATING and value not in vocab.XEP_LOAI:
        return "phải là một xếp loại: " + ", ".join(f'"{x}"' for x in vocab.XEP_LOAI)
    if kind is Kind.DISCIPLINE and value not in vocab.KY_LUAT:
        return "phải là một hình thức kỷ luật: " + ", ".join(f'"{x}"' for x in vocab.KY_LUAT)
    if kind is Kind.ROUNDING and value not in ROUNDING:
        return "phải là một trong: " + ", ".join(f'"{x}"' for x in ROUNDING)
    if kind is Kind.SHARE and not (
            isinstance(value, dict) and set(value) == {"so_sanh", "ty_le"}
            and value.get("so_sanh") in vocab.SO_SANH
            and isinstance(value.get("ty_le"), int | float)
            and not isinstance(value.get("ty_le"), bool) and 0 <= value["ty_le"] <= 100):
        return "phải có dạng {so_sanh: \">=\", ty_le: 70}"
    if kind is Kind.CONDITIONS and not (
            isinstance(value, list) and value
            and all(v in vocab.DIEU_KIEN_CSTDCS for v in value)):
        return "phải là danh sách điều kiện: " + ", ".join(
            f'"{x}"' for x in vocab.DIEU_KIEN_CSTDCS)
    return None


def parse(data: Any, file: str, *, base: Law | None,
          checked: bool = False) -> tuple[Law | None, list[Diagnostic]]:
    """One law document (already parsed YAML) over ``base``: the law and the diagnostics.
    Without ``base`` the document is complete law data (the bundled file). ``checked``: the
    data already went through the schema (the loader reported its problems)."""
    ctx = Ctx(file)
    cleaned = data if checked else law_schema(partial=base is not None).validate(data, ctx)
    if not isinstance(cleaned, dict):
        return None, ctx.diagnostics
    b = _Build(file, base)
    b.diags += ctx.diagnostics
    if isinstance(cleaned.get("van_ban"), dict):
        b.add_texts(cleaned["van_ban"])
    if isinstance(cleaned.get("che_do"), list):
        b.add_regimes(cleaned["che_do"])
    if isinstance(cleaned.get("chon_che_do"), list):
        b.add_rules(cleaned["chon_che_do"])
    if isinstance(cleaned.get("tham_so"), dict):
        b.add_params(cleaned["tham_so"], bundled=base is None)
    if isinstance(cleaned.get("tham_quyen"), list):
        b.add_authorities(cleaned["tham_quyen"])
    if isinstance(cleaned.get("ky_hieu_van_ban"), list):
        b.add_abbreviations(cleaned["ky_hieu_van_ban"])
    if isinstance(cleaned.get("trich_dan"), dict):
        b.add_named(cleaned["trich_dan"])
    if isinstance(cleaned.get("ap_dung_chua_xac_minh"), list):
        b.opt_in(cleaned["ap_dung_chua_xac_minh"])
    return b.finish(), b.diags


@cache
def bundled_law_text() -> str:
    return resources.files("thidua").joinpath("data/phap_luat.yaml").read_text("utf-8")


@cache
def bundled_law() -> Law:
    """The law shipped with thidua (checked clean by the tests)."""
    data = yaml_rs.loads(bundled_law_text(), parse_datetime=False)
    law, diags = parse(data, BUNDLED, base=None)
    if law is None or diags:
        raise RuntimeError(f"bundled law data invalid: {[d.code for d in diags]}")
    return law


def with_overlay(base: Law, overlay: Any, file: str) -> tuple[Law, list[Diagnostic]]:
    """The law of a repository: ``base`` amended by its own law file."""
    law, diags = parse(overlay, file, base=base, checked=True)
    return (law if law is not None else base), diags


# Parameters a policy may set: the delegated ones and the policy-only ones.
def policy_params(law: Law) -> dict[str, tuple[str, Kind]]:
    out = {str(pid): desc_kind for pid, desc_kind in POLICY_ONLY.items()}
    for pid, p in law.params.items():
        if any(v.delegated for v in p.values.values()):
            out[pid] = (p.description, p.kind)
    return out
