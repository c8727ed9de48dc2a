"""A bounded fuzz test of the loader: any shape of YAML, in any file kind, gives located
diagnostics and never an internal error.

Each example takes one file of a small valid repository (every file kind is represented) and
mutates it, either as data (a value replaced by one of another type, a key removed or added, a
list turned into a mapping …) or as text (a byte or a YAML slip inserted), then validates the
repository and, when it is valid, decides the year. `make test` runs a bounded number of
examples (well under a minute); `make fuzz` runs many more (THIDUA_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.errors import ThiduaError
from thidua.library.decisions import decide_at
from thidua.library.validation import validate
from thidua.yamlout import dumps

from .conftest import BASE

EXAMPLES = int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "250"))
ORG = "campaigns/so-mau"
EXTRA = {
    f"{ORG}/2023/hoi_dong/hop.yaml": (
        "ngay: 2024-01-10\ndia_diem: Phòng họp\nngay_nhan_ho_so: 2023-12-20\n"
        "thanh_vien:\n  - ma: giam-doc\n    vai_tro: Chủ tịch Hội đồng\n"
        "  - ma: NV02\n    vai_tro: Ủy viên, Thư ký Hội đồng\n    co_mat: false\n"
        "    ly_do_vang: ốm\n"
        "lua_chon:\n  - danh_hieu: Lao động tiên tiến\n    giu_lai: [NV01]\n"),
    f"{ORG}/phap_luat.yaml": (
        "ap_dung_chua_xac_minh: [D]\n"
        "tham_so:\n  ldtt_thang_cong_tac_toi_thieu:\n    C:\n      gia_tri: 10\n"
        "      uy_quyen: false\n      can_cu: [{van_ban: nd_152_2025, dieu: 3, khoan: 1}]\n"
        "      tin_cay: P\n"),
}
_RESULTS = f"{ORG}/2023/ket_qua/van-phong.yaml"
EXTRA[_RESULTS] = (BASE / _RESULTS).read_text(encoding="utf-8").replace(
    "  - ma: NV01\n    xep_loai: Hoàn thành xuất sắc nhiệm vụ\n",
    "  - ma: NV01\n    xep_loai: Hoàn thành xuất sắc nhiệm vụ\n    de_nghi: [Lao động tiên tiến]\n",
    1)
FILES = sorted({str(p.relative_to(BASE)) for p in BASE.rglob("*.yaml")} | set(EXTRA))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["", " ", "2023-02-30", "30/02/2023", "Lao động tiên tiến", "NV01",
                     "van-phong", "Hoàn thành tốt nhiệm vụ", "9" * 5000, "a\nb", "x\x07",
                     "[[ten]]", "{{ x }}", "<w:p/>", "A", "C", "D", "Z"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*here, i))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


def _mutate(data: Any, draw: Any) -> Any:
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    kind = draw(st.sampled_from(["replace", "delete", "add-key", "list-to-map", "map-to-list",
                                 "wrap", "duplicate"]))
    if not path:
        return draw(values) if kind == "replace" else data
    parent, key = _get(data, path[:-1]), path[-1]
    target = parent[key]
    if kind == "replace":
        parent[key] = draw(values)
    elif kind == "delete":
        del parent[key]
    elif kind == "add-key" and isinstance(target, dict):
        target[draw(st.sampled_from(["ma", "ten", "xyz", "de_nghi", "ngay", "", "1"]))] = \
            draw(values)
    elif kind == "list-to-map" and isinstance(target, list):
        parent[key] = {str(i): v for i, v in enumerate(target)}
    elif kind == "map-to-list" and isinstance(target, dict):
        parent[key] = list(target.values())
    elif kind == "wrap":
        parent[key] = [target]
    elif kind == "duplicate" and isinstance(target, list) and target:
        target.append(target[0])
    return data


SLIPS = ["\x00", "\t", ":", "- ", "  ", "[", "{", "\"", "'", "&a ", "*a", "!!python/object ",
         "---\n", "\ufeff", "e\u0301", "\n  x: 1", "|", ">", "%", "@", "`"]


@st.composite
def mutated(draw: Any) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(FILES))
    text = EXTRA.get(rel) or (BASE / rel).read_text(encoding="utf-8")
    if draw(st.booleans()):
        data = yaml_rs.loads(text, parse_datetime=False)
        for _ in range(draw(st.integers(1, 3))):
            data = _mutate(data, draw)
        try:
            return rel, dumps(data).encode("utf-8")
        except (TypeError, ValueError):
            return rel, text.encode("utf-8")
    raw = text.encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    slip = draw(st.sampled_from(SLIPS)).encode("utf-8")
    return rel, raw[:at] + slip + raw[at:]


def _repo(root: Path) -> Path:
    repo = root / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    shutil.copytree(BASE, repo)
    for rel, text in EXTRA.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    return repo


def test_the_fuzz_corpus_starts_valid(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = validate([repo])
    assert not [d for d in result.diagnostics if d.severity.value == "error"], \
        [(d.code, d.file) for d in result.diagnostics]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 250,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=mutated())
def test_any_shape_of_yaml_gives_located_diagnostics(tmp_path_factory: pytest.TempPathFactory,
                                                     case: tuple[str, bytes]) -> None:
    rel, raw = case
    repo = _repo(tmp_path_factory.mktemp("fuzz"))
    (repo / rel).write_bytes(raw)
    result = validate([repo])  # an internal error would raise here
    for d in result.diagnostics:
        assert d.message and d.hint is not None, d.code
        if d.file.endswith(rel) and d.severity.value == "error":
            assert d.line is not None, (d.code, rel, d.message)
    if not any(d.severity.value == "error" for d in result.diagnostics):
        with contextlib.suppress(ThiduaError):  # a refusal with a message is an answer
            decide_at(repo, 2023, date(2024, 1, 20))
