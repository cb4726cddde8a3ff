"""The report stage (issue 7): the warehouse into an HTML report and an Excel workbook for the officials who
act on the findings. Reads only the warehouse, so a report can be rebuilt without reading any document."""

from pipeline.report.build import ReportFiles, build_report
from pipeline.report.data import ReportData, load_report
from pipeline.report.errors import ReportError
from pipeline.report.html_page import report_to_html
from pipeline.report.workbook import report_to_workbook, write_workbook

__all__ = [
    "ReportData",
    "ReportError",
    "ReportFiles",
    "build_report",
    "load_report",
    "report_to_html",
    "report_to_workbook",
    "write_workbook",
]
