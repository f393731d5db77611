"""The layering, made checkable (like PhET's lint rule that keeps model/ from importing view/):

* only the pages (``exhibits/*.py``, ``parkloop/<feature>/pages/*.py``), the entry ``app.py`` and the
  Streamlit kit ``parkloop/ui/`` (the frame among it) import Streamlit; every other module — the exhibits'
  logic, school, tours, staff, kiosk, content, store — is plain Python, tested without a server;
* the model imports nothing but the standard library and ``parkloop.model`` itself.

The imports are read with ``ast`` (relative imports resolved), so a comment or a string that names a
module does not count and an ``import streamlit as st`` inside a function does.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "parkloop"

FORBIDDEN_IN_MODEL = ("streamlit", "sqlite_utils", "pandas", "altair", "pydeck", "exhibits", "parkloop.ui")
"""Top-level modules (or packages) the model must not import, nor anything inside them."""

STREAMLIT = ("streamlit", "parkloop.ui")
"""What a library module must not import: Streamlit, nor the kit that imports it."""


def may_import_streamlit(path: Path) -> bool:
    """A page, the entry point or the Streamlit kit (``parkloop/ui``, the frame among it)."""
    relative = path.relative_to(REPO)
    return (
        relative.parts[0] == "exhibits"
        or relative == Path("app.py")
        or relative.parts[:2] == ("parkloop", "ui")
        or (relative.parts[0] == "parkloop" and relative.parent.name == "pages")
    )


LIBRARY_FILES = sorted(path for path in PACKAGE.rglob("*.py") if not may_import_streamlit(path))
PAGE_FILES = sorted(
    [REPO / "app.py", *(REPO / "exhibits").glob("*.py"), *PACKAGE.glob("*/pages/*.py")], key=str
)


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


def outside_stdlib_and_model(names: set[str]) -> list[str]:
    """Imported modules that are neither the standard library nor ``parkloop.model`` (nor below it)."""
    return sorted(
        name
        for name in names
        if name.split(".")[0] not in sys.stdlib_module_names
        and name != "parkloop.model"
        and not name.startswith("parkloop.model.")
        and name != "__future__"
    )


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_model_imports_only_the_standard_library_and_itself(path: Path) -> None:
    found = imported_modules(
        path.read_text(encoding="utf-8"), module_name(path), is_package=path.name == "__init__.py"
    )
    assert outside_stdlib_and_model(found) == [], path.relative_to(REPO)


def test_there_are_library_modules_and_pages_to_check() -> None:
    assert len(LIBRARY_FILES) > 40 and len(PAGE_FILES) > 15
    assert PACKAGE / "exhibits" / "power.py" in LIBRARY_FILES  # the exhibits' logic is library code
    assert REPO / "exhibits" / "power.py" in PAGE_FILES


@pytest.mark.parametrize("path", LIBRARY_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_only_pages_and_the_ui_kit_import_streamlit(path: Path) -> None:
    assert violations(path, STREAMLIT) == []


def test_every_page_of_the_registry_is_a_page_file() -> None:
    from parkloop.pages import PAGES

    assert {spec.path for spec in PAGES} <= set(PAGE_FILES)


@pytest.mark.parametrize(
    ("relative", "allowed"),
    [
        ("exhibits/power.py", True),
        ("app.py", True),
        ("parkloop/ui/frame.py", True),
        ("parkloop/school/pages/join.py", True),
        ("parkloop/exhibits/power.py", False),
        ("parkloop/school/sessions.py", False),
        ("parkloop/kiosk/screen.py", False),
        ("parkloop/content.py", False),
    ],
)
def test_the_streamlit_rule_is_the_one_documented(relative: str, allowed: bool) -> None:
    assert may_import_streamlit(REPO / relative) is allowed


def test_the_stdlib_rule_sees_what_it_must() -> None:
    names = {"math", "tomllib", "parkloop.model.flows", "parkloop.model", "__future__", "dataclasses"}
    assert outside_stdlib_and_model(names) == []
    assert outside_stdlib_and_model({"numpy", "parkloop.settings", "parkloop.modelx"}) == [
        "numpy",
        "parkloop.modelx",
        "parkloop.settings",
    ]


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
        ("from ..ui import frame", "parkloop.model.x", ["parkloop.ui", "parkloop.ui.frame"]),
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


MAX_FUNCTION_LINES = 120
CODE_FILES = sorted(
    [
        *PACKAGE.rglob("*.py"),
        *(REPO / "exhibits").glob("*.py"),
        *(REPO / "tools").glob("*.py"),
        REPO / "app.py",
    ],
    key=str,
)


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """``(name, lines)`` of every function in ``source`` longer than ``limit`` lines (decorators excluded)."""
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > limit
    ]


@pytest.mark.parametrize("path", CODE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_function_over_120_lines_outside_tests(path: Path) -> None:
    assert long_functions(path.read_text(encoding="utf-8")) == []


def test_the_length_rule_counts_lines() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(4))
    assert long_functions(f"def short():\n{body}", limit=5) == []
    assert long_functions(f"def long():\n{body}    return 1\n\nasync def also():\n{body}", limit=4) == [
        ("long", 6),
        ("also", 5),
    ]
