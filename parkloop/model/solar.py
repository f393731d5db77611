"""Rooftop PV. Layer one: :func:`pv_kwh_per_year`; :func:`run` returns a :class:`SolarResult`.

References: [1] specific yield [kWh/kWp/yr] as reported for PV systems (IEC 61724-1 "final yield").
"""

from __future__ import annotations

from dataclasses import dataclass


def pv_kwh_per_year(kwp: float, kwh_per_kwp: float) -> float:
    """Yearly PV electricity [kWh/yr] = installed peak power [kWp] × specific yield [kWh/kWp/yr] [1]."""
    return kwp * kwh_per_kwp


@dataclass(frozen=True, slots=True)
class SolarResult:
    """One year of rooftop PV."""

    kwp: float  # installed [kWp]
    electricity_kwh: float  # [kWh/yr]


def run(*, kwp: float, kwh_per_kwp: float) -> SolarResult:
    """The chain for one year; the arguments are the scenario's ``[solar]`` table."""
    return SolarResult(kwp=kwp, electricity_kwh=pv_kwh_per_year(kwp, kwh_per_kwp))
