"""Tours as data: ``data/tours.toml`` loaded, validated and looked up (no Streamlit here).

A broken file must never take a page down and must never pass ``python -m parkloop check`` either:
:func:`load_tours` raises :class:`TourError` with one line naming the file and the key; pages call
:func:`tours_or_none` (logs and returns ``None``) and the check calls :func:`check_tours`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from parkloop.model.tomlfile import DataFileError, read_toml
from parkloop.pages import BY_SLUG

log = logging.getLogger(__name__)

TOURS_FILE = Path(__file__).resolve().parents[2] / "data" / "tours.toml"

ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,23}$")  # short, ASCII, safe in a URL and a file name
PARAM_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,15}$")
PARAM_VALUE_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,32}$")
RESERVED_PARAMS = frozenset({"lang", "mode", "station", "route"})
PLANTS = frozenset(
    {"visitor_centre", "incineration", "kitchen_waste", "solar", "leachate", "construction_waste", "landfill"}
)


class TourError(ValueError):
    """``data/tours.toml`` is unusable; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class Station:
    id: str
    number: int  # printed on the poster: the station's place in the file, from 1
    plant: str
    x: float
    y: float
    exhibit: str  # a page slug of parkloop.pages
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    id: str
    minutes: int
    stations: tuple[str, ...]
    ages: str = ""


@dataclass(frozen=True)
class Tours:
    width: float
    height: float
    plants: dict[str, tuple[float, float]]
    stations: dict[str, Station]  # in file order
    routes: dict[str, Route]  # in file order

    def routes_with(self, station_id: str) -> list[Route]:
        """The routes that pass ``station_id``, in file order."""
        return [route for route in self.routes.values() if station_id in route.stations]

    def next_station(self, route_id: str, station_id: str) -> Station | None:
        """The station after ``station_id`` on the route, ``None`` at its end (or if not on it)."""
        route = self.routes.get(route_id)
        if route is None or station_id not in route.stations:
            return None
        index = route.stations.index(station_id)
        return self.stations[route.stations[index + 1]] if index + 1 < len(route.stations) else None


def _where(path: Path) -> str:
    try:
        return path.relative_to(TOURS_FILE.parents[1]).as_posix()
    except ValueError:
        return str(path)


def _number(value: Any, where: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise TourError(f"{where}: expected a number from {lo:g} to {hi:g}, got {value!r}")
    return float(value)


def _id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise TourError(f"{where}: expected a short lower-case ASCII id (a-z, 0-9, -), got {value!r}")
    return value


def _params(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TourError(f"{where}: expected a table of URL keys and values, got {value!r}")
    params: dict[str, str] = {}
    for key, raw in value.items():
        if not PARAM_KEY_PATTERN.match(key) or key in RESERVED_PARAMS:
            raise TourError(f"{where}.{key}: not a usable exhibit URL key")
        text = str(raw).lower() if isinstance(raw, bool) else str(raw)
        if isinstance(raw, dict | list) or not PARAM_VALUE_PATTERN.match(text):
            raise TourError(f"{where}.{key}: expected a short number or word, got {raw!r}")
        params[key] = text
    return params


def _tables(
    data: dict[str, Any], key: str, noun: str, where: str
) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """Walk the ``[[key]]`` array of tables: at least one, each a table with a valid, unique ``id``.
    Yields ``(index, id, "where: key.id" for messages, table)``."""
    raw_tables = data.get(key)
    if not isinstance(raw_tables, list) or not raw_tables:
        raise TourError(f"{where}: {key}: expected at least one [[{key}]] table")
    seen: set[str] = set()
    for index, raw in enumerate(raw_tables):
        at = f"{where}: {key}[{index}]"
        if not isinstance(raw, dict):
            raise TourError(f"{at}: expected a table")
        table_id = _id(raw.get("id"), f"{at}.id")
        at = f"{where}: {key}.{table_id}"
        if table_id in seen:
            raise TourError(f"{at}: duplicate {noun} id")
        seen.add(table_id)
        yield index, table_id, at, raw


def parse_tours(data: dict[str, Any], where: str = "data/tours.toml") -> Tours:
    """Validate the parsed TOML; raise :class:`TourError` at the first problem."""
    map_table = data.get("map")
    if not isinstance(map_table, dict):
        raise TourError(f"{where}: map: missing table")
    width = _number(map_table.get("width"), f"{where}: map.width", 1, 1000)
    height = _number(map_table.get("height"), f"{where}: map.height", 1, 1000)
    plants: dict[str, tuple[float, float]] = {}
    for plant, pos in (map_table.get("plants") or {}).items():
        if plant not in PLANTS:
            raise TourError(
                f"{where}: map.plants.{plant}: unknown plant (known: {', '.join(sorted(PLANTS))})"
            )
        if not isinstance(pos, list) or len(pos) != 2:
            raise TourError(f"{where}: map.plants.{plant}: expected [x, y]")
        plants[plant] = (
            _number(pos[0], f"{where}: map.plants.{plant}[0]", 0, width),
            _number(pos[1], f"{where}: map.plants.{plant}[1]", 0, height),
        )

    stations: dict[str, Station] = {}
    for index, station_id, at, raw in _tables(data, "stations", "station", where):
        plant = raw.get("plant")
        if plant not in PLANTS:
            raise TourError(f"{at}.plant: unknown plant {plant!r} (known: {', '.join(sorted(PLANTS))})")
        exhibit = raw.get("exhibit")
        if not isinstance(exhibit, str) or not exhibit or exhibit not in BY_SLUG:
            raise TourError(
                f"{at}.exhibit: unknown exhibit {exhibit!r} (not a page slug in parkloop/pages.py)"
            )
        stations[station_id] = Station(
            id=station_id,
            number=index + 1,
            plant=plant,
            x=_number(raw.get("x"), f"{at}.x", 0, width),
            y=_number(raw.get("y"), f"{at}.y", 0, height),
            exhibit=exhibit,
            params=_params(raw.get("params", {}), f"{at}.params"),
        )

    routes: dict[str, Route] = {}
    for _, route_id, at, raw in _tables(data, "routes", "route", where):
        names = raw.get("stations")
        if not isinstance(names, list) or len(names) < 2:
            raise TourError(f"{at}.stations: expected a list of at least two station ids")
        for name in names:
            if name not in stations:
                raise TourError(f"{at}.stations: no station {name!r} in [[stations]]")
        if len(set(names)) != len(names):
            raise TourError(f"{at}.stations: a station appears twice")
        ages = raw.get("ages", "")
        if not isinstance(ages, str) or not re.fullmatch(r"(\d{1,2}-\d{1,2})?", ages):
            raise TourError(f'{at}.ages: expected a range like "5-9", got {ages!r}')
        routes[route_id] = Route(
            id=route_id,
            minutes=int(_number(raw.get("minutes"), f"{at}.minutes", 5, 240)),
            stations=tuple(names),
            ages=ages,
        )
    return Tours(width=width, height=height, plants=plants, stations=stations, routes=routes)


def load_tours(path: Path | str | None = None) -> Tours:
    """Read and validate a tours file (default ``data/tours.toml``)."""
    target = Path(path) if path is not None else TOURS_FILE
    where = _where(target)
    try:
        data = read_toml(target)
    except DataFileError as error:
        raise TourError(f"{where}: {error.reason}") from None
    return parse_tours(data, where)


@lru_cache(maxsize=1)
def _cached() -> Tours | None:
    try:
        return load_tours()
    except TourError as error:
        log.error("tours unavailable: %s", error)
        return None


def tours_or_none() -> Tours | None:
    """The park's tours, cached; ``None`` (logged) if the file is broken — a page then shows no tours."""
    return _cached()


def station_for(raw: object) -> Station | None:
    """The station a ``?station=`` value names, or ``None`` for anything else (never raises)."""
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    if not isinstance(raw, str) or not ID_PATTERN.match(raw):
        return None
    tours = tours_or_none()
    return None if tours is None else tours.stations.get(raw)


def check_tours(path: Path | str | None = None, content_root: Path | str | None = None) -> list[str]:
    """Problems with the tours file and its texts, one line each (``[]`` when all is well)."""
    from parkloop.content import has_key, markdown_sections, page_text

    try:
        tours = load_tours(path)
    except TourError as error:
        return [str(error)]
    problems: list[str] = []
    for lang in ("zh", "en"):
        stories = markdown_sections(page_text("tours", lang, root=content_root))
        for station in tours.stations.values():
            for part in ("title", "teaser"):
                key = f"tours.station.{station.id}.{part}"
                if not has_key(key, lang, root=content_root):
                    problems.append(f"{lang}/messages/tours.po: {key}: missing (station in data/tours.toml)")
            if not stories.get(f"station-{station.id}"):
                where = f"{lang}/pages/tours.md: section station-{station.id}"
                problems.append(f"{where}: missing (station in data/tours.toml)")
        for route in tours.routes.values():
            for part in ("title", "blurb"):
                key = f"tours.route.{route.id}.{part}"
                if not has_key(key, lang, root=content_root):
                    problems.append(f"{lang}/messages/tours.po: {key}: missing (route in data/tours.toml)")
    return problems
