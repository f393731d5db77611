"""Scenario files: the schema, loading, ``extends``, overrides and validation.

A scenario is a TOML file in ``data/scenarios/`` (format in ``docs/model.md``). Every problem is reported as
a :class:`ScenarioError` whose message is one line naming the file, the dotted key and the reason, so that
the CLI and the pages can show it without a traceback.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parkloop.model import paths
from parkloop.model.tomlfile import DataFileError, read_toml

COMPONENTS = (
    "food",
    "paper",
    "plastics",
    "textiles",
    "wood",
    "garden",
    "rubber_leather",
    "glass_metal",
    "other_inert",
)
LEACHATE_SOURCES = ("incineration", "restaurant_waste", "landfill")
# The park's landfill took raw household waste before Beijing's zero-landfill policy; this is the older
# survey's mixture (factors.md: food ≈ 63 %, plastics ≈ 13 %, paper ≈ 11 %; the rest the project's split).
OLD_RAW_WASTE = {
    "food": 0.63,
    "paper": 0.11,
    "plastics": 0.13,
    "textiles": 0.03,
    "wood": 0.02,
    "garden": 0.02,
    "rubber_leather": 0.01,
    "glass_metal": 0.02,
    "other_inert": 0.03,
}
# Gas engines convert at most this share of the methane's heating value (large engines reach about 42 %).
MAX_ENGINE_EFFICIENCY = 0.45
COMPOSITION_TOLERANCE = 0.001


class ScenarioError(DataFileError):
    """A scenario that cannot be used; ``str(error)`` is one line: ``file: key: reason``."""


@dataclass(frozen=True)
class Spec:
    """One scenario key: what it holds and whether a file must give it.

    kind: ``flow`` (a number >= 0), ``fraction`` (0–1), ``positive`` (> 0), ``days`` (0 < x <= 366),
    ``year`` (1900–2100), ``years`` (a whole number 1–200), ``str``, ``gwp`` (AR5 | AR6) or
    ``composition`` (a table of fractions summing to 1).
    """

    kind: str
    unit: str
    help: str
    required: bool = False
    default: Any = None
    default_provenance: str = ""
    parts: tuple[str, ...] = ()


def _opt(kind: str, unit: str, help: str, default: Any, provenance: str, parts: tuple[str, ...] = ()) -> Spec:
    return Spec(kind, unit, help, False, default, provenance, parts)


def _req(kind: str, unit: str, help: str, parts: tuple[str, ...] = ()) -> Spec:
    return Spec(kind, unit, help, True, parts=parts)


# The keys of model.md's public contract are required; the others have defaults with their provenance.
SCHEMA: dict[str, dict[str, Spec]] = {
    "scenario": {
        "name": _req("str", "", "scenario name"),
        "extends": _opt("str", "", "start from this scenario, then apply this file's values", None, ""),
        "year": _opt(
            "year",
            "",
            "the year the scenario describes (the park landfill's decay is counted to it)",
            2023,
            "",
        ),
        "days_per_year": _req("days", "d", "operating days a year"),
        "grid_kg_co2_per_kwh": _req(
            "flow", "kg CO2/kWh", "grid emission factor of electricity bought (consumption average)"
        ),
        "avoided_grid_kg_co2_per_kwh": _opt(
            "flow",
            "kg CO2/kWh",
            "grid emission factor of electricity exported (the regional baseline of offset projects)",
            0.7119,
            "cited: mee-grid-baseline-2019 — North China regional grid, combined margin 0.5 × OM 0.9419 + "
            "0.5 × BM 0.4819 t CO2/MWh",
        ),
        "gwp": _req("gwp", "", "global warming potential set: AR5 or AR6"),
    },
    "incineration": {
        "tonnes_per_day": _req("flow", "t/d", "household residual waste incinerated"),
        "net_kwh_per_tonne": _req(
            "flow", "kWh/t", "electricity exported per tonne, plant's own use deducted"
        ),
        "composition": _req("composition", "fraction", "wet-weight composition of the waste", COMPONENTS),
        "bottom_ash_fraction": _req("fraction", "t/t", "bottom ash per tonne burned"),
        "fly_ash_fraction": _req("fraction", "t/t", "fly ash per tonne burned"),
        "export_steam_t_per_year": _req("flow", "t/yr", "waste-heat steam sent to the kitchen-waste plant"),
        "n2o_g_per_tonne": _opt(
            "flow",
            "g/t",
            "N2O per tonne of wet waste",
            50.0,
            "cited: ipcc-2006-v5 — Vol. 5 Ch. 5 Table 5.6, continuous incineration",
        ),
        "steam_power_penalty_kwh_per_tonne": _opt(
            "flow",
            "kWh/t steam",
            "electricity the turbine no longer makes per tonne of steam sent out",
            110.0,
            "illustrative: ≈ 0.4 GJ enthalpy drop the steam would have given the turbine ÷ 3.6 MJ/kWh",
        ),
        "bottom_ash_recycled_fraction": _opt(
            "fraction",
            "t/t",
            "share of bottom ash made into bricks and paving",
            0.9,
            "illustrative: most bottom ash in Beijing goes to building materials; the project's round number",
        ),
        "fly_ash_reused_fraction": _opt(
            "fraction",
            "t/t",
            "share of fly ash reused as materials (rest stabilised and landfilled)",
            0.0,
            "illustrative: the plan only starts research on fly-ash reuse (二(三)3)",
        ),
        "reference_heating_value_gj_per_t": _opt(
            "flow",
            "GJ/t",
            "heating value at which net_kwh_per_tonne holds; electricity follows the composition's "
            "heating value (0: the figure is for the scenario's own composition)",
            10.51,
            "illustrative: the heating value of baseline-2023's composition (10.51 GJ/t), for which "
            "375 kWh/t holds; electricity follows the heating value when the composition changes",
        ),
        "excess_air_ratio": _opt(
            "positive",
            "",
            "combustion air over the stoichiometric air (λ)",
            1.8,
            "illustrative: grate furnaces for household waste run at λ ≈ 1.6–2.0 (literature-ranges)",
        ),
    },
    "kitchen_waste": {
        "tonnes_per_day": _req("flow", "t/d", "household kitchen waste (厨余) digested"),
        "biogas_nm3_per_tonne": _req("flow", "Nm³/t", "biogas yield per wet tonne"),
        "methane_fraction": _req("fraction", "Nm³/Nm³", "methane share of the biogas"),
        "to_power_fraction": _req(
            "fraction",
            "",
            "share of the park's handled methane burned in engines (rest upgraded to fuel gas)",
        ),
        "engine_efficiency": _req("fraction", "", "electrical efficiency of the gas engines (at most 0.45)"),
        "upgrading_recovery": _req(
            "fraction", "", "share of the methane sent to upgrading delivered as fuel gas"
        ),
        "own_use_kwh_per_tonne": _req("flow", "kWh/t", "electricity the plant uses per tonne"),
        "oil_extraction_rate": _req("fraction", "t/t", "oil extracted per tonne (made into biodiesel)"),
        "digestate_fraction": _opt(
            "fraction",
            "t/t",
            "digestate and residue per tonne of food waste (both food-waste plants)",
            0.32,
            "derived: 二(二)2 — 14万 t/a of digestate and residue co-treated, from 1200 t/d of food waste "
            "≈ 0.32 t/t (assumes all of it comes from the two food-waste plants)",
        ),
        "digestate_to_incineration_fraction": _opt(
            "fraction",
            "",
            "share of digestate and residue co-incinerated (rest landfilled)",
            1.0,
            "derived: 二(二)2 — incinerators co-treat digestate and residue (协同处置厨余垃圾沼渣、残渣); "
            "taken as all of it",
        ),
        "residue_fossil_carbon_fraction": _opt(
            "fraction",
            "t C/t",
            "fossil carbon (plastic bags and film) in the digestate and residue",
            0.01,
            "illustrative: sorted food waste still carries plastic bags; about 1 % fossil carbon in the "
            "pre-treatment residue and digestate (the project's round number)",
        ),
        "liquor_cod_mg_per_l": _opt(
            "flow",
            "mg/L",
            "COD of the liquor sent to the leachate plant (its carbon follows it)",
            20000.0,
            "illustrative: digestate liquor of food waste, 10 000–40 000 mg/L COD",
        ),
        "heat_demand_gj_per_tonne": _opt(
            "flow",
            "GJ/t",
            "process heat per tonne of food waste (both plants): heating, hygienisation, digesters",
            0.8,
            "illustrative: about 0.3 t of steam per tonne (0.2–0.4 t/t) × 2.69 GJ/t",
        ),
        "boiler_efficiency": _opt(
            "positive",
            "",
            "efficiency of the natural-gas boiler that covers what the steam does not",
            0.9,
            "illustrative: gas-fired steam boilers, 88–92 % (literature-ranges)",
        ),
        "digestate_doc_fraction": _opt(
            "fraction",
            "t/t",
            "degradable organic carbon of landfilled digestate",
            0.05,
            "illustrative: most easily degradable carbon has already become biogas",
        ),
        "digestate_lhv_mj_per_kg": _opt(
            "flow",
            "MJ/kg",
            "heating value of wet digestate burned in the incinerator",
            2.0,
            "illustrative: wet organic residue, low heating value",
        ),
        "methane_leakage_fraction": _opt(
            "fraction",
            "",
            "share of methane lost to the air from digesters and gas handling",
            0.01,
            "illustrative: 1 % is a common assumption for well-run digesters (ranges 0.5–3 %)",
        ),
    },
    "restaurant_waste": {
        "tonnes_per_day": _opt(
            "flow", "t/d", "restaurant food waste (餐厨) digested", 0.0, "illustrative: none"
        ),
        "biogas_nm3_per_tonne": _opt(
            "flow",
            "Nm³/t",
            "biogas yield per wet tonne",
            70.0,
            "illustrative: restaurant waste after oil extraction, 60–100 Nm³/t wet (literature-ranges)",
        ),
        "methane_fraction": _opt(
            "fraction", "Nm³/Nm³", "methane share of the biogas", 0.62, "illustrative: 55–65 % methane"
        ),
        "oil_extraction_rate": _opt(
            "fraction",
            "t/t",
            "oil extracted per tonne (made into biodiesel)",
            0.025,
            "illustrative: restaurant waste yields 2–4 % oil; the park's rate is not published",
        ),
    },
    "biogas": {
        "handling_capacity_nm3_per_day": _opt(
            "flow",
            "Nm³/d",
            "biogas the park can handle (engines and upgrading); the rest is flared",
            50000.0,
            "plan: 二(一)2 — 沼气处理能力达到5万Nm3/d",
        ),
    },
    "landfill": {
        "waste_in_place_t": _opt(
            "flow", "t", "waste already in the park's sanitary landfill", 0.0, "illustrative: none"
        ),
        "gas_capture_fraction": _opt(
            "fraction",
            "",
            "share of the landfill's methane captured and sent to the biogas blend",
            0.3,
            "illustrative: Chinese sanitary landfills capture 20–50 % of their gas",
        ),
        "first_deposit_year": _opt("year", "", "first year waste was landfilled", 2002, "illustrative"),
        "last_deposit_year": _opt("year", "", "last year raw waste was landfilled", 2020, "illustrative"),
        "oxidation_factor": _opt(
            "fraction",
            "",
            "share oxidised in the cover soil (OX)",
            0.1,
            "cited: ipcc-2006-v5 — Vol. 5 Ch. 3, OX = 0.1 for sites covered with oxidising material",
        ),
        "methane_correction_factor": _opt(
            "fraction",
            "",
            "methane correction factor (MCF)",
            1.0,
            "cited: ipcc-2006-v5 — Vol. 5 Ch. 3, MCF = 1.0 for managed anaerobic sites",
        ),
        "composition": _opt(
            "composition",
            "fraction",
            "wet composition of the waste in place",
            OLD_RAW_WASTE,
            "illustrative: raw household waste before sorting — the older survey's food ≈ 63 %, plastics ≈ "
            "13 %, paper ≈ 11 % (factors.md); the rest the project's split",
            COMPONENTS,
        ),
    },
    "landfill_counterfactual": {
        "recovery_fraction": _req("fraction", "", "share of landfill methane a landfill would recover (R)"),
        "oxidation_factor": _req("fraction", "", "share oxidised in the cover soil (OX)"),
        "methane_correction_factor": _req("fraction", "", "methane correction factor of the site (MCF)"),
        "horizon_years": _opt(
            "years",
            "yr",
            "years over which the comparison follows the decay",
            30,
            "illustrative: 30 years show most of the decay of food and paper (k = 0.04–0.06)",
        ),
    },
    "leachate": {
        "m3_per_day": _req("flow", "m³/d", "leachate treated"),
        "reuse_rate": _req("fraction", "", "share of treated leachate reused as reclaimed water"),
        "source_shares": _opt(
            "composition",
            "fraction",
            "where the leachate comes from",
            {"incineration": 0.5, "restaurant_waste": 0.3, "landfill": 0.2},
            "illustrative: the plan names the three sources (二(二)2, 三源混合) but not their shares",
            LEACHATE_SOURCES,
        ),
        "kwh_per_m3": _opt(
            "flow",
            "kWh/m³",
            "electricity per cubic metre treated",
            20.0,
            "illustrative: membrane bioreactor plus nanofiltration/reverse osmosis, 15–30 kWh/m³",
        ),
        "ammonia_mg_per_l": _opt(
            "flow",
            "mg/L",
            "ammonia nitrogen in the mixed leachate",
            1500.0,
            "illustrative: mixed leachate and digestate liquor, 1000–2500 mg/L",
        ),
        "ammonia_recovery": _opt(
            "fraction",
            "",
            "share of ammonia nitrogen recovered",
            0.99,
            "derived: 二(三)1 — the plan's ammonia-nitrogen recovery above 99 % is for the kitchen-waste "
            "digestate liquor (厨余沼液); applied here to the mixed leachate",
        ),
        "cod_mg_per_l": _opt(
            "flow",
            "mg/L",
            "chemical oxygen demand of the mixed leachate",
            20000.0,
            "illustrative: fresh leachate, 10 000–40 000 mg/L",
        ),
        "cod_removal": _opt(
            "fraction",
            "",
            "share of COD removed by the treatment (a removal efficiency)",
            0.996,
            "illustrative: membrane bioreactor plus NF/RO remove 99.5 % and more of leachate COD",
        ),
    },
    "construction_waste": {
        "tonnes_per_day": _req("flow", "t/d", "construction and demolition waste received"),
        "recycled_fraction": _req("fraction", "t/t", "share made into recycled materials (rest rejected)"),
        "aggregate_share": _opt(
            "fraction",
            "",
            "share of the recycled output sold as aggregate (rest made into bricks)",
            0.7,
            "illustrative: most recycled construction waste becomes aggregate",
        ),
        "kwh_per_tonne": _opt(
            "flow",
            "kWh/t",
            "electricity for crushing and screening per tonne",
            4.0,
            "illustrative: mobile and fixed crushing lines, 2–6 kWh/t",
        ),
    },
    "solar": {
        "kwp": _req("flow", "kWp", "installed rooftop PV"),
        "kwh_per_kwp": _req("flow", "kWh/kWp/yr", "specific yield a year"),
    },
    "prices": {
        "gate_fee_msw_yuan_per_t": _opt(
            "flow", "yuan/t", "fee the city pays per tonne incinerated", 250.0, ""
        ),
        "gate_fee_kitchen_yuan_per_t": _opt("flow", "yuan/t", "fee per tonne of food waste", 300.0, ""),
        "gate_fee_cd_yuan_per_t": _opt("flow", "yuan/t", "fee per tonne of construction waste", 30.0, ""),
        "electricity_yuan_per_kwh": _opt("flow", "yuan/kWh", "price of exported electricity", 0.65, ""),
        "steam_yuan_per_t": _opt("flow", "yuan/t", "internal price of steam", 120.0, ""),
        "fuel_gas_yuan_per_nm3": _opt("flow", "yuan/Nm³", "price of upgraded biomethane", 2.5, ""),
        "oil_yuan_per_t": _opt("flow", "yuan/t", "price of extracted oil for biodiesel", 4000.0, ""),
        "aggregate_yuan_per_t": _opt("flow", "yuan/t", "price of recycled aggregate", 30.0, ""),
        "brick_yuan_per_t": _opt("flow", "yuan/t", "price of recycled bricks", 80.0, ""),
        "reclaimed_water_yuan_per_m3": _opt("flow", "yuan/m³", "internal price of reclaimed water", 4.0, ""),
        "incineration_opex_yuan_per_t": _opt(
            "flow", "yuan/t", "operating cost per tonne incinerated", 300.0, ""
        ),
        "kitchen_opex_yuan_per_t": _opt(
            "flow", "yuan/t", "operating cost per tonne of food waste", 350.0, ""
        ),
        "leachate_opex_yuan_per_m3": _opt("flow", "yuan/m³", "operating cost per m³ of leachate", 60.0, ""),
        "cd_opex_yuan_per_t": _opt(
            "flow", "yuan/t", "operating cost per tonne of construction waste", 25.0, ""
        ),
    },
}
PRICE_PROVENANCE = "illustrative: round prices for teaching the money flow; not the park's accounts"
for _spec_name, _spec in list(SCHEMA["prices"].items()):
    SCHEMA["prices"][_spec_name] = Spec(
        _spec.kind, _spec.unit, _spec.help, False, _spec.default, PRICE_PROVENANCE
    )

PROVENANCE_KINDS = ("plan", "cited", "derived", "illustrative")


@dataclass(frozen=True)
class Provenance:
    """Where a value comes from: ``plan`` (section; a figure the plan text contains), ``cited`` (source
    id), ``derived`` (computed from plan figures with a stated assumption), ``illustrative`` (reason),
    ``default`` (the schema default, whose own provenance is ``note``) or ``override`` (a visitor or
    --set)."""

    kind: str
    ref: str
    note: str = ""

    @classmethod
    def parse(cls, text: str) -> Provenance:
        kind, _, rest = text.partition(":")
        kind = kind.strip()
        rest = rest.strip()
        if kind not in PROVENANCE_KINDS or not rest:
            raise ValueError(
                f"provenance must start with plan:, cited:, derived: or illustrative: — got {text!r}"
            )
        ref, _, note = rest.partition(" — ")
        return cls(kind, ref.strip(), note.strip())

    def __str__(self) -> str:
        return f"{self.kind}: {self.ref}" + (f" — {self.note}" if self.note else "")


@dataclass
class Scenario:
    """A validated scenario: plain values plus the provenance of each dotted key."""

    name: str
    path: Path | None
    values: dict[str, dict[str, Any]]
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def get(self, dotted: str) -> Any:
        table, _, key = dotted.partition(".")
        return self.values[table][key]


def list_scenarios() -> list[str]:
    """Names of the scenarios shipped in ``data/scenarios``."""
    return sorted(p.stem for p in paths.scenario_dir().glob("*.toml") if not p.stem.startswith("_"))


def _resolve(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        return Path(text)
    if text not in list_scenarios():
        known = ", ".join(list_scenarios())
        raise ScenarioError(text, "scenario", f"no scenario of that name (known: {known})")
    return paths.scenario_dir() / f"{text}.toml"


def _read_scenario_file(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except DataFileError as exc:
        raise ScenarioError(exc.source, exc.key, exc.reason) from None


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _copy_tables(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: (_copy_tables(v) if isinstance(v, dict) else v) for k, v in raw.items()}


_RAW_CACHE: dict[tuple[str, float, int], tuple[dict[str, Any], dict[str, Provenance]]] = {}
paths.clear_on_data_dir_change(_RAW_CACHE.clear)


def _raw_cached(path: Path) -> tuple[dict[str, Any], dict[str, Provenance]]:
    """Parsed file plus its parents, cached by path, modification time and size (slider moves re-load
    the same scenario many times a second; an edited file is read again)."""
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime, stat.st_size)
    except OSError:
        return _raw_with_extends(path)
    if key not in _RAW_CACHE:
        if len(_RAW_CACHE) > 64:
            _RAW_CACHE.clear()
        _RAW_CACHE[key] = _raw_with_extends(path)
    raw, provenance = _RAW_CACHE[key]
    return _copy_tables(raw), dict(provenance)


def _parse_provenance(source: str, prov_raw: Any) -> dict[str, Provenance]:
    """The ``[provenance.<table>]`` tables of one file, checked against :data:`SCHEMA`."""
    if not isinstance(prov_raw, dict):
        raise ScenarioError(source, "provenance", "must be a table of tables")
    provenance: dict[str, Provenance] = {}
    for table, entries in prov_raw.items():
        if not isinstance(entries, dict):
            raise ScenarioError(source, f"provenance.{table}", "must be a table")
        for key, text in entries.items():
            dotted = f"provenance.{table}.{key}"
            if not isinstance(text, str):
                raise ScenarioError(source, dotted, "must be a string")
            if table not in SCHEMA or key not in SCHEMA[table]:
                raise ScenarioError(source, dotted, "unknown key")
            try:
                provenance[f"{table}.{key}"] = Provenance.parse(text)
            except ValueError as exc:
                raise ScenarioError(source, dotted, str(exc)) from None
    return provenance


def _raw_with_extends(
    path: Path, seen: tuple[Path, ...] = ()
) -> tuple[dict[str, Any], dict[str, Provenance]]:
    source = str(path)
    if path.resolve() in seen:
        raise ScenarioError(source, "scenario.extends", "scenarios extend each other in a loop")
    raw = _read_scenario_file(path)
    provenance = _parse_provenance(source, raw.pop("provenance", {}))
    parent = raw.get("scenario", {}).get("extends") if isinstance(raw.get("scenario"), dict) else None
    if parent is not None:
        if not isinstance(parent, str):
            raise ScenarioError(source, "scenario.extends", "wrong type: expected a scenario name (text)")
        parent_path = _resolve(parent) if not parent.endswith(".toml") else path.parent / parent
        base, base_prov = _raw_with_extends(parent_path, seen + (path.resolve(),))
        base.get("scenario", {}).pop("extends", None)
        merged = _merge(base, raw)
        for table, entries in raw.items():
            if isinstance(entries, dict):
                for key in entries:
                    base_prov.pop(f"{table}.{key}", None)
        base_prov.update(provenance)
        return merged, base_prov
    return raw, provenance


def parse_overrides(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """Parse ``--set section.key=value`` items; the value is read as a TOML value (strings may be bare)."""
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise ScenarioError("--set", item, "expected section.key=value")
        key, _, text = item.partition("=")
        key = key.strip()
        if key.count(".") < 1 or any(not part for part in key.split(".")):
            raise ScenarioError("--set", key, "expected a dotted key such as incineration.tonnes_per_day")
        try:
            value = tomllib.loads(f"v = {text.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = text.strip()
        out[key] = value
    return out


def _apply_override(values: dict[str, Any], dotted: str, value: Any, source: str) -> None:
    parts = dotted.split(".")
    node = values
    for part in parts[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            raise ScenarioError(source, dotted, "not a table; cannot set a key inside it")
        node = child
    node[parts[-1]] = value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_text(source: str, key: str, spec: Spec, value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(source, key, "wrong type: expected text")
    return value


def _check_gwp(source: str, key: str, spec: Spec, value: Any) -> Any:
    if value not in ("AR5", "AR6"):
        raise ScenarioError(source, key, f'must be "AR5" or "AR6", got {value!r}')
    return value


def _check_composition(source: str, key: str, spec: Spec, value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ScenarioError(source, key, "wrong type: expected a table of fractions")
    for part in value:
        if part not in spec.parts:
            raise ScenarioError(source, f"{key}.{part}", f"unknown key (known: {', '.join(spec.parts)})")
    clean = {}
    for part in spec.parts:
        if part not in value:
            raise ScenarioError(source, f"{key}.{part}", "missing required key")
        clean[part] = _check_number(source, f"{key}.{part}", Spec("fraction", "", ""), value[part])
    total = sum(clean.values())
    if abs(total - 1.0) > COMPOSITION_TOLERANCE:
        raise ScenarioError(
            source, key, f"composition sums to {total:.4f}, must be 1 ± {COMPOSITION_TOLERANCE}"
        )
    return clean


def _check_number(source: str, key: str, spec: Spec, value: Any) -> float:
    """Kinds ``flow``, ``fraction``, ``positive`` and ``days``."""
    kind = spec.kind
    if not _is_number(value):
        raise ScenarioError(
            source, key, f"wrong type: expected a number in {spec.unit or 'units'}, got {value!r}"
        )
    number = float(value)
    if not math.isfinite(number):
        raise ScenarioError(source, key, "must be a finite number")
    if number < 0:
        label = "fraction outside 0–1" if kind == "fraction" else "negative flow"
        raise ScenarioError(source, key, f"{label}: {number:g} is below 0")
    if kind == "fraction" and number > 1:
        raise ScenarioError(source, key, f"fraction outside 0–1: {number:g}")
    if kind == "days" and not 0 < number <= 366:
        raise ScenarioError(source, key, f"must be more than 0 and at most 366 days, got {number:g}")
    if kind == "positive" and number <= 0:
        raise ScenarioError(source, key, f"must be more than 0, got {number:g}")
    if kind == "year" and not 1900 <= number <= 2100:
        raise ScenarioError(source, key, f"must be a year from 1900 to 2100, got {number:g}")
    if kind == "years" and (number != int(number) or not 1 <= number <= 200):
        raise ScenarioError(source, key, f"must be a whole number of years from 1 to 200, got {number:g}")
    return number


_CHECKS: dict[str, Callable[[str, str, Spec, Any], Any]] = {
    "str": _check_text,
    "gwp": _check_gwp,
    "composition": _check_composition,
}


def _check_value(source: str, key: str, spec: Spec, value: Any) -> Any:
    return _CHECKS.get(spec.kind, _check_number)(source, key, spec, value)


def _validate_table(source: str, table: str, given: dict[str, Any]) -> dict[str, Any]:
    specs = SCHEMA[table]
    for key in given:
        if key not in specs:
            raise ScenarioError(source, f"{table}.{key}", "unknown key")
    out: dict[str, Any] = {}
    for key, spec in specs.items():
        dotted = f"{table}.{key}"
        if key in given:
            out[key] = _check_value(source, dotted, spec, given[key])
        elif spec.required:
            raise ScenarioError(source, dotted, "missing required key")
        else:
            out[key] = dict(spec.default) if isinstance(spec.default, dict) else spec.default
    return out


def validate(raw: dict[str, Any], source: str) -> dict[str, dict[str, Any]]:
    """Check every table and key against :data:`SCHEMA`; fill optional keys with their defaults."""
    for table in raw:
        if table not in SCHEMA:
            raise ScenarioError(source, table, f"unknown key (known tables: {', '.join(SCHEMA)})")
        if not isinstance(raw[table], dict):
            raise ScenarioError(source, table, "wrong type: expected a table")
    values = {table: _validate_table(source, table, raw.get(table, {})) for table in SCHEMA}
    _check_bounds(source, values)
    return values


def _check_bounds(source: str, values: dict[str, dict[str, Any]]) -> None:
    """Bounds between keys, and the physics bounds that need no factors (model.md, version 2)."""
    inc = values["incineration"]
    if inc["bottom_ash_fraction"] + inc["fly_ash_fraction"] > 1:
        raise ScenarioError(
            source, "incineration.fly_ash_fraction", "bottom plus fly ash exceed the waste burned"
        )
    if values["kitchen_waste"]["engine_efficiency"] > MAX_ENGINE_EFFICIENCY:
        raise ScenarioError(
            source,
            "kitchen_waste.engine_efficiency",
            f"{values['kitchen_waste']['engine_efficiency']:g} is above the 0.45 gas engines can reach",
        )
    landfill = values["landfill"]
    if landfill["first_deposit_year"] > landfill["last_deposit_year"]:
        raise ScenarioError(source, "landfill.last_deposit_year", "is before landfill.first_deposit_year")


def load_scenario(name_or_path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Load, merge (``extends``), override and validate a scenario.

    :param name_or_path: a shipped scenario name (``plan-2026``) or a path to a TOML file.
    :param overrides: dotted keys to values, applied after ``extends`` and before validation.
    :raises ScenarioError: with a one-line message naming file, key and reason.
    """
    path = _resolve(name_or_path)
    raw, provenance = _raw_cached(path)
    source = str(path)
    for dotted, value in (overrides or {}).items():
        _apply_override(raw, dotted, value, source if not overrides else "--set")
        top = ".".join(dotted.split(".")[:2])
        provenance[top] = Provenance("override", "visitor or --set", repr(value))
    values = validate(raw, source if not overrides else f"{source} (with --set)")
    for table, specs in SCHEMA.items():
        for key, spec in specs.items():
            dotted = f"{table}.{key}"
            if dotted not in provenance and not spec.required and key != "extends":
                if table in raw and key in raw[table]:
                    continue
                if spec.default_provenance:
                    provenance[dotted] = Provenance("default", "schema", spec.default_provenance)
    values["scenario"].pop("extends", None)
    return Scenario(values["scenario"]["name"], path, values, provenance)
