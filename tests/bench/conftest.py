"""Everything under tests/bench is a benchmark: marked ``bench`` here, so that the default run (``addopts =
-m "not bench"`` in pyproject.toml) leaves it out and ``make bench`` (``pytest tests/bench -m bench -s``)
runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BENCH_DIR in item.path.parents:
            item.add_marker(pytest.mark.bench)
