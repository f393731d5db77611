"""Pure logic of the "waste heat → steam" exhibit: what the steam sent to the food-waste plant carries,
the gas boiler it replaces, and the electricity the turbine gives up for it (no Streamlit here).

Two model results go in: the scenario with the visitor's steam, and the same scenario with no steam.
Everything the page shows is read from them or is one division by a factor of ``data/factors.toml``:

* heat in the steam = the model's ``quantities.steam_useful_gj`` (tonnes × steam_enthalpy_gj_per_t);
* natural gas a boiler would burn for that heat, **at least**: heat ÷ natural_gas_ncv_mj_per_nm3 (a
  perfect boiler; real boilers lose some heat, so they burn somewhat more — no efficiency factor is
  curated, so none is invented here);
* CO₂ avoided as the model counts it: the ledger's ``avoided.steam_heat`` (heat × the scenario's factor
  for purchased heat, GB/T 32150);
* electricity given up: the incinerator's electricity without steam minus with it (model), and its CO₂:
  the drop in the ledger's ``avoided.grid_electricity``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import (
    Figure,
    Phrase,
    Slider,
    SliderSpec,
    figure_sources,
    qtys,
    scenario_provenance,
)
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.model.factors import Factors, load_factors

STEAM_KEY = "incineration.export_steam_t_per_year"
"""The one input the visitor moves (the slider ``?st=``, tonnes of steam a year)."""


def overrides(steam_t_per_year: float) -> dict[str, float]:
    """The scenario overrides of a slider position."""
    return {STEAM_KEY: steam_t_per_year}


def default_steam(plan_values: Mapping[str, Any]) -> int:
    """The slider opens on the plan's steam [t/yr]."""
    return int(plan_values[STEAM_KEY])


STEAM = SliderSpec("steam_t_per_year", STEAM_KEY, "st", "steam", "steam.slider", (0, 200_000, 2_000))


def steam_slider(plan_values: Mapping[str, Any], lang: str) -> Slider:
    """Tonnes of steam sent out a year (``?st=``), opening on the plan's figure."""
    return STEAM.slider(default_steam(plan_values), lang)


@dataclass(frozen=True)
class SteamFigures:
    steam_t: float  # steam sent out [t/yr]
    heat_gj: float  # heat it carries [GJ/yr]
    heat_share: float  # of the heat in the garbage burned [-]
    gas_nm3: float  # natural gas a perfect boiler would burn for the same heat [Nm³/yr]
    gas_co2_t: float  # CO2 from burning that gas [t/yr]
    avoided_co2_t: float  # the model's avoided steam_heat (purchased-heat factor) [t/yr]
    heat_factor_t_per_gj: float  # the factor the model used [t CO2/GJ]
    gas_factor_t_per_gj: float  # CO2 of natural gas per GJ of heat, perfect boiler [t CO2/GJ]
    kwh_given_up: float  # electricity the turbine no longer makes [kWh/yr]
    kwh_given_up_co2_t: float  # grid CO2 no longer avoided because of it [t/yr]

    @property
    def net_co2_t(self) -> float:
        """The model's net gain from sending steam: heat avoided minus the electricity given up."""
        return self.avoided_co2_t - self.kwh_given_up_co2_t

    @property
    def steam_t_per_hour(self) -> float:
        return self.steam_t / 8760.0


def steam_figures(
    result: Mapping[str, Any], no_steam: Mapping[str, Any], factors: Factors | None = None
) -> SteamFigures:
    """The exhibit's figures from the scenario with steam (``result``) and the same one without it."""
    f = factors or load_factors()
    chain = result["chains"]["incineration"]
    heat_gj = result["quantities"]["steam_useful_gj"]
    ncv_mj = f.c("natural_gas_ncv_mj_per_nm3")
    gas_nm3 = heat_gj * 1000.0 / ncv_mj
    gas_co2_t = gas_nm3 * f.c("natural_gas_kg_co2_per_nm3") / 1000.0
    heating_gj = chain["inputs"]["heating_value_gj_per_year"]
    kwh_with = chain["products"]["net_electricity_kwh_per_year"]
    kwh_without = no_steam["chains"]["incineration"]["products"]["net_electricity_kwh_per_year"]
    grid_with = result["ledger"]["avoided"]["grid_electricity"]
    grid_without = no_steam["ledger"]["avoided"]["grid_electricity"]
    return SteamFigures(
        steam_t=chain["products"]["export_steam_t_per_year"],
        heat_gj=heat_gj,
        heat_share=heat_gj / heating_gj if heating_gj > 0 else 0.0,
        gas_nm3=gas_nm3,
        gas_co2_t=gas_co2_t,
        avoided_co2_t=result["ledger"]["avoided"]["steam_heat"],
        heat_factor_t_per_gj=result["values"]["scenario.heat_t_co2_per_gj"],
        gas_factor_t_per_gj=f.c("natural_gas_kg_co2_per_nm3") / ncv_mj,
        kwh_given_up=kwh_without - kwh_with,
        kwh_given_up_co2_t=grid_without - grid_with,
    )


def steam_figure(figures: SteamFigures, steam_t: float, plan: Mapping[str, Any], lang: str) -> Figure:
    """The steam sent out. ``steam_t`` is the slider's value: away from the plan's own figure the steam
    is the visitor's (provenance ``override``); ``plan`` is the plan's ``scenario_result``."""
    is_plan = steam_t == default_steam(plan["values"])
    return Figure(
        "fig-steam",
        t("steam.steam", lang),
        format_quantity(figures.steam_t, "t/yr", lang),
        scenario_provenance(plan, STEAM_KEY) if is_plan else {"kind": "override"},
        t(
            "steam.steam_note",
            lang,
            per_hour=format_quantity(figures.steam_t_per_hour, "t/h", lang, sig=2),
            plan=format_quantity(plan["values"][STEAM_KEY], "t/yr", lang),
        ),
    )


def shown_figures(
    figures: SteamFigures, steam_t: float, plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str
) -> list[list[Figure]]:
    """The page's six figures in two columns, in ``lang``: the steam (:func:`steam_figure`), the gas it
    replaces and the electricity it costs; then the heat, the CO₂ the model counts as avoided and the
    net gain. ``factors`` are the factors as plain data (``parkloop.ui.model_data.factors_data``)."""
    factor = factors["provenance"]
    first = [
        steam_figure(figures, steam_t, plan, lang),
        Figure(
            "fig-gas",
            t("steam.gas", lang),
            format_quantity(figures.gas_nm3, "Nm3/yr", lang),
            factor["constants.natural_gas_ncv_mj_per_nm3"],
            t("steam.gas_note", lang),
        ),
        Figure(
            "fig-kwh",
            t("steam.kwh_given_up", lang),
            format_quantity(figures.kwh_given_up, "kWh/yr", lang),
            scenario_provenance(plan, "incineration.steam_power_penalty_kwh_per_tonne"),
            t(
                "steam.kwh_given_up_note",
                lang,
                co2=format_quantity(figures.kwh_given_up_co2_t, "t CO2/yr", lang),
            ),
        ),
    ]
    second = [
        Figure(
            "fig-heat",
            t("steam.heat", lang),
            t("steam.heat_value", lang, value=format_number(figures.heat_gj, lang)),
            factor["constants.steam_enthalpy_gj_per_t"],
            t("steam.heat_note", lang, share=format_percent(figures.heat_share, lang, decimals=1)),
        ),
        Figure(
            "fig-avoided",
            t("steam.avoided", lang),
            format_quantity(figures.avoided_co2_t, "t CO2/yr", lang),
            scenario_provenance(plan, "scenario.heat_t_co2_per_gj"),
            t("steam.avoided_note", lang, factor=format_number(figures.heat_factor_t_per_gj, lang)),
        ),
        Figure(
            "fig-net",
            t("steam.net", lang),
            format_quantity(figures.net_co2_t, "t CO2/yr", lang),
            assumption=t("steam.net_note", lang),
        ),
    ]
    return [first, second]


def provenance_items(plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list."""
    factor = factors["provenance"]
    return [
        (t("steam.prov.steam", lang), scenario_provenance(plan, STEAM_KEY)),
        (t("steam.prov.enthalpy", lang), factor["constants.steam_enthalpy_gj_per_t"]),
        (t("steam.prov.ncv", lang), factor["constants.natural_gas_ncv_mj_per_nm3"]),
        (t("steam.prov.gas_co2", lang), factor["constants.natural_gas_kg_co2_per_nm3"]),
        (t("steam.prov.heat_factor", lang), scenario_provenance(plan, "scenario.heat_t_co2_per_gj")),
        (
            t("steam.prov.penalty", lang),
            scenario_provenance(plan, "incineration.steam_power_penalty_kwh_per_tonne"),
        ),
        (t("steam.prov.grid", lang), scenario_provenance(plan, "scenario.grid_kg_co2_per_kwh")),
    ]


CHART_ITEMS: tuple[str, ...] = ("avoided", "gas", "given_up", "net")
BAR_COLOURS: dict[str, str] = {"avoided": "teal", "gas": "slate", "given_up": "amber", "net": "blue"}
"""Each bar's colour by meaning (:data:`parkloop.ui.charts.COLOURS`): what the park saves, the
conventional alternative, what is given up, the net result."""


def bar_labels(lang: str) -> dict[str, str]:
    """Each of :data:`CHART_ITEMS` in words, in ``lang``."""
    return {key: t(f"steam.bar.{key}", lang) for key in CHART_ITEMS}


def chart_rows(figures: SteamFigures, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Bars in thousand t CO2 a year: avoided (model), a gas boiler's CO2, electricity given up (negative),
    and the net gain. ``labels`` maps each of :data:`CHART_ITEMS` to words in the visitor's language."""
    values = {
        "avoided": figures.avoided_co2_t,
        "gas": figures.gas_co2_t,
        "given_up": -figures.kwh_given_up_co2_t,
        "net": figures.net_co2_t,
    }
    return [{"item": labels[key], "key": key, "kt": values[key] / 1000.0} for key in CHART_ITEMS]


SUMMARY = Phrase(
    "steam.chart_summary",
    qtys("t", steam="steam_t")
    | qtys("t CO2", avoided="avoided_co2_t", gas="gas_co2_t", given_up="kwh_given_up_co2_t", net="net_co2_t"),
)
"""The sentence under the chart."""


def chart_summary_text(figures: SteamFigures, lang: str) -> str:
    """The sentence under the chart, from its numbers."""
    return SUMMARY.text(figure_sources(figures), lang)


def two_factors_text(figures: SteamFigures, lang: str) -> str:
    """Why the model's avoided CO₂ is more than a gas boiler's: the two factors side by side."""
    return page_section(
        "steam",
        "two_factors",
        lang,
        heat_factor=format_number(figures.heat_factor_t_per_gj, lang),
        gas_factor=format_number(figures.gas_factor_t_per_gj, lang, sig=2),
    )
