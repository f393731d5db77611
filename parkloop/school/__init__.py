"""School: 社会大课堂 lesson modules, their printed sheets, class sessions and results, and their pages.

* :mod:`.lessons` — the modules (``lessons/<id>/lesson.toml`` is data), their validation and quiz facts;
* :mod:`.worksheets` — print-ready task sheets and teacher's guides (PDF);
* :mod:`.sessions` — class sessions in the store: join codes, nicknames, answers, retention;
* :mod:`.results` — what the teacher's dashboard shows (pure);
* ``pages/`` — the Streamlit pages ``/lessons``, ``/join`` and ``/teacher``.
"""
