"""Exhibit "biogas": food waste → biogas → electricity or fuel gas; oil → biodiesel; digestate → incinerator.

Pure logic (no Streamlit): the model overrides a visitor's sliders stand for, the figures the page shows,
where the methane's energy goes (for the Sankey), the plan's biogas-handling check and the sentences
under the chart. Everything is read from a ``scenario_result`` dict; nothing is tuned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import Figure, Slider, plan_figure, scenario_provenance
from parkloop.i18n import format_number, format_percent, format_quantity
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
    return plan_figure(PLAN_SECTIONS[which], t(f"biogas.prov.{which}", lang), lang)


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


def split_text(power_percent: float, lang: str) -> str:
    """The sentence under the sliders: how the methane is split between engines and fuel gas now."""
    return t(
        "biogas.split_now",
        lang,
        power=format_percent(power_percent / 100, lang),
        gas=format_percent(1 - power_percent / 100, lang),
    )


def sliders(plan_values: dict[str, Any], lang: str) -> list[list[Slider]]:
    """The four sliders in two columns, opening on the plan; named like the arguments of
    :func:`overrides`."""
    base = defaults(plan_values)
    percent = "%d%%"
    return [
        [
            Slider("tonnes_per_day", t("biogas.tonnes", lang), "t", base["tonnes"], integer=True, **TONNES),
            Slider(
                "power_percent",
                t("biogas.split", lang),
                "split",
                base["power"],
                integer=True,
                format=percent,
                help=t("biogas.split_help", lang),
                **POWER_PERCENT,
            ),
        ],
        [
            Slider(
                "oil_percent",
                t("biogas.oil", lang),
                "oil",
                base["oil"],
                format="%.1f%%",
                help=t("biogas.oil_help", lang),
                **OIL_PERCENT,
            ),
            Slider(
                "digestate_percent",
                t("biogas.digestate", lang),
                "dig",
                base["digestate"],
                integer=True,
                format=percent,
                help=t("biogas.digestate_help", lang),
                **DIGESTATE_PERCENT,
            ),
        ],
    ]


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


def shown_figures(fig: BiogasFigures, values: dict[str, Any], lang: str) -> list[list[Figure]]:
    """The page's six figures in two rows of three, in ``lang``: the products (biogas, electricity, fuel
    gas), then oil, digestate and the methane that leaks. ``values`` are the scenario's inputs."""
    return [product_figures(fig, values, lang), residue_figures(fig, values, lang)]


def product_figures(fig: BiogasFigures, values: dict[str, Any], lang: str) -> list[Figure]:
    """Biogas a day, the engines' electricity and the fuel gas."""
    return [
        Figure(
            "fig-biogas",
            t("biogas.biogas", lang),
            format_quantity(fig.biogas_nm3_per_day, "Nm3/d", lang),
            assumption=t(
                "biogas.biogas_note",
                lang,
                year=format_quantity(fig.biogas_nm3_per_year, "Nm3", lang),
                yield_=format_quantity(values["kitchen_waste.biogas_nm3_per_tonne"], "Nm3/t", lang),
            ),
        ),
        Figure(
            "fig-electricity",
            t("biogas.electricity", lang),
            format_quantity(fig.electricity_kwh_per_year, "kWh/yr", lang),
            assumption=t(
                "biogas.electricity_note", lang, own=format_quantity(fig.own_use_kwh_per_year, "kWh/yr", lang)
            ),
        ),
        Figure(
            "fig-fuel-gas",
            t("biogas.fuel_gas", lang),
            format_quantity(fig.fuel_gas_nm3_per_year, "Nm3/yr", lang),
            assumption=t("biogas.fuel_gas_note", lang),
        ),
    ]


def residue_figures(fig: BiogasFigures, values: dict[str, Any], lang: str) -> list[Figure]:
    """Oil for biodiesel, digestate burned, and the methane that leaks."""
    return [
        Figure(
            "fig-oil",
            t("biogas.oil_out", lang),
            format_quantity(fig.oil_t_per_year, "t/yr", lang),
            assumption=t("biogas.oil_note", lang),
        ),
        Figure(
            "fig-digestate",
            t("biogas.digestate_out", lang),
            format_quantity(fig.digestate_co_incinerated_t_per_year, "t/yr", lang),
            assumption=t(
                "biogas.digestate_note",
                lang,
                total=format_quantity(fig.digestate_t_per_year, "t/yr", lang),
                landfilled=format_quantity(fig.digestate_landfilled_t_per_year, "t/yr", lang),
            ),
        ),
        Figure(
            "fig-leak",
            t("biogas.leak", lang),
            format_quantity(fig.methane_leaked_t_per_year, "t CH4/yr", lang),
            assumption=t(
                "biogas.leak_note",
                lang,
                co2e=format_quantity(fig.methane_leaked_t_co2e_per_year, "t CO2e/yr", lang),
                share=format_percent(values["kitchen_waste.methane_leakage_fraction"], lang),
            ),
        ),
    ]


def provenance_items(plan: dict[str, Any], factors: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs, the factors, the plan's own figures."""
    factor = factors["provenance"]
    inputs = (
        ("tonnes", "tonnes_per_day"),
        ("split", "to_power_fraction"),
        ("oil", "oil_extraction_rate"),
        ("digestate", "digestate_to_incineration_fraction"),
        ("yield", "biogas_nm3_per_tonne"),
        ("methane", "methane_fraction"),
        ("engine", "engine_efficiency"),
        ("upgrading", "upgrading_recovery"),
        ("leakage", "methane_leakage_fraction"),
        ("landfill_gas", "landfill_gas_nm3_per_day"),
        ("digestate_fraction", "digestate_fraction"),
    )
    items: list[tuple[str, Any]] = [
        (t(f"biogas.in.{label}", lang), scenario_provenance(plan, f"kitchen_waste.{key}"))
        for label, key in inputs
    ]
    items += [
        (t("biogas.in.lhv", lang), factor["constants.ch4_lhv_mj_per_nm3"]),
        (t("biogas.in.biodiesel", lang), factor["constants.biodiesel_t_co2_per_t_oil"]),
        (t("biogas.in.natural_gas", lang), factor["constants.natural_gas_kg_co2_per_nm3"]),
    ]
    return items + [
        (t("biogas.in.handling", lang), plan_provenance("handling", lang)),
        (t("biogas.in.digestate_plan", lang), plan_provenance("digestate", lang)),
        (t("biogas.in.oil_plan", lang), plan_provenance("oil", lang)),
    ]


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


def plan_check_text(check: HandlingCheck, fig: BiogasFigures, values: dict[str, Any], lang: str) -> str:
    """The box under the figures: the plan's biogas handling and its digestate figure against the model."""
    digestate = t(
        "biogas.digestate_plan",
        lang,
        plan=format_quantity(PLAN_DIGESTATE_T_PER_YEAR, "t/yr", lang),
        model=format_quantity(fig.digestate_co_incinerated_t_per_year, "t/yr", lang),
    )
    return handling_text(check, values["kitchen_waste.biogas_nm3_per_tonne"], lang) + "\n\n" + digestate


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


def carbon_text(
    fig: BiogasFigures, values: dict[str, Any], baseline_rate: float, t_co2_per_t_oil: float, lang: str
) -> str:
    """The carbon section: what is counted (leaks, landfilled digestate), what the products replace,
    and the oil extraction against 2023's rate (``baseline_rate``) and the plan's own figure."""
    gain = oil_gain(
        values["kitchen_waste.oil_extraction_rate"],
        baseline_rate,
        fig.tonnes_per_day,
        fig.days,
        t_co2_per_t_oil,
    )
    return page_section(
        "biogas",
        "carbon",
        lang,
        leak=format_quantity(fig.methane_leaked_t_co2e_per_year, "t CO2e/yr", lang),
        landfilled=format_quantity(fig.landfilled_digestate_t_co2e_per_year, "t CO2e/yr", lang),
        fuel_gas=format_quantity(fig.fuel_gas_avoided_t_co2e_per_year, "t CO2e/yr", lang),
        biodiesel=format_quantity(fig.biodiesel_avoided_t_co2e_per_year, "t CO2e/yr", lang),
        points=format_number(gain.points, lang, signed=True, sig=2),
        baseline=format_percent(baseline_rate, lang),
        extra_oil=format_quantity(gain.extra_oil_t_per_year, "t/yr", lang, signed=True),
        extra_co2=format_quantity(gain.extra_t_co2_per_year, "t CO2/yr", lang, signed=True),
        plan_points=format_number(PLAN_OIL_GAIN_POINTS, lang),
        plan_co2=format_quantity(PLAN_OIL_GAIN_T_CO2, "t CO2", lang),
    )


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


NODE_COLOURS: dict[str, str] = {
    "methane": "teal",
    "leak": "red",
    "engines": "blue",
    "upgrading": "violet",
    "electricity": "blue",
    "engine_heat": "grey",
    "fuel_gas": "violet",
    "upgrading_loss": "grey",
}
"""Each node's colour by meaning (:data:`parkloop.ui.charts.COLOURS`): a leak red, the losses grey."""


def link_colour(target: str) -> tuple[str, float]:
    """A link's colour and opacity by where it goes: a leak stands out in red, the rest are teal."""
    return ("red", 0.45) if target == "leak" else ("teal", 0.3)


def node_labels(lang: str) -> dict[str, str]:
    """Each of :data:`ENERGY_NODES` in words, in ``lang``."""
    return {node: t(f"biogas.node.{node}", lang) for node in ENERGY_NODES}


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


def chart_note_text(result: dict[str, Any], lang: str) -> str:
    """The line above the Sankey: where the methane comes from, and its unit."""
    return t("biogas.chart_note", lang, share=format_percent(landfill_gas_share(result), lang, decimals=0))


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
