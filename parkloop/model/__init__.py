"""The park model: pure Python, no Streamlit. Pages and the CLI call :func:`evaluate`.

>>> from parkloop.model import load_scenario, evaluate
>>> result = evaluate(load_scenario("plan-2026"))
>>> round(result.totals["waste_treated_t_per_year"]) > 0
True
"""

from __future__ import annotations

from typing import Any

from parkloop.model.factors import Factors, load_factors
from parkloop.model.park import AVOIDED_CATEGORIES, CHAINS, EMISSION_CATEGORIES, Result, evaluate
from parkloop.model.scenario import (
    SCHEMA,
    Provenance,
    Scenario,
    ScenarioError,
    list_scenarios,
    load_scenario,
    parse_overrides,
)
from parkloop.model.tomlfile import DataFileError, read_toml


def evaluate_dict(scenario: Scenario) -> dict[str, Any]:
    """The JSON object of ``python -m parkloop evaluate`` for ``scenario``."""
    return evaluate(scenario).to_dict()


__all__ = [
    "AVOIDED_CATEGORIES",
    "CHAINS",
    "EMISSION_CATEGORIES",
    "SCHEMA",
    "DataFileError",
    "Factors",
    "Provenance",
    "Result",
    "Scenario",
    "ScenarioError",
    "evaluate",
    "evaluate_dict",
    "list_scenarios",
    "load_factors",
    "load_scenario",
    "parse_overrides",
    "read_toml",
]
