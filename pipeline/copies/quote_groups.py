"""The same quotation across articles: a ``quote_group`` for every row of ``quotes``.

A quotation's words are its content fragments joined, normalised like the article texts (case,
quote marks, punctuation and hyphens gone: re-punctuated quotations compare equal).  Two
quotations are the same when QUOTE_CONTAINMENT of the shorter one's 3-word shingles are in the
other (one outlet trims a quotation, another carries it whole); quotations shorter than
MIN_QUOTE_WORDS words only when their words are identical.  Groups are connected components;
the group id derives from the smallest quote id in it.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.copies.params import MIN_QUOTE_WORDS, QUOTE_CONTAINMENT, QUOTE_SHINGLE_WORDS
from pipeline.copies.text import shingle_hashes, word_list
from pipeline.schemas import QUOTE_GROUPS, make_id

#: a shingle in more quotations than this ("i don't think", "we are going to") is no evidence
_MAX_SHINGLE_QUOTES = 200


def quote_words(text: str, starts, ends) -> list[str]:
    """Normalised words of a quotation's fragments (``content_starts`` / ``content_ends``)."""
    return word_list(text, zip((int(s) for s in starts), (int(e) for e in ends)))


def quote_key_rows(article_id: str, text: str, quotes: Iterable[Mapping]) -> list[dict]:
    """Worker side: one ``_quote_keys`` row per quotation of an article — its normalised 3-word
    shingle hashes (packed little-endian uint64, unique), or, for a quotation shorter than
    MIN_QUOTE_WORDS words, its words as ``short_key``.  The driver groups quotations from these
    rows alone, without the texts."""
    rows = []
    for q in quotes:
        words = quote_words(text, q["content_starts"], q["content_ends"])
        short = " ".join(words) if 0 < len(words) < MIN_QUOTE_WORDS else None
        h = np.unique(shingle_hashes(words, QUOTE_SHINGLE_WORDS)) if len(words) >= MIN_QUOTE_WORDS else np.zeros(0, np.uint64)
        rows.append({"quote_id": q["quote_id"], "article_id": article_id, "n_words": len(words), "short_key": short,
                     "hashes": h.astype("<u8").tobytes()})
    return rows


def group_quotes(keys: pd.DataFrame | pa.Table) -> pa.Table:
    """Driver side: ``quote_id``, ``article_id``, ``quote_group``, ``group_n_articles`` for every
    quotation, from the ``_quote_keys`` rows of all current quotations."""
    keys = keys.to_pandas() if isinstance(keys, pa.Table) else keys
    ids = list(keys.quote_id)
    arts = list(keys.article_id)
    n = len(ids)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    short: dict[str, int] = {}
    owners, hashes, sizes = [], [], np.zeros(n, dtype=np.int64)
    for i, (key, packed) in enumerate(zip(keys.short_key, keys.hashes)):
        if isinstance(key, str):
            union(i, short.setdefault(key, i))
            continue
        h = np.frombuffer(packed, dtype="<u8") if packed else np.zeros(0, np.uint64)
        if len(h):
            sizes[i] = len(h)
            owners.append(np.full(len(h), i))
            hashes.append(h)
    if hashes:
        _link_similar(np.concatenate(hashes), np.concatenate(owners), sizes, union)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    rows = []
    for members in groups.values():
        gid = make_id("quote_group", min(ids[i] for i in members))
        n_articles = len({arts[i] for i in members})
        rows += [{"quote_id": ids[i], "article_id": arts[i], "quote_group": gid, "group_n_articles": n_articles}
                 for i in members]
    rows.sort(key=lambda r: (r["article_id"], r["quote_id"]))
    return pa.Table.from_pylist(rows, schema=QUOTE_GROUPS)


def quote_groups(quotes: pd.DataFrame, texts: Mapping[str, str]) -> pa.Table:
    """Both sides at once (tests, small corpora): ``quotes`` rows with ``quote_id``,
    ``article_id``, ``content_starts``, ``content_ends``; ``texts``: article id -> text."""
    rows = [r for a, part in quotes.groupby("article_id", sort=False)
            for r in quote_key_rows(a, texts.get(a, ""), part.to_dict("records"))]
    keys = pd.DataFrame(rows, columns=["quote_id", "article_id", "n_words", "short_key", "hashes"])
    order = {q: i for i, q in enumerate(quotes.quote_id)}
    return group_quotes(keys.sort_values("quote_id", key=lambda c: c.map(order)))


#: how many (quotation, quotation) sharings are counted at once: bounds the memory of the pair count
_PAIR_CHUNK = 2_000_000


def _shared_counts(keys: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """For every pair of quotations (a < b) that share a shingle: the pair as ``a * n + b`` codes
    (n: one more than the largest owner) and how many shingles they share.  A shingle held by
    more than _MAX_SHINGLE_QUOTES quotations is no evidence and is skipped."""
    n = int(owner.max()) + 1
    order = np.lexsort((owner, keys))
    keys, owner = keys[order], owner[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    lengths = np.diff(np.r_[starts, len(keys)])
    ok = np.repeat((lengths > 1) & (lengths <= _MAX_SHINGLE_QUOTES), lengths)
    keys, owner = keys[ok], owner[ok]
    if len(keys) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), n
    fresh = np.r_[True, (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])]  # one owner once per shingle
    keys, owner = keys[fresh], owner[fresh]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    lengths = np.diff(np.r_[starts, len(keys)])
    ends = np.repeat(starts + lengths, lengths)  # per position: the end of its shingle's run
    pos = np.arange(len(keys))
    codes, counts = [], []
    pending: list[np.ndarray] = []
    size = 0

    def flush() -> None:
        nonlocal pending, size
        if pending:
            c, k = np.unique(np.concatenate(pending), return_counts=True)
            codes.append(c)
            counts.append(k)
        pending, size = [], 0

    for d in range(1, int(lengths.max())):  # the pairs d apart within one shingle's run
        i = pos[pos + d < ends]
        pending.append(owner[i].astype(np.int64) * n + owner[i + d])
        size += len(i)
        if size >= _PAIR_CHUNK:
            flush()
    flush()
    if not codes:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), n
    code = np.concatenate(codes)
    count = np.concatenate(counts)
    uniq, inverse = np.unique(code, return_inverse=True)
    return uniq, np.bincount(inverse, weights=count).astype(np.int64), n


def _link_similar(keys: np.ndarray, owner: np.ndarray, sizes: np.ndarray, union) -> None:
    """Union every pair of quotations sharing QUOTE_CONTAINMENT of the smaller shingle set."""
    code, shared, n = _shared_counts(keys, owner)
    a, b = code // n, code % n
    linked = shared >= QUOTE_CONTAINMENT * np.minimum(sizes[a], sizes[b])
    for x, y in zip(a[linked].tolist(), b[linked].tolist()):
        union(x, y)
