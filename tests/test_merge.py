"""The three-way merge an import makes: form made at A, file changed at B, form read at C."""

from __future__ import annotations

from thidua.load.merge import ABSENT, Conflict, merge3

BASE = {"don_vi": "van-phong",
        "ca_nhan": [{"ma": "NV1", "xep_loai": "Tốt", "de_nghi": ["LĐTT"]},
                    {"ma": "NV2", "xep_loai": "Tốt"}]}


def _copy(doc: dict) -> dict:
    return {**doc, "ca_nhan": [dict(r) for r in doc["ca_nhan"]]}


def test_a_value_the_form_left_keeps_the_newer_one() -> None:
    theirs = _copy(BASE)
    theirs["ca_nhan"][0]["xep_loai"] = "Xuất sắc"  # changed after the form was made
    theirs["ca_nhan"][0]["sang_kien"] = [{"ten": "Sổ điện tử"}]  # added after
    mine = _copy(BASE)
    mine["ca_nhan"][1]["xep_loai"] = "Hoàn thành"  # the form changes another person
    merged, conflicts = merge3(BASE, theirs, mine)
    assert not conflicts
    assert merged["ca_nhan"][0] == theirs["ca_nhan"][0]
    assert merged["ca_nhan"][1]["xep_loai"] == "Hoàn thành"


def test_a_value_changed_on_both_sides_is_a_located_conflict() -> None:
    theirs, mine = _copy(BASE), _copy(BASE)
    theirs["ca_nhan"][0]["xep_loai"] = "Xuất sắc"
    mine["ca_nhan"][0]["xep_loai"] = "Hoàn thành"
    merged, conflicts = merge3(BASE, theirs, mine)
    assert conflicts == [Conflict(("ca_nhan", 0, "xep_loai"), "Xuất sắc", "Hoàn thành",
                                  ("ca_nhan", 0, "xep_loai"))]
    assert merged["ca_nhan"][0]["xep_loai"] == "Xuất sắc"  # the newer value is not lost


def test_the_same_change_on_both_sides_is_no_conflict_and_reimport_is_a_no_op() -> None:
    mine = _copy(BASE)
    mine["ca_nhan"][0]["xep_loai"] = "Xuất sắc"
    merged, conflicts = merge3(BASE, mine, _copy(mine))
    assert not conflicts and merged == mine


def test_records_are_matched_by_code() -> None:
    theirs = _copy(BASE)
    theirs["ca_nhan"].insert(0, {"ma": "NV0", "xep_loai": "Tốt"})  # a person added since
    mine = _copy(BASE)
    del mine["ca_nhan"][1]  # the form drops NV2
    mine["ca_nhan"].append({"ma": "NV3", "xep_loai": "Tốt"})
    merged, conflicts = merge3(BASE, theirs, mine)
    assert not conflicts
    assert [r["ma"] for r in merged["ca_nhan"]] == ["NV0", "NV1", "NV3"]


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    theirs, mine = _copy(BASE), _copy(BASE)
    theirs["ca_nhan"][1]["xep_loai"] = "Xuất sắc"
    del mine["ca_nhan"][1]
    merged, conflicts = merge3(BASE, theirs, mine)
    assert conflicts == [Conflict(("ca_nhan", 1), theirs["ca_nhan"][1], ABSENT, ("ca_nhan", 1))]
    assert [r["ma"] for r in merged["ca_nhan"]] == ["NV1", "NV2"]


def test_a_new_file() -> None:
    assert merge3(ABSENT, ABSENT, {"a": 1}) == ({"a": 1}, [])
