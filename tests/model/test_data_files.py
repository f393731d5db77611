"""Where the model reads its data (``paths``) and the one TOML reader with one-line errors (``tomlfile``)."""

from __future__ import annotations

import ast
import shutil

import pytest

from parkloop.model import (
    DataFileError,
    ScenarioError,
    list_scenarios,
    load_factors,
    load_scenario,
    paths,
    read_toml,
)
from parkloop.model.park import load_synergy_definition

from ._helpers import DATA, REPO


def test_read_toml_reads_a_file(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text('[table]\nkey = "value"\n', encoding="utf-8")
    assert read_toml(path) == {"table": {"key": "value"}}
    assert read_toml(str(path)) == {"table": {"key": "value"}}


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda p: None, "not found"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_text("key = = 1\n", encoding="utf-8"), "not valid TOML"),
        (lambda p: p.write_bytes(b'key = "\xff"\n'), "not valid TOML|cannot be read"),
    ],
    ids=["missing", "folder", "bad-toml", "bad-utf8"],
)
def test_read_toml_errors_are_one_line(tmp_path, make, reason):
    path = tmp_path / "data.toml"
    make(path)
    with pytest.raises(DataFileError) as info:
        read_toml(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: file: ")
    assert info.value.source == str(path) and info.value.key == "file"
    assert any(part in message for part in reason.split("|")), message


def test_scenario_errors_are_data_file_errors(tmp_path):
    assert issubclass(ScenarioError, DataFileError)
    with pytest.raises(ScenarioError, match=r"absent\.toml: file: not found"):
        load_scenario(tmp_path / "absent.toml")


def test_factor_file_errors_name_the_file(tmp_path):
    path = tmp_path / "factors.toml"
    path.write_text("not toml at all\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"factors\.toml: file: not valid TOML"):
        load_factors(str(path))


def test_default_data_dir_is_the_repository_s():
    assert paths.DEFAULT_DATA_DIR == DATA
    assert paths.data_dir() == DATA
    assert paths.scenario_dir() == DATA / "scenarios"
    assert paths.factors_file() == DATA / "factors.toml"
    assert paths.synergy_file() == DATA / "synergy.toml"
    assert paths.sources_file() == DATA / "sources.toml"


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA / "scenarios", copy / "scenarios")
    for name in ("factors.toml", "synergy.toml", "sources.toml"):
        shutil.copy(DATA / name, copy / name)
    yield copy
    paths.use_data_dir(None)


def test_use_data_dir_switches_folder_and_clears_caches(data_copy):
    default_factors = load_factors()
    default_synergy = load_synergy_definition()
    (data_copy / "factors.toml").write_text(
        (DATA / "factors.toml").read_text(encoding="utf-8").replace("mj_per_kwh = 3.6", "mj_per_kwh = 3.7"),
        encoding="utf-8",
    )
    (data_copy / "synergy.toml").write_text(
        (DATA / "synergy.toml")
        .read_text(encoding="utf-8")
        .replace("[components.water]\nweight = 1.0", "[components.water]\nweight = 2.0"),
        encoding="utf-8",
    )
    shutil.copy(data_copy / "scenarios" / "plan-2026.toml", data_copy / "scenarios" / "copy-of-plan.toml")

    assert paths.use_data_dir(data_copy) == data_copy
    assert paths.data_dir() == data_copy and paths.factors_file() == data_copy / "factors.toml"
    assert load_factors().constants["mj_per_kwh"] == 3.7
    assert load_synergy_definition()["components"]["water"]["weight"] == 2.0
    assert "copy-of-plan" in list_scenarios()
    assert load_scenario("plan-2026").path == data_copy / "scenarios" / "plan-2026.toml"

    assert paths.use_data_dir(None) == DATA
    assert load_factors() == default_factors
    assert load_synergy_definition() == default_synergy
    assert "copy-of-plan" not in list_scenarios()


def test_the_old_module_constants_are_gone():
    for gone in ("DATA_DIR", "SCENARIO_DIR", "SYNERGY_FILE", "REPO_ROOT", "FACTORS_FILE", "SOURCES_FILE"):
        with pytest.raises(AttributeError):
            getattr(paths, gone)


def test_the_model_reads_no_environment_variable():
    # settings are read through parkloop/settings.py, which the model may not import
    for path in sorted((REPO / "parkloop" / "model").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("environ", "getenv"), path.name
