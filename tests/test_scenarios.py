"""Rule scenarios (tests/scenarios/*.yaml): legal cases a lawyer can read and add to."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from thidua.load.law import bundled_law
from thidua.model.law import POLICY_ONLY
from thidua.rules.criteria import RULES

from .conftest import ROOT
from .scenario_runner import Outcome, load_scenario, run_scenario

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path: Path, tmp_path: Path) -> None:
    spec = load_scenario(path)
    assert spec.get("mo_ta"), "each scenario says in words what it shows"
    out = run_scenario(spec, tmp_path)
    assert not out.failures, spec["mo_ta"] + "\n" + "\n".join(out.failures)


def test_at_least_forty_scenarios_across_the_three_regimes() -> None:
    assert len(SCENARIOS) >= 40
    regimes = {p.name[0] for p in SCENARIOS}
    assert regimes == {"a", "b", "c"}
    for prefix in "abc":
        assert sum(p.name.startswith(prefix) for p in SCENARIOS) >= 10


def test_every_rule_and_every_dated_parameter_is_exercised(tmp_path: Path) -> None:
    total = Outcome()
    for i, path in enumerate(SCENARIOS):
        out = run_scenario(load_scenario(path), tmp_path / str(i))
        total.seen |= out.seen
        total.used |= out.used
    assert total.seen <= set(RULES), f"undeclared criteria: {total.seen - set(RULES)}"
    assert set(RULES) <= total.seen, f"criteria no scenario reaches: {set(RULES) - total.seen}"
    law = bundled_law()
    dated = {(pid, regime) for pid, p in law.params.items() for regime in p.values
             if law.regimes[regime].verified}
    dated |= {(pid.value, "chính sách") for pid in POLICY_ONLY}
    missing = sorted(dated - total.used)
    assert not missing, f"dated values no scenario uses: {missing}"


def _numbers(path: Path) -> list[tuple[int, object]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and type(n.value) in (int, float)]


def test_no_legal_number_in_rule_code() -> None:
    # 0 and 1 are counting; 100 turns a share into a percentage. Everything else (10
    # months, 15 %, 70 %, 80 %, 3 times, 5 years...) must come from the law data or policy.
    allowed = {0, 1, 100}
    files = [*(ROOT / "thidua" / "rules").glob("*.py"), *(ROOT / "thidua" / "decide").glob("*.py")]
    bad = [f"{f.name}:{line}: {value}" for f in files for line, value in _numbers(f)
           if value not in allowed]
    assert not bad, bad


def test_the_number_check_can_fail(tmp_path: Path) -> None:
    f = tmp_path / "rule.py"
    f.write_text("LIMIT = 15\n")
    assert (1, 15) in _numbers(f)
