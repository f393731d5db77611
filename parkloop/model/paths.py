"""Where the model's data lives: the repository's ``data/`` unless :func:`use_data_dir` says otherwise.

The model reads no environment variable. The application reads the ``data_dir`` setting
(``parkloop/settings.py``) and passes it to :func:`use_data_dir`, which also clears every cache that
holds data read from the old folder (factors, synergy definition, parsed scenario files).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"

_data_dir = DEFAULT_DATA_DIR
_cache_clearers: list[Callable[[], object]] = []


def data_dir() -> Path:
    """The folder the model reads scenarios, factors, sources and the synergy definition from."""
    return _data_dir


def use_data_dir(path: str | os.PathLike[str] | None) -> Path:
    """Read the model's data from ``path`` from now on (``None`` or ``""``: the repository's ``data/``),
    and clear the caches that depend on it. Returns the folder now in use."""
    global _data_dir
    _data_dir = Path(path) if path else DEFAULT_DATA_DIR
    for clear in _cache_clearers:
        clear()
    return _data_dir


def clear_on_data_dir_change(clear: Callable[[], object]) -> None:
    """Register ``clear`` (e.g. an ``lru_cache``'s ``cache_clear``) to run when the data folder changes."""
    _cache_clearers.append(clear)


def scenario_dir() -> Path:
    """``<data>/scenarios``: the shipped scenario files."""
    return _data_dir / "scenarios"


def factors_file() -> Path:
    """``<data>/factors.toml``: the fixed factors."""
    return _data_dir / "factors.toml"


def synergy_file() -> Path:
    """``<data>/synergy.toml``: the project's synergy index definition."""
    return _data_dir / "synergy.toml"


def sources_file() -> Path:
    """``<data>/sources.toml``: the bibliography that ``cited:`` provenance refers to."""
    return _data_dir / "sources.toml"
