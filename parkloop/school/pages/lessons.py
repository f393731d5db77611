"""Page "lessons": the social-classroom modules and each module's teacher's guide, with print-ready PDFs
and the button that starts a class session. Specs and words: parkloop.school.lessons (no logic here).

URL keys: ``m`` the module shown (its id; an unknown one falls back to the first module).
"""

from __future__ import annotations

import streamlit as st

from parkloop.content import page_section, t
from parkloop.i18n import SUPPORTED_LANGS
from parkloop.pages import BY_SLUG
from parkloop.school import sessions as classes
from parkloop.school.lessons import PHASES, LessonError, Module, Step, load_modules
from parkloop.school.worksheets import facts_text, is_large_print
from parkloop.ui import session as session_ui
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import escape_md
from parkloop.ui.state import link_params, url_choice

PAGE = "lessons"
PDF_KINDS = ("worksheet", "guide")
HANDOUT_KINDS = ("prep", "safety", "notice", "pictures", "evaluation")
"""The sheets beside the lesson (:data:`parkloop.school.handouts.HANDOUT_DOCS`), offered in both languages."""
HANDOUT_TITLES = {"evaluation": "eval"}  # kind → its words' key when they differ (lessons.eval.title)
START_ERROR = "lessons-start-error"


def _modules() -> tuple[Module, ...]:
    try:
        return tuple(load_modules())
    except LessonError:  # `python -m parkloop check` names the problem; visitors see a calm message
        return ()


def _choose(modules: tuple[Module, ...], lang: str) -> Module:
    by_id = {m.id: m for m in modules}
    chosen = url_choice(
        t("lessons.choose", lang),
        "m",
        options=list(by_id),
        default=modules[0].id,
        format_func=lambda module_id: (
            f"{t(f'lessons.band.{by_id[module_id].grade_band}', lang)} · {by_id[module_id].title(lang)}"
        ),
        widget="radio",
    )
    return by_id[chosen]


def _start_session(module: Module, lang: str, mode: str) -> None:
    """A new session, then its dashboard; the secret goes along in session state (and a cookie), never
    in the URL. Refused on a kiosk and when this client has started many sessions lately."""
    db = classes.open_store()
    if db is None:
        st.session_state[START_ERROR] = "store"
        return
    age_s = int(classes.retention_setting_days() * 86400)
    client = classes.Client(
        session_ui.device_token(remember=True, max_age_s=age_s), session_ui.network_address()
    )
    try:
        session, secret = classes.start_session(db, module.id, lang, client=client)
    except classes.ClassError as error:
        st.session_state[START_ERROR] = error.code
        return
    session_ui.keep_teacher_secret(session.id, secret, age_s)
    st.switch_page(
        BY_SLUG["teacher"].path.as_posix(),
        query_params={"s": session.id, "lang": lang, **({"mode": mode} if mode != "web" else {})},
    )


def _start(module: Module, lang: str, mode: str) -> None:
    """The button that starts a class session — not on a kiosk (a teacher starts it on their own device)."""
    with st.container(border=True):
        if mode == "kiosk":
            st.markdown(t("classes.start.kiosk", lang))
            return
        st.markdown(t("lessons.start_help", lang))
        if st.button(t("lessons.start", lang), type="primary", key="lessons-start"):
            _start_session(module, lang, mode)
        error = st.session_state.pop(START_ERROR, None)
        if error == "store":
            st.warning(t("lessons.store_unavailable", lang))
        elif error:
            st.warning(t("classes.start.limited", lang))


def _overview(module: Module, lang: str, mode: str) -> None:
    """Title, facts, summary, the button that starts a class session, objectives and curriculum."""
    st.header(module.title(lang), anchor=False)
    st.markdown(facts_text(module, lang))
    st.markdown(module.text("summary", lang))
    _start(module, lang, mode)
    left, right = st.columns(2)
    with left:
        st.header(t("lessons.objectives", lang), anchor=False)
        st.markdown("\n".join(f"- {module.text(f'objective.{o}', lang)}" for o in module.objectives))
    with right:
        st.header(t("lessons.curriculum", lang), anchor=False)
        st.markdown("\n".join(f"- {t(f'lessons.curriculum.{c}', lang)}" for c in module.curriculum))


def _step(module: Module, step: Step, lang: str) -> None:
    """One step of the lesson, with a link to its exhibit in the step's preset where it has one."""
    with st.container(border=True):
        stage = t(f"lessons.stage.{step.stage}", lang)
        st.markdown(f"**{stage} · {t('lessons.minutes', lang, minutes=step.minutes)}**")
        st.markdown(module.text(f"step.{step.id}", lang))
        if step.exhibit:
            spec = BY_SLUG[step.exhibit]
            params = {**link_params(lang)}
            if step.preset:
                params.update({k: str(v) for k, v in module.presets[step.preset].params.items()})
            st.page_link(
                spec.path.as_posix(),
                label=t("lessons.open_exhibit", lang, name=t(f"nav.{spec.key}", lang)),
                query_params=params,
            )


def _sequence(module: Module, lang: str) -> None:
    st.header(t("lessons.sequence", lang), anchor=False)
    for phase in PHASES:
        st.markdown(f"### {t(f'lessons.phase.{phase}', lang)}")
        for step in (s for s in module.steps if s.phase == phase):
            _step(module, step, lang)


def _questions(module: Module, use: str, lang: str) -> None:
    for number, q in enumerate(module.questions_for(use), start=1):
        with st.expander(f"{number}. {module.prompt(q.id, lang)}"):
            if q.kind == "choice":
                options = module.option_texts(q.id, lang)
                st.markdown("\n".join(f"- {k}. {escape_md(v)}" for k, v in options.items()))
                st.markdown(
                    "**" + t("lessons.answer", lang, option=f"{q.answer}. {options[q.answer]}") + "**"
                )
            else:
                st.markdown(t("lessons.model_question", lang))
                st.markdown(t(f"classes.goal.{q.goal}", lang))
            st.markdown(module.text(f"why.{q.id}", lang))


@st.cache_data(max_entries=64, show_spinner=False)
def _pdf_bytes(module_id: str, kind: str, lang: str) -> bytes | None:
    """One PDF of a module (worksheet, guide or a handout of :data:`HANDOUT_KINDS`), made once per
    module, kind and language and kept: laying out a CJK PDF takes a few seconds."""
    from parkloop.school import handouts, worksheets
    from parkloop.school.lessons import get_module

    module = get_module(module_id)
    if module is None:
        return None
    if kind == "worksheet":
        return worksheets.worksheet_pdf(module, lang)
    if kind == "guide":
        return worksheets.guide_pdf(module, lang)
    return handouts.handout_pdf(kind, module, lang)


def _pdf(module: Module, kind: str, lang: str):
    """The bytes of a PDF, made when the teacher taps its button (a callable keeps the page fast)."""
    return lambda: _pdf_bytes(module.id, kind, lang) or b""


def handout_kinds(module: Module) -> tuple[str, ...]:
    """The handouts this module has: the picture sheet only for the large-print bands (grades 1–2)."""
    return tuple(kind for kind in HANDOUT_KINDS if kind != "pictures" or is_large_print(module))


def _download(column, module: Module, kind: str, label: str, lang: str) -> None:
    column.download_button(
        label,
        data=_pdf(module, kind, lang),
        file_name=f"{module.id}-{kind}-{lang}.pdf",
        mime="application/pdf",
        key=f"lessons-pdf-{kind}" if kind in PDF_KINDS else f"lessons-pdf-{kind}-{lang}",
        on_click="ignore",
    )


def _downloads(module: Module, lang: str) -> None:
    """The worksheet and the teacher's guide, then the handouts in both languages (Chinese first), as
    PDFs made when tapped, if a CJK font is installed."""
    try:
        from parkloop.printing import cjk_font

        cjk_font()
        for column, kind in zip(st.columns(len(PDF_KINDS)), PDF_KINDS, strict=True):
            _download(column, module, kind, t(f"lessons.pdf_{kind}", lang), lang)
        st.markdown(f"**{t('lessons.handouts', lang)}**")
        st.caption(t("lessons.handouts_help", lang))
        for kind in handout_kinds(module):
            name = t(f"lessons.{HANDOUT_TITLES.get(kind, kind)}.title", lang)
            for column, doc_lang in zip(st.columns(len(SUPPORTED_LANGS)), SUPPORTED_LANGS, strict=True):
                label = t("lessons.pdf_handout", lang, name=name, language=t(f"lang.{doc_lang}", lang))
                _download(column, module, kind, label, doc_lang)
    except Exception:  # FontMissing or fpdf2 absent: the page still teaches
        st.info(t("lessons.pdf_unavailable", lang))


lang, mode = exhibit_start(PAGE)
modules = _modules()
if not modules:
    st.info(t("stub.building", lang))
    st.stop()
module = _choose(modules, lang)
_overview(module, lang, mode)
_sequence(module, lang)
st.header(t("lessons.worksheet", lang), anchor=False)
st.markdown(module.text("worksheet", lang))
st.header(t("lessons.onsite_questions", lang), anchor=False)
_questions(module, "onsite", lang)
st.header(t("lessons.quiz", lang), anchor=False)
_questions(module, "quiz", lang)
st.header(t("lessons.teacher_notes", lang), anchor=False)
st.markdown(module.text("teacher-notes", lang))
st.markdown(page_section(PAGE, "privacy", lang))
st.header(t("lessons.print", lang), anchor=False)
_downloads(module, lang)
