"""The passport store: signed anonymous tokens, stamps per token, clearing, retention, statistics."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from parkloop.tours import passport
from parkloop.tours.data import load_tours
from parkloop.tours.render import certificate_png, route_svg


@pytest.fixture
def db(tmp_path):
    store = passport.open_store(tmp_path / "store.sqlite")
    assert store is not None
    return store


def test_tokens_are_random_and_signed(db):
    first, second = passport.new_token(db), passport.new_token(db)
    assert first != second
    assert passport.valid_token(db, first) and passport.valid_token(db, second)
    body, signature = first.split(".")
    flipped = body[:-1] + ("A" if body[-1] != "A" else "B")
    assert not passport.valid_token(db, f"{flipped}.{signature}")  # tampered body
    assert not passport.valid_token(db, f"{body}.{signature[::-1]}")  # tampered signature
    for junk in ("", "abc", None, 42, first + "x", "<script>." + signature, "x" * 500, [first]):
        assert not passport.valid_token(db, junk)


def test_a_token_of_another_store_is_refused(db, tmp_path):
    other = passport.open_store(tmp_path / "other.sqlite")
    assert not passport.valid_token(db, passport.new_token(other))


def test_stamps_belong_to_their_token_only(db):
    alice, bob = passport.new_token(db), passport.new_token(db)
    assert passport.record_scan(db, "bunker", alice)
    assert passport.record_scan(db, "biogas", alice)
    assert passport.record_scan(db, "bunker", alice)  # the same station twice: one stamp
    assert passport.record_scan(db, "water", bob)
    assert set(passport.stamps(db, alice)) == {"bunker", "biogas"}
    assert set(passport.stamps(db, bob)) == {"water"}
    assert passport.stamps(db, None) == {}


def test_a_forged_token_gets_no_stamp_but_the_scan_counts(db):
    forged = "A" * 22 + "." + "B" * 16
    assert not passport.record_scan(db, "bunker", forged)
    assert passport.stamps(db, forged) == {}
    assert db.execute("SELECT COUNT(*) FROM tour_stamps").fetchone()[0] == 0
    assert passport.tour_stats(db, {})["per_station"] == {"bunker": 1}


def test_clearing_deletes_only_that_passport(db):
    alice, bob = passport.new_token(db), passport.new_token(db)
    for station in ("bunker", "steam"):
        passport.record_scan(db, station, alice)
        passport.record_scan(db, station, bob)
    assert passport.clear(db, alice) == 2
    assert passport.stamps(db, alice) == {}
    assert set(passport.stamps(db, bob)) == {"bunker", "steam"}
    assert passport.clear(db, "not-a-token") == 0


def test_stamps_older_than_the_retention_period_are_deleted(db):
    token = passport.new_token(db)
    passport.record_scan(db, "bunker", token)
    with db.conn:
        db.execute(
            "INSERT INTO tour_stamps (token, station, stamped_at) "
            "VALUES (?, 'steam', datetime('now', '-31 days'))",
            [token],
        )
    assert passport.purge(db, 30) == 1
    assert set(passport.stamps(db, token)) == {"bunker"}


def test_scans_older_than_their_retention_period_are_deleted_with_the_stamps(db):
    passport.record_scan(db, "bunker", None)
    with db.conn:
        db.execute(
            "INSERT INTO tour_scans (station, scanned_at) VALUES ('steam', datetime('now', '-400 days'))"
        )
        db.execute(
            "INSERT INTO tour_scans (station, scanned_at) VALUES ('water', datetime('now', '-300 days'))"
        )
    passport.purge(db, 30, 365)
    assert passport.tour_stats(db, {})["per_station"] == {"bunker": 1, "water": 1}
    passport.purge(db, 30, 200)
    assert passport.tour_stats(db, {})["per_station"] == {"bunker": 1}


def _statements(db) -> list[str]:
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    return seen


def test_opening_the_store_writes_nothing_until_the_purge_is_due(tmp_path, monkeypatch):
    """A station's every page run opens the store: no DELETE (no write lock) on those runs; the purge
    runs once per ``tour_purge_every_s`` in a process, on whichever run comes after that."""
    from parkloop import store

    store.forget_connections()
    path = tmp_path / "due.sqlite"
    clock = [1000.0]
    monkeypatch.setattr(store.time, "monotonic", lambda: clock[0])
    db = passport.open_store(path)  # the first open of the process purges once
    seen = _statements(db)
    for _ in range(20):
        assert passport.open_store(path) is db
    assert not [sql for sql in seen if sql.lstrip().upper().startswith(("DELETE", "BEGIN", "INSERT"))]
    clock[0] += passport.purge_every_s() + 1
    passport.open_store(path)
    deletes = [sql for sql in seen if sql.lstrip().upper().startswith("DELETE")]
    assert len(deletes) == 2 and "tour_stamps" in deletes[0] and "tour_scans" in deletes[1]
    db.conn.set_trace_callback(None)


def test_a_scan_past_the_sessions_cap_stamps_but_is_not_counted(db):
    token = passport.new_token(db)
    assert passport.record_scan(db, "bunker", token, count=False)
    assert passport.stamps(db, token).keys() == {"bunker"}
    assert passport.tour_stats(db, {})["scans"] == 0


def test_statistics_count_scans_hours_and_completion(db):
    routes = {"short": ("a", "b"), "long": ("a", "b", "c")}
    done, half, other = (passport.new_token(db) for _ in range(3))
    for station in ("a", "b", "c"):
        passport.record_scan(db, station, done)
    passport.record_scan(db, "a", half)
    passport.record_scan(db, "z", other)  # on no route
    stats = passport.tour_stats(db, routes)
    assert stats["scans"] == 5 and sum(stats["per_hour"]) == 5
    assert stats["per_station"] == {"a": 2, "b": 1, "c": 1, "z": 1}
    assert stats["passports"] == 3
    # short: done and half started, done finished; long: the same two started, only done finished
    assert stats["completion"]["short"] == {"started": 2, "completed": 1, "rate": 0.5}
    assert stats["completion"]["long"] == {"started": 2, "completed": 1, "rate": 0.5}


def test_progress_and_completion_date():
    progress = passport.progress("r", ["a", "b", "c"], {"c", "a", "x"})
    assert progress.done == ("a", "c") and progress.missing == ("b",) and not progress.complete
    assert progress.share == pytest.approx(2 / 3)
    assert passport.progress("r", ["a"], {"a"}).share == 1.0
    assert passport.progress("r", ["a", "b"], set()).share == 0.0
    stamped = {"a": "2026-05-01 10:00:00", "b": "2026-05-03 09:00:00"}
    assert passport.completed_on(["a", "b"], stamped) == "2026-05-03"


def test_the_store_unavailable_gives_none(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert passport.open_store(blocker / "store.sqlite") is None


@pytest.mark.parametrize("lang_text", ["循环小达人", "Circular economy explorer"])
def test_the_certificate_is_a_png_with_text(lang_text):
    png = certificate_png(
        park="park", title=lang_text, someone="someone", body="body " * 30, date="2026", stations=["1", "2"]
    )
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 848)
    # the title is drawn in teal: some pixels of that colour exist
    assert (15, 118, 110) in {colour for _, colour in image.getcolors(1_000_000)}


def test_the_route_map_escapes_its_label_and_numbers_the_stations():
    tours = load_tours()
    route = tours.routes["water"]
    svg = route_svg(tours, route.stations, here=route.stations[0], label='<b>"x"</b>')
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    for station_id in route.stations:
        assert f">{tours.stations[station_id].number}</text>" in svg
    assert len(svg) < 8000  # light: a few kilobytes at most


def test_the_cookie_script_only_carries_a_well_formed_token():
    from parkloop.ui.tours import cookie_js

    good = "A" * 22 + "." + "B" * 16
    script = cookie_js("set", good, 86400)
    assert "Max-Age=86400" in script and "SameSite=Lax" in script and good in script
    assert cookie_js("set", "');alert(1);('", 86400) == ""
    assert "Max-Age=0" in cookie_js("delete", "", 86400)
