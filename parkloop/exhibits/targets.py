"""What the "2026 targets" exhibit shows, as plain data in one language — no Streamlit, no arithmetic
beyond presentation (signs, rounding, units).

The page (``exhibits/targets.py``) calls the model, hands its output to the functions here and draws the
rows they return. Keeping this step outside the page makes it testable without a browser and keeps the
page a thin layer: read → model → draw.

Inputs are the model's public shapes (``docs/model-api.md``): ``track_targets`` rows, ``Result.totals``
and ``Scenario.provenance`` (converted to plain dicts so Streamlit can cache them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parkloop.content import has_key, page_section, t
from parkloop.i18n import (
    format_number,
    format_percent,
    format_quantity,
    normalize_lang,
    plan_section_label,
)
from parkloop.provenance import ProvenanceView, describe_provenance

PAGE = "targets"
STATUSES = ("met", "short", "unconfirmed", "not_modelled")

# Units of the lever contributions of each target, for rows whose levers carry no "unit" of their own.
# Every lever is signed so that a positive value moves the indicator towards the plan's target.
LEVER_UNITS: dict[str, str] = {
    "capacity": "t/d",
    "green_power": "kWh/yr",
    "intensity": "kg CO2e/t",
    "water_reuse": "pp",
    "synergy": "points",
    "co2_reduction": "t CO2e/yr",
    "output_value": "yuan/yr",
}
# Lever units the model spells out in words → the short forms used here.
_UNIT_ALIASES = {"percentage points": "pp", "percentage point": "pp", "point": "points"}

# Units of baseline_value / plan_value where the row's own unit describes the change ("% lower").
LEVEL_UNITS: dict[str, str] = {
    "intensity": "kg CO2e/t",
    "synergy": "score",  # the project's 0–100 index
    "output_value": "yuan/yr",
    "water_reuse": "%",
    "co2_reduction": "t CO2e/yr",
}

# The plan's own figure, where its unit is not the model's: the plan gives its 18万 t CO2 cut (一(二)) no
# period, so the target column leaves the period open ("−18万吨CO₂e", not "…/年") in both languages; the
# model's change beside it is a year's.
TARGET_UNITS: dict[str, str] = {"co2_reduction": "t CO2e"}

# Targets the plan states as a fall: shown with a minus sign although the model reports the size of
# the cut as a positive number.
REDUCTION_TARGETS = {"co2_reduction"}

# Scenario inputs behind each target: what "Where does this number come from?" lists.
TARGET_INPUTS: dict[str, tuple[str, ...]] = {
    "capacity": (
        "incineration.tonnes_per_day",
        "kitchen_waste.tonnes_per_day",
        "restaurant_waste.tonnes_per_day",
        "construction_waste.tonnes_per_day",
    ),
    "green_power": (
        "incineration.tonnes_per_day",
        "incineration.net_kwh_per_tonne",
        "kitchen_waste.to_power_fraction",
        "kitchen_waste.engine_efficiency",
        "solar.kwp",
        "solar.kwh_per_kwp",
    ),
    "intensity": (
        "incineration.tonnes_per_day",
        "incineration.composition",
        "kitchen_waste.tonnes_per_day",
        "landfill.waste_in_place_t",
        "landfill.gas_capture_fraction",
        "kitchen_waste.methane_leakage_fraction",
        "scenario.gwp",
    ),
    "water_reuse": ("leachate.reuse_rate", "leachate.m3_per_day"),
    "synergy": (
        "kitchen_waste.digestate_to_incineration_fraction",
        "incineration.export_steam_t_per_year",
        "leachate.reuse_rate",
    ),
    "co2_reduction": (
        "scenario.avoided_grid_kg_co2_per_kwh",
        "scenario.grid_kg_co2_per_kwh",
        "scenario.gwp",
        "incineration.tonnes_per_day",
        "incineration.composition",
        "incineration.export_steam_t_per_year",
        "restaurant_waste.oil_extraction_rate",
        "landfill.gas_capture_fraction",
    ),
    "output_value": ("prices.gate_fee_msw_yuan_per_t", "prices.electricity_yuan_per_kwh"),
}

# The model totals compared on the page, in reading order, with their units.
COMPARISON_TOTALS: tuple[tuple[str, str], ...] = (
    ("waste_treated_t_per_year", "t/yr"),
    ("net_electricity_kwh_per_year", "kWh/yr"),
    ("export_steam_t_per_year", "t/yr"),
    ("fuel_gas_nm3_per_year", "Nm3/yr"),
    ("reclaimed_water_m3_per_year", "m3/yr"),
    ("recycled_materials_t_per_year", "t/yr"),
    ("emissions_t_co2e_per_year", "t CO2e/yr"),
    ("avoided_t_co2e_per_year", "t CO2e/yr"),
    ("net_t_co2e_per_year", "t CO2e/yr"),
    ("emissions_kg_co2e_per_t_household_waste", "kg CO2e/t"),
    ("emissions_kg_co2e_per_t_waste", "kg CO2e/t"),
    ("biogas_flared_nm3_per_year", "Nm3/yr"),
    ("biogenic_co2_t_per_year", "t CO2/yr"),
)

# The carbon totals drawn in the bar chart (all in t CO2e a year, so one axis fits them).
CHART_TOTALS: tuple[str, ...] = (
    "emissions_t_co2e_per_year",
    "avoided_t_co2e_per_year",
    "net_t_co2e_per_year",
)

MAX_LEVERS = 5

# The chart's value axis counts in the units each language thinks in: 万 t (10,000 t) in Chinese,
# thousand tonnes in English (glossary §12; never "k"). Its title says so (content key chart.axis_value).
CHART_DIVISOR: dict[str, float] = {"zh": 10_000.0, "en": 1_000.0}


# --------------------------------------------------------------------------------------------
# numbers with the page's conventions
# --------------------------------------------------------------------------------------------
def _points(value: float | None, lang: str, *, signed: bool = False, exact: bool = False) -> str:
    if value is None:
        return "—"
    return t("units.points", lang, value=format_number(value, lang, signed=signed, exact=exact))


def _quantity(value: float | None, unit: str, lang: str, *, signed: bool = False, exact: bool = False) -> str:
    if unit == "pp":
        return _points(value, lang, signed=signed, exact=exact)
    if unit in {"score", "points"}:
        if value is None:
            return "—"
        key = "units.score" if unit == "score" else "units.score_points"
        return t(key, lang, value=format_number(value, lang, signed=signed, exact=exact))
    return format_quantity(value, unit, lang, signed=signed, exact=exact)


def input_value_text(value: Any, unit: str, kind: str, lang: str) -> str:
    """A scenario input's value as a visitor reads it (fractions as percentages)."""
    if isinstance(value, dict):
        return t("prov.composition_value", lang)
    if isinstance(value, str):
        return value
    if kind == "fraction" and unit in {"", "t/t", "Nm³/Nm³", "fraction"}:
        return format_percent(value, lang, decimals=2)
    return format_quantity(value, unit, lang, exact=True)


# --------------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------------
@dataclass
class LeverView:
    label: str
    value_text: str
    helps: bool


@dataclass
class InputView:
    key: str
    label: str
    baseline_text: str
    plan_text: str
    provenance: ProvenanceView


@dataclass
class TargetView:
    id: str
    indicator: str
    plan_section: str
    target_text: str
    model_text: str
    baseline_text: str
    plan_text: str
    status: str  # met | short | unconfirmed | not_modelled
    status_text: str
    by_construction: bool
    note: str
    levers: list[LeverView] = field(default_factory=list)
    inputs: list[InputView] = field(default_factory=list)


def _signed_display(row: dict[str, Any], value: float | None) -> float | None:
    """Model values and targets with the sign a visitor expects (−6% for "6% lower", −18万 t for a cut)."""
    if value is None:
        return None
    unit = row.get("unit", "")
    if unit.endswith("lower") or row.get("id") in REDUCTION_TARGETS:
        return -value
    return value


def _change_text(row: dict[str, Any], value: float | None, lang: str, exact: bool) -> str:
    kind, unit = row.get("kind"), row.get("unit", "")
    shown = _signed_display(row, value)
    if shown is None:
        return "—"
    if kind == "delta_rel":
        return format_percent(shown / 100, lang, signed=True, decimals=3 if exact else 1)
    if kind == "level":
        return format_quantity(shown, unit, lang, exact=exact)
    return format_quantity(shown, unit, lang, signed=True, exact=exact)


def _gap_text(row: dict[str, Any], lang: str, exact: bool) -> str:
    gap = row.get("gap")
    if gap is None:
        return "—"
    if row.get("kind") in {"delta_rel", "level"} or "%" in row.get("unit", ""):
        return _points(gap, lang, exact=exact)
    return format_quantity(gap, row.get("unit", ""), lang, exact=exact)


def _lever_unit(lever: dict[str, Any], default: str) -> str:
    unit = str(lever.get("unit") or default).strip()
    return _UNIT_ALIASES.get(unit, unit)


def _lever_label(target_id: str, lever: str, lang: str) -> str:
    key = f"lever.{lever}"
    if has_key(key, lang):
        return t(key, lang)
    return lever.rsplit(".", 1)[-1].replace("_", " ")


def _status_text(row: dict[str, Any], status: str, lang: str, exact: bool) -> str:
    if status == "met" and row.get("by_construction"):
        # the plan's own figure is a scenario input: "met" confirms the scenario, it is not a finding
        return t("targets.status.met_by_construction", lang)
    if status == "met" and row.get("illustrative"):
        return t("targets.status.met_illustrative", lang)
    if status == "met":
        return t("targets.status.met", lang)
    if status == "short":
        return t("targets.status.short", lang, gap=_gap_text(row, lang, exact))
    if status == "unconfirmed":
        # reached by the model's measure, but the plan's own method is not published
        return t("targets.status.unconfirmed", lang)
    return t("targets.status.not_modelled", lang)


def _net_change(details: dict[str, Any]) -> float | None:
    """How net emissions move: the inventory's change less the avoided emissions' change."""
    inventory, avoided = details.get("inventory_change_t"), details.get("avoided_change_t")
    return None if inventory is None or avoided is None else inventory - avoided


def _note(row: dict[str, Any], note_key: str, lang: str, exact: bool) -> str:
    """The row's note; its ``details`` (the intensity without the old landfill, the two halves of the CO2
    change) fill the note's placeholders."""
    if not has_key(note_key, lang):
        return ""
    details = row.get("details") or {}
    fields = {
        "without_base": _quantity(
            details.get("baseline_without_landfill_kg_per_t"), "kg CO2e/t", lang, exact=exact
        ),
        "without_plan": _quantity(
            details.get("plan_without_landfill_kg_per_t"), "kg CO2e/t", lang, exact=exact
        ),
        "without_change": _change_text(row, details.get("change_without_landfill_pct_lower"), lang, exact),
        "inventory_change": _quantity(
            details.get("inventory_change_t"), "t CO2e/yr", lang, signed=True, exact=exact
        ),
        "avoided_change": _quantity(
            details.get("avoided_change_t"), "t CO2e/yr", lang, signed=True, exact=exact
        ),
        "net_change": _quantity(_net_change(details), "t CO2e/yr", lang, signed=True, exact=exact),
    }
    return t(note_key, lang, **fields)


def _target_text(row: dict[str, Any], lang: str, exact: bool) -> str:
    if row.get("kind") == "not_modelled" or row.get("target") is None:
        return t("targets.target_built", lang) if row["id"] in {"platform", "accounting"} else "—"
    unit = TARGET_UNITS.get(row["id"], row.get("unit", ""))
    return _change_text({**row, "unit": unit}, row["target"], lang, exact)


def _lever_views(row: dict[str, Any], lang: str, exact: bool) -> list[LeverView]:
    """The row's levers that move it (at most :data:`MAX_LEVERS`), signed towards the target."""
    default_unit = LEVER_UNITS.get(row["id"], row.get("unit", ""))
    return [
        LeverView(
            _lever_label(row["id"], lever["lever"], lang),
            _quantity(lever["value"], _lever_unit(lever, default_unit), lang, signed=True, exact=exact),
            lever["value"] > 0,
        )
        for lever in row.get("levers", [])
        if abs(lever.get("value") or 0.0) > 1e-9
    ][:MAX_LEVERS]


def _input_views(
    target_id: str,
    lang: str,
    baseline_values: dict[str, Any],
    plan_values: dict[str, Any],
    provenance: dict[str, dict[str, str]],
    schema_units: dict[str, tuple[str, str]],
    sources: dict[str, dict[str, Any]],
) -> list[InputView]:
    """The scenario inputs behind a target (:data:`TARGET_INPUTS`), in 2023 and 2026, with provenance."""
    inputs = []
    for key in TARGET_INPUTS.get(target_id, ()):
        unit, kind = schema_units.get(key, ("", ""))
        inputs.append(
            InputView(
                key,
                t(f"input.{key}", lang) if has_key(f"input.{key}", lang) else key,
                input_value_text(baseline_values.get(key), unit, kind, lang),
                input_value_text(plan_values.get(key), unit, kind, lang),
                describe_provenance(provenance.get(key), lang, sources),
            )
        )
    return inputs


def target_views(
    rows: list[dict[str, Any]],
    lang: str,
    *,
    baseline_values: dict[str, Any] | None = None,
    plan_values: dict[str, Any] | None = None,
    provenance: dict[str, dict[str, str]] | None = None,
    schema_units: dict[str, tuple[str, str]] | None = None,
    sources: dict[str, dict[str, Any]] | None = None,
    exact: bool = False,
) -> list[TargetView]:
    """The rows of the targets table in ``lang``.

    ``baseline_values``/``plan_values`` are the scenarios' flattened inputs (``"section.key" -> value``),
    ``provenance`` the plan scenario's provenance by dotted key, ``schema_units`` ``key -> (unit, kind)``.
    """
    baseline_values, plan_values = baseline_values or {}, plan_values or {}
    provenance, schema_units, sources = provenance or {}, schema_units or {}, sources or {}
    views = []
    for row in rows:
        target_id = row["id"]
        status = row.get("status") if row.get("status") in STATUSES else "not_modelled"
        level_unit = LEVEL_UNITS.get(target_id, row.get("unit", ""))
        note_key = f"targets.note.{row.get('note') or target_id}"
        views.append(
            TargetView(
                id=target_id,
                indicator=t(f"targets.indicator.{target_id}", lang),
                plan_section=plan_section_label(row.get("plan_section"), lang),
                target_text=_target_text(row, lang, exact),
                model_text=_change_text(row, row.get("model_value"), lang, exact),
                baseline_text=_quantity(row.get("baseline_value"), level_unit, lang, exact=exact),
                plan_text=_quantity(row.get("plan_value"), level_unit, lang, exact=exact),
                status=status,
                status_text=_status_text(row, status, lang, exact),
                by_construction=bool(row.get("by_construction")),
                note=_note(row, note_key, lang, exact),
                levers=_lever_views(row, lang, exact),
                inputs=_input_views(
                    target_id, lang, baseline_values, plan_values, provenance, schema_units, sources
                ),
            )
        )
    return views


# --------------------------------------------------------------------------------------------
# baseline vs plan
# --------------------------------------------------------------------------------------------
@dataclass
class ComparisonView:
    key: str
    label: str
    baseline_text: str
    plan_text: str
    change_text: str


def comparison_views(
    baseline_totals: dict[str, float], plan_totals: dict[str, float], lang: str, *, exact: bool = False
) -> list[ComparisonView]:
    """Model totals for 2023 and 2026 side by side, with the change (plan − baseline)."""
    views = []
    for key, unit in COMPARISON_TOTALS:
        before, after = baseline_totals.get(key), plan_totals.get(key)
        change = after - before if before is not None and after is not None else None
        views.append(
            ComparisonView(
                key=key,
                label=t(f"totals.{key}", lang),
                baseline_text=format_quantity(before, unit, lang, exact=exact),
                plan_text=format_quantity(after, unit, lang, exact=exact),
                change_text=format_quantity(change, unit, lang, signed=True, exact=exact),
            )
        )
    return views


def chart_summary_fields(
    baseline_totals: dict[str, float], plan_totals: dict[str, float], lang: str
) -> dict[str, str]:
    """The figures the chart's one-sentence summary quotes (t CO2e, "a year" is in the sentence)."""
    fields = {}
    for key, name in zip(CHART_TOTALS, ("emissions", "avoided", "net"), strict=True):
        fields[f"{name}_base"] = format_quantity(baseline_totals.get(key), "t CO2e", lang)
        fields[f"{name}_plan"] = format_quantity(plan_totals.get(key), "t CO2e", lang)
    return fields


def chart_rows(
    baseline_totals: dict[str, float], plan_totals: dict[str, float], lang: str
) -> list[dict[str, Any]]:
    """Long-form rows for the carbon bar chart: measure, scenario, value (in the axis unit of
    :data:`CHART_DIVISOR`) and the formatted figure for the tooltip."""
    rows = []
    for order, key in enumerate(CHART_TOTALS):
        for scenario, totals in (("baseline", baseline_totals), ("plan", plan_totals)):
            value = totals.get(key)
            if value is None:
                continue
            rows.append(
                {
                    "order": order,
                    "measure": t(f"chart.measure.{key}", lang),
                    "scenario": t(f"chart.scenario.{scenario}", lang),
                    "value": value / CHART_DIVISOR.get(normalize_lang(lang) or "zh", 1.0),
                    "label": format_quantity(value, "t CO2e/yr", lang),
                }
            )
    return rows


def chart_summary_text(baseline_totals: dict[str, float], plan_totals: dict[str, float], lang: str) -> str:
    """The sentence beside the carbon chart, and one more when the plan's net balance is below zero."""
    summary = page_section(
        PAGE, "chart_summary", lang, **chart_summary_fields(baseline_totals, plan_totals, lang)
    )
    if plan_totals.get("net_t_co2e_per_year", 0.0) < 0:
        summary += " " + page_section(PAGE, "net_negative", lang)
    return summary


# --------------------------------------------------------------------------------------------
# the page's own title and the "where the numbers come from" text
# --------------------------------------------------------------------------------------------
def page_title(lang: str) -> str:
    """The page's title: longer than its name in the menu (``nav.targets``)."""
    return t("targets.title", lang)


def provenance_fields(data: dict[str, Any], lang: str) -> dict[str, str]:
    """The figures the provenance text quotes: the grid factor and its source, the GWP set and its
    values, the biogenic CO2 left out of the totals (``data``: what the page's model call returns,
    :func:`parkloop.ui.model_data.targets_page_data`)."""
    grid_key = f"grid.{data['grid_name']}" if data["grid_name"] else "grid.other"
    grid_provenance = describe_provenance(
        data["plan"]["provenance"].get("scenario.grid_kg_co2_per_kwh"), lang, data["sources"]
    )
    avoided_provenance = describe_provenance(
        data["plan"]["provenance"].get("scenario.avoided_grid_kg_co2_per_kwh"), lang, data["sources"]
    )
    gwp_key, gwp_values = f"gwp.{data['gwp']}", data["gwp_values"]
    return {
        "grid_name": t(grid_key, lang),
        "grid_value": format_number(data["grid_kg_co2_per_kwh"], lang, exact=True),
        "grid_source": grid_provenance.label,
        "avoided_grid_value": format_number(data["avoided_grid_kg_co2_per_kwh"], lang, exact=True),
        "avoided_grid_source": avoided_provenance.label,
        "gwp": t(gwp_key, lang) if has_key(gwp_key, lang) else data["gwp"],
        "ch4": format_number(gwp_values.get("ch4"), lang, exact=True),
        "n2o": format_number(gwp_values.get("n2o"), lang, exact=True),
        "biogenic_baseline": format_quantity(
            data["baseline"]["totals"].get("biogenic_co2_t_per_year"), "t CO2/yr", lang
        ),
        "biogenic_plan": format_quantity(
            data["plan"]["totals"].get("biogenic_co2_t_per_year"), "t CO2/yr", lang
        ),
    }
