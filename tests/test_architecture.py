"""Enforce the one-way layering: load → model → rules → (tally) → report/render,
commands on top of them and the CLI on top of everything."""

from __future__ import annotations

import ast

from .conftest import ROOT

PKG = ROOT / "thidua"

# Lower rank = lower layer. A module may import only from its own rank or below.
RANKS = {
    "thidua": 0, "thidua.diagnostics": 0, "thidua.textutil": 0, "thidua.layout": 0,
    "thidua.yamlout": 0, "thidua.io": 0, "thidua.vnsort": 0,
    "thidua.load": 1,
    "thidua.model": 2,
    "thidua.rules": 3,
    "thidua.tally": 4,
    "thidua.report": 5, "thidua.render": 5, "thidua.sample": 5, "thidua.scaffold": 5,
    "thidua.commands": 6,
    "thidua.cli": 7,
}
# The pure core: no file or network I/O, no printing, no clock.
PURE = ("thidua.model", "thidua.rules", "thidua.tally", "thidua.report", "thidua.sample",
        "thidua.scaffold",
        "thidua.load.parse", "thidua.load.positions", "thidua.diagnostics",
        "thidua.textutil", "thidua.yamlout", "thidua.vnsort")
IMPURE_MODULES = {"os", "sys", "pathlib", "shutil", "subprocess", "socket", "time",
                  "tempfile", "urllib", "requests", "typer", "click", "rich"}
# From io only in-memory buffers are pure.
PURE_FROM_IO = {"io.StringIO", "io.BytesIO"}
IMPURE_CALLS = {"open", "print", "input"}
IMPURE_ATTRS = {("datetime", "now"), ("date", "today"), ("datetime", "today"),
                ("datetime", "utcnow")}


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return out


def _rank(module: str) -> int:
    best = None
    for prefix, rank in RANKS.items():
        if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > len(best[0])):
            best = (prefix, rank)
    assert best is not None, f"{module} has no layer: add it to RANKS"
    return best[1]


def _imports(tree: ast.Module) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names
                      if node.module == "thidua" or node.module.startswith("thidua.")]
    return names


def test_every_module_has_a_layer() -> None:
    for name in _modules():
        _rank(name)


def test_imports_point_down_only() -> None:
    bad = []
    for name, tree in _modules().items():
        mine = _rank(name)
        for imp in _imports(tree):
            if imp.startswith("thidua") and _rank(imp) > mine:
                bad.append(f"{name} imports {imp}")
    assert not bad, bad


def test_only_cli_imports_typer() -> None:
    users = [n for n, t in _modules().items()
             if any(i.split(".")[0] in ("typer", "click") for i in _imports(t))]
    assert users == ["thidua.cli"]


def test_core_is_pure() -> None:
    bad = []
    for name, tree in _modules().items():
        if not any(name == p or name.startswith(p + ".") for p in PURE):
            continue
        for imp in _imports(tree):
            if imp.split(".")[0] in IMPURE_MODULES:
                bad.append(f"{name} imports {imp}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name == "io" for a in node.names):
                bad.append(f"{name} imports io")
            if isinstance(node, ast.ImportFrom) and node.module == "io":
                bad += [f"{name} imports io.{a.name}" for a in node.names
                        if f"io.{a.name}" not in PURE_FROM_IO]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in IMPURE_CALLS:
                bad.append(f"{name}:{node.lineno} calls {node.func.id}()")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and (node.value.id, node.attr) in IMPURE_ATTRS:
                bad.append(f"{name}:{node.lineno} reads the clock")
    assert not bad, bad


def test_the_check_can_fail() -> None:
    tree = ast.parse("from thidua.cli import app\nprint(1)\n")
    assert "thidua.cli" in _imports(tree)
    assert _rank("thidua.cli") > _rank("thidua.model")
