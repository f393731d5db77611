"""The landfill: methane from waste that is (or, in the counterfactual, would have been) landfilled.

Layer one: :func:`methane_potential_t`, :func:`mixture_doc`, :func:`emission_profile`. The site's
parameters are a :class:`LandfillSite` (see :func:`site`); :func:`run` is the counterfactual: the methane
the park's household and food waste would have released had they gone to that landfill instead.

References: [1] IPCC 2006 Guidelines Vol. 5 Ch. 3, Eq. 3.1–3.4 (mass-balance form: the total eventually
released), Table 3.3 (decay rates k, boreal/temperate dry).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from parkloop.model.factors import ComponentFactors, Factors


def methane_potential_t(
    tonnes: float,
    doc: float,
    *,
    docf: float,
    mcf: float,
    methane_fraction: float,
    recovery_fraction: float,
    oxidation_factor: float,
) -> float:
    """Methane eventually emitted by ``tonnes`` of waste with degradable organic carbon ``doc`` [t CH4] [1]:
    ``CH4 = W · DOC · DOCf · MCF · F · 16/12 · (1 − R) · (1 − OX)``."""
    return (
        tonnes
        * doc
        * docf
        * mcf
        * methane_fraction
        * 16.0
        / 12.0
        * (1.0 - recovery_fraction)
        * (1.0 - oxidation_factor)
    )


def mixture_doc(composition: Mapping[str, float], components: Mapping[str, ComponentFactors]) -> float:
    """Degradable organic carbon of a wet mixture [t C/t] (IPCC Table 2.4 per component) [1]."""
    return sum(share * components[name].doc for name, share in composition.items())


def emission_profile(
    tonnes: float,
    composition: Mapping[str, float],
    components: Mapping[str, ComponentFactors],
    years: int,
    **kwargs: float,
) -> list[float]:
    """Methane released in each of the ``years`` after one year's landfilling [t CH4/yr], first-order decay
    per component with IPCC rates k [1]: the share released in year n is ``e^{-k(n-1)} − e^{-kn}``.
    The sum over infinite years equals :func:`methane_potential_t`."""
    out = [0.0] * years
    for name, share in composition.items():
        f = components[name]
        total = methane_potential_t(tonnes * share, f.doc, **kwargs)
        if total == 0.0 or f.k_per_year <= 0.0:
            continue
        for n in range(years):
            out[n] += total * (math.exp(-f.k_per_year * n) - math.exp(-f.k_per_year * (n + 1)))
    return out


@dataclass(frozen=True, slots=True)
class LandfillSite:
    """The parameters of :func:`methane_potential_t` for one landfill [1]."""

    docf: float  # share of the degradable organic carbon that decomposes [-]
    mcf: float  # methane correction factor of the site [-]
    methane_fraction: float  # methane share of the landfill gas, F [-]
    recovery_fraction: float  # share of the methane recovered, R [-]
    oxidation_factor: float  # share oxidised in the cover soil, OX [-]

    def methane_t(self, tonnes: float, doc: float) -> float:
        """Methane eventually emitted by ``tonnes`` [t] of waste with ``doc`` [t C/t] here [t CH4]."""
        return methane_potential_t(
            tonnes,
            doc,
            docf=self.docf,
            mcf=self.mcf,
            methane_fraction=self.methane_fraction,
            recovery_fraction=self.recovery_fraction,
            oxidation_factor=self.oxidation_factor,
        )


def site(
    *, recovery_fraction: float, oxidation_factor: float, methane_correction_factor: float, factors: Factors
) -> LandfillSite:
    """The landfill of a scenario's ``[landfill_counterfactual]`` table, with DOCf and F from the factors."""
    return LandfillSite(
        docf=factors.constants["landfill_docf"],
        mcf=methane_correction_factor,
        methane_fraction=factors.constants["landfill_methane_fraction"],
        recovery_fraction=recovery_fraction,
        oxidation_factor=oxidation_factor,
    )


@dataclass(frozen=True, slots=True)
class LandfillCounterfactual:
    """Methane the park's waste would have released in a landfill [t CH4/yr]."""

    household_waste_ch4_t: float  # the incinerated household waste
    food_waste_ch4_t: float  # the digested food waste
    total_ch4_t: float  # both


def run(
    landfill: LandfillSite,
    *,
    household_waste_t: float,
    household_waste_composition: Mapping[str, float],
    food_waste_t: float,
    components: Mapping[str, ComponentFactors],
) -> LandfillCounterfactual:
    """The counterfactual for one year: household waste [t/yr] of the given wet composition and food
    waste [t/yr] (the ``food`` component's DOC) landfilled at ``landfill`` [1]."""
    household = landfill.methane_t(household_waste_t, mixture_doc(household_waste_composition, components))
    food = landfill.methane_t(food_waste_t, components["food"].doc)
    return LandfillCounterfactual(household, food, household + food)
