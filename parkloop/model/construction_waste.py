"""Construction and demolition waste → recycled aggregate and bricks (layer one)."""

from __future__ import annotations


def recycled_split(
    tonnes: float, recycled_fraction: float, aggregate_share: float
) -> tuple[float, float, float]:
    """Split construction waste into (aggregate, bricks, rejects) [t]."""
    recycled = tonnes * recycled_fraction
    aggregate = recycled * aggregate_share
    return aggregate, recycled - aggregate, tonnes - recycled
