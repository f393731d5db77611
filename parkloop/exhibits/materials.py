"""Exhibit "materials": construction waste (and the incinerator's bottom ash) → recycled aggregate and bricks.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the rows of the
bar chart, the avoided CO₂ split by product and the sentence under the chart.

Carbon accounting (model.md, version 2): recycled materials are in the **avoided** ledger — sand, gravel
and fired bricks not made outside the park — and the page says so in the figure's label; nothing here is
in the park's inventory. What goes to the landfill (rejects, unused bottom ash) is inert: the park's
landfill methane comes from household waste buried before 2020, not from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import (
    Figure,
    FigureSpec,
    Phrase,
    SliderSpec,
    SliderTable,
    build_figures,
    figure_sources,
    filled,
    num,
    provenance_table,
    qty,
    qtys,
    scenario_provenance,
)
from parkloop.i18n import format_quantity

CW = "construction_waste."
# The four sliders in two columns (percent where the model holds a fraction), in the order of
# :func:`overrides`' arguments.
SLIDERS = SliderTable(
    (
        (
            SliderSpec(
                "tonnes_per_day",
                CW + "tonnes_per_day",
                "t",
                "tonnes",
                "materials.tonnes",
                (0, 3000, 100),
                help=False,
            ),
            SliderSpec(
                "recycled_percent",
                CW + "recycled_fraction",
                "rec",
                "recycled",
                "materials.recycled",
                (50, 100, 1),
                True,
                "%d%%",
            ),
        ),
        (
            SliderSpec(
                "aggregate_percent",
                CW + "aggregate_share",
                "agg",
                "aggregate",
                "materials.aggregate",
                (0, 100, 5),
                True,
                "%d%%",
            ),
            SliderSpec(
                "ash_percent",
                "incineration.bottom_ash_recycled_fraction",
                "ash",
                "ash",
                "materials.ash",
                (0, 100, 5),
                True,
                "%d%%",
            ),
        ),
    )
)


sliders, defaults, overrides = SLIDERS.sliders, SLIDERS.defaults, SLIDERS.overrides


@dataclass(frozen=True)
class MaterialsFigures:
    """Per year."""

    construction_waste_t: float
    aggregate_t: float
    bricks_t: float
    bricks_from_ash_t: float
    bricks_from_rubble_t: float
    rejects_t: float
    bottom_ash_t: float  # all bottom ash the incinerator makes (the rest of it is landfilled)
    electricity_kwh: float
    avoided_aggregate_t_co2: float
    avoided_bricks_t_co2: float
    avoided_t_co2: float  # the model's own total for the chain (avoided ledger)

    @property
    def ash_landfilled_t(self) -> float:
        """Bottom ash not made into bricks, landfilled."""
        return max(self.bottom_ash_t - self.bricks_from_ash_t, 0.0)


def figures(
    result: dict[str, Any], aggregate_kg_co2_per_t: float, brick_kg_co2_per_t: float
) -> MaterialsFigures:
    """The page's figures from one model result and the two replacement factors (kg CO₂ per tonne)."""
    chain = result["chains"]["construction_waste"]
    products, inputs = chain["products"], chain["inputs"]
    ash = inputs["bottom_ash_t_per_year"]
    return MaterialsFigures(
        construction_waste_t=inputs["waste_t_per_year"],
        aggregate_t=products["aggregate_t_per_year"],
        bricks_t=products["bricks_t_per_year"],
        bricks_from_ash_t=ash,
        bricks_from_rubble_t=products["bricks_t_per_year"] - ash,
        rejects_t=products["rejects_t_per_year"],
        bottom_ash_t=result["chains"]["incineration"]["bottom_ash_t_per_year"],
        electricity_kwh=inputs["electricity_kwh_per_year"],
        avoided_aggregate_t_co2=products["aggregate_t_per_year"] * aggregate_kg_co2_per_t / 1000.0,
        avoided_bricks_t_co2=products["bricks_t_per_year"] * brick_kg_co2_per_t / 1000.0,
        avoided_t_co2=chain["avoided_t_co2e_per_year"],
    )


FIGURES: tuple[tuple[FigureSpec, ...], ...] = (
    (
        FigureSpec("fig-aggregate", "materials.aggregate_out", qty("aggregate_t", "t/yr")),
        FigureSpec(
            "fig-bricks",
            "materials.bricks_out",
            qty("bricks_t", "t/yr"),
            {"ash": qty("bricks_from_ash_t", "t"), "all_ash": qty("bottom_ash_t", "t")},
        ),
        FigureSpec(
            "fig-avoided",
            "materials.avoided",
            qty("avoided_t_co2", "t CO2/yr"),
            {
                "aggregate": qty("avoided_aggregate_t_co2", "t CO2"),
                "bricks": qty("avoided_bricks_t_co2", "t CO2"),
            },
        ),
    ),
)
"""The page's three figures in one row: aggregate, bricks, and the CO₂ they avoid elsewhere (the avoided
ledger, named in the label)."""


def shown_figures(fig: MaterialsFigures, lang: str) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``."""
    return build_figures(FIGURES, figure_sources(fig), lang)


def brick_to_aggregate_ratio(constants: dict[str, float]) -> float:
    """How many times the CO₂ of a tonne of aggregate a tonne of brick avoids (0 without a factor)."""
    aggregate = constants["natural_aggregate_kg_co2_per_t"]
    return constants["fired_brick_kg_co2_per_t"] / aggregate if aggregate else 0


FACTORS = {"aggregate": num("natural_aggregate_kg_co2_per_t"), "brick": num("fired_brick_kg_co2_per_t")}
"""The two replacement factors [kg CO₂/t] as the page texts name them."""


def factors_text(fig: MaterialsFigures, constants: dict[str, float], lang: str) -> str:
    """How the avoided CO₂ is counted: the two replacement factors, and what goes to landfill."""
    fields = FACTORS | {"ratio": num("ratio"), "rejects": qty("rejects_t", "t/yr")}
    fields |= {
        "electricity": qty("electricity_kwh", "kWh/yr"),
        "ash_landfilled": qty("ash_landfilled_t", "t/yr"),
    }
    sources = figure_sources(fig, constants, {"ratio": brick_to_aggregate_ratio(constants)})
    return page_section("materials", "factors", lang, **filled(fields, sources, lang))


def simplified_text(constants: dict[str, float], lang: str) -> str:
    """What the exhibit simplifies, with the two replacement factors filled in."""
    return page_section("materials", "simplified", lang, **filled(FACTORS, constants, lang))


PROVENANCE_INPUTS = (
    ("tonnes", CW + "tonnes_per_day"),
    ("recycled", CW + "recycled_fraction"),
    ("aggregate", CW + "aggregate_share"),
    ("ash", "incineration.bottom_ash_recycled_fraction"),
    ("ash_fraction", "incineration.bottom_ash_fraction"),
    ("incineration", "incineration.tonnes_per_day"),
    ("kwh", CW + "kwh_per_tonne"),
)
"""``(label, scenario input)`` of :func:`provenance_items`, after the two factors."""


def provenance_items(plan: dict[str, Any], factors: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the two factors, then the plan's inputs."""
    factor = factors["provenance"].__getitem__

    def scenario(key: str) -> dict[str, str]:
        return scenario_provenance(plan, key)

    rows = [
        ("aggregate_factor", factor, "constants.natural_aggregate_kg_co2_per_t"),
        ("brick_factor", factor, "constants.fired_brick_kg_co2_per_t"),
    ]
    rows += [(label, scenario, key) for label, key in PROVENANCE_INPUTS]
    return provenance_table(rows, "materials.in", lang)


PRODUCTS = ("aggregate", "bricks", "rejects")
ORIGINS = ("rubble", "ash")
ORIGIN_COLOURS: dict[str, str] = {"rubble": "stone", "ash": "amber"}
"""Where a product came from, by colour (:data:`parkloop.ui.charts.COLOURS`): rubble stone grey, ash brown."""


def origin_colours(lang: str) -> dict[str, str]:
    """``{origin in words: colour name}`` for the chart's legend, in the order of :data:`ORIGINS`."""
    return {t(f"materials.origin.{origin}", lang): ORIGIN_COLOURS[origin] for origin in ORIGINS}


def chart_rows(fig: MaterialsFigures, lang: str) -> list[dict[str, Any]]:
    """Rows of the stacked bar chart: each product's tonnes a year, split by where it came from."""
    rows = [
        ("aggregate", "rubble", fig.aggregate_t),
        ("bricks", "rubble", fig.bricks_from_rubble_t),
        ("bricks", "ash", fig.bricks_from_ash_t),
        ("rejects", "rubble", fig.rejects_t),
    ]
    return [
        {
            "product": t(f"materials.product.{product}", lang),
            "origin": t(f"materials.origin.{origin}", lang),
            "tonnes": value,
            "label": format_quantity(value, "t/yr", lang),
        }
        for product, origin, value in rows
    ]


SUMMARY = Phrase(
    "materials.summary",
    qtys("t", aggregate="aggregate_t", bricks="bricks_t", ash="bricks_from_ash_t", rejects="rejects_t"),
)
"""The sentence under the chart."""


def chart_summary_text(fig: MaterialsFigures, lang: str) -> str:
    """One sentence under the chart, from its numbers."""
    if fig.aggregate_t + fig.bricks_t + fig.rejects_t <= 0:
        return t("materials.summary_none", lang)
    return SUMMARY.text(figure_sources(fig), lang)
