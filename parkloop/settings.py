"""ParkLoop's settings, declared once.

Each setting has a name (with its unit as a suffix where it has one: ``_s`` for seconds), a default, and
one line of help. The app, the kiosk scripts and the docs all read this table. A setting is overridden
by the environment variable ``PARKLOOP_<NAME>`` (upper case), converted to the type of its default::

    PARKLOOP_LIVE_STALE_AFTER_S=600 make run

A bad value raises :class:`SettingError` with one line naming the variable, the value and what was
expected. ``README.md`` documents every setting; ``tests/test_settings.py`` keeps it so.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

REPO_ROOT = Path(__file__).resolve().parents[1]

LIVE_SOURCE_SIMULATOR = "simulator"
LOCALES: dict[str, str] = {"zh": "zh_Hans_CN", "en": "en_GB"}
"""The visitor languages, the park's own first, each with its Babel locale (Simplified Chinese as used in
Beijing; British English, glossary §13). The one list of languages: :mod:`parkloop.i18n`, the content
checks, the kiosk's usage records and ``tools/po_add.py`` read it."""
LANGUAGES: tuple[str, ...] = tuple(LOCALES)


class SettingError(ValueError):
    """A setting's environment override has a value that cannot be used."""


class Setting(NamedTuple):
    """One setting: ``name`` carries the unit suffix, ``default`` fixes the type (str, int or float)."""

    name: str
    default: str | int | float
    help: str
    check: Callable[[str | int | float], str | None] | None = None
    """Returns what was expected (for the error message) when a value is unacceptable, else None."""

    @property
    def env_var(self) -> str:
        """The environment variable that overrides this setting."""
        return f"PARKLOOP_{self.name.upper()}"


def _positive(value: str | int | float) -> str | None:
    return None if isinstance(value, int | float) and value > 0 else "a number greater than 0"


def _language(value: str | int | float) -> str | None:
    return None if value in LANGUAGES else "one of " + ", ".join(LANGUAGES)


def _live_source(value: str | int | float) -> str | None:
    text = str(value)
    if text == LIVE_SOURCE_SIMULATOR or text.startswith(("http://", "https://")):
        return None
    if text.lower().endswith((".csv", ".json")):
        return None
    return f"'{LIVE_SOURCE_SIMULATOR}', a path to a .csv or .json file, or an http(s):// URL"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "live_source",
        LIVE_SOURCE_SIMULATOR,
        "Where the 'now at the park' readings come from: 'simulator' (clearly labelled simulated values), "
        "a path to a CSV or JSON file, or an http(s) URL returning JSON (schema: docs/live-feed.md).",
        _live_source,
    ),
    Setting(
        "live_stale_after_s",
        900,
        "A live reading older than this many seconds is shown as stale, never as current [s].",
        _positive,
    ),
    Setting(
        "live_http_timeout_s",
        3.0,
        "How long to wait for the live HTTP endpoint before reporting it unavailable [s].",
        _positive,
    ),
    Setting(
        "default_lang",
        LANGUAGES[0],
        "Language of a page opened without ?lang=: 'zh' (Chinese) or 'en' (English).",
        _language,
    ),
    Setting(
        "store_path",
        str(REPO_ROOT / "var" / "parkloop.sqlite"),
        "The SQLite file (WAL mode) holding anonymous kiosk usage, class sessions and passport stamps; "
        "one file shared by every server process of a host.",
    ),
    Setting(
        "store_busy_wait_s",
        20.0,
        "How long a write waits in all, retrying with backoff, while another process holds the store's "
        "write lock, before the page says 'try again' [s].",
        _positive,
    ),
    Setting(
        "kiosk_name",
        "kiosk-1",
        "This kiosk's name, recorded with its anonymous usage events (several kiosks, one park).",
    ),
    Setting(
        "kiosk_idle_s",
        90,
        "Seconds without a touch before a kiosk warns that it will reset [s].",
        _positive,
    ),
    Setting(
        "kiosk_warn_s",
        20,
        "Seconds the kiosk's reset warning counts down before it resets; a touch dismisses it [s].",
        _positive,
    ),
    Setting(
        "staff_token",
        "",
        "Password of the staff pages (usage statistics, tours). Empty: the staff pages stay locked.",
    ),
    Setting(
        "usage_retention_days",
        90,
        "Raw anonymous usage events older than this are deleted; daily totals are kept [days].",
        _positive,
    ),
    Setting(
        "class_retention_days",
        30,
        "Class sessions (nicknames and answers) unused for this long (no join, answer or phase change) "
        "are deleted automatically [days].",
        _positive,
    ),
    Setting(
        "class_max_students",
        60,
        "Students one class session accepts; the next one is asked to see the teacher [students].",
        _positive,
    ),
    Setting(
        "passport_retention_days",
        30,
        "Passport stamps of an anonymous visitor token older than this are deleted [days].",
        _positive,
    ),
    Setting(
        "tour_scan_retention_days",
        365,
        "QR scans (counted per station and time, without any token) older than this are deleted, on the "
        "same schedule as expired passport stamps [days].",
        _positive,
    ),
    Setting(
        "tour_scans_per_session",
        30,
        "Scans one browser session counts at most; later scans still stamp the passport but are not "
        "counted, so a script reloading station links cannot inflate the statistics [scans].",
        _positive,
    ),
    Setting(
        "tour_purge_every_s",
        3600.0,
        "How often one server process deletes expired stamps and scans (on the next page that opens the "
        "passport store after this long), instead of writing on every page run [s].",
        _positive,
    ),
    Setting(
        "data_dir",
        str(REPO_ROOT / "data"),
        "Folder holding scenarios, factors, sources and the sample live feed "
        "(default: the repository's data/).",
    ),
)

_BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def _convert(setting: Setting, raw: str) -> str | int | float:
    expected = type(setting.default)
    try:
        if expected is int:
            return int(raw.strip())
        if expected is float:
            value = float(raw.strip())
            if not math.isfinite(value):
                raise ValueError(raw)
            return value
    except ValueError:
        kind = "an integer" if expected is int else "a number"
        raise SettingError(f"{setting.env_var}={raw!r}: expected {kind}") from None
    return raw


def default(name: str) -> str | int | float:
    """The declared default of setting ``name`` (what :func:`get` falls back to). KeyError if unknown."""
    return _setting(name).default


def _setting(name: str) -> Setting:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}") from None


def get(name: str, environ: Mapping[str, str] | None = None) -> str | int | float:
    """The value of setting ``name``: ``PARKLOOP_<NAME>`` from ``environ`` (default ``os.environ``) if set
    and not empty, else the default. Raises KeyError for an unknown name, SettingError for a bad value."""
    setting = _setting(name)
    env = os.environ if environ is None else environ
    raw = env.get(setting.env_var, "")
    if raw == "":
        return setting.default
    value = _convert(setting, raw)
    if setting.check is not None:
        expected = setting.check(value)
        if expected is not None:
            raise SettingError(f"{setting.env_var}={raw!r}: expected {expected}")
    return value


def apply_data_dir() -> Path:
    """Point the model at the ``data_dir`` folder and return it. The model reads no environment variable:
    the app's frame and the CLI call this; the model's caches are cleared only when the folder changes."""
    from parkloop.model import paths  # the model imports nothing of ParkLoop's outside itself: no cycle

    folder = Path(str(get("data_dir")))
    return folder if paths.data_dir() == folder else paths.use_data_dir(folder)
