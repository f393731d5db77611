"""The attract screen's loop, as plain data (no Streamlit): the park's journey, slides a child can read,
and highlights with numbers from the model and the live feed (:func:`loop` puts them in their order).

A child's slide (:func:`child_slides`) is pictures and one short sentence of common characters, with no
number ("垃圾能变成电！"); the journey's slide (:func:`journey_slide`) is the park's journey of the plan's
scenario, its numbers marked simulated in its title.

Each slide has a headline and a source line in both languages (the attract screen shows Chinese and
English together: nobody has chosen a language yet). Every number says where it comes from on the slide
itself — the live feed's status ("simulated values, not measurements" when it is the simulator), the
plan's scenario, or the illustrative factor the estimate uses — because the attract screen has nothing
to tap for a "Where from?". A carbon number says its ledger (园区自身排放 / what the park emits,
替代减排 / avoided elsewhere), the two are never netted, and nothing claims a target met or a landfill
avoided (model.md, carbon accounting version 2).
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
    """One slide: ``headline[lang]`` and ``source[lang]`` for every supported language; a child's slide
    has ``pictures`` (Fluent Emoji Flat names, or ``bin:<id>`` for one of Beijing's four bins)."""

    name: str
    headline: dict[str, str]
    source: dict[str, str]
    pictures: tuple[str, ...] = ()
    kind: str = "numbers"  # numbers | child | journey


CHILD_SLIDES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("power", ("bin:residual", "fire", "high-voltage")),
    ("sort", ("bin:food", "bin:recyclable", "bin:hazardous", "bin:residual")),
    ("food", ("bin:food", "bubbles", "fire")),
    ("sun", ("sun", "house", "light-bulb")),
)
"""A child's slides: ``kiosk.kids.<name>`` and its pictures, in a row (a chain reads left to right)."""


def feed_label(reading: Reading, lang: str) -> str:
    """How the feed's numbers are labelled: simulated, live, or (never shown as current) stale."""
    return t(f"kiosk.feed.{reading.status}", lang)


def simulated_mark(reading: Reading, lang: str) -> str:
    """ "（模拟）" after a headline whose numbers come from the simulator, so no simulated number is read as
    a measurement; nothing for live readings."""
    return t("kiosk.headline.simulated", lang) if reading.status == "simulated" else ""


def estimated_kwh_today(waste_today_t: float, net_kwh_per_tonne: float) -> float:
    """Electricity from today's waste at the plan's net yield: ``t × kWh/t`` [kWh]. A rough estimate:
    not all received waste is burnt the same day, and the yield per tonne is an illustrative figure."""
    return waste_today_t * net_kwh_per_tonne


Fields = dict[str, tuple[float, str, int | None]]
"""A slide's placeholders: name → (value, unit, significant figures or None)."""


def plan_year_fields(totals: Mapping[str, float]) -> Fields:
    """The plan's yearly household waste (construction waste is not household waste) and electricity."""
    return {
        "waste": (totals["household_waste_t_per_year"], "t", None),
        "kwh": (totals["net_electricity_kwh_per_year"], "kWh", None),
    }


def plan_carbon_fields(totals: Mapping[str, float]) -> Fields:
    """The plan's two carbon ledgers, side by side and never netted: what the park emits inside its fence
    (inventory) and what its electricity and fuels avoid elsewhere (avoided) [t CO2e a year]."""
    return {
        "inventory": (totals["emissions_t_co2e_per_year"], "t CO2e", 2),
        "avoided": (totals["avoided_t_co2e_per_year"], "t CO2e", 2),
    }


def _plan_slide(name: str, fields: Fields, source: str = "kiosk.source.plan") -> Slide:
    """A slide of the plan's scenario: a model estimate; its headline ends "（模拟）" and its source line
    says so too."""

    def headline(lang: str) -> str:
        values = {
            key: format_quantity(v, unit, lang) if sig is None else format_quantity(v, unit, lang, sig=sig)
            for key, (v, unit, sig) in fields.items()
        }
        return t(f"kiosk.slide.{name}", lang, **values) + t("kiosk.headline.simulated", lang)

    return Slide(
        name,
        {lang: headline(lang) for lang in SUPPORTED_LANGS},
        {lang: t(source, lang) for lang in SUPPORTED_LANGS},
    )


def slides(plan: Mapping[str, Any], reading: Reading) -> list[Slide]:
    """The highlights: today's waste and the electricity it makes, power right now (live feed, only
    while its values may be shown as current), and the plan's yearly household waste and electricity,
    its two carbon ledgers (what the park emits; what it avoids elsewhere) and its reclaimed water —
    model estimates of the plan's scenario, each source line saying "simulated"."""
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
                    + simulated_mark(reading, lang)
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
                {
                    lang: t("kiosk.slide.now", lang, mw=format_quantity(power, "MW", lang))
                    + simulated_mark(reading, lang)
                    for lang in langs
                },
                {lang: t("kiosk.source.now", lang, feed=feed_label(reading, lang)) for lang in langs},
            )
        )
    out.append(_plan_slide("year", plan_year_fields(totals)))
    out.append(_plan_slide("carbon", plan_carbon_fields(totals), source="kiosk.source.carbon"))
    out.append(_plan_slide("water", {"water": (totals["reclaimed_water_m3_per_year"], "m3", None)}))
    return out


def child_slides() -> list[Slide]:
    """The slides a child can read: pictures and one short sentence (``kiosk.kids.<name>``), no number."""
    return [
        Slide(
            f"kids-{name}",
            {lang: t(f"kiosk.kids.{name}", lang) for lang in SUPPORTED_LANGS},
            dict.fromkeys(SUPPORTED_LANGS, ""),
            pictures=pictures,
            kind="child",
        )
        for name, pictures in CHILD_SLIDES
    ]


def journey_slide() -> Slide:
    """The park's journey: its title says the numbers are the model's, simulated; its source line too."""
    return Slide(
        "journey",
        {
            lang: t("kiosk.journey.title", lang) + t("kiosk.headline.simulated", lang)
            for lang in SUPPORTED_LANGS
        },
        {lang: t("kiosk.source.plan", lang) for lang in SUPPORTED_LANGS},
        kind="journey",
    )


def loop(plan: Mapping[str, Any], reading: Reading) -> list[Slide]:
    """The whole attract loop: the journey first, then a child's slide after every one or two highlights
    (:func:`slides`), so that something a child can read is never more than two slides away."""
    numbers, children = slides(plan, reading), child_slides()
    out = [journey_slide()]
    for index, child in enumerate(children):
        out.append(child)
        out.extend(numbers[index * 2 : index * 2 + 2] if index < len(children) - 1 else numbers[index * 2 :])
    return out
