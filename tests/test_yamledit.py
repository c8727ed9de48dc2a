"""A file thidua rewrites keeps what the office typed: comments, blank lines, order, quoting;
nothing changes when the data does not."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.load.parse import parse_bytes
from thidua.load.yamledit import merge_lines, rewrite
from thidua.yamlout import dumps

OLD = """\
# yaml-language-server: $schema=../../../../schema/ket_qua.schema.json
# Kết quả do văn phòng tổng hợp

don_vi: van-phong   # mã đơn vị
tap_the:
  xep_loai: 'Hoàn thành tốt nhiệm vụ'
ca_nhan:
  # Ghi chú: đã đối chiếu với hồ sơ
  - ma: NV000001
    xep_loai: "Hoàn thành tốt nhiệm vụ"   # theo biên bản
    de_nghi: [Lao động tiên tiến]

  - ma: NV000002
    # chờ xác minh
    xep_loai: Hoàn thành xuất sắc nhiệm vụ
    de_nghi:
      - Lao động tiên tiến  # theo tờ trình
# hết danh sách
"""


def _data(text: str) -> Any:
    parsed = parse_bytes("t.yaml", text.encode("utf-8"))
    assert parsed.ok
    return parsed.data


def test_the_same_data_gives_the_same_bytes() -> None:
    data = _data(OLD)
    assert rewrite(OLD, data) is OLD
    # even when it would be written differently (quoting, flow lists, key order)
    reordered = {"ca_nhan": data["ca_nhan"], "tap_the": data["tap_the"],
                 "don_vi": data["don_vi"]}
    assert rewrite(OLD, reordered) == OLD


def test_a_change_touches_only_its_line_and_keeps_every_comment() -> None:
    data = _data(OLD)
    data["ca_nhan"][1]["xep_loai"] = "Hoàn thành tốt nhiệm vụ"
    text = rewrite(OLD, data)
    assert _data(text) == data
    old_lines, new_lines = OLD.splitlines(), text.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [("    xep_loai: Hoàn thành xuất sắc nhiệm vụ",
                        "    xep_loai: Hoàn thành tốt nhiệm vụ")]


def test_an_unchanged_record_keeps_its_own_layout() -> None:
    data = _data(OLD)
    data["tap_the"]["xep_loai"] = "Hoàn thành xuất sắc nhiệm vụ"
    text = rewrite(OLD, data)
    assert _data(text) == data
    assert "    de_nghi: [Lao động tiên tiến]\n" in text  # a flow list left as typed
    assert "xep_loai: \"Hoàn thành tốt nhiệm vụ\"   # theo biên bản" in text
    assert "don_vi: van-phong   # mã đơn vị" in text


def test_a_changed_value_keeps_its_end_of_line_comment() -> None:
    data = _data(OLD)
    data["ca_nhan"][0]["xep_loai"] = "Hoàn thành nhiệm vụ"
    text = rewrite(OLD, data)
    assert "    xep_loai: Hoàn thành nhiệm vụ  # theo biên bản\n" in text
    assert "  # Ghi chú: đã đối chiếu với hồ sơ\n" in text


def test_records_added_and_removed() -> None:
    data = _data(OLD)
    removed = data["ca_nhan"].pop(0)
    data["ca_nhan"].append({"ma": "NV000003", "xep_loai": "Hoàn thành tốt nhiệm vụ"})
    text = rewrite(OLD, data)
    assert _data(text) == data
    assert removed["ma"] not in text
    # a note about a record that is gone is kept (after the list), not silently dropped
    assert text.endswith("  - ma: NV000003\n    xep_loai: Hoàn thành tốt nhiệm vụ\n"
                         "  # Ghi chú: đã đối chiếu với hồ sơ\n# hết danh sách\n")


def test_windows_line_ends_and_a_byte_order_mark_stay() -> None:
    old = "\ufeff" + OLD.replace("\n", "\r\n")
    data = _data(OLD)
    data["ca_nhan"][1]["xep_loai"] = "Hoàn thành nhiệm vụ"
    text = rewrite(old, data)
    assert text.startswith("\ufeff#") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert _data(text.lstrip("\ufeff").replace("\r\n", "\n")) == data


def test_a_new_file_is_written_with_its_header() -> None:
    assert rewrite(None, {"a": 1}, header="# h\n") == "# h\na: 1\n"


def test_merge_lines_keeps_comments_of_changed_lines() -> None:
    old = ["a: 1\n", "# note\n", "b: 2  # why\n", "\n", "c: 3\n"]
    new = ["a: 1\n", "b: 5\n", "c: 3\n"]
    assert merge_lines(old, new) == ["a: 1\n", "# note\n", "b: 5  # why\n", "\n", "c: 3\n"]


# -- property: what thidua writes, with comments anywhere, survives a rewrite ----------------

_names = st.sampled_from(["Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ",
                          "Lao động tiên tiến", "x: y", "#không phải chú thích", "'a'", ""])
_record = st.fixed_dictionaries(
    {"ma": st.from_regex(r"NV0000[0-9]{2}", fullmatch=True), "xep_loai": _names},
    optional={"de_nghi": st.lists(_names, max_size=3),
              "ngay": st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
              "so": st.integers(-5, 10**6)})
_doc = st.fixed_dictionaries({"don_vi": st.sampled_from(["van-phong", "thanh-tra"]),
                              "ca_nhan": st.lists(_record, max_size=6,
                                                  unique_by=lambda r: r["ma"])})


def _with_comments(text: str, where: list[int], eol: list[int]) -> str:
    lines = text.splitlines(keepends=True)
    out = []
    for i, line in enumerate(lines):
        if i in where:
            indent = len(line) - len(line.lstrip())
            out.append(" " * indent + f"# ghi chú {i}\n")
        if i in eol and line.rstrip().endswith(("nhiệm vụ", "tiên tiến")):
            line = line.rstrip("\n") + f"  # cuối dòng {i}\n"
        out.append(line)
    return "".join(out)


EXAMPLES = int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "150"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_doc, st.lists(st.integers(0, 40), max_size=6), st.lists(st.integers(0, 40), max_size=6),
       st.data())
def test_rewrite_is_a_no_op_on_unchanged_data_and_keeps_comments_on_a_change(
        doc: dict[str, Any], where: list[int], eol: list[int], draw: st.DataObject) -> None:
    text = _with_comments(dumps(doc, header="# đầu tệp\n"), where, eol)
    data = _data(text)
    assert rewrite(text, data) is text
    assert rewrite(text, doc) is text  # dates given as dates, read back as text
    if not doc["ca_nhan"]:
        return
    changed = {**doc, "ca_nhan": [dict(r) for r in doc["ca_nhan"]]}
    k = draw.draw(st.integers(0, len(changed["ca_nhan"]) - 1))
    changed["ca_nhan"][k]["xep_loai"] = "Hoàn thành nhiệm vụ (đổi)"
    new = rewrite(text, changed)
    assert _data(new) == _data(dumps(changed))
    comments = [line.strip() for line in text.splitlines() if "# ghi chú" in line]
    assert comments == [line.strip() for line in new.splitlines() if "# ghi chú" in line]
