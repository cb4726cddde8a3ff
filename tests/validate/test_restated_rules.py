"""A whole split into an outcome and its negation; a rate restated in another section."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.validate.restated_rules import check_outcome_splits, check_restated_rates


def _read(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sau kiểm tra phát hiện 47 vấn đề, chỉ đạo khắc phục hoàn thành 43 vấn đề, khắc phục nhưng chưa hoàn "
            "thành 02 vấn đề; tổ chức kiểm tra 02/02 đơn vị.",
            [("47", "45")],
        ),
        (
            "Sau kiểm tra phát hiện 45 vấn đề, chỉ đạo khắc phục hoàn thành 43 vấn đề, khắc phục nhưng chưa hoàn "
            "thành 02 vấn đề.",
            [],
        ),
        ("Đã giải quyết 120 hồ sơ, trong đó đúng hạn 100 hồ sơ, không đúng hạn 15 hồ sơ.", [("120", "115")]),
        # A third outcome may exist: the pair need not make the whole.
        ("Tiếp nhận 50 hồ sơ, đã giải quyết đúng hạn 40 hồ sơ, chưa đúng hạn 5 hồ sơ, đang giải quyết 5 hồ sơ.", []),
        # Not the same predicate: "chưa giải quyết" is not the negation of "hoàn thành".
        ("Tiếp nhận 50 hồ sơ, hoàn thành 40 hồ sơ, chưa giải quyết 5 hồ sơ.", []),
        # Different units are different wholes.
        ("Kiểm tra 10 đơn vị, phát hiện 12 vấn đề, đã khắc phục 8 vấn đề.", []),
    ],
)
def test_a_whole_split_into_done_and_not_done(tmp_path: Path, sentence: str, expected: list[tuple[str, str]]) -> None:
    findings = list(check_outcome_splits(_read(tmp_path, sentence)))
    assert [(f.stated, f.expected) for f in findings] == expected
    for finding in findings:
        assert [operand.role for operand in finding.operands] == ["part", "part", "whole"]


REPORT = (
    "1. Kết quả giải quyết TTHC\n\n"
    "- Tại Bộ phận Một cửa của huyện: đã giải quyết 1.338 hồ sơ (trong đó: trước hạn là 1.318 hồ sơ đạt tỷ lệ "
    "98,5%, trễ hạn là 20 hồ sơ, chiếm tỷ lệ 1,5%).\n\n"
    "- Tại Bộ phận Một cửa cấp xã: đã giải quyết 21.002 hồ sơ (trong đó: trước hạn 20.859 hồ sơ, đạt tỷ lệ 99,3%).\n\n"
    "2. Tự đánh giá\n\n"
    "{restated}\n"
)


@pytest.mark.parametrize(
    ("restated", "expected"),
    [
        (
            "Cấp huyện trước hạn đạt 98,06%, quá hạn chiếm 1,94%; cấp xã: Trước hạn đạt 99,6%.",
            [("98,06", "98,5"), ("1,94", "1,5"), ("99,6", "99,3")],
        ),
        ("Cấp huyện trước hạn đạt 98,5%, quá hạn chiếm 1,5%; cấp xã: Trước hạn đạt 99,3%.", []),
        ("Cấp huyện trước hạn đạt 98,51%; cấp xã trước hạn đạt 99,32%.", []),  # more decimals of the same rate
        ("Năm 2023, cấp huyện trước hạn đạt 97,2%.", []),  # another year is another rate
        ("Cấp huyện: tỷ lệ trước và đúng hạn đạt 99,9%.", []),  # "trước và đúng hạn" is not "trước hạn"
        ("Phấn đấu cấp huyện không để hồ sơ quá hạn trên 3%.", []),  # a threshold, not a result
    ],
)
def test_a_rate_restated_in_another_section(tmp_path: Path, restated: str, expected: list[tuple[str, str]]) -> None:
    findings = list(check_restated_rates(_read(tmp_path, REPORT.format(restated=restated))))
    assert sorted((f.stated, f.expected) for f in findings) == sorted(expected)
    for finding in findings:
        assert finding.span is not None
        assert finding.operands[0].span is not None
        assert finding.operands[0].span.block != finding.span.block


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("Chỉ số CCHC của 17 cơ quan, trong đó: xếp loại Tốt 05 cơ quan, xếp loại Khá 09 cơ quan, xếp loại Trung "
         "bình 02 cơ quan.", ["17"]),
        ("Chỉ số CCHC của 16 cơ quan, trong đó: xếp loại Tốt 05 cơ quan, xếp loại Khá 09 cơ quan, xếp loại Trung "
         "bình 02 cơ quan.", []),
        ("Có 17 cơ quan tham gia. Xếp loại Tốt 05 cơ quan, xếp loại Khá 09 cơ quan.", []),  # another sentence
        ("Chỉ số CCHC của 17 cơ quan, trong đó: xếp loại Tốt 05 đơn vị, xếp loại Khá 09 đơn vị.", []),  # other unit
        # the count before each class; all classes named (the empty one too), or more than the whole
        ("Trong 09 đơn vị, có 03 đơn vị xếp loại Tốt (chiếm 33,33%) gồm A, B và C; 04 đơn vị xếp loại Khá; 01 đơn "
         "vị xếp loại Trung bình; không có đơn vị xếp loại Yếu.", ["09"]),
        ("Trong 08 đơn vị, có 03 đơn vị xếp loại Tốt; 04 đơn vị xếp loại Khá; 01 đơn vị xếp loại Trung bình; không "
         "có đơn vị xếp loại Yếu.", []),
        ("Trong 09 đơn vị, có 03 đơn vị xếp loại Tốt, 04 đơn vị xếp loại Khá.", []),  # the other classes not said
        ("Trong 06 đơn vị, có 03 đơn vị xếp loại Tốt, 04 đơn vị xếp loại Khá.", ["06"]),  # more than the whole
    ],
)  # fmt: skip
def test_a_whole_split_into_classes(tmp_path: Path, sentence: str, stated: list[str]) -> None:
    from pipeline.validate.restated_rules import check_class_splits

    assert [f.stated for f in check_class_splits(_read(tmp_path, sentence))] == stated
