"""Open a report in headless Debian Chromium (driven by Playwright) for the tests and the benchmark.

Playwright (a test requirement, imported only here) drives ``/usr/bin/chromium`` from the Debian
package; nothing is downloaded.  The flags keep Chromium off the network (this machine's network
is closed: background services would only fail and log).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

CHROMIUM = Path(os.environ.get("REPORT_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars"]


def unavailable() -> str | None:
    """Why the browser cannot be used here (None when it can)."""
    if not CHROMIUM.exists():
        return (f"Debian's chromium is not installed ({CHROMIUM} is missing) and could not be installed: "
                "run `apt-get install -y chromium` as root (make test does it when apt-get is usable)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Playwright package is not installed: run `make setup-test` (it is pinned in requirements/test.txt)"
    return None


@contextlib.contextmanager
def page(width: int = 1280, height: int = 900) -> Iterator:
    """A fresh page of a headless Chromium with an empty profile; console errors and requests are recorded.

    The page gets ``console_errors`` (a list of messages) and ``requests`` (every URL it asked for).
    """
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="report-chromium-")
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True,
                                                        args=FLAGS, viewport={"width": width, "height": height})
            try:
                pg = ctx.pages[0] if ctx.pages else ctx.new_page()
                pg.console_errors = []
                pg.requests = []
                pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
                pg.on("pageerror", lambda e: pg.console_errors.append(f"page error: {e}"))
                pg.on("request", lambda r: pg.requests.append(r.url))
                yield pg
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def timings(pg) -> dict[str, float]:
    """Navigation timings of the loaded page, in milliseconds from the start of navigation."""
    return pg.evaluate("""() => {
        const n = performance.getEntriesByType('navigation')[0];
        const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
        return {dom_interactive: n.domInteractive, dom_content_loaded: n.domContentLoadedEventEnd,
                load: n.loadEventEnd, first_contentful_paint: paint['first-contentful-paint'] || null};
    }""")
