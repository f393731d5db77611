""" "公众说碳 — my garbage": per-tonne figures from the model's plan-2026 result and factors, the household's
mass balance, its two carbon ledgers and what sorting changes, and the page in both languages with its
sliders moved (AppTest).

Hand-worked numbers used below (plan-2026, data/scenarios/*.toml and data/factors.toml):

* electricity: 4000 t/d × 365 = 1 460 000 t burned a year at 375 kWh/t, less 98 000 t of steam × 110 kWh/t
  → (547 500 000 − 10 780 000) / 1 460 000 = 367.616 kWh per tonne on average; the mixture's heating value
  is the reference 10.51 GJ/t, so food (4.0 GJ/t) gives 367.616 × 4 / 10.51 = 139.9 kWh/t and plastics
  (32 GJ/t) 367.616 × 32 / 10.51 = 1119.3 kWh/t.
* fossil CO2 by IPCC Eq. 5.2 for one component (oxidation 1): plastics 1.00 × 0.75 × 1.0 × 44/12 = 2.75 t/t;
  paper 0.90 × 0.46 × 0.01 × 44/12 = 15.18 kg/t; food 0. N2O: 50 g/t × 265 (AR5) = 13.25 kg CO2e/t.
* food waste in the green bin: the household food-waste plant makes 50 Nm³ of biogas per tonne and
  0.32 t of digestate, all burned (plan: digestate_to_incineration_fraction 1.0); the digestate's plastic
  bags are 1 % fossil carbon → 0.01 × 44/12 = 36.67 kg CO2 per tonne of digestate, plus 13.25 kg of N2O.
* a home of 3 makes 3 × 0.9 × 365 = 985.5 kg a year: food 63 % = 620.865 kg, plastics 13 % = 128.115 kg,
  paper 11 % = 108.405 kg, residual 13 % = 128.115 kg.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import my_garbage as view
from parkloop.i18n import contains_cjk, format_number, format_percent, format_quantity
from parkloop.ui.model_data import factors_data, scenario_result
from tests.apptest import figures
from tests.apptest import open_page as open_app_page


@pytest.fixture(scope="module")
def plan() -> dict:
    return scenario_result("plan-2026")


@pytest.fixture(scope="module")
def yields(plan) -> view.Yields:
    return view.yields_from_result(plan, factors_data())


KWH_AVG = 375 - 98_000 * 110 / 1_460_000  # 367.616 kWh/t


def test_electricity_biogas_and_bricks_per_tonne(yields) -> None:
    assert yields.kwh_per_t_burned == pytest.approx(KWH_AVG, rel=1e-12)
    assert KWH_AVG == pytest.approx(367.616, abs=0.001)
    assert yields.kwh_per_t["food"] == pytest.approx(139.91, abs=0.01)
    assert yields.kwh_per_t["plastics"] == pytest.approx(1119.28, abs=0.01)
    assert yields.kwh_per_t["paper"] == pytest.approx(KWH_AVG * 13 / 10.51, rel=1e-6)
    assert yields.biogas_nm3_per_t_food == pytest.approx(50)  # plan-2026's 厨余 yield (baseline file: 50)
    assert yields.bricks_t_per_t_burned == pytest.approx(0.2 * 0.9)  # bottom ash 20 %, 90 % made into bricks


def test_burning_emits_fossil_co2_by_material(yields) -> None:
    assert yields.burned["plastics"].inventory_kg == pytest.approx(2750 + 13.25, abs=0.01)
    assert yields.burned["paper"].inventory_kg == pytest.approx(15.18 + 13.25, abs=0.01)
    assert yields.burned["food"].inventory_kg == pytest.approx(13.25, abs=0.001)  # N2O only: no fossil carbon
    # burning plastic emits far more than its electricity avoids; burning food or paper the other way round
    assert yields.burned["plastics"].net_kg > 1900
    assert yields.burned["food"].net_kg < 0 and yields.burned["paper"].net_kg < 0


def test_the_materials_add_up_to_the_models_mixture(plan, yields) -> None:
    """The per-material figures, weighted by the plan's composition, give back the incinerator's own
    per-tonne inventory and avoided emissions (so the split invents nothing)."""
    inc = plan["chains"]["incineration"]
    mix = plan["values"]["incineration.composition"]
    other = 1 - mix["food"] - mix["plastics"] - mix["paper"]  # 0.34
    shares = {"food": mix["food"], "plastics": mix["plastics"], "paper": mix["paper"], "other": other}
    inventory = sum(share * yields.burned[m].inventory_kg for m, share in shares.items())
    avoided = sum(share * yields.burned[m].avoided_kg for m, share in shares.items())
    assert inventory == pytest.approx(inc["fossil_co2_kg_per_t"] + 13.25, rel=1e-9)
    assert inventory == pytest.approx(480.64 + 13.25, abs=0.01)
    assert avoided == pytest.approx(inc["avoided_t_co2e_per_year"] * 1000 / 1_460_000, rel=1e-9)


def test_food_digested_nets_a_small_saving(plan, yields) -> None:
    kw = plan["chains"]["kitchen_waste"]
    plant_kg = kw["emissions_t_co2e_per_year"] * 1000 / 292_000  # 800 t/d × 365
    assert yields.digested.inventory_kg == pytest.approx(plant_kg + 0.32 * (36.667 + 13.25), abs=0.01)
    assert yields.digested.avoided_kg == pytest.approx(kw["avoided_t_co2e_per_year"] * 1000 / 292_000)
    assert -30 < yields.digested.net_kg < 0  # about −14 kg CO2e a tonne: a small saving


def test_what_sorting_one_tonne_changes(yields) -> None:
    burned = yields.burned
    assert view.sorted_change_kg_per_t("plastics", yields) == pytest.approx(-burned["plastics"].net_kg)
    assert view.sorted_change_kg_per_t("paper", yields) == pytest.approx(-burned["paper"].net_kg)
    food = view.sorted_change_kg_per_t("food", yields)
    assert food == pytest.approx(yields.digested.net_kg - burned["food"].net_kg)
    # plastic kept out of the fire is what cuts the park's net; food and paper move it a little the other way
    assert view.sorted_change_kg_per_t("plastics", yields) < -1900
    assert 0 < food < 150 and 0 < view.sorted_change_kg_per_t("paper", yields) < 400


def test_a_family_of_three_sorting_half(yields) -> None:
    home = view.household(3, 0.5, yields)
    assert home.total_kg == pytest.approx(985.5)
    assert home.to_kg["biogas_plant"] == pytest.approx(310.4325)  # half the food
    assert home.to_kg["recycling"] == pytest.approx((128.115 + 108.405) / 2)
    assert home.to_kg["incinerator"] == pytest.approx(985.5 - 310.4325 - 118.26)
    assert home.burned_kg == pytest.approx(
        {"food": 310.4325, "plastics": 64.0575, "paper": 54.2025, "other": 128.115}
    )
    expected_change = (
        0.3104325 * view.sorted_change_kg_per_t("food", yields)
        + 0.0640575 * view.sorted_change_kg_per_t("plastics", yields)
        + 0.0542025 * view.sorted_change_kg_per_t("paper", yields)
    )
    assert home.change_kg_co2e == pytest.approx(expected_change)
    # ≈ 0.31043 × 65.6 − 0.064058 × 2018.6 + 0.054203 × 274.1 = 20.4 − 129.3 + 14.9 ≈ −94 kg a year
    assert home.change_kg_co2e == pytest.approx(-94.1, abs=1.0)
    kwh = 0.3104325 * 139.91 + 0.0640575 * 1119.28 + 0.0542025 * 454.71 + 0.128115 * yields.kwh_per_t["other"]
    assert home.kwh == pytest.approx(kwh, rel=1e-4)
    assert home.biogas_nm3 == pytest.approx(0.3104325 * 50)


def test_the_two_ledgers_of_a_home(yields) -> None:
    home = view.household(3, 0.5, yields)
    b, d = yields.burned, yields.digested
    inventory = (
        0.3104325 * b["food"].inventory_kg
        + 0.0640575 * b["plastics"].inventory_kg
        + 0.0542025 * b["paper"].inventory_kg
        + 0.128115 * b["other"].inventory_kg
        + 0.3104325 * d.inventory_kg
    )
    assert home.inventory_kg_co2e == pytest.approx(inventory)
    assert home.net_kg_co2e == pytest.approx(home.inventory_kg_co2e - home.avoided_kg_co2e)
    # the plastic burned: 0.0640575 t × 2763 kg = 177 kg of the home's ≈ 209 kg inventory
    assert home.inventory_kg_co2e == pytest.approx(209.3, abs=1.0)


@settings(max_examples=40, deadline=None)
@given(people=st.integers(1, 8), sorting=st.floats(0.0, 1.0))
def test_household_mass_balance(people: int, sorting: float) -> None:
    yields = view.yields_from_result(scenario_result("plan-2026"), factors_data())
    home = view.household(people, sorting, yields)
    assert home.total_kg == pytest.approx(people * 0.9 * 365)
    assert sum(home.to_kg.values()) == pytest.approx(home.total_kg)
    assert sum(home.by_bin_kg.values()) == pytest.approx(home.total_kg)
    assert sum(home.burned_kg.values()) == pytest.approx(home.to_kg["incinerator"])
    assert home.by_bin_kg["hazardous"] == 0
    assert all(kg >= -1e-9 for kg in home.to_kg.values())
    assert home.change_kg_co2e <= 1e-9  # sorting never raises the park's net with these materials


def test_no_sorting_is_the_starting_point(yields) -> None:
    home = view.household(3, 0.0, yields)
    assert home.to_kg["incinerator"] == pytest.approx(home.total_kg)
    assert home.biogas_nm3 == 0 and home.to_kg["recycling"] == 0
    assert home.change_kg_co2e == 0
    assert view.change_value(home.change_kg_co2e, "en") == t("my_garbage.change_none", "en")
    assert view.change_label(home.change_kg_co2e, "en") == t("my_garbage.change", "en")


def test_better_sorting_changes_more_and_burns_less(yields) -> None:
    homes = [view.household(3, s / 10, yields) for s in range(11)]
    change = [h.change_kg_co2e for h in homes]
    kwh = [h.kwh for h in homes]
    biogas = [h.biogas_nm3 for h in homes]
    assert all(a > b for a, b in zip(change, change[1:], strict=False))  # more and more below zero
    assert all(a > b for a, b in zip(kwh, kwh[1:], strict=False))
    assert all(a < b for a, b in zip(biogas, biogas[1:], strict=False))
    assert change[10] == pytest.approx(2 * change[5])  # the change grows with the sorting share


def test_equivalents_and_scaling(yields) -> None:
    one, two = view.household(2, 0.5, yields), view.household(4, 0.5, yields)
    assert two.change_kg_co2e == pytest.approx(2 * one.change_kg_co2e)
    assert one.car_km(0.18) == pytest.approx(-one.change_kg_co2e / 0.18)  # the size of a fall
    assert one.trees(18) == pytest.approx(-one.change_kg_co2e / 18)


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


def test_the_change_says_less_or_more_in_words() -> None:
    assert view.change_phrase(-94.1, "en") == t(
        "my_garbage.change_less", "en", kg=format_quantity(94.1, "kg CO2e/yr", "en", sig=2)
    )
    assert view.change_phrase(12.0, "zh") == t(
        "my_garbage.change_more", "zh", kg=format_quantity(12.0, "kg CO2e/yr", "zh", sig=2)
    )
    assert "less" in view.change_phrase(-94.1, "en") and "more" in view.change_phrase(12.0, "en")
    assert view.change_phrase(0.2, "en") == view.change_value(0.2, "en") == t("my_garbage.change_none", "en")
    # the big figure: the size as its value, the direction in its label
    assert view.change_value(-94.1, "en") == view.change_value(94.1, "en") == "94\xa0kg\xa0CO₂e/yr"
    assert view.change_label(-94.1, "zh") == t("my_garbage.change_label_less", "zh")
    assert view.change_label(12.0, "en") == t("my_garbage.change_label_more", "en")
    assert "lowers" in view.change_label(-94.1, "en") and "少了" in view.change_label(-94.1, "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_in_their_order_with_keys_ledgers_and_provenance(yields, lang: str) -> None:
    home = view.household(3, 0.5, yields)
    total = view.total_figure(home, lang)
    assert (total.key, total.label) == ("fig-total", t("my_garbage.total", lang))
    assert total.value == format_quantity(home.total_kg, "kg/yr", lang)
    assert total.provenance.kind == "illustrative"
    assert format_number(home.total_kg / 365, lang, sig=2) in total.assumption

    columns = view.shown_figures(home, yields, EQUIVALENTS, FACTOR_PROVENANCE, lang)
    assert [[f.key for f in column] for column in columns] == [
        ["fig-change", "fig-car", "fig-trees"],
        ["fig-inventory", "fig-avoided", "fig-kwh"],
    ]
    change, car, trees = columns[0]
    inventory, avoided, kwh = columns[1]
    assert change.value == format_quantity(-home.change_kg_co2e, "kg CO2e/yr", lang, sig=2)
    assert change.label == t("my_garbage.change_label_less", lang)
    assert inventory.value == format_quantity(home.inventory_kg_co2e, "kg CO2e/yr", lang, sig=2)
    assert avoided.value == format_quantity(home.avoided_kg_co2e, "kg CO2e/yr", lang, sig=2)
    assert all(f.provenance == "model" for f in (change, inventory, avoided, kwh))
    # every carbon figure names its ledger, is simulated and is not compared with a landfill
    ledger = {"zh": ("园区自身排放", "替代减排"), "en": ("What the park emits", "Avoided elsewhere")}[lang]
    assert ledger[0] in inventory.label and ledger[1] in avoided.label
    simulated, no_landfill = {
        "zh": ("（模拟）", "不是和填埋比"),
        "en": ("(simulated)", "Not compared with a landfill"),
    }[lang]
    assert all(simulated in (f.assumption or "") for f in (change, inventory, avoided, kwh))
    assert no_landfill in change.assumption
    assert format_number(-home.change_kg_co2e / 0.2, lang, sig=2) in car.value
    assert format_number(-home.change_kg_co2e / 20.0, lang, sig=2) in trees.value
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
    perfect = view.household(3, 1.0, yields)
    compare = view.compare_text(3, yields, "en")
    assert view.change_phrase(perfect.change_kg_co2e, "en") in compare
    assert "about 2 kg" in compare  # 2018.6 kg a tonne of plastic ≈ 2 kg a kilogram
    assert "not with a landfill" in compare and "不是和填埋比" in view.compare_text(3, yields, "zh")
    assert view.axis_max_kg(home) == home.total_kg and view.axis_max_kg(view.household(0, 0.5, yields)) == 1.0
    burned = format_percent(home.to_kg["incinerator"] / home.total_kg, "en", decimals=0)
    assert burned in view.chart_summary_text(home, "en")
    labels = view.destination_labels("zh")
    assert list(labels) == list(view.DESTINATIONS)
    assert [row["place"] for row in view.chart_rows(home, labels)] == list(labels.values())
    how = view.how_text(yields, "en")
    assert format_number(yields.digested.inventory_kg, "en", sig=2) in how
    assert "plastic about 2,800 / 740" in how  # 2763 kg emitted, 1119.3 kWh × 0.665 kg/kWh ≈ 745 avoided
    assert "raises the park's net by about 66 kg" in how  # food: −14.3 − (−79.8) ≈ +66 kg a tonne
    assert format_number(yields.bricks_t_per_t_burned * 1000, "en") in how
    assert "**Not compared with a landfill**" in how
    zh = view.how_text(yields, "zh")
    assert "不和填埋比" in zh and "约多66公斤" in zh
    items = view.provenance_items(FACTOR_PROVENANCE, "en")
    assert [prov for _, prov in items][2:] == ["model", "cited: car-source", "cited: tree-source"]
    assert all(prov.kind == "illustrative" for _, prov in items[:2])


# --- the page --------------------------------------------------------------------------------------
def open_page(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("my_garbage.py", {"lang": lang, **(params or {})})


def metric(at: AppTest, key: str, lang: str) -> str:
    label = t(key, lang)
    return next(f.value for f in figures(at) if f.label == label)


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
    labels = [f.label for f in figures(at)]
    assert t("my_garbage.inventory", lang) in labels and t("my_garbage.avoided", lang) in labels
    summaries = [h.proto.body for h in at.get("html") if "parkloop-summary" in h.proto.body]
    assert summaries
    if lang == "en":
        words = "\n".join([text] + labels + [f.value for f in figures(at)] + summaries)
        assert contains_cjk(words, CJK_ALLOWLIST) == []
        assert "saved compared with a landfill" not in words.lower()
        assert "not with a landfill" in text  # said on the screen, not only behind "Where from?"
    simulated = {"zh": "（模拟）", "en": "(simulated)"}[lang]
    assert simulated in "\n".join(h.value for h in at.header)


def test_sliders_move_the_figures() -> None:
    at = open_page("en")
    total = number_en(metric(at, "my_garbage.total", "en"))
    change = number_en(metric(at, "my_garbage.change_label_less", "en"))
    kwh = number_en(metric(at, "my_garbage.kwh", "en"))
    assert change == pytest.approx(94, abs=1)  # a family of three sorting half: see the module docstring
    at.slider(key="url-p").set_value(6).run()
    assert number_en(metric(at, "my_garbage.total", "en")) == pytest.approx(2 * total, rel=0.01)
    assert number_en(metric(at, "my_garbage.change_label_less", "en")) == pytest.approx(2 * change, rel=0.02)
    at.slider(key="url-s").set_value(100).run()
    assert number_en(metric(at, "my_garbage.change_label_less", "en")) == pytest.approx(4 * change, rel=0.02)
    assert number_en(metric(at, "my_garbage.kwh", "en")) < 2 * kwh
    at.slider(key="url-s").set_value(0).run()
    assert metric(at, "my_garbage.change", "en") == t("my_garbage.change_none", "en")
    assert not at.exception


def test_bad_url_values_fall_back() -> None:
    at = open_page("en", {"p": "99", "s": "<b>x</b>"})
    assert not at.exception
    assert at.slider(key="url-p").value == 3
    assert at.slider(key="url-s").value == 50
    at = open_page("en", {"p": "5", "s": "80"})
    assert (at.slider(key="url-p").value, at.slider(key="url-s").value) == (5, 80)
