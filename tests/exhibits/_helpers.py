"""Shared helpers for the exhibit tests: the model's result as a page gets it, and the page through AppTest.

Only plumbing lives here (opening a page, reading a metric, parsing an English figure); what a test expects
stays in the test, worked from the model or by hand.
"""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from parkloop.content import flatten, t
from parkloop.model import evaluate, load_scenario
from tests.apptest import figures
from tests.apptest import open_page as open_app_page


def model_result(overrides: dict[str, Any] | None = None, name: str = "plan-2026") -> dict[str, Any]:
    """What ``scenario_result`` hands a page, built without Streamlit."""
    scenario = load_scenario(name, overrides=overrides)
    result = evaluate(scenario)
    data = result.to_dict()
    data["quantities"] = dict(result.quantities)
    data["values"] = flatten(scenario.values, depth=2)
    return data


def open_page(page: str, lang: str, **params: str) -> AppTest:
    """Run the app on ``exhibits/<page>.py`` in ``lang`` with the given URL values."""
    return open_app_page(f"{page}.py", {"lang": lang, **params})


def number(text: str) -> float:
    """An English figure as a float: "42.7 million kWh/yr" → 42_700_000."""
    match = re.search(r"([\d,.]+)(\s+million)?", text)
    assert match, text
    value = float(match.group(1).replace(",", ""))
    return value * 1_000_000 if match.group(2) else value


def metric(at: AppTest, key: str, lang: str = "en") -> str:
    """The value shown under the metric labelled with the catalog string ``key``."""
    label = t(key, lang)
    return next(f.value for f in figures(at) if f.label == label)
