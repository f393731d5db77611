"""Pure logic of the "waste heat → steam" exhibit: the food-waste plants' heat, how much of it the
incinerator's waste-heat steam covers, what their gas boiler still burns, and what the steam costs the
turbine (no Streamlit here).

Accounting version 2 (``docs/model.md``): the steam stays inside the park's fence. It is not an "avoided"
credit; it lowers the park's own emissions (the inventory's ``gas_boiler``) because the plants' gas boiler
burns less. Every tonne of it costs the turbine electricity, so the park exports less and avoids less
outside (at the exported-electricity factor ``avoided_grid_kg_co2_per_kwh``).

Two model results go in: the scenario with the visitor's steam, and the same scenario with no steam.
Everything the page shows is read from them (the model's ``chains.heat``, as ``scenario_result`` data):

* heat demand = ``quantities.steam_useful_gj`` + ``quantities.boiler_heat_gj`` (the steam covers what it can,
  the gas boiler the rest);
* steam sent = ``chains.incineration.products.export_steam_t_per_year`` × ``steam_enthalpy_gj_per_t``;
  what the plants cannot use is lost;
* the gas boiler: its heat ÷ ``kitchen_waste.boiler_efficiency`` ÷ ``natural_gas_ncv_mj_per_nm3``, its CO₂
  the ledger's ``emissions.gas_boiler``;
* CO₂ saved inside the fence = ``gas_boiler`` without steam − with it;
* electricity given up = the incinerator's electricity without steam − with it, and its avoided-emissions
  cost = the drop in the ledger's ``avoided.grid_electricity``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
from parkloop.i18n import format_number, format_quantity
from parkloop.model.factors import Factors, load_factors

STEAM_KEY = "incineration.export_steam_t_per_year"
"""The one input the visitor moves (the slider ``?st=``, tonnes of steam a year)."""

UNUSED_STEAM_WARNING = "kitchen_waste: more steam is sent than the food-waste plants need"
"""The start of the model's warning the page says in its own words (:func:`other_warnings`)."""


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
    """What the exhibit shows for one slider position [per year]."""

    steam_t: float  # steam sent out [t/yr]
    steam_gj: float  # heat it carries [GJ/yr]
    demand_gj: float  # the food-waste plants' process heat [GJ/yr]
    steam_used_gj: float  # of the steam, what the plants use [GJ/yr]
    boiler_heat_gj: float  # what their gas boiler still makes [GJ/yr]
    boiler_gas_nm3: float  # natural gas it burns [Nm³/yr]
    boiler_co2_t: float  # its CO2, in the inventory [t/yr]
    boiler_co2_without_t: float  # the same with no steam at all [t/yr]
    kwh_given_up: float  # electricity the turbine no longer makes [kWh/yr]
    kwh_given_up_co2_t: float  # avoided emissions lost with it [t CO2/yr]
    avoided_factor: float  # exported electricity [kg CO2/kWh]
    grid_factor: float  # electricity bought [kg CO2/kWh]
    enthalpy_gj_per_t: float  # heat in a tonne of steam [GJ/t]

    @property
    def steam_unused_gj(self) -> float:
        """Steam beyond what the plants need: lost [GJ/yr]."""
        return max(self.steam_gj - self.steam_used_gj, 0.0)

    @property
    def steam_unused_t(self) -> float:
        return self.steam_unused_gj / self.enthalpy_gj_per_t if self.enthalpy_gj_per_t > 0 else 0.0

    @property
    def demand_steam_t(self) -> float:
        """The plants' heat demand as tonnes of steam [t/yr]: more steam than this is lost."""
        return self.demand_gj / self.enthalpy_gj_per_t if self.enthalpy_gj_per_t > 0 else 0.0

    @property
    def covered_share(self) -> float:
        """Share of the plants' heat the steam covers [-]."""
        return self.steam_used_gj / self.demand_gj if self.demand_gj > 0 else 0.0

    @property
    def saved_co2_t(self) -> float:
        """CO2 saved inside the fence: the gas boiler without steam minus with it [t/yr]."""
        return self.boiler_co2_without_t - self.boiler_co2_t

    @property
    def net_co2_t(self) -> float:
        """The change in (inventory − avoided) the steam makes, as a saving: CO2 saved inside the fence
        minus the avoided emissions lost with the electricity [t/yr]."""
        return self.saved_co2_t - self.kwh_given_up_co2_t

    @property
    def steam_t_per_hour(self) -> float:
        return self.steam_t / 8760.0

    @property
    def wasted(self) -> bool:
        return self.steam_unused_gj > 1e-9


def steam_figures(
    result: Mapping[str, Any], no_steam: Mapping[str, Any], factors: Factors | None = None
) -> SteamFigures:
    """The exhibit's figures from the scenario with steam (``result``) and the same one without it."""
    f = factors or load_factors()
    chain = result["chains"]["incineration"]
    quantities, values = result["quantities"], result["values"]
    enthalpy = f.c("steam_enthalpy_gj_per_t")
    steam_t = chain["products"]["export_steam_t_per_year"]
    boiler_heat = quantities["boiler_heat_gj"]
    fuel_gj = boiler_heat / values["kitchen_waste.boiler_efficiency"]
    kwh_with = chain["products"]["net_electricity_kwh_per_year"]
    kwh_without = no_steam["chains"]["incineration"]["products"]["net_electricity_kwh_per_year"]
    grid_with = result["ledger"]["avoided"]["grid_electricity"]
    grid_without = no_steam["ledger"]["avoided"]["grid_electricity"]
    return SteamFigures(
        steam_t=steam_t,
        steam_gj=steam_t * enthalpy,
        demand_gj=quantities["steam_useful_gj"] + boiler_heat,
        steam_used_gj=quantities["steam_useful_gj"],
        boiler_heat_gj=boiler_heat,
        boiler_gas_nm3=fuel_gj * 1000.0 / f.c("natural_gas_ncv_mj_per_nm3"),
        boiler_co2_t=result["ledger"]["emissions"]["gas_boiler"],
        boiler_co2_without_t=no_steam["ledger"]["emissions"]["gas_boiler"],
        kwh_given_up=kwh_without - kwh_with,
        kwh_given_up_co2_t=grid_without - grid_with,
        avoided_factor=result["avoided_grid_kg_co2_per_kwh"],
        grid_factor=result["grid_kg_co2_per_kwh"],
        enthalpy_gj_per_t=enthalpy,
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


FIGURES: tuple[tuple[FigureSpec, ...], ...] = (
    (
        FigureSpec(
            "fig-demand",
            "steam.demand",
            Phrase("steam.gj_value", {"value": num("demand_gj")}),
            {
                "kitchen": qty("kitchen_t", "t/d"),
                "restaurant": qty("restaurant_t", "t/d"),
                "per_t": num("per_t"),
                "steam_t": qty("demand_steam_t", "t/yr"),
            },
            Ref("demand_prov"),
        ),
        FigureSpec(
            "fig-heat",
            "steam.heat",
            Phrase("steam.gj_value", {"value": num("steam_used_gj")}),
            {"share": pct("covered_share", decimals=0), "sent": num("steam_gj")},
            Ref("enthalpy_prov"),
        ),
        FigureSpec(
            "fig-boiler",
            "steam.boiler",
            qty("boiler_gas_nm3", "Nm3/yr"),
            {"heat": num("boiler_heat_gj"), "efficiency": pct("efficiency", decimals=0)},
            Ref("efficiency_prov"),
        ),
    ),
    (
        FigureSpec(
            "fig-saved",
            "steam.saved",
            qty("saved_co2_t", "t CO2/yr"),
            qtys("t CO2/yr", without="boiler_co2_without_t", still="boiler_co2_t"),
            Ref("gas_co2_prov"),
        ),
        FigureSpec(
            "fig-kwh",
            "steam.kwh_given_up",
            qty("kwh_given_up", "kWh/yr"),
            {
                "co2": qty("kwh_given_up_co2_t", "t CO2/yr"),
                "factor": num("avoided_factor", sig=4),
                "bought": num("grid_factor", sig=4),
            },
            Ref("penalty_prov"),
        ),
        FigureSpec("fig-net", "steam.net", qty("net_co2_t", "t CO2/yr")),
    ),
)
"""The figures after the steam: the plants' heat, what the steam covers, what the gas boiler still
burns; then the two ledgers (CO₂ saved inside the fence, avoided emissions given up) and the net."""


def shown_figures(
    figures: SteamFigures, steam_t: float, plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str
) -> list[list[Figure]]:
    """The page's seven figures in two columns, in ``lang``: the steam (:func:`steam_figure`) and
    :data:`FIGURES`. ``factors`` are the factors as plain data (``parkloop.ui.model_data.factors_data``)."""
    values, factor = plan["values"], factors["provenance"]
    inputs = {
        "kitchen_t": values["kitchen_waste.tonnes_per_day"],
        "restaurant_t": values["restaurant_waste.tonnes_per_day"],
        "per_t": values["kitchen_waste.heat_demand_gj_per_tonne"],
        "efficiency": values["kitchen_waste.boiler_efficiency"],
        "demand_prov": scenario_provenance(plan, "kitchen_waste.heat_demand_gj_per_tonne"),
        "enthalpy_prov": factor["constants.steam_enthalpy_gj_per_t"],
        "efficiency_prov": scenario_provenance(plan, "kitchen_waste.boiler_efficiency"),
        "gas_co2_prov": factor["constants.natural_gas_kg_co2_per_nm3"],
        "penalty_prov": scenario_provenance(plan, "incineration.steam_power_penalty_kwh_per_tonne"),
    }
    first, second = build_figures(FIGURES, figure_sources(figures, inputs), lang)
    return [[steam_figure(figures, steam_t, plan, lang), *first], second]


def wasted_text(figures: SteamFigures, lang: str) -> str | None:
    """The words when more steam is sent than the plants need (the rest is lost), else ``None``."""
    if not figures.wasted:
        return None
    return t(
        "steam.wasted",
        lang,
        unused=format_quantity(figures.steam_unused_t, "t/yr", lang),
        need=format_quantity(figures.demand_steam_t, "t/yr", lang),
    )


def other_warnings(warnings: Iterable[str]) -> list[str]:
    """The model's warnings but the one :func:`wasted_text` already says in the visitor's language."""
    return [warning for warning in warnings if not warning.startswith(UNUSED_STEAM_WARNING)]


PROVENANCE: tuple[tuple[str, str, str], ...] = (
    ("steam", "scenario", STEAM_KEY),
    ("enthalpy", "factor", "constants.steam_enthalpy_gj_per_t"),
    ("demand", "scenario", "kitchen_waste.heat_demand_gj_per_tonne"),
    ("boiler", "scenario", "kitchen_waste.boiler_efficiency"),
    ("ncv", "factor", "constants.natural_gas_ncv_mj_per_nm3"),
    ("gas_co2", "factor", "constants.natural_gas_kg_co2_per_nm3"),
    ("penalty", "scenario", "incineration.steam_power_penalty_kwh_per_tonne"),
    ("avoided_grid", "scenario", "scenario.avoided_grid_kg_co2_per_kwh"),
)
"""The "where the numbers come from" list: (label, where, key) — a scenario input of the plan or a factor."""


def provenance_items(plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list."""
    lookups = {
        "scenario": lambda key: scenario_provenance(plan, key),
        "factor": lambda key: factors["provenance"][key],
    }
    return provenance_table(
        [(label, lookups[where], key) for label, where, key in PROVENANCE], "steam.prov", lang
    )


# --------------------------------------------------------------------------------------------
# the charts: the plants' heat, and the two ledgers
# --------------------------------------------------------------------------------------------
HEAT_ITEMS: tuple[str, ...] = ("steam_used", "boiler", "steam_unused")
HEAT_COLOURS: dict[str, str] = {"steam_used": "teal", "boiler": "slate", "steam_unused": "amber"}
"""The heat bar's parts by meaning (:data:`parkloop.ui.charts.COLOURS`): what the park's steam covers, the
gas boiler (the conventional alternative), steam that is lost."""


def heat_labels(lang: str) -> dict[str, str]:
    """Each of :data:`HEAT_ITEMS` in words, in ``lang``."""
    return {key: t(f"steam.part.{key}", lang) for key in HEAT_ITEMS}


HEAT_BARS: tuple[str, ...] = ("need", "sent")
"""The heat chart's two bars: what the plants need, what the incinerator sends."""


def heat_bar_labels(lang: str) -> dict[str, str]:
    """Each of :data:`HEAT_BARS` in words, in ``lang``."""
    return {key: t(f"steam.heat_bar.{key}", lang) for key in HEAT_BARS}


def heat_rows(
    figures: SteamFigures, labels: Mapping[str, str], bars: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The parts of the heat bars in thousand GJ a year: the plants' heat (steam used + gas boiler) and
    the steam sent (used + lost). ``labels`` name the parts (:func:`heat_labels`), ``bars`` the two bars
    (:func:`heat_bar_labels`, the rows' ``row``)."""
    parts = (
        ("need", "steam_used", figures.steam_used_gj),
        ("need", "boiler", figures.boiler_heat_gj),
        ("sent", "steam_used", figures.steam_used_gj),
        ("sent", "steam_unused", figures.steam_unused_gj),
    )
    return [
        {
            "row": bars[bar],
            "key": key,
            "part": labels[key],
            "tgj": gj / 1000.0,
        }
        for bar, key, gj in parts
    ]


CHART_ITEMS: tuple[str, ...] = ("saved", "given_up", "net")
BAR_COLOURS: dict[str, str] = {"saved": "teal", "given_up": "amber", "net": "blue"}
"""Each bar's colour by meaning (:data:`parkloop.ui.charts.COLOURS`): what the park saves inside its fence,
what is given up, the net result."""


def bar_labels(lang: str) -> dict[str, str]:
    """Each of :data:`CHART_ITEMS` in words, in ``lang``."""
    return {key: t(f"steam.bar.{key}", lang) for key in CHART_ITEMS}


def chart_rows(figures: SteamFigures, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Bars in thousand t CO2 a year: saved inside the fence, the avoided emissions given up (negative),
    and the net. ``labels`` maps each of :data:`CHART_ITEMS` to words in the visitor's language."""
    values = {
        "saved": figures.saved_co2_t,
        "given_up": -figures.kwh_given_up_co2_t,
        "net": figures.net_co2_t,
    }
    return [{"item": labels[key], "key": key, "kt": values[key] / 1000.0} for key in CHART_ITEMS]


HEAT_SUMMARY = Phrase(
    "steam.heat_summary",
    {
        "need": num("demand_gj"),
        "used": num("steam_used_gj"),
        "boiler": num("boiler_heat_gj"),
        "unused": num("steam_unused_gj"),
        "share": pct("covered_share", decimals=0),
    },
)
"""The sentence under the heat chart."""

SUMMARY = Phrase(
    "steam.chart_summary",
    qtys("t", steam="steam_t")
    | qtys("t CO2", saved="saved_co2_t", given_up="kwh_given_up_co2_t", net="net_co2_t"),
)
"""The sentence under the ledger chart."""


def heat_summary_text(figures: SteamFigures, lang: str) -> str:
    """The sentence under the heat chart, from its numbers."""
    return HEAT_SUMMARY.text(figure_sources(figures), lang)


def chart_summary_text(figures: SteamFigures, lang: str) -> str:
    """The sentence under the ledger chart, from its numbers."""
    return SUMMARY.text(figure_sources(figures), lang)


def two_ledgers_text(figures: SteamFigures, lang: str) -> str:
    """Why the steam is no longer an "avoided" credit, and which factor prices the electricity given up."""
    return page_section(
        "steam",
        "two_ledgers",
        lang,
        factor=format_number(figures.avoided_factor, lang, sig=4),
        bought=format_number(figures.grid_factor, lang, sig=4),
    )
