"""The park map: plants from ``data/park_map.toml`` and the model's flows between them as arcs.

Pure (no Streamlit, no pydeck): the page turns these rows into layers. The model's flow graphs name
process nodes (``incinerator``, ``food_waste_plant`` …); :data:`NODE_PLACE` says which place on the map
each node belongs to, so a link between two nodes of different places becomes an arc. Links inside one
place (the incinerator's own losses) and to nowhere on the map (flue gas, losses) are left out.

The park's carbon, in the three ledgers of model.md (version 2), never netted: each plant's **inventory**
(what it emits inside the fence — the park's own landfill among them) and **avoided** emissions (outside
the fence), from the model's chains; the inventory and the avoided lists by category. The landfill
counterfactual is in neither and is not drawn here; the page only says where it is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parkloop import settings
from parkloop.content import t
from parkloop.exhibits.figures import Figure, illustrative
from parkloop.i18n import format_quantity
from parkloop.model import AVOIDED_CATEGORIES, EMISSION_CATEGORIES
from parkloop.model.tomlfile import DataFileError, read_toml

DATA_FILE = "park_map.toml"
MAP_FLOWS: tuple[str, ...] = ("material", "energy", "water")
PLACES_EXTRA: tuple[str, ...] = ("city", "substation")  # on the map, but not plants with an exhibit

# Graph node → place on the map, per flow. Nodes not listed have no place (losses, flue gas, air).
NODE_PLACE: dict[str, dict[str, str]] = {
    "material": {
        "household_waste": "city",
        "food_waste": "city",
        "restaurant_waste": "city",
        "construction_waste": "city",
        "incinerator": "incineration",
        "food_waste_plant": "kitchen_waste",
        "biodiesel": "city",
        "leachate_plant": "leachate",
        "leachate_concentrate": "leachate",
        "construction_waste_plant": "construction_waste",
        "recycled_aggregate": "city",
        "recycled_bricks": "city",
        "landfill": "landfill",
    },
    "energy": {
        "incinerator": "incineration",
        "digestate_heating_value": "kitchen_waste",
        "food_waste_plant": "kitchen_waste",
        "process_heat_used": "kitchen_waste",
        "natural_gas": "city",
        "gas_boiler": "kitchen_waste",
        "digester_biogas": "kitchen_waste",
        "biogas_blend": "kitchen_waste",
        "flare": "kitchen_waste",
        "gas_engines": "kitchen_waste",
        "upgrading": "kitchen_waste",
        "landfill_gas": "landfill",
        "city_gas": "city",
        "sunlight": "solar",
        "grid_import": "city",
        "park_electricity": "substation",
        "food_waste_plant_power": "kitchen_waste",
        "leachate_plant_power": "leachate",
        "construction_waste_plant_power": "construction_waste",
        "grid_export": "city",
    },
    "water": {
        "leachate_from_incineration": "incineration",
        "leachate_from_restaurant_waste": "kitchen_waste",
        "leachate_from_landfill": "landfill",
        "leachate_plant": "leachate",
        "incinerator": "incineration",
    },
}
FLOW_COLOURS: dict[str, tuple[int, int, int]] = {
    "material": (146, 64, 14),  # brown: stuff
    "energy": (220, 38, 38),  # red: power and heat
    "water": (29, 78, 216),  # blue: water
}
MIN_WIDTH_PX, MAX_WIDTH_PX = 2.0, 16.0


@dataclass(frozen=True)
class Arc:
    """One arrow on the map: all of one flow's links from one place to another, added up."""

    flow: str
    source: str
    target: str
    value: float
    unit: str


def data_path() -> Path:
    """``park_map.toml`` in the data folder (the ``data_dir`` setting)."""
    return Path(str(settings.get("data_dir"))) / DATA_FILE


def load_park_map(path: Path | str | None = None) -> dict[str, Any]:
    """The map file as plain data, checked enough that a broken file fails a test, not a kiosk.

    :raises DataFileError: (a ValueError) with one line naming the file and what is missing."""
    path = Path(path) if path is not None else data_path()
    data = read_toml(path)
    for key in ("map", "boundary", "roads", "city", "substation", "plants"):
        if key not in data:
            raise DataFileError(str(path), f"[{key}]", "missing")
    for plant, spec in data["plants"].items():
        for key in ("position", "outline", "colour"):
            if key not in spec:
                raise DataFileError(str(path), f"plants.{plant}.{key}", "missing")
    return data


def place_positions(park_map: dict[str, Any]) -> dict[str, list[float]]:
    """Where each place's arcs start and end: the plants, the city and the substation."""
    positions = {plant: list(spec["position"]) for plant, spec in park_map["plants"].items()}
    positions["city"] = list(park_map["city"]["position"])
    positions["substation"] = list(park_map["substation"]["position"])
    return positions


def plant_arcs(flows: dict[str, Any], kinds: tuple[str, ...] = MAP_FLOWS) -> list[Arc]:
    """The flows between places, biggest first, from a model result's ``flows``."""
    totals: dict[tuple[str, str, str], float] = {}
    units: dict[str, str] = {}
    for flow in kinds:
        graph = flows.get(flow) or {}
        units[flow] = graph.get("unit", "")
        places = NODE_PLACE.get(flow, {})
        for link in graph.get("links", []):
            source, target = places.get(link["source"]), places.get(link["target"])
            if source is None or target is None or source == target or link["value"] <= 0:
                continue
            key = (flow, source, target)
            totals[key] = totals.get(key, 0.0) + float(link["value"])
    arcs = [Arc(flow, s, tg, value, units[flow]) for (flow, s, tg), value in totals.items()]
    return sorted(arcs, key=lambda arc: (MAP_FLOWS.index(arc.flow), -arc.value))


def arc_width(value: float, largest: float) -> float:
    """Width in pixels, by the square root of the value within one flow, so small links stay visible.

    Widths only compare arcs of the same flow: tonnes, gigajoules and cubic metres have no common scale.
    """
    if largest <= 0 or value <= 0:
        return MIN_WIDTH_PX
    return MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * math.sqrt(min(value / largest, 1.0))


def place_name(place: str, lang: str) -> str:
    return t(f"park.plant.{place}", lang)


def flow_name(flow: str, lang: str) -> str:
    return t(f"park.flow.{flow}", lang)


def arc_rows(arcs: list[Arc], park_map: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Rows for a pydeck ArcLayer (positions, colour, width, tooltip) — plain data."""
    positions = place_positions(park_map)
    largest = {flow: max((a.value for a in arcs if a.flow == flow), default=0.0) for flow in MAP_FLOWS}
    rows = []
    for arc in arcs:
        if arc.source not in positions or arc.target not in positions:
            continue
        colour = list(FLOW_COLOURS[arc.flow])
        rows.append(
            {
                "flow": arc.flow,
                "source": positions[arc.source],
                "target": positions[arc.target],
                "source_colour": colour + [230],
                "target_colour": colour + [140],
                "width": round(arc_width(arc.value, largest[arc.flow]), 2),
                "tip": arc_text(arc, lang),
            }
        )
    return rows


def arc_text(arc: Arc, lang: str) -> str:
    """``"Food-waste plants → Waste-to-energy plant: 14万 t/年 (material)"``."""
    return t(
        "park.arc_text",
        lang,
        source=place_name(arc.source, lang),
        target=place_name(arc.target, lang),
        value=format_quantity(arc.value, arc.unit, lang),
        flow=flow_name(arc.flow, lang),
    )


def plant_rows(park_map: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Rows for the plants' PolygonLayer (pickable: a tap opens the plant's exhibit)."""
    return [
        {
            "plant": plant,
            "polygon": spec["outline"],
            "colour": list(spec["colour"]) + [170],
            "tip": place_name(plant, lang),
        }
        for plant, spec in park_map["plants"].items()
    ]


def label_rows(park_map: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Text labels for every place on the map (plants, the city, the substation)."""
    return [
        {"position": position, "text": place_name(place, lang)}
        for place, position in place_positions(park_map).items()
    ]


def selected_plant(selection: Any, known: set[str]) -> str | None:
    """The plant a tap on the map chose, from Streamlit's pydeck selection state; ``None`` otherwise.

    The selection comes from the browser, so it is checked: only a known plant id is returned.
    """
    try:
        objects = selection["selection"]["objects"]
    except (KeyError, TypeError, IndexError):
        return None
    if not isinstance(objects, dict):
        return None
    for picked in objects.get("plants", []) or []:
        plant = picked.get("plant") if isinstance(picked, dict) else None
        if isinstance(plant, str) and plant in known:
            return plant
    return None


def biggest_between_plants(arcs: list[Arc]) -> list[Arc]:
    """For each flow, the biggest arc from one plant to another (the city and the substation are not
    plants). Flows are never compared with each other: their units differ."""
    result = []
    for flow in MAP_FLOWS:
        between = [a for a in arcs if a.flow == flow and not {a.source, a.target} & set(PLACES_EXTRA)]
        if between:
            result.append(max(between, key=lambda a: a.value))
    return result


def summary_fields(arcs: list[Arc], lang: str) -> dict[str, str]:
    """Fields of the sentence under the map: how many arcs, and the biggest exchange of each flow."""
    items = [
        t(
            "park.summary_item",
            lang,
            flow=flow_name(arc.flow, lang),
            source=place_name(arc.source, lang),
            target=place_name(arc.target, lang),
            value=format_quantity(arc.value, arc.unit, lang),
        )
        for arc in biggest_between_plants(arcs)
    ]
    return {"count": str(len(arcs)), "items": t("park.list_sep", lang).join(items) or "—"}


# --------------------------------------------------------------------------------------------------
# the map as layers: plain data the page hands to pydeck (``type`` is the deck.gl layer class)
# --------------------------------------------------------------------------------------------------
LABEL_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Sans Pro", sans-serif'
LITERAL_STRINGS: tuple[str, ...] = ("character_set", "font_family")
"""Layer options that are plain strings; pydeck would otherwise read a string as a data accessor."""
PHONE_ZOOM_OUT = 2.2
"""A 390 px phone shows about a quarter of the kiosk's width: zoom out by this much."""


def view_state(park_map: dict[str, Any], narrow: bool) -> dict[str, float]:
    """Where the map looks from: the file's view, zoomed out and flat on a phone (arcs seen from above
    overlap less)."""
    view = park_map["map"]
    longitude, latitude = view["centre"][0], view["centre"][1]
    return {
        "longitude": longitude,
        "latitude": latitude,
        "zoom": view["zoom"] - (PHONE_ZOOM_OUT if narrow else 0.0),
        "pitch": 0 if narrow else view["pitch"],
        "bearing": view["bearing"],
    }


def _context_layers(park_map: dict[str, Any]) -> list[dict[str, Any]]:
    """The park's fence, its roads and the city's edge: drawn, never picked."""
    fence = {"type": "Polygon", "coordinates": [park_map["boundary"]["outline"]]}
    return [
        {
            "type": "GeoJsonLayer",
            "id": "boundary",
            "data": {"type": "Feature", "geometry": fence, "properties": {}},
            "filled": True,
            "stroked": True,
            "get_fill_color": [236, 253, 245, 255],
            "get_line_color": [21, 128, 61, 255],
            "line_width_min_pixels": 2,
        },
        {
            "type": "PathLayer",
            "id": "roads",
            "data": [{"path": road["path"]} for road in park_map["roads"]],
            "get_path": "path",
            "get_color": [156, 163, 175, 255],
            "width_min_pixels": 4,
            "get_width": 8,
        },
        {
            "type": "PathLayer",
            "id": "city-edge",
            "data": [{"path": park_map["city"]["edge"]}],
            "get_path": "path",
            "get_color": [75, 85, 99, 255],
            "width_min_pixels": 6,
            "get_width": 12,
        },
    ]


def map_layers(
    park_map: dict[str, Any], arcs: list[dict[str, Any]], lang: str, narrow: bool
) -> list[dict[str, Any]]:
    """Every layer of the map, bottom first: context, the plants (a tap opens one), the arcs
    (:func:`arc_rows`) and the places' names."""
    plants = {
        "type": "PolygonLayer",
        "id": "plants",
        "data": plant_rows(park_map, lang),
        "get_polygon": "polygon",
        "get_fill_color": "colour",
        "get_line_color": [17, 24, 39, 255],
        "line_width_min_pixels": 1,
        "pickable": True,
        "auto_highlight": True,
        "highlight_color": [250, 204, 21, 200],
    }
    arc_layer = {
        "type": "ArcLayer",
        "id": "arcs",
        "data": arcs,
        "get_source_position": "source",
        "get_target_position": "target",
        "get_source_color": "source_colour",
        "get_target_color": "target_colour",
        "get_width": "width",
        "get_height": 0.35,
        "width_scale": 0.5 if narrow else 1.0,  # a phone's map is a quarter of the kiosk's
        "pickable": True,
    }
    labels = {
        "type": "TextLayer",
        "id": "labels",
        "data": label_rows(park_map, lang),
        "get_position": "position",
        "get_text": "text",
        "get_size": 11 if narrow else 17,
        "get_color": [17, 24, 39, 255],
        "character_set": "auto",
        "font_family": LABEL_FONT,
        "background": True,
        "get_background_color": [255, 255, 255, 235],
        "background_padding": [4, 2],
        "get_pixel_offset": [0, -18],
        # labels stay readable in front of the arcs (no depth test against the 3D arcs)
        "parameters": {"depthCompare": "always", "depthWriteEnabled": False},
    }
    return [*_context_layers(park_map), plants, arc_layer, labels]


def provenance_items(lang: str) -> list[tuple[str, Any]]:
    """What "where the numbers come from" lists: the schematic geometry, the model's flows and its
    carbon ledgers."""
    return [
        (t("park.prov_geometry", lang), illustrative(t("park.prov_geometry_detail", lang), lang)),
        (t("park.prov_arcs", lang), "model"),
        (t("park.prov_carbon", lang), "model"),
    ]


# --------------------------------------------------------------------------------------------------
# the park's carbon: two ledgers by plant and by category, never netted (model.md, version 2)
# --------------------------------------------------------------------------------------------------
PLACE_CHAINS: dict[str, tuple[str, ...]] = {
    "incineration": ("incineration",),
    "kitchen_waste": ("kitchen_waste", "restaurant_waste"),  # one place on the map, two plants
    "leachate": ("leachate",),
    "construction_waste": ("construction_waste",),
    "landfill": ("landfill",),  # the park's own sanitary landfill: in the inventory
    "solar": ("solar",),
}
"""Which of the model's chains each plant on the map stands for."""
CO2E = "t CO2e/yr"


@dataclass(frozen=True)
class PlantCarbon:
    """One plant's two ledgers [t CO₂e a year]: what it emits in the park, and what it avoids elsewhere."""

    inventory_t: float
    avoided_t: float


def plant_carbon(result: dict[str, Any]) -> dict[str, PlantCarbon]:
    """Each plant's inventory and avoided emissions, adding up its chains (:data:`PLACE_CHAINS`)."""
    chains = result["chains"]
    return {
        place: PlantCarbon(
            sum(chains[name]["emissions_t_co2e_per_year"] for name in names),
            sum(chains[name]["avoided_t_co2e_per_year"] for name in names),
        )
        for place, names in PLACE_CHAINS.items()
    }


def plant_carbon_text(carbon: PlantCarbon, lang: str) -> str:
    """One plant's line: "园区自身排放 … ；替代减排 …", each number with its ledger's name."""
    return t(
        "park.carbon_line",
        lang,
        inventory=format_quantity(carbon.inventory_t, CO2E, lang),
        avoided=format_quantity(carbon.avoided_t, CO2E, lang),
    )


def landfill_text(result: dict[str, Any], lang: str) -> str:
    """The park's own landfill, which has no exhibit: its methane is in the inventory."""
    chain, emissions = result["chains"]["landfill"], result["ledger"]["emissions"]
    return t(
        "park.no_exhibit.landfill",
        lang,
        ch4=format_quantity(chain["methane_emitted_t_per_year"], "t CH4/yr", lang),
        co2e=format_quantity(emissions["park_landfill_ch4"], CO2E, lang),
        gas=format_quantity(chain["products"]["landfill_gas_captured_nm3_per_year"], "Nm3/yr", lang),
    )


def ledger_figures(result: dict[str, Any], lang: str) -> list[list[Figure]]:
    """The park's two totals side by side, each labelled with its ledger; never subtracted."""
    totals, emissions = result["totals"], result["ledger"]["emissions"]
    landfill = format_quantity(emissions["park_landfill_ch4"], CO2E, lang)
    return [
        [
            Figure(
                "fig-inventory",
                t("park.inventory", lang),
                format_quantity(totals["emissions_t_co2e_per_year"], CO2E, lang),
                "model",
                t("park.inventory_note", lang, landfill=landfill),
            ),
            Figure(
                "fig-avoided",
                t("park.avoided", lang),
                format_quantity(totals["avoided_t_co2e_per_year"], CO2E, lang),
                "model",
                t("park.avoided_note", lang),
            ),
        ]
    ]


def ledger_lines(result: dict[str, Any], ledger: str, lang: str) -> str:
    """A Markdown list of one ledger (``"emissions"`` = the inventory, or ``"avoided"``) by category,
    in the model's order; categories of zero stay in the list, so nothing silently disappears."""
    categories = EMISSION_CATEGORIES if ledger == "emissions" else AVOIDED_CATEGORIES
    values = result["ledger"][ledger]
    return "\n".join(
        t(
            "park.ledger_line",
            lang,
            category=t(f"park.ledger.{ledger}.{category}", lang),
            value=format_quantity(values.get(category, 0.0), CO2E, lang),
        )
        for category in categories
    )
