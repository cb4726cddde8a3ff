"""Words a narrow PDF table cell broke across lines without a hyphen."""

from __future__ import annotations

import pytest

from pipeline.read.syllables import broke_inside_word


@pytest.mark.parametrize(
    ("line", "next_line"),
    [
        ("Phư", "ờng Gia Sàng"),
        ("Chỉ đạo, điều hàn", "h CCHC"),
        ("12,4", "4"),
        ("CC", "HC"),
        ("quy", "ền số"),
        ("(Điể", "m tối đa)"),
    ],
)
def test_a_word_broken_inside(line: str, next_line: str) -> None:
    assert broke_inside_word(line, next_line)


@pytest.mark.parametrize(
    ("line", "next_line"),
    [
        ("Chỉ", "đạo, điều hành"),  # two syllables: "Chỉđạo" is none
        ("Cải cách", "thể chế"),
        ("Phường ", "Gia Sàng"),  # the line ended in a space
        ("đề", "án"),  # "đềán": no Vietnamese syllable has the nucleus "ea"
        ("Văn phòng", "HĐND"),  # a capital after a word
        ("UBND", "xã"),
        ("tỷ lệ 98,5%", "trở lên"),
    ],
)
def test_a_break_between_words(line: str, next_line: str) -> None:
    assert not broke_inside_word(line, next_line)
