"""Pure logic of the "waste heat → steam" exhibit: what the steam sent to the food-waste plant carries,
the gas boiler it replaces, and the electricity the turbine gives up for it (no Streamlit here).

Two model results go in: the scenario with the visitor's steam, and the same scenario with no steam.
Everything the page shows is read from them or is one division by a factor of ``data/factors.toml``:

* heat in the steam = the model's ``quantities.steam_useful_gj`` (tonnes × steam_enthalpy_gj_per_t);
* natural gas a boiler would burn for that heat, **at least**: heat ÷ natural_gas_ncv_mj_per_nm3 (a
  perfect boiler; real boilers lose some heat, so they burn somewhat more — no efficiency factor is
  curated, so none is invented here);
* CO₂ avoided as the model counts it: the ledger's ``avoided.steam_heat`` (heat × the scenario's factor
  for purchased heat, GB/T 32150);
* electricity given up: the incinerator's electricity without steam minus with it (model), and its CO₂:
  the drop in the ledger's ``avoided.grid_electricity``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.model.factors import Factors, load_factors


@dataclass(frozen=True)
class SteamFigures:
    steam_t: float  # steam sent out [t/yr]
    heat_gj: float  # heat it carries [GJ/yr]
    heat_share: float  # of the heat in the garbage burned [-]
    gas_nm3: float  # natural gas a perfect boiler would burn for the same heat [Nm³/yr]
    gas_co2_t: float  # CO2 from burning that gas [t/yr]
    avoided_co2_t: float  # the model's avoided steam_heat (purchased-heat factor) [t/yr]
    heat_factor_t_per_gj: float  # the factor the model used [t CO2/GJ]
    gas_factor_t_per_gj: float  # CO2 of natural gas per GJ of heat, perfect boiler [t CO2/GJ]
    kwh_given_up: float  # electricity the turbine no longer makes [kWh/yr]
    kwh_given_up_co2_t: float  # grid CO2 no longer avoided because of it [t/yr]

    @property
    def net_co2_t(self) -> float:
        """The model's net gain from sending steam: heat avoided minus the electricity given up."""
        return self.avoided_co2_t - self.kwh_given_up_co2_t

    @property
    def steam_t_per_hour(self) -> float:
        return self.steam_t / 8760.0


def steam_figures(
    result: Mapping[str, Any], no_steam: Mapping[str, Any], factors: Factors | None = None
) -> SteamFigures:
    """The exhibit's figures from the scenario with steam (``result``) and the same one without it."""
    f = factors or load_factors()
    chain = result["chains"]["incineration"]
    heat_gj = result["quantities"]["steam_useful_gj"]
    ncv_mj = f.c("natural_gas_ncv_mj_per_nm3")
    gas_nm3 = heat_gj * 1000.0 / ncv_mj
    gas_co2_t = gas_nm3 * f.c("natural_gas_kg_co2_per_nm3") / 1000.0
    heating_gj = chain["inputs"]["heating_value_gj_per_year"]
    kwh_with = chain["products"]["net_electricity_kwh_per_year"]
    kwh_without = no_steam["chains"]["incineration"]["products"]["net_electricity_kwh_per_year"]
    grid_with = result["ledger"]["avoided"]["grid_electricity"]
    grid_without = no_steam["ledger"]["avoided"]["grid_electricity"]
    return SteamFigures(
        steam_t=chain["products"]["export_steam_t_per_year"],
        heat_gj=heat_gj,
        heat_share=heat_gj / heating_gj if heating_gj > 0 else 0.0,
        gas_nm3=gas_nm3,
        gas_co2_t=gas_co2_t,
        avoided_co2_t=result["ledger"]["avoided"]["steam_heat"],
        heat_factor_t_per_gj=result["values"]["scenario.heat_t_co2_per_gj"],
        gas_factor_t_per_gj=f.c("natural_gas_kg_co2_per_nm3") / ncv_mj,
        kwh_given_up=kwh_without - kwh_with,
        kwh_given_up_co2_t=grid_without - grid_with,
    )


CHART_ITEMS: tuple[str, ...] = ("avoided", "gas", "given_up", "net")


def chart_rows(figures: SteamFigures, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Bars in thousand t CO2 a year: avoided (model), a gas boiler's CO2, electricity given up (negative),
    and the net gain. ``labels`` maps each of :data:`CHART_ITEMS` to words in the visitor's language."""
    values = {
        "avoided": figures.avoided_co2_t,
        "gas": figures.gas_co2_t,
        "given_up": -figures.kwh_given_up_co2_t,
        "net": figures.net_co2_t,
    }
    return [{"item": labels[key], "key": key, "kt": values[key] / 1000.0} for key in CHART_ITEMS]
