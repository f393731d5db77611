"""Settings are declared once, each with help, and each documented in README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkloop import settings
from parkloop.settings import SETTINGS, SettingError

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_has_help(setting: settings.Setting) -> None:
    assert setting.help.strip(), f"{setting.name} has no help"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_readme(setting: settings.Setting) -> None:
    readme = README.read_text(encoding="utf-8")
    assert "## Settings" in readme
    assert setting.env_var in readme, f"README.md does not mention {setting.env_var}"


def test_names_are_unique_and_env_vars_follow_the_name() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert settings.Setting("live_stale_after_s", 1, "x").env_var == "PARKLOOP_LIVE_STALE_AFTER_S"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_defaults_pass_their_own_check(setting: settings.Setting) -> None:
    assert settings.get(setting.name, environ={}) == setting.default


def test_required_settings_and_defaults() -> None:
    assert settings.get("live_source", environ={}) == "simulator"
    assert settings.get("live_stale_after_s", environ={}) == 900
    assert settings.get("live_http_timeout_s", environ={}) == 3
    assert settings.get("default_lang", environ={}) == "zh"
    assert Path(str(settings.get("data_dir", environ={}))).is_dir()


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("live_stale_after_s", "600", 600),
        ("live_stale_after_s", " 60 ", 60),
        ("live_http_timeout_s", "0.5", 0.5),
        ("default_lang", "en", "en"),
        ("live_source", "/srv/park/now.json", "/srv/park/now.json"),
        ("live_source", "feed.CSV", "feed.CSV"),
        ("live_source", "https://park.example/now", "https://park.example/now"),
        ("data_dir", "/tmp/parkloop-data", "/tmp/parkloop-data"),
    ],
)
def test_environment_overrides_with_type_conversion(name: str, raw: str, expected: object) -> None:
    env_var = f"PARKLOOP_{name.upper()}"
    value = settings.get(name, environ={env_var: raw})
    assert value == expected
    assert type(value) is type(expected)


def test_empty_environment_value_means_default() -> None:
    assert settings.get("live_stale_after_s", environ={"PARKLOOP_LIVE_STALE_AFTER_S": ""}) == 900


def test_os_environ_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_DEFAULT_LANG", "en")
    assert settings.get("default_lang") == "en"


@pytest.mark.parametrize(
    ("name", "raw", "expected_words"),
    [
        ("live_stale_after_s", "ten", "expected an integer"),
        ("live_stale_after_s", "1.5", "expected an integer"),
        ("live_stale_after_s", "0", "greater than 0"),
        ("live_stale_after_s", "-5", "greater than 0"),
        ("live_http_timeout_s", "fast", "expected a number"),
        ("live_http_timeout_s", "nan", "expected a number"),
        ("live_http_timeout_s", "inf", "expected a number"),
        ("default_lang", "fr", "one of zh, en"),
        ("live_source", "ftp://park/now", "'simulator'"),
        ("live_source", "now.xml", "'simulator'"),
    ],
)
def test_bad_values_give_one_clear_line(name: str, raw: str, expected_words: str) -> None:
    env_var = f"PARKLOOP_{name.upper()}"
    with pytest.raises(SettingError) as caught:
        settings.get(name, environ={env_var: raw})
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{env_var}={raw!r}: ")
    assert expected_words in message


def test_unknown_setting_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="unknown setting"):
        settings.get("no_such_setting", environ={})


def test_the_data_dir_setting_points_the_model_at_its_folder(tmp_path: Path, monkeypatch) -> None:
    from parkloop.model import paths

    monkeypatch.setenv("PARKLOOP_DATA_DIR", str(tmp_path))
    try:
        assert settings.apply_data_dir() == tmp_path == paths.data_dir()
        assert paths.factors_file() == tmp_path / "factors.toml"
    finally:
        monkeypatch.delenv("PARKLOOP_DATA_DIR")
        assert settings.apply_data_dir() == paths.DEFAULT_DATA_DIR == paths.data_dir()


def test_one_language_list() -> None:
    from parkloop import i18n
    from parkloop.kiosk import usage

    assert settings.LANGUAGES == tuple(settings.LOCALES) == i18n.SUPPORTED_LANGS == usage.LANGS
    assert i18n.DEFAULT_LANG == settings.default("default_lang") == settings.LANGUAGES[0]
