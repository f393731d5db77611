"""ParkLoop — the entry point: ``streamlit run app.py``.

Everything a page is framed by — language, mode, page config, the pages and their ASCII URLs, the top
bar, the ordered hooks of QR tours and kiosk mode, the friendly error box — is :mod:`parkloop.ui.frame`.
"""

from parkloop.ui.frame import run

run()
