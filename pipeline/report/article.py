"""Article views: the text with its segments shaded by kind and every extraction highlighted.

Mentions (with their date or quantity value), quotations (content, cue, source), reused passages
and the publication date found in the text are inline elements carrying their offsets
(``data-s``/``data-e``) and their normalised value (``data-tip``, shown on hover).  A view is
rendered here, once, into an inert ``<script type="text/x-article">`` block of the page; the
page's script inserts it when its link is opened, so the browser parses only the views a reader
opens.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import pandas as pd

from pipeline.report import svg
from pipeline.report.figures import value_words
from pipeline.report.html import attrs, day, esc, num, shorten
from pipeline.report.load import Tables
from pipeline.report.when import duration_words, timex_words

#: label → colour family of its highlight
FAMILIES = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "other", "PRODUCT": "other", "EVENT": "other", "WORK_OF_ART": "other", "LAW": "other", "LANGUAGE": "other",
    "DATE": "date", "TIME": "date",
    "CARDINAL": "number", "QUANTITY": "number", "MONEY": "number", "PERCENT": "number", "ORDINAL": "number",
}
FAMILY_NAMES = {"person": "people", "org": "organisations", "place": "places", "other": "other names",
                "date": "dates and times", "number": "numbers", "quote": "quotations", "passage": "reused passages",
                "pub": "publication date"}
#: segment kinds in legend order
SEGMENT_KINDS = ["title", "byline", "dateline", "body", "caption", "credit", "embed", "boilerplate"]


@dataclass
class Span:
    """An inline element: offsets, nesting rank (outer first), its tags."""

    start: int
    end: int
    rank: int
    open: str
    close: str
    reopen: str


def _el(tag: str, cls: str, s: int, e: int, tip: str, rank: int = 0, **extra) -> Span:
    return Span(s, e, rank, f"<{tag}{attrs(class_=cls, data_s=s, data_e=e, data_tip=tip, **extra)}>", f"</{tag}>",
                f'<{tag} class="{cls} cont">')


def render_inline(text: str, start: int, end: int, spans: list[Span]) -> str:
    """``text[start:end]`` escaped, with ``spans`` (clipped to it) as properly nested elements.

    Spans open outer rank first, longer first; one that ends inside another is closed and
    re-opened around it (its re-opened part has no offsets, so each span appears once whole).
    """
    inside = [s for s in spans if s.end > start and s.start < end and s.end > s.start]
    inside.sort(key=lambda s: (max(s.start, start), s.rank, -s.end))
    bounds = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    out: list[str] = []
    stack: list[Span] = []
    nxt, pos = 0, start
    for b in bounds:
        out.append(esc(text[pos:b]))
        pos = b
        ending = [i for i, s in enumerate(stack) if min(s.end, end) <= b]
        if ending:
            k = ending[0]
            reopen = [s for s in stack[k:] if min(s.end, end) > b]
            for s in reversed(stack[k:]):
                out.append(s.close)
            del stack[k:]
            for s in reopen:
                out.append(s.reopen)
                stack.append(s)
        while nxt < len(inside) and max(inside[nxt].start, start) == b:
            s = inside[nxt]
            nxt += 1
            if min(s.end, end) > b:
                out.append(s.open if s.start >= start else s.reopen)
                stack.append(s)
    for s in reversed(stack):
        out.append(s.close)
    return "".join(out)


def _present(value) -> bool:
    """Not None, NaN or NaT."""
    return value is not None and not (isinstance(value, float) and value != value) and value is not pd.NaT


class ArticleData:
    """The rows of every table for the articles that get a view, as named tuples grouped by article.

    Converted once (pandas per article would cost ~80 ms a view): a view is then plain Python.
    """

    def __init__(self, t: Tables, ids: list[str]):
        keep = set(ids)

        def grouped(frame: pd.DataFrame | None, col: str = "article_id") -> dict[str, list]:
            out: dict[str, list] = {}
            if frame is None or frame.empty:
                return out
            sub = frame[frame[col].isin(keep)]
            for row in sub.itertuples(index=False):
                out.setdefault(getattr(row, col), []).append(row)
            return out

        self.articles = {r.article_id: r for r in t.articles[t.articles.article_id.isin(keep)].itertuples(index=False)}
        self.texts = {aid: t.texts[aid] for aid in self.articles}
        self.segments = grouped(t.segments)
        self.mentions = grouped(t.mentions)
        self.dates = grouped(t.dates)
        self.quantities = grouped(t.quantities)
        self.quotes = grouped(t.quotes)
        self.passages: dict[str, list] = {}
        if t.passages is not None:
            p = t.passages
            for n in (1, 2):
                other = 3 - n
                sub = p[p[f"article_id_{n}"].isin(keep)]
                for r in sub.itertuples():
                    self.passages.setdefault(getattr(r, f"article_id_{n}"), []).append(
                        (int(getattr(r, f"char_start_{n}")), int(getattr(r, f"char_end_{n}")),
                         getattr(r, f"article_id_{other}"), int(r.n_words)))


def _date_tip(d) -> str:
    value = d.value if isinstance(d.value, str) else "unresolved"
    extra = ", ".join(str(x) for x in (d.kind, d.grain, d.mod) if isinstance(x, str) and x)
    if str(d.kind) in ("duration", "age"):
        span = f" · {duration_words(d.value)}"
    else:
        span = f" · {day(d.start)} to {day(d.end)}" if _present(d.start) and _present(d.end) else ""
    return f"{d.type} {value} ({extra}){span} · rule {d.rule}"


def _mention_spans(aid: str, data: ArticleData, counts: dict[str, int]) -> list[Span]:
    date_by, quant_by = {}, {}
    for d in data.dates.get(aid, []):
        date_by.setdefault(d.mention_id, d)
    for q in data.quantities.get(aid, []):
        quant_by.setdefault(q.mention_id, q)
    spans = []
    for r in data.mentions.get(aid, []):
        label = str(r.label)
        fam = FAMILIES.get(label, "other")
        counts[fam] = counts.get(fam, 0) + 1
        if r.mention_id in date_by:
            tip = _date_tip(date_by[r.mention_id])
        elif r.mention_id in quant_by:
            q = quant_by[r.mention_id]
            counted = f" · counts: {q.counted}" if isinstance(q.counted, str) else ""
            tip = f"{q.label} {value_words(q)}{counted}"
        else:
            tip = f"{label} · {r.name if isinstance(r.name, str) else r.text}"
            if str(r.source) != "model":
                tip += f" ({r.source})"
        spans.append(_el("mark", f"m g-{fam}", int(r.char_start), int(r.char_end), tip, rank=3))
    return spans


def _quote_spans(aid: str, data: ArticleData, text: str, counts: dict[str, int]) -> list[Span]:
    spans: list[Span] = []
    for r in data.quotes.get(aid, []):
        who = r.speaker_name if isinstance(r.speaker_name, str) else "speaker not known"
        via = text[int(r.source_char_start):int(r.source_char_end)] if _present(r.source_char_start) else ""
        cue = text[int(r.cue_char_start):int(r.cue_char_end)] if _present(r.cue_char_start) else ""
        tip = f"{r.kind} quotation · {who}" + (f" (as ‘{via}’)" if via and via != who else "") + (f" · cue ‘{cue}’" if cue else "")
        counts["quote"] = counts.get("quote", 0) + 1
        for s, e in zip(r.content_starts, r.content_ends):
            spans.append(_el("span", f"qt k-{r.kind}", int(s), int(e), tip, rank=1, data_q=r.quote_id))
        if cue:
            spans.append(_el("span", "cue", int(r.cue_char_start), int(r.cue_char_end), f"cue of a quotation by {who}", rank=2))
        if via:
            spans.append(_el("span", "src", int(r.source_char_start), int(r.source_char_end), f"speaker: {who}", rank=2))
    return spans


def _zoom(stamps: list) -> tuple:
    """The axis of an article's timeline: all its dates, unless a few far ones would squash the rest.

    When the middle 80 % of the dates span less than a fifth of the whole range, the axis shows
    that middle part (the rest is listed under the chart).
    """
    lo, hi = stamps[0], stamps[-1]
    if len(stamps) >= 6:
        a, b = stamps[len(stamps) // 10], stamps[-1 - len(stamps) // 10]
        if (b - a) * 5 < (hi - lo):
            width = max(b - a, pd.Timedelta(days=30))
            return a - width * 0.25, b + width * 0.25
    return lo, hi


def _timeline(aid: str, data: ArticleData, art) -> str:
    rows = data.dates.get(aid, [])
    if not rows:
        return '<p class="empty">No dates in this article.</p>'
    published = [svg.Mark(art.published, None, 1, f"published {day(art.published)}")] if _present(art.published) else []
    seen, points_by, intervals, chips = set(), {}, [], []
    for r in rows:
        if (r.char_start, r.char_end) in seen:
            continue
        seen.add((r.char_start, r.char_end))
        kind, href = str(r.kind), f"#a-{aid}:{r.char_start}-{r.char_end}"
        placed = _present(r.start) and not str(r.value).endswith("_REF")
        if kind == "point" and placed:
            points_by.setdefault(str(r.value), []).append(r)
        elif kind == "interval" and placed and _present(r.end):
            intervals.append(svg.Mark(r.start, r.end, 1, f"{r.value}: {day(r.start)} to {day(r.end)} (‘{r.text}’)",
                                      href=href, label=timex_words(r.value)))
        elif kind in ("duration", "age"):
            chips.append(f'<a class="chip" href="{href}" title="{esc(r.value)}">{esc(duration_words(r.value))}'
                         f'{" old" if kind == "age" else ""}</a>')
    points = [svg.Mark(g[0].start, None, len(g), f"{v}: " + ", ".join(dict.fromkeys(f"‘{x.text}’" for x in g[:3])),
                       href=f"#a-{aid}:{g[0].char_start}-{g[0].char_end}") for v, g in points_by.items()]
    parts = []
    stamps = sorted([m.start for m in published + points + intervals] + [m.end for m in intervals])
    if stamps:
        lo, hi = _zoom(stamps)
        pad = max(pd.Timedelta(days=20), (hi - lo) * 0.04)
        inside = [m for m in points if lo <= m.start <= hi]
        off = sorted({day(m.start)[:4] for m in points if not lo <= m.start <= hi})
        published = [m for m in published if lo <= m.start <= hi]
        parts.append(svg.timeline(lo - pad, hi + pad, published=published, points=inside, intervals=intervals,
                                  label="dates in this article", width=900))
        if off:
            parts.append(f'<p class="note">Off the axis: {esc(", ".join(off))}.</p>')
    if chips:
        parts.append(f'<p class="durs"><span class="lbl">durations and ages:</span> {" ".join(chips)}</p>')
    return "".join(parts) or '<p class="empty">No date in this article could be placed in time.</p>'


def _blocks(text: str, segs: list, spans: list[Span]) -> str:
    """The text as one block per segment (shaded by kind), with gaps that hold text as plain blocks."""
    rows = sorted((int(r.char_start), int(r.char_end), str(r.kind)) for r in segs)
    blocks, pos = [], 0
    for s, e, kind in rows + [(len(text), len(text), None)]:
        if s > pos and text[pos:s].strip():
            blocks.append((pos, s, "none"))
        if kind is not None and e > s:
            blocks.append((s, e, kind))
        pos = max(pos, e)
    starts = [b[0] for b in blocks]
    per_block: list[list[Span]] = [[] for _ in blocks]
    for sp in spans:  # each span goes to the blocks it overlaps
        i = max(0, bisect.bisect_right(starts, sp.start) - 1)
        while i < len(blocks) and blocks[i][0] < sp.end:
            if blocks[i][1] > sp.start:
                per_block[i].append(sp)
            i += 1
    out = []
    for (s, e, kind), inside in zip(blocks, per_block):
        label = "not segmented" if kind == "none" else kind
        out.append(f'<div class="seg k-{kind}"><span class="kind">{label}</span>'
                   f'<div class="tx">{render_inline(text, s, e, inside)}</div></div>')
    return "".join(out)


def _legend(counts: dict[str, int], segs: list) -> str:
    sample = {"quote": '<span class="qt">{}</span>', "passage": '<span class="pas">{}</span>',
              "pub": '<span class="pub">{}</span>'}
    items = []
    for fam, name in FAMILY_NAMES.items():
        if counts.get(fam):
            shown = sample.get(fam, '<mark class="m g-' + fam + '">{}</mark>').format(name)
            items.append(f'<span class="lg">{shown}{"" if fam == "pub" else " " + num(counts[fam])}</span>')
    fams = "".join(items)
    present = {str(r.kind) for r in segs}
    shades = "".join(f'<span class="lg"><i class="sw k-{k}"></i>{k}</span>' for k in SEGMENT_KINDS if k in present)
    return f'<div class="legend hl">{fams or "<span>nothing recognised</span>"}</div><div class="legend segs">{shades}</div>'


def _meta(art) -> str:
    line = f", line {int(art.source_line)}" if _present(art.source_line) else ""
    meta = [f"<code>{esc(art.source_path)}{line}</code> ({esc(art.source_format)})", f"language {esc(art.language)}",
            f"{num(art.n_words)} words"]
    if isinstance(art.author, str):
        meta.append(f"by {esc(art.author)}")
    meta.append(f"published {esc(day(art.published))} ({esc(art.published_source)})" if _present(art.published)
                else "no publication date found")
    if isinstance(getattr(art, "url", None), str):
        meta.append(f'<span class="url">{esc(shorten(art.url, 80))}</span>')
    return " · ".join(meta)


def render_article(aid: str, data: ArticleData, titles: dict[str, str]) -> str:
    """The HTML of one article view."""
    art = data.articles[aid]
    text = data.texts[aid]
    counts: dict[str, int] = {}
    spans = _mention_spans(aid, data, counts) + _quote_spans(aid, data, text, counts)
    for s, e, other, n_words in data.passages.get(aid, []):
        spans.append(_el("span", "pas", s, e, f"reused passage ({n_words} words), also in: {shorten(titles.get(other, other), 80)}",
                         data_other=other))
        counts["passage"] = counts.get("passage", 0) + 1
    if _present(art.published_char_start) and str(art.published_source) == "text":
        s, e = int(art.published_char_start), int(art.published_char_end)
        spans.append(_el("span", "pub", s, e, f"the publication date was read from here: {day(art.published)}", rank=2))
        counts["pub"] = 1
    segs = data.segments.get(aid, [])
    return (f'<article class="view" data-article="{esc(aid)}"><header><p class="aid">article <code>{esc(aid)}</code></p>'
            f'<h2>{esc(titles.get(aid, aid))}</h2><p class="meta">{_meta(art)}</p></header>'
            f'{_legend(counts, segs)}<details class="atl" open><summary>Dates in this article</summary>{_timeline(aid, data, art)}</details>'
            f'<div class="text">{_blocks(text, segs, spans)}</div></article>')


def script_block(aid: str, html_text: str) -> str:
    """An inert block holding one view (``</`` cannot close the script: text is escaped, tags are ours)."""
    safe = html_text.replace("</script", "<\\/script")
    return f'<script type="text/x-article" id="art-{esc(aid)}">{safe}</script>'
