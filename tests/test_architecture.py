"""The one-way layering: load → model → rules → decide → report/render → library → cli.

Each check is also run on a deliberately broken example, so that a check that cannot fail is
caught here too."""

from __future__ import annotations

import ast
import sys

from .conftest import ROOT

PKG = ROOT / "thidua"

# Lower rank = lower layer. A module may import only from its own rank or below (and, within
# a rank, only along the allowed sideways imports).
RANKS = {
    "thidua": 0, "thidua.diagnostics": 0, "thidua.textutil": 0, "thidua.layout": 0,
    "thidua.yamlout": 0, "thidua.io": 0, "thidua.vnsort": 0, "thidua.errors": 0,
    "thidua.model": 1,
    "thidua.load": 2,
    "thidua.rules": 3,
    "thidua.decide": 4,
    "thidua.report": 5, "thidua.render": 5, "thidua.sample": 5, "thidua.scaffold": 5,
    "thidua.library": 6, "thidua.parallel": 6,
    "thidua.cli": 7,
}
# Sideways imports allowed between packages of the same rank.
SIDEWAYS = {("thidua.render", "thidua.report"), ("thidua.library", "thidua.parallel"),
            ("thidua.cli", "thidua.parallel")}
# The pure core: no file or network I/O, no printing, no clock.
PURE = ("thidua.model", "thidua.rules", "thidua.decide", "thidua.report", "thidua.render",
        "thidua.sample", "thidua.scaffold", "thidua.load.parse", "thidua.load.positions",
        "thidua.load.schema", "thidua.load.kinds", "thidua.load.build",
        "thidua.diagnostics", "thidua.textutil", "thidua.yamlout", "thidua.vnsort",
        "thidua.errors")
IMPURE_MODULES = {"os", "sys", "pathlib", "shutil", "subprocess", "socket", "time",
                  "tempfile", "urllib", "requests", "typer", "click", "rich", "multiprocessing"}
PURE_FROM_IO = {"io.StringIO", "io.BytesIO"}
IMPURE_CALLS = {"open", "print", "input"}
IMPURE_ATTRS = {("datetime", "now"), ("date", "today"), ("datetime", "today"),
                ("datetime", "utcnow")}
# Third-party packages each layer may use (the standard library is always allowed).
THIRD_PARTY = {
    0: set(),
    1: set(),
    2: {"yaml_rs", "yaml", "python_calamine", "lxml", "docx"},  # file formats
    3: set(),
    4: set(),
    5: {"docx", "docxtpl", "jinja2", "lxml", "xlsxwriter"},
    6: {"docx"},
    7: {"typer"},
}


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return out


def _layer(module: str) -> str:
    best = None
    for prefix in RANKS:
        if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > len(best)):
            best = prefix
    assert best is not None, f"{module} has no layer: add it to RANKS"
    return best


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


def layering_problems(modules: dict[str, ast.Module]) -> list[str]:
    bad = []
    for name, tree in modules.items():
        mine = _layer(name)
        for imp in _imports(tree):
            if not imp.startswith("thidua"):
                continue
            theirs = _layer(imp)
            if RANKS[theirs] > RANKS[mine]:
                bad.append(f"{name} imports {imp} (upwards)")
            elif (RANKS[theirs] == RANKS[mine] > 0 and theirs != mine
                  and (mine, theirs) not in SIDEWAYS):
                bad.append(f"{name} imports {imp} (sideways)")
    return bad


def third_party_problems(modules: dict[str, ast.Module]) -> list[str]:
    stdlib = sys.stdlib_module_names
    bad = []
    for name, tree in modules.items():
        allowed = THIRD_PARTY[RANKS[_layer(name)]]
        for imp in _imports(tree):
            top = imp.split(".")[0]
            if top in stdlib or top == "thidua" or top == "__future__":
                continue
            if top not in allowed:
                bad.append(f"{name} imports {top}")
    return bad


def cycles(modules: dict[str, ast.Module]) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        deps = set()
        for imp in _imports(tree):
            target = next((m for m in (imp, imp.rsplit(".", 1)[0]) if m in modules), None)
            if target is not None and target != name:
                deps.add(target)
        graph[name] = deps
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for d in sorted(graph.get(n, ())):
            if state.get(d) == 1:
                found.append([*stack[stack.index(d):], d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)
    return found


def purity_problems(modules: dict[str, ast.Module]) -> list[str]:
    bad = []
    for name, tree in modules.items():
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
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in IMPURE_CALLS:
                bad.append(f"{name}:{node.lineno} calls {node.func.id}()")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and (node.value.id, node.attr) in IMPURE_ATTRS:
                bad.append(f"{name}:{node.lineno} reads the clock")
    return bad


def test_every_module_has_a_layer() -> None:
    for name in _modules():
        _layer(name)


def test_imports_point_down_only() -> None:
    bad = layering_problems(_modules())
    assert not bad, bad


def test_no_import_cycles() -> None:
    found = cycles(_modules())
    assert not found, found


def test_third_party_imports_per_layer() -> None:
    bad = third_party_problems(_modules())
    assert not bad, bad


def test_only_cli_imports_typer() -> None:
    users = {n for n, t in _modules().items()
             if any(i.split(".")[0] in ("typer", "click") for i in _imports(t))}
    assert users and all(u.startswith("thidua.cli") for u in users), users


def test_commands_do_not_import_each_other() -> None:
    """The command modules of the CLI only share app, help and options."""
    modules = _modules()
    shared = {"thidua.cli.app", "thidua.cli.help", "thidua.cli.options"}
    commands = {n for n in modules if n.startswith("thidua.cli.") and n not in shared}
    bad = [f"{n} imports {i}" for n in commands for i in _imports(modules[n])
           if any(i == c or i.startswith(c + ".") for c in commands)]
    assert not bad, bad


def test_core_is_pure() -> None:
    bad = purity_problems(_modules())
    assert not bad, bad


def test_the_checks_can_fail() -> None:
    """Each check on a broken example: a rule imports a YAML parser and the CLI, a model
    prints and reads the clock, two modules import each other, a command imports another."""
    broken = {
        "thidua.rules.bad": ast.parse("import yaml\nfrom thidua.cli import app\n"),
        "thidua.model.bad": ast.parse("import os\nfrom datetime import date\nprint(1)\n"
                                      "x = date.today()\n"),
        "thidua.model.a": ast.parse("from thidua.model import b\n"),
        "thidua.model.b": ast.parse("from thidua.model import a\n"),
        "thidua.report.bad": ast.parse("from thidua.library import repository\n"),
        "thidua.render.ok": ast.parse("from thidua.report import text\n"),
    }
    assert "thidua.rules.bad imports thidua.cli (upwards)" in layering_problems(broken)
    assert "thidua.report.bad imports thidua.library.repository (upwards)" in \
        layering_problems(broken)
    assert not any("render.ok" in p for p in layering_problems(broken))
    assert "thidua.rules.bad imports yaml" in third_party_problems(broken)
    purity = purity_problems(broken)
    assert "thidua.model.bad imports os" in purity
    assert any("calls print()" in p for p in purity)
    assert any("reads the clock" in p for p in purity)
    assert cycles(broken)
    sideways = {"thidua.rules.x": ast.parse("from thidua.load import kinds\n"),
                "thidua.report.y": ast.parse("from thidua.sample import generate\n")}
    assert layering_problems(sideways) == [
        "thidua.report.y imports thidua.sample (sideways)",
        "thidua.report.y imports thidua.sample.generate (sideways)"]


# Speed lives in one room: only the parallel module creates processes or threads, and tricks
# that skip a NamedTuple's checks or count objects by identity stay out of the core.
CONCURRENCY = {"multiprocessing", "concurrent", "threading", "_thread"}
PARALLEL = "thidua.parallel"
# Modules that may import a concurrency module without creating anything concurrent.
INSPECTS_ONLY = {("thidua.render.sandbox", "threading")}  # is this the main thread?
MAX_DECIDE_FUNCTION_LINES = 80


def speed_problems(modules: dict[str, ast.Module]) -> list[str]:
    bad = []
    for name, tree in modules.items():
        if name == PARALLEL:
            continue
        bad += [f"{name} imports {imp}" for imp in _imports(tree)
                if imp.split(".")[0] in CONCURRENCY and (name, imp) not in INSPECTS_ONLY]
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "__new__" \
                    and isinstance(node.value, ast.Name) and node.value.id == "tuple":
                bad.append(f"{name}:{node.lineno} uses tuple.__new__")
            core = name.split(".")[1] if name.count(".") else ""
            if core in ("load", "model", "rules", "decide") and isinstance(node, ast.Call) \
                    and isinstance(node.func, ast.Name) and node.func.id == "id":
                bad.append(f"{name}:{node.lineno} keys by id()")
            if name.startswith("thidua.decide") and isinstance(
                    node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_DECIDE_FUNCTION_LINES:
                    bad.append(f"{name}.{node.name} has {length} lines")
    return bad


def test_speed_lives_in_one_module() -> None:
    bad = speed_problems(_modules())
    assert not bad, bad


def test_the_speed_check_can_fail() -> None:
    long_body = "\n".join(f"    x{i} = {i}" for i in range(MAX_DECIDE_FUNCTION_LINES))
    broken = {
        "thidua.load.bad": ast.parse("import multiprocessing\nx = tuple.__new__\n"),
        "thidua.library.bad": ast.parse("from concurrent.futures import ThreadPoolExecutor\n"),
        "thidua.decide.bad": ast.parse(f"def f():\n{long_body}\n    return id(x0)\n"),
        "thidua.parallel": ast.parse("import multiprocessing\n"),
    }
    bad = speed_problems(broken)
    assert "thidua.load.bad imports multiprocessing" in bad
    assert "thidua.load.bad:2 uses tuple.__new__" in bad
    assert "thidua.library.bad imports concurrent.futures" in bad
    assert any(p.startswith("thidua.decide.bad:") and "id()" in p for p in bad)
    assert f"thidua.decide.bad.f has {MAX_DECIDE_FUNCTION_LINES + 2} lines" in bad
    assert not any(p.startswith("thidua.parallel") for p in bad)
