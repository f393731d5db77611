"""The model results every session shares (``parkloop.ui.model_data.scenario_result``) stay as the model
made them: every exhibit is run in both languages, on a phone and with sliders moved (each without an
error), and afterwards each result the pages were handed is compared with a fresh evaluation. A page
that changed one in place would change it for every visitor after it."""

from __future__ import annotations

import pickle

import pytest

from parkloop.pages import PAGES
from parkloop.ui import model_data
from parkloop.ui.frame import ERROR_ELEMENT_ID
from tests.apptest import open_page

EXHIBITS = [page for page in PAGES if page.script.startswith("exhibits/") and page.slug]
SHARED = model_data._scenario_result  # the real cache (the fixture puts a recorder in its place)
MOVED = {"power": {"t": "6000", "food": "50", "plast": "25"}, "system": {"scenario": "own"}}


@pytest.fixture
def handed_out(monkeypatch) -> dict:
    """Every result :func:`scenario_result` hands a page during the test, by its cache key."""
    seen: dict = {}

    def recording(name, frozen):
        seen[(name, frozen)] = result = SHARED(name, frozen)
        return result

    monkeypatch.setattr(model_data, "_scenario_result", recording)
    return seen


def test_no_page_changes_a_shared_result(handed_out) -> None:
    for page in EXHIBITS:
        for params in (
            {"lang": "zh"},
            {"lang": "en", "mode": "phone"},
            {"lang": "en", **MOVED.get(page.slug, {})},
        ):
            at = open_page(page.script, params)
            assert not at.exception, (page.slug, params, at.exception)
            shown_error = [h for h in at.html if ERROR_ELEMENT_ID in str(h.value)]
            assert not shown_error, (page.slug, params, "the error box")
    assert len(handed_out) >= 2, "the pages were handed no results: the check would see nothing"
    changed = [
        key
        for key, shared in handed_out.items()
        if pickle.dumps(shared) != pickle.dumps(model_data.scenario_data(*key))
    ]
    assert changed == []


def test_the_check_sees_a_change(handed_out) -> None:
    result = model_data.scenario_result(model_data.PLAN)
    key = next(iter(handed_out))
    result["totals"] = {}  # what a careless page would do
    try:
        assert pickle.dumps(handed_out[key]) != pickle.dumps(model_data.scenario_data(*key))
    finally:
        SHARED.clear()  # the changed result must not reach another test
