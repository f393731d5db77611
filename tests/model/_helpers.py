"""Shared helpers for the model tests.

Expected values in these tests are worked by hand from the IPCC equations and the factors in
``../shared/reference/factors.md`` (copied into the comments), never computed by calling the code under test.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

from parkloop.model.scenario import COMPONENTS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"

# IPCC 2006 Vol. 5 Table 2.4 as printed in factors.md: (dm, CF of dry, FCF, DOC wet)
TABLE_2_4 = {
    "food": (0.40, 0.38, 0.0, 0.15),
    "paper": (0.90, 0.46, 0.01, 0.40),
    "plastics": (1.00, 0.75, 1.00, 0.0),
    "textiles": (0.80, 0.50, 0.20, 0.24),
    "wood": (0.85, 0.50, 0.0, 0.43),
    "garden": (0.40, 0.49, 0.0, 0.20),
    "rubber_leather": (0.84, 0.67, 0.20, 0.0),
    "glass_metal": (1.00, 0.0, 0.0, 0.0),
    "other_inert": (0.90, 0.03, 1.00, 0.0),
}
GWP = {"AR5": {"ch4": 28.0, "n2o": 265.0}, "AR6": {"ch4": 27.0, "n2o": 273.0}}
GRID_2023 = 0.5306  # kg CO2/kWh, MEE & NBS 2023 national average
AVOIDED_GRID = 0.7119  # kg CO2/kWh, North China grid baseline, combined margin (0.5 × 0.9419 + 0.5 × 0.4819)
NG_KG_CO2_PER_NM3 = 2.162  # GB/T 32151: 15.3 t C/TJ × 99 % × 44/12 × 38.931 MJ/Nm³
NG_NCV_MJ_PER_NM3 = 38.931
STEAM_GJ_PER_T = 2.69  # IAPWS-IF97: 2778 - 84 kJ/kg
CH4_LHV_MJ_PER_NM3 = 35.8
CH4_KG_PER_NM3 = 0.717

REL = 5e-3  # "within 0.5 %" of the hand-worked value

# The inputs that switch each chain off. A chain set to zero input contributes zero everywhere (model.md).
ZERO_ALL: dict[str, Any] = {
    "incineration.tonnes_per_day": 0,
    "incineration.export_steam_t_per_year": 0,
    "kitchen_waste.tonnes_per_day": 0,
    "restaurant_waste.tonnes_per_day": 0,
    "landfill.waste_in_place_t": 0,
    "leachate.m3_per_day": 0,
    "construction_waste.tonnes_per_day": 0,
    "solar.kwp": 0,
}


def _optional_zero() -> dict[str, Any]:
    """Inputs that would make the hand-worked cases harder to follow: the incinerator's electricity is
    the given kWh per tonne whatever the composition (no scaling by heating value), the biogas plant
    large enough that nothing is flared."""
    return {
        "incineration.reference_heating_value_gj_per_t": 0,
        "biogas.handling_capacity_nm3_per_day": 1e9,
    }


def composition(**parts: float) -> dict[str, float]:
    """A full composition table: the given parts, every other component 0."""
    unknown = set(parts) - set(COMPONENTS)
    assert not unknown, unknown
    return {name: float(parts.get(name, 0.0)) for name in COMPONENTS}


def isolated(**overrides: Any):
    """``baseline-2023`` with every chain off, a fixed year, AR5 and the 2023 national grid factor, then
    ``overrides`` (dotted keys with ``__`` for ``.``; or pass a dict via ``_``)."""
    from parkloop.model import load_scenario

    base: dict[str, Any] = {
        **ZERO_ALL,
        **_optional_zero(),
        "scenario.days_per_year": 365,
        "scenario.gwp": "AR5",
        "scenario.grid_kg_co2_per_kwh": GRID_2023,
        "scenario.avoided_grid_kg_co2_per_kwh": AVOIDED_GRID,
    }
    extra = overrides.pop("_", {})
    for key, value in overrides.items():
        base[key.replace("__", ".")] = value
    base.update(extra)
    return load_scenario("baseline-2023", overrides=base)


def run(scenario) -> dict[str, Any]:
    """The JSON object the CLI would print for ``scenario`` (via the public API)."""
    from parkloop.model import evaluate_dict

    return evaluate_dict(scenario)


def fossil_c_per_t(comp: dict[str, float]) -> float:
    return sum(share * TABLE_2_4[n][0] * TABLE_2_4[n][1] * TABLE_2_4[n][2] for n, share in comp.items())


def walk_numbers(obj: Any, path: str = ""):
    """Every number in a JSON-like tree, with its dotted path."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from walk_numbers(v, f"{path}.{k}" if path else str(k))
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from walk_numbers(v, f"{path}[{i}]")
    elif isinstance(obj, bool):
        return
    elif isinstance(obj, int | float):
        yield path, obj


def assert_finite_json(d: dict[str, Any]) -> None:
    """No NaN or infinity anywhere, and the object is strict JSON."""
    json.dumps(d, allow_nan=False)
    for path, value in walk_numbers(d):
        assert math.isfinite(value), f"{path} = {value}"


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m parkloop <args>`` from the repository root, captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "parkloop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
    )


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


# A complete, valid scenario written from model.md's key list (independent of the shipped files), used
# to make bad-input variants in temporary files.
VALID_SCENARIO: dict[str, dict[str, Any]] = {
    "scenario": {"name": "test-file", "days_per_year": 365, "grid_kg_co2_per_kwh": 0.5306, "gwp": "AR5"},
    "incineration": {
        "tonnes_per_day": 1000,
        "net_kwh_per_tonne": 375,
        "composition": {
            "food": 0.3,
            "paper": 0.2,
            "plastics": 0.16,
            "textiles": 0.05,
            "wood": 0.03,
            "garden": 0.02,
            "rubber_leather": 0.01,
            "glass_metal": 0.04,
            "other_inert": 0.19,
        },
        "bottom_ash_fraction": 0.2,
        "fly_ash_fraction": 0.035,
        "export_steam_t_per_year": 0,
    },
    "kitchen_waste": {
        "tonnes_per_day": 100,
        "biogas_nm3_per_tonne": 100,
        "methane_fraction": 0.6,
        "to_power_fraction": 0.5,
        "engine_efficiency": 0.4,
        "upgrading_recovery": 0.97,
        "own_use_kwh_per_tonne": 30,
        "oil_extraction_rate": 0.03,
    },
    "landfill_counterfactual": {
        "recovery_fraction": 0.2,
        "oxidation_factor": 0.1,
        "methane_correction_factor": 1.0,
    },
    "leachate": {"m3_per_day": 500, "reuse_rate": 0.9},
    "construction_waste": {"tonnes_per_day": 200, "recycled_fraction": 0.8},
    "solar": {"kwp": 1000, "kwh_per_kwp": 1200},
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(type(value))


def to_toml(tables: dict[str, dict[str, Any]]) -> str:
    out = []
    for table, entries in tables.items():
        out.append(f"[{table}]")
        out.extend(f"{key} = {_toml_value(value)}" for key, value in entries.items())
        out.append("")
    return "\n".join(out)


def variant(**changes: Any) -> dict[str, dict[str, Any]]:
    """A deep copy of :data:`VALID_SCENARIO` with dotted keys (``__`` for ``.``) set, or deleted if the value
    is :data:`DELETE`."""
    import copy

    tables = copy.deepcopy(VALID_SCENARIO)
    for key, value in changes.items():
        parts = key.split("__")
        node = tables
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        if value is DELETE:
            del node[parts[-1]]
        else:
            node[parts[-1]] = value
    return tables


DELETE = object()
