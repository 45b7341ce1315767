"""Article views: the text with its segments shaded by kind and every extraction highlighted.

Mentions (with their date or quantity value), quotations (content, cue, source), reused passages
and the publication date found in the text are inline elements carrying their offsets
(``data-s``/``data-e``) and their normalised value (``data-tip``, shown on hover).  A view is
rendered here, once, into an inert ``<script type="text/x-article">`` block of the page; the
page's script inserts it when its link is opened, so the browser parses only the views a reader
opens.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.report import svg
from pipeline.report.figures import value_words
from pipeline.report.html import attrs, day, esc, num, shorten
from pipeline.report.load import Tables
from pipeline.report.when import duration_words

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


class ArticleData:
    """The rows of every table for the articles that get a view, grouped by article."""

    def __init__(self, t: Tables, ids: list[str]):
        keep = set(ids)

        def grouped(frame: pd.DataFrame | None, col: str = "article_id") -> dict:
            if frame is None or frame.empty:
                return {}
            sub = frame[frame[col].isin(keep)]
            return {k: g for k, g in sub.groupby(col, sort=False)}

        self.t = t
        self.articles = t.articles[t.articles.article_id.isin(keep)].set_index("article_id")
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


def _mention_spans(aid: str, data: ArticleData, counts: dict[str, int]) -> list[Span]:
    m = data.mentions.get(aid)
    if m is None:
        return []
    dates = data.dates.get(aid)
    quants = data.quantities.get(aid)
    date_by = {} if dates is None else {r.mention_id: r for r in dates.drop_duplicates("mention_id").itertuples()}
    quant_by = {} if quants is None else {r.mention_id: r for r in quants.drop_duplicates("mention_id").itertuples()}
    spans = []
    for r in m.itertuples():
        label = str(r.label)
        fam = FAMILIES.get(label, "other")
        counts[fam] = counts.get(fam, 0) + 1
        if r.mention_id in date_by:
            d = date_by[r.mention_id]
            value = d.value if isinstance(d.value, str) else "unresolved"
            extra = ", ".join(str(x) for x in (d.kind, d.grain, d.mod) if isinstance(x, str) and x)
            span = f" · {day(d.start)} to {day(d.end)}" if pd.notna(d.start) and pd.notna(d.end) else ""
            if str(d.kind) in ("duration", "age"):
                span = f" · {duration_words(d.value)}"
            tip = f"{d.type} {value} ({extra}){span} · rule {d.rule}"
        elif r.mention_id in quant_by:
            q = quant_by[r.mention_id]
            counted = f" · counts: {q.counted}" if isinstance(q.counted, str) else ""
            tip = f"{q.label} {value_words(q)}{counted}"
        else:
            name = r.name if isinstance(r.name, str) else r.text
            tip = f"{label} · {name}"
            if str(r.source) != "model":
                tip += f" · {r.source}"
        spans.append(_el("mark", f"m g-{fam}", int(r.char_start), int(r.char_end), tip + f" · chars {r.char_start}–{r.char_end}",
                         rank=3, data_l=label, data_m=r.mention_id))
    return spans


def _quote_spans(aid: str, data: ArticleData, text: str, counts: dict[str, int]) -> list[Span]:
    q = data.quotes.get(aid)
    spans: list[Span] = []
    if q is None:
        return spans
    for r in q.itertuples():
        who = r.speaker_name if isinstance(r.speaker_name, str) else "speaker not known"
        via = text[int(r.source_char_start):int(r.source_char_end)] if pd.notna(r.source_char_start) else ""
        cue = text[int(r.cue_char_start):int(r.cue_char_end)] if pd.notna(r.cue_char_start) else ""
        tip = f"{r.kind} quotation · {who}" + (f" (as ‘{via}’)" if via and via != who else "") + (f" · cue ‘{cue}’" if cue else "")
        counts["quote"] = counts.get("quote", 0) + 1
        for s, e in zip(r.content_starts, r.content_ends):
            spans.append(_el("span", f"qt k-{r.kind}", int(s), int(e), tip, rank=1, data_q=r.quote_id))
        if cue:
            spans.append(_el("span", "cue", int(r.cue_char_start), int(r.cue_char_end), f"cue of a quotation by {who}", rank=2))
        if via:
            spans.append(_el("span", "src", int(r.source_char_start), int(r.source_char_end), f"speaker: {who}", rank=2))
    return spans


def _timeline(aid: str, data: ArticleData, art) -> str:
    d = data.dates.get(aid)
    published = [] if pd.isna(art.published) else [svg.Mark(art.published, None, 1, f"published {day(art.published)}")]
    if d is None or d.empty:
        return '<p class="empty">No dates in this article.</p>'
    d = d.drop_duplicates(["char_start", "char_end"])
    kind = d.kind.astype(str)
    ok = d.start.notna() & ~d.value.astype(str).str.endswith("_REF")
    points = [svg.Mark(g.start.iloc[0], None, len(g), f"{v}: " + ", ".join(f"‘{x}’" for x in g.text.unique()[:3]),
                       href=f"#a-{aid}:{int(g.char_start.iloc[0])}-{int(g.char_end.iloc[0])}")
              for v, g in d[(kind == "point") & ok].groupby(d.value.astype(str))]
    intervals = [svg.Mark(r.start, r.end, 1, f"{r.value}: {day(r.start)} to {day(r.end)} (‘{r.text}’)",
                          href=f"#a-{aid}:{r.char_start}-{r.char_end}", label=str(r.value))
                 for r in d[(kind == "interval") & ok & d.end.notna()].itertuples()]
    durs = d[kind.isin(["duration", "age"])]
    chips = " ".join(f'<a class="chip" href="#a-{aid}:{r.char_start}-{r.char_end}" title="{esc(r.value)}">{esc(duration_words(r.value))}'
                     f'{" old" if r.kind == "age" else ""}</a>' for r in durs.itertuples())
    parts = []
    stamps = [m.start for m in published + points] + [m.end for m in intervals if m.end is not None] + [m.start for m in intervals]
    if stamps:
        lo, hi = min(stamps), max(stamps)
        pad = max(pd.Timedelta(days=20), (hi - lo) * 0.04)
        parts.append(svg.timeline(lo - pad, hi + pad, published=published, points=points, intervals=intervals,
                                  label="dates in this article", width=900))
    if chips:
        parts.append(f'<p class="durs"><span class="lbl">durations and ages:</span> {chips}</p>')
    return "".join(parts) or '<p class="empty">No date in this article could be placed in time.</p>'


def _blocks(text: str, segs: pd.DataFrame | None, spans: list[Span]) -> str:
    """The text as one block per segment (shaded by kind), with gaps that hold text as plain blocks."""
    rows = [] if segs is None else sorted(zip(segs.char_start, segs.char_end, segs.kind.astype(str)))
    blocks, pos = [], 0
    for s, e, kind in rows + [(len(text), len(text), None)]:
        s, e = int(s), int(e)
        if s > pos and text[pos:s].strip():
            blocks.append((pos, s, "none"))
        if kind is not None and e > s:
            blocks.append((s, e, kind))
        pos = max(pos, e)
    out = []
    for s, e, kind in blocks:
        label = "not segmented" if kind == "none" else kind
        out.append(f'<div class="seg k-{kind}" data-kind="{kind}"><span class="kind">{label}</span>'
                   f'<div class="tx">{render_inline(text, s, e, spans)}</div></div>')
    return "".join(out)


def _legend(counts: dict[str, int], segs: pd.DataFrame | None) -> str:
    sample = {"quote": '<span class="qt">{}</span>', "passage": '<span class="pas">{}</span>',
              "pub": '<span class="pub">{}</span>'}
    items = []
    for fam, name in FAMILY_NAMES.items():
        if counts.get(fam):
            shown = sample.get(fam, '<mark class="m g-' + fam + '">{}</mark>').format(name)
            items.append(f'<span class="lg">{shown}{"" if fam == "pub" else " " + num(counts[fam])}</span>')
    fams = "".join(items)
    kinds = [] if segs is None else list(dict.fromkeys(k for k in SEGMENT_KINDS if k in set(segs.kind.astype(str))))
    shades = "".join(f'<span class="lg"><i class="sw k-{k}"></i>{k}</span>' for k in kinds)
    return f'<div class="legend hl">{fams or "<span>nothing recognised</span>"}</div><div class="legend segs">{shades}</div>'


def render_article(aid: str, data: ArticleData, titles: dict[str, str]) -> str:
    """The HTML of one article view."""
    art = data.articles.loc[aid]
    text = art.text
    counts: dict[str, int] = {}
    spans = _mention_spans(aid, data, counts) + _quote_spans(aid, data, text, counts)
    for s, e, other, n_words in data.passages.get(aid, []):
        spans.append(_el("span", "pas", s, e, f"reused passage ({n_words} words), also in: {shorten(titles.get(other, other), 80)}",
                         data_other=other))
        counts["passage"] = counts.get("passage", 0) + 1
    if pd.notna(art.published_char_start) and str(art.published_source) == "text":
        s, e = int(art.published_char_start), int(art.published_char_end)
        spans.append(_el("span", "pub", s, e, f"the publication date was read from here: {day(art.published)}", rank=2))
        counts["pub"] = 1
    line = f", line {int(art.source_line)}" if pd.notna(art.source_line) else ""
    meta = [f"<code>{esc(art.source_path)}{line}</code> ({esc(art.source_format)})", f"language {esc(art.language)}",
            f"{num(art.n_words)} words"]
    if isinstance(art.author, str):
        meta.append(f"by {esc(art.author)}")
    meta.append(f"published {esc(day(art.published))} ({esc(art.published_source)})" if pd.notna(art.published)
                else "no publication date found")
    if isinstance(art.url, str):
        meta.append(f'<span class="url">{esc(shorten(art.url, 80))}</span>')
    segs = data.segments.get(aid)
    body = _blocks(text, segs, spans)
    return (f'<article class="view" data-article="{esc(aid)}"><header><p class="aid">article <code>{esc(aid)}</code></p>'
            f'<h2>{esc(titles.get(aid, aid))}</h2><p class="meta">{" · ".join(meta)}</p></header>'
            f'{_legend(counts, segs)}<details class="atl" open><summary>Dates in this article</summary>{_timeline(aid, data, art)}</details>'
            f'<div class="text">{body}</div></article>')


def script_block(aid: str, html_text: str) -> str:
    """An inert block holding one view (``</`` cannot close the script: text is escaped, tags are ours)."""
    safe = html_text.replace("</script", "<\\/script")
    return f'<script type="text/x-article" id="art-{esc(aid)}">{safe}</script>'
