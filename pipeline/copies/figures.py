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

Worker side, `figure_keys` reads what grouping needs from the article text (modifiers, the
phrase, the interval) into the hidden bucketed table ``_figure_keys``; driver side,
`figure_groups` / `update_figure_groups` group those rows without any text.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Mapping

import pandas as pd
import pyarrow as pa

from pipeline.copies.params import FIGURE_TOLERANCE, MIN_FIGURE_VALUE
from pipeline.schemas import FIGURE_GROUPS, FIGURE_KEYS, make_id

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


def _components(rows: list[dict], members: list[int]) -> list[list[int]]:
    """Connected components (positions in ``rows``) of one key's quantities ``members``:
    overlapping intervals with compatible modifiers.  Per modifier set, a sweep over the intervals
    sorted by start merges overlapping ones into disjoint ranges (O(n log n)); ranges of two
    compatible modifier sets are then joined where they overlap (a linear merge of two sorted lists)."""
    by_mods: dict[frozenset, list[int]] = {}
    for i in members:
        by_mods.setdefault(rows[i]["mods"], []).append(i)
    ranges: dict[frozenset, list[tuple[float, float, list[int]]]] = {}
    for mods, part in by_mods.items():
        merged: list[tuple[float, float, list[int]]] = []
        for i in sorted(part, key=lambda i: (rows[i]["lo"], rows[i]["hi"])):
            lo, hi = rows[i]["lo"], rows[i]["hi"]
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi), merged[-1][2] + [i])
            else:
                merged.append((lo, hi, [i]))
        ranges[mods] = merged
    nodes = [(mods, k) for mods, merged in ranges.items() for k in range(len(merged))]
    number = {node: i for i, node in enumerate(nodes)}
    parent = list(range(len(nodes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sets = list(ranges)
    for x in range(len(sets)):
        for y in range(x + 1, len(sets)):
            a, b = sets[x], sets[y]
            if not (a <= b or b <= a):
                continue
            i = j = 0
            ra, rb = ranges[a], ranges[b]
            while i < len(ra) and j < len(rb):
                if ra[i][0] <= rb[j][1] and rb[j][0] <= ra[i][1]:
                    u, v = find(number[(a, i)]), find(number[(b, j)])
                    parent[max(u, v)] = min(u, v)
                if ra[i][1] < rb[j][1]:
                    i += 1
                else:
                    j += 1
    groups: dict[int, list[int]] = {}
    for node in nodes:
        groups.setdefault(find(number[node]), []).extend(ranges[node[0]][node[1]][2])
    return list(groups.values())


def _phrase(text: str, start: int, end: int, counted_end, fallback: str) -> str:
    if counted_end is not None and not pd.isna(counted_end) and end <= counted_end <= start + 100:
        return " ".join(text[start:int(counted_end)].split())
    return fallback


def _str(x) -> str:
    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def figure_keys(article_id: str, text: str, quantities: Iterable[Mapping]) -> list[dict]:
    """Worker side: one ``_figure_keys`` row (schema ``FIGURE_KEYS``) per quantity of an article
    that can be grouped (a counted noun, a value of at least MIN_FIGURE_VALUE, not an ordinal),
    with what grouping needs from the text (modifiers, the phrase), so the driver needs no text."""
    rows = []
    for q in quantities:
        value, counted, label = q.get("value"), q.get("counted"), _str(q.get("label"))
        if counted is None or pd.isna(counted) or value is None or pd.isna(value) or label == "ORDINAL":
            continue
        if abs(value) < MIN_FIGURE_VALUE:
            continue
        mod = _str(q.get("mod")) or None
        lo, hi = interval(value, q.get("low"), q.get("high"), mod)
        rows.append({
            "article_id": article_id, "quantity_id": q["quantity_id"], "char_start": int(q["char_start"]),
            "counted": str(counted).lower(), "label": label, "unit": _str(q.get("unit")), "currency": _str(q.get("currency")),
            "value": float(value), "mod": mod, "lo": float(lo), "hi": float(hi),
            "mods": sorted(modifiers(text, int(q["char_end"]), q.get("counted_char_start"))),
            "phrase": _phrase(text, int(q["char_start"]), int(q["char_end"]), q.get("counted_char_end"), str(q.get("text", ""))),
        })
    return rows


def figure_keys_table(quantities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``_figure_keys`` of a whole corpus from the ``quantities`` and ``articles`` tables (what the
    workers produce article by article; for tests and corpora already extracted)."""
    texts = dict(zip(articles.article_id, articles.text))
    rows = []
    for aid, part in quantities.groupby("article_id", sort=True):
        rows += figure_keys(aid, texts.get(aid, ""), part.to_dict("records"))
    return pa.Table.from_pylist(rows, schema=FIGURE_KEYS).to_pandas()


def _group_key(df: pd.DataFrame) -> pd.Series:
    """What must be equal for two statements to be one figure: counted noun, label, unit, currency."""
    parts = [df[c].astype(object).where(df[c].notna(), "").astype(str) for c in ("counted", "label", "unit", "currency")]
    return parts[0] + "\x1f" + parts[1] + "\x1f" + parts[2] + "\x1f" + parts[3]


def figure_groups(keys: pd.DataFrame, published: Mapping[str, object], clusters: Mapping[str, str] | None = None) -> pa.Table:
    """Driver side: ``figure_groups`` (schema ``FIGURE_GROUPS``) from the ``_figure_keys`` rows of
    the articles to consider.  ``published``: article id -> date (or None); ``clusters``: article
    id -> ``cluster_id`` (adds ``n_clusters``: distinct stories, copies counted once)."""
    rows = []
    if len(keys):
        q = keys.reset_index(drop=True)
        dates = pd.to_datetime(pd.Series([published.get(a) for a in q.article_id], dtype=object))
        records = q.to_dict("records")
        by_key: dict[str, list[int]] = {}
        for i, (rec, key, when) in enumerate(zip(records, _group_key(q), dates)):
            rec["mods"], rec["published"] = frozenset(rec["mods"]), when
            by_key.setdefault(key, []).append(i)
        for members in by_key.values():
            for group in _components(records, members):
                if len(group) > 1 and len({records[i]["article_id"] for i in group}) >= 2:
                    rows.append(_group_row([records[i] for i in group], clusters))
    rows.sort(key=lambda r: (r["counted"], r["value"], r["figure_group_id"]))
    return pa.Table.from_pylist(rows, schema=FIGURE_GROUPS)


def update_figure_groups(previous: pa.Table | None, keys: pd.DataFrame, touched_ids: Iterable[str],
                         published: Mapping[str, object], clusters: Mapping[str, str] | None = None) -> pa.Table:
    """Incremental ``figure_groups``: only the (counted noun, label, unit, currency) keys that an
    article new, changed or removed in this run (``touched_ids``; add those whose cluster changed)
    has or had are regrouped; the groups of other keys are kept.  ``keys``: all current
    ``_figure_keys`` rows (only the columns are read, no text).  Equals a full `figure_groups`."""
    if previous is None:
        return figure_groups(keys, published, clusters)
    touched = set(touched_ids)
    prev = previous.to_pandas()
    redo = set(_group_key(keys[keys.article_id.isin(touched)]))
    hit = prev.article_ids.map(lambda ids: not touched.isdisjoint(ids))
    redo |= set(_group_key(prev[hit]))
    fresh = figure_groups(keys[_group_key(keys).isin(redo)], published, clusters)
    kept = prev[~_group_key(prev).isin(redo)]
    out = pa.concat_tables([pa.Table.from_pandas(kept, schema=FIGURE_GROUPS, preserve_index=False), fresh])
    rows = sorted(out.to_pylist(), key=lambda r: (r["counted"], r["value"], r["figure_group_id"]))
    return pa.Table.from_pylist(rows, schema=FIGURE_GROUPS)


def _group_row(g: list[dict], cluster: Mapping[str, str] | None) -> dict:
    """One figure group: the first statement (earliest published, then article id and offset;
    undated statements after dated ones), the value stated most often, every article and quantity."""
    g = sorted(g, key=lambda r: (pd.isna(r["published"]), 0 if pd.isna(r["published"]) else r["published"].value,
                                 r["article_id"], r["char_start"]))
    first = g[0]
    values = [r["value"] for r in g]
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    value = max(counts, key=lambda v: (counts[v], -values.index(v)))
    mods = [r["mods"] for r in g]
    desc = max(mods, key=lambda m: (len(m), sorted(m)))
    head = str(first["counted"])
    words = [w for w in g[mods.index(desc)]["phrase"].split() if w.lower().strip(",") in desc]
    dated = [r["published"] for r in g if not pd.isna(r["published"])]
    article_ids = list(dict.fromkeys(r["article_id"] for r in g))
    return {
        "figure_group_id": make_id("figure", head, first["label"], first["quantity_id"]),
        "counted": head, "description": " ".join(words + [head]), "label": first["label"],
        "unit": first["unit"] or None, "currency": first["currency"] or None,
        "value": float(value), "value_min": float(min(values)), "value_max": float(max(values)),
        "mods": sorted({r["mod"] if not pd.isna(r["mod"]) and r["mod"] else "EXACT" for r in g}),
        "first_quantity_id": first["quantity_id"], "first_article_id": first["article_id"],
        "first_published": None if pd.isna(first["published"]) else first["published"], "first_text": first["phrase"],
        "last_published": max(dated) if dated else None,
        "n_articles": len(article_ids), "n_clusters": len({cluster.get(a, a) for a in article_ids}) if cluster else None,
        "n_quantities": len(g), "article_ids": article_ids, "quantity_ids": [r["quantity_id"] for r in g],
    }
