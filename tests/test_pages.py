"""Every page of the platform through AppTest, in both languages: it runs, shows no traceback and no
error box, the English page holds no Chinese outside the allowed terms, and odd query values are ignored.

Page-specific behaviour (sliders moving figures, choices) is tested in each exhibit's own test file;
this file is the floor every page stands on, and it picks up new pages from ``parkloop.pages``.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk
from parkloop.pages import EXHIBITS, PAGES
from tests.apptest import open_page as open_app_page

ODD = [
    "", "-1", "1e309", "nan", "<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --",
    "=HYPERLINK()", "x" * 5000, "垃圾测试值",
]  # fmt: skip


def open_page(script: str, lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page(script, {"lang": lang, **(params or {})})


def visible_text(at: AppTest) -> str:
    """The words of the page's text elements (titles, markdown, captions, metrics, widget labels)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success"):
        parts.extend(str(element.value) for element in at.get(kind))
    for metric in at.get("metric"):
        parts.extend([metric.label, str(metric.value)])
    for kind in ("slider", "radio", "toggle", "button", "selectbox", "segmented_control", "checkbox"):
        parts.extend(str(getattr(element, "label", "")) for element in at.get(kind))
    for element in at.get("html"):
        parts.append(element.proto.body)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.slug or "home")
def test_every_page_runs(spec, lang: str) -> None:
    at = open_page(spec.script, lang)
    assert not at.exception, [e.message for e in at.exception]
    expected = t("home.title" if not spec.slug else f"nav.{spec.key}", lang)
    if spec.slug != "targets":  # the targets page has its own, longer title
        assert at.title[0].value == expected, "the page drawn is the page asked for"
    assert 'id="parkloop-error"' not in "\n".join(e.proto.body for e in at.get("html"))
    assert at.title, "every page has a title"
    if lang == "en":
        stray = contains_cjk(visible_text(at), CJK_ALLOWLIST)
        assert stray == [], f"Chinese on the English page {spec.slug}: {sorted(set(stray))}"


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.slug or "home")
def test_odd_query_values_are_ignored(spec) -> None:
    """Every URL key a page reads, and some it does not, with hostile values: no exception, no echo."""
    for value in ODD:
        params = {
            key: value for key in ("mode", "t", "split", "view", "scenario", "people", "station", "round")
        }
        at = open_page(spec.script, "en", params)
        assert not at.exception, (value, [e.message for e in at.exception])
        if value not in ("", "-1", "nan"):
            assert value[:40] not in visible_text(at), f"{spec.slug} echoed {value[:40]!r}"


def test_home_links_to_every_exhibit() -> None:
    at = open_page("home.py", "zh")
    links = at.get("page_link")
    labels = " ".join(str(link.proto.label) for link in links)
    for spec in EXHIBITS:
        if spec.group == "hidden":
            assert t(f"nav.{spec.key}", "zh") not in labels, spec.slug
        else:
            assert t(f"nav.{spec.key}", "zh") in labels, spec.slug
    assert all(dict(link.proto.query_string and [("lang", "zh")]) for link in links)


def test_mode_is_kept_and_junk_mode_dropped() -> None:
    at = open_page("home.py", "en", {"mode": "phone"})
    assert at.query_params["mode"] == "phone"
    at = open_page("home.py", "en", {"mode": "<b>"})
    assert "mode" not in at.query_params
