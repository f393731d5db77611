"""The model is pure: nothing under parkloop/model imports the UI, storage, dataframes, charts or pages.

Like PhET's lint rule that keeps model/ from importing view/: a page may call the model, never the reverse.
The imports are read with ``ast`` (relative imports resolved), so a comment or a string that names a
module does not count and an ``import streamlit as st`` inside a function does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "parkloop"

FORBIDDEN_IN_MODEL = ("streamlit", "sqlite_utils", "pandas", "altair", "pydeck", "exhibits", "parkloop.ui")
"""Top-level modules (or packages) the model must not import, nor anything inside them."""

NO_STREAMLIT = (PACKAGE / "live.py", PACKAGE / "settings.py")
"""Library modules that the kiosk scripts and the CLI use without a Streamlit server."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module named by an import statement or ``importlib.import_module("…")`` / ``__import__("…")``
    call in ``source``, relative imports resolved against ``module``."""
    names: set[str] = set()
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module or ""
            names.add(prefix)
            # `from parkloop import ui` imports the module parkloop.ui
            names.update(f"{prefix}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
    return names


def forbidden(names: set[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names for ban in banned if name == ban or name.startswith(ban + "."))


def violations(path: Path, banned: tuple[str, ...]) -> list[str]:
    found = imported_modules(
        path.read_text(encoding="utf-8"), module_name(path), is_package=path.name == "__init__.py"
    )
    return [f"{path.relative_to(REPO)} imports {name}" for name in forbidden(found, banned)]


MODEL_FILES = sorted((PACKAGE / "model").rglob("*.py"))


def test_there_is_a_model_to_check() -> None:
    assert MODEL_FILES, "parkloop/model has no Python files"


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_model_imports_no_ui_storage_or_pages(path: Path) -> None:
    assert violations(path, FORBIDDEN_IN_MODEL) == []


@pytest.mark.parametrize("path", NO_STREAMLIT, ids=lambda p: p.name)
def test_live_and_settings_do_not_need_streamlit(path: Path) -> None:
    assert path.exists()
    assert violations(path, FORBIDDEN_IN_MODEL) == []


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("import streamlit as st", "parkloop.model.x", ["streamlit"]),
        ("def f():\n    import pandas\n", "parkloop.model.x", ["pandas"]),
        (
            "from sqlite_utils.db import Database",
            "parkloop.model.x",
            ["sqlite_utils.db", "sqlite_utils.db.Database"],
        ),
        ("import altair.vegalite", "parkloop.model.x", ["altair.vegalite"]),
        ("from pydeck import Deck", "parkloop.model.x", ["pydeck", "pydeck.Deck"]),
        ("from exhibits.carbon import page", "parkloop.model.x", ["exhibits.carbon", "exhibits.carbon.page"]),
        ("from ..ui import chrome", "parkloop.model.x", ["parkloop.ui", "parkloop.ui.chrome"]),
        ("from .. import ui", "parkloop.model.x", ["parkloop.ui"]),
        ("from parkloop import ui", "parkloop.model.x", ["parkloop.ui"]),
        ("import importlib\nimportlib.import_module('streamlit')", "parkloop.model.x", ["streamlit"]),
        ("__import__('pandas')", "parkloop.model.x", ["pandas"]),
        ("from . import scenario\nfrom .factors import load", "parkloop.model.x", []),
        ("import math, tomllib\n# import streamlit\ns = 'import pandas'", "parkloop.model.x", []),
        ("import streamlit_extras", "parkloop.model.x", []),
        ("from parkloop.uix import thing", "parkloop.model.x", []),
    ],
)
def test_the_scanner_sees_what_it_must(source: str, module: str, expected: list[str]) -> None:
    assert forbidden(imported_modules(source, module), FORBIDDEN_IN_MODEL) == expected


def test_relative_imports_in_a_package_init_resolve_from_the_package() -> None:
    assert "parkloop.model.y" in imported_modules("from . import y", "parkloop.model", is_package=True)
    assert "parkloop.ui" in imported_modules("from .. import ui", "parkloop.model", is_package=True)
    assert "parkloop.ui" in imported_modules("from .. import ui", "parkloop.model.leaf")
    assert "parkloop.ui" not in imported_modules("from .. import ui", "parkloop.model.sub.leaf")
    assert module_name(PACKAGE / "model" / "__init__.py") == "parkloop.model"
