"""The Excel workbook (openpyxl): summary, scores, actions and findings, one sheet each, with Vietnamese headers.

Points are stored as numbers and dates as dates (Excel shows them in the reader's own locale); values a
document prints as text (a stated date, a name) stay text. Every sheet has its header row frozen, an
auto-filter and widths fitted to its content. Each row of scores, actions and findings links to its
document's row in the summary sheet; each finding also says where it is (block, page, character offsets)
and, when the HTML report is written beside it, links to the finding in that report.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from pipeline.report.data import DocumentRow, FindingRow, ReportData, ScoreRow
from pipeline.report.labels import (
    DEADLINE_KINDS,
    DOC_TYPE_LABELS,
    LEVEL_LABELS,
    SCORE_LEVEL_LABELS,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    english_part,
    rule_label,
)

SUMMARY, SCORES, ACTIONS, FINDINGS = "Tổng hợp", "Điểm", "Nhiệm vụ", "Phát hiện"
SHEET_NAMES = (SUMMARY, SCORES, ACTIONS, FINDINGS)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
LINK_FONT = Font(color="1F5FA8", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 6, 60, 60
DOCUMENT_COLUMN, LOCATION_COLUMN = "Văn bản (tệp)", "Vị trí trong văn bản"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | number | integer | date | long (wrapped text)


SUMMARY_COLUMNS = (
    Column("STT", "integer"),
    Column("Đơn vị"),
    Column("Cấp"),
    Column("Năm báo cáo", "integer"),
    Column("Năm kế hoạch", "integer"),
    Column("Loại văn bản"),
    Column("Số hiệu"),
    Column("Trích yếu", "long"),
    Column("Cơ quan ban hành"),
    Column("Ngày ban hành", "date"),
    Column("Tệp"),
    Column("Định dạng"),
    Column("Trạng thái"),
    Column("Lý do không đọc được", "long"),
    Column("Tổng điểm tối đa", "number"),
    Column("Tổng điểm tự chấm", "number"),
    Column("Tổng điểm thẩm định", "number"),
    Column("Xếp hạng", "integer"),
    Column("Trên tổng số", "integer"),
    Column("Số lỗi", "integer"),
    Column("Số cảnh báo", "integer"),
    Column("Số nhiệm vụ", "integer"),
    Column("Mã văn bản (sha256)"),
)

SCORE_COLUMNS = (
    Column("Đơn vị"),
    Column("Năm báo cáo", "integer"),
    Column("Văn bản (tệp)"),
    Column("Mã"),
    Column("Cấp độ"),
    Column("Nội dung", "long"),
    Column("Năm của số liệu", "integer"),
    Column("Điểm tối đa", "number"),
    Column("Điểm tự chấm", "number"),
    Column("Điểm thẩm định", "number"),
    Column("Điểm bị trừ (văn bản ghi)", "number"),
    Column("Điểm mất (tối đa − thẩm định)", "number"),
    Column("Xếp hạng", "integer"),
    Column("Trên tổng số", "integer"),
    Column("Lý do bị trừ", "long"),
    Column("Vị trí trong văn bản"),
)

ACTION_COLUMNS = (
    Column("Đơn vị"),
    Column("Năm báo cáo", "integer"),
    Column("Văn bản (tệp)"),
    Column("Mã tiêu chí"),
    Column("Nhiệm vụ", "long"),
    Column("Chỉ tiêu", "number"),
    Column("Đơn vị chỉ tiêu"),
    Column("Cơ quan chủ trì"),
    Column("Cơ quan phối hợp", "long"),
    Column("Cơ quan theo dõi"),
    Column("Thời hạn ghi trong văn bản"),
    Column("Từ ngày", "date"),
    Column("Hạn cuối", "date"),
    Column("Loại thời hạn"),
    Column("Thời hạn chưa chắc chắn"),
    Column("Vị trí trong văn bản"),
)

FINDING_COLUMNS = (
    Column("STT", "integer"),
    Column("Mức độ"),
    Column("Quy tắc"),
    Column("Ý nghĩa quy tắc", "long"),
    Column("Đơn vị"),
    Column("Năm báo cáo", "integer"),
    Column("Văn bản (tệp)"),
    Column("Mã"),
    Column("Nội dung", "long"),
    Column("Văn bản ghi"),
    Column("Phép tính cho"),
    Column("Cận dưới", "number"),
    Column("Cận trên", "number"),
    Column("Phép tính", "long"),
    Column("Câu nguồn", "long"),
    Column("Vị trí trong văn bản"),
)


def write_workbook(data: ReportData, path: Path, html_path: Path | None = None) -> Path:
    """Write the workbook to `path`; with `html_path`, each finding links to its place in the HTML report."""
    workbook = report_to_workbook(data, path, html_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def report_to_workbook(data: ReportData, path: Path | None = None, html_path: Path | None = None) -> Workbook:
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    summary_rows = {d.doc_id: index + 2 for index, d in enumerate(data.documents)}
    html_link = None
    if html_path is not None:
        base = path.parent if path is not None else Path.cwd()
        html_link = Path(os.path.relpath(html_path.resolve(), base.resolve())).as_posix()
    for sheet in (
        _summary_sheet(workbook, data),
        _scores_sheet(workbook, data, summary_rows),
        _actions_sheet(workbook, data, summary_rows),
        _findings_sheet(workbook, data, summary_rows, html_link),
    ):
        sheet.finish()
    return workbook


def _summary_sheet(workbook: Workbook, data: ReportData) -> _Sheet:
    findings_by_doc: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in data.findings:
        findings_by_doc[finding.doc_id][finding.severity] += 1
    sheet = _Sheet(workbook, SUMMARY, SUMMARY_COLUMNS)
    for index, document in enumerate(data.documents, start=1):
        total = _total(data.scores.get(document.doc_id, ()), document.report_year)
        counts = findings_by_doc[document.doc_id]
        sheet.append(
            [
                index,
                document.unit,
                LEVEL_LABELS.get(document.admin_level or "", document.admin_level),
                document.report_year,
                document.plan_year,
                DOC_TYPE_LABELS.get(document.doc_type or "", document.doc_type),
                document.number,
                document.title,
                document.issuer,
                document.issue_date,
                document.source,
                document.format,
                "Đọc được" if document.status == "ok" else "Không đọc được",
                document.error,
                None if total is None else total.max_points,
                None if total is None else total.self_points,
                None if total is None else total.achieved_points,
                None if total is None else total.rank,
                None if total is None else total.rank_total,
                counts["error"],
                counts["warning"],
                len(data.actions.get(document.doc_id, ())),
                document.doc_id,
            ]
        )
    return sheet


def _scores_sheet(workbook: Workbook, data: ReportData, summary_rows: dict[str, int]) -> _Sheet:
    sheet = _Sheet(workbook, SCORES, SCORE_COLUMNS)
    for document in data.documents:
        for s in data.scores.get(document.doc_id, ()):
            computed = (
                s.max_points - s.achieved_points if s.max_points is not None and s.achieved_points is not None else None
            )
            row = sheet.append(
                [
                    document.unit,
                    document.report_year,
                    document.file_name,
                    s.code,
                    SCORE_LEVEL_LABELS.get(s.level, s.level),
                    s.name,
                    s.year,
                    s.max_points,
                    s.self_points,
                    s.achieved_points,
                    s.deducted_points,
                    computed,
                    s.rank,
                    s.rank_total,
                    s.reason,
                    _where(s.span.block, s.span.page, s.span.start, s.span.end) if s.span else None,
                ]
            )
            sheet.link(row, DOCUMENT_COLUMN, location=_summary_cell(summary_rows[document.doc_id]))
    return sheet


def _actions_sheet(workbook: Workbook, data: ReportData, summary_rows: dict[str, int]) -> _Sheet:
    sheet = _Sheet(workbook, ACTIONS, ACTION_COLUMNS)
    for document in data.documents:
        for a in data.actions.get(document.doc_id, ()):
            row = sheet.append(
                [
                    document.unit,
                    document.report_year,
                    document.file_name,
                    a.code,
                    a.measure or a.name,
                    a.target,
                    a.target_unit,
                    "; ".join(a.lead),
                    a.partners,
                    a.monitors,
                    a.deadline_text,
                    a.deadline_start,
                    a.deadline_end,
                    DEADLINE_KINDS.get(a.deadline_kind or "", a.deadline_kind),
                    "Có" if a.deadline_ambiguous else None,
                    _where(a.span.block, a.span.page, a.span.start, a.span.end) if a.span else None,
                ]
            )
            sheet.link(row, DOCUMENT_COLUMN, location=_summary_cell(summary_rows[document.doc_id]))
    return sheet


def _findings_sheet(
    workbook: Workbook, data: ReportData, summary_rows: dict[str, int], html_link: str | None
) -> _Sheet:
    documents = {d.doc_id: d for d in data.documents}
    sheet = _Sheet(workbook, FINDINGS, FINDING_COLUMNS)
    for index, finding in enumerate(_ordered(data.findings, documents), start=1):
        document = documents[finding.doc_id]
        vietnamese, english = english_part(finding.message)
        span = finding.span
        row = sheet.append(
            [
                index,
                SEVERITY_LABELS.get(finding.severity, finding.severity),
                finding.rule_id,
                rule_label(finding.rule_id),
                document.unit,
                document.report_year,
                document.file_name,
                finding.code,
                vietnamese + (f"\n{english}" if english else ""),
                finding.stated,
                finding.expected,
                finding.expected_low,
                finding.expected_high,
                finding.arithmetic,
                finding.quote or None,
                _where(span.block, span.page, span.start, span.end) if span else (finding.source or document.source),
            ]
        )
        sheet.link(row, DOCUMENT_COLUMN, location=_summary_cell(summary_rows[finding.doc_id]))
        if html_link is not None:
            sheet.link(row, LOCATION_COLUMN, target=f"{html_link}#f-{finding.key}")
    return sheet


def _summary_cell(row: int) -> str:
    return f"'{SUMMARY}'!A{row}"


class _Sheet:
    """One sheet being written: a header row, then rows appended in order (counted here, since
    `Worksheet.max_row` scans every cell)."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.sheet = workbook.create_sheet(title)
        self.sheet.append([c.header for c in columns])
        self.rows = 1
        for cell in self.sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def append(self, values: Sequence[Any]) -> int:
        self.sheet.append([_cell_value(value, column) for value, column in zip(values, self.columns, strict=True)])
        self.rows += 1
        for index, column in enumerate(self.columns, start=1):
            cell = self.sheet.cell(row=self.rows, column=index)
            if column.kind == "date" and cell.value is not None:
                cell.number_format = DATE_FORMAT
            cell.alignment = WRAP if column.kind == "long" else TOP
        return self.rows

    def link(self, row: int, column: str, target: str | None = None, location: str | None = None) -> None:
        """A hyperlink on the cell of `column` in `row`: to another file (`target`) or a cell (`location`)."""
        cell = self.sheet.cell(row=row, column=[c.header for c in self.columns].index(column) + 1)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target, location=location)
        cell.font = LINK_FONT

    def finish(self) -> None:
        """Frozen header row, auto-filter over the table, widths fitted to the content."""
        self.sheet.freeze_panes = "A2"
        self.sheet.auto_filter.ref = self.sheet.dimensions
        for index, column in enumerate(self.columns, start=1):
            longest = len(column.header) // 2 + 2
            for (value,) in self.sheet.iter_rows(min_row=2, min_col=index, max_col=index, values_only=True):
                if value is not None:
                    text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
                    longest = max(longest, *(len(line) for line in text.split("\n")))
                    if longest >= MAX_WIDTH:
                        break
            width = WRAP_WIDTH if column.kind == "long" and longest > WRAP_WIDTH else longest + 2
            self.sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))


def _cell_value(value: Any, column: Column) -> Any:
    if value is None or value == "":
        return None
    if column.kind == "number":
        return float(value) if isinstance(value, Decimal) else value
    if column.kind == "integer":
        return int(value)
    if column.kind == "date":
        return value if isinstance(value, date) else None
    return str(value)


def _total(scores: Sequence[ScoreRow], year: int | None) -> ScoreRow | None:
    for row in scores:
        if row.code == "total" and row.year in (year, None) and row.unit is None:  # the document's own unit
            return row
    return None


def _ordered(findings: Sequence[FindingRow], documents: dict[str, DocumentRow]) -> list[FindingRow]:
    def order(f: FindingRow) -> tuple[int, str, int, str, int]:
        d = documents[f.doc_id]
        return (SEVERITY_ORDER.get(f.severity, 3), d.unit or "~", d.report_year or 0, d.source, f.ordinal)

    return sorted(findings, key=order)


def _where(block: str | None, page: int | None, start: int, end: int) -> str:
    parts = [f"trang {page}" if page else "", f"khối {block}" if block else "", f"ký tự {start}–{end}"]
    return ", ".join(p for p in parts if p)
