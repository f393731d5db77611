"""The journeys (``#parkloop-journey``): what happens to the garbage, the gas, the water, the rubble, the
sunlight and the steam, drawn from the model's result for the visitor's own slider values — no Streamlit.

One function per chain takes the result of ``parkloop.ui.model_data.scenario_result`` (or the CLI's
``evaluate --json`` with ``values``) and the language, and returns the picture as HTML text
(:mod:`parkloop.exhibits.journey_svg` draws it; its CSS is :func:`style`): :func:`power_journey`,
:func:`biogas_journey`, :func:`water_journey`, :func:`materials_journey`, :func:`solar_journey`,
:func:`steam_journey` and the whole park, :func:`park_journey` (the home page). :data:`JOURNEYS` maps a
page to its function.

Every amount is read from the result and shown per day (a child can picture a day); the widths use a fixed
scale per kind of flow, chosen so the plan sits near the middle and a slider's end stays in the picture.
The words are the page's catalog (``journey.<page>.<stage>`` and ``…_why``); the shared ones
(``journey.hint``, ``journey.steps``, ``journey.each``) are in ``core.po``.

Colours: flows by meaning as in the chart theme (:data:`parkloop.ui.charts.COLOURS`: electricity and water
blue, food waste and biogas green, a landfill or a flare amber, fuel gas violet, rubble stone); plants as
on the park map (``data/park_map.toml``); Beijing's four bins as in the sorting game
(``data/sorting_items.toml``: 厨余 green, 可回收物 blue, 有害 red, 其他 grey). A test keeps them equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from parkloop.content import t
from parkloop.exhibits.journey_svg import Flow, Journey, Stage, journey_css, journey_html
from parkloop.exhibits.power import BIN_OF_COMPONENT
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.model.factors import load_factors

# flows, by meaning (parkloop.ui.charts.COLOURS)
TEAL, BLUE, GREEN, AMBER = "#0f766e", "#1d4ed8", "#15803d", "#b45309"
GREY, SLATE, VIOLET, STONE = "#4b5563", "#64748b", "#6d28d9", "#78716c"
HEAT = "#c2410c"  # fire and hot gas: a darker shade of the incinerator's orange on the park map
# Beijing's four bins (data/sorting_items.toml)
BIN_COLOURS: dict[str, str] = {
    "food": "#166534",
    "recyclable": "#1d4ed8",
    "hazardous": "#b91c1c",
    "residual": GREY,
}
# plants, as on the park map (data/park_map.toml, RGB there)
PLANT_COLOURS: dict[str, str] = {
    "incineration": "#ea580c",
    "kitchen_waste": "#16a34a",
    "leachate": "#2563eb",
    "construction_waste": "#78716c",
    "landfill": "#84cc16",
    "solar": "#eab308",
}
MIX_BINS = {"food_waste": "food", "recyclables": "recyclable", "residual": "residual"}
"""power.BIN_OF_COMPONENT's bins → the sorting game's bin colours (hazardous waste is no IPCC component)."""

SIG = 2  # two significant figures: "4000 t/d", "150万 kWh/d" — the exact figures are in the page below


def _days(result: Mapping[str, Any]) -> float:
    return float(result.get("values", {}).get("scenario.days_per_year", 365.0)) or 365.0


def _qty(value: float, unit: str, lang: str) -> str:
    return format_quantity(value, unit, lang, sig=SIG)


def _words(page: str, key: str, lang: str) -> tuple[str, str]:
    return t(f"journey.{page}.{key}", lang), t(f"journey.{page}.{key}_why", lang)


def _build(
    page: str,
    lang: str,
    layout: tuple[tuple[str, str, str, tuple[float, float], tuple[float, float]], ...],
    flows: tuple[tuple[str, str, str, str], ...],
    amounts: Mapping[str, float],
    numbers: Mapping[str, str],
    scales: Mapping[str, float],
    alt: str,
    marks: Mapping[str, dict[str, Any]] | None = None,
) -> str:
    """A journey from its layout (key, icon, colour, wide place, tall place), its flows (source, target,
    kind, colour) with their ``amounts`` (keyed ``"source>target"``), the stages' numbers and marks."""
    marks = marks or {}
    stages = []
    for key, icon_name, colour, wide, tall in layout:
        label, why = _words(page, key, lang)
        stages.append(
            Stage(key, icon_name, colour, wide, tall, label, why, numbers.get(key, ""), **marks.get(key, {}))
        )
    drawn = tuple(
        Flow(source, target, kind, colour, max(float(amounts.get(f"{source}>{target}", 0.0)), 0.0))
        for source, target, kind, colour in flows
    )
    return journey_html(
        Journey(
            page, lang, tuple(stages), drawn, scales, alt, t("journey.hint", lang), t("journey.steps", lang)
        )
    )


def _dots(amount: float, each: float, unit: str, lang: str, most: int = 10) -> dict[str, Any]:
    """A count of small squares, one per ``each`` (rounded, at least one for anything at all)."""
    count = 0 if amount <= 0 else max(1, min(most, round(amount / each)))
    return {"dots": count, "each": t("journey.each", lang, amount=_qty(each, unit, lang))}


# --------------------------------------------------------------------------------------------
# garbage → power (/power)
# --------------------------------------------------------------------------------------------
POWER_LAYOUT = (
    ("truck", "truck", GREY, (0, 0), (0, 0)),
    ("bunker", "bunker", PLANT_COLOURS["incineration"], (1, 0), (1, 0)),
    ("furnace", "fire", HEAT, (2, 0), (1, 1)),
    ("boiler", "boiler", HEAT, (3, 0), (2, 1)),
    ("turbine", "turbine", BLUE, (4, 0), (2, 2)),
    ("grid", "bolt", BLUE, (5, 0), (2, 3)),
    ("cleaning", "filter", SLATE, (3, 1), (1, 2)),
    ("chimney", "chimney", SLATE, (4, 1), (1, 3)),
    ("ash", "ash", STONE, (1, 1), (0, 2)),
    ("bricks", "bricks", STONE, (0, 1), (0, 3)),
)
POWER_FLOWS = (
    ("truck", "bunker", "waste", GREY),
    ("bunker", "furnace", "waste", GREY),
    ("furnace", "boiler", "heat", HEAT),
    ("boiler", "turbine", "heat", HEAT),
    ("turbine", "grid", "power", BLUE),
    ("furnace", "cleaning", "gas", SLATE),
    ("cleaning", "chimney", "gas", SLATE),
    ("furnace", "ash", "ash", STONE),
    ("ash", "bricks", "ash", STONE),
)
POWER_SCALES = {"waste": 7000.0, "heat": 90_000.0, "power": 2_500_000.0, "gas": 50_000.0, "ash": 1500.0}
"""[per day] t, GJ, kWh, t of flue gas, t of ash: 6000 t/d (the slider's end) stays inside the picture."""


def bin_mix(composition: Mapping[str, float]) -> dict[str, float]:
    """The incinerator's garbage by the Beijing bin each part should have gone in (shares, sum 1)."""
    shares = dict.fromkeys(MIX_BINS.values(), 0.0)
    for component, share in composition.items():
        shares[MIX_BINS[BIN_OF_COMPONENT.get(component, "residual")]] += float(share)
    return shares


def power_journey(result: Mapping[str, Any], lang: str) -> str:
    """Garbage truck → bunker → furnace → boiler → turbine → grid; flue gas → cleaning → chimney; bottom
    ash → bricks. The truck's bar shows the garbage by bin colour."""
    inc, days = result["chains"]["incineration"], _days(result)
    tonnes = float(inc["inputs"]["tonnes_per_day"])
    heat = inc["inputs"]["heating_value_gj_per_year"] / days
    kwh = inc["products"]["net_electricity_kwh_per_year"] / days
    flue, fly = inc["flue_gas_t_per_year"] / days, inc["fly_ash_t_per_year"] / days
    ash, bricks = (
        inc["bottom_ash_t_per_year"] / days,
        inc["products"]["bottom_ash_recycled_t_per_year"] / days,
    )
    amounts = {
        "truck>bunker": tonnes,
        "bunker>furnace": tonnes,
        "furnace>boiler": heat,
        "boiler>turbine": heat,
        "turbine>grid": kwh,
        "furnace>cleaning": flue,
        "cleaning>chimney": flue - fly,
        "furnace>ash": ash,
        "ash>bricks": bricks,
    }
    numbers = {
        "truck": _qty(tonnes, "t/d", lang),
        "furnace": _qty(heat, "GJ/d", lang),
        "grid": _qty(kwh, "kWh/d", lang),
        "cleaning": _qty(fly, "t/d", lang),
        "chimney": _qty(flue - fly, "t/d", lang),
        "ash": _qty(ash, "t/d", lang),
        "bricks": _qty(bricks, "t/d", lang),
    }
    mix = bin_mix(result.get("values", {}).get("incineration.composition", {}))
    marks = {"truck": {"mix": tuple((BIN_COLOURS[name], share) for name, share in mix.items())}}
    alt = t(
        "journey.power.alt",
        lang,
        tonnes=numbers["truck"],
        power=numbers["grid"],
        ash=numbers["ash"],
        bricks=numbers["bricks"],
        food=format_percent(mix["food"], lang, decimals=0),
    )
    return _build("power", lang, POWER_LAYOUT, POWER_FLOWS, amounts, numbers, POWER_SCALES, alt, marks)


# --------------------------------------------------------------------------------------------
# food waste → biogas (/biogas)
# --------------------------------------------------------------------------------------------
BIOGAS_LAYOUT = (
    ("kitchen", "bin", BIN_COLOURS["food"], (0, 0), (0, 0)),
    ("restaurant", "bowl", BIN_COLOURS["food"], (0, 1), (1, 0)),
    ("biodiesel", "drop", AMBER, (1, 1.5), (2, 0)),
    ("digester", "digester", PLANT_COLOURS["kitchen_waste"], (1, 0.5), (0.5, 1)),
    ("landfill", "landfill", PLANT_COLOURS["landfill"], (2, 2), (2, 1)),
    ("furnace", "fire", HEAT, (2, -0.5), (0, 2)),
    ("blend", "bubble", GREEN, (2, 1), (1.5, 2)),
    ("engine", "engine", BLUE, (3, 0), (0, 3)),
    ("upgrading", "upgrade", VIOLET, (3, 1), (1, 3)),
    ("flare", "flare", AMBER, (3, 2), (2, 3)),
    ("grid", "bolt", BLUE, (4, 0), (0, 4)),
    ("fuel", "gasflame", VIOLET, (4, 1), (1, 4)),
)
BIOGAS_FLOWS = (
    ("kitchen", "digester", "waste", GREEN),
    ("restaurant", "digester", "waste", GREEN),
    ("restaurant", "biodiesel", "oil", AMBER),
    ("digester", "blend", "gas", GREEN),
    ("landfill", "blend", "gas", AMBER),
    ("digester", "furnace", "digestate", STONE),
    ("blend", "engine", "gas", GREEN),
    ("blend", "upgrading", "gas", GREEN),
    ("blend", "flare", "gas", AMBER),
    ("engine", "grid", "power", BLUE),
    ("upgrading", "fuel", "gas", VIOLET),
)
BIOGAS_SCALES = {"waste": 2500.0, "gas": 160_000.0, "digestate": 800.0, "power": 200_000.0, "oil": 25.0}
"""[per day] t of food waste, Nm³ of gas, t of digestate, kWh, t of oil."""


def biogas_journey(result: Mapping[str, Any], lang: str) -> str:
    """Food waste (厨余, 餐厨) → digester → biogas (with the landfill's gas) → engine or upgrading → grid or
    fuel gas; the gas above the handling capacity → flare; digestate → furnace; the restaurant waste's oil
    → biodiesel."""
    chains, days = result["chains"], _days(result)
    kw, rw, lf = chains["kitchen_waste"], chains["restaurant_waste"], chains["landfill"]
    gas = kw["biogas"]
    blend, flared = gas["biogas_nm3_per_year"] / days, gas["flared_biogas_nm3_per_year"] / days
    handled = max(blend - flared, 0.0)
    to_power = float(result.get("values", {}).get("kitchen_waste.to_power_fraction", 0.5))
    digested = (kw["products"]["biogas_nm3_per_year"] + rw["products"]["biogas_nm3_per_year"]) / days
    burned = (
        kw["products"]["digestate_co_incinerated_t_per_year"]
        + rw["products"]["digestate_co_incinerated_t_per_year"]
    ) / days
    kwh, fuel = gas["engine_electricity_kwh_per_year"] / days, gas["fuel_gas_nm3_per_year"] / days
    kitchen_t, restaurant_t = float(kw["inputs"]["tonnes_per_day"]), float(rw["inputs"]["tonnes_per_day"])
    landfill_gas = lf["products"]["landfill_gas_captured_nm3_per_year"] / days
    oil = rw["products"]["oil_t_per_year"] / days
    amounts = {
        "restaurant>biodiesel": oil,
        "kitchen>digester": kitchen_t,
        "restaurant>digester": restaurant_t,
        "digester>blend": digested,
        "landfill>blend": landfill_gas,
        "digester>furnace": burned,
        "blend>engine": handled * to_power,
        "blend>upgrading": handled * (1 - to_power),
        "blend>flare": flared,
        "engine>grid": kwh,
        "upgrading>fuel": fuel,
    }
    numbers = {
        "kitchen": _qty(kitchen_t, "t/d", lang),
        "restaurant": _qty(restaurant_t, "t/d", lang),
        "biodiesel": _qty(oil, "t/d", lang),
        "landfill": _qty(landfill_gas, "Nm3/d", lang),
        "furnace": _qty(burned, "t/d", lang),
        "blend": _qty(blend, "Nm3/d", lang),
        "flare": _qty(flared, "Nm3/d", lang),
        "grid": _qty(kwh, "kWh/d", lang),
        "fuel": _qty(fuel, "Nm3/d", lang),
    }
    marks = {"kitchen": _dots(kitchen_t, 200.0, "t/d", lang)}
    alt = t(
        "journey.biogas.alt",
        lang,
        food=_qty(kitchen_t + restaurant_t, "t/d", lang),
        gas=numbers["blend"],
        flared=numbers["flare"],
        power=numbers["grid"],
        fuel=numbers["fuel"],
    )
    return _build("biogas", lang, BIOGAS_LAYOUT, BIOGAS_FLOWS, amounts, numbers, BIOGAS_SCALES, alt, marks)


# --------------------------------------------------------------------------------------------
# leachate → reclaimed water (/water)
# --------------------------------------------------------------------------------------------
WATER_LAYOUT = (
    ("bunker", "bunker", PLANT_COLOURS["incineration"], (0, 0), (0, 0)),
    ("foodplant", "factory", PLANT_COLOURS["kitchen_waste"], (0, 1), (1, 0)),
    ("landfill", "landfill", PLANT_COLOURS["landfill"], (0, 2), (2, 0)),
    ("treatment", "tank", PLANT_COLOURS["leachate"], (1, 1), (1, 1)),
    ("reclaimed", "drop", BLUE, (2, 0), (0, 2)),
    ("ammonia", "ammonia", TEAL, (2, 1), (1, 2)),
    ("furnace", "fire", HEAT, (2, 2), (2, 2)),
)
WATER_FLOWS = (
    ("bunker", "treatment", "water", SLATE),
    ("foodplant", "treatment", "water", SLATE),
    ("landfill", "treatment", "water", SLATE),
    ("treatment", "reclaimed", "water", BLUE),
    ("treatment", "ammonia", "ammonia", TEAL),
    ("treatment", "furnace", "water", AMBER),
)
WATER_SCALES = {"water": 3200.0, "ammonia": 8.0}
"""[per day] m³ of water, t of ammonia nitrogen."""


def water_journey(result: Mapping[str, Any], lang: str) -> str:
    """Leachate from its three sources (the incinerator's bunker, the food-waste plant, the landfill) →
    treatment (its number: the COD left in the treated water, its squares: the water treated) → reclaimed
    water; ammonia recovered; the concentrate → furnace."""
    chain, days = result["chains"]["leachate"], _days(result)
    inputs, products = chain["inputs"], chain["products"]
    sources = {
        "bunker": inputs["from_incineration_m3_per_year"] / days,
        "foodplant": inputs["from_restaurant_waste_m3_per_year"] / days,
        "landfill": inputs["from_landfill_m3_per_year"] / days,
    }
    total = inputs["leachate_m3_per_year"] / days
    reclaimed, concentrate = (
        products["reclaimed_water_m3_per_year"] / days,
        products["concentrate_m3_per_year"] / days,
    )
    ammonia = products["ammonia_n_recovered_t_per_year"] / days
    amounts = {f"{key}>treatment": value for key, value in sources.items()}
    amounts.update(
        {"treatment>reclaimed": reclaimed, "treatment>ammonia": ammonia, "treatment>furnace": concentrate}
    )
    numbers = {key: _qty(value, "m3/d", lang) for key, value in sources.items()}
    numbers.update(
        treatment=_qty(chain["effluent_cod_mg_per_l"], "mg/L", lang),
        reclaimed=_qty(reclaimed, "m3/d", lang),
        ammonia=_qty(ammonia, "t/d", lang),
        furnace=_qty(concentrate, "m3/d", lang),
    )
    marks = {"treatment": _dots(total, 300.0, "m3/d", lang)}
    alt = t(
        "journey.water.alt",
        lang,
        leachate=_qty(total, "m3/d", lang),
        reclaimed=numbers["reclaimed"],
        clean=format_number(chain["effluent_cod_mg_per_l"], lang, sig=SIG),
        limit=format_number(chain["cod_limit_mg_per_l"], lang, sig=SIG),
    )
    return _build("water", lang, WATER_LAYOUT, WATER_FLOWS, amounts, numbers, WATER_SCALES, alt, marks)


# --------------------------------------------------------------------------------------------
# construction waste and bottom ash → aggregate and bricks (/materials)
# --------------------------------------------------------------------------------------------
MATERIALS_LAYOUT = (
    ("rubble", "rubble", STONE, (0, 0), (0, 0)),
    ("crusher", "crusher", PLANT_COLOURS["construction_waste"], (1, 0), (0, 1)),
    ("aggregate", "stones", STONE, (2, 0), (0, 2)),
    ("bricks", "bricks", STONE, (2, 1), (1, 2)),
    ("ash", "ash", AMBER, (1, 1), (1, 0)),
    ("landfill", "landfill", AMBER, (0, 1), (1, 1)),
)
MATERIALS_FLOWS = (
    ("rubble", "crusher", "solid", STONE),
    ("crusher", "aggregate", "solid", STONE),
    ("crusher", "bricks", "solid", STONE),
    ("ash", "bricks", "solid", AMBER),
    ("crusher", "landfill", "solid", AMBER),
    ("ash", "landfill", "solid", AMBER),
)
MATERIALS_SCALES = {"solid": 3200.0}
"""[t per day] rubble, ash and what they become: one scale, so the pieces add up by eye."""


def materials_journey(result: Mapping[str, Any], lang: str) -> str:
    """Construction waste → crusher → aggregate and bricks (the rejects to landfill); the incinerator's
    bottom ash → bricks (the rest to landfill)."""
    chain, days = result["chains"]["construction_waste"], _days(result)
    inc = result["chains"]["incineration"]
    rubble = float(chain["inputs"]["tonnes_per_day"])
    ash_in = chain["inputs"]["bottom_ash_t_per_year"] / days
    ash_all = inc["bottom_ash_t_per_year"] / days
    aggregate, bricks = (
        chain["products"]["aggregate_t_per_year"] / days,
        chain["products"]["bricks_t_per_year"] / days,
    )
    rejects = chain["products"]["rejects_t_per_year"] / days
    amounts = {
        "rubble>crusher": rubble,
        "crusher>aggregate": aggregate,
        "crusher>bricks": max(bricks - ash_in, 0.0),
        "ash>bricks": ash_in,
        "crusher>landfill": rejects,
        "ash>landfill": max(ash_all - ash_in, 0.0),
    }
    numbers = {
        "rubble": _qty(rubble, "t/d", lang),
        "aggregate": _qty(aggregate, "t/d", lang),
        "bricks": _qty(bricks, "t/d", lang),
        "ash": _qty(ash_all, "t/d", lang),
        "landfill": _qty(rejects + max(ash_all - ash_in, 0.0), "t/d", lang),
    }
    marks = {"rubble": _dots(rubble, 300.0, "t/d", lang)}
    alt = t(
        "journey.materials.alt",
        lang,
        rubble=numbers["rubble"],
        aggregate=numbers["aggregate"],
        bricks=numbers["bricks"],
        landfill=numbers["landfill"],
    )
    return _build(
        "materials", lang, MATERIALS_LAYOUT, MATERIALS_FLOWS, amounts, numbers, MATERIALS_SCALES, alt, marks
    )


# --------------------------------------------------------------------------------------------
# sun → roof → the park's electricity (/solar)
# --------------------------------------------------------------------------------------------
SOLAR_LAYOUT = (
    ("sun", "sun", PLANT_COLOURS["solar"], (0, 0), (0, 0)),
    ("roof", "panel", BLUE, (1, 0), (1, 0)),
    ("grid", "bolt", BLUE, (2, 0), (2, 0)),
)
SOLAR_FLOWS = (("sun", "roof", "sun", "#ca8a04"), ("roof", "grid", "power", BLUE))
SOLAR_SCALES = {"sun": 1500.0, "power": 20_000.0}
"""Sunshine [full-sun hours a year: kWh per kWp], electricity [kWh per day]."""


def solar_journey(result: Mapping[str, Any], lang: str) -> str:
    """Sun → panels on the roofs → the park's electricity. The sun's pipe is the sunshine of a year (kWh a
    kWp makes: the hours of full sun); the panels' squares are the panels, one per 500 kWp."""
    chain, days = result["chains"]["solar"], _days(result)
    kwp = float(chain["inputs"]["kwp"])
    kwh = chain["products"]["electricity_kwh_per_year"] / days
    sunshine = float(result.get("values", {}).get("solar.kwh_per_kwp", kwh * days / kwp if kwp else 0.0))
    amounts = {"sun>roof": sunshine, "roof>grid": kwh}
    numbers = {
        "sun": _qty(sunshine, "h/yr", lang),
        "roof": _qty(kwp, "kWp", lang),
        "grid": _qty(kwh, "kWh/d", lang),
    }
    marks = {"roof": _dots(kwp, 500.0, "kWp", lang)}
    alt = t("journey.solar.alt", lang, kwp=numbers["roof"], hours=numbers["sun"], power=numbers["grid"])
    return _build("solar", lang, SOLAR_LAYOUT, SOLAR_FLOWS, amounts, numbers, SOLAR_SCALES, alt, marks)


# --------------------------------------------------------------------------------------------
# waste heat → steam for the food-waste plants (/steam)
# --------------------------------------------------------------------------------------------
STEAM_LAYOUT = (
    ("incinerator", "fire", PLANT_COLOURS["incineration"], (0, 0), (0, 0)),
    ("pipe", "steam", HEAT, (1, 0), (1, 0)),
    ("foodplant", "factory", PLANT_COLOURS["kitchen_waste"], (2, 0), (1, 1)),
    ("boiler", "gasboiler", SLATE, (2, 1), (2, 1)),
    ("lost", "lost", AMBER, (1, 1), (2, 0)),
    ("grid", "bolt", BLUE, (0, 1), (0, 1)),
)
STEAM_FLOWS = (
    ("incinerator", "pipe", "steam", HEAT),
    ("pipe", "foodplant", "steam", HEAT),
    ("pipe", "lost", "steam", AMBER),
    ("boiler", "foodplant", "steam", SLATE),
    ("incinerator", "grid", "power", BLUE),
)
STEAM_SCALES = {"steam": 600.0, "power": 2_500_000.0}
"""[per day] t of steam (the gas boiler's heat counted as the steam it replaces), kWh."""


def steam_journey(result: Mapping[str, Any], lang: str) -> str:
    """Incinerator → steam → the food-waste plants; the gas boiler makes what the steam does not cover
    (its pipe: the steam it stands in for; its number: the natural gas it burns); steam beyond what the
    plants need is lost; the electricity the incinerator still sends out."""
    inc, days = result["chains"]["incineration"], _days(result)
    enthalpy = load_factors().c("steam_enthalpy_gj_per_t")
    sent = inc["products"]["export_steam_t_per_year"] / days
    used = result["quantities"]["steam_useful_gj"] / enthalpy / days
    boiler = result["quantities"]["boiler_heat_gj"] / enthalpy / days  # as the steam it stands in for
    gas_gj = sum(
        link["value"] for link in result["flows"]["energy"]["links"] if link["source"] == "natural_gas"
    )
    gas_nm3 = gas_gj * 1000.0 / load_factors().c("natural_gas_ncv_mj_per_nm3") / days
    kwh = inc["products"]["net_electricity_kwh_per_year"] / days
    amounts = {
        "incinerator>pipe": sent,
        "pipe>foodplant": used,
        "pipe>lost": max(sent - used, 0.0),
        "boiler>foodplant": boiler,
        "incinerator>grid": kwh,
    }
    need = used + boiler
    covered = used / need if need > 0 else 0.0
    numbers = {
        "pipe": _qty(sent, "t/d", lang),
        "foodplant": t("journey.steam.covered", lang, share=format_percent(covered, lang, decimals=0)),
        "boiler": _qty(gas_nm3, "Nm3/d", lang),
        "lost": _qty(max(sent - used, 0.0), "t/d", lang),
        "grid": _qty(kwh, "kWh/d", lang),
    }
    alt = t(
        "journey.steam.alt",
        lang,
        steam=numbers["pipe"],
        covered=numbers["foodplant"],
        boiler=numbers["boiler"],
        lost=numbers["lost"],
    )
    return _build("steam", lang, STEAM_LAYOUT, STEAM_FLOWS, amounts, numbers, STEAM_SCALES, alt)


# --------------------------------------------------------------------------------------------
# the whole park (home page)
# --------------------------------------------------------------------------------------------
PARK_LAYOUT = (
    ("residual", "bin", BIN_COLOURS["residual"], (0, 0), (0, 0)),
    ("incinerator", "fire", PLANT_COLOURS["incineration"], (1, 0), (1, 0)),
    ("grid", "bolt", BLUE, (2, 0), (2, 0)),
    ("food", "bin", BIN_COLOURS["food"], (0, 1), (0, 1)),
    ("foodplant", "digester", PLANT_COLOURS["kitchen_waste"], (1, 1), (1, 1)),
    ("fuel", "gasflame", VIOLET, (2, 1), (2, 1)),
    ("rubble", "rubble", STONE, (0, 2), (0, 2)),
    ("crusher", "crusher", PLANT_COLOURS["construction_waste"], (1, 2), (1, 2)),
    ("bricks", "bricks", STONE, (2, 2), (2, 2)),
    ("sun", "sun", PLANT_COLOURS["solar"], (3, 0), (0, 3)),
    ("roof", "panel", BLUE, (4, 0), (1, 3)),
    ("parkpower", "bolt", BLUE, (5, 0), (2, 3)),
    ("leachate", "drop", SLATE, (3, 1), (0, 4)),
    ("waterplant", "tank", PLANT_COLOURS["leachate"], (4, 1), (1, 4)),
    ("water", "drop", BLUE, (5, 1), (2, 4)),
)
PARK_FLOWS = (
    ("residual", "incinerator", "waste", GREY),
    ("incinerator", "grid", "power", BLUE),
    ("incinerator", "foodplant", "steam", HEAT),
    ("food", "foodplant", "waste", GREEN),
    ("foodplant", "fuel", "gas", VIOLET),
    ("foodplant", "grid", "power", BLUE),
    ("rubble", "crusher", "waste", STONE),
    ("incinerator", "crusher", "waste", STONE),
    ("crusher", "bricks", "waste", STONE),
    ("sun", "roof", "power", "#ca8a04"),
    ("roof", "parkpower", "power", BLUE),
    ("leachate", "waterplant", "water", SLATE),
    ("waterplant", "water", "water", BLUE),
)
PARK_SCALES = {"waste": 7000.0, "power": 2_500_000.0, "steam": 600.0, "gas": 40_000.0, "water": 3200.0}


def park_journey(result: Mapping[str, Any], lang: str) -> str:
    """The whole park: 其他垃圾 → incinerator → electricity; 厨余 → food-waste plants → fuel gas and
    electricity (steam from the incinerator); rubble and bottom ash → bricks and aggregate; sun → roofs;
    leachate → reclaimed water."""
    chains, days, totals = result["chains"], _days(result), result["totals"]
    inc, kw, rw = chains["incineration"], chains["kitchen_waste"], chains["restaurant_waste"]
    cw, solar, water = chains["construction_waste"], chains["solar"], chains["leachate"]
    food = float(kw["inputs"]["tonnes_per_day"]) + float(rw["inputs"]["tonnes_per_day"])
    solar_kwh = solar["products"]["electricity_kwh_per_year"] / days
    materials = (cw["products"]["aggregate_t_per_year"] + cw["products"]["bricks_t_per_year"]) / days
    amounts = {
        "residual>incinerator": float(inc["inputs"]["tonnes_per_day"]),
        "incinerator>grid": inc["products"]["net_electricity_kwh_per_year"] / days,
        "incinerator>foodplant": inc["products"]["export_steam_t_per_year"] / days,
        "food>foodplant": food,
        "foodplant>fuel": totals["fuel_gas_nm3_per_year"] / days,
        "foodplant>grid": kw["biogas"]["engine_electricity_kwh_per_year"] / days,
        "rubble>crusher": float(cw["inputs"]["tonnes_per_day"]),
        "incinerator>crusher": cw["inputs"]["bottom_ash_t_per_year"] / days,
        "crusher>bricks": materials,
        "sun>roof": solar_kwh,
        "roof>parkpower": solar_kwh,
        "leachate>waterplant": water["inputs"]["leachate_m3_per_year"] / days,
        "waterplant>water": water["products"]["reclaimed_water_m3_per_year"] / days,
    }
    numbers = {
        "residual": _qty(amounts["residual>incinerator"], "t/d", lang),
        "grid": _qty(totals["net_electricity_kwh_per_year"] / days, "kWh/d", lang),
        "food": _qty(food, "t/d", lang),
        "fuel": _qty(amounts["foodplant>fuel"], "Nm3/d", lang),
        "rubble": _qty(amounts["rubble>crusher"], "t/d", lang),
        "bricks": _qty(materials, "t/d", lang),
        "parkpower": _qty(solar_kwh, "kWh/d", lang),
        "leachate": _qty(amounts["leachate>waterplant"], "m3/d", lang),
        "water": _qty(amounts["waterplant>water"], "m3/d", lang),
    }
    alt = t(
        "journey.home.alt",
        lang,
        garbage=numbers["residual"],
        food=numbers["food"],
        power=numbers["grid"],
        bricks=numbers["bricks"],
        water=numbers["water"],
    )
    return _build("home", lang, PARK_LAYOUT, PARK_FLOWS, amounts, numbers, PARK_SCALES, alt)


JOURNEYS: dict[str, Callable[[Mapping[str, Any], str], str]] = {
    "power": power_journey,
    "biogas": biogas_journey,
    "water": water_journey,
    "materials": materials_journey,
    "solar": solar_journey,
    "steam": steam_journey,
    "home": park_journey,
}
"""Each page's journey (the page key as in ``parkloop.pages``)."""
LAYOUTS = {
    "power": POWER_LAYOUT,
    "biogas": BIOGAS_LAYOUT,
    "water": WATER_LAYOUT,
    "materials": MATERIALS_LAYOUT,
    "solar": SOLAR_LAYOUT,
    "steam": STEAM_LAYOUT,
    "home": PARK_LAYOUT,
}


def journey(page: str, result: Mapping[str, Any], lang: str) -> str:
    """The journey of ``page`` for this result, in ``lang`` (HTML; its style: :func:`style`)."""
    return JOURNEYS[page](result, lang)


def style(page: str) -> str:
    """The ``<style>`` of ``page``'s journey (the same for every result and language)."""
    return journey_css(tuple(key for key, *_ in LAYOUTS[page]))
