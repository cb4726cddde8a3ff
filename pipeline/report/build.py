"""`build_report(warehouse, html=…, xlsx=…)`: read the warehouse once, write the files asked for."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.report.data import ReportData, load_report
from pipeline.report.errors import ReportError
from pipeline.report.html_page import report_to_html
from pipeline.report.workbook import write_workbook


@dataclass(frozen=True)
class ReportFiles:
    data: ReportData
    html: Path | None
    xlsx: Path | None


def build_report(warehouse: Path, *, html: Path | None = None, xlsx: Path | None = None) -> ReportFiles:
    if html is None and xlsx is None:
        raise ReportError(warehouse, "chọn ít nhất một tệp kết quả / give --html and/or --xlsx")
    data = load_report(warehouse)
    if html is not None:
        write_text_atomically(html, report_to_html(data))
    if xlsx is not None:
        try:
            write_workbook(data, xlsx, html_path=html)
        except OSError as error:
            raise ReportError(xlsx, f"không ghi được tệp / cannot write the file: {error.strerror}") from None
    return ReportFiles(data, html, xlsx)


def write_text_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never opens half a report."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ReportError(path, f"không ghi được tệp / cannot write the file: {error.strerror}") from None
