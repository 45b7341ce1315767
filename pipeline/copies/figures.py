"""The same figure across articles: quantities that state one fact grouped into ``figure_groups``.

Two quantities state the same fact when
- they count the same thing: the same counted head noun (``quantities.counted``, singular, read
  from the dependency parse), the same label, unit and currency, and compatible modifiers: the
  words right before the head in one are a subset of those in the other ("victim" ~ "trafficking
  victim" ~ "child sex trafficking victim"; "U.S. troop" and "British troop" are not);
- their values agree: each stated value is read as an interval — a range as written; "over"/"at
  least" v as [v, v(1+t)]; "under"/"at most" as [v(1-t), v]; "nearly"/"about" v, and a round
  figure (6,000; 50; 27,000; 2 million: see `_round`) as [v(1-t), v(1+t)]; any other figure
  (5,791; 54) as itself — and the intervals overlap (t = FIGURE_TOLERANCE).
Groups are the connected components of that relation; only groups seen in two or more articles
are figures "repeated across articles" and become rows.
"""

from __future__ import annotations

import math
import re
from typing import Mapping

import pandas as pd
import pyarrow as pa

from pipeline.copies.params import FIGURE_TOLERANCE, MIN_FIGURE_VALUE
from pipeline.schemas import FIGURE_GROUPS, make_id

#: closed-class words: a noun's premodifiers are the words after the last of these
_FUNCTION = frozenset("""a an the of in on at by for to from with and or but as than that which who whom whose
this these those there their its his her our your my we they it he she are is was were be been being have has had
more less most least about over under nearly almost around some any all each every other another such no not only
up down out off per into onto among between including""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


def modifiers(text: str, q_end: int, counted_start: int | None) -> frozenset[str]:
    """The premodifiers of the counted noun: content words between the number and the noun,
    after the last function word ("6,000 child sex trafficking victims" -> {child, sex,
    trafficking}; "2,000 of which are minors" -> {})."""
    if counted_start is None or pd.isna(counted_start) or counted_start <= q_end or counted_start - q_end > 80:
        return frozenset()
    gap = text[q_end:int(counted_start)]
    if re.search(r"[.;:!?()]\s", gap):
        return frozenset()
    words = [w.lower() for w in _WORD.findall(gap)]
    run: list[str] = []
    for w in words:
        run = [] if w in _FUNCTION else run + [w]
    return frozenset(run)


def _round(v: float) -> bool:
    """A round figure, read as approximate: one significant digit (50; 6,000; 2 million), or two
    with at least two zeros after them (1,500; 27,000; 1.6 billion).  54, 250 and 5,791 are not."""
    if v == 0 or not math.isfinite(v):
        return False
    for digits, min_zeros in ((1, 1), (2, 2)):
        scale = 10 ** (math.floor(math.log10(abs(v))) - digits + 1)
        if abs(v / scale - round(v / scale)) < 1e-9 and scale >= 10 ** min_zeros:
            return True
    return False


def interval(value: float, low: float | None, high: float | None, mod: str | None,
             t: float = FIGURE_TOLERANCE) -> tuple[float, float]:
    """What a stated figure covers (see the module docstring)."""
    if low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        return float(low), float(high)
    v = float(value)
    if mod in ("MORE_THAN", "AT_LEAST"):
        return v, v * (1 + t)
    if mod in ("LESS_THAN", "AT_MOST"):
        return v * (1 - t), v
    if mod == "APPROX" or _round(v):
        return v * (1 - t), v * (1 + t)
    return v, v


def _components(rows: pd.DataFrame) -> list[list[int]]:
    """Connected components (row positions) of one key's quantities: overlapping intervals with
    compatible modifiers.  A sweep over intervals sorted by their start."""
    order = rows.sort_values(["lo", "hi"]).index.tolist()
    parent = {i: i for i in order}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    active: list[int] = []
    for i in order:
        lo, mods = rows.at[i, "lo"], rows.at[i, "mods"]
        active = [j for j in active if rows.at[j, "hi"] >= lo]
        for j in active:
            other = rows.at[j, "mods"]
            if mods <= other or other <= mods:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        active.append(i)
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _prepare(quantities: pd.DataFrame, texts: Mapping[str, str], published: Mapping[str, object]) -> pd.DataFrame:
    q = quantities[quantities.counted.notna() & quantities.value.notna() & (quantities.label.astype(str) != "ORDINAL")].copy()
    q = q[q.value.abs() >= MIN_FIGURE_VALUE]
    if q.empty:
        return q
    q["mod"] = q["mod"].astype(object).where(q["mod"].notna(), None)
    q["counted_key"] = q.counted.str.lower()
    for col in ("label", "unit", "currency"):
        q[f"{col}_key"] = q[col].astype(object).where(q[col].notna(), "").astype(str)
    spans = [interval(v, lo, hi, m) for v, lo, hi, m in zip(q.value, q.low, q.high, q["mod"])]
    q["lo"], q["hi"] = [s[0] for s in spans], [s[1] for s in spans]
    q["mods"] = [modifiers(texts.get(a, ""), e, c) for a, e, c in zip(q.article_id, q.char_end, q.counted_char_start)]
    q["published"] = [published.get(a) for a in q.article_id]
    q["phrase"] = [_phrase(texts.get(a, ""), s, e, ce, t) for a, s, e, ce, t in
                   zip(q.article_id, q.char_start, q.char_end, q.counted_char_end, q.text)]
    return q.reset_index(drop=True)


def _phrase(text: str, start: int, end: int, counted_end, fallback: str) -> str:
    if counted_end is not None and not pd.isna(counted_end) and end <= counted_end <= start + 100:
        return " ".join(text[start:int(counted_end)].split())
    return fallback


def figure_groups(quantities: pd.DataFrame, articles: pd.DataFrame, clusters: pd.DataFrame | None = None) -> pa.Table:
    """``figure_groups`` (schema ``FIGURE_GROUPS``) from the ``quantities`` table and ``articles``
    (``article_id``, ``text``, ``published``); ``clusters`` (``article_id``, ``cluster_id``) adds
    ``n_clusters``, the number of distinct stories (copies counted once) repeating the figure."""
    texts = dict(zip(articles.article_id, articles.text))
    published = {a: (None if pd.isna(p) else p) for a, p in zip(articles.article_id, articles.published)}
    cluster = dict(zip(clusters.article_id, clusters.cluster_id)) if clusters is not None else None
    q = _prepare(quantities, texts, published)
    rows = []
    if not q.empty:
        for _, part in q.groupby(["counted_key", "label_key", "unit_key", "currency_key"], sort=True):
            for members in _components(part):
                g = part.loc[members]
                if g.article_id.nunique() >= 2:
                    rows.append(_group_row(g, cluster))
    rows.sort(key=lambda r: (r["counted"], r["value"], r["figure_group_id"]))
    return pa.Table.from_pylist(rows, schema=FIGURE_GROUPS)


def _group_row(g: pd.DataFrame, cluster: Mapping[str, str] | None) -> dict:
    """One figure group: the first statement (earliest published, then article id and offset;
    undated statements after dated ones), the value stated most often, every article and quantity."""
    g = g.assign(published=pd.to_datetime(g.published)).sort_values(["published", "article_id", "char_start"],
                                                                     na_position="last")
    first = g.iloc[0]
    counts = g.value.value_counts(sort=False)
    value = max(counts.index, key=lambda v: (counts[v], -list(g.value).index(v)))
    desc = max(g.mods, key=lambda m: (len(m), sorted(m)))
    head = str(first.counted)
    words = [w for w in g.iloc[[list(g.mods).index(desc)]].phrase.iloc[0].split() if w.lower().strip(",") in desc]
    dated = g.published.dropna()
    article_ids = list(dict.fromkeys(g.article_id))
    return {
        "figure_group_id": make_id("figure", head, str(first.label), first.quantity_id),
        "counted": head, "description": " ".join(words + [head]), "label": str(first.label),
        "unit": None if pd.isna(first.unit) else str(first.unit),
        "currency": None if pd.isna(first.currency) else str(first.currency),
        "value": float(value), "value_min": float(g.value.min()), "value_max": float(g.value.max()),
        "mods": sorted({m if m else "EXACT" for m in g["mod"].fillna("")}),
        "first_quantity_id": first.quantity_id, "first_article_id": first.article_id,
        "first_published": None if pd.isna(first.published) else first.published, "first_text": first.phrase,
        "last_published": dated.max() if len(dated) else None,
        "n_articles": len(article_ids), "n_clusters": len({cluster.get(a, a) for a in article_ids}) if cluster else None,
        "n_quantities": len(g), "article_ids": article_ids, "quantity_ids": list(g.quantity_id),
    }
