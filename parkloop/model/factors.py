"""The fixed factors of ``data/factors.toml``: IPCC composition defaults, GWP sets, grid factors,
physical constants and flue-gas limits, each with its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parkloop.model import paths
from parkloop.model.scenario import COMPONENTS
from parkloop.model.tomlfile import read_toml


@dataclass(frozen=True)
class ComponentFactors:
    """IPCC 2006 Vol. 5 Table 2.4 defaults for one waste component (wet basis) plus its heating value."""

    dm: float  # dry-matter fraction of wet weight [-]
    cf: float  # carbon fraction of dry matter [-]
    fcf: float  # fossil fraction of total carbon [-]
    doc: float  # degradable organic carbon of wet weight [-]
    k_per_year: float  # first-order landfill decay rate [1/yr]
    lhv_mj_per_kg: float  # lower heating value of the wet component [MJ/kg]

    @property
    def carbon_per_tonne(self) -> float:
        """Total carbon [t C per wet t]."""
        return self.dm * self.cf


@dataclass(frozen=True)
class Factors:
    """The tables of ``data/factors.toml``; ``provenance`` maps ``table.key`` to its provenance text."""

    components: dict[str, ComponentFactors]
    gwp: dict[str, dict[str, float]]  # GWP set (AR5, AR6) → gas (ch4, n2o) → [t CO2e/t]
    grid: dict[str, float]  # grid emission factors [kg CO2/kWh]
    constants: dict[str, float]  # physical constants and emission factors, each unit in its name
    flue_gas_limits: dict[str, float]
    equivalents: dict[str, float]
    provenance: dict[str, str]

    def c(self, name: str) -> float:
        """Deprecated alias of ``constants[name]``, still used by ``parkloop/exhibits/steam.py`` and
        ``power.py``; switch those to ``factors.constants[name]``, then delete it. No new uses."""
        return self.constants[name]


def _provenance(raw: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    comp_prov = raw["composition_provenance"]
    overrides = raw.get("composition_provenance_overrides", {})
    for comp in COMPONENTS:
        for field_name in ComponentFactors.__dataclass_fields__:
            key = f"{comp}.{field_name}"
            out[f"composition.{key}"] = overrides.get(key, comp_prov[field_name])
    for gwp_set, text in raw["gwp_provenance"].items():
        for gas in raw["gwp"][gwp_set]:
            out[f"gwp.{gwp_set}.{gas}"] = text
    for name, entry in raw["grid"].items():
        out[f"grid.{name}"] = entry["provenance"]
    for table in ("constants", "flue_gas_limits", "equivalents"):
        prov = raw[f"{table}_provenance"]
        for key in raw[table]:
            out[f"{table}.{key}"] = prov.get(key, "")
    return out


@lru_cache(maxsize=4)
def load_factors(path: str | None = None) -> Factors:
    """Read ``data/factors.toml`` (or ``path``) once (cached; the cache is cleared by
    :func:`parkloop.model.paths.use_data_dir`).

    :raises DataFileError: one line naming the file when it is missing or not valid TOML.
    """
    raw = read_toml(path or paths.factors_file())
    components = {name: ComponentFactors(**raw["composition"][name]) for name in COMPONENTS}
    return Factors(
        components=components,
        gwp={k: dict(v) for k, v in raw["gwp"].items()},
        grid={k: float(v["kg_co2_per_kwh"]) for k, v in raw["grid"].items()},
        constants={k: float(v) for k, v in raw["constants"].items()},
        flue_gas_limits={k: float(v) for k, v in raw["flue_gas_limits"].items()},
        equivalents={k: float(v) for k, v in raw["equivalents"].items()},
        provenance=_provenance(raw),
    )


paths.clear_on_data_dir_change(load_factors.cache_clear)
