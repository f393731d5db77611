"""Open one page of the app in ``streamlit.testing.v1.AppTest`` the way a link opens it.

AppTest knows the pages by their ``url_path`` only after the frame (``app.py``) has run once; before that
``switch_page`` finds a page by file name, which silently opens the home page when the two differ
(``exhibits/my_garbage.py`` is ``/my-garbage``). So: set the URL values, run the frame, switch, run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def script_path(script: str) -> str:
    """A page's script relative to the repository: ``power.py`` is ``exhibits/power.py``; a path with a
    folder (``parkloop/school/pages/join.py``, a ``PageSpec.script``) is taken as it is."""
    return script if "/" in script else f"exhibits/{script}"


def open_page(script: str, params: Mapping[str, str] | None = None) -> AppTest:
    """Run the page ``script`` (see :func:`script_path`) with the query parameters ``params`` (``lang``,
    ``mode``, slider keys…)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(script_path(script))
    return at.run()
