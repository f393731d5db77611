"""The sorting game's rules, without Streamlit: the bins and items (``data/sorting_items.toml``), which
items a round holds (from its seed), what happens when a child puts an item in a bin, and the words
that explain it.

The game is untimed: a wrong bin is explained kindly and the item is put in the right bin, so every
round ends with a celebration and what the park makes of each bin. A star for each item put in the right
bin at the first try is the only tally — no clock, no points lost. The words come in two layers: two short
lines a six-year-old can read (≤ 15 characters a line in Chinese, :func:`short_feedback`), and "为什么？"
behind them (:func:`feedback`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from parkloop import settings
from parkloop.content import t, tn
from parkloop.i18n import format_number
from parkloop.model.tomlfile import read_toml

PAGE = "sorting"
CATEGORIES: tuple[str, ...] = ("food", "recyclable", "hazardous", "residual")
"""Beijing's four bins, in the order they stand at the park: 厨余垃圾, 可回收物, 有害垃圾, 其他垃圾."""
PLANTS: tuple[str, ...] = ("kitchen_waste", "incineration", "recycling", "hazardous")
PER_BIN = 2
"""Items of each category in one round: 8 things, short enough for a child at a kiosk."""
MAX_SEED = 9999
DATA_FILE = "sorting_items.toml"


@dataclass(frozen=True)
class Bin:
    id: str
    colour: str  # fill behind white text
    plant: str


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    plant: str
    tricky: bool = False
    picture: str = "parkloop:bag"  # a Fluent Emoji Flat name or "parkloop:<name>" (sorting_pictures.py)
    rule: str = ""  # for a tricky item: the Beijing rule it was checked against


@dataclass(frozen=True)
class SortingData:
    bins: dict[str, Bin]
    items: tuple[Item, ...]

    @property
    def by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}


def data_path() -> Path:
    """``sorting_items.toml`` in the data folder (the ``data_dir`` setting)."""
    return Path(str(settings.get("data_dir"))) / DATA_FILE


def load_sorting_data(path: Path | str | None = None) -> SortingData:
    """Read and check the bins and items; a mistake in the file raises ValueError naming it (a file that
    is missing or not TOML: :class:`parkloop.model.tomlfile.DataFileError`, one line)."""
    path = Path(path) if path is not None else data_path()
    raw = read_toml(path)
    bins: dict[str, Bin] = {}
    for bin_id, spec in raw.get("bins", {}).items():
        if bin_id not in CATEGORIES or spec.get("plant") not in PLANTS:
            raise ValueError(f"{path.name}: bin {bin_id!r} is not one of {CATEGORIES} or has no known plant")
        bins[bin_id] = Bin(bin_id, str(spec["colour"]), str(spec["plant"]))
    if tuple(bins) != CATEGORIES:
        raise ValueError(f"{path.name}: the bins must be {CATEGORIES}, in that order")
    items: list[Item] = []
    for entry in raw.get("items", []):
        item = Item(
            str(entry["id"]),
            str(entry["category"]),
            str(entry["plant"]),
            bool(entry.get("tricky")),
            str(entry.get("picture", "")),
            str(entry.get("rule", "")),
        )
        if item.category not in CATEGORIES or item.plant not in PLANTS:
            raise ValueError(f"{path.name}: item {item.id!r} has an unknown category or plant")
        if not item.picture:
            raise ValueError(f"{path.name}: item {item.id!r} has no picture")
        if item.tricky and not item.rule:
            raise ValueError(f"{path.name}: tricky item {item.id!r} needs the rule it was checked against")
        if not item.id.isascii() or not item.id.replace("_", "").isalnum():
            raise ValueError(f"{path.name}: item id {item.id!r} must be ASCII letters, digits and _")
        items.append(item)
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path.name}: item ids must be unique")
    for category in CATEGORIES:
        if sum(1 for item in items if item.category == category) < PER_BIN:
            raise ValueError(f"{path.name}: fewer than {PER_BIN} items for {category!r}")
    return SortingData(bins, tuple(items))


# --------------------------------------------------------------------------------------------
# colours
# --------------------------------------------------------------------------------------------
def _channel(value: int) -> float:
    c = value / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of ``#rrggbb`` [0–1]."""
    text = colour.lstrip("#")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two colours (1–21); text needs at least 4.5."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# --------------------------------------------------------------------------------------------
# rounds and moves
# --------------------------------------------------------------------------------------------
def parse_seed(value: object) -> int | None:
    """A round seed from the URL (``?round=``): an integer 1–9999, else None."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        return None
    seed = int(text)
    return seed if 1 <= seed <= MAX_SEED else None


def new_seed(rng: random.Random | None = None, avoid: int | None = None) -> int:
    """A fresh round seed, different from ``avoid`` (so "play again" always changes the round)."""
    rng = rng or random.Random()
    while True:
        seed = rng.randint(1, MAX_SEED)
        if seed != avoid:
            return seed


def round_items(data: SortingData, seed: int, per_bin: int = PER_BIN) -> list[str]:
    """The ids of one round: ``per_bin`` items of each category, at least one of them a tricky one
    where the category has any, shuffled. The same seed always gives the same round."""
    rng = random.Random(f"parkloop-sorting:{seed}")
    chosen: list[str] = []
    for category in CATEGORIES:
        pool = [item for item in data.items if item.category == category]
        tricky = [item for item in pool if item.tricky]
        picked: list[Item] = [rng.choice(tricky)] if tricky else []
        rest = [item for item in pool if item not in picked]
        picked += rng.sample(rest, per_bin - len(picked))
        chosen += [item.id for item in picked]
    rng.shuffle(chosen)
    return chosen


@dataclass(frozen=True)
class Placement:
    """One move: the item, the bin the child chose, and the bin it belongs in."""

    item: str
    chosen: str
    correct_bin: str

    @property
    def correct(self) -> bool:
        return self.chosen == self.correct_bin


@dataclass
class Game:
    """One round in a visitor's session: which items, which one is picked, where each one went."""

    seed: int
    order: list[str]
    placed: dict[str, str] = field(default_factory=dict)  # item id → the bin it is in now
    right_first: set[str] = field(default_factory=set)  # put in the right bin at the first try: a star
    selected: str | None = None
    last: Placement | None = None
    hint: bool = False  # a bin was tapped before an item

    @classmethod
    def start(cls, data: SortingData, seed: int) -> Game:
        return cls(seed=seed, order=round_items(data, seed))

    @property
    def remaining(self) -> list[str]:
        return [item for item in self.order if item not in self.placed]

    @property
    def done(self) -> bool:
        return not self.remaining

    def select(self, item_id: str) -> None:
        """Pick an item (tap it again to keep it picked; tapping another one switches)."""
        if item_id in self.remaining:
            self.selected = item_id
            self.hint = False

    def drop(self, bin_id: str, data: SortingData) -> Placement | None:
        """Put the picked item in ``bin_id``. A wrong bin is explained and the item goes to the right
        one, so the round always moves on. Without a picked item nothing moves (the page says how)."""
        if bin_id not in CATEGORIES:
            return None
        if self.selected is None or self.selected not in self.remaining:
            self.hint = True
            return None
        item = data.by_id[self.selected]
        placement = Placement(item.id, bin_id, item.category)
        self.placed[item.id] = item.category
        if placement.correct:
            self.right_first.add(item.id)
        self.selected = None
        self.last = placement
        self.hint = False
        return placement

    @property
    def stars(self) -> int:
        return len(self.right_first)

    def in_bin(self, bin_id: str) -> list[str]:
        """The items in a bin, in the order they were put there."""
        return [item for item, where in self.placed.items() if where == bin_id]


# --------------------------------------------------------------------------------------------
# words
# --------------------------------------------------------------------------------------------
def item_name(item_id: str, lang: str) -> str:
    return t(f"sorting.item.{item_id}", lang)


def bin_name(bin_id: str, lang: str) -> str:
    return t(f"sorting.bin.{bin_id}", lang)


@dataclass(frozen=True)
class Feedback:
    correct: bool
    title: str
    why: str
    next_step: str  # what the park (or a plant elsewhere) makes of it
    moved: str  # "we put it in the right bin for you", on a wrong answer


def feedback(placement: Placement, data: SortingData, lang: str) -> Feedback:
    """The words after a move: kind on a wrong bin, always with why and what happens next."""
    item = data.by_id[placement.item]
    fields = {
        "item": item_name(item.id, lang),
        "right": t(f"sorting.bin_phrase.{placement.correct_bin}", lang),
        "chosen": t(f"sorting.bin_phrase.{placement.chosen}", lang),
    }
    key = "sorting.right_title" if placement.correct else "sorting.wrong_title"
    return Feedback(
        correct=placement.correct,
        title=t(key, lang, **fields),
        why=t(f"sorting.why.{item.id}", lang),
        next_step=t(f"sorting.plant.{item.plant}", lang),
        moved="" if placement.correct else t("sorting.moved_for_you", lang),
    )


def short_feedback(placement: Placement, lang: str) -> tuple[str, str]:
    """The two short lines shown first after a move: "对啦！真棒！" / "香蕉皮放进绿色桶。" (on a wrong bin:
    "差一点！帮你放好啦。" and the right bin). Each ≤ 15 characters in Chinese (a test checks them all)."""
    first = t("sorting.short.right" if placement.correct else "sorting.short.wrong", lang)
    second = t(f"sorting.short.goes.{placement.correct_bin}", lang, item=item_name(placement.item, lang))
    return first, second


def stars_text(game: Game, lang: str) -> str:
    """The tally in words, for screen readers and read-aloud: "星星：3/8"."""
    return t(
        "sorting.stars", lang, n=format_number(game.stars, lang), total=format_number(len(game.order), lang)
    )


def spoken_text(game: Game, lang: str) -> str:
    """What the read-aloud button says now: the end of the round, the picked item and the next step, the
    short feedback of the last move, or how to start."""
    if game.done:
        return " ".join((t("sorting.celebrate", lang), progress_text(game, lang), stars_text(game, lang)))
    if game.selected:
        return t("sorting.selected", lang, item=item_name(game.selected, lang)).replace("**", "")
    if game.last is not None:
        return " ".join((*short_feedback(game.last, lang), t("sorting.nothing_selected", lang)))
    return " ".join((t("sorting.nothing_selected", lang), t("sorting.hint", lang)))


def progress_text(game: Game, lang: str) -> str:
    """How many things are left: "3 things left to sort" (no score, no clock)."""
    left = len(game.remaining)
    if left == 0:
        return tn("sorting.done_title", len(game.order), lang, n=format_number(len(game.order), lang))
    return tn("sorting.left", left, lang, n=format_number(left, lang))


def recap(game: Game, data: SortingData, lang: str) -> list[tuple[str, list[str], str]]:
    """At the end of a round, per bin: its name, the things in it, and what happens to them next."""
    return [
        (
            bin_name(bin_id, lang),
            [item_name(item, lang) for item in game.in_bin(bin_id)],
            t(f"sorting.plant_short.{data.bins[bin_id].plant}", lang),
        )
        for bin_id in CATEGORIES
    ]


def item_label(game: Game, item_id: str, lang: str) -> str:
    """A thing's button: its name, and "▶ … (picked)" while it is the picked one (never colour alone)."""
    name = item_name(item_id, lang)
    return t("sorting.selected_label", lang, item=name) if item_id == game.selected else name


def bin_contents_text(game: Game, bin_id: str, lang: str) -> str:
    """What is in a bin so far, in words ("empty" for none)."""
    inside = [item_name(item, lang) for item in game.in_bin(bin_id)]
    if not inside:
        return t("sorting.bin_empty", lang)
    return t("sorting.bin_contents", lang, items=t("sorting.list_sep", lang).join(inside))


def feedback_markdown(words: Feedback, lang: str) -> str:
    """The feedback box's text: the verdict, "moved for you" on a wrong bin, why, and what comes next."""
    lines = [f"**{words.title}**"]
    if words.moved:
        lines.append(words.moved)
    lines.append(f"**{t('sorting.why_label', lang)}** {words.why}")
    lines.append(f"**{t('sorting.next_label', lang)}** {words.next_step}")
    return "  \n".join(lines)


def why_markdown(words: Feedback, lang: str) -> str:
    """What "为什么？" opens: the whole sentence, "moved for you" on a wrong bin, why, and what comes next."""
    lines = [f"**{words.title}**"]
    if words.moved:
        lines.append(words.moved)
    lines.append(words.why)
    lines.append(f"**{t('sorting.next_label', lang)}** {words.next_step}")
    return "  \n".join(lines)


def recap_markdown(game: Game, data: SortingData, lang: str) -> str:
    """The end of a round as a list: each bin that got something, its things and what they become."""
    separator = t("sorting.list_sep", lang)
    return "\n".join(
        "- " + t("sorting.recap_line", lang, bin=name, items=separator.join(items), next=next_step)
        for name, items, next_step in recap(game, data, lang)
        if items
    )
