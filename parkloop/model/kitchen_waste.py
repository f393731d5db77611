"""Kitchen and restaurant food waste → biogas → engine power or upgraded fuel gas; oil → biodiesel;
digestate → co-incineration or landfill; the rest (liquor) → the leachate plant.

Layer one: the functions below, each one formula. :func:`run` is the chain for one year and returns a
:class:`KitchenWasteResult`.

References: [1] physical constants: ideal-gas molar volume 22.414 Nm³/kmol at 0 °C and 101.325 kPa (one
carbon atom per CH4 or CO2 molecule), gas densities, methane's heating value, 1 kWh = 3.6 MJ;
[2] GB/T 32151 Table C.1 (natural gas net calorific value); [3] the plan, 二(二)2 (digestate and residue
co-incinerated, landfill gas blended with the biogas). Each constant's own provenance is in
``data/factors.toml`` (``python -m parkloop sources``).
"""

from __future__ import annotations

from dataclasses import dataclass

from parkloop.model.factors import Factors
from parkloop.model.landfill import LandfillSite
from parkloop.model.units import heat_gj, per_year

# A balance remainder below this share of what went in is floating-point noise, not an impossible input.
_BALANCE_TOLERANCE = 1e-9


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


def gas_carbon_t(nm3: float, molar_volume_nm3_per_kmol: float = 22.414) -> float:
    """Carbon in a gas of one-carbon molecules (CH4, CO2) [t C] = Nm³ / 22.414 Nm³/kmol × 12 kg/kmol [1]."""
    return nm3 / molar_volume_nm3_per_kmol * 12.0 / 1000.0


def gas_mass_t(nm3: float, density_kg_per_nm3: float) -> float:
    """Mass of a gas [t] = Nm³ × density [kg/Nm³] ÷ 1000 kg/t [1]."""
    return nm3 * density_kg_per_nm3 / 1000.0


def biogas_mass_t(
    co2_nm3: float, methane_nm3: float, co2_density_kg_per_nm3: float, ch4_density_kg_per_nm3: float
) -> float:
    """Mass of a CO2–CH4 biogas [t] = (Nm³ CO2 × ρ CO2 + Nm³ CH4 × ρ CH4) ÷ 1000 kg/t [1]."""
    return (co2_nm3 * co2_density_kg_per_nm3 + methane_nm3 * ch4_density_kg_per_nm3) / 1000.0


def remainder(total: float, *parts: float) -> float:
    """What is left of ``total`` after the ``parts`` [same unit]; a mass or carbon balance closes on it."""
    for part in parts:
        total -= part
    return total


def exceeds(total: float, rest: float) -> bool:
    """Whether a remainder ``rest`` of ``total`` is negative beyond rounding (the parts weigh more)."""
    return rest < -_BALANCE_TOLERANCE * max(total, 1.0)


@dataclass(frozen=True, slots=True)
class GasRoutes:
    """Where the methane of the digester's biogas, blended with landfill gas, goes [Nm³/yr]."""

    biogas_nm3: float  # from the digesters
    digester_methane_nm3: float
    digester_co2_nm3: float
    landfill_gas_nm3: float
    landfill_gas_methane_nm3: float
    methane_nm3: float  # digester and landfill-gas methane together
    blend_co2_nm3: float  # the CO2 of both gases
    leaked_nm3: float  # methane lost to the air
    to_engines_nm3: float
    to_upgrading_nm3: float
    fuel_gas_nm3: float  # biomethane delivered
    flared_nm3: float  # methane lost in upgrading


def gas_routes(
    *,
    biogas_nm3: float,
    methane_fraction: float,
    landfill_gas_nm3: float,
    landfill_gas_methane_fraction: float,
    leakage_fraction: float,
    to_power_fraction: float,
    upgrading_recovery: float,
) -> GasRoutes:
    """Split the blended methane [Nm³]: a share leaks, a share of the rest goes to the engines, the
    remainder is upgraded, of which ``upgrading_recovery`` is delivered and the rest flared."""
    digester_methane_nm3 = biogas_nm3 * methane_fraction
    digester_co2_nm3 = biogas_nm3 - digester_methane_nm3
    landfill_gas_methane_nm3 = landfill_gas_nm3 * landfill_gas_methane_fraction
    methane_nm3 = digester_methane_nm3 + landfill_gas_methane_nm3
    leaked_nm3 = methane_nm3 * leakage_fraction
    to_engines_nm3 = (methane_nm3 - leaked_nm3) * to_power_fraction
    to_upgrading_nm3 = methane_nm3 - leaked_nm3 - to_engines_nm3
    fuel_gas_nm3 = to_upgrading_nm3 * upgrading_recovery
    return GasRoutes(
        biogas_nm3=biogas_nm3,
        digester_methane_nm3=digester_methane_nm3,
        digester_co2_nm3=digester_co2_nm3,
        landfill_gas_nm3=landfill_gas_nm3,
        landfill_gas_methane_nm3=landfill_gas_methane_nm3,
        methane_nm3=methane_nm3,
        blend_co2_nm3=digester_co2_nm3 + landfill_gas_nm3 - landfill_gas_methane_nm3,
        leaked_nm3=leaked_nm3,
        to_engines_nm3=to_engines_nm3,
        to_upgrading_nm3=to_upgrading_nm3,
        fuel_gas_nm3=fuel_gas_nm3,
        flared_nm3=to_upgrading_nm3 - fuel_gas_nm3,
    )


@dataclass(frozen=True, slots=True)
class CarbonRoutes:
    """Where the carbon of the food waste and of the blended landfill gas goes [t C/yr]."""

    waste_t_c: float  # in the food waste
    landfill_gas_t_c: float  # in the landfill gas
    biogas_t_c: float  # in the digesters' biogas
    oil_t_c: float
    digestate_to_incineration_t_c: float
    digestate_to_landfill_t_c: float
    liquor_t_c: float  # the rest, with the liquor
    leaked_methane_t_c: float
    to_air_as_co2_t_c: float  # burned in engines, flared, and the blend's own CO2 (biogenic)
    fuel_gas_t_c: float


def carbon_routes(
    *,
    waste_t_c: float,
    gas: GasRoutes,
    oil_t: float,
    oil_carbon_fraction: float,
    digestate_t: float,
    digestate_to_incineration_t: float,
    digestate_to_landfill_t: float,
    digestate_carbon_fraction: float,
    molar_volume_nm3_per_kmol: float,
) -> CarbonRoutes:
    """The carbon balance of the plant [t C]: gases by :func:`gas_carbon_t` [1], oil and digestate by
    their carbon fractions, the liquor takes the rest."""
    biogas_t_c = gas_carbon_t(gas.biogas_nm3, molar_volume_nm3_per_kmol)
    oil_t_c = oil_t * oil_carbon_fraction
    return CarbonRoutes(
        waste_t_c=waste_t_c,
        landfill_gas_t_c=gas_carbon_t(gas.landfill_gas_nm3, molar_volume_nm3_per_kmol),
        biogas_t_c=biogas_t_c,
        oil_t_c=oil_t_c,
        digestate_to_incineration_t_c=digestate_to_incineration_t * digestate_carbon_fraction,
        digestate_to_landfill_t_c=digestate_to_landfill_t * digestate_carbon_fraction,
        liquor_t_c=remainder(waste_t_c, biogas_t_c, oil_t_c, digestate_t * digestate_carbon_fraction),
        leaked_methane_t_c=gas_carbon_t(gas.leaked_nm3, molar_volume_nm3_per_kmol),
        to_air_as_co2_t_c=gas_carbon_t(
            gas.to_engines_nm3 + gas.flared_nm3 + gas.blend_co2_nm3, molar_volume_nm3_per_kmol
        ),
        fuel_gas_t_c=gas_carbon_t(gas.fuel_gas_nm3, molar_volume_nm3_per_kmol),
    )


@dataclass(frozen=True, slots=True)
class KitchenWasteResult:
    """One year of the kitchen-waste chain. Every amount is per year, in the unit its suffix names:
    ``_t`` [t/yr], ``_nm3`` [Nm³/yr], ``_kwh`` [kWh/yr], ``_gj`` [GJ/yr]."""

    capacity_t_per_day: float  # food waste received a day [t/d]
    waste_t: float
    gas: GasRoutes
    carbon: CarbonRoutes
    engine_kwh: float
    own_use_kwh: float
    methane_leaked_t: float  # [t CH4/yr]
    natural_gas_displaced_nm3: float
    biogenic_co2_t: float  # [t CO2/yr] of the carbon sent to the air as CO2
    biogas_mass_t: float
    oil_t: float
    digestate_t: float
    digestate_to_incineration_t: float  # link: co-incinerated
    digestate_to_incineration_heat_gj: float  # link: its heating value
    digestate_to_landfill_t: float
    landfilled_digestate_ch4_t: float  # [t CH4/yr]
    liquor_t: float  # link: the rest, to the leachate plant
    warnings: tuple[str, ...]


def _balance_warnings(waste_t: float, liquor_t: float, carbon: CarbonRoutes) -> tuple[str, ...]:
    warnings = []
    if exceeds(waste_t, liquor_t):
        warnings.append(
            "kitchen_waste: biogas, oil and digestate weigh more than the food waste that went in"
        )
    if exceeds(carbon.waste_t_c, carbon.liquor_t_c):
        warnings.append("kitchen_waste: biogas, oil and digestate hold more carbon than the food waste had")
    return tuple(warnings)


def run(
    *,
    tonnes_per_day: float,
    biogas_nm3_per_tonne: float,
    methane_fraction: float,
    to_power_fraction: float,
    engine_efficiency: float,
    upgrading_recovery: float,
    own_use_kwh_per_tonne: float,
    oil_extraction_rate: float,
    digestate_fraction: float,
    digestate_to_incineration_fraction: float,
    digestate_carbon_fraction: float,
    digestate_doc_fraction: float,
    digestate_lhv_mj_per_kg: float,
    methane_leakage_fraction: float,
    landfill_gas_nm3_per_day: float,
    landfill_gas_methane_fraction: float,
    days_per_year: float,
    factors: Factors,
    landfill: LandfillSite,
) -> KitchenWasteResult:
    """The chain for one year. The keyword arguments before ``days_per_year`` are the scenario's
    ``[kitchen_waste]`` table (units in ``parkloop.model.scenario.SCHEMA``); digestate that is not
    co-incinerated decays at ``landfill``."""
    constants = factors.constants
    waste_t = per_year(tonnes_per_day, days_per_year)
    gas = gas_routes(
        biogas_nm3=waste_t * biogas_nm3_per_tonne,
        methane_fraction=methane_fraction,
        landfill_gas_nm3=per_year(landfill_gas_nm3_per_day, days_per_year),
        landfill_gas_methane_fraction=landfill_gas_methane_fraction,
        leakage_fraction=methane_leakage_fraction,
        to_power_fraction=to_power_fraction,
        upgrading_recovery=upgrading_recovery,
    )
    oil_t = waste_t * oil_extraction_rate
    digestate_t = waste_t * digestate_fraction
    to_incineration_t = digestate_t * digestate_to_incineration_fraction
    to_landfill_t = digestate_t - to_incineration_t
    gas_t = biogas_mass_t(
        gas.digester_co2_nm3,
        gas.digester_methane_nm3,
        constants["co2_density_kg_per_nm3"],
        constants["ch4_density_kg_per_nm3"],
    )
    liquor_t = remainder(waste_t, gas_t, oil_t, digestate_t)
    carbon = carbon_routes(
        waste_t_c=waste_t * factors.components["food"].carbon_per_tonne,
        gas=gas,
        oil_t=oil_t,
        oil_carbon_fraction=constants["oil_carbon_fraction"],
        digestate_t=digestate_t,
        digestate_to_incineration_t=to_incineration_t,
        digestate_to_landfill_t=to_landfill_t,
        digestate_carbon_fraction=digestate_carbon_fraction,
        molar_volume_nm3_per_kmol=constants["molar_volume_nm3_per_kmol"],
    )
    return KitchenWasteResult(
        capacity_t_per_day=tonnes_per_day,
        waste_t=waste_t,
        gas=gas,
        carbon=carbon,
        engine_kwh=engine_kwh(
            gas.to_engines_nm3, constants["ch4_lhv_mj_per_nm3"], engine_efficiency, constants["mj_per_kwh"]
        ),
        own_use_kwh=waste_t * own_use_kwh_per_tonne,
        methane_leaked_t=gas_mass_t(gas.leaked_nm3, constants["ch4_density_kg_per_nm3"]),
        natural_gas_displaced_nm3=natural_gas_displaced_nm3(
            gas.fuel_gas_nm3, constants["ch4_lhv_mj_per_nm3"], constants["natural_gas_ncv_mj_per_nm3"]
        ),
        biogenic_co2_t=constants["co2_per_c"] * carbon.to_air_as_co2_t_c,
        biogas_mass_t=gas_t,
        oil_t=oil_t,
        digestate_t=digestate_t,
        digestate_to_incineration_t=to_incineration_t,
        digestate_to_incineration_heat_gj=heat_gj(to_incineration_t, digestate_lhv_mj_per_kg),
        digestate_to_landfill_t=to_landfill_t,
        landfilled_digestate_ch4_t=landfill.methane_t(to_landfill_t, digestate_doc_fraction),
        liquor_t=liquor_t,
        warnings=_balance_warnings(waste_t, liquor_t, carbon),
    )
