"""A finding's source text: the sentence around each span, with operands marked where they are printed."""

from __future__ import annotations

import pytest

from pipeline.report.quotes import DocumentText, Operand, Passage, SourceBlock, Span, finding_to_passages

FIELD_7 = "5. Xây dựng và phát triển chính quyền điện tử, chính quyền số: bị trừ 2,77 điểm."
SCORES_7 = "Điểm chuẩn tối đa 13,5 điểm, tự chấm 11,83 điểm, điểm chấm đạt 12,89 điểm. Câu sau 13,5."
RATES = "Đã giải quyết 1.338 hồ sơ. Trước hạn là 1.318 hồ sơ đạt tỷ lệ 98,5%, trễ hạn 20 hồ sơ. Hết."
TABLE = "STT\tTiêu chí\tĐiểm\n3.13.2. Tỷ lệ hồ sơ\t1\t0,87\n3.13.3. Khác\t1\t1"


def document(*texts: str) -> DocumentText:
    """Blocks laid out as in a document's normalised text: separated by a blank line."""
    blocks, start = [], 0
    for index, text in enumerate(texts):
        blocks.append(SourceBlock(f"b{index}", None, start, start + len(text), text))
        start += len(text) + 2
    return DocumentText(blocks)


def span_of(text: DocumentText, block: int, needle: str) -> Span:
    source = text.blocks[block]
    start = source.start + source.text.index(needle)
    return Span(source.block_id, None, start, start + len(needle))


def marked(passage: Passage) -> list[tuple[str, str]]:
    return [(m.kind, passage.text[m.start : m.end]) for m in passage.marks]


def test_passages_put_the_finding_sentence_first_and_mark_the_stated_value() -> None:
    text = document(SCORES_7, FIELD_7)
    statement = Span("b0", None, 0, SCORES_7.index(" Câu sau"))
    operands = [
        Operand("max", "13,5", "7", statement),
        Operand("achieved", "12,89", "7", statement),
        Operand("deducted", "2,77", "7", span_of(text, 1, FIELD_7[3:])),
    ]
    passages = finding_to_passages(text, span_of(text, 1, FIELD_7[3:]), operands, "2,77")
    assert [p.primary for p in passages] == [True, False]
    assert passages[0].text == FIELD_7  # widened to the whole sentence, its list number included
    assert marked(passages[0]) == [("stated", "2,77")]
    assert passages[1].text == SCORES_7[: SCORES_7.index(" Câu sau")]
    assert marked(passages[1]) == [("operand", "13,5"), ("operand", "12,89")]
    assert passages[1].blocks == ("b0",)


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("98,5%", "Trước hạn là 1.318 hồ sơ đạt tỷ lệ 98,5%, trễ hạn 20 hồ sơ."),  # a number's own span
        ("1.338 hồ sơ", "Đã giải quyết 1.338 hồ sơ."),  # "1.338": a thousands dot is no sentence end
    ],
)
def test_a_span_on_the_number_alone_is_widened_to_its_sentence(needle: str, expected: str) -> None:
    text = document(RATES)
    span = span_of(text, 0, needle)
    (passage,) = finding_to_passages(text, span, [Operand("stated", needle, None, span)], None)
    assert passage.text == expected
    assert marked(passage) == [("operand", needle)]


def test_a_table_row_is_its_own_sentence_and_tabs_stay_in_the_text() -> None:
    text = document(TABLE)
    span = span_of(text, 0, "0,87")
    (passage,) = finding_to_passages(text, span, [], "0,87")
    assert passage.text == "3.13.2. Tỷ lệ hồ sơ\t1\t0,87"
    assert marked(passage) == [("stated", "0,87")]


def test_the_mark_is_the_whole_number_not_a_part_of_another() -> None:
    text = document("Tối đa 113,5 điểm; tối đa 13,5 điểm.")
    span = Span("b0", None, 0, len(text.blocks[0].text))
    (passage,) = finding_to_passages(text, span, [Operand("max", "13,5", "7", span)], None)
    (mark,) = passage.marks
    assert (mark.start, passage.text[mark.start : mark.end]) == (26, "13,5")


def test_two_operands_printed_alike_get_two_marks() -> None:
    text = document("Bị trừ 0,02 điểm và bị trừ 0,02 điểm.")
    span = Span("b0", None, 0, len(text.blocks[0].text))
    operands = [Operand("deducted", "0,02", "7.3.6", span), Operand("deducted", "0,02", "7.3.7", span)]
    (passage,) = finding_to_passages(text, span, operands, None)
    assert [(m.start, m.code) for m in passage.marks] == [(7, "7.3.6"), (27, "7.3.7")]


def test_a_long_sentence_is_cut_at_a_word_around_the_span() -> None:
    words = " ".join(f"từ{i}" for i in range(400))
    text = document(f"{words} bị trừ 2,77 điểm {words}.")
    span = span_of(text, 0, "2,77")
    (passage,) = finding_to_passages(text, span, [], "2,77")
    assert passage.cut_before
    assert passage.cut_after
    assert len(passage.text) < 700
    assert passage.text.split()[0].startswith("từ")
    assert marked(passage) == [("stated", "2,77")]


def test_a_span_over_several_blocks_is_quoted_as_it_is() -> None:
    text = document("c) Tiêu chí 6.3.2. Tỷ lệ giảm chi", "- Thời gian thực hiện: Trong năm 2024.")
    span = Span("b0", None, 0, text.blocks[1].end)
    (passage,) = finding_to_passages(text, span, [Operand("name", "Tỷ lệ giảm chi", "6.3.2", span)], None)
    assert passage.text == "c) Tiêu chí 6.3.2. Tỷ lệ giảm chi\n\n- Thời gian thực hiện: Trong năm 2024."
    assert passage.blocks == ("b0", "b1")
    assert marked(passage) == [("operand", "Tỷ lệ giảm chi")]


def test_no_span_and_no_operands_give_no_passage() -> None:
    assert finding_to_passages(document(FIELD_7), None, [], "2,77") == ()
