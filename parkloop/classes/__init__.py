"""Class sessions: join codes, nicknames, answers and the teacher's dashboard (issue: lessons).

The store API is :mod:`parkloop.classes.sessions`; the numbers the dashboard draws are computed by
:mod:`parkloop.classes.results` (pure, tested without Streamlit).
"""

from parkloop.classes.sessions import (
    ANSWER_PHASES,
    JOIN_LIMIT,
    MIGRATIONS,
    SESSION_PHASES,
    ClassError,
    RateLimiter,
    Session,
    all_answers,
    csv_cell,
    delete_session,
    export_csv,
    get_session,
    is_member,
    join,
    normalize_code,
    open_store,
    participants,
    prune,
    sanitize_nickname,
    save_answer,
    set_phase,
    start_session,
    student_answers,
    teacher_session,
)

__all__ = [
    "ANSWER_PHASES",
    "JOIN_LIMIT",
    "MIGRATIONS",
    "SESSION_PHASES",
    "ClassError",
    "RateLimiter",
    "Session",
    "all_answers",
    "csv_cell",
    "delete_session",
    "export_csv",
    "get_session",
    "is_member",
    "join",
    "normalize_code",
    "open_store",
    "participants",
    "prune",
    "sanitize_nickname",
    "save_answer",
    "set_phase",
    "start_session",
    "student_answers",
    "teacher_session",
]
