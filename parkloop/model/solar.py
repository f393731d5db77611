"""Rooftop PV (layer one)."""

from __future__ import annotations


def pv_kwh_per_year(kwp: float, kwh_per_kwp: float) -> float:
    """Yearly PV electricity [kWh/yr] = installed peak power [kWp] × specific yield [kWh/kWp/yr]."""
    return kwp * kwh_per_kwp
