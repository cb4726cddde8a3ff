"""The HTML report in a real browser: Debian's chromium, headless, driven by Playwright (never
`playwright install`). No chromium or Playwright: skip, or fail when `CCHC_REQUIRE_SERVICES=1` (CI)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.report import ReportFiles
from pipeline.report.browser import BrowserMissingError, chromium_path, headless_chromium
from pipeline.report.measure import measure_report
from pipeline.report.screenshot import find_finding, screenshot_finding

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

PRESENT_FINDINGS = "SELECT count(*) FROM findings f JOIN documents d USING (doc_id) WHERE d.present"
SEED_000_FIELD_7 = (
    "SELECT f.row_key FROM findings f JOIN documents d USING (doc_id) "
    "WHERE d.present AND f.rule_id = 'deduction-mismatch' AND f.code = '7' AND d.source LIKE ?"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        if chromium_path() is None:
            raise BrowserMissingError("chromium is not on PATH")
        with headless_chromium() as opened:
            yield opened
    except BrowserMissingError as error:
        if os.environ.get("CCHC_REQUIRE_SERVICES") == "1":
            pytest.fail(f"the browser tests need chromium and Playwright: {error}")
        pytest.skip(str(error))


@dataclass
class OpenReport:
    page: Page
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def goto(self, fragment: str = "") -> None:
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("html[data-ready='1']")

    def finding_rows(self) -> int:
        return self.page.locator("#findings-table tbody tr.finding-row").count()

    def show_all_findings(self) -> None:
        button = self.page.locator('.pager[data-table="findings"] button.show-all').first
        if button.count() and button.inner_text() == "Hiện tất cả":
            button.click()


@pytest.fixture
def report(browser: Browser, report_files: ReportFiles) -> Iterator[OpenReport]:
    """The report opened in a fresh page that records console errors, page errors and every request
    that would leave the file (and blocks it)."""
    assert report_files.html is not None
    opened = OpenReport(browser.new_page(viewport={"width": 1280, "height": 900}), report_files.html.as_uri())
    opened.page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))

    def block_network(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            opened.requests.append(route.request.url)
            route.abort()

    opened.page.route("**/*", block_network)
    opened.goto()
    yield opened
    opened.page.close()


def test_report_renders_offline_without_console_errors(report: OpenReport, tmp_path: Path) -> None:
    report.page.locator("#tong-quan").wait_for()
    screenshot = tmp_path / "report.png"
    report.page.screenshot(path=str(screenshot), full_page=True)
    assert report.errors == []
    assert report.requests == []
    assert screenshot.stat().st_size > 10_000
    assert report.page.title() == "Báo cáo rà soát Chỉ số cải cách hành chính"
    assert report.page.evaluate("window.pwned") is None  # the hostile document's markup stayed text


def test_report_shows_every_finding_of_the_warehouse(report: OpenReport, scalar: Callable[..., Any]) -> None:
    expected = scalar(PRESENT_FINDINGS)
    assert expected > 50  # so that the table is paged first
    assert report.finding_rows() == 50
    report.show_all_findings()
    assert report.finding_rows() == expected
    assert report.errors == []


@pytest.mark.parametrize(
    ("select", "value", "where"),
    [
        ("#f-rule", "deduction-mismatch", "f.rule_id = ?"),
        ("#f-severity", "warning", "f.severity = ?"),
        ("#f-unit", "Sơn Tịnh", "d.locality = ?"),
        ("#f-rule", "parse-error", "f.rule_id = ?"),
    ],
)
def test_report_filter_leaves_the_matching_findings(
    report: OpenReport, scalar: Callable[..., Any], select: str, value: str, where: str
) -> None:
    expected = scalar(f"{PRESENT_FINDINGS} AND {where}", value)
    assert 0 < expected < scalar(PRESENT_FINDINGS)
    report.page.select_option(select, value)
    report.show_all_findings()
    assert report.finding_rows() == expected
    report.page.click("#f-clear")
    assert report.finding_rows() == 50


def test_report_search_ignores_accents(report: OpenReport, scalar: Callable[..., Any]) -> None:
    report.page.fill("#f-text", "son tinh")
    report.show_all_findings()
    units = report.page.locator("#findings-table tbody tr.finding-row td:nth-child(3)").all_inner_texts()
    assert units
    assert set(units) == {"Sơn Tịnh"}
    assert len(units) == scalar(f"{PRESENT_FINDINGS} AND d.locality = 'Sơn Tịnh'")


def test_report_opens_seed_000_field_7_at_its_sentence(report: OpenReport, scalar: Callable[..., Any]) -> None:
    """What the README tells a newcomer to do: filter by the rule, click the row, read the sentence."""
    key = scalar(SEED_000_FIELD_7, "%/000_ca77cff5a68984a1.txt")[:12]
    report.page.select_option("#f-rule", "deduction-mismatch")
    report.page.click(f'#findings-table a[href="#f-{key}"]')
    card = report.page.locator(f"#doc-view #f-{key}")
    card.wait_for()
    assert card.is_visible()
    primary = card.locator("figure.passage.primary blockquote")
    assert "chính quyền số: bị trừ 2,77 điểm." in primary.inner_text()
    assert primary.locator("mark.stated").all_inner_texts() == ["2,77"]
    operands = card.locator("mark.operand").all_inner_texts()
    assert {"13,5", "12,89", "0,31", "0,25"} <= set(operands)
    assert "13,5 − 12,89 = 0,61" in card.locator("td.arith").inner_text()
    assert report.page.locator("#doc-view h2").inner_text().startswith("Báo cáo")
    assert report.errors == []


def test_report_document_shows_scorecard_losses_actions_and_timeline(
    report: OpenReport, scalar: Callable[..., Any]
) -> None:
    doc_key = scalar("SELECT doc_id FROM documents WHERE source LIKE ?", "%/000_ca77cff5a68984a1.txt")[:12]
    report.goto(f"#d-{doc_key}")
    view = report.page.locator("#doc-view")
    assert view.is_visible()
    assert view.locator("table.scorecard tbody tr").count() == scalar(
        "SELECT count(*) FROM scores WHERE doc_id LIKE ? AND level IN ('total', 'component', 'field')", f"{doc_key}%"
    )
    assert view.locator("svg.chart").count() == 2  # the scorecard's bars and the actions' timeline
    assert view.locator("table.lost tbody tr").count() > 5
    assert view.locator("table.actions tbody tr").count() == scalar(
        "SELECT count(*) FROM actions WHERE doc_id LIKE ?", f"{doc_key}%"
    )
    assert report.errors == []


def test_report_shows_hostile_text_as_text(report: OpenReport, scalar: Callable[..., Any]) -> None:
    key = scalar(SEED_000_FIELD_7, "%/hostile_000.txt")[:12]
    report.goto(f"#f-{key}")
    quote = report.page.locator(f"#f-{key} figure.passage.primary blockquote").inner_text()
    assert "<script>window.pwned=1</script>" in quote
    assert report.page.evaluate("window.pwned") is None
    assert report.page.locator("#doc-view img").count() == 0
    assert report.requests == []
    assert report.errors == []


def test_report_overview_lists_the_file_that_could_not_be_read(report: OpenReport) -> None:
    rows = report.page.locator("#failed-table tbody tr").all_inner_texts()
    assert len(rows) == 1
    assert "broken.docx" in rows[0]


def test_screenshot_tool_pictures_seed_000_field_7(browser: Browser, report_files: ReportFiles, tmp_path: Path) -> None:
    """`python -m pipeline.report.screenshot` regenerates docs/report-finding.png this way."""
    assert report_files.html is not None
    finding = find_finding(report_files.data, "deduction-mismatch", "7", "000_ca77cff5a68984a1.txt")
    out = screenshot_finding(report_files.html, finding, tmp_path / "finding.png", browser)
    assert out.read_bytes().startswith(b"\x89PNG")


def test_measure_tool_times_the_page(browser: Browser, report_files: ReportFiles) -> None:
    assert report_files.html is not None
    timings = measure_report(report_files.html, runs=1, browser=browser)
    assert timings.size_bytes == report_files.html.stat().st_size
    assert 0 < timings.ready_ms <= timings.load_ms
    assert timings.open_finding_ms > 0
