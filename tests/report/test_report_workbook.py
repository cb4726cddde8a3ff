"""The Excel workbook read back with openpyxl: sheets, headers, frozen rows, filters, types and links."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.report import ReportFiles
from pipeline.report.workbook import (
    ACTION_COLUMNS,
    FINDING_COLUMNS,
    SCORE_COLUMNS,
    SHEET_NAMES,
    SUMMARY_COLUMNS,
    Column,
)

PRESENT = "JOIN documents d USING (doc_id) WHERE d.present"
SHEETS = [
    ("Tổng hợp", SUMMARY_COLUMNS, "SELECT count(*) FROM documents WHERE present"),
    ("Điểm", SCORE_COLUMNS, f"SELECT count(*) FROM scores {PRESENT}"),
    ("Nhiệm vụ", ACTION_COLUMNS, f"SELECT count(*) FROM actions {PRESENT}"),
    ("Phát hiện", FINDING_COLUMNS, f"SELECT count(*) FROM findings {PRESENT}"),
]


@pytest.fixture(scope="module")
def workbook(report_files: ReportFiles) -> Workbook:
    assert report_files.xlsx is not None
    return load_workbook(report_files.xlsx)


def rows(sheet: Worksheet) -> list[dict[str, Any]]:
    """The data rows as dicts keyed by the header, with the cells themselves under '_cells'."""
    header = [cell.value for cell in sheet[1]]
    return [
        {**dict(zip(header, (c.value for c in cells), strict=True)), "_cells": dict(zip(header, cells, strict=True))}
        for cells in sheet.iter_rows(min_row=2)
    ]


def test_workbook_has_the_four_sheets(workbook: Workbook) -> None:
    assert workbook.sheetnames == list(SHEET_NAMES) == ["Tổng hợp", "Điểm", "Nhiệm vụ", "Phát hiện"]


@pytest.mark.parametrize(("name", "columns", "count_sql"), SHEETS)
def test_workbook_sheet_is_a_filterable_table_of_the_warehouse_rows(
    workbook: Workbook, scalar: Callable[..., Any], name: str, columns: tuple[Column, ...], count_sql: str
) -> None:
    sheet = workbook[name]
    assert [cell.value for cell in sheet[1]] == [c.header for c in columns]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet.max_row - 1 == scalar(count_sql)
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    assert all(6 <= width <= 60 for width in widths)


@pytest.mark.parametrize(("name", "columns", "count_sql"), SHEETS)
def test_workbook_numbers_are_numbers_and_dates_are_dates(
    workbook: Workbook, name: str, columns: tuple[Column, ...], count_sql: str
) -> None:
    for row in rows(workbook[name]):
        for column in columns:
            value = row[column.header]
            if value is None:
                continue
            if column.kind in ("number", "integer"):
                assert isinstance(value, int | float), (name, column.header, value)
            elif column.kind == "date":
                assert isinstance(value, datetime), (name, column.header, value)
            else:
                assert isinstance(value, str), (name, column.header, value)


def test_workbook_scores_hold_seed_000_field_7_as_printed_values(workbook: Workbook) -> None:
    field_7 = [
        r
        for r in rows(workbook["Điểm"])
        if r["Văn bản (tệp)"] == "000_ca77cff5a68984a1.txt" and r["Mã"] == "7" and r["Cấp độ"] == "Lĩnh vực"
    ]
    assert len(field_7) == 1
    row = field_7[0]
    assert (row["Điểm tối đa"], row["Điểm tự chấm"], row["Điểm thẩm định"]) == (13.5, 11.83, 12.89)
    assert row["Điểm bị trừ (văn bản ghi)"] == 2.77
    assert row["Điểm mất (tối đa − thẩm định)"] == pytest.approx(0.61)


def test_workbook_findings_link_to_their_document_and_place(workbook: Workbook, report_files: ReportFiles) -> None:
    summary = rows(workbook["Tổng hợp"])
    findings = rows(workbook["Phát hiện"])
    assert findings
    for finding in findings:
        document_cell = finding["_cells"]["Văn bản (tệp)"]
        assert document_cell.hyperlink is not None
        sheet, cell = document_cell.hyperlink.location.split("!")
        assert sheet == "'Tổng hợp'"
        summary_row = summary[int(cell.removeprefix("A")) - 2]
        assert Path(summary_row["Tệp"]).name == finding["Văn bản (tệp)"]
        place = finding["_cells"]["Vị trí trong văn bản"]
        assert place.value
        assert place.hyperlink is not None
        assert place.hyperlink.target.startswith("report.html#f-")
    deduction = next(f for f in findings if f["Quy tắc"] == "deduction-mismatch")
    assert deduction["Mức độ"] == "Lỗi"
    assert deduction["Văn bản ghi"] == "2,77"  # as printed: text, not a number
    assert (deduction["Cận dưới"], deduction["Cận trên"]) == (0.605, 0.615)
    assert "khối b89" in deduction["Vị trí trong văn bản"]
    assert "bị trừ 2,77 điểm." in deduction["Câu nguồn"]


def test_workbook_summary_marks_the_unreadable_file(workbook: Workbook) -> None:
    failed = [r for r in rows(workbook["Tổng hợp"]) if r["Trạng thái"] == "Không đọc được"]
    assert [Path(r["Tệp"]).name for r in failed] == ["broken.docx"]
    assert failed[0]["Lý do không đọc được"]
