"""Text normalisation shared by every reader (DOMAIN.md §2.8).

`normalise_chars` maps characters one run at a time (NFC, Đ look-alikes, dashes, spaces, old tone
placement); `collapse_whitespace` then folds spaces across runs while keeping track of offsets, so bold
spans and footnote marks land in the right place of the normalised text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

CHAR_MAP = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (Icelandic eth) -> Đ
        "\u00f0": "\u0111",  # ð -> đ
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\ufeff": "",  # byte-order mark
        "\ufb01": "fi",
        "\ufb02": "fl",
    }
)

MAPPED_CHARS = regex.compile("[" + regex.escape("".join(chr(code) for code in CHAR_MAP)) + "]")

# Old-style tone placement on open syllables "oa", "oe", "uy": "hoà" -> "hòa", "Uỷ" -> "Ủy",
# "thuỷ" -> "thủy". Not after "q" ("quý" is right as it is) and not before another letter ("hoàn").
OLD_TONE_PAIR = regex.compile(
    r"(?<![qQ])(?P<first>[oO])(?P<second>[àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])(?!\p{L})"
    r"|(?<![qQ])(?P<first>[uU])(?P<second>[ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})"
)
TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")


def _move_tone(match: regex.Match[str]) -> str:
    first, second = match.group("first"), match.group("second")
    decomposed = unicodedata.normalize("NFD", second)
    tone = "".join(ch for ch in decomposed if ch in TONE_MARKS)
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base)


def normalise_chars(text: str) -> str:
    """Character-level normalisation of one run; whitespace is mapped but not collapsed."""
    text = unicodedata.normalize("NFC", text)
    if MAPPED_CHARS.search(text):
        text = text.translate(CHAR_MAP)
    return str(OLD_TONE_PAIR.sub(_move_tone, text))


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text as the reader saw it."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Mark:
    """A footnote reference mark that stood between runs; it is not part of the text."""

    marker: str


@dataclass(frozen=True)
class NormalisedText:
    text: str
    bold: tuple[tuple[int, int], ...]
    marks: tuple[tuple[str, int], ...]


def normalise_runs(pieces: Sequence[Run | Mark]) -> NormalisedText:
    """Normalise a paragraph given as runs and marks: one space for any run of spaces, no spaces
    around line breaks, none at either end; bold spans and mark offsets follow the text.
    Works a run at a time (the per-character version was the slowest step of reading)."""
    out: list[str] = []
    length = 0
    spans: list[tuple[int, int, bool]] = []  # (start, end, bold) of each run in the output
    mark_at: list[tuple[str, int]] = []
    for piece in _coalesce(pieces):
        if isinstance(piece, Mark):
            mark_at.append((piece.marker, length))
            continue
        text = _fold_spaces(normalise_chars(piece.text))
        last = out[-1][-1] if out else "\n"  # at the start, leading white space is dropped too
        if text[:1] in (" ", "\n") and last in (" ", "\n"):
            if text[0] == "\n" and last == " ":
                out[-1] = out[-1][:-1]
                if not out[-1]:
                    out.pop()
                length -= 1
                start, end, bold = spans[-1]
                spans[-1] = (start, end - 1, bold)
            else:
                text = text[1:]
        if text:
            out.append(text)
            spans.append((length, length + len(text), piece.bold))
            length += len(text)
    joined = "".join(out)
    text = joined.rstrip(" \n")
    marks = tuple((m, _before_spaces(text, offset)) for m, offset in mark_at)
    return NormalisedText(text=text, bold=_bold_spans(text, spans), marks=marks)


def _coalesce(pieces: Sequence[Run | Mark]) -> list[Run | Mark]:
    """Neighbouring runs of the same weight as one run: fewer, longer strings to normalise."""
    out: list[Run | Mark] = []
    for piece in pieces:
        previous = out[-1] if out else None
        if isinstance(piece, Run) and isinstance(previous, Run) and previous.bold == piece.bold:
            out[-1] = Run(previous.text + piece.text, piece.bold)
        else:
            out.append(piece)
    return out


MANY_SPACES = regex.compile(r" {2,}")
SPACED_NEWLINES = regex.compile(r" ?\n[ \n]*")


def _fold_spaces(text: str) -> str:
    """One space for a run of spaces; one line break, with no space beside it, for a run of breaks."""
    text = text.replace("\r", " ")
    if "  " in text:
        text = MANY_SPACES.sub(" ", text)
    if "\n" in text:
        text = SPACED_NEWLINES.sub("\n", text)
    return text


def _bold_spans(text: str, spans: list[tuple[int, int, bool]]) -> tuple[tuple[int, int], ...]:
    """Bold runs that touch become one span; spans are trimmed of white space at both ends."""
    merged: list[list[int]] = []
    for start, end, bold in spans:
        end = min(end, len(text))
        if not bold or start >= end:
            continue
        if merged and merged[-1][1] >= start:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[tuple[int, int]] = []
    for start, end in merged:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def _before_spaces(text: str, offset: int) -> int:
    """A mark that fell on folded whitespace sticks to the word before it."""
    offset = min(offset, len(text))
    while offset > 0 and text[offset - 1] in " \n":
        offset -= 1
    return offset


def normalise_text(text: str) -> str:
    """Normalise a plain string (no bold, no marks)."""
    return normalise_runs([Run(text)]).text
