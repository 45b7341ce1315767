"""Assemble the report: read one snapshot, compute every section, write one self-contained HTML file."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.report import article, copies, corpus, figures, quotes, when, who
from pipeline.report.assets import SCRIPT, STYLE
from pipeline.report.html import esc, num
from pipeline.report.load import Tables, load
from pipeline.report.views import MAX_ARTICLE_VIEWS, MAX_VIEW_BYTES, Links, titles_of
from pipeline.schemas import PIPELINE_VERSION

#: sections in page order: (anchor, menu label, builder)
SECTIONS = [("corpus", "Corpus", corpus.build), ("who", "Who", who.build), ("when", "When", when.build),
            ("how-many", "How many", figures.build), ("quotes", "Who said what", quotes.build),
            ("copies", "Copies", copies.build)]
#: no request may leave the page: the browser enforces it
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@dataclass
class Written:
    """What :func:`write_report` wrote."""

    path: Path
    n_bytes: int
    n_views: int
    n_articles: int
    seconds: float
    run_id: str | None
    snapshot_id: str | None


def _header(t: Tables) -> str:
    run = t.source.run
    if run:
        finished = pd.Timestamp(run["finished_at"]).strftime("%Y-%m-%d %H:%M UTC")
        what = (f'Run <b><code id="run-id">{esc(run["run_id"])}</code></b> ({esc(run["command"])}, {esc(run["status"])}, '
                f"finished {esc(finished)})")
    else:
        what = "No run recorded"
    snap = (f'snapshot <b><code id="snapshot-id">{esc(t.source.snapshot_id)}</code></b>' if t.source.snapshot_id
            else '<span id="snapshot-id" data-none="1">tables read from the output directory (not snapshotted)</span>')
    return (f'<header class="top"><div class="wrap"><h1>News corpus report</h1>'
            f'<p class="run">{num(len(t.articles))} articles · {what} · {snap}</p></div></header>')


def _views(t: Tables, links: Links, titles: dict[str, str], budget: int) -> str:
    """The article views, in the order they were selected, while they fit in ``budget`` bytes.

    A view that does not fit is dropped (its links fall back to other candidates or to plain
    text); the links then point only at views that were written.
    """
    chosen = list(links.selected)
    data = article.ArticleData(t, chosen)
    blocks, used = [], 0
    for aid in chosen:
        block = article.script_block(aid, article.render_article(aid, data, titles))
        size = len(block.encode("utf-8"))
        if used + size > budget:
            del links.selected[aid]
            continue
        blocks.append(block)
        used += size
    return "".join(blocks)


def render(t: Tables, cap: int = MAX_ARTICLE_VIEWS, budget: int = MAX_VIEW_BYTES) -> tuple[str, int]:
    """The whole page for the tables ``t``; returns the HTML and the number of article views."""
    titles = titles_of(t.articles)
    links = Links(cap)
    renders = [build(t, links, titles) for _a, _l, build in SECTIONS]
    has_mentions = t.articles.article_id.isin(set(t.mentions.article_id))
    filler = t.articles[has_mentions].sort_values(["published", "article_id"], ascending=[False, True], na_position="last")
    for aid in filler.article_id:  # fill the rest of the cap for the article index: newest first
        links.want([aid], tier=3)
    links.select()
    views = _views(t, links, titles, budget)
    body = "".join(r() for r in renders) + corpus.index_html(t, links, titles)
    nav = "".join(f'<a href="#{a}">{esc(label)}</a>' for a, label, _b in SECTIONS) + '<a href="#articles">Articles</a>'
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>News corpus report · {num(len(t.articles))} articles</title><style>{STYLE}</style></head><body>"
        f'{_header(t)}<nav><div class="wrap">{nav}</div></nav><main>{body}</main>'
        f'<footer>Written {generated} by news-pipeline {esc(PIPELINE_VERSION)} from <code>{esc(t.source.out_dir)}</code>. '
        f"Self-contained: nothing is fetched from the network.</footer>"
        '<div id="overlay" role="dialog" aria-modal="true" aria-label="article"><div id="panel">'
        '<button id="close" type="button" title="close (Esc)">✕ close</button><div id="view-body"></div></div></div>'
        f'<div id="tip" role="tooltip"></div>{views}<script>{SCRIPT}</script></body></html>'
    )
    return page, len(links.selected)


def write_report(out_dir: Path | str, path: Path | str | None = None, cap: int = MAX_ARTICLE_VIEWS) -> Written:
    """Read the tables of ``out_dir`` and write the report (default ``out_dir/report.html``) atomically."""
    start = time.perf_counter()
    out_dir = Path(out_dir)
    t = load(out_dir)
    html, n_views = render(t, cap)
    target = Path(path) if path else out_dir / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    data = html.encode("utf-8")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return Written(target, len(data), n_views, len(t.articles), time.perf_counter() - start,
                   t.source.run.get("run_id"), t.source.snapshot_id)
