"""The command-line contract of model.md: ``python -m parkloop evaluate|targets|sources`` in a subprocess."""

from __future__ import annotations

import json
import re

import pytest

from parkloop.model import evaluate_dict, load_scenario

from ._helpers import VALID_SCENARIO, cli, to_toml, variant
from .test_scenario import BAD_FILES, BAD_OVERRIDES

TOTALS = (
    "waste_treated_t_per_year",
    "net_electricity_kwh_per_year",
    "export_steam_t_per_year",
    "fuel_gas_nm3_per_year",
    "recycled_materials_t_per_year",
    "reclaimed_water_m3_per_year",
    "emissions_t_co2e_per_year",
    "avoided_t_co2e_per_year",
    "net_t_co2e_per_year",
    "emissions_kg_co2e_per_t_waste",
)
CHAINS = ("incineration", "kitchen_waste", "leachate", "construction_waste", "solar")


def evaluate_json(*args: str) -> dict:
    proc = cli("evaluate", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def assert_bad_input(proc, file_part: str, key: str, reason: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == "", proc.stdout
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert file_part in line, line
    assert key in line, line
    assert re.search(reason, line, re.IGNORECASE), line


@pytest.fixture(scope="module")
def plan_json():
    return evaluate_json("plan-2026")


def test_evaluate_plan_has_every_contract_key(plan_json):
    d = plan_json
    assert d["scenario"] == "plan-2026"
    for key in TOTALS:
        assert isinstance(d["totals"][key], int | float), key
    assert set(d["chains"]) >= set(CHAINS)
    for name in CHAINS:
        chain = d["chains"][name]
        for key in ("inputs", "products", "emissions_t_co2e_per_year", "avoided_t_co2e_per_year"):
            assert key in chain, (name, key)
    for key in ("fossil_co2_t_per_year", "n2o_t_per_year", "bottom_ash_t_per_year"):
        assert key in d["chains"]["incineration"], key
    for name in ("material", "energy", "water", "carbon"):
        assert "closure_error" in d["balances"][name], name


def test_cli_json_is_the_api_json(plan_json):
    api = json.loads(json.dumps(evaluate_dict(load_scenario("plan-2026"))))
    assert plan_json == api


def test_set_two_components(plan_json):
    # move 0.1 of the wet mass from food to plastics; fossil CO2 rises by W × 0.1 × 0.75 × 44/12 (food has no
    # fossil carbon), W = tonnes/day × days
    values = load_scenario("plan-2026").values
    comp = values["incineration"]["composition"]
    assert comp["food"] >= 0.1
    food, plastics = round(comp["food"] - 0.1, 6), round(comp["plastics"] + 0.1, 6)
    d = evaluate_json(
        "plan-2026",
        "--set",
        f"incineration.composition.food={food}",
        "--set",
        f"incineration.composition.plastics={plastics}",
    )
    w = values["incineration"]["tonnes_per_day"] * values["scenario"]["days_per_year"]
    step_food = comp["food"] - food
    fossil = "fossil_co2_t_per_year"
    diff = d["chains"]["incineration"][fossil] - plan_json["chains"]["incineration"][fossil]
    assert diff == pytest.approx(w * step_food * 0.75 * 44 / 12, rel=1e-6)


def test_set_gwp_and_grid():
    d = evaluate_json(
        "plan-2026", "--set", 'scenario.gwp="AR6"', "--set", "scenario.grid_kg_co2_per_kwh=0.6361"
    )
    assert d["gwp"] == "AR6"
    assert d["grid_kg_co2_per_kwh"] == pytest.approx(0.6361)


def test_path_to_a_file(tmp_path):
    path = tmp_path / "my-park.toml"
    path.write_text(to_toml(VALID_SCENARIO), encoding="utf-8")
    d = evaluate_json(str(path))
    assert d["scenario"] == "test-file"
    # 1000 t/d × 365 d + 100 t/d × 365 + 200 t/d × 365 = 474 500 t of solid waste
    assert d["totals"]["waste_treated_t_per_year"] == pytest.approx(474_500)


@pytest.mark.parametrize("case,changes,key,reason", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file(tmp_path, case, changes, key, reason):
    path = tmp_path / f"bad-{case}.toml"
    path.write_text(to_toml(variant(**changes)), encoding="utf-8")
    assert_bad_input(cli("evaluate", str(path), "--json"), path.name, key, reason)


def test_bad_file_missing_required_key_via_cli(tmp_path):
    # spelled out once more: the case that --set cannot make
    path = tmp_path / "no-reuse-rate.toml"
    tables = variant()
    del tables["leachate"]["reuse_rate"]
    path.write_text(to_toml(tables), encoding="utf-8")
    assert_bad_input(cli("evaluate", str(path), "--json"), path.name, "leachate.reuse_rate", r"missing")


@pytest.mark.parametrize("case,overrides,key,reason", BAD_OVERRIDES, ids=[c[0] for c in BAD_OVERRIDES])
def test_bad_set(case, overrides, key, reason):
    args = []
    for dotted, value in overrides.items():
        args += ["--set", f"{dotted}={json.dumps(value)}"]
    assert_bad_input(cli("evaluate", "baseline-2023", *args, "--json"), "baseline-2023", key, reason)


def test_bare_word_is_a_wrong_type():
    proc = cli("evaluate", "baseline-2023", "--set", "solar.kwp=lots", "--json")
    assert_bad_input(proc, "baseline-2023", "solar.kwp", r"type")


def test_unknown_scenario():
    proc = cli("evaluate", "no-such-scenario", "--json")
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "no-such-scenario" in proc.stderr


def test_missing_file(tmp_path):
    proc = cli("evaluate", str(tmp_path / "absent.toml"), "--json")
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert "absent.toml" in proc.stderr


def test_targets_json():
    proc = cli("targets", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    rows = data["targets"] if isinstance(data, dict) else data
    ids = {row["id"] for row in rows}
    assert ids >= {"capacity", "green_power", "intensity", "water_reuse", "synergy", "co2_reduction"}
    for row in rows:
        assert row["status"] in ("met", "short", "not_modelled")


def test_targets_table():
    proc = cli("targets")
    assert proc.returncode == 0, proc.stderr
    for rid in ("capacity", "green_power", "intensity", "water_reuse", "synergy", "co2_reduction"):
        assert rid in proc.stdout


def test_sources_shows_no_figure_without_provenance():
    proc = cli("sources")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) > 50
    for line in lines:
        assert re.search(r"\b(plan|cited|derived|illustrative):", line), line
    # every source the shipped data cites is named
    assert "ipcc-2006-v5" in proc.stdout and "mee-nbs-2023-grid" in proc.stdout
