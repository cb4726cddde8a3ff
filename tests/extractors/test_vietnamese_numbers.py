"""Tests for extractors.vietnamese_numbers and schemas.quantity.

The parse table holds every number form found in the five seed documents (/work/shared/seeds), and the
find_quantities cases are sentences copied from them, with the dates, document numbers and codes that must
not come out as quantities.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extractors.vietnamese_numbers import NumeralReading, find_quantities, parse_number, read_numeral
from schemas.quantity import Quantity, QuantityKind, printed_interval

K = QuantityKind
D = Decimal

# ---------------------------------------------------------------------------------------------------------
# parse_number: every form in the seeds
# ---------------------------------------------------------------------------------------------------------

# (text, value, decimals, kind, unit, denominator, ambiguous)
SEED_FORMS: list[tuple[str, str, int, QuantityKind, str | None, str | None, bool]] = [
    # points, decimal comma (000, 003, 004)
    ("79,87 điểm", "79.87", 2, K.POINTS, "điểm", None, False),
    ("10,51 điểm", "10.51", 2, K.POINTS, "điểm", None, False),
    ("12,5 điểm", "12.5", 1, K.POINTS, "điểm", None, False),
    ("12,47 điểm", "12.47", 2, K.POINTS, "điểm", None, False),
    ("14,50 điểm", "14.50", 2, K.POINTS, "điểm", None, False),
    ("5,01 điểm", "5.01", 2, K.POINTS, "điểm", None, False),
    ("0,24 điểm", "0.24", 2, K.POINTS, "điểm", None, False),
    ("0,00 điểm", "0", 2, K.POINTS, "điểm", None, False),
    ("0,3 điểm", "0.3", 1, K.POINTS, "điểm", None, False),
    ("93,99 điểm", "93.99", 2, K.POINTS, "điểm", None, False),
    ("3,18 điểm", "3.18", 2, K.POINTS, "điểm", None, False),
    # points, decimal dot (000, 001)
    ("0.24 điểm", "0.24", 2, K.POINTS, "điểm", None, False),
    ("0.25 điểm", "0.25", 2, K.POINTS, "điểm", None, False),
    ("0.04 điểm", "0.04", 2, K.POINTS, "điểm", None, False),
    ("3.5 điểm", "3.5", 1, K.POINTS, "điểm", None, False),
    ("0.5 điểm", "0.5", 1, K.POINTS, "điểm", None, False),
    ("1.19 điểm", "1.19", 2, K.POINTS, "điểm", None, False),
    ("70.78 điểm", "70.78", 2, K.POINTS, "điểm", None, False),
    ("61.28 điểm", "61.28", 2, K.POINTS, "điểm", None, False),
    # points, whole and zero-padded
    ("01 điểm", "1", 0, K.POINTS, "điểm", None, False),
    ("02 điểm", "2", 0, K.POINTS, "điểm", None, False),
    ("74 điểm", "74", 0, K.POINTS, "điểm", None, False),
    ("0 điểm", "0", 0, K.POINTS, "điểm", None, False),
    # points over a maximum
    ("79,87 điểm/100 điểm", "79.87", 2, K.POINTS, "điểm", "100", False),
    ("65,37 điểm/ 74 điểm", "65.37", 2, K.POINTS, "điểm", "74", False),
    ("14,50 điểm/26 điểm", "14.50", 2, K.POINTS, "điểm", "26", False),
    ("94,64/95,5 điểm", "94.64", 2, K.POINTS, "điểm", "95.5", False),
    ("84,76/100 điểm", "84.76", 2, K.POINTS, "điểm", "100", False),
    ("19/21 điểm", "19", 0, K.POINTS, "điểm", "21", False),
    ("18,43/19,5 điểm", "18.43", 2, K.POINTS, "điểm", "19.5", False),
    ("06/7 điểm", "6", 0, K.POINTS, "điểm", "7", False),
    ("8/8 điểm", "8", 0, K.POINTS, "điểm", "8", False),
    # a "điểm" value read as grouping would exceed 100: switch to the decimal reading (DOMAIN §3.2 step 5)
    ("1.353 điểm", "1.353", 3, K.POINTS, "điểm", None, True),
    # bare fractions
    ("26/26", "26", 0, K.FRACTION, None, "26", False),
    ("14/14", "14", 0, K.FRACTION, None, "14", False),
    ("10/10", "10", 0, K.FRACTION, None, "10", False),
    ("945/1083", "945", 0, K.FRACTION, None, "1083", False),
    ("11/13", "11", 0, K.FRACTION, None, "13", False),
    ("10,5/10,5", "10.5", 1, K.FRACTION, None, "10.5", False),
    # counts and count fractions (001, 003)
    ("1.353 hồ sơ", "1353", 0, K.COUNT, "hồ sơ", None, True),
    ("21.073 hồ sơ", "21073", 0, K.COUNT, "hồ sơ", None, True),
    ("20.859 hồ sơ", "20859", 0, K.COUNT, "hồ sơ", None, True),
    ("1.203 chỉ tiêu", "1203", 0, K.COUNT, "chỉ tiêu", None, True),
    ("1.008 người", "1008", 0, K.COUNT, "người", None, True),
    ("2.500 tin", "2500", 0, K.COUNT, "tin", None, True),
    ("6652 người", "6652", 0, K.COUNT, "người", None, False),
    ("02 hồ sơ", "2", 0, K.COUNT, "hồ sơ", None, False),
    ("09 cán bộ", "9", 0, K.COUNT, "cán bộ", None, False),
    ("10 Quyết định", "10", 0, K.COUNT, "quyết định", None, False),
    ("05 đồng chí", "5", 0, K.COUNT, "đồng chí", None, False),
    ("92 tiêu chí thành phần", "92", 0, K.COUNT, "tiêu chí thành phần", None, False),
    ("26/26 nhiệm vụ", "26", 0, K.COUNT, "nhiệm vụ", "26", False),
    ("93/93 nhiệm vụ", "93", 0, K.COUNT, "nhiệm vụ", "93", False),
    ("10/10 cơ quan", "10", 0, K.COUNT, "cơ quan", "10", False),
    ("02/02 đơn vị", "2", 0, K.COUNT, "đơn vị", "2", False),
    ("73/93 thôn", "73", 0, K.COUNT, "thôn", "93", False),
    ("06/06 người", "6", 0, K.COUNT, "người", "6", False),
    ("7/8 TTHC", "7", 0, K.COUNT, "tthc", "8", False),
    ("273/279 hồ sơ", "273", 0, K.COUNT, "hồ sơ", "279", False),
    ("27/28 DVCTT", "27", 0, K.COUNT, "dvctt", "28", False),
    ("1209/1222 hồ sơ", "1209", 0, K.COUNT, "hồ sơ", "1222", False),
    # a count is a whole number: "12,345 hồ sơ" switches to the grouping reading
    ("12,345 hồ sơ", "12345", 0, K.COUNT, "hồ sơ", None, True),
    # money (000, 001)
    ("1.157.351 triệu đồng", "1157351", 0, K.MONEY, "triệu đồng", None, False),
    ("829.480 triệu đồng", "829480", 0, K.MONEY, "triệu đồng", None, True),
    ("33.000 triệu đồng", "33000", 0, K.MONEY, "triệu đồng", None, True),
    ("46.957/70.150 triệu đồng", "46957", 0, K.MONEY, "triệu đồng", "70150", True),
    ("2,34 triệu đồng", "2.34", 2, K.MONEY, "triệu đồng", None, False),
    # percent (000, 001, 003)
    ("98,5%", "98.5", 1, K.PERCENT, "%", None, False),
    ("206,49%", "206.49", 2, K.PERCENT, "%", None, False),
    ("1.5%", "1.5", 1, K.PERCENT, "%", None, False),
    ("99.3%", "99.3", 1, K.PERCENT, "%", None, False),
    ("0.26%", "0.26", 2, K.PERCENT, "%", None, False),
    ("99.99%", "99.99", 2, K.PERCENT, "%", None, False),
    ("23,43 %", "23.43", 2, K.PERCENT, "%", None, False),
    ("0,19 %", "0.19", 2, K.PERCENT, "%", None, False),
    ("0 %", "0", 0, K.PERCENT, "%", None, False),
    ("92,40%", "92.40", 2, K.PERCENT, "%", None, False),
    ("89,2%", "89.2", 1, K.PERCENT, "%", None, False),
    ("87,26%", "87.26", 2, K.PERCENT, "%", None, False),
    ("100%", "100", 0, K.PERCENT, "%", None, False),
    ("1,2 điểm %", "1.2", 1, K.PERCENT, "điểm %", None, False),
    # a percent read as grouping would exceed 100: decimal reading instead
    ("1.353%", "1.353", 3, K.PERCENT, "%", None, True),
    # bare numbers (table cells, "rút hồ sơ là 05", "Sau Đại học: 15")
    ("02", "2", 0, K.NUMBER, None, None, False),
    ("09", "9", 0, K.NUMBER, None, None, False),
    ("1130", "1130", 0, K.NUMBER, None, None, False),
    ("0,88", "0.88", 2, K.NUMBER, None, None, False),
    ("0,00", "0", 2, K.NUMBER, None, None, False),
    ("12,5", "12.5", 1, K.NUMBER, None, None, False),
    ("79,87", "79.87", 2, K.NUMBER, None, None, False),
    ("1.203", "1203", 0, K.NUMBER, None, None, True),
    ("4.0", "4.0", 1, K.NUMBER, None, None, False),
    # measures
    ("8 giờ", "8", 0, K.NUMBER, "giờ", None, False),
    ("60 phút", "60", 0, K.NUMBER, "phút", None, False),
    ("02 tháng", "2", 0, K.NUMBER, "tháng", None, False),
    ("03 năm", "3", 0, K.NUMBER, "năm", None, False),
    ("2 bậc", "2", 0, K.NUMBER, "bậc", None, False),
    # other separators (DOMAIN §3.2)
    ("100,000,000", "100000000", 0, K.NUMBER, None, None, False),
    ("1,234.5", "1234.5", 1, K.NUMBER, None, None, False),
    ("1.234,5", "1234.5", 1, K.NUMBER, None, None, False),
    ("1.234.567,89", "1234567.89", 2, K.NUMBER, None, None, False),
    ("1 157 351", "1157351", 0, K.NUMBER, None, None, False),
    ("1\u00a0234,5 đồng", "1234.5", 1, K.MONEY, "đồng", None, False),
    ("0.125", "0.125", 3, K.NUMBER, None, None, False),
    ("12,345", "12.345", 3, K.NUMBER, None, None, True),
]


@pytest.mark.parametrize(
    ("text", "value", "decimals", "kind", "unit", "denominator", "ambiguous"),
    SEED_FORMS,
    ids=[case[0] for case in SEED_FORMS],
)
def test_parse_number_seed_forms(
    text: str,
    value: str,
    decimals: int,
    kind: QuantityKind,
    unit: str | None,
    denominator: str | None,
    ambiguous: bool,
) -> None:
    q = parse_number(text)
    assert (q.value, q.decimals, q.kind, q.unit, q.ambiguous) == (D(value), decimals, kind, unit, ambiguous)
    assert q.denominator == (D(denominator) if denominator is not None else None)
    assert (q.raw, q.start, q.end) == (text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("1.157.351 triệu đồng", 10**6),
        ("1,5 tỷ đồng", 10**9),
        ("1,5 tỉ đồng", 10**9),
        ("500 nghìn đồng", 10**3),
        ("500 ngàn đồng", 10**3),
        ("2.000 đồng", 1),
    ],
)
def test_money_scale(text: str, scale: int) -> None:
    q = parse_number(text)
    assert q.kind is K.MONEY
    assert q.scale == scale
    assert q.base_value == q.value * scale


def test_parse_number_keeps_the_printed_strings() -> None:
    q = parse_number("  46.957/70.150 triệu đồng ")
    assert (q.raw, q.number_text, q.denominator_text) == ("46.957/70.150 triệu đồng", "46.957", "70.150")
    assert (q.start, q.end, q.denominator_decimals) == (2, 26, 0)
    assert q.base_value == 46_957 * 10**6


@pytest.mark.parametrize(
    ("text", "rank", "of", "raw"),
    [
        ("xếp vị thứ 11/13", 11, 13, "11/13"),
        ("xếp vị trí thứ 05/13", 5, 13, "05/13"),
        ("đúng thứ 12/13", 12, 13, "12/13"),
        ("đứng thứ 1/18", 1, 18, "1/18"),
        ("xếp thứ 6/13", 6, 13, "6/13"),
        ("xếp 12/13", 12, 13, "12/13"),
        ("xếp hạng 39/160", 39, 160, "39/160"),
        ("thứ 03", 3, None, "03"),
    ],
)
def test_parse_number_rank_phrase(text: str, rank: int, of: int | None, raw: str) -> None:
    q = parse_number(text)
    assert q.kind is K.RANK
    assert (q.value, q.denominator, q.raw, q.unit) == (D(rank), None if of is None else D(of), raw, None)
    assert text[q.start : q.end] == raw


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25/7/2024", "date"),
        ("02/8/2024", "date"),
        ("20.08.2014", "date"),
        ("ngày 12 tháng 02 năm 2025", "date"),
        ("tháng 9/2024", "month/year"),
        ("02/2025", "date"),
        ("11/3", "date"),
        ("536/QĐ-UBND", "document number"),
        ("59/BC-UBND", "document number"),
        ("36/2022/QĐ-UBND", "document number"),
        ("15/UBND", "document number"),
        ("1533/SNV-CCHCVTLT", "document number"),
        ("04-NQ/TU", "Party document"),
        ("1.3.2", "criterion code"),
        ("7.3.3.2", "criterion code"),
        ("2m x0,8m", "dimension"),
        ("8mx4m", "dimension"),
        ("1,8mx 1,2m", "dimension"),
        ("abc", "no digits"),
        ("", "empty"),
        ("12 quả táo", "known unit"),
        ("1.2,3", "group the integer part"),
        ("1,2,3", "groups of three"),
        ("12 34", "known unit"),
    ],
)
def test_parse_number_rejects_non_quantities(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_number(text)


# ---------------------------------------------------------------------------------------------------------
# read_numeral
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "readings"),
    [
        ("1.353", [("1353", 0), ("1.353", 3)]),
        ("12,345", [("12.345", 3), ("12345", 0)]),
        ("0.125", [("0.125", 3)]),
        ("0,125", [("0.125", 3)]),
        ("01.234", [("1.234", 3)]),
        ("1234.567", [("1234.567", 3)]),
        ("70.78", [("70.78", 2)]),
        ("1.157.351", [("1157351", 0)]),
        ("100,000,000", [("100000000", 0)]),
        ("1,234.5", [("1234.5", 1)]),
        ("02", [("2", 0)]),
    ],
)
def test_read_numeral_readings(numeral: str, readings: list[tuple[str, int]]) -> None:
    assert read_numeral(numeral) == tuple(NumeralReading(D(v), d) for v, d in readings)


@pytest.mark.parametrize("numeral", ["1.3.2", "3.13.2", "20.08.2014", "1,2,3", "12.34,5", "1.2,3", "1 23", "x1"])
def test_read_numeral_rejects(numeral: str) -> None:
    with pytest.raises(ValueError, match=repr(numeral)[1:-1]):
        read_numeral(numeral)


# ---------------------------------------------------------------------------------------------------------
# find_quantities on sentences from the seeds
# ---------------------------------------------------------------------------------------------------------

FIND_CASES: list[tuple[str, list[tuple[str, str, QuantityKind]]]] = [
    # dates and document numbers only (000, 001)
    (
        "Thực hiện Quyết định số 536/QĐ-UBND ngày 25/7/2024 của UBND tỉnh Quảng Ngãi phê duyệt Đề án “Xác "
        "định "
        "Chỉ số cải cách hành chính” giai đoạn 2023-2030.",
        [],
    ),
    ("UBND huyện ban hành Quyết định số 1790/QĐ-UBND ngày 02/8/2024 của Chủ tịch UBND huyện Sơn Tịnh", []),
    ("Số: 59/BC-UBND\n\nBa Tơ, ngày 12 tháng 02 năm 2025", []),
    (
        "theo quy định tại Quyết định số 36/2022/QĐ-UBND ngày 13/10/2022 của UBND tỉnh Quảng Ngãi; Công "
        "văn số "
        "549/UBND ngày 26/3/2024; Nghị định số 108/2014/NĐ-CP ngày 20/11/2014 của Chính phủ",
        [],
    ),
    ("1. Tiếp tục triển khai thực hiện nhiệm vụ và giải pháp tại Nghị quyết số 04-NQ/TU ngày 18/10/2021", []),
    ("theo hướng dẫn 1533/SNV-CCHCVTLT ngày 08/10/2024; Quyết định số 775/QÐ-BVHTTDL", []),
    (
        "+ Tổng hợp, cập nhật kết quả giải quyết hồ sơ TTHC toàn huyện từ ngày 15/12/2023 đến ngày "
        "14/12/2024 "
        "(có Biểu số II.06a/VPCP/KSTT đính kèm).",
        [],
    ),
    # month/year, quarters, day/month
    ("trong tháng 9/2024 hoàn thành việc kiểm tra theo kế hoạch; hạn chót 02/2025", []),
    ("được cấp thẩm quyền giao trong quý II/2024; Thời gian thực hiện: Trong Quý I năm 2025", []),
    ("- Thời gian thực hiện: Từ tháng 2 năm 2025.", []),
    ("Cung cấp sáng kiến để được công nhận trước 30/10", []),
    ("(Thời điểm công bố chậm nhất ngày 31/01 hàng năm).", []),
    # criterion codes, section numbers, labels
    ("* **Đối với tiêu chí thành phần 1.3.2. Xử lý các vấn đề phát hiện qua kiểm tra**", []),
    ("* **Đối với tiêu chí “5.4. Chấp hành kỷ luật, kỷ cương hành chính", []),
    ("a) Tiêu chí thành phần: “1.5. Đổi mới, sáng tạo trong triển khai nhiệm vụ CCHC”;", []),
    ("d) Tiêu chí thành phần “7.3.7.2. Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến”", []),
    ("2.1. Những tồn tại, hạn chế\n\n6.Cải cách tài chính công\n\nI. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", []),
    (
        "- Cử 39 cán bộ tham gia các lớp bồi dưỡng, cập nhật kiến thức đối tượng 4 năm 2024.",
        [("39 cán bộ", "39", K.COUNT)],
    ),
    ("hàng tháng lồng ghép đánh giá CCHC, chuyển đổi số và thực hiện Đề án 06 trong các phiên họp", []),
    (
        "mỗi tháng phát vào ngày thứ 2 của tuần thứ 3 của tháng (87 bài viết)",
        [("87 bài viết", "87", K.COUNT)],
    ),
    ("- Chỉ tiêu 3. “*100% văn bản QPPL được ban hành đúng quy trình", [("100%", "100", K.PERCENT)]),
    # points and ranks (000)
    (
        "1. Tổng điểm cải cách hành chính đạt được 79,87 điểm/100 điểm, xếp vị thứ 11/13 huyện, thị xã, "
        "thành phố. Cụ thể:",
        [("79,87 điểm/100 điểm", "79.87", K.POINTS), ("11/13", "11", K.RANK)],
    ),
    (
        "- Điểm cải cách hành chính đạt được 65,37 điểm/ 74 điểm (xếp vị trí thứ 05/13 huyện, thị xã, thành phố).",
        [("65,37 điểm/ 74 điểm", "65.37", K.POINTS), ("05/13", "5", K.RANK)],
    ),
    (
        "Theo đó, Bộ tiêu chí xác định Chỉ số CCHC UBND cấp huyện được cấu trúc 08 lĩnh vực, 41 tiêu chí "
        "và 92 "
        "tiêu chí thành phần: 74 điểm Chỉ số Cải cách hành chính và 26 điểm Điều tra xã hội học.",
        [
            ("08 lĩnh vực", "8", K.COUNT),
            ("41 tiêu chí", "41", K.COUNT),
            ("92 tiêu chí thành phần", "92", K.COUNT),
            ("74 điểm", "74", K.POINTS),
            ("26 điểm", "26", K.POINTS),
        ],
    ),
    (
        "2.3. Cải cách thủ tục hành chính: Điểm chuẩn tối đa 12,5 điểm, tự chấm 12,47 điểm, điểm chấm đạt "
        "**12,46 điểm**. (Cơ quan phụ trách theo dõi: Văn phòng HĐND và UBND)",
        [
            ("12,5 điểm", "12.5", K.POINTS),
            ("12,47 điểm", "12.47", K.POINTS),
            ("12,46 điểm", "12.46", K.POINTS),
        ],
    ),
    (
        "*** Đối với tiêu chí thành phần “3.4.3. Tỷ lệ hồ sơ TTHC do CQCM cấp huyện tiếp nhận trong năm được "
        "giải quyết trước hạn, đúng hạn:** Kết quả trong năm 2024 điểm chuẩn tối đa 02 điểm, điểm chấm đạt "
        "1,97 điểm, **bị trừ 0.03 điểm**",
        [("02 điểm", "2", K.POINTS), ("1,97 điểm", "1.97", K.POINTS), ("0.03 điểm", "0.03", K.POINTS)],
    ),
    ("4. Cải cách tài chính công: Bị trừ 3.5 điểm.", [("3.5 điểm", "3.5", K.POINTS)]),
    (
        "Kết quả trong năm 2024 điểm chuẩn tối đa 01 điểm, điểm chấm đạt 0,00 điểm, **bị trừ 1 điểm**",
        [("01 điểm", "1", K.POINTS), ("0,00 điểm", "0", K.POINTS), ("1 điểm", "1", K.POINTS)],
    ),
    (
        "Thực tế định mức chi lương cho đơn vị sự nghiệp tính theo mức lương tối thiểu 2,34 triệu đồng và "
        "hoạt "
        "động 19% theo Nghị quyết số 29/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh Quảng Ngãi.",
        [("2,34 triệu đồng", "2.34", K.MONEY), ("19%", "19", K.PERCENT)],
    ),
    (
        "Trong 02 năm (2023, 2024) trên địa bàn huyện Sơn Tịnh",
        [("02 năm", "2", K.NUMBER)],
    ),
    # 001
    (
        "Kết quả tự chấm đạt 70.78 điểm (chưa tính điểm đánh giá xã hội học), qua thẩm định của tỉnh, UBND "
        "huyện "
        "đạt 61.28 điểm (đúng thứ 12/13 các huyện, thành phố).",
        [("70.78 điểm", "70.78", K.POINTS), ("61.28 điểm", "61.28", K.POINTS), ("12/13", "12", K.RANK)],
    ),
    (
        "→ Kết quả: Đạt (năm 2024, huyện đạt mức hoàn thành tốt nhiệm vụ, xếp 12/13 huyện, thành phố).",
        [("12/13", "12", K.RANK)],
    ),
    (
        "+ Đối với thực hiện nhiệm vụ trong kế hoạch CCHC của tỉnh: Tổng nhiệm vụ **26** nhiệm vụ thường "
        "xuyên, "
        "đến nay cơ bản hoàn thành **26/26** nhiệm vụ = **100%** kế hoạch;",
        [("26** nhiệm vụ", "26", K.COUNT), ("26/26** nhiệm vụ", "26", K.COUNT), ("100%", "100", K.PERCENT)],
    ),
    (
        "UBND huyện thực hiện **14/14** = **100%** nhiệm vụ do UBND tỉnh giao đúng hạn.",
        [("14/14", "14", K.FRACTION), ("100%", "100", K.PERCENT)],
    ),
    (
        "Thực hiện tuyên truyền trên màn hình Led ngoài trời tại Quảng trường 11/3: Hàng ngày vào các "
        "khung giờ "
        "sáng và chiều tối (60 phút/buổi)",
        [("60 phút", "60", K.NUMBER)],
    ),
    (
        "Đặt tại ngã tư trụ đèn giao thông đường 30 tháng 10: 02 pa nô lớn (kích thước 8mx4m) + Đặt dọc "
        "con lươn "
        "đường Phạm Văn Đồng: 04 hộp (02 mặt kích thước 1,8mx 1,2m) + Pa nô gắn trụ điện đường 30 tháng 10, "
        "Trần Toại, 11/3 và bờ Kè: 04 pa nô (02 mặt kích thước 2m x0,8m)",
        [
            ("02 pa nô", "2", K.COUNT),
            ("04 hộp", "4", K.COUNT),
            ("02 mặt", "2", K.COUNT),
            ("04 pa nô", "4", K.COUNT),
            ("02 mặt", "2", K.COUNT),
        ],
    ),
    (
        "+ Tổ chức tuyên truyền cải cách hành chính bằng xe thông tin lưu động đến 19 xã, thị trấn với tần "
        "suất "
        "02 tháng/lần",
        [("19 xã", "19", K.COUNT), ("02 tháng", "2", K.NUMBER)],
    ),
    (
        "còn 73/93 thôn, TDP = 78,49% chưa đảm bảo tiêu chuẩn quy mô hộ gia đình",
        [("73/93 thôn", "73", K.COUNT), ("78,49%", "78.49", K.PERCENT)],
    ),
    (
        "tham mưu UBND huyện tổ chức tự kiểm tra, rà soát 100% (10/10) VBQPPL được ban hành trong năm 2024",
        [("100%", "100", K.PERCENT), ("10/10", "10", K.FRACTION)],
    ),
    (
        "Từ đầu năm đến nay UBND huyện đã xây dựng và ban hành 10 Quyết định³, HĐND huyện ban hành 01 Nghị quyết",
        [("10 Quyết định", "10", K.COUNT), ("01 Nghị quyết", "1", K.COUNT)],
    ),
    (
        "- Tại Bộ phận Một cửa của huyện: Đã tiếp nhận 1.353 hồ sơ (trong đó: kỳ trước chuyển qua là 02 hồ "
        "sơ, "
        "trong kỳ: 1.351 hồ sơ), đã giải quyết: 1.338 hồ sơ (Trong đó: trước hạn là 1.318 hồ sơ đạt tỷ lệ "
        "98,5%, "
        "trễ hạn là 20 hồ sơ, chiếm tỷ lệ 1.5%), đang giải quyết: 10 hồ sơ, rút hồ sơ là 05.",
        [
            ("1.353 hồ sơ", "1353", K.COUNT),
            ("02 hồ sơ", "2", K.COUNT),
            ("1.351 hồ sơ", "1351", K.COUNT),
            ("1.338 hồ sơ", "1338", K.COUNT),
            ("1.318 hồ sơ", "1318", K.COUNT),
            ("98,5%", "98.5", K.PERCENT),
            ("20 hồ sơ", "20", K.COUNT),
            ("1.5%", "1.5", K.PERCENT),
            ("10 hồ sơ", "10", K.COUNT),
            ("05", "5", K.NUMBER),
        ],
    ),
    (
        "+ Tổng số biên chế được giao là: 1.203 chỉ tiêu, trong đó: Biên chế hành chính 73, biên chế sự "
        "nghiệp "
        "1130. Tổng biên chế thực hiện: 1075 người; trong đó: Biên chế hành chính 67 người, biên chế sự "
        "nghiệp "
        "1.008 người.",
        [
            ("1.203 chỉ tiêu", "1203", K.COUNT),
            ("73", "73", K.NUMBER),
            ("1130", "1130", K.NUMBER),
            ("1075 người", "1075", K.COUNT),
            ("67 người", "67", K.COUNT),
            ("1.008 người", "1008", K.COUNT),
        ],
    ),
    (
        "Cán bộ, công chức cấp huyện: Tổng số hiện có: 64 cán bộ, công chức; Chất lượng: Sau Đại học: 15, "
        "chiếm "
        "tỷ lệ: 23,43 %; Đại học: 49, chiếm tỷ lệ: 76,56 %; Trung cấp: 0, chiếm tỷ lệ 0 %.",
        [
            ("64 cán bộ", "64", K.COUNT),
            ("15", "15", K.NUMBER),
            ("23,43 %", "23.43", K.PERCENT),
            ("49", "49", K.NUMBER),
            ("76,56 %", "76.56", K.PERCENT),
            ("0", "0", K.NUMBER),
            ("0 %", "0", K.PERCENT),
        ],
    ),
    (
        "- Thu ngân sách: Ước đạt 1.157.351 triệu đồng, bằng 206,49% dự toán giao; trong đó, thu trên địa "
        "bàn ước "
        "đạt 46.957/70.150 triệu đồng, bằng 66,94% dự toán.",
        [
            ("1.157.351 triệu đồng", "1157351", K.MONEY),
            ("206,49%", "206.49", K.PERCENT),
            ("46.957/70.150 triệu đồng", "46957", K.MONEY),
            ("66,94%", "66.94", K.PERCENT),
        ],
    ),
    (
        "Kế hoạch vốn đầu tư công ngân sách tỉnh năm 2024 cho 03 xã về đích nông thôn mới giai đoạn 2024 - "
        "2025 "
        "được cấp thẩm quyền giao trong quý II/2024",
        [("03 xã", "3", K.COUNT)],
    ),
    (
        "hồ sơ cho tổ chức, cá nhân không muộn hơn tám giờ làm việc kể từ khi hệ thống tiếp nhận <98%); xu "
        "thế "
        "công nghệ 4.0 hiện nay",
        [("98%", "98", K.PERCENT), ("4.0", "4.0", K.NUMBER)],
    ),
    # 002
    ("(Lưu ý: Những hồ sơ chờ tiếp nhận không được để quá 8 giờ).", [("8 giờ", "8", K.NUMBER)]),
    (
        "Tiêu chí thành phần: “3.1.2.2. 100% vấn đề phát hiện qua rà soát đã được xử lý",
        [("100%", "100", K.PERCENT)],
    ),
    # 003
    (
        "Chỉ số CCHC năm 2024 của xã Triệu Trách là 94,64 điểm, xếp loại tốt, tăng 0,65 điểm so với năm "
        "2023 (từ "
        "93,99 điểm năm 2023 lên 94,64 điểm) đứng thứ 1/18 xã thị trấn, tăng 2 bậc từ thứ 3 năm 2023 lên "
        "thứ 1 "
        "năm 2024.",
        [
            ("94,64 điểm", "94.64", K.POINTS),
            ("0,65 điểm", "0.65", K.POINTS),
            ("93,99 điểm", "93.99", K.POINTS),
            ("94,64 điểm", "94.64", K.POINTS),
            ("1/18", "1", K.RANK),
            ("2 bậc", "2", K.NUMBER),
            ("3", "3", K.RANK),
            ("1", "1", K.RANK),
        ],
    ),
    (
        "Chỉ số CCHC năm 2024 của xã Triệu Trạch là 94,64/95,5 điểm, đạt loại tốt, đứng thứ nhất trong số "
        "18 xã "
        "thị trấn, tăng 2 bậc, từ thứ 03 lên thứ 01 cụ thể như sau:",
        [
            ("94,64/95,5 điểm", "94.64", K.POINTS),
            ("18 xã", "18", K.COUNT),
            ("2 bậc", "2", K.NUMBER),
            ("03", "3", K.RANK),
            ("01", "1", K.RANK),
        ],
    ),
    (
        "- Tiêu chí thứ 1: Công tác chỉ đạo, điều hành về cải cách hành chính, đạt 19/21 điểm, mất 2 điểm "
        "(giảm "
        "1,21 điểm so với năm 2023);",
        [("19/21 điểm", "19", K.POINTS), ("2 điểm", "2", K.POINTS), ("1,21 điểm", "1.21", K.POINTS)],
    ),
    (
        "- Tiêu chí thứ 3: Cải cách thủ tục hành chính, thực hiện cơ chế 1 cửa, đạt 18,43/19,5 điểm, mất 1,07 điểm;",
        [("18,43/19,5 điểm", "18.43", K.POINTS), ("1,07 điểm", "1.07", K.POINTS)],
    ),
    (
        "- Tiêu chí thứ 6: Thực hiện cải cách tài chính công đạt 06/7 điểm, (mất 01 điểm, tăng 2 điểm so với năm 2023)",
        [("06/7 điểm", "6", K.POINTS), ("01 điểm", "1", K.POINTS), ("2 điểm", "2", K.POINTS)],
    ),
    (
        "- Tiêu chí thứ 7: Xây dựng và phát triển Chính phủ điện tử, Chính phủ số, đạt 10,5/10,5 đạt điểm "
        "tối đa "
        "(tăng 0,3 điểm so với năm 2023).",
        [("10,5/10,5", "10.5", K.FRACTION), ("0,3 điểm", "0.3", K.POINTS)],
    ),
    (
        "Mặc dù trong năm 2024 UBND xã đã thực hiện 100 BCCI/279 hồ sơ DVCTT toàn trình, tỷ lệ đạt đến 85%",
        [("100 BCCI", "100", K.COUNT), ("279 hồ sơ", "279", K.COUNT), ("85%", "85", K.PERCENT)],
    ),
    (
        "Năm 2024 UBND xã thực hiện 27/28 DVCTT đạt 96,4% theo hướng dẫn 1533/SNV-CCHCVTLT ngày 08/10/2024 "
        "phục "
        "lục 3 hướng dẫn mục 3.13.2 điểm tối đa 1 điểm;",
        [("27/28 DVCTT", "27", K.COUNT), ("96,4%", "96.4", K.PERCENT), ("1 điểm", "1", K.POINTS)],
    ),
    (
        "Năm 2024 UBND xã thực hiện thanh toán trực tuyến 945/1083 đạt 87,26% đạt 0,87 điểm",
        [("945/1083", "945", K.FRACTION), ("87,26%", "87.26", K.PERCENT), ("0,87 điểm", "0.87", K.POINTS)],
    ),
    (
        "3.13.3 Tỷ lệ hồ sơ DVCTT\t1\t0,99\t<p>Năm 2024 UBND xã thực hiện 1209/1222 hồ sơ đạt 98,9% được "
        "thẩm định "
        "0,99 điểm</p>",
        [
            ("1", "1", K.NUMBER),
            ("0,99", "0.99", K.NUMBER),
            ("1209/1222 hồ sơ", "1209", K.COUNT),
            ("98,9%", "98.9", K.PERCENT),
            ("0,99 điểm", "0.99", K.POINTS),
        ],
    ),
    (
        "6.3.Kết quả của việc thực hiện tự chủ về tài chính tại UBND xã\t1\t0\tTrong năm UBND xã chưa thực hiện",
        [("1", "1", K.NUMBER), ("0", "0", K.NUMBER)],
    ),
    # 004
    (
        "kết quả thực hiện CCHC tăng, đạt 84,76/100 điểm tăng 3,18 điểm so với năm 2023; cải cách thể chế "
        "và cải "
        "cách tổ chức bộ máy giữ vị trí đứng đầu 03 năm liền",
        [("84,76/100 điểm", "84.76", K.POINTS), ("3,18 điểm", "3.18", K.POINTS), ("03 năm", "3", K.NUMBER)],
    ),
    (
        "công tác chỉ đạo điều hành tăng 06 bậc, xếp vị thứ 2/13 huyện, thị xã, thành phố; mức độ hài lòng "
        "của "
        "người dân tăng 07 bậc, xếp thứ 6/13 huyện, thị xã, thành phố.",
        [("06 bậc", "6", K.NUMBER), ("2/13", "2", K.RANK), ("07 bậc", "7", K.NUMBER), ("6/13", "6", K.RANK)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES, ids=[f"seed-sentence-{i}" for i in range(len(FIND_CASES))])
def test_find_quantities_in_seed_sentences(text: str, expected: list[tuple[str, str, QuantityKind]]) -> None:
    found = find_quantities(text)
    assert [(q.raw, q.value, q.kind) for q in found] == [(raw, D(v), kind) for raw, v, kind in expected]
    for q in found:
        assert text[q.start : q.end] == q.raw


def test_find_quantities_ranks_carry_the_denominator() -> None:
    text = "đạt được 79,87 điểm/100 điểm, xếp vị thứ 11/13 huyện, thị xã, thành phố"
    [points, rank] = find_quantities(text)
    assert (points.denominator, points.unit, points.decimals) == (D(100), "điểm", 2)
    assert (rank.value, rank.denominator, rank.unit) == (D(11), D(13), None)


def test_find_quantities_flags_dot_grouping_as_ambiguous() -> None:
    found = find_quantities("Đã tiếp nhận: 21.073 hồ sơ (trong đó: Kỳ trước chuyển qua là 53 hồ sơ)")
    assert [(q.value, q.ambiguous) for q in found] == [(D(21073), True), (D(53), False)]


def test_find_quantities_offsets_survive_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "kiểm tra 10/10 cơ quan, đơn vị = 100%; Đã tiếp nhận 1.353 hồ sơ")
    found = find_quantities(text)
    assert [(q.value, q.kind, q.unit) for q in found] == [
        (D(10), K.COUNT, "cơ quan"),
        (D(100), K.PERCENT, "%"),
        (D(1353), K.COUNT, "hồ sơ"),
    ]
    assert [text[q.start : q.end] for q in found] == [q.raw for q in found]
    assert unicodedata.normalize("NFC", found[2].raw) == "1.353 hồ sơ"


def test_find_quantities_on_text_without_numbers() -> None:
    assert find_quantities("Nơi nhận:\n- Như trên;\n- Lưu: VT.") == []


# ---------------------------------------------------------------------------------------------------------
# Quantity model and intervals (DOMAIN §5)
# ---------------------------------------------------------------------------------------------------------


def test_quantity_is_frozen_and_strict() -> None:
    q = parse_number("54,2 điểm")
    with pytest.raises(ValidationError):
        q.value = D(1)  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Quantity.model_validate({**q.model_dump(), "colour": "red"})
    with pytest.raises(ValidationError, match="go together"):
        Quantity.model_validate({**q.model_dump(), "denominator": D(12)})
    with pytest.raises(ValidationError, match="before start"):
        Quantity.model_validate({**q.model_dump(), "start": 5, "end": 2})


def test_quantity_json_round_trip_keeps_exact_values() -> None:
    q = parse_number("46.957/70.150 triệu đồng")
    assert Quantity.model_validate_json(q.model_dump_json()) == q


def test_interval_rounding_and_truncation() -> None:
    q = parse_number("54,2 điểm")
    assert q.interval() == (Fraction("54.15"), Fraction("54.25"))
    assert q.interval("truncate") == (Fraction("54.2"), Fraction("54.3"))
    assert q.interval("exact") == (Fraction("54.2"), Fraction("54.2"))
    assert printed_interval(D("-1.5"), 1, "truncate") == (Fraction("-1.6"), Fraction("-1.5"))
    with pytest.raises(ValueError, match="decimals"):
        printed_interval(D(1), -1)


def test_interval_sum_worked_case_from_domain() -> None:
    # total 8,75 with three parts 2,92: consistent when rounding, a false alarm if compared exactly
    total = parse_number("8,75").interval()
    part = parse_number("2,92").interval()
    low, high = 3 * part[0], 3 * part[1]
    assert low <= total[1]
    assert total[0] <= high
    wrong = parse_number("2,90").interval()
    assert not (3 * wrong[0] <= total[1] and total[0] <= 3 * wrong[1])


def test_ratio_interval_truncated_staff_share() -> None:
    # 15/64 = 23,4375 % is printed 23,43 % in 001: consistent under truncation
    share = parse_number("15/64").ratio_interval("exact")
    printed = parse_number("23,43 %").interval("truncate")
    assert share == (Fraction(15, 64), Fraction(15, 64))
    assert printed[0] <= share[0] * 100 <= printed[1]
    points = parse_number("79,87 điểm/100 điểm").ratio_interval("round", denominator_mode="exact")
    assert points == (Fraction("79.865") / 100, Fraction("79.875") / 100)
    with pytest.raises(ValueError, match="no denominator"):
        parse_number("79,87").ratio_interval()


# ---------------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------------


def group_thousands(digits: str, sep: str) -> str:
    """ "1157351" -> "1.157.351" with sep "."."""
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def vietnamese(value: Decimal, decimals: int, *, grouped: bool = True) -> str:
    """Format the Vietnamese way: "." groups thousands, "," marks decimals."""
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    whole = group_thousands(whole, ".") if grouped else whole
    return f"{whole},{fraction}" if decimals else whole


def english(value: Decimal, decimals: int) -> str:
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    return f"{group_thousands(whole, ',')}.{fraction}" if decimals else group_thousands(whole, ",")


magnitudes = st.integers(min_value=0, max_value=10**12)
decimal_places = st.integers(min_value=0, max_value=3)


def scaled(units: int, decimals: int) -> Decimal:
    return Decimal(units).scaleb(-decimals)


@settings(max_examples=200, deadline=None)
@given(units=magnitudes, decimals=decimal_places, grouped=st.booleans())
def test_vietnamese_format_round_trips(units: int, decimals: int, grouped: bool) -> None:
    value = scaled(units, decimals)
    text = vietnamese(value, decimals, grouped=grouped)
    q = parse_number(text)
    assert (q.value, q.decimals, q.kind) == (value, decimals, K.NUMBER)
    whole = int(value)
    one_dot = grouped and 1000 <= whole < 10**6 and decimals == 0
    three_decimals_after_comma = decimals == 3 and 0 < whole < 1000
    assert q.ambiguous == (one_dot or three_decimals_after_comma)


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(1000, 10**9), fraction=st.integers(0, 999), decimals=st.integers(1, 3))
def test_english_format_round_trips_when_both_marks_show(whole: int, fraction: int, decimals: int) -> None:
    value = scaled(whole * 10**decimals + fraction % 10**decimals, decimals)
    text = english(value, decimals)
    assert "," in text
    assert "." in text
    q = parse_number(text)
    assert (q.value, q.decimals) == (value, decimals)


@settings(max_examples=200, deadline=None)
@given(units=st.integers(min_value=0, max_value=10**7), decimals=decimal_places)
def test_plain_dot_decimal_follows_rule_4(units: int, decimals: int) -> None:
    value = scaled(units, decimals)
    text = f"{value:.{decimals}f}"
    q = parse_number(text)
    if decimals == 3 and 0 < int(value) < 1000:  # "12.345": dot + 3 digits reads as grouping (flagged)
        assert (q.value, q.decimals, q.ambiguous) == (D(units), 0, True)
    else:
        assert (q.value, q.decimals, q.ambiguous) == (value, decimals, False)


@settings(max_examples=200, deadline=None)
@given(
    whole=st.integers(0, 999),
    fraction=st.integers(0, 99),
    decimals=st.integers(0, 2),
    space=st.just(" ") | st.just(""),
)
def test_percent_round_trips(whole: int, fraction: int, decimals: int, space: str) -> None:
    value = scaled(whole * 10**decimals + fraction % 10**decimals, decimals)
    q = parse_number(f"{vietnamese(value, decimals)}{space}%")
    assert (q.value, q.decimals, q.kind, q.unit) == (value, decimals, K.PERCENT, "%")


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(min_value=1, max_value=99), fraction=st.integers(min_value=0, max_value=999))
def test_points_with_dot_and_three_digits_stay_on_the_100_scale(whole: int, fraction: int) -> None:
    text = f"{whole}.{fraction:03d} điểm"
    q = parse_number(text)
    assert (q.value, q.decimals, q.ambiguous) == (Decimal(f"{whole}.{fraction:03d}"), 3, True)
    assert q.value <= 100


@settings(max_examples=200, deadline=None)
@given(
    numerator=st.integers(min_value=0, max_value=10**6),
    extra=st.integers(min_value=0, max_value=10**6),
    unit=st.sampled_from([None, "hồ sơ", "nhiệm vụ", "TTHC"]),
)
def test_fraction_round_trips(numerator: int, extra: int, unit: str | None) -> None:
    denominator = max(numerator + extra, 1)
    text = f"{group_thousands(str(numerator), '.')}/{group_thousands(str(denominator), '.')}"
    q = parse_number(f"{text} {unit}" if unit else text)
    assert (q.value, q.denominator) == (D(numerator), D(denominator))
    assert q.kind is (K.COUNT if unit else K.FRACTION)
    assert q.denominator_text == group_thousands(str(denominator), ".")


@settings(max_examples=200, deadline=None)
@given(count=st.integers(min_value=0, max_value=10**9), percent=st.integers(min_value=0, max_value=10_000))
def test_find_quantities_in_a_generated_sentence(count: int, percent: int) -> None:
    pct = scaled(percent, 2)
    received = vietnamese(Decimal(count), 0)
    text = f"- Đã tiếp nhận {received} hồ sơ, đạt tỷ lệ {vietnamese(pct, 2)}% (năm 2024)."
    found = find_quantities(text)
    assert [(q.value, q.kind) for q in found] == [(count, K.COUNT), (pct, K.PERCENT)]
    assert all(text[q.start : q.end] == q.raw for q in found)


@settings(max_examples=200, deadline=None)
@given(units=magnitudes, decimals=decimal_places)
def test_rounding_interval_brackets_the_value(units: int, decimals: int) -> None:
    q = parse_number(vietnamese(scaled(units, decimals), decimals))
    low, high = q.interval()
    assert low <= Fraction(q.value) <= high
    assert high - low == Fraction(1, 10**decimals)


# ---------------------------------------------------------------------------------------------------------
# The scan's start positions: found in the lower-cased text, the same as the case-insensitive pattern's
# ---------------------------------------------------------------------------------------------------------


def test_scan_start_words_match_case_insensitively_exactly_where_lower_case_matches() -> None:
    """re's IGNORECASE equates a character with a letter of the start words exactly when its lower case is
    that letter, but for the `CASE_TRAPS` (and characters whose lower case is longer, which take the slow path)."""
    import re
    import sys

    from extractors.number_patterns import _FIRST_WORDS, CASE_TRAPS

    letters = sorted(set("".join(_FIRST_WORDS)))
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    matching = set(re.findall("[" + re.escape("".join(letters)) + "]", everything, re.IGNORECASE))
    candidates = matching | {c for c in everything if c.lower() in letters}
    mismatched = {
        c
        for c in candidates
        for letter in letters
        if len(c.lower()) == 1
        and (re.fullmatch(re.escape(letter), c, re.IGNORECASE) is not None) != (c.lower() == letter)
    }
    assert mismatched == set(CASE_TRAPS)


SCAN_ALPHABET = st.sampled_from(
    [
        "năm ",
        "NĂM",
        "Ngày ",
        "tháng",
        "quý",
        "Tiêu chí ",
        "TC",
        "lĩnh vực",
        "ı",
        "İ",
        "\n",
        " ",
        "(",
        "1",
        "23",
        ".",
        "/",
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(SCAN_ALPHABET, max_size=30), cut=st.integers(min_value=0, max_value=200))
def test_scan_starts_are_the_case_insensitive_patterns_positions(pieces: list[str], cut: int) -> None:
    from extractors.number_patterns import CASE_TRAPS, SCAN_START_RE
    from extractors.vietnamese_numbers import _scan_starts

    text = "".join(pieces)
    lowered = text.lower()
    if len(lowered) != len(text) or any(trap in text for trap in CASE_TRAPS):
        return  # find_quantities takes the case-insensitive pattern itself
    for window_start in {0, min(cut, len(text))}:
        expected = {m.start() for m in SCAN_START_RE.finditer(text, window_start, len(text)) if m.start() < len(text)}
        assert set(_scan_starts(text, lowered, window_start, len(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tıêu chí 5 đạt 3 điểm", ["5", "3 điểm"]),  # "ı": the case-insensitive scan (and "Tıêu" is no label)
        ("İ tiêu chí 5 đạt 3 điểm", ["3 điểm"]),  # "İ" lower-cases to two characters: likewise
        ("dòng 1\n2. Tiêu chí 3 đạt 4 điểm", ["1", "4 điểm"]),  # a section number at a line start is skipped
    ],
)
def test_find_quantities_in_text_the_lower_case_scan_cannot_take(text: str, expected: list[str]) -> None:
    assert [q.raw for q in find_quantities(text)] == expected


# ---------------------------------------------------------------------------------------------------------
# The unit alternation, grouped by first character: the same matches as the plain one
# ---------------------------------------------------------------------------------------------------------


def test_unit_atoms_never_match_the_same_character() -> None:
    """Alternatives that start with different characters (a letter of a unit, "[đð]" or "%") may be reordered
    only if no character matches two of them case-insensitively (regex's IGNORECASE equates "İ" with "i")."""
    import sys

    import regex

    from extractors.number_patterns import UNITS

    atoms = {"[đð]", "%"} | {c for unit in UNITS for c in unit.words if c.isalpha()} - {"đ"}
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    compiled = [regex.compile(atom, regex.IGNORECASE) for atom in atoms]
    union = regex.compile("|".join(atoms), regex.IGNORECASE)
    for char in set(union.findall(everything)):
        assert sum(pattern.fullmatch(char) is not None for pattern in compiled) == 1, char


UNIT_PIECES = st.sampled_from(
    ["điểm", "ðiểm", " ", "%", "\u00a0", "trường", " hợp", "tiêu chí", " thành phần", "đồng", " chí", "bộ",
     " phận", "x", "Hồ", " sơ", "năm", " 2024", "TRIỆU ĐỒNG", "a", "1"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(UNIT_PIECES, min_size=1, max_size=6))
def test_unit_pattern_matches_as_the_plain_alternation(pieces: list[str]) -> None:
    import regex

    from extractors.number_patterns import UNIT_ALTERNATIVES, UNIT_PATTERN

    text = "".join(pieces)
    plain = regex.compile("(?:" + "|".join(UNIT_ALTERNATIVES) + ")", regex.IGNORECASE)
    grouped = regex.compile(UNIT_PATTERN, regex.IGNORECASE)
    for start in range(len(text)):
        expected, got = plain.match(text, start), grouped.match(text, start)
        assert (got.span() if got else None) == (expected.span() if expected else None)
