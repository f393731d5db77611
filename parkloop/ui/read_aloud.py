"""Read-aloud: a button ``#parkloop-read-aloud`` that reads the current text with the browser's own
speech synthesis (``speechSynthesis``), in the page's language (``zh-CN`` / ``en-GB``).

Nothing is fetched and nothing leaves the device: the voices are the device's. The button starts hidden
and shows itself only once the device reports a voice for the language (``getVoices()``, which some
browsers fill in later: ``voiceschanged``); a device without one never shows it. One small script, installed
once per tab, serves every button: a click reads the button's ``data-parkloop-say`` text, and a
MutationObserver re-checks buttons that Streamlit redraws.

Kiosks: Chromium on Linux speaks through speech-dispatcher (``kiosk/README.md``, "Read-aloud").
"""

from __future__ import annotations

import html
import re

import streamlit as st

from parkloop.content import t
from parkloop.exhibits.sorting_pictures import svg

ELEMENT_ID = "parkloop-read-aloud"
SPEECH_LANG = {"zh": "zh-CN", "en": "en-GB"}

# Voices: a voice fits when its language is the page's (zh-CN; any zh / cmn Mandarin voice, Cantonese
# last) or, for English, any en voice (en-GB first). A child listens best a little slower than default.
READ_ALOUD_JS = """<script>
(function () {
  if (window.__parkloopReadAloud) { window.__parkloopReadAloud.refresh(); return; }
  function synth() { try { return window.speechSynthesis || null; } catch (e) { return null; } }
  function score(voice, lang) {
    var v = String(voice.lang || '').toLowerCase().replace('_', '-'), want = lang.toLowerCase();
    if (v === want) { return 3; }
    if (want.indexOf('zh') === 0) {
      if (v.indexOf('yue') >= 0 || v === 'zh-hk') { return 1; }
      return (v.indexOf('zh') === 0 || v.indexOf('cmn') === 0) ? 2 : 0;
    }
    return v.split('-')[0] === want.split('-')[0] ? 2 : 0;
  }
  function voiceFor(lang) {
    var s = synth(), best = null, bestScore = 0;
    if (!s || typeof s.getVoices !== 'function') { return null; }
    (s.getVoices() || []).forEach(function (voice) {
      var n = score(voice, lang);
      if (n > bestScore) { best = voice; bestScore = n; }
    });
    return best;
  }
  function refresh() {
    document.querySelectorAll('[data-parkloop-say]').forEach(function (button) {
      button.hidden = !voiceFor(button.getAttribute('data-parkloop-lang') || 'zh-CN');
    });
  }
  function speak(button) {
    var s = synth(), lang = button.getAttribute('data-parkloop-lang') || 'zh-CN';
    if (!s || typeof SpeechSynthesisUtterance === 'undefined') { return; }
    var utterance = new SpeechSynthesisUtterance(button.getAttribute('data-parkloop-say') || '');
    utterance.lang = lang;
    utterance.rate = 0.9;
    var voice = voiceFor(lang);
    try { if (voice) { utterance.voice = voice; } } catch (e) { /* a stand-in voice object */ }
    if (typeof s.cancel === 'function') { s.cancel(); }
    s.speak(utterance);
  }
  document.addEventListener('click', function (e) {
    var button = e.target && e.target.closest ? e.target.closest('[data-parkloop-say]') : null;
    if (button) { e.preventDefault(); speak(button); }
  });
  var s = synth();
  if (s && typeof s.addEventListener === 'function') { s.addEventListener('voiceschanged', refresh); }
  new MutationObserver(refresh).observe(document.body, { childList: true, subtree: true });
  window.__parkloopReadAloud = { refresh: refresh };
  refresh();
  setTimeout(refresh, 500);
})();
</script>"""

BUTTON_CSS = """<style>
.pl-read-aloud { display: inline-flex; align-items: center; gap: 0.5rem; min-height: 56px;
  padding: 0.4rem 1.1rem; border: 3px solid #111827; border-radius: 999px; background: #fef9c3;
  color: #111827; font-size: 1.2rem; font-weight: 600; cursor: pointer; }
.pl-read-aloud[hidden] { display: inline-flex; visibility: hidden; }  /* keeps its place: no jump */
.pl-read-aloud:hover { background: #fde68a; }
.pl-read-aloud:focus-visible { outline: 4px solid #1d4ed8; outline-offset: 2px; }
.pl-read-aloud svg { width: 2rem; height: 2rem; }
</style>"""


def plain_text(markdown: str) -> str:
    """Markdown as words to speak: links as their text, no emphasis marks, headings or list bullets."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^\s{0,3}(#{1,6}|[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())


def button_html(text: str, lang: str, *, element_id: str = ELEMENT_ID) -> str:
    """The button, hidden until the script finds a voice for ``lang`` (its style and script apart)."""
    speech_lang = SPEECH_LANG.get(lang, SPEECH_LANG["zh"])
    label = html.escape(t("read_aloud.button", lang))
    return (
        f'<button type="button" id="{html.escape(element_id)}" class="pl-read-aloud" hidden '
        f'data-parkloop-say="{html.escape(text, quote=True)}" data-parkloop-lang="{speech_lang}" '
        f'lang="{speech_lang}">{svg("speaker-high-volume", size=32)}<span>{label}</span></button>'
    )


def read_aloud_button(text: str, lang: str, *, element_id: str = ELEMENT_ID, key: str | None = None) -> None:
    """Draw the read-aloud button for ``text`` (plain words, no Markdown) in the page's language.

    The style and the button go through Markdown (they arrive with the page's text, and the frame hides a
    block that holds only a style); the script through ``st.html``, which runs scripts."""
    text = " ".join(text.split())
    if not text:
        return
    with st.container(key=key or f"pl-{element_id}", width="content", horizontal=True, gap=None):
        st.markdown(BUTTON_CSS, unsafe_allow_html=True)
        st.markdown(button_html(text, lang, element_id=element_id), unsafe_allow_html=True)
        st.html(READ_ALOUD_JS, unsafe_allow_javascript=True)
