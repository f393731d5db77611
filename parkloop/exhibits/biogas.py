"""Exhibit "biogas": food waste → biogas → electricity or fuel gas; oil → biodiesel; digestate → incinerator.

Pure logic (no Streamlit): the model overrides a visitor's sliders stand for, the figures the page shows,
where the methane's energy goes (for the Sankey), the plan's biogas-handling check and the sentences
under the chart. Everything is read from a ``scenario_result`` dict; nothing is tuned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import t
from parkloop.i18n import format_percent, format_quantity, plan_section_label
from parkloop.provenance import ProvenanceView

# The plan's own figures this page compares against (the scenario files do not hold them).
PLAN_BIOGAS_HANDLING_NM3_PER_DAY = 50_000.0  # 二(一)2: biogas handling raised to 5万 Nm³/d
PLAN_DIGESTATE_T_PER_YEAR = 140_000.0  # 二(二)2: digestate and residue co-treated, 14万 t/a
PLAN_OIL_GAIN_POINTS = 0.4  # 二(三)2: oil extraction +0.4 percentage points
PLAN_OIL_GAIN_T_CO2 = 1_600.0  # 二(三)2: "≈ 1600 t CO2" for that gain
PLAN_SECTIONS = {"handling": "二(一)2", "digestate": "二(二)2", "oil": "二(三)2"}

# Slider ranges (percent where the model holds a fraction).
TONNES = {"min_value": 0, "max_value": 2000, "step": 50}
POWER_PERCENT = {"min_value": 0, "max_value": 100, "step": 5}
OIL_PERCENT = {"min_value": 1.0, "max_value": 3.5, "step": 0.1}
DIGESTATE_PERCENT = {"min_value": 0, "max_value": 100, "step": 10}


def plan_provenance(which: str, lang: str) -> ProvenanceView:
    """The provenance of one of the plan's own figures above, in ``lang``."""
    label = t("prov.plan", lang, section=plan_section_label(PLAN_SECTIONS[which], lang))
    return ProvenanceView("plan", label, t(f"biogas.prov.{which}", lang))


def overrides(
    tonnes_per_day: float, power_percent: float, oil_percent: float, digestate_percent: float
) -> dict:
    """The scenario overrides the four sliders stand for (percent → the model's fractions)."""
    return {
        "kitchen_waste.tonnes_per_day": float(tonnes_per_day),
        "kitchen_waste.to_power_fraction": round(power_percent / 100.0, 6),
        "kitchen_waste.oil_extraction_rate": round(oil_percent / 100.0, 6),
        "kitchen_waste.digestate_to_incineration_fraction": round(digestate_percent / 100.0, 6),
    }


def defaults(plan_values: dict[str, Any]) -> dict[str, float]:
    """Slider defaults from the plan scenario's own inputs (so the page opens on the plan)."""
    return {
        "tonnes": float(plan_values["kitchen_waste.tonnes_per_day"]),
        "power": round(plan_values["kitchen_waste.to_power_fraction"] * 100.0, 6),
        "oil": round(plan_values["kitchen_waste.oil_extraction_rate"] * 100.0, 6),
        "digestate": round(plan_values["kitchen_waste.digestate_to_incineration_fraction"] * 100.0, 6),
    }


@dataclass(frozen=True)
class BiogasFigures:
    """What the page shows, per year unless the name says per day."""

    days: float
    tonnes_per_day: float
    biogas_nm3_per_year: float
    biogas_nm3_per_day: float
    landfill_gas_nm3_per_day: float
    electricity_kwh_per_year: float
    own_use_kwh_per_year: float
    fuel_gas_nm3_per_year: float
    oil_t_per_year: float
    digestate_t_per_year: float
    digestate_co_incinerated_t_per_year: float
    digestate_landfilled_t_per_year: float
    methane_leaked_t_per_year: float
    methane_leaked_t_co2e_per_year: float
    landfilled_digestate_t_co2e_per_year: float
    fuel_gas_avoided_t_co2e_per_year: float
    biodiesel_avoided_t_co2e_per_year: float


def figures(result: dict[str, Any]) -> BiogasFigures:
    """The page's figures from one model result."""
    chain = result["chains"]["kitchen_waste"]
    products, inputs = chain["products"], chain["inputs"]
    days = float(result["values"]["scenario.days_per_year"])
    biogas = products["biogas_nm3_per_year"]
    digestate = products["digestate_t_per_year"]
    burned = products["digestate_co_incinerated_t_per_year"]
    return BiogasFigures(
        days=days,
        tonnes_per_day=inputs["tonnes_per_day"],
        biogas_nm3_per_year=biogas,
        biogas_nm3_per_day=biogas / days if days else 0.0,
        landfill_gas_nm3_per_day=inputs["landfill_gas_nm3_per_year"] / days if days else 0.0,
        electricity_kwh_per_year=products["engine_electricity_kwh_per_year"],
        own_use_kwh_per_year=inputs["electricity_kwh_per_year"],
        fuel_gas_nm3_per_year=products["fuel_gas_nm3_per_year"],
        oil_t_per_year=products["oil_t_per_year"],
        digestate_t_per_year=digestate,
        digestate_co_incinerated_t_per_year=burned,
        digestate_landfilled_t_per_year=digestate - burned,
        methane_leaked_t_per_year=chain["methane_leaked_t_per_year"],
        methane_leaked_t_co2e_per_year=result["ledger"]["emissions"]["ch4_leakage"],
        landfilled_digestate_t_co2e_per_year=result["ledger"]["emissions"]["landfilled_digestate_ch4"],
        fuel_gas_avoided_t_co2e_per_year=result["ledger"]["avoided"]["fuel_gas"],
        biodiesel_avoided_t_co2e_per_year=result["ledger"]["avoided"]["biodiesel"],
    )


# --------------------------------------------------------------------------------------------
# the plan's biogas handling (5万 Nm³/d) against the model's biogas
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HandlingCheck:
    biogas_nm3_per_day: float
    capacity_nm3_per_day: float
    ratio: float  # biogas ÷ the plan's handling capacity
    exceeds: bool


def handling_check(fig: BiogasFigures, capacity: float = PLAN_BIOGAS_HANDLING_NM3_PER_DAY) -> HandlingCheck:
    """Does the digesters' biogas (without the blended landfill gas) exceed the plan's handling figure?"""
    ratio = fig.biogas_nm3_per_day / capacity if capacity > 0 else 0.0
    return HandlingCheck(fig.biogas_nm3_per_day, capacity, ratio, fig.biogas_nm3_per_day > capacity)


def handling_text(check: HandlingCheck, yield_nm3_per_t: float, lang: str) -> str:
    """The sentence about the plan's biogas handling, honest either way."""
    fields = {
        "biogas": format_quantity(check.biogas_nm3_per_day, "Nm3/d", lang),
        "capacity": format_quantity(check.capacity_nm3_per_day, "Nm3/d", lang),
        "yield": format_quantity(yield_nm3_per_t, "Nm³/t", lang),
        "ratio": format_percent(check.ratio, lang, decimals=0),
    }
    return t("biogas.handling_over" if check.exceeds else "biogas.handling_within", lang, **fields)


# --------------------------------------------------------------------------------------------
# oil extraction: the gain over 2023 in percentage points
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OilGain:
    points: float  # percentage points above the 2023 rate (may be negative)
    extra_oil_t_per_year: float
    extra_t_co2_per_year: float


def oil_gain(
    oil_rate: float, baseline_rate: float, tonnes_per_day: float, days: float, t_co2_per_t_oil: float
) -> OilGain:
    """Extra oil (and the CO₂ its biodiesel saves) from extracting ``oil_rate`` instead of 2023's rate."""
    points = (oil_rate - baseline_rate) * 100.0
    extra_oil = (oil_rate - baseline_rate) * tonnes_per_day * days
    return OilGain(points, extra_oil, extra_oil * t_co2_per_t_oil)


# --------------------------------------------------------------------------------------------
# where the methane's energy goes (Sankey)
# --------------------------------------------------------------------------------------------
ENERGY_NODES = (
    "methane",
    "leak",
    "engines",
    "upgrading",
    "electricity",
    "engine_heat",
    "fuel_gas",
    "upgrading_loss",
)


def energy_links(
    result: dict[str, Any], lhv_mj_per_nm3: float, mj_per_kwh: float
) -> list[tuple[str, str, float]]:
    """``(source, target, GJ/yr)`` links of the methane's energy, from the model's own quantities.

    The methane (the digesters' plus the landfill gas blended in) leaks, goes to the engines
    (electricity + heat the model does not use) or is upgraded (fuel gas + loss). Links of zero are left
    out. Three columns only, so the chart stays readable on a phone."""
    products, q = result["chains"]["kitchen_waste"]["products"], result["quantities"]
    gj = lhv_mj_per_nm3 / 1000.0
    total_ch4 = products["methane_nm3_per_year"]
    leaked, flared, fuel_gas = q["leaked_ch4_nm3"], q["flared_ch4_nm3"], products["fuel_gas_nm3_per_year"]
    upgraded = fuel_gas + flared
    engines = max(total_ch4 - leaked - upgraded, 0.0)
    electricity_gj = products["engine_electricity_kwh_per_year"] * mj_per_kwh / 1000.0
    links = [
        ("methane", "leak", leaked * gj),
        ("methane", "engines", engines * gj),
        ("methane", "upgrading", upgraded * gj),
        ("engines", "electricity", electricity_gj),
        ("engines", "engine_heat", max(engines * gj - electricity_gj, 0.0)),
        ("upgrading", "fuel_gas", fuel_gas * gj),
        ("upgrading", "upgrading_loss", flared * gj),
    ]
    return [link for link in links if link[2] > 1e-9]


def landfill_gas_share(result: dict[str, Any]) -> float:
    """The share of the methane that comes from landfill gas blended in (the rest is the digesters')."""
    products = result["chains"]["kitchen_waste"]["products"]
    total = products["methane_nm3_per_year"]
    digester = products["biogas_nm3_per_year"] * result["values"]["kitchen_waste.methane_fraction"]
    return max(total - digester, 0.0) / total if total > 0 else 0.0


def energy_shares(links: list[tuple[str, str, float]]) -> dict[str, float]:
    """Each end use's share of the methane's energy (electricity, fuel_gas, leak, losses)."""
    total = sum(value for source, _, value in links if source == "methane")
    ends = {"electricity": 0.0, "fuel_gas": 0.0, "leak": 0.0, "losses": 0.0}
    for _, target, value in links:
        if target in ("electricity", "fuel_gas", "leak"):
            ends[target] += value
        elif target in ("engine_heat", "upgrading_loss"):
            ends["losses"] += value
    return {key: (value / total if total > 0 else 0.0) for key, value in ends.items()}


def chart_summary_text(links: list[tuple[str, str, float]], lang: str) -> str:
    """One sentence under the Sankey, written from its numbers."""
    if not links:
        return t("biogas.summary_none", lang)
    shares = energy_shares(links)
    return t(
        "biogas.summary",
        lang,
        electricity=format_percent(shares["electricity"], lang, decimals=0),
        fuel_gas=format_percent(shares["fuel_gas"], lang, decimals=0),
        losses=format_percent(shares["losses"], lang, decimals=0),
        leak=format_percent(shares["leak"], lang, decimals=1),
    )
