"""Charts drawn as inline SVG on the server: bar lists, columns, a matrix and a timeline.

Why server-side SVG: the charts need no script runtime (Vega-Lite with Vega inlined adds
≈ 800 KB and lays charts out in the browser at load time), the SVG of a chart is a few KB, it is
drawn by the browser's own renderer as the HTML is parsed (nothing to wait for), numbers stay
plain text in the DOM (the browser test reads them back), and hover text is the SVG ``<title>``.
Colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies) and a
single-hue blue ramp for counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from pipeline.report.html import esc, num, shorten

#: Okabe–Ito colours (colour-blind safe)
OKABE = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
         "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#7a7a7a"}
#: sequential ramp for counts (ColorBrewer Blues, light → dark)
BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"'


def _svg(width: float, height: float, body: str, label: str, cls: str = "chart") -> str:
    return (f'<svg class="{cls}" role="img" aria-label="{esc(label)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" {FONT} font-size="12">{body}</svg>')


def _wrap_link(href: str | None, inner: str) -> str:
    return f'<a href="{esc(href)}">{inner}</a>' if href else inner


@dataclass
class Bar:
    """One bar of a bar list: its label, value, optional link and hover text."""

    label: str
    value: float
    href: str | None = None
    tip: str | None = None
    colour: str | None = None


def bar_list(bars: Sequence[Bar], *, label: str, width: int = 460, label_width: int = 150,
             colour: str = OKABE["blue"], unit: str = "") -> str:
    """Horizontal bars, one row each, with the label on the left and the value at the bar's end."""
    if not bars:
        return ""
    row, top = 22, 4
    maximum = max(b.value for b in bars) or 1
    plot = width - label_width - 64
    parts = []
    for i, b in enumerate(bars):
        y = top + i * row
        w = max(1.5, plot * b.value / maximum)
        tip = esc(b.tip or f"{b.label}: {num(b.value)}{unit}")
        text = esc(shorten(b.label, 24))
        parts.append(_wrap_link(b.href, (
            f'<g class="bar"><title>{tip}</title>'
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" fill="#222">{text}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" rx="2" fill="{b.colour or colour}"/>'
            f'<text class="val" x="{label_width + w + 6:.1f}" y="{y + 15}" fill="#333">{num(b.value)}{unit}</text></g>')))
    return _svg(width, top * 2 + row * len(bars), "".join(parts), label)


def columns(bins: Sequence[tuple[str, float, str]], *, label: str, width: int = 720, height: int = 170,
            colour: str = OKABE["blue"], every: int | None = None) -> str:
    """A column chart of ``(label, value, hover text)`` bins in order; every n-th label is shown."""
    if not bins:
        return ""
    left, bottom, top = 44, 34, 10
    plot_w, plot_h = width - left - 8, height - bottom - top
    maximum = max(v for _l, v, _t in bins) or 1
    step = plot_w / len(bins)
    every = every or max(1, math.ceil(len(bins) / 12))
    parts = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="#999"/>']
    for tick in _nice_ticks(maximum):
        y = top + plot_h - plot_h * tick / maximum
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#e5e5e5"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{num(tick)}</text>')
    for i, (lab, value, tip) in enumerate(bins):
        h = plot_h * value / maximum
        x = left + i * step
        bar = min(56.0, max(1.0, step * 0.76))  # a few bins do not make slabs
        parts.append(f'<g class="col"><title>{esc(tip)}</title><rect x="{x + (step - bar) / 2:.1f}" y="{top + plot_h - h:.1f}" '
                     f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/></g>')
        if i % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="#444">{esc(lab)}</text>')
    return _svg(width, height, "".join(parts), label)


def _nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Round tick values from 0 up to ``maximum`` (about ``count`` of them)."""
    if maximum <= 0:
        return [0]
    raw = maximum / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    step = max(step, 1)
    return [step * i for i in range(int(maximum // step) + 1)]


def matrix(names: Sequence[str], marks: Sequence[str], counts, hrefs, *, label: str, cell: int | None = None,
           label_width: int = 170) -> str:
    """A symmetric co-occurrence matrix: ``counts[i][j]`` articles mention both ``names[i]`` and ``names[j]``.

    ``marks`` gives each name's colour (its kind); ``hrefs[i][j]`` links a cell to an article.
    """
    n = len(names)
    if n == 0:
        return ""
    cell = cell or (18 if n <= 25 else 15 if n <= 40 else 13)
    top = label_width
    size = label_width + n * cell + 110
    off = [counts[i][j] for i in range(n) for j in range(n) if i != j]
    maximum = max(off) if off else 1
    parts = []
    for i, name in enumerate(names):
        short = esc(shorten(name, 24))
        y = top + i * cell + cell - 3
        x = label_width + i * cell + cell - 3
        parts.append(f'<text x="{label_width - 14}" y="{y}" text-anchor="end" font-size="11" fill="#222"><title>{esc(name)}</title>{short}</text>'
                     f'<circle cx="{label_width - 7}" cy="{y - 4}" r="3.5" fill="{marks[i]}"/>'
                     f'<text transform="translate({x},{top - 16}) rotate(-60)" font-size="11" fill="#222"><title>{esc(name)}</title>{short}</text>'
                     f'<circle cx="{x - 3}" cy="{top - 7}" r="3.5" fill="{marks[i]}"/>')
    for i in range(n):
        for j in range(n):
            x, y = label_width + j * cell, top + i * cell
            if i == j:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="#f4f4f4"/>')
                continue
            c = counts[i][j]
            if not c:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="#fbfbfb"/>')
                continue
            shade = BLUES[min(len(BLUES) - 1, 1 + int((len(BLUES) - 2) * math.log1p(c) / math.log1p(maximum)))]
            tip = f"{names[i]} & {names[j]}: {num(c)} article{'s' if c != 1 else ''}"
            parts.append(_wrap_link(hrefs[i][j], f'<rect class="cell" x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                                                 f'fill="{shade}" data-n="{c}"><title>{esc(tip)}</title></rect>'))
    return _svg(size, top + n * cell + 10, "".join(parts), label, cls="chart matrix")


def ramp_legend(maximum: int, label: str = "articles mentioning both") -> str:
    """A small legend for the matrix's blue ramp (log scale)."""
    steps = [f'<span class="sw" style="background:{shade}"></span>' for shade in BLUES[1:]]
    return (f'<div class="legend ramp"><span>{esc(label)}:</span><span>1</span>{"".join(steps)}'
            f'<span>{num(maximum)}</span></div>')


# ---------------------------------------------------------------- timeline


@dataclass
class Mark:
    """A date drawn on the timeline: a point (``end`` None) or an interval, with a count."""

    start: pd.Timestamp
    end: pd.Timestamp | None
    count: int
    tip: str
    href: str | None = None
    label: str = ""


def _ticks(t0: pd.Timestamp, t1: pd.Timestamp) -> list[tuple[pd.Timestamp, str]]:
    """Tick positions and labels for a time axis between ``t0`` and ``t1`` (at most ~8)."""
    days = max(1.0, (t1 - t0).total_seconds() / 86400)
    for years in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if days / (365.25 * years) <= 8:
            break
    if days > 365.25 * 2.5:
        start = (t0.year // years + (1 if t0.year % years or t0 > pd.Timestamp(t0.year, 1, 1) else 0)) * years
        return [(pd.Timestamp(y, 1, 1), str(y)) for y in range(start, t1.year + 1, years)
                if t0 <= pd.Timestamp(y, 1, 1) <= t1]
    if days > 60:
        months = next(m for m in (1, 2, 3, 6, 12) if days / (30.4 * m) <= 8)
        out, t = [], pd.Timestamp(t0.year, t0.month, 1)
        while t <= t1:
            if t >= t0 and (t.month - 1) % months == 0:
                out.append((t, t.strftime("%b %Y") if t.month == 1 or not out else t.strftime("%b")))
            t = t + pd.DateOffset(months=1)
        return out
    step = next(d for d in (1, 2, 7, 14) if days / d <= 8)
    out, t = [], t0.normalize()
    while t <= t1:
        if t >= t0:
            out.append((t, t.strftime("%d %b")))
        t = t + pd.Timedelta(days=step)
    return out


def timeline(t0: pd.Timestamp, t1: pd.Timestamp, *, published: Sequence[Mark], points: Sequence[Mark],
             intervals: Sequence[Mark], label: str, width: int = 1080) -> str:
    """Lanes on one time axis: publication dates (ticks), dated points (dots), intervals (bars).

    Dot area grows with the count; intervals are one row each, labelled with their count.
    """
    left, right = 96, (160 if intervals else 24)
    plot = width - left - right
    span = max(1.0, (t1 - t0).total_seconds())

    def x(t: pd.Timestamp) -> float:
        return left + plot * min(1.0, max(0.0, (t - t0).total_seconds() / span))

    lanes = [("published", 26 if published else 0), ("points", 44 if points else 0)]
    y = 8
    parts: list[str] = []
    biggest = max([m.count for m in points] + [1])
    if published:
        parts.append(f'<text x="{left - 10}" y="{y + 16}" text-anchor="end" fill="#444">published</text>')
        for m in published:
            parts.append(_wrap_link(m.href, f'<g class="tl-pub"><title>{esc(m.tip)}</title><rect x="{x(m.start) - 1:.1f}" y="{y + 5}" '
                                             f'width="2.5" height="16" fill="{OKABE["grey"]}"/></g>'))
        y += lanes[0][1]
    if points:
        mid = y + 20
        parts.append(f'<line x1="{left}" y1="{mid}" x2="{left + plot}" y2="{mid}" stroke="#ddd"/>'
                     f'<text x="{left - 10}" y="{mid + 4}" text-anchor="end" fill="#444">points</text>')
        for m in sorted(points, key=lambda m: -m.count):
            r = 3 + 9 * math.sqrt(m.count / biggest)
            parts.append(_wrap_link(m.href, f'<g class="tl-pt"><title>{esc(m.tip)}</title><circle cx="{x(m.start):.1f}" cy="{mid}" r="{r:.1f}" '
                                             f'fill="{OKABE["orange"]}" fill-opacity="0.75" stroke="#9a6700" stroke-width="0.8"/></g>'))
        y += lanes[1][1]
    if intervals:
        parts.append(f'<text x="{left - 10}" y="{y + 14}" text-anchor="end" fill="#444">intervals</text>')
        for m in intervals:
            x0, x1 = x(m.start), x(m.end or m.start)
            count = f" ×{num(m.count)}" if m.count > 1 else ""
            parts.append(_wrap_link(m.href, f'<g class="tl-iv"><title>{esc(m.tip)}</title><rect x="{x0:.1f}" y="{y + 4}" width="{max(3.0, x1 - x0):.1f}" '
                                             f'height="12" rx="2" fill="{OKABE["blue"]}" fill-opacity="0.85"/>'
                                             f'<text x="{max(x1, x0 + 3) + 6:.1f}" y="{y + 14}" fill="#333" font-size="11">{esc(shorten(m.label, 22))}{count}</text></g>'))
            y += 18
    axis_y = y + 8
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot}" y2="{axis_y}" stroke="#999"/>')
    grid = []  # drawn first, so marks sit on top of the grid lines
    for t, lab in _ticks(t0, t1):
        grid.append(f'<line x1="{x(t):.1f}" y1="8" x2="{x(t):.1f}" y2="{axis_y + 4}" stroke="#eee"/>'
                    f'<text x="{x(t):.1f}" y="{axis_y + 18}" text-anchor="middle" fill="#555">{esc(lab)}</text>')
    return _svg(width, axis_y + 26, "".join(grid + parts), label, cls="chart timeline")
