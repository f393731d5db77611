"""Write the provenance notes' catalogs, ``content/{zh,en}/messages/provenance.po``, from the data files.

Usage (for developers)::

    python tools/provenance_po.py [translations.toml]

Every note a data file writes (``parkloop.provenance.note_locations``) gets one entry per language, under a
``#. data:`` comment with the data's English words and a ``#. en-hash:`` fingerprint of them. Entries whose
fingerprint still matches keep their words; a new or changed note gets the words of ``translations.toml``
(``"<the data's English words>" = { zh = "…", en = "…" }``) or, without them, the data's English in the
English catalog and nothing in the Chinese one — ``python -m parkloop check`` then names what to write.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from parkloop.content import CJK_ALLOWLIST, CONTENT_DIR
from parkloop.i18n import english_safe
from parkloop.model.tomlfile import read_toml
from parkloop.provenance import note_hash, note_locations
from parkloop.settings import LOCALES


def _existing(path: Path) -> dict[str, tuple[str, str]]:
    """``{msgid: (text, en-hash)}`` of a catalog (empty when there is none)."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, charset="utf-8")
    found = {}
    for message in catalog:
        if not message.id:
            continue
        fingerprint = next(
            (c.partition(":")[2].strip() for c in message.auto_comments if c.startswith("en-hash:")), ""
        )
        found[str(message.id)] = (str(message.string or ""), fingerprint)
    return found


def main(argv: list[str]) -> int:
    words = read_toml(Path(argv[0])) if argv else {}
    for lang, locale in LOCALES.items():
        path = CONTENT_DIR / lang / "messages" / "provenance.po"
        existing = _existing(path)
        catalog = Catalog(locale=locale, charset="utf-8")
        for location in sorted(note_locations(), key=lambda loc: loc.key):
            fingerprint = note_hash(location.english)
            text, old = existing.get(location.key, ("", ""))
            if old != fingerprint or not text:
                given = words.get(location.english, {})
                default = english_safe(location.english, CJK_ALLOWLIST) if lang == "en" else ""
                text = given.get(lang) or default
            catalog.add(
                location.key,
                text,
                auto_comments=[f"data: {location.english}", f"en-hash: {fingerprint}"],
            )
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=True, sort_output=True)
        print(f"{path.relative_to(CONTENT_DIR.parent)}: {len(catalog)} notes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
