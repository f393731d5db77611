"""Exhibit "water": leachate from three sources → reclaimed water, recovered ammonia, concentrate.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the flow links of
the Sankey and the sentences under it, all read from ``scenario_result`` dicts.

The plan's words, read as model.md (version 2) reads them: the three sources are the plan's 三源混合
(二(二)2: the restaurant-waste plant 餐厨, the incinerator 清洁焚烧中心, the sanitary landfill); COD is a
removal efficiency of the treatment, and the plan's "COD 排放减少88%" (二(三)1) is a cut in the COD that
leaves with the treated water compared with 2023 — the model's 2026 removal was worked out to reproduce it
(``derived``), so the page says so instead of calling the −88 % a result.
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

SOURCES = ("restaurant_waste", "incineration", "landfill")
"""The plan's three sources (三源混合), in the plan's order: 餐厨垃圾处理厂, 清洁焚烧中心, 卫生填埋场."""

PLAN_COD_CUT = 0.88
"""二(三)1 "COD 排放减少88%": the COD discharged cut by 88 % compared with 2023 (not a removal)."""

# The four sliders in two columns (percent where the model holds a fraction), in the order of
# :func:`overrides`' arguments. COD removal is a removal efficiency: 99.0 % leaves 200 mg/L of 20 000
# (twice GB 16889's 100), 99.5 % just meets it, the plan's 99.952 % leaves 9.6 mg/L.
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
                "cod_percent",
                "leachate.cod_removal",
                "cod",
                "cod",
                "water.cod",
                (99.0, 99.99, 0.001),
                True,
                "%.3f%%",
                integer=False,
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
    cod_in_mg_per_l: float  # the mixed leachate, before treatment
    cod_removal: float
    effluent_cod_mg_per_l: float  # in the treated water
    cod_limit_mg_per_l: float  # GB 16889
    cod_discharged_t_per_year: float  # leaves with the treated water
    electricity_kwh_per_year: float
    source_m3_per_day: dict[str, float]

    @property
    def within_limit(self) -> bool:
        return self.effluent_cod_mg_per_l <= self.cod_limit_mg_per_l * (1 + 1e-9)


sliders, defaults, overrides = SLIDERS.sliders, SLIDERS.defaults, SLIDERS.overrides


def figures(result: dict[str, Any]) -> WaterFigures:
    """The page's figures from one model result (per year unless the name says per day)."""
    chain = result["chains"]["leachate"]
    products, inputs, values = chain["products"], chain["inputs"], result["values"]
    days = float(values["scenario.days_per_year"])
    per_day = (lambda value: value / days) if days else (lambda value: 0.0)
    leachate = inputs["leachate_m3_per_year"]
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
        cod_in_mg_per_l=float(values["leachate.cod_mg_per_l"]),
        cod_removal=float(values["leachate.cod_removal"]),
        effluent_cod_mg_per_l=chain["effluent_cod_mg_per_l"],
        cod_limit_mg_per_l=chain["cod_limit_mg_per_l"],
        cod_discharged_t_per_year=chain["cod_discharged_t_per_year"],
        electricity_kwh_per_year=inputs["electricity_kwh_per_year"],
        source_m3_per_day={s: per_day(inputs[f"from_{s}_m3_per_year"]) for s in SOURCES},
    )


def _per_day(name: str) -> FigureSpec:
    """A water out: m³ a day, its note giving m³ a year (``fig-reclaimed`` …)."""
    value, year = qty(f"{name}_m3_per_day", "m3/d"), qty(f"{name}_m3_per_year", "m3")
    return FigureSpec(f"fig-{name}", f"water.{name}", value, {"year": year})


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
    (
        FigureSpec(
            "fig-ammonia",
            "water.ammonia_out",
            qty("ammonia_n_recovered_t_per_year", "t/yr"),
            {"mg": qty("leachate.ammonia_mg_per_l", "mg/L")},
        ),
        FigureSpec(
            "fig-cod",
            "water.cod_out",
            qty("cod_removed_t_per_year", "t/yr"),
            {"mg": qty("leachate.cod_mg_per_l", "mg/L")},
        ),
        FigureSpec(
            "fig-cod-discharged",
            "water.discharged",
            qty("cod_discharged_t_per_year", "t/yr"),
            {"base": qty("base_discharged", "t/yr")},
        ),
    ),
)
"""The page's figures in two rows: the water out (reclaimed, concentrate) and the electricity it takes;
then the ammonia recovered and the COD removed and left in the treated water. The treated water's COD
against GB 16889 (``fig-effluent``) is written by hand: its words depend on the limit."""


def effluent_figure(fig: WaterFigures, lang: str) -> Figure:
    """The treated water's COD [mg/L] against GB 16889's limit, saying whether it is met."""
    key = "water.effluent_note" if fig.within_limit else "water.effluent_note_over"
    limit = format_quantity(fig.cod_limit_mg_per_l, "mg/L", lang)
    return Figure(
        "fig-effluent",
        t("water.effluent", lang),
        format_quantity(fig.effluent_cod_mg_per_l, "mg/L", lang),
        "model",
        t(key, lang, limit=limit, removal=format_percent(fig.cod_removal, lang, decimals=3)),
    )


def limit_warning(fig: WaterFigures, lang: str) -> str:
    """What the page says when the treated water holds more COD than GB 16889 allows."""
    return t(
        "water.over_limit",
        lang,
        mg=format_quantity(fig.effluent_cod_mg_per_l, "mg/L", lang),
        limit=format_quantity(fig.cod_limit_mg_per_l, "mg/L", lang),
    )


def shown_figures(
    fig: WaterFigures, base: WaterFigures, values: dict[str, Any], lang: str
) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``, the treated water's COD after the COD removed. ``base`` is
    2023's (baseline scenario) figures, ``values`` the scenario's inputs."""
    sources = figure_sources(fig, values, {"base_discharged": base.cod_discharged_t_per_year})
    first, second = build_figures(FIGURES, sources, lang)
    return [first, [*second[:2], effluent_figure(fig, lang), *second[2:]]]


def change(now: float, then: float) -> float:
    """The relative change from ``then`` to ``now`` (−0.88 = 88 % less); 0 when ``then`` is 0."""
    return now / then - 1.0 if then else 0.0


def cod_cut_text(fig: WaterFigures, base: WaterFigures, lang: str) -> str:
    """The plan's "COD 排放减少88%" against the model: COD per litre of treated water and COD discharged a
    year, 2023 (``base``) → the sliders' scenario, and what 88 % would leave if read as a removal."""
    misread = fig.cod_in_mg_per_l * (1.0 - PLAN_COD_CUT)
    return page_section(
        "water",
        "cod_cut",
        lang,
        base_mg=format_quantity(base.effluent_cod_mg_per_l, "mg/L", lang),
        mg=format_quantity(fig.effluent_cod_mg_per_l, "mg/L", lang),
        cut_mg=format_percent(
            change(fig.effluent_cod_mg_per_l, base.effluent_cod_mg_per_l), lang, signed=True
        ),
        base_t=format_quantity(base.cod_discharged_t_per_year, "t/yr", lang),
        now_t=format_quantity(fig.cod_discharged_t_per_year, "t/yr", lang),
        cut_t=format_percent(
            change(fig.cod_discharged_t_per_year, base.cod_discharged_t_per_year), lang, signed=True
        ),
        base_removal=format_percent(base.cod_removal, lang, decimals=1),
        removal=format_percent(fig.cod_removal, lang, decimals=3),
        misread=format_quantity(misread, "mg/L", lang),
        times=f"{misread / fig.cod_limit_mg_per_l:.0f}" if fig.cod_limit_mg_per_l else "—",
        limit=format_quantity(fig.cod_limit_mg_per_l, "mg/L", lang),
    )


def plan_text(slider_values: dict[str, float], lang: str) -> str:
    """The plan's targets next to the sliders' rates (``slider_values``: the :func:`sliders`, in percent)."""
    return page_section(
        "water",
        "plan",
        lang,
        reuse=format_percent(slider_values["reuse_percent"] / 100, lang),
        ammonia=format_percent(slider_values["ammonia_percent"] / 100, lang),
        cod=format_percent(slider_values["cod_percent"] / 100, lang, decimals=3),
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
"""``(label, leachate input)`` of :func:`provenance_items`, before 2023's removal and the limit."""


def provenance_items(
    plan: dict[str, Any], base: dict[str, Any], factors: dict[str, Any], lang: str
) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list: the plan's inputs of the leachate plant, 2023's COD
    removal (``base``: the baseline's result) and GB 16889's limit (``factors``: ``factors_data()``)."""

    def scenario(key: str) -> dict[str, str]:
        return scenario_provenance(plan, f"leachate.{key}")

    rows = [(label, scenario, key) for label, key in PROVENANCE_INPUTS]
    rows.append(("cod_2023", lambda key: scenario_provenance(base, key), "leachate.cod_removal"))
    rows.append(("cod_limit", factors["provenance"].__getitem__, "constants.gb16889_cod_mg_per_l"))
    return provenance_table(rows, "water.in", lang)


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
        "src_restaurant_waste": "green",
        "src_incineration": "amber",
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
