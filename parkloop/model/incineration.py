"""Incineration → power + steam + ash (household waste, with co-incinerated digestate).

Layer one: the functions below, each one formula. :func:`run` is the chain for one year and returns an
:class:`IncinerationResult`.

References: [1] IPCC 2006 Guidelines Vol. 5 Ch. 5, Eq. 5.1–5.2 (CO2 from the carbon burned, its fossil
part), Table 5.2 (oxidation factor), Table 5.6 (N2O); Ch. 2 Table 2.4 (composition defaults).
[2] IAPWS-IF97 steam tables (enthalpy of the export steam, ``steam_enthalpy_gj_per_t``); 1 kWh = 3.6 MJ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parkloop.model.factors import ComponentFactors, Factors
from parkloop.model.messages import warning
from parkloop.model.scenario import ScenarioError
from parkloop.model.units import energy_gj, heat_gj, per_year

# Net electricity of a waste-to-energy plant may not exceed this share of the waste's heating value (the
# best plants reach about 28 %; model.md accounting version 2, physics bounds).
MAX_NET_ELECTRICAL_EFFICIENCY = 0.30


def carbon_per_tonne(
    composition: Mapping[str, float], components: Mapping[str, ComponentFactors]
) -> tuple[float, float]:
    """Fossil and biogenic carbon in one wet tonne of waste [t C/t], from IPCC Table 2.4 defaults [1]:
    ``Σ_j WF_j · dm_j · CF_j · FCF_j`` and the same with ``1 − FCF_j``."""
    fossil = biogenic = 0.0
    for name, share in composition.items():
        f = components[name]
        carbon = share * f.dm * f.cf
        fossil += carbon * f.fcf
        biogenic += carbon * (1.0 - f.fcf)
    return fossil, biogenic


def oxidised_carbon_t(carbon_t: float, oxidation_factor: float) -> float:
    """Carbon burned to CO2 [t C] = carbon fed [t C] × oxidation factor OF [1] (Table 5.2: 1 for MSW)."""
    return carbon_t * oxidation_factor


def unburned_carbon_t(carbon_t: float, oxidation_factor: float) -> float:
    """Carbon left in the ash [t C] = carbon fed [t C] × (1 − OF) [1]."""
    return carbon_t * (1.0 - oxidation_factor)


def co2_to_air_t(carbon_t: float, oxidation_factor: float, co2_per_c: float = 44.0 / 12.0) -> float:
    """CO2 from burning carbon [t CO2] = C [t C] × OF × 44/12, IPCC Eq. 5.1 [1]; with the fossil carbon
    ``W · Σ_j WF_j · dm_j · CF_j · FCF_j`` (:func:`carbon_per_tonne`) it is Eq. 5.2, fossil CO2."""
    return oxidised_carbon_t(carbon_t, oxidation_factor) * co2_per_c


def n2o_t(tonnes: float, g_per_tonne: float) -> float:
    """N2O from incineration [t N2O]: wet tonnes × emission factor [g/t].

    IPCC 2006 Vol. 5 Table 5.6 default: 50 g/t [1]."""
    return tonnes * g_per_tonne / 1e6


def heating_value_gj_per_t(
    composition: Mapping[str, float], components: Mapping[str, ComponentFactors]
) -> float:
    """Lower heating value of the wet mixture [GJ/t] (= MJ/kg), a composition-weighted mean."""
    return sum(share * components[name].lhv_mj_per_kg for name, share in composition.items())


def kwh_per_tonne_at(net_kwh_per_tonne: float, heating_value: float, reference_heating_value: float) -> float:
    """Net electricity per tonne of this waste [kWh/t]: the plant's ``net_kwh_per_tonne`` holds at the
    reference heating value [GJ/t]; the electricity follows the heating value of the composition (the same
    net efficiency). A reference of 0 means the given figure is for this very composition."""
    if reference_heating_value <= 0:
        return net_kwh_per_tonne
    return net_kwh_per_tonne * heating_value / reference_heating_value


def combustion_air_t(heat_gj: float, stoich_air_t_per_gj: float, excess_air_ratio: float) -> float:
    """Air blown through the grate [t] = heat released [GJ] × stoichiometric air [t/GJ] × excess-air ratio
    λ (a rule of thumb across fuels: about 0.32 t of air per GJ released at λ = 1)."""
    return heat_gj * stoich_air_t_per_gj * excess_air_ratio


def electricity_kwh(
    waste_t: float, net_kwh_per_tonne: float, steam_t: float, steam_power_penalty_kwh_per_tonne: float
) -> float:
    """Electricity sent out [kWh] = tonnes × net kWh/t − steam sent out [t] × the power it costs [kWh/t]."""
    return waste_t * net_kwh_per_tonne - steam_t * steam_power_penalty_kwh_per_tonne


def fit_to_heating_value(
    kwh: float, steam_t: float, heat_in_gj: float, mj_per_kwh: float, steam_gj_per_t: float
) -> tuple[float, float, bool]:
    """Electricity [kWh] and steam [t], both scaled down by the same factor if together they hold more
    energy than the fuel's heating value [GJ] (first law; steam at its enthalpy [2]); and whether they
    were scaled."""
    out_gj = energy_gj(kwh, mj_per_kwh) + heat_gj(steam_t, steam_gj_per_t)
    if out_gj <= heat_in_gj:
        return kwh, steam_t, False
    scale = heat_in_gj / out_gj if out_gj > 0 else 0.0
    return kwh * scale, steam_t * scale, True


@dataclass(frozen=True, slots=True)
class IncinerationResult:
    """One year of the incineration chain. Every amount is per year, in the unit its suffix names:
    ``_t`` [t/yr], ``_t_c`` [t C/yr], ``_kwh`` [kWh/yr], ``_gj`` [GJ/yr]."""

    capacity_t_per_day: float  # household waste received a day [t/d]
    waste_t: float  # household waste
    digestate_t: float  # link: co-incinerated digestate
    burned_t: float  # both
    heating_value_gj_per_t: float  # of the household waste [GJ/t]
    waste_heat_gj: float
    digestate_heat_gj: float  # link
    heat_in_gj: float  # both
    electricity_kwh: float  # sent out to the park's grid
    steam_t: float  # export steam to the kitchen-waste plant
    steam_gj: float
    losses_gj: float
    kwh_per_tonne: float  # net electricity per tonne of this composition, before steam [kWh/t]
    combustion_air_t: float  # air blown through the grate
    flue_gas_t: float  # what leaves the chimney: everything burned plus the air, less the ashes
    fossil_carbon_t_c: float  # in the household waste
    biogenic_carbon_t_c: float  # in the household waste
    digestate_fossil_carbon_t_c: float  # link: plastics in the co-incinerated residue
    fossil_carbon_to_air_t_c: float
    fossil_co2_t: float  # [t CO2/yr], IPCC Eq. 5.2
    fossil_co2_kg_per_t: float  # per tonne of household waste, without the residue [kg CO2/t]
    biogenic_co2_t: float  # [t CO2/yr], household waste and digestate; reported, not counted
    biogenic_carbon_to_air_t_c: float
    unburned_carbon_t_c: float  # to the ash
    n2o_t: float  # [t N2O/yr]
    bottom_ash_t: float
    bottom_ash_recycled_t: float  # link: to the construction-waste plant's bricks
    bottom_ash_landfilled_t: float
    fly_ash_t: float
    fly_ash_reused_t: float
    fly_ash_stabilised_t: float  # stabilised and landfilled
    warnings: tuple[str, ...]


def _power_and_steam(
    waste_t: float,
    heat_in_gj: float,
    export_steam_t: float,
    net_kwh_per_tonne: float,
    penalty_kwh_per_tonne: float,
    constants: Mapping[str, float],
) -> tuple[float, float, list[str]]:
    """Electricity [kWh] and export steam [t] within what the plant and the fuel allow, with warnings."""
    warnings = []
    steam_t = export_steam_t if waste_t > 0 else 0.0
    if waste_t == 0 and export_steam_t > 0:
        warnings.append(warning("incineration.no_waste_no_steam"))
    kwh = electricity_kwh(waste_t, net_kwh_per_tonne, steam_t, penalty_kwh_per_tonne)
    if kwh < 0:
        warnings.append(warning("incineration.steam_costs_all_power"))
        kwh = 0.0
    kwh, steam_t, scaled = fit_to_heating_value(
        kwh, steam_t, heat_in_gj, constants["mj_per_kwh"], constants["steam_enthalpy_gj_per_t"]
    )
    if scaled:
        # A plant cannot send out more energy than the waste holds: scale electricity and steam down
        # together so that the energy balance still closes, and say so.
        warnings.append(warning("incineration.above_heating_value"))
    return kwh, steam_t, warnings


def run(
    *,
    tonnes_per_day: float,
    net_kwh_per_tonne: float,
    composition: Mapping[str, float],
    bottom_ash_fraction: float,
    fly_ash_fraction: float,
    export_steam_t_per_year: float,
    n2o_g_per_tonne: float,
    steam_power_penalty_kwh_per_tonne: float,
    bottom_ash_recycled_fraction: float,
    fly_ash_reused_fraction: float,
    reference_heating_value_gj_per_t: float,
    excess_air_ratio: float,
    days_per_year: float,
    factors: Factors,
    digestate_t: float = 0.0,
    digestate_carbon_t_c: float = 0.0,
    digestate_fossil_carbon_t_c: float = 0.0,
    digestate_heat_gj: float = 0.0,
    concentrate_t: float = 0.0,
) -> IncinerationResult:
    """The chain for one year. The keyword arguments before ``days_per_year`` are the scenario's
    ``[incineration]`` table (units in ``parkloop.model.scenario.SCHEMA``); ``digestate_*`` is the
    co-incinerated digestate and residue from the food-waste plants [t/yr, t C/yr (biogenic, fossil),
    GJ/yr]; ``concentrate_t`` the leachate concentrate evaporated in the furnace [t/yr].

    :raises ScenarioError: net electricity above 30 % of the waste's heating value."""
    constants = factors.constants
    oxidation, co2_per_c = constants["oxidation_factor_incineration"], constants["co2_per_c"]
    waste_t = per_year(tonnes_per_day, days_per_year)
    burned_t = waste_t + digestate_t
    fossil_per_t, biogenic_per_t = carbon_per_tonne(composition, factors.components)
    fossil_carbon_t_c = waste_t * fossil_per_t
    biogenic_carbon_t_c = waste_t * biogenic_per_t
    biogenic_carbon_to_air_t_c = oxidised_carbon_t(biogenic_carbon_t_c + digestate_carbon_t_c, oxidation)
    heating_value = heating_value_gj_per_t(composition, factors.components)
    kwh_per_t = kwh_per_tonne_at(net_kwh_per_tonne, heating_value, reference_heating_value_gj_per_t)
    if energy_gj(kwh_per_t, constants["mj_per_kwh"]) > MAX_NET_ELECTRICAL_EFFICIENCY * heating_value + 1e-12:
        raise ScenarioError(
            "model",
            "incineration.net_kwh_per_tonne",
            f"{kwh_per_t:.0f} kWh/t is more than 30 % of this waste's heating value "
            f"({heating_value:.2f} GJ/t allows at most "
            f"{MAX_NET_ELECTRICAL_EFFICIENCY * heating_value * 1000 / constants['mj_per_kwh']:.0f} kWh/t)",
        )
    waste_heat_gj = heat_gj(waste_t, heating_value)
    heat_in_gj = waste_heat_gj + digestate_heat_gj
    kwh, steam_t, warnings = _power_and_steam(
        waste_t,
        heat_in_gj,
        export_steam_t_per_year,
        kwh_per_t,
        steam_power_penalty_kwh_per_tonne,
        constants,
    )
    steam_gj = heat_gj(steam_t, constants["steam_enthalpy_gj_per_t"])
    bottom_ash_t = burned_t * bottom_ash_fraction
    bottom_ash_recycled_t = bottom_ash_t * bottom_ash_recycled_fraction
    fly_ash_t = burned_t * fly_ash_fraction
    fly_ash_reused_t = fly_ash_t * fly_ash_reused_fraction
    air_t = combustion_air_t(heat_in_gj, constants["stoich_air_t_per_gj"], excess_air_ratio)
    fossil_in_t_c = fossil_carbon_t_c + digestate_fossil_carbon_t_c
    return IncinerationResult(
        capacity_t_per_day=tonnes_per_day,
        waste_t=waste_t,
        digestate_t=digestate_t,
        burned_t=burned_t,
        heating_value_gj_per_t=heating_value,
        waste_heat_gj=waste_heat_gj,
        digestate_heat_gj=digestate_heat_gj,
        heat_in_gj=heat_in_gj,
        electricity_kwh=kwh,
        steam_t=steam_t,
        steam_gj=steam_gj,
        losses_gj=max(0.0, heat_in_gj - energy_gj(kwh, constants["mj_per_kwh"]) - steam_gj),
        kwh_per_tonne=kwh_per_t,
        combustion_air_t=air_t,
        flue_gas_t=burned_t + concentrate_t + air_t - bottom_ash_t - fly_ash_t,
        fossil_carbon_t_c=fossil_carbon_t_c,
        biogenic_carbon_t_c=biogenic_carbon_t_c,
        digestate_fossil_carbon_t_c=digestate_fossil_carbon_t_c,
        fossil_carbon_to_air_t_c=oxidised_carbon_t(fossil_in_t_c, oxidation),
        fossil_co2_t=co2_to_air_t(fossil_in_t_c, oxidation, co2_per_c),
        fossil_co2_kg_per_t=co2_to_air_t(fossil_per_t, oxidation, co2_per_c) * 1000.0,
        biogenic_co2_t=biogenic_carbon_to_air_t_c * co2_per_c,
        biogenic_carbon_to_air_t_c=biogenic_carbon_to_air_t_c,
        unburned_carbon_t_c=unburned_carbon_t(
            fossil_carbon_t_c + biogenic_carbon_t_c + digestate_carbon_t_c + digestate_fossil_carbon_t_c,
            oxidation,
        ),
        n2o_t=n2o_t(burned_t, n2o_g_per_tonne),
        bottom_ash_t=bottom_ash_t,
        bottom_ash_recycled_t=bottom_ash_recycled_t,
        bottom_ash_landfilled_t=bottom_ash_t - bottom_ash_recycled_t,
        fly_ash_t=fly_ash_t,
        fly_ash_reused_t=fly_ash_reused_t,
        fly_ash_stabilised_t=fly_ash_t - fly_ash_reused_t,
        warnings=tuple(warnings),
    )
