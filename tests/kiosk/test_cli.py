"""``python -m parkloop usage export|import|prune`` through its parser (hooked into parkloop.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from parkloop.kiosk.cli import add_usage_parser
from parkloop.kiosk.usage import UsageStore


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_usage_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_export_import_prune(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    east, west = tmp_path / "east.sqlite", tmp_path / "west.sqlite"
    recorded = UsageStore.open(east)
    recorded.record("open", kiosk="east", page="power", lang="zh")
    monkeypatch.setenv("PARKLOOP_KIOSK_NAME", "east")
    out = tmp_path / "east.csv"
    assert run("usage", "--store", str(east), "export", "--out", str(out)) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[1] == "east"
    monkeypatch.setenv("PARKLOOP_KIOSK_NAME", "west")
    assert run("usage", "--store", str(west), "import", str(out)) == 0
    assert "imported 1 rows (east), skipped 0" in capsys.readouterr().out
    assert run("usage", "--store", str(west), "export", "--all") == 0
    assert ",east,power,zh," in capsys.readouterr().out
    assert run("usage", "--store", str(east), "prune", "--days", "0") == 0
    assert "daily totals kept" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,usage,file\n")
    assert run("usage", "--store", str(west), "import", str(bad)) == 1
    assert run("usage", "--store", str(west), "import", str(tmp_path / "missing.csv")) == 2
