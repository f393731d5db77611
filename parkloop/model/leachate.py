"""Leachate from three sources → reclaimed water, recovered ammonia; concentrate back to the incinerator."""

from __future__ import annotations


def pollutant_t(m3: float, mg_per_l: float) -> float:
    """Mass of a dissolved pollutant [t] = m³ × 1000 L/m³ × mg/L × 1e-9 t/mg."""
    return m3 * mg_per_l * 1e-6
