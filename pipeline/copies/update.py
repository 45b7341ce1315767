"""Driver side, at commit: the new ``duplicates`` and ``passages`` tables from the copy index, the
articles that are new or changed, those removed, and the previous tables (incremental), and the
``cluster_id`` of every article.

Only the query articles (new or changed) are compared: pairs between two unchanged articles are
kept from the previous tables, pairs with a removed or changed article are dropped.  Every
reported pair is verified on the two texts (re-tokenised: exact Jaccard and containment on the
normalised shingle sets, passages aligned word by word), so candidates never decide a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.copies.compare import Similarity, pair_kind, shared_passages, similarity_of_counts, sorted_hashes
from pipeline.copies.index import CopyIndex, candidates
from pipeline.copies.params import SHINGLE_WORDS
from pipeline.copies.text import text_shingles, words_of
from pipeline.schemas import ARTICLE_CLUSTERS, DUPLICATES, PASSAGES, bucket_of, make_id


class CopyText(NamedTuple):
    """What the driver needs of one candidate article: its text, main spans and MinHash."""

    text: str
    spans: list[tuple[int, int]]
    minhash: np.ndarray


#: ids -> their CopyText (the engine reads them from the snapshot: see `bucket_loader`)
Loader = Callable[[Sequence[str]], Mapping[str, CopyText]]


@dataclass
class CopyTables:
    """The driver's output for one commit."""

    duplicates: pa.Table
    passages: pa.Table
    stats: dict


def _first(a: str, b: str, published: Mapping[str, object]) -> str | None:
    pa_, pb = published.get(a), published.get(b)
    if pa_ is None or pb is None or pd.isna(pa_) or pd.isna(pb) or pa_ == pb:
        return None
    return a if pa_ < pb else b


def _estimate(ma: np.ndarray, mb: np.ndarray) -> float | None:
    if len(ma) == 0 or len(ma) != len(mb):
        return None
    return int(np.count_nonzero(ma == mb)) / len(ma)  # (= np.mean of the booleans, exactly; a fifth of the cost)


def compare_pairs(pairs: Iterable[tuple[str, str, bool]], texts: Mapping[str, CopyText],
                  published: Mapping[str, object]) -> tuple[list[dict], list[dict]]:
    """Duplicate and passage rows for candidate pairs ``(id_a, id_b, passage_candidate)``."""
    # per article, once: its shingle hashes in text order and as a sorted set, and (for the
    # second article of a pair aligned for passages) their sort order; where its words are only
    # for the articles a passage is found in.  The words themselves are not kept (they were the
    # largest part of the driver's memory here)
    shingles: dict[str, np.ndarray] = {}
    distinct: dict[str, np.ndarray] = {}
    n_words: dict[str, int] = {}
    in_order: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    offsets: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def get(aid: str) -> np.ndarray:
        if aid not in shingles:
            t = texts[aid]
            n_words[aid], shingles[aid] = text_shingles(t.text, t.spans)
            distinct[aid] = np.unique(shingles[aid])
        return shingles[aid]

    def sorted_of(aid: str) -> tuple[np.ndarray, np.ndarray]:
        if aid not in in_order:
            in_order[aid] = sorted_hashes(shingles[aid])
        return in_order[aid]

    def offsets_of(aid: str) -> tuple[np.ndarray, np.ndarray]:
        if aid not in offsets:
            t = texts[aid]
            w = words_of(t.text, t.spans)
            offsets[aid] = (w.starts, w.ends)
        return offsets[aid]

    dup_rows, pas_rows = [], []
    for a, b, passage_candidate in pairs:
        a, b = min(a, b), max(a, b)
        ha, hb = get(a), get(b)
        da, db = distinct[a], distinct[b]
        shared = np.intersect1d(da, db, assume_unique=True) if len(da) and len(db) else da[:0]
        sim: Similarity = similarity_of_counts(len(da), len(db), len(shared))
        kind = pair_kind(sim)
        if kind is not None:
            dup_rows.append({
                "article_id_1": a, "article_id_2": b, "jaccard": sim.jaccard,
                "jaccard_estimate": _estimate(texts[a].minhash, texts[b].minhash),
                "containment": sim.containment, "kind": kind, "first_article_id": _first(a, b, published),
                "n_shared_shingles": sim.n_shared,
            })
        elif passage_candidate:
            found = shared_passages(ha, hb, b_sorted=sorted_of(b), shared=shared) if min(n_words[a], n_words[b]) >= SHINGLE_WORDS else []
            if found:
                (starts_a, ends_a), (starts_b, ends_b) = offsets_of(a), offsets_of(b)
            for p in found:
                s1, e1 = int(starts_a[p.a_start]), int(ends_a[p.a_end - 1])
                s2, e2 = int(starts_b[p.b_start]), int(ends_b[p.b_end - 1])
                pas_rows.append({
                    "passage_id": make_id("passage", a, s1, e1, b, s2, e2),
                    "article_id_1": a, "char_start_1": s1, "char_end_1": e1,
                    "article_id_2": b, "char_start_2": s2, "char_end_2": e2,
                    "n_words": p.n_words, "n_words_1": p.a_end - p.a_start, "n_words_2": p.b_end - p.b_start,
                    "first_article_id": _first(a, b, published),
                })
    return dup_rows, pas_rows


def _keep(previous: pa.Table | None, stale: set[str], schema: pa.Schema) -> pa.Table:
    if previous is None or previous.num_rows == 0:
        return schema.empty_table()
    df = previous.to_pandas()
    keep = ~(df.article_id_1.isin(stale) | df.article_id_2.isin(stale))
    return pa.Table.from_pandas(df[keep], schema=schema, preserve_index=False)


def _table(rows: list[dict], kept: pa.Table, schema: pa.Schema, sort: list[str]) -> pa.Table:
    new = pa.Table.from_pylist(rows, schema=schema)
    out = pa.concat_tables([kept.cast(schema), new]) if kept.num_rows else new
    return out.sort_by([(c, "ascending") for c in sort])


def update_copies(index: CopyIndex, query_ids: Iterable[str], removed_ids: Iterable[str], load: Loader,
                  published: Mapping[str, object], previous_duplicates: pa.Table | None = None,
                  previous_passages: pa.Table | None = None) -> CopyTables:
    """The new ``duplicates`` and ``passages`` tables.

    ``index``: `build_index` over the new snapshot's hidden tables (all current articles).
    ``query_ids``: articles new or changed in this run (every article on a full build).
    ``removed_ids``: articles gone since the previous snapshot.  ``load``: reads the text, main
    spans and MinHash of the candidate articles.  ``published``: article id -> publication time
    (or None), for ``first_article_id``.  ``previous_*``: the previous snapshot's tables (None on
    a first or full build)."""
    query_ids = set(query_ids)
    stale = query_ids | set(removed_ids)
    cand = candidates(index, index.positions(query_ids))
    ids = index.article_ids
    pairs = [(ids[i], ids[j], bool(pc_)) for i, j, pc_ in zip(cand.i, cand.j, cand.passage_candidate)]
    needed = sorted({x for a, b, _ in pairs for x in (a, b)})
    texts = load(needed) if needed else {}
    dup_rows, pas_rows = compare_pairs(pairs, texts, published)
    dups = _table(dup_rows, _keep(previous_duplicates, stale, DUPLICATES), DUPLICATES, ["article_id_1", "article_id_2"])
    pas = _table(pas_rows, _keep(previous_passages, stale, PASSAGES), PASSAGES,
                 ["article_id_1", "article_id_2", "char_start_1", "char_start_2"])
    stats = {"query_articles": len(query_ids), "candidate_pairs": len(cand), "articles_read": len(needed),
             "lsh_candidates": int(cand.lsh.sum()) if len(cand) else 0}
    return CopyTables(dups, pas, stats)


# -- clusters --------------------------------------------------------------------------------
def assign_clusters(article_ids: Sequence[str], published: Mapping[str, object], duplicates: pa.Table) -> pa.Table:
    """``cluster_id`` of every article (schema ``ARTICLE_CLUSTERS``): articles linked by
    duplicate pairs (any kind, transitively) share one; an article with no copy is a cluster of
    its own.  The id is derived from the smallest article id in the cluster, so it stays put as
    long as that article does.  ``cluster_first_article_id`` is the member published first
    (ties and missing dates: the smallest article id among the earliest; all dates missing:
    null), ``cluster_size`` the number of members."""
    ids = list(article_ids)
    pos = {a: i for i, a in enumerate(ids)}
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(duplicates.column("article_id_1").to_pylist(), duplicates.column("article_id_2").to_pylist()):
        if a in pos and b in pos:
            ra, rb = find(pos[a]), find(pos[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[str]] = {}
    for a in ids:
        members.setdefault(find(pos[a]), []).append(a)
    rows = []
    for group in members.values():
        group.sort()
        dated = [(published.get(a), a) for a in group if published.get(a) is not None and not pd.isna(published.get(a))]
        first = min(dated)[1] if dated else None
        cid = make_id("cluster", group[0])
        rows += [{"article_id": a, "cluster_id": cid, "cluster_first_article_id": first, "cluster_size": len(group)}
                 for a in group]
    return pa.Table.from_pylist(sorted(rows, key=lambda r: r["article_id"]), schema=ARTICLE_CLUSTERS)


# -- loaders ---------------------------------------------------------------------------------
def table_loader(articles: pd.DataFrame | pa.Table, signatures: pd.DataFrame | pa.Table) -> Loader:
    """A loader over in-memory tables (``articles`` with ``article_id``, ``text``;
    ``_copy_signatures`` with ``main_starts``, ``main_ends``, ``minhash``): small corpora, tests."""
    arts = articles.to_pandas() if isinstance(articles, pa.Table) else articles
    sigs = signatures.to_pandas() if isinstance(signatures, pa.Table) else signatures
    text = dict(zip(arts.article_id, arts.text))
    sig = {r.article_id: r for r in sigs.itertuples()}

    def load(ids: Sequence[str]) -> dict[str, CopyText]:
        return {a: CopyText(text[a], list(zip(sig[a].main_starts, sig[a].main_ends)), np.asarray(sig[a].minhash, dtype=np.uint32))
                for a in ids}

    return load


def _bucket_file(table_dir: Path, bucket: int) -> Path:
    """The file of one bucket (``part-07.parquet``, or ``part-07.s000003.parquet`` in a snapshot)."""
    found = sorted(table_dir.glob(f"part-{bucket:02d}.*parquet"))
    return found[-1] if found else table_dir / f"part-{bucket:02d}.parquet"


def bucket_loader(out_dir: Path) -> Loader:
    """A loader over a directory of bucketed tables (``articles/part-NN.parquet`` and
    ``_copy_signatures/part-NN.parquet``): reads only the buckets of the asked ids, with a row
    filter on ``article_id``."""
    out_dir = Path(out_dir)

    def load(ids: Sequence[str]) -> dict[str, CopyText]:
        by_bucket: dict[int, list[str]] = {}
        for a in ids:
            by_bucket.setdefault(bucket_of(a), []).append(a)
        out: dict[str, CopyText] = {}
        for bucket, some in sorted(by_bucket.items()):
            flt = [("article_id", "in", some)]
            arts = pq.read_table(_bucket_file(out_dir / "articles", bucket), columns=["article_id", "text"], filters=flt)
            sigs = pq.read_table(_bucket_file(out_dir / "_copy_signatures", bucket),
                                 columns=["article_id", "main_starts", "main_ends", "minhash"], filters=flt)
            out.update(table_loader(arts, sigs)(some))
        return out

    return load


def published_map(articles: pd.DataFrame | pa.Table) -> dict[str, datetime | None]:
    """article id -> ``published`` (None where unknown) from an ``articles`` table."""
    df = articles.to_pandas() if isinstance(articles, pa.Table) else articles
    return {a: (None if pd.isna(p) else p) for a, p in zip(df.article_id, df.published)}
