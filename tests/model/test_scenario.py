"""Scenario loading, ``extends``, overrides and validation (one-line errors naming file, key and reason)."""

from __future__ import annotations

import re

import pytest

from parkloop.model import ScenarioError, list_scenarios, load_scenario, parse_overrides

from ._helpers import DELETE, VALID_SCENARIO, to_toml, variant

# (case id, changes to the valid file, dotted key the message must name, reason pattern)
BAD_FILES = [
    ("unknown-key", {"incineration__tonnes_per_dya": 5}, "incineration.tonnes_per_dya", r"unknown"),
    ("unknown-table", {"incinerator__tonnes_per_day": 5}, "incinerator", r"unknown"),
    (
        "unknown-component",
        {"incineration__composition__glass": 0.0},
        "incineration.composition.glass",
        r"unknown",
    ),
    ("missing-required-key", {"solar__kwp": DELETE}, "solar.kwp", r"missing"),
    ("missing-scenario-key", {"scenario__gwp": DELETE}, "scenario.gwp", r"missing"),
    ("wrong-type-text", {"incineration__tonnes_per_day": "lots"}, "incineration.tonnes_per_day", r"type"),
    ("wrong-type-bool", {"leachate__reuse_rate": True}, "leachate.reuse_rate", r"type"),
    ("wrong-type-table", {"incineration__composition": 1.0}, "incineration.composition", r"type"),
    ("negative-flow", {"leachate__m3_per_day": -5}, "leachate.m3_per_day", r"negative"),
    ("negative-flow-kwp", {"solar__kwp": -1.0}, "solar.kwp", r"negative"),
    (
        "fraction-above-1",
        {"kitchen_waste__methane_fraction": 1.5},
        "kitchen_waste.methane_fraction",
        r"fraction|0\s*[–-]\s*1",
    ),
    (
        "fraction-below-0",
        {"construction_waste__recycled_fraction": -0.1},
        "construction_waste.recycled_fraction",
        r"fraction|0\s*[–-]\s*1",
    ),
    ("composition-sum-low", {"incineration__composition__food": 0.2}, "incineration.composition", r"sum"),
    (
        "composition-sum-high",
        {"incineration__composition__plastics": 0.17},
        "incineration.composition",
        r"sum",
    ),
    ("gwp-unknown", {"scenario__gwp": "AR4"}, "scenario.gwp", r"AR5"),
]


def check_message(message: str, file_part: str, key: str, reason: str) -> None:
    assert "\n" not in message.strip(), f"error is more than one line: {message!r}"
    assert file_part in message, f"file {file_part!r} not named in {message!r}"
    assert key in message, f"key {key!r} not named in {message!r}"
    assert re.search(reason, message, re.IGNORECASE), f"reason /{reason}/ not in {message!r}"
    assert "Traceback" not in message


@pytest.fixture
def write(tmp_path):
    def _write(tables, name="scenario.toml"):
        path = tmp_path / name
        path.write_text(to_toml(tables), encoding="utf-8")
        return path

    return _write


def test_the_valid_test_file_loads(write):
    path = write(VALID_SCENARIO)
    s = load_scenario(str(path))
    assert s.name == "test-file"
    assert s.values["incineration"]["tonnes_per_day"] == 1000
    assert s.values["solar"]["kwh_per_kwp"] == 1200


def test_composition_within_tolerance_is_accepted(write):
    # sums to 1.0009: inside 1 ± 0.001
    path = write(variant(incineration__composition__other_inert=0.1909))
    load_scenario(str(path))


@pytest.mark.parametrize("case,changes,key,reason", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file(write, case, changes, key, reason):
    path = write(variant(**changes))
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(path))
    assert isinstance(info.value, ValueError)
    check_message(str(info.value), path.name, key, reason)


# The same cases as overrides on a shipped scenario (the sliders' path). Missing keys cannot be made by
# an override, so they are tested through files only.
BAD_OVERRIDES = [
    ("unknown-key", {"incineration.tonnes_per_dya": 5}, "incineration.tonnes_per_dya", r"unknown"),
    ("wrong-type", {"incineration.tonnes_per_day": "lots"}, "incineration.tonnes_per_day", r"type"),
    (
        "negative-flow",
        {"construction_waste.tonnes_per_day": -1},
        "construction_waste.tonnes_per_day",
        r"negative",
    ),
    ("fraction-outside", {"leachate.reuse_rate": 1.01}, "leachate.reuse_rate", r"fraction|0\s*[–-]\s*1"),
    ("composition-sum", {"incineration.composition.food": 0.999}, "incineration.composition", r"sum"),
]


@pytest.mark.parametrize("case,overrides,key,reason", BAD_OVERRIDES, ids=[c[0] for c in BAD_OVERRIDES])
def test_bad_override(case, overrides, key, reason):
    with pytest.raises(ScenarioError) as info:
        load_scenario("baseline-2023", overrides=overrides)
    check_message(str(info.value), "baseline-2023", key, reason)


def test_shipped_scenarios():
    names = list_scenarios()
    assert "baseline-2023" in names and "plan-2026" in names
    for name in names:
        s = load_scenario(name)
        assert s.name == name
        assert s.values["scenario"]["gwp"] in ("AR5", "AR6")


def test_plan_extends_or_restates_every_required_key():
    plan = load_scenario("plan-2026")
    for table, keys in {
        "scenario": ("name", "days_per_year", "grid_kg_co2_per_kwh", "gwp"),
        "incineration": (
            "tonnes_per_day",
            "net_kwh_per_tonne",
            "composition",
            "bottom_ash_fraction",
            "fly_ash_fraction",
            "export_steam_t_per_year",
        ),
        "kitchen_waste": (
            "tonnes_per_day",
            "biogas_nm3_per_tonne",
            "methane_fraction",
            "to_power_fraction",
            "engine_efficiency",
            "upgrading_recovery",
            "own_use_kwh_per_tonne",
            "oil_extraction_rate",
        ),
        "landfill_counterfactual": ("recovery_fraction", "oxidation_factor", "methane_correction_factor"),
        "leachate": ("m3_per_day", "reuse_rate"),
        "construction_waste": ("tonnes_per_day", "recycled_fraction"),
        "solar": ("kwp", "kwh_per_kwp"),
    }.items():
        for key in keys:
            assert key in plan.values[table], f"{table}.{key}"


def test_plan_adds_the_plans_new_plants():
    # plan 二(一)1: a new 800 t/d kitchen-waste plant; 二(一)2: leachate treatment to 1800 m³/d by 2026
    base, plan = load_scenario("baseline-2023"), load_scenario("plan-2026")
    assert plan.values["kitchen_waste"]["tonnes_per_day"] - base.values["kitchen_waste"][
        "tonnes_per_day"
    ] == pytest.approx(800)
    assert plan.values["leachate"]["m3_per_day"] == pytest.approx(1800)
    assert plan.values["incineration"]["tonnes_per_day"] > base.values["incineration"]["tonnes_per_day"]


def test_overrides_apply_and_do_not_leak():
    before = load_scenario("baseline-2023").values["incineration"]["tonnes_per_day"]
    s = load_scenario("baseline-2023", overrides={"incineration.tonnes_per_day": before + 123})
    assert s.values["incineration"]["tonnes_per_day"] == before + 123
    assert load_scenario("baseline-2023").values["incineration"]["tonnes_per_day"] == before


def test_override_of_one_component_keeps_the_others():
    base = load_scenario("baseline-2023").values["incineration"]["composition"]
    food, plastics = base["food"], base["plastics"]
    step = min(0.05, food)
    s = load_scenario(
        "baseline-2023",
        overrides={
            "incineration.composition.food": food - step,
            "incineration.composition.plastics": plastics + step,
        },
    )
    comp = s.values["incineration"]["composition"]
    assert comp["food"] == pytest.approx(food - step)
    assert comp["plastics"] == pytest.approx(plastics + step)
    for name in base:
        if name not in ("food", "plastics"):
            assert comp[name] == base[name]


def test_parse_overrides_reads_toml_values():
    got = parse_overrides(
        [
            "incineration.composition.food=0.4",
            "solar.kwp=2000",
            'scenario.gwp="AR6"',
            'scenario.name="x"',
        ]
    )
    assert got["incineration.composition.food"] == 0.4
    assert got["solar.kwp"] == 2000 and isinstance(got["solar.kwp"], int)
    assert got["scenario.gwp"] == "AR6"


def test_parse_overrides_rejects_items_without_equals():
    with pytest.raises(ScenarioError) as info:
        parse_overrides(["incineration.tonnes_per_day"])
    assert "\n" not in str(info.value)


def test_unknown_scenario_name():
    with pytest.raises(ScenarioError) as info:
        load_scenario("no-such-scenario")
    assert "no-such-scenario" in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(tmp_path / "absent.toml"))
    assert "absent.toml" in str(info.value)


def test_not_toml(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[scenario\nname = ", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(path))
    assert "broken.toml" in str(info.value)
    assert "\n" not in str(info.value)


def test_extends_a_shipped_scenario(write):
    # a staff member's file: start from plan-2026, change one figure
    path = write({"scenario": {"name": "more-pv", "extends": "plan-2026"}, "solar": {"kwp": 99_000}})
    s = load_scenario(str(path))
    assert s.values["solar"]["kwp"] == 99_000
    plan = load_scenario("plan-2026")
    assert s.values["incineration"] == plan.values["incineration"]


def test_provenance_of_an_override_is_marked():
    s = load_scenario("baseline-2023", overrides={"solar.kwp": 1234})
    assert s.provenance["solar.kwp"].kind == "override"
