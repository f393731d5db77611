"""The platform's pages, as data: one entry per exhibit (no Streamlit here, so tests and tools can read it).

``app.py`` turns this list into ``st.Page`` objects; the home page draws one tile per exhibit from it; the
browser and AppTest suites open every page in it, in both languages. Adding an exhibit means adding a line
here, a script under ``exhibits/``, its logic under ``parkloop/exhibits/`` and its words under
``content/<lang>/`` (``docs/writing-an-exhibit.md``). Pages that are not exhibits live with their feature
(``parkloop/school/pages/``, ``parkloop/tours/pages/``, ``parkloop/staff/pages/``).

``slug`` is the page's URL path (ASCII, never translated: QR codes and links keep working whatever the
language). Titles and one-line teasers are UI strings ``nav.<slug>`` and ``teaser.<slug>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageSpec:
    slug: str  # URL path; "" for the home page
    script: str  # the page's script, relative to the repository: exhibits/… or parkloop/<feature>/pages/…
    group: str  # home | journey | system | people | school | hidden — how the home page groups its tiles
    plant: str | None = None  # the plant on the park map this exhibit belongs to (data/park_map.toml)

    @property
    def key(self) -> str:
        """The page's name in content keys and file names (``home`` for the home page)."""
        return self.slug.replace("-", "_") or "home"

    @property
    def path(self) -> Path:
        return REPO_ROOT / self.script


PAGES: tuple[PageSpec, ...] = (
    PageSpec("", "exhibits/home.py", "home"),
    # Follow the garbage: one exhibit per chain of the park
    PageSpec("park", "exhibits/park.py", "system"),
    PageSpec("power", "exhibits/power.py", "journey", plant="incineration"),
    PageSpec("steam", "exhibits/steam.py", "journey", plant="incineration"),
    PageSpec("biogas", "exhibits/biogas.py", "journey", plant="kitchen_waste"),
    PageSpec("water", "exhibits/water.py", "journey", plant="leachate"),
    PageSpec("materials", "exhibits/materials.py", "journey", plant="construction_waste"),
    PageSpec("solar", "exhibits/solar.py", "journey", plant="solar"),
    # The park as one system
    PageSpec("system", "exhibits/system.py", "system"),
    PageSpec("targets", "exhibits/targets.py", "system"),
    PageSpec("air", "exhibits/air.py", "system", plant="incineration"),
    # For visitors and children
    PageSpec("my-garbage", "exhibits/my_garbage.py", "people"),
    PageSpec("sorting", "exhibits/sorting.py", "people"),
    # QR tours (a visitor's phone) and school classes
    PageSpec("tours", "parkloop/tours/pages/tours.py", "people"),
    PageSpec("lessons", "parkloop/school/pages/lessons.py", "school"),
    # hidden: reached by a link, not a tile
    PageSpec("join", "parkloop/school/pages/join.py", "hidden"),  # students join a session: /join?code=CODE
    PageSpec("teacher", "parkloop/school/pages/teacher.py", "hidden"),  # a session's dashboard (secret link)
    PageSpec("passport", "parkloop/tours/pages/passport.py", "hidden"),  # stamps collected on a QR tour
    PageSpec("staff", "parkloop/staff/pages/staff.py", "hidden"),  # park staff (token); never on a kiosk
)

EXHIBITS: tuple[PageSpec, ...] = tuple(p for p in PAGES if p.slug)
BY_SLUG: dict[str, PageSpec] = {p.slug: p for p in PAGES}
GROUPS: tuple[str, ...] = ("journey", "system", "people", "school")


def page_for_plant(plant: str) -> PageSpec | None:
    """The exhibit a plant on the park map opens (the first one that names it)."""
    return next((p for p in EXHIBITS if p.plant == plant), None)
