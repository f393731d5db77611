"""Page "lessons": the social-classroom modules and each module's teacher's guide, with print-ready PDFs
and the button that starts a class session. Specs and words: parkloop.school.lessons (no logic here)."""

from __future__ import annotations

import streamlit as st

from parkloop.content import page_section, t
from parkloop.pages import BY_SLUG
from parkloop.school import sessions as classes
from parkloop.school.lessons import PHASES, LessonError, Module, load_modules
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import escape_md
from parkloop.ui.state import link_params, url_choice

lang, mode = exhibit_start("lessons")

try:
    modules = load_modules()
except LessonError:  # `python -m parkloop check` names the problem; visitors see a calm message
    modules = ()
if not modules:
    st.info(t("stub.building", lang))
    st.stop()

by_id = {m.id: m for m in modules}


def _label(module_id: str) -> str:
    module = by_id[module_id]
    return f"{t(f'lessons.band.{module.grade_band}', lang)} · {module.title(lang)}"


chosen = url_choice(
    t("lessons.choose", lang),
    "m",
    options=list(by_id),
    default=modules[0].id,
    format_func=_label,
    widget="radio",
)
module: Module = by_id[chosen]

st.header(module.title(lang))
st.markdown(
    t(
        "lessons.facts",
        lang,
        band=t(f"lessons.band.{module.grade_band}", lang),
        onsite=module.duration_min,
        pre=module.pre_visit_min,
        post=module.post_visit_min,
        size=module.group_size,
    )
)
st.markdown(module.text("summary", lang))


def _start_session() -> None:
    db = classes.open_store()
    if db is None:
        st.session_state["lessons-store-error"] = True
        return
    session, secret = classes.start_session(db, module.id, lang)
    st.switch_page(
        BY_SLUG["teacher"].path.as_posix(),
        query_params={
            "s": session.id,
            "k": secret,
            "lang": lang,
            **({"mode": mode} if mode != "web" else {}),
        },
    )


with st.container(border=True):
    st.markdown(t("lessons.start_help", lang))
    if st.button(t("lessons.start", lang), type="primary", key="lessons-start"):
        _start_session()
    if st.session_state.pop("lessons-store-error", False):
        st.warning(t("lessons.store_unavailable", lang))

left, right = st.columns(2)
with left:
    st.subheader(t("lessons.objectives", lang))
    st.markdown("\n".join(f"- {module.text(f'objective.{o}', lang)}" for o in module.objectives))
with right:
    st.subheader(t("lessons.curriculum", lang))
    st.markdown("\n".join(f"- {t(f'lessons.curriculum.{c}', lang)}" for c in module.curriculum))

st.subheader(t("lessons.sequence", lang))
for phase in PHASES:
    st.markdown(f"#### {t(f'lessons.phase.{phase}', lang)}")
    for step in (s for s in module.steps if s.phase == phase):
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

st.subheader(t("lessons.worksheet", lang))
st.markdown(module.text("worksheet", lang))


def _questions(use: str) -> None:
    for number, q in enumerate(module.questions_for(use), start=1):
        prompt = module.prompt(q.id, lang)
        with st.expander(f"{number}. {prompt}"):
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


st.subheader(t("lessons.onsite_questions", lang))
_questions("onsite")
st.subheader(t("lessons.quiz", lang))
_questions("quiz")

st.subheader(t("lessons.teacher_notes", lang))
st.markdown(module.text("teacher-notes", lang))
st.markdown(page_section("lessons", "privacy", lang))

st.subheader(t("lessons.print", lang))


def _pdf(kind: str):
    def make() -> bytes:
        from parkloop.school import worksheets

        maker = worksheets.worksheet_pdf if kind == "worksheet" else worksheets.guide_pdf
        return maker(module, lang)

    return make


try:
    from parkloop.printing import cjk_font

    cjk_font()
    col_a, col_b = st.columns(2)
    col_a.download_button(
        t("lessons.pdf_worksheet", lang),
        data=_pdf("worksheet"),
        file_name=f"{module.id}-worksheet-{lang}.pdf",
        mime="application/pdf",
        key="lessons-pdf-worksheet",
        on_click="ignore",
    )
    col_b.download_button(
        t("lessons.pdf_guide", lang),
        data=_pdf("guide"),
        file_name=f"{module.id}-guide-{lang}.pdf",
        mime="application/pdf",
        key="lessons-pdf-guide",
        on_click="ignore",
    )
except Exception:  # FontMissing or fpdf2 absent: the page still teaches
    st.info(t("lessons.pdf_unavailable", lang))
