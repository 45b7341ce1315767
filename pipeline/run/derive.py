"""Corpus-level tables and columns the driver derives at commit, from the bucketed tables of the
snapshot being written: entities, and the copies stage's duplicates, passages, clusters (columns of
``articles``), figure groups and quote groups (columns of ``quotes``).

Each derivation is incremental where the issue asks for it: only the articles processed or removed
in this run are looked up in the copy index, groups are redone only for the keys they touch, and a
bucket file of ``articles`` or ``quotes`` is rewritten only when a derived column of one of its
rows changed.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import Callable, Mapping

import pyarrow as pa
import pyarrow.compute as pc

from pipeline import store
from pipeline.schemas import N_BUCKETS, bucket_of
from pipeline.tables import read_table_file, to_table


#: ``ready(table)`` returns once the bucketed ``table`` of the snapshot being written is complete
#: (the engine writes them on other threads); by default everything is written already
Ready = Callable[[str], None]
#: ``aside(fn)`` runs ``fn()`` on another thread and returns its future
Aside = Callable[[Callable[[], object]], Future]


def _no_wait(table: str) -> None:
    return None


@dataclass
class Change:
    """What this run changed: the articles processed (new, changed, reprocessed) and removed."""

    processed: set[str]
    removed: set[str]
    full: bool

    @property
    def any(self) -> bool:
        return self.full or bool(self.processed or self.removed)


def entities(commit: store.Commit, previous: store.Snapshot | None, change: Change, meta: dict) -> None:
    """``entities`` from every article's contributions (linked unchanged when nothing changed)."""
    old = previous.files("entities") if previous else []
    if not change.any and old:
        commit.keep("entities", old[0])
        return
    from pipeline.normalise.names import aggregate_entities

    contributions = store.Snapshot("new", commit.tmp).read("_entity_articles")
    commit.write("entities", "part-00", to_table("entities", aggregate_entities(contributions)), meta)


def _keep_all(commit: store.Commit, previous: store.Snapshot, tables: tuple[str, ...]) -> bool:
    """Link ``tables`` from the previous snapshot when it has them all; returns whether it did."""
    files = {t: previous.files(t) for t in tables}
    if not all(files.values()):
        return False
    for table, paths in files.items():
        for path in paths:
            commit.keep(table, path)
    return True


def copies(commit: store.Commit, previous: store.Snapshot | None, change: Change, meta: dict,
           ready: Ready = _no_wait, aside: Aside | None = None) -> dict:
    """``duplicates``, ``passages``, ``figure_groups``, and the cluster and quote-group columns of
    ``articles`` and ``quotes``; returns counts for the run summary.  Each input table is waited
    for (``ready``) just before it is read; with ``aside``, the quote groups (which need none of
    the rest) are worked out on another thread meanwhile."""
    from pipeline.copies.figures import update_figure_groups
    from pipeline.copies.index import build_index
    from pipeline.copies.update import assign_clusters, bucket_loader, published_map, update_copies

    prev = None if change.full else previous
    if not change.any and prev is not None and _keep_all(commit, prev, ("duplicates", "passages", "figure_groups")):
        return {}

    def _quote_groups() -> None:
        ready("quotes")
        ready("_quote_keys")
        quote_groups(commit, meta)

    quoted = aside(_quote_groups) if aside is not None else None
    new = store.Snapshot("new", commit.tmp)
    ready("_copy_signatures")
    ready("_passage_hashes")
    index = build_index(new.read("_copy_signatures", ["article_id", "band_keys"]),
                        new.read("_passage_hashes", ["article_id", "hashes"]))
    # the candidates need only the index: the articles (texts, dates) are waited for when the
    # candidates are known and their texts are loaded
    articles = _OnFirstUse(lambda: new.read("articles", ["article_id", "published", "cluster_id", "cluster_first_article_id",
                                                         "cluster_size"]), lambda: ready("articles"))
    published = _LazyMap(lambda: published_map(articles()))
    load = bucket_loader(commit.tmp)

    def load_texts(ids):
        articles()  # the texts are in the articles table: wait until it is written
        return load(ids)

    query = set(index.article_ids) if prev is None else change.processed
    result = update_copies(index, query, change.removed, load_texts, published,
                           prev.read("duplicates") if prev else None, prev.read("passages") if prev else None)
    articles, published = articles(), published.value()
    commit.write("duplicates", "part-00", to_table("duplicates", result.duplicates), meta)
    commit.write("passages", "part-00", to_table("passages", result.passages), meta)

    clusters = assign_clusters(articles.column("article_id").to_pylist(), published, result.duplicates)
    moved = set_columns(commit, "articles", "article_id", clusters,
                        ["cluster_id", "cluster_first_article_id", "cluster_size"], meta)
    cluster_of = dict(zip(clusters.column("article_id").to_pylist(), clusters.column("cluster_id").to_pylist()))
    ready("_figure_keys")
    keys = new.read("_figure_keys").to_pandas()
    groups = update_figure_groups(prev.read("figure_groups") if prev else None, keys,
                                  change.processed | change.removed | moved, published, cluster_of)
    commit.write("figure_groups", "part-00", to_table("figure_groups", groups), meta)
    if quoted is None:
        _quote_groups()
    else:
        quoted.result()
    return {**result.stats, "clusters_changed": len(moved)}


class _OnFirstUse:
    """A value computed on the first call (after ``first`` has run)."""

    def __init__(self, make: Callable[[], object], first: Callable[[], None] = lambda: None):
        self._make, self._first, self._done, self._value = make, first, False, None

    def __call__(self):
        if not self._done:
            self._first()
            self._value, self._done = self._make(), True
        return self._value


class _LazyMap(Mapping):
    """A mapping made on its first look-up."""

    def __init__(self, make: Callable[[], Mapping]):
        self.value = _OnFirstUse(make)

    def __getitem__(self, key):
        return self.value()[key]

    def get(self, key, default=None):
        return self.value().get(key, default)

    def __iter__(self):
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())


def quote_groups(commit: store.Commit, meta: dict) -> None:
    """The ``quote_group`` columns of ``quotes``, from every quotation's shingle keys."""
    from pipeline.copies.quote_groups import group_quotes

    new = store.Snapshot("new", commit.tmp)
    if "quotes" not in new.tables():
        return
    groups = group_quotes(new.read("_quote_keys"))
    groups = groups.rename_columns(["quote_id", "article_id", "quote_group", "quote_group_n_articles"])
    set_columns(commit, "quotes", "quote_id", groups, ["quote_group", "quote_group_n_articles"], meta)


def set_columns(commit: store.Commit, table: str, key: str, values: pa.Table, columns: list[str], meta: dict) -> set[str]:
    """Give the rows of a bucketed ``table`` of the snapshot being written the derived ``columns``
    in ``values`` (matched on ``key``; ``values`` also has ``article_id``); only the bucket files in
    which a value changes are rewritten.  Returns the article ids whose values changed."""
    new = store.Snapshot("new", commit.tmp)
    by_bucket: dict[int, list[int]] = {}
    for i, aid in enumerate(values.column("article_id").to_pylist()):
        by_bucket.setdefault(bucket_of(aid), []).append(i)
    changed: set[str] = set()
    for b in range(N_BUCKETS):
        files = [f for f in new.files(table) if f.name.startswith(f"part-{b:02d}.")]
        if not files:
            continue
        current = pa.concat_tables([read_table_file(f, table) for f in files])
        want = values.take(pa.array(by_bucket.get(b, []), pa.int64()))
        updated = _with_columns(current, key, want, columns)
        diff = _changed_keys(current, updated, key, columns)
        if diff:
            changed |= set(pc.filter(updated["article_id"], pc.is_in(updated[key], pa.array(sorted(diff)))).to_pylist())
            commit.replace(table, f"part-{b:02d}", to_table(table, updated), meta)
    return changed


def _with_columns(current: pa.Table, key: str, want: pa.Table, columns: list[str]) -> pa.Table:
    """``current`` with ``columns`` taken from ``want`` (by ``key``; null where ``want`` lacks the row)."""
    pos = pc.index_in(current[key], value_set=want[key])
    out = current
    for col in columns:
        taken = pc.take(want[col], pos)
        out = out.set_column(out.schema.get_field_index(col), col, taken.cast(current.schema.field(col).type))
    return out


def _changed_keys(before: pa.Table, after: pa.Table, key: str, columns: list[str]) -> set[str]:
    keys = before[key].to_pylist()
    diff = set()
    for col in columns:
        for k, x, y in zip(keys, before[col].to_pylist(), after[col].to_pylist()):
            if x != y:
                diff.add(k)
    return diff
