"""Fuzzing every page's URL: random and hostile values for every query key a page uses.

The keys of a page are discovered by running it once (URL-bound widgets write their value back into the
URL), plus the frame's own (``lang``, ``mode``, ``station``). For each page, hypothesis draws values —
random Unicode, very long strings, HTML and script, SQL fragments, path traversal, spreadsheet formulas,
numbers out of range — and the page must: run without an exception or the error box, never put a drawn
value into the page unescaped, and never open a file outside the project, its virtualenv or the temp dir.
"""

from __future__ import annotations

import builtins
import io
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from parkloop.pages import PAGES
from tests.apptest import APP, open_page

REPO = Path(__file__).resolve().parents[1]
FRAME_KEYS = ("lang", "mode", "station", "code", "s", "k")
ALLOWED_ROOTS = (str(REPO), sys.prefix, sys.base_prefix, tempfile.gettempdir(), "/usr/share/fonts", "/dev/")

HOSTILE = st.sampled_from(
    [
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
        "' OR '1'='1", "1; DROP TABLE events; --", "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
        "/etc/shadow", "=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-1e308", "1e309", "NaN", "-0", "9" * 400,
        "\x00\x01\x02", "\u202e\u200b", "中文😀\U0001f4a9", "%s%s%n", "{0}{__class__}", "${7*7}", " ",
    ]
)  # fmt: skip
VALUES = st.one_of(HOSTILE, st.text(max_size=60), st.text(min_size=500, max_size=3000))


def _keys(script: str) -> list[str]:
    at = open_page(script, {"lang": "zh"})
    return sorted(set(at.query_params) | set(FRAME_KEYS))


class _Reads:
    """Record every file opened for reading while a page runs."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __enter__(self):
        self._open, self._io_open = builtins.open, io.open
        reads = self.paths

        def spy(file, mode="r", *args, **kwargs):
            if isinstance(file, str | bytes | os.PathLike) and "r" in str(mode):
                reads.append(os.path.realpath(os.fsdecode(file)))
            return self._open(file, mode, *args, **kwargs)

        builtins.open = spy
        io.open = spy
        return self

    def __exit__(self, *exc) -> None:
        builtins.open, io.open = self._open, self._io_open

    def outside(self) -> list[str]:
        return [p for p in self.paths if not p.startswith(ALLOWED_ROOTS)]


def _body(at: AppTest) -> str:
    parts = [e.proto.body for e in at.get("html")]
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts.extend(str(e.value) for e in at.get(kind))
    return "\n".join(parts)


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.slug or "home")
def test_fuzz_query_parameters(spec) -> None:
    keys = _keys(spec.script)

    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.dictionaries(st.sampled_from(keys), VALUES, min_size=1, max_size=4))
    def run(params: dict[str, str]) -> None:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(spec.script)
        with _Reads() as reads:
            at.run()
        assert not at.exception, (params, [e.message for e in at.exception])
        body = _body(at)
        assert 'id="parkloop-error"' not in body, params
        for value in params.values():
            if "<" in value and len(value) > 3:
                assert value not in body, f"{spec.slug} echoed {value!r} unescaped"
        assert reads.outside() == [], reads.outside()

    run()


def test_the_read_spy_sees_reads_outside_the_project() -> None:
    with _Reads() as reads:
        Path("/etc/hostname").read_text()
        (REPO / "README.md").read_text()
    assert reads.outside() == [os.path.realpath("/etc/hostname")]
