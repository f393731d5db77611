"""Model results the pages draw, computed once and cached for every session.

Everything returned is plain data (dicts, lists, floats, strings); pages never call the model in a loop
or hold ``Result`` objects between reruns. A scenario's result is one object shared by every session
(``st.cache_resource``): pages read it and never change it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parkloop.content import flatten
from parkloop.model import SCHEMA, Result, Scenario, evaluate, load_scenario
from parkloop.model.factors import load_factors
from parkloop.model.targets import track_targets
from parkloop.provenance import load_sources, provenance_to_dict

BASELINE = "baseline-2023"
PLAN = "plan-2026"


def _scenario_data(scenario: Scenario, result: Result) -> dict[str, Any]:
    """One evaluated scenario as the targets page shows it: name, totals, inputs, provenance, warnings."""
    return {
        "name": scenario.name,
        "totals": dict(result.totals),
        "values": flatten(scenario.values, depth=2),
        "provenance": {key: provenance_to_dict(p) for key, p in scenario.provenance.items()},
        "warnings": list(result.warnings),
    }


@st.cache_data(show_spinner=False, max_entries=8)
def targets_page_data(baseline: str = BASELINE, plan: str = PLAN) -> dict[str, Any]:
    """Both scenarios evaluated, the targets tracked, and the provenance the page shows."""
    baseline_scenario, plan_scenario = load_scenario(baseline), load_scenario(plan)
    baseline_result, plan_result = evaluate(baseline_scenario), evaluate(plan_scenario)
    factors = load_factors()
    grid_value = plan_result.grid_kg_co2_per_kwh
    grid_name = next((name for name, value in factors.grid.items() if abs(value - grid_value) < 1e-12), None)
    return {
        "baseline": _scenario_data(baseline_scenario, baseline_result),
        "plan": _scenario_data(plan_scenario, plan_result),
        "targets": track_targets(baseline_result, plan_result),
        "gwp": plan_result.gwp,
        "gwp_values": dict(factors.gwp.get(plan_result.gwp, {})),
        "grid_kg_co2_per_kwh": grid_value,
        "avoided_grid_kg_co2_per_kwh": plan_result.avoided_grid_kg_co2_per_kwh,
        "grid_name": grid_name,
        "schema_units": {
            f"{section}.{key}": (spec.unit, spec.kind)
            for section, keys in SCHEMA.items()
            for key, spec in keys.items()
        },
        "sources": load_sources(),
    }


# --------------------------------------------------------------------------------------------
# one scenario with a visitor's changes — what every exhibit draws from
# --------------------------------------------------------------------------------------------
def overrides_key(overrides: dict[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """A hashable, order-independent form of ``{"section.key": value}`` for the cache."""

    def freeze(value: Any) -> Any:
        if isinstance(value, dict):
            return tuple(sorted((k, freeze(v)) for k, v in value.items()))
        return value

    return tuple(sorted((k, freeze(v)) for k, v in (overrides or {}).items()))


def _thaw(frozen: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    def thaw(value: Any) -> Any:
        if isinstance(value, tuple) and value and all(isinstance(i, tuple) and len(i) == 2 for i in value):
            return {k: thaw(v) for k, v in value}
        return value

    return {k: thaw(v) for k, v in frozen}


def scenario_data(name: str, frozen: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    """Scenario ``name`` with the overrides ``frozen`` (:func:`overrides_key`) evaluated, as plain data
    (what :func:`scenario_result` caches)."""
    scenario = load_scenario(name, overrides=_thaw(frozen) or None)
    result = evaluate(scenario)
    data = result.to_dict()
    data["quantities"] = dict(result.quantities)
    data["values"] = flatten(scenario.values, depth=2)  # compositions whole
    data["provenance"] = {key: provenance_to_dict(p) for key, p in scenario.provenance.items()}
    return data


# One shared result per slider position, read and never changed by the pages (tests/test_model_data.py
# runs every exhibit and compares the cache with the model afterwards). Not st.cache_data: that unpickles
# a copy on every call, 0.5 ms of a slider move (issue 18). About 75 kB a position, 256 at most.
_scenario_result = st.cache_resource(show_spinner=False, max_entries=256)(scenario_data)


def scenario_result(name: str = PLAN, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model's result for scenario ``name`` with ``overrides`` (``{"incineration.tonnes_per_day":
    6000}``), as plain data: ``totals``, ``chains``, ``ledger``, ``flows`` (material/energy/water/carbon/
    money graphs), ``balances``, ``synergy``, ``warnings``, ``quantities``, ``values`` (the scenario's
    inputs, dotted keys) and ``provenance`` (dotted key → ``{"kind", "ref", "note"}``).

    Cached for every session (the same slider position is computed once for the whole park) and shared:
    read it, never change it (copy what you would change). Raises
    :class:`parkloop.model.ScenarioError` for overrides the scenario rejects or that break a physics bound
    (model.md version 2); exhibits keep their sliders inside both (each exhibit's tests run the slider
    corners), and a page that could still reach a bound catches it and says so in words (/power).
    """
    return _scenario_result(name, overrides_key(overrides))


@st.cache_data(show_spinner=False)
def factors_data() -> dict[str, Any]:
    """The curated factors (``data/factors.toml``) as plain data: components, gwp, grid, constants,
    flue-gas limits, equivalents — and each factor's provenance under ``provenance``."""
    factors = load_factors()
    return {
        "components": {name: dict(vars(c)) for name, c in factors.components.items()},
        "gwp": {k: dict(v) for k, v in factors.gwp.items()},
        "grid": dict(factors.grid),
        "constants": dict(factors.constants),
        "equivalents": dict(factors.equivalents),
        "flue_gas_limits": dict(factors.flue_gas_limits),
        # "composition.food.dm" / "constants.mj_per_kwh" / "equivalents.tree_kg_co2_per_year" → the
        # provenance string of data/factors.toml ("cited: ipcc-2006-v5 — …"); figures.figure() accepts it
        "provenance": dict(factors.provenance),
    }
