""" "公众说碳 — my garbage": per-tonne yields from the model's plan-2026 result, the household's mass
balance and carbon, and the page in both languages with its sliders moved (AppTest)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import my_garbage as view
from parkloop.i18n import contains_cjk, format_number, format_percent, format_quantity
from parkloop.model import evaluate_dict, load_scenario
from tests.apptest import open_page as open_app_page


@pytest.fixture(scope="module")
def plan() -> dict:
    return evaluate_dict(load_scenario("plan-2026"))


@pytest.fixture(scope="module")
def yields(plan) -> view.Yields:
    return view.yields_from_result(plan)


def test_yields_from_the_plan(plan, yields) -> None:
    burned = 4000 * 365
    assert yields.kwh_per_t_burned == pytest.approx((burned * 375 - 98_000 * 110) / burned)
    assert yields.biogas_nm3_per_t_food == pytest.approx(80)  # the scenario's biogas_nm3_per_tonne
    assert yields.bricks_t_per_t_burned == pytest.approx(0.2 * 0.9)  # bottom ash 20 %, 90 % made into bricks
    inc = plan["chains"]["incineration"]
    assert yields.saved_t_per_t_burned == pytest.approx(
        (inc["avoided_t_co2e_per_year"] - inc["emissions_t_co2e_per_year"]) / burned
    )
    # food in the green bin saves more than food burned: the reason sorting pays
    assert yields.saved_t_per_t_food > yields.saved_t_per_t_burned > 0


@settings(max_examples=40, deadline=None)
@given(people=st.integers(1, 8), sorting=st.floats(0.0, 1.0))
def test_household_mass_balance(people: int, sorting: float) -> None:
    yields = view.yields_from_result(evaluate_dict(load_scenario("plan-2026")))
    home = view.household(people, sorting, yields)
    assert home.total_kg == pytest.approx(people * 0.9 * 365)
    assert sum(home.to_kg.values()) == pytest.approx(home.total_kg)
    assert sum(home.by_bin_kg.values()) == pytest.approx(home.total_kg)
    assert home.by_bin_kg["hazardous"] == 0
    assert all(kg >= -1e-9 for kg in home.to_kg.values())


def test_no_sorting_sends_everything_to_the_fire(yields) -> None:
    home = view.household(3, 0.0, yields)
    assert home.to_kg["incinerator"] == pytest.approx(home.total_kg)
    assert home.biogas_nm3 == 0 and home.to_kg["recycling"] == 0
    assert home.saved_kg_co2e == pytest.approx(home.total_kg * yields.saved_t_per_t_burned)


def test_better_sorting_saves_more_carbon_and_burns_less(yields) -> None:
    homes = [view.household(3, s / 10, yields) for s in range(11)]
    saved = [h.saved_kg_co2e for h in homes]
    kwh = [h.kwh for h in homes]
    biogas = [h.biogas_nm3 for h in homes]
    assert all(a < b for a, b in zip(saved, saved[1:], strict=False))
    assert all(a > b for a, b in zip(kwh, kwh[1:], strict=False))
    assert all(a < b for a, b in zip(biogas, biogas[1:], strict=False))


def test_equivalents_and_scaling(yields) -> None:
    one, two = view.household(2, 0.5, yields), view.household(4, 0.5, yields)
    assert two.saved_kg_co2e == pytest.approx(2 * one.saved_kg_co2e)
    assert one.car_km(0.18) == pytest.approx(one.saved_kg_co2e / 0.18)
    assert one.trees(18) == pytest.approx(one.saved_kg_co2e / 18)


def test_bad_inputs_are_refused(yields) -> None:
    with pytest.raises(ValueError):
        view.household(3, 1.5, yields)


# --- what the page shows --------------------------------------------------------------------------
EQUIVALENTS = {"car_kg_co2_per_km": 0.2, "tree_kg_co2_per_year": 20.0}
FACTOR_PROVENANCE = {
    "equivalents.car_kg_co2_per_km": "cited: car-source",
    "equivalents.tree_kg_co2_per_year": "cited: tree-source",
}


def test_the_sliders_percent_is_a_share(yields) -> None:
    assert view.household_at(4, 30, yields) == view.household(4, 0.3, yields)
    assert view.household_at(4, 100, yields) == view.household(4, 1.0, yields)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_in_their_order_with_keys_and_provenance(yields, lang: str) -> None:
    home = view.household(3, 0.5, yields)
    total = view.total_figure(home, lang)
    assert (total.key, total.label) == ("fig-total", t("my_garbage.total", lang))
    assert total.value == format_quantity(home.total_kg, "kg/yr", lang)
    assert total.provenance.kind == "illustrative"
    assert format_number(home.total_kg / 365, lang, sig=2) in total.assumption

    columns = view.shown_figures(home, yields, EQUIVALENTS, FACTOR_PROVENANCE, lang)
    assert [[f.key for f in column] for column in columns] == [
        ["fig-saved", "fig-car"],
        ["fig-kwh", "fig-trees"],
    ]
    saved, car = columns[0]
    kwh, trees = columns[1]
    assert saved.value == format_quantity(home.saved_kg_co2e, "kg CO2e/yr", lang, sig=2)
    assert saved.provenance == "model" and kwh.provenance == "model"
    assert format_number(home.saved_kg_co2e / 0.2, lang, sig=2) in car.value
    assert format_number(home.saved_kg_co2e / 20.0, lang, sig=2) in trees.value
    assert (car.provenance, trees.provenance) == ("cited: car-source", "cited: tree-source")
    assert car.assumption == trees.assumption == t("my_garbage.rough_note", lang)
    assert kwh.value == format_quantity(home.kwh, "kWh/yr", lang, sig=2)
    if lang == "en":
        words = [f.label + f.value + (f.assumption or "") for f in [total, *columns[0], *columns[1]]]
        assert contains_cjk(" ".join(words), CJK_ALLOWLIST) == []


def test_bin_cards_say_how_much_goes_where(yields) -> None:
    home = view.household(2, 0.5, yields)
    cards = view.bin_cards(home, yields, "en")
    assert [card.bin for card in cards] == list(view.BINS)
    food = cards[0]
    unsorted = home.by_bin_kg["food_waste"] - home.to_kg["biogas_plant"]
    assert food.amount == t(
        "my_garbage.bin.food_waste.amount",
        "en",
        sorted=format_quantity(home.to_kg["biogas_plant"], "kg/yr", "en", sig=2),
        unsorted=format_quantity(unsorted, "kg/yr", "en", sig=2),
    )
    assert format_quantity(home.kwh, "kWh/yr", "en", sig=2) in cards[3].becomes
    assert cards[2].amount == t("my_garbage.bin.hazardous.amount", "en")
    assert all(card.title == t(f"my_garbage.bin.{card.bin}.title", "en") for card in cards)


def test_comparison_chart_and_how_we_count(yields) -> None:
    home = view.household(3, 0.5, yields)
    none, perfect = view.household(3, 0.0, yields), view.household(3, 1.0, yields)
    compare = view.compare_text(3, yields, "en")
    assert format_quantity(none.saved_kg_co2e, "kg CO2e", "en", sig=2) in compare
    assert format_quantity(perfect.saved_kg_co2e, "kg CO2e", "en", sig=2) in compare
    assert view.axis_max_kg(home) == home.total_kg and view.axis_max_kg(view.household(0, 0.5, yields)) == 1.0
    burned = format_percent(home.to_kg["incinerator"] / home.total_kg, "en", decimals=0)
    assert burned in view.chart_summary_text(home, "en")
    labels = view.destination_labels("zh")
    assert list(labels) == list(view.DESTINATIONS)
    assert [row["place"] for row in view.chart_rows(home, labels)] == list(labels.values())
    how = view.how_text(yields, "en")
    assert format_number(yields.saved_t_per_t_food * 1000, "en", sig=2) in how
    assert format_number(yields.bricks_t_per_t_burned * 1000, "en") in how
    items = view.provenance_items(FACTOR_PROVENANCE, "en")
    assert [prov for _, prov in items][2:] == ["model", "cited: car-source", "cited: tree-source"]
    assert all(prov.kind == "illustrative" for _, prov in items[:2])


# --- the page --------------------------------------------------------------------------------------
def open_page(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("my_garbage.py", {"lang": lang, **(params or {})})


def metric(at: AppTest, key: str, lang: str) -> str:
    label = t(key, lang)
    return next(m.value for m in at.metric if m.label == label)


def number_en(text: str) -> float:
    match = re.search(r"([\d,.]+)", text)
    assert match, text
    return float(match.group(1).replace(",", ""))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_in_both_languages(lang: str) -> None:
    at = open_page(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t("nav.my_garbage", lang)
    text = "\n".join(m.value for m in at.markdown)
    for name in view.BINS:
        assert t(f"my_garbage.bin.{name}.title", lang) in text
    summaries = [h.proto.body for h in at.get("html") if "parkloop-summary" in h.proto.body]
    assert summaries
    if lang == "en":
        words = "\n".join([text] + [m.label for m in at.metric] + [m.value for m in at.metric] + summaries)
        assert contains_cjk(words, CJK_ALLOWLIST) == []


def test_sliders_move_the_figures() -> None:
    at = open_page("en")
    total = number_en(metric(at, "my_garbage.total", "en"))
    saved = number_en(metric(at, "my_garbage.saved", "en"))
    kwh = number_en(metric(at, "my_garbage.kwh", "en"))
    at.slider(key="url-p").set_value(6).run()
    assert number_en(metric(at, "my_garbage.total", "en")) == pytest.approx(2 * total, rel=0.01)
    saved_six = number_en(metric(at, "my_garbage.saved", "en"))
    assert saved_six > saved
    at.slider(key="url-s").set_value(100).run()
    assert number_en(metric(at, "my_garbage.saved", "en")) > saved_six
    assert number_en(metric(at, "my_garbage.kwh", "en")) < 2 * kwh
    assert not at.exception


def test_bad_url_values_fall_back() -> None:
    at = open_page("en", {"p": "99", "s": "<b>x</b>"})
    assert not at.exception
    assert at.slider(key="url-p").value == 3
    assert at.slider(key="url-s").value == 50
    at = open_page("en", {"p": "5", "s": "80"})
    assert (at.slider(key="url-p").value, at.slider(key="url-s").value) == (5, 80)
