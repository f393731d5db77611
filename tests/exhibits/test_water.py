"""Exhibit "water": the view logic against the model and hand arithmetic, and the page through AppTest."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import water as view
from parkloop.i18n import contains_cjk, format_quantity
from parkloop.ui.charts import COLOURS, translucent
from parkloop.ui.model_data import PLAN, scenario_result

from ._helpers import metric, model_result, number, open_page

PAGE = "water"


def test_overrides_and_defaults() -> None:
    assert view.overrides(1500, 90, 99.5, 88) == {
        "leachate.m3_per_day": 1500.0,
        "leachate.reuse_rate": 0.9,
        "leachate.ammonia_recovery": 0.995,
        "leachate.cod_removal": 0.88,
    }
    assert view.defaults(model_result()["values"]) == {
        "m3": 1800.0,
        "reuse": pytest.approx(95),
        "ammonia": pytest.approx(99),
        "cod": pytest.approx(88),
    }


def test_figures_by_hand_at_the_plan() -> None:
    result = model_result()
    values = result["values"]
    fig = view.figures(result)
    assert fig.reclaimed_m3_per_day == pytest.approx(1800 * 0.95)
    assert fig.concentrate_m3_per_day == pytest.approx(1800 * 0.05)
    # mg/L × m³ → t: 1 m³ = 1000 L, 1 t = 1e9 mg
    n_in = 1800 * 365 * 1000 * values["leachate.ammonia_mg_per_l"] / 1e9
    assert fig.ammonia_n_recovered_t_per_year == pytest.approx(n_in * 0.99)
    cod_in = 1800 * 365 * 1000 * values["leachate.cod_mg_per_l"] / 1e9
    assert fig.cod_removed_t_per_year == pytest.approx(cod_in * 0.88)
    assert fig.electricity_kwh_per_year == pytest.approx(1800 * 365 * values["leachate.kwh_per_m3"])


def test_three_sources_add_up_and_the_flows_balance() -> None:
    fig = view.figures(model_result())
    assert sum(fig.source_m3_per_day.values()) == pytest.approx(fig.leachate_m3_per_day)
    links = view.flow_links(fig)
    into_plant = sum(v for s, d, v in links if d == "plant")
    out_of_plant = sum(v for s, d, v in links if s == "plant")
    assert into_plant == pytest.approx(out_of_plant) == pytest.approx(1800)
    assert {s for s, _, _ in links} >= {"src_incineration", "src_kitchen_waste", "src_landfill"}


def test_full_reuse_leaves_no_concentrate_link() -> None:
    fig = view.figures(model_result({"leachate.reuse_rate": 1.0}))
    assert fig.concentrate_m3_per_day == 0
    assert all("concentrate" not in (s, d) for s, d, _ in view.flow_links(fig))


def test_summary_sentence_from_the_numbers() -> None:
    fig = view.figures(model_result({"leachate.m3_per_day": 1000.0, "leachate.reuse_rate": 0.8}))
    text = view.chart_summary_text(fig, "en")
    text = text.replace("\u00a0", " ")
    assert "1,000 m³/d" in text and "800 m³/d" in text and "80%" in text and "200 m³/d" in text
    empty = view.figures(model_result({"leachate.m3_per_day": 0.0}))
    assert view.chart_summary_text(empty, "en") == t("water.summary_none", "en")
    assert view.flow_links(empty) == []


# --------------------------------------------------------------------------------------------
# what the page draws (as data)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_rows_keys_and_labels(lang: str) -> None:
    result = model_result()
    rows = view.shown_figures(view.figures(result), result["values"], lang)
    assert [[f.key for f in row] for row in rows] == [
        ["fig-reclaimed", "fig-concentrate", "fig-electricity"],
        ["fig-ammonia", "fig-cod"],
    ]
    names = ["reclaimed", "concentrate", "electricity", "ammonia_out", "cod_out"]
    assert [f.label for row in rows for f in row] == [t(f"water.{n}", lang) for n in names]
    if lang == "en":
        words = [text for row in rows for f in row for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []


def test_shown_figures_follow_the_model() -> None:
    result = model_result({"leachate.m3_per_day": 1000.0, "leachate.reuse_rate": 0.8})
    fig = view.figures(result)
    shown = {f.key: f for row in view.shown_figures(fig, result["values"], "en") for f in row}
    assert shown["fig-reclaimed"].value == format_quantity(800, "m3/d", "en")
    assert shown["fig-concentrate"].value == format_quantity(200, "m3/d", "en")
    assert format_quantity(200 * 365, "m3", "en") in shown["fig-concentrate"].assumption
    assert (
        format_quantity(result["values"]["leachate.cod_mg_per_l"], "mg/L", "en")
        in shown["fig-cod"].assumption
    )


def test_sliders_keep_their_url_keys_and_open_on_the_plan() -> None:
    columns = view.sliders(model_result()["values"], "zh")
    assert [[s.key for s in column] for column in columns] == [["m3", "reuse"], ["nh3", "cod"]]
    sliders = {s.key: s for column in columns for s in column}
    assert {key: s.default for key, s in sliders.items()} == pytest.approx(
        {"m3": 1800, "reuse": 95, "nh3": 99, "cod": 88}
    )
    assert (sliders["nh3"].min_value, sliders["nh3"].max_value, sliders["nh3"].step) == (80.0, 99.5, 0.5)
    assert sliders["nh3"].format == "%.1f%%" and not sliders["nh3"].integer
    assert sliders["reuse"].label == t("water.reuse", "zh")
    values = {s.name: s.default for s in sliders.values()}
    assert view.overrides(**values) == view.overrides(1800, 95, 99, 88)


def test_plan_text_has_the_sliders_rates() -> None:
    text = view.plan_text({"reuse_percent": 90, "ammonia_percent": 99.5, "cod_percent": 88}, "en")
    assert "90%" in text and "99.5%" in text and "88%" in text


def test_sankey_colours_are_named() -> None:
    assert set(view.NODE_COLOURS) == set(view.NODES) == set(view.node_labels("zh"))
    assert set(view.NODE_COLOURS.values()) <= set(COLOURS)
    assert view.link_colour("reclaimed") == ("blue", 0.3)
    assert translucent(*view.link_colour("reclaimed")) == "rgba(29,78,216,0.3)"  # COLOURS["blue"] = #1d4ed8
    assert view.link_colour("plant")[0] == view.link_colour("concentrate")[0] == "grey"


def test_provenance_items_are_the_plans_leachate_inputs() -> None:
    plan = scenario_result(PLAN)
    items = view.provenance_items(plan, "en")
    assert [label for label, _ in items][:2] == [t("water.in.m3", "en"), t("water.in.reuse", "en")]
    assert len(items) == 8
    assert items[4][1] == plan["provenance"]["leachate.source_shares"]
    assert all(source for _, source in items)


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.water", lang)]
    labels = {m.label for m in at.metric}
    for key in ("reclaimed", "concentrate", "electricity", "ammonia_out", "cod_out"):
        assert t(f"water.{key}", lang) in labels
    text = "\n".join(m.value for m in at.markdown)
    assert t("water.node.src_landfill", lang) in text  # the three sources are listed


def test_reuse_slider_trades_concentrate_for_reclaimed_water() -> None:
    at = open_page(PAGE, "en")
    reclaimed, concentrate = number(metric(at, "water.reclaimed")), number(metric(at, "water.concentrate"))
    at.slider(key="url-reuse").set_value(80).run()
    assert number(metric(at, "water.reclaimed")) < reclaimed
    assert number(metric(at, "water.concentrate")) > concentrate
    assert number(metric(at, "water.reclaimed")) == pytest.approx(1800 * 0.8)


def test_volume_slider_scales_everything() -> None:
    at = open_page(PAGE, "en", m3="900")
    assert number(metric(at, "water.reclaimed")) == pytest.approx(900 * 0.95, rel=0.01)
    electricity = number(metric(at, "water.electricity"))
    at.slider(key="url-m3").set_value(1800).run()
    assert number(metric(at, "water.electricity")) == pytest.approx(2 * electricity, rel=0.01)


def test_ammonia_and_cod_sliders_move_what_is_recovered() -> None:
    at = open_page(PAGE, "en")
    ammonia, cod = number(metric(at, "water.ammonia_out")), number(metric(at, "water.cod_out"))
    at.slider(key="url-nh3").set_value(90.0).run()
    at.slider(key="url-cod").set_value(60).run()
    assert number(metric(at, "water.ammonia_out")) < ammonia
    assert number(metric(at, "water.cod_out")) < cod


def test_bad_url_values_fall_back_to_the_plan() -> None:
    at = open_page(PAGE, "en", m3="1e9", reuse="abc", nh3="100.5", cod="<script>")
    assert not at.exception
    assert at.slider(key="url-m3").value == 1800
    assert at.slider(key="url-reuse").value == 95
    assert at.slider(key="url-nh3").value == pytest.approx(99.0)
    assert at.slider(key="url-cod").value == 88
