"""Exhibit "materials": construction waste (and the incinerator's bottom ash) → recycled aggregate and bricks.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the rows of the
bar chart, the avoided CO₂ split by product and the sentence under the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import t
from parkloop.i18n import format_quantity

TONNES = {"min_value": 0, "max_value": 3000, "step": 100}
RECYCLED_PERCENT = {"min_value": 50, "max_value": 100, "step": 1}
AGGREGATE_PERCENT = {"min_value": 0, "max_value": 100, "step": 5}
ASH_PERCENT = {"min_value": 0, "max_value": 100, "step": 5}


def overrides(
    tonnes_per_day: float, recycled_percent: float, aggregate_percent: float, ash_percent: float
) -> dict:
    """The scenario overrides the four sliders stand for (percent → the model's fractions)."""
    return {
        "construction_waste.tonnes_per_day": float(tonnes_per_day),
        "construction_waste.recycled_fraction": round(recycled_percent / 100.0, 6),
        "construction_waste.aggregate_share": round(aggregate_percent / 100.0, 6),
        "incineration.bottom_ash_recycled_fraction": round(ash_percent / 100.0, 6),
    }


def defaults(plan_values: dict[str, Any]) -> dict[str, float]:
    """Slider defaults from the plan scenario's own inputs."""
    return {
        "tonnes": float(plan_values["construction_waste.tonnes_per_day"]),
        "recycled": round(plan_values["construction_waste.recycled_fraction"] * 100.0, 6),
        "aggregate": round(plan_values["construction_waste.aggregate_share"] * 100.0, 6),
        "ash": round(plan_values["incineration.bottom_ash_recycled_fraction"] * 100.0, 6),
    }


@dataclass(frozen=True)
class MaterialsFigures:
    """Per year."""

    construction_waste_t: float
    aggregate_t: float
    bricks_t: float
    bricks_from_ash_t: float
    bricks_from_rubble_t: float
    rejects_t: float
    bottom_ash_t: float  # all bottom ash the incinerator makes
    electricity_kwh: float
    avoided_aggregate_t_co2: float
    avoided_bricks_t_co2: float
    avoided_t_co2: float  # the model's own total for the chain


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


PRODUCTS = ("aggregate", "bricks", "rejects")
ORIGINS = ("rubble", "ash")


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


def chart_summary_text(fig: MaterialsFigures, lang: str) -> str:
    """One sentence under the chart, from its numbers."""
    if fig.aggregate_t + fig.bricks_t + fig.rejects_t <= 0:
        return t("materials.summary_none", lang)
    return t(
        "materials.summary",
        lang,
        aggregate=format_quantity(fig.aggregate_t, "t", lang),
        bricks=format_quantity(fig.bricks_t, "t", lang),
        ash=format_quantity(fig.bricks_from_ash_t, "t", lang),
        rejects=format_quantity(fig.rejects_t, "t", lang),
    )
