"""多流合一 (``system``): Sankey data from the model's flow graphs, and the page in both languages.

Expected values come from the model's own graphs (``evaluate``) or from small graphs written by hand here,
never from the page's output.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, has_key, t
from parkloop.exhibits.system import (
    FLOWS,
    LEVER_COLUMNS,
    LEVERS,
    all_node_ids,
    balance_closes,
    balance_fields,
    biggest_links,
    link_rows,
    node_label,
    own_overrides,
    provenance_items,
    sankey_data,
    sankey_layout,
    summary_fields,
    unit_label,
)
from parkloop.i18n import contains_cjk
from parkloop.model import evaluate, load_scenario
from tests.apptest import Sankey, page_sankeys
from tests.apptest import open_page as open_app_page

HAND_GRAPH = {
    "unit": "t/yr",
    "nodes": [{"id": n} for n in ("household_waste", "incinerator", "flue_gas", "landfill")],
    "links": [
        {"source": "household_waste", "target": "incinerator", "value": 100.0, "kind": ""},
        {"source": "incinerator", "target": "flue_gas", "value": 70.0, "kind": ""},
        {"source": "incinerator", "target": "landfill", "value": 30.0, "kind": ""},
        {"source": "incinerator", "target": "landfill", "value": 0.0, "kind": ""},
    ],
}


def result(name: str = "plan-2026", overrides: dict | None = None) -> dict:
    return evaluate(load_scenario(name, overrides)).to_dict()


def extremes() -> list[dict]:
    lows = {lever.key: lever.lo for lever in LEVERS}
    highs = {lever.key: lever.hi for lever in LEVERS}
    return [result("baseline-2023"), result(), result(overrides=lows), result(overrides=highs)]


# ---------------------------------------------------------------------------------------------------
# view logic
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_node_of_every_scenario_has_a_name(lang: str) -> None:
    for flow, node in all_node_ids(extremes()):
        assert has_key(f"system.node.{flow}.{node}", lang) or has_key(f"system.node.{node}", lang), (
            flow,
            node,
        )
        if lang == "en":
            assert contains_cjk(node_label(node, lang, flow), CJK_ALLOWLIST) == []


def test_one_id_in_two_flows_gets_the_flows_meaning() -> None:
    # "construction_waste" is the incoming waste in the material graph, the plant in the money graph
    assert node_label("construction_waste", "en", "material") == t("system.node.construction_waste", "en")
    assert node_label("construction_waste", "en", "money") == t("system.node.money.construction_waste", "en")
    assert node_label("not_a_node", "en") == "not a node"


def test_sankey_data_keeps_every_positive_link_and_its_value() -> None:
    data = sankey_data("material", HAND_GRAPH, "en")
    assert data["values"] == [100.0, 70.0, 30.0]  # the zero link is dropped
    assert len(data["labels"]) == 4
    assert [data["labels"][i] for i in data["sources"]] == [t("system.node.household_waste", "en")] + [
        t("system.node.incinerator", "en")
    ] * 2
    assert data["link_colours"][1] != data["link_colours"][2]  # flue gas (a loss) is grey, landfill is not
    assert "70" in data["link_hover"][1]


@pytest.mark.parametrize("flow", FLOWS)
def test_sankey_data_matches_the_models_graph(flow: str) -> None:
    graph = result()["flows"][flow]
    data = sankey_data(flow, graph, "zh")
    assert sum(data["values"]) == pytest.approx(sum(link["value"] for link in graph["links"]))
    assert max(data["sources"] + data["targets"]) == len(data["labels"]) - 1
    assert len(data["node_hover"]) == len(data["labels"])


def test_link_rows_are_sorted_biggest_first() -> None:
    rows = link_rows("material", HAND_GRAPH, "en")
    assert [row["target"] for row in rows] == [
        t("system.node.incinerator", "en"),
        t("system.node.flue_gas", "en"),
        t("system.node.landfill", "en"),
    ]
    assert rows[0]["value"] == "100\u00a0t/yr"


def test_summary_names_the_two_biggest_links_with_their_share() -> None:
    balance = {"inputs": 100.0, "outputs": 100.0, "closure_error": 0.0}
    fields = summary_fields("material", HAND_GRAPH, balance, "en")
    assert fields["first_source"] == "household waste"  # lower-case inside an English sentence
    assert fields["second_target"] == "flue gas (with water vapour)"
    assert fields["first_share"] == "100%" and fields["second_share"] == "70%"
    zh = summary_fields("material", HAND_GRAPH, balance, "zh")
    assert zh["first_source"] == t("system.node.household_waste", "zh")


def test_summary_of_the_plan_follows_the_model() -> None:
    data = result()
    graph = data["flows"]["energy"]
    top = max(graph["links"], key=lambda link: link["value"])
    assert biggest_links(graph, 1) == [top]
    fields = summary_fields("energy", graph, data["balances"]["energy"], "en")
    assert fields["first_source"].lower() == node_label(top["source"], "en", "energy").lower()


def test_balance_in_words() -> None:
    tiny = {"inputs": 2_300_000.0, "outputs": 2_300_000.0, "closure_error": 1.2e-16}
    assert balance_fields(tiny, "t/yr", "en") == {
        "inputs": "2.3 million\u00a0t/yr",
        "outputs": "2.3 million\u00a0t/yr",
        "error": "0%",
    }
    assert balance_fields({"closure_error": 0.02}, "t/yr", "en")["error"] == "2%"
    assert balance_closes(tiny) and not balance_closes({"closure_error": 0.02})
    for flow, balance in result()["balances"].items():
        assert balance_closes(balance), flow


def test_units_as_visitors_read_them() -> None:
    assert unit_label("t C/yr", "zh") == "t C/年"
    assert unit_label("t C/yr", "en") == "t C/yr"
    assert unit_label("yuan/yr", "zh") == "元/年"
    assert unit_label("GJ/yr", "en") == "GJ/yr"


def test_own_overrides_are_clipped_to_the_levers() -> None:
    overrides = own_overrides({"inc": 99_999, "split": -1, "reuse": 0.9})
    assert overrides == {
        "incineration.tonnes_per_day": 6000.0,
        "kitchen_waste.to_power_fraction": 0.0,
        "leachate.reuse_rate": 0.9,
    }
    for lever in LEVERS:  # every lever's range is one the model accepts
        for value in (lever.lo, lever.hi):
            assert result(overrides={lever.key: value})["balances"]["material"]["closure_error"] < 1e-9


def test_the_levers_stand_in_two_columns_of_two() -> None:
    assert [lever for column in LEVER_COLUMNS for lever in column] == list(LEVERS)
    assert [len(column) for column in LEVER_COLUMNS] == [2, 2]


def test_sankey_sizes_grow_with_the_nodes_within_bounds() -> None:
    assert sankey_layout(3, narrow=False).height == 420  # 3 × 34 + 120 = 222: the floor
    assert sankey_layout(10, narrow=False).height == 34 * 10 + 120
    assert sankey_layout(40, narrow=False).height == 760  # the ceiling
    phone = sankey_layout(40, narrow=True)
    assert phone.height == 520 and phone == sankey_layout(3, narrow=True)
    kiosk = sankey_layout(10, narrow=False)
    assert phone.font_px < kiosk.font_px and phone.node_w < kiosk.node_w and phone.pad < kiosk.pad


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_provenance_lists_the_flows_the_prices_and_every_lever(lang: str) -> None:
    lever_provenance = {lever.key: {"kind": "plan", "ref": lever.key, "note": ""} for lever in LEVERS}
    energy = provenance_items("energy", lever_provenance, lang)
    assert energy[0] == (t("system.prov_flows", lang), "model")
    assert [label for label, _ in energy[1:]] == [t(f"system.lever.{lv.param}", lang) for lv in LEVERS]
    assert [prov for _, prov in energy[1:]] == [lever_provenance[lv.key] for lv in LEVERS]
    money = provenance_items("money", {}, lang)
    assert money[1][0] == t("system.prov_prices", lang) and money[1][1].kind == "illustrative"
    assert money[1][1].detail == t("system.prov_prices_detail", lang)
    assert all(prov == {} for _, prov in money[2:])  # a lever the scenario does not describe
    assert len(money) == len(energy) + 1


# ---------------------------------------------------------------------------------------------------
# the page (AppTest)
# ---------------------------------------------------------------------------------------------------
def open_page(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("system.py", {"lang": lang, **(params or {})})


def sankey(at: AppTest) -> Sankey:
    charts = page_sankeys(at)
    assert len(charts) == 1
    return charts[0]


def link_value(chart: Sankey, source: str, target: str) -> float:
    return chart.value(source, target)


def summary(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if "parkloop-summary" in h.proto.body)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_and_switches_flows(lang: str) -> None:
    at = open_page(lang)
    assert not at.exception
    flow = at.get("segmented_control")[0]
    assert flow.value == "material"
    chart = sankey(at)
    assert chart.chart == "material" and t("system.node.household_waste", lang) in chart.labels.values()
    assert chart.alt.startswith(
        t(
            "system.chart_alt",
            lang,
            flow=t("system.flow_word.material", lang),
            scenario=t("system.scenario.plan", lang),
        )
    )
    assert all(chart.hovers.values()) and all(hover in chart.alt for hover in chart.hovers.values())
    at = flow.set_value("carbon").run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert unit_label("t C/yr", lang) in text  # tonnes of carbon, not of CO₂
    assert t("system.node.air_fossil_co2", lang) in sankey(at).labels.values()
    at = at.get("segmented_control")[0].set_value("money").run()
    assert t("system.prov_prices", lang) in "\n".join(m.value for m in at.markdown)
    assert at.get("expander")  # the table alternative
    assert t("system.flow.water", lang) in str(at.get("segmented_control")[0].proto)
    if lang == "en":
        text = "\n".join(m.value for m in at.markdown) + summary(at)
        assert contains_cjk(text, CJK_ALLOWLIST) == []


def test_the_plan_moves_more_than_the_baseline() -> None:
    at = open_page("en", {"scenario": "baseline"})
    base = link_value(sankey(at), "Household waste", "Incinerator")
    at = at.get("segmented_control")[1].set_value("plan").run()
    plan = link_value(sankey(at), "Household waste", "Incinerator")
    expected = result()["flows"]["material"]["links"][0]
    assert plan == pytest.approx(expected["value"]) and plan > base


def test_own_plan_sliders_move_the_diagram() -> None:
    at = open_page("en", {"scenario": "own"})
    sliders = {s.label: s for s in at.slider}
    assert len(sliders) == len(LEVERS)
    before = link_value(sankey(at), "Household waste", "Incinerator")
    at = sliders[t("system.lever.inc", "en")].set_value(5000).run()
    after = link_value(sankey(at), "Household waste", "Incinerator")
    assert after == pytest.approx(5000 * 365) and after > before
    assert at.query_params["inc"] in ("5000", ["5000"])

    at = at.get("segmented_control")[0].set_value("energy").run()
    engines_half = link_value(sankey(at), "Blended biogas", "Gas engines")
    slider = next(s for s in at.slider if s.label == t("system.lever.split", "en"))
    at = slider.set_value(0.8).run()
    assert link_value(sankey(at), "Blended biogas", "Gas engines") > engines_half

    at = at.get("segmented_control")[0].set_value("water").run()
    reclaimed = link_value(sankey(at), "Leachate plant", "Reclaimed water")
    slider = next(s for s in at.slider if s.label == t("system.lever.reuse", "en"))
    at = slider.set_value(0.6).run()
    assert link_value(sankey(at), "Leachate plant", "Reclaimed water") < reclaimed


def test_url_reopens_the_view_and_junk_falls_back() -> None:
    at = open_page("zh", {"flow": "energy", "scenario": "own", "kw": "2000"})
    assert at.get("segmented_control")[0].value == "energy"
    assert next(s for s in at.slider if s.label == t("system.lever.kw", "zh")).value == 2000
    at = open_page("en", {"flow": "<script>", "scenario": "x" * 500, "inc": "1e309"})
    assert not at.exception
    assert at.get("segmented_control")[0].value == "material"
    assert at.get("segmented_control")[1].value == "plan"
    assert "<script>" not in summary(at)
