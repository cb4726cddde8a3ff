"""A count against the names listed after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.validate.listed_rules import check_listed_counts


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Chỉ có 02 số địa phương thực hiện: thị trấn Ba Tơ, xã Ba Vì, Ba Trang, còn lại 16 xã chưa bố trí.",
            [("02", "3")],
        ),
        ("Chỉ có 03 số địa phương thực hiện: thị trấn Ba Tơ, xã Ba Vì, Ba Trang, còn lại 16 xã chưa bố trí.", []),
        ("Kiểm tra 07 UBND xã, thị trấn: Ba Thành, Ba Vì, Ba Xa, Ba Lê, Ba Nam, Ba Bích và thị trấn Ba Tơ.", []),
        (
            "Kiểm tra 06 UBND xã, thị trấn: Ba Thành, Ba Vì, Ba Xa, Ba Lê, Ba Nam, Ba Bích và thị trấn Ba Tơ.",
            [("06", "7")],
        ),
        ("Có 02 địa phương: Ba Vì, thị trấn Ba Tư duy trì, thực hiện tốt việc niêm yết.", []),
        # A name holding "và" may be one item or two: 2 or 3 names, and 3 is stated.
        ("Giao 03 cơ quan: Phòng Nội vụ, Văn phòng HĐND và UBND.", []),
        ("Tổ chức 04 Hội nghị: Tổng kết năm 2023, sơ kết CCHC quý I, 6 tháng, 9 tháng.", []),  # not names
        ("Tỷ lệ đạt 12: Ba Vì, Ba Xa, Ba Lê.", []),  # not a count of units or people
    ],
)
def test_a_count_against_the_names_listed_after_it(
    tmp_path: Path, sentence: str, expected: list[tuple[str, str]]
) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(sentence, encoding="utf-8")
    findings = list(check_listed_counts(read_document(path)))
    assert [(f.stated, f.expected) for f in findings] == expected
    for finding in findings:
        assert finding.span is not None
        assert [operand.role for operand in finding.operands] == ["whole", "listed"]


NOTE_TEXT = "Năm 2024 cử {count} công chức, viên chức tham gia đào tạo Cao cấp lý luận chính trị¹.\n\n¹ {note}\n"


@pytest.mark.parametrize(
    ("count", "note", "expected"),
    [
        (
            "06",
            "Cử bà Nguyễn Thị Thúy Ngân, Phó Chánh Văn phòng, ông Phạm Văn Rạch, CT UBND xã Ba Cung, ông Nguyễn "
            "Tấn Hưng, PCT UBND xã Ba Khâm.",
            [("06", "3")],
        ),
        (
            "03",
            "Cử bà Nguyễn Thị Thúy Ngân, Phó Chánh Văn phòng, ông Phạm Văn Rạch, CT UBND xã Ba Cung, ông Nguyễn "
            "Tấn Hưng, PCT UBND xã Ba Khâm.",
            [],
        ),
        ("06", "Điển hình như ông Phạm Văn Rạch, ông Nguyễn Tấn Hưng.", []),  # examples, not everyone
        ("06", "Học tại tỉnh Hà Tĩnh và thành phố Hồ Chí Minh.", []),  # places, not people
        ("02", "Nguyễn Thị Ái Nhân, công chức xã Ba Bích, Phan Thị Yên Thảo, công chức xã Ba Dinh.", []),
    ],
)
def test_a_count_of_people_against_the_names_in_its_footnote(
    tmp_path: Path, count: str, note: str, expected: list[tuple[str, str]]
) -> None:
    from pipeline.validate.listed_rules import check_footnoted_people

    path = tmp_path / "doc.txt"
    path.write_text(NOTE_TEXT.format(count=count, note=note), encoding="utf-8")
    findings = list(check_footnoted_people(read_document(path)))
    assert [(f.stated, f.expected) for f in findings] == expected
