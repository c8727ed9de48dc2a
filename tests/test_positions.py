"""Locating a diagnostic: the line scanner agrees with the composed YAML node tree, and a
problem in a large file is located without parsing the file again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.load.positions import _locate_composed, _Scanner, locate
from thidua.yamlout import dumps

from .conftest import FIXTURES, ROOT


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here, (*here, "khong_co"), (*here, 999)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*here, i))
    return out


def _agree(text: str) -> int:
    data = yaml_rs.loads(text, parse_datetime=False)
    paths = _paths(data)
    scanner = _Scanner(text)
    slow = _locate_composed(text, paths)
    fast = 0
    for p in paths:
        pos = scanner.locate(p)
        if pos is not None:
            assert pos == slow[p], (p, pos, slow[p])
            fast += 1
    return fast


def test_the_scanner_agrees_with_the_parser_on_every_bundled_file() -> None:
    files = sorted((ROOT / "campaigns").rglob("*.yaml")) + sorted(
        (FIXTURES / "base").rglob("*.yaml"))
    scanned = sum(_agree(f.read_text(encoding="utf-8")) for f in files)
    assert scanned > 10_000  # the line scanner, not the fallback, answered


names = st.text(alphabet="abcdeđươ_ -:#\"'", min_size=1, max_size=8)
leaves = st.one_of(st.none(), st.booleans(), st.integers(-5, 5),
                   st.text(alphabet="ab :#-\"'\n[]{}&*!|>", max_size=10))
trees = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(names, inner, max_size=3)), max_leaves=12)


@settings(max_examples=int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "300")), deadline=None,
          derandomize="THIDUA_FUZZ_EXAMPLES" not in os.environ)
@given(data=st.dictionaries(names, trees, min_size=1, max_size=4))
def test_the_scanner_agrees_on_any_data_thidua_writes(data: dict[str, Any]) -> None:
    _agree(dumps(data))


def test_flow_style_and_anchors_fall_back_to_the_parser() -> None:
    text = "a: [1, {b: 2}]\nc: &x\n  d: 1\ne: *x\nf: |\n  g: 1\n"
    paths = [("a", 1, "b"), ("c", "d"), ("e", "d"), ("f",), ("f", "g")]
    assert locate(text, paths) == _locate_composed(text, paths)


def test_a_problem_deep_in_a_large_file_is_found_by_scanning(tmp_path: Path) -> None:
    rows = "".join(f"  - ma: NV{i:06d}\n    ho_ten: Người {i}\n" for i in range(60_000))
    text = f"don_vi: x\nnhan_su:\n{rows}  - ma: NV999999\n    ho_ten: [sai]\n"
    scanner = _Scanner(text)
    assert scanner.locate(("nhan_su", 60_000, "ho_ten")) == (120_004, 5)
    # a key at the top of a file whose bulk is a flow list: no need to read the list
    flow = "don_vi: x\nrac: [" + "[]," * 1_000_000 + "[]]\nnhan_su: []\n"
    assert _Scanner(flow).locate(("rac",)) == (2, 1)
