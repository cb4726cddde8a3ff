"""Debian's chromium driven headless by Playwright, for the report's screenshots, timings and browser tests.

Never `playwright install` (it downloads a browser): the chromium on PATH is used (`apt-get install
chromium`). Playwright is a test dependency, imported only when a browser is asked for.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pipeline.errors import PipelineError

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserMissingError(PipelineError):
    """No chromium on PATH, or Playwright is not installed."""


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def headless_chromium() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        raise BrowserMissingError("không tìm thấy chromium / chromium not found: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissingError("cần playwright / playwright is needed: pip install -e '.[test]'") from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def chromium_or(browser: Browser | None) -> Iterator[Browser]:
    """The browser given (a test's), else a headless chromium of our own for the duration."""
    if browser is not None:
        yield browser
        return
    with headless_chromium() as opened:
        yield opened
