"""Shared Streamlit pieces: language choice per session, page chrome, cached model calls.

Only this package (and ``app.py``, ``exhibits/``, ``lessons/``) imports Streamlit; ``parkloop.model``,
``parkloop.i18n`` and ``parkloop.content`` stay plain Python.
"""
