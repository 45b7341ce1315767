"""Driver side: the in-memory copy index (LSH band keys + passage fingerprints of every current
article, as flat numpy arrays) and the candidate pairs of a set of query articles.

The index is built from the two hidden tables the workers wrote (``_copy_signatures`` column
``band_keys``, ``_passage_hashes`` column ``hashes``): one row per article with list columns, so
reading it is a copy of two contiguous value buffers, never a per-key string.  A query joins the
query articles' keys against all keys with one sorted search (cost O(K log q) for K keys in the
corpus and q in the query), which is the same code for one new article and for a full build.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.copies.params import BANDS, FP_CANDIDATE_SHARE, MAX_FP_ARTICLES, MIN_SHARED_FP


@dataclass
class CopyIndex:
    """Every current article's LSH band keys and fingerprints.

    ``band_keys`` is (N, BANDS) uint32, zero rows for articles without a signature (``has_sig``
    False).  Fingerprints are flat: ``fp_hash[i]`` belongs to article ``fp_owner[i]``."""

    article_ids: np.ndarray  # object, N
    has_sig: np.ndarray  # bool, N
    band_keys: np.ndarray  # uint32, (N, BANDS)
    n_fp: np.ndarray  # int32, N
    fp_hash: np.ndarray  # uint32, M
    fp_owner: np.ndarray  # int32, M

    @property
    def nbytes(self) -> int:
        """Bytes of the numeric arrays (the article id strings come on top)."""
        return sum(a.nbytes for a in (self.has_sig, self.band_keys, self.n_fp, self.fp_hash, self.fp_owner))

    def positions(self, article_ids) -> np.ndarray:
        """Index positions of ``article_ids`` (those not in the index are left out)."""
        pos = pd.Index(self.article_ids).get_indexer(list(article_ids))
        return pos[pos >= 0]


def _list_values(col: pa.ChunkedArray | pa.Array, dtype) -> tuple[np.ndarray, np.ndarray]:
    """Flat values and per-row lengths of a list column."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    lengths = pc.list_value_length(arr).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    values = pc.list_flatten(arr).to_numpy(zero_copy_only=False).astype(dtype, copy=False)
    return values, lengths


def build_index(signatures: pa.Table, fingerprints: pa.Table) -> CopyIndex:
    """The index of all current articles from ``_copy_signatures`` (columns ``article_id``,
    ``band_keys``) and ``_passage_hashes`` (columns ``article_id``, ``hashes``)."""
    ids = np.asarray(signatures.column("article_id").to_pylist(), dtype=object)
    keys, klen = _list_values(signatures.column("band_keys"), np.uint32)
    has_sig = klen == BANDS
    band = np.zeros((len(ids), BANDS), dtype=np.uint32)
    band[has_sig] = keys.reshape(-1, BANDS) if len(keys) else band[has_sig]
    fp_ids = fingerprints.column("article_id").to_pylist()
    where = pd.Index(ids).get_indexer(fp_ids)
    hashes, flen = _list_values(fingerprints.column("hashes"), np.uint32)
    owner_row = np.repeat(where, flen)
    keep = owner_row >= 0
    n_fp = np.zeros(len(ids), dtype=np.int32)
    n_fp[where[where >= 0]] = flen[where >= 0]
    return CopyIndex(ids, has_sig, band, n_fp, hashes[keep], owner_row[keep].astype(np.int32))


def _join(keys: np.ndarray, owner: np.ndarray, qkeys: np.ndarray, qowner: np.ndarray,
          max_df: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """All (query owner, corpus owner) pairs with an equal key.  With ``max_df``, keys held by more
    than ``max_df`` corpus entries are ignored (common text)."""
    order = np.argsort(qkeys, kind="stable")
    sq, so = qkeys[order], qowner[order]
    lo = np.searchsorted(sq, keys, side="left")
    hit = lo < len(sq)
    hit[hit] = sq[lo[hit]] == keys[hit]
    c_idx = np.nonzero(hit)[0]
    if len(c_idx) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    c_keys = keys[c_idx]
    if max_df is not None:
        uk, inv, df = np.unique(c_keys, return_inverse=True, return_counts=True)
        ok = df[inv] <= max_df
        c_idx, c_keys = c_idx[ok], c_keys[ok]
    lo2 = np.searchsorted(sq, c_keys, side="left")
    hi2 = np.searchsorted(sq, c_keys, side="right")
    cnt = hi2 - lo2
    c_rep = np.repeat(c_idx, cnt)
    q_pos = np.repeat(lo2, cnt) + (np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt))
    return so[q_pos].astype(np.int64), owner[c_rep].astype(np.int64)


def candidates(index: CopyIndex, query: np.ndarray) -> pd.DataFrame:
    """Candidate pairs of the query articles (index positions) with any current article.

    Columns: ``i`` < ``j`` (index positions), ``lsh`` (shared a band key), ``shared_fp``
    (fingerprints in common), ``duplicate_candidate`` (LSH, or at least FP_CANDIDATE_SHARE of the
    smaller fingerprint set shared: finds trimmed copies whose Jaccard is low), and
    ``passage_candidate`` (at least MIN_SHARED_FP fingerprints shared)."""
    query = np.unique(np.asarray(query, dtype=np.int64))
    query = query[index.has_sig[query]]
    n = len(index.article_ids)
    empty = pd.DataFrame({"i": [], "j": [], "lsh": [], "shared_fp": []})
    if len(query) == 0:
        return empty.assign(duplicate_candidate=[], passage_candidate=[])
    # LSH: keys include their band number, so all bands are searched in one flat array
    sig = np.nonzero(index.has_sig)[0]
    flat = index.band_keys[sig].ravel()
    owner = np.repeat(sig, BANDS)
    qa, ca = _join(flat, owner, index.band_keys[query].ravel(), np.repeat(query, BANDS))
    lsh = _pairs(qa, ca, n)
    # fingerprints
    qmask = np.isin(index.fp_owner, query)
    qf, cf = _join(index.fp_hash, index.fp_owner, index.fp_hash[qmask], index.fp_owner[qmask], MAX_FP_ARTICLES)
    fp_codes, fp_counts = np.unique(_codes(qf, cf, n), return_counts=True)
    # a pair of two query articles is seen from both sides: count each shared fingerprint once
    both = np.isin(fp_codes // n, query) & np.isin(fp_codes % n, query)
    fp_counts = np.where(both, fp_counts // 2, fp_counts)
    codes = np.union1d(lsh, fp_codes)
    if len(codes) == 0:
        return empty.assign(duplicate_candidate=[], passage_candidate=[])
    shared = np.zeros(len(codes), dtype=np.int64)
    shared[np.searchsorted(codes, fp_codes)] = fp_counts
    i, j = codes // n, codes % n
    df = pd.DataFrame({"i": i, "j": j, "lsh": np.isin(codes, lsh), "shared_fp": shared})
    smaller = np.minimum(index.n_fp[i], index.n_fp[j])
    df["duplicate_candidate"] = df.lsh | (df.shared_fp >= np.maximum(MIN_SHARED_FP, FP_CANDIDATE_SHARE * smaller))
    df["passage_candidate"] = df.shared_fp >= MIN_SHARED_FP
    return df[df.duplicate_candidate | df.passage_candidate].reset_index(drop=True)


def _codes(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Unordered pairs (a != b) as one int64 code min * n + max."""
    keep = a != b
    a, b = a[keep], b[keep]
    return np.minimum(a, b) * n + np.maximum(a, b)


def _pairs(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    return np.unique(_codes(a, b, n))
