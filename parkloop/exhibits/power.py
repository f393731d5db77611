"""Pure logic of the "garbage → power" exhibit: the composition a visitor sets, the figures drawn from
the model's result, and the landfill comparison over time (no Streamlit here; tested on its own).

The visitor moves three sliders a child can picture — food, paper and plastics in the incinerator's
garbage — and the six other IPCC components keep their plan proportions and fill the rest, so the
composition always sums to 1. The slider limits (food ≤ 50 %, paper and plastics ≤ 25 % each) make the
three together at most 100 %, so the rest is never negative.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.model import landfill
from parkloop.model.factors import Factors, load_factors
from parkloop.model.scenario import COMPONENTS

INCINERATION = "incineration"
MAIN_COMPONENTS: tuple[str, ...] = ("food", "paper", "plastics")
# slider limits [fraction of wet weight]: together at most 1, so the other components never go negative
MAIN_LIMITS: dict[str, tuple[float, float]] = {
    "food": (0.0, 0.5),
    "paper": (0.0, 0.25),
    "plastics": (0.0, 0.25),
}
LANDFILL_YEARS = 50

# Which Beijing bin each IPCC component belongs in (Beijing Household Waste Management Regulations,
# glossary §10). Hazardous waste (batteries, medicines) is a tiny share by weight and is not one of the
# IPCC components: it must stay out of the incinerator altogether.
BIN_OF_COMPONENT: dict[str, str] = {
    "food": "food_waste",
    "garden": "food_waste",
    "paper": "recyclables",
    "plastics": "recyclables",
    "textiles": "recyclables",
    "glass_metal": "recyclables",
    "wood": "residual",
    "rubber_leather": "residual",
    "other_inert": "residual",
}
BINS: tuple[str, ...] = ("food_waste", "recyclables", "hazardous", "residual")


def composition(main: Mapping[str, float], base: Mapping[str, float]) -> dict[str, float]:
    """The incinerator's composition from the three main shares; the other components share the rest in
    the proportions of ``base`` (the plan's composition). Sums to 1 (to 1e-9)."""
    chosen = {name: float(main[name]) for name in MAIN_COMPONENTS}
    for name, share in chosen.items():
        if share < 0:
            raise ValueError(f"{name} share is negative")
    rest = 1.0 - sum(chosen.values())
    if rest < -1e-9:
        raise ValueError("food, paper and plastics add up to more than 100 %")
    rest = max(rest, 0.0)
    others = [name for name in COMPONENTS if name not in MAIN_COMPONENTS]
    others_base = sum(base[name] for name in others)
    out = {name: round(chosen.get(name, 0.0), 6) for name in COMPONENTS if name in MAIN_COMPONENTS}
    for name in others:
        out[name] = round(rest * base[name] / others_base, 6) if others_base > 0 else 0.0
    if others_base <= 0:
        out["other_inert"] = round(rest, 6)
    # rounding (kept short for the cache key) may leave a few millionths: the largest "other" takes them
    largest = max(others, key=lambda name: out[name])
    out[largest] = round(out[largest] + 1.0 - sum(out.values()), 9)
    return {name: out[name] for name in COMPONENTS}


def bin_shares(mix: Mapping[str, float]) -> dict[str, float]:
    """The composition grouped by the Beijing bin each part belongs in (hazardous is 0 by weight here)."""
    shares = dict.fromkeys(BINS, 0.0)
    for name, share in mix.items():
        shares[BIN_OF_COMPONENT[name]] += share
    return shares


@dataclass(frozen=True)
class PowerFigures:
    """What the exhibit shows for one slider position [per year unless named otherwise]."""

    waste_t: float
    net_kwh: float
    kwh_per_t: float
    people: float  # residents whose yearly electricity this equals (rough)
    fossil_co2_t: float
    n2o_co2e_t: float
    counted_co2e_t: float  # fossil CO2 + N2O as CO2e: the incinerator's counted emissions
    biogenic_co2_t: float  # reported, not counted
    bottom_ash_t: float
    bricks_t: float  # bottom ash made into bricks and paving
    heating_value_gj_per_t: float


def power_figures(result: Mapping[str, Any], factors: Factors | None = None) -> PowerFigures:
    """The incinerator's figures from one model result (``scenario_result`` data)."""
    f = factors or load_factors()
    chain = result["chains"][INCINERATION]
    waste_t = chain["inputs"]["waste_t_per_year"]
    net_kwh = chain["products"]["net_electricity_kwh_per_year"]
    gwp_n2o = f.gwp[result["gwp"]]["n2o"]
    fossil = chain["fossil_co2_t_per_year"]
    n2o_co2e = chain["n2o_t_per_year"] * gwp_n2o
    return PowerFigures(
        waste_t=waste_t,
        net_kwh=net_kwh,
        kwh_per_t=net_kwh / waste_t if waste_t > 0 else 0.0,
        people=net_kwh / f.equivalents["resident_kwh_per_year"],
        fossil_co2_t=fossil,
        n2o_co2e_t=n2o_co2e,
        counted_co2e_t=fossil + n2o_co2e,
        biogenic_co2_t=chain["biogenic_co2_t_per_year"],
        bottom_ash_t=chain["bottom_ash_t_per_year"],
        bricks_t=chain["products"]["bottom_ash_recycled_t_per_year"],
        heating_value_gj_per_t=chain["heating_value_gj_per_t"],
    )


# --------------------------------------------------------------------------------------------
# the landfill comparison
# --------------------------------------------------------------------------------------------
def _landfill_kwargs(values: Mapping[str, Any], f: Factors) -> dict[str, float]:
    """The same landfill parameters the park model uses for its counterfactual."""
    return {
        "docf": f.c("landfill_docf"),
        "mcf": values["landfill_counterfactual.methane_correction_factor"],
        "methane_fraction": f.c("landfill_methane_fraction"),
        "recovery_fraction": values["landfill_counterfactual.recovery_fraction"],
        "oxidation_factor": values["landfill_counterfactual.oxidation_factor"],
    }


@dataclass(frozen=True)
class LandfillComparison:
    """One year's garbage landfilled instead of burned: methane year by year, as CO2e [t]."""

    yearly_co2e_t: tuple[float, ...]  # year 1 … LANDFILL_YEARS
    total_co2e_t: float  # everything it would ever release (the model's landfill credit)
    incinerator_co2e_t: float  # burning it: fossil CO2 + N2O, released at once

    @property
    def cumulative_co2e_t(self) -> list[float]:
        out, running = [], 0.0
        for value in self.yearly_co2e_t:
            running += value
            out.append(running)
        return out

    @property
    def share_within_horizon(self) -> float:
        return sum(self.yearly_co2e_t) / self.total_co2e_t if self.total_co2e_t > 0 else 0.0

    @property
    def share_first_ten_years(self) -> float:
        return sum(self.yearly_co2e_t[:10]) / self.total_co2e_t if self.total_co2e_t > 0 else 0.0

    @property
    def crossover_year(self) -> int | None:
        """The first year in which the landfill's methane so far outweighs burning, or None."""
        for year, value in enumerate(self.cumulative_co2e_t, start=1):
            if value >= self.incinerator_co2e_t > 0:
                return year
        return None


def landfill_comparison(
    result: Mapping[str, Any], factors: Factors | None = None, years: int = LANDFILL_YEARS
) -> LandfillComparison:
    """Methane from landfilling the incinerator's garbage of one year, with IPCC first-order decay rates
    (``parkloop.model.landfill.emission_profile``), as CO2e with the scenario's GWP set."""
    f = factors or load_factors()
    values = result["values"]
    mix = values["incineration.composition"]
    waste_t = result["chains"][INCINERATION]["inputs"]["waste_t_per_year"]
    kwargs = _landfill_kwargs(values, f)
    gwp_ch4 = f.gwp[result["gwp"]]["ch4"]
    profile = landfill.emission_profile(waste_t, mix, f.components, years, **kwargs)
    total = landfill.methane_potential_t(waste_t, landfill.mixture_doc(mix, f.components), **kwargs)
    return LandfillComparison(
        yearly_co2e_t=tuple(value * gwp_ch4 for value in profile),
        total_co2e_t=total * gwp_ch4,
        incinerator_co2e_t=power_figures(result, f).counted_co2e_t,
    )


def chart_rows(comparison: LandfillComparison, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Rows for the line chart: cumulative landfill CO2e and the incinerator's (flat) line, per year.

    ``labels`` = ``{"landfill": …, "incinerator": …}`` in the visitor's language. Values in thousand t."""
    rows: list[dict[str, Any]] = []
    for year, value in enumerate(comparison.cumulative_co2e_t, start=1):
        rows.append({"year": year, "series": labels["landfill"], "kt": value / 1000.0})
        rows.append(
            {"year": year, "series": labels["incinerator"], "kt": comparison.incinerator_co2e_t / 1000.0}
        )
    return rows
