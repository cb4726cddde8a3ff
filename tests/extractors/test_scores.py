"""Score extraction on texts written for these tests (wording the samples do not use)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.score_patterns import CLAUSE_BREAK
from extractors.score_statements import _clause_breaks, _may_hold_score
from pipeline.extract import extract_document
from pipeline.read import read_document
from schemas.extraction import ScoreRow


def rows_of(tmp_path: Path, content: str) -> list[ScoreRow]:
    path = tmp_path / "doc.txt"
    path.write_text("BÁO CÁO\n\nKết quả Chỉ số cải cách hành chính năm 2024 của huyện\n\n" + content, encoding="utf-8")
    return list(extract_document(read_document(path)).scores)


def brief(row: ScoreRow) -> tuple[object, ...]:
    def n(value: Decimal | None) -> str | None:
        return None if value is None else format(value.normalize(), "f")

    return (
        row.code,
        row.level.value,
        n(row.max_points),
        n(row.self_points),
        n(row.achieved_points),
        n(row.deducted_points),
        row.rank,
        row.rank_total,
        row.year,
    )


CASES = [
    pytest.param(
        "III. Cải cách tổ chức bộ máy: điểm tối đa 6 điểm, tự đánh giá 5,75 điểm, điểm thẩm định 5,5 điểm.",
        [("4", "field", "6", "5.75", "5.5", None, None, None, 2024)],
        id="field-by-name-not-by-section-number",
    ),
    pytest.param(
        "- Tiêu chí thứ 5: Cải cách chế độ công vụ, đạt 11/12 điểm, mất 1 điểm;",
        [("5", "field", "12", None, "11", "1", None, None, 2024)],
        id="commune-list-item",
    ),
    pytest.param(
        "Tiêu chí 2.3.1 Kiểm tra văn bản: điểm tối đa 0,5 điểm, đạt 0,25 điểm, bị trừ 0,25 điểm.",
        [("2.3.1", "subcriterion", "0.5", None, "0.25", "0.25", None, None, 2024)],
        id="criterion-code-in-the-sentence",
    ),
    pytest.param(
        "* Đối với tiêu chí thành phần 4.2.1. Thực hiện quy định về vị trí việc làm\n\n"
        "- Kết quả năm 2023: Điểm tối đa 1 điểm, điểm chấm đạt 0,5 điểm, bị trừ 0,5 điểm.\n\n"
        "- Biện pháp: rà soát đạt 100% vị trí việc làm, hoàn thành 02 đợt.",
        [("4.2.1", "subcriterion", "1", None, "0.5", "0.5", None, None, 2023)],
        id="result-statement-inherits-the-criterion",
    ),
    pytest.param(
        "1. Tổng điểm Chỉ số CCHC đạt 81.25 điểm/100 điểm, xếp hạng 7/12 huyện.",
        [("total", "total", "100", None, "81.25", None, 7, 12, 2024)],
        id="total-with-dot-decimal-and-rank",
    ),
    pytest.param(
        "Chỉ số CCHC năm 2024 của huyện là 90,1 điểm, tăng 2,5 điểm so với năm 2023.",
        [("total", "total", None, None, "90.1", None, None, None, 2024)],
        id="a-change-is-not-a-score",
    ),
    pytest.param(
        "- Điểm điều tra xã hội học đạt 17,25 điểm/ 30 điểm, xếp thứ 3/9.",
        [("survey", "component", "30", None, "17.25", None, 3, 9, 2024)],
        id="survey-component",
    ),
    pytest.param(
        "Chỉ số hài lòng của người dân về dịch vụ y tế công lập xếp thứ 4/13 huyện.",
        [(None, "field", None, None, None, None, 4, 13, 2024)],
        id="unknown-unit-keeps-its-name",
    ),
    pytest.param(
        "Kết quả, UBND xã tự đánh giá đạt 57,08/61,5 điểm, bằng 92,81% số điểm tối đa được chấm; tổng số điểm bị trừ "
        "là 4,42 điểm.",
        [("assessment", "component", "61.5", "57.08", None, "4.42", None, None, 2024)],
        id="the-writer-scoring-itself",
    ),
    pytest.param(
        "STT\tNội dung\tĐiểm tối đa\tĐiểm tự đánh giá\tGhi chú\n"
        "VI\tCải cách tài chính công\t5\t3,50\tTiêu chí 6.3 không áp dụng, điểm tối đa tính 4 điểm; bị trừ 0,5 điểm\n"
        "6.3\tQuản lý đơn vị sự nghiệp\t1\t\tĐã trừ 1 điểm khỏi điểm tối đa do không áp dụng\n",
        [
            ("6", "field", "5", "3.5", None, "0.5", None, None, 2024),  # lost in a clause of its own
            ("6.3", "criterion", "1", None, None, None, None, None, 2024),  # taken off the maximum, not lost
        ],
        id="a-noted-deduction-beside-a-criterion-not-assessed",
    ),
    pytest.param(
        "Tổng số điểm bị trừ ở phần thẩm định là 5,13 điểm, tại 06 lĩnh vực.",
        [("assessment", "component", None, None, None, "5.13", None, None, 2024)],
        id="the-part-named-phan-tham-dinh-is-no-label",
    ),
    pytest.param(
        "Các lĩnh vực Cải cách thể chế (6/6 điểm) và Cải cách tổ chức bộ máy hành chính nhà nước (5,5/6 điểm) đạt "
        "điểm cao.",
        [
            ("2", "field", "6", None, "6", None, None, None, 2024),
            ("4", "field", "6", None, "5.5", None, None, None, 2024),
        ],
        id="a-list-of-fields-each-with-its-figures-in-brackets",
    ),
    pytest.param(
        "STT\tTiêu chí, tiêu chí thành phần\tĐiểm chuẩn\tĐiểm tự chấm\tĐiểm thẩm định\tGhi chú\n"
        "II\tCải cách thể chế\t\t\t\t\n"
        "2.1\tXây dựng, ban hành văn bản QPPL\t2\t2,00\t1,75\t\n"
        "2.2\tRà soát văn bản QPPL\t1,5\t1,50\t1,50\t\n"
        "\tCộng\t3,5\t3,50\t3,25\t\n",
        [
            ("2.1", "criterion", "2", "2", "1.75", None, None, None, 2024),  # the code in the STT column
            ("2.2", "criterion", "1.5", "1.5", "1.5", None, None, None, 2024),
            ("2", "field", "3.5", "3.5", "3.25", None, None, None, 2024),  # the field's row above, summed in "Cộng"
        ],
        id="a-field-row-without-numbers-and-its-cong-row",
    ),
    pytest.param(
        "STT\tLĩnh vực\tĐiểm tối đa\tNăm 2023\tNăm 2024\tTăng/giảm\n1\tCải cách thể chế\t10\t8,64\t8,91\t+0,27\n",
        [
            ("2", "field", "10", None, "8.64", None, None, None, 2023),  # a column per year, one maximum for both
            ("2", "field", "10", None, "8.91", None, None, None, 2024),
        ],
        id="a-table-with-a-column-per-year",
    ),
    pytest.param(
        "Chỉ số CCHC năm 2024 của tỉnh đạt 87,35%, xếp thứ 15/63 tỉnh, cao hơn Chỉ số trung bình của cả nước "
        "(84,21%) là 3,14 điểm phần trăm. So với năm 2023 (đạt 85,91%, xếp thứ 21/63), Chỉ số tăng 1,44 điểm phần "
        "trăm. Cùng với Chỉ số CCHC, Bộ Nội vụ công bố Chỉ số hài lòng (SIPAS): tỉnh đạt 83,16%, xếp thứ 24/63.",
        [
            ("total", "total", "100", None, "87.35", None, 15, 63, 2024),  # the index in percent: points of 100
            ("total", "total", "100", None, "85.91", None, 21, 63, 2023),
        ],
        id="the-index-in-percent-and-percentage-points-and-another-index",
    ),
    pytest.param(
        "So với năm 2023, điểm đánh giá, thẩm định tăng 0,99 điểm (từ 54,65 điểm) và điểm điều tra xã hội học "
        "tăng 0,45 điểm (từ 31,26 điểm).",
        [
            ("assessment", "component", None, None, "54.65", None, None, None, 2023),
            ("survey", "component", None, None, "31.26", None, None, None, 2023),
        ],
        id="the-value-a-change-started-from",
    ),
    pytest.param(
        "Ngày 1.3.2024, UBND huyện ban hành Kế hoạch số 25/KH-UBND, đạt 100% kế hoạch.",
        [],
        id="dates-documents-and-percentages-are-no-score",
    ),
]


@pytest.mark.parametrize(("content", "expected"), CASES)
def test_scores_from_prose(tmp_path: Path, content: str, expected: list[tuple[object, ...]]) -> None:
    assert [brief(row) for row in rows_of(tmp_path, content)] == expected


def test_scores_from_a_table_found_by_its_header_words(tmp_path: Path) -> None:
    table = (
        "STT\tNội dung\tĐiểm tối đa\tĐiểm tự đánh giá\tĐiểm thẩm định lần 2\tGiải trình\n"
        "1\tCông tác chỉ đạo, điều hành CCHC\t12\t11,5\t11\t\n"
        "1.1\tKế hoạch CCHC năm\t2\t2\t1,5\tBan hành chậm\n"
        "1.1.2\tMức độ thực hiện kế hoạch\t1\t1\t0,5\tĐạt 80%\n"
    )
    rows = rows_of(tmp_path, table)
    assert [brief(row) for row in rows] == [
        ("1", "field", "12", "11.5", "11", None, None, None, 2024),
        ("1.1", "criterion", "2", "2", "1.5", None, None, None, 2024),
        ("1.1.2", "subcriterion", "1", "1", "0.5", None, None, None, 2024),
    ]
    assert rows[1].reason == "Ban hành chậm"
    assert rows[1].name == "Kế hoạch CCHC năm"


def test_statements_about_one_unit_merge_and_contradictions_stay_apart(tmp_path: Path) -> None:
    content = (
        "2.6. Cải cách tài chính công: Điểm chuẩn tối đa 9 điểm, tự chấm 7 điểm, điểm chấm đạt 6 điểm.\n\n"
        "4. Cải cách tài chính công: Bị trừ 3 điểm.\n\n"
        "Tiêu chí 6.2 Quản lý tài sản công: điểm tối đa 2 điểm, đạt 1 điểm.\n\n"
        "Tiêu chí 6.2 Tỷ lệ giải ngân vốn đầu tư công: điểm tối đa 2 điểm, đạt 0,5 điểm.\n\n"
    )
    rows = rows_of(tmp_path, content)
    assert [brief(row) for row in rows] == [
        ("6", "field", "9", "7", "6", "3", None, None, 2024),
        ("6.2", "criterion", "2", None, "1", None, None, None, 2024),
        ("6.2", "criterion", "2", None, "0.5", None, None, None, 2024),
    ]
    assert len(rows[0].sources) == 2


def test_every_row_points_at_the_sentence_it_came_from(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Cải cách thể chế: điểm tối đa 4 điểm, tự chấm 4 điểm, điểm chấm đạt 3,5 điểm.\n", encoding="utf-8")
    document = read_document(path)
    (row,) = extract_document(document).scores
    quoted = document.text[row.span.start : row.span.end]
    assert quoted.startswith("Cải cách thể chế")
    assert "3,5 điểm" in quoted
    assert row.achieved_raw == "3,5"
    assert row.span.block == "b0"


BREAK_ALPHABET = st.sampled_from(
    ["1", "2.", "3.4", ". ", ".", ";", ")", ") ", " ", "\u2003", "Kết", "quả", "(", "-", "\n"]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(BREAK_ALPHABET, max_size=25))
def test_clause_breaks_are_the_clause_break_patterns_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in _clause_breaks(text)] == [m.span() for m in CLAUSE_BREAK.finditer(text)]


def test_score_words_are_in_the_lower_case_text_wherever_the_patterns_match() -> None:
    """`_may_hold_score` looks for the words in the lower-cased text: every character regex's IGNORECASE
    matches to a letter of them lower-cases to that letter, but "İ" (which the function lets through)."""
    import sys

    import regex

    from extractors.score_statements import SCORE_WORDS

    letters = set("".join(SCORE_WORDS))
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    matching = set(regex.findall("[" + "".join(sorted(letters)) + "]", everything, regex.IGNORECASE))
    odd = {c for c in matching if c.lower() not in letters}
    assert odd == {"İ"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kết quả: 12 ĐIỂM", True), ("xếp THỨ 3", True), ("Không có số liệu", False), ("đİểm", True)],
)
def test_may_hold_score(text: str, expected: bool) -> None:
    assert _may_hold_score(text) is expected
