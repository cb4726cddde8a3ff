"""Tests for extractors.deadlines and schemas.deadline (issue #4, DOMAIN.md §3.5).

TABLE_ROWS holds one case per expression of the §3.5 table; SEED_PHRASES every deadline phrase of the five
seed documents (/work/shared/seeds), quoted as printed (labels, bold markers and trailing full stops kept).
The context year is the plan's year: 2025 for 000 and 003 (a 2025 remedy plan), 2024 for 002 and 001.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from extractors.deadline_patterns import clean_deadline_text
from extractors.deadlines import RULES, match_rule, normalise_deadline
from schemas.deadline import Deadline, DeadlineKind

K = DeadlineKind
D = date
SEEDS = Path("/work/shared/seeds")

# (text, context_year, kind, start, end, other expected fields)
Case = tuple[str, int | None, DeadlineKind, date | None, date | None, dict[str, Any]]

AMBIGUOUS: dict[str, Any] = {"ambiguous": True}
CTX: dict[str, Any] = {"year_from_context": True}

TABLE_ROWS: list[Case] = [
    # Quý II năm 2024, Quý II/2024, Trong quý II
    ("Quý II năm 2024", 2024, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), {"precision": "quarter"}),
    ("Quý II/2024", 2024, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), {"year_from_context": False}),
    ("Trong quý II", 2024, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), CTX),
    ("quý 2 năm 2024", None, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), {}),
    # Quý I, II/2025; Quý II - III/2025
    ("Quý I, II/2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 6, 30), {"note": None}),
    ("Quý II - III/2025", 2025, K.RANGE, D(2025, 4, 1), D(2025, 9, 30), {}),
    # Trước Quý II năm 2024
    ("Trước Quý II năm 2024", 2024, K.DEADLINE, None, D(2024, 3, 31), AMBIGUOUS),
    # Trong năm 2025, Năm 2025, Cả năm, Cả năm 2025
    ("Trong năm 2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), {"precision": "year"}),
    ("Năm 2025", 2024, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), {"year_from_context": False}),
    ("Cả năm", 2025, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), CTX),
    ("Cả năm 2025", 2024, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), {}),
    # Thường xuyên, Thường xuyên, liên tục
    ("Thường xuyên", 2025, K.CONTINUOUS, D(2025, 1, 1), D(2025, 12, 31), CTX),
    ("Thường xuyên, liên tục", 2025, K.CONTINUOUS, D(2025, 1, 1), D(2025, 12, 31), CTX),
    # Hằng năm / Hàng năm
    ("Hằng năm", 2025, K.RECURRING, D(2025, 1, 1), D(2025, 12, 31), {"period": "annual"}),
    ("Hàng năm", 2025, K.RECURRING, D(2025, 1, 1), D(2025, 12, 31), {"period": "annual"}),
    # Định kỳ hằng quý / 6 tháng / hằng tháng
    ("Định kỳ hằng quý", 2025, K.RECURRING, None, None, {"period": "quarterly"}),
    ("Định kỳ 6 tháng", 2025, K.RECURRING, None, None, {"period": "half_yearly"}),
    ("Định kỳ hằng tháng", 2025, K.RECURRING, None, None, {"period": "monthly"}),
    # 6 tháng đầu năm [2024]
    ("6 tháng đầu năm 2024", 2025, K.RANGE, D(2024, 1, 1), D(2024, 6, 30), {"precision": "half"}),
    ("6 tháng đầu năm", 2024, K.RANGE, D(2024, 1, 1), D(2024, 6, 30), CTX),
    # 6 tháng cuối năm
    ("6 tháng cuối năm", 2024, K.RANGE, D(2024, 7, 1), D(2024, 12, 31), {}),
    # 9 tháng (đầu năm)
    ("9 tháng", 2024, K.RANGE, D(2024, 1, 1), D(2024, 9, 30), {}),
    ("9 tháng đầu năm", 2024, K.RANGE, D(2024, 1, 1), D(2024, 9, 30), {}),
    # Tháng 12/2025, Trong tháng 3
    ("Tháng 12/2025", 2025, K.RANGE, D(2025, 12, 1), D(2025, 12, 31), {"precision": "month"}),
    ("Trong tháng 3", 2025, K.RANGE, D(2025, 3, 1), D(2025, 3, 31), CTX),
    # Từ tháng 2 năm 2025
    ("Từ tháng 2 năm 2025", 2025, K.OPEN, D(2025, 2, 1), None, {"assumed_end": D(2025, 12, 31)}),
    # Từ tháng 2 đến tháng 5/2025
    ("Từ tháng 2 đến tháng 5/2025", 2025, K.RANGE, D(2025, 2, 1), D(2025, 5, 31), {}),
    # trước 30/10, trước ngày 30/10/2025, chậm nhất ngày 30/10, trước ngày 30 tháng 10 năm 2025
    ("trước 30/10", 2025, K.DEADLINE, None, D(2025, 10, 30), CTX),
    ("trước ngày 30/10/2025", 2024, K.DEADLINE, None, D(2025, 10, 30), {"precision": "day"}),
    ("chậm nhất ngày 30/10", 2025, K.DEADLINE, None, D(2025, 10, 30), CTX),
    ("trước ngày 30 tháng 10 năm 2025", None, K.DEADLINE, None, D(2025, 10, 30), {}),
    # Đến hết ngày 31/12/2025, Hoàn thành trong tháng 12/2025
    ("Đến hết ngày 31/12/2025", 2025, K.DEADLINE, None, D(2025, 12, 31), {}),
    ("Hoàn thành trong tháng 12/2025", 2025, K.DEADLINE, None, D(2025, 12, 31), {}),
    # Từ ngày 20/8/2025 đến ngày 29/8/2025
    ("Từ ngày 20/8/2025 đến ngày 29/8/2025", 2025, K.RANGE, D(2025, 8, 20), D(2025, 8, 29), {}),
    # Tuần đầu tháng 1
    ("Tuần đầu tháng 1", 2025, K.RANGE, D(2025, 1, 1), D(2025, 1, 7), {"precision": "approximate"}),
    # Đầu năm / Giữa năm / Cuối năm
    ("Đầu năm", 2025, K.RANGE, D(2025, 1, 1), D(2025, 3, 31), {"precision": "approximate"}),
    ("Giữa năm", 2025, K.RANGE, D(2025, 6, 1), D(2025, 7, 31), {"precision": "approximate"}),
    ("Cuối năm", 2025, K.RANGE, D(2025, 10, 1), D(2025, 12, 31), {"precision": "approximate"}),
    # Giai đoạn 2021-2025, 2021 - 2030, Năm 2024-2025
    ("Giai đoạn 2021-2025", 2025, K.RANGE, D(2021, 1, 1), D(2025, 12, 31), {"precision": "multi_year"}),
    ("2021 - 2030", 2025, K.RANGE, D(2021, 1, 1), D(2030, 12, 31), {}),
    ("Năm 2024-2025", 2025, K.RANGE, D(2024, 1, 1), D(2025, 12, 31), {}),
    # Theo yêu cầu, Khi có yêu cầu, Theo chỉ đạo của UBND tỉnh, Theo kế hoạch
    ("Theo yêu cầu", 2025, K.EVENT, None, None, {"precision": "none"}),
    ("Khi có yêu cầu", 2025, K.EVENT, None, None, {}),
    ("Theo chỉ đạo của UBND tỉnh", 2025, K.EVENT, None, None, {}),
    ("Theo kế hoạch", 2025, K.EVENT, None, None, {"assumed_end": None}),
    # Đã hoàn thành, Hoàn thành, -, empty
    ("Đã hoàn thành", 2025, K.UNKNOWN, None, None, {}),
    ("Hoàn thành", 2025, K.UNKNOWN, None, None, {}),
    ("-", 2025, K.UNKNOWN, None, None, {"note": "empty"}),
    ("", 2025, K.UNKNOWN, None, None, {"note": "empty"}),
]

SEED_PHRASES: list[Case] = [
    # 000 (Sơn Tịnh, remedy plan for 2025)
    ("- Thời gian thực hiện: Trong năm 2025.", 2025, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), {}),
    ("- Thời gian thực hiện: Trong Quý I năm 2025.", 2025, K.RANGE, D(2025, 1, 1), D(2025, 3, 31), {}),
    ("- Thời gian thực hiện: Trong Quý I năm 2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 3, 31), {}),
    (
        "- Thời gian thực hiện: Trong năm 2025 và những năm tiếp theo.",
        2025,
        K.OPEN,
        D(2025, 1, 1),
        None,
        {"assumed_end": D(2025, 12, 31), "year_from_context": False},
    ),
    (
        "+ Thời gian thực hiện: Trong năm 2025 và những năm tiếp theo.",
        2025,
        K.OPEN,
        D(2025, 1, 1),
        None,
        {"assumed_end": D(2025, 12, 31)},
    ),
    (
        "- Thời gian thực hiện: Từ tháng 2 năm 2025.",
        2025,
        K.OPEN,
        D(2025, 2, 1),
        None,
        {"assumed_end": D(2025, 12, 31)},
    ),
    ("định kỳ theo quý", 2025, K.RECURRING, None, None, {"period": "quarterly"}),
    # 002 (Sơn Hà, plan for 2024)
    ("- **Thời gian thực hiện:** Trước Quý II năm 2024", 2024, K.DEADLINE, None, D(2024, 3, 31), AMBIGUOUS),
    ("- **Thời gian thực hiện:** Quý II năm 2024.", 2024, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), {}),
    ("- **Thời thực hiện:** Trong Quý II 2024.", 2024, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), {}),
    ("- **Thời gian thực hiện:** Trong năm 2024", 2024, K.RANGE, D(2024, 1, 1), D(2024, 12, 31), {}),
    ("- **Thời gian thực hiện:** Trong năm 2024.", 2024, K.RANGE, D(2024, 1, 1), D(2024, 12, 31), {}),
    (
        "- **Thời gian thực hiện:** Theo Kế hoạch CHHC năm 2024",
        2024,
        K.EVENT,
        None,
        None,
        {"assumed_end": D(2024, 12, 31)},
    ),
    ("- **Thời gian thực hiện:** Trong quý III năm 2024.", 2024, K.RANGE, D(2024, 7, 1), D(2024, 9, 30), {}),
    (
        "- **Thời gian thực hiện:** Thường xuyên trong năm 2024",
        2024,
        K.CONTINUOUS,
        D(2024, 1, 1),
        D(2024, 12, 31),
        {"year_from_context": False},
    ),
    ("- **Thời gian thực hiện:** Thường xuyên trong năm 2024.", 2024, K.CONTINUOUS, D(2024, 1, 1), D(2024, 12, 31), {}),
    ("trong tháng 02 năm 2024", 2024, K.RANGE, D(2024, 2, 1), D(2024, 2, 29), {}),
    ("định kỳ hàng tháng", 2024, K.RECURRING, None, None, {"period": "monthly"}),
    ("giai đoạn 2015 - 2021", 2024, K.RANGE, D(2015, 1, 1), D(2021, 12, 31), {}),
    # 003 (Triệu Trạch, table column "Thời gian hoàn thành", 2025)
    ("Cả năm", 2025, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), CTX),
    ("Cung cấp sáng kiến để được công nhận trước 30/10", 2025, K.DEADLINE, None, D(2025, 10, 30), CTX),
    # 001 (Ba Tơ, report on 2024)
    ("trong tháng 9/2024", 2024, K.RANGE, D(2024, 9, 1), D(2024, 9, 30), {}),
    (
        "(Thời điểm công bố chậm nhất ngày 31/01 hàng năm)",
        2024,
        K.RECURRING,
        None,
        D(2024, 1, 31),
        {"period": "annual", **CTX},
    ),
    ("trong quý II/2024", 2024, K.RANGE, D(2024, 4, 1), D(2024, 6, 30), {}),
    ("quý IV năm 2023", 2024, K.RANGE, D(2023, 10, 1), D(2023, 12, 31), {}),
    ("giai đoạn 2021 - 2025", 2024, K.RANGE, D(2021, 1, 1), D(2025, 12, 31), {}),
    ("giai đoạn 2024 - 2025", 2024, K.RANGE, D(2024, 1, 1), D(2025, 12, 31), {}),
    ("thường xuyên, liên tục", 2024, K.CONTINUOUS, D(2024, 1, 1), D(2024, 12, 31), CTX),
    ("ngay từ đầu năm 2024", 2024, K.RANGE, D(2024, 1, 1), D(2024, 3, 31), {"precision": "approximate"}),
    # 004 (Thông báo, 2025)
    ("Chỉ số CCHC hàng năm", 2025, K.RECURRING, D(2025, 1, 1), D(2025, 12, 31), {"period": "annual"}),
]

ACCENT_STRIPPED: list[Case] = [
    ("truoc quy II nam 2024", 2024, K.DEADLINE, None, D(2024, 3, 31), AMBIGUOUS),
    ("TRUOC QUY II NAM 2024", 2024, K.DEADLINE, None, D(2024, 3, 31), AMBIGUOUS),
    ("Trước quy II năm 2024", 2024, K.DEADLINE, None, D(2024, 3, 31), AMBIGUOUS),  # half-accented OCR
    ("trong nam 2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), {}),
    ("trong quy I nam 2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 3, 31), {}),
    ("quy i, ii/2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 6, 30), {}),
    ("thuong xuyen trong nam 2024", 2025, K.CONTINUOUS, D(2024, 1, 1), D(2024, 12, 31), {}),
    ("tu thang 2 nam 2025", 2025, K.OPEN, D(2025, 2, 1), None, {"assumed_end": D(2025, 12, 31)}),
    ("trong nam 2025 va nhung nam tiep theo", 2025, K.OPEN, D(2025, 1, 1), None, {}),
    ("ca nam", 2025, K.RANGE, D(2025, 1, 1), D(2025, 12, 31), CTX),
    ("hang nam", 2025, K.RECURRING, D(2025, 1, 1), D(2025, 12, 31), {"period": "annual"}),
    ("dinh ky hang quy", 2025, K.RECURRING, None, None, {"period": "quarterly"}),
    ("6 thang dau nam", 2025, K.RANGE, D(2025, 1, 1), D(2025, 6, 30), {}),
    ("tuan dau thang 1", 2025, K.RANGE, D(2025, 1, 1), D(2025, 1, 7), {}),
    ("den het ngay 31/12/2025", 2025, K.DEADLINE, None, D(2025, 12, 31), {}),
    ("hoan thanh trong thang 12/2025", 2025, K.DEADLINE, None, D(2025, 12, 31), {}),
    ("cung cap sang kien de duoc cong nhan truoc 30/10", 2025, K.DEADLINE, None, D(2025, 10, 30), CTX),
    ("theo yeu cau", 2025, K.EVENT, None, None, {}),
    ("da hoan thanh", 2025, K.UNKNOWN, None, None, {}),
]

MORE_FORMS: list[Case] = [
    ("Quý I, III/2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 9, 30), {}),  # a gap: span, with a note
    ("Quý IV/2024 - Quý I/2025", 2025, K.RANGE, D(2024, 10, 1), D(2025, 3, 31), {}),
    ("Quý I và II năm 2025", 2025, K.RANGE, D(2025, 1, 1), D(2025, 6, 30), {}),
    ("quý 3, 4/2025", 2025, K.RANGE, D(2025, 7, 1), D(2025, 12, 31), {}),
    ("Quý II/25", None, K.RANGE, D(2025, 4, 1), D(2025, 6, 30), {}),
    ("T2/2025", None, K.RANGE, D(2025, 2, 1), D(2025, 2, 28), {}),
    ("02/2025", None, K.RANGE, D(2025, 2, 1), D(2025, 2, 28), {}),
    ("12/02/2025", None, K.DEADLINE, None, D(2025, 2, 12), {}),
    ("20.08.2014", None, K.DEADLINE, None, D(2014, 8, 20), {}),
    ("Trước tháng 6/2025", None, K.DEADLINE, None, D(2025, 5, 31), AMBIGUOUS),
    ("Đến hết năm 2025", None, K.DEADLINE, None, D(2025, 12, 31), {"precision": "year"}),
    ("Hoàn thành trong quý II/2025", None, K.DEADLINE, None, D(2025, 6, 30), {"precision": "quarter"}),
    ("Từ quý II/2025", 2025, K.OPEN, D(2025, 4, 1), None, {"assumed_end": D(2025, 12, 31)}),
    ("Từ ngày 01/3/2025", 2026, K.OPEN, D(2025, 3, 1), None, {"assumed_end": D(2026, 12, 31)}),
    ("Từ năm 2025 trở đi", 2025, K.OPEN, D(2025, 1, 1), None, {}),
    ("Từ 20/12 đến 10/01/2026", None, K.RANGE, D(2025, 12, 20), D(2026, 1, 10), AMBIGUOUS),
    ("Từ tháng 10 đến tháng 2/2026", None, K.RANGE, D(2025, 10, 1), D(2026, 2, 28), AMBIGUOUS),
    ("Cuối tháng 3", 2025, K.RANGE, D(2025, 3, 21), D(2025, 3, 31), {"precision": "approximate"}),
    ("Tuần cuối tháng 2/2024", None, K.RANGE, D(2024, 2, 23), D(2024, 2, 29), {}),
    ("nửa cuối năm 2024", None, K.RANGE, D(2024, 7, 1), D(2024, 12, 31), {}),
    ("Định kỳ", 2025, K.RECURRING, None, None, {"period": None}),
    ("Theo quy định", 2025, K.EVENT, None, None, {}),
    ("Trong 3 tháng", 2025, K.UNKNOWN, None, None, {}),  # a duration from an unknown start
    ("Đ\u00a0ến hết ngày 31/12/2025", 2025, K.UNKNOWN, None, None, {}),  # broken word: no rule
    ("\u00d0ến hết ngày 31/12/2025", 2025, K.DEADLINE, None, D(2025, 12, 31), {}),  # Icelandic eth -> Đ
    ("Quý II \u2013 III/2025", 2025, K.RANGE, D(2025, 4, 1), D(2025, 9, 30), {}),  # en dash
]

INVALID: list[tuple[str, str]] = [
    ("31/02/2025", "invalid date 31/02/2025"),
    ("trước ngày 31/02/2025", "invalid date 31/02/2025"),
    ("chậm nhất ngày 30/02", "invalid date 30/02/2025"),
    ("Tháng 13/2025", "invalid month 13"),
    ("Từ ngày 29/8/2025 đến ngày 20/8/2025", "range ends before it starts"),
    ("Quý III - I/2025", "quarters out of order"),
    ("Giai đoạn 2025-2021", "range ends before it starts"),
    ("Năm 0000", "implausible year"),
]


def _check(case: Case) -> Deadline:
    text, year, kind, start, end, extra = case
    result = normalise_deadline(text, year)
    assert (result.kind, result.start, result.end) == (kind, start, end), result
    for field, value in extra.items():
        assert getattr(result, field) == value, (field, result)
    assert result.raw == text
    return result


@pytest.mark.issue(4)
@pytest.mark.parametrize("case", TABLE_ROWS, ids=[c[0] or "<empty>" for c in TABLE_ROWS])
def test_domain_table_row(case: Case) -> None:
    _check(case)


@pytest.mark.issue(4)
@pytest.mark.parametrize("case", SEED_PHRASES, ids=[c[0] for c in SEED_PHRASES])
def test_seed_phrase(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", ACCENT_STRIPPED, ids=[c[0] for c in ACCENT_STRIPPED])
def test_accent_stripped_fallback(case: Case) -> None:
    result = _check(case)
    if case[0].isascii():
        assert result.note is not None
        assert "accent-stripped" in result.note


@pytest.mark.parametrize("case", MORE_FORMS, ids=[c[0] for c in MORE_FORMS])
def test_more_forms(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize(("text", "note"), INVALID)
def test_invalid_dates_give_unknown_with_note(text: str, note: str) -> None:
    result = normalise_deadline(text, 2025)
    assert result.kind is K.UNKNOWN
    assert (result.start, result.end) == (None, None)
    assert result.note is not None
    assert note in result.note


def test_quarter_gap_is_noted() -> None:
    assert "not contiguous" in (normalise_deadline("Quý I, III/2025", 2025).note or "")


def test_trước_quý_note_names_both_readings() -> None:
    note = normalise_deadline("Trước Quý II năm 2024", 2024).note or ""
    assert "2024-03-31" in note
    assert "2024-06-30" in note


@pytest.mark.parametrize(
    ("text", "kind", "precision", "period"),
    [
        ("Cả năm", K.RANGE, "year", None),
        ("trước 30/10", K.DEADLINE, "day", None),
        ("Thường xuyên", K.CONTINUOUS, "year", None),
        ("Hằng năm", K.RECURRING, "year", "annual"),
        ("Trong quý II", K.RANGE, "quarter", None),
        ("Tuần đầu tháng 1", K.RANGE, "approximate", None),
    ],
)
def test_no_year_anywhere_keeps_kind_without_dates(text: str, kind: K, precision: str, period: str | None) -> None:
    result = normalise_deadline(text, None)
    assert (result.kind, result.start, result.end, result.precision, result.period) == (
        kind,
        None,
        None,
        precision,
        period,
    )
    assert result.note == "year not written and no context year"


def test_implausible_context_year_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="context year"):
        normalise_deadline("Cả năm", 0)


def test_written_year_beats_context() -> None:
    result = normalise_deadline("Quý II năm 2024", 2030)
    assert (result.start, result.year_from_context) == (D(2024, 4, 1), False)


def test_clean_strips_label_markup_and_punctuation() -> None:
    assert clean_deadline_text("- **Thời thực hiện:** Trong Quý II 2024.") == "Trong Quý II 2024"
    assert clean_deadline_text("<p>Cả năm</p>") == "Cả năm"
    assert clean_deadline_text("+ Thời gian thực hiện: Từ tháng 2 năm 2025.") == "Từ tháng 2 năm 2025"


def test_rules_are_named_once_and_ordered_specific_first() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert names.index("before_period") < names.index("quarters")
    assert names.index("open_later_years") < names.index("year")
    assert names.index("continuous") < names.index("year")
    assert names.index("event_plan") < names.index("year")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Trong năm 2025 và những năm tiếp theo", "open_later_years"),
        ("Hoàn thành trong tháng 12/2025", "by_end_of_period"),
        ("Từ tháng 2 đến tháng 5/2025", "month_range"),
        ("Theo Kế hoạch CHHC năm 2024", "event_plan"),
    ],
)
def test_rule_chosen(text: str, rule: str) -> None:
    hit = match_rule(text)
    assert hit is not None
    assert hit[0].name == rule


# ---------------------------------------------------------------------------------------------------------
# Every deadline line of the seeds reads as a date, an event or an open range, never unknown
# ---------------------------------------------------------------------------------------------------------

SEED_YEARS = {"000": 2025, "001": 2024, "002": 2024, "003": 2025, "004": 2025}
LABEL_LINE = regex.compile(r"Thời\s+(?:gian\s+)?(?:thực\s+hiện|hoàn\s+thành)\W*:")


def _seed_deadline_cells() -> list[tuple[str, int]]:
    cells: list[tuple[str, int]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        year = SEED_YEARS[path.name[:3]]
        for line in path.read_text(encoding="utf-8").splitlines():
            if LABEL_LINE.search(line):
                cells.append((line, year))
            elif line.count("\t") == 5 and not line.endswith("Thời gian hoàn thành"):
                cell = line.split("\t")[-1]  # 003: the last column, "Thời gian hoàn thành"
                if regex.search(r"\p{L}", cell):
                    cells.append((cell, year))
    return cells


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_every_seed_deadline_line_is_read() -> None:
    cells = _seed_deadline_cells()
    assert len(cells) >= 40
    for text, year in cells:
        result = normalise_deadline(text, year)
        assert result.kind is not K.UNKNOWN, text
        assert result.end is not None or result.assumed_end is not None, text


# ---------------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------------

ROMAN_NUMERALS = ["I", "II", "III", "IV"]
years = st.integers(min_value=1990, max_value=2099)


@given(year=years, quarter=st.integers(min_value=1, max_value=4), roman=st.booleans(), context=st.none() | years)
def test_quarter_property(year: int, quarter: int, roman: bool, context: int | None) -> None:
    numeral = ROMAN_NUMERALS[quarter - 1] if roman else str(quarter)
    result = normalise_deadline(f"Quý {numeral}/{year}", context)
    assert result.kind is K.RANGE
    assert result.start is not None
    assert result.end is not None
    assert result.start <= result.end
    assert result.start.year == result.end.year == year
    assert (result.start.month, result.start.day) == (3 * quarter - 2, 1)
    assert result.end.month == 3 * quarter
    assert (result.end + timedelta(days=1)).month != result.end.month  # the last day of its month
    assert not result.year_from_context


@given(year=years, month=st.integers(min_value=1, max_value=12), spelled=st.booleans())
def test_month_property(year: int, month: int, spelled: bool) -> None:
    text = f"Tháng {month:02d} năm {year}" if spelled else f"Tháng {month}/{year}"
    result = normalise_deadline(text, None)
    assert result.kind is K.RANGE
    assert result.start == D(year, month, 1)
    assert result.end is not None
    assert result.start <= result.end
    assert result.end.year == year
    assert result.end.month == month
    assert D.fromordinal(result.end.toordinal() + 1).day == 1


@given(day=st.integers(min_value=1, max_value=31), month=st.integers(min_value=1, max_value=12), year=years)
def test_day_deadline_property(day: int, month: int, year: int) -> None:
    result = normalise_deadline(f"trước ngày {day}/{month}/{year}", None)
    try:
        expected = D(year, month, day)
    except ValueError:
        assert result.kind is K.UNKNOWN
        return
    assert (result.kind, result.end) == (K.DEADLINE, expected)


@given(text=st.text(max_size=60), context=st.none() | years)
def test_never_raises(text: str, context: int | None) -> None:
    result = normalise_deadline(text, context)
    assert result.raw == text
    if result.start is not None and result.end is not None:
        assert result.start <= result.end


# ---------------------------------------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------------------------------------


def test_kind_values() -> None:
    assert [k.value for k in DeadlineKind] == [
        "range",
        "deadline",
        "continuous",
        "recurring",
        "open",
        "event",
        "unknown",
    ]


def test_schema_is_frozen_and_strict() -> None:
    result = normalise_deadline("Cả năm", 2025)
    with pytest.raises(ValidationError):
        result.kind = K.EVENT  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Deadline(raw="x", kind=K.UNKNOWN, precision="none", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Deadline(raw="x", kind=K.RANGE, precision="day", start=D(2025, 2, 1), end=D(2025, 1, 1))
    with pytest.raises(ValidationError):
        Deadline(raw="x", kind=K.RECURRING, precision="none", period="fortnightly")
    assert Deadline.model_validate_json(result.model_dump_json()) == result
