"""Where the model's data lives (``data/`` at the repository root, or ``PARKLOOP_DATA_DIR``)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("PARKLOOP_DATA_DIR", REPO_ROOT / "data"))
SCENARIO_DIR = DATA_DIR / "scenarios"
FACTORS_FILE = DATA_DIR / "factors.toml"
SYNERGY_FILE = DATA_DIR / "synergy.toml"
SOURCES_FILE = DATA_DIR / "sources.toml"
