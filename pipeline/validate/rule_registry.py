"""The rule catalogue: stable ids users filter on, a severity, what each means and an example. The README's
table is checked against this by `tests/test_docs.py`."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.finding import Severity


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: Severity
    meaning: str  # Vietnamese / English
    example: str


RULES: tuple[Rule, ...] = (
    Rule(
        "sum-mismatch",
        Severity.ERROR,
        "Các phần không cộng đúng tổng / parts do not add up to their stated whole",
        "7 lĩnh vực cộng 80,93 (tối đa 85) nhưng Tổng cộng ghi 94,64/100",
    ),
    Rule(
        "deduction-mismatch",
        Severity.ERROR,
        "Điểm bị trừ khác điểm tối đa − điểm đạt / stated deduction ≠ max − achieved",
        "tối đa 13,5, đạt 12,89, ghi bị trừ 2,77 (13,5 − 12,89 = 0,61)",
    ),
    Rule(
        "deduction-rollup",
        Severity.ERROR,
        "Điểm trừ của nhóm khác tổng điểm trừ liệt kê bên dưới / a group's deduction ≠ the deductions under it",
        "lĩnh vực ghi bị trừ 2 điểm, các tiêu chí bên dưới bị trừ 0,5 + 0,25",
    ),
    Rule(
        "out-of-range",
        Severity.ERROR,
        "Giá trị ngoài phạm vi / a value outside its range (above max, negative, rank above total)",
        "đạt 12,5 điểm trên tối đa 12; xếp hạng 14/13",
    ),
    Rule(
        "percent-mismatch",
        Severity.ERROR,
        "Tỷ lệ phần trăm khác phân số đi kèm / a percentage that is not the ratio stated with it",
        "945/1083 đạt 97,26% (945/1083 = 87,26%)",
    ),
    Rule(
        "part-whole-mismatch",
        Severity.ERROR,
        "Tổng không bằng các phần (gồm …; đã và chưa …; tên được liệt kê) / a whole that its parts do not make",
        "Tổng cộng 13 trường hợp, gồm: 02 người, 01 người, 09 người",
    ),
    Rule(
        "conflicting-values",
        Severity.ERROR,
        "Một số liệu nêu hai lần với hai giá trị / one quantity stated twice with two values",
        "'tổng cộng 12 trường hợp' trong câu, 'Tổng cộng 13 trường hợp' ở chú thích của câu đó",
    ),
    Rule(
        "change-mismatch",
        Severity.ERROR,
        "Mức tăng/giảm khác hiệu hai giá trị / a stated change that is not the difference of its two values",
        "tăng 0,65 điểm so với năm 2023 (từ 93,99 điểm lên 94,74 điểm)",
    ),
    Rule(
        "duplicate-code",
        Severity.WARNING,
        "Một mã tiêu chí dùng cho hai tên khác nhau / one criterion code used for two different names",
        "3.13.2 là 'Tỷ lệ hồ sơ thanh toán trực tuyến' và 'Tỷ lệ DVCTT có phát sinh hồ sơ trực tuyến'",
    ),
    Rule(
        "year-mismatch",
        Severity.WARNING,
        "Năm không khớp với năm báo cáo / a year that contradicts the document's report year",
        "'Kết quả trong năm 2023' cho tiêu chí 8.1 trong báo cáo kết quả năm 2024",
    ),
    Rule(
        "date-mismatch",
        Severity.WARNING,
        "Ngày văn bản không khớp / a cited document dated after the citing one, or an annex that dates its "
        "letter otherwise",
        "phụ lục 'Đính kèm Công văn số 15/UBND ngày 14/01/2024', công văn đề ngày 14/01/2025",
    ),
    Rule(
        "name-variant",
        Severity.WARNING,
        "Tên đơn vị hoặc cơ quan viết hai cách trong một văn bản / the unit's or an agency's name spelt two ways "
        "in one document",
        "'huyện Ba Tư' trong báo cáo của huyện Ba Tơ",
    ),
    Rule(
        "parse-error",
        Severity.ERROR,
        "Không đọc được tệp / the file could not be read (the batch goes on)",
        "tệp PDF có mật khẩu / encrypted PDF",
    ),
)
RULES_BY_ID = {rule.rule_id: rule for rule in RULES}
