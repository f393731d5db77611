"""Golden files: ``python -m parkloop evaluate NAME --json`` prints exactly the text in ``golden/NAME.json``.

Why: the model's structure may change (layer-one functions, one ``run()`` per chain, the park runner that
joins them), but a refactor must not move a single number — not even the last bit of a float, which a
different order of additions would change. So the comparison is on the text itself: same keys, same order,
same float reprs. The golden files were last written by the CLI when the accounting moved to version 2
(model.md: three ledgers, the park's own landfill by first-order decay, the restaurant-waste plant, the
biogas handling capacity and flare, steam inside the fence, the two grid factors, the physics bounds);
``golden/NAME.quantities.json`` holds ``Result.quantities`` (which pages read, but the JSON leaves out)
from the same code.

A deliberate change of the accounting (a new factor, a corrected formula, a new key) changes these files
too: regenerate them with ``python -m parkloop evaluate NAME --json > tests/model/golden/NAME.json`` (and
the quantities with ``json.dumps(evaluate(load_scenario(NAME)).quantities, ensure_ascii=False, indent=2)``)
in the same commit, and say in the commit message which numbers moved and why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parkloop.cli import main
from parkloop.model import evaluate, load_scenario

GOLDEN = Path(__file__).parent / "golden"
SCENARIOS = ("baseline-2023", "plan-2026")


@pytest.mark.parametrize("name", SCENARIOS)
def test_evaluate_json_equals_the_golden_file(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert main(["evaluate", name, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == expected


@pytest.mark.parametrize("name", SCENARIOS)
def test_quantities_equal_the_golden_file(name: str) -> None:
    expected = (GOLDEN / f"{name}.quantities.json").read_text(encoding="utf-8")
    quantities = evaluate(load_scenario(name)).quantities
    assert json.dumps(quantities, ensure_ascii=False, indent=2) + "\n" == expected
