"""The corpus: articles by format, language and month; rejects by reason; the last runs; the article index."""

from __future__ import annotations

from typing import Callable

import pandas as pd

from pipeline.report import svg
from pipeline.report.html import day, esc, num, pct, section, shorten, table
from pipeline.report.load import Tables
from pipeline.report.views import Links

#: runs listed; files listed per reject reason; articles per page of the index
RUNS = 10
FILES_PER_REASON = 8
INDEX_PAGE = 25


def kpis(t: Tables) -> list[tuple[str, str, int]]:
    """(id, label, value) of the headline counts."""
    out = [("articles", "articles", len(t.articles)), ("words", "words", int(t.articles.n_words.sum())),
           ("rejects", "files or lines rejected", len(t.rejects)), ("entities", "named entities", len(t.entities)),
           ("mentions", "mentions", len(t.mentions)), ("dates", "dates", len(t.dates)),
           ("quantities", "quantities", len(t.quantities))]
    if t.quotes is not None:
        out.append(("quotes", "quotations", len(t.quotes)))
    if t.duplicates is not None:
        out.append(("duplicates", "copied article pairs", len(t.duplicates)))
    return out


def month_bins(published: pd.Series) -> list[tuple[str, int, str]]:
    """Articles per month (per quarter or year over longer spans), with empty bins kept."""
    p = published.dropna()
    if p.empty:
        return []
    lo, hi = p.min(), p.max()
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    freq, fmt = ("M", "%b %Y") if months <= 48 else (("Q", "Q%q %Y") if months <= 160 else ("Y", "%Y"))
    periods = p.dt.to_period(freq)
    counts = periods.value_counts()
    full = pd.period_range(periods.min(), periods.max(), freq=freq)
    out = []
    for per in full:
        label = per.strftime(fmt)
        n = int(counts.get(per, 0))
        out.append((label, n, f"{label}: {num(n)} article{'s' if n != 1 else ''}"))
    return out


def _kpi_html(t: Tables) -> str:
    return '<div class="kpis">' + "".join(
        f'<div class="kpi" id="kpi-{k}"><span class="num" data-n="{v}">{num(v)}</span><span class="lbl">{esc(label)}</span></div>'
        for k, label, v in kpis(t)) + "</div>"


def language_name(code: str) -> str:
    """The English name of a language code of ``articles.language`` ("de" -> "German"), the code itself
    when Babel's CLDR data does not know it; ``und`` is a text in another script no identifier named."""
    if code == "und":
        return "other script"
    try:
        from babel import Locale

        return Locale.parse(code).english_name
    except Exception:  # an unknown or malformed code: show it as it is
        return code


def _distribution(series: pd.Series, label: str, colour: str, name: Callable[[str], str] | None = None,
                  label_width: int = 100) -> str:
    """Bars of the commonest values of ``series``; ``name`` gives a value's label (the value itself,
    as the tables hold it, stays in the hover text)."""
    counts = series.astype(str).replace({"nan": "unknown", "None": "unknown"}).value_counts()
    total = int(counts.sum())
    bars = []
    for k, v in counts.head(10).items():
        shown = name(k) if name and k != "unknown" else k
        bars.append(svg.Bar(shown, int(v), tip=f"{shown}{f' ({k})' if shown != k else ''}: {num(v)} ({pct(v, total)})"))
    return svg.bar_list(bars, label=label, width=360, label_width=label_width, colour=colour) or '<p class="empty">No articles.</p>'


def _rejects_html(t: Tables) -> str:
    r = t.rejects
    if r.empty:
        return '<p class="empty" id="rejects-none">Nothing was rejected: every file was read.</p>'
    rows = []
    for reason, g in sorted(r.groupby(r.reason.astype(str)), key=lambda kv: -len(kv[1])):
        names = [f"{p}:{int(line)}" if pd.notna(line) else str(p) for p, line in zip(g.source_path, g.source_line)]
        files = ", ".join(f"<code>{esc(shorten(n, 60))}</code>" for n in names[:FILES_PER_REASON])
        if len(names) > FILES_PER_REASON:
            files += f' <span class="more">+{num(len(names) - FILES_PER_REASON)} more</span>'
        detail = esc(shorten(g.detail.iloc[0], 90))
        rows.append([f'<b>{esc(reason)}</b>', f'<span class="n" data-reason="{esc(reason)}">{num(len(g))}</span>', f"{files}<div class=detail>{detail}</div>"])
    return table(["reason", "count", "files (first few) and why"], rows, id_="rejects", numeric=(1,))


def _runs_html(t: Tables) -> str:
    runs = t.runs
    if runs.empty:
        return '<p class="empty">No run is recorded.</p>'
    rows = []
    for r in runs.sort_values("finished_at", ascending=False).head(RUNS).itertuples():
        when = pd.Timestamp(r.finished_at).strftime("%Y-%m-%d %H:%M UTC")
        what = f"{num(r.n_new)} new, {num(r.n_changed)} changed, {num(r.n_deleted)} deleted, {num(r.n_unchanged)} unchanged"
        note = "full rebuild" + (f": {r.rebuild_reason}" if isinstance(r.rebuild_reason, str) else "") if r.full_rebuild else ""
        rows.append([f"<code>{esc(r.run_id)}</code>", esc(r.command), f'<span class="nw">{esc(when)}</span>', esc(r.status), num(r.n_articles),
                     esc(what) + (f'<div class="detail">{esc(note)}</div>' if note else ""), num(r.n_rejected),
                     f"{r.seconds_total:,.1f} s"])
    return table(["run", "command", "finished", "status", "articles", "this run", "rejected", "time"], rows,
                 id_="runs", numeric=(4, 6, 7))


def build(t: Tables, links: Links, titles: dict[str, str]) -> Callable[[], str]:
    """The corpus section (it links to no article)."""

    def render() -> str:
        arts = t.articles
        months = month_bins(arts.published)
        no_date = int(arts.published.isna().sum())
        month_chart = svg.columns(months, label="articles by publication month", width=600) if months else ""
        month_note = (f'<p class="note">{num(no_date)} article{"s" if no_date != 1 else ""} ({pct(no_date, len(arts))}) '
                      f'have no publication date and are not counted here.</p>') if no_date else ""
        months_html = (f'<div class="scroll">{month_chart}</div>' if month_chart
                       else '<p class="empty">No article has a publication date.</p>') + month_note
        body = (_kpi_html(t)
                + '<div class="cols">'
                + f'<div class="col narrow"><h3>By source format</h3>{_distribution(arts.source_format, "articles by format", svg.OKABE["blue"])}'
                + f'<h3>By language</h3>{_distribution(arts.language, "articles by language", svg.OKABE["green"], language_name, 130)}</div>'
                + f'<div class="col wide"><h3>By publication month</h3>{months_html}</div>'
                + "</div>"
                + "<h3>Rejected</h3>" + _rejects_html(t)
                + "<h3>Last runs</h3>" + _runs_html(t))
        return section("corpus", "Corpus", "What was read, what could not be used, and what the last runs did.", body)

    return render


def index_html(t: Tables, links: Links, titles: dict[str, str]) -> str:
    """The article index: every article that has a view, searchable, paginated."""
    chosen = list(links.selected)
    arts = t.articles.set_index("article_id").loc[chosen] if chosen else t.articles.head(0).set_index("article_id")
    per = {name: frame.groupby("article_id").size() for name, frame in
           (("mentions", t.mentions), ("dates", t.dates), ("quantities", t.quantities))}
    arts = arts.sort_values(["published", "source_path"], ascending=[False, True], na_position="last")
    rows = []
    for aid, r in arts.iterrows():
        rows.append([links.link(esc(shorten(titles.get(aid, aid), 90)), aid), esc(shorten(r.source_path, 40)),
                     f'<span class="nw">{esc(day(r.published))}</span>', num(r.n_words),
                     *(num(int(per[k].get(aid, 0))) for k in ("mentions", "dates", "quantities"))])
    n_all = len(t.articles)
    intro = (f'<span id="views-count" data-n="{len(chosen)}">{num(len(chosen))}</span> of {num(n_all)} articles have a view in this report '
             f"(the articles the sections link to, up to {num(links.cap)}). Type to filter by title or file.")
    search = '<input type="search" class="filter" data-for="article-index" placeholder="filter articles…" aria-label="filter articles">'
    body = search + table(["article", "file", "published", "words", "mentions", "dates", "quantities"], rows,
                          id_="article-index", page_size=INDEX_PAGE, numeric=(3, 4, 5, 6))
    return section("articles", "Articles", intro, body)
