"""Years that contradict the year their own statement or title gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.read import read_document
from pipeline.validate.year_rules import (
    check_header_years,
    check_listed_document_years,
    check_meeting_dates,
    check_task_years,
)
from schemas.document import Document


def _read(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def _listed(tmp_path: Path, text: str) -> list[tuple[str, str | None, str | None]]:
    document = _read(tmp_path, text)
    findings = list(check_listed_document_years(extract_document(document), document))
    for finding in findings:
        assert finding.span is not None
        assert document.text[finding.span.start : finding.span.end]
    return [(f.rule_id, f.stated, f.expected) for f in findings]


FOOTNOTED = (
    "- Văn bản đã ban hành của lĩnh vực trong năm 2024: Tổng số văn bản ban hành {count} văn bản¹\n\n"
    "¹ Công văn số 60/UBND ngày 10/01/2024 về việc tăng cường theo dõi; Công văn số 272/UBND ngày {date} về "
    "lựa chọn nhóm quy định, TTHC; Kế hoạch số 33/KH-UBND ngày 23/02/2024 thực hiện Quyết định số "
    "12/QĐ-UBND ngày 05/01/2023 của UBND tỉnh.\n"
)


@pytest.mark.parametrize(
    ("count", "date", "expected"),
    [
        # Dates in the year said, three listed: nothing. The basis cited inside an item (2023) is not listed.
        ("03", "19/02/2024", []),
        ("03", "19/02/2023", [("year-mismatch", "19/02/2023", "2024")]),
        ("04", "19/02/2024", [("part-whole-mismatch", "04", "3")]),
    ],
)
def test_documents_listed_in_a_footnote_as_issued_in_a_year(
    tmp_path: Path, count: str, date: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _listed(tmp_path, FOOTNOTED.format(count=count, date=date)) == expected


def test_documents_listed_after_a_colon(tmp_path: Path) -> None:
    text = (
        "Năm 2024, UBND huyện đã ban hành trong năm 2024 02 văn bản: Kế hoạch số 15/KH-UBND ngày 20/01/2024 về "
        "CCHC; Quyết định số 201/QĐ-UBND ngày 03/3/2025 về kiểm tra CCHC.\n"
    )
    assert _listed(tmp_path, text) == [("year-mismatch", "03/03/2025", "2024")]


def test_a_document_reached_from_two_colons_is_reported_once(tmp_path: Path) -> None:
    text = (
        "Văn bản ban hành trong năm 2024: Kế hoạch số 15/KH-UBND ngày 20/01/2024: về CCHC; Quyết định số "
        "201/QĐ-UBND ngày 03/3/2023 về kiểm tra CCHC.\n"
    )
    assert _listed(tmp_path, text) == [("year-mismatch", "03/03/2023", "2024")]


@pytest.mark.parametrize(
    "text",
    [
        # The year is when the work was done, not when the documents were issued.
        "Trong năm 2024, triển khai các văn bản do cấp trên ban hành: Nghị định số 29/2023/NĐ-CP ngày 03/6/2023 "
        "của Chính phủ; Quyết định số 536/QĐ-UBND ngày 25/7/2023 của UBND tỉnh.\n",
        # Two years in the statement: which one the documents belong to is not said.
        "Văn bản ban hành trong năm 2024 và năm 2023: Kế hoạch số 15/KH-UBND ngày 20/01/2023; Kế hoạch số "
        "20/KH-UBND ngày 20/01/2024.\n",
    ],
)
def test_no_year_finding_without_an_issuing_year(tmp_path: Path, text: str) -> None:
    assert _listed(tmp_path, text) == []


TITLED_TABLE = (
    "PHỤ LỤC\n\nKết quả Chỉ số CCHC năm 2024 của UBND xã, biện pháp khắc phục trong năm 2025\n\n"
    "Tiêu chí\tĐiểm tối đa\tĐiểm thẩm định\tBiện pháp khắc phục trong năm {year}\tThời gian hoàn thành\n"
    "1.1. Ban hành kế hoạch CCHC\t1\t0,5\tBan hành đúng hạn\tQuý I/2025\n"
)


@pytest.mark.parametrize(("year", "expected"), [("2025", []), ("2023", [("2023", "2025")])])
def test_a_table_header_against_the_title_above_it(tmp_path: Path, year: str, expected: list[tuple[str, str]]) -> None:
    document = _read(tmp_path, TITLED_TABLE.format(year=year))
    assert any(block.cells for block in document.blocks)
    findings = list(check_header_years(document))
    assert [(f.stated, f.expected) for f in findings] == expected
    for finding in findings:
        assert [operand.role for operand in finding.operands] == ["header", "title"]
        assert finding.span is not None
        assert document.text[finding.span.start : finding.span.end] == year


def test_a_header_year_said_elsewhere_with_the_same_words_is_not_a_finding(tmp_path: Path) -> None:
    # The phrase stands with two years above the table: the header's year is one of them.
    text = TITLED_TABLE.format(year="2023").replace(
        "PHỤ LỤC\n", "PHỤ LỤC\n\nSo sánh biện pháp khắc phục trong năm 2023\n"
    )
    assert list(check_header_years(_read(tmp_path, text))) == []


TASKS = "IV. PHƯƠNG HƯỚNG NHIỆM VỤ TRỌNG TÂM CCHC NĂM 2025"
TASK = "3. Đẩy mạnh tuyên truyền để tạo sự đồng thuận về CCHC, chuyển đổi số giai đoạn 2021 - 2025 và năm {year}."


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        (f"{TASKS}\n\n{TASK.format(year=2024)}", ["2024"]),
        (f"{TASKS}\n\n{TASK.format(year=2025)}", []),  # the plan year itself
        (f"III. KẾT QUẢ NĂM 2024\n\n{TASK.format(year=2024)}", []),  # results, not tasks
        (f"{TASKS}\n\nV. TỔ CHỨC THỰC HIỆN\n\n{TASK.format(year=2024)}", []),  # after the tasks section
        (f"{TASKS}\n\n{TASK.format(year=2019)}", []),  # outside the period: not this period's year
    ],
)
def test_tasks_for_a_year_that_name_another_year_of_the_period(tmp_path: Path, text: str, stated: list[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert [f.stated for f in check_task_years(read_document(path))] == stated


OPENS = "Ngày 14/5/2026, tại Phòng họp số 2, đồng chí Phó Chủ tịch UBND tỉnh chủ trì cuộc họp đánh giá Chỉ số CCHC."
CLOSES = "Văn phòng UBND tỉnh thông báo kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp ngày {date} để thực hiện./."


@pytest.mark.parametrize(
    ("date", "stated"), [("15/5/2026", ["15/5/2026"]), ("14/5/2026", []), ("14 tháng 5 năm 2026", [])]
)
def test_a_meeting_dated_otherwise_where_the_notice_concludes(tmp_path: Path, date: str, stated: list[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"{OPENS}\n\n{CLOSES.format(date=date)}\n", encoding="utf-8")
    assert [f.stated for f in check_meeting_dates(read_document(path))] == stated


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("Năm 2024, Chỉ số đạt 86,39 điểm, tăng 0,95 điểm so với năm 2024 nhưng giảm 02 bậc.", ["so với năm 2024"]),
        ("Năm 2024, Chỉ số đạt 86,39 điểm, tăng 0,95 điểm so với năm 2023.", []),
        ("Chỉ số đạt 86,39 điểm, tăng 0,95 điểm so với năm 2024.", []),  # no year the sentence opens on
    ],
)
def test_a_year_compared_with_itself(tmp_path: Path, sentence: str, stated: list[str]) -> None:
    from pipeline.validate.year_rules import check_same_year_comparisons

    path = tmp_path / "doc.txt"
    path.write_text(sentence + "\n", encoding="utf-8")
    assert [f.stated for f in check_same_year_comparisons(read_document(path))] == stated
