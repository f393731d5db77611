"""Conversions every chain uses (layer one): daily rates to yearly amounts, amounts to energy.

Each is one multiplication or division, written here once so that every chain converts the same way.
"""

from __future__ import annotations


def per_year(amount_per_day: float, days_per_year: float) -> float:
    """A yearly amount [unit/yr] from a daily rate [unit/d] and the operating days [d/yr]."""
    return amount_per_day * days_per_year


def heat_gj(tonnes: float, gj_per_tonne: float) -> float:
    """Heat in a mass [GJ] = tonnes [t] × specific heat [GJ/t] (a heating value in MJ/kg is the same
    number in GJ/t; so is a steam enthalpy)."""
    return tonnes * gj_per_tonne


def energy_gj(amount: float, mj_per_unit: float) -> float:
    """Energy [GJ] of an amount (kWh, Nm³ of methane, …) = amount × energy per unit [MJ/unit] ÷ 1000 MJ/GJ,
    computed as ``amount × gj_per_unit(mj_per_unit)`` so that the flow graphs and the totals agree to the
    last bit."""
    return amount * gj_per_unit(mj_per_unit)


def gj_per_unit(mj_per_unit: float) -> float:
    """An energy content in GJ per unit [GJ/unit] = MJ per unit ÷ 1000 MJ/GJ."""
    return mj_per_unit / 1000.0
