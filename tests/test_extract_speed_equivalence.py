"""The shortcuts extraction takes for speed give what the plain patterns give."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from extractors.anchored_patterns import CASE_TRAPS, AnchoredPattern
from extractors.references import CITATION_AT_TYPES
from extractors.score_patterns import COMPONENTS
from pipeline.read import read_document

ANCHORED = [CITATION_AT_TYPES, *(pattern for pattern, _ in COMPONENTS if isinstance(pattern, AnchoredPattern))]
ROOT = Path(__file__).resolve().parents[1]


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
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    matching = set(regex.findall("[" + regex.escape("".join(sorted(letters))) + "]", everything, regex.IGNORECASE))
    odd = {c for c in matching if c.lower() not in letters}
    assert odd <= {*CASE_TRAPS, *(c for c in odd if len(c.lower()) > 1)}
    assert set(CASE_TRAPS) <= odd
    folded = [c for c in everything if len(c.casefold()) > 1]
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
