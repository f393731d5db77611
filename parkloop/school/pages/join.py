"""Page "join": a student joins a class session (``/join?code=CODE`` from the QR code) with a nickname or
seat number only, then answers the part the teacher has opened. A student only ever reads their own
answers, and only on the device they joined on (a random token in session state and a cookie; on a
kiosk in session state only); on another device they type the rejoin word shown at their first join.
Store and rules: parkloop.school.sessions; words: classes.po.

URL keys: ``code`` the session's join code (from the QR code; the student may also type it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import streamlit as st

from parkloop import settings, store
from parkloop.content import t, tn
from parkloop.i18n import format_quantity
from parkloop.school import dashboard, results
from parkloop.school import sessions as classes
from parkloop.school.dashboard import question_use
from parkloop.school.lessons import Module, Question, get_module, model_checks, model_value
from parkloop.ui import session as session_ui
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import escape_md, figure
from parkloop.ui.state import current_mode

PAGE = "join"
STATE = "parkloop-class-student"  # {"session": id, "student": id, "nickname": str, "word": str | None}
SAVED = "parkloop-class-saved"  # what the last "save" press did: (kind, detail), shown once

Answers = dict[tuple[str, str], dict[str, Any]]


def _device(mode: str) -> str:
    """This browser's device token; a kiosk keeps it for its session only (the next child is another)."""
    return session_ui.device_token(remember=mode != "kiosk", max_age_s=_cookie_age_s())


def _cookie_age_s() -> int:
    return int(float(settings.get("class_retention_days")) * 86400)


def _member(db: Any, device: str) -> dict[str, Any] | None:
    """This browser's place in a session, if the session still knows it on this device. The place is
    dropped only when the store *answers* that this device is not a member — never because the store
    could not be opened or was busy (the page then says "try again" and the student stays signed in)."""
    member = st.session_state.get(STATE)
    if not member or db is None:
        return member
    try:
        known = classes.is_member(db, member["session"], member["student"], device)
    except sqlite3.OperationalError:
        return member  # a busy store is no answer
    if not known:
        st.session_state.pop(STATE, None)
        return None
    return member


def _busy(lang: str) -> None:
    """The store stayed busy past its wait: nothing was saved, the form keeps what was typed or picked."""
    st.warning(t("classes.error.busy", lang))


def _join_error(error: classes.ClassError, lang: str) -> None:
    minutes = dashboard.wait_minutes(error.wait_s)
    st.error(
        tn(
            f"classes.error.{error.code}",
            minutes,
            lang,
            minutes=minutes,
            count=settings.get("class_max_students"),
        )
    )


def _join_form(db: Any, lang: str, device: str) -> None:
    """The code (prefilled from the QR code), a nickname and, for a student back on another device, the
    rejoin word; joining reruns the page as a member."""
    prefilled = classes.normalize_code(st.query_params.get("code")) or ""
    with st.form("join-form"):
        code = st.text_input(
            t("classes.code", lang),
            value=prefilled,
            max_chars=8,
            help=t("classes.code_help", lang),
            key="join-code",
        )
        nickname = st.text_input(
            t("classes.nickname", lang), max_chars=classes.NICKNAME_MAX, key="join-nickname"
        )
        st.caption(t("classes.nickname_help", lang))
        with st.expander(t("classes.rejoin_heading", lang)):
            word = st.text_input(t("classes.rejoin_word", lang), max_chars=8, key="join-rejoin")
            st.caption(t("classes.rejoin_help", lang))
        submitted = st.form_submit_button(t("classes.join", lang), type="primary", key="join-submit")
    if submitted:
        client = classes.Client(device, session_ui.network_address())
        try:
            joined = classes.join(db, code, nickname, client, rejoin_word=word or None)
        except classes.ClassError as error:
            _join_error(error, lang)
        except sqlite3.OperationalError as error:
            if not store.is_busy(error):
                raise
            _busy(lang)
        else:
            st.session_state[STATE] = {
                "session": joined.session.id,
                "student": joined.student,
                "nickname": joined.nickname,
                "word": joined.rejoin_word,
            }
            st.rerun()
    st.caption(t("classes.privacy", lang, days=settings.get("class_retention_days")))


def _rejoin_word(member: dict[str, Any], lang: str) -> None:
    """The rejoin word, shown on the device that first joined (it is stored only as a hash)."""
    if not member.get("word"):
        return
    with st.container(border=True):
        st.markdown(f"**{t('classes.rejoin_yours', lang)}**")
        st.html(
            dashboard.plain_html(
                member["word"],
                element_id="parkloop-rejoin-word",
                style="font-size:2.5rem;font-weight:700;letter-spacing:0.3em;margin:0",
            )
        )
        st.caption(t("classes.rejoin_keep", lang))


@st.fragment(run_every=5)
def _watch_phase(db: Any, session_id: str, shown: str) -> None:
    """Reruns the page when the teacher opens another part, so new questions appear by themselves."""
    current = classes.get_session(db, session_id)
    if current is None or current.phase != shown:
        st.rerun(scope="app")


def _choice_form(
    db: Any,
    questions: list[Question],
    module: Module,
    member: dict[str, Any],
    phase: str,
    mine: Answers,
    lang: str,
) -> None:
    """The choice questions of this part in one form, each with its options in this student's own order
    (seeded by their record, so it stays put across reruns and devices); "save" saves them all."""
    with st.form(f"answers-{phase}"):
        for number, q in enumerate(questions, start=1):
            options = dashboard.student_options(module, q, member["student"], lang)
            previous = (mine.get((q.id, phase)) or {}).get("choice")
            st.markdown(f"**{t('classes.question', lang, number=number)}**")
            st.radio(
                module.prompt(q.id, lang),
                list(options),
                index=list(options).index(previous) if previous in options else None,
                format_func=lambda k, o=options: o[k],
                key=_answer_key(member, phase, q.id),
            )
        st.form_submit_button(
            t("classes.save", lang),
            type="primary",
            key=f"answers-submit-{phase}",
            on_click=_save_choices,
            args=(db, member, [q.id for q in questions], phase),
        )


def _answer_key(member: dict[str, Any], phase: str, question: str) -> str:
    return f"answer-{member['session']}-{phase}-{question}"


def _save_choices(db: Any, member: dict[str, Any], questions: list[str], phase: str) -> None:
    """The form's "save", as its button's callback, and what it did in :data:`SAVED` for the run to show.

    A callback, not ``if st.form_submit_button(…)``: Streamlit runs a button's callback for every press,
    but when the press's rerun is merged with a timed fragment's rerun (``_watch_phase``, every 5 s) the
    button's value can come back ``False`` — the student pressed "save" and nothing happened."""
    picked = {q: st.session_state.get(_answer_key(member, phase, q)) for q in questions}
    _record(  # the whole form in one transaction: all saved, or none and "try again"
        SAVED,
        lambda: classes.save_answers(db, member["session"], member["student"], phase, picked),
        ("saved", results.unanswered(picked)),
    )


def _record(key: str, save: Callable[[], object], done: tuple[str, Any]) -> None:
    """Run ``save`` and keep in session state under ``key`` what it did: ``done``, the class's refusal
    (``("error", code)``), a busy store (``("busy", None)``: try again) or another store failure."""
    try:
        save()
    except classes.ClassError as error:
        st.session_state[key] = ("error", error.code)
    except sqlite3.OperationalError as error:
        st.session_state[key] = ("busy", None) if store.is_busy(error) else ("failed", error)
    else:
        st.session_state[key] = done


def _slider_key(member: dict[str, Any], q: Question, index: int) -> str:
    return f"model-{member['session']}-{q.id}-{index}"


def _save_state(db: Any, member: dict[str, Any], q: Question, phase: str) -> None:
    """A model question's "save this state", as its button's callback (see :func:`_save_choices`)."""
    params = {s.key: st.session_state[_slider_key(member, q, i)] for i, s in enumerate(q.sliders)}
    value = model_value(q, params)
    _record(
        f"{SAVED}-{q.id}",
        lambda: classes.save_answer(
            db, member["session"], member["student"], q.id, phase, params=params, value=value
        ),
        ("state", None),
    )


def _saved_message(lang: str, key: str = SAVED, shown: str = "") -> None:
    """What the last "save" under ``key`` did: saved (a form: and how many left unanswered; a model
    question: the value ``shown``), try again, or an error. Shown once."""
    outcome = st.session_state.pop(key, None)
    if outcome is None:
        return
    kind, detail = outcome
    if kind == "saved":
        st.success(t("classes.saved", lang))
        if detail:
            st.info(tn("classes.unanswered", detail, lang, count=detail))
    elif kind == "state":
        st.success(t("classes.state_saved", lang, value=shown))
    elif kind == "busy":
        _busy(lang)
    elif kind == "error":
        st.error(t(f"classes.error.{detail}", lang))
    else:
        from parkloop.ui.frame import show_error

        show_error(lang, detail)


def _choice_feedback(
    questions: list[Question], module: Module, member: dict[str, Any], phase: str, mine: Answers, lang: str
) -> None:
    """For each answered question: the student's answer, the right one and why (lettered as they saw them)."""
    for number, q in enumerate(questions, start=1):
        answer = (mine.get((q.id, phase)) or {}).get("choice")
        if answer is None:
            continue
        options = dashboard.student_options(module, q, member["student"], lang)
        with st.expander(f"{t('classes.why', lang)} · {t('classes.question', lang, number=number)}"):
            st.markdown(t("classes.your_answer", lang, option=escape_md(options.get(answer, ""))))
            st.markdown(t("classes.correct", lang, option=escape_md(options[q.answer])))
            st.markdown(module.text(f"why.{q.id}", lang))


def _choices(
    db: Any, member: dict[str, Any], module: Module, questions: tuple[Question, ...], phase: str, lang: str
) -> Answers:
    """The choice questions, saved together; the student's answers as they are afterwards."""
    mine = classes.student_answers(db, member["session"], member["student"])
    choice_questions = [q for q in questions if q.kind == "choice"]
    if not choice_questions:
        return mine
    _choice_form(db, choice_questions, module, member, phase, mine, lang)
    _saved_message(lang)  # the answers read above already hold what a press's callback saved
    if phase != "pre":  # the pre-visit quiz measures what students knew: no answers shown yet
        _choice_feedback(choice_questions, module, member, phase, mine, lang)
    return mine


def _model_question(
    db: Any, member: dict[str, Any], module: Module, q: Question, phase: str, mine: Answers, lang: str
) -> None:
    """A question answered by moving the model's sliders; the student saves the state they found."""
    session_id = member["session"]
    with st.container(border=True):
        st.markdown(f"**{module.prompt(q.id, lang)}**")
        st.caption(t(f"classes.goal.{q.goal}", lang))
        for line in dashboard.constraint_lines(q, lang):
            st.markdown(line)
        previous = (mine.get((q.id, phase)) or {}).get("params") or {}
        params: dict[str, float] = {}
        for index, slider in enumerate(q.sliders):
            params[slider.key] = st.slider(
                t(f"classes.slider.{slider.key}", lang),
                min_value=slider.min,
                max_value=slider.max,
                value=results.slider_start(slider, previous),
                step=slider.step,
                key=_slider_key(member, q, index),
            )
        value = model_value(q, params)
        shown = format_quantity(value, results.metric_unit(q.metric or ""), lang)
        figure(t("classes.model_result", lang), shown, lang, provenance="model")
        for ok, line in dashboard.check_lines(model_checks(q, params), lang):
            (st.success if ok else st.warning)(line)
        st.button(
            t("classes.save_state", lang),
            key=f"save-{session_id}-{q.id}",
            on_click=_save_state,
            args=(db, member, q, phase),
        )
        _saved_message(lang, f"{SAVED}-{q.id}", shown)
        if phase != "pre" and (q.id, phase) in mine:
            with st.expander(t("classes.why", lang)):
                st.markdown(module.text(f"why.{q.id}", lang))


def _footer(lang: str, mode: str) -> None:
    st.caption(t("classes.waiting", lang))
    st.caption(t("classes.privacy", lang, days=settings.get("class_retention_days")))
    if st.button(t("classes.leave", lang), key="class-leave"):
        st.session_state.pop(STATE, None)
        session_ui.forget_device(remember=mode != "kiosk", max_age_s=_cookie_age_s())  # the next child
        st.rerun()


db = classes.open_store()
device = _device(current_mode())
session_ui.cookie_script()
member = _member(db, device)
if not member:
    lang, mode = exhibit_start(PAGE)
    if db is None:
        st.warning(t("classes.error.store", lang))
    else:
        _join_form(db, lang, device)
    st.stop()
if db is None:  # a member whose store is out of reach for now: still signed in, asked to try again
    lang, mode = exhibit_start(PAGE, intro=False)
    _busy(lang)
    st.stop()

session = classes.get_session(db, member["session"])
module: Module | None = get_module(session.module) if session else None
if session is None or module is None:
    st.session_state.pop(STATE, None)
    st.rerun()

lang, mode = exhibit_start(PAGE, intro=False, title=module.title)
st.html(
    dashboard.plain_html(t("classes.joined", lang, nickname=member["nickname"], module=module.title(lang)))
)
_rejoin_word(member, lang)
_watch_phase(db, session.id, session.phase)
if session.phase == "ended":
    st.success(t("classes.ended", lang))
    st.stop()

phase = session.phase
st.header(t(f"classes.phase.{phase}", lang), anchor=False)
st.caption(t("classes.untimed", lang))
questions = module.questions_for(question_use(phase))
mine = _choices(db, member, module, questions, phase, lang)
for q in (q for q in questions if q.kind == "model"):
    _model_question(db, member, module, q, phase, mine, lang)
if not questions or phase not in ("pre", "onsite", "post"):
    st.info(t("classes.waiting", lang))
_footer(lang, mode)
