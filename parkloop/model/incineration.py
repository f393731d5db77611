"""Incineration → power + steam + ash (layer one: pure functions).

References: [1] IPCC 2006 Guidelines Vol. 5 Ch. 5, Eq. 5.2 (fossil CO2), Table 5.2 (oxidation factor),
Table 5.6 (N2O); Ch. 2 Table 2.4 (composition defaults).
"""

from __future__ import annotations

from collections.abc import Mapping

from parkloop.model.factors import ComponentFactors


def carbon_per_tonne(
    composition: Mapping[str, float], components: Mapping[str, ComponentFactors]
) -> tuple[float, float]:
    """Fossil and biogenic carbon in one wet tonne of waste [t C/t], from IPCC Table 2.4 defaults [1]."""
    fossil = biogenic = 0.0
    for name, share in composition.items():
        f = components[name]
        carbon = share * f.dm * f.cf
        fossil += carbon * f.fcf
        biogenic += carbon * (1.0 - f.fcf)
    return fossil, biogenic


def fossil_co2_t(
    tonnes: float,
    composition: Mapping[str, float],
    components: Mapping[str, ComponentFactors],
    oxidation_factor: float = 1.0,
) -> float:
    """Fossil CO2 from incinerating ``tonnes`` of wet waste [t CO2], IPCC Eq. 5.2 [1]:
    ``CO2 = W · Σ_j (WF_j · dm_j · CF_j · FCF_j · OF_j) · 44/12``."""
    fossil, _ = carbon_per_tonne(composition, components)
    return tonnes * fossil * oxidation_factor * 44.0 / 12.0


def n2o_t(tonnes: float, g_per_tonne: float) -> float:
    """N2O from incineration [t N2O]: wet tonnes × emission factor [g/t].

    IPCC 2006 Vol. 5 Table 5.6 default: 50 g/t [1]."""
    return tonnes * g_per_tonne / 1e6


def heating_value_gj_per_t(
    composition: Mapping[str, float], components: Mapping[str, ComponentFactors]
) -> float:
    """Lower heating value of the wet mixture [GJ/t] (= MJ/kg), a composition-weighted mean."""
    return sum(share * components[name].lhv_mj_per_kg for name, share in composition.items())
