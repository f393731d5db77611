"""Exhibit "biogas": two food-waste plants and the park's landfill → one biogas blend → electricity or fuel
gas (the rest above the handling capacity flared); oil → biodiesel; digestate → incinerator.

Pure logic (no Streamlit): the model overrides a visitor's sliders stand for, the figures the page shows,
where the methane's energy goes (for the Sankey), the handling check (the blend against the handling
capacity, what is flared), the oil lever on the restaurant plant against the plan's own figure, and the
three ledgers in words. Everything is read from a ``scenario_result`` dict; nothing is tuned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import (
    Figure,
    FigureSpec,
    Phrase,
    Ref,
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
from parkloop.i18n import format_percent
from parkloop.provenance import ProvenanceView

# The plan's own figures this page quotes that the scenario files do not hold (the handling capacity, 5万
# Nm³/d, is the plan scenario's ``biogas.handling_capacity_nm3_per_day``).
PLAN_DIGESTATE_T_PER_YEAR = 140_000.0  # 二(二)2: 沼渣、残渣等协同处理量达14万t/a
PLAN_OIL_GAIN_POINTS = 0.4  # 二(三)2: 餐厨垃圾提油率提升0.4个百分点
PLAN_OIL_GAIN_T_CO2 = 1_600.0  # 二(三)2: 减碳效应约1600t
PLAN_SECTIONS = {"blend": "二(二)2", "digestate": "二(二)2", "oil": "二(三)2"}

KW, RW, CAPACITY_KEY = "kitchen_waste.", "restaurant_waste.", "biogas.handling_capacity_nm3_per_day"

# The five sliders in two columns (percent where the model holds a fraction), in the order of
# :func:`overrides`' arguments. Every corner of these ranges stays inside the model's physics bounds
# (tests/exhibits/test_biogas.py checks all 32), so a visitor never meets a refusal.
SLIDERS = SliderTable(
    (
        (
            SliderSpec(
                "tonnes_per_day", KW + "tonnes_per_day", "t", "tonnes", "biogas.tonnes", (0, 2000, 50)
            ),
            SliderSpec(
                "capacity_nm3_per_day",
                CAPACITY_KEY,
                "cap",
                "capacity",
                "biogas.capacity",
                (10_000, 150_000, 5_000),
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
                RW + "oil_extraction_rate",
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

sliders, defaults, overrides = SLIDERS.sliders, SLIDERS.defaults, SLIDERS.overrides


def plan_provenance(which: str, lang: str) -> ProvenanceView:
    """The provenance of one of the plan's own statements this page quotes, in ``lang``."""
    return plan_figure(PLAN_SECTIONS[which], t(f"biogas.prov.{which}", lang), lang)


def split_text(power_percent: float, lang: str) -> str:
    """The sentence under the sliders: how the handled methane is split between engines and fuel gas."""
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
    kitchen_t_per_day: float  # 厨余, household food waste
    restaurant_t_per_day: float  # 餐厨
    kitchen_gas_nm3_per_day: float
    restaurant_gas_nm3_per_day: float
    landfill_gas_nm3_per_day: float
    blend_nm3_per_year: float
    capacity_nm3_per_day: float
    flared_nm3_per_year: float
    methane_nm3_per_year: float  # the blend's
    kitchen_methane_nm3_per_year: float
    restaurant_methane_nm3_per_year: float
    landfill_methane_t_per_year: float  # captured
    electricity_kwh_per_year: float
    own_use_kwh_per_year: float  # both food-waste plants
    fuel_gas_nm3_per_year: float
    kitchen_oil_t_per_year: float
    restaurant_oil_t_per_year: float
    digestate_t_per_year: float
    digestate_co_incinerated_t_per_year: float
    methane_leaked_t_per_year: float
    slip_t_co2e_per_year: float  # inventory
    landfilled_digestate_t_co2e_per_year: float  # inventory
    boiler_t_co2e_per_year: float  # inventory
    landfill_ch4_t_co2e_per_year: float  # inventory: the park's landfill, what it does not capture
    electricity_avoided_t_co2e_per_year: float  # avoided: the engines' part of the exported electricity
    fuel_gas_avoided_t_co2e_per_year: float  # avoided
    biodiesel_avoided_t_co2e_per_year: float  # avoided

    @property
    def blend_nm3_per_day(self) -> float:
        return self.blend_nm3_per_year / self.days if self.days else 0.0

    @property
    def flared_nm3_per_day(self) -> float:
        return self.flared_nm3_per_year / self.days if self.days else 0.0

    @property
    def flared_share(self) -> float:
        return self.flared_nm3_per_year / self.blend_nm3_per_year if self.blend_nm3_per_year > 0 else 0.0

    @property
    def flared_methane_nm3_per_year(self) -> float:
        """The flare takes its share of every source alike (one blend), so of the methane too."""
        return self.methane_nm3_per_year * self.flared_share

    @property
    def oil_t_per_year(self) -> float:
        return self.kitchen_oil_t_per_year + self.restaurant_oil_t_per_year

    @property
    def digestate_landfilled_t_per_year(self) -> float:
        return self.digestate_t_per_year - self.digestate_co_incinerated_t_per_year

    @property
    def implied_yield_nm3_per_t(self) -> float:
        """The most biogas a tonne of food waste may give if the handling capacity is to hold the two
        plants' gas alone (no landfill gas) [Nm³/t]: the audit's "≤ 42 Nm³/t" at the plan's 5万 Nm³/d."""
        tonnes = self.kitchen_t_per_day + self.restaurant_t_per_day
        return self.capacity_nm3_per_day / tonnes if tonnes > 0 else 0.0


def _avoided_electricity(result: dict[str, Any], engine_kwh: float) -> float:
    """The engines' part of the park's avoided grid electricity [t CO2e/yr], as the model attributes it:
    the park's exported electricity shared among the generators by their share of generation."""
    generated = result["totals"]["green_electricity_kwh_per_year"]
    share = engine_kwh / generated if generated > 0 else 0.0
    return result["ledger"]["avoided"]["grid_electricity"] * share


def figures(result: dict[str, Any]) -> BiogasFigures:
    """The page's figures from one model result."""
    chains, emissions, avoided = result["chains"], result["ledger"]["emissions"], result["ledger"]["avoided"]
    kitchen, restaurant, landfill = chains["kitchen_waste"], chains["restaurant_waste"], chains["landfill"]
    gas = kitchen["biogas"]
    days = float(result["values"]["scenario.days_per_year"])

    def per_day(value: float) -> float:
        return value / days if days else 0.0

    return BiogasFigures(
        days=days,
        kitchen_t_per_day=kitchen["inputs"]["tonnes_per_day"],
        restaurant_t_per_day=restaurant["inputs"]["tonnes_per_day"],
        kitchen_gas_nm3_per_day=per_day(kitchen["products"]["biogas_nm3_per_year"]),
        restaurant_gas_nm3_per_day=per_day(restaurant["products"]["biogas_nm3_per_year"]),
        landfill_gas_nm3_per_day=per_day(landfill["products"]["landfill_gas_captured_nm3_per_year"]),
        blend_nm3_per_year=gas["biogas_nm3_per_year"],
        capacity_nm3_per_day=per_day(gas["handling_capacity_nm3_per_year"]),
        flared_nm3_per_year=gas["flared_biogas_nm3_per_year"],
        methane_nm3_per_year=gas["methane_nm3_per_year"],
        kitchen_methane_nm3_per_year=kitchen["products"]["methane_nm3_per_year"],
        restaurant_methane_nm3_per_year=restaurant["products"]["methane_nm3_per_year"],
        landfill_methane_t_per_year=landfill["products"]["methane_captured_t_per_year"],
        electricity_kwh_per_year=gas["engine_electricity_kwh_per_year"],
        own_use_kwh_per_year=kitchen["inputs"]["electricity_kwh_per_year"]
        + restaurant["inputs"]["electricity_kwh_per_year"],
        fuel_gas_nm3_per_year=gas["fuel_gas_nm3_per_year"],
        kitchen_oil_t_per_year=kitchen["products"]["oil_t_per_year"],
        restaurant_oil_t_per_year=restaurant["products"]["oil_t_per_year"],
        digestate_t_per_year=kitchen["products"]["digestate_t_per_year"]
        + restaurant["products"]["digestate_t_per_year"],
        digestate_co_incinerated_t_per_year=kitchen["products"]["digestate_co_incinerated_t_per_year"]
        + restaurant["products"]["digestate_co_incinerated_t_per_year"],
        methane_leaked_t_per_year=gas["methane_leaked_t_per_year"],
        slip_t_co2e_per_year=emissions["biogas_methane_slip"],
        landfilled_digestate_t_co2e_per_year=emissions["landfilled_digestate_ch4"],
        boiler_t_co2e_per_year=emissions["gas_boiler"],
        landfill_ch4_t_co2e_per_year=emissions["park_landfill_ch4"],
        electricity_avoided_t_co2e_per_year=_avoided_electricity(
            result, gas["engine_electricity_kwh_per_year"]
        ),
        fuel_gas_avoided_t_co2e_per_year=avoided["fuel_gas"],
        biodiesel_avoided_t_co2e_per_year=avoided["biodiesel"],
    )


# --------------------------------------------------------------------------------------------
# the figures, in three groups: the gas (sources, blend, handling, flare), the products, the oil lever
# --------------------------------------------------------------------------------------------
FIGURE_GROUPS: dict[str, tuple[tuple[FigureSpec, ...], ...]] = {
    "gas": (
        (
            FigureSpec(
                "fig-kitchen-gas",
                "biogas.kitchen_gas",
                qty("kitchen_gas_nm3_per_day", "Nm3/d"),
                {
                    "tonnes": qty("kitchen_t_per_day", "t/d"),
                    "yield_": qty(KW + "biogas_nm3_per_tonne", "Nm3/t"),
                },
            ),
            FigureSpec(
                "fig-restaurant-gas",
                "biogas.restaurant_gas",
                qty("restaurant_gas_nm3_per_day", "Nm3/d"),
                {
                    "tonnes": qty("restaurant_t_per_day", "t/d"),
                    "yield_": qty(RW + "biogas_nm3_per_tonne", "Nm3/t"),
                },
            ),
            FigureSpec(
                "fig-landfill-gas",
                "biogas.landfill_gas",
                qty("landfill_gas_nm3_per_day", "Nm3/d"),
                {
                    "capture": pct("landfill.gas_capture_fraction", decimals=0),
                    "emitted": qty("landfill_ch4_t_co2e_per_year", "t CO2e/yr"),
                },
            ),
            FigureSpec(
                "fig-biogas",
                "biogas.biogas",
                qty("blend_nm3_per_day", "Nm3/d"),
                {"year": qty("blend_nm3_per_year", "Nm3")},
            ),
        ),
        (
            FigureSpec(
                "fig-capacity",
                "biogas.capacity_out",
                qty("capacity_nm3_per_day", "Nm3/d"),
                {"plan": qty("plan_capacity_nm3_per_day", "Nm3/d")},
                provenance=Ref("capacity_provenance"),
            ),
            FigureSpec(
                "fig-flared",
                "biogas.flared",
                qty("flared_nm3_per_day", "Nm3/d"),
                {"share": pct("flared_share", decimals=0), "year": qty("flared_nm3_per_year", "Nm3")},
            ),
        ),
    ),
    "products": (
        (
            FigureSpec(
                "fig-electricity",
                "biogas.electricity",
                qty("electricity_kwh_per_year", "kWh/yr"),
                {"own": qty("own_use_kwh_per_year", "kWh/yr")},
            ),
            FigureSpec("fig-fuel-gas", "biogas.fuel_gas", qty("fuel_gas_nm3_per_year", "Nm3/yr")),
            FigureSpec(
                "fig-oil",
                "biogas.oil_out",
                qty("oil_t_per_year", "t/yr"),
                {
                    "restaurant": qty("restaurant_oil_t_per_year", "t/yr"),
                    "rate": pct(RW + "oil_extraction_rate"),
                    "kitchen": qty("kitchen_oil_t_per_year", "t/yr"),
                    "kitchen_rate": pct(KW + "oil_extraction_rate"),
                },
            ),
        ),
        (
            FigureSpec(
                "fig-digestate",
                "biogas.digestate_out",
                qty("digestate_co_incinerated_t_per_year", "t/yr"),
                {
                    "total": qty("digestate_t_per_year", "t/yr"),
                    "landfilled": qty("digestate_landfilled_t_per_year", "t/yr"),
                    "plan": qty("plan_digestate_t_per_year", "t/yr"),
                    "fraction": qty(KW + "digestate_fraction", "t/t"),
                },
                provenance=Ref("digestate_provenance"),
            ),
            FigureSpec(
                "fig-leak",
                "biogas.leak",
                qty("methane_leaked_t_per_year", "t CH4/yr"),
                {
                    "co2e": qty("slip_t_co2e_per_year", "t CO2e/yr"),
                    "share": pct(KW + "methane_leakage_fraction"),
                },
            ),
        ),
    ),
    "oil": (
        (
            FigureSpec(
                "fig-oil-gain",
                "biogas.oil_gain",
                qty("extra_t_co2_per_year", "t CO2/yr", signed=True),
                {
                    "rate": pct("rate"),
                    "baseline": pct("baseline_rate"),
                    "points": qty("points", None, signed=True, sig=2),
                    "tonnes": qty("tonnes_per_day", "t/d"),
                    "extra_oil": qty("extra_oil_t_per_year", "t/yr", signed=True),
                    "factor": qty("t_co2_per_t_oil", "t CO2/t"),
                },
            ),
            FigureSpec(
                "fig-oil-plan",
                "biogas.oil_plan",
                qty("plan_t_co2", "t CO2"),
                {
                    "points": qty("plan_points", None),
                    "model": qty("model_at_plan_points_t_co2", "t CO2"),
                    "tonnes": qty("tonnes_per_day", "t/d"),
                },
                provenance=Ref("plan_provenance"),
            ),
        ),
    ),
}
"""The page's figures by group: ``gas`` (the three sources and their blend a day; the handling capacity
and the flare), ``products`` (electricity, fuel gas, oil; digestate and the methane that leaks), ``oil``
(the oil lever on the restaurant plant, the model's figure beside the plan's)."""
FIGURES: tuple[tuple[FigureSpec, ...], ...] = tuple(row for rows in FIGURE_GROUPS.values() for row in rows)
"""Every row of :data:`FIGURE_GROUPS`, in page order (the one table a content check reads)."""


def shown_figures(
    fig: BiogasFigures, values: dict[str, Any], plan: dict[str, Any], lang: str, group: str
) -> list[list[Figure]]:
    """The :data:`FIGURE_GROUPS` of ``group`` (``"gas"`` or ``"products"``) in ``lang``. ``values`` are this
    result's scenario inputs, ``plan`` the plan's ``scenario_result`` (for its provenance)."""
    plan_capacity = plan["values"][CAPACITY_KEY]
    capacity = scenario_provenance(plan, CAPACITY_KEY)
    extra = {
        "plan_capacity_nm3_per_day": plan_capacity,
        "capacity_provenance": capacity
        if values[CAPACITY_KEY] == plan_capacity
        else {"kind": "override", "ref": "", "note": ""},
        "plan_digestate_t_per_year": PLAN_DIGESTATE_T_PER_YEAR,
        "digestate_provenance": scenario_provenance(plan, KW + "digestate_fraction"),
    }
    return build_figures(FIGURE_GROUPS[group], figure_sources(fig, values, extra), lang)


# --------------------------------------------------------------------------------------------
# the blend against the handling capacity: what is flared, said as the model's finding
# --------------------------------------------------------------------------------------------
HANDLING_FIELDS = {
    "blend": qty("blend_nm3_per_day", "Nm3/d"),
    "capacity": qty("capacity_nm3_per_day", "Nm3/d"),
    "flared": qty("flared_nm3_per_day", "Nm3/d"),
    "share": pct("flared_share", decimals=0),
    "kitchen_yield": qty(KW + "biogas_nm3_per_tonne", "Nm3/t"),
    "restaurant_yield": qty(RW + "biogas_nm3_per_tonne", "Nm3/t"),
    "landfill": qty("landfill_gas_nm3_per_day", "Nm3/d"),
    "tonnes": qty("food_t_per_day", "t/d"),
    "implied": qty("implied_yield_nm3_per_t", "Nm3/t"),
}


def flares(fig: BiogasFigures) -> bool:
    """Whether the model flares part of the blend (the page then shows a warning, not an info box)."""
    return fig.flared_nm3_per_year > 0


def handling_text(fig: BiogasFigures, values: dict[str, Any], lang: str) -> str:
    """The box under the gas figures: the blend against the handling capacity, honest either way. When
    gas is flared it says so as the model's finding on its assumptions, and what the capacity implies."""
    sources = figure_sources(
        fig, values, {"food_t_per_day": fig.kitchen_t_per_day + fig.restaurant_t_per_day}
    )
    if not flares(fig):
        return Phrase("biogas.handling_within", HANDLING_FIELDS).text(sources, lang)
    return Phrase("biogas.handling_over", HANDLING_FIELDS).text(sources, lang)


# --------------------------------------------------------------------------------------------
# the oil lever on the restaurant plant: the gain over 2023 in percentage points
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OilGain:
    rate: float  # the restaurant plant's oil extraction rate now [-]
    baseline_rate: float  # its 2023 rate [-]
    tonnes_per_day: float  # the restaurant plant's
    t_co2_per_t_oil: float
    points: float  # percentage points above the 2023 rate (may be negative)
    extra_oil_t_per_year: float
    extra_t_co2_per_year: float  # avoided elsewhere (biodiesel)
    model_at_plan_points_t_co2: float  # the same arithmetic at the plan's +0.4 points
    plan_points: float = PLAN_OIL_GAIN_POINTS
    plan_t_co2: float = PLAN_OIL_GAIN_T_CO2


def oil_gain(
    oil_rate: float, baseline_rate: float, tonnes_per_day: float, days: float, t_co2_per_t_oil: float
) -> OilGain:
    """Extra oil (and the CO₂ its biodiesel avoids) from extracting ``oil_rate`` instead of 2023's rate on
    the restaurant plant's ``tonnes_per_day``."""
    extra_oil = (oil_rate - baseline_rate) * tonnes_per_day * days
    at_plan = PLAN_OIL_GAIN_POINTS / 100.0 * tonnes_per_day * days * t_co2_per_t_oil
    return OilGain(
        rate=oil_rate,
        baseline_rate=baseline_rate,
        tonnes_per_day=tonnes_per_day,
        t_co2_per_t_oil=t_co2_per_t_oil,
        points=(oil_rate - baseline_rate) * 100.0,
        extra_oil_t_per_year=extra_oil,
        extra_t_co2_per_year=extra_oil * t_co2_per_t_oil,
        model_at_plan_points_t_co2=at_plan,
    )


def oil_figures(
    fig: BiogasFigures, values: dict[str, Any], baseline_rate: float, t_co2_per_t_oil: float, lang: str
) -> list[list[Figure]]:
    """The oil lever's two figures: the model's gain over 2023 (``baseline_rate``) and the plan's."""
    gain = oil_gain(
        values[RW + "oil_extraction_rate"], baseline_rate, fig.restaurant_t_per_day, fig.days, t_co2_per_t_oil
    )
    sources = figure_sources(gain, {"plan_provenance": plan_provenance("oil", lang)})
    return build_figures(FIGURE_GROUPS["oil"], sources, lang)


# --------------------------------------------------------------------------------------------
# the three ledgers, in words
# --------------------------------------------------------------------------------------------
CARBON_FIELDS = {
    "slip": qty("slip_t_co2e_per_year", "t CO2e/yr"),
    "landfilled": qty("landfilled_digestate_t_co2e_per_year", "t CO2e/yr"),
    "boiler": qty("boiler_t_co2e_per_year", "t CO2e/yr"),
    "electricity": qty("electricity_avoided_t_co2e_per_year", "t CO2e/yr"),
    "grid": qty("scenario.avoided_grid_kg_co2_per_kwh", "kg CO2/kWh", sig=4),
    "fuel_gas": qty("fuel_gas_avoided_t_co2e_per_year", "t CO2e/yr"),
    "biodiesel": qty("biodiesel_avoided_t_co2e_per_year", "t CO2e/yr"),
    "biodiesel_factor": qty("t_co2_per_t_oil", "t CO2/t"),
}


def carbon_text(fig: BiogasFigures, values: dict[str, Any], t_co2_per_t_oil: float, lang: str) -> str:
    """The carbon section: the park's own emissions (inventory) and what the products avoid elsewhere,
    each under its ledger's name, and why there is no "landfill methane avoided" here."""
    sources = figure_sources(fig, values, {"t_co2_per_t_oil": t_co2_per_t_oil})
    return page_section(
        "biogas", "carbon", lang, **{k: s.text(sources, lang) for k, s in CARBON_FIELDS.items()}
    )


# --------------------------------------------------------------------------------------------
# where the methane's energy goes (Sankey): three sources → the blend → flare, leak, engines, upgrading
# --------------------------------------------------------------------------------------------
SANKEY = SankeySpec(
    {
        "kitchen_waste": "green",
        "restaurant_waste": "green",
        "landfill": "amber",
        "methane": "teal",
        "flare": "amber",
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
"""The Sankey's nodes with their colours by meaning (:data:`parkloop.ui.charts.COLOURS`): food waste
green, the landfill and the flare amber (what is given up), a leak red, the losses grey; links into the
leak stand out in red, the rest are teal."""
ENERGY_NODES = SANKEY.nodes
NODE_COLOURS = SANKEY.colours
link_colour = SANKEY.link_colour
node_labels = SANKEY.node_labels


def energy_links(result: dict[str, Any], constants: dict[str, float]) -> list[tuple[str, str, float]]:
    """``(source, target, GJ/yr)`` links of the methane's energy, from the model's own quantities.

    The methane of the two digesters and the landfill gas is blended; the part above the handling
    capacity is flared; of the rest some leaks, some goes to the engines (electricity + heat the model
    does not use) and some is upgraded (fuel gas + loss). Links of zero are left out."""
    fig, q = figures(result), result["quantities"]
    gj = constants["ch4_lhv_mj_per_nm3"] / 1000.0
    landfill_nm3 = fig.landfill_methane_t_per_year * 1000.0 / constants["ch4_density_kg_per_nm3"]
    leaked, fuel_gas, loss = q["leaked_ch4_nm3"], fig.fuel_gas_nm3_per_year, q["upgrading_loss_ch4_nm3"]
    flared = fig.flared_methane_nm3_per_year
    engines = max(fig.methane_nm3_per_year - flared - leaked - fuel_gas - loss, 0.0)
    electricity_gj = fig.electricity_kwh_per_year * constants["mj_per_kwh"] / 1000.0
    links = [
        ("kitchen_waste", "methane", fig.kitchen_methane_nm3_per_year * gj),
        ("restaurant_waste", "methane", fig.restaurant_methane_nm3_per_year * gj),
        ("landfill", "methane", landfill_nm3 * gj),
        ("methane", "flare", flared * gj),
        ("methane", "leak", leaked * gj),
        ("methane", "engines", engines * gj),
        ("methane", "upgrading", (fuel_gas + loss) * gj),
        ("engines", "electricity", electricity_gj),
        ("engines", "engine_heat", max(engines * gj - electricity_gj, 0.0)),
        ("upgrading", "fuel_gas", fuel_gas * gj),
        ("upgrading", "upgrading_loss", loss * gj),
    ]
    return [link for link in links if link[2] > 1e-9]


def source_shares(links: list[tuple[str, str, float]]) -> dict[str, float]:
    """Each source's share of the blend's methane (``kitchen_waste``, ``restaurant_waste``, ``landfill``)."""
    into = {source: value for source, target, value in links if target == "methane"}
    total = sum(into.values())
    return {
        key: (into.get(key, 0.0) / total if total > 0 else 0.0)
        for key in ("kitchen_waste", "restaurant_waste", "landfill")
    }


CHART_NOTE = Phrase(
    "biogas.chart_note", pcts(0, kitchen="kitchen_waste", restaurant="restaurant_waste", landfill="landfill")
)


def chart_note_text(links: list[tuple[str, str, float]], lang: str) -> str:
    """The line above the Sankey: where the methane comes from (the plan's 多源配比), and its unit."""
    return CHART_NOTE.text(source_shares(links), lang)


def energy_shares(links: list[tuple[str, str, float]]) -> dict[str, float]:
    """Each end's share of the blend's methane energy (flare, electricity, fuel_gas, leak, losses)."""
    total = sum(value for source, _, value in links if source == "methane")
    ends = {"flare": 0.0, "electricity": 0.0, "fuel_gas": 0.0, "leak": 0.0, "losses": 0.0}
    for _, target, value in links:
        if target in ends:
            ends[target] += value
        elif target in ("engine_heat", "upgrading_loss"):
            ends["losses"] += value
    return {key: (value / total if total > 0 else 0.0) for key, value in ends.items()}


SUMMARY = Phrase(
    "biogas.summary",
    pcts(0, flare="flare", electricity="electricity", fuel_gas="fuel_gas", losses="losses")
    | pcts(1, leak="leak"),
)
"""The sentence under the Sankey, from :func:`energy_shares`."""


def chart_summary_text(links: list[tuple[str, str, float]], lang: str) -> str:
    """One sentence under the Sankey, written from its numbers."""
    if not links:
        return t("biogas.summary_none", lang)
    return SUMMARY.text(energy_shares(links), lang)


# --------------------------------------------------------------------------------------------
# where the numbers come from
# --------------------------------------------------------------------------------------------
PROVENANCE_INPUTS = (
    ("tonnes", KW + "tonnes_per_day"),
    ("restaurant_tonnes", RW + "tonnes_per_day"),
    ("yield", KW + "biogas_nm3_per_tonne"),
    ("restaurant_yield", RW + "biogas_nm3_per_tonne"),
    ("methane", KW + "methane_fraction"),
    ("restaurant_methane", RW + "methane_fraction"),
    ("waste_in_place", "landfill.waste_in_place_t"),
    ("capture", "landfill.gas_capture_fraction"),
    ("capacity", CAPACITY_KEY),
    ("split", KW + "to_power_fraction"),
    ("engine", KW + "engine_efficiency"),
    ("upgrading", KW + "upgrading_recovery"),
    ("leakage", KW + "methane_leakage_fraction"),
    ("oil", RW + "oil_extraction_rate"),
    ("kitchen_oil", KW + "oil_extraction_rate"),
    ("digestate", KW + "digestate_to_incineration_fraction"),
    ("digestate_fraction", KW + "digestate_fraction"),
    ("grid", "scenario.avoided_grid_kg_co2_per_kwh"),
)
"""``(label, scenario input)`` of :func:`provenance_items`, then the factors below, then the plan's own
statements."""
PROVENANCE_FACTORS = (
    ("lhv", "ch4_lhv_mj_per_nm3"),
    ("biodiesel", "biodiesel_t_co2_per_t_oil"),
    ("natural_gas", "natural_gas_kg_co2_per_nm3"),
)
PROVENANCE_PLAN = (("blend_plan", "blend"), ("digestate_plan", "digestate"), ("oil_plan", "oil"))


def provenance_items(plan: dict[str, Any], factors: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan scenario's inputs, the factors, the plan's own
    statements this page quotes."""

    def scenario(key: str) -> dict[str, str]:
        return scenario_provenance(plan, key)

    factor, own = factors["provenance"].__getitem__, lambda which: plan_provenance(which, lang)
    rows = [(label, scenario, key) for label, key in PROVENANCE_INPUTS]
    rows += [(label, factor, "constants." + key) for label, key in PROVENANCE_FACTORS]
    rows += [(label, own, which) for label, which in PROVENANCE_PLAN]
    return provenance_table(rows, "biogas.in", lang)
