"""Which articles get an article view (at most ``MAX_ARTICLE_VIEWS``), and links to them.

Sections ask for articles in the order they appear on the page: each item (a person, a figure, a
quotation…) gives its candidate articles, best first, how many it would like to link to, and a
tier (0: shown on the first page of a list; 1: further pages and second links; 2: chart marks and
matrix cells; 3: filler for the article index).  Tiers are served in order; inside a tier,
selection goes in rounds: in round ``r`` every item that wants ``r`` links and has fewer than ``r``
of its candidates selected gets its next candidate, until the cap is reached.  So every visible
item links somewhere before any item gets a second link, and an item whose article was already
chosen for another item costs nothing.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import pandas as pd

from pipeline.report.html import attrs

#: article views written into one report, at most: on the 20,000-article bench corpus a view
#: averages 23 KB (news and scraped pages, with their highlights and timeline), so 400 views are
#: ≈ 9.4 MB and the page ≈ 10 MB
MAX_ARTICLE_VIEWS = 400
#: and at most this many bytes of views (a corpus of long pages gets fewer views, never a larger page):
#: with ≈ 1 MB for the sections at 20,000 articles, the page stays under 15 MB
MAX_VIEW_BYTES = 11_000_000


class Links:
    """Collects wanted articles, selects the ones that get a view, and renders links to them."""

    def __init__(self, cap: int = MAX_ARTICLE_VIEWS):
        self.cap = cap
        self._wants: list[tuple[int, list[str], int]] = []
        self.selected: dict[str, int] = {}  # article id -> order of selection

    def want(self, candidates: Iterable[str], k: int = 1, tier: int = 0) -> None:
        """An item would like to link to ``k`` of ``candidates`` (best first), at priority ``tier``."""
        cands = list(dict.fromkeys(c for c in candidates if isinstance(c, str)))
        if cands:
            self._wants.append((tier, cands, k))

    def select(self) -> list[str]:
        """Choose the articles that get a view (in selection order)."""
        chosen = self.selected
        for tier in sorted({w[0] for w in self._wants}):
            wants = [(c, k) for t, c, k in self._wants if t == tier]
            for r in range(1, max(k for _c, k in wants) + 1):
                for cands, k in wants:
                    if len(chosen) >= self.cap:
                        return list(chosen)
                    if k < r or sum(1 for c in cands if c in chosen) >= r:
                        continue
                    nxt = next((c for c in cands if c not in chosen), None)
                    if nxt is not None:
                        chosen[nxt] = len(chosen)
        return list(chosen)

    def has(self, article_id: str) -> bool:
        """Whether ``article_id`` has a view."""
        return article_id in self.selected

    def pick(self, candidates: Sequence[str], k: int = 1) -> list[str]:
        """Up to ``k`` of ``candidates`` that have a view, best first."""
        out = [c for c in candidates if c in self.selected]
        return out[:k]

    @staticmethod
    def href(article_id: str, start: int | None = None, end: int | None = None) -> str:
        """The link to an article view, optionally to one span of it."""
        span = f":{int(start)}-{int(end)}" if start is not None and end is not None else ""
        return f"#a-{article_id}{span}"

    def link(self, label_html: str, article_id: str | None, start: int | None = None, end: int | None = None,
             tip: str | None = None) -> str:
        """``label_html`` linked to the article view (plain text when the article has no view)."""
        if article_id and article_id in self.selected:
            return f'<a class="al"{attrs(href=self.href(article_id, start, end), title=tip)}>{label_html}</a>'
        note = f"{tip + ' · ' if tip else ''}no article view (the report keeps {self.cap:,})"
        return f'<span class="nolink"{attrs(title=note)}>{label_html}</span>'

    def link_any(self, label_html: str, candidates: Sequence[str], spans: dict | None = None,
                 tip: str | None = None) -> str:
        """``label_html`` linked to the first candidate article with a view, at its span when known."""
        picked = self.pick(candidates, 1)
        aid = picked[0] if picked else (candidates[0] if candidates else None)
        span = (spans or {}).get(aid, (None, None))
        return self.link(label_html, aid, span[0], span[1], tip=tip)

    def numbered(self, candidates: Sequence[str], k: int = 3, titles: dict[str, str] | None = None) -> str:
        """Small numbered links ``1 2 3`` to up to ``k`` candidate articles that have a view."""
        picked = self.pick(candidates, k)
        return " ".join(
            f'<a class="al n"{attrs(href=self.href(a), title=(titles or {}).get(a) or a)}>{i + 1}</a>'
            for i, a in enumerate(picked)
        ) or '<span class="nolink">–</span>'


def candidates(rows: pd.DataFrame, by_count: bool = True, limit: int = 30) -> tuple[list[str], dict]:
    """The articles of ``rows`` (most rows first, else in row order) and each one's first span."""
    if rows.empty:
        return [], {}
    first = rows.drop_duplicates("article_id")
    if by_count:
        counts = rows.article_id.value_counts(sort=False)
        first = first.assign(_n=first.article_id.map(counts)).sort_values("_n", ascending=False, kind="stable")
    first = first.head(limit)
    spans = {a: (int(s), int(e)) for a, s, e in zip(first.article_id, first.char_start, first.char_end)}
    return list(first.article_id), spans


def titles_of(articles) -> dict[str, str]:
    """Article id → a short label: its title, else its file name (and line), else its id."""
    out = {}
    for aid, title, path, line in zip(articles.article_id, articles.title, articles.source_path,
                                       articles.get("source_line", [None] * len(articles))):
        if isinstance(title, str) and title.strip():
            out[aid] = " ".join(title.split())
        elif isinstance(path, str):
            out[aid] = path + (f" (line {int(line)})" if line == line and line is not None else "")
        else:
            out[aid] = f"article {aid}"
    return out
