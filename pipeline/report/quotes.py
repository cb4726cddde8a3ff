"""A finding's source text: the sentence each span sits in, with every operand marked where it is printed.

Pure functions over the stored blocks of one document (offsets into its normalised text). A span is either
a whole statement (a clause, a table row) or the printed number itself; either way the passage shown is
the sentence around it, and the mark is where the operand's printed value (`raw`) occurs inside its span.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import regex

CONTEXT_CHARS = 300  # at most this much text either side of a span, cut at a word
_SENTENCE_END = regex.compile(r"[.!?](?=\s|$)|\n")
# the dot of a heading's or criterion's number ("5. ", "3.13.2. ", "II. ") ends no sentence
_NUMBERING_DOT = regex.compile(r"(?:(?<![\w.,])\d{1,2}(?:\.\d{1,2})*|(?<![\w.])[IVX]{1,4})\.(?=\s)")


@dataclass(frozen=True)
class SourceBlock:
    block_id: str
    page: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    block: str | None
    page: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Operand:
    role: str
    raw: str
    code: str | None
    span: Span | None


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of a passage: offsets into `Passage.text`."""

    start: int
    end: int
    kind: Literal["stated", "operand"]
    role: str
    code: str | None


@dataclass(frozen=True)
class Passage:
    text: str
    blocks: tuple[str, ...]
    page: int | None
    start: int  # offsets of the passage in the document's normalised text
    end: int
    marks: tuple[Mark, ...]
    primary: bool  # the sentence of the finding's own span
    cut_before: bool = False
    cut_after: bool = False


@dataclass(frozen=True)
class _DocMark:
    start: int
    end: int
    kind: Literal["stated", "operand"]
    role: str
    code: str | None


@dataclass
class _Region:
    start: int
    end: int
    primary: bool
    cut_before: bool = False
    cut_after: bool = False


class DocumentText:
    """The parts of one document's normalised text that its stored blocks hold."""

    def __init__(self, blocks: Sequence[SourceBlock]) -> None:
        self.blocks = sorted(blocks, key=lambda b: b.start)

    def touching(self, start: int, end: int) -> list[SourceBlock]:
        return [b for b in self.blocks if b.start < max(end, start + 1) and b.end > start]

    def text(self, start: int, end: int) -> str:
        """The text of [start, end); blocks are separated by a blank line, as in the document."""
        return "\n\n".join(
            b.text[max(start, b.start) - b.start : min(end, b.end) - b.start] for b in self.touching(start, end)
        )

    def local(self, start: int, end: int, offset: int) -> int:
        """Where document offset `offset` lands in `text(start, end)`."""
        position = 0
        for block in self.touching(start, end):
            low, high = max(start, block.start), min(end, block.end)
            if offset <= high:
                return position + max(0, offset - low)
            position += high - low + 2
        return position


def finding_to_passages(
    text: DocumentText, span: Span | None, operands: Sequence[Operand], stated: str | None
) -> tuple[Passage, ...]:
    """The finding's own sentence first, then the sentences of operands printed elsewhere, in document
    order; each with the operands it holds marked, the stated value marked as such."""
    marks = list(_operand_marks(text, operands))
    if span is not None and stated:
        marks = _mark_stated(text, span, stated, marks)
    regions: list[_Region] = []
    if span is not None:
        regions.append(_sentence(text, span.start, span.end, primary=True))
    for operand in operands:
        if operand.span is None:
            continue
        where = [(m.start, m.end) for m in marks if operand.span.start <= m.start < operand.span.end]
        where = where or [(operand.span.start, operand.span.end)]
        if all(any(r.start <= a and b <= r.end for r in regions) for a, b in where):
            continue
        regions.append(_sentence(text, operand.span.start, operand.span.end, primary=False))
    return tuple(_passage(text, region, marks) for region in _merge(regions) if region.end > region.start)


def _passage(text: DocumentText, region: _Region, marks: list[_DocMark]) -> Passage:
    start, end = region.start, region.end
    blocks = text.touching(start, end)
    inside = sorted((m for m in marks if start <= m.start and m.end <= end), key=lambda m: m.start)
    local = [
        Mark(text.local(start, end, m.start), text.local(start, end, m.end), m.kind, m.role, m.code)
        for m in _without_overlaps(inside)
    ]
    return Passage(
        text=text.text(start, end),
        blocks=tuple(b.block_id for b in blocks),
        page=blocks[0].page if blocks else None,
        start=start,
        end=end,
        marks=tuple(local),
        primary=region.primary,
        cut_before=region.cut_before,
        cut_after=region.cut_after,
    )


def _operand_marks(text: DocumentText, operands: Sequence[Operand]) -> Iterator[_DocMark]:
    taken: list[tuple[int, int]] = []
    for operand in operands:
        if operand.span is None or not operand.raw:
            continue
        found = _find_raw(text, operand.span.start, operand.span.end, operand.raw, taken)
        if found is None:
            continue
        taken.append(found)
        yield _DocMark(found[0], found[1], "operand", operand.role, operand.code)


def _mark_stated(text: DocumentText, span: Span, stated: str, marks: list[_DocMark]) -> list[_DocMark]:
    """The stated value inside the finding's span: an operand mark over it becomes the stated mark."""
    found = _find_raw(text, span.start, span.end, stated, [])
    if found is None:
        return marks
    start, end = found
    for index, mark in enumerate(marks):
        if mark.start < end and start < mark.end:
            marks[index] = _DocMark(mark.start, mark.end, "stated", mark.role, mark.code)
            return marks
    return [*marks, _DocMark(start, end, "stated", "stated", None)]


def _find_raw(
    text: DocumentText, start: int, end: int, raw: str, taken: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """Document offsets of `raw` printed inside [start, end), as a whole number or word, not yet taken."""
    haystack = text.text(start, end)
    pattern = regex.compile(r"(?<![\w])" + regex.escape(raw) + r"(?![\w]|[.,]\d)")
    first: tuple[int, int] | None = None
    for match in pattern.finditer(haystack):
        found = (_document_offset(text, start, end, match.start()), _document_offset(text, start, end, match.end()))
        if found not in taken:
            return found
        first = first or found
    return first


def _document_offset(text: DocumentText, start: int, end: int, local: int) -> int:
    """The inverse of `DocumentText.local` for [start, end)."""
    position = 0
    for block in text.touching(start, end):
        low, high = max(start, block.start), min(end, block.end)
        if local <= position + (high - low):
            return low + (local - position)
        position += high - low + 2
    return end


def _sentence(text: DocumentText, start: int, end: int, *, primary: bool) -> _Region:
    """[start, end) widened to the sentence (or table row) around it, within its block, at most
    CONTEXT_CHARS either side; a span that crosses blocks is kept as it is."""
    blocks = text.touching(start, end)
    if len(blocks) != 1:
        return _Region(start, end, primary)
    block = blocks[0]
    low, high = max(start, block.start) - block.start, min(end, block.end) - block.start
    ends = _sentence_ends(block.text)
    left = max((following for _, following in ends if following <= low), default=0)
    if high >= len(block.text) or block.text[high] == "\n" or any(end == high for end, _ in ends):
        right = high  # the span ends its sentence already
    else:
        right = min((end for end, _ in ends if end >= high), default=len(block.text))
    region = _Region(block.start + left, block.start + right, primary)
    if low - left > CONTEXT_CHARS:
        space = block.text.find(" ", low - CONTEXT_CHARS, low)
        region.start, region.cut_before = block.start + (space + 1 if space >= 0 else low - CONTEXT_CHARS), True
    if right - high > CONTEXT_CHARS:
        space = block.text.rfind(" ", high, high + CONTEXT_CHARS)
        region.end, region.cut_after = block.start + (space if space > high else high + CONTEXT_CHARS), True
    return region


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """Where each sentence (or line) of a block ends, and where the next one starts."""
    numbering = {m.end() - 1 for m in _NUMBERING_DOT.finditer(text)}
    ends = []
    for match in _SENTENCE_END.finditer(text):
        if match.group() == "\n":
            ends.append((match.start(), match.end()))
        elif match.start() not in numbering:
            following = match.end()
            while following < len(text) and text[following] == " ":
                following += 1
            ends.append((match.end(), following))
    return ends


def _merge(regions: list[_Region]) -> list[_Region]:
    """Overlapping regions become one (primary if either was); the primary passage comes first."""
    merged: list[_Region] = []
    for region in sorted(regions, key=lambda r: (r.start, -r.end)):
        last = merged[-1] if merged else None
        if last is not None and region.start < last.end:
            if region.end > last.end:
                last.end, last.cut_after = region.end, region.cut_after
            last.primary = last.primary or region.primary
            continue
        merged.append(_Region(region.start, region.end, region.primary, region.cut_before, region.cut_after))
    return sorted(merged, key=lambda r: (not r.primary, r.start))


def _without_overlaps(marks: list[_DocMark]) -> Iterator[_DocMark]:
    last_end = -1
    for mark in marks:
        if mark.start >= last_end:
            last_end = mark.end
            yield mark
