"""Exhibit "water": leachate from three sources → reclaimed water, recovered ammonia, concentrate.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the flow links of
the Sankey and the sentence under it, all read from a ``scenario_result`` dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import t
from parkloop.i18n import format_percent, format_quantity

SOURCES = ("incineration", "kitchen_waste", "landfill")

# Slider ranges (percent where the model holds a fraction).
M3 = {"min_value": 0, "max_value": 3000, "step": 100}
REUSE_PERCENT = {"min_value": 50, "max_value": 100, "step": 1}
AMMONIA_PERCENT = {"min_value": 80.0, "max_value": 99.5, "step": 0.5}
COD_PERCENT = {"min_value": 50, "max_value": 99, "step": 1}


def overrides(m3_per_day: float, reuse_percent: float, ammonia_percent: float, cod_percent: float) -> dict:
    """The scenario overrides the four sliders stand for (percent → the model's fractions)."""
    return {
        "leachate.m3_per_day": float(m3_per_day),
        "leachate.reuse_rate": round(reuse_percent / 100.0, 6),
        "leachate.ammonia_recovery": round(ammonia_percent / 100.0, 6),
        "leachate.cod_removal": round(cod_percent / 100.0, 6),
    }


def defaults(plan_values: dict[str, Any]) -> dict[str, float]:
    """Slider defaults from the plan scenario's own inputs."""
    return {
        "m3": float(plan_values["leachate.m3_per_day"]),
        "reuse": round(plan_values["leachate.reuse_rate"] * 100.0, 6),
        "ammonia": round(plan_values["leachate.ammonia_recovery"] * 100.0, 6),
        "cod": round(plan_values["leachate.cod_removal"] * 100.0, 6),
    }


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


NODES = (
    "src_incineration",
    "src_kitchen_waste",
    "src_landfill",
    "plant",
    "reclaimed",
    "concentrate",
)


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
