"""How many: the figures the articles cite, with what they count (grouped as ``figure_groups`` groups them)."""

from __future__ import annotations

from typing import Callable

import pandas as pd

from pipeline.report import svg
from pipeline.report.html import esc, num, section, shorten, table
from pipeline.report.load import Tables
from pipeline.report.views import Links, candidates

#: counted nouns listed, most articles first; figures shown per noun; figure groups listed
TOP_NOUNS = 40
PAGE = 12
FIGURES_PER_NOUN = 8
TOP_GROUPS = 40
_KEY = ["counted", "label", "value", "low", "high", "mod", "unit", "currency"]
_MOD_WORDS = {"MORE_THAN": "more than", "LESS_THAN": "less than", "APPROX": "about", "AT_LEAST": "at least",
              "AT_MOST": "at most"}
#: the modifier a figure's text does not show (‘over’ read from the words around ‘6,000’)
_MOD_SHORT = {"MORE_THAN": "over", "LESS_THAN": "under", "APPROX": "about", "AT_LEAST": "at least", "AT_MOST": "at most"}


def _get(row, key: str):
    """A field of a row given as a Series, a dict or a named tuple (``Series.mod`` is a method)."""
    return row.get(key) if isinstance(row, (pd.Series, dict)) else getattr(row, key, None)


def value_words(row) -> str:
    """A normalised figure in words: ``more than 27,000``, ``USD 3,500,000``, ``10–20 km``."""
    def fmt(v):
        return num(v) if v is not None and pd.notna(v) else "?"

    low, high = _get(row, "low"), _get(row, "high")
    if low is not None and high is not None and pd.notna(low) and pd.notna(high):
        amount = f"{fmt(low)}–{fmt(high)}"
    else:
        amount = fmt(_get(row, "value"))
    unit = _get(row, "unit")
    currency = _get(row, "currency")
    if isinstance(currency, str) and currency:
        amount = f"{currency} {amount}"
    if isinstance(unit, str) and unit:
        amount = f"{amount} {unit}"
    mod = _get(row, "mod")
    if isinstance(mod, str) and mod:
        amount = f"{_MOD_WORDS.get(mod, mod.lower())} {amount}"
    return amount


def _with_year(q: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    pub = articles.set_index("article_id").published
    return q.assign(published=q.article_id.map(pub))


def figure_rows(g: pd.DataFrame) -> dict:
    """One figure (rows that state the same normalised value): its text, articles and first sighting."""
    g = g.sort_values(["published", "article_id", "char_start"], na_position="last")
    first = g.iloc[0]
    cands, spans = candidates(g, by_count=False)
    text = g.text.value_counts().index[0]
    mod = first.get("mod")
    if isinstance(mod, str) and mod in _MOD_SHORT and text[:1].isdigit():
        text = f"{_MOD_SHORT[mod]} {text}"
    return {"text": text, "n_articles": g.article_id.nunique(), "n": len(g), "cands": cands, "spans": spans,
            "year": None if pd.isna(first.published) else int(pd.Timestamp(first.published).year),
            "words": value_words(first), "value": first.value, "label": str(first.label)}


def specific_first(fig: dict) -> tuple:
    """Order of the figures of one noun: specific figures (10 or more, money, percentages, measures)
    before small counts ('two', 'three'), then by articles citing them."""
    value = fig["value"] if fig["value"] is not None and pd.notna(fig["value"]) else 0
    specific = value >= 10 or fig["label"] in ("MONEY", "PERCENT", "QUANTITY")
    return (not specific, -fig["n_articles"], -fig["n"], -value)


def compute(t: Tables) -> list[dict]:
    """Counted nouns (most articles first), each with its distinct figures (most articles first)."""
    q = t.quantities
    q = q[(q.label.astype(str) != "ORDINAL") & q.counted.notna() & (q.counted.astype(str) != "")]
    if q.empty:
        return []
    q = _with_year(q, t.articles)
    q = q.assign(_fig=q.groupby(_KEY, dropna=False, observed=True, sort=False).ngroup())
    nouns = q.groupby("counted").agg(n_articles=("article_id", "nunique"), n=("article_id", "size"))
    nouns = nouns.sort_values(["n_articles", "n"], ascending=False).head(TOP_NOUNS)
    out = []
    sub = q[q.counted.isin(set(nouns.index))]
    groups = {noun: g for noun, g in sub.groupby("counted")}
    for noun, r in nouns.iterrows():
        rows = groups[noun]
        # rank the figures on cheap aggregates first; only the shown ones get their articles and spans
        agg = rows.groupby("_fig").agg(n_articles=("article_id", "nunique"), n=("article_id", "size"),
                                       value=("value", "first"), label=("label", "first"))
        ranked = sorted(agg.itertuples(), key=lambda f: specific_first({"value": f.value, "label": str(f.label),
                                                                        "n_articles": f.n_articles, "n": f.n}))
        shown = [f.Index for f in ranked[:FIGURES_PER_NOUN]]
        by_fig = {k: g for k, g in rows[rows._fig.isin(set(shown))].groupby("_fig")}
        figs = [figure_rows(by_fig[k]) for k in shown]
        out.append({"noun": noun, "n_articles": int(r.n_articles), "n": int(r.n), "figures": figs,
                    "n_figures": len(ranked)})
    return out


def groups_from_table(t: Tables) -> list[dict] | None:
    """Figure groups from the ``figure_groups`` table (None when absent or its columns are not known).

    Accepted shapes: one row per member with a group id column (``figure_group_id`` or
    ``group_id``) and ``quantity_id``; or one row per group with a ``quantity_ids`` list.
    """
    fg = t.figure_groups
    if fg is None:
        return None
    gid = next((c for c in ("figure_group_id", "group_id") if c in fg.columns), None)
    if gid is None:
        return []
    if "quantity_id" in fg.columns:
        members = fg[[gid, "quantity_id"]]
    elif "quantity_ids" in fg.columns:
        members = fg[[gid, "quantity_ids"]].explode("quantity_ids").rename(columns={"quantity_ids": "quantity_id"})
    else:
        return []
    q = _with_year(t.quantities, t.articles).merge(members.dropna(), on="quantity_id")
    out = []
    for g_id, g in q.groupby(gid):
        fig = figure_rows(g)
        texts = list(g.text.value_counts().index[:4])
        out.append({"group": g_id, "counted": g.counted.dropna().mode().iloc[0] if g.counted.notna().any() else "",
                    "texts": texts, **fig})
    out.sort(key=lambda f: (-f["n_articles"], str(f["group"])))
    return out[:TOP_GROUPS]


def want(nouns: list[dict], groups: list[dict] | None, links: Links) -> None:
    """Ask for the articles each figure links to."""
    for g in groups or []:
        links.want(g["cands"], tier=0)
    for i, noun in enumerate(nouns):
        for fig in noun["figures"][:FIGURES_PER_NOUN]:
            links.want(fig["cands"], tier=0 if i < PAGE else 1)


def _figure_chip(fig: dict, noun: str, links: Links) -> str:
    year = f' <span class="yr">({fig["year"]})</span>' if fig["year"] else ""
    times = f' <span class="times">×{num(fig["n_articles"])}</span>' if fig["n_articles"] > 1 else ""
    tip = (f'{fig["words"]} {noun} · in {num(fig["n_articles"])} article{"s" if fig["n_articles"] != 1 else ""}'
           f'{", first seen " + str(fig["year"]) if fig["year"] else ""}')
    return links.link_any(f'{esc(shorten(fig["text"], 40))}{year}{times}', fig["cands"], fig["spans"], tip=tip)


def _nouns_html(nouns: list[dict], links: Links) -> str:
    rows = []
    for noun in nouns:
        figs = noun["figures"]
        shown = " <span class=sep>·</span> ".join(_figure_chip(f, noun["noun"], links) for f in figs)
        rest = noun["n_figures"] - len(figs)
        more = f' <span class="more">+{num(rest)} more</span>' if rest > 0 else ""
        rows.append([f'<b class="noun">{esc(noun["noun"])}</b>', f'<span class="figs">{shown}{more}</span>',
                     num(noun["n_articles"])])
    return table(["what is counted", "figures cited (year first seen, ×articles)", "articles"], rows, id_="figures",
                 page_size=PAGE, numeric=(2,), classes="figures",
                 empty="No figure with a counted noun was found.")


def _groups_html(groups: list[dict] | None, links: Links, titles: dict[str, str]) -> str:
    if groups is None:
        return ('<p class="empty" id="figure-groups-absent">Figures are grouped by the noun they count. The '
                '<code>figure_groups</code> table (the same fact repeated across articles) is not in this output yet.</p>')
    if not groups:
        return '<p class="empty">No figure is repeated across articles (or the figure_groups columns were not recognised).</p>'
    rows = []
    for g in groups:
        year = f' <span class="yr">({g["year"]})</span>' if g["year"] else ""
        label = esc(shorten(titles.get(g["cands"][0], g["cands"][0]), 50)) + year
        first = links.link_any(label, g["cands"][:1], g["spans"], tip="the earliest article that cites it")
        variants = " · ".join(esc(shorten(x, 40)) for x in g["texts"])
        rows.append([f'<b class="noun">{esc(g["counted"])}</b>', variants, first, num(g["n_articles"]),
                     links.numbered(g["cands"], 4)])
    return ("<h3>The same figure across articles</h3>"
            + table(["counted", "as written", "first seen", "articles", "see"], rows, id_="figure-groups",
                    page_size=PAGE, numeric=(3,)))


def _labels_chart(t: Tables) -> str:
    counts = t.quantities.label.astype(str).value_counts()
    names = {"CARDINAL": "counts", "MONEY": "money", "PERCENT": "percentages", "QUANTITY": "measures",
             "ORDINAL": "ordinals"}
    bars = [svg.Bar(names.get(k, k.lower()), int(v), tip=f"{k}: {num(v)}") for k, v in counts.items()]
    return svg.bar_list(bars, label="quantities by kind", width=380, label_width=110, colour=svg.OKABE["sky"]) or \
        '<p class="empty">No quantities were found.</p>'


def build(t: Tables, links: Links, titles: dict[str, str]) -> Callable[[], str]:
    """Compute the section, register its links, and return the function that renders it."""
    nouns = compute(t)
    groups = groups_from_table(t)
    want(nouns, groups, links)

    def render() -> str:
        intro = ("The figures the articles cite, by what they count. The same normalised value is one figure "
                 "(its most common wording is shown; hover for the value); click it to see it in the first article that cites it.")
        search = ('<input type="search" class="filter" data-for="figures" placeholder="filter by what is counted…" '
                  'aria-label="filter figures">' if len(nouns) > PAGE else "")
        body = (f'<div class="cols"><div class="col narrow"><h4>All quantities by kind</h4>{_labels_chart(t)}</div>'
                f'<div class="col wide"><h4>Figures by what they count</h4>{search}<p class="note">Specific figures come first (10 or more, money, '
                f'percentages, measures); the year is when the figure was first seen, ×N the articles that cite it.</p></div></div>'
                f'{_nouns_html(nouns, links)}' + _groups_html(groups, links, titles))
        return section("how-many", "How many", intro, body)

    return render
