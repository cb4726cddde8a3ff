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
