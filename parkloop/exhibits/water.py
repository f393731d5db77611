"""Exhibit "water": leachate from three sources → reclaimed water, recovered ammonia, concentrate.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the flow links of
the Sankey and the sentence under it, all read from a ``scenario_result`` dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import Figure, Slider, scenario_provenance
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


def sliders(plan_values: dict[str, Any], lang: str) -> list[list[Slider]]:
    """The four sliders in two columns, opening on the plan; named like the arguments of
    :func:`overrides`."""
    base = defaults(plan_values)
    return [
        [
            Slider("m3_per_day", t("water.m3", lang), "m3", base["m3"], integer=True, **M3),
            Slider(
                "reuse_percent",
                t("water.reuse", lang),
                "reuse",
                base["reuse"],
                integer=True,
                format="%d%%",
                help=t("water.reuse_help", lang),
                **REUSE_PERCENT,
            ),
        ],
        [
            Slider(
                "ammonia_percent",
                t("water.ammonia", lang),
                "nh3",
                base["ammonia"],
                format="%.1f%%",
                help=t("water.ammonia_help", lang),
                **AMMONIA_PERCENT,
            ),
            Slider(
                "cod_percent",
                t("water.cod", lang),
                "cod",
                base["cod"],
                integer=True,
                format="%d%%",
                help=t("water.cod_help", lang),
                **COD_PERCENT,
            ),
        ],
    ]


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


def shown_figures(fig: WaterFigures, values: dict[str, Any], lang: str) -> list[list[Figure]]:
    """The page's figures in two rows, in ``lang``: the water out (reclaimed, concentrate) and the
    electricity it takes; then what is taken out of it (ammonia, COD). ``values`` are the scenario's
    inputs."""
    water = [
        Figure(
            "fig-reclaimed",
            t("water.reclaimed", lang),
            format_quantity(fig.reclaimed_m3_per_day, "m3/d", lang),
            assumption=t(
                "water.reclaimed_note", lang, year=format_quantity(fig.reclaimed_m3_per_year, "m3", lang)
            ),
        ),
        Figure(
            "fig-concentrate",
            t("water.concentrate", lang),
            format_quantity(fig.concentrate_m3_per_day, "m3/d", lang),
            assumption=t(
                "water.concentrate_note", lang, year=format_quantity(fig.concentrate_m3_per_year, "m3", lang)
            ),
        ),
        Figure(
            "fig-electricity",
            t("water.electricity", lang),
            format_quantity(fig.electricity_kwh_per_year, "kWh/yr", lang),
            assumption=t(
                "water.electricity_note",
                lang,
                per_m3=format_quantity(values["leachate.kwh_per_m3"], "kWh/m³", lang),
            ),
        ),
    ]
    recovered = [
        Figure(
            "fig-ammonia",
            t("water.ammonia_out", lang),
            format_quantity(fig.ammonia_n_recovered_t_per_year, "t/yr", lang),
            assumption=t(
                "water.ammonia_note",
                lang,
                mg=format_quantity(values["leachate.ammonia_mg_per_l"], "mg/L", lang),
            ),
        ),
        Figure(
            "fig-cod",
            t("water.cod_out", lang),
            format_quantity(fig.cod_removed_t_per_year, "t/yr", lang),
            assumption=t(
                "water.cod_note", lang, mg=format_quantity(values["leachate.cod_mg_per_l"], "mg/L", lang)
            ),
        ),
    ]
    return [water, recovered]


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


def provenance_items(plan: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs of the leachate plant."""
    inputs = (
        ("m3", "m3_per_day"),
        ("reuse", "reuse_rate"),
        ("ammonia", "ammonia_recovery"),
        ("cod", "cod_removal"),
        ("shares", "source_shares"),
        ("kwh", "kwh_per_m3"),
        ("ammonia_mg", "ammonia_mg_per_l"),
        ("cod_mg", "cod_mg_per_l"),
    )
    return [
        (t(f"water.in.{label}", lang), scenario_provenance(plan, f"leachate.{key}")) for label, key in inputs
    ]


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


NODE_COLOURS: dict[str, str] = {
    "src_incineration": "amber",
    "src_kitchen_waste": "green",
    "src_landfill": "stone",
    "plant": "teal",
    "reclaimed": "blue",
    "concentrate": "grey",
}
"""Each node's colour by meaning (:data:`parkloop.ui.charts.COLOURS`): water blue, the rest grey."""


def link_colour(target: str) -> tuple[str, float]:
    """A link's colour and opacity by where it goes: reclaimed water blue, everything else grey."""
    return ("blue", 0.3) if target == "reclaimed" else ("grey", 0.35)


def node_labels(lang: str) -> dict[str, str]:
    """Each of :data:`NODES` in words, in ``lang``."""
    return {node: t(f"water.node.{node}", lang) for node in NODES}


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
