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


def test_pack_and_unpack_keep_every_result_in_order() -> None:
    yr = m.Year(2023)
    day = date(2023, 5, 1)
    plain = m.PersonResult("NV1", "phong-a", "Hoàn thành tốt nhiệm vụ", (), (), (), (), False,
                           m.Src("ket_qua/phong-a.yaml", ("ca_nhan", 0)),
                           ("Lao động tiên tiến",))
    full = m.PersonResult(
        "NV2", "phong-b", "Hoàn thành xuất sắc nhiệm vụ",
        (m.Initiative("Sổ tay", "sáng kiến", "1/QĐ", day, "cơ sở"),),
        (m.Discipline("Khiển trách", "2/QĐ", day, None),),
        (m.Leave("thai sản", day, date(2023, 11, 1)),),
        (m.Vote("Chiến sĩ thi đua cơ sở", 7, 9, 8),), True,
        m.Src("ket_qua/phong-b.yaml", ("ca_nhan", 3)), ("Chiến sĩ thi đua cơ sở",),
        (m.ProposalRef("Chiến sĩ thi đua cơ sở", "kh-1", None, 0),))
    odd_path = plain._replace(person="NV3", src=m.Src("ket_qua/phong-a.yaml", ("tap_the",)))
    for r in (full, plain, odd_path):
        yr.person_results[r.person] = r
    yr.registrations.append(m.Registration("cá nhân", "NV1", "phong-a", ("Lao động tiên tiến",),
                                           day, m.Src("dang_ky/phong-a.yaml", ("ca_nhan", 0))))
    back = m.unpack_year(m.pack_year(yr))
    assert list(back.person_results.items()) == list(yr.person_results.items())
    assert back.registrations == yr.registrations
    assert type(back.person_results["NV2"].initiatives[0]) is m.Initiative
    assert all(type(r.src) is m.Src for r in back.person_results.values())
