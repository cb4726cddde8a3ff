"""Score-row rules: one consistent and one inconsistent case per rule id, the rounding-aware comparison,
and the errors the seeds really contain (issue #5), in every format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_document
from pipeline.read import read_document
from pipeline.validate import validate_extraction
from pipeline.validate.intervals import Reading, decimals_of, printed, total
from pipeline.validate.score_rules import check_scores
from schemas.extraction import Extraction, ScoreLevel, ScoreRow, SourceSpan
from schemas.finding import Finding, Severity

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FORMATS = ("txt", "docx", "pdf")


def checked(tmp_path: Path, text: str) -> tuple[Finding, ...]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    return validate_extraction(extract_document(document), document).findings


def checked_file(path: Path) -> Extraction:
    document = read_document(path)
    return validate_extraction(extract_document(document), document)


# --- the interval method (DOMAIN.md §5) -------------------------------------------------------------------


def test_worked_cases_of_domain_section_5() -> None:
    def consistent(parts: list[str], whole: str) -> bool:
        return any(
            total([printed(Decimal(p.replace(",", ".")), decimals_of(p), r) for p in parts]).meets(
                printed(Decimal(whole.replace(",", ".")), decimals_of(whole), r)
            )
            for r in Reading
        )

    assert consistent(["2,92", "2,92", "2,92"], "8,75")  # 8,745–8,775 meets 8,745–8,755
    assert not consistent(["2,90", "2,90", "2,90"], "8,75")
    assert consistent(["54,2", "31,59"], "85,78")


# --- rules on small texts ---------------------------------------------------------------------------------

FIELD_LINE = "- Lĩnh vực {code}. {name}: điểm tối đa {maximum} điểm, đạt {achieved} điểm, bị trừ {deducted} điểm."


@pytest.mark.parametrize(
    ("deducted", "rules"),
    [("0,75", []), ("0,8", []), ("0,50", ["deduction-mismatch"])],  # "0,8" may be 0,75 rounded
)
def test_deduction_against_max_minus_achieved(tmp_path: Path, deducted: str, rules: list[str]) -> None:
    text = "Năm 2024:\n\n" + FIELD_LINE.format(
        code=2, name="Cải cách thể chế", maximum="10", achieved="9,25", deducted=deducted
    )
    found = [f.rule_id for f in checked(tmp_path, text) if f.severity is Severity.ERROR]
    assert found == rules


def test_a_mismatched_deduction_names_every_operand_and_its_sentence(tmp_path: Path) -> None:
    text = "Kết quả năm 2024:\n\n" + FIELD_LINE.format(
        code=7, name="Chính quyền số", maximum="13,5", achieved="12,89", deducted="2,77"
    )
    (finding,) = checked(tmp_path, text)
    assert (finding.rule_id, finding.code, finding.stated, finding.expected) == (
        "deduction-mismatch",
        "7",
        "2,77",
        "0,61",
    )
    assert finding.arithmetic == "13,5 − 12,89 = 0,61, văn bản ghi 2,77 ✗"
    assert [o.raw for o in finding.operands] == ["13,5", "12,89", "2,77"]
    assert all(o.span is not None for o in finding.operands)


LIST_WITH_TOTAL = """Kết quả Chỉ số CCHC năm 2024 của xã:

- Tiêu chí thứ 1: Công tác chỉ đạo, điều hành, đạt {a}/10 điểm;
- Tiêu chí thứ 2: Cải cách thể chế, đạt 4,5/5 điểm;
- Tiêu chí thứ 3: Cải cách thủ tục hành chính, đạt 7,25/8 điểm.

Tổng cộng: {total} điểm/{maximum} điểm
"""


@pytest.mark.parametrize(
    ("a", "total_points", "maximum", "rules"),
    [
        ("9,5", "21,25", "23", []),
        ("9,5", "21,3", "23", []),  # 21,25 printed with one decimal: consistent when rounding
        ("9,5", "22,25", "23", ["sum-mismatch"]),
        ("9,5", "21,25", "25", ["sum-mismatch"]),  # the maxima add up to 23
    ],
)
def test_a_total_under_its_list_of_fields(
    tmp_path: Path, a: str, total_points: str, maximum: str, rules: list[str]
) -> None:
    text = LIST_WITH_TOTAL.format(a=a, total=total_points, maximum=maximum)
    assert [f.rule_id for f in checked(tmp_path, text)] == rules


def row(code: str, level: ScoreLevel, **numbers: str) -> ScoreRow:
    values = {f"{k}_points": Decimal(v.replace(",", ".")) for k, v in numbers.items() if not k.endswith("raw")}
    raws = {f"{k}_raw": v for k, v in numbers.items()}
    raws = {("max_raw" if k == "max_raw" else k): v for k, v in raws.items()}
    return ScoreRow(code=code, level=level, year=2024, span=SourceSpan(block="b1", start=0, end=1), **values, **raws)


def test_children_add_up_to_their_criterion_when_none_is_missing() -> None:
    parent = row("1.3", ScoreLevel.CRITERION, max="2", achieved="1,49")
    children = [
        row("1.3.1", ScoreLevel.SUBCRITERION, max="0,5", achieved="0,24"),
        row("1.3.2", ScoreLevel.SUBCRITERION, max="0,5", achieved="0,25"),
        row("1.3.3", ScoreLevel.SUBCRITERION, max="1", achieved="1"),
    ]
    assert list(check_scores([parent, *children])) == []
    wrong = [parent.model_copy(update={"achieved_points": Decimal("1.59"), "achieved_raw": "1,59"}), *children]
    assert [f.rule_id for f in check_scores(wrong)] == ["sum-mismatch"]
    incomplete = [parent.model_copy(update={"achieved_points": Decimal("1.59"), "achieved_raw": "1,59"}), *children[:2]]
    assert list(check_scores(incomplete)) == []  # maxima 1 of 2: a child is missing, nothing is guessed


SCORECARD_AND_PROSE = (
    "**BÁO CÁO**\n\nKết quả Chỉ số CCHC năm 2024\n\n"
    "STT\tTiêu chí\tĐiểm chuẩn\tĐiểm thẩm định\n"
    "VI\tCải cách tài chính công\t\t\n"
    "6.1\tQuản lý tài chính\t2\t2,00\n6.2\tGiải ngân vốn\t2,5\t2,00\n6.3\tTự chủ\t2,5\t0,75\n"
    "\tCộng\t7\t{row}\n\n"
    "- Lĩnh vực Cải cách tài chính công đạt {prose}/7 điểm.\n"
)


@pytest.mark.parametrize(
    ("table_total", "prose_total", "rules"),
    [
        ("4,75", "4,75", []),
        ("4,75", "4,57", ["conflicting-values"]),  # the sentence restates the table's right sum wrongly
        ("4,57", "4,75", ["sum-mismatch", "conflicting-values"]),  # the table's own sum row is wrong
    ],
)
def test_a_sum_row_restated_in_a_sentence(tmp_path: Path, table_total: str, prose_total: str, rules: list[str]) -> None:
    text = SCORECARD_AND_PROSE.format(row=table_total, prose=prose_total)
    assert sorted(f.rule_id for f in checked(tmp_path, text)) == sorted(rules)


@pytest.mark.parametrize(
    ("achieved", "rank", "rules"),
    [("1", (3, 13), []), ("1,5", (3, 13), ["out-of-range"]), ("1", (14, 13), ["out-of-range"])],
)
def test_out_of_range(achieved: str, rank: tuple[int, int], rules: list[str]) -> None:
    scored = row("1.5", ScoreLevel.CRITERION, max="1", achieved=achieved).model_copy(
        update={"rank": rank[0], "rank_total": rank[1]}
    )
    assert [f.rule_id for f in check_scores([scored])] == rules


def test_one_code_for_two_names_but_not_for_two_wordings() -> None:
    first = row("3.13.2", ScoreLevel.SUBCRITERION, max="1", achieved="0,87").model_copy(
        update={"name": "Tỷ lệ hồ sơ thanh toán trực tuyến"}
    )
    reworded = first.model_copy(update={"name": "Tỷ lệ hồ sơ được thanh toán trực tuyến"})
    other = first.model_copy(update={"name": "Tỷ lệ DVCTT có phát sinh hồ sơ trực tuyến"})
    assert list(check_scores([first, reworded])) == []
    (finding,) = check_scores([first, reworded, other])
    assert (finding.rule_id, finding.severity, finding.code) == ("duplicate-code", Severity.WARNING, "3.13.2")


# --- property: consistent scorecards raise nothing; one number off raises exactly the right finding ---------

cents = st.integers(min_value=0, max_value=2000)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cents, cents), min_size=2, max_size=6), st.integers(min_value=0, max_value=5))
def test_rounded_consistent_fields_raise_nothing_and_a_changed_total_is_found(
    fields: list[tuple[int, int]], nudge_index: int
) -> None:
    """Fields with exact values in thousandths, printed rounded to hundredths, and the whole printed from the
    exact sum: consistent whatever the rounding; the whole moved by more than the rounding can explain is found."""
    rows = []
    exact_total = Decimal(0)
    maximum_total = Decimal(0)
    for index, (whole_part, thousandths) in enumerate(fields, start=1):
        maximum = Decimal(whole_part + 1000) / 100
        achieved = min(maximum, Decimal(whole_part * 10 + thousandths % 10) / 1000)
        exact_total += achieved
        maximum_total += maximum
        shown = achieved.quantize(Decimal("0.01"))
        rows.append(row(str(index), ScoreLevel.FIELD, max=_raw(maximum), achieved=_raw(shown)))
    stated = exact_total.quantize(Decimal("0.01"))
    assessment = row("assessment", ScoreLevel.COMPONENT, max=_raw(maximum_total), achieved=_raw(stated))
    assert [f for f in check_scores([*rows, assessment]) if f.severity is Severity.ERROR] == []
    off = stated + Decimal("0.01") * (2 * len(fields) + 2 + nudge_index)  # beyond what either reading explains
    moved = assessment.model_copy(update={"achieved_points": off, "achieved_raw": _raw(off)})
    assert [f.rule_id for f in check_scores([*rows, moved])] == ["sum-mismatch"]


def _raw(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


# --- the seeds ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_000_field_7_deduction(fmt: str) -> None:
    findings = checked_file(SAMPLES / f"000_ca77cff5a68984a1.{fmt}").findings
    (finding,) = [f for f in findings if f.rule_id == "deduction-mismatch"]
    assert (finding.code, finding.stated, finding.expected, finding.severity) == ("7", "2,77", "0,61", Severity.ERROR)
    assert "0,31 + 0,01 + 0,25 + 0,02 + 0,02" in (finding.arithmetic or "")  # the items under it give 0,61 too


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_003_fields_against_the_total_and_a_duplicate_code(fmt: str) -> None:
    findings = checked_file(SAMPLES / f"003_8cc175536faa4215.{fmt}").findings
    sums = {(f.stated, f.expected) for f in findings if f.rule_id == "sum-mismatch"}
    assert ("94,64", "80,93") in sums
    assert ("100", "85") in sums
    assert [f.code for f in findings if f.rule_id == "duplicate-code"] == ["3.13.2"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_002_duplicate_code_and_a_basis_dated_after_the_plan(fmt: str) -> None:
    findings = checked_file(SAMPLES / f"002_9ed66c69146e5c6a.{fmt}").findings
    assert [(f.rule_id, f.code, f.stated) for f in findings] == [
        ("duplicate-code", "6.3.2", None),
        ("date-mismatch", None, "15/12/2024"),  # the 2024 plan's basis dated after its first deadline
    ]


@pytest.mark.parametrize("stem", ["001_24bb1c8119953113", "004_3f70570ce8af78c4"])
def test_no_score_rule_fires_on_consistent_scorecards(stem: str) -> None:
    score_rules = {"sum-mismatch", "deduction-mismatch", "deduction-rollup", "out-of-range", "duplicate-code"}
    assert [f for f in checked_file(SAMPLES / f"{stem}.txt").findings if f.rule_id in score_rules] == []


def test_a_criterion_scored_for_another_year_among_the_report_years_criteria() -> None:
    from pipeline.validate.score_rules import check_years

    rows = [row(f"1.{n}", ScoreLevel.CRITERION, max="1", achieved="1") for n in range(1, 5)]
    slipped = row("8.1", ScoreLevel.CRITERION, max="1", achieved="0").model_copy(update={"year": 2023})
    compared = row("1.1", ScoreLevel.CRITERION, max="1", achieved="0,5").model_copy(update={"year": 2023})
    assert [(f.rule_id, f.code, f.stated) for f in check_years([*rows, slipped], 2024)] == [
        ("year-mismatch", "8.1", "2023")
    ]
    assert list(check_years([*rows, compared], 2024)) == []  # 1.1 has its 2024 score too: a comparison
    assert list(check_years([rows[0], slipped], 2024)) == []  # too few criteria to tell


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_000_criterion_8_1_reports_2023(fmt: str) -> None:
    findings = checked_file(SAMPLES / f"000_ca77cff5a68984a1.{fmt}").findings
    assert [(f.code, f.severity) for f in findings if f.rule_id == "year-mismatch"] == [("8.1", Severity.WARNING)]


ANNEX = """**ỦY BAN NHÂN DÂN
XÃ AN HÒA**

An Hòa, ngày 14 tháng 01 năm {year}

**PHỤ LỤC**
(Đính kèm Công văn số 15/UBND ngày 14/01/2025 của UBND xã An Hòa)

Căn cứ Quyết định số 4358/QĐ-UBND ngày {decided} của UBND huyện.
"""


@pytest.mark.parametrize(
    ("year", "decided", "stated"),
    [("2025", "31/12/2024", []), ("2025", "20/01/2025", ["20/01/2025"]), ("2024", "31/12/2023", ["14/01/2025"])],
)
def test_dates_of_cited_and_attached_letters(tmp_path: Path, year: str, decided: str, stated: list[str]) -> None:
    findings = checked(tmp_path, ANNEX.format(year=year, decided=decided))
    assert [f.stated for f in findings if f.rule_id == "date-mismatch"] == stated
