"""Word list numbering rendered as text ("1. ", "2.1. ", "a) ", "- "), since DOCX stores only the rule.

As Word counts: the running count belongs to the abstract definition (`w:abstractNum`), so numbering
instances (`w:num`) that share one continue each other; an instance's `w:startOverride` restarts its
level the first time that instance is used; using a level resets the levels below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.read.docx_styles import W, is_on_attr, to_int

BULLETS_KEPT = frozenset("-+*•▪◦–")  # the shared classifier's list bullets; anything else becomes "-"
ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = " "
    legal: bool = False  # w:isLgl: show every level's number in decimal


@dataclass
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)


class Numbering:
    def __init__(self, root: Any | None, numbering_styles: dict[str, str] | None = None) -> None:
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._style_links: dict[str, str] = {}  # abstractNumId -> numbering style id
        self._nums: dict[str, _Num] = {}
        self._numbering_styles = numbering_styles or {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()
        if root is not None:
            self._load(root)

    def _load(self, root: Any) -> None:
        for abstract in root.iterfind(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId")
            levels = {to_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.iterfind(W + "lvl")}
            self._abstracts[abstract_id] = levels
            link = abstract.find(W + "numStyleLink")
            if link is not None:
                self._style_links[abstract_id] = link.get(W + "val", "")
        for num in root.iterfind(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            overrides = {
                to_int(o.get(W + "ilvl"), 0): to_int(o.find(W + "startOverride").get(W + "val"), 1)
                for o in num.iterfind(W + "lvlOverride")
                if o.find(W + "startOverride") is not None
            }
            self._nums[num.get(W + "numId", "")] = _Num(ref.get(W + "val", ""), overrides)

    def _abstract(self, num_id: str, depth: int = 0) -> str | None:
        """The abstract definition behind an instance, following one `w:numStyleLink` hop."""
        num = self._nums.get(num_id)
        if num is None:
            return None
        link = self._style_links.get(num.abstract_id)
        linked = self._numbering_styles.get(link) if link else None
        if linked is not None and linked != num_id and depth < 2:
            return self._abstract(linked, depth + 1)
        return num.abstract_id

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the count for this paragraph and return its label with its suffix ("" if none)."""
        abstract_id = self._abstract(num_id)
        levels = self._abstracts.get(abstract_id or "", {})
        level = levels.get(ilvl)
        if abstract_id is None or level is None:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for overridden, start in self._nums[num_id].start_overrides.items():
                counters[overridden] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return _render(level, levels, counters)


def _level(lvl: Any) -> Level:
    def val(tag: str) -> str | None:
        element = lvl.find(W + tag)
        return element.get(W + "val") if element is not None else None

    suffix = {"nothing": "", "space": " "}.get(val("suff") or "tab", " ")
    legal = lvl.find(W + "isLgl")
    return Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        start=to_int(val("start"), 1),
        suffix=suffix,
        legal=legal is not None and (legal.get(W + "val") is None or is_on_attr(legal.get(W + "val"))),
    )


def _render(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
    if level.fmt == "none" or (not level.text and level.fmt != "bullet"):
        return ""
    if level.fmt == "bullet":
        symbol = level.text.strip()
        return (symbol if symbol in BULLETS_KEPT else "-") + level.suffix
    text = level.text
    for index in range(9, 0, -1):  # "%10" does not exist; replace high numbers first anyway
        placeholder = f"%{index}"
        if placeholder in text:
            other = levels.get(index - 1, Level())
            count = counters.get(index - 1, other.start)
            fmt = "decimal" if level.legal and other.fmt != "bullet" else other.fmt
            text = text.replace(placeholder, format_number(count, fmt))
    return text + level.suffix


def format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _letters(number)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


def _letters(number: int) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa …"""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
