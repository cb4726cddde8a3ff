"""Percentages against the ratio stated with them (`percent-mismatch`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.validate.text_rules import check_changes, check_percentages


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


def changes(tmp_path: Path, text: str) -> list[tuple[str | None, str | None]]:

    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [(f.stated, f.expected) for f in check_changes(read_document(path))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chỉ số năm 2024 là 94,64 điểm, tăng 0,65 điểm so với năm 2023 (từ 93,99 điểm năm 2023 lên 94,64 điểm).", []),
        (
            "Chỉ số năm 2024 là 94,74 điểm, tăng 0,65 điểm so với năm 2023 (từ 93,99 điểm năm 2023 lên 94,74 điểm).",
            [("0,65", "0,75")],
        ),
        ("Xã đạt 90,72/100 điểm, tăng 1,77 điểm so với năm 2023 (năm 2023 đạt 88,95 điểm).", []),
        ("Xã đạt 90,72/100 điểm, giảm 1,77 điểm so với năm 2023 (năm 2023 đạt 88,95 điểm).", [("1,77", "1,77")]),
        ("Tỷ lệ đạt 86,40%, cao hơn 1,25% so với năm 2023 (năm 2023 đạt 85,15%).", []),
        ("Tỷ lệ đạt 86,40%, cao hơn 2,25% so với năm 2023 (năm 2023 đạt 85,15%).", [("2,25", "1,25")]),
        ("Đạt 19/21 điểm (giảm 1,21 điểm so với năm 2023).", []),  # no earlier value given: nothing to check
        ("Đạt 88,55 điểm, tăng 3 bậc so với năm 2023 (năm 2023 xếp thứ 7/12).", []),
    ],
)
def test_stated_change_against_the_two_values(tmp_path: Path, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert changes(tmp_path, sentence) == expected


NAMED = """**ỦY BAN NHÂN DÂN
HUYỆN BA TƠ**

Ba Tơ, ngày 12 tháng 02 năm 2025

**BÁO CÁO**

Năm 2024, UBND huyện Ba Tơ đã chỉ đạo xã Ba Tô và xã Ba Vinh thực hiện tốt công tác CCHC.

UBND huyện {closing} kính báo cáo./.
"""


@pytest.mark.parametrize(("closing", "variants"), [("Ba Tơ", []), ("Ba Tư", ["Ba Tư"]), ("BA TƠ", [])])
def test_the_units_own_name_spelt_another_way(tmp_path: Path, closing: str, variants: list[str]) -> None:
    from pipeline.extract import extract_document
    from pipeline.validate import validate_extraction

    path = tmp_path / "doc.txt"
    path.write_text(NAMED.format(closing=closing), encoding="utf-8")
    document = read_document(path)
    findings = validate_extraction(extract_document(document), document).findings
    assert [f.stated for f in findings if f.rule_id == "name-variant"] == variants  # "xã Ba Tô" is another unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thực hiện tinh giản với tổng cộng 12 trường hợp (gồm: Khối hành chính: 02 người, khối sự nghiệp: "
            "01 người, khối trường học 09).",
            [],
        ),
        (
            "Thực hiện tinh giản với tổng cộng 12 trường hợp (gồm: Khối hành chính: 02 người, khối sự nghiệp: "
            "01 người, khối trường học 08).",
            [("12", "11")],
        ),
        (
            "Tổng cộng 13 trường hợp nghỉ hưu theo Nghị định số 29/2023/NĐ-CP ngày 03/6/2023, gồm:\n"
            "- Khối Hành chính: 02 người (Võ Thị Gái; Phạm Văn Xuân).\n- Sự nghiệp khác: 01 người (Trần Thanh Vũ).\n"
            "- Sự nghiệp giáo dục: 09 người.",
            [("13", "12")],
        ),
        ("Đã tiếp nhận tổng số 1.353 hồ sơ (trong đó: kỳ trước 02 hồ sơ, trong kỳ 1.300 hồ sơ).", []),  # a subset
        ("Đã kiểm tra 10 đơn vị (gồm 03 phòng và 07 xã).", []),  # no "tổng": not read as a whole
    ],
)
def test_a_total_against_the_parts_it_consists_of(tmp_path: Path, text: str, expected: list[tuple[str, str]]) -> None:
    from pipeline.validate.text_rules import check_parts

    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    assert [(f.stated, f.expected) for f in check_parts(read_document(path))] == expected


@pytest.mark.parametrize(("note_total", "expected"), [("12", []), ("13", [("13", "12")])])
def test_a_total_repeated_in_its_footnote(tmp_path: Path, note_total: str, expected: list[tuple[str, str]]) -> None:
    from pipeline.validate.text_rules import check_footnote_totals

    text = (
        "Năm 2024 hoàn thành tinh giản với tổng cộng 12 trường hợp (gồm: hành chính 03 người, sự nghiệp 09 người)¹.\n\n"
        f"¹ Tổng cộng {note_total} trường hợp nghỉ hưu trước tuổi, gồm: ...\n"
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    assert [(f.stated, f.expected) for f in check_footnote_totals(read_document(path))] == expected


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        # the example: the share is of the 1.237 due, not of the 1.250 received
        (
            "Tiếp nhận mới 1.250 hồ sơ, trả trước và đúng hạn là 1.188 hồ sơ (đạt 96,04%), hồ sơ đến hạn 1.237 hồ sơ.",
            [],
        ),
        (
            "Đã giải quyết 1.341 hồ sơ, trong đó trước hạn, đúng hạn 1.329 hồ sơ, đạt 99,01%; trễ hạn 12 hồ sơ.",
            ["99,01"],
        ),
        ("Đã giải quyết 1.341 hồ sơ, trong đó trễ hạn 12 hồ sơ, chiếm 0,89%.", []),
        ("Tiếp nhận 1.353 hồ sơ (trong đó 736 hồ sơ trực tuyến, chiếm 54,39%).", []),  # truncated 54,397
        ("Giải quyết 1.329 hồ sơ, đạt 99,01%.", []),  # no larger count of the unit: nothing to compare
        ("Tiếp nhận 900 hồ sơ; 150 đơn thư, chiếm 20%.", []),  # another unit
    ],
)
def test_a_count_and_its_share_against_every_larger_count_of_the_sentence(
    tmp_path: Path, sentence: str, stated: list[str]
) -> None:
    from pipeline.validate.count_shares import check_count_shares

    path = tmp_path / "doc.txt"
    path.write_text(sentence + "\n", encoding="utf-8")
    assert [f.stated for f in check_count_shares(read_document(path))] == stated


def test_a_sibling_part_with_its_own_share_is_no_whole(tmp_path: Path) -> None:
    from pipeline.validate.count_shares import check_count_shares

    path = tmp_path / "doc.txt"
    path.write_text("Trước hạn, đúng hạn 2.779 hồ sơ (đạt 98,65%), trễ hạn 38 hồ sơ (chiếm 1,35%).\n", encoding="utf-8")
    assert list(check_count_shares(read_document(path))) == []


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("Cả giai đoạn 2021 - 2024, Chỉ số CCHC tăng 4,28 điểm (từ 82,57 điểm lên 86,65 điểm).", ["4,28"]),
        ("Cả giai đoạn 2021 - 2024, Chỉ số CCHC tăng 4,08 điểm (từ 82,57 điểm lên 86,65 điểm).", []),
    ],
)
def test_a_change_between_the_values_in_its_brackets(tmp_path: Path, sentence: str, stated: list[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(sentence + "\n", encoding="utf-8")
    assert [f.stated for f in check_changes(read_document(path))] == stated


@pytest.mark.parametrize(("share", "stated"), [("99,65", ["99,65"]), ("99,56", []), ("99,55", [])])
def test_a_table_rows_share_against_pairs_of_its_counts(tmp_path: Path, share: str, stated: list[str]) -> None:
    from pipeline.validate.count_shares import check_table_shares

    path = tmp_path / "doc.txt"
    path.write_text(
        "Năm\tTiếp nhận (hồ sơ)\tĐã giải quyết (hồ sơ)\tĐúng hạn (hồ sơ)\tTỷ lệ đúng hạn (%)\n"
        f"2023\t10.437\t10.398\t10.352\t{share}\n",
        encoding="utf-8",
    )
    assert [f.stated for f in check_table_shares(read_document(path))] == stated
