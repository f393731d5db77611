"""Kiosk mode through the app's frame in AppTest: the attract screen, a touch, a reset that forgets the
visit and is recorded, and nothing of this outside kiosk mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import t
from parkloop.kiosk import usage
from parkloop.ui import kiosk as frame

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def own_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "frame.sqlite"))
    monkeypatch.setenv("PARKLOOP_KIOSK_NAME", "apptest")
    usage.reset_shared_store()
    yield
    usage.reset_shared_store()


def html(at: AppTest) -> str:
    """Every HTML the run drew: ``st.html`` and Markdown (the attract screen is Markdown: it holds SVG)."""
    return "\n".join(element.proto.body for element in [*at.get("html"), *at.get("markdown")])


def kiosk(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["mode"] = "kiosk"
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def test_kiosk_starts_on_the_attract_screen_and_a_touch_opens_home() -> None:
    at = kiosk()
    assert not at.exception
    assert 'id="parkloop-attract"' in html(at)
    assert not at.title  # the page itself is not drawn behind the attract screen
    at.button(key=frame.START_KEY).click().run()
    assert 'id="parkloop-attract"' not in html(at)
    assert [title.value for title in at.title] == [t("home.title", "zh")]
    visit = at.session_state[frame.VISIT]
    assert usage.valid_visit(visit)
    assert f'data-visit="{visit}"' in html(at)
    opens = usage.shared_store().event_count("open")
    assert opens == 1


def test_a_reset_forgets_the_visit_and_is_counted() -> None:
    at = kiosk({"lang": "en"})
    at.button(key=frame.START_KEY).click().run()
    visit = at.session_state[frame.VISIT]
    assert [title.value for title in at.title] == [t("home.title", "en")]
    at.query_params["reset"] = "1"
    at.query_params["v"] = visit
    at.query_params["lang"] = "zh"
    at.run()
    assert not at.exception
    assert 'id="parkloop-attract"' in html(at)
    assert frame.VISIT not in at.session_state and frame.AWAKE not in at.session_state
    assert "reset" not in at.query_params and "v" not in at.query_params
    assert at.query_params["lang"] == "zh"
    recorded = usage.shared_store()
    assert recorded.event_count("reset") == 1
    assert recorded.event_count("dwell") == 1  # the home page's dwell, closed by the reset


def test_an_exhibit_link_skips_the_attract_screen() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["mode"] = "kiosk"
    at.query_params["lang"] = "en"
    at.switch_page("exhibits/targets.py")
    at.run()
    assert not at.exception
    assert 'id="parkloop-attract"' not in html(at)
    assert [title.value for title in at.title] == [t("targets.title", "en")]
    at.toggle(key="exact").set_value(True).run()
    recorded = usage.shared_store()
    assert (recorded.event_count("open"), recorded.event_count("interaction")) == (1, 1)


def test_nothing_of_the_kiosk_outside_kiosk_mode() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    body = html(at)
    assert "parkloop-attract" not in body and "parkloopKiosk" not in body
    assert usage.shared_store() is None or usage.shared_store().event_count() == 0
