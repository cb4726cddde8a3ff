"""Percentages against the ratio stated with them (`percent-mismatch`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.validate.text_rules import check_percentages


def findings(tmp_path: Path, text: str) -> list[tuple[str | None, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [(f.stated, f.expected) for f in check_percentages(read_document(path))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("UBND xã thực hiện thanh toán trực tuyến 945/1083 đạt 87,26%.", []),
        ("UBND xã thực hiện thanh toán trực tuyến 945/1083 đạt 97,26%.", [("97,26", "87,26")]),
        ("Có 73/93 thôn, TDP = 78,49% đã triển khai.", []),
        ("Có 15/64 người = 23,43%.", []),  # 23,4375 truncated: consistent as printed
        ("Có 15/64 người = 23,5%.", [("23,5", "23,44")]),
        ("Điểm tự đánh giá 64,28/70 điểm, đạt tỷ lệ 91,83%.", []),
        ("Đạt 27/28 DVCTT đạt 96,4%.", []),
        ("Tiêu chí giải ngân đạt 0/1 điểm (tỷ lệ giải ngân đạt 78,4%).", []),  # another rate, not 0/1
        ("Xếp thứ 11/13, đạt 84,62%.", []),  # a rank is not a ratio
    ],
)
def test_percent_against_its_ratio(tmp_path: Path, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert findings(tmp_path, sentence) == expected


def test_a_percent_finding_points_at_both_numbers(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Kết quả: 7/8 TTHC đạt 80,5% trong năm.", encoding="utf-8")
    document = read_document(path)
    (finding,) = check_percentages(document)
    assert [document.text[o.span.start : o.span.end] for o in finding.operands if o.span] == ["7/8 TTHC", "80,5%"]
    assert finding.arithmetic == "7/8 × 100 = 87,50, văn bản ghi 80,5% ✗"
