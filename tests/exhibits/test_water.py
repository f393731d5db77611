"""Exhibit "water": the view logic against hand arithmetic, and the page through AppTest.

Hand numbers come from the scenario files: plan-2026 treats 1800 m³/d of leachate (365 days), reuses 95 %,
recovers 99 % of 1500 mg/L ammonia nitrogen and removes 99.952 % of 20 000 mg/L COD; baseline-2023 treats
1200 m³/d, reuses 80 % and removes 99.6 %. The three sources' shares are 30 % restaurant-waste plant, 50 %
incinerator, 20 % landfill. 1 m³ × 1 mg/L = 1 g = 1e-6 t.
"""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import water as view
from parkloop.i18n import contains_cjk, format_quantity
from parkloop.ui.charts import COLOURS
from parkloop.ui.model_data import BASELINE, PLAN, factors_data, scenario_result
from tests.apptest import figures

from ._helpers import metric, model_result, number, open_page

PAGE = "water"


def plan_and_base(overrides: dict | None = None) -> tuple[view.WaterFigures, view.WaterFigures]:
    return view.figures(model_result(overrides)), view.figures(model_result(name="baseline-2023"))


def test_overrides_and_defaults() -> None:
    assert view.overrides(1500, 90, 99.5, 99.952) == {
        "leachate.m3_per_day": 1500.0,
        "leachate.reuse_rate": 0.9,
        "leachate.ammonia_recovery": 0.995,
        "leachate.cod_removal": 0.99952,  # a removal efficiency, not the plan's "88 %"
    }
    assert view.defaults(model_result()["values"]) == {
        "m3": 1800.0,
        "reuse": pytest.approx(95),
        "ammonia": pytest.approx(99),
        "cod": pytest.approx(99.952),
    }


def test_figures_by_hand_at_the_plan() -> None:
    fig = view.figures(model_result())
    assert fig.leachate_m3_per_year == pytest.approx(657_000)  # 1800 × 365
    assert fig.reclaimed_m3_per_day == pytest.approx(1710)  # 1800 × 0.95
    assert fig.concentrate_m3_per_day == pytest.approx(90)  # 1800 × 0.05
    assert fig.ammonia_n_recovered_t_per_year == pytest.approx(975.645)  # 657 000 × 1500e-6 × 0.99
    assert fig.cod_removed_t_per_year == pytest.approx(13_133.6928)  # 657 000 × 20 000e-6 × 0.99952
    assert fig.effluent_cod_mg_per_l == pytest.approx(9.6)  # 20 000 × 0.00048
    assert fig.cod_limit_mg_per_l == 100  # GB 16889
    assert fig.within_limit
    assert fig.cod_discharged_t_per_year == pytest.approx(5.99184)  # 624 150 m³ × 9.6e-6
    assert fig.electricity_kwh_per_year == pytest.approx(13_140_000)  # 657 000 × 20 kWh/m³


def test_the_plans_cod_cut_is_a_discharge_cut_reproduced_by_the_removal() -> None:
    fig, base = plan_and_base()
    # 2023: 20 000 × (1 − 0.996) = 80 mg/L; 350 400 m³ reclaimed (1200 × 365 × 0.8) × 80e-6 = 28.032 t
    assert base.effluent_cod_mg_per_l == pytest.approx(80)
    assert base.cod_discharged_t_per_year == pytest.approx(28.032)
    # per litre: 9.6 / 80 = 0.12, the plan's −88 % — because 0.99952 was set from it
    assert view.change(fig.effluent_cod_mg_per_l, base.effluent_cod_mg_per_l) == pytest.approx(-0.88)
    # a year's tonnes: 5.99184 / 28.032 − 1 = −0.78625 (more water is treated and reused in 2026)
    assert view.change(fig.cod_discharged_t_per_year, base.cod_discharged_t_per_year) == pytest.approx(
        -0.78625, abs=1e-5
    )
    text = view.cod_cut_text(fig, base, "en").replace("\u00a0", " ")
    for part in ("80 mg/L", "9.6 mg/L", "−88%", "28 t/yr", "5.99 t/yr", "−78.6%", "99.952%"):
        assert part in text, part
    # 88 % read as a removal would leave 20 000 × 0.12 = 2400 mg/L, 24 times the 100 mg/L limit
    assert "2,400 mg/L" in text and "24 times" in text
    zh = view.cod_cut_text(fig, base, "zh")
    assert "−88%" in zh and "24倍" in zh and "推算" in zh


def test_a_low_removal_breaks_the_limit_and_the_page_says_so() -> None:
    fig = view.figures(model_result({"leachate.cod_removal": 0.99}))
    assert fig.effluent_cod_mg_per_l == pytest.approx(200)  # 20 000 × 0.01
    assert not fig.within_limit
    effluent = view.effluent_figure(fig, "en")
    assert effluent.value == format_quantity(200, "mg/L", "en") and "broken" in effluent.assumption
    warning = view.limit_warning(fig, "en")
    assert format_quantity(200, "mg/L", "en") in warning and format_quantity(100, "mg/L", "en") in warning
    assert "met" in view.effluent_figure(view.figures(model_result()), "en").assumption


def test_three_sources_as_the_plan_names_them_and_the_flows_balance() -> None:
    fig = view.figures(model_result())
    assert view.SOURCES == ("restaurant_waste", "incineration", "landfill")
    # 1800 m³/d × 30 % / 50 % / 20 %
    assert fig.source_m3_per_day == pytest.approx(
        {"restaurant_waste": 540, "incineration": 900, "landfill": 360}
    )
    links = view.flow_links(fig)
    into_plant = sum(v for s, d, v in links if d == "plant")
    out_of_plant = sum(v for s, d, v in links if s == "plant")
    assert into_plant == pytest.approx(out_of_plant) == pytest.approx(1800)
    assert {s for s, _, _ in links} >= {"src_restaurant_waste", "src_incineration", "src_landfill"}
    assert t("water.node.src_restaurant_waste", "zh") == "餐厨垃圾处理厂"
    assert t("water.node.src_incineration", "zh").startswith("清洁焚烧中心")
    assert t("water.node.src_landfill", "zh") == "卫生填埋场"


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
    assert empty.cod_discharged_t_per_year == 0 and empty.within_limit


# --------------------------------------------------------------------------------------------
# what the page draws (as data)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_rows_keys_and_labels(lang: str) -> None:
    result = model_result()
    fig, base = plan_and_base()
    rows = view.shown_figures(fig, base, result["values"], lang)
    assert [[f.key for f in row] for row in rows] == [
        ["fig-reclaimed", "fig-concentrate", "fig-electricity"],
        ["fig-ammonia", "fig-cod", "fig-effluent", "fig-cod-discharged"],
    ]
    names = ["reclaimed", "concentrate", "electricity", "ammonia_out", "cod_out", "effluent", "discharged"]
    assert [f.label for row in rows for f in row] == [t(f"water.{n}", lang) for n in names]
    if lang == "en":
        words = [text for row in rows for f in row for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []


def test_shown_figures_follow_the_model() -> None:
    result = model_result({"leachate.m3_per_day": 1000.0, "leachate.reuse_rate": 0.8})
    fig, base = view.figures(result), view.figures(model_result(name="baseline-2023"))
    shown = {f.key: f for row in view.shown_figures(fig, base, result["values"], "en") for f in row}
    assert shown["fig-reclaimed"].value == format_quantity(800, "m3/d", "en")
    assert shown["fig-concentrate"].value == format_quantity(200, "m3/d", "en")
    assert format_quantity(200 * 365, "m3", "en") in shown["fig-concentrate"].assumption
    assert format_quantity(20_000, "mg/L", "en") in shown["fig-cod"].assumption
    # 800 × 365 = 292 000 m³ × 9.6e-6 = 2.8032 t; 2023's 28.032 t in the note
    assert shown["fig-cod-discharged"].value == format_quantity(2.8032, "t/yr", "en")
    assert format_quantity(28.032, "t/yr", "en") in shown["fig-cod-discharged"].assumption
    assert shown["fig-effluent"].value == format_quantity(9.6, "mg/L", "en")


def test_sliders_keep_their_url_keys_and_open_on_the_plan() -> None:
    columns = view.sliders(model_result()["values"], "zh")
    assert [[s.key for s in column] for column in columns] == [["m3", "reuse"], ["nh3", "cod"]]
    sliders = {s.key: s for column in columns for s in column}
    assert {key: s.default for key, s in sliders.items()} == pytest.approx(
        {"m3": 1800, "reuse": 95, "nh3": 99, "cod": 99.952}
    )
    assert (sliders["nh3"].min_value, sliders["nh3"].max_value, sliders["nh3"].step) == (80.0, 99.5, 0.5)
    assert sliders["nh3"].format == "%.1f%%" and not sliders["nh3"].integer
    # COD removal: 99 % (200 mg/L, over the limit) to 99.99 %, fine enough to hold the plan's 99.952 %
    assert (sliders["cod"].min_value, sliders["cod"].max_value, sliders["cod"].step) == (99.0, 99.99, 0.001)
    assert sliders["reuse"].label == t("water.reuse", "zh")
    assert "推算" in sliders["reuse"].help and "工业用水" in sliders["reuse"].help
    assert "厨余沼液" in sliders["nh3"].help
    values = {s.name: s.default for s in sliders.values()}
    assert view.overrides(**values) == view.overrides(1800, 95, 99, 99.952)


def test_plan_text_says_which_figures_are_worked_out() -> None:
    text = view.plan_text({"reuse_percent": 90, "ammonia_percent": 99.5, "cod_percent": 99.952}, "en")
    assert "90%" in text and "99.5%" in text and "99.952%" in text
    assert "industrial water" in text and "worked out" in text and "not a removal rate" in text
    zh = view.plan_text({"reuse_percent": 95, "ammonia_percent": 99, "cod_percent": 99.952}, "zh")
    assert "工业用水" in zh and "厨余沼液" in zh and "推算" in zh


def test_sankey_colours_are_named() -> None:
    assert set(view.NODE_COLOURS) == set(view.NODES) == set(view.node_labels("zh"))
    assert set(view.NODE_COLOURS.values()) <= set(COLOURS)
    assert view.link_colour("reclaimed") == ("blue", 0.3)
    assert view.link_colour("plant")[0] == view.link_colour("concentrate")[0] == "grey"


def test_provenance_items_name_derived_values_and_the_limit() -> None:
    plan, base, factors = scenario_result(PLAN), scenario_result(BASELINE), factors_data()
    items = dict(view.provenance_items(plan, base, factors, "en"))
    assert len(items) == 10
    assert items[t("water.in.shares", "en")] == plan["provenance"]["leachate.source_shares"]
    for key in ("reuse", "ammonia", "cod"):  # worked out from the plan, not quoted from it
        assert items[t(f"water.in.{key}", "en")]["kind"] == "derived", key
    assert items[t("water.in.m3", "en")]["kind"] == "plan"
    assert items[t("water.in.cod_2023", "en")] == base["provenance"]["leachate.cod_removal"]
    assert items[t("water.in.cod_limit", "en")] == factors["provenance"]["constants.gb16889_cod_mg_per_l"]
    assert str(items[t("water.in.cod_limit", "en")]).startswith("cited")
    assert all(source for source in items.values())


def test_no_wrong_spelling_of_leachate() -> None:
    from parkloop.content import page_text

    assert "渗滤液" not in page_text(PAGE, "zh")
    assert all("渗滤液" not in t(f"water.node.{node}", "zh") for node in view.NODES)


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.water", lang)]
    labels = {f.label for f in figures(at)}
    for key in (
        "reclaimed",
        "concentrate",
        "electricity",
        "ammonia_out",
        "cod_out",
        "effluent",
        "discharged",
    ):
        assert t(f"water.{key}", lang) in labels
    text = "\n".join(m.value for m in at.markdown)
    for source in view.SOURCES:  # the three sources are listed
        assert t(f"water.node.src_{source}", lang) in text
    assert "−88%" in text and not at.warning


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


def test_ammonia_and_cod_sliders_move_what_is_recovered_and_what_is_left() -> None:
    at = open_page(PAGE, "en")
    ammonia, cod = number(metric(at, "water.ammonia_out")), number(metric(at, "water.cod_out"))
    assert number(metric(at, "water.effluent")) == pytest.approx(9.6)
    at.slider(key="url-nh3").set_value(90.0).run()
    at.slider(key="url-cod").set_value(99.0).run()
    assert number(metric(at, "water.ammonia_out")) < ammonia
    assert number(metric(at, "water.cod_out")) < cod
    assert number(metric(at, "water.effluent")) == pytest.approx(200)  # 20 000 × 1 %
    assert at.warning and format_quantity(200, "mg/L", "en") in at.warning[0].value


def test_bad_url_values_fall_back_to_the_plan() -> None:
    at = open_page(PAGE, "en", m3="1e9", reuse="abc", nh3="100.5", cod="<script>")
    assert not at.exception
    assert at.slider(key="url-m3").value == 1800
    assert at.slider(key="url-reuse").value == 95
    assert at.slider(key="url-nh3").value == pytest.approx(99.0)
    assert at.slider(key="url-cod").value == pytest.approx(99.952)
    # an old link's "cod=88" (version 1 read the plan's 88 % as a removal) opens on the plan
    old = open_page(PAGE, "en", cod="88")
    assert old.slider(key="url-cod").value == pytest.approx(99.952)
