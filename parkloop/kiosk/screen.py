"""The kiosk's screen as HTML: lock-down CSS, the idle-reset script, the attract screen (no Streamlit).

:mod:`parkloop.ui.kiosk` draws these on every run in kiosk mode; what they do is described there. Kept
apart so that the markup and its configuration can be tested, and reused, without a Streamlit server.
"""

from __future__ import annotations

import html
import json
import logging

from parkloop import settings
from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS

log = logging.getLogger(__name__)

KIOSK = "kiosk"
ATTRACT_ID = "parkloop-attract"
WARNING_ID = "parkloop-idle-warning"
START_KEY = "parkloop-attract-start"
RESET_PARAM = "reset"
VISIT_PARAM = "v"
ATTRACT_REFRESH_S = 120
"""The attract screen redraws its live numbers this often while nobody touches it [s]."""
SLIDE_S = 7
"""Each highlight shows this long [s]."""


# --------------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------------
def timing() -> tuple[float, float]:
    """``(kiosk_idle_s, kiosk_warn_s)``; the defaults if a setting is unusable (logged)."""
    values = []
    for name in ("kiosk_idle_s", "kiosk_warn_s"):
        fallback = settings.default(name)
        try:
            values.append(float(settings.get(name)))
        except Exception as error:  # noqa: BLE001 — a bad setting must not take a kiosk down
            log.warning("%s unusable, using %s: %s", name, fallback, error)
            values.append(float(fallback))
    return values[0], values[1]


def reset_url(default_lang: str) -> str:
    """Where the browser goes when the countdown ends (the script adds ``&v=<visit>``)."""
    return f"/?mode={KIOSK}&{RESET_PARAM}=1&lang={default_lang}"


# --------------------------------------------------------------------------------------------
# lock-down and idle: CSS and one script, installed once per page load
# --------------------------------------------------------------------------------------------
KIOSK_CSS = """
<style>
html, body, .stApp { -webkit-user-select: none; user-select: none; -webkit-touch-callout: none;
  touch-action: pan-x pan-y; overscroll-behavior: none; }
.stApp img, .stApp a { -webkit-user-drag: none; }
/* no text field invites a keyboard on a kiosk */
[data-testid="stTextInput"], [data-testid="stTextArea"], [data-testid="stChatInput"],
[data-testid="stDateInput"], [data-testid="stTimeInput"],
[data-testid="stFileUploader"] { display: none !important; }
/* no developer menu, no deploy button, no link to streamlit.io */
[data-testid="stToolbar"], [data-testid="stMainMenu"],
[data-testid="stAppDeployButton"] { display: none !important; }
a[data-parkloop-offsite] { color: inherit !important; text-decoration: none !important; cursor: default; }
#parkloop-kiosk-state { display: none; }
#parkloop-idle-warning { position: fixed; inset: 0; z-index: 1000000; display: flex; align-items: center;
  justify-content: center; background: rgba(17, 24, 39, 0.82); cursor: pointer; }
#parkloop-idle-warning .pl-panel { background: #ffffff; color: #111827; border-radius: 1rem;
  padding: 2.5rem 3rem; max-width: 52rem; text-align: center; box-shadow: 0 10px 40px rgba(0, 0, 0, 0.4); }
#parkloop-idle-warning .pl-title { font-size: 2.4rem; font-weight: 700; margin: 0 0 0.5rem 0; }
#parkloop-idle-warning .pl-body { font-size: 1.5rem; margin: 0 0 0.75rem 0; }
#parkloop-idle-warning .pl-count { font-size: 5rem; font-weight: 700; color: #9a3412; line-height: 1.1;
  margin: 1rem 0; }
#parkloop-idle-warning [lang="en"] { color: #1f2937; }
/* Text for reading from a step back: Streamlit sizes its text in rem, and its smallest (labels,
   buttons, captions: 0.875rem) is 16 px at this root size; the text-size control scales the root. */
html:root { font-size: calc(18.3px * var(--parkloop-text-scale, 1)); }
html[data-parkloop-text-size="125"] { --parkloop-text-scale: 1.25; }
html[data-parkloop-text-size="150"] { --parkloop-text-scale: 1.5; }
.stApp small { font-size: 0.875rem; }
/* touch targets of at least 44 × 44 px (WCAG 2.5.8 asks 24, a kiosk more): buttons, page links,
   expander headers, the language buttons */
.stApp button, .stApp [data-testid="stPageLink"] a { min-height: 44px; }
.stApp [data-testid="stPageLink"] a { display: flex; align-items: center; }
.stApp [data-testid="stExpander"] summary { min-height: 44px; }
.stApp summary { min-height: 44px; box-sizing: border-box; padding-block: 0.5rem; }
.st-key-parkloop-lang-switch button { min-width: 88px; }
/* slider thumbs (react-aria in Streamlit 1.67: the thumb is the
   element holding the visually hidden range input), help icons, radio options, checkboxes, toggles */
.stApp [data-testid="stSlider"] div:has(> div > input[type="range"]) { width: 44px !important;
  height: 44px !important; }
.stApp [data-testid="stSlider"] { padding-top: 1.25rem; padding-bottom: 0.75rem; }
.stApp [data-testid="stSliderThumbValue"] { top: -2rem; }
.stApp [data-testid="stTooltipHoverTarget"] button { min-width: 44px; min-height: 44px;
  display: inline-flex; align-items: center; justify-content: center; }
.stApp [data-testid="stTooltipHoverTarget"] button svg { width: 22px; height: 22px; }
.stApp [data-testid="stRadio"] label, .stApp [data-testid="stCheckbox"] label {
  min-height: 44px; min-width: 44px; align-items: center; }
/* a chart's toolbar (full screen, download) is for a mouse on a desk: not on a kiosk */
.stApp [data-testid="stElementToolbar"] { display: none !important; }
#parkloop-text-size { display: flex; align-items: center; gap: 0.25rem; margin: 0; }
#parkloop-text-size .pl-label { margin: 0 0.25rem 0 0; color: #1f2937; font-size: 1rem; }
#parkloop-text-size button { min-width: 64px; min-height: 44px; font-size: 1rem; border-radius: 0.5rem;
  border: 1px solid #6b7280; background: #ffffff; color: #111827; cursor: pointer; padding: 0 0.5rem; }
#parkloop-text-size button[aria-pressed="true"] { background: #1f2937; border-color: #1f2937;
  color: #ffffff; font-weight: 700; }
</style>
"""

TEXT_SIZE_ID = "parkloop-text-size"
TEXT_SIZES = (100, 125, 150)
"""The text sizes a visitor can choose on a kiosk [%]: pinch-zoom is locked, so this is the way."""

# Kept in the tab's sessionStorage (so it holds across page switches and reloads of one visit) and on
# <html data-parkloop-text-size>, which the kiosk CSS reads; the idle reset forgets it.
TEXT_SIZE_SCRIPT = r"""
<script>
(function () {
  const KEY = 'parkloop-text-size';
  const root = document.documentElement;
  function apply(size) {
    if (size === '100') { delete root.dataset.parkloopTextSize; }
    else { root.dataset.parkloopTextSize = size; }
    for (const button of document.querySelectorAll('#parkloop-text-size button')) {
      button.setAttribute('aria-pressed', String(button.dataset.size === size));
    }
  }
  let stored = null;
  try { stored = sessionStorage.getItem(KEY); } catch (error) { stored = null; }
  apply(stored || '100');
  if (window.parkloopTextSize) { return; }
  window.parkloopTextSize = true;
  document.addEventListener('click', (event) => {
    const button = event.target.closest ? event.target.closest('#parkloop-text-size button') : null;
    if (!button) { return; }
    try { sessionStorage.setItem(KEY, button.dataset.size); } catch (error) { /* private mode */ }
    apply(button.dataset.size);
  });
})();
</script>
"""


def text_size_html(label: str) -> str:
    """The kiosk's text-size control ``#parkloop-text-size``: a labelled group of three toggle buttons."""
    buttons = "".join(
        f'<button type="button" data-size="{size}" aria-pressed="{"true" if size == 100 else "false"}">'
        f"{size} %</button>"
        for size in TEXT_SIZES
    )
    label = html.escape(label)
    return (
        f'<div id="{TEXT_SIZE_ID}" role="group" aria-label="{label}">'
        f'<p class="pl-label" aria-hidden="true">{label}</p>{buttons}</div>' + TEXT_SIZE_SCRIPT
    )


# The one script of kiosk mode. Idempotent: Streamlit may insert it again on a rerun; the first copy
# installs the listeners, later copies only refresh the configuration.
KIOSK_SCRIPT = r"""
<script>
(function () {
  const cfg = __CONFIG__;
  const K = (window.parkloopKiosk = window.parkloopKiosk || {});
  K.cfg = cfg;
  if (K.installed) { return; }
  K.installed = true;
  let last = Date.now();
  let warning = null;
  let pendingDismiss = false;

  const onAttract = () => document.getElementById(cfg.attractId) !== null;
  const visit = () => {
    const el = document.getElementById('parkloop-kiosk-state');
    return el ? (el.dataset.visit || '') : '';
  };
  function removeWarning() {
    if (warning) { warning.remove(); warning = null; }
    pendingDismiss = false;
  }
  function line(tag, cls, lang, text) {
    const el = document.createElement(tag);
    el.className = cls; el.lang = lang; el.textContent = text;
    return el;
  }
  function showWarning() {
    const c = K.cfg;
    warning = document.createElement('div');
    warning.id = c.warningId;
    warning.setAttribute('role', 'alertdialog');
    warning.setAttribute('aria-live', 'assertive');
    const panel = document.createElement('div');
    panel.className = 'pl-panel';
    for (const lang of c.langs) {
      panel.appendChild(line('p', 'pl-title', lang === 'zh' ? 'zh-Hans' : lang, c.text[lang].title));
      panel.appendChild(line('p', 'pl-body', lang === 'zh' ? 'zh-Hans' : lang, c.text[lang].body));
    }
    const count = document.createElement('p');
    count.className = 'pl-count';
    count.setAttribute('data-parkloop-countdown', '');
    panel.appendChild(count);
    panel.appendChild(line('p', 'pl-body', '', c.seconds));
    warning.appendChild(panel);
    warning.addEventListener('click', (event) => {
      event.preventDefault(); event.stopPropagation();
      last = Date.now(); removeWarning();
    });
    document.body.appendChild(warning);
  }
  let px = null, py = null;
  function activity(event) {
    if (event.type === 'pointermove') {
      // Chromium sends moves under a resting pointer whenever the page beneath it changes (a chart
      // redrawing, an animation): only a pointer that really moved is a visitor.
      if (px !== null && Math.abs(event.clientX - px) < 3 && Math.abs(event.clientY - py) < 3) { return; }
      px = event.clientX; py = event.clientY;
    }
    last = Date.now();
    if (warning && event && warning.contains(event.target)) { pendingDismiss = true; }
  }
  for (const type of ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel']) {
    window.addEventListener(type, activity, { capture: true, passive: true });
  }
  function tick() {
    const c = K.cfg;
    const now = Date.now();
    if (onAttract()) { last = now; removeWarning(); return; }
    const idle = now - last;
    const idleMs = c.idleS * 1000, warnMs = c.warnS * 1000;
    if (warning) {
      if (pendingDismiss) { if (idle > 1000) { removeWarning(); } return; }
      if (idle < idleMs) { removeWarning(); return; }
      const left = Math.ceil((idleMs + warnMs - idle) / 1000);
      if (left <= 0) {
        clearInterval(K.timer);
        try { sessionStorage.removeItem('parkloop-text-size'); } catch (error) { /* private mode */ }
        const v = visit();
        window.location.replace(c.resetUrl + (v ? '&v=' + encodeURIComponent(v) : ''));
        return;
      }
      const count = warning.querySelector('[data-parkloop-countdown]');
      if (count && count.textContent !== String(left)) { count.textContent = String(left); }
    } else if (idle >= idleMs) {
      showWarning(); tick();
    }
  }
  K.timer = setInterval(tick, 250);

  // Lock-down: links, new windows, menus, selection, zoom, keyboards.
  const offsite = (href) => {
    try { return new URL(href, window.location.href).origin !== window.location.origin; }
    catch (error) { return true; }
  };
  document.addEventListener('click', (event) => {
    if (onAttract() && event.target.closest && event.target.closest('#' + K.cfg.attractId)) {
      const start = document.querySelector(K.cfg.startSelector);
      if (start) { start.click(); }
      return;
    }
    const link = event.target.closest ? event.target.closest('a') : null;
    if (!link) { return; }
    const href = link.getAttribute('href');
    if (link.hasAttribute('data-parkloop-offsite') || (href && offsite(href))) {
      event.preventDefault(); event.stopPropagation(); return;
    }
    if (href && link.target && link.target !== '_self') {  // never a second window on a kiosk
      event.preventDefault(); event.stopPropagation();
      window.location.assign(new URL(href, window.location.href).href);
    }
  }, true);
  window.open = function () { return null; };
  for (const type of ['contextmenu', 'dragstart', 'selectstart', 'gesturestart', 'gesturechange']) {
    document.addEventListener(type, (event) => event.preventDefault(), { capture: true });
  }
  document.addEventListener('touchmove', (event) => {
    if (event.touches && event.touches.length > 1) { event.preventDefault(); }
  }, { capture: true, passive: false });
  document.addEventListener('wheel', (event) => { if (event.ctrlKey) { event.preventDefault(); } },
    { capture: true, passive: false });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0', 'p', 's', 'o', 'u'].includes(event.key)) {
      event.preventDefault();
    }
  }, { capture: true });
  let meta = document.querySelector('meta[name="viewport"]');
  if (!meta) {
    meta = document.createElement('meta'); meta.name = 'viewport'; document.head.appendChild(meta);
  }
  meta.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no';

  function sanitize() {
    for (const link of document.querySelectorAll('a[href]')) {
      if (offsite(link.getAttribute('href'))) {
        link.removeAttribute('href');
        link.removeAttribute('target');
        link.setAttribute('data-parkloop-offsite', '');
        link.setAttribute('aria-disabled', 'true');
      }
    }
    const fields = 'input:not([type=range]):not([inputmode=none]), textarea';
    for (const field of document.querySelectorAll(fields)) {
      field.setAttribute('inputmode', 'none');  // no on-screen keyboard
    }
  }
  let queued = false;
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; sanitize(); }); }
  }).observe(document.body, { childList: true, subtree: true });
  sanitize();
})();
</script>
"""


def _script_config(default_lang: str) -> dict[str, object]:
    idle_s, warn_s = timing()
    return {
        "idleS": idle_s,
        "warnS": warn_s,
        "resetUrl": reset_url(default_lang),
        "attractId": ATTRACT_ID,
        "warningId": WARNING_ID,
        "startSelector": f".st-key-{START_KEY} button",
        "langs": list(SUPPORTED_LANGS),
        "seconds": " · ".join(t("kiosk.idle.seconds", code) for code in SUPPORTED_LANGS),
        "text": {
            code: {"title": t("kiosk.idle.title", code), "body": t("kiosk.idle.body", code)}
            for code in SUPPORTED_LANGS
        },
    }


def kiosk_head(default_lang: str, visit: str | None) -> str:
    """The visit marker and the script of kiosk mode, as one HTML string (the frame draws
    :data:`KIOSK_CSS` itself, before the first paint).

    The configuration is JSON inside the script; ``</`` is escaped so that no text can close the tag."""
    config = json.dumps(_script_config(default_lang), ensure_ascii=False).replace("</", "<\\/")
    state = f'<div id="parkloop-kiosk-state" data-visit="{html.escape(visit or "")}"></div>'
    return state + KIOSK_SCRIPT.replace("__CONFIG__", config)


# --------------------------------------------------------------------------------------------
# attract screen
# --------------------------------------------------------------------------------------------
ATTRACT_CSS = """
<style>
.st-key-parkloop-topbar { display: none !important; }
#parkloop-attract { position: relative; min-height: calc(100vh - 13rem); border-radius: 1.25rem;
  cursor: pointer;
  background: linear-gradient(135deg, #064e3b 0%, #065f46 55%, #0f766e 100%); color: #ffffff;
  padding: 3rem 4rem; display: flex; flex-direction: column; justify-content: space-between;
  overflow: hidden; }
#parkloop-attract .pl-name { font-size: 2rem; font-weight: 700; margin: 0; }
#parkloop-attract .pl-name span[lang="en"] { font-weight: 400; margin-left: 1rem; }
#parkloop-attract .pl-slides { position: relative; flex: 1; min-height: 18rem; }
#parkloop-attract .pl-slide { position: absolute; inset: 0; display: flex; flex-direction: column;
  justify-content: center; opacity: 0; animation: pl-cycle __CYCLE__s linear infinite; }
#parkloop-attract .pl-zh { font-size: 3.2rem; font-weight: 700; line-height: 1.3; margin: 0 0 1rem 0; }
#parkloop-attract .pl-en { font-size: 2.2rem; line-height: 1.3; margin: 0 0 1.5rem 0; }
#parkloop-attract .pl-source { font-size: 1.2rem; margin: 0; color: #ecfdf5; }
#parkloop-attract .pl-touch { font-size: 2.4rem; font-weight: 700; text-align: center; margin: 0;
  padding: 1.25rem; border: 3px solid #ffffff; border-radius: 999px;
  animation: pl-pulse 2.5s ease-in-out infinite; }
#parkloop-attract .pl-touch span[lang="en"] { margin-left: 1.5rem; font-weight: 400; }
@keyframes pl-cycle { 0% { opacity: 0; } 3% { opacity: 1; } __SHOWN__% { opacity: 1; }
  __GONE__% { opacity: 0; } 100% { opacity: 0; } }
@keyframes pl-pulse { 0%, 100% { transform: scale(1); } 50% { transform: scale(1.03); } }
@media (prefers-reduced-motion: reduce) {
  #parkloop-attract .pl-touch { animation: none; }
}
.st-key-parkloop-attract-start button { min-height: 72px; width: 100%; background: #047857;
  border-color: #047857; color: #ffffff; }
.st-key-parkloop-attract-start button p { font-size: 1.6rem; font-weight: 700; }
@media (max-width: 640px) {
  #parkloop-attract { padding: 1.5rem; }
  #parkloop-attract .pl-zh { font-size: 1.8rem; }
  #parkloop-attract .pl-en { font-size: 1.3rem; }
  #parkloop-attract .pl-touch { font-size: 1.3rem; }
}
</style>
"""


def _span(lang: str, text: str) -> str:
    return f'<span lang="{"zh-Hans" if lang == "zh" else lang}">{html.escape(text)}</span>'


def attract_html(slides: list) -> str:
    """The attract screen: the name, the cycling highlights (CSS only), the invitation to touch."""
    count = max(len(slides), 1)
    cycle = count * SLIDE_S
    shown = round(100 / count - 3, 2)
    gone = round(100 / count, 2)
    css = (
        ATTRACT_CSS.replace("__CYCLE__", str(cycle))
        .replace("__SHOWN__", str(shown))
        .replace("__GONE__", str(gone))
    )
    parts = []
    for index, slide in enumerate(slides):
        lines = "".join(
            f'<p class="pl-{code}" lang="{"zh-Hans" if code == "zh" else code}">'
            f"{html.escape(slide.headline[code])}</p>"
            for code in SUPPORTED_LANGS
        )
        source = " · ".join(html.escape(slide.source[code]) for code in SUPPORTED_LANGS)
        parts.append(
            f'<div class="pl-slide" data-slide="{html.escape(slide.name)}" '
            f'style="animation-delay: {index * SLIDE_S}s">{lines}<p class="pl-source">{source}</p></div>'
        )
    name = "".join(_span(code, t("app.park", code)) for code in SUPPORTED_LANGS)
    touch = "".join(_span(code, t("kiosk.touch", code)) for code in SUPPORTED_LANGS)
    # Not a role=button of its own: a touch anywhere on it presses the Start button under it, which is
    # the one control a keyboard or a screen reader meets (the same words, no second tab stop).
    return (
        css + f'<div id="{ATTRACT_ID}">'
        f'<p class="pl-name">{name}</p><div class="pl-slides">{"".join(parts)}</div>'
        f'<p class="pl-touch">{touch}</p></div>'
    )
