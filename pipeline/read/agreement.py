"""How far two readings of the same content agree: content words, number tokens, footnote placement.

Used by the format-agreement test and the benchmark; a reader is right when its reading of a DOCX or a
PDF agrees with the reading of the same document's text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from schemas.document import BlockKind, Document

WORD = regex.compile(r"\p{L}+")
NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
CONTENT_KINDS = frozenset(
    {BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE, BlockKind.FOOTNOTE}
)


def content_text(document: Document) -> str:
    """Body and footnote text; page headers and footers are not content."""
    return "\n".join(block.text for block in document.blocks if block.kind in CONTENT_KINDS)


def content_words(document: Document) -> Counter[str]:
    return Counter(word.lower() for word in WORD.findall(content_text(document)))


def number_tokens(document: Document) -> Counter[str]:
    return Counter(NUMBER.findall(content_text(document)))


@dataclass(frozen=True)
class Agreement:
    word_overlap: float  # shared words (as a multiset) over the larger reading's word count
    numbers_missing: Counter[str]  # in the reference, not in the other reading
    numbers_extra: Counter[str]  # in the other reading, not in the reference
    footnotes_in_body: tuple[str, ...]  # reference footnotes whose text sits in a body block

    @property
    def numbers_equal(self) -> bool:
        return not self.numbers_missing and not self.numbers_extra


def compare_readings(reference: Document, other: Document) -> Agreement:
    words_a, words_b = content_words(reference), content_words(other)
    shared = sum((words_a & words_b).values())
    larger = max(sum(words_a.values()), sum(words_b.values()), 1)
    numbers_a, numbers_b = number_tokens(reference), number_tokens(other)
    return Agreement(
        word_overlap=shared / larger,
        numbers_missing=numbers_a - numbers_b,
        numbers_extra=numbers_b - numbers_a,
        footnotes_in_body=footnotes_in_body(reference, other),
    )


def footnotes_in_body(reference: Document, other: Document) -> tuple[str, ...]:
    """Footnotes of `reference` whose opening words stand in `other`'s body more often than in the
    reference's own body (a body sentence may well quote the same decision a footnote cites)."""
    reference_body = _flat_body(reference)
    other_body = _flat_body(other)
    leaks: list[str] = []
    for note in reference.footnotes():
        probe = " ".join(note.text.split()[:8])
        if len(probe) >= 20 and other_body.count(probe) > reference_body.count(probe):
            leaks.append(note.marker or probe)
    return tuple(leaks)


def _flat_body(document: Document) -> str:
    return "\n".join(" ".join(block.text.split()) for block in document.body_blocks())
