"""`python -m pipeline.report.screenshot WAREHOUSE OUT.png`: the picture of a finding in the HTML report
that the README shows (by default seed 000's field-7 deduction error, filtered by its rule, with the
sentence it comes from highlighted). Needs chromium and Playwright (see `pipeline/report/browser.py`)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError
from pipeline.report.browser import chromium_or
from pipeline.report.data import FindingRow, ReportData, load_report
from pipeline.report.html_page import report_to_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser

VIEWPORT = {"width": 1280, "height": 960}


def find_finding(data: ReportData, rule_id: str, code: str | None, source: str) -> FindingRow:
    """The first finding with this rule (and code) in a document whose file name contains `source`."""
    names = {d.doc_id: d.file_name for d in data.documents}
    for finding in data.findings:
        if finding.rule_id == rule_id and (code is None or finding.code == code) and source in names[finding.doc_id]:
            return finding
    raise PipelineError(f"không có phát hiện / no finding {rule_id} [{code}] in a file named like {source!r}")


def screenshot_finding(html: Path, finding: FindingRow, out: Path, browser: Browser | None = None) -> Path:
    """Open the report at the finding, with the rule filter set as a reader would, and save the viewport."""
    with chromium_or(browser) as chromium:
        page = chromium.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(html.resolve().as_uri())
        page.wait_for_selector("html[data-ready='1']")
        page.select_option("#f-rule", finding.rule_id)
        page.click(f'#findings-table a[href="#f-{finding.key}"]')
        page.wait_for_selector(f"#f-{finding.key}")
        page.wait_for_timeout(2600)  # the card's highlight fades out
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        page.close()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.report.screenshot", description=__doc__)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rule", default="deduction-mismatch")
    parser.add_argument("--code", default="7")
    parser.add_argument("--source", default="000_", help="part of the document's file name (default: seed 000)")
    args = parser.parse_args(argv)
    try:
        data = load_report(args.warehouse)
        finding = find_finding(data, args.rule, args.code or None, args.source)
        with tempfile.TemporaryDirectory() as folder:
            html = Path(folder) / "report.html"
            html.write_text(report_to_html(data), encoding="utf-8")
            screenshot_finding(html, finding, args.out)
    except PipelineError as error:
        print(f"Lỗi / Error: {error}", file=sys.stderr)
        return 2
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
