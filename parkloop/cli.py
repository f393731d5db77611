"""``python -m parkloop …`` — the command line (a thin wrapper over the Python API).

Bad input prints one line to stderr and exits 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from parkloop import settings
from parkloop.model import SCHEMA, ScenarioError, evaluate, list_scenarios, load_factors, load_scenario
from parkloop.model.paths import sources_file
from parkloop.model.scenario import Provenance
from parkloop.model.targets import track_targets
from parkloop.model.tomlfile import DataFileError, read_toml

EXIT_BAD_INPUT = 2


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def cmd_evaluate(args: argparse.Namespace) -> int:
    from parkloop.model import parse_overrides

    scenario = load_scenario(args.scenario, parse_overrides(args.set or []))
    result = evaluate(scenario)
    if args.json:
        _emit(result.to_dict())
        return 0
    t = result.totals
    print(
        f"scenario {result.scenario} (GWP {result.gwp}, electricity bought {result.grid_kg_co2_per_kwh}, "
        f"exported {result.avoided_grid_kg_co2_per_kwh} kg CO2/kWh)"
    )
    for key, value in t.items():
        print(f"  {key:40s} {value:>18,.1f}")
    landfill = result.counterfactual["landfill"]
    print(
        f"  counterfactual (in no total): landfilled instead, year 1 {landfill['first_year_t_co2e']:,.0f} "
        f"t CO2e, {landfill['horizon_years']} years {landfill['total_t_co2e']:,.0f} t CO2e"
    )
    for warning in result.warnings:
        print(f"  warning: {warning}")
    return 0


def _format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f} {unit}".strip()
    return f"{value:.3g} {unit}".strip()


def cmd_targets(args: argparse.Namespace) -> int:
    baseline = evaluate(load_scenario(args.baseline))
    plan = evaluate(load_scenario(args.plan))
    rows = track_targets(baseline, plan)
    if args.json:
        _emit({"baseline": baseline.scenario, "plan": plan.scenario, "targets": rows})
        return 0
    print(f"Plan targets (表1-1), {baseline.scenario} → {plan.scenario}")
    print(f"{'indicator':14s} {'target':>22s} {'model':>22s}  status")
    for row in rows:
        status = row["status"]
        if status == "short":
            status = f"short by {_format_value(row['gap'], row['unit'])}"
        print(
            f"{row['id']:14s} {_format_value(row['target'], row['unit']):>22s} "
            f"{_format_value(row['model_value'], row['unit']):>22s}  {status}"
        )
        for lever in row["levers"][:4]:
            print(f"{'':16s}lever {lever['lever']}: {_format_value(lever['value'], lever['unit'])}")
        for name, value in row["details"].items():
            print(f"{'':16s}{name}: {_format_value(value, '')}")
        if not row["reproducible"]:
            print(f"{'':16s}the plan's own method is not published: the model measures something else")
    return 0


def collect_provenance() -> tuple[list[dict[str, str]], list[str]]:
    """Every figure the model uses with its provenance; and the problems (a figure without one, a cited
    source id that data/sources.toml does not define)."""
    source_ids = set(read_toml(sources_file()))
    rows: list[dict[str, str]] = []
    problems: list[str] = []

    def add(where: str, key: str, value: Any, text: str) -> None:
        try:
            prov = Provenance.parse(text)
        except ValueError:
            problems.append(f"{where}: {key}: no provenance (plan:, cited:, derived: or illustrative:)")
            rows.append(
                {"where": where, "key": key, "value": repr(value), "kind": "MISSING", "ref": "", "note": ""}
            )
            return
        if prov.kind == "cited" and prov.ref not in source_ids:
            problems.append(f"{where}: {key}: cites {prov.ref!r}, which data/sources.toml does not define")
        rows.append(
            {
                "where": where,
                "key": key,
                "value": repr(value),
                "kind": prov.kind,
                "ref": prov.ref,
                "note": prov.note,
            }
        )

    for name in list_scenarios():
        scenario = load_scenario(name)
        for table, specs in SCHEMA.items():
            for key in specs:
                if key == "extends":
                    continue
                dotted = f"{table}.{key}"
                prov = scenario.provenance.get(dotted)
                text = "" if prov is None else (prov.note if prov.kind == "default" else str(prov))
                add(f"scenario {name}", dotted, scenario.values[table][key], text)
    factors = load_factors()
    for key, text in factors.provenance.items():
        add("factors", key, "", text)
    return rows, problems


def _in_language(rows: list[dict[str, str]], lang: str) -> None:
    """Add each row's label and note as a visitor of ``lang`` reads them (``label``, ``text``)."""
    from parkloop.provenance import describe_provenance, load_sources

    sources = load_sources()
    for row in rows:
        view = describe_provenance({k: row[k] for k in ("kind", "ref", "note")}, lang, sources)
        row["label"], row["text"] = view.label, view.detail


def cmd_sources(args: argparse.Namespace) -> int:
    rows, problems = collect_provenance()
    if args.lang:
        _in_language(rows, args.lang)
    if args.json:
        _emit({"figures": rows, "problems": problems})
    elif args.lang:
        for row in rows:
            print(f"{row['where']:26s} {row['key']:52s} {row['value'][:24]:>24s}  {row['label']}")
            if row["text"]:
                print(f"{'':26s} {row['text']}")
    else:
        for row in rows:
            print(
                f"{row['where']:26s} {row['key']:52s} {row['value'][:24]:>24s}  "
                f"{row['kind']}: {row['ref']}" + (f" — {row['note']}" if row["note"] else "")
            )
        for problem in problems:
            print(f"PROBLEM {problem}", file=sys.stderr)
        print(f"{len(rows)} figures, {len(problems)} without a usable provenance", file=sys.stderr)
    return 1 if problems else 0


def cmd_live(args: argparse.Namespace) -> int:
    from parkloop import live

    reading = live.read_once()
    _emit(reading.to_dict())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate data (scenarios, factors, sources, provenance) and content; list every problem."""
    problems: list[str] = []
    for name in list_scenarios():
        try:
            result = evaluate(load_scenario(name))
        except ScenarioError as exc:
            problems.append(str(exc))
            continue
        for flow, bal in result.balances.items():
            if bal["closure_error"] > 1e-9:
                problems.append(
                    f"scenario {name}: {flow} balance does not close ({bal['closure_error']:.2e})"
                )
        problems.extend(f"scenario {name}: {w}" for w in result.warnings)
    _, provenance_problems = collect_provenance()
    problems.extend(provenance_problems)
    try:
        from parkloop import content
    except ImportError:  # pragma: no cover - content lands with the app
        content = None
    if content is not None and hasattr(content, "check_content"):
        problems.extend(str(p) for p in content.check_content())
    from parkloop.provenance import check_provenance_texts, check_source_titles
    from parkloop.style import check_style

    problems.extend(check_provenance_texts())
    problems.extend(check_source_titles())
    problems.extend(check_style())
    from parkloop.school.lessons import check_lessons
    from parkloop.tours.data import check_tours

    problems.extend(check_tours())
    problems.extend(check_lessons())
    for problem in problems:
        print(problem)
    print(f"parkloop check: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_worksheets(args: argparse.Namespace) -> int:
    """Print-ready A4 PDFs (task sheets and teacher's guides, zh and en) of every lesson module."""
    from parkloop.printing import FontMissing
    from parkloop.school.worksheets import worksheets

    try:
        written = worksheets(args.out, guides=not args.no_guides, variants=args.variants)
    except FontMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    return 0


def cmd_classes(args: argparse.Namespace) -> int:
    """Delete class sessions inactive for longer than class_retention_days (the daily systemd timer)."""
    from parkloop.school import sessions as classes

    db = classes.open_store()
    if db is None:
        print("error: the store cannot be written (see the log)", file=sys.stderr)
        return 1
    print(f"deleted {classes.prune(db)} class session(s)")
    return 0


def cmd_posters(args: argparse.Namespace) -> int:
    """Print-ready QR posters (A4, A5, zh and en) for every station and the tour leaflets."""
    from parkloop.printing import FontMissing
    from parkloop.tours.data import TourError
    from parkloop.tours.posters import PosterError, posters

    try:
        written = posters(args.base_url, args.out)
    except (PosterError, TourError, FontMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    print(f"{len(written)} files written to {args.out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m parkloop", description="ParkLoop: the park model and tools"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ev = sub.add_parser("evaluate", help="evaluate a scenario (name or path to a TOML file)")
    ev.add_argument(
        "scenario", nargs="?", default="plan-2026", help="scenario name or path (default plan-2026)"
    )
    ev.add_argument(
        "--set",
        action="append",
        metavar="SECTION.KEY=VALUE",
        help="override a scenario value, parsed as TOML (repeatable)",
    )
    ev.add_argument("--json", action="store_true", help="print the full result as one JSON object")
    ev.set_defaults(func=cmd_evaluate)

    tg = sub.add_parser("targets", help="the plan's Table 1-1 targets against the model")
    tg.add_argument("--baseline", default="baseline-2023")
    tg.add_argument("--plan", default="plan-2026")
    tg.add_argument("--json", action="store_true")
    tg.set_defaults(func=cmd_targets)

    so = sub.add_parser("sources", help="every figure with its provenance (plan / cited / illustrative)")
    so.add_argument("--json", action="store_true")
    so.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="each figure's provenance as a visitor of this language reads it (label and note)",
    )
    so.set_defaults(func=cmd_sources)

    lv = sub.add_parser("live", help="one reading of the 'now at the park' feed as JSON")
    lv.add_argument("--once", action="store_true", help="print one reading and exit (the only mode)")
    lv.set_defaults(func=cmd_live)

    ck = sub.add_parser("check", help="validate data, provenance and content; non-zero exit on problems")
    ck.set_defaults(func=cmd_check)

    ws = sub.add_parser(
        "worksheets",
        help="print-ready A4 PDFs of every lesson module, zh and en: task sheets, teacher's guides (rubric, "
        "reference answers, key), preparation checklists, safety and route sheets, parental notices, "
        "picture sheets (grades 1-2) and evaluation forms",
    )
    ws.add_argument("--out", required=True, metavar="DIR", help="folder for the PDFs (created if missing)")
    ws.add_argument(
        "--no-guides", action="store_true", help="task sheets only: no guide, checklists, notices…"
    )
    ws.add_argument(
        "--variants",
        type=int,
        default=1,
        choices=range(1, 7),
        metavar="N",
        help="print N versions of each task sheet with the quiz options shuffled (the guide's key lists all)",
    )
    ws.set_defaults(func=cmd_worksheets)

    cl = sub.add_parser("classes", help="class sessions: 'prune' deletes those past class_retention_days")
    cl.add_argument("action", choices=["prune"])
    cl.set_defaults(func=cmd_classes)

    po = sub.add_parser("posters", help="QR posters (A4, A5; zh, en) for every tour station and the leaflet")
    po.add_argument(
        "--base-url", required=True, help="public address of the app, e.g. https://parkloop.example.cn"
    )
    po.add_argument("--out", default="build/posters", help="folder for the PDFs (default build/posters)")
    po.set_defaults(func=cmd_posters)

    from parkloop.kiosk.cli import add_usage_parser

    add_usage_parser(sub)  # usage export | import | prune
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed a one-line usage error
        return EXIT_BAD_INPUT if exc.code not in (0, None) else 0
    try:
        settings.apply_data_dir()
        return int(args.func(args))
    except (ScenarioError, DataFileError) as exc:  # one line naming the file (and key) and the reason
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m parkloop sources | head`: the reader left; stop quietly
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so that the exit flush does not fail again
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        print(f"error: internal error ({exc.__class__.__name__}: {exc}); please report it", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
