"""Exhibit "water": leachate from three sources → reclaimed water, recovered ammonia, concentrate.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the flow links of
the Sankey and the sentence under it, all read from a ``scenario_result`` dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import (
    Figure,
    FigureSpec,
    SankeySpec,
    SliderSpec,
    SliderTable,
    build_figures,
    figure_sources,
    provenance_table,
    qty,
    scenario_provenance,
)
from parkloop.i18n import format_percent, format_quantity

SOURCES = ("incineration", "kitchen_waste", "landfill")

# The four sliders in two columns (percent where the model holds a fraction), in the order of
# :func:`overrides`' arguments.
SLIDERS = SliderTable(
    (
        (
            SliderSpec(
                "m3_per_day", "leachate.m3_per_day", "m3", "m3", "water.m3", (0, 3000, 100), help=False
            ),
            SliderSpec(
                "reuse_percent",
                "leachate.reuse_rate",
                "reuse",
                "reuse",
                "water.reuse",
                (50, 100, 1),
                True,
                "%d%%",
            ),
        ),
        (
            SliderSpec(
                "ammonia_percent",
                "leachate.ammonia_recovery",
                "nh3",
                "ammonia",
                "water.ammonia",
                (80.0, 99.5, 0.5),
                True,
                "%.1f%%",
                integer=False,
            ),
            SliderSpec(
                "cod_percent", "leachate.cod_removal", "cod", "cod", "water.cod", (50, 99, 1), True, "%d%%"
            ),
        ),
    )
)


@dataclass(frozen=True)
class WaterFigures:
    days: float
    leachate_m3_per_year: float
    leachate_m3_per_day: float
    reclaimed_m3_per_year: float
    reclaimed_m3_per_day: float
    concentrate_m3_per_year: float
    concentrate_m3_per_day: float
    ammonia_n_recovered_t_per_year: float
    cod_removed_t_per_year: float
    electricity_kwh_per_year: float
    source_m3_per_day: dict[str, float]


sliders, defaults, overrides = SLIDERS.sliders, SLIDERS.defaults, SLIDERS.overrides


def figures(result: dict[str, Any]) -> WaterFigures:
    """The page's figures from one model result (per year unless the name says per day)."""
    chain = result["chains"]["leachate"]
    products, inputs = chain["products"], chain["inputs"]
    days = float(result["values"]["scenario.days_per_year"])
    per_day = (lambda value: value / days) if days else (lambda value: 0.0)
    leachate = inputs["leachate_m3_per_year"]
    shares = result["values"]["leachate.source_shares"]
    return WaterFigures(
        days=days,
        leachate_m3_per_year=leachate,
        leachate_m3_per_day=per_day(leachate),
        reclaimed_m3_per_year=products["reclaimed_water_m3_per_year"],
        reclaimed_m3_per_day=per_day(products["reclaimed_water_m3_per_year"]),
        concentrate_m3_per_year=products["concentrate_m3_per_year"],
        concentrate_m3_per_day=per_day(products["concentrate_m3_per_year"]),
        ammonia_n_recovered_t_per_year=products["ammonia_n_recovered_t_per_year"],
        cod_removed_t_per_year=products["cod_removed_t_per_year"],
        electricity_kwh_per_year=inputs["electricity_kwh_per_year"],
        source_m3_per_day={s: per_day(leachate) * float(shares.get(s, 0.0)) for s in SOURCES},
    )


def _per_day(name: str) -> FigureSpec:
    """A water out: m³ a day, its note giving m³ a year (``fig-reclaimed`` …)."""
    value, year = qty(f"{name}_m3_per_day", "m3/d"), qty(f"{name}_m3_per_year", "m3")
    return FigureSpec(f"fig-{name}", f"water.{name}", value, {"year": year})


def _taken_out(name: str, source: str) -> FigureSpec:
    """What is taken out of the water (``fig-ammonia`` …): t a year, its note giving the mg/L it comes in."""
    mg = qty(f"leachate.{name}_mg_per_l", "mg/L")
    return FigureSpec(f"fig-{name}", f"water.{name}_out", qty(source, "t/yr"), {"mg": mg})


FIGURES: tuple[tuple[FigureSpec, ...], ...] = (
    (
        _per_day("reclaimed"),
        _per_day("concentrate"),
        FigureSpec(
            "fig-electricity",
            "water.electricity",
            qty("electricity_kwh_per_year", "kWh/yr"),
            {"per_m3": qty("leachate.kwh_per_m3", "kWh/m³")},
        ),
    ),
    (_taken_out("ammonia", "ammonia_n_recovered_t_per_year"), _taken_out("cod", "cod_removed_t_per_year")),
)
"""The page's figures in two rows: the water out (reclaimed, concentrate) and the electricity it takes;
then what is taken out of it (ammonia, COD)."""


def shown_figures(fig: WaterFigures, values: dict[str, Any], lang: str) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``. ``values`` are the scenario's inputs."""
    return build_figures(FIGURES, figure_sources(fig, values), lang)


def plan_text(slider_values: dict[str, float], lang: str) -> str:
    """The plan's targets next to the sliders' rates (``slider_values``: the :func:`sliders`, in percent)."""
    return page_section(
        "water",
        "plan",
        lang,
        reuse=format_percent(slider_values["reuse_percent"] / 100, lang),
        ammonia=format_percent(slider_values["ammonia_percent"] / 100, lang),
        cod=format_percent(slider_values["cod_percent"] / 100, lang),
    )


PROVENANCE_INPUTS = (
    ("m3", "m3_per_day"),
    ("reuse", "reuse_rate"),
    ("ammonia", "ammonia_recovery"),
    ("cod", "cod_removal"),
    ("shares", "source_shares"),
    ("kwh", "kwh_per_m3"),
    ("ammonia_mg", "ammonia_mg_per_l"),
    ("cod_mg", "cod_mg_per_l"),
)
"""``(label, leachate input)`` of :func:`provenance_items`."""


def provenance_items(plan: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs of the leachate plant."""

    def scenario(key: str) -> dict[str, str]:
        return scenario_provenance(plan, f"leachate.{key}")

    return provenance_table([(label, scenario, key) for label, key in PROVENANCE_INPUTS], "water.in", lang)


def flow_links(fig: WaterFigures) -> list[tuple[str, str, float]]:
    """``(source, target, m³/d)`` for the Sankey: three sources → the plant → reclaimed water and
    concentrate (which goes back to the incinerator). Three columns only, so it stays readable on a
    phone. Links of zero are left out."""
    links = [(f"src_{s}", "plant", fig.source_m3_per_day[s]) for s in SOURCES]
    links += [
        ("plant", "reclaimed", fig.reclaimed_m3_per_day),
        ("plant", "concentrate", fig.concentrate_m3_per_day),
    ]
    return [link for link in links if link[2] > 1e-9]


SANKEY = SankeySpec(
    {
        "src_incineration": "amber",
        "src_kitchen_waste": "green",
        "src_landfill": "stone",
        "plant": "teal",
        "reclaimed": "blue",
        "concentrate": "grey",
    },
    prefix="water.node",
    target="reclaimed",
    highlight=("blue", 0.3),
    other=("grey", 0.35),
)
"""The Sankey's nodes with their colours by meaning (:data:`parkloop.ui.charts.COLOURS`); links of
reclaimed water blue, everything else grey."""
NODES = SANKEY.nodes
NODE_COLOURS = SANKEY.colours
link_colour = SANKEY.link_colour
node_labels = SANKEY.node_labels


def chart_summary_text(fig: WaterFigures, lang: str) -> str:
    """One sentence under the Sankey, from its numbers."""
    if fig.leachate_m3_per_day <= 0:
        return t("water.summary_none", lang)
    return t(
        "water.summary",
        lang,
        leachate=format_quantity(fig.leachate_m3_per_day, "m3/d", lang),
        reclaimed=format_quantity(fig.reclaimed_m3_per_day, "m3/d", lang),
        share=format_percent(fig.reclaimed_m3_per_day / fig.leachate_m3_per_day, lang),
        concentrate=format_quantity(fig.concentrate_m3_per_day, "m3/d", lang),
    )


def source_text(fig: WaterFigures, shares: dict[str, float], lang: str) -> str:
    """How much comes from each source, as a short list line per source."""
    return "\n".join(
        t(
            "water.source_line",
            lang,
            source=t(f"water.node.src_{s}", lang),
            share=format_percent(float(shares.get(s, 0.0)), lang, decimals=0),
            m3=format_quantity(fig.source_m3_per_day[s], "m3/d", lang),
        )
        for s in SOURCES
    )
