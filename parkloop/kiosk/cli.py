"""``python -m parkloop usage export|import|prune`` — the kiosk usage store from a terminal.

Hooked into :mod:`parkloop.cli` by :func:`add_usage_parser`. Bad input prints one line and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from parkloop import settings
from parkloop.kiosk.usage import UsageStore

EXIT_BAD_INPUT = 2


def _store(args: argparse.Namespace) -> UsageStore | None:
    usage = UsageStore.open(args.store)
    if usage is None:
        print(
            f"error: the store {args.store or settings.get('store_path')} cannot be written", file=sys.stderr
        )
    return usage


def cmd_usage(args: argparse.Namespace) -> int:
    usage = _store(args)
    if usage is None:
        return 1
    if args.usage_command == "export":
        kiosk = None if args.all else (args.kiosk or str(settings.get("kiosk_name")))
        text = usage.export_csv(kiosk)
        if args.out in (None, "-"):
            sys.stdout.write(text)
        else:
            Path(args.out).write_text(text, encoding="utf-8-sig")
            print(f"wrote {args.out}", file=sys.stderr)
        return 0
    if args.usage_command == "import":
        total_skipped = 0
        for name in args.files:
            try:
                text = Path(name).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                print(f"error: {name}: {error}", file=sys.stderr)
                return EXIT_BAD_INPUT
            report = usage.import_csv(text, own_kiosk=str(settings.get("kiosk_name")))
            kiosks = ", ".join(sorted(report.kiosks)) or "-"
            print(f"{name}: imported {report.imported} rows ({kiosks}), skipped {report.skipped}")
            for problem in report.problems:
                print(f"  {problem}")
            total_skipped += report.skipped
        return 0 if total_skipped == 0 else 1
    if args.usage_command == "prune":
        days = args.days if args.days is not None else int(settings.get("usage_retention_days"))
        deleted = usage.prune(days)
        print(f"deleted {deleted} raw events older than {days} days; daily totals kept")
        return 0
    return EXIT_BAD_INPUT


def add_usage_parser(sub: argparse._SubParsersAction) -> None:
    """``usage`` and its subcommands, on the parser of ``python -m parkloop``."""
    parser = sub.add_parser("usage", help="anonymous kiosk usage: export, import (several kiosks), prune")
    parser.add_argument("--store", help="the SQLite file (default: the store_path setting)")
    commands = parser.add_subparsers(dest="usage_command", required=True)
    export = commands.add_parser(
        "export", help="this kiosk's daily totals as CSV (formula-like cells escaped)"
    )
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument("--kiosk", help="export this kiosk's rows (default: the kiosk_name setting)")
    export.add_argument("--all", action="store_true", help="every kiosk in the store, imported ones too")
    imp = commands.add_parser("import", help="merge other kiosks' CSV exports (idempotent)")
    imp.add_argument("files", nargs="+")
    prune = commands.add_parser("prune", help="delete raw events older than the retention; keep daily totals")
    prune.add_argument("--days", type=int, help="retention [days] (default: usage_retention_days)")
    parser.set_defaults(func=cmd_usage)
