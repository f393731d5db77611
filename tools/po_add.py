"""Add or replace UI strings in a pair of gettext catalogs: ``content/{zh,en}/messages/<domain>.po``.

Usage (for developers)::

    python tools/po_add.py DOMAIN strings.toml

where ``strings.toml`` holds ``"dotted.key" = { zh = "…", en = "…" }`` entries. Creates the catalogs if
missing, keeps every other entry, writes both files sorted by key. ``python -m parkloop check`` then
compares the two languages.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from parkloop.model.tomlfile import DataFileError, read_toml
from parkloop.settings import LOCALES

ROOT = Path(__file__).resolve().parents[1] / "content"


def add(domain: str, entries: dict[str, dict[str, str]]) -> None:
    for lang, locale in LOCALES.items():
        path = ROOT / lang / "messages" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        current: dict[str, str] = {}
        if path.exists():
            with path.open("rb") as handle:
                current = {m.id: m.string for m in read_po(handle) if m.id}
        for key, texts in entries.items():
            current[key] = texts[lang]
        catalog = Catalog(
            locale=locale,
            project="ParkLoop",
            domain=domain,
            header_comment=(
                f"# ParkLoop UI strings ({domain}), {lang}. msgid = a stable dotted key, msgstr = the text.\n"
                "# Both languages hold the same files and keys; `python -m parkloop check` compares them."
            ),
        )
        for key in sorted(current):
            catalog.add(key, current[key])
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=0, no_location=True, omit_header=False)
        path.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    domain, source = sys.argv[1], sys.argv[2]
    try:
        entries = read_toml(source)
    except DataFileError as error:
        sys.exit(f"error: {error}")
    add(domain, entries)
