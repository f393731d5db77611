"""The plan's Table 1-1 targets against what the model computes from two scenarios.

Each row says what the plan asks, what the model gets from ``baseline`` → ``plan``, whether that is met or
how far short, and which levers contribute. Nothing here is tuned: the figures come from the scenarios.
Indicators the model cannot reach (the smart platform, the accounting system) are reported as such.
"""

from __future__ import annotations

from typing import Any

from parkloop.model.park import AVOIDED_CATEGORIES, EMISSION_CATEGORIES, Result

TOLERANCE = 1e-9


def _row(
    id: str,
    section: str,
    target: float | None,
    unit: str,
    kind: str,
    baseline_value: float | None,
    plan_value: float | None,
    model_value: float | None,
    levers: list[dict[str, Any]] | None = None,
    note: str = "",
    by_construction: bool = False,
    illustrative: bool = False,
    reproducible: bool = True,
    details: dict[str, float | None] | None = None,
) -> dict[str, Any]:
    """One indicator. ``by_construction`` marks a row whose plan value is a scenario input taken from the
    plan itself (so "met" only confirms the scenario follows the plan, it is not a model result);
    ``illustrative`` marks a row computed from illustrative figures (the money flow's prices);
    ``reproducible`` is False where the plan's own method is not published and the model's figure is a
    different measure — such a row is never "met", at best "unconfirmed". ``details`` holds figures that
    explain the row (e.g. the intensity without the park's landfill)."""
    if kind == "not_modelled" or target is None or model_value is None:
        status, gap = "not_modelled", None
    else:
        met = model_value >= target - TOLERANCE * max(abs(target), 1.0)
        status, gap = ("met", 0.0) if met else ("short", target - model_value)
        if met and not reproducible:
            status = "unconfirmed"
    return {
        "id": id,
        "plan_section": section,
        "target": target,
        "unit": unit,
        "kind": kind,
        "baseline_value": baseline_value,
        "plan_value": plan_value,
        "model_value": model_value,
        "status": status,
        "gap": gap,
        "levers": sorted(levers or [], key=lambda lever: -abs(lever["value"])),
        "note": note,
        "by_construction": by_construction,
        "illustrative": illustrative,
        "reproducible": reproducible,
        "details": dict(details or {}),
    }


def _relative_change(before: float, after: float) -> float | None:
    return (after - before) / before * 100.0 if before else None


def _ledger_levers(baseline: Result, plan: Result) -> list[dict[str, Any]]:
    """Reduction of net emissions split by ledger category [t CO2e/yr]; sums to the total reduction."""
    levers = []
    for cat in EMISSION_CATEGORIES:
        levers.append(
            {
                "lever": f"emissions.{cat}",
                "value": baseline.ledger["emissions"][cat] - plan.ledger["emissions"][cat],
                "unit": "t CO2e/yr",
            }
        )
    for cat in AVOIDED_CATEGORIES:
        levers.append(
            {
                "lever": f"avoided.{cat}",
                "value": plan.ledger["avoided"][cat] - baseline.ledger["avoided"][cat],
                "unit": "t CO2e/yr",
            }
        )
    return levers


def _capacity_row(baseline: Result, plan: Result) -> dict[str, Any]:
    b, p = baseline.totals, plan.totals
    levers = [
        {
            "lever": f"capacity.{chain}",
            "value": plan.chains[chain]["inputs"]["tonnes_per_day"]
            - baseline.chains[chain]["inputs"]["tonnes_per_day"],
            "unit": "t/d",
        }
        for chain in ("incineration", "kitchen_waste", "construction_waste")
    ]
    return _row(
        "capacity",
        "表1-1 #3; 二(一)1",
        3000.0,
        "t/d",
        "delta_abs",
        b["treatment_capacity_t_per_day"],
        p["treatment_capacity_t_per_day"],
        p["treatment_capacity_t_per_day"] - b["treatment_capacity_t_per_day"],
        levers,
        "capacity_note",
        by_construction=True,
    )


# Each generator's electricity in Result.quantities, by the lever's name.
_GENERATION_QUANTITIES = {
    "incineration": "incineration_kwh",
    "biogas": "engine_kwh",
    "solar": "solar_kwh",
}


def _green_power_row(baseline: Result, plan: Result) -> dict[str, Any]:
    b, p = baseline.totals, plan.totals
    levers = [
        {
            "lever": f"electricity.{name}",
            "value": plan.quantities[quantity] - baseline.quantities[quantity],
            "unit": "kWh/yr",
        }
        for name, quantity in _GENERATION_QUANTITIES.items()
    ]
    return _row(
        "green_power",
        "表1-1 #4; 二(四)1",
        1e8,
        "kWh/yr",
        "delta_abs",
        b["green_electricity_kwh_per_year"],
        p["green_electricity_kwh_per_year"],
        p["green_electricity_kwh_per_year"] - b["green_electricity_kwh_per_year"],
        levers,
        "green_power_note",
    )


def _per_household_tonne(result: Result, t_co2e: float) -> float:
    waste_t = result.totals["household_waste_t_per_year"]
    return t_co2e * 1000.0 / waste_t if waste_t else 0.0


def _intensity_row(baseline: Result, plan: Result) -> dict[str, Any]:
    """Inventory emissions per tonne of household waste (residual and food waste; construction waste is
    not in the denominator), and the same without the park's old landfill, whose methane comes from waste
    landfilled before 2021 and falls by decay alone."""
    key = "emissions_kg_co2e_per_t_household_waste"
    ib, ip = baseline.totals[key], plan.totals[key]
    change = _relative_change(ib, ip)
    levers = [
        {
            "lever": f"emissions.{cat}",
            "value": _per_household_tonne(baseline, baseline.ledger["emissions"][cat])
            - _per_household_tonne(plan, plan.ledger["emissions"][cat]),
            "unit": "kg CO2e/t",
        }
        for cat in EMISSION_CATEGORIES
    ]

    def without_landfill(result: Result) -> float:
        emissions = (
            result.totals["emissions_t_co2e_per_year"] - result.ledger["emissions"]["park_landfill_ch4"]
        )
        return _per_household_tonne(result, emissions)

    wb, wp = without_landfill(baseline), without_landfill(plan)
    change_without = _relative_change(wb, wp)
    return _row(
        "intensity",
        "表1-1 #2",
        6.0,
        "% lower",
        "delta_rel",
        ib,
        ip,
        -change if change is not None else None,
        levers,
        "intensity_note",
        details={
            "baseline_without_landfill_kg_per_t": wb,
            "plan_without_landfill_kg_per_t": wp,
            "change_without_landfill_pct_lower": -change_without if change_without is not None else None,
        },
    )


def _water_reuse_row(baseline: Result, plan: Result) -> dict[str, Any]:
    rb, rp = baseline.totals["water_reuse_rate"], plan.totals["water_reuse_rate"]
    return _row(
        "water_reuse",
        "表1-1 #5; 二(二)2",
        95.0,
        "%",
        "level",
        rb * 100.0,
        rp * 100.0,
        rp * 100.0,
        [{"lever": "leachate.reuse_rate", "value": (rp - rb) * 100.0, "unit": "percentage points"}],
        "water_reuse_note",
        by_construction=True,
    )


def _synergy_row(baseline: Result, plan: Result) -> dict[str, Any]:
    sb, sp = baseline.synergy, plan.synergy
    levers = []
    for name in sp["components"]:
        cb, cp = sb["components"][name], sp["components"][name]
        levers.append(
            {"lever": f"synergy.{name}", "value": ((cp or 0.0) - (cb or 0.0)) * 100.0, "unit": "points"}
        )
    return _row(
        "synergy",
        "表1-1 #6",
        5.0,
        "% higher",
        "delta_rel",
        sb["index"],
        sp["index"],
        _relative_change(sb["index"], sp["index"]),
        levers,
        "synergy_note",
    )


def _co2_reduction_row(baseline: Result, plan: Result) -> dict[str, Any]:
    """The plan's 18万 t: the change in (inventory − avoided) from baseline to plan; the landfill
    counterfactual is left out. The plan counts its reduction "through benchmark projects" without
    publishing the method, so the row can be short or "unconfirmed", never "met"."""
    b, p = baseline.totals, plan.totals
    return _row(
        "co2_reduction",
        "一(二)",
        180000.0,
        "t CO2e/yr",
        "delta_abs",
        b["net_t_co2e_per_year"],
        p["net_t_co2e_per_year"],
        b["net_t_co2e_per_year"] - p["net_t_co2e_per_year"],
        _ledger_levers(baseline, plan),
        "co2_reduction_note",
        reproducible=False,
        details={
            "inventory_change_t": p["emissions_t_co2e_per_year"] - b["emissions_t_co2e_per_year"],
            "avoided_change_t": p["avoided_t_co2e_per_year"] - b["avoided_t_co2e_per_year"],
        },
    )


def _output_value_row(baseline: Result, plan: Result) -> dict[str, Any]:
    b, p = baseline.totals, plan.totals
    return _row(
        "output_value",
        "表1-1 #1",
        5.0,
        "% higher",
        "delta_rel",
        b["output_value_yuan_per_year"],
        p["output_value_yuan_per_year"],
        _relative_change(b["output_value_yuan_per_year"], p["output_value_yuan_per_year"]),
        _revenue_levers(baseline, plan),
        "output_value_note",
        illustrative=True,
    )


def _not_modelled_row(id: str, section: str) -> dict[str, Any]:
    return _row(id, section, None, "", "not_modelled", None, None, None, None, f"{id}_note")


def track_targets(baseline: Result, plan: Result) -> list[dict[str, Any]]:
    """The plan's Table 1-1 indicators (and the 18万 t CO2 reduction), baseline → plan, as rows."""
    rows = [
        build(baseline, plan)
        for build in (
            _capacity_row,
            _green_power_row,
            _intensity_row,
            _water_reuse_row,
            _synergy_row,
            _co2_reduction_row,
            _output_value_row,
        )
    ]
    rows.append(_not_modelled_row("platform", "表1-1 #7"))
    rows.append(_not_modelled_row("accounting", "表1-1 #8"))
    return rows


def _revenue_levers(baseline: Result, plan: Result) -> list[dict[str, Any]]:
    def by_source(result: Result) -> dict[str, float]:
        out: dict[str, float] = {}
        for source, _, value, kind in result.flows["money"].links:
            if kind == "revenue":
                out[source] = out.get(source, 0.0) + value
        return out

    rb, rp = by_source(baseline), by_source(plan)
    return [
        {"lever": f"revenue.{k}", "value": rp.get(k, 0.0) - rb.get(k, 0.0), "unit": "yuan/yr"}
        for k in sorted(rb.keys() | rp.keys())
    ]


__all__ = ["track_targets"]
