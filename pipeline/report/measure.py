"""`python -m pipeline.report.measure REPORT.html`: how big the HTML report is and how fast it opens in
headless chromium: the `load` event, the first render of its tables (the page's script marks it), and
opening one document at a finding (parsing and inserting its details). Medians of `--runs` fresh pages."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.report.browser import chromium_or

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@dataclass(frozen=True)
class PageTimings:
    size_bytes: int
    load_ms: float  # navigation start → load event end
    ready_ms: float  # navigation start → the script's first render done
    open_finding_ms: float  # click on a finding → its document shown


def measure_report(html: Path, runs: int = 3, browser: Browser | None = None) -> PageTimings:
    loads, readies, opens = [], [], []
    with chromium_or(browser) as chromium:
        for _ in range(runs):
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.wait_for_selector("html[data-ready='1']")
            loads.append(float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")))
            readies.append(float(page.evaluate("window.cchcReadyAt")))
            started = time.perf_counter()
            href = page.get_attribute("#findings-table a.go", "href")
            page.click("#findings-table a.go")
            page.wait_for_selector(f"#doc-view {href}")
            opens.append(1000 * (time.perf_counter() - started))
            page.close()
    median = statistics.median
    return PageTimings(html.stat().st_size, median(loads), median(readies), median(opens))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.report.measure", description=__doc__)
    parser.add_argument("html", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    timings = measure_report(args.html, args.runs)
    print(
        f"{args.html}: {timings.size_bytes / 1e6:.1f} MB; load {timings.load_ms:.0f} ms, "
        f"first render {timings.ready_ms:.0f} ms, open a finding {timings.open_finding_ms:.0f} ms "
        f"(median of {args.runs})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
