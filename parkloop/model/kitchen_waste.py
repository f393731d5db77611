"""Kitchen and restaurant food waste → biogas → engine power or upgraded fuel gas; oil → biodiesel;
digestate → co-incineration (layer one: pure functions)."""

from __future__ import annotations


def engine_kwh(
    methane_nm3: float, lhv_mj_per_nm3: float, efficiency: float, mj_per_kwh: float = 3.6
) -> float:
    """Electricity from burning methane in gas engines [kWh] = Nm³ × LHV [MJ/Nm³] × η / 3.6."""
    return methane_nm3 * lhv_mj_per_nm3 * efficiency / mj_per_kwh


def natural_gas_displaced_nm3(
    methane_nm3: float, ch4_lhv_mj_per_nm3: float, ng_ncv_mj_per_nm3: float
) -> float:
    """Natural gas with the same heating value as the delivered biomethane [Nm³]."""
    return methane_nm3 * ch4_lhv_mj_per_nm3 / ng_ncv_mj_per_nm3


def gas_carbon_t(nm3: float, molar_volume_nm3_per_kmol: float = 22.414) -> float:
    """Carbon in a gas of one-carbon molecules (CH4, CO2) [t C] = Nm³ / 22.414 kmol × 12 kg."""
    return nm3 / molar_volume_nm3_per_kmol * 12.0 / 1000.0
