"""Exhibit "solar": rooftop PV — kWh a year, CO₂ avoided, share of the park's own electricity use.

Pure logic (no Streamlit): slider values → model overrides, the figures the page shows, the bars of the
chart and the sentence under it, all from a ``scenario_result`` dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import t
from parkloop.i18n import format_percent, format_quantity, plan_section_label
from parkloop.provenance import ProvenanceView

PLAN_MILESTONE_KWH = 1_070_000.0  # 一(三): green power +107万 kWh by the end of 2025
PLAN_MILESTONE_SECTION = "一(三)"
USERS = ("kitchen_waste", "leachate", "construction_waste")  # plants whose electricity use the model counts

KWP = {"min_value": 0, "max_value": 5000, "step": 10}
YIELD = {"min_value": 1100, "max_value": 1300, "step": 10}  # Beijing, solar zone II (literature range)


def milestone_provenance(lang: str) -> ProvenanceView:
    label = t("prov.plan", lang, section=plan_section_label(PLAN_MILESTONE_SECTION, lang))
    return ProvenanceView("plan", label, t("solar.prov.milestone", lang))


def overrides(kwp: float, kwh_per_kwp: float) -> dict:
    return {"solar.kwp": float(kwp), "solar.kwh_per_kwp": float(kwh_per_kwp)}


def defaults(plan_values: dict[str, Any]) -> dict[str, float]:
    return {"kwp": float(plan_values["solar.kwp"]), "yield": float(plan_values["solar.kwh_per_kwp"])}


@dataclass(frozen=True)
class SolarFigures:
    kwh_per_year: float
    avoided_t_co2: float  # the model's credit for the PV (its share of the electricity sent to the grid)
    simple_t_co2: float  # kWh × grid factor, for comparison
    grid_kg_co2_per_kwh: float
    park_use_kwh: dict[str, float]
    park_use_total_kwh: float
    share_of_use: float
    milestone_share: float
    residents: float  # rough: people whose yearly electricity the PV could cover


def figures(result: dict[str, Any], resident_kwh_per_year: float) -> SolarFigures:
    chain, chains = result["chains"]["solar"], result["chains"]
    kwh = chain["products"]["electricity_kwh_per_year"]
    grid = float(result["grid_kg_co2_per_kwh"])
    use = {name: chains[name]["inputs"]["electricity_kwh_per_year"] for name in USERS}
    total_use = sum(use.values())
    return SolarFigures(
        kwh_per_year=kwh,
        avoided_t_co2=chain["avoided_t_co2e_per_year"],
        simple_t_co2=kwh * grid / 1000.0,
        grid_kg_co2_per_kwh=grid,
        park_use_kwh=use,
        park_use_total_kwh=total_use,
        share_of_use=kwh / total_use if total_use > 0 else 0.0,
        milestone_share=kwh / PLAN_MILESTONE_KWH,
        residents=kwh / resident_kwh_per_year if resident_kwh_per_year > 0 else 0.0,
    )


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


def chart_summary_text(fig: SolarFigures, lang: str) -> str:
    return t(
        "solar.summary",
        lang,
        pv=format_quantity(fig.kwh_per_year, "kWh/yr", lang),
        use=format_quantity(fig.park_use_total_kwh, "kWh/yr", lang),
        share=format_percent(fig.share_of_use, lang),
    )


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
