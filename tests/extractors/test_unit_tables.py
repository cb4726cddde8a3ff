"""Results tables of many units: a row per unit, the index's parts and fields as columns."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_file
from pipeline.validate import validate_extraction
from schemas.extraction import Extraction

ONE_ROW_HEADER = (
    "STT\tCơ quan, đơn vị\tĐiểm thẩm định (tối đa 70 điểm)\tĐiểm điều tra XHH (tối đa 30 điểm)\t"
    "Chỉ số CCHC (100 điểm)\tXếp hạng"
)


def _extract(tmp_path: Path, table: str, prose: str = "") -> Extraction:
    path = tmp_path / "doc.txt"
    path.write_text(f"**THÔNG BÁO**\n\nKết quả Chỉ số CCHC năm 2025\n\n{prose}\n\n{table}\n", encoding="utf-8")
    return extract_file(path)


def _rows(extraction: Extraction) -> set[tuple[str | None, str | None, str | None, str | None, int | None, int | None]]:
    return {
        (
            r.unit,
            r.code,
            None if r.max_points is None else str(r.max_points),
            None if r.achieved_points is None else str(r.achieved_points),
            r.rank,
            r.rank_total,
        )
        for r in extraction.scores
    }


def test_each_unit_row_gives_its_total_parts_and_rank(tmp_path: Path) -> None:
    table = "\n".join(
        [
            ONE_ROW_HEADER,
            "1\tSở Nội vụ\t64,85\t27,02\t91,87\t1",
            "2\tSở Tư pháp\t63,18\t25,47\t88,65\t3",
            "3\tSở Y tế\t61,37\t27,20\t88,57\t2",
            "\tBình quân\t63,13\t26,56\t89,70\t",
        ]
    )
    rows = _rows(_extract(tmp_path, table))
    assert ("Sở Tư pháp", "total", "100", "88.65", 3, 3) in rows
    assert ("Sở Tư pháp", "assessment", "70", "63.18", None, None) in rows
    assert ("Sở Y tế", "survey", "30", "27.20", None, None) in rows
    assert len(rows) == 9  # three units × three parts; the average is no unit
    assert not any(unit == "Bình quân" for unit, *_ in rows)


def test_a_two_row_header_gives_fields_and_a_self_score(tmp_path: Path) -> None:
    table = "\n".join(
        [
            "STT\tĐơn vị\tĐiểm các lĩnh vực\t\t\tĐiểm tự đánh giá\tĐiểm thẩm định (70)\t"
            "Điểm điều tra XHH (30)\tXếp hạng",
            "\t\tI (10)\tII (6)\tIII (14)\t\t\t\t",
            "1\txã An Bình\t9,5\t5,25\t12,73\t66,00\t61,04\t23,11\t2",
            "2\tphường Hòa Lạc\t9,75\t6\t13\t64\t62,5\t24\t1",
        ]
    )
    extraction = _extract(tmp_path, table)
    rows = _rows(extraction)
    assert ("xã An Bình", "2", "6", "5.25", None, None) in rows
    assert ("phường Hòa Lạc", "3", "14", "13", None, None) in rows
    assessment = next(r for r in extraction.scores if r.unit == "xã An Bình" and r.code == "assessment")
    assert (assessment.self_points, assessment.achieved_points, assessment.max_points) == (
        Decimal("66.00"),
        Decimal("61.04"),
        Decimal("70"),
    )


def test_a_unit_scorecard_is_not_a_table_of_units(tmp_path: Path) -> None:
    table = "\n".join(
        [
            "STT\tLĩnh vực/Tiêu chí\tĐiểm tối đa\tĐiểm tự đánh giá\tĐiểm thẩm định",
            "1\tCông tác chỉ đạo, điều hành CCHC\t10\t9,5\t9",
        ]
    )
    assert all(r.unit is None for r in _extract(tmp_path, table).scores)


def test_sentences_naming_a_tabled_unit_join_its_row(tmp_path: Path) -> None:
    table = "\n".join([ONE_ROW_HEADER, "1\tSở Xây dựng\t58,27\t23,95\t82,22\t1", "2\tSở Y tế\t50\t20\t70\t2"])
    prose = (
        "Đơn vị xếp cuối là Sở Y tế (70 điểm); đứng liền trước là Sở Xây dụng (82,22 điểm). Sở Y tế tăng "
        "01 bậc (từ thứ 3/3 năm 2024 lên thứ 2/2 năm 2025)."
    )
    extraction = _extract(tmp_path, table, prose)
    totals = [r for r in extraction.scores if r.code == "total"]
    assert {(r.unit, r.year, r.rank) for r in totals} == {
        ("Sở Xây dựng", 2025, 1),
        ("Sở Y tế", 2025, 2),
        ("Sở Y tế", 2024, 3),
    }
    assert all(r.unit is not None for r in extraction.scores)


def test_each_unit_is_checked_apart(tmp_path: Path) -> None:
    table = "\n".join(
        [
            ONE_ROW_HEADER,
            "1\tSở Nội vụ\t64,85\t27,02\t91,87\t1",
            "2\tSở Tư pháp\t63,18\t25,47\t88,56\t2",  # 63,18 + 25,47 = 88,65
            "3\tSở Y tế\t61,37\t25,16\t86,54\t3",  # 86,53: rounding only
        ]
    )
    path = tmp_path / "doc.txt"
    path.write_text(f"**THÔNG BÁO**\n\n{table}\n", encoding="utf-8")
    findings = validate_extraction(extract_file(path)).findings
    assert [(f.rule_id, f.code, f.stated) for f in findings] == [("sum-mismatch", "total", "88,56")]


def test_a_word_table_with_a_merged_header(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Kết quả Chỉ số CCHC năm 2025 của các xã")
    t = d.add_table(rows=4, cols=6)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "STT"
    t.cell(0, 1).merge(t.cell(1, 1)).text = "Tên đơn vị"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "Điểm các lĩnh vực"
    t.cell(1, 2).text, t.cell(1, 3).text = "Lĩnh vực 1 (12)", "Lĩnh vực 7 (13,5)"
    t.cell(0, 4).merge(t.cell(1, 4)).text = "Tổng điểm"
    t.cell(0, 5).merge(t.cell(1, 5)).text = "Xếp hạng"
    for row, values in (
        (2, ("1", "xã Tân An", "11,5", "12", "88,4", "1")),
        (3, ("2", "xã Phú Mỹ", "10", "9,25", "80", "2")),
    ):
        for col, value in enumerate(values):
            t.cell(row, col).text = value
    path = tmp_path / "units.docx"
    d.save(str(path))
    rows = _rows(extract_file(path))
    assert ("xã Tân An", "7", "13.5", "12", None, None) in rows
    assert ("xã Phú Mỹ", "1", "12", "10", None, None) in rows
    assert ("xã Phú Mỹ", "total", None, "80", 2, None) in rows  # two ranked rows say nothing of how many


# --- property: a consistent table of units raises nothing; one unit's index moved is found, for that unit ----

thousandths = st.integers(min_value=40_000, max_value=70_000)
survey_thousandths = st.integers(min_value=15_000, max_value=30_000)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(thousandths, survey_thousandths), min_size=2, max_size=8),
    st.integers(min_value=0, max_value=7),
)
def test_a_rounded_consistent_table_raises_nothing_and_a_moved_index_is_found(
    units: list[tuple[int, int]], moved_index: int
) -> None:
    exact = [(Decimal(a) / 1000, Decimal(s) / 1000) for a, s in units]
    lines = [ONE_ROW_HEADER]
    for index, (assessment, survey) in enumerate(exact, start=1):
        printed = [v.quantize(Decimal("0.01")) for v in (assessment, survey, assessment + survey)]
        lines.append(f"{index}\tĐơn vị số {index}\t" + "\t".join(_comma(v) for v in printed) + f"\t{index}")
    moved = moved_index % len(exact)
    assessment, survey = exact[moved]
    wrong = (assessment + survey).quantize(Decimal("0.01")) + Decimal("0.05")  # beyond the rounding of 3 numbers
    cells = lines[moved + 1].split("\t")
    cells[4] = _comma(wrong)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "units.txt"
        path.write_text("**THÔNG BÁO**\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
        assert validate_extraction(extract_file(path)).findings == ()
        lines[moved + 1] = "\t".join(cells)
        path.write_text("**THÔNG BÁO**\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
        findings = validate_extraction(extract_file(path)).findings
    assert [(f.rule_id, f.code, f.stated) for f in findings] == [("sum-mismatch", "total", _comma(wrong))]


def _comma(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def test_other_indices_columns_are_no_part_of_the_index(tmp_path: Path) -> None:
    table = "\n".join(
        [
            "STT\tĐơn vị\tChỉ số SIPAS (%)\tChỉ số PAPI\tChỉ số CCHC (100 điểm)\tXếp hạng",
            "1\tSở Nội vụ\t92,15\t45,2\t91,87\t1",
            "2\tSở Tư pháp\t90,02\t44,1\t88,65\t2",
            "3\tSở Y tế\t88,70\t43,9\t86,54\t3",
        ]
    )
    rows = _rows(_extract(tmp_path, table))
    assert {(unit, code, achieved) for unit, code, _, achieved, _, _ in rows} == {
        ("Sở Nội vụ", "total", "91.87"),
        ("Sở Tư pháp", "total", "88.65"),
        ("Sở Y tế", "total", "86.54"),
    }


def test_a_units_change_in_prose_gives_last_years_index_and_class_bounds_are_no_scores(tmp_path: Path) -> None:
    header = "STT\tĐơn vị\tĐiểm thẩm định (tối đa 70 điểm)\tĐiểm điều tra XHH (tối đa 30 điểm)\tChỉ số CCHC\tXếp hạng"
    table = "\n".join(
        [header, "1\tHuyện Ia Pa\t60,10\t25,00\t85,10\t1", "2\tHuyện Krông Pa\t55,00\t22,00\t77,00\t2",
         "3\tThị xã Ayun Pa\t50,00\t20,00\t70,00\t3"]
    )  # fmt: skip
    prose = (
        "Bộ Chỉ số năm 2025 gồm 08 lĩnh vực, thang điểm 100. Xếp loại: loại Tốt từ 85 điểm trở lên; loại Khá: "
        "từ 75 điểm đến dưới 85 điểm; loại Yếu: dưới 65 điểm.\n\n"
        "So với năm 2024, huyện Krông Pa tăng 2,50 điểm (từ 74,50 điểm lên 77,00 điểm) và tăng 01 bậc (từ thứ "
        "3/3 lên thứ 2/3). Thị xã Ayun Pa giảm 1,2 điểm (năm 2024 đạt 71,20 điểm)."
    )
    extraction = _extract(tmp_path, table, prose)
    totals = {(r.unit, r.year, r.max_points, r.achieved_points, r.rank) for r in extraction.scores if r.code == "total"}
    assert totals == {
        ("Huyện Ia Pa", 2025, Decimal(100), Decimal("85.10"), 1),  # the index column is out of the stated scale
        ("Huyện Krông Pa", 2025, Decimal(100), Decimal("77.00"), 2),
        ("Thị xã Ayun Pa", 2025, Decimal(100), Decimal("70.00"), 3),
        ("Huyện Krông Pa", 2024, None, Decimal("74.50"), 3),  # "từ 74,50 điểm lên …", "từ thứ 3/3 lên …"
        ("Thị xã Ayun Pa", 2024, None, Decimal("71.20"), None),
    }
