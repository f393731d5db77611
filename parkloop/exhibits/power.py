"""Pure logic of the "garbage → power" exhibit: the composition a visitor sets, the figures drawn from
the model's result, and the landfill comparison over time (no Streamlit here; tested on its own).

The visitor moves three sliders a child can picture — food, paper and plastics in the incinerator's
garbage — and the six other IPCC components keep their plan proportions and fill the rest, so the
composition always sums to 1. The slider limits (food ≤ 50 %, paper and plastics ≤ 25 % each) make the
three together at most 100 %, so the rest is never negative.

Electricity follows the heating value of the composition (the model's ``net_kwh_per_tonne`` holds at the
scenario's reference heating value, the same net efficiency for every mix: about 12.8 %), so no slider
position reaches the model's bound of 30 % (tested); a refusal would still be shown in words, not as an
error (:func:`refused_text`).

The landfill chart is the model's counterfactual (``Result.counterfactual["landfill"]``): a teaching
comparison of the household waste the park treats in a year, by first-order decay year by year — not
Beijing's practice since 2020, in no total, never "avoided by the park".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import (
    Figure,
    FigureSpec,
    Phrase,
    Ref,
    Slider,
    SliderSpec,
    build_figures,
    figure_sources,
    num,
    pct,
    provenance_table,
    qty,
    qtys,
    scenario_provenance,
)
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.model.factors import Factors, load_factors
from parkloop.model.scenario import COMPONENTS

INCINERATION = "incineration"
MAIN_COMPONENTS: tuple[str, ...] = ("food", "paper", "plastics")
# slider limits [fraction of wet weight]: together at most 1, so the other components never go negative
MAIN_LIMITS: dict[str, tuple[float, float]] = {
    "food": (0.0, 0.5),
    "paper": (0.0, 0.25),
    "plastics": (0.0, 0.25),
}
SHARE_URL_KEYS: dict[str, str] = {"food": "food", "paper": "paper", "plastics": "plast"}
"""The URL key of each main component's slider (``?plast=25``)."""

# Which Beijing bin each IPCC component belongs in (Beijing Household Waste Management Regulations,
# glossary §10). Hazardous waste (batteries, medicines) is a tiny share by weight and is not one of the
# IPCC components: it must stay out of the incinerator altogether.
BIN_OF_COMPONENT: dict[str, str] = {
    "food": "food_waste",
    "garden": "food_waste",
    "paper": "recyclables",
    "plastics": "recyclables",
    "textiles": "recyclables",
    "glass_metal": "recyclables",
    "wood": "residual",
    "rubber_leather": "residual",
    "other_inert": "residual",
}
BINS: tuple[str, ...] = ("food_waste", "recyclables", "hazardous", "residual")


def composition(main: Mapping[str, float], base: Mapping[str, float]) -> dict[str, float]:
    """The incinerator's composition from the three main shares; the other components share the rest in
    the proportions of ``base`` (the plan's composition). Sums to 1 (to 1e-9)."""
    chosen = {name: float(main[name]) for name in MAIN_COMPONENTS}
    for name, share in chosen.items():
        if share < 0:
            raise ValueError(f"{name} share is negative")
    rest = 1.0 - sum(chosen.values())
    if rest < -1e-9:
        raise ValueError("food, paper and plastics add up to more than 100 %")
    rest = max(rest, 0.0)
    others = [name for name in COMPONENTS if name not in MAIN_COMPONENTS]
    others_base = sum(base[name] for name in others)
    out = {name: round(chosen.get(name, 0.0), 6) for name in COMPONENTS if name in MAIN_COMPONENTS}
    for name in others:
        out[name] = round(rest * base[name] / others_base, 6) if others_base > 0 else 0.0
    if others_base <= 0:
        out["other_inert"] = round(rest, 6)
    # rounding (kept short for the cache key) may leave a few millionths: the largest "other" takes them
    largest = max(others, key=lambda name: out[name])
    out[largest] = round(out[largest] + 1.0 - sum(out.values()), 9)
    return {name: out[name] for name in COMPONENTS}


TONNES = SliderSpec(
    "tonnes_per_day", "incineration.tonnes_per_day", "t", "tonnes", "power.tonnes", (500, 6000, 100)
)
"""Tonnes of garbage burned a day (``?t=``)."""


def tonnes_slider(plan_values: Mapping[str, Any], lang: str) -> Slider:
    """The :data:`TONNES` slider, opening on the plan's figure."""
    return TONNES.slider(default_tonnes(plan_values), lang)


def share_sliders(plan_mix: Mapping[str, float], lang: str) -> list[Slider]:
    """The sliders of food, paper and plastics in whole percent (``?food=``, ``?paper=``, ``?plast=``),
    within :data:`MAIN_LIMITS`, opening on the plan's shares."""
    return [
        Slider(
            name,
            t(f"power.share.{name}", lang),
            SHARE_URL_KEYS[name],
            round(plan_mix[name] * 100),
            min_value=int(MAIN_LIMITS[name][0] * 100),
            max_value=int(MAIN_LIMITS[name][1] * 100),
            step=1,
            integer=True,
            format="%d%%",
        )
        for name in MAIN_COMPONENTS
    ]


def shares_from_percent(percents: Mapping[str, float]) -> dict[str, float]:
    """Slider percent → the fractions :func:`composition` takes."""
    return {name: percent / 100.0 for name, percent in percents.items()}


def default_tonnes(plan_values: Mapping[str, Any]) -> int:
    """The tonnes-a-day slider opens on the plan's figure."""
    return int(plan_values["incineration.tonnes_per_day"])


def overrides(tonnes_per_day: float, mix: Mapping[str, float], plan_mix: Mapping[str, float]) -> dict:
    """The scenario overrides of a slider position: the tonnes always, the composition only when it is
    not the plan's (so the plan's own position shares the plan's cache entry and provenance)."""
    out: dict[str, Any] = {"incineration.tonnes_per_day": tonnes_per_day}
    if any(abs(mix[name] - plan_mix[name]) > 1e-9 for name in mix):
        out["incineration.composition"] = dict(mix)
    return out


def bin_shares(mix: Mapping[str, float]) -> dict[str, float]:
    """The composition grouped by the Beijing bin each part belongs in (hazardous is 0 by weight here)."""
    shares = dict.fromkeys(BINS, 0.0)
    for name, share in mix.items():
        shares[BIN_OF_COMPONENT[name]] += share
    return shares


@dataclass(frozen=True)
class PowerFigures:
    """What the exhibit shows for one slider position [per year unless named otherwise]."""

    waste_t: float
    net_kwh: float
    kwh_per_t: float  # net electricity per tonne of this composition, before steam (the model's)
    people: float  # residents whose yearly electricity this equals (rough)
    fossil_co2_t: float
    n2o_co2e_t: float
    counted_co2e_t: float  # fossil CO2 + N2O as CO2e: the incinerator's part of the inventory
    biogenic_co2_t: float  # reported, not counted
    bottom_ash_t: float
    bricks_t: float  # bottom ash made into bricks and paving
    heating_value_gj_per_t: float
    avoided_co2_t: float  # avoided elsewhere: the incinerator's share of the exported electricity
    avoided_factor: float  # exported electricity [kg CO2/kWh] (North China baseline, offset projects)
    grid_factor: float  # electricity bought [kg CO2/kWh] (national consumption average)
    mj_per_kwh: float

    @property
    def efficiency(self) -> float:
        """Net electricity per tonne as a share of the heating value [-] (the model refuses above 30 %)."""
        heat_mj = self.heating_value_gj_per_t * 1000.0
        return self.kwh_per_t * self.mj_per_kwh / heat_mj if heat_mj > 0 else 0.0

    @property
    def max_kwh_per_t(self) -> float:
        """The most a tonne of this waste may give by the model's bound [kWh/t]."""
        return MAX_NET_EFFICIENCY * self.heating_value_gj_per_t * 1000.0 / self.mj_per_kwh


MAX_NET_EFFICIENCY = 0.30
"""The model's bound on net electricity: 30 % of the waste's heating value
(``parkloop.model.incineration.MAX_NET_ELECTRICAL_EFFICIENCY``)."""


def power_figures(result: Mapping[str, Any], factors: Factors | None = None) -> PowerFigures:
    """The incinerator's figures from one model result (``scenario_result`` data)."""
    f = factors or load_factors()
    chain = result["chains"][INCINERATION]
    waste_t = chain["inputs"]["waste_t_per_year"]
    net_kwh = chain["products"]["net_electricity_kwh_per_year"]
    gwp_n2o = f.gwp[result["gwp"]]["n2o"]
    fossil = chain["fossil_co2_t_per_year"]
    n2o_co2e = chain["n2o_t_per_year"] * gwp_n2o
    return PowerFigures(
        waste_t=waste_t,
        net_kwh=net_kwh,
        kwh_per_t=chain["net_kwh_per_tonne"],
        people=net_kwh / f.equivalents["resident_kwh_per_year"],
        fossil_co2_t=fossil,
        n2o_co2e_t=n2o_co2e,
        counted_co2e_t=fossil + n2o_co2e,
        biogenic_co2_t=chain["biogenic_co2_t_per_year"],
        bottom_ash_t=chain["bottom_ash_t_per_year"],
        bricks_t=chain["products"]["bottom_ash_recycled_t_per_year"],
        heating_value_gj_per_t=chain["heating_value_gj_per_t"],
        avoided_co2_t=chain["avoided_t_co2e_per_year"],
        avoided_factor=result["avoided_grid_kg_co2_per_kwh"],
        grid_factor=result["grid_kg_co2_per_kwh"],
        mj_per_kwh=f.c("mj_per_kwh"),
    )


def bins_line(mix: Mapping[str, float], lang: str) -> str:
    """The sentence under the sliders: the mix sorted by Beijing's bins."""
    bins = bin_shares(mix)
    shares = {
        name: format_percent(bins[name], lang, decimals=0)
        for name in ("food_waste", "recyclables", "residual")
    }
    return t("power.bins_line", lang, **shares)


FIGURES: tuple[tuple[FigureSpec, ...], ...] = (
    (
        FigureSpec("fig-net-kwh", "power.net_kwh", qty("net_kwh", "kWh/yr")),
        FigureSpec(
            "fig-kwh-per-t",
            "power.kwh_per_t",
            qty("kwh_per_t", "kWh/t"),
            {
                "efficiency": pct("efficiency", decimals=1),
                "reference_kwh": qty("reference_kwh", "kWh/t"),
                "reference_lhv": num("reference_lhv", sig=4),
                "max_kwh": qty("max_kwh_per_t", "kWh/t"),
            },
            Ref("kwh_prov"),
        ),
        FigureSpec(
            "fig-people",
            "power.people",
            Phrase("power.people_value", {"people": num("people", sig=2)}),
            {"kwh": num("resident")},
            Ref("resident_prov"),
        ),
        FigureSpec(
            "fig-bricks",
            "power.bricks",
            qty("bricks_t", "t/yr"),
            qtys("t/yr", ash="bottom_ash_t"),
            Ref("ash"),
        ),
    ),
    (
        FigureSpec(
            "fig-fossil",
            "power.fossil",
            qty("fossil_co2_t", "t CO2/yr"),
            qtys("t CO2e/yr", n2o="n2o_co2e_t", total="counted_co2e_t"),
        ),
        FigureSpec(
            "fig-avoided",
            "power.avoided",
            qty("avoided_co2_t", "t CO2/yr"),
            {"factor": num("avoided_factor", sig=4), "bought": num("grid_factor", sig=4)},
            Ref("avoided_prov"),
        ),
        FigureSpec("fig-biogenic", "power.biogenic", qty("biogenic_co2_t", "t CO2/yr")),
        FigureSpec(
            "fig-heat",
            "power.heat",
            Phrase("power.heat_value", {"value": num("heating_value_gj_per_t")}),
            {},
            Ref("lhv"),
        ),
    ),
)
"""The page's eight figures in two columns: what the incinerator makes, then its ledgers (inventory,
avoided elsewhere, reported only) and the heat in the waste."""


def shown_figures(
    figures: PowerFigures, plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str
) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``. ``plan`` is the plan's ``scenario_result`` (for the inputs'
    provenance), ``factors`` the factors as plain data (``parkloop.ui.model_data.factors_data``)."""
    return figures_from_inputs(figures, figure_inputs(plan, factors), lang)


def figures_from_inputs(figures: PowerFigures, inputs: Mapping[str, Any], lang: str) -> list[list[Figure]]:
    """:func:`shown_figures` with the plan's and the factors' part already taken out
    (:func:`figure_inputs`): what a slider's rerun needs, without the whole plan and factors."""
    return build_figures(FIGURES, figure_sources(figures, inputs), lang)


def figure_inputs(plan: Mapping[str, Any], factors: Mapping[str, Any]) -> dict[str, Any]:
    """What the figures take from the plan (inputs and their provenance) and the factors: no slider
    changes it."""
    factor = factors["provenance"]
    values = plan["values"]
    return {
        "ash": scenario_provenance(plan, "incineration.bottom_ash_recycled_fraction"),
        "resident": factors["equivalents"]["resident_kwh_per_year"],
        "resident_prov": factor["equivalents.resident_kwh_per_year"],
        "lhv": factor.get("composition.food.lhv_mj_per_kg", "model"),
        "reference_kwh": values["incineration.net_kwh_per_tonne"],
        "reference_lhv": values["incineration.reference_heating_value_gj_per_t"],
        "kwh_prov": scenario_provenance(plan, "incineration.net_kwh_per_tonne"),
        "avoided_prov": scenario_provenance(plan, "scenario.avoided_grid_kg_co2_per_kwh"),
    }


def counted_text(figures: PowerFigures, lang: str) -> str:
    """The text under the figures: which ledger each number belongs to, and the two grid factors."""
    return page_section(
        "power",
        "counted",
        lang,
        avoided_factor=format_number(figures.avoided_factor, lang, sig=4),
        grid_factor=format_number(figures.grid_factor, lang, sig=4),
    )


PROVENANCE: tuple[tuple[str, str, str], ...] = (
    ("tonnes", "scenario", "incineration.tonnes_per_day"),
    ("kwh_per_t", "scenario", "incineration.net_kwh_per_tonne"),
    ("reference_lhv", "scenario", "incineration.reference_heating_value_gj_per_t"),
    ("steam", "scenario", "incineration.export_steam_t_per_year"),
    ("composition", "scenario", "incineration.composition"),
    ("carbon", "factor", "composition.food.cf"),
    ("fossil", "factor", "composition.food.fcf"),
    ("n2o", "scenario", "incineration.n2o_g_per_tonne"),
    ("ash", "scenario", "incineration.bottom_ash_fraction"),
    ("avoided_grid", "scenario", "scenario.avoided_grid_kg_co2_per_kwh"),
    ("grid", "scenario", "scenario.grid_kg_co2_per_kwh"),
    ("doc", "factor", "composition.food.doc"),
    ("k", "factor", "composition.food.k_per_year"),
    ("recovery", "scenario", "landfill_counterfactual.recovery_fraction"),
    ("oxidation", "scenario", "landfill_counterfactual.oxidation_factor"),
    ("horizon", "scenario", "landfill_counterfactual.horizon_years"),
    ("gwp", "scenario", "scenario.gwp"),
    ("resident", "factor", "equivalents.resident_kwh_per_year"),
)
"""The "where the numbers come from" list: (label, where, key) — a scenario input of the plan or a factor."""


def provenance_items(plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs and the factors behind the figures."""
    lookups = {
        "scenario": lambda key: scenario_provenance(plan, key),
        "factor": lambda key: factors["provenance"][key],
    }
    rows = [(label, lookups[where], key) for label, where, key in PROVENANCE]
    return provenance_table(rows, "power.prov", lang)


# --------------------------------------------------------------------------------------------
# the landfill comparison: the model's counterfactual, a teaching view in no total
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LandfillComparison:
    """What one year of the household waste the park treats would emit had it been landfilled
    (``Result.counterfactual["landfill"]``), as CO2e [t]. Not Beijing's practice since 2020 (zero
    landfill of raw household waste); in no total, no target, and never "avoided by the park"."""

    waste_t: float  # all the household waste of the year: burned here and food waste digested
    burned_t: float  # of it, burned in the incinerator
    yearly_co2e_t: tuple[float, ...]  # methane emitted in year 1 … horizon, after recovery and oxidation
    lifetime_co2e_t: float  # everything it would ever emit
    gwp_ch4: float

    @property
    def horizon_years(self) -> int:
        return len(self.yearly_co2e_t)

    @property
    def digested_t(self) -> float:
        return max(self.waste_t - self.burned_t, 0.0)

    @property
    def total_co2e_t(self) -> float:
        """Over the horizon [t CO2e]."""
        return sum(self.yearly_co2e_t)

    @property
    def first_year_co2e_t(self) -> float:
        return self.yearly_co2e_t[0] if self.yearly_co2e_t else 0.0

    @property
    def last_year_co2e_t(self) -> float:
        return self.yearly_co2e_t[-1] if self.yearly_co2e_t else 0.0

    @property
    def share_within_horizon(self) -> float:
        return self.total_co2e_t / self.lifetime_co2e_t if self.lifetime_co2e_t > 0 else 0.0

    @property
    def share_first_ten_years(self) -> float:
        return sum(self.yearly_co2e_t[:10]) / self.lifetime_co2e_t if self.lifetime_co2e_t > 0 else 0.0


def landfill_comparison(result: Mapping[str, Any]) -> LandfillComparison:
    """The model's counterfactual of one result (``scenario_result`` data): its methane year by year
    [t CH4] × the scenario's GWP of methane."""
    landfill = result["counterfactual"]["landfill"]
    gwp_ch4 = landfill["gwp_ch4"]
    return LandfillComparison(
        waste_t=landfill["waste_t"],
        burned_t=result["chains"][INCINERATION]["inputs"]["waste_t_per_year"],
        yearly_co2e_t=tuple(value * gwp_ch4 for value in landfill["methane_t_by_year"]),
        lifetime_co2e_t=landfill["lifetime_t_co2e"],
        gwp_ch4=gwp_ch4,
    )


def chart_rows(comparison: LandfillComparison) -> list[dict[str, Any]]:
    """Rows for the bar chart: the comparison's methane in each year after landfilling [thousand t CO2e]."""
    return [
        {"year": year, "kt": value / 1000.0} for year, value in enumerate(comparison.yearly_co2e_t, start=1)
    ]


def tick_years(horizon_years: int) -> list[int]:
    """The years the chart's axis names: the first, then every fifth."""
    return [year for year in range(1, horizon_years + 1) if year == 1 or year % 5 == 0]


COMPARISON_COLOUR = "amber"
"""The comparison's bars (:data:`parkloop.ui.charts.COLOURS`): a landfill's cost, not the park's."""


def _comparison_sources(comparison: LandfillComparison, lang: str) -> dict[str, str]:
    return {
        "waste": format_quantity(comparison.waste_t, "t", lang),
        "burned": format_quantity(comparison.burned_t, "t", lang),
        "digested": format_quantity(comparison.digested_t, "t", lang),
        "years": format_number(comparison.horizon_years, lang),
        "first": format_quantity(comparison.first_year_co2e_t, "t CO2e", lang),
        "last": format_quantity(comparison.last_year_co2e_t, "t CO2e", lang),
        "total": format_quantity(comparison.total_co2e_t, "t CO2e", lang),
        "lifetime": format_quantity(comparison.lifetime_co2e_t, "t CO2e", lang),
        "within": format_percent(comparison.share_within_horizon, lang, decimals=0),
        "first_ten": format_percent(comparison.share_first_ten_years, lang, decimals=0),
    }


def landfill_intro_text(comparison: LandfillComparison, lang: str) -> str:
    """The text above the chart: what is compared, and that Beijing does not landfill this waste."""
    return page_section("power", "landfill", lang, **_comparison_sources(comparison, lang))


def chart_summary_text(comparison: LandfillComparison, lang: str) -> str:
    """The sentence under the chart: the comparison year by year, labelled as in no total."""
    return t("power.chart_summary", lang, **_comparison_sources(comparison, lang))


def landfill_after_text(comparison: LandfillComparison, lang: str) -> str:
    """The text under the chart: everything the waste would ever emit, how much of it within the chart's
    years, and why none of it is "avoided by the park"."""
    return page_section("power", "landfill_after", lang, **_comparison_sources(comparison, lang))


@dataclass(frozen=True)
class LandfillTexts:
    """The comparison's three texts, written from one formatting of its numbers."""

    intro: str
    summary: str
    after: str


def landfill_texts(comparison: LandfillComparison, lang: str) -> LandfillTexts:
    """:func:`landfill_intro_text`, :func:`chart_summary_text` and :func:`landfill_after_text` at once:
    the numbers formatted once, not three times (a /power rerun writes all three)."""
    numbers = _comparison_sources(comparison, lang)
    return LandfillTexts(
        page_section("power", "landfill", lang, **numbers),
        t("power.chart_summary", lang, **numbers),
        page_section("power", "landfill_after", lang, **numbers),
    )


# --------------------------------------------------------------------------------------------
# a scenario the model refuses (a physics bound): the sliders cannot reach one, a link might not
# --------------------------------------------------------------------------------------------
def refused_text(lang: str) -> str:
    """The friendly words when the model refuses a combination: the page shows the plan instead."""
    return t("power.refused", lang)
