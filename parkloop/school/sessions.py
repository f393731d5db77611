"""Class sessions in the shared store: a teacher's session, students known only by a nickname, answers.

Privacy by design (curriculum.md §4.3): the only thing a student types is a nickname or seat number; no
name, phone or school-ID field exists, nicknames that look like a phone or ID number (5+ digits) are
refused, and every row of a session is deleted with it — by the teacher, or automatically after
``class_retention_days``.

Security: the join code is 6 characters from a 32-letter alphabet without look-alikes (32⁶ ≈ 1.07 × 10⁹
codes); failed joins are rate-limited per server process (:data:`JOIN_LIMIT`), so guessing one of, say,
50 live codes takes on average 1.07e9 / 50 / 30 per minute ≈ 1.4 years of guessing. The teacher's link
carries the session id and a 128-bit secret; only the secret's SHA-256 is stored.

Answers are keyed by (session, student, question, phase) and written with INSERT OR REPLACE, so a second
submission of the same answer replaces the first: a double tap or a network retry never counts twice.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
import secrets
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from parkloop.csvsafe import escape_cell as csv_cell
from parkloop.ratelimit import RateLimiter
from parkloop.store import writable_store

COMPONENT = "classes"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789L"  # no 0/O, 1/I: 32 letters that read aloud cleanly
CODE_LENGTH = 6
NICKNAME_MAX = 20
SESSION_PHASES: tuple[str, ...] = ("pre", "onsite", "post", "ended")
ANSWER_PHASES: tuple[str, ...] = ("pre", "onsite", "post")
_DIGIT_RUN = re.compile(r"\d{5,}")


class ClassError(ValueError):
    """Something a visitor did that cannot be accepted; ``code`` names it for the page's message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


MIGRATIONS = sqlite_utils.Migrations(COMPONENT)
"""The class tables' schema steps (:func:`parkloop.store.migrate`); released steps are never edited."""


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE class_sessions (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, "
        "secret_sha256 TEXT NOT NULL, "
        "module TEXT NOT NULL, lang TEXT NOT NULL, phase TEXT NOT NULL DEFAULT 'pre', "
        "created_at REAL NOT NULL, ended_at REAL)"
    )
    db.execute(
        "CREATE TABLE class_students ("
        "session_id TEXT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE, "
        "student_id TEXT NOT NULL, nickname TEXT NOT NULL, nickname_key TEXT NOT NULL, "
        "joined_at REAL NOT NULL, "
        "PRIMARY KEY (session_id, student_id), UNIQUE (session_id, nickname_key))"
    )
    db.execute(
        "CREATE TABLE class_answers (session_id TEXT NOT NULL, student_id TEXT NOT NULL, "
        "question TEXT NOT NULL, "
        "phase TEXT NOT NULL, choice TEXT, params TEXT, value REAL, answered_at REAL NOT NULL, "
        "PRIMARY KEY (session_id, student_id, question, phase), "
        "FOREIGN KEY (session_id, student_id) REFERENCES class_students(session_id, student_id) "
        "ON DELETE CASCADE)"
    )
    db.execute("CREATE INDEX class_sessions_created ON class_sessions(created_at)")


def open_store(path: Any = None) -> sqlite_utils.Database | None:
    """The migrated store, or None when it cannot be written (the page then says so)."""
    return writable_store(MIGRATIONS, path)


# --------------------------------------------------------------------------------------------
# pure helpers
# --------------------------------------------------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: object) -> str | None:
    """A typed or scanned join code → canonical form, or None if it cannot be one (never raises)."""
    if not isinstance(text, str) or len(text) > 32:
        return None
    code = unicodedata.normalize("NFKC", text).upper().replace(" ", "").replace("-", "")
    code = code.replace("0", "O").replace("1", "I")  # look-alikes are not in the alphabet anyway
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def sanitize_nickname(text: object) -> str:
    """A nickname safe to store and show: NFKC, no control or format characters, single spaces, at most
    20 characters. Raises :class:`ClassError` ``nickname-empty`` or ``nickname-number``.

    HTML, script or formula text is kept as typed (it is escaped on display and in the CSV): refusing it
    would only teach children that some words are forbidden."""
    if not isinstance(text, str):
        raise ClassError("nickname-empty")
    cleaned = unicodedata.normalize("NFKC", text[:200])
    cleaned = "".join(
        " " if ch.isspace() else ch for ch in cleaned if unicodedata.category(ch)[0] != "C" or ch.isspace()
    )
    cleaned = " ".join(cleaned.split())[:NICKNAME_MAX].strip()
    if not cleaned:
        raise ClassError("nickname-empty")
    if _DIGIT_RUN.search(cleaned.replace(" ", "")):
        raise ClassError("nickname-number")  # looks like a phone or school-ID number
    return cleaned


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


JOIN_LIMIT = RateLimiter(limit=30, window_s=60.0)
"""Failed join attempts allowed per minute in this server process (all visitors together)."""


# --------------------------------------------------------------------------------------------
# sessions
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Session:
    id: str
    code: str
    module: str
    lang: str
    phase: str
    created_at: float
    ended_at: float | None


def _session(row: dict[str, Any]) -> Session:
    return Session(
        row["id"], row["code"], row["module"], row["lang"], row["phase"], row["created_at"], row["ended_at"]
    )


def start_session(
    db: sqlite_utils.Database, module: str, lang: str, now: float | None = None
) -> tuple[Session, str]:
    """A new session for ``module`` → (session, teacher secret). The secret is shown once, never stored."""
    secret = secrets.token_urlsafe(16)
    created = time.time() if now is None else now
    for _ in range(20):
        session_id, code = secrets.token_urlsafe(12), new_code()
        try:
            with db.conn:
                db.execute(
                    "INSERT INTO class_sessions (id, code, secret_sha256, module, lang, phase, created_at) "
                    "VALUES (?, ?, ?, ?, ?, 'pre', ?)",
                    [session_id, code, _hash(secret), module, lang, created],
                )
            return Session(session_id, code, module, lang, "pre", created, None), secret
        except Exception as error:  # a code collision (1 in 10⁹ per live session): draw again
            if "UNIQUE" not in str(error):
                raise
    raise RuntimeError("could not draw a free join code")


def teacher_session(db: sqlite_utils.Database, session_id: object, secret: object) -> Session | None:
    """The session if ``secret`` is its teacher secret, else None (no hint which part was wrong)."""
    if (
        not isinstance(session_id, str)
        or not isinstance(secret, str)
        or len(session_id) > 64
        or len(secret) > 64
    ):
        return None
    rows = list(db.query("SELECT * FROM class_sessions WHERE id = ?", [session_id]))
    if not rows or not hmac.compare_digest(rows[0]["secret_sha256"], _hash(secret)):
        return None
    return _session(rows[0])


def get_session(db: sqlite_utils.Database, session_id: str) -> Session | None:
    rows = list(db.query("SELECT * FROM class_sessions WHERE id = ?", [session_id]))
    return _session(rows[0]) if rows else None


def set_phase(db: sqlite_utils.Database, session_id: str, phase: str, now: float | None = None) -> None:
    """Open the pre-visit quiz, the on-site questions or the post-visit quiz; ``ended`` closes the session."""
    if phase not in SESSION_PHASES:
        raise ClassError("phase")
    ended = (time.time() if now is None else now) if phase == "ended" else None
    with db.conn:
        db.execute(
            "UPDATE class_sessions SET phase = ?, ended_at = ? WHERE id = ?", [phase, ended, session_id]
        )


def join(
    db: sqlite_utils.Database,
    code_text: object,
    nickname_text: object,
    student_id: str | None = None,
    limiter: RateLimiter = JOIN_LIMIT,
    now: float | None = None,
) -> tuple[Session, str, str]:
    """Join the session of ``code_text`` as ``nickname_text`` → (session, student id, nickname).

    The same nickname again rejoins as the same student (back in class after the visit, another device).
    Raises :class:`ClassError`: ``rate-limited``, ``code`` (no such open session), ``nickname-empty``,
    ``nickname-number``."""
    if limiter.blocked():
        raise ClassError("rate-limited")
    code = normalize_code(code_text)
    rows = (
        list(db.query("SELECT * FROM class_sessions WHERE code = ? AND phase != 'ended'", [code]))
        if code
        else []
    )
    if not rows:
        limiter.failure()
        raise ClassError("code")
    session = _session(rows[0])
    nickname = sanitize_nickname(nickname_text)
    key = nickname.casefold()
    joined = time.time() if now is None else now
    with db.conn:
        existing = list(
            db.query(
                "SELECT student_id FROM class_students WHERE session_id = ? AND nickname_key = ?",
                [session.id, key],
            )
        )
        if existing:
            return session, existing[0]["student_id"], nickname
        new_id = student_id or secrets.token_urlsafe(9)
        db.execute(
            "INSERT INTO class_students (session_id, student_id, nickname, nickname_key, joined_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [session.id, new_id, nickname, key, joined],
        )
    return session, new_id, nickname


def is_member(db: sqlite_utils.Database, session_id: str, student_id: str) -> bool:
    return bool(
        list(
            db.query(
                "SELECT 1 FROM class_students WHERE session_id = ? AND student_id = ?",
                [session_id, student_id],
            )
        )
    )


def save_answer(
    db: sqlite_utils.Database,
    session_id: str,
    student_id: str,
    question: str,
    phase: str,
    *,
    choice: str | None = None,
    params: dict[str, float] | None = None,
    value: float | None = None,
    now: float | None = None,
) -> None:
    """Record (or replace) one answer. Raises :class:`ClassError` ``closed`` if the session has ended or
    is gone, ``phase`` for an unknown phase."""
    if phase not in ANSWER_PHASES:
        raise ClassError("phase")
    answered = time.time() if now is None else now
    with db.conn:
        rows = list(db.query("SELECT phase FROM class_sessions WHERE id = ?", [session_id]))
        if not rows or rows[0]["phase"] == "ended":
            raise ClassError("closed")
        db.execute(
            "INSERT OR REPLACE INTO class_answers "
            "(session_id, student_id, question, phase, choice, params, value, "
            "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                session_id,
                student_id,
                question,
                phase,
                choice,
                json.dumps(params, sort_keys=True) if params is not None else None,
                value,
                answered,
            ],
        )


def student_answers(
    db: sqlite_utils.Database, session_id: str, student_id: str
) -> dict[tuple[str, str], dict]:
    """One student's own answers {(question, phase): row} — the only answers a student page reads."""
    rows = db.query(
        "SELECT question, phase, choice, params, value FROM class_answers "
        "WHERE session_id = ? AND student_id = ?",
        [session_id, student_id],
    )
    return {(r["question"], r["phase"]): r for r in rows}


def participants(db: sqlite_utils.Database, session_id: str) -> list[str]:
    """Nicknames in joining order (raw text: escape before showing)."""
    return [
        r["nickname"]
        for r in db.query(
            "SELECT nickname FROM class_students WHERE session_id = ? ORDER BY joined_at, nickname",
            [session_id],
        )
    ]


def all_answers(db: sqlite_utils.Database, session_id: str) -> list[dict[str, Any]]:
    """Every answer of the session with the student's nickname (for the teacher's dashboard and CSV)."""
    rows = db.query(
        "SELECT s.nickname, a.student_id, a.question, a.phase, a.choice, a.params, a.value "
        "FROM class_answers a "
        "JOIN class_students s USING (session_id, student_id) WHERE a.session_id = ? ORDER BY s.joined_at",
        [session_id],
    )
    out = []
    for row in rows:
        row = dict(row)
        row["params"] = json.loads(row["params"]) if row["params"] else None
        out.append(row)
    return out


def delete_session(db: sqlite_utils.Database, session_id: str) -> None:
    """Remove the session, its students and their answers (cascade; answers deleted explicitly too)."""
    with db.conn:
        db.execute("DELETE FROM class_answers WHERE session_id = ?", [session_id])
        db.execute("DELETE FROM class_students WHERE session_id = ?", [session_id])
        db.execute("DELETE FROM class_sessions WHERE id = ?", [session_id])


def prune(db: sqlite_utils.Database, retention_days: float | None = None, now: float | None = None) -> int:
    """Delete sessions created more than ``retention_days`` ago (default: the ``class_retention_days``
    setting); return how many went."""
    if retention_days is None:
        from parkloop import settings

        retention_days = float(settings.get("class_retention_days"))
    cutoff = (time.time() if now is None else now) - retention_days * 86400
    old = [r["id"] for r in db.query("SELECT id FROM class_sessions WHERE created_at < ?", [cutoff])]
    for session_id in old:
        delete_session(db, session_id)
    return len(old)


# --------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------
def export_csv(
    db: sqlite_utils.Database, session_id: str, columns: Iterable[tuple[str, str]] | None = None
) -> str:
    """The session's results as CSV: one row per student, ``nickname`` then one column per
    (question, phase) answer — nothing else about a student. A model answer takes two columns: the number
    and the chosen settings (``key=value; …``)."""
    answers = all_answers(db, session_id)
    names = participants(db, session_id)
    if columns is None:
        columns = sorted(
            {(a["question"], a["phase"]) for a in answers}, key=lambda c: (ANSWER_PHASES.index(c[1]), c[0])
        )
    columns = list(columns)
    by_student: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for a in answers:
        by_student.setdefault(a["nickname"], {})[(a["question"], a["phase"])] = a
    model_columns = {(a["question"], a["phase"]) for a in answers if a["choice"] is None}
    header = ["nickname"]
    for q, phase in columns:
        header.append(f"{phase}:{q}")
        if (q, phase) in model_columns:
            header.append(f"{phase}:{q}:settings")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for nickname in names:
        row: list[object] = [nickname]
        mine = by_student.get(nickname, {})
        for column in columns:
            a = mine.get(column)
            if column in model_columns:
                settings = "; ".join(f"{k}={v:g}" for k, v in sorted(((a or {}).get("params") or {}).items()))
                row += [None if a is None else a["value"], settings]
            else:
                row.append(None if a is None else a["choice"])
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()
