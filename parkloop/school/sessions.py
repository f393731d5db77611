"""Class sessions in the shared store: a teacher's session, students known only by a nickname, answers.

Privacy by design (curriculum.md §4.3): the only thing a student types is a nickname or seat number; no
name, phone or school-ID field exists, nicknames that look like a phone or ID number (5+ digits once
spaces and punctuation are gone) are refused, and every row of a session is deleted with it — by the
teacher, or automatically ``class_retention_days`` after the session's last activity (a join, an answer,
a change of phase), so a post-visit quiz weeks later still finds its pre-visit quiz.

Identity: a student is bound to the **device** they joined on — a random token the page keeps in its
session and in a cookie (never in a URL); only a keyed hash of it is stored. The same nickname from
another device is refused unless the student types the short **rejoin word** shown at their first join
(stored hashed); the record then moves to the new device. Nicknames are compared after Unicode NFKC,
whitespace folding and case folding (:func:`nickname_key`: "Seat 3", "ｓｅａｔ　３" and "seat3" are one
nickname); look-alikes that still differ ("seat 3" in Cyrillic letters, "sea7 3") are not refused but
flagged to the teacher (:func:`lookalikes`).

Guessing: the join code is 6 characters from a 32-letter alphabet without look-alikes (32⁶ ≈ 1.07 × 10⁹
codes). Wrong codes and wrong rejoin words are counted **per client** in the store (shared by every
server process): per device (:data:`JOIN_DEVICE`) and, for clients with a network address, per address
(:data:`JOIN_NETWORK`, a backstop against scripts that drop their cookies). Guessing one of 50 live codes
from one address takes on average 1.07e9 / 50 / 100 per 10 minutes ≈ 4 years; a client that is held up
holds up nobody else, and a right code is never refused because of other clients' failures. Starting
sessions is limited the same way (:data:`START_DEVICE`, :data:`START_NETWORK`); the pages refuse it in
kiosk mode. A class holds at most ``class_max_students`` students.

The teacher's link carries the session id and a 128-bit secret; only the secret's SHA-256 is stored.
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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlite_utils

from parkloop import ratelimit
from parkloop.csvsafe import escape_cell as csv_cell
from parkloop.ratelimit import RateLimiter, SharedRateLimiter
from parkloop.store import writable_store

COMPONENT = "classes"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789L"  # no 0/O, 1/I: 32 letters that read aloud cleanly
CODE_LENGTH = 6
REJOIN_LENGTH = 4  # 32⁴ ≈ 10⁶ words per student, guessed no faster than join codes
NICKNAME_MAX = 20
SESSION_PHASES: tuple[str, ...] = ("pre", "onsite", "post", "ended")
ANSWER_PHASES: tuple[str, ...] = ("pre", "onsite", "post")
LIMITS_TABLE = "class_rate_events"
_DIGIT_RUN = re.compile(r"\d{5,}")
_CJK_DIGITS = str.maketrans("〇零一二两三四五六七八九", "001223456789")
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
"""The shape of a device token or teacher secret (``secrets.token_urlsafe``); anything else is ignored."""

__all__ = ["RateLimiter", "SharedRateLimiter", "csv_cell"]  # re-exported for tests and callers


class ClassError(ValueError):
    """Something a visitor did that cannot be accepted; ``code`` names it for the page's message."""

    def __init__(self, code: str, wait_s: float = 0.0) -> None:
        super().__init__(code)
        self.code = code
        self.wait_s = wait_s


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


@MIGRATIONS()
def m002_devices_activity_limits(db: sqlite_utils.Database) -> None:
    """Students bound to a device with a rejoin word; retention from the last activity; per-client limits
    shared by every process; the store's own key for hashing device tokens and addresses."""
    db.execute("ALTER TABLE class_students ADD COLUMN device_sha256 TEXT")
    db.execute("ALTER TABLE class_students ADD COLUMN rejoin_sha256 TEXT")
    db.execute("ALTER TABLE class_students ADD COLUMN lookalike_key TEXT")
    db.execute("ALTER TABLE class_sessions ADD COLUMN last_active_at REAL")
    db.execute(
        "UPDATE class_sessions SET last_active_at = max(created_at, coalesce(ended_at, 0), "
        "coalesce((SELECT max(answered_at) FROM class_answers a WHERE a.session_id = class_sessions.id), 0), "
        "coalesce((SELECT max(joined_at) FROM class_students s WHERE s.session_id = class_sessions.id), 0))"
    )
    db.execute("CREATE INDEX class_sessions_active ON class_sessions(last_active_at)")
    rows = db.execute("SELECT session_id, student_id, nickname FROM class_students").fetchall()
    taken: set[tuple[str, str]] = set()
    for session_id, student_id, nickname in rows:  # the keys as they are compared from now on
        key = nickname_key(nickname)
        new_key = key if (session_id, key) not in taken else None  # an old near-duplicate keeps its key
        taken.add((session_id, key))
        db.execute(
            "UPDATE class_students SET lookalike_key = ?, nickname_key = coalesce(?, nickname_key) "
            "WHERE session_id = ? AND student_id = ?",
            [lookalike_key(nickname), new_key, session_id, student_id],
        )
    ratelimit.create_table(db, LIMITS_TABLE)
    db.execute("CREATE TABLE class_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO class_keys VALUES ('client-hash', ?)", [secrets.token_hex(32)])


def open_store(path: Any = None) -> sqlite_utils.Database | None:
    """The migrated store, or None when it cannot be written (the page then says so)."""
    return writable_store(MIGRATIONS, path)


# --------------------------------------------------------------------------------------------
# pure helpers
# --------------------------------------------------------------------------------------------
def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalize_code(text: object, length: int = CODE_LENGTH) -> str | None:
    """A typed or scanned join code (or rejoin word) → canonical form, or None if it cannot be one."""
    if not isinstance(text, str) or len(text) > 32:
        return None
    code = unicodedata.normalize("NFKC", text).upper().replace(" ", "").replace("-", "")
    code = code.replace("0", "O").replace("1", "I")  # look-alikes are not in the alphabet anyway
    if len(code) != length or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def looks_like_number(text: str) -> bool:
    """Five or more digits in a row once spaces and punctuation are gone ("138-0013-8000", "一三八…")."""
    letters_and_digits = "".join(ch for ch in text.translate(_CJK_DIGITS) if ch.isalnum())
    return bool(_DIGIT_RUN.search(letters_and_digits))


def sanitize_nickname(text: object) -> str:
    """A nickname safe to store and show: NFKC, no control or format characters, single spaces, at most
    20 characters. Raises :class:`ClassError` ``nickname-empty`` or ``nickname-number``.

    HTML, script, Markdown or formula text is kept as typed (it is shown as plain text and escaped in the
    CSV): refusing it would only teach children that some words are forbidden."""
    if not isinstance(text, str):
        raise ClassError("nickname-empty")
    cleaned = unicodedata.normalize("NFKC", text[:200])
    cleaned = "".join(
        " " if ch.isspace() else ch for ch in cleaned if unicodedata.category(ch)[0] != "C" or ch.isspace()
    )
    cleaned = " ".join(cleaned.split())[:NICKNAME_MAX].strip()
    if not cleaned:
        raise ClassError("nickname-empty")
    if looks_like_number(cleaned):
        raise ClassError("nickname-number")  # looks like a phone or school-ID number
    return cleaned


def nickname_key(nickname: str) -> str:
    """What makes two nicknames the same: NFKC, no whitespace or invisible characters, case folded."""
    text = unicodedata.normalize("NFKC", nickname)
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")
    return unicodedata.normalize("NFKC", text.casefold())


# Letters and digits that read as another (Cyrillic, Greek, digits for letters), for lookalike_key.
_CONFUSABLE = str.maketrans(
    {
        **dict.fromkeys("аɑα", "a"), **dict.fromkeys("вβ", "b"), **dict.fromkeys("сϲς", "c"),
        "ԁ": "d", **dict.fromkeys("еεё", "e"), "һ": "h", **dict.fromkeys("іιӏ|!ǀ", "l"), "ј": "j",
        **dict.fromkeys("кκ", "k"), **dict.fromkeys("мμ", "m"), **dict.fromkeys("нη", "n"),
        **dict.fromkeys("оοσ0", "o"), **dict.fromkeys("рρ", "p"), "ԛ": "q", "ѕ": "s", "5": "s",
        **dict.fromkeys("тτ7", "t"), **dict.fromkeys("υу", "y"), **dict.fromkeys("ѵν", "v"),
        **dict.fromkeys("хχ", "x"), "ԝ": "w", "1": "l", "i": "l", "2": "z", "8": "b",
    }
)  # fmt: skip


def lookalike_key(nickname: str) -> str:
    """The nickname's shape: accents, punctuation and case gone, look-alike letters and digits merged
    ("Sеat-3" in Cyrillic, "seat 3", "5eat3" share one), so the teacher can be told about look-alikes."""
    text = unicodedata.normalize("NFKD", nickname_key(nickname))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")
    text = text.translate(_CONFUSABLE)
    return text.replace("rn", "m").replace("vv", "w").replace("cl", "d")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _client_hash(db: sqlite_utils.Database, kind: str, value: str) -> str:
    """A keyed hash of a device token or network address: what the store keeps instead of either."""
    key = db.execute("SELECT value FROM class_keys WHERE name = 'client-hash'").fetchone()[0]
    return hmac.new(bytes.fromhex(key), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------------------------
# clients and their limits
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Client:
    """Who is asking: this browser's device token and, when known, its network address."""

    device: str
    network: str | None = None


def client_address(direct: str | None, forwarded: Iterable[str] = ()) -> str | None:
    """The address rate limits count a client by: the connection's own (``direct``; Streamlit gives
    ``None`` for this machine), else — a connection from this machine is ``make serve``'s Caddy, which
    replaces any ``X-Forwarded-For`` a client sent with the client's address — the last forwarded entry;
    ``None`` for this machine itself (a kiosk, a developer)."""
    if direct:
        return str(direct)[:64]
    entries = [part.strip() for value in forwarded for part in str(value).split(",")]
    return (entries[-1][:64] or None) if entries else None


@dataclass(frozen=True)
class Limits:
    """A per-device and a per-address :class:`SharedRateLimiter`, checked and counted together."""

    device: SharedRateLimiter
    network: SharedRateLimiter

    def _pairs(self, db: sqlite_utils.Database, client: Client) -> list[tuple[SharedRateLimiter, str]]:
        pairs = [(self.device, _client_hash(db, "device", client.device))]
        if client.network:
            pairs.append((self.network, _client_hash(db, "network", client.network)))
        return pairs

    def wait_s(self, db: sqlite_utils.Database, client: Client, now: float | None = None) -> float:
        return max(limiter.wait_s(db, key, now) for limiter, key in self._pairs(db, client))

    def hit(self, db: sqlite_utils.Database, client: Client, now: float | None = None) -> None:
        for limiter, key in self._pairs(db, client):
            limiter.hit(db, key, now)

    def check(self, db: sqlite_utils.Database, client: Client, code: str, now: float | None = None) -> None:
        """Raise :class:`ClassError` ``code`` (with the wait) if ``client`` must wait."""
        wait = self.wait_s(db, client, now)
        if wait > 0:
            raise ClassError(code, wait_s=wait)

    def reset(self, db: sqlite_utils.Database | None = None) -> None:
        """Forget every client's events (tests); ``db`` defaults to the configured store."""
        store = db if db is not None else open_store()
        if store is not None:
            self.device.reset(store)
            self.network.reset(store)


JOIN_DEVICE = SharedRateLimiter("join-device", limit=10, window_s=300.0, table=LIMITS_TABLE)
"""Wrong codes or rejoin words one device may try in 5 minutes (a child mistyping has room)."""
JOIN_NETWORK = SharedRateLimiter("join-network", limit=100, window_s=600.0, table=LIMITS_TABLE)
"""Wrong codes or rejoin words one network address may try in 10 minutes (a class behind one router)."""
START_DEVICE = SharedRateLimiter("start-device", limit=5, window_s=3600.0, table=LIMITS_TABLE)
START_NETWORK = SharedRateLimiter("start-network", limit=30, window_s=3600.0, table=LIMITS_TABLE)
JOIN_LIMIT = Limits(JOIN_DEVICE, JOIN_NETWORK)
START_LIMIT = Limits(START_DEVICE, START_NETWORK)


@contextmanager
def _write(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction that takes the write lock first, so a check and its insert cannot race
    another process (the busy timeout makes the other wait)."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


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
    last_active_at: float | None = None

    @property
    def active_at(self) -> float:
        """When the session was last used (a join, an answer, a change of phase): retention counts from it."""
        return self.last_active_at if self.last_active_at is not None else self.created_at


def _session(row: dict[str, Any]) -> Session:
    return Session(
        row["id"],
        row["code"],
        row["module"],
        row["lang"],
        row["phase"],
        row["created_at"],
        row["ended_at"],
        row.get("last_active_at"),
    )


def start_session(
    db: sqlite_utils.Database,
    module: str,
    lang: str,
    now: float | None = None,
    *,
    client: Client | None = None,
    limits: Limits = START_LIMIT,
) -> tuple[Session, str]:
    """A new session for ``module`` → (session, teacher secret). The secret is shown once, never stored.
    With a ``client`` (the pages always pass one) raises :class:`ClassError` ``start-limited`` when that
    client has started too many sessions lately."""
    created = time.time() if now is None else now
    if client is not None:
        limits.check(db, client, "start-limited", created)
    secret = secrets.token_urlsafe(16)
    for _ in range(20):
        session_id, code = secrets.token_urlsafe(12), new_code()
        try:
            with db.conn:
                db.execute(
                    "INSERT INTO class_sessions (id, code, secret_sha256, module, lang, phase, created_at, "
                    "last_active_at) VALUES (?, ?, ?, ?, ?, 'pre', ?, ?)",
                    [session_id, code, _hash(secret), module, lang, created, created],
                )
        except Exception as error:  # a code collision (1 in 10⁹ per live session): draw again
            if "UNIQUE" not in str(error):
                raise
            continue
        if client is not None:
            limits.hit(db, client, created)
        return Session(session_id, code, module, lang, "pre", created, None, created), secret
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


def get_session(db: sqlite_utils.Database, session_id: object) -> Session | None:
    if not isinstance(session_id, str) or len(session_id) > 64:
        return None
    rows = list(db.query("SELECT * FROM class_sessions WHERE id = ?", [session_id]))
    return _session(rows[0]) if rows else None


def _touch(db: sqlite_utils.Database, session_id: str, moment: float) -> None:
    db.execute(
        "UPDATE class_sessions SET last_active_at = max(coalesce(last_active_at, 0), ?) WHERE id = ?",
        [moment, session_id],
    )


def set_phase(
    db: sqlite_utils.Database,
    session_id: str,
    phase: str,
    now: float | None = None,
    *,
    expected: str | None = None,
) -> bool:
    """Open the pre-visit quiz, the on-site questions or the post-visit quiz; ``ended`` closes the session.

    With ``expected`` (the phase the teacher saw when they acted), the change is made only if the session
    is still in that phase: a stale tab never overrides a change made in another. Returns whether it was
    made."""
    if phase not in SESSION_PHASES:
        raise ClassError("phase")
    moment = time.time() if now is None else now
    ended = moment if phase == "ended" else None
    with db.conn:
        cursor = db.execute(
            "UPDATE class_sessions SET phase = ?, ended_at = ?, "
            "last_active_at = max(coalesce(last_active_at, 0), ?) WHERE id = ? AND (? IS NULL OR phase = ?)",
            [phase, ended, moment, session_id, expected, expected],
        )
    return cursor.rowcount == 1


# --------------------------------------------------------------------------------------------
# students
# --------------------------------------------------------------------------------------------
class Joined(NamedTuple):
    """A student in a session; ``rejoin_word`` only at their first join (shown once, stored hashed)."""

    session: Session
    student: str
    nickname: str
    rejoin_word: str | None = None


def _rejoin_hash(session_id: str, word: str) -> str:
    return _hash(f"{session_id}:{word}")


def _open_session_by_code(db: sqlite_utils.Database, code_text: object) -> Session | None:
    code = normalize_code(code_text)
    if not code:
        return None
    rows = list(db.query("SELECT * FROM class_sessions WHERE code = ? AND phase != 'ended'", [code]))
    return _session(rows[0]) if rows else None


def max_students() -> int:
    from parkloop import settings

    return int(settings.get("class_max_students"))


def join(
    db: sqlite_utils.Database,
    code_text: object,
    nickname_text: object,
    client: Client,
    *,
    rejoin_word: object = None,
    limits: Limits = JOIN_LIMIT,
    capacity: int | None = None,
    now: float | None = None,
) -> Joined:
    """Join the session of ``code_text`` as ``nickname_text`` from ``client``'s device.

    A new nickname makes a new student bound to this device, with a rejoin word. A nickname already in
    the class (:func:`nickname_key`) continues as that student on the device they joined on, or on
    another device with their rejoin word (the record then moves to this device). Raises
    :class:`ClassError`: ``rate-limited`` (this client must wait), ``code`` (no such open session),
    ``nickname-empty``, ``nickname-number``, ``nickname-taken`` (without the rejoin word),
    ``rejoin-word`` (a wrong one), ``full`` (``class_max_students`` reached)."""
    moment = time.time() if now is None else now
    limits.check(db, client, "rate-limited", moment)
    session = _open_session_by_code(db, code_text)
    if session is None:
        limits.hit(db, client, moment)
        raise ClassError("code")
    nickname = sanitize_nickname(nickname_text)
    key = nickname_key(nickname)
    device = _client_hash(db, "device", client.device)
    word = normalize_code(rejoin_word, REJOIN_LENGTH) if rejoin_word else None
    with _write(db):
        rows = db.execute(
            "SELECT student_id, nickname, device_sha256, rejoin_sha256 FROM class_students "
            "WHERE session_id = ? AND nickname_key = ?",
            [session.id, key],
        ).fetchall()
        if rows:
            student, stored_name, bound, rejoin = rows[0]
            if bound is not None and hmac.compare_digest(bound, device):
                _touch(db, session.id, moment)
                return Joined(session, student, stored_name)
            if (
                rejoin is None
                or word is None
                or not hmac.compare_digest(rejoin, _rejoin_hash(session.id, word))
            ):
                failed = "rejoin-word" if rejoin_word else "nickname-taken"
            else:
                db.execute(
                    "UPDATE class_students SET device_sha256 = ? WHERE session_id = ? AND student_id = ?",
                    [device, session.id, student],
                )
                _touch(db, session.id, moment)
                return Joined(session, student, stored_name)
        else:
            count = db.execute(
                "SELECT count(*) FROM class_students WHERE session_id = ?", [session.id]
            ).fetchone()[0]
            if count >= (max_students() if capacity is None else capacity):
                raise ClassError("full")
            student, new_word = secrets.token_urlsafe(9), new_code(REJOIN_LENGTH)
            db.execute(
                "INSERT INTO class_students (session_id, student_id, nickname, nickname_key, joined_at, "
                "device_sha256, rejoin_sha256, lookalike_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    session.id, student, nickname, key, moment, device,
                    _rejoin_hash(session.id, new_word), lookalike_key(nickname),
                ],
            )  # fmt: skip
            _touch(db, session.id, moment)
            return Joined(session, student, nickname, new_word)
    if failed == "rejoin-word":  # a guess at someone's word counts like a guess at a code
        limits.hit(db, client, moment)
    raise ClassError(failed)


def is_member(db: sqlite_utils.Database, session_id: str, student_id: str, device: str) -> bool:
    """``student_id`` is in the session and bound to ``device`` (a device token): a record that moved to
    another device with the rejoin word is no longer this device's."""
    rows = db.execute(
        "SELECT device_sha256 FROM class_students WHERE session_id = ? AND student_id = ?",
        [session_id, student_id],
    ).fetchall()
    return (
        bool(rows)
        and rows[0][0] is not None
        and hmac.compare_digest(rows[0][0], _client_hash(db, "device", device))
    )


def lookalikes(db: sqlite_utils.Database, session_id: str) -> list[list[str]]:
    """Groups of two or more different nicknames of the session that look alike (for the teacher)."""
    groups: dict[str, list[str]] = {}
    for row in db.query(
        "SELECT nickname, lookalike_key FROM class_students WHERE session_id = ? ORDER BY joined_at",
        [session_id],
    ):
        if row["lookalike_key"]:
            groups.setdefault(row["lookalike_key"], []).append(row["nickname"])
    return [names for names in groups.values() if len(names) > 1]


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
    """Record (or replace) one answer, in one write transaction with its check and the session's
    activity time. Raises :class:`ClassError` ``closed`` if the session has ended or is gone, ``phase``
    for an unknown phase; ``sqlite3.OperationalError`` (:func:`parkloop.store.is_busy`) when the store
    stayed busy past the store's wait — then nothing was written."""
    answer = (choice, json.dumps(params, sort_keys=True) if params is not None else None, value)
    _save(db, session_id, student_id, phase, {question: answer}, now)


def save_answers(
    db: sqlite_utils.Database,
    session_id: str,
    student_id: str,
    phase: str,
    choices: Mapping[str, str | None],
    *,
    now: float | None = None,
) -> int:
    """Record (or replace) a whole form of choice answers ``{question: option}`` (``None``: not
    answered, skipped) in **one** write transaction: all of them are saved or, when the store is busy
    past its wait or the session has closed, none. Returns how many were saved; raises like
    :func:`save_answer`."""
    answers = {q: (choice, None, None) for q, choice in choices.items() if choice is not None}
    return _save(db, session_id, student_id, phase, answers, now)


def _save(
    db: sqlite_utils.Database,
    session_id: str,
    student_id: str,
    phase: str,
    answers: Mapping[str, tuple[str | None, str | None, float | None]],
    now: float | None,
) -> int:
    """``{question: (choice, params JSON, value)}`` with the session's check and touch, one transaction."""
    if phase not in ANSWER_PHASES:
        raise ClassError("phase")
    answered = time.time() if now is None else now
    conn = db.conn
    with _write(db):
        row = conn.execute("SELECT phase FROM class_sessions WHERE id = ?", [session_id]).fetchone()
        if row is None or row[0] == "ended":
            raise ClassError("closed")
        conn.executemany(
            "INSERT OR REPLACE INTO class_answers "
            "(session_id, student_id, question, phase, choice, params, value, "
            "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (session_id, student_id, question, phase, choice, params, value, answered)
                for question, (choice, params, value) in answers.items()
            ],
        )
        conn.execute(
            "UPDATE class_sessions SET last_active_at = max(coalesce(last_active_at, 0), ?) WHERE id = ?",
            [answered, session_id],
        )
    return len(answers)


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
    """Nicknames in joining order (raw text: show it as plain text, never as Markdown)."""
    return [
        r["nickname"]
        for r in db.query(
            "SELECT nickname FROM class_students WHERE session_id = ? ORDER BY joined_at, nickname",
            [session_id],
        )
    ]


def participant_count(db: sqlite_utils.Database, session_id: str) -> int:
    return db.execute("SELECT count(*) FROM class_students WHERE session_id = ?", [session_id]).fetchone()[0]


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


def retention_setting_days() -> float:
    """The ``class_retention_days`` setting [days]."""
    from parkloop import settings

    return float(settings.get("class_retention_days"))


def deletion_time(session: Session, days: float | None = None) -> float:
    """When :func:`prune` will delete ``session`` if nobody uses it again [Unix time]."""
    return session.active_at + (retention_setting_days() if days is None else days) * 86400


def prune(db: sqlite_utils.Database, retention_days: float | None = None, now: float | None = None) -> int:
    """Delete sessions whose last activity is more than ``retention_days`` ago (default: the
    ``class_retention_days`` setting); return how many went."""
    days = retention_setting_days() if retention_days is None else retention_days
    cutoff = (time.time() if now is None else now) - days * 86400
    old = [
        r["id"]
        for r in db.query(
            "SELECT id FROM class_sessions WHERE coalesce(last_active_at, created_at) < ?", [cutoff]
        )
    ]
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
