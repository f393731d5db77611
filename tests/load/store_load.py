"""Two server processes on one store: a class answering, QR scanners and dashboards, with an outside
write lock held in the middle — the load of issue 18 on the store, without the pages' drawing.

Each process plays one ``make serve`` worker: every page run is a new thread (as Streamlit runs every
rerun), which opens the store the way the pages do (``classes.open_store()``, ``passport.open_store()``)
and calls the same functions the pages call (join, is_member, save_answer, record_scan, all_answers,
participants). Anything a page would show as the error box — an exception, "class data cannot be
reached" (no store), a student no longer a member (signed out) — is counted. Every answer a student
was told was saved (the call returned) is checked against the store at the end.

    .venv/bin/python -m tests.load.store_load --students 50 --scanners 4 --dashboards 2 --seconds 300 \
        --lock-seconds 10                         # the full run (tests/bench/test_store_bench.py)

Local files only; bounded by --seconds.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sqlite3
import sys
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

QUESTIONS = [f"q{n}" for n in range(1, 9)]
CHOICES = ["a", "b", "c", "d"]


@dataclass
class StoreLoadReport:
    processes: int
    students: int
    scanners: int
    dashboards: int
    seconds: float
    lock_seconds: float
    answers_acknowledged: int = 0
    answers_lost: int = 0
    scans: int = 0
    dashboard_refreshes: int = 0
    errors_shown: int = 0
    store_unreachable: int = 0
    signed_out: int = 0
    error_samples: list[str] = field(default_factory=list)
    ack_p50_s: float = 0.0
    ack_p95_s: float = 0.0
    ack_max_s: float = 0.0
    ack_p95_outside_lock_s: float = 0.0  # answers not started during the outside lock (+ 1 s)
    answers_during_lock: int = 0  # acknowledged answers started while the outside lock was held
    longest_wait_during_lock_s: float = 0.0

    def line(self) -> str:
        return (
            f"{self.processes} processes, {self.students} students, {self.scanners} scanners, "
            f"{self.dashboards} dashboards, {self.seconds:.0f} s, outside lock {self.lock_seconds:.0f} s: "
            f"{self.answers_acknowledged} answers acknowledged, {self.answers_lost} lost; "
            f"{self.scans} scans, {self.dashboard_refreshes} dashboard refreshes; errors shown "
            f"{self.errors_shown}, store unreachable {self.store_unreachable}, signed out "
            f"{self.signed_out}; acknowledgement p50 {self.ack_p50_s * 1000:.0f} ms, p95 "
            f"{self.ack_p95_s * 1000:.0f} ms, max {self.ack_max_s * 1000:.0f} ms; p95 outside the lock "
            f"{self.ack_p95_outside_lock_s * 1000:.0f} ms; {self.answers_during_lock} answers waited out "
            f"the lock (longest {self.longest_wait_during_lock_s:.1f} s)"
        )


def _page_run(target, *args):
    """One page run: a fresh thread, as Streamlit gives every rerun; returns what ``target`` returned
    (or raises what it raised)."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = target(*args)
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            box["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _worker(path: str, code: str, session_id: str, plan: dict, seconds: float, queue, go) -> None:
    """One server process: its share of the students, scanners and dashboards, for ``seconds`` after
    every process has imported what it needs (``go``), so that the load and the lock overlap however
    slowly the processes start."""
    import os

    os.environ["PARKLOOP_STORE_PATH"] = path
    from parkloop.school import sessions as classes
    from parkloop.tours import passport

    queue.put("ready")
    go.wait()
    deadline = time.monotonic() + seconds

    out: dict = {"acks": [], "ack_s": [], "scans": 0, "refreshes": 0, "errors": [], "none": 0, "out": 0}
    lock = threading.Lock()

    def note(kind: str, detail: str = "") -> None:
        with lock:
            if kind == "error":
                out["errors"].append(detail)
            else:
                out[kind] += 1

    def student(name: str) -> None:
        device = f"device-{name}"
        client = classes.Client(device, "10.0.0.1")
        member = None
        while time.monotonic() < deadline:
            time.sleep(random.uniform(0.5, 2.0) if member else random.uniform(0, 1.0))
            started = time.monotonic()
            try:

                def run(member=member):
                    db = classes.open_store()
                    if db is None:
                        return "none", None
                    if member is None:
                        return "joined", classes.join(db, code, name, client).student
                    if not classes.is_member(db, session_id, member, device):
                        return "out", None
                    question, choice = random.choice(QUESTIONS), random.choice(CHOICES)
                    classes.save_answer(db, session_id, member, question, "pre", choice=choice)
                    return "saved", (question, choice)

                kind, value = _page_run(run)
            except Exception as error:  # noqa: BLE001 - what the error box would show
                note("error", f"{name}: {type(error).__name__}: {error}")
                continue
            if kind == "none":
                note("none")
            elif kind == "out":
                note("out")
                member = None
            elif kind == "joined":
                member = value
            else:
                with lock:
                    out["acks"].append([member, *value, time.time()])
                    out["ack_s"].append(
                        [time.time() - (time.monotonic() - started), time.monotonic() - started]
                    )

    def scanner(index: int) -> None:
        token = None
        while time.monotonic() < deadline:
            time.sleep(random.uniform(0.3, 1.5))

            def run(token=token):
                db = passport.open_store()
                if db is None:
                    return None
                token = token or passport.new_token(db)
                passport.record_scan(db, random.choice(["welcome", "power", "water"]), token)
                return token

            try:
                token = _page_run(run) or token
                note("scans")
            except Exception as error:  # noqa: BLE001
                note("error", f"scanner {index}: {type(error).__name__}: {error}")
            if random.random() < 0.2:
                token = None  # the next visitor's phone

    def dashboard(index: int) -> None:
        while time.monotonic() < deadline:
            time.sleep(random.uniform(1.0, 3.0))

            def run():
                db = classes.open_store()
                if db is None:
                    return "none"
                classes.all_answers(db, session_id)
                classes.participants(db, session_id)
                return "ok"

            try:
                note("refreshes" if _page_run(run) == "ok" else "none")
            except Exception as error:  # noqa: BLE001
                note("error", f"dashboard {index}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=student, args=(name,)) for name in plan["students"]]
    threads += [threading.Thread(target=scanner, args=(i,)) for i in range(plan["scanners"])]
    threads += [threading.Thread(target=dashboard, args=(i,)) for i in range(plan["dashboards"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(out)


def _hold_lock(path: str, at_s: float, for_s: float, window: list[float]) -> None:
    """An outside writer (a backup, a stuck tool) holding the write lock for ``for_s`` seconds; its
    wall-clock start and end go to ``window``."""
    if for_s <= 0:
        return
    time.sleep(at_s)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    window.append(time.time())
    time.sleep(for_s)
    holder.execute("ROLLBACK")
    window.append(time.time())
    holder.close()


def run_store_load(
    path: Path, *, processes: int = 2, students: int = 50, scanners: int = 4, dashboards: int = 2,
    seconds: float = 300, lock_seconds: float = 10, lock_at_s: float | None = None,
) -> StoreLoadReport:  # fmt: skip
    """The load on ``path`` (a new store): one class session, the people spread over ``processes``."""
    from parkloop.school import sessions as classes

    db = classes.open_store(path)
    session, _secret = classes.start_session(db, "carbon-ledger", "zh")
    context = multiprocessing.get_context("spawn")
    queue, go = context.Queue(), context.Event()
    names = [f"seat {n}" for n in range(1, students + 1)]
    workers = []
    for index in range(processes):
        plan = {
            "students": names[index::processes],
            "scanners": len(range(index, scanners, processes)),
            "dashboards": len(range(index, dashboards, processes)),
        }
        workers.append(
            context.Process(
                target=_spawned,
                args=(str(path), session.code, session.id, plan, seconds, queue, go),
            )
        )
    for worker in workers:
        worker.start()
    results = []
    ready = 0
    while ready < len(workers):  # every process imported (or failed: its result comes instead)
        message = queue.get(timeout=300)
        if message == "ready":
            ready += 1
        else:
            results.append(message)
            ready += 1
    go.set()
    lock_at = lock_at_s if lock_at_s is not None else seconds / 3
    window: list[float] = []
    locker = threading.Thread(target=_hold_lock, args=(str(path), lock_at, lock_seconds, window))
    locker.start()
    results += [queue.get(timeout=seconds + lock_seconds + 120) for _ in range(len(workers) - len(results))]
    for worker in workers:
        worker.join(timeout=30)
    locker.join()
    report = _report(
        db, session.id, results, processes, students, scanners, dashboards, seconds, lock_seconds
    )
    lock_start, lock_end = (window + [0.0, 0.0])[:2] if window else (0.0, 0.0)
    outside = sorted(
        s for out in results for started, s in out["ack_s"] if not lock_start <= started <= lock_end + 1
    )
    if outside:
        report.ack_p95_outside_lock_s = outside[min(len(outside) - 1, int(0.95 * len(outside)))]
    during = [s for out in results for started, s in out["ack_s"] if lock_start <= started <= lock_end]
    report.answers_during_lock = len(during)
    report.longest_wait_during_lock_s = max(during, default=0.0)
    return report


def _spawned(path, code, session_id, plan, seconds, queue, go) -> None:
    try:
        _worker(path, code, session_id, plan, seconds, queue, go)
    except BaseException:  # noqa: BLE001 - the parent must not wait for a result that never comes
        queue.put({"acks": [], "ack_s": [], "scans": 0, "refreshes": 0, "none": 0, "out": 0,
                   "errors": [traceback.format_exc(limit=3)]})  # fmt: skip


def _report(db, session_id, results, processes, students, scanners, dashboards, seconds, lock_s):
    report = StoreLoadReport(processes, students, scanners, dashboards, seconds, lock_s)
    latest: dict[tuple[str, str], tuple[float, str]] = {}
    ack_s: list[float] = []
    for out in results:
        for student, question, choice, at in out["acks"]:
            if (student, question) not in latest or latest[(student, question)][0] <= at:
                latest[(student, question)] = (at, choice)
        ack_s += [seconds for _, seconds in out["ack_s"]]
        report.answers_acknowledged += len(out["acks"])
        report.scans += out["scans"]
        report.dashboard_refreshes += out["refreshes"]
        report.errors_shown += len(out["errors"])
        report.error_samples += out["errors"][:3]
        report.store_unreachable += out["none"]
        report.signed_out += out["out"]
    stored = {
        (row["student_id"], row["question"]): row["choice"]
        for row in db.query(
            "SELECT student_id, question, choice FROM class_answers WHERE session_id = ?", [session_id]
        )
    }
    report.answers_lost = sum(1 for key, (_, choice) in latest.items() if stored.get(key) != choice)
    if ack_s:
        ordered = sorted(ack_s)
        report.ack_p50_s = ordered[len(ordered) // 2]
        report.ack_p95_s = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        report.ack_max_s = ordered[-1]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--scanners", type=int, default=4)
    parser.add_argument("--dashboards", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--lock-seconds", type=float, default=10)
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="parkloop-store-load-")) / "store.sqlite"
    report = run_store_load(
        path, processes=args.processes, students=args.students, scanners=args.scanners,
        dashboards=args.dashboards, seconds=args.seconds, lock_seconds=args.lock_seconds,
    )  # fmt: skip
    print(report.line())
    if report.error_samples:
        print("errors:", report.error_samples[:5])
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=2))
    failed = report.errors_shown or report.answers_lost or report.signed_out or report.store_unreachable
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
