"""Words a narrow table cell broke across two lines, with no hyphen: "Phư|ờng", "hàn|h", "12,4|4", "CC|HC".

A PDF keeps no mark of such a break, so the cell's two lines would read "Phư ờng". Vietnamese writes one
syllable per word, so a break is inside a word when the two pieces make one well-formed syllable (onset,
vowel nucleus, final consonant; "Chỉ|đạo" make none), when an abbreviation in capitals goes on ("CC|HC"),
or when a number goes on ("12,4|4").
"""

from __future__ import annotations

import unicodedata

import regex

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
_NUCLEUS = (
    r"(?:uye|uya|uyu|ieu|yeu|oai|oay|oeo|uoi|uou|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ye"
    r"|[aeiouy])"
)
_CODA = r"(?:ng|nh|ch|[cmnpt])?"
SYLLABLE = regex.compile(rf"{_ONSET}{_NUCLEUS}{_CODA}")
CAPITALS = regex.compile(r"[A-ZĐ]+")
VOWELS = regex.compile(r"[AEIOUY]")
LAST_TOKEN = regex.compile(r"(\S+)$")
FIRST_TOKEN = regex.compile(r"^(\S+)")
NUMBER_END = regex.compile(r"\d[.,]?$")
NUMBER_START = regex.compile(r"^\d")


def _plain(token: str) -> str:
    lowered = token.lower().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))


def broke_inside_word(line: str, next_line: str) -> bool:
    """Whether the break between `line` and `next_line` fell inside one word."""
    before, after = LAST_TOKEN.search(line.rstrip()), FIRST_TOKEN.search(next_line.lstrip())
    if before is None or after is None or line != line.rstrip():
        return False
    a, b = before.group(1), after.group(1)
    if NUMBER_END.search(a) and NUMBER_START.search(b):
        return True  # "12,4" and "4"
    if CAPITALS.fullmatch(a) and CAPITALS.fullmatch(b) and not VOWELS.search(a + b):
        return True  # "CC" and "HC"
    if not (a[-1].isalpha() and b[0].isalpha() and b[0].islower()):
        return False
    head = regex.match(r"\p{L}+$", a.split("(")[-1])
    tail = regex.match(r"\p{L}+", b)
    if head is None or tail is None:
        return False
    return SYLLABLE.fullmatch(_plain(head.group() + tail.group())) is not None
