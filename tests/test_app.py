"""The app through ``streamlit.testing.v1.AppTest``: the first page in both languages, odd ``?lang=``
values, the language switch, exact figures, and the friendly error instead of a traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk
from parkloop.model import evaluate, load_scenario
from parkloop.model.targets import track_targets
from tests.apptest import open_page as open_app_page
from tests.apptest import tables


def run_app(lang: str | None = None) -> AppTest:
    """The targets exhibit (``/targets``) through the app's frame."""
    return open_app_page("targets.py", {} if lang is None else {"lang": lang})


@pytest.fixture(scope="module")
def n_targets() -> int:
    return len(track_targets(evaluate(load_scenario("baseline-2023")), evaluate(load_scenario("plan-2026"))))


def html_bodies(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def table_text(at: AppTest) -> str:
    return "\n".join(table.to_string() for table in tables(at))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders(lang: str, n_targets: int) -> None:
    at = run_app(lang)
    assert not at.exception
    assert "parkloop-error" not in html_bodies(at)
    assert [title.value for title in at.title] == [t("targets.title", lang)]
    targets_table = tables(at)[0]
    assert len(targets_table) == n_targets == 9
    assert list(targets_table.columns) == [
        t("targets.col_indicator", lang),
        t("targets.col_target", lang),
        t("targets.col_model", lang),
        t("targets.col_status", lang),
    ]
    assert len(at.expander) == n_targets + 1  # one per indicator, plus "where do these numbers come from?"
    assert at.query_params["lang"] == lang


def test_chinese_page_uses_wan_and_yi() -> None:
    at = run_app("zh")
    targets = tables(at)[0]
    row = targets[targets[t("targets.col_indicator", "zh")] == "碳排放量减少"].iloc[0]
    assert row[t("targets.col_target", "zh")].startswith("−18万")
    green = targets[targets[t("targets.col_indicator", "zh")] == "绿色电力供应能力"].iloc[0]
    assert green[t("targets.col_target", "zh")].startswith("+1亿")


def test_english_tables_have_no_chinese() -> None:
    at = run_app("en")
    text = table_text(at) + "\n".join(m.value for m in at.markdown) + "\n".join(e.label for e in at.expander)
    assert contains_cjk(text, CJK_ALLOWLIST) == []
    targets = tables(at)[0]
    row = targets[targets[t("targets.col_indicator", "en")] == "Cut in carbon emissions"].iloc[0]
    assert row[t("targets.col_target", "en")].startswith("−180,000")
    green = targets[targets[t("targets.col_indicator", "en")] == "Green electricity supply"].iloc[0]
    assert green[t("targets.col_target", "en")].startswith("+100 million")


def test_statuses_are_words_not_only_colour() -> None:
    at = run_app("en")
    statuses = set(tables(at)[0][t("targets.col_status", "en")])
    assert "✓ Met" in statuses
    assert "○ Not modelled" in statuses
    assert all(status.split(" ", 1)[1] for status in statuses)  # a sign AND words


@pytest.mark.parametrize("odd", ["fr", "", "ZH-cn", "<script>alert(1)</script>", "en%00", "zh,en", "x" * 500])
def test_odd_lang_values_fall_back(odd: str) -> None:
    at = run_app(odd)
    assert not at.exception
    expected = "zh"  # settings default; AppTest has no browser locale
    assert [title.value for title in at.title] == [t("targets.title", expected)]
    assert at.query_params["lang"] == expected
    assert "<script>" not in table_text(at)


def test_settings_default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_DEFAULT_LANG", "en")
    at = run_app()
    assert [title.value for title in at.title] == [t("targets.title", "en")]
    monkeypatch.setenv("PARKLOOP_DEFAULT_LANG", "klingon")  # a bad setting must not break the page
    at = run_app()
    assert not at.exception
    assert [title.value for title in at.title] == [t("targets.title", "zh")]


def test_language_switch() -> None:
    at = run_app("zh")
    at.button(key="parkloop-lang-en").click().run()
    assert [title.value for title in at.title] == [t("targets.title", "en")]
    assert at.query_params["lang"] == "en"
    at.button(key="parkloop-lang-zh").click().run()
    assert [title.value for title in at.title] == [t("targets.title", "zh")]
    assert at.query_params["lang"] == "zh"


def test_exact_figures_toggle() -> None:
    at = run_app("en")
    column = t("targets.col_model", "en")
    rounded = list(tables(at)[0][column])
    at.toggle(key="exact").set_value(True).run()
    exact = list(tables(at)[0][column])
    assert rounded != exact
    assert any(len(value) > len(short) for value, short in zip(exact, rounded, strict=True))


def test_a_failing_page_shows_a_friendly_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("the model is down")

    monkeypatch.setattr("parkloop.ui.model_data.targets_page_data", broken)
    at = run_app("en")
    assert not at.exception  # no traceback element
    body = html_bodies(at)
    assert 'id="parkloop-error"' in body
    assert t("error.title", "en") in body and t("error.title", "zh") in body
    assert "the model is down" not in body
