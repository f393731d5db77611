"""Leachate from three sources → reclaimed water, recovered ammonia; concentrate back to the incinerator.

Layer one: :func:`pollutant_t`, :func:`removed_t`. :func:`run` is the chain for one year and returns a
:class:`LeachateResult`.

The three sources are the plan's "三源混合" (二(二)2): the restaurant-waste plant (餐厨), the incinerator
(清洁焚烧中心) and the sanitary landfill. COD is removed by the treatment (``cod_removal``, a removal
efficiency); what stays in the treated water is checked against the discharge limit of GB 16889 (a
warning when above). The plan's "COD 排放减少88%" (二(三)1) is a cut in the COD discharged, compared with
2023 — not a removal efficiency.

References: [1] the plan, 二(二)2 (three leachate sources) and 二(三)1 (ammonia-nitrogen recovery, COD
cut); [2] 1 m³ = 1000 L, 1 t = 1e9 mg; [3] GB 16889—2024 生活垃圾填埋场污染控制标准, COD limit of the
treated water.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parkloop.model.messages import warning
from parkloop.model.units import per_year


def pollutant_t(m3: float, mg_per_l: float) -> float:
    """Mass of a dissolved pollutant [t] = m³ × 1000 L/m³ × mg/L × 1e-9 t/mg [2]."""
    return m3 * mg_per_l * 1e-6


def removed_t(m3: float, mg_per_l: float, removed_fraction: float) -> float:
    """Pollutant recovered or removed [t] = its mass in the water [t] × the share taken out [-] [1]."""
    return pollutant_t(m3, mg_per_l) * removed_fraction


@dataclass(frozen=True, slots=True)
class LeachateResult:
    """One year of the leachate chain. Every amount is per year: ``_m3`` [m³/yr], ``_t`` [t/yr],
    ``_kwh`` [kWh/yr]."""

    leachate_m3: float  # treated
    from_incineration_m3: float
    from_restaurant_waste_m3: float
    from_landfill_m3: float
    reclaimed_m3: float  # reused as reclaimed water
    concentrate_m3: float  # link: back to the incinerator
    reuse_rate: float  # reclaimed ÷ treated [-]; 0 when nothing is treated
    electricity_kwh: float
    ammonia_n_recovered_t: float
    cod_in_t: float
    cod_removed_t: float
    effluent_cod_mg_per_l: float  # in the treated water
    cod_discharged_t: float  # COD that leaves with the treated water
    cod_limit_mg_per_l: float  # GB 16889 [3]
    warnings: tuple[str, ...]


def run(
    *,
    m3_per_day: float,
    reuse_rate: float,
    source_shares: Mapping[str, float],
    kwh_per_m3: float,
    ammonia_mg_per_l: float,
    ammonia_recovery: float,
    cod_mg_per_l: float,
    cod_removal: float,
    days_per_year: float,
    cod_limit_mg_per_l: float = 100.0,
) -> LeachateResult:
    """The chain for one year. The keyword arguments before ``days_per_year`` are the scenario's
    ``[leachate]`` table (units in ``parkloop.model.scenario.SCHEMA``)."""
    leachate_m3 = per_year(m3_per_day, days_per_year)
    reclaimed_m3 = leachate_m3 * reuse_rate
    effluent_mg_per_l = cod_mg_per_l * (1.0 - cod_removal)
    warnings = []
    if leachate_m3 > 0 and effluent_mg_per_l > cod_limit_mg_per_l * (1 + 1e-9):
        warnings.append(
            warning("leachate.cod_above_limit", effluent=effluent_mg_per_l, limit=cod_limit_mg_per_l)
        )
    return LeachateResult(
        leachate_m3=leachate_m3,
        from_incineration_m3=leachate_m3 * source_shares["incineration"],
        from_restaurant_waste_m3=leachate_m3 * source_shares["restaurant_waste"],
        from_landfill_m3=leachate_m3 * source_shares["landfill"],
        reclaimed_m3=reclaimed_m3,
        concentrate_m3=leachate_m3 - reclaimed_m3,
        reuse_rate=reuse_rate if leachate_m3 > 0 else 0.0,
        electricity_kwh=leachate_m3 * kwh_per_m3,
        ammonia_n_recovered_t=removed_t(leachate_m3, ammonia_mg_per_l, ammonia_recovery),
        cod_in_t=pollutant_t(leachate_m3, cod_mg_per_l),
        cod_removed_t=removed_t(leachate_m3, cod_mg_per_l, cod_removal),
        effluent_cod_mg_per_l=effluent_mg_per_l,
        cod_discharged_t=pollutant_t(reclaimed_m3, effluent_mg_per_l),
        cod_limit_mg_per_l=cod_limit_mg_per_l,
        warnings=tuple(warnings),
    )
