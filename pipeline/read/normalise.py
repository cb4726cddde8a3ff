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
    text = unicodedata.normalize("NFC", text).translate(CHAR_MAP)
    return OLD_TONE_PAIR.sub(_move_tone, text)


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
    around line breaks, none at either end; bold spans and mark offsets follow the text."""
    chars: list[tuple[str, bool]] = []
    mark_at: list[tuple[str, int]] = []
    for piece in pieces:
        if isinstance(piece, Mark):
            mark_at.append((piece.marker, len(chars)))
        else:
            chars.extend((ch, piece.bold) for ch in normalise_chars(piece.text))
    out: list[str] = []
    out_bold: list[bool] = []
    new_index: list[int] = []  # new_index[i] = length of output before input char i
    for ch, bold in chars:
        new_index.append(len(out))
        if ch in " \r":
            if out and out[-1] not in " \n":
                out.append(" ")
                out_bold.append(bold)
            continue
        if ch == "\n":
            while out and out[-1] == " ":
                out.pop()
                out_bold.pop()
            if out and out[-1] != "\n":
                out.append("\n")
                out_bold.append(bold)
            continue
        out.append(ch)
        out_bold.append(bold)
    new_index.append(len(out))
    while out and out[-1] in " \n":
        out.pop()
        out_bold.pop()
    text = "".join(out)
    marks = tuple((m, _before_spaces(text, new_index[i])) for m, i in mark_at)
    return NormalisedText(text=text, bold=_true_spans(text, out_bold), marks=marks)


def _before_spaces(text: str, offset: int) -> int:
    """A mark that fell on folded whitespace sticks to the word before it."""
    offset = min(offset, len(text))
    while offset > 0 and text[offset - 1] in " \n":
        offset -= 1
    return offset


def normalise_text(text: str) -> str:
    """Normalise a plain string (no bold, no marks)."""
    return normalise_runs([Run(text)]).text


def _true_spans(text: str, flags: list[bool]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            end = i
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
            start = None
    return tuple(spans)
