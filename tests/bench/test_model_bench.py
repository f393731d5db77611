"""Benchmark: model evaluations per second for plan-2026 (goal >= 2000/s so a slider can re-run the model
on every move). Run with ``make bench``; not part of ``make test``.

Reported as ratios measured in the same run against two baselines: validating the scenario (what a
slider move costs before the model runs) and serialising the result to JSON (what the CLI adds).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from parkloop.model import evaluate, load_scenario

pytestmark = pytest.mark.bench
GOAL_PER_S = 2000.0


def _rate(fn, min_seconds: float = 1.0) -> float:
    fn()  # warm up caches (factors, synergy definition)
    n, start = 0, time.perf_counter()
    while True:
        for _ in range(50):
            fn()
        n += 50
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return n / elapsed


def test_model_evaluations_per_second(tmp_path: Path) -> None:
    scenario = load_scenario("plan-2026")
    reference = evaluate(scenario).totals
    eval_rate = _rate(lambda: evaluate(scenario))
    load_rate = _rate(lambda: load_scenario("plan-2026", {"incineration.tonnes_per_day": 3500}))
    slider_rate = _rate(lambda: evaluate(load_scenario("plan-2026", {"incineration.tonnes_per_day": 3500})))
    result = evaluate(scenario)
    json_rate = _rate(lambda: json.dumps(result.to_dict()))
    report = {
        "evaluate_per_s": round(eval_rate),
        "goal_per_s": GOAL_PER_S,
        "goal_ratio": round(eval_rate / GOAL_PER_S, 2),
        "load_and_validate_per_s": round(load_rate),
        "slider_move_per_s (load+override+validate+evaluate)": round(slider_rate),
        "evaluate_vs_validate_time_ratio": round(load_rate / eval_rate, 2),
        "to_json_per_s": round(json_rate),
    }
    print("\nmodel benchmark:", json.dumps(report, indent=2))
    (Path(__file__).parent / "last-model-bench.json").write_text(json.dumps(report, indent=2) + "\n")
    # the benchmark measured real work: the evaluated scenario still gives the same answer
    assert evaluate(scenario).totals == reference
