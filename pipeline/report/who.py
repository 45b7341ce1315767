"""Who: the people and organisations in the most articles, and which of them appear together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from pipeline.report import svg
from pipeline.report.html import bar_cell, chips, esc, num, section, shorten, table
from pipeline.report.load import Tables
from pipeline.report.views import Links

#: rows of each list (people, organisations); the first ``PAGE`` are shown, the rest paginated
TOP_N = 100
PAGE = 15
#: names in the co-mention matrix (at most); 50 is as many as stay readable at 13 px a cell
MATRIX_N = 50
#: labels of the two lists, and their colours (Okabe–Ito blue and vermillion)
KINDS = {"PERSON": ("People", svg.OKABE["blue"]), "ORG": ("Organisations", svg.OKABE["vermillion"])}
#: candidate articles kept per item
CANDIDATES = 30


@dataclass
class Who:
    """The lists and the matrix, with candidate articles for every item."""

    lists: dict[str, pd.DataFrame]  # label -> top entities (with a ``cands`` column)
    names: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    counts: np.ndarray | None = None
    pair_cands: dict[tuple[int, int], list[str]] = field(default_factory=dict)


def entity_articles(mentions: pd.DataFrame, entity_ids) -> pd.DataFrame:
    """(entity_id, article_id, n) for the given entities, most mentions first within each entity."""
    m = mentions.loc[mentions.entity_id.isin(set(entity_ids)), ["entity_id", "article_id"]]
    counts = m.groupby(["entity_id", "article_id"], observed=True).size().rename("n").reset_index()
    return counts.sort_values(["entity_id", "n", "article_id"], ascending=[True, False, True])


def seriate(counts: np.ndarray) -> np.ndarray:
    """An order of the matrix rows that puts names that appear together next to each other.

    Spectral seriation: sort by the Fiedler vector of the graph Laplacian of the co-mention counts.
    """
    n = len(counts)
    if n < 3:
        return np.arange(n)
    w = np.log1p(counts.astype(float))
    np.fill_diagonal(w, 0)
    lap = np.diag(w.sum(1)) - w
    _vals, vecs = np.linalg.eigh(lap)
    return np.lexsort((np.arange(n), np.round(vecs[:, 1], 9)))


def compute(t: Tables) -> Who:
    """Top people and organisations with their candidate articles; the co-mention counts."""
    ents = t.entities
    lists = {}
    for label in KINDS:
        top = ents[ents.label.astype(str) == label].sort_values(["n_articles", "n_mentions", "name"],
                                                                 ascending=[False, False, True]).head(TOP_N)
        lists[label] = top.reset_index(drop=True)
    chosen = pd.concat(list(lists.values())) if lists else ents.head(0)
    matrix_ents = chosen.sort_values(["n_articles", "n_mentions", "name"], ascending=[False, False, True]).head(MATRIX_N)
    ea = entity_articles(t.mentions, chosen.entity_id)
    by_entity = ea.groupby("entity_id", sort=False).article_id.agg(lambda s: list(s[:CANDIDATES]))
    for label, top in lists.items():
        top["cands"] = [by_entity.get(e, []) for e in top.entity_id]
    who = Who(lists=lists)
    if len(matrix_ents) >= 2:
        ids = list(matrix_ents.entity_id)
        sub = ea[ea.entity_id.isin(set(ids))]
        arts = pd.Index(sub.article_id.unique())
        inc = np.zeros((len(arts), len(ids)), dtype=bool)
        inc[arts.get_indexer(sub.article_id), pd.Index(ids).get_indexer(sub.entity_id)] = True
        counts = inc.T.astype(np.int32) @ inc.astype(np.int32)
        order = seriate(counts)
        inc, counts = inc[:, order], counts[np.ix_(order, order)]
        who.names = list(matrix_ents.name.iloc[order])
        who.labels = list(matrix_ents.label.astype(str).iloc[order])
        who.counts = counts
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                if counts[i, j]:
                    rows = np.flatnonzero(inc[:, i] & inc[:, j])[:CANDIDATES]
                    who.pair_cands[(i, j)] = list(arts[rows])
    return who


def want(who: Who, links: Links) -> None:
    """Ask for the articles the lists and the matrix link to."""
    for top in who.lists.values():
        for i, cands in enumerate(top.cands):
            links.want(cands, k=1, tier=0 if i < PAGE else 1)
    for top in who.lists.values():
        for i, cands in enumerate(top.cands[:PAGE]):
            links.want(cands, k=3, tier=1)
    for cands in who.pair_cands.values():
        links.want(cands, k=1, tier=2)


def _list_html(label: str, top: pd.DataFrame, links: Links, titles: dict[str, str]) -> str:
    title, colour = KINDS[label]
    if top.empty:
        return f'<div class="col"><h3>{title}</h3><p class="empty">No {title.lower()} were recognised.</p></div>'
    maximum = int(top.n_articles.max())
    rows = []
    for i, r in enumerate(top.itertuples()):
        first = links.pick(r.cands, 1)
        name = links.link(esc(shorten(r.name, 40)), first[0] if first else None, tip=f"{r.name}: open an article that mentions it most")
        others = [a for a in r.aliases if a != r.name] if r.aliases is not None else []
        alias_html = chips((esc(shorten(a, 30)) for a in others), 4)
        rows.append([f'<span class="rank">{i + 1}</span>', f'<span class="ename" data-entity="{esc(r.entity_id)}">{name}</span>'
                     f'<div class="aliases">{alias_html}</div>',
                     bar_cell(r.n_articles, maximum, colour=colour), num(r.n_mentions),
                     links.numbered(r.cands, 3, titles)])
    body = table(["#", "name and other forms", "articles", "mentions", "see"], rows, id_=f"top-{label.lower()}",
                 page_size=PAGE, classes="who", numeric=(0, 3))
    return f'<div class="col"><h3>{title}</h3>{body}</div>'


def _matrix_html(who: Who, links: Links) -> str:
    if who.counts is None:
        return '<p class="empty">Fewer than two people or organisations: nothing to pair.</p>'
    n = len(who.names)
    hrefs = [[None] * n for _ in range(n)]
    for (i, j), cands in who.pair_cands.items():
        picked = links.pick(cands, 1)
        if picked:
            hrefs[i][j] = hrefs[j][i] = links.href(picked[0])
    marks = [KINDS.get(lab, ("", svg.OKABE["grey"]))[1] for lab in who.labels]
    off = who.counts.copy()
    np.fill_diagonal(off, 0)
    chart = svg.matrix(who.names, marks, who.counts.tolist(), hrefs, label="co-mention matrix")
    legend = (f'<div class="legend"><span><i class="dot" style="background:{KINDS["PERSON"][1]}"></i>person</span>'
              f'<span><i class="dot" style="background:{KINDS["ORG"][1]}"></i>organisation</span></div>'
              + svg.ramp_legend(int(off.max()) if off.size else 0))
    return (f'<h3>Who appears with whom</h3><p class="note">The {n} people and organisations in the most articles; '
            f'a cell is darker the more articles mention both (hover for the number, click to open one). '
            f'Names that appear together are placed next to each other.</p>{legend}<div class="scroll">{chart}</div>')


def build(t: Tables, links: Links, titles: dict[str, str]) -> Callable[[], str]:
    """Compute the section, register its links, and return the function that renders it."""
    who = compute(t)
    want(who, links)

    def render() -> str:
        cols = "".join(_list_html(label, top, links, titles) for label, top in who.lists.items())
        intro = ("The people and organisations mentioned in the most articles, with the other forms "
                 "their names take (aliases). Click a name to read the article that mentions it most; "
                 "1 2 3 open other articles.")
        return section("who", "Who", intro, f'<div class="cols">{cols}</div>{_matrix_html(who, links)}')

    return render
