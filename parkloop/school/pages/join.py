"""Page "join": a student joins a class session (``/join?code=CODE`` from the QR code) with a nickname or
seat number only, then answers the part the teacher has opened. A student only ever reads their own
answers. Store and rules: parkloop.school.sessions; words: classes.po."""

from __future__ import annotations

import streamlit as st

from parkloop import settings
from parkloop.content import t
from parkloop.i18n import format_quantity
from parkloop.school import sessions as classes
from parkloop.school.lessons import Module, get_module, model_value
from parkloop.school.results import metric_unit
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import escape_md, figure
from parkloop.ui.session import current_lang

STATE = "parkloop-class-student"  # {"session": id, "student": id, "nickname": str}

lang = current_lang()
db = classes.open_store()
member = st.session_state.get(STATE)
if member and (db is None or not classes.is_member(db, member["session"], member["student"])):
    member = None
    st.session_state.pop(STATE, None)

if not member:
    exhibit_start("join")
    if db is None:
        st.warning(t("classes.error.store", lang))
        st.stop()
    prefilled = classes.normalize_code(st.query_params.get("code")) or ""
    with st.form("join-form"):
        code = st.text_input(
            t("classes.code", lang), value=prefilled, max_chars=8, help=t("classes.code_help", lang)
        )
        nickname = st.text_input(t("classes.nickname", lang), max_chars=classes.NICKNAME_MAX)
        st.caption(t("classes.nickname_help", lang))
        submitted = st.form_submit_button(t("classes.join", lang), type="primary", key="join-submit")
    if submitted:
        try:
            session, student, name = classes.join(db, code, nickname)
        except classes.ClassError as error:
            st.error(t(f"classes.error.{error.code}", lang))
        else:
            st.session_state[STATE] = {"session": session.id, "student": student, "nickname": name}
            st.rerun()
    st.caption(t("classes.privacy", lang, days=settings.get("class_retention_days")))
    st.stop()

session = classes.get_session(db, member["session"])
module: Module | None = get_module(session.module) if session else None
if session is None or module is None:
    st.session_state.pop(STATE, None)
    st.rerun()

st.title(module.title(lang))
st.markdown(
    t("classes.joined", lang, nickname=escape_md(member["nickname"]), module=escape_md(module.title(lang)))
)


@st.fragment(run_every=5)
def _watch_phase(shown: str) -> None:
    """Reruns the page when the teacher opens another part, so new questions appear by themselves."""
    current = classes.get_session(db, session.id)
    if current is None or current.phase != shown:
        st.rerun(scope="app")


_watch_phase(session.phase)

if session.phase == "ended":
    st.success(t("classes.ended", lang))
    st.stop()

phase = session.phase
st.header(t(f"classes.phase.{phase}", lang))
st.caption(t("classes.untimed", lang))
use = "onsite" if phase == "onsite" else "quiz"
questions = module.questions_for(use)
mine = classes.student_answers(db, session.id, member["student"])
show_feedback = phase != "pre"  # the pre-visit quiz measures what students knew: no answers shown yet

choice_questions = [q for q in questions if q.kind == "choice"]
if choice_questions:
    with st.form(f"answers-{phase}"):
        picked: dict[str, str | None] = {}
        for number, q in enumerate(choice_questions, start=1):
            options = module.option_texts(q.id, lang)
            previous = (mine.get((q.id, phase)) or {}).get("choice")
            st.markdown(f"**{t('classes.question', lang, number=number)}**")
            picked[q.id] = st.radio(
                module.prompt(q.id, lang),
                list(options),
                index=list(options).index(previous) if previous in options else None,
                format_func=lambda k, o=options: f"{k}. {o[k]}",
                key=f"answer-{session.id}-{phase}-{q.id}",
            )
        saved = st.form_submit_button(t("classes.save", lang), type="primary", key=f"answers-submit-{phase}")
    if saved:
        try:
            for qid, choice in picked.items():
                if choice is not None:
                    classes.save_answer(db, session.id, member["student"], qid, phase, choice=choice)
        except classes.ClassError as error:
            st.error(t(f"classes.error.{error.code}", lang))
        else:
            missing = sum(1 for c in picked.values() if c is None)
            st.success(t("classes.saved", lang))
            if missing:
                st.info(t("classes.unanswered", lang, count=missing))
            mine = classes.student_answers(db, session.id, member["student"])
    if show_feedback:
        for number, q in enumerate(choice_questions, start=1):
            answer = (mine.get((q.id, phase)) or {}).get("choice")
            if answer is None:
                continue
            options = module.option_texts(q.id, lang)
            with st.expander(f"{t('classes.why', lang)} · {t('classes.question', lang, number=number)}"):
                st.markdown(
                    t("classes.your_answer", lang, option=f"{answer}. {escape_md(options.get(answer, ''))}")
                )
                st.markdown(t("classes.correct", lang, option=f"{q.answer}. {escape_md(options[q.answer])}"))
                st.markdown(module.text(f"why.{q.id}", lang))

for q in (q for q in questions if q.kind == "model"):
    with st.container(border=True):
        st.markdown(f"**{module.prompt(q.id, lang)}**")
        st.caption(t(f"classes.goal.{q.goal}", lang))
        previous = (mine.get((q.id, phase)) or {}).get("params") or {}
        params: dict[str, float] = {}
        for index, slider in enumerate(q.sliders):
            label = t(f"classes.slider.{slider.key}", lang)
            start = (
                float(previous.get(slider.key, slider.default))
                if isinstance(previous, dict)
                else slider.default
            )
            params[slider.key] = st.slider(
                label,
                min_value=slider.min,
                max_value=slider.max,
                value=min(max(start, slider.min), slider.max),
                step=slider.step,
                key=f"model-{session.id}-{q.id}-{index}",
            )
        value = model_value(q, params)
        shown = format_quantity(value, metric_unit(q.metric or ""), lang)
        figure(t("classes.model_result", lang), shown, lang, provenance="model")
        if st.button(t("classes.save_state", lang), key=f"save-{session.id}-{q.id}"):
            try:
                classes.save_answer(
                    db, session.id, member["student"], q.id, phase, params=params, value=value
                )
            except classes.ClassError as error:
                st.error(t(f"classes.error.{error.code}", lang))
            else:
                st.success(t("classes.state_saved", lang, value=shown))
        if show_feedback and (q.id, phase) in mine:
            with st.expander(t("classes.why", lang)):
                st.markdown(module.text(f"why.{q.id}", lang))

if not questions or phase not in ("pre", "onsite", "post"):
    st.info(t("classes.waiting", lang))
st.caption(t("classes.waiting", lang))
st.caption(t("classes.privacy", lang, days=settings.get("class_retention_days")))
if st.button(t("classes.leave", lang), key="class-leave"):
    st.session_state.pop(STATE, None)
    st.rerun()
