"""The journeys (``parkloop.exhibits.journey``) as text, without a browser: every stage drawn in both
layouts and languages, widths proportional to the model's flows, numbers in the visitor's format, every
slider of a page changing its picture, the flare drawn only when gas is flared, small, still for reduced
motion, escaped, offline, and the park's and the bins' colours the project's own."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import journey as view
from parkloop.exhibits import journey_svg as svg
from parkloop.exhibits import power
from parkloop.i18n import contains_cjk, format_quantity
from parkloop.model.tomlfile import read_toml
from parkloop.ui.charts import COLOURS
from parkloop.ui.model_data import PLAN, scenario_result
from tests.apptest import open_page

REPO = Path(__file__).resolve().parents[2]
LANGS = ("zh", "en")
SIZE_LIMIT = 30_000  # bytes: the aim for one journey (its HTML and its style together)

# Every slider of every chain page, as the scenario overrides of its two ends (or of two far-apart
# positions): the picture must differ between them.
PLAN_MIX = scenario_result(PLAN)["values"]["incineration.composition"]


def _mix(food: float) -> dict:
    return power.overrides(
        4000, power.composition({"food": food, "paper": 0.2, "plastics": 0.16}, PLAN_MIX), PLAN_MIX
    )


SLIDER_ENDS = {
    "power": [
        ({"incineration.tonnes_per_day": 1000.0}, {"incineration.tonnes_per_day": 6000.0}),
        (_mix(0.05), _mix(0.5)),
    ],
    "biogas": [
        ({"kitchen_waste.tonnes_per_day": 200.0}, {"kitchen_waste.tonnes_per_day": 2000.0}),
        (
            {"biogas.handling_capacity_nm3_per_day": 10_000.0},
            {"biogas.handling_capacity_nm3_per_day": 150_000.0},
        ),
        ({"kitchen_waste.to_power_fraction": 0.0}, {"kitchen_waste.to_power_fraction": 1.0}),
        ({"restaurant_waste.oil_extraction_rate": 0.01}, {"restaurant_waste.oil_extraction_rate": 0.035}),
        (
            {"kitchen_waste.digestate_to_incineration_fraction": 0.0},
            {"kitchen_waste.digestate_to_incineration_fraction": 1.0},
        ),
    ],
    "water": [
        ({"leachate.m3_per_day": 500.0}, {"leachate.m3_per_day": 3000.0}),
        ({"leachate.reuse_rate": 0.5}, {"leachate.reuse_rate": 1.0}),
        ({"leachate.ammonia_recovery": 0.8}, {"leachate.ammonia_recovery": 0.995}),
        ({"leachate.cod_removal": 0.99}, {"leachate.cod_removal": 0.9999}),
    ],
    "materials": [
        ({"construction_waste.tonnes_per_day": 300.0}, {"construction_waste.tonnes_per_day": 3000.0}),
        ({"construction_waste.recycled_fraction": 0.5}, {"construction_waste.recycled_fraction": 1.0}),
        ({"construction_waste.aggregate_share": 0.0}, {"construction_waste.aggregate_share": 1.0}),
        (
            {"incineration.bottom_ash_recycled_fraction": 0.0},
            {"incineration.bottom_ash_recycled_fraction": 1.0},
        ),
    ],
    "solar": [
        ({"solar.kwp": 500.0}, {"solar.kwp": 5000.0}),
        ({"solar.kwh_per_kwp": 1100.0}, {"solar.kwh_per_kwp": 1300.0}),
    ],
    "steam": [
        ({"incineration.export_steam_t_per_year": 0.0}, {"incineration.export_steam_t_per_year": 200_000.0}),
    ],
}
CASES = [(page, low, high) for page, ends in SLIDER_ENDS.items() for low, high in ends]


def _drawn(page: str, overrides: dict | None = None, lang: str = "en") -> str:
    return view.journey(page, scenario_result(PLAN, overrides), lang)


def _widths(text: str, layout: str = "wide") -> dict[str, float]:
    """``{"source-target": width}`` of one layout's pipes."""
    part = re.search(rf'<svg class="pl-{layout}".*?</svg>', text).group(0)
    return {
        name: float(width) for name, width in re.findall(r'data-flow="([\w-]+)" data-width="([\d.]+)"', part)
    }


def _pictures(text: str) -> str:
    """The two SVG pictures only (what moves with the sliders; the words under them are fixed)."""
    return "".join(re.findall(r"<svg .*?</svg>", text))


# --- what is drawn --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(view.JOURNEYS))
def test_every_stage_is_drawn_in_both_layouts_with_its_words(page: str, lang: str) -> None:
    text = _drawn(page, lang=lang)
    assert text.startswith('<figure id="parkloop-journey"') and text.count("<svg ") == 3  # pictures and defs
    for _, icon_name, *_ in view.LAYOUTS[page]:
        assert f'<symbol id="pl-i-{icon_name}"' in text and f'href="#pl-i-{icon_name}"' in text
    for key, *_ in view.LAYOUTS[page]:
        assert text.count(f'data-stage="{key}"') == 2, key
        label = html.escape(t(f"journey.{page}.{key}", lang))
        assert f"<title>{label}</title>" in text
        assert html.escape(t(f"journey.{page}.{key}_why", lang)) in text
        assert f'class="pl-cap pl-c-{key}"' in text
    assert text.count('tabindex="0"') == 2 * len(view.LAYOUTS[page])
    assert t("journey.hint", lang) in text and f"<summary>{html.escape(t('journey.steps', lang))}" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(view.JOURNEYS))
def test_the_pictures_are_named_with_their_numbers(page: str, lang: str) -> None:
    text = _drawn(page, lang=lang)
    labels = re.findall(r'<svg [^>]*role="img" aria-label="([^"]+)"', text)
    assert len(labels) == 2 and labels[0] == labels[1]
    assert re.search(r"\d", labels[0]) and "{" not in labels[0]


def test_english_journeys_hold_no_chinese() -> None:
    for page in view.JOURNEYS:
        words = re.sub(r"<[^>]+>", " ", _drawn(page, lang="en"))
        assert contains_cjk(html.unescape(words), CJK_ALLOWLIST) == [], page


# --- numbers and widths from the model ------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_numbers_are_formatted_for_the_visitor(lang: str) -> None:
    text = _drawn("power", {"incineration.tonnes_per_day": 4500.0}, lang)
    tonnes = format_quantity(4500, "t/d", lang, sig=2)
    assert f'class="pl-n" font-size="16">{html.escape(tonnes)}</text>' in text
    assert ("4,500" in tonnes) is (lang == "en")


def test_widths_are_proportional_to_the_flows() -> None:
    text = _drawn("biogas", {"kitchen_waste.tonnes_per_day": 800.0})
    widths = _widths(text)
    # 800 t/d of household food waste against the restaurant plant's 400 t/d, on the same scale
    assert widths["kitchen-digester"] / widths["restaurant-digester"] == pytest.approx(2.0, rel=0.01)
    assert widths["kitchen-digester"] == pytest.approx(
        svg.MAX_WIDTH * 800 / view.BIOGAS_SCALES["waste"], abs=0.01
    )
    doubled = _widths(_drawn("power", {"incineration.tonnes_per_day": 3000.0}))
    single = _widths(_drawn("power", {"incineration.tonnes_per_day": 1500.0}))
    assert doubled["truck-bunker"] == pytest.approx(2 * single["truck-bunker"], rel=0.01)
    assert _widths(text) == _widths(text, "tall")  # the phone's picture carries the same amounts


def test_flow_width_is_proportional_with_a_floor_and_a_ceiling() -> None:
    assert svg.flow_width(0, 100) == 0 and svg.flow_width(-5, 100) == 0
    assert svg.flow_width(50, 100) == pytest.approx(svg.MAX_WIDTH / 2)
    assert svg.flow_width(500, 100) == svg.MAX_WIDTH
    assert svg.flow_width(0.001, 100) == svg.MIN_WIDTH


@pytest.mark.parametrize(("page", "low", "high"), CASES, ids=[f"{p}-{next(iter(lo))}" for p, lo, _ in CASES])
def test_every_slider_changes_the_picture(page: str, low: dict, high: dict) -> None:
    assert _pictures(_drawn(page, low)) != _pictures(_drawn(page, high))


def test_a_bigger_tonnage_draws_wider_pipes_and_bigger_numbers() -> None:
    small, big = (_drawn("materials", {"construction_waste.tonnes_per_day": t_d}) for t_d in (500.0, 2500.0))
    assert _widths(big)["rubble-crusher"] > _widths(small)["rubble-crusher"]
    assert 'data-dots="2"' in small and 'data-dots="8"' in big  # one square per 300 t a day


def test_the_flare_burns_only_what_the_plant_cannot_handle() -> None:
    flaring = _widths(_drawn("biogas", {"biogas.handling_capacity_nm3_per_day": 10_000.0}))
    enough = _drawn("biogas", {"biogas.handling_capacity_nm3_per_day": 150_000.0})
    assert flaring["blend-flare"] > 10
    assert _widths(enough)["blend-flare"] == 0
    assert 'class="pl-e" stroke="#9ca3af" data-flow="blend-flare"' in enough  # drawn as an empty pipe


def test_the_trucks_bar_shows_the_garbage_by_bin_colour() -> None:
    mix = view.bin_mix(PLAN_MIX)
    assert sum(mix.values()) == pytest.approx(1.0)
    assert mix["food"] == pytest.approx(PLAN_MIX["food"] + PLAN_MIX["garden"])
    text = _drawn("power", _mix(0.5))
    assert f'fill="{view.BIN_COLOURS["food"]}"' in re.search(r'<g class="pl-mix">.*?</g>', text).group(0)


# --- small, still, safe ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(view.JOURNEYS))
def test_each_journey_stays_small(page: str, lang: str) -> None:
    ends = [{}] + [end for low, high in SLIDER_ENDS.get(page, []) for end in (low, high)]
    for overrides in ends:
        size = len(_drawn(page, overrides, lang).encode()) + len(view.style(page).encode())
        assert size <= SIZE_LIMIT, (page, overrides, size)


def test_the_dots_move_gently_and_stand_still_for_reduced_motion() -> None:
    css = view.style("power")
    assert "@keyframes pl-move{to{stroke-dashoffset:" in css
    assert "@media (prefers-reduced-motion:reduce){.pl-f{animation:none}}" in css
    assert ".pl-j:has(.pl-s-furnace:focus) .pl-c-furnace{display:block}" in css
    assert css.startswith("<style>") and css.count("<") == 2


@pytest.mark.parametrize("page", list(view.JOURNEYS))
def test_a_journey_fetches_nothing_runs_nothing_and_passes_markdown_whole(page: str) -> None:
    text = _drawn(page)
    for forbidden in ("<script", "src=", "url(", "<style", "on" + "click"):
        assert forbidden not in text.lower()
    assert {ref[:6] for ref in re.findall(r'href="([^"]*)"', text)} == {"#pl-i-"}  # its own pictures only
    assert re.findall(r"https?://[^\"]+", text) == ["http://www.w3.org/2000/svg"] * 2
    assert "\n\n" not in text


def test_every_word_is_escaped() -> None:
    hostile = svg.Stage("x", "fire", "#000", (0, 0), (0, 0), "<b>fire</b>", 'say "hi" & <i>go</i>', "1 < 2")
    journey = svg.Journey("power", "en", (hostile,), (), {}, "<alt>", "<hint>", "<steps>")
    text = svg.journey_html(journey)
    assert "<b>" not in text and "<i>" not in text and "<alt>" not in text and "<hint>" not in text
    assert "&lt;b&gt;fire&lt;/b&gt;" in text and "&quot;hi&quot; &amp;" in text and "1 &lt; 2" in text


def test_long_labels_break_into_two_lines() -> None:
    assert svg.label_lines("Restaurant food waste", 120, 16) == ["Restaurant", "food waste"]
    assert svg.label_lines("Grid", 120, 16) == ["Grid"]
    assert svg.label_lines("很长很长很长的名字", 60, 14) == ["很长很长很", "长的名字"]


# --- the project's colours ------------------------------------------------------------------------
def test_the_bins_are_the_sorting_games_colours() -> None:
    bins = read_toml(REPO / "data" / "sorting_items.toml")["bins"]
    assert view.BIN_COLOURS == {name: spec["colour"] for name, spec in bins.items()}


def test_the_plants_are_the_park_maps_colours() -> None:
    plants = read_toml(REPO / "data" / "park_map.toml")["plants"]
    for plant, colour in view.PLANT_COLOURS.items():
        assert colour == "#{:02x}{:02x}{:02x}".format(*plants[plant]["colour"]), plant


def test_flows_have_the_chart_themes_colours() -> None:
    allowed = set(COLOURS.values()) | {view.HEAT, "#ca8a04"}  # fire and sunshine: no chart draws them
    flows = [flow for name in view.LAYOUTS for flow in getattr(view, f"{_flows_name(name)}_FLOWS")]
    assert {colour for *_, colour in flows} <= allowed


def _flows_name(page: str) -> str:
    return "PARK" if page == "home" else page.upper()


# --- through the app's frame ----------------------------------------------------------------------
def test_the_page_draws_the_journey_and_follows_its_slider() -> None:
    at = open_page("solar.py", {"lang": "en", "kwp": "1000"})
    assert not at.exception
    before = next(block.value for block in at.markdown if 'id="parkloop-journey"' in block.value)
    at.slider(key="url-kwp").set_value(4000).run()
    after = next(block.value for block in at.markdown if 'id="parkloop-journey"' in block.value)
    assert _widths(after)["roof-grid"] > _widths(before)["roof-grid"]
    # its style goes with the text (page_style: Markdown, so it paints with the picture, not after it)
    assert any(block.value.startswith("<style>") and ".pl-j" in block.value for block in at.markdown)
