"""The shared kit of the exhibits' logic: figure, slider, Sankey and provenance tables and their builders."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from parkloop.content import t
from parkloop.exhibits import figures as kit
from parkloop.i18n import format_number, format_percent, format_quantity


@dataclass(frozen=True)
class _Figures:
    oil_t: float
    share: float


def test_figure_spec_builds_the_figure_by_hand() -> None:
    spec = kit.FigureSpec(
        "fig-oil", "biogas.oil_out", kit.qty("oil_t", "t/yr"), {"share": kit.pct("x.rate", decimals=0)}
    )
    assert spec.note == "biogas.oil_note"
    sources = kit.figure_sources(_Figures(1234.5, 0.5), {"x.rate": 0.25})
    [[figure]] = kit.build_figures([[spec]], sources, "en")
    assert figure == kit.Figure(
        "fig-oil",
        t("biogas.oil_out", "en"),
        format_quantity(1234.5, "t/yr", "en"),
        "model",
        t("biogas.oil_note", "en", share=format_percent(0.25, "en", decimals=0)),
    )


def test_shown_styles() -> None:
    sources = {"n": 12345.678}
    assert kit.num("n", sig=2).text(sources, "zh") == format_number(12345.678, "zh", sig=2)
    assert kit.pct("n").text({"n": 0.3}, "en") == format_percent(0.3, "en")


SLIDERS = kit.SliderTable(
    (
        (kit.SliderSpec("tonnes", "a.tonnes", "t", "t", "biogas.tonnes", (0, 100, 5), help=False),),
        (
            kit.SliderSpec(
                "share_percent", "a.share", "s", "share", "biogas.split", (0, 100, 5), True, "%d%%"
            ),
        ),
    )
)


def test_slider_table_defaults_overrides_and_sliders() -> None:
    plan = {"a.tonnes": 40, "a.share": 0.35}
    assert SLIDERS.defaults(plan) == {"t": 40.0, "share": 35.0}
    assert SLIDERS.overrides(50, 20) == {"a.tonnes": 50.0, "a.share": 0.2}
    assert SLIDERS.overrides(tonnes=50, share_percent=20) == SLIDERS.overrides(50, 20)
    with pytest.raises(TypeError):
        SLIDERS.overrides(50, 20, other=1)
    [[tonnes], [share]] = SLIDERS.sliders(plan, "en")
    assert (tonnes.name, tonnes.key, tonnes.default, tonnes.help, tonnes.integer) == (
        "tonnes",
        "t",
        40.0,
        None,
        True,
    )
    assert share.help == t("biogas.split_help", "en") and share.format == "%d%%"
    assert (share.min_value, share.max_value, share.step) == (0, 100, 5)


def test_sankey_spec() -> None:
    spec = kit.SankeySpec({"a": "teal", "leak": "red"}, "biogas.node", "leak", ("red", 0.45), ("teal", 0.3))
    assert spec.nodes == ("a", "leak")
    assert spec.link_colour("leak") == ("red", 0.45) and spec.link_colour("a") == ("teal", 0.3)
    assert spec.node_labels("en") == {"a": t("biogas.node.a", "en"), "leak": t("biogas.node.leak", "en")}


def test_provenance_table() -> None:
    rows = [("tonnes", {"k": "v"}.__getitem__, "k")]
    assert kit.provenance_table(rows, "biogas.in", "zh") == [(t("biogas.in.tonnes", "zh"), "v")]


def test_phrase_fills_placeholders_and_ref_takes_provenance_from_sources():
    @dataclass(frozen=True)
    class Numbers:
        waste_t: float

        @property
        def half_t(self) -> float:
            return self.waste_t / 2

    sources = kit.figure_sources(Numbers(1000.0), {"prov": {"kind": "override"}})
    assert sources["half_t"] == 500.0
    fields = kit.qtys("t", total="waste_t") | kit.pcts(0, share="share")
    assert kit.filled(fields, {**sources, "share": 0.25}, "en") == {
        "total": format_quantity(1000.0, "t", "en"),
        "share": format_percent(0.25, "en", decimals=0),
    }
    people = kit.Phrase("power.people_value", {"people": kit.num("half_t", sig=2)})
    expected = t("power.people_value", "en", people=format_number(500.0, "en", sig=2))
    assert people.text(sources, "en") == expected
    spec = kit.FigureSpec("fig-x", "power.net_kwh", kit.qty("waste_t", "t"), provenance=kit.Ref("prov"))
    assert spec.figure(sources, "en").provenance == {"kind": "override"}


@pytest.mark.parametrize("module", ["biogas", "materials", "power", "solar", "water"])
def test_every_figure_table_names_words_that_exist(module: str) -> None:
    """A table names its content keys by string (the assumption's key is even derived from the label's):
    a typo would show a raw key to a visitor, so every key must be in both catalogs."""
    import importlib

    from parkloop.content import has_key

    table = importlib.import_module(f"parkloop.exhibits.{module}").FIGURES
    specs = [spec for row in table for spec in row]
    assert specs
    for spec in specs:
        for key in (spec.label, spec.note):
            assert has_key(key, "zh") and has_key(key, "en"), (module, spec.key, key)
