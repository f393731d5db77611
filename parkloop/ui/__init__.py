"""The Streamlit kit: the one frame and its hooks, URL-bound widgets, provenance popovers, charts, cached
model results.

Only this package and the pages (``exhibits/*.py``, ``parkloop/<feature>/pages/*.py``) import Streamlit
(``tests/test_architecture.py`` keeps it so); everything else — the model, the exhibits' logic, content,
the store — stays plain Python, tested without a server.
"""
