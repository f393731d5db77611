"""Pure logic of the "garbage → power" exhibit: the composition a visitor sets, the figures drawn from
the model's result, and the landfill comparison over time (no Streamlit here; tested on its own).

The visitor moves three sliders a child can picture — food, paper and plastics in the incinerator's
garbage — and the six other IPCC components keep their plan proportions and fill the rest, so the
composition always sums to 1. The slider limits (food ≤ 50 %, paper and plastics ≤ 25 % each) make the
three together at most 100 %, so the rest is never negative.
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
    qty,
    qtys,
    scenario_provenance,
)
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.model import landfill
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
LANDFILL_YEARS = 50

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
    kwh_per_t: float
    people: float  # residents whose yearly electricity this equals (rough)
    fossil_co2_t: float
    n2o_co2e_t: float
    counted_co2e_t: float  # fossil CO2 + N2O as CO2e: the incinerator's counted emissions
    biogenic_co2_t: float  # reported, not counted
    bottom_ash_t: float
    bricks_t: float  # bottom ash made into bricks and paving
    heating_value_gj_per_t: float


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
        kwh_per_t=net_kwh / waste_t if waste_t > 0 else 0.0,
        people=net_kwh / f.equivalents["resident_kwh_per_year"],
        fossil_co2_t=fossil,
        n2o_co2e_t=n2o_co2e,
        counted_co2e_t=fossil + n2o_co2e,
        biogenic_co2_t=chain["biogenic_co2_t_per_year"],
        bottom_ash_t=chain["bottom_ash_t_per_year"],
        bricks_t=chain["products"]["bottom_ash_recycled_t_per_year"],
        heating_value_gj_per_t=chain["heating_value_gj_per_t"],
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
        FigureSpec("fig-fossil", "power.fossil", qty("fossil_co2_t", "t CO2/yr")),
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
            "fig-people",
            "power.people",
            Phrase("power.people_value", {"people": num("people", sig=2)}),
            {"kwh": num("resident")},
            Ref("resident_prov"),
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
"""The page's six figures in two columns: what the incinerator makes, then what it emits."""


def shown_figures(
    figures: PowerFigures, plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str
) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``. ``plan`` is the plan's ``scenario_result`` (for the inputs'
    provenance), ``factors`` the factors as plain data (``parkloop.ui.model_data.factors_data``)."""
    factor = factors["provenance"]
    inputs = {
        "ash": scenario_provenance(plan, "incineration.bottom_ash_recycled_fraction"),
        "resident": factors["equivalents"]["resident_kwh_per_year"],
        "resident_prov": factor["equivalents.resident_kwh_per_year"],
        "lhv": factor.get("composition.food.lhv_mj_per_kg", "model"),
    }
    return build_figures(FIGURES, figure_sources(figures, inputs), lang)


def provenance_items(plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs and the factors behind the figures."""
    factor = factors["provenance"]

    def scenario(key: str) -> dict[str, str]:
        return scenario_provenance(plan, key)

    return [
        (t("power.prov.tonnes", lang), scenario("incineration.tonnes_per_day")),
        (t("power.prov.kwh_per_t", lang), scenario("incineration.net_kwh_per_tonne")),
        (t("power.prov.steam", lang), scenario("incineration.export_steam_t_per_year")),
        (t("power.prov.composition", lang), scenario("incineration.composition")),
        (t("power.prov.carbon", lang), factor["composition.food.cf"]),
        (t("power.prov.fossil", lang), factor["composition.food.fcf"]),
        (t("power.prov.n2o", lang), scenario("incineration.n2o_g_per_tonne")),
        (t("power.prov.ash", lang), scenario("incineration.bottom_ash_fraction")),
        (t("power.prov.doc", lang), factor["composition.food.doc"]),
        (t("power.prov.k", lang), factor["composition.food.k_per_year"]),
        (t("power.prov.recovery", lang), scenario("landfill_counterfactual.recovery_fraction")),
        (t("power.prov.oxidation", lang), scenario("landfill_counterfactual.oxidation_factor")),
        (t("power.prov.gwp", lang), scenario("scenario.gwp")),
        (t("power.prov.resident", lang), factor["equivalents.resident_kwh_per_year"]),
    ]


# --------------------------------------------------------------------------------------------
# the landfill comparison
# --------------------------------------------------------------------------------------------
def _landfill_kwargs(values: Mapping[str, Any], f: Factors) -> dict[str, float]:
    """The same landfill parameters the park model uses for its counterfactual."""
    return {
        "docf": f.c("landfill_docf"),
        "mcf": values["landfill_counterfactual.methane_correction_factor"],
        "methane_fraction": f.c("landfill_methane_fraction"),
        "recovery_fraction": values["landfill_counterfactual.recovery_fraction"],
        "oxidation_factor": values["landfill_counterfactual.oxidation_factor"],
    }


@dataclass(frozen=True)
class LandfillComparison:
    """One year's garbage landfilled instead of burned: methane year by year, as CO2e [t]."""

    yearly_co2e_t: tuple[float, ...]  # year 1 … LANDFILL_YEARS
    total_co2e_t: float  # everything it would ever release (the model's landfill credit)
    incinerator_co2e_t: float  # burning it: fossil CO2 + N2O, released at once

    @property
    def cumulative_co2e_t(self) -> list[float]:
        out, running = [], 0.0
        for value in self.yearly_co2e_t:
            running += value
            out.append(running)
        return out

    @property
    def share_within_horizon(self) -> float:
        return sum(self.yearly_co2e_t) / self.total_co2e_t if self.total_co2e_t > 0 else 0.0

    @property
    def share_first_ten_years(self) -> float:
        return sum(self.yearly_co2e_t[:10]) / self.total_co2e_t if self.total_co2e_t > 0 else 0.0

    @property
    def crossover_year(self) -> int | None:
        """The first year in which the landfill's methane so far outweighs burning, or None."""
        for year, value in enumerate(self.cumulative_co2e_t, start=1):
            if value >= self.incinerator_co2e_t > 0:
                return year
        return None


def landfill_comparison(
    result: Mapping[str, Any], factors: Factors | None = None, years: int = LANDFILL_YEARS
) -> LandfillComparison:
    """Methane from landfilling the incinerator's garbage of one year, with IPCC first-order decay rates
    (``parkloop.model.landfill.emission_profile``), as CO2e with the scenario's GWP set."""
    f = factors or load_factors()
    values = result["values"]
    mix = values["incineration.composition"]
    waste_t = result["chains"][INCINERATION]["inputs"]["waste_t_per_year"]
    kwargs = _landfill_kwargs(values, f)
    gwp_ch4 = f.gwp[result["gwp"]]["ch4"]
    profile = landfill.emission_profile(waste_t, mix, f.components, years, **kwargs)
    total = landfill.methane_potential_t(waste_t, landfill.mixture_doc(mix, f.components), **kwargs)
    return LandfillComparison(
        yearly_co2e_t=tuple(value * gwp_ch4 for value in profile),
        total_co2e_t=total * gwp_ch4,
        incinerator_co2e_t=power_figures(result, f).counted_co2e_t,
    )


def chart_rows(comparison: LandfillComparison, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Rows for the line chart: cumulative landfill CO2e and the incinerator's (flat) line, per year.

    ``labels`` = ``{"landfill": …, "incinerator": …}`` in the visitor's language. Values in thousand t."""
    rows: list[dict[str, Any]] = []
    for year, value in enumerate(comparison.cumulative_co2e_t, start=1):
        rows.append({"year": year, "series": labels["landfill"], "kt": value / 1000.0})
        rows.append(
            {"year": year, "series": labels["incinerator"], "kt": comparison.incinerator_co2e_t / 1000.0}
        )
    return rows


SERIES_COLOURS: dict[str, str] = {"landfill": "amber", "incinerator": "teal"}
"""The chart's lines by meaning (:data:`parkloop.ui.charts.COLOURS`): a landfill's cost, the park's plant."""


def series_labels(lang: str) -> dict[str, str]:
    """The chart's two lines in ``lang``: ``{"landfill": …, "incinerator": …}``, landfill first."""
    return {"landfill": t("power.series.landfill", lang), "incinerator": t("power.series.incinerator", lang)}


def series_colours(labels: Mapping[str, str]) -> dict[str, str]:
    """``{line in words: colour name}`` for the chart, landfill first (``labels``: :func:`series_labels`)."""
    return {labels[key]: colour for key, colour in SERIES_COLOURS.items()}


def chart_summary_text(figures: PowerFigures, comparison: LandfillComparison, lang: str) -> str:
    """The sentence under the chart: landfill against burning, and the year the lines cross (if they do)."""
    crossover = comparison.crossover_year
    fields = {
        "waste": format_quantity(figures.waste_t, "t", lang),
        "years": format_number(LANDFILL_YEARS, lang),
        "landfill": format_quantity(sum(comparison.yearly_co2e_t), "t CO2e", lang),
        "first_ten": format_percent(comparison.share_first_ten_years, lang, decimals=0),
        "incinerator": format_quantity(comparison.incinerator_co2e_t, "t CO2e", lang),
        "year": format_number(crossover, lang) if crossover else "",
    }
    after = "power.chart_crossover" if crossover else "power.chart_no_crossover"
    return t("power.chart_summary", lang, **fields) + " " + t(after, lang, **fields)


def landfill_after_text(comparison: LandfillComparison, lang: str) -> str:
    """The text under the chart: all the methane the garbage would ever release, and how much of it
    within the chart's years."""
    return page_section(
        "power",
        "landfill_after",
        lang,
        total=format_quantity(comparison.total_co2e_t, "t CO2e", lang),
        within=format_percent(comparison.share_within_horizon, lang, decimals=0),
        years=format_number(LANDFILL_YEARS, lang),
    )
