"""The platform's pages, as data: one entry per exhibit (no Streamlit here, so tests and tools can read it).

``app.py`` turns this list into ``st.Page`` objects; the home page draws one tile per exhibit from it; the
browser and AppTest suites open every page in it, in both languages. Adding an exhibit means adding a line
here, a script under ``exhibits/`` and its words under ``content/<lang>/``.

``slug`` is the page's URL path (ASCII, never translated: QR codes and links keep working whatever the
language). Titles and one-line teasers are UI strings ``nav.<slug>`` and ``teaser.<slug>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXHIBITS_DIR = Path(__file__).resolve().parents[1] / "exhibits"


@dataclass(frozen=True)
class PageSpec:
    slug: str  # URL path; "" for the home page
    script: str  # file under exhibits/
    group: str  # home | journey | system | people | school | hidden — how the home page groups its tiles
    plant: str | None = None  # the plant on the park map this exhibit belongs to (data/park_map.toml)

    @property
    def key(self) -> str:
        """The page's name in content keys and file names (``home`` for the home page)."""
        return self.slug.replace("-", "_") or "home"

    @property
    def path(self) -> Path:
        return EXHIBITS_DIR / self.script


PAGES: tuple[PageSpec, ...] = (
    PageSpec("", "home.py", "home"),
    # Follow the garbage: one exhibit per chain of the park
    PageSpec("park", "park.py", "system"),
    PageSpec("power", "power.py", "journey", plant="incineration"),
    PageSpec("steam", "steam.py", "journey", plant="incineration"),
    PageSpec("biogas", "biogas.py", "journey", plant="kitchen_waste"),
    PageSpec("water", "water.py", "journey", plant="leachate"),
    PageSpec("materials", "materials.py", "journey", plant="construction_waste"),
    PageSpec("solar", "solar.py", "journey", plant="solar"),
    # The park as one system
    PageSpec("system", "system.py", "system"),
    PageSpec("targets", "targets.py", "system"),
    PageSpec("air", "air.py", "system", plant="incineration"),
    # For visitors and children
    PageSpec("my-garbage", "my_garbage.py", "people"),
    PageSpec("sorting", "sorting.py", "people"),
    # QR tours (a visitor's phone) and school classes
    PageSpec("tours", "tours.py", "people"),
    PageSpec("lessons", "lessons.py", "school"),
    PageSpec("join", "join.py", "hidden"),  # students join a class session: /join?code=CODE
    PageSpec("teacher", "teacher.py", "hidden"),  # a teacher's session dashboard (secret link or PIN)
    PageSpec("passport", "passport.py", "hidden"),  # stamps collected on a QR tour
    PageSpec("staff", "staff.py", "hidden"),  # park staff: usage and tours (token); never in kiosk mode
)

EXHIBITS: tuple[PageSpec, ...] = tuple(p for p in PAGES if p.slug)
BY_SLUG: dict[str, PageSpec] = {p.slug: p for p in PAGES}
GROUPS: tuple[str, ...] = ("journey", "system", "people", "school")


def page_for_plant(plant: str) -> PageSpec | None:
    """The exhibit a plant on the park map opens (the first one that names it)."""
    return next((p for p in EXHIBITS if p.plant == plant), None)
