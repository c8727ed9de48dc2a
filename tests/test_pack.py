"""Years sent between processes keep every record (packing is lossless)."""

from __future__ import annotations

from datetime import date

from thidua.model import entities as m


def test_pack_and_unpack_keep_meetings_and_plans() -> None:
    src = m.Src("f.yaml", ())
    yr = m.Year(2023)
    yr.meetings.append(m.Meeting(date(2024, 1, 18), "14 giờ 00", None, "Phòng họp",
                                 (m.CouncilMember("NV1", "Ủy viên", False, "ốm"),), src))
    yr.plans.append(m.Plan("01/KH-X", "Kế hoạch", (), src))
    back = m.unpack_year(m.pack_year(yr))
    assert back.meetings == yr.meetings and back.plans == yr.plans
