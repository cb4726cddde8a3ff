"""Which sentence printed a number: a row merged from several statements keeps all their spans; a check
points at the one that holds the printed value, narrowed to its sentence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from schemas.document import Document
from schemas.source_span import SourceSpan

SENTENCE_END = regex.compile(r"(?<=[.;!?])\s+(?=[\p{Lu}\d*\-+(“\"])|\n")


def locate(raw: str, spans: Sequence[SourceSpan], document: Document | None) -> SourceSpan | None:
    """The sentence, within the first of `spans` that prints `raw` as a whole number, or the first span."""
    if not spans:
        return None
    if document is None:
        return spans[0]
    number = printed_number(raw)
    for span in spans:
        match = number.search(document.text, span.start, span.end)
        if match is not None:
            return _sentence(document.text, span, match.start(), match.end())
    return spans[0]


@cache
def printed_number(raw: str) -> regex.Pattern[str]:
    """The printed number as a whole number: "0,61" but not inside "10,61" or "0,615"."""
    return regex.compile(rf"(?<![\d,.]){regex.escape(raw)}(?![\d]|,\d)")


def _sentence(text: str, span: SourceSpan, start: int, end: int) -> SourceSpan:
    before = [m.end() for m in SENTENCE_END.finditer(text, span.start, start)]
    after = SENTENCE_END.search(text, end, span.end)
    return span.model_copy(
        update={"start": before[-1] if before else span.start, "end": after.start() if after else span.end}
    )
