"""Landfills by the IPCC 2006 first-order decay (FOD) method: the park's own sanitary landfill, and the
counterfactual comparison (what the park's waste would emit had it been landfilled).

Layer one: :func:`decomposable_carbon_t`, :func:`decay_share`, :func:`methane_from_carbon_t`,
:func:`methane_emitted_t`, :func:`deposit_methane_by_year`. :func:`park_landfill` is the park's own
landfill in the scenario's year (waste already in place, less the gas captured); :func:`counterfactual` is
the teaching comparison — it is in no total and no target (``docs/model.md``, accounting version 2).

References: [1] IPCC 2006 Guidelines Vol. 5 Ch. 3: Eq. 3.2 (DDOCm = W · DOC · DOCf · MCF), Eq. 3.4–3.5
(first-order decay: of the carbon in place at the end of year T−1, the share 1 − e^{−k} decomposes in year
T; waste deposited in a year starts to decay the year after), Eq. 3.6 (CH4 generated = DDOCm decomposed ·
F · 16/12), Eq. 3.1 (CH4 emitted = (generated − recovered) · (1 − OX)), Table 3.3 (decay rates k,
boreal/temperate dry climate). [2] the mass-balance form (the total eventually released), kept only to
show that the FOD sum over all years reaches it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from parkloop.model.factors import ComponentFactors, Factors


def decomposable_carbon_t(tonnes: float, doc: float, docf: float, mcf: float) -> float:
    """Decomposable degradable organic carbon deposited, DDOCm [t C] = W · DOC · DOCf · MCF [1] (Eq. 3.2)."""
    return tonnes * doc * docf * mcf


def decay_share(k_per_year: float, year: int) -> float:
    """Share of one deposit's DDOCm that decomposes in ``year`` after the deposit (1 = the year after)
    [1] (Eq. 3.4–3.5): ``e^{−k(n−1)} − e^{−kn}``; 0 for the deposit year itself and before."""
    if year < 1 or k_per_year <= 0.0:
        return 0.0
    return math.exp(-k_per_year * (year - 1)) - math.exp(-k_per_year * year)


def decay_share_sum(k_per_year: float, first_year: int, last_year: int) -> float:
    """Σ :func:`decay_share` over the years after the deposit from ``first_year`` to ``last_year``
    (inclusive): the sum telescopes to ``e^{−k(first−1)} − e^{−k·last}`` [1]."""
    first_year = max(first_year, 1)
    if last_year < first_year or k_per_year <= 0.0:
        return 0.0
    return math.exp(-k_per_year * (first_year - 1)) - math.exp(-k_per_year * last_year)


@lru_cache(maxsize=64)
def decay_series(k_per_year: float, years: int) -> tuple[float, ...]:
    """:func:`decay_share` for the years 1 … ``years`` after one deposit (cached: a slider move asks for
    the same few rates again and again)."""
    return tuple(decay_share(k_per_year, n) for n in range(1, years + 1))


def methane_from_carbon_t(carbon_t: float, methane_fraction: float, ch4_per_c: float = 16.0 / 12.0) -> float:
    """Methane generated from decomposed carbon [t CH4] = DDOCm decomposed · F · 16/12 [1] (Eq. 3.6)."""
    return carbon_t * methane_fraction * ch4_per_c


def methane_emitted_t(generated_t: float, recovered_t: float, oxidation_factor: float) -> float:
    """Methane that reaches the air [t CH4] = (generated − recovered) · (1 − OX) [1] (Eq. 3.1)."""
    return (generated_t - recovered_t) * (1.0 - oxidation_factor)


def deposit_methane_by_year(
    tonnes: float,
    composition: Mapping[str, float],
    components: Mapping[str, ComponentFactors],
    years: int,
    *,
    docf: float,
    mcf: float,
    methane_fraction: float,
) -> list[float]:
    """Methane generated in each of the ``years`` after one deposit of ``tonnes`` of the given wet
    composition [t CH4/yr], each component decaying at its own rate k [1]."""
    out = [0.0] * years
    for name, part in composition.items():
        factors = components[name]
        methane = methane_from_carbon_t(
            decomposable_carbon_t(tonnes * part, factors.doc, docf, mcf), methane_fraction
        )
        if methane == 0.0:
            continue
        for n, share in enumerate(decay_series(factors.k_per_year, years)):
            out[n] += methane * share
    return out


def lifetime_methane_t(
    tonnes: float, composition: Mapping[str, float], components: Mapping[str, ComponentFactors], **kw: float
) -> float:
    """Methane one deposit generates over all years [t CH4] [2] — what the FOD series sums to."""
    return sum(
        methane_from_carbon_t(
            decomposable_carbon_t(tonnes * part, components[name].doc, kw["docf"], kw["mcf"]),
            kw["methane_fraction"],
        )
        for name, part in composition.items()
        if components[name].k_per_year > 0.0
    )


# --- the park's own landfill --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParkLandfillResult:
    """The park's sanitary landfill in the scenario's year [per year]."""

    waste_in_place_t: float
    deposit_years: int  # years over which the waste in place was deposited, evenly
    generated_ch4_t: float  # [t CH4/yr] from the waste in place, FOD
    captured_ch4_t: float  # collected and sent to the biogas blend
    emitted_ch4_t: float  # after capture and oxidation in the cover
    oxidised_ch4_t: float  # in the cover soil
    captured_gas_nm3: float  # landfill gas collected [Nm³/yr]
    captured_methane_nm3: float  # its methane [Nm³/yr]


def park_landfill(
    *,
    waste_in_place_t: float,
    gas_capture_fraction: float,
    first_deposit_year: float,
    last_deposit_year: float,
    oxidation_factor: float,
    methane_correction_factor: float,
    composition: Mapping[str, float],
    year: float,
    factors: Factors,
) -> ParkLandfillResult:
    """The park's landfill in ``year``: ``waste_in_place_t`` deposited evenly from ``first_deposit_year``
    to ``last_deposit_year`` (inclusive), decaying by FOD; a share of the methane generated is
    captured [1]."""
    constants, components = factors.constants, factors.components
    first, last, now = int(first_deposit_year), int(last_deposit_year), int(year)
    deposit_years = max(last - first + 1, 1)
    per_year_t = waste_in_place_t / deposit_years
    generated = 0.0
    for name, part in composition.items():
        f = components[name]
        carbon = decomposable_carbon_t(
            per_year_t * part, f.doc, constants["landfill_docf"], methane_correction_factor
        )
        if carbon == 0.0:
            continue
        # the deposits of first … last are now − last … now − first years old
        share = decay_share_sum(f.k_per_year, now - last, now - first)
        generated += methane_from_carbon_t(carbon * share, constants["landfill_methane_fraction"])
    captured = generated * gas_capture_fraction
    emitted = methane_emitted_t(generated, captured, oxidation_factor)
    methane_nm3 = captured * 1000.0 / constants["ch4_density_kg_per_nm3"]
    return ParkLandfillResult(
        waste_in_place_t=waste_in_place_t,
        deposit_years=deposit_years,
        generated_ch4_t=generated,
        captured_ch4_t=captured,
        emitted_ch4_t=emitted,
        oxidised_ch4_t=generated - captured - emitted,
        captured_gas_nm3=methane_nm3 / constants["landfill_methane_fraction"],
        captured_methane_nm3=methane_nm3,
    )


# --- the counterfactual comparison (in no total, no target) -------------------------------------------


@dataclass(frozen=True, slots=True)
class LandfillCounterfactual:
    """What one year of the park's household waste would emit in a landfill, year by year over a horizon
    [t CH4/yr]; a teaching comparison, not Beijing's practice since 2020 (zero landfill of raw waste)."""

    horizon_years: int
    waste_t: float  # household waste (residual and food) of one year [t]
    methane_t_by_year: tuple[float, ...]  # emitted, after recovery and oxidation, year 1 … horizon
    lifetime_methane_t: float  # emitted over all years (what the first version credited in one year)


def counterfactual(
    *,
    residual_waste_t: float,
    residual_composition: Mapping[str, float],
    food_waste_t: float,
    recovery_fraction: float,
    oxidation_factor: float,
    methane_correction_factor: float,
    horizon_years: float,
    factors: Factors,
) -> LandfillCounterfactual:
    """One year's residual household waste (its composition) and food waste (the ``food`` component)
    landfilled at a site with recovery R, oxidation OX and MCF [1]."""
    constants, components = factors.constants, factors.components
    kw = {
        "docf": constants["landfill_docf"],
        "mcf": methane_correction_factor,
        "methane_fraction": constants["landfill_methane_fraction"],
    }
    years = int(horizon_years)
    keep = (1.0 - recovery_fraction) * (1.0 - oxidation_factor)
    deposits: Sequence[tuple[float, Mapping[str, float]]] = (
        (residual_waste_t, residual_composition),
        (food_waste_t, {"food": 1.0}),
    )
    by_year = [0.0] * years
    lifetime = 0.0
    for tonnes, composition in deposits:
        for n, generated in enumerate(deposit_methane_by_year(tonnes, composition, components, years, **kw)):
            by_year[n] += generated * keep
        lifetime += lifetime_methane_t(tonnes, composition, components, **kw) * keep
    return LandfillCounterfactual(
        horizon_years=years,
        waste_t=residual_waste_t + food_waste_t,
        methane_t_by_year=tuple(by_year),
        lifetime_methane_t=lifetime,
    )
