"""Patterns tried only where a match can start.

A case-insensitive alternation of words (`regex`'s IGNORECASE) is tried at every position of a text, and an
alternation whose branches start differently ("^…", a lookbehind, "điểm", "tự") loses the engine's literal
search: ASSESSMENT costs 3.5× its nine branches tried one by one. An `AnchoredPattern` finds the positions where a match
can start with a cheap case-sensitive scan of the lower-cased text (the first words of the branches), tries
the pattern there, and gives the same matches as the pattern's own `finditer`/`search`:

- every match starts at one of the scan's positions (or at 0, for a pattern with "^" branches): each
  character IGNORECASE equates with a letter of the words lower-cases to that letter, but `CASE_TRAPS`
  (`tests/test_extract_speed_equivalence.py` checks every character), and a text holding a trap, or a
  character whose lower case is longer (offsets would move), is scanned by the pattern itself;
- the scan's words are letters (or one sign), and a match starts on a word boundary or after a space, so no
  word the scan consumes hides a start inside it;
- the pattern never matches an empty string, so a match ends the search for the next one past it, as in
  `finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

# Characters that IGNORECASE equates with a letter of some scan word but that do not lower-case to it.
CASE_TRAPS = ("İ",)


@dataclass(frozen=True)
class AnchoredPattern:
    pattern: regex.Pattern[str]
    words: tuple[str, ...]  # lower case; one of them opens every match (but a "^" branch's, with at_text_start)
    at_text_start: bool = False  # the pattern has branches anchored at the start of the text ("^\W*…")
    starts: re.Pattern[str] = field(init=False, repr=False)  # finds the words in the lower-cased text

    def __post_init__(self) -> None:
        scan = "|".join(re.escape(word) for word in sorted(set(self.words), key=lambda word: (-len(word), word)))
        object.__setattr__(self, "starts", re.compile(scan))

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None
    ) -> Iterator[regex.Match[str]]:
        """`pattern.finditer(text, pos, endpos)`; `lowered`: `text.lower()`, when the caller has it."""
        endpos = len(text) if endpos is None else endpos
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) != len(text) or any(trap in text for trap in CASE_TRAPS):
            yield from self.pattern.finditer(text, pos, endpos)
            return
        end = pos
        if self.at_text_start and pos == 0 and (first := self.pattern.match(text, 0, endpos)) is not None:
            end = first.end()
            yield first
        for candidate in self.starts.finditer(lowered, pos, endpos):
            if candidate.start() < end:
                continue
            match = self.pattern.match(text, candidate.start(), endpos)
            if match is not None:
                end = match.end()
                yield match

    def search(
        self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None
    ) -> regex.Match[str] | None:
        """`pattern.search(text, pos, endpos)`."""
        return next(self.finditer(text, pos, endpos, lowered), None)
