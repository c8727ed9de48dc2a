"""Dates, suggestions and the YAML emitter."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
import yaml_rs
from hypothesis import given
from hypothesis import strategies as st

from thidua.textutil import BadDate, ascii_slug, did_you_mean, parse_date, suggestion
from thidua.yamlout import dumps, scalar


@pytest.mark.parametrize("text, expected", [
    ("2023-01-15", date(2023, 1, 15)), ("15/01/2023", date(2023, 1, 15)),
    ("5/1/2023", date(2023, 1, 5)), ("2024-02-29", date(2024, 2, 29)),
])
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, impossible", [
    ("30/02/2022", True), ("2023-02-29", True), ("31/04/2023", True), ("2023-13-01", True),
    ("tháng 3", False), ("2023/01/15", False), ("15-01-2023", False), ("", False),
])
def test_bad_dates(text: str, impossible: bool) -> None:
    with pytest.raises(BadDate) as exc:
        parse_date(text)
    assert exc.value.impossible is impossible


def test_suggestions() -> None:
    assert did_you_mean("xep_loia", ["xep_loai", "ma"]) == "xep_loai"
    assert did_you_mean("NỮ", ["nam", "nữ"]) == "nữ"
    assert did_you_mean("zzz", ["nam", "nữ"]) is None
    assert suggestion("zzz", ["nam", "nữ"]) == 'Giá trị hợp lệ: "nam", "nữ".'


def test_ascii_slug() -> None:
    assert ascii_slug("Phòng Hành chính tư pháp") == "phong-hanh-chinh-tu-phap"
    assert ascii_slug("Đội Đấu giá") == "doi-dau-gia"


@pytest.mark.parametrize("value", ["no", "yes", "null", "010", "1.5", "a: b", "x #y", "- a",
                                   "Nguyễn Thị Ánh", "", " lề", "'q'", "@x", "2023-01-15"])
def test_scalar_round_trip(value: str) -> None:
    assert yaml_rs.loads(f"k: {scalar(value)}\n", parse_datetime=False) == {"k": value}


@given(st.dictionaries(
    st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
    st.one_of(st.text(), st.integers(), st.booleans(),
              st.lists(st.text(min_size=1), max_size=3),
              st.lists(st.dictionaries(st.from_regex(r"[a-z]{1,5}", fullmatch=True),
                                       st.text(), min_size=1, max_size=3), max_size=3)),
    min_size=1, max_size=5))
def test_dumps_round_trips(data: dict) -> None:
    clean = {k: _nfc(v) for k, v in data.items()}
    assert yaml_rs.loads(dumps(clean), parse_datetime=False) == clean


_KEYS = st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True)
_NESTED = st.recursive(
    st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=12)


@given(st.dictionaries(_KEYS, _NESTED, min_size=1, max_size=4))
def test_dumps_round_trips_nested(data: dict) -> None:
    """Maps in lists, lists in lists, empty ones at any depth: read back as written."""
    clean = {k: _nfc(v) for k, v in data.items()}
    assert yaml_rs.loads(dumps(clean), parse_datetime=False) == clean


def _nfc(v: object) -> object:
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, list):
        return [_nfc(x) for x in v]
    if isinstance(v, dict):
        return {k: _nfc(x) for k, x in v.items()}
    return v
