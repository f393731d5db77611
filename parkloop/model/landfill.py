"""The landfill counterfactual: methane the waste would have released had it been landfilled.

References: [1] IPCC 2006 Guidelines Vol. 5 Ch. 3, Eq. 3.1–3.4 (mass-balance form: the total eventually
released), Table 3.3 (decay rates k, boreal/temperate dry).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from parkloop.model.factors import ComponentFactors


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
