"""The model's warnings: one stable key per warning, its English words, and the way back from words to key.

A chain says ``warning("leachate.cod_above_limit", effluent=120.0, limit=100.0)`` and gets the English
sentence the command line and the JSON have always shown (the golden files pin it). A page that wants the
warning in its visitor's language calls :func:`parse_warning` on that sentence to get the key and the
values back, and looks ``warning.<key>`` up in the content catalogs (``content/<lang>/messages/model.po``);
``python -m parkloop check`` fails when a key here has no text in either language.

Standard library only, like the rest of the model.
"""

from __future__ import annotations

import re

WARNINGS: dict[str, str] = {
    "incineration.no_waste_no_steam": "incineration: no waste is burned, so no steam can be exported",
    "incineration.steam_costs_all_power": (
        "incineration: the steam sent out costs more electricity than the plant makes"
    ),
    "incineration.above_heating_value": (
        "incineration: electricity and steam exceed the heating value of this waste; both are scaled "
        "down to it — lower net_kwh_per_tonne or export_steam_t_per_year, or add burnable components"
    ),
    "leachate.cod_above_limit": (
        "leachate: the treated water holds {effluent:.0f} mg/L COD, above the {limit:.0f} mg/L of GB 16889 "
        "— raise cod_removal"
    ),
    "kitchen_waste.steam_unused": (
        "kitchen_waste: more steam is sent than the food-waste plants need; the rest is lost"
    ),
}
"""Every warning the model can give: key → English template (``str.format`` fields, numbers only)."""

_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")


def warning(key: str, **fields: float) -> str:
    """The English words of warning ``key`` with its numbers filled in (a ``KeyError`` for an unknown key)."""
    return WARNINGS[key].format(**fields)


def _pattern(template: str) -> re.Pattern[str]:
    parts, last = [], 0
    for match in _FIELD.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match.group(1)}>-?[0-9][0-9.,e+-]*)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("^" + "".join(parts) + "$")


_PATTERNS = {key: _pattern(template) for key, template in WARNINGS.items()}


def warning_fields(key: str) -> set[str]:
    """The names of the numbers warning ``key`` carries."""
    return {match.group(1) for match in _FIELD.finditer(WARNINGS[key])}


def parse_warning(text: str) -> tuple[str, dict[str, str]] | None:
    """The key and the numbers (as written) of a warning's English words; ``None`` for words that are not
    one of :data:`WARNINGS` (an older result, say)."""
    for key, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if match:
            return key, match.groupdict()
    return None
