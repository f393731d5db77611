"""Exhibit "solar": rooftop PV — kWh a year, CO₂ avoided, share of the park's own electricity use.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the bars of the
chart and the sentence under it, all from a ``scenario_result`` dict.
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
    num,
    pct,
    plan_figure,
    qty,
    qtys,
    scenario_provenance,
)
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.provenance import ProvenanceView

PLAN_MILESTONE_KWH = 1_070_000.0  # 一(三): green power +107万 kWh by the end of 2025
PLAN_MILESTONE_SECTION = "一(三)"
# The plants whose electricity use the model counts (the incinerator's own use is inside its net output).
USERS = ("kitchen_waste", "restaurant_waste", "leachate", "construction_waste")

# The two sliders side by side, in the order of :func:`overrides`' arguments.
SLIDERS = SliderTable(
    (
        (SliderSpec("kwp", "solar.kwp", "kwp", "kwp", "solar.kwp", (0, 5000, 10)),),
        # Beijing, solar zone II (literature range)
        (SliderSpec("kwh_per_kwp", "solar.kwh_per_kwp", "yld", "yield", "solar.yield", (1100, 1300, 10)),),
    )
)


def milestone_provenance(lang: str) -> ProvenanceView:
    return plan_figure(PLAN_MILESTONE_SECTION, t("solar.prov.milestone", lang), lang)


sliders, defaults, overrides = SLIDERS.sliders, SLIDERS.defaults, SLIDERS.overrides


@dataclass(frozen=True)
class SolarFigures:
    kwh_per_year: float
    avoided_t_co2: float  # avoided ledger: the PV's share of the exported electricity × the export factor
    simple_t_co2: float  # kWh × the export factor, for comparison
    grid_kg_co2_per_kwh: float  # exported electricity: North China grid baseline (offset projects)
    bought_kg_co2_per_kwh: float  # electricity bought: national grid average (named in the simplified text)
    park_use_kwh: dict[str, float]
    park_use_total_kwh: float
    share_of_use: float
    milestone_share: float
    residents: float  # rough: people whose yearly electricity the PV could cover

    @property
    def exported_share(self) -> float:
        """The share of the park's electricity sent to the grid, the share the model credits."""
        return self.avoided_t_co2 / self.simple_t_co2 if self.simple_t_co2 > 0 else 0.0


def figures(result: dict[str, Any], resident_kwh_per_year: float) -> SolarFigures:
    """The page's figures from one model result. The CO₂ is in the avoided ledger (outside the fence):
    the grid factor is the one for electricity the park exports (``avoided_grid_kg_co2_per_kwh``)."""
    chain, chains = result["chains"]["solar"], result["chains"]
    kwh = chain["products"]["electricity_kwh_per_year"]
    grid = float(result["avoided_grid_kg_co2_per_kwh"])
    use = {name: chains[name]["inputs"]["electricity_kwh_per_year"] for name in USERS}
    total_use = sum(use.values())
    return SolarFigures(
        kwh_per_year=kwh,
        avoided_t_co2=chain["avoided_t_co2e_per_year"],
        simple_t_co2=kwh * grid / 1000.0,
        grid_kg_co2_per_kwh=grid,
        bought_kg_co2_per_kwh=float(result["grid_kg_co2_per_kwh"]),
        park_use_kwh=use,
        park_use_total_kwh=total_use,
        share_of_use=kwh / total_use if total_use > 0 else 0.0,
        milestone_share=kwh / PLAN_MILESTONE_KWH,
        residents=kwh / resident_kwh_per_year if resident_kwh_per_year > 0 else 0.0,
    )


def is_plan_size(slider_values: dict[str, float], plan_values: dict[str, Any]) -> bool:
    """Are the :func:`sliders` where the page opens (the plan's panels and yield)?"""
    base = defaults(plan_values)
    return slider_values["kwp"] == base["kwp"] and slider_values["kwh_per_kwp"] == base["yield"]


FIGURES: tuple[tuple[FigureSpec, ...], ...] = (
    (
        FigureSpec(
            "fig-kwh",
            "solar.kwh",
            qty("kwh_per_year", "kWh/yr"),
            {"kwp": num("kwp"), "yld": num("kwh_per_kwp")},
        ),
        FigureSpec(
            "fig-avoided",
            "solar.avoided",
            qty("avoided_t_co2", "t CO2/yr"),
            {
                "grid": num("grid_kg_co2_per_kwh", exact=True),
                "simple": qty("simple_t_co2", "t CO2/yr"),
                "exported": pct("exported_share"),
            },
        ),
        FigureSpec(
            "fig-share", "solar.share", pct("share_of_use"), {"use": qty("park_use_total_kwh", "kWh/yr")}
        ),
        FigureSpec(
            "fig-residents",
            "solar.residents",
            num("residents", sig=2),
            {"per": qty("resident", "kWh/yr")},
            "rough",
        ),
    ),
)
"""The page's four figures in one row: kWh a year, the CO₂ it avoids elsewhere (the avoided ledger, named
in its label), its share of the park's own use, and (roughly) how many residents' electricity it is."""


def shown_figures(
    fig: SolarFigures, slider_values: dict[str, float], resident_kwh_per_year: float, lang: str
) -> list[list[Figure]]:
    """The :data:`FIGURES` in ``lang``. ``slider_values`` are the :func:`sliders`' values (kWp and kWh
    per kWp, named in the first figure's assumption)."""
    return build_figures(
        FIGURES, figure_sources(fig, slider_values, {"resident": resident_kwh_per_year}), lang
    )


def provenance_items(plan: dict[str, Any], factors: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """The "where the numbers come from" list."""
    return [
        (t("solar.in.kwp", lang), scenario_provenance(plan, "solar.kwp")),
        (t("solar.in.yield", lang), scenario_provenance(plan, "solar.kwh_per_kwp")),
        (t("solar.in.grid", lang), scenario_provenance(plan, "scenario.avoided_grid_kg_co2_per_kwh")),
        (t("solar.in.milestone", lang), milestone_provenance(lang)),
        (t("solar.in.resident", lang), factors["provenance"]["equivalents.resident_kwh_per_year"]),
    ]


KIND_COLOURS: dict[str, str] = {"make": "amber", "use": "blue"}
"""A bar's colour by what it is (:data:`parkloop.ui.charts.COLOURS`): what the panels make, what is used."""


def kind_colours(lang: str) -> dict[str, str]:
    """``{kind in words: colour name}`` for the chart's legend, makes first."""
    return {t(f"solar.kind.{kind}", lang): colour for kind, colour in KIND_COLOURS.items()}


def chart_rows(fig: SolarFigures, lang: str) -> list[dict[str, Any]]:
    """One bar for the PV and one for each plant's electricity use."""
    rows = [("solar", "make", fig.kwh_per_year)]
    rows += [(name, "use", fig.park_use_kwh[name]) for name in USERS]
    return [
        {
            "bar": t(f"solar.bar.{name}", lang),
            "kind": t(f"solar.kind.{kind}", lang),
            "kwh": value,
            "label": format_quantity(value, "kWh/yr", lang),
        }
        for name, kind, value in rows
    ]


SUMMARY = Phrase(
    "solar.summary",
    qtys("kWh/yr", pv="kwh_per_year", use="park_use_total_kwh") | {"share": pct("share_of_use")},
)
"""The sentence under the chart."""


def chart_summary_text(fig: SolarFigures, lang: str) -> str:
    return SUMMARY.text(figure_sources(fig), lang)


def milestone_text(fig: SolarFigures, is_plan_size: bool, lang: str) -> str:
    """The plan's 2025 milestone against the panels on the sliders, saying when it matches by design."""
    key = "solar.milestone_met" if fig.milestone_share >= 1 else "solar.milestone_short"
    text = t(
        key,
        lang,
        pv=format_quantity(fig.kwh_per_year, "kWh", lang),
        milestone=format_quantity(PLAN_MILESTONE_KWH, "kWh", lang),
        share=format_percent(fig.milestone_share, lang, decimals=1),
    )
    if is_plan_size:
        text += " " + t("solar.milestone_by_design", lang)
    return text


def simplified_text(fig: SolarFigures, lang: str) -> str:
    """What the exhibit simplifies, with the grid factor it uses (electricity exported)."""
    return page_section(
        "solar",
        "simplified",
        lang,
        grid=format_number(fig.grid_kg_co2_per_kwh, lang, exact=True),
        bought=format_number(fig.bought_kg_co2_per_kwh, lang, exact=True),
    )
