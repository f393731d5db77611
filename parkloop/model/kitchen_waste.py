"""The food-waste plants: household kitchen waste (厨余, ``[kitchen_waste]``) and restaurant waste (餐厨,
``[restaurant_waste]``) → biogas, extracted oil → biodiesel, digestate and residue → co-incineration or
landfill, liquor → the leachate plant; and the plants' process heat (waste-heat steam first, a natural-gas
boiler for the rest).

Layer one: the functions below, each one formula. :func:`digest` is one plant for one year and returns a
:class:`FoodWasteResult`; the biogas of both plants is blended with landfill gas in
:mod:`parkloop.model.biogas`. :func:`process_heat` is the plants' heat.

Physics bounds (a scenario that breaks one is refused, :class:`~parkloop.model.scenario.ScenarioError`
naming the key): the biogas may not hold more carbon than the feed's degradable organic carbon; biogas,
oil and digestate may not weigh more than the food waste; the liquor's carbon follows its COD, and what the
biogas, oil and liquor do not take stays in the digestate — never below zero.

References: [1] physical constants: ideal-gas molar volume 22.414 Nm³/kmol at 0 °C and 101.325 kPa (one
carbon atom per CH4 or CO2 molecule), gas densities; [2] IPCC 2006 Vol. 5 Table 2.4 (food waste: dm, CF,
DOC); [3] COD to carbon: 12 g C per 32 g O2 for carbohydrate-like organic matter (CH2O + O2 → CO2 + H2O);
[4] GB/T 32151 (natural gas NCV and CO2 per Nm³); [5] the plan, 二(二)2 (digestate and residue
co-incinerated) and 二(四)3 (waste-heat steam for the food-waste plant).
"""

from __future__ import annotations

from dataclasses import dataclass

from parkloop.model.factors import Factors
from parkloop.model.scenario import ScenarioError
from parkloop.model.units import per_year

# A balance remainder below this share of what went in is floating-point noise, not an impossible input.
_BALANCE_TOLERANCE = 1e-9
# Carbon per unit of COD for carbohydrate-like organic matter [t C per t O2] [3].
C_PER_COD = 12.0 / 32.0


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


def liquor_carbon_t(liquor_m3: float, cod_mg_per_l: float) -> float:
    """Organic carbon dissolved in the liquor [t C] = m³ × COD [mg/L] × 1e-6 t/(m³·mg/L) × 12/32 [3]."""
    return liquor_m3 * cod_mg_per_l * 1e-6 * C_PER_COD


def boiler_fuel_nm3(heat_gj: float, boiler_efficiency: float, ncv_mj_per_nm3: float) -> float:
    """Natural gas a boiler burns for ``heat_gj`` of useful heat [Nm³] = GJ × 1000 ÷ (η × NCV) [4]."""
    return heat_gj * 1000.0 / (boiler_efficiency * ncv_mj_per_nm3) if heat_gj > 0 else 0.0


def _negative(total: float, rest: float) -> bool:
    """Whether a remainder ``rest`` of ``total`` is negative beyond rounding."""
    return rest < -_BALANCE_TOLERANCE * max(total, 1.0)


@dataclass(frozen=True, slots=True)
class FoodWasteResult:
    """One year of one food-waste plant. Amounts are per year: ``_t`` [t/yr], ``_t_c`` [t C/yr], ``_nm3``
    [Nm³/yr], ``_kwh`` [kWh/yr], ``_gj`` [GJ/yr]."""

    plant: str  # "kitchen_waste" (厨余) or "restaurant_waste" (餐厨)
    capacity_t_per_day: float
    waste_t: float
    biogas_nm3: float  # from the digesters, before blending
    methane_nm3: float
    co2_nm3: float
    biogas_mass_t: float
    oil_t: float  # extracted, made into biodiesel
    digestate_t: float  # digestate and residue
    digestate_to_incineration_t: float  # link
    digestate_to_landfill_t: float
    liquor_t: float  # link: to the leachate plant (a tonne is a cubic metre)
    carbon_t_c: float  # in the food waste (biogenic)
    biogas_t_c: float
    oil_t_c: float
    liquor_t_c: float  # follows the liquor's COD
    digestate_t_c: float  # what stays in the solids
    digestate_to_incineration_t_c: float
    digestate_to_landfill_t_c: float
    digestate_doc_t_c: float  # degradable carbon of the landfilled digestate
    own_use_kwh: float
    heat_demand_gj: float


def _bounds(plant: str, waste_t: float, result_parts: dict[str, float], doc_t_c: float) -> None:
    """Refuse a plant that makes carbon or mass out of nothing (one line naming the key)."""
    if result_parts["biogas_t_c"] > doc_t_c * (1.0 + _BALANCE_TOLERANCE) + 1e-12:
        raise ScenarioError(
            "model",
            f"{plant}.biogas_nm3_per_tonne",
            "the biogas holds more carbon than the food waste's degradable organic carbon can yield",
        )
    if _negative(waste_t, result_parts["liquor_t"]):
        raise ScenarioError(
            "model",
            "kitchen_waste.digestate_fraction",
            f"{plant}: biogas, oil and digestate weigh more than the food waste",
        )
    if _negative(result_parts["carbon_t_c"], result_parts["digestate_t_c"]):
        raise ScenarioError(
            "model",
            f"{plant}.biogas_nm3_per_tonne",
            "biogas, oil and liquor hold more carbon than the food waste has",
        )


def digest(
    plant: str,
    *,
    tonnes_per_day: float,
    biogas_nm3_per_tonne: float,
    methane_fraction: float,
    oil_extraction_rate: float,
    digestate_fraction: float,
    digestate_to_incineration_fraction: float,
    digestate_doc_fraction: float,
    liquor_cod_mg_per_l: float,
    own_use_kwh_per_tonne: float,
    heat_demand_gj_per_tonne: float,
    days_per_year: float,
    factors: Factors,
) -> FoodWasteResult:
    """One food-waste plant for one year (units in ``parkloop.model.scenario.SCHEMA``)."""
    constants, food = factors.constants, factors.components["food"]
    molar = constants["molar_volume_nm3_per_kmol"]
    waste_t = per_year(tonnes_per_day, days_per_year)
    biogas_nm3 = waste_t * biogas_nm3_per_tonne
    methane_nm3 = biogas_nm3 * methane_fraction
    co2_nm3 = biogas_nm3 - methane_nm3
    gas_t = biogas_mass_t(
        co2_nm3, methane_nm3, constants["co2_density_kg_per_nm3"], constants["ch4_density_kg_per_nm3"]
    )
    oil_t = waste_t * oil_extraction_rate
    digestate_t = waste_t * digestate_fraction
    liquor_t = waste_t - gas_t - oil_t - digestate_t
    carbon_t_c = waste_t * food.carbon_per_tonne
    biogas_t_c = gas_carbon_t(biogas_nm3, molar)
    oil_t_c = oil_t * constants["oil_carbon_fraction"]
    liquor_t_c = liquor_carbon_t(max(liquor_t, 0.0), liquor_cod_mg_per_l)
    digestate_t_c = carbon_t_c - biogas_t_c - oil_t_c - liquor_t_c
    _bounds(
        plant,
        waste_t,
        {
            "biogas_t_c": biogas_t_c,
            "liquor_t": liquor_t,
            "carbon_t_c": carbon_t_c,
            "digestate_t_c": digestate_t_c,
        },
        waste_t * food.doc,
    )
    digestate_t_c = max(digestate_t_c, 0.0)
    to_incineration_t = digestate_t * digestate_to_incineration_fraction
    to_landfill_t = digestate_t - to_incineration_t
    carbon_share = digestate_to_incineration_fraction if digestate_t > 0 else 0.0
    return FoodWasteResult(
        plant=plant,
        capacity_t_per_day=tonnes_per_day,
        waste_t=waste_t,
        biogas_nm3=biogas_nm3,
        methane_nm3=methane_nm3,
        co2_nm3=co2_nm3,
        biogas_mass_t=gas_t,
        oil_t=oil_t,
        digestate_t=digestate_t,
        digestate_to_incineration_t=to_incineration_t,
        digestate_to_landfill_t=to_landfill_t,
        liquor_t=max(liquor_t, 0.0),
        carbon_t_c=carbon_t_c,
        biogas_t_c=biogas_t_c,
        oil_t_c=oil_t_c,
        liquor_t_c=liquor_t_c,
        digestate_t_c=digestate_t_c,
        digestate_to_incineration_t_c=digestate_t_c * carbon_share,
        digestate_to_landfill_t_c=digestate_t_c * (1.0 - carbon_share),
        digestate_doc_t_c=to_landfill_t * digestate_doc_fraction,
        own_use_kwh=waste_t * own_use_kwh_per_tonne,
        heat_demand_gj=waste_t * heat_demand_gj_per_tonne,
    )


@dataclass(frozen=True, slots=True)
class ProcessHeat:
    """The food-waste plants' process heat for one year [GJ/yr]: waste-heat steam from the incinerator
    first (inside the fence, so it lowers the inventory), a natural-gas boiler for the rest."""

    demand_gj: float
    steam_supplied_gj: float  # waste-heat steam sent from the incinerator
    steam_used_gj: float
    steam_unused_gj: float  # steam beyond the demand (condensed, lost)
    boiler_heat_gj: float
    boiler_gas_nm3: float  # natural gas burned [Nm³/yr]
    boiler_co2_t: float  # [t CO2/yr], fossil, counted
    boiler_losses_gj: float


def process_heat(
    demand_gj: float, steam_gj: float, boiler_efficiency: float, factors: Factors
) -> ProcessHeat:
    """Cover ``demand_gj`` with ``steam_gj`` first, then a natural-gas boiler of ``boiler_efficiency`` [4]."""
    constants = factors.constants
    used = min(demand_gj, steam_gj)
    boiler_heat = demand_gj - used
    gas_nm3 = boiler_fuel_nm3(boiler_heat, boiler_efficiency, constants["natural_gas_ncv_mj_per_nm3"])
    fuel_gj = gas_nm3 * constants["natural_gas_ncv_mj_per_nm3"] / 1000.0
    return ProcessHeat(
        demand_gj=demand_gj,
        steam_supplied_gj=steam_gj,
        steam_used_gj=used,
        steam_unused_gj=steam_gj - used,
        boiler_heat_gj=boiler_heat,
        boiler_gas_nm3=gas_nm3,
        boiler_co2_t=gas_nm3 * constants["natural_gas_kg_co2_per_nm3"] / 1000.0,
        boiler_losses_gj=max(fuel_gj - boiler_heat, 0.0),
    )
