"""Model results the pages draw, computed once and cached for every session (``st.cache_data``).

Everything returned is plain data (dicts, lists, floats, strings), so Streamlit can pickle and share it;
pages never call the model in a loop or hold ``Result`` objects between reruns.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parkloop.model import SCHEMA, evaluate, load_scenario
from parkloop.model.factors import load_factors
from parkloop.model.targets import track_targets
from parkloop.targets_view import load_sources, provenance_to_dict

BASELINE = "baseline-2023"
PLAN = "plan-2026"


def _flatten(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in values.items():
        dotted = f"{prefix}{key}"
        spec = SCHEMA.get(prefix.rstrip("."), {}).get(key) if prefix.count(".") == 1 else None
        if isinstance(value, dict) and not (spec is not None and spec.kind == "composition"):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


@st.cache_data(show_spinner=False, max_entries=8)
def targets_page_data(baseline: str = BASELINE, plan: str = PLAN) -> dict[str, Any]:
    """Both scenarios evaluated, the targets tracked, and the provenance the page shows."""
    baseline_scenario, plan_scenario = load_scenario(baseline), load_scenario(plan)
    baseline_result, plan_result = evaluate(baseline_scenario), evaluate(plan_scenario)
    factors = load_factors()
    grid_value = plan_result.grid_kg_co2_per_kwh
    grid_name = next((name for name, value in factors.grid.items() if abs(value - grid_value) < 1e-12), None)
    return {
        "baseline": {
            "name": baseline_scenario.name,
            "totals": dict(baseline_result.totals),
            "values": _flatten(baseline_scenario.values),
            "provenance": {key: provenance_to_dict(p) for key, p in baseline_scenario.provenance.items()},
            "warnings": list(baseline_result.warnings),
        },
        "plan": {
            "name": plan_scenario.name,
            "totals": dict(plan_result.totals),
            "values": _flatten(plan_scenario.values),
            "provenance": {key: provenance_to_dict(p) for key, p in plan_scenario.provenance.items()},
            "warnings": list(plan_result.warnings),
        },
        "targets": track_targets(baseline_result, plan_result),
        "gwp": plan_result.gwp,
        "gwp_values": dict(factors.gwp.get(plan_result.gwp, {})),
        "grid_kg_co2_per_kwh": grid_value,
        "grid_name": grid_name,
        "schema_units": {
            f"{section}.{key}": (spec.unit, spec.kind)
            for section, keys in SCHEMA.items()
            for key, spec in keys.items()
        },
        "sources": load_sources(),
    }
