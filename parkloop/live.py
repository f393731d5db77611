"""The "now at the park" feed: one reading of the park's plants at a moment.

Three sources, chosen by the setting ``live_source`` (see :mod:`parkloop.settings`):

- ``simulator`` (default): deterministic, plausible values for a park incinerating about 4000 t/d,
  varying smoothly over the day and reproducible for a given minute. Always ``status="simulated"``.
- a CSV or JSON file: the last row (CSV) or the object / last object of a list (JSON).
- an ``http(s)://`` URL returning the same JSON (stdlib urllib, timeout ``live_http_timeout_s``).

The schema (field names, units, ISO-8601 timestamp with a timezone) is in ``docs/live-feed.md``.
A reading is never passed off as current when it is not: missing, malformed or out-of-range values make
it ``invalid``, a timestamp older than ``live_stale_after_s`` makes it ``stale``, and a source that
cannot be reached makes it ``unavailable``. Reading never raises; the reasons are in ``problems``.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import math
import random
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from parkloop import settings

Status = Literal["simulated", "live", "stale", "invalid", "unavailable"]
STATUSES: tuple[Status, ...] = ("simulated", "live", "stale", "invalid", "unavailable")

PARK_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
"""Beijing time (UTC+8, no daylight saving): "today" starts at local midnight."""

MAX_PAYLOAD_BYTES = 1_000_000
"""A feed larger than this is refused as invalid [bytes]."""

FUTURE_TOLERANCE_S = 300.0
"""A timestamp further ahead of the clock than this is invalid, not early [s]."""


@dataclass(frozen=True)
class Field:
    """One value of a reading: plausible range for an instrument reading; outside it, the value is
    rejected as an error (a real limit exceedance lies well inside the range and is kept)."""

    name: str
    unit: str
    max_plausible: float
    help: str


FIELDS: tuple[Field, ...] = (
    Field(
        "waste_received_today_t",
        "t",
        20_000.0,
        "household waste received at the weighbridge since local midnight [t]",
    ),
    Field(
        "power_output_mw",
        "MW",
        500.0,
        "electrical output of the incineration turbines and biogas engines [MW]",
    ),
    Field("steam_t_per_h", "t/h", 500.0, "waste-heat steam exported to the kitchen-waste plant [t/h]"),
    Field("biogas_nm3_per_h", "Nm³/h", 20_000.0, "biogas produced by the kitchen-waste digesters [Nm³/h]"),
    Field("so2_mg_per_nm3", "mg/Nm³", 2_000.0, "flue-gas SO2, 24-hour average [mg/Nm³]"),
    Field("nox_mg_per_nm3", "mg/Nm³", 2_000.0, "flue-gas NOx (as NO2), 24-hour average [mg/Nm³]"),
    Field("particulates_mg_per_nm3", "mg/Nm³", 1_000.0, "flue-gas particulates, 24-hour average [mg/Nm³]"),
    Field("hcl_mg_per_nm3", "mg/Nm³", 2_000.0, "flue-gas HCl, 24-hour average [mg/Nm³]"),
    Field("co_mg_per_nm3", "mg/Nm³", 5_000.0, "flue-gas CO, 24-hour average [mg/Nm³]"),
    Field("leachate_treated_today_m3", "m³", 10_000.0, "leachate treated since local midnight [m³]"),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
POLLUTANTS: tuple[str, ...] = (
    "so2_mg_per_nm3",
    "nox_mg_per_nm3",
    "particulates_mg_per_nm3",
    "hcl_mg_per_nm3",
    "co_mg_per_nm3",
)
PLAN_POLLUTANTS: tuple[str, ...] = ("so2_mg_per_nm3", "nox_mg_per_nm3")
"""The plan (二(三)3) promises SO2 and NOx daily averages 20 % below the national standard."""


@dataclass(frozen=True)
class Compliance:
    """One pollutant against GB 18485-2014 (24-hour average) and, for SO2 and NOx, the plan's limit."""

    pollutant: str
    value_mg_per_nm3: float | None
    gb_limit_mg_per_nm3: float
    plan_limit_mg_per_nm3: float | None
    ratio_to_gb: float | None
    """value / GB limit [-]; None when there is no value."""
    within_gb: bool | None
    within_plan: bool | None
    """None when the plan sets no limit for this pollutant, or there is no value."""
    ok: bool | None
    """Within the GB limit and, where the plan sets one, the plan's limit; None when there is no value."""
    provenance: str


def flue_gas_limits() -> dict[str, tuple[float, float | None, str]]:
    """Per pollutant: (GB 18485-2014 limit, plan limit or None, provenance) [mg/Nm³], from
    ``data/factors.toml`` ``[flue_gas_limits]``."""
    from parkloop.model.factors import load_factors

    factors = load_factors()
    limits = factors.flue_gas_limits
    reduction = limits["plan_reduction_fraction"]
    out: dict[str, tuple[float, float | None, str]] = {}
    for name in POLLUTANTS:
        gb = limits[name]
        provenance = factors.provenance.get(f"flue_gas_limits.{name}", "")
        plan: float | None = None
        if name in PLAN_POLLUTANTS:
            plan = gb * (1.0 - reduction)
            provenance += "; " + factors.provenance.get("flue_gas_limits.plan_reduction_fraction", "")
        out[name] = (gb, plan, provenance)
    return out


@dataclass(frozen=True)
class Reading:
    """One reading of the park. ``values`` holds every field of :data:`FIELDS`; a value that was missing
    or rejected is None and has a line in ``problems`` ("<field>: <reason>")."""

    timestamp: datetime | None
    source: str
    status: Status
    values: dict[str, float | None]
    problems: list[str] = field(default_factory=list)
    checked_at: datetime | None = None
    """When the reading was taken or fetched (the clock the staleness was judged by)."""

    @property
    def is_current(self) -> bool:
        """True when the values may be shown as "now" (live and fresh, or clearly simulated)."""
        return self.status in ("simulated", "live")

    def age_s(self) -> float | None:
        """Seconds between the reading's timestamp and ``checked_at`` [s]."""
        if self.timestamp is None or self.checked_at is None:
            return None
        return (self.checked_at - self.timestamp).total_seconds()

    def compliance(self) -> list[Compliance]:
        """Each flue-gas pollutant against its GB 18485-2014 limit and the plan's limit."""
        rows: list[Compliance] = []
        for name, (gb, plan, provenance) in flue_gas_limits().items():
            value = self.values.get(name)
            ratio: float | None = None
            within_gb: bool | None = None
            within_plan: bool | None = None
            ok: bool | None = None
            if value is not None:
                ratio = value / gb
                within_gb = value <= gb
                within_plan = None if plan is None else value <= plan
                ok = within_gb and within_plan is not False
            rows.append(Compliance(name, value, gb, plan, ratio, within_gb, within_plan, ok, provenance))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (timestamps as ISO 8601 with offset)."""
        return {
            "timestamp": self.timestamp.isoformat() if self.timestamp else None,
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
            "source": self.source,
            "status": self.status,
            "values": dict(self.values),
            "units": {f.name: f.unit for f in FIELDS},
            "problems": list(self.problems),
            "compliance": [asdict(row) for row in self.compliance()],
        }


def _aware(moment: datetime) -> datetime:
    """``moment`` with a timezone; a naive one is taken as Beijing time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=PARK_TZ)


def _unavailable(source: str, problem: str, now: datetime) -> Reading:
    return Reading(None, source, "unavailable", dict.fromkeys(FIELD_NAMES), [problem], now)


def _invalid(source: str, problem: str, now: datetime) -> Reading:
    return Reading(None, source, "invalid", dict.fromkeys(FIELD_NAMES), [problem], now)


# --- simulator -------------------------------------------------------------------------------------


def _noise(series: str, position: float) -> float:
    """Smooth value noise in [-1, 1]: seeded random knots at integer positions, cosine-interpolated."""
    k = math.floor(position)
    a = random.Random(f"parkloop-sim:{series}:{k}").uniform(-1.0, 1.0)
    b = random.Random(f"parkloop-sim:{series}:{k + 1}").uniform(-1.0, 1.0)
    w = (1.0 - math.cos(math.pi * (position - k))) / 2.0
    return a + (b - a) * w


def _share_delivered(hour: float) -> float:
    """Share of the day's waste delivered by ``hour`` [0–24] local time [-]: 10 % spread evenly over
    the night, 90 % in a sin² wave between 06:00 and 20:00 when the collection trucks run."""
    night_share, day_start, day_end = 0.10, 6.0, 20.0
    night_hours = 24.0 - (day_end - day_start)
    night_before = min(hour, day_start) + max(0.0, hour - day_end)
    share = night_share * night_before / night_hours
    x = min(max(hour - day_start, 0.0), day_end - day_start)
    length = day_end - day_start
    # integral of sin²(pi x / L) from 0 to x, normalised by its full-window value L/2
    share += (
        (1.0 - night_share)
        * (x / 2.0 - length / (4.0 * math.pi) * math.sin(2.0 * math.pi * x / length))
        / (length / 2.0)
    )
    return share


def simulate(at: datetime | None = None) -> Reading:
    """A simulated reading for the minute containing ``at`` (default: now). The same minute always gives
    the same values; ``status`` is always "simulated"."""
    now = _aware(at) if at is not None else datetime.now(PARK_TZ)
    local = now.astimezone(PARK_TZ).replace(second=0, microsecond=0)
    hour = local.hour + local.minute / 60.0
    day = local.date().toordinal()
    t_hours = local.timestamp() / 3600.0
    day_wave = math.sin(2.0 * math.pi * (hour - 8.0) / 24.0)  # peaks about 14:00, lowest about 02:00

    daily_waste_t = 4000.0 * (1.0 + 0.05 * _noise("waste-day", day + 0.5))
    daily_leachate_m3 = 1700.0 * (1.0 + 0.05 * _noise("leachate-day", day + 0.5))
    values: dict[str, float] = {
        "waste_received_today_t": daily_waste_t * _share_delivered(hour),
        "power_output_mw": 72.0 * (1.0 + 0.03 * day_wave + 0.02 * _noise("power", t_hours / 0.5)),
        "steam_t_per_h": 11.2 * (1.0 + 0.08 * day_wave + 0.05 * _noise("steam", t_hours / 1.0)),
        "biogas_nm3_per_h": 1900.0 * (1.0 + 0.06 * day_wave + 0.05 * _noise("biogas", t_hours / 1.0)),
        # 24-hour averages move slowly: knots every 3 h
        "so2_mg_per_nm3": 32.0 * (1.0 + 0.20 * _noise("so2", t_hours / 3.0)),
        "nox_mg_per_nm3": 150.0 * (1.0 + 0.12 * _noise("nox", t_hours / 3.0)),
        "particulates_mg_per_nm3": 4.0 * (1.0 + 0.30 * _noise("particulates", t_hours / 3.0)),
        "hcl_mg_per_nm3": 9.0 * (1.0 + 0.30 * _noise("hcl", t_hours / 3.0)),
        "co_mg_per_nm3": 18.0 * (1.0 + 0.30 * _noise("co", t_hours / 3.0)),
        "leachate_treated_today_m3": daily_leachate_m3 * hour / 24.0,
    }
    rounded: dict[str, float | None] = {name: round(value, 2) for name, value in values.items()}
    return Reading(local, "simulator", "simulated", rounded, [], local)


# --- file and HTTP adapters ------------------------------------------------------------------------


def _parse_number(name: str, raw: Any) -> tuple[float | None, str | None]:
    if raw is None or raw == "":
        return None, f"{name}: missing"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None, f"{name}: not a number"
    try:
        value = float(raw)
    except (ValueError, OverflowError):
        return None, f"{name}: not a number"
    if not math.isfinite(value):
        return None, f"{name}: not finite"
    return value, None


def _parse_timestamp(raw: Any) -> tuple[datetime | None, str | None]:
    if raw is None or raw == "":
        return None, "timestamp: missing"
    if not isinstance(raw, str):
        return None, "timestamp: not a string"
    try:
        stamp = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None, "timestamp: not ISO 8601"
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        return None, "timestamp: no timezone"
    return stamp, None


def reading_from_record(record: Any, source: str, now: datetime, stale_after_s: float) -> Reading:
    """Check one record (a mapping of the schema's fields) and classify it as live, stale or invalid."""
    if not isinstance(record, dict):
        return _invalid(source, "record: not an object", now)
    problems: list[str] = []
    stamp, problem = _parse_timestamp(record.get("timestamp"))
    if problem:
        problems.append(problem)
    values: dict[str, float | None] = {}
    for spec in FIELDS:
        value, problem = _parse_number(spec.name, record.get(spec.name))
        if value is not None and value < 0:
            value, problem = None, f"{spec.name}: negative"
        elif value is not None and value > spec.max_plausible:
            value, problem = None, f"{spec.name}: out of range (> {spec.max_plausible:g})"
        values[spec.name] = value
        if problem:
            problems.append(problem)
    now = _aware(now)
    status: Status = "invalid" if problems else "live"
    if stamp is not None:
        age_s = (now - stamp).total_seconds()
        if age_s < -FUTURE_TOLERANCE_S:
            problems.append(f"timestamp: in the future ({-age_s:.0f} s ahead)")
            status = "invalid"
        elif age_s > stale_after_s:
            problems.append(f"timestamp: stale ({age_s:.0f} s old, limit {stale_after_s:g} s)")
            if status == "live":
                status = "stale"
    return Reading(stamp, source, status, values, problems, now)


def parse_payload(
    data: bytes | str, kind: Literal["json", "csv"], source: str, now: datetime, stale_after_s: float
) -> Reading:
    """Turn a feed's raw content into a Reading: JSON object (or list: the last object) or CSV with a
    header row (the last row)."""
    if len(data) > MAX_PAYLOAD_BYTES:
        return _invalid(source, f"payload: larger than {MAX_PAYLOAD_BYTES} bytes", now)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _invalid(source, "payload: not UTF-8", now)
    else:
        text = data
    record: Any
    if kind == "json":
        try:
            record = json.loads(text)
        except (ValueError, RecursionError):
            return _invalid(source, "payload: not JSON", now)
        if isinstance(record, list):
            if not record:
                return _invalid(source, "payload: empty list", now)
            record = record[-1]
    else:
        try:
            rows = [
                row
                for row in csv.DictReader(io.StringIO(text))
                if any(isinstance(v, str) and v.strip() for v in row.values())
            ]
        except csv.Error:
            return _invalid(source, "payload: not CSV", now)
        if not rows:
            return _invalid(source, "payload: no data rows", now)
        record = {
            key.strip(): value.strip() if isinstance(value, str) else None
            for key, value in rows[-1].items()
            if isinstance(key, str)
        }
    return reading_from_record(record, source, now, stale_after_s)


def read_file(path: str | Path, now: datetime, stale_after_s: float) -> Reading:
    """Read the latest record from a ``.csv`` or ``.json`` file."""
    source = str(path)
    kind: Literal["json", "csv"] = "csv" if source.lower().endswith(".csv") else "json"
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PAYLOAD_BYTES + 1)
    except FileNotFoundError:
        return _unavailable(source, "file: not found", now)
    except OSError as exc:
        return _unavailable(source, f"file: cannot read ({exc.strerror or type(exc).__name__})", now)
    return parse_payload(data, kind, source, now, stale_after_s)


def read_http(url: str, now: datetime, stale_after_s: float, timeout_s: float) -> Reading:
    """GET ``url`` and read its JSON body. Any failure to get a 200 response in ``timeout_s`` seconds
    gives an ``unavailable`` reading."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "parkloop"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            data = response.read(MAX_PAYLOAD_BYTES + 1)
    except urllib.error.HTTPError as exc:
        return _unavailable(url, f"http: status {exc.code}", now)
    except urllib.error.URLError as exc:
        reason = exc.reason
        kind = "timeout" if isinstance(reason, TimeoutError) else type(reason).__name__
        return _unavailable(url, f"http: cannot connect ({kind})", now)
    except TimeoutError:
        return _unavailable(url, "http: timeout", now)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return _unavailable(url, f"http: failed ({type(exc).__name__})", now)
    return parse_payload(data, "json", url, now, stale_after_s)


def read_once(source: str | None = None, now: datetime | None = None) -> Reading:
    """One reading from ``source`` (default: the ``live_source`` setting), judged at ``now`` (default: the
    clock). Never raises: a bad setting or an unexpected failure gives an ``unavailable`` reading."""
    checked_at = _aware(now) if now is not None else datetime.now(PARK_TZ)
    try:
        chosen = str(source if source is not None else settings.get("live_source"))
        if chosen == settings.LIVE_SOURCE_SIMULATOR:
            return simulate(checked_at)
        stale_after_s = float(settings.get("live_stale_after_s"))
        if chosen.startswith(("http://", "https://")):
            return read_http(chosen, checked_at, stale_after_s, float(settings.get("live_http_timeout_s")))
        return read_file(chosen, checked_at, stale_after_s)
    except settings.SettingError as exc:
        return _unavailable(str(source or "settings"), f"settings: {exc}", checked_at)
    except Exception as exc:  # the feed must never take a page down
        return _unavailable(str(source or "?"), f"internal: {type(exc).__name__}", checked_at)
