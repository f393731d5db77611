"""多流合一 — the park's five flow graphs as Sankey data, tables and sentences (pure, no Streamlit).

The model gives each flow as ``{unit, nodes: [{id}], links: [{source, target, value, kind}]}`` and its
balance as ``{inputs, outputs, closure_error, …}``. This module turns them into what the page draws:
translated node names (``system.node.<id>``), values formatted per language for the hover and the table,
the balance in words and one sentence about the biggest flows. Plotly itself is only touched by the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parkloop.content import has_key, t
from parkloop.exhibits.figures import illustrative
from parkloop.exhibits.sankey_svg import Band, Node, Size, sankey_html
from parkloop.i18n import format_percent, format_quantity, unit_symbol

FLOWS: tuple[str, ...] = ("material", "energy", "water", "carbon", "money")
SCENARIOS: tuple[str, ...] = ("baseline", "plan", "own")


# The visitor's own scenario: four levers, each a scenario key with the slider's range and step.
# Ranges stay inside what the model accepts; the lower ends keep every plant running.
@dataclass(frozen=True)
class Lever:
    param: str  # URL key
    key: str  # scenario dotted key
    lo: float
    hi: float
    step: float


LEVERS: tuple[Lever, ...] = (
    Lever("inc", "incineration.tonnes_per_day", 1000, 6000, 100),
    Lever("kw", "kitchen_waste.tonnes_per_day", 200, 2000, 50),
    Lever("split", "kitchen_waste.to_power_fraction", 0.0, 1.0, 0.05),
    Lever("reuse", "leachate.reuse_rate", 0.5, 1.0, 0.01),
)
LEVER_COLUMNS: tuple[tuple[Lever, ...], ...] = (LEVERS[:2], LEVERS[2:])
"""The levers as the page sets them out: two columns of two (on a phone the columns stack)."""

# Colours (RGB) of each flow's links; nodes are drawn darker. Links into losses or the air are grey so
# that what the park keeps in use stands out from what leaves it.
FLOW_COLOURS: dict[str, tuple[int, int, int]] = {
    "material": (146, 64, 14),
    "energy": (220, 38, 38),
    "water": (29, 78, 216),
    "carbon": (55, 65, 81),
    "money": (4, 120, 87),
}
LOSS_NODES = frozenset(
    {"losses", "flue_gas", "methane_leaked", "evaporated_in_flue_gas", "air_fossil_co2", "air_methane"}
)
GREY = (107, 114, 128)


def own_overrides(values: dict[str, float]) -> dict[str, float]:
    """The visitor's slider values (by URL key) as scenario overrides, clipped to the levers' ranges."""
    overrides = {}
    for lever in LEVERS:
        if lever.param in values:
            overrides[lever.key] = float(min(max(values[lever.param], lever.lo), lever.hi))
    return overrides


def node_label(node: str, lang: str, flow: str = "") -> str:
    """A graph node in words (``system.node.<flow>.<id>`` where one id means different things in two
    flows, else ``system.node.<id>``); an id the catalogue does not know is shown as plain words."""
    for key in (f"system.node.{flow}.{node}", f"system.node.{node}"):
        if has_key(key, lang):
            return t(key, lang)
    return node.replace("_", " ")


def unit_label(unit: str, lang: str) -> str:
    """The flow's unit as a visitor reads it (``t C/yr`` → ``t C/年``) — via :func:`unit_symbol`."""
    return unit_symbol(unit, lang).replace("\u00a0", " ")


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


def sankey_data(flow: str, graph: dict[str, Any], lang: str) -> dict[str, Any]:
    """Everything a Sankey needs, as plain lists (node ids, labels, indices, values, colours, hover texts)."""
    unit = graph.get("unit", "")
    links = [link for link in graph.get("links", []) if link.get("value", 0) > 0]
    ids: list[str] = []
    for link in links:
        for node in (link["source"], link["target"]):
            if node not in ids:
                ids.append(node)
    index = {node: i for i, node in enumerate(ids)}
    labels = [node_label(node, lang, flow) for node in ids]
    inflow = {node: 0.0 for node in ids}
    outflow = {node: 0.0 for node in ids}
    for link in links:
        outflow[link["source"]] += link["value"]
        inflow[link["target"]] += link["value"]
    colour = FLOW_COLOURS.get(flow, GREY)
    return {
        "ids": ids,
        "labels": labels,
        "node_colours": [_rgba(GREY if node in LOSS_NODES else colour, 0.9) for node in ids],
        "node_hover": [
            t(
                "system.node_hover",
                lang,
                node=labels[index[node]],
                value=format_quantity(max(inflow[node], outflow[node]), unit, lang),
            )
            for node in ids
        ],
        "sources": [index[link["source"]] for link in links],
        "targets": [index[link["target"]] for link in links],
        "values": [float(link["value"]) for link in links],
        "link_colours": [_rgba(GREY if link["target"] in LOSS_NODES else colour, 0.38) for link in links],
        "link_hover": [
            t(
                "system.link_hover",
                lang,
                source=labels[index[link["source"]]],
                target=labels[index[link["target"]]],
                value=format_quantity(link["value"], unit, lang),
            )
            for link in links
        ],
    }


def sankey_figure_html(flow: str, graph: dict[str, Any], scenario_name: str, lang: str) -> str:
    """One flow's Sankey as HTML (:func:`parkloop.exhibits.sankey_svg.sankey_html`: a wide picture and a
    phone's), its alt text the chart's name followed by every flow with its amount."""
    data = sankey_data(flow, graph, lang)
    wide, tall = sankey_layout(len(data["ids"]), narrow=False), sankey_layout(len(data["ids"]), narrow=True)
    name = t("system.chart_alt", lang, flow=t(f"system.flow_word.{flow}", lang), scenario=scenario_name)
    ids = data["ids"]
    nodes = [
        Node(*node)
        for node in zip(ids, data["labels"], data["node_colours"], data["node_hover"], strict=True)
    ]
    bands = [
        Band(ids[source], ids[target], value, colour, hover)
        for source, target, value, colour, hover in zip(
            data["sources"],
            data["targets"],
            data["values"],
            data["link_colours"],
            data["link_hover"],
            strict=True,
        )
    ]
    return sankey_html(
        nodes,
        bands,
        alt=t("chart.list_separator", lang).join([name, *data["link_hover"]]),
        lang=lang,
        wide=wide,
        tall=tall,
        ident=flow,
    )


def link_rows(flow: str, graph: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """The links as table rows (from, to, amount), biggest first — the Sankey for screen readers."""
    unit = graph.get("unit", "")
    links = sorted(
        (lk for lk in graph.get("links", []) if lk.get("value", 0) > 0), key=lambda lk: -lk["value"]
    )
    return [
        {
            "source": node_label(link["source"], lang, flow),
            "target": node_label(link["target"], lang, flow),
            "value": format_quantity(link["value"], unit, lang),
        }
        for link in links
    ]


def balance_fields(balance: dict[str, float], unit: str, lang: str) -> dict[str, str]:
    """Inputs, outputs and the closure error of one flow in words."""
    error = float(balance.get("closure_error", 0.0))
    return {
        "inputs": format_quantity(balance.get("inputs"), unit, lang),
        "outputs": format_quantity(balance.get("outputs"), unit, lang),
        # below a millionth of a percent the error is rounding: say "0%", not 1.2e-16
        "error": format_percent(error if error >= 1e-8 else 0.0, lang, decimals=6),
    }


def balance_closes(balance: dict[str, float], tolerance: float = 1e-6) -> bool:
    return float(balance.get("closure_error", 1.0)) <= tolerance


def biggest_links(graph: dict[str, Any], n: int = 2) -> list[dict[str, Any]]:
    """The ``n`` biggest links of a graph."""
    links = [lk for lk in graph.get("links", []) if lk.get("value", 0) > 0]
    return sorted(links, key=lambda lk: -lk["value"])[:n]


def _in_sentence(label: str, lang: str) -> str:
    """A node name inside an English sentence starts lower-case ("to the grid"); Chinese is unchanged."""
    if lang == "en" and label[:1].isupper() and not label[1:2].isupper():
        return label[0].lower() + label[1:]
    return label


def summary_fields(flow: str, graph: dict[str, Any], balance: dict[str, float], lang: str) -> dict[str, str]:
    """Fields of the sentence under the chart: the flow's total input and its two biggest links."""
    unit = graph.get("unit", "")
    inputs = float(balance.get("inputs", 0.0))
    top = biggest_links(graph, 2)
    fields = {"flow": t(f"system.flow_word.{flow}", lang), "total": format_quantity(inputs, unit, lang)}
    for i, name in enumerate(("first", "second")):
        link = top[i] if i < len(top) else None
        fields[f"{name}_source"] = _in_sentence(node_label(link["source"], lang, flow), lang) if link else "—"
        fields[f"{name}_target"] = _in_sentence(node_label(link["target"], lang, flow), lang) if link else "—"
        fields[f"{name}_value"] = format_quantity(link["value"], unit, lang) if link else "—"
        share = link["value"] / inputs if link and inputs > 0 else None
        fields[f"{name}_share"] = format_percent(share, lang, decimals=0)
    return fields


def all_node_ids(results: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """Every ``(flow, node id)`` of the given results (to check the catalogue names them all)."""
    return {
        (flow, node["id"])
        for result in results
        for flow, graph in result["flows"].items()
        for node in graph["nodes"]
    }


def sankey_layout(node_count: int, narrow: bool) -> Size:
    """Tall enough for every node's name on a kiosk (34 px a node, within 420–760 px); 520 px on a phone,
    whose picture grows down when its words need more room."""
    if narrow:
        return Size(height=520, font_px=13, pad=12, node_w=12)
    return Size(height=max(420, min(760, 34 * node_count + 120)), font_px=16, pad=20, node_w=22)


def provenance_items(flow: str, lever_provenance: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """What "where the numbers come from" lists: the model's flows, the illustrative prices of the money
    flow, and the plan's value of each lever (``lever_provenance``: scenario key → provenance)."""
    items: list[tuple[str, Any]] = [(t("system.prov_flows", lang), "model")]
    if flow == "money":
        detail = t("system.prov_prices_detail", lang)
        items.append((t("system.prov_prices", lang), illustrative(detail, lang)))
    for lever in LEVERS:
        items.append((t(f"system.lever.{lever.param}", lang), lever_provenance.get(lever.key, {})))
    return items
