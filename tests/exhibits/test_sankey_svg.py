"""The server-drawn Sankey (parkloop.exhibits.sankey_svg): well-formed, widths true to the amounts, words
that never overlap, every flow said in the alt text — checked on hand-made graphs and on every flow of
/system in both languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from parkloop.exhibits.journey_svg import text_px
from parkloop.exhibits.sankey_svg import Band, Node, Size, columns, sankey_html, wrap
from tests.apptest import read_sankeys

SVG = "{http://www.w3.org/2000/svg}"


def nodes(*ids: str) -> list[Node]:
    return [Node(i, i.upper(), "#0f766e", f"{i} hover") for i in ids]


def bands(*links: tuple[str, str, float]) -> list[Band]:
    return [Band(s, t, v, "#1d4ed8", f"{s}→{t}", 0.4) for s, t, v in links]


def pictures(text: str) -> list[ET.Element]:
    root = ET.fromstring(text)
    return [e for e in root if e.tag == f"{SVG}svg"]


def band_edges(path: ET.Element) -> tuple[float, float, float, float]:
    """A filled band's top and thickness at its start, then at its end, read from its outline."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
    # M x0 top0 C … x1 top1 L x1 low1 C … x0 low0 Z
    top0, top1, low1, low0 = numbers[1], numbers[7], numbers[9], numbers[15]
    return top0, low0 - top0, top1, low1 - top1


def label_boxes(svg: ET.Element) -> list[tuple[float, float, float, float, str]]:
    """Each line of words as a box (left, top, right, bottom) by the same width estimate the layout uses."""
    boxes = []
    for text in svg.iter(f"{SVG}text"):
        size = float(text.get("font-size", "16"))
        for span in text.iter(f"{SVG}tspan"):
            words = span.text or ""
            x, y, width = float(span.get("x")), float(span.get("y")), text_px(words, size)
            left = x - width if text.get("text-anchor") == "end" else x
            boxes.append((left, y - size * 0.6, left + width, y + size * 0.6, words))
    return boxes


def overlapping(boxes: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    clashes = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1:  # 1 px: estimates
                clashes.append((a[4], b[4]))
    return clashes


CHAIN = (
    nodes("a", "b", "c", "d", "e"),
    bands(("a", "c", 30.0), ("b", "c", 10.0), ("c", "d", 25.0), ("c", "e", 15.0)),
)


def test_columns_follow_the_longest_path_and_sinks_stand_last() -> None:
    ids = ["a", "b", "c", "d", "e"]
    found, back = columns(
        ids, bands(("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("a", "e", 1), ("c", "d", 1))
    )
    assert found == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 3} and back == set()
    found, back = columns(["x", "y"], bands(("x", "y", 1), ("y", "x", 1)))
    assert back == {1} and found == {"x": 0, "y": 1}  # the loop's band is left out of the count


def test_widths_are_the_amounts_and_every_node_passes_on_what_it_gets() -> None:
    for svg in pictures(sankey_html(*CHAIN, alt="chain", lang="en", wide=Size(300))):
        paths = {(p.get("data-source"), p.get("data-target")): p for p in svg.iter(f"{SVG}path")}
        thickness = {key: band_edges(path)[1] for key, path in paths.items()}
        per_unit = {
            key: thickness[key] / value
            for key, value in {("a", "c"): 30, ("b", "c"): 10, ("c", "d"): 25, ("c", "e"): 15}.items()
        }
        assert max(per_unit.values()) == pytest.approx(min(per_unit.values()), rel=0.02)  # one scale
        rects = {r.get("data-node"): float(r.get("height")) for r in svg.iter(f"{SVG}rect")}
        assert rects["c"] == pytest.approx(thickness[("a", "c")] + thickness[("b", "c")], rel=0.02)
        assert rects["c"] == pytest.approx(thickness[("c", "d")] + thickness[("c", "e")], rel=0.02)
        # the bands into c arrive one under the other, filling it from its top
        (_, _, top_ac, _), (_, _, top_bc, _) = band_edges(paths[("a", "c")]), band_edges(paths[("b", "c")])
        c_top = next(float(r.get("y")) for r in svg.iter(f"{SVG}rect") if r.get("data-node") == "c")
        assert min(top_ac, top_bc) == pytest.approx(c_top, abs=0.2)


def test_words_are_escaped_and_said_for_a_screen_reader() -> None:
    text = sankey_html(
        [Node("a", "<b>Tom & Jerry</b>", "#000"), Node("b", "B", "#000")],
        [Band("a", "b", 5.0, "#111", 'a "quoted" → b')],
        alt="A <flows> & B",
        lang="en",
        wide=Size(200),
    )
    assert "<b>" not in text and "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" in text
    for svg in pictures(text):  # parses: well-formed
        assert svg.get("role") == "img" and svg.get("aria-label") == "A <flows> & B"
        assert [t.text for t in svg.iter(f"{SVG}title")] == ['a "quoted" → b']


def test_a_node_no_band_touches_is_left_out_and_a_loop_is_drawn() -> None:
    text = sankey_html(
        nodes("x", "y", "lonely"), bands(("x", "y", 4.0), ("y", "x", 1.0)), alt="", lang="en", wide=Size(200)
    )
    (chart,) = read_sankeys(text)
    assert set(chart.labels) == {"x", "y"} and chart.values == {("x", "y"): 4.0, ("y", "x"): 1.0}


def test_wrap_breaks_latin_at_spaces_and_chinese_evenly() -> None:
    assert wrap("Power used by the leachate plant", 160, 16, 2) == ["Power used by the", "leachate plant"]
    assert wrap("生活垃圾", 40, 13, 3) == ["生活", "垃圾"]
    assert wrap("火炬燃烧（处理不了的沼气）", 60, 13, 3)[1][:1] != "）"
    assert wrap("short", 200, 16, 2) == ["short"]


@pytest.fixture(scope="module")
def system_figures() -> dict[tuple[str, str], str]:
    from parkloop.exhibits.system import FLOWS, sankey_figure_html
    from parkloop.ui.model_data import PLAN, scenario_result

    flows = scenario_result(PLAN)["flows"]
    return {
        (flow, lang): sankey_figure_html(flow, flows[flow], "plan", lang)
        for flow in FLOWS
        for lang in ("zh", "en")
    }


def test_on_every_flow_of_the_park_no_words_overlap_and_all_stay_inside(system_figures) -> None:
    for (flow, lang), text in system_figures.items():
        for svg in pictures(text):
            width = float(svg.get("viewBox").split()[2])
            boxes = label_boxes(svg)
            assert overlapping(boxes) == [], (flow, lang, svg.get("class"))
            outside = [b[4] for b in boxes if b[0] < -1 or b[2] > width + 1]
            assert outside == [], (flow, lang, svg.get("class"))


def test_every_flow_of_the_park_is_drawn_and_said(system_figures) -> None:
    from parkloop.ui.model_data import PLAN, scenario_result

    result = scenario_result(PLAN)
    for (flow, lang), text in system_figures.items():
        (chart,) = read_sankeys(text)
        expected = {
            (lk["source"], lk["target"]): lk["value"]
            for lk in result["flows"][flow]["links"]
            if lk["value"] > 0
        }
        assert chart.values == pytest.approx(expected)
        assert all(hover and hover in chart.alt for hover in chart.hovers.values())
        assert len(text) < 40_000, (flow, lang, len(text))  # both pictures together
