"""The attract screen's highlights, as plain data (no Streamlit): numbers from the model and the live feed.

Each slide has a headline and a source line in both languages (the attract screen shows Chinese and
English together: nobody has chosen a language yet). Every number says where it comes from on the slide
itself — the live feed's status ("simulated values, not measurements" when it is the simulator), the
plan's scenario, or the illustrative factor the estimate uses — because the attract screen has nothing
to tap for a "Where from?" popover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS, format_quantity
from parkloop.live import Reading

KNOWN_KINDS = ("plan", "cited", "derived", "illustrative", "model")


@dataclass(frozen=True)
class Slide:
    """One highlight: ``headline[lang]`` and ``source[lang]`` for every supported language."""

    name: str
    headline: dict[str, str]
    source: dict[str, str]


def feed_label(reading: Reading, lang: str) -> str:
    """How the feed's numbers are labelled: simulated, live, or (never shown as current) stale."""
    return t(f"kiosk.feed.{reading.status}", lang)


def estimated_kwh_today(waste_today_t: float, net_kwh_per_tonne: float) -> float:
    """Electricity from today's waste at the plan's net yield: ``t × kWh/t`` [kWh]. A rough estimate:
    not all received waste is burnt the same day, and the yield per tonne is an illustrative figure."""
    return waste_today_t * net_kwh_per_tonne


def slides(plan: Mapping[str, Any], reading: Reading) -> list[Slide]:
    """The highlights: today's waste and the electricity it makes, power right now (live feed, only
    while its values may be shown as current), and the plan's yearly waste, electricity and water."""
    totals = plan["totals"]
    kwh_per_t = float(plan["values"]["incineration.net_kwh_per_tonne"])
    kwh_kind = str(plan.get("provenance", {}).get("incineration.net_kwh_per_tonne", {}).get("kind", ""))
    if kwh_kind not in KNOWN_KINDS:
        kwh_kind = "model"
    out: list[Slide] = []
    langs = SUPPORTED_LANGS

    waste_today = reading.values.get("waste_received_today_t")
    if reading.is_current and waste_today is not None:
        kwh = estimated_kwh_today(waste_today, kwh_per_t)
        out.append(
            Slide(
                "today",
                {
                    lang: t(
                        "kiosk.slide.today",
                        lang,
                        waste=format_quantity(waste_today, "t", lang),
                        kwh=format_quantity(kwh, "kWh", lang),
                        per_t=format_quantity(kwh_per_t, "kWh", lang),
                    )
                    for lang in langs
                },
                {
                    lang: t(
                        "kiosk.source.today",
                        lang,
                        feed=feed_label(reading, lang),
                        kind=t(f"kiosk.kind.{kwh_kind}", lang),
                    )
                    for lang in langs
                },
            )
        )
    power = reading.values.get("power_output_mw")
    if reading.is_current and power is not None:
        out.append(
            Slide(
                "now",
                {lang: t("kiosk.slide.now", lang, mw=format_quantity(power, "MW", lang)) for lang in langs},
                {lang: t("kiosk.source.now", lang, feed=feed_label(reading, lang)) for lang in langs},
            )
        )
    out.append(
        Slide(
            "year",
            {
                lang: t(
                    "kiosk.slide.year",
                    lang,
                    waste=format_quantity(totals["waste_treated_t_per_year"], "t", lang),
                    kwh=format_quantity(totals["net_electricity_kwh_per_year"], "kWh", lang),
                )
                for lang in langs
            },
            {lang: t("kiosk.source.plan", lang) for lang in langs},
        )
    )
    out.append(
        Slide(
            "water",
            {
                lang: t(
                    "kiosk.slide.water",
                    lang,
                    water=format_quantity(totals["reclaimed_water_m3_per_year"], "m3", lang),
                )
                for lang in langs
            },
            {lang: t("kiosk.source.plan", lang) for lang in langs},
        )
    )
    return out
