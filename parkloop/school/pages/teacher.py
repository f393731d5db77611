"""Page "teacher": a class session's dashboard, opened by the secret link ``/teacher?s=<id>&k=<secret>``.

URL keys: ``s`` the session, ``k`` its secret (both from the link made when the session started).

Join code and QR code to project; live (every 3 s) count of students in ``#parkloop-participants``;
answer distributions, common wrong answers with the explanation, the class's best model states, the
before/after gain; phase control, CSV export, end and delete. Numbers: parkloop.school.results; their
words: parkloop.school.dashboard."""

from __future__ import annotations

import html
import io
from typing import Any
from urllib.parse import urlsplit

import altair as alt
import pandas as pd
import streamlit as st

from parkloop import settings
from parkloop.content import t
from parkloop.i18n import format_quantity
from parkloop.school import dashboard, results
from parkloop.school import sessions as classes
from parkloop.school.lessons import Module, Question, get_module
from parkloop.ui.charts import colour_scale
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md

PAGE = "teacher"
DELETED = "teacher-deleted"

Answers = list[dict[str, Any]]


def _base_url() -> str:
    try:
        parts = urlsplit(st.context.url or "")
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    except Exception:  # AppTest and bare mode have no browser URL
        pass
    return ""


def _qr_png(url: str) -> bytes:
    import qrcode

    buffer = io.BytesIO()
    qrcode.make(url, box_size=8, border=2).save(buffer, format="PNG")
    return buffer.getvalue()


def _join_code(session: classes.Session, secret: str, module: Module, lang: str) -> None:
    """The code and the QR code to project, and the teacher's own link to keep."""
    base = _base_url()
    st.markdown(t("classes.teacher.module", lang, module=escape_md(module.title(lang))))
    code_col, qr_col = st.columns([3, 2])
    with code_col:
        st.markdown(f"#### {t('classes.code', lang)}")
        st.html(
            f'<p id="parkloop-join-code" style="font-size:3.5rem;font-weight:700;letter-spacing:0.3em;'
            f'color:#111827;margin:0">{html.escape(session.code)}</p>'
        )
        st.markdown(t("classes.teacher.join_at", lang, url=f"`{base or ''}/join`"))
    with qr_col:
        qr = _qr_png(dashboard.join_url(base, session.code, lang))
        st.image(qr, caption=t("classes.teacher.qr_alt", lang), width=240)
    with st.expander(t("classes.teacher.keep_link", lang)):
        st.code(dashboard.teacher_url(base, session.id, secret, lang), language=None)


def _phase_control(db: Any, session: classes.Session, lang: str) -> classes.Session:
    """The part of the lesson the students see now; the session as it is after a change."""
    current = st.segmented_control(
        t("classes.teacher.phase", lang),
        list(classes.SESSION_PHASES),
        default=session.phase,
        format_func=lambda p: t(f"classes.phase.{p}", lang),
        key=f"teacher-phase-{session.id}",
        required=True,
    )
    if current and current != session.phase:
        classes.set_phase(db, session.id, current)
        return classes.get_session(db, session.id) or session
    return session


def _participants(names: list[str], lang: str) -> None:
    st.html(
        f'<div role="status" aria-live="polite" style="font-size:1.25rem;color:#111827">'
        f"{html.escape(t('classes.teacher.participants', lang))}: "
        f'<strong id="parkloop-participants">{len(names)}</strong></div>'
    )
    if names:
        with st.expander(t("classes.teacher.nicknames", lang)):
            st.markdown(", ".join(escape_md(n) for n in names))


def _distribution(number: int, q: Question, module: Module, answers: Answers, phase: str, lang: str) -> None:
    """One choice question's answers as bars, the right answer green."""
    dist = results.distribution(q, answers, phase)
    st.markdown(f"**{number}. {escape_md(module.prompt(q.id, lang))}**")
    summary = dashboard.distribution_summary(q, dist, lang)
    if summary is None:
        st.caption(t("classes.teacher.no_answers", lang))
        return
    chart = (
        alt.Chart(pd.DataFrame(dashboard.distribution_rows(q, dist)))
        .mark_bar()
        .encode(
            x=alt.X("option:N", title=t("classes.teacher.option_axis", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("count:Q", title=t("classes.teacher.count_axis", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("correct:N", scale=colour_scale({True: "green", False: "grey"}), legend=None),
            tooltip=["option", "count"],
        )
        .properties(height=160)
    )
    st.altair_chart(chart, use_container_width=True)
    chart_summary(summary)


def _distributions(module: Module, answers: Answers, phase: str, lang: str) -> None:
    st.subheader(t("classes.teacher.distribution", lang) + f" · {t(f'classes.phase.{phase}', lang)}")
    for number, q in enumerate(module.questions_for(dashboard.question_use(phase)), start=1):
        if q.kind == "choice":
            _distribution(number, q, module, answers, phase, lang)


def _common_wrong(module: Module, answers: Answers, phase: str, lang: str) -> None:
    wrong = results.common_wrong(module, answers, phase)
    if not wrong:
        return
    st.subheader(t("classes.teacher.wrong", lang))
    for item in wrong:
        options = module.option_texts(item["question"], lang)
        right = module.question(item["question"]).answer
        with st.container(border=True):
            st.markdown(f"**{escape_md(module.prompt(item['question'], lang))}**")
            chosen = escape_md(f"{item['option']}. {options.get(item['option'], '')}")
            st.markdown(t("classes.teacher.wrong_item", lang, count=item["count"], option=chosen))
            st.markdown(t("classes.correct", lang, option=escape_md(f"{right}. {options.get(right, '')}")))
            st.markdown(module.text(f"why.{item['question']}", lang))


def _best(module: Module, answers: Answers, lang: str) -> None:
    """The class's best model states of each model question."""
    for q in (q for q in module.questions if q.kind == "model"):
        best = results.best_scenarios(q, answers)
        if not best:
            continue
        st.subheader(t("classes.teacher.best", lang))
        st.markdown(f"**{escape_md(module.prompt(q.id, lang))}** {t(f'classes.goal.{q.goal}', lang)}")
        for column, row in zip(st.columns(len(best)), best, strict=True):
            with column.container(border=True):
                st.markdown(f"**{escape_md(row['nickname'])}**")
                st.metric(
                    t("classes.teacher.best_value", lang),
                    format_quantity(row["value"], results.metric_unit(q.metric or ""), lang),
                )
                st.markdown(dashboard.best_slider_lines(q, row["params"], lang))


def _gain(module: Module, answers: Answers, lang: str) -> None:
    gains = results.gain(module, answers)
    if not any(g["n_pre"] or g["n_post"] for g in gains):
        return
    st.subheader(t("classes.teacher.gain", lang))
    st.table(pd.DataFrame(dashboard.gain_rows(module, gains, lang)).set_index("#"))
    summary = dashboard.gain_summary(gains, lang)
    if summary is not None:
        chart_summary(summary)


@st.fragment(run_every=3)
def live(db: Any, session: classes.Session, module: Module, lang: str) -> None:
    """Everything that changes as students answer; redrawn every 3 seconds."""
    names = classes.participants(db, session.id)
    answers = classes.all_answers(db, session.id)
    _participants(names, lang)
    phase = dashboard.shown_phase(session.phase)
    st.markdown(t("classes.teacher.answered", lang, count=results.answered_count(answers, phase)))
    _distributions(module, answers, phase, lang)
    _common_wrong(module, answers, phase, lang)
    _best(module, answers, lang)
    _gain(module, answers, lang)


def _export_and_delete(db: Any, session: classes.Session, module: Module, lang: str) -> None:
    """The answers as CSV, how long they are kept, and deleting the session now."""
    columns = dashboard.csv_columns(module)
    st.download_button(
        t("classes.teacher.export", lang),
        data=lambda: classes.export_csv(db, session.id, columns).encode("utf-8-sig"),
        file_name=f"parkloop-{session.module}-{session.code}.csv",
        mime="text/csv",
        key="teacher-export",
        on_click="ignore",
    )
    st.caption(t("classes.teacher.retention", lang, days=settings.get("class_retention_days")))
    with st.expander(t("classes.teacher.delete", lang)):
        confirm = st.checkbox(t("classes.teacher.delete_confirm", lang), key="teacher-delete-confirm")
        if st.button(t("classes.teacher.delete", lang), disabled=not confirm, key="teacher-delete"):
            classes.delete_session(db, session.id)
            st.session_state[DELETED] = True
            st.query_params.clear()
            st.query_params["lang"] = lang
            st.rerun()


lang, mode = exhibit_start(PAGE)
if st.session_state.pop(DELETED, False):
    st.success(t("classes.teacher.deleted", lang))
    st.stop()
db = classes.open_store()
if db is None:
    st.warning(t("classes.error.store", lang))
    st.stop()
classes.prune(db)  # retention: old sessions go whenever a teacher opens a dashboard

secret = st.query_params.get("k")
session = classes.teacher_session(db, st.query_params.get("s"), secret)
module = get_module(session.module) if session else None
if session is None or module is None:
    st.info(t("classes.teacher.invalid", lang))
    st.stop()

_join_code(session, secret, module, lang)
session = _phase_control(db, session, lang)
live(db, session, module, lang)
st.divider()
_export_and_delete(db, session, module, lang)
