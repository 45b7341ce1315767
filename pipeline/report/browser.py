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


def pixel_stats(pg, png: bytes) -> dict[str, float]:
    """How much a screenshot shows, measured by Chromium on a blank page (a canvas reads the PNG).

    ``ink``: share of pixels that are not near-white; ``colours``: distinct colours (4 bits a
    channel); ``spread``: standard deviation of the luminance (0–255).
    """
    import base64

    blank = pg.context.new_page()
    try:
        return blank.evaluate("""async (b64) => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + b64;
            await img.decode();
            const c = document.createElement('canvas');
            c.width = img.naturalWidth; c.height = img.naturalHeight;
            const g = c.getContext('2d');
            g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            let ink = 0, sum = 0, sq = 0; const colours = new Set();
            const n = d.length / 4;
            for (let i = 0; i < d.length; i += 4) {
                const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
                sum += y; sq += y * y;
                if (y < 235) ink++;
                colours.add((d[i] >> 4) << 8 | (d[i + 1] >> 4) << 4 | (d[i + 2] >> 4));
            }
            const mean = sum / n;
            return {width: c.width, height: c.height, ink: ink / n, colours: colours.size,
                    spread: Math.sqrt(Math.max(0, sq / n - mean * mean))};
        }""", base64.b64encode(png).decode())
    finally:
        blank.close()


def screenshots(report: Path, out_dir: Path, width: int = 1100, height: int = 820) -> list[Path]:
    """Save what a reader sees first (``report-top.png``) and the first person's article view (``report-article.png``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    with page(width, height) as pg:
        pg.goto(Path(report).resolve().as_uri())
        pg.wait_for_selector("html[data-ready='1']", state="attached")
        saved.append(out_dir / "report-top.png")
        pg.screenshot(path=str(saved[-1]))
        link = pg.query_selector("#top-person tbody tr:first-child .ename a")
        if link:
            pg.evaluate("document.querySelector('#who').scrollIntoView()")
            link.click()
            pg.wait_for_selector("#overlay.open .view")
            saved.append(out_dir / "report-article.png")
            pg.screenshot(path=str(saved[-1]))
        if pg.console_errors:
            raise RuntimeError(f"console errors: {pg.console_errors}")
    return saved


if __name__ == "__main__":  # python -m pipeline.report.browser output/report.html docs/
    import sys

    if unavailable():
        sys.exit(unavailable())
    for path in screenshots(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else ".")):
        print(f"{path} ({path.stat().st_size / 1e3:.0f} KB)")
