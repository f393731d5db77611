"""Exhibit "biogas": food waste → biogas → electricity or fuel gas; oil → biodiesel; digestate → incinerator.

Pure logic (no Streamlit): the model overrides a visitor's sliders stand for, the figures the page shows,
where the methane's energy goes (for the Sankey), the plan's biogas-handling check and the sentences
under the chart. Everything is read from a ``scenario_result`` dict; nothing is tuned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import (
    Figure,
    FigureSpec,
    Phrase,
    SankeySpec,
    SliderSpec,
    SliderTable,
    build_figures,
    figure_sources,
    pct,
    pcts,
    plan_figure,
    provenance_table,
    qty,
    scenario_provenance,
)
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.provenance import ProvenanceView

# The plan's own figures this page compares against (the scenario files do not hold them).
PLAN_BIOGAS_HANDLING_NM3_PER_DAY = 50_000.0  # 二(一)2: biogas handling raised to 5万 Nm³/d
PLAN_DIGESTATE_T_PER_YEAR = 140_000.0  # 二(二)2: digestate and residue co-treated, 14万 t/a
PLAN_OIL_GAIN_POINTS = 0.4  # 二(三)2: oil extraction +0.4 percentage points
PLAN_OIL_GAIN_T_CO2 = 1_600.0  # 二(三)2: "≈ 1600 t CO2" for that gain
PLAN_SECTIONS = {"handling": "二(一)2", "digestate": "二(二)2", "oil": "二(三)2"}

# The four sliders in two columns (percent where the model holds a fraction), in the order of
# :func:`overrides`' arguments.
KW = "kitchen_waste."
SLIDERS = SliderTable(
    (
        (
            SliderSpec(
                "tonnes_per_day",
                KW + "tonnes_per_day",
                "t",
                "tonnes",
                "biogas.tonnes",
                (0, 2000, 50),
                help=False,
            ),
            SliderSpec(
                "power_percent",
                KW + "to_power_fraction",
                "split",
                "power",
                "biogas.split",
                (0, 100, 5),
                True,
                "%d%%",
            ),
        ),
        (
            SliderSpec(
                "oil_percent",
                KW + "oil_extraction_rate",
                "oil",
                "oil",
                "biogas.oil",
                (1.0, 3.5, 0.1),
                True,
                "%.1f%%",
                integer=False,
            ),
            SliderSpec(
                "digestate_percent",
                KW + "digestate_to_incineration_fraction",
                "dig",
                "digestate",
                "biogas.digestate",
                (0, 100, 10),
                True,
                "%d%%",
            ),
        ),
    )
)


def plan_provenance(which: str, lang: str) -> ProvenanceView:
    """The provenance of one of the plan's own figures above, in ``lang``."""
    return plan_figure(PLAN_SECTIONS[which], t(f"biogas.prov.{which}", lang), lang)


sliders, defaults, overrides = SLIDERS.sliders, SLIDERS.defaults, SLIDERS.overrides


def split_text(power_percent: float, lang: str) -> str:
    """The sentence under the sliders: how the methane is split between engines and fuel gas now."""
    return t(
        "biogas.split_now",
        lang,
        power=format_percent(power_percent / 100, lang),
        gas=format_percent(1 - power_percent / 100, lang),
    )


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


FIGURES: tuple[tuple[FigureSpec, ...], ...] = (
    (
        FigureSpec(
            "fig-biogas",
            "biogas.biogas",
            qty("biogas_nm3_per_day", "Nm3/d"),
            {"year": qty("biogas_nm3_per_year", "Nm3"), "yield_": qty(KW + "biogas_nm3_per_tonne", "Nm3/t")},
        ),
        FigureSpec(
            "fig-electricity",
            "biogas.electricity",
            qty("electricity_kwh_per_year", "kWh/yr"),
            {"own": qty("own_use_kwh_per_year", "kWh/yr")},
        ),
        FigureSpec("fig-fuel-gas", "biogas.fuel_gas", qty("fuel_gas_nm3_per_year", "Nm3/yr")),
    ),
    (
        FigureSpec("fig-oil", "biogas.oil_out", qty("oil_t_per_year", "t/yr")),
        FigureSpec(
            "fig-digestate",
            "biogas.digestate_out",
            qty("digestate_co_incinerated_t_per_year", "t/yr"),
            {
                "total": qty("digestate_t_per_year", "t/yr"),
                "landfilled": qty("digestate_landfilled_t_per_year", "t/yr"),
            },
        ),
        FigureSpec(
            "fig-leak",
            "biogas.leak",
            qty("methane_leaked_t_per_year", "t CH4/yr"),
            {
                "co2e": qty("methane_leaked_t_co2e_per_year", "t CO2e/yr"),
                "share": pct(KW + "methane_leakage_fraction"),
            },
        ),
    ),
)
"""The page's six figures in two rows of three: the products (biogas, electricity, fuel gas), then oil,
digestate and the methane that leaks."""


def shown_figures(fig: BiogasFigures, values: dict[str, Any], lang: str) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``. ``values`` are the scenario's inputs."""
    return build_figures(FIGURES, figure_sources(fig, values), lang)


def provenance_items(plan: dict[str, Any], factors: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs, the factors, the plan's own figures."""

    def scenario(key: str) -> dict[str, str]:
        return scenario_provenance(plan, KW + key)

    factor, own = factors["provenance"].__getitem__, lambda which: plan_provenance(which, lang)
    rows = [(label, scenario, key) for label, key in PROVENANCE_INPUTS]
    rows += [(label, factor, "constants." + key) for label, key in PROVENANCE_FACTORS]
    rows += [("handling", own, "handling"), ("digestate_plan", own, "digestate"), ("oil_plan", own, "oil")]
    return provenance_table(rows, "biogas.in", lang)


PROVENANCE_INPUTS = (
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
"""``(label, kitchen_waste input)`` of :func:`provenance_items`, then the factors below."""
PROVENANCE_FACTORS = (
    ("lhv", "ch4_lhv_mj_per_nm3"),
    ("biodiesel", "biodiesel_t_co2_per_t_oil"),
    ("natural_gas", "natural_gas_kg_co2_per_nm3"),
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
SANKEY = SankeySpec(
    {
        "methane": "teal",
        "leak": "red",
        "engines": "blue",
        "upgrading": "violet",
        "electricity": "blue",
        "engine_heat": "grey",
        "fuel_gas": "violet",
        "upgrading_loss": "grey",
    },
    prefix="biogas.node",
    target="leak",
    highlight=("red", 0.45),
    other=("teal", 0.3),
)
"""The Sankey's nodes with their colours by meaning (:data:`parkloop.ui.charts.COLOURS`): a leak red, the
losses grey; links into the leak stand out in red, the rest are teal."""
ENERGY_NODES = SANKEY.nodes
NODE_COLOURS = SANKEY.colours
link_colour = SANKEY.link_colour
node_labels = SANKEY.node_labels


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


SUMMARY = Phrase(
    "biogas.summary",
    pcts(0, electricity="electricity", fuel_gas="fuel_gas", losses="losses") | pcts(1, leak="leak"),
)
"""The sentence under the Sankey, from :func:`energy_shares`."""


def chart_summary_text(links: list[tuple[str, str, float]], lang: str) -> str:
    """One sentence under the Sankey, written from its numbers."""
    if not links:
        return t("biogas.summary_none", lang)
    return SUMMARY.text(energy_shares(links), lang)
