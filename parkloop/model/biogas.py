"""The park's biogas: the digesters' biogas of both food-waste plants blended with the landfill gas
captured at the park's landfill (the plan's "多源配比", 二(二)2), then handled up to the biogas plant's
capacity (the plan: 5万 Nm³/d by 2026, 二(一)2) — what is above it is flared and reported — and split between
gas engines (electricity) and upgrading (biomethane delivered as fuel gas).

Layer one: :func:`engine_kwh`, :func:`natural_gas_displaced_nm3`, :func:`flared_share`. :func:`run`
returns a :class:`BiogasResult`.

References: [1] physical constants (methane LHV, 1 kWh = 3.6 MJ); [2] GB/T 32151 Table C.1 (natural gas
net calorific value); [3] the plan, 二(一)2 and 二(二)2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parkloop.model.factors import Factors
from parkloop.model.kitchen_waste import gas_carbon_t, gas_mass_t
from parkloop.model.units import per_year

SOURCES = ("kitchen_waste", "restaurant_waste", "landfill")


def engine_kwh(
    methane_nm3: float, lhv_mj_per_nm3: float, efficiency: float, mj_per_kwh: float = 3.6
) -> float:
    """Electricity from burning methane in gas engines [kWh] = Nm³ × LHV [MJ/Nm³] × η / 3.6 MJ/kWh [1]."""
    return methane_nm3 * lhv_mj_per_nm3 * efficiency / mj_per_kwh


def natural_gas_displaced_nm3(
    methane_nm3: float, ch4_lhv_mj_per_nm3: float, ng_ncv_mj_per_nm3: float
) -> float:
    """Natural gas with the same heating value as the delivered biomethane [Nm³] = Nm³ CH4 × LHV / NCV [2]."""
    return methane_nm3 * ch4_lhv_mj_per_nm3 / ng_ncv_mj_per_nm3


def flared_share(gas_nm3: float, capacity_nm3: float) -> float:
    """Share of the gas above the handling capacity, flared [-]: ``max(0, gas − capacity) / gas``."""
    return max(gas_nm3 - capacity_nm3, 0.0) / gas_nm3 if gas_nm3 > 0 else 0.0


@dataclass(frozen=True, slots=True)
class BiogasResult:
    """One year of the park's biogas [Nm³/yr unless named]; methane volumes are Nm³ of CH4."""

    gas_nm3: Mapping[str, float]  # raw gas by source (kitchen_waste, restaurant_waste, landfill)
    methane_by_source_nm3: Mapping[str, float]
    source_share: Mapping[str, float]  # of the blend's methane
    biogas_nm3: float  # the blend, all sources
    methane_nm3: float  # its methane
    co2_nm3: float  # its CO2
    capacity_nm3: float  # the handling capacity a year
    flared_biogas_nm3: float  # above the capacity
    flared_methane_nm3: float
    leaked_nm3: float  # methane slip of digesters, gas handling, engines and upgrading
    methane_leaked_t: float  # [t CH4/yr]
    to_engines_nm3: float
    to_upgrading_nm3: float
    fuel_gas_nm3: float  # biomethane delivered
    upgrading_loss_nm3: float  # methane burned in the upgrading's off-gas treatment
    engine_kwh: float
    natural_gas_displaced_nm3: float
    carbon_in_t_c: float  # all the blend's carbon [t C/yr]
    leaked_t_c: float
    to_air_as_co2_t_c: float  # flared, burned in engines, off-gas, and the blend's own CO2 (biogenic)
    fuel_gas_t_c: float


def run(
    *,
    gas_nm3: Mapping[str, float],
    methane_nm3: Mapping[str, float],
    handling_capacity_nm3_per_day: float,
    leakage_fraction: float,
    to_power_fraction: float,
    engine_efficiency: float,
    upgrading_recovery: float,
    days_per_year: float,
    factors: Factors,
) -> BiogasResult:
    """Blend, handle, flare the excess, split [3]. ``gas_nm3`` and ``methane_nm3`` are by source."""
    constants = factors.constants
    molar, lhv = constants["molar_volume_nm3_per_kmol"], constants["ch4_lhv_mj_per_nm3"]
    biogas = sum(gas_nm3.values())
    methane = sum(methane_nm3.values())
    capacity = per_year(handling_capacity_nm3_per_day, days_per_year)
    flare = flared_share(biogas, capacity)
    flared_methane = methane * flare
    handled = methane - flared_methane
    leaked = handled * leakage_fraction
    to_engines = (handled - leaked) * to_power_fraction
    to_upgrading = handled - leaked - to_engines
    fuel_gas = to_upgrading * upgrading_recovery
    carbon_in = gas_carbon_t(biogas, molar)
    return BiogasResult(
        gas_nm3=dict(gas_nm3),
        methane_by_source_nm3=dict(methane_nm3),
        source_share={k: (v / methane if methane > 0 else 0.0) for k, v in methane_nm3.items()},
        biogas_nm3=biogas,
        methane_nm3=methane,
        co2_nm3=biogas - methane,
        capacity_nm3=capacity,
        flared_biogas_nm3=biogas * flare,
        flared_methane_nm3=flared_methane,
        leaked_nm3=leaked,
        methane_leaked_t=gas_mass_t(leaked, constants["ch4_density_kg_per_nm3"]),
        to_engines_nm3=to_engines,
        to_upgrading_nm3=to_upgrading,
        fuel_gas_nm3=fuel_gas,
        upgrading_loss_nm3=to_upgrading - fuel_gas,
        engine_kwh=engine_kwh(to_engines, lhv, engine_efficiency, constants["mj_per_kwh"]),
        natural_gas_displaced_nm3=natural_gas_displaced_nm3(
            fuel_gas, lhv, constants["natural_gas_ncv_mj_per_nm3"]
        ),
        carbon_in_t_c=carbon_in,
        leaked_t_c=gas_carbon_t(leaked, molar),
        to_air_as_co2_t_c=carbon_in - gas_carbon_t(leaked + fuel_gas, molar),
        fuel_gas_t_c=gas_carbon_t(fuel_gas, molar),
    )
