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
from parkloop.i18n import contains_cjk
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
