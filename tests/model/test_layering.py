"""The model is a library: it never imports the UI or the store (PhET's model/view rule)."""

from __future__ import annotations

import ast

from ._helpers import REPO

FORBIDDEN = ("streamlit", "sqlite_utils", "pandas", "altair", "pydeck", "exhibits", "lessons", "parkloop.ui")


def test_model_imports_no_ui():
    for path in sorted((REPO / "parkloop" / "model").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), (path.name, name)
