"""Flow graphs (material, energy, water, carbon, money), their balance check, and the park's five graphs
built from the chains' typed results (one function per graph; every node name is here).

A graph holds links ``source → target`` with a value. Nodes that only send are inputs, nodes that only
receive are outputs, every other node must pass on what it receives. The closure error is the largest
imbalance of any inner node plus the gap between all inputs and all outputs, relative to the throughput.
A link's kind is ``link`` where one chain hands something to another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from parkloop.model.chains import ChainResults
from parkloop.model.kitchen_waste import gas_carbon_t
from parkloop.model.units import gj_per_unit


@dataclass
class Graph:
    unit: str
    links: list[tuple[str, str, float, str]] = field(default_factory=list)

    def add(self, source: str, target: str, value: float, kind: str = "") -> None:
        """Add a link; zero links are kept out so diagrams stay clean (they carry nothing)."""
        if value != 0.0:
            self.links.append((source, target, value, kind))

    def balance(self, stock_change: float = 0.0) -> dict[str, float]:
        inflow: dict[str, float] = {}
        outflow: dict[str, float] = {}
        for source, target, value, _ in self.links:
            outflow[source] = outflow.get(source, 0.0) + value
            inflow[target] = inflow.get(target, 0.0) + value
        inputs = sum(v for n, v in outflow.items() if n not in inflow)
        outputs = sum(v for n, v in inflow.items() if n not in outflow)
        scale = max(inputs, outputs, 1e-300)
        node_error = 0.0
        for node in inflow.keys() & outflow.keys():
            node_error = max(node_error, abs(inflow[node] - outflow[node]))
        gap = abs(inputs - outputs - stock_change)
        closure = (gap + node_error) / scale if (inputs or outputs) else 0.0
        return {
            "inputs": inputs,
            "outputs": outputs,
            "stock_change": stock_change,
            "closure_error": closure,
            "max_node_error": node_error,
        }

    def to_dict(self) -> dict:
        nodes: list[str] = []
        seen: set[str] = set()
        for source, target, _, _ in self.links:
            for n in (source, target):
                if n not in seen:
                    seen.add(n)
                    nodes.append(n)
        return {
            "unit": self.unit,
            "nodes": [{"id": n} for n in nodes],
            "links": [{"source": s, "target": t, "value": v, "kind": k} for s, t, v, k in self.links],
        }


def material_graph(chains: ChainResults) -> Graph:
    """Wet mass through the park [t/yr]; a cubic metre of leachate concentrate or liquor counts as a
    tonne. The incinerator takes in combustion air, so its flue gas is everything burned plus the air,
    less the ashes. Both food-waste plants are one node (one site); the landfill's gas comes from the
    waste in place (a stock) and is left out."""
    incinerator, construction = chains.incineration, chains.construction_waste
    kitchen, restaurant = chains.food_plants
    concentrate_m3 = chains.leachate.concentrate_m3
    material = Graph("t/yr")
    material.add("household_waste", "incinerator", incinerator.waste_t)
    material.add("food_waste", "food_waste_plant", kitchen.waste_t)
    material.add("restaurant_waste", "food_waste_plant", restaurant.waste_t)
    material.add("construction_waste", "construction_waste_plant", construction.waste_t)
    material.add("food_waste_plant", "biogas", kitchen.biogas_mass_t + restaurant.biogas_mass_t)
    material.add("food_waste_plant", "biodiesel", kitchen.oil_t + restaurant.oil_t)
    material.add(
        "food_waste_plant",
        "incinerator",
        kitchen.digestate_to_incineration_t + restaurant.digestate_to_incineration_t,
        "link",
    )
    material.add(
        "food_waste_plant", "landfill", kitchen.digestate_to_landfill_t + restaurant.digestate_to_landfill_t
    )
    material.add("food_waste_plant", "leachate_plant", kitchen.liquor_t + restaurant.liquor_t, "link")
    material.add("leachate_concentrate", "incinerator", concentrate_m3, "link")
    material.add("combustion_air", "incinerator", incinerator.combustion_air_t)
    material.add("incinerator", "flue_gas", incinerator.flue_gas_t)
    material.add("incinerator", "construction_waste_plant", incinerator.bottom_ash_recycled_t, "link")
    material.add("incinerator", "landfill", incinerator.bottom_ash_landfilled_t)
    material.add("incinerator", "fly_ash_reuse", incinerator.fly_ash_reused_t)
    material.add("incinerator", "stabilised_fly_ash", incinerator.fly_ash_stabilised_t)
    material.add("construction_waste_plant", "recycled_aggregate", construction.aggregate_t)
    material.add("construction_waste_plant", "recycled_bricks", construction.bricks_t)
    material.add("construction_waste_plant", "landfill", construction.rejects_t)
    return material


def energy_graph(chains: ChainResults, constants: Mapping[str, float]) -> Graph:
    """Energy through the park [GJ/yr]: heating values, methane (at its LHV), electricity, steam, the
    food-waste plants' gas boiler."""
    incinerator, gas, heat = chains.incineration, chains.biogas, chains.heat
    electricity = chains.electricity
    gj_per_kwh = gj_per_unit(constants["mj_per_kwh"])
    gj_per_nm3 = gj_per_unit(constants["ch4_lhv_mj_per_nm3"])
    energy = Graph("GJ/yr")
    energy.add("waste_heating_value", "incinerator", incinerator.waste_heat_gj)
    energy.add("digestate_heating_value", "incinerator", incinerator.digestate_heat_gj, "link")
    energy.add("incinerator", "park_electricity", incinerator.electricity_kwh * gj_per_kwh)
    energy.add("incinerator", "food_waste_plant", incinerator.steam_gj, "link")
    energy.add("incinerator", "losses", incinerator.losses_gj)
    energy.add("food_waste_plant", "process_heat_used", heat.steam_used_gj)
    energy.add("food_waste_plant", "losses", heat.steam_unused_gj)
    energy.add("natural_gas", "gas_boiler", heat.boiler_heat_gj + heat.boiler_losses_gj)
    energy.add("gas_boiler", "process_heat_used", heat.boiler_heat_gj)
    energy.add("gas_boiler", "losses", heat.boiler_losses_gj)
    digester_methane = (
        gas.methane_by_source_nm3["kitchen_waste"] + gas.methane_by_source_nm3["restaurant_waste"]
    )
    energy.add("digester_biogas", "biogas_blend", digester_methane * gj_per_nm3)
    energy.add("landfill_gas", "biogas_blend", gas.methane_by_source_nm3["landfill"] * gj_per_nm3, "link")
    energy.add("biogas_blend", "flare", gas.flared_methane_nm3 * gj_per_nm3)
    energy.add("biogas_blend", "methane_leaked", gas.leaked_nm3 * gj_per_nm3)
    energy.add("biogas_blend", "gas_engines", gas.to_engines_nm3 * gj_per_nm3)
    energy.add("biogas_blend", "upgrading", gas.to_upgrading_nm3 * gj_per_nm3)
    energy.add("gas_engines", "park_electricity", gas.engine_kwh * gj_per_kwh)
    energy.add("gas_engines", "losses", gas.to_engines_nm3 * gj_per_nm3 - gas.engine_kwh * gj_per_kwh)
    energy.add("upgrading", "city_gas", gas.fuel_gas_nm3 * gj_per_nm3)
    energy.add("upgrading", "losses", gas.upgrading_loss_nm3 * gj_per_nm3)
    energy.add("sunlight", "park_electricity", chains.solar.electricity_kwh * gj_per_kwh)
    energy.add("grid_import", "park_electricity", electricity.purchased_kwh * gj_per_kwh)
    food_kwh = chains.kitchen_waste.own_use_kwh + chains.restaurant_waste.own_use_kwh
    energy.add("park_electricity", "food_waste_plant_power", food_kwh * gj_per_kwh, "link")
    energy.add(
        "park_electricity", "leachate_plant_power", chains.leachate.electricity_kwh * gj_per_kwh, "link"
    )
    energy.add(
        "park_electricity",
        "construction_waste_plant_power",
        chains.construction_waste.electricity_kwh * gj_per_kwh,
        "link",
    )
    energy.add("park_electricity", "grid_export", electricity.export_kwh * gj_per_kwh)
    return energy


def water_graph(chains: ChainResults) -> Graph:
    """Leachate through the park [m³/yr], from the plan's three sources (三源混合)."""
    leachate = chains.leachate
    water = Graph("m³/yr")
    water.add("leachate_from_incineration", "leachate_plant", leachate.from_incineration_m3, "link")
    water.add("leachate_from_restaurant_waste", "leachate_plant", leachate.from_restaurant_waste_m3, "link")
    water.add("leachate_from_landfill", "leachate_plant", leachate.from_landfill_m3, "link")
    water.add("leachate_plant", "reclaimed_water", leachate.reclaimed_m3)
    water.add("leachate_plant", "incinerator", leachate.concentrate_m3, "link")
    water.add("incinerator", "evaporated_in_flue_gas", leachate.concentrate_m3)
    return water


def carbon_graph(chains: ChainResults, constants: Mapping[str, float]) -> Graph:
    """Carbon through the park [t C/yr]. Biogenic carbon of the food waste, the fossil carbon of plastics
    in the co-incinerated residue, the captured landfill gas and the boiler's natural gas."""
    incinerator, gas = chains.incineration, chains.biogas
    food = chains.food_plants
    molar = constants["molar_volume_nm3_per_kmol"]
    carbon = Graph("t C/yr")
    carbon.add("fossil_carbon_in_waste", "incinerator", incinerator.fossil_carbon_t_c)
    carbon.add("biogenic_carbon_in_waste", "incinerator", incinerator.biogenic_carbon_t_c)
    carbon.add("fossil_carbon_in_residue", "incinerator", incinerator.digestate_fossil_carbon_t_c)
    carbon.add("carbon_in_food_waste", "food_waste_plant", sum(p.carbon_t_c for p in food))
    carbon.add("food_waste_plant", "biogas_blend", sum(p.biogas_t_c for p in food))
    carbon.add("landfill_gas", "biogas_blend", gas_carbon_t(gas.gas_nm3["landfill"], molar), "link")
    carbon.add("food_waste_plant", "biodiesel", sum(p.oil_t_c for p in food))
    carbon.add("food_waste_plant", "incinerator", sum(p.digestate_to_incineration_t_c for p in food), "link")
    carbon.add("food_waste_plant", "landfill", sum(p.digestate_to_landfill_t_c for p in food))
    carbon.add("food_waste_plant", "leachate_plant", sum(p.liquor_t_c for p in food), "link")
    carbon.add("incinerator", "air_fossil_co2", incinerator.fossil_carbon_to_air_t_c)
    carbon.add("incinerator", "air_biogenic_co2", incinerator.biogenic_carbon_to_air_t_c)
    carbon.add("incinerator", "ash", incinerator.unburned_carbon_t_c)
    carbon.add("biogas_blend", "air_methane", gas.leaked_t_c)
    carbon.add("biogas_blend", "air_biogenic_co2", gas.to_air_as_co2_t_c)
    carbon.add("biogas_blend", "city_gas", gas.fuel_gas_t_c)
    carbon.add("natural_gas", "air_fossil_co2", chains.heat.boiler_co2_t / constants["co2_per_c"])
    return carbon


@dataclass(frozen=True, slots=True)
class Prices:
    """The scenario's ``[prices]`` table (illustrative round prices for teaching the money flow)."""

    gate_fee_msw_yuan_per_t: float
    gate_fee_kitchen_yuan_per_t: float
    gate_fee_cd_yuan_per_t: float
    electricity_yuan_per_kwh: float
    steam_yuan_per_t: float
    fuel_gas_yuan_per_nm3: float
    oil_yuan_per_t: float
    aggregate_yuan_per_t: float
    brick_yuan_per_t: float
    reclaimed_water_yuan_per_m3: float
    incineration_opex_yuan_per_t: float
    kitchen_opex_yuan_per_t: float
    leachate_opex_yuan_per_m3: float
    cd_opex_yuan_per_t: float


class _MoneyBook:
    """A money graph that also sums what each chain receives and pays."""

    def __init__(self) -> None:
        self.graph = Graph("yuan/yr")
        self.received: dict[str, float] = {}
        self.paid: dict[str, float] = {}

    def pay(self, source: str, target: str, value: float, kind: str) -> None:
        self.graph.add(source, target, value, kind)
        self.received[target] = self.received.get(target, 0.0) + value
        self.paid[source] = self.paid.get(source, 0.0) + value

    def close(self, chain: str, cost: float) -> None:
        """Book a chain's operating cost and its surplus, or the deficit that covers it."""
        self.graph.add(chain, "operating_costs", cost, "cost")
        margin = self.received.get(chain, 0.0) - self.paid.get(chain, 0.0) - cost
        if margin >= 0:
            self.graph.add(chain, "surplus", margin, "surplus")
        else:
            self.graph.add("deficit_covered", chain, -margin, "deficit")


def money_graph(chains: ChainResults, prices: Prices) -> Graph:
    """Money through the park [yuan/yr]: revenue from outside, internal payments, costs, surplus."""
    incinerator, construction = chains.incineration, chains.construction_waste
    leachate, electricity, gas = chains.leachate, chains.electricity, chains.biogas
    food_t = chains.kitchen_waste.waste_t + chains.restaurant_waste.waste_t
    oil_t = chains.kitchen_waste.oil_t + chains.restaurant_waste.oil_t
    money = _MoneyBook()
    money.pay(
        "city_gate_fees", "incineration", incinerator.waste_t * prices.gate_fee_msw_yuan_per_t, "revenue"
    )
    money.pay("city_gate_fees", "kitchen_waste", food_t * prices.gate_fee_kitchen_yuan_per_t, "revenue")
    money.pay(
        "city_gate_fees",
        "construction_waste",
        construction.waste_t * prices.gate_fee_cd_yuan_per_t,
        "revenue",
    )
    # The biogas engines and upgrading belong to the food-waste plants' money node ("kitchen_waste").
    for generator, chain in (
        ("incineration", "incineration"),
        ("biogas", "kitchen_waste"),
        ("solar", "solar"),
    ):
        sold_kwh = electricity.export_kwh * electricity.generation_share[generator]
        money.pay("grid_buyer", chain, sold_kwh * prices.electricity_yuan_per_kwh, "revenue")
    money.pay("gas_buyers", "kitchen_waste", gas.fuel_gas_nm3 * prices.fuel_gas_yuan_per_nm3, "revenue")
    money.pay("biodiesel_buyers", "kitchen_waste", oil_t * prices.oil_yuan_per_t, "revenue")
    materials_yuan = (
        construction.aggregate_t * prices.aggregate_yuan_per_t
        + construction.bricks_t * prices.brick_yuan_per_t
    )
    money.pay("materials_buyers", "construction_waste", materials_yuan, "revenue")
    money.pay("kitchen_waste", "incineration", incinerator.steam_t * prices.steam_yuan_per_t, "internal")
    money.pay(
        "incineration", "leachate", leachate.reclaimed_m3 * prices.reclaimed_water_yuan_per_m3, "internal"
    )
    money.close("incineration", incinerator.waste_t * prices.incineration_opex_yuan_per_t)
    money.close("kitchen_waste", food_t * prices.kitchen_opex_yuan_per_t)
    money.close("leachate", leachate.leachate_m3 * prices.leachate_opex_yuan_per_m3)
    money.close("construction_waste", construction.waste_t * prices.cd_opex_yuan_per_t)
    money.close("solar", 0.0)
    return money.graph


def park_flows(chains: ChainResults, constants: Mapping[str, float], prices: Prices) -> dict[str, Graph]:
    """The five graphs, by name."""
    return {
        "material": material_graph(chains),
        "energy": energy_graph(chains, constants),
        "water": water_graph(chains),
        "carbon": carbon_graph(chains, constants),
        "money": money_graph(chains, prices),
    }
