"""What a DOCX paragraph or character style says that the reader needs: bold, heading level, numbering.

Only the style chain (`w:basedOn`) is followed; document defaults, table styles and theme formatting
are ignored on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_NAME = regex.compile(r"^heading\s*(?P<level>[1-9])$", regex.IGNORECASE)
OFF_VALUES = frozenset({"0", "false", "off"})
MAX_CHAIN = 20


def is_on(element: Any) -> bool:
    """A WordprocessingML toggle property (`<w:b/>`, `<w:b w:val="0"/>`)."""
    return element.get(W + "val") not in OFF_VALUES


def to_int(value: str | None, default: int) -> int:
    number = maybe_int(value)
    return default if number is None else number


def maybe_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class StyleInfo:
    bold: bool | None = None
    heading_level: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


@dataclass(frozen=True)
class _Own:
    based_on: str | None
    info: StyleInfo


class Styles:
    def __init__(self, root: Any | None) -> None:
        self._own: dict[str, _Own] = {}
        self._resolved: dict[str, StyleInfo] = {}
        self.default_paragraph: str | None = None
        self.numbering_styles: dict[str, str] = {}  # numbering style id -> numId (for w:numStyleLink)
        for style in root.iterfind(W + "style") if root is not None else ():
            self._add(style)

    def _add(self, style: Any) -> None:
        style_id = style.get(W + "styleId")
        if style_id is None:
            return
        kind = style.get(W + "type")
        if kind == "paragraph" and is_on_attr(style.get(W + "default")):
            self.default_paragraph = style_id
        based = style.find(W + "basedOn")
        own = _Own(based.get(W + "val") if based is not None else None, _own_info(style))
        self._own[style_id] = own
        if kind == "numbering" and own.info.num_id is not None:
            self.numbering_styles[style_id] = own.info.num_id

    def paragraph(self, style_id: str | None) -> StyleInfo:
        """The resolved properties of a paragraph style (the default style when `style_id` is None)."""
        key = style_id if style_id is not None else self.default_paragraph
        if key is None:
            return StyleInfo()
        if key not in self._resolved:
            self._resolved[key] = self._resolve(key)
        return self._resolved[key]

    def run_bold(self, style_id: str) -> bool | None:
        return self.paragraph(style_id).bold

    def _resolve(self, style_id: str) -> StyleInfo:
        chain: list[StyleInfo] = []
        current: str | None = style_id
        while current is not None and current in self._own and len(chain) < MAX_CHAIN:
            own = self._own[current]
            chain.append(own.info)
            current = own.based_on

        def first(attribute: str) -> Any:
            return next((getattr(i, attribute) for i in chain if getattr(i, attribute) is not None), None)

        return StyleInfo(first("bold"), first("heading_level"), first("num_id"), first("ilvl"))


def is_on_attr(value: str | None) -> bool:
    return value is not None and value not in OFF_VALUES


def _own_info(style: Any) -> StyleInfo:
    bold = style.find(f"{W}rPr/{W}b")
    name = style.find(W + "name")
    match = HEADING_NAME.match(name.get(W + "val", "")) if name is not None else None
    level = int(match.group("level")) if match else None
    ppr = style.find(W + "pPr")
    num_id = ilvl = None
    if ppr is not None:
        if level is None:
            level = outline_level(ppr)
        num_id = _val(ppr.find(f"{W}numPr/{W}numId"))
        ilvl = maybe_int(_val(ppr.find(f"{W}numPr/{W}ilvl")))
    return StyleInfo(is_on(bold) if bold is not None else None, level, num_id, ilvl)


def outline_level(ppr: Any) -> int | None:
    """`w:outlineLvl` 0-8 as a heading level 1-9 (9 means body text)."""
    value = maybe_int(_val(ppr.find(W + "outlineLvl")))
    return value + 1 if value is not None and 0 <= value <= 8 else None


def _val(element: Any | None) -> str | None:
    return element.get(W + "val") if element is not None else None
