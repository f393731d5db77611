"""No figure without provenance. Loads data/*.toml directly with tomllib (not through the model), so a
figure that the code would silently default cannot hide.

Every parameter of the shipped scenarios and every factor in data/factors.toml carries a provenance of kind
plan (with a section), cited (with a source id defined in data/sources.toml) or illustrative (with a reason).
"""

from __future__ import annotations

import re
import tomllib

import pytest

from ._helpers import DATA

KINDS = ("plan", "standard", "guideline", "statistics", "news", "literature", "physical-constant", "project")
REQUIRED_IDS = (
    "park-plan",
    "ipcc-2006-v5",
    "ipcc-2006-v2",
    "ipcc-ar5-wg1",
    "ipcc-ar6-wg1",
    "mee-nbs-2023-grid",
    "mee-nbs-2022-grid",
    "gbt-32150-2025",
    "gbt-32151",
    "iapws-if97",
    "gb-18485-2014",
    "bj-morning-2017",
    "economic-daily-2016",
    "bj-youth-2021",
    "gaoantun-design-2009",
    "literature-ranges",
    "project-estimate",
)
# factors.md flags these ("verify", "from transcriptions", "treat as cited only after checking", ranges)
UNVERIFIED = (
    "mee-nbs-2023-grid",
    "mee-nbs-2022-grid",
    "gb-18485-2014",
    "bj-morning-2017",
    "economic-daily-2016",
    "bj-youth-2021",
    "gaoantun-design-2009",
    "literature-ranges",
    "project-estimate",
)
PLAN_SECTION = re.compile(r"[一二三四五六七八九十]|表\s*1-1|附|annex|appendix", re.IGNORECASE)


def load(path):
    with open(path, "rb") as fh:
        return tomllib.load(fh)


SOURCES = load(DATA / "sources.toml")
FACTORS = load(DATA / "factors.toml")
SCENARIO_FILES = sorted((DATA / "scenarios").glob("*.toml"))


PLAN_TEXT = re.sub(r"\s+", "", (DATA / "plan" / "park-plan.txt").read_text("utf-8"))
# A quoted figure: a run of Chinese text, digits and units with at least one Chinese character and a digit.
QUOTE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9A-Za-z.%/·]+")


def plan_quotes(note: str) -> list[str]:
    """The spans of a ``plan:`` note that quote the plan: Chinese with a figure in it."""
    return [
        span
        for span in QUOTE.findall(note)
        if re.search(r"[\u4e00-\u9fff]", span) and re.search(r"\d", span) and len(span) >= 4
    ]


def check_provenance(where: str, text) -> None:
    """A provenance string: "plan: <section> — <the plan's words with the figure>", "cited: <source id> …",
    "derived: <section> — <how, with the assumption>" or "illustrative: <reason>"."""
    assert isinstance(text, str) and text.strip(), f"{where}: no provenance"
    kind, sep, rest = text.partition(":")
    kind, rest = kind.strip(), rest.strip()
    assert sep and kind in ("plan", "cited", "derived", "illustrative"), (
        f"{where}: provenance kind {kind!r} in {text!r}"
    )
    assert rest, f"{where}: {kind} without a reference or reason"
    if kind == "cited":
        source_id = re.split(r"\s|—|,|;", rest, maxsplit=1)[0]
        assert source_id in SOURCES, f"{where}: cites {source_id!r}, not in data/sources.toml"
    elif kind == "plan":
        assert PLAN_SECTION.search(rest), f"{where}: plan provenance names no section: {text!r}"
        # model.md v2: a value labelled "plan" quotes a figure the plan text really contains
        quotes = plan_quotes(rest)
        assert any(q in PLAN_TEXT for q in quotes), f"{where}: quotes no figure of the plan text: {text!r}"
    elif kind == "derived":
        assert " — " in rest and len(rest) >= 20, f"{where}: derived without how and from what: {text!r}"
    else:
        assert len(rest) >= 10, f"{where}: illustrative without a reason: {text!r}"


def test_plan_quote_check_can_fail():
    # the check catches a figure the plan does not contain, and accepts one it does
    assert not any(q in PLAN_TEXT for q in plan_quotes("二(三)1 — 氨氮回收率高于95%"))
    assert any(q in PLAN_TEXT for q in plan_quotes("二(一)2 — 沼气处理能力达到5万Nm3/d"))


# --- data/sources.toml -----------------------------------------------------------------------------


def test_every_required_source_exists():
    missing = [sid for sid in REQUIRED_IDS if sid not in SOURCES]
    assert not missing, missing


@pytest.mark.parametrize("sid", sorted(SOURCES))
def test_source_entry(sid):
    entry = SOURCES[sid]
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", sid), sid
    for key in ("title", "publisher", "kind", "locator", "note"):
        assert isinstance(entry.get(key), str) and entry[key].strip(), (sid, key)
    assert isinstance(entry.get("year"), int) and 1990 <= entry["year"] <= 2030, (sid, entry.get("year"))
    assert entry["kind"] in KINDS, (sid, entry["kind"])
    assert isinstance(entry.get("verified"), bool), sid
    fields = {
        "title",
        "title_zh",
        "title_en",
        "publisher",
        "year",
        "kind",
        "locator",
        "url",
        "verified",
        "note",
    }
    assert set(entry) <= fields, sid


def test_flagged_sources_are_not_marked_verified():
    for sid in UNVERIFIED:
        assert SOURCES[sid]["verified"] is False, sid


def test_plan_source_is_the_plan():
    assert SOURCES["park-plan"]["kind"] == "plan"
    assert "减污降碳协同创新试点实施方案" in SOURCES["park-plan"]["title"]


# --- data/factors.toml -----------------------------------------------------------------------------


def factor_figures():
    """(dotted key, provenance text) for every number in factors.toml."""
    out = []
    for top, table in FACTORS.items():
        if top.endswith("_provenance") or top.endswith("_provenance_overrides"):
            continue
        prov = FACTORS.get(f"{top}_provenance", {})
        overrides = FACTORS.get(f"{top}_provenance_overrides", {})
        for key, value in table.items():
            if isinstance(value, dict):
                for leaf, number in value.items():
                    if leaf == "provenance" or not isinstance(number, int | float):
                        continue
                    text = (
                        overrides.get(f"{key}.{leaf}")
                        or value.get("provenance")
                        or prov.get(leaf)
                        or prov.get(key)
                    )
                    out.append((f"{top}.{key}.{leaf}", text))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out.append((f"{top}.{key}", overrides.get(key) or prov.get(key)))
    return out


def test_factors_file_has_figures():
    assert len(factor_figures()) > 50


@pytest.mark.parametrize("key,text", factor_figures(), ids=[k for k, _ in factor_figures()])
def test_every_factor_has_provenance(key, text):
    check_provenance(f"factors.toml {key}", text)


def test_ipcc_table_2_4_as_in_factors_md():
    # the figures the hand-worked tests rely on, straight from the file
    comp = FACTORS["composition"]
    assert (comp["plastics"]["dm"], comp["plastics"]["cf"], comp["plastics"]["fcf"]) == (1.0, 0.75, 1.0)
    food = comp["food"]
    assert (food["dm"], food["cf"], food["fcf"], food["doc"]) == (0.4, 0.38, 0.0, 0.15)
    assert comp["paper"]["doc"] == 0.40
    assert FACTORS["gwp"]["AR5"] == {"ch4": 28.0, "n2o": 265.0}
    assert FACTORS["gwp"]["AR6"]["n2o"] == 273.0


# --- data/scenarios/*.toml -------------------------------------------------------------------------


def scenario_figures():
    out = []
    for path in SCENARIO_FILES:
        raw = load(path)
        prov = raw.get("provenance", {})
        for table, entries in raw.items():
            if table == "provenance":
                continue
            for key in entries:
                if table == "scenario" and key == "extends":
                    continue
                out.append((f"{path.name} {table}.{key}", prov.get(table, {}).get(key)))
    return out


def test_shipped_scenarios_exist():
    names = {p.stem for p in SCENARIO_FILES}
    assert {"baseline-2023", "plan-2026"} <= names


@pytest.mark.parametrize("key,text", scenario_figures(), ids=[k for k, _ in scenario_figures()])
def test_every_scenario_value_has_provenance_in_its_file(key, text):
    check_provenance(key, text)


def test_every_provenance_entry_names_a_value():
    # a provenance for a key the file does not set would describe a figure that is not there
    for path in SCENARIO_FILES:
        raw = load(path)
        for table, entries in raw.get("provenance", {}).items():
            for key in entries:
                assert key in raw.get(table, {}), f"{path.name}: provenance.{table}.{key} has no value"


# --- through the API: defaults and inherited values carry provenance too ---------------------------


@pytest.mark.parametrize("name", [p.stem for p in SCENARIO_FILES])
def test_loaded_scenario_provenance_is_complete(name):
    from parkloop.model import load_scenario

    s = load_scenario(name)
    for table, values in s.values.items():
        for key in values:
            dotted = f"{table}.{key}"
            prov = s.provenance.get(dotted)
            assert prov is not None, f"{name}: {dotted} has no provenance"
            text = prov.note if prov.kind == "default" else str(prov)
            check_provenance(f"{name} {dotted}", text)


def test_factor_provenance_through_the_api():
    from parkloop.model import load_factors

    for key, text in load_factors().provenance.items():
        check_provenance(f"factors {key}", text)


def test_synergy_definition_is_labelled_as_the_projects_own():
    # factors.md: the plan gives no formula for 协同度; any index is the project's own (illustrative)
    path = DATA / "synergy.toml"
    if not path.exists():
        pytest.skip("no data/synergy.toml")
    definition = load(path)
    check_provenance("synergy.toml", definition.get("provenance"))
    assert definition["provenance"].startswith("illustrative:")
    for name in ("material", "energy", "water"):
        comp = definition["components"][name]
        assert comp["weight"] >= 0 and comp["used"] and comp["total"], name
