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

from pipeline.copies.params import BANDS, FP_CANDIDATE_SHARE, MAX_FP_ARTICLES, MIN_SHARED_FP, QUERY_CHUNK


@dataclass
class CopyIndex:
    """Every current article's LSH band keys and fingerprints.

    ``band_keys`` is (N, BANDS) uint32, zero rows for articles without a signature (``has_sig``
    False).  Fingerprints are flat, article by article: those of article ``r`` are
    ``fp_hash[fp_offsets[r]:fp_offsets[r + 1]]``."""

    article_ids: np.ndarray  # object, N
    has_sig: np.ndarray  # bool, N
    band_keys: np.ndarray  # uint32, (N, BANDS)
    fp_hash: np.ndarray  # uint32, M
    fp_offsets: np.ndarray  # int64, N + 1

    @property
    def n_fp(self) -> np.ndarray:
        return np.diff(self.fp_offsets)

    @property
    def nbytes(self) -> int:
        """Bytes of the numeric arrays (the article id strings come on top)."""
        return sum(a.nbytes for a in (self.has_sig, self.band_keys, self.fp_hash, self.fp_offsets))

    def positions(self, article_ids) -> np.ndarray:
        """Index positions of ``article_ids`` (those not in the index are left out)."""
        pos = pd.Index(self.article_ids).get_indexer(list(article_ids))
        return pos[pos >= 0]

    def fp_owner(self, at: np.ndarray) -> np.ndarray:
        """The article (index position) of the fingerprints at flat positions ``at``."""
        return np.searchsorted(self.fp_offsets, at, side="right") - 1


def _packed(col: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Values (uint32) and per-row value offsets of a packed-uint32 binary column, zero-copy."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if arr.type != pa.binary():
        arr = arr.cast(pa.binary())
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset : arr.offset + len(arr) + 1]
    data = arr.buffers()[2]
    raw = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]] if data is not None else np.zeros(0, np.uint8)
    values = raw.view("<u4") if len(raw) % 4 == 0 else raw[: len(raw) // 4 * 4].view("<u4")
    return values, (offsets.astype(np.int64) - offsets[0]) // 4


def build_index(signatures: pa.Table, fingerprints: pa.Table) -> CopyIndex:
    """The index of all current articles from ``_copy_signatures`` (columns ``article_id``,
    ``band_keys``) and ``_passage_hashes`` (columns ``article_id``, ``hashes``).  Reading both
    from the same bucket files in the same order lines them up without a join."""
    ids_col = signatures.column("article_id")
    ids = np.asarray(ids_col.to_numpy(zero_copy_only=False), dtype=object)
    keys, koff = _packed(signatures.column("band_keys"))
    has_sig = np.diff(koff) == BANDS
    band = np.zeros((len(ids), BANDS), dtype=np.uint32)
    if has_sig.all():
        band[:] = keys.reshape(-1, BANDS)
    elif has_sig.any():
        band[has_sig] = np.concatenate([keys[koff[i] : koff[i + 1]] for i in np.flatnonzero(has_sig)]).reshape(-1, BANDS)
    if not fingerprints.column("article_id").equals(ids_col):
        order = pd.Index(fingerprints.column("article_id").to_pylist()).get_indexer(list(ids))
        fingerprints = fingerprints.take(pa.array(np.where(order < 0, 0, order)))
        missing = order < 0
    else:
        missing = np.zeros(len(ids), dtype=bool)
    hashes, foff = _packed(fingerprints.column("hashes"))
    if missing.any():  # articles without a fingerprint row: no fingerprints
        lengths = np.where(missing, 0, np.diff(foff))
        hashes = np.concatenate([hashes[foff[i] : foff[i + 1]] for i in np.flatnonzero(~missing)] or [hashes[:0]])
        foff = np.concatenate([[0], np.cumsum(lengths)])
    return CopyIndex(ids, has_sig, band, np.ascontiguousarray(hashes, dtype=np.uint32), foff)


def _prefilter(keys: np.ndarray, qkeys: np.ndarray) -> np.ndarray:
    """Positions of ``keys`` that may be in ``qkeys``: a bitmap over the low bits of the query
    keys (sized ~16 bits per query key, at least 64 KB: it stays in cache), so a query of one
    article scans the corpus keys with one table look-up each instead of a binary search."""
    bits = int(min(26, max(16, np.ceil(np.log2(16 * max(1, len(qkeys)))))))
    mask = np.uint32((1 << bits) - 1)
    table = np.zeros(1 << bits, dtype=bool)
    table[qkeys & mask] = True
    return np.flatnonzero(table[keys & mask])


def _join(keys: np.ndarray, qkeys: np.ndarray, qowner: np.ndarray,
          max_df: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """All (query owner, corpus key position) pairs with an equal key.  With ``max_df``, keys held
    by more than ``max_df`` corpus entries are ignored (common text)."""
    order = np.argsort(qkeys, kind="stable")
    sq, so = qkeys[order], qowner[order]
    c_idx = _prefilter(keys, qkeys)
    c_keys = keys[c_idx]
    lo = np.searchsorted(sq, c_keys, side="left")
    hit = lo < len(sq)
    hit[hit] = sq[lo[hit]] == c_keys[hit]
    c_idx, c_keys = c_idx[hit], c_keys[hit]
    if len(c_idx) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if max_df is not None:
        _, inv, df = np.unique(c_keys, return_inverse=True, return_counts=True)
        ok = df[inv] <= max_df
        c_idx, c_keys = c_idx[ok], c_keys[ok]
    lo2 = np.searchsorted(sq, c_keys, side="left")
    hi2 = np.searchsorted(sq, c_keys, side="right")
    cnt = hi2 - lo2
    c_rep = np.repeat(c_idx, cnt)
    q_pos = np.repeat(lo2, cnt) + (np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt))
    return so[q_pos].astype(np.int64), c_rep.astype(np.int64)


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
    lsh_parts, fp_parts, count_parts = [], [], []
    for k in range(0, len(query), QUERY_CHUNK):  # bounded memory: see QUERY_CHUNK
        lsh_k, fp_k, counts_k = _chunk_pairs(index, query[k:k + QUERY_CHUNK], n)
        lsh_parts.append(lsh_k)
        fp_parts.append(fp_k)
        count_parts.append(counts_k)
    lsh = np.unique(np.concatenate(lsh_parts))
    fp_codes, inverse = np.unique(np.concatenate(fp_parts), return_inverse=True)
    fp_counts = np.bincount(inverse.ravel(), weights=np.concatenate(count_parts), minlength=len(fp_codes)).astype(np.int64)
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
    n_fp = index.n_fp
    smaller = np.minimum(n_fp[i], n_fp[j])
    df["duplicate_candidate"] = df.lsh | (df.shared_fp >= np.maximum(MIN_SHARED_FP, FP_CANDIDATE_SHARE * smaller))
    df["passage_candidate"] = df.shared_fp >= MIN_SHARED_FP
    return df[df.duplicate_candidate | df.passage_candidate].reset_index(drop=True)


def _chunk_pairs(index: CopyIndex, query: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For some query articles: the pair codes that share a band key, and the pair codes that
    share fingerprints with how many (summed over chunks, the counts of one whole query)."""
    # LSH: keys include their band number, so all bands are searched in one flat array
    qa, cpos = _join(index.band_keys.ravel(), index.band_keys[query].ravel(), np.repeat(query, BANDS))
    real = index.has_sig[cpos // BANDS]  # a band key's row is its article; rows without a signature are zeros
    lsh = _pairs(qa[real], cpos[real] // BANDS, n)
    # fingerprints
    starts, ends = index.fp_offsets[query], index.fp_offsets[query + 1]
    qpos = _ranges(starts, ends)
    qf, cpos = _join(index.fp_hash, index.fp_hash[qpos], index.fp_owner(qpos), MAX_FP_ARTICLES)
    fp_codes, fp_counts = np.unique(_codes(qf, index.fp_owner(cpos), n), return_counts=True)
    return lsh, fp_codes, fp_counts


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(s, e)`` for each pair, vectorised."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return shift + np.arange(total)


def _codes(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Unordered pairs (a != b) as one int64 code min * n + max."""
    keep = a != b
    a, b = a[keep], b[keep]
    return np.minimum(a, b) * n + np.maximum(a, b)


def _pairs(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    return np.unique(_codes(a, b, n))
