"""The live feed: the simulator, the file and HTTP adapters, and that nothing bad is shown as current."""

from __future__ import annotations

import json
import math
import random
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parkloop import live
from parkloop.live import FIELD_NAMES, FIELDS, PARK_TZ, Reading

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 5, 18, 14, 30, 30, tzinfo=PARK_TZ)
STALE_AFTER_S = 900.0
GB_LIMITS = {
    "so2_mg_per_nm3": 80.0,
    "nox_mg_per_nm3": 250.0,
    "hcl_mg_per_nm3": 50.0,
    "particulates_mg_per_nm3": 20.0,
    "co_mg_per_nm3": 80.0,
}
PLAN_LIMITS = {"so2_mg_per_nm3": 64.0, "nox_mg_per_nm3": 200.0}


def good_record(at: datetime = NOW) -> dict[str, object]:
    record: dict[str, object] = json.loads((REPO / "data/live/sample.json").read_text(encoding="utf-8"))
    record["timestamp"] = at.isoformat()
    return record


def simulated(at: datetime, name: str) -> float:
    """One simulated value, which the simulator always provides."""
    value = live.simulate(at).values[name]
    assert value is not None
    return value


def assert_not_current(reading: Reading) -> None:
    assert reading.status in ("stale", "invalid", "unavailable")
    assert not reading.is_current
    assert reading.problems
    json.dumps(reading.to_dict(), ensure_ascii=False, allow_nan=False)


# --- simulator -------------------------------------------------------------------------------------


def test_simulator_is_reproducible_for_the_same_minute() -> None:
    a = live.simulate(NOW)
    b = live.simulate(NOW.replace(second=5, microsecond=123))
    c = live.simulate(NOW.astimezone(UTC))
    assert a.values == b.values == c.values
    assert a.timestamp == NOW.replace(second=0)
    assert a.status == "simulated" and a.source == "simulator" and a.problems == []


def test_simulator_labels_itself_and_serialises() -> None:
    reading = live.simulate(NOW)
    data = reading.to_dict()
    json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert data["status"] == "simulated"
    assert data["timestamp"] == "2026-05-18T14:30:00+08:00"
    assert set(data["values"]) == set(FIELD_NAMES)
    assert data["units"]["biogas_nm3_per_h"] == "Nm³/h"
    assert reading.is_current


def test_simulator_varies_over_the_day() -> None:
    for name in ("power_output_mw", "steam_t_per_h", "biogas_nm3_per_h", "nox_mg_per_nm3"):
        values = [simulated(NOW.replace(hour=h, minute=0), name) for h in range(24)]
        assert len(set(values)) > 12, name
        assert max(values) > min(values) * 1.02, name


def test_simulator_changes_smoothly_from_minute_to_minute() -> None:
    start = NOW.replace(hour=10, minute=0, second=0)
    readings = [live.simulate(start + timedelta(minutes=m)) for m in range(120)]
    for name in ("power_output_mw", "so2_mg_per_nm3", "nox_mg_per_nm3"):
        for before, after in zip(readings, readings[1:], strict=False):
            x, y = before.values[name], after.values[name]
            assert x is not None and y is not None
            assert abs(y - x) <= 0.01 * x, name


def test_waste_received_today_accumulates_mostly_in_daytime() -> None:
    midnight = datetime(2026, 5, 18, 0, 0, tzinfo=PARK_TZ)
    totals = [
        simulated(midnight + timedelta(minutes=m), "waste_received_today_t") for m in range(0, 1440, 10)
    ]
    assert totals == sorted(totals)
    assert totals[0] == pytest.approx(0.0, abs=1.0)
    assert 3600 <= totals[-1] <= 4400
    by_hour = {h: simulated(midnight.replace(hour=h), "waste_received_today_t") for h in (6, 20)}
    daytime_share = (by_hour[20] - by_hour[6]) / totals[-1]
    assert daytime_share > 0.8
    assert simulated(midnight + timedelta(days=1, minutes=1), "waste_received_today_t") < 10


def test_leachate_treated_today_accumulates() -> None:
    morning = live.simulate(NOW.replace(hour=6)).values["leachate_treated_today_m3"]
    evening = live.simulate(NOW.replace(hour=22)).values["leachate_treated_today_m3"]
    assert morning is not None and evening is not None
    assert 0 < morning < evening < 2000


def test_simulator_values_are_plausible_and_within_limits_over_a_year() -> None:
    rng = random.Random(18485)
    start = datetime(2026, 1, 1, tzinfo=PARK_TZ)
    within_gb = within_plan = total = 0
    for _ in range(400):
        reading = live.simulate(start + timedelta(minutes=rng.randrange(366 * 1440)))
        for spec in FIELDS:
            value = reading.values[spec.name]
            assert value is not None and math.isfinite(value), spec.name
            assert 0 <= value <= spec.max_plausible, spec.name
        assert 55 <= (reading.values["power_output_mw"] or 0) <= 90
        assert 8 <= (reading.values["steam_t_per_h"] or 0) <= 15
        assert 1400 <= (reading.values["biogas_nm3_per_h"] or 0) <= 2400
        for row in reading.compliance():
            total += 1
            within_gb += bool(row.within_gb)
            within_plan += bool(row.ok)
    assert within_gb / total >= 0.99
    assert within_plan / total >= 0.95


# --- compliance ------------------------------------------------------------------------------------


def test_limits_are_gb_18485_and_the_plans_20_percent_below() -> None:
    limits = live.flue_gas_limits()
    assert {name: gb for name, (gb, _, _) in limits.items()} == GB_LIMITS
    assert {name: plan for name, (_, plan, _) in limits.items() if plan is not None} == pytest.approx(
        PLAN_LIMITS
    )
    for _, _, provenance in limits.values():
        assert provenance.startswith("cited: gb-18485-2014")


def test_compliance_rows() -> None:
    record = good_record()
    record.update(so2_mg_per_nm3=70.0, nox_mg_per_nm3=260.0, hcl_mg_per_nm3=50.0)
    del record["co_mg_per_nm3"]
    reading = live.reading_from_record(record, "test", NOW, STALE_AFTER_S)
    rows = {row.pollutant: row for row in reading.compliance()}
    assert set(rows) == set(GB_LIMITS)
    so2 = rows["so2_mg_per_nm3"]
    assert (so2.within_gb, so2.within_plan, so2.ok) == (True, False, False)
    assert so2.ratio_to_gb == pytest.approx(70 / 80)
    assert so2.plan_limit_mg_per_nm3 == pytest.approx(64)
    nox = rows["nox_mg_per_nm3"]
    assert (nox.within_gb, nox.ok) == (False, False)
    hcl = rows["hcl_mg_per_nm3"]
    assert (hcl.within_gb, hcl.within_plan, hcl.ok) == (True, None, True)  # at the limit is within it
    co = rows["co_mg_per_nm3"]
    assert (co.value_mg_per_nm3, co.ratio_to_gb, co.ok) == (None, None, None)
    assert "plan: 二(三)3" in so2.provenance


# --- file adapter ----------------------------------------------------------------------------------


def write_json(tmp_path: Path, payload: object, name: str = "now.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def test_good_json_file_is_live(tmp_path: Path) -> None:
    reading = live.read_file(write_json(tmp_path, good_record()), NOW, STALE_AFTER_S)
    assert reading.status == "live" and reading.problems == []
    assert reading.is_current
    assert reading.values["nox_mg_per_nm3"] == 148.0
    assert reading.timestamp == NOW
    assert reading.age_s() == 0


def test_json_list_reads_the_last_object(tmp_path: Path) -> None:
    older = good_record(NOW - timedelta(hours=2))
    newer = good_record()
    newer["power_output_mw"] = 80.5
    reading = live.read_file(write_json(tmp_path, [older, newer]), NOW, STALE_AFTER_S)
    assert reading.status == "live"
    assert reading.values["power_output_mw"] == 80.5


def test_timestamp_in_utc_is_accepted(tmp_path: Path) -> None:
    record = good_record()
    record["timestamp"] = NOW.astimezone(UTC).isoformat().replace("+00:00", "Z")
    assert live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S).status == "live"


def test_good_csv_file_reads_the_last_row(tmp_path: Path) -> None:
    header = ",".join(["timestamp", *FIELD_NAMES])
    rows = []
    for minutes_ago, power in ((20, "70.1"), (5, "71.2")):
        record = good_record(NOW - timedelta(minutes=minutes_ago))
        record["power_output_mw"] = power
        rows.append(",".join(str(record[key]) for key in ["timestamp", *FIELD_NAMES]))
    path = tmp_path / "now.csv"
    path.write_text("\ufeff" + header + "\n" + "\n".join(rows) + "\n\n", encoding="utf-8")
    reading = live.read_file(path, NOW, STALE_AFTER_S)
    assert reading.status == "live", reading.problems
    assert reading.values["power_output_mw"] == 71.2


def test_csv_with_garbage_cell_and_short_row(tmp_path: Path) -> None:
    path = tmp_path / "now.csv"
    path.write_text(
        "timestamp,power_output_mw,nox_mg_per_nm3\n" + f"{NOW.isoformat()},lots,\n",
        encoding="utf-8",
    )
    reading = live.read_file(path, NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "invalid"
    assert "power_output_mw: not a number" in reading.problems
    assert "nox_mg_per_nm3: missing" in reading.problems
    assert "steam_t_per_h: missing" in reading.problems


def test_csv_with_only_a_header_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "now.csv"
    path.write_text("timestamp,power_output_mw\n", encoding="utf-8")
    reading = live.read_file(path, NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.problems == ["payload: no data rows"]


def test_missing_file_is_unavailable(tmp_path: Path) -> None:
    reading = live.read_file(tmp_path / "nowhere.json", NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "unavailable"
    assert reading.problems == ["file: not found"]
    assert all(value is None for value in reading.values.values())


def test_a_directory_is_unavailable(tmp_path: Path) -> None:
    folder = tmp_path / "feed.json"
    folder.mkdir()
    reading = live.read_file(folder, NOW, STALE_AFTER_S)
    assert reading.status == "unavailable"
    assert reading.problems[0].startswith("file: cannot read")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"timestamp": "2026-05-18T14:30:00+08:00", "power_output_mw": 7', "payload: not JSON"),
        (b"", "payload: not JSON"),
        (b"\xff\xfe\x00garbage", "payload: not UTF-8"),
        (b"[]", "payload: empty list"),
        (b"42", "record: not an object"),
        (b'["a", "b"]', "record: not an object"),
    ],
)
def test_malformed_json_file_is_invalid(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "now.json"
    path.write_bytes(content)
    reading = live.read_file(path, NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "invalid"
    assert reading.problems == [problem]


def test_missing_field_is_flagged_and_the_rest_kept(tmp_path: Path) -> None:
    record = good_record()
    del record["nox_mg_per_nm3"]
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "invalid"
    assert reading.problems == ["nox_mg_per_nm3: missing"]
    assert reading.values["nox_mg_per_nm3"] is None
    assert reading.values["so2_mg_per_nm3"] == 31.2


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("abc", "nox_mg_per_nm3: not a number"),
        (True, "nox_mg_per_nm3: not a number"),
        ([148], "nox_mg_per_nm3: not a number"),
        ({"value": 148}, "nox_mg_per_nm3: not a number"),
        (None, "nox_mg_per_nm3: missing"),
        ("NaN", "nox_mg_per_nm3: not finite"),
        ("1e999", "nox_mg_per_nm3: not finite"),
        (-3.0, "nox_mg_per_nm3: negative"),
        (25_000, "nox_mg_per_nm3: out of range (> 2000)"),
    ],
)
def test_garbage_value_is_flagged(tmp_path: Path, value: object, problem: str) -> None:
    record = good_record()
    record["nox_mg_per_nm3"] = value
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "invalid"
    assert reading.problems == [problem]
    assert reading.values["nox_mg_per_nm3"] is None


def test_numeric_string_is_accepted(tmp_path: Path) -> None:
    record = good_record()
    record["nox_mg_per_nm3"] = "148.5"
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert reading.status == "live"
    assert reading.values["nox_mg_per_nm3"] == 148.5


def test_limit_exceedance_is_a_valid_reading(tmp_path: Path) -> None:
    record = good_record()
    record["so2_mg_per_nm3"] = 120.0
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert reading.status == "live"
    so2 = next(row for row in reading.compliance() if row.pollutant == "so2_mg_per_nm3")
    assert so2.ok is False and so2.ratio_to_gb == pytest.approx(1.5)


def test_stale_timestamp(tmp_path: Path) -> None:
    record = good_record(NOW - timedelta(seconds=STALE_AFTER_S + 60))
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "stale"
    assert reading.problems == ["timestamp: stale (960 s old, limit 900 s)"]
    assert reading.values["nox_mg_per_nm3"] == 148.0  # kept, so staff can see what last arrived


def test_just_fresh_enough(tmp_path: Path) -> None:
    record = good_record(NOW - timedelta(seconds=STALE_AFTER_S))
    assert live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S).status == "live"


def test_stale_and_broken_is_invalid(tmp_path: Path) -> None:
    record = good_record(NOW - timedelta(days=3))
    record["co_mg_per_nm3"] = "n/a"
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert reading.status == "invalid"
    assert "co_mg_per_nm3: not a number" in reading.problems
    assert any(p.startswith("timestamp: stale") for p in reading.problems)


@pytest.mark.parametrize(
    ("timestamp", "problem"),
    [
        (None, "timestamp: missing"),
        ("", "timestamp: missing"),
        (1747549800, "timestamp: not a string"),
        ("yesterday", "timestamp: not ISO 8601"),
        ("2026-05-18T14:30:00", "timestamp: no timezone"),
        ("2026-05-18T15:30:00+08:00", "timestamp: in the future (3570 s ahead)"),
    ],
)
def test_bad_timestamp_is_invalid(tmp_path: Path, timestamp: object, problem: str) -> None:
    record = good_record()
    record["timestamp"] = timestamp
    reading = live.read_file(write_json(tmp_path, record), NOW, STALE_AFTER_S)
    assert_not_current(reading)
    assert reading.status == "invalid"
    assert reading.problems == [problem]


def test_sample_file_matches_the_schema() -> None:
    sample = REPO / "data/live/sample.json"
    stamp = datetime.fromisoformat(json.loads(sample.read_text(encoding="utf-8"))["timestamp"])
    fresh = live.read_file(sample, stamp + timedelta(minutes=1), STALE_AFTER_S)
    assert fresh.status == "live", fresh.problems
    assert all(fresh.values[name] is not None for name in FIELD_NAMES)
    later = live.read_file(sample, stamp + timedelta(days=1), STALE_AFTER_S)
    assert later.status == "stale"


def test_docs_describe_every_field() -> None:
    doc = (REPO / "docs/live-feed.md").read_text(encoding="utf-8")
    for name in ("timestamp", *FIELD_NAMES):
        assert f"`{name}`" in doc, name
    for status in live.STATUSES:
        assert f"`{status}`" in doc, status


# --- read_once and settings ------------------------------------------------------------------------


def test_read_once_defaults_to_the_simulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARKLOOP_LIVE_SOURCE", raising=False)
    reading = live.read_once(now=NOW)
    assert reading.status == "simulated"
    assert reading.values == live.simulate(NOW).values
    assert live.read_once().status == "simulated"


def test_read_once_uses_the_file_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write_json(tmp_path, good_record(NOW - timedelta(seconds=120)))
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", str(path))
    assert live.read_once(now=NOW).status == "live"
    monkeypatch.setenv("PARKLOOP_LIVE_STALE_AFTER_S", "60")
    assert live.read_once(now=NOW).status == "stale"


def test_read_once_with_a_naive_clock_takes_beijing_time(tmp_path: Path) -> None:
    path = write_json(tmp_path, good_record())
    assert live.read_once(str(path), now=NOW.replace(tzinfo=None)).status == "live"


def test_read_once_with_a_bad_setting_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", "carrier-pigeon")
    reading = live.read_once(now=NOW)
    assert reading.status == "unavailable"
    assert reading.problems[0].startswith("settings: PARKLOOP_LIVE_SOURCE='carrier-pigeon'")


# --- HTTP adapter against a real local server ------------------------------------------------------


class FeedServer:
    """A real http.server on 127.0.0.1 whose answers the tests set: path -> (status, body, delay_s)."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, bytes, float]] = {}
        answers = self.answers

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, body, delay_s = answers.get(self.path, (404, b"not here", 0.0))
                time.sleep(delay_s)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"


@pytest.fixture(scope="module")
def feed() -> Iterator[FeedServer]:
    server = FeedServer()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_http_good_json_is_live(feed: FeedServer) -> None:
    feed.answers["/now"] = (200, json.dumps(good_record()).encode(), 0.0)
    reading = live.read_http(feed.url("/now"), NOW, STALE_AFTER_S, timeout_s=2.0)
    assert reading.status == "live", reading.problems
    assert reading.source == feed.url("/now")
    assert reading.values["power_output_mw"] == 73.4


def test_http_read_once_through_settings(feed: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    feed.answers["/settings"] = (200, json.dumps(good_record()).encode(), 0.0)
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", feed.url("/settings"))
    reading = live.read_once(now=NOW)
    assert reading.status == "live"
    json.dumps(reading.to_dict(), ensure_ascii=False, allow_nan=False)


def test_http_garbage_is_invalid(feed: FeedServer) -> None:
    feed.answers["/garbage"] = (200, b"<html>maintenance</html>", 0.0)
    reading = live.read_http(feed.url("/garbage"), NOW, STALE_AFTER_S, timeout_s=2.0)
    assert_not_current(reading)
    assert reading.status == "invalid"
    assert reading.problems == ["payload: not JSON"]


def test_http_too_large_is_invalid(feed: FeedServer) -> None:
    feed.answers["/huge"] = (200, b" " * (live.MAX_PAYLOAD_BYTES + 10), 0.0)
    reading = live.read_http(feed.url("/huge"), NOW, STALE_AFTER_S, timeout_s=5.0)
    assert reading.status == "invalid"
    assert reading.problems[0].startswith("payload: larger than")


@pytest.mark.parametrize("status", [500, 503, 404])
def test_http_error_status_is_unavailable(feed: FeedServer, status: int) -> None:
    feed.answers[f"/error{status}"] = (status, b'{"error": "boom"}', 0.0)
    reading = live.read_http(feed.url(f"/error{status}"), NOW, STALE_AFTER_S, timeout_s=2.0)
    assert_not_current(reading)
    assert reading.status == "unavailable"
    assert reading.problems == [f"http: status {status}"]


def test_http_slow_server_times_out(feed: FeedServer) -> None:
    feed.answers["/slow"] = (200, json.dumps(good_record()).encode(), 1.5)
    started = time.monotonic()
    reading = live.read_http(feed.url("/slow"), NOW, STALE_AFTER_S, timeout_s=0.3)
    assert time.monotonic() - started < 1.4
    assert_not_current(reading)
    assert reading.status == "unavailable"
    assert reading.problems[0].startswith("http:") and "timeout" in reading.problems[0]


def test_http_listener_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        reading = live.read_http(f"http://127.0.0.1:{port}/now", NOW, STALE_AFTER_S, timeout_s=0.3)
    assert reading.status == "unavailable"
    assert "timeout" in reading.problems[0]


def test_http_no_server_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    reading = live.read_http(f"http://127.0.0.1:{port}/now", NOW, STALE_AFTER_S, timeout_s=1.0)
    assert_not_current(reading)
    assert reading.status == "unavailable"
    assert reading.problems == ["http: cannot connect (ConnectionRefusedError)"]


def test_http_bad_url_is_unavailable() -> None:
    reading = live.read_once("http://[::1", now=NOW)
    assert reading.status == "unavailable"


# --- random garbage never raises and is never shown as current -------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
garbage_timestamps = st.none() | st.integers() | st.text(max_size=30) | st.just("2026-05-18T14:30:00")
records_with_garbage = st.fixed_dictionaries(
    {"timestamp": garbage_timestamps},
    optional={name: json_values for name in FIELD_NAMES},
)


def check_reading(reading: Reading) -> None:
    assert reading.status in ("live", "stale", "invalid", "unavailable")
    assert (reading.status == "live") == (not reading.problems)
    assert set(reading.values) == set(FIELD_NAMES)
    for spec in FIELDS:
        value = reading.values[spec.name]
        assert value is None or (math.isfinite(value) and 0 <= value <= spec.max_plausible)
    json.dumps(reading.to_dict(), allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), kind=st.sampled_from(["json", "csv"]))
def test_random_bytes_never_raise(data: bytes, kind: str) -> None:
    reading = live.parse_payload(data, kind, "fuzz", NOW, STALE_AFTER_S)  # type: ignore[arg-type]
    check_reading(reading)
    assert reading.status in ("invalid", "unavailable")


@settings(max_examples=200, deadline=None)
@given(payload=json_values | records_with_garbage)
def test_random_json_is_never_current(payload: object) -> None:
    reading = live.parse_payload(json.dumps(payload), "json", "fuzz", NOW, STALE_AFTER_S)
    check_reading(reading)
    assert reading.status in ("invalid", "unavailable")


@settings(max_examples=25, deadline=None)
@given(body=st.binary(max_size=200) | records_with_garbage.map(lambda r: json.dumps(r).encode()))
def test_random_http_bodies_never_raise(feed: FeedServer, body: bytes) -> None:
    feed.answers["/fuzz"] = (200, body, 0.0)
    reading = live.read_once(feed.url("/fuzz"), now=NOW)
    check_reading(reading)
    assert reading.status in ("invalid", "unavailable")
