"""QR tours: stations and routes (:mod:`.data`), the anonymous passport (:mod:`.passport`), the route map
and certificate pictures (:mod:`.render`), print posters (:mod:`.posters`), and the pages ``/tours`` and
``/passport`` (``pages/``). The frame's ``?station=`` hook and the station header are Streamlit, so they
live in :mod:`parkloop.ui.tours`."""
