"""The attract screen's highlights: numbers from the model and the feed, both languages, honest labels."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk, format_quantity
from parkloop.kiosk import attract, screen
from parkloop.live import FIELD_NAMES, Reading
from parkloop.model import evaluate, load_scenario

NOW = datetime(2026, 5, 1, 4, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def plan() -> dict:
    scenario = load_scenario("plan-2026")
    result = evaluate(scenario)
    return {
        "totals": dict(result.totals),
        "values": {"incineration.net_kwh_per_tonne": scenario.values["incineration"]["net_kwh_per_tonne"]},
        "provenance": {"incineration.net_kwh_per_tonne": {"kind": "illustrative"}},
    }


def reading(status: str, waste: float | None = 1000.0, power: float | None = 80.0) -> Reading:
    values = dict.fromkeys(FIELD_NAMES)
    values.update(waste_received_today_t=waste, power_output_mw=power)
    return Reading(NOW, "test", status, values, checked_at=NOW)  # type: ignore[arg-type]


def test_todays_estimate_is_waste_times_yield(plan: dict) -> None:
    slides = attract.slides(plan, reading("simulated", waste=1000.0))
    today = next(s for s in slides if s.name == "today")
    kwh_per_t = plan["values"]["incineration.net_kwh_per_tonne"]
    expected = format_quantity(1000.0 * kwh_per_t, "kWh", "en")
    assert expected in today.headline["en"]
    assert format_quantity(1000.0, "t", "zh") in today.headline["zh"]
    assert t("kiosk.feed.simulated", "en") in today.source["en"]  # simulated values say so
    assert t("kiosk.kind.illustrative", "en") in today.source["en"]


def test_stale_or_missing_feed_values_are_not_shown_as_today(plan: dict) -> None:
    for status in ("stale", "invalid", "unavailable"):
        names = [s.name for s in attract.slides(plan, reading(status))]
        assert names == ["year", "carbon", "water"]
    names = [s.name for s in attract.slides(plan, reading("live", waste=None))]
    assert names == ["now", "year", "carbon", "water"]


def test_plan_slides_carry_the_model_totals(plan: dict) -> None:
    year = next(s for s in attract.slides(plan, reading("live")) if s.name == "year")
    assert format_quantity(plan["totals"]["net_electricity_kwh_per_year"], "kWh", "en") in year.headline["en"]
    # household waste only: 4000 + 800 + 400 t/d × 365 = 1 898 000 t (the 1000 t/d of construction waste
    # is not household waste)
    assert format_quantity(1_898_000, "t", "en") in year.headline["en"]
    assert format_quantity(1_898_000, "t", "zh") in year.headline["zh"]
    assert format_quantity(plan["totals"]["waste_treated_t_per_year"], "t", "en") not in year.headline["en"]


def test_the_carbon_slide_shows_both_ledgers_apart_and_simulated(plan: dict) -> None:
    """Two ledgers side by side, never netted, never a landfill credit or a target met."""
    carbon = next(s for s in attract.slides(plan, reading("live")) if s.name == "carbon")
    totals = plan["totals"]
    for lang in ("zh", "en"):
        inventory = format_quantity(totals["emissions_t_co2e_per_year"], "t CO2e", lang, sig=2)
        avoided = format_quantity(totals["avoided_t_co2e_per_year"], "t CO2e", lang, sig=2)
        assert inventory in carbon.headline[lang] and avoided in carbon.headline[lang]
        net = format_quantity(totals["net_t_co2e_per_year"], "t CO2e", lang, sig=2)
        assert net not in carbon.headline[lang]
    # plan-2026: about 92万 t emitted inside the fence, 47万 t avoided elsewhere (python -m parkloop evaluate)
    zh, en = (carbon.headline[lang].replace("\xa0", " ") for lang in ("zh", "en"))
    assert "92万吨CO₂e" in zh and "47万吨CO₂e" in zh
    assert "920,000 t CO₂e" in en and "470,000 t CO₂e" in en
    assert "园区自身排放" in carbon.source["zh"] and "替代减排" in carbon.source["zh"]
    assert "what the park emits" in carbon.source["en"] and "avoids elsewhere" in carbon.source["en"]
    for slide in attract.slides(plan, reading("live")):
        words = slide.headline["en"] + slide.source["en"] + slide.headline["zh"] + slide.source["zh"]
        assert "landfill" not in words.lower() and "填埋" not in words
        assert "target" not in words.lower() and "目标" not in words
        if slide.name in ("year", "carbon", "water"):
            assert "（模拟）" in slide.source["zh"] and "(simulated)" in slide.source["en"]


def test_every_provenance_kind_has_words() -> None:
    for kind in attract.KNOWN_KINDS:
        for lang in ("zh", "en"):
            assert t(f"kiosk.kind.{kind}", lang) != f"kiosk.kind.{kind}"


def test_chinese_lines_keep_no_space_before_numbers(plan: dict) -> None:
    for slide in attract.slides(plan, reading("simulated")):
        text = slide.headline["zh"] + slide.source["zh"]
        assert not re.search(r"[\u4e00-\u9fff] [0-9]", text), text


def test_english_lines_hold_no_chinese(plan: dict) -> None:
    for slide in attract.slides(plan, reading("simulated")):
        assert contains_cjk(slide.headline["en"] + slide.source["en"], CJK_ALLOWLIST) == []
        assert contains_cjk(slide.headline["zh"], ())


def test_attract_html_escapes_and_cycles(plan: dict) -> None:
    slides = attract.slides(plan, reading("simulated"))
    page = screen.attract_html(slides)
    assert 'id="parkloop-attract"' in page
    assert page.count('class="pl-slide"') == len(slides) == 5
    assert page.count(f"animation-name: pl-cycle-5; animation-duration: {5 * screen.SLIDE_S}s") == 5
    assert f"animation-delay: {4 * screen.SLIDE_S}s" in page
    evil = [attract.Slide("x", {"zh": "<script>", "en": "<b>"}, {"zh": "&", "en": '"'})]
    assert "<script>" not in screen.attract_html(evil) and "<b>" not in screen.attract_html(evil)


def test_the_attract_html_holds_no_style() -> None:
    """It goes through st.markdown, and the frame hides every Markdown element that holds a <style>."""
    page = screen.attract_html(attract.child_slides(), "<figure id='parkloop-journey'></figure>")
    assert "<style" not in page and "<script" not in page
    assert "\n\n" not in page  # no blank line: Markdown passes the HTML through as it is


def test_the_loop_starts_with_the_journey_and_a_child_never_waits_long(plan: dict) -> None:
    for status in ("simulated", "live", "unavailable"):
        loop = attract.loop(plan, reading(status))
        assert loop[0].kind == "journey" and loop[1].kind == "child"
        kinds = [slide.kind for slide in loop]
        assert kinds.count("child") == len(attract.CHILD_SLIDES)
        run = 0
        for kind in kinds[1:]:  # never more than two number slides in a row
            run = run + 1 if kind == "numbers" else 0
            assert run <= 2, kinds
        numbers = [slide.name for slide in loop if slide.kind == "numbers"]
        assert numbers == [slide.name for slide in attract.slides(plan, reading(status))]
        assert len(loop) <= screen.MAX_SLIDES


def test_every_simulated_number_says_so_on_the_slide(plan: dict) -> None:
    """ "（模拟）" in the headline of every slide with a model or simulator number (the journey's title)."""
    for slide in attract.loop(plan, reading("simulated")):
        if slide.kind == "child":
            assert not re.search(r"\d", slide.headline["zh"] + slide.headline["en"])
            continue
        assert slide.headline["zh"].endswith("（模拟）"), slide.name
        assert slide.headline["en"].endswith("(simulated)"), slide.name
    live = {s.name: s for s in attract.loop(plan, reading("live"))}
    assert "（模拟）" not in live["now"].headline["zh"]  # a live reading is not simulated
    assert live["year"].headline["zh"].endswith("（模拟）")  # the plan's model numbers always are


def test_a_childs_slide_is_short_common_words_and_pictures() -> None:
    from parkloop.exhibits.sorting_pictures import ICON_SET

    for slide in attract.child_slides():
        zh = slide.headline["zh"]
        assert len(zh) <= 12, zh  # one short line
        assert not re.search(r"[焚沼渣汞箔熄纤酵]", zh), zh  # beyond grades 1-2 (content review)
        assert len(slide.headline["en"].split()) <= 8
        assert len(slide.pictures) >= 3
        page = screen.attract_html([slide])
        assert page.count("<svg") == len(slide.pictures) and 'aria-hidden="true"' in page
    if ICON_SET.exists():  # npm ci installed the pictures: none falls back to the plain bag
        from parkloop.exhibits.sorting_pictures import OWN

        assert OWN["bag"] not in screen.attract_html(attract.child_slides())


def test_the_journey_slide_carries_the_parks_journey_without_tab_stops() -> None:
    from parkloop.exhibits.journey import journey

    result = _plan_result()
    drawn = journey("home", result, "zh")
    page = screen.attract_html([attract.journey_slide(), *attract.child_slides()], drawn)
    assert 'id="parkloop-attract-journey"' in page and 'id="parkloop-journey"' not in page
    assert 'tabindex="0"' not in page  # the Start button is the one control
    assert 'data-slide="journey"' in page and "（模拟）" in page
    assert "data-slide=" not in screen.attract_html([attract.journey_slide()])  # no journey: no slide


def _plan_result() -> dict:
    from parkloop.ui.model_data import PLAN, scenario_result

    return scenario_result(PLAN)


def test_the_loop_moves_and_is_still_under_reduced_motion() -> None:
    css = screen.attract_css()
    for count in range(1, screen.MAX_SLIDES + 1):
        assert f"@keyframes pl-cycle-{count} " in css
    assert "translateX(2rem)" in css  # a slide slides in
    assert "@keyframes pl-hop" in css and "@keyframes pl-pulse" in css
    still = css.split("@media (prefers-reduced-motion: reduce)", 1)[1].split("\n}\n", 1)[0]
    assert "step-end" in still and "transform: none !important" in still
    assert ".pl-touch, #parkloop-attract .pl-pic { animation: none; }" in still
    assert screen.attract_css("<style>.pl-j{}</style>").endswith("<style>.pl-j{}</style>")


def test_cycle_keyframes_share_the_loop() -> None:
    five = screen.cycle_keyframes(5)
    # 5 slides of 7 s: each is shown for a fifth of the 35 s, fading in over 0.8 s (2.29 %)
    assert "2.29% { opacity: 1" in five and "17.71% { opacity: 1" in five and "20.0% { opacity: 0" in five
    assert "opacity: 1; transform: none; } }" in screen.cycle_keyframes(1)  # one slide stays


def test_kiosk_script_config_cannot_close_its_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_KIOSK_IDLE_S", "7")
    monkeypatch.setenv("PARKLOOP_KIOSK_WARN_S", "3")
    head = screen.kiosk_head("zh", "0123456789abcdef")
    assert '"idleS": 7.0' in head and '"warnS": 3.0' in head
    assert head.count("</script>") == 1
    assert '"resetUrl": "/?mode=kiosk&reset=1&lang=zh"' in head
    monkeypatch.setenv("PARKLOOP_KIOSK_IDLE_S", "soon")  # a bad setting falls back, it does not crash
    assert screen.timing() == (90.0, 3.0)
