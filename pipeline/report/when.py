"""When: what the articles date (points, intervals, durations apart) and their publication dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from pipeline.report import svg
from pipeline.report.html import day, esc, num, pct, section, shorten, table
from pipeline.report.load import Tables
from pipeline.report.views import Links, candidates

#: distinct intervals drawn (most articles first)
TOP_INTERVALS = 12
#: durations and ages listed
TOP_DURATIONS = 12
#: share of dated rows left out at each end of the corpus axis (so 1776 does not squash 2023)
TAIL = 0.02
#: examples of publication dates found in the text
PUB_EXAMPLES = 10
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second", "DE": "decade",
          "CE": "century", "Q": "quarter"}


def duration_words(value: str | None) -> str:
    """A TIMEX3 duration in words: ``P30Y`` → ``30 years``, ``PT5H`` → ``5 hours``, ``PXD`` → ``days``."""
    if not isinstance(value, str):
        return "unknown length"
    m = re.fullmatch(r"PT?([\dX.]+)(DE|CE|[YMWDHSQ])", value)
    if not m:
        return value
    amount, unit = m.groups()
    if value.startswith("PT") and unit == "M":
        unit_word = "minute"
    else:
        unit_word = _UNITS.get(unit, unit)
    if amount == "X":
        return "some " + unit_word + "s"
    return f"{amount} {unit_word}{'' if amount == '1' else 's'}"


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def timex_words(value: str | None) -> str:
    """A TIMEX3 date value a reader can read: ``196`` → ``1960s``, ``2023-Q3`` → ``Q3 2023``."""
    v = str(value)
    if re.fullmatch(r"\d{2}", v):  # a century: 19 is 1900-1999
        n = int(v) + 1
        return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')} century"
    for pattern, fmt in ((r"(\d{3})", "{0}0s"), (r"(\d{4})-Q(\d)", "Q{1} {0}"),
                         (r"(\d{4})-H(\d)", "H{1} {0}"), (r"(\d{4})-W(\d+)", "week {1} of {0}")):
        m = re.fullmatch(pattern, v)
        if m:
            return fmt.format(*m.groups())
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        return f"{_SEASONS[m.group(2)]} {m.group(1)}"
    return v


@dataclass
class When:
    """The corpus timeline's marks and range, durations, ages and publication-date counts."""

    t0: pd.Timestamp | None
    t1: pd.Timestamp | None
    published: list
    points: list
    intervals: list
    left_out: tuple[int, int]
    durations: pd.DataFrame
    ages: pd.DataFrame
    other_kinds: dict[str, int]
    pub_source: dict[str, int]
    pub_grain: dict[str, int]
    pub_examples: pd.DataFrame
    n_articles: int


def _bin(ts: pd.Series, t0: pd.Timestamp, t1: pd.Timestamp) -> pd.Series:
    """Timestamps floored to a bin that fits the axis: days, months or years."""
    days = (t1 - t0).days
    if days <= 400:
        return ts.dt.floor("D")
    if days <= 365 * 30:
        return ts.dt.to_period("M").dt.start_time
    return ts.dt.to_period("Y").dt.start_time


def axis_range(stamps: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The axis: from the ``TAIL`` to the ``1 - TAIL`` quantile of the dates, padded a little."""
    lo, hi = stamps.quantile(TAIL), stamps.quantile(1 - TAIL)
    if len(stamps) < 50:
        lo, hi = stamps.min(), stamps.max()
    pad = max(pd.Timedelta(days=15), (hi - lo) * 0.03)
    return lo - pad, hi + pad


def _marks(frame: pd.DataFrame, key: str, t0, t1, kind: str) -> list:
    """Aggregate rows per bin (points) or per value (intervals): counts, examples, candidates."""
    out = []
    for k, g in frame.groupby(key, sort=False):
        arts = g.article_id.value_counts()
        texts = ", ".join(f"‘{shorten(x, 30)}’" for x in g.text.value_counts().index[:3])
        n_art = len(arts)
        if kind == "point":
            when = pd.Timestamp(k).strftime("%Y-%m-%d")
            tip = f"{when}: {num(len(g))} date{'s' if len(g) != 1 else ''} in {num(n_art)} article{'s' if n_art != 1 else ''}, e.g. {texts}"
            mark = svg.Mark(pd.Timestamp(k), None, n_art, tip)
        else:
            row = g.iloc[0]
            tip = f"{row.value}: {day(row.start)} to {day(row.end)}, in {num(n_art)} article{'s' if n_art != 1 else ''}, e.g. {texts}"
            mark = svg.Mark(row.start, row.end, n_art, tip, label=timex_words(row.value))
        out.append((mark, *candidates(g)))
    return out


def compute(t: Tables) -> When:
    """Marks for the corpus timeline and the tables beside it."""
    d = t.dates
    kind = d.kind.astype(str)
    is_ref = d.value.astype(str).str.endswith("_REF")
    pts = d[(kind == "point") & d.start.notna() & ~is_ref]
    ivs = d[(kind == "interval") & d.start.notna() & d.end.notna()]
    arts = t.articles
    pub = arts[arts.published.notna()]
    stamps = pd.concat([pts.start, ivs.start, ivs.end, pub.published]).dropna()
    t0 = t1 = None
    points, intervals, published, left_out = [], [], [], (0, 0)
    if len(stamps):
        t0, t1 = axis_range(stamps)
        inside = pts[(pts.start >= t0) & (pts.start <= t1)]
        left_out = (int((pts.start < t0).sum()), int((pts.start > t1).sum()))
        points = _marks(inside.assign(_bin=_bin(inside.start, t0, t1)), "_bin", t0, t1, "point")
        iv = ivs[(ivs.end >= t0) & (ivs.start <= t1)].assign(_key=lambda f: f.value.astype(str))
        top_iv = iv.groupby("_key").article_id.nunique().sort_values(ascending=False).head(TOP_INTERVALS).index
        intervals = _marks(iv[iv._key.isin(set(top_iv))], "_key", t0, t1, "interval")
        intervals.sort(key=lambda m: (m[0].start, m[0].end))
        pb = pub[(pub.published >= t0) & (pub.published <= t1)]
        for b, g in pb.groupby(_bin(pb.published, t0, t1)):
            tip = f"published {pd.Timestamp(b).strftime('%Y-%m-%d')}: {num(len(g))} article{'s' if len(g) != 1 else ''}"
            published.append((svg.Mark(pd.Timestamp(b), None, len(g), tip), list(g.article_id[:30]), {}))
    dur = d[kind.isin(["duration", "age"])]
    durations = _duration_table(dur[dur.kind.astype(str) == "duration"])
    ages = _duration_table(dur[dur.kind.astype(str) == "age"])
    other = d[~kind.isin(["point", "interval", "duration", "age"]) | (kind == "point") & (d.start.isna() | is_ref)]
    other_kinds = (other.kind.astype(str).where(~other.value.astype(str).str.endswith("_REF"), "deictic")
                   .value_counts().to_dict())
    src = arts.published_source.astype(str).replace({"nan": "none", "None": "none"})
    examples = arts[(src == "text") & arts.published_char_start.notna()].head(PUB_EXAMPLES * 5)
    return When(t0, t1, published, points, intervals, left_out, durations, ages, other_kinds,
                src.value_counts().to_dict(), arts.published_grain.astype(str).value_counts().to_dict(),
                examples, len(arts))


def _duration_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Durations (or ages) by value: articles, rows, example text and candidate spans."""
    if frame.empty:
        return pd.DataFrame(columns=["value", "n_articles", "n", "cands", "spans", "texts"])
    values = frame.value.astype(str)
    top = frame.groupby(values).article_id.nunique().sort_values(ascending=False).head(TOP_DURATIONS).index
    frame = frame[values.isin(set(top))]
    rows = []
    for value, g in frame.groupby(frame.value.astype(str)):
        cands, spans = candidates(g)
        rows.append({"value": value, "n_articles": g.article_id.nunique(), "n": len(g), "cands": cands, "spans": spans,
                     "texts": list(g.text.value_counts().index[:3])})
    out = pd.DataFrame(rows).sort_values(["n_articles", "n"], ascending=False).head(TOP_DURATIONS)
    return out.reset_index(drop=True)


def want(w: When, links: Links) -> None:
    """Ask for the articles the timeline, durations and publication-date examples link to."""
    for _m, cands, _s in w.intervals:
        links.want(cands, tier=0)
    for frame in (w.durations, w.ages):
        for cands in frame.get("cands", []):
            links.want(cands, tier=0)
    for aid in w.pub_examples.article_id[:PUB_EXAMPLES]:
        links.want([aid], tier=0)
    for _m, cands, _s in sorted(w.points, key=lambda p: -p[0].count)[:60]:
        links.want(cands, tier=2)
    for _m, cands, _s in w.published:
        links.want(cands, tier=2)


def _link_marks(items: list, links: Links) -> list:
    out = []
    for mark, cands, spans in items:
        picked = links.pick(cands, 1)
        if picked:
            span = spans.get(picked[0], (None, None))
            mark.href = links.href(picked[0], *span)
        out.append(mark)
    return out


def _timeline_html(w: When, links: Links) -> str:
    if w.t0 is None:
        return '<p class="empty">No article has a resolved date or a publication date: nothing to place on a timeline.</p>'
    chart = svg.timeline(w.t0, w.t1, published=_link_marks(w.published, links), points=_link_marks(w.points, links),
                         intervals=_link_marks(w.intervals, links), label="timeline of the dates in the articles")
    notes = []
    if any(w.left_out):
        notes.append(f"{num(w.left_out[0])} dated points before {w.t0:%Y} and {num(w.left_out[1])} after {w.t1:%Y} lie off the axis "
                     f"(the axis spans the middle {100 - 200 * TAIL:.0f} % of the dates)")
    words = {"unresolved": "unresolved (no date to anchor them to)", "deictic": "deictic (‘now’, ‘the future’)",
             "set": "repeating (‘every Monday’)", "point": "without a resolved date"}
    other = ", ".join(f"{num(v)} {words.get(k, k)}" for k, v in sorted(w.other_kinds.items()))
    if other:
        notes.append(f"Not drawn: {other}")
    legend = ('<div class="legend"><span><i class="tick"></i>publication dates</span>'
              '<span><i class="dot" style="background:#E69F00"></i>points: a dot’s area grows with the articles dating that '
              'day, month or year</span><span><i class="barkey" style="background:#0072B2"></i>intervals, the most frequent '
              f'{TOP_INTERVALS}</span></div>')
    return legend + f'<div class="scroll">{chart}</div>' + (f'<p class="note">{esc("; ".join(notes))}.</p>' if notes else "")


def _durations_html(frame: pd.DataFrame, what: str, links: Links) -> str:
    if frame.empty:
        return f'<p class="empty">No {what} were found.</p>'
    rows = []
    for r in frame.itertuples():
        label = duration_words(r.value) if what == "durations" else duration_words(r.value).replace("years", "years old")
        link = links.link_any(esc(label), r.cands, r.spans, tip=f"{r.value}: open an example")
        rows.append([link, esc(", ".join(f"‘{shorten(x, 24)}’" for x in r.texts)), num(r.n_articles)])
    return table(["length" if what == "durations" else "age", "as written", "articles"], rows, numeric=(2,), classes="compact")


def _published_html(w: When, t: Tables, links: Links) -> str:
    order = ["metadata", "text", "none"]
    total = w.n_articles
    bars = [svg.Bar({"metadata": "from metadata", "text": "found in the text", "none": "not found"}.get(k, k),
                    w.pub_source.get(k, 0), tip=f"{k}: {num(w.pub_source.get(k, 0))} articles ({pct(w.pub_source.get(k, 0), total)})",
                    colour={"metadata": svg.OKABE["blue"], "text": svg.OKABE["green"], "none": svg.OKABE["grey"]}[k])
            for k in order]
    chart = svg.bar_list(bars, label="publication dates by where they came from", width=420, label_width=130)
    rows = []
    for r in w.pub_examples.head(PUB_EXAMPLES).itertuples():
        s, e = int(r.published_char_start), int(r.published_char_end)
        rows.append([links.link(esc(t.texts[r.article_id][s:e]), r.article_id, s, e, tip="where the date was found"),
                     f'<span class="nw">{esc(day(r.published))}</span>', esc(shorten(r.title or r.source_path, 60))])
    grains = ", ".join(f"{num(v)} to the {k}" for k, v in w.pub_grain.items() if k not in ("nan", "None"))
    found = total - w.pub_source.get("none", 0)
    head = (f'<p class="note" id="pub-found" data-found="{found}">{num(found)} of {num(total)} articles have a publication date '
            f'({pct(found, total)}){": " + esc(grains) if grains else ""}.</p>')
    examples = table(["found in the text as", "read as", "article"], rows, classes="compact",
                     empty="No publication date was found in an article's own text.")
    return f'<div class="cols"><div class="col">{head}{chart}</div><div class="col"><h4>Found in the text</h4>{examples}</div></div>'


def build(t: Tables, links: Links, titles: dict[str, str]) -> Callable[[], str]:
    """Compute the section, register its links, and return the function that renders it."""
    w = compute(t)
    want(w, links)

    def render() -> str:
        intro = ("What the articles date, on one time axis: dates that are a day, month or year are points, "
                 "intervals are bars; durations and ages have no place on an axis and are listed apart.")
        body = (_timeline_html(w, links)
                + '<div class="cols"><div class="col"><h3>Durations</h3>' + _durations_html(w.durations, "durations", links)
                + '</div><div class="col"><h3>Ages</h3>' + _durations_html(w.ages, "ages", links) + "</div></div>"
                + "<h3>Publication dates</h3>" + _published_html(w, t, links))
        return section("when", "When", intro, body)

    return render
