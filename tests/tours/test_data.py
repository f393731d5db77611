"""data/tours.toml: the park's tours are complete and valid; broken files give one line naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkloop.content import page_section
from parkloop.pages import BY_SLUG
from parkloop.tours.data import TourError, check_tours, load_tours, station_for

GOOD = """
[map]
width = 100
height = 60
[map.plants]
incineration = [20, 20]

[[stations]]
id = "a"
plant = "incineration"
x = 10
y = 10
exhibit = "power"
params = { t = 3000 }

[[stations]]
id = "b"
plant = "incineration"
x = 20
y = 20
exhibit = "steam"

[[routes]]
id = "r"
minutes = 20
stations = ["a", "b"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tours.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_park_has_the_four_routes_of_the_issue_and_every_text():
    tours = load_tours()
    assert {"journey", "energy", "water", "family"} <= set(tours.routes)
    assert check_tours() == []
    for station in tours.stations.values():
        assert station.exhibit in BY_SLUG and BY_SLUG[station.exhibit].slug
    numbers = [s.number for s in tours.stations.values()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_journey_follows_the_whole_chain_and_takes_about_45_minutes():
    tours = load_tours()
    journey = tours.routes["journey"]
    plants = {tours.stations[s].plant for s in journey.stations}
    assert {"incineration", "kitchen_waste", "leachate", "construction_waste", "landfill"} <= plants
    assert 35 <= journey.minutes <= 55
    assert tours.routes["family"].ages  # a trail for young children says for which ages


def test_next_station_follows_the_route_and_stops_at_its_end():
    tours = load_tours()
    route = tours.routes["energy"]
    first, second, last = route.stations[0], route.stations[1], route.stations[-1]
    assert tours.next_station("energy", first).id == second
    assert tours.next_station("energy", last) is None
    assert tours.next_station("no-such-route", first) is None


def test_a_good_file_parses_with_params_as_text(tmp_path):
    tours = load_tours(write(tmp_path, GOOD))
    assert tours.stations["a"].params == {"t": "3000"}
    assert tours.stations["b"].number == 2


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('exhibit = "power"', 'exhibit = "no-such-page"', "stations.a.exhibit: unknown exhibit"),
        ('id = "b"', 'id = "a"', "stations.a: duplicate station id"),
        ('stations = ["a", "b"]', 'stations = ["a", "zz"]', "routes.r.stations: no station 'zz'"),
        ("params = { t = 3000 }", 'params = { lang = "en" }', "stations.a.params.lang"),
        ("params = { t = 3000 }", 'params = { t = "<script>" }', "stations.a.params.t"),
        ('plant = "incineration"\nx = 10', 'plant = "moon"\nx = 10', "stations.a.plant: unknown plant"),
        ('id = "a"', 'id = "A b"', "stations[0].id"),
        ("x = 10", "x = 500", "stations.a.x"),
        ("minutes = 20", "minutes = 20\nminutes = 30", "not valid TOML"),
    ],
)
def test_a_broken_file_gives_one_line_naming_file_and_key(tmp_path, old, new, expected):
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(TourError) as caught:
        load_tours(path)
    message = str(caught.value)
    assert expected in message and "\n" not in message
    assert "tours.toml" in message
    assert check_tours(path) == [message]


def test_a_missing_file_is_one_line(tmp_path):
    problems = check_tours(tmp_path / "nothing.toml")
    assert len(problems) == 1 and "nothing.toml: not found" in problems[0]


def test_missing_station_texts_are_reported(tmp_path):
    content = tmp_path / "content"
    for lang in ("zh", "en"):
        (content / lang / "messages").mkdir(parents=True)
        (content / lang / "pages").mkdir(parents=True)
    problems = check_tours(write(tmp_path, GOOD), content)
    assert any("tours.station.a.title" in p for p in problems)
    assert any("section station-b" in p for p in problems)
    assert any("tours.route.r.blurb" in p for p in problems)


@pytest.mark.parametrize(
    "raw",
    ["nowhere", "", "BUNKER", "bunker ", "<script>alert(1)</script>", "x" * 5000, ["a", "b"], None, 7],
)
def test_unknown_or_malformed_station_values_are_nothing(raw):
    assert station_for(raw) is None


def test_a_known_station_id_is_found():
    assert station_for("bunker").exhibit == "power"
    assert station_for(["x", "bunker"]).id == "bunker"  # repeated keys: the last one, like st.query_params


# --- the stations' stories follow the model's carbon accounting (version 2) --------------------------
OLD_ACCOUNTING = {
    "zh": ("避免的填埋甲烷", "比填埋少", "减排了", "节省了", "抵消"),
    "en": ("landfill methane avoided", "compared with a landfill", "saves", "steam credit", "offset"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_station_stories_keep_the_ledgers_apart_and_credit_no_landfill(lang):
    stories = {sid: page_section("tours", f"station-{sid}", lang) for sid in load_tours().stations}
    for sid, story in stories.items():
        assert not [w for w in OLD_ACCOUNTING[lang] if w in story], sid
    inventory = {"zh": "园区自身排放", "en": "the park itself emits"}[lang]
    # the plastics' fossil CO2, the landfill's methane and the gas boiler that steam replaces are all in
    # what the park itself emits (inside the fence), not "avoided"
    assert all(inventory in stories[sid] for sid in ("chimney", "lookout")), inventory
    assert {"zh": "园区自身的排放", "en": "the park itself emits"}[lang] in stories["steam"]
    no_landfill = {"zh": "原生生活垃圾已不再填埋", "en": "no longer landfills raw household waste"}[lang]
    assert no_landfill in stories["lookout"]


def test_the_biogas_station_opens_the_plans_household_food_waste_plant():
    # model v2: the biogas exhibit's ``t`` is the household (厨余) plant only — the plan's new 800 t/d —
    # not the 1200 t/d of both food-waste plants it meant before
    assert load_tours().stations["biogas"].params == {"t": "800", "split": "50", "dig": "100"}
