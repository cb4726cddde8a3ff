"""Deciding a paragraph's kind from its text, the same way for every format."""

from __future__ import annotations

import regex

from schemas.document import BlockKind

# "- Cơ quan thực hiện: …", "+ Thời gian: …", "* Về kết quả …", "• …"
LIST_BULLET = regex.compile(r"^[-+*•▪◦–]\s")
# "I. Đánh giá chung", "2.1. Công tác …", "a) Tiêu chí thành phần: …"
NUMBERED_HEADING = regex.compile(r"^(?P<num>[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])[.)]\s+\S")
SENTENCE_END = regex.compile(r"[.;!?…]\s*$")
HEADING_MAX_CHARS = 160


def paragraph_kind(text: str, *, whole_bold: bool = False, style_heading_level: int | None = None) -> BlockKind:
    """heading, list_item or paragraph. A heading is short and looks like one: a Word heading style,
    all capitals, numbered without a closing full stop, or wholly bold."""
    if style_heading_level is not None:
        return BlockKind.HEADING
    if LIST_BULLET.match(text):
        return BlockKind.LIST_ITEM
    if len(text) > HEADING_MAX_CHARS or SENTENCE_END.search(text):
        return BlockKind.PARAGRAPH
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 3 and sum(ch.isupper() for ch in letters) / len(letters) > 0.9:
        return BlockKind.HEADING
    if NUMBERED_HEADING.match(text) and not text.rstrip().endswith(":"):
        return BlockKind.HEADING
    if whole_bold:
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def heading_level(text: str, style_heading_level: int | None = None) -> int | None:
    """1 for roman or all-capital headings, 2 for "1.", 3 for "1.1.", 4 for "a)"."""
    if style_heading_level is not None:
        return style_heading_level
    match = NUMBERED_HEADING.match(text)
    if match is None:
        return 1
    num = str(match.group("num"))
    if regex.fullmatch(r"[IVXLC]+", num):
        return 1
    if num[0].isdigit():
        return 2 + num.count(".")
    return 4
