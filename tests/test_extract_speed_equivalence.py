"""The shortcuts extraction takes for speed give what the plain patterns give."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from extractors.actions import TARGET_CUE, _head_colon
from extractors.anchored_patterns import CASE_TRAPS, AnchoredPattern
from extractors.references import CITATION_AT_TYPES
from extractors.score_patterns import CODE_MENTION, COMPONENTS, may_mention_code
from extractors.vietnamese_numbers import find_quantities
from pipeline.read import read_document

ANCHORED = [CITATION_AT_TYPES, *(pattern for pattern, _ in COMPONENTS if isinstance(pattern, AnchoredPattern))]
ROOT = Path(__file__).resolve().parents[1]


def _matching(letters: set[str]) -> set[str]:
    """Every character regex's IGNORECASE equates with one of `letters`."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    return set(regex.findall("[" + regex.escape("".join(sorted(letters))) + "]", everything, regex.IGNORECASE))


def _texts() -> list[str]:
    """Every block's and cell's text in the seeds and the held-out texts."""
    texts: list[str] = []
    for path in sorted([*ROOT.glob("samples/*.txt"), *ROOT.glob("tests/heldout*/*.txt")]):
        for block in read_document(path).blocks:
            texts.append(block.text)
            texts.extend(cell.text for cell in block.cells)
    return texts


def test_every_case_trap_of_the_scan_words_is_listed() -> None:
    """A character IGNORECASE equates with a letter of a scan word either lower-cases to that letter, is in
    `CASE_TRAPS`, or lower-cases to more than one character (the slow path takes both); and no character
    folds in full ("ß" -> "ss", VERSION1's FULLCASE) to letters a scan word holds."""
    words = {word for anchored in ANCHORED for word in anchored.words}
    letters = set("".join(words))
    odd = {c for c in _matching(letters) if c.lower() not in letters}
    assert odd <= {*CASE_TRAPS, *(c for c in odd if len(c.lower()) > 1)}
    assert set(CASE_TRAPS) <= odd
    folded = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and len(chr(c).casefold()) > 1]
    assert not [c for c in folded if any(c.casefold() in word.casefold() for word in words)]


def test_scan_words_are_lower_case_letters_or_one_sign() -> None:
    for anchored in ANCHORED:
        for word in anchored.words:
            assert word == word.lower()
            assert word.isalpha() or len(word) == 1


@pytest.mark.parametrize("anchored", ANCHORED, ids=lambda a: a.words[0])
def test_anchored_patterns_find_the_patterns_matches_in_every_text(anchored: AnchoredPattern) -> None:
    extra = [
        "Điểm đánh giá đạt 3 điểm",
        "(điểm thẩm định 5 điểm), huyện Hàm Yên tự chấm 64,87 điểm",
        "İ điểm tự đánh giá 2 điểm; TỔNG CỘNG 3 điểm",
        "theo Quyết định số 536/QĐ-UBND ngày 25/7/2024 của UBND tỉnh; QĐ số 12/QĐ-UBND",
        "ĐIỂM TỰ ĐÁNH GIÁ; Chỉ số CCHC đạt 80 điểm; kết quả CCHC",
        "",
    ]
    for text in [*_texts(), *extra]:
        expected = [m.span() for m in anchored.pattern.finditer(text)]
        assert [m.span() for m in anchored.finditer(text)] == expected, text
        for pos in (0, 1, len(text) // 2):
            first = anchored.pattern.search(text, pos)
            found = anchored.search(text, pos)
            assert (found.span() if found else None) == (first.span() if first else None), (text, pos)


def test_only_dotted_capital_i_hides_tieu_from_the_lower_case_text() -> None:
    """`may_mention_code` looks for "tiêu" in the lower-cased text: every character IGNORECASE equates with its
    letters lower-cases to one of them but "İ", which the function lets through ("TC" is matched in case)."""
    assert {c for c in _matching(set("tiêu")) if c.lower() not in set("tiêu")} == {"İ"}


def test_code_mentions_only_where_may_mention_code() -> None:
    for text in [*_texts(), "TIÊU CHÍ 1.2", "tİêu chí 1.2", "TCTP 3.2.1", "tc 1.2", ""]:
        assert may_mention_code(text) or CODE_MENTION.search(text) is None, text


def test_head_colon_is_the_first_colon_outside_brackets() -> None:
    def by_character(text: str) -> int | None:
        depth = 0
        for index, char in enumerate(text):
            depth = max(0, depth + {"(": 1, ")": -1}.get(char, 0))
            if char == ":" and depth == 0:
                return index
        return None

    for text in [*_texts(), "a) Tiêu chí: x", "(x:)y:z", "))(:", ":", "((:)):"]:
        assert _head_colon(text) == by_character(text), text


def test_the_reversed_target_cue_matches_before_a_figure_where_the_forward_one_does() -> None:
    forward = regex.compile(TARGET_CUE.pattern, TARGET_CUE.flags & ~regex.REVERSE)
    for text in _texts():
        ends = {q.start for q in find_quantities(text)} | set(range(0, len(text), 11))
        for end in ends:
            assert (TARGET_CUE.search(text, 0, end) is None) == (forward.search(text, 0, end) is None), (text, end)
