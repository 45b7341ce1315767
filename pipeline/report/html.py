"""Small HTML helpers for the report: escaping, number formats, tables, pagination, chips."""

from __future__ import annotations

import html
import math
from typing import Iterable

import pandas as pd


def esc(value: object) -> str:
    """``value`` as escaped HTML text (None/NaN → empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    return html.escape(str(value), quote=True)


def num(value: object) -> str:
    """A count with thousands separators (``12345`` → ``12,345``); a float with few decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def pct(part: float, whole: float) -> str:
    """``part`` as a share of ``whole`` (``37 %``; ``<1 %`` for small shares)."""
    if not whole:
        return "–"
    share = 100 * part / whole
    return "<1 %" if 0 < share < 1 else f"{share:.0f} %"


def shorten(text: object, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:.-") + "…"


def day(value: object) -> str:
    """A timestamp as ``2023-09-15`` (empty for missing)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def attrs(**values: object) -> str:
    """Render HTML attributes (``data_x`` → ``data-x``; None values left out)."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{esc(value)}"')
    return (" " + " ".join(parts)) if parts else ""


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], *, id_: str | None = None,
          page_size: int | None = None, classes: str = "", numeric: Iterable[int] = (), empty: str = "") -> str:
    """A table of pre-rendered HTML cells; rows past ``page_size`` are paginated by the page's script.

    ``numeric`` lists the column indexes aligned right; ``empty`` is shown when there are no rows.
    """
    numeric = set(numeric)
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{h}</th>' for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        hidden = " hidden" if page_size and n >= page_size else ""
        cells = "".join(f'<td{" class=num" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row))
        body.append(f"<tr{hidden}>{cells}</tr>")
    if not body:
        return f'<p class="empty">{empty or "Nothing to show."}</p>'
    pager = attrs(data_page_size=page_size) if page_size and len(body) > page_size else ""
    return (f'<table{attrs(id=id_, class_=("tbl " + classes).strip())}{pager}><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def bar_cell(value: float, maximum: float, label: str | None = None, colour: str = "var(--c-bar)") -> str:
    """A number with a thin horizontal bar proportional to ``value / maximum`` (for table cells)."""
    width = 0 if not maximum else max(1.0, 100.0 * float(value) / float(maximum))
    return (f'<span class="cellbar"><span class="track"><span class="fill" style="width:{width:.1f}%;background:{colour}">'
            f'</span></span><span class="v">{label if label is not None else num(value)}</span></span>')


def chips(items: Iterable[str], limit: int, more_label: str = "more") -> str:
    """Up to ``limit`` pre-rendered chips, and ``+N more`` for the rest (full list on hover)."""
    items = list(items)
    shown = "".join(f'<span class="chip">{i}</span>' for i in items[:limit])
    if len(items) > limit:
        shown += f'<span class="more">+{len(items) - limit} {more_label}</span>'
    return shown


def section(id_: str, title: str, intro: str, body: str) -> str:
    """One section of the report, with its heading and a sentence saying what it shows."""
    return (f'<section id="{id_}" class="sec"><h2>{esc(title)}</h2><p class="intro">{intro}</p>'
            f"{body}</section>")


def empty_state(text: str) -> str:
    """A short note in place of a chart or list that has nothing to show."""
    return f'<p class="empty">{text}</p>'
