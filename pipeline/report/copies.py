"""Copies: near-duplicate articles and passages reused across articles (when those tables exist)."""

from __future__ import annotations

from typing import Callable

import pandas as pd

from pipeline.report import svg
from pipeline.report.html import esc, num, section, shorten, table
from pipeline.report.load import Tables
from pipeline.report.views import Links

#: pairs, passages and clusters listed (most similar / longest / largest first)
TOP_PAIRS = 200
TOP_PASSAGES = 100
TOP_CLUSTERS = 30
PAGE = 10


def compute(t: Tables) -> dict | None:
    """Pairs by kind, the top pairs, passages and clusters; None when neither table exists."""
    if t.duplicates is None and t.passages is None:
        return None
    out: dict = {"kinds": {}, "pairs": None, "passages": None, "clusters": []}
    if t.duplicates is not None:
        d = t.duplicates
        out["kinds"] = d.kind.astype(str).value_counts().to_dict()
        out["pairs"] = d.sort_values(["jaccard", "containment"], ascending=False).head(TOP_PAIRS)
    if t.passages is not None:
        out["passages"] = t.passages.sort_values("n_words", ascending=False).head(TOP_PASSAGES)
    if "cluster_id" in t.articles.columns:
        arts = t.articles[t.articles.cluster_id.notna()]
        sizes = arts.groupby("cluster_id").article_id.agg(list)
        sizes = sizes[sizes.map(len) > 1]
        pub = t.articles.set_index("article_id").published
        for cid, members in sorted(sizes.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))[:TOP_CLUSTERS]:
            members = sorted(members, key=lambda a: (pd.isna(pub.get(a)), pub.get(a) if pd.notna(pub.get(a)) else 0, a))
            out["clusters"].append({"cluster": cid, "members": members})
    return out


def want(data: dict | None, links: Links) -> None:
    """Ask for both articles of every pair and passage shown, and the first of every cluster."""
    if not data:
        return
    for i, c in enumerate(data["clusters"]):
        links.want(c["members"], k=2, tier=0 if i < PAGE else 1)
    if data["pairs"] is not None:
        for i, r in enumerate(data["pairs"].itertuples()):
            for aid in (r.article_id_1, r.article_id_2):
                links.want([aid], tier=0 if i < PAGE else 1)
    if data["passages"] is not None:
        for i, r in enumerate(data["passages"].itertuples()):
            for aid in (r.article_id_1, r.article_id_2):
                links.want([aid], tier=0 if i < PAGE else 1)


def _pairs_html(data: dict, links: Links, titles: dict[str, str], text: pd.Series) -> str:
    if data["pairs"] is None:
        return '<p class="empty">No <code>duplicates</code> table in this output.</p>'
    rows = []
    for r in data["pairs"].itertuples():
        first = getattr(r, "first_article_id", None)
        cells = []
        for aid in (r.article_id_1, r.article_id_2):
            mark = ' <span class="badge">first</span>' if first == aid else ""
            cells.append(links.link(esc(shorten(titles.get(aid, aid), 60)), aid) + mark)
        rows.append([*cells, esc(str(r.kind).replace("_", " ")), f"{r.jaccard:.2f}", f"{r.containment:.2f}"])
    return table(["article", "copy", "kind", "Jaccard", "containment"], rows, id_="pairs", page_size=PAGE,
                 numeric=(3, 4), empty="No near-duplicate articles were found.")


def _passages_html(data: dict, links: Links, titles: dict[str, str], text: pd.Series) -> str:
    if data["passages"] is None:
        return '<p class="empty">No <code>passages</code> table in this output.</p>'
    rows = []
    for r in data["passages"].itertuples():
        words = shorten(text.get(r.article_id_1, "")[int(r.char_start_1):int(r.char_end_1)], 180)
        one = links.link(esc(shorten(titles.get(r.article_id_1, r.article_id_1), 50)), r.article_id_1, r.char_start_1, r.char_end_1)
        two = links.link(esc(shorten(titles.get(r.article_id_2, r.article_id_2), 50)), r.article_id_2, r.char_start_2, r.char_end_2)
        rows.append([f"“{esc(words)}”", one, two, num(r.n_words)])
    return table(["passage", "in", "and in", "words"], rows, id_="passages", page_size=PAGE, numeric=(3,),
                 empty="No passage is shared by two articles that are not copies as wholes.")


def build(t: Tables, links: Links, titles: dict[str, str]) -> Callable[[], str]:
    """Compute the section, register its links, and return the function that renders it."""
    data = compute(t)
    want(data, links)

    def render() -> str:
        if data is None:
            return section("copies", "Copies", "Articles that copy each other, and passages reused across articles.",
                           '<p class="empty" id="copies-absent">This output has no <code>duplicates</code> or '
                           "<code>passages</code> table yet (they come with the copies stage); this section fills in when it does.</p>")
        text = t.texts
        kinds = data["kinds"]
        bars = [svg.Bar(k.replace("_", " "), v) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])]
        chart = svg.bar_list(bars, label="article pairs by kind", width=380, label_width=120, colour=svg.OKABE["green"])
        clusters = ""
        if data["clusters"]:
            rows = [[links.link(esc(shorten(titles.get(c["members"][0], ""), 70)), c["members"][0]),
                     num(len(c["members"])), links.numbered(c["members"][1:], 5, titles)] for c in data["clusters"]]
            clusters = "<h3>Largest groups of copies</h3>" + table(["earliest article", "articles", "copies"], rows,
                                                                   page_size=PAGE, numeric=(1,))
        n_pairs = sum(kinds.values())
        intro = (f'<span id="pairs-total" data-n="{n_pairs}">{num(n_pairs)}</span> pair{"s" if n_pairs != 1 else ""} of articles '
                 f'{"are copies" if n_pairs != 1 else "is a copy"} of each other. '
                 "Reused passages are long runs of words two otherwise different articles share.")
        body = (f'<div class="cols"><div class="col narrow">{chart or ""}</div><div class="col wide">{clusters}</div></div>'
                f"<h3>Most similar pairs</h3>{_pairs_html(data, links, titles, text)}"
                f"<h3>Reused passages</h3>{_passages_html(data, links, titles, text)}")
        return section("copies", "Copies", intro, body)

    return render
