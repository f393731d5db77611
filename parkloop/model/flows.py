"""Flow graphs (material, energy, water, carbon, money) and their balance check.

A graph holds links ``source → target`` with a value. Nodes that only send are inputs, nodes that only
receive are outputs, every other node must pass on what it receives. The closure error is the largest
imbalance of any inner node plus the gap between all inputs and all outputs, relative to the throughput.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
