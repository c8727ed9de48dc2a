"""`thidua law`: the regimes the law data knows, their dates, texts and confidence, which
one applies on a date, and a warning when that date is near the end of what is known."""

from __future__ import annotations

from datetime import date, timedelta

from thidua.model.law import Law
from thidua.textutil import vn_date

SOON = timedelta(days=90)


def text(law: Law, day: date) -> str:
    out = [f"Dữ liệu pháp luật: {', '.join(law.sources)}", ""]
    for r in sorted(law.regimes.values(), key=lambda r: r.start):
        state = ("đã xác minh" if r.verified else
                 "CHƯA XÁC MINH, kho chọn áp dụng" if r.code in law.opted_in else
                 "CHƯA XÁC MINH, không áp dụng")
        end = vn_date(r.end) if r.end else "chưa biết ngày hết hiệu lực"
        out.append(f"Chế độ {r.code} ({state}): {vn_date(r.start)} – {end}")
        out.append(f"  {r.name}")
        for tid in r.texts:
            t = law.texts.get(tid)
            if t is None:
                continue
            span = f"hiệu lực {vn_date(t.start)}" if t.start else "hiệu lực chưa rõ"
            span += f", hết hiệu lực từ {vn_date(t.end)}" if t.end else ""
            out.append(f"  - {t.cite_as} ({span}; tin cậy {t.confidence})")
            if t.note:
                out.append(f"      ghi chú: {t.note}")
        if r.inherits:
            out.append(f"  Tham số không ghi thì lấy theo chế độ {r.inherits}.")
        if r.note:
            out.append(f"  Ghi chú: {r.note}")
        out.append("")
    current = law.in_force_on(day)
    if current is None:
        out.append(f"Ngày {vn_date(day)}: CHƯA CÓ QUY ĐỊNH ÁP DỤNG (không chế độ nào đã biết, "
                   "đã xác minh còn hiệu lực).")
        out.append("  gợi ý: thêm chế độ mới vào phap_luat.yaml của kho (xem README).")
    else:
        out.append(f"Ngày {vn_date(day)}: văn bản của chế độ {current.code} có hiệu lực.")
        if current.end is not None and current.end - day <= SOON:
            out.append(f"  CẢNH BÁO: chế độ {current.code} hết hiệu lực sau ngày "
                       f"{vn_date(current.end)} ({(current.end - day).days} ngày nữa); cập "
                       "nhật dữ liệu pháp luật khi có văn bản mới.")
    pending = [r for r in law.regimes.values()
               if not law.applicable(r.code) and r.covers(day)]
    for r in pending:
        out.append(f"  Lưu ý: chế độ {r.code} (chưa xác minh) có thể áp dụng từ "
                   f"{vn_date(r.start)}; thidua chưa áp dụng (xem README: Pháp luật bổ sung).")
    return "\n".join(out) + "\n"
