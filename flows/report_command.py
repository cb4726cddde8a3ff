"""`cchc report WAREHOUSE --html report.html --xlsx report.xlsx`: the review report from the warehouse alone.

Reads only what the warehouse holds (no document is read again), so a report can be rebuilt at any time.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipeline.report import build_report


def add_report_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report", help="write the review report from a warehouse: HTML page (offline) and/or Excel workbook"
    )
    report.add_argument("warehouse", type=Path, metavar="WAREHOUSE", help="warehouse folder (from `cchc ingest`)")
    report.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here (self-contained)")
    report.add_argument("--xlsx", type=Path, metavar="FILE", help="write the Excel workbook here")
    report.set_defaults(handler=run_report_command)


def run_report_command(args: argparse.Namespace) -> int:
    files = build_report(args.warehouse, html=args.html, xlsx=args.xlsx)
    data = files.data
    errors = sum(f.severity == "error" for f in data.findings)
    print(
        f"{len(data.documents)} văn bản / documents, {len(data.findings)} phát hiện / findings "
        f"({errors} lỗi / errors), {len(data.failed)} tệp không đọc được / unreadable files"
    )
    for path in (files.html, files.xlsx):
        if path is not None:
            print(f"  → {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0
