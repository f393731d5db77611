"""The park map (``park``): the geometry file, arcs from the model's flows, plant selection, and the page.

Expected arc values are taken from the model's own links (``evaluate``), never from the page's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, has_key, t
from parkloop.exhibits.park import (
    MAX_WIDTH_PX,
    MIN_WIDTH_PX,
    NODE_PLACE,
    PLACES_EXTRA,
    arc_rows,
    arc_width,
    biggest_between_plants,
    data_path,
    landfill_text,
    ledger_figures,
    ledger_lines,
    load_park_map,
    map_layers,
    place_positions,
    plant_arcs,
    plant_carbon,
    plant_carbon_text,
    provenance_items,
    selected_plant,
    summary_fields,
    view_state,
)
from parkloop.i18n import contains_cjk, format_quantity
from parkloop.model import evaluate, load_scenario
from parkloop.model.tomlfile import DataFileError
from parkloop.pages import EXHIBITS, page_for_plant
from tests.apptest import figures
from tests.apptest import open_page as open_app_page

PARK = load_park_map()
REPO_MAP = Path(__file__).resolve().parents[2] / "data" / "park_map.toml"


def plan_flows() -> dict:
    return evaluate(load_scenario("plan-2026")).to_dict()["flows"]


def link(flows: dict, flow: str, source: str, target: str) -> float:
    return sum(
        lk["value"] for lk in flows[flow]["links"] if lk["source"] == source and lk["target"] == target
    )


# ---------------------------------------------------------------------------------------------------
# the map file
# ---------------------------------------------------------------------------------------------------
def test_map_file_has_every_plant_the_pages_name() -> None:
    plants = {spec.plant for spec in EXHIBITS if spec.plant}
    assert plants <= set(PARK["plants"])
    assert {"incineration", "kitchen_waste", "leachate", "construction_waste", "landfill", "solar"} <= set(
        PARK["plants"]
    )
    assert "illustrative" in PARK["map"]["provenance"] and "not surveyed" in PARK["map"]["provenance"]


def test_plants_sit_inside_the_park_and_outlines_are_closed() -> None:
    fence = PARK["boundary"]["outline"]
    lons, lats = [p[0] for p in fence], [p[1] for p in fence]
    for plant, spec in PARK["plants"].items():
        outline = spec["outline"]
        assert outline[0] == outline[-1], plant
        for lon, lat in [*outline, spec["position"]]:
            assert min(lons) <= lon <= max(lons) and min(lats) <= lat <= max(lats), plant
    assert PARK["city"]["position"][0] < min(lons)  # the city lies west of the park


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_place_has_a_name(lang: str) -> None:
    for place in [*PARK["plants"], *PLACES_EXTRA]:
        assert has_key(f"park.plant.{place}", lang), place
    for places in NODE_PLACE.values():
        assert set(places.values()) <= set(place_positions(PARK))


def test_a_broken_map_file_fails_loudly(tmp_path: Path) -> None:
    broken = tmp_path / "park_map.toml"
    broken.write_text("[map]\ncentre = [1, 2]\n[plants.x]\nposition = [1, 2]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing"):
        load_park_map(broken)


def test_map_file_errors_are_one_line_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "park_map.toml"
    broken.write_text("[map]\ncentre = [1, 2]\n[plants.x]\nposition = [1, 2]\n", encoding="utf-8")
    with pytest.raises(DataFileError) as missing:
        load_park_map(broken)
    assert str(missing.value) == f"{broken}: [boundary]: missing"
    with pytest.raises(DataFileError, match="not found") as absent:
        load_park_map(tmp_path / "nothing.toml")
    broken.write_text("[map\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid TOML") as garbled:
        load_park_map(broken)
    assert "\n" not in str(absent.value) + str(garbled.value)


def test_the_map_file_is_found_in_the_data_dir_setting(tmp_path: Path, monkeypatch) -> None:
    assert data_path() == Path(__file__).resolve().parents[2] / "data" / "park_map.toml"
    monkeypatch.setenv("PARKLOOP_DATA_DIR", str(tmp_path))
    assert data_path() == tmp_path / "park_map.toml"
    with pytest.raises(DataFileError, match="not found"):
        load_park_map()
    (tmp_path / "park_map.toml").write_bytes(REPO_MAP.read_bytes())
    assert load_park_map() == PARK


def test_a_phone_sees_the_map_zoomed_out_and_flat() -> None:
    kiosk, phone = view_state(PARK, narrow=False), view_state(PARK, narrow=True)
    assert (kiosk["longitude"], kiosk["latitude"]) == tuple(PARK["map"]["centre"][:2])
    assert kiosk["zoom"] == PARK["map"]["zoom"] and kiosk["pitch"] == PARK["map"]["pitch"]
    assert phone["zoom"] == pytest.approx(PARK["map"]["zoom"] - 2.2)
    assert phone["pitch"] == 0 and phone["bearing"] == kiosk["bearing"]


@pytest.mark.parametrize("narrow", [False, True])
def test_layers_are_plain_data_bottom_first(narrow: bool) -> None:
    arcs = arc_rows(plant_arcs(plan_flows()), PARK, "en")
    layers = map_layers(PARK, arcs, "en", narrow)
    assert [layer["id"] for layer in layers] == ["boundary", "roads", "city-edge", "plants", "arcs", "labels"]
    json.dumps(layers)  # nothing but data: pydeck objects are made by the page
    by_id = {layer["id"]: layer for layer in layers}
    assert by_id["arcs"]["data"] is arcs and by_id["arcs"]["pickable"] and by_id["plants"]["pickable"]
    assert by_id["labels"]["get_size"] == (11 if narrow else 17)
    assert by_id["arcs"]["width_scale"] == (0.5 if narrow else 1.0)
    assert len(by_id["roads"]["data"]) == len(PARK["roads"])
    assert {row["text"] for row in by_id["labels"]["data"]} >= {t("park.plant.solar", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_provenance_says_the_geometry_is_schematic(lang: str) -> None:
    (geometry, drawn), (arcs, model), (carbon, ledgers) = provenance_items(lang)
    assert geometry == t("park.prov_geometry", lang) and arcs == t("park.prov_arcs", lang)
    assert drawn.kind == "illustrative" and drawn.detail == t("park.prov_geometry_detail", lang)
    assert model == ledgers == "model" and carbon == t("park.prov_carbon", lang)


# ---------------------------------------------------------------------------------------------------
# arcs from the model
# ---------------------------------------------------------------------------------------------------
def test_arcs_carry_the_models_links_between_plants() -> None:
    flows = plan_flows()
    arcs = {(a.flow, a.source, a.target): a.value for a in plant_arcs(flows)}
    # bottom ash from the incinerator to the construction-waste plant
    assert arcs["material", "incineration", "construction_waste"] == pytest.approx(
        link(flows, "material", "incinerator", "construction_waste_plant")
    )
    # steam from the incinerator to the food-waste plant (energy)
    assert arcs["energy", "incineration", "kitchen_waste"] == pytest.approx(
        link(flows, "energy", "incinerator", "food_waste_plant")
    )
    # the plan's three leachate sources to the water plant: the restaurant-waste plant (on the map with
    # the household food-waste plant), the incinerator and the landfill
    for source, node in (
        ("incineration", "incineration"),
        ("kitchen_waste", "restaurant_waste"),
        ("landfill", "landfill"),
    ):
        assert arcs["water", source, "leachate"] == pytest.approx(
            link(flows, "water", f"leachate_from_{node}", "leachate_plant")
        )
    # natural gas from the city to the food-waste plants' boiler (the heat steam does not cover)
    assert arcs["energy", "city", "kitchen_waste"] == pytest.approx(
        link(flows, "energy", "natural_gas", "gas_boiler")
    )
    # restaurant food waste from the city to the food-waste plants, with the household food waste
    assert arcs["material", "city", "kitchen_waste"] == pytest.approx(
        link(flows, "material", "food_waste", "food_waste_plant")
        + link(flows, "material", "restaurant_waste", "food_waste_plant")
    )
    # the park's electricity to the grid, and no arc from a place to itself
    assert arcs["energy", "substation", "city"] == pytest.approx(
        link(flows, "energy", "park_electricity", "grid_export")
    )
    assert all(source != target for _, source, target in arcs)


def test_links_to_the_same_places_are_added_up() -> None:
    flows = plan_flows()
    arcs = {(a.flow, a.source, a.target): a.value for a in plant_arcs(flows)}
    # the leachate plant's concentrate is one link; aggregate and bricks to the city are two, added up
    expected = link(flows, "material", "leachate_concentrate", "incinerator")
    assert arcs["material", "leachate", "incineration"] == pytest.approx(expected)
    to_city = link(flows, "material", "construction_waste_plant", "recycled_aggregate") + link(
        flows, "material", "construction_waste_plant", "recycled_bricks"
    )
    assert arcs["material", "construction_waste", "city"] == pytest.approx(to_city)


def test_filter_keeps_one_flow_and_more_waste_means_a_wider_arc() -> None:
    flows = plan_flows()
    assert {a.flow for a in plant_arcs(flows, ("water",))} == {"water"}
    more = evaluate(load_scenario("plan-2026", {"incineration.tonnes_per_day": 6000})).to_dict()["flows"]
    ash = {a.target: a.value for a in plant_arcs(flows, ("material",)) if a.source == "incineration"}
    ash_more = {a.target: a.value for a in plant_arcs(more, ("material",)) if a.source == "incineration"}
    assert ash_more["construction_waste"] > ash["construction_waste"]


def test_arc_widths_grow_with_the_value_within_bounds() -> None:
    assert arc_width(0, 100) == MIN_WIDTH_PX
    assert arc_width(100, 100) == MAX_WIDTH_PX
    assert MIN_WIDTH_PX < arc_width(1, 100) < arc_width(25, 100) < MAX_WIDTH_PX
    assert arc_width(25, 100) == pytest.approx(MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * 0.5)
    rows = arc_rows(plant_arcs(plan_flows()), PARK, "en")
    assert all(MIN_WIDTH_PX <= row["width"] <= MAX_WIDTH_PX for row in rows)
    assert all(contains_cjk(row["tip"], CJK_ALLOWLIST) == [] for row in rows)


def test_summary_names_the_biggest_exchange_of_each_flow() -> None:
    arcs = plant_arcs(plan_flows())
    biggest = biggest_between_plants(arcs)
    assert [a.flow for a in biggest] == ["material", "energy", "water"]
    for arc in biggest:
        assert not {arc.source, arc.target} & set(PLACES_EXTRA)
        same_flow = [
            a.value for a in arcs if a.flow == arc.flow and not {a.source, a.target} & set(PLACES_EXTRA)
        ]
        assert arc.value == max(same_flow)
    fields = summary_fields(arcs, "en")
    assert fields["count"] == str(len(arcs))
    assert t("park.plant.incineration", "en") in fields["items"]


# ---------------------------------------------------------------------------------------------------
# the park's carbon: two ledgers, never netted
# ---------------------------------------------------------------------------------------------------
def plan_result() -> dict:
    return evaluate(load_scenario("plan-2026")).to_dict()


def test_every_plant_has_both_ledgers_and_they_add_up_to_the_park() -> None:
    result = plan_result()
    carbon = plant_carbon(result)
    assert set(carbon) == {
        "incineration",
        "kitchen_waste",
        "leachate",
        "construction_waste",
        "landfill",
        "solar",
    }
    chains = result["chains"]
    # the food-waste place stands for both plants: household (厨余) and restaurant (餐厨)
    assert carbon["kitchen_waste"].inventory_t == pytest.approx(
        chains["kitchen_waste"]["emissions_t_co2e_per_year"]
        + chains["restaurant_waste"]["emissions_t_co2e_per_year"]
    )
    # every chain is on the map once: the plants add up to the park's two totals
    totals = result["totals"]
    assert sum(c.inventory_t for c in carbon.values()) == pytest.approx(totals["emissions_t_co2e_per_year"])
    assert sum(c.avoided_t for c in carbon.values()) == pytest.approx(totals["avoided_t_co2e_per_year"])
    assert carbon["solar"].inventory_t == 0 and carbon["construction_waste"].inventory_t == 0


def test_the_parks_own_landfill_is_in_the_inventory() -> None:
    result = plan_result()
    emissions = result["ledger"]["emissions"]
    landfill = result["chains"]["landfill"]
    # CH4 escaping × GWP 28 (AR5) is the inventory's park_landfill_ch4
    assert emissions["park_landfill_ch4"] == pytest.approx(landfill["methane_emitted_t_per_year"] * 28)
    assert plant_carbon(result)["landfill"].inventory_t >= emissions["park_landfill_ch4"] > 100_000
    lines = ledger_lines(result, "emissions", "en")
    expected = format_quantity(emissions["park_landfill_ch4"], "t CO2e/yr", "en")
    assert f"{t('park.ledger.emissions.park_landfill_ch4', 'en')}: {expected}" in lines
    for lang in ("zh", "en"):
        text = landfill_text(result, lang)
        assert format_quantity(emissions["park_landfill_ch4"], "t CO2e/yr", lang) in text
        assert ("园区自身排放" if lang == "zh" else "what the park itself emits") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_carbon_number_names_its_ledger(lang: str) -> None:
    result = plan_result()
    inventory, avoided = (
        ("园区自身排放", "替代减排") if lang == "zh" else ("Emits in the park", "Avoided elsewhere")
    )
    for carbon in plant_carbon(result).values():
        line = plant_carbon_text(carbon, lang)
        assert inventory in line and avoided in line
    ((total_in, total_out),) = ledger_figures(result, lang)
    assert total_in.key == "fig-inventory" and total_out.key == "fig-avoided"
    assert total_in.value == format_quantity(result["totals"]["emissions_t_co2e_per_year"], "t CO2e/yr", lang)
    assert total_out.value == format_quantity(result["totals"]["avoided_t_co2e_per_year"], "t CO2e/yr", lang)
    assert total_in.label == t("park.inventory", lang) and total_out.label == t("park.avoided", lang)
    # every category is listed, zeros included: seven in the inventory, four avoided
    assert ledger_lines(result, "emissions", lang).count("\n") == 6
    assert ledger_lines(result, "avoided", lang).count("\n") == 3
    if lang == "en":
        words = "\n".join([total_in.assumption, total_out.assumption, ledger_lines(result, "avoided", lang)])
        assert contains_cjk(words, CJK_ALLOWLIST) == []


def test_the_ledgers_are_never_netted_on_the_page() -> None:
    result = plan_result()
    net = format_quantity(result["totals"]["net_t_co2e_per_year"], "t CO2e/yr", "en")
    shown = [f.value for f in ledger_figures(result, "en")[0]]
    shown += [ledger_lines(result, kind, "en") for kind in ("emissions", "avoided")]
    shown += [plant_carbon_text(c, "en") for c in plant_carbon(result).values()]
    assert all(net not in text for text in shown)
    # hand sum of the inventory (plan-2026): 706 873 fossil + 21 202 N2O + 4 251 slip + 183 959 landfill
    # + 0 digestate + 5 355 boiler + 0 bought ≈ 921 640 t CO2e
    assert result["totals"]["emissions_t_co2e_per_year"] == pytest.approx(921_640, rel=1e-4)


@pytest.mark.parametrize(
    "selection, expected",
    [
        ({"selection": {"indices": {"plants": [0]}, "objects": {"plants": [{"plant": "solar"}]}}}, "solar"),
        ({"selection": {"indices": {}, "objects": {}}}, None),
        ({"selection": {"objects": {"arcs": [{"flow": "water"}]}}}, None),
        ({"selection": {"objects": {"plants": [{"plant": "<script>"}]}}}, None),
        ({"selection": {"objects": {"plants": ["solar"]}}}, None),
        ({"selection": {"objects": "junk"}}, None),
        (None, None),
        ("x", None),
    ],
)
def test_selected_plant_accepts_only_known_plants(selection, expected) -> None:
    assert selected_plant(selection, set(PARK["plants"])) == expected


def test_most_plants_open_an_exhibit() -> None:
    opened = {plant: page_for_plant(plant) for plant in PARK["plants"]}
    assert opened["incineration"].slug == "power"
    assert opened["solar"].slug == "solar"
    assert opened["landfill"] is None  # no exhibit: the page says so in words


# ---------------------------------------------------------------------------------------------------
# the page (AppTest)
# ---------------------------------------------------------------------------------------------------
def open_page(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("park.py", {"lang": lang, **(params or {})})


def deck(at: AppTest) -> dict | None:
    charts = at.get("deck_gl_json_chart")
    return json.loads(charts[0].proto.json) if charts else None


def arc_layer(spec: dict) -> list[dict]:
    return next(layer for layer in spec["layers"] if layer["id"] == "arcs")["data"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_draws_an_offline_map_and_a_button_per_plant(lang: str) -> None:
    at = open_page(lang)
    assert not at.exception
    spec = deck(at)
    assert spec is not None
    raw = json.dumps(spec).lower()
    assert "mapbox" not in raw and "carto" not in raw and "mapprovider" not in raw
    assert {layer["@@type"] for layer in spec["layers"]} >= {"GeoJsonLayer", "PathLayer", "ArcLayer"}
    labels = " ".join(str(link.proto.label) for link in at.get("page_link"))
    for plant in PARK["plants"]:
        target = page_for_plant(plant)
        if target:
            assert t(f"nav.{target.key}", lang) in labels, plant
    text = "\n".join(m.value for m in at.markdown)
    assert t("park.plant.landfill", lang) in text
    assert t("park.inventory_heading", lang) in text and t("park.avoided_heading", lang) in text
    assert t("park.ledger.emissions.park_landfill_ch4", lang) in text
    assert {t("park.inventory", lang), t("park.avoided", lang)} <= {f.label for f in figures(at)}
    assert "渗滤液" not in text
    if lang == "en":
        tips = " ".join(row["tip"] for row in arc_layer(spec))
        assert contains_cjk(tips, CJK_ALLOWLIST) == []


def test_flow_filter_changes_the_arcs() -> None:
    at = open_page("en")
    everything = arc_layer(deck(at))
    assert {row["flow"] for row in everything} == {"material", "energy", "water"}
    at = at.get("segmented_control")[0].set_value("water").run()
    water = arc_layer(deck(at))
    assert {row["flow"] for row in water} == {"water"} and len(water) < len(everything)
    assert at.query_params["flow"] in ("water", ["water"])


def test_phone_lists_the_plants_first_and_the_map_on_demand() -> None:
    at = open_page("en", {"mode": "phone"})
    assert not at.exception
    assert deck(at) is None  # no 3 MB map unless asked for
    assert len(at.get("page_link")) >= 5
    at = at.toggle[0].set_value(True).run()
    assert deck(at) is not None
    at = open_page("en", {"mode": "phone", "map": "1"})
    assert deck(at) is not None


def test_junk_in_the_url_falls_back() -> None:
    at = open_page("en", {"flow": "<img src=x>", "map": "yes please"})
    assert not at.exception
    assert at.get("segmented_control")[0].value == "all"
