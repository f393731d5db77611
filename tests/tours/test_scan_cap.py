"""QR scans through the app (AppTest): one browser session counts at most ``tour_scans_per_session``
scans — a script reloading station links in one session inflates nothing — while every scan still
stamps the passport; and the purge of old scans does not run on every page run."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from parkloop import store
from parkloop.tours import passport

APP = str(Path(__file__).resolve().parents[2] / "app.py")
STATIONS = ["bunker", "steam", "biogas", "water", "solar", "bunker", "steam"]


def test_one_session_counts_a_capped_number_of_scans_but_stamps_every_station(tmp_path, monkeypatch) -> None:
    path = tmp_path / "cap.sqlite"
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(path))
    monkeypatch.setenv("PARKLOOP_TOUR_SCANS_PER_SESSION", "3")
    store.forget_connections()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    for station in STATIONS:
        at.query_params["station"] = station
        at.run()
        assert not at.exception
    db = passport.open_store(path)
    token = at.session_state[passport_token_key()]
    assert passport.tour_stats(db, {})["scans"] == 3
    assert set(passport.stamps(db, token)) == {"bunker", "steam", "biogas", "water", "solar"}


def passport_token_key() -> str:
    from parkloop.ui import tours

    return tours.TOKEN_STATE
