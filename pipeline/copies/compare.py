"""Two articles' main words compared exactly: Jaccard, containment, kind, and the reused passages.

Everything here works on `Words` (normalised words with offsets), so the figures are exact for the
normalised shingle sets (64-bit hashes; a collision is ~1e-14 per pair of shingles).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.copies.params import (CONTAINED_EXTRA, CONTAINED_MIN, DUPLICATE_CONTAINMENT, MAX_PASSAGE_GAP,
                                    MIN_PASSAGE_DENSITY,
                                    MIN_PASSAGE_WORDS, NEAR_JACCARD, SHINGLE_WORDS)
from pipeline.copies.text import Words, shingle_hashes

#: a shingle repeated more often than this in one text is not used to align (lists, refrains)
_MAX_REPEAT = 8
#: at most this many exact runs are chained per pair (a long shared text is a duplicate anyway)
_MAX_RUNS = 3000


@dataclass(frozen=True)
class Similarity:
    """Exact resemblance of two shingle sets."""

    jaccard: float
    containment: float  # |A ∩ B| / min(|A|, |B|): how much of the shorter is in the longer
    coverage: float  # |A ∩ B| / max(|A|, |B|): how much of the longer is in the shorter
    n_shared: int


def similarity(a: np.ndarray, b: np.ndarray, unique: bool = False) -> Similarity:
    """Exact Jaccard / containment of two arrays of shingle hashes (duplicates ignored);
    ``unique``: both are already ``np.unique``'s output (sorted, no repeats)."""
    ua, ub = (a, b) if unique else (np.unique(a), np.unique(b))
    if len(ua) == 0 or len(ub) == 0:
        return Similarity(0.0, 0.0, 0.0, 0)
    return similarity_of_counts(len(ua), len(ub), len(np.intersect1d(ua, ub, assume_unique=True)))


def similarity_of_counts(n_a: int, n_b: int, inter: int) -> Similarity:
    """:func:`similarity` from the sizes of two shingle sets and of their intersection."""
    if n_a == 0 or n_b == 0:
        return Similarity(0.0, 0.0, 0.0, 0)
    union = n_a + n_b - inter
    return Similarity(inter / union, inter / min(n_a, n_b), inter / max(n_a, n_b), inter)


def pair_kind(sim: Similarity) -> str | None:
    """``exact``, ``contained``, ``near_duplicate``, or None (not copies as wholes).

    A pair is copies when its Jaccard reaches NEAR_JACCARD or its containment (share of the
    shorter inside the longer) DUPLICATE_CONTAINMENT.  Then:
    - exact: the same normalised main text (identical shingle sets);
    - contained: the shorter is nearly all inside the longer (containment >= CONTAINED_MIN) and
      the longer has at least CONTAINED_EXTRA of its own: a trimmed or extended copy;
    - near_duplicate: otherwise (edited copies: new headline, paragraphs changed)."""
    if sim.jaccard >= 1.0:
        return "exact"
    if sim.jaccard < NEAR_JACCARD and sim.containment < DUPLICATE_CONTAINMENT:
        return None
    if sim.containment >= CONTAINED_MIN and 1.0 - sim.coverage >= CONTAINED_EXTRA:
        return "contained"
    return "near_duplicate"


@dataclass(frozen=True)
class Passage:
    """A passage shared by two texts: word ranges (end exclusive) in each, and aligned words."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    n_words: int  # words of A inside exact shared runs


def sorted_hashes(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``h``'s stable sort order and ``h`` in that order (what :func:`shared_passages` searches
    the second text's shingles with: a caller that compares one text with several can keep it)."""
    order = np.argsort(h, kind="stable")
    return order, h[order]


def _matches(ha: np.ndarray, hb: np.ndarray, b_sorted: tuple[np.ndarray, np.ndarray] | None = None,
             shared: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with ha[i] == hb[j], skipping shingles repeated more than _MAX_REPEAT times
    (``b_sorted``: :func:`sorted_hashes` of ``hb``; ``shared``: the hashes both hold, sorted; if
    the caller has them: only the positions of A with a shared hash are then looked up)."""
    order, sb = b_sorted if b_sorted is not None else sorted_hashes(hb)
    if shared is None:
        pos, hs = None, ha
    else:
        pos = np.flatnonzero(np.isin(ha, shared, assume_unique=False))
        hs = ha[pos]
    lo = np.searchsorted(sb, hs, side="left")
    hi = np.searchsorted(sb, hs, side="right")
    cnt = hi - lo
    ok = (cnt > 0) & (cnt <= _MAX_REPEAT)
    at = np.nonzero(ok)[0]
    ii = np.repeat(at if pos is None else pos[at], cnt[ok])
    if len(ii) == 0:
        return ii, ii
    starts = np.repeat(lo[ok], cnt[ok])
    within = np.arange(len(ii)) - np.repeat(np.cumsum(cnt[ok]) - cnt[ok], cnt[ok])
    return ii, order[starts + within]


def _runs(ii: np.ndarray, jj: np.ndarray, k: int) -> np.ndarray:
    """Maximal diagonal runs of matching shingles as rows (a0, a1, b0, b1), word ranges end-exclusive."""
    d = jj - ii
    order = np.lexsort((ii, d))
    ii, d = ii[order], d[order]
    brk = np.ones(len(ii), dtype=bool)
    brk[1:] = (d[1:] != d[:-1]) | (ii[1:] != ii[:-1] + 1)
    first = np.nonzero(brk)[0]
    last = np.append(first[1:], len(ii)) - 1
    a0, a1 = ii[first], ii[last] + k
    runs = np.stack([a0, a1, a0 + d[first], a1 + d[first]], axis=1)
    return runs[np.argsort(runs[:, 0], kind="stable")]


def _covered(runs: np.ndarray) -> int:
    """Words of A inside at least one run (runs sorted by start in A).  A chain's score is the
    words of A its runs cover (its runs start and end in increasing order), so at most this."""
    a0, a1 = runs[:, 0], runs[:, 1]
    reach = np.maximum.accumulate(a1)
    before = np.concatenate([[a0[0]], reach[:-1]])
    return int(np.maximum(0, a1 - np.maximum(a0, before)).sum())


def _best_chain(runs: np.ndarray, alive: np.ndarray, k: int) -> tuple[int, list[int]]:
    """Highest-scoring chain of alive runs, monotone in both texts, gaps <= MAX_PASSAGE_GAP words
    (overlaps of < k words allowed).  Score: words of A covered.  Returns (score, run indices)."""
    n = len(runs)
    score = np.zeros(n, dtype=np.int64)
    prev = np.full(n, -1, dtype=np.int64)
    best, best_end = 0, -1
    a0s, a1s, b0s, b1s = runs[:, 0], runs[:, 1], runs[:, 2], runs[:, 3]
    for r in range(n):
        if not alive[r]:
            continue
        a0, a1, b0, _ = runs[r]
        own = int(a1 - a0)
        score[r] = own
        if r:
            ga, gb = a0 - a1s[:r], b0 - b1s[:r]
            ok = (alive[:r] & (a0s[:r] < a0) & (b0s[:r] < b0) & (ga <= MAX_PASSAGE_GAP) & (gb <= MAX_PASSAGE_GAP)
                  & (ga > -k) & (gb > -k))
            if ok.any():
                cand = np.where(ok, score[:r] + own - np.maximum(0, -ga), -1)
                p = int(np.argmax(cand))
                if cand[p] > own:
                    score[r], prev[r] = cand[p], p
        if score[r] > best:
            best, best_end = int(score[r]), r
    chain = []
    while best_end >= 0:
        chain.append(int(best_end))
        best_end = int(prev[best_end])
    return best, chain[::-1]


def passages(a: Words, b: Words, k: int = SHINGLE_WORDS) -> list[Passage]:
    """The passages of at least MIN_PASSAGE_WORDS shared words that ``a`` and ``b`` carry.

    Exact shared runs of >= ``k`` words are found with shingle hashes, then chained along both
    texts across small edits (gaps of at most MAX_PASSAGE_GAP words: an inserted attribution, a
    changed word, a dropped sentence); a chain is a passage when its aligned words reach
    MIN_PASSAGE_WORDS and fill at least MIN_PASSAGE_DENSITY of its span in each text."""
    if len(a) < k or len(b) < k:
        return []
    return shared_passages(shingle_hashes(a.words, k), shingle_hashes(b.words, k), k)


def shared_passages(ha: np.ndarray, hb: np.ndarray, k: int = SHINGLE_WORDS,
                    b_sorted: tuple[np.ndarray, np.ndarray] | None = None, shared: np.ndarray | None = None) -> list[Passage]:
    """:func:`passages` from the ``k``-word shingle hashes of two texts of at least ``k`` words
    each (position i: words i..i+k-1), for a caller that has them already (and, optionally,
    :func:`sorted_hashes` of ``hb`` and the sorted hashes both hold)."""
    if shared is not None and len(shared) == 0:
        return []
    ii, jj = _matches(ha, hb, b_sorted, shared)
    # a chain's score is the words of A its runs cover, each inside the k words of a matched
    # position: fewer than MIN_PASSAGE_WORDS / k matched positions cannot make a passage
    if len(ii) == 0 or k * (1 + np.count_nonzero(ii[1:] != ii[:-1])) < MIN_PASSAGE_WORDS:
        return []
    runs = _runs(ii, jj, k)
    if len(runs) > _MAX_RUNS:  # keep the longest runs
        keep = np.sort(np.argsort(runs[:, 0] - runs[:, 1], kind="stable")[:_MAX_RUNS])
        runs = runs[keep]
    if _covered(runs) < MIN_PASSAGE_WORDS:  # no chain can cover more of A than all the runs do
        return []
    alive = np.ones(len(runs), dtype=bool)
    found: list[Passage] = []
    while alive.any():
        score, chain = _best_chain(runs, alive, k)
        if score < MIN_PASSAGE_WORDS:
            break
        sel = runs[chain]
        a0, a1, b0, b1 = int(sel[:, 0].min()), int(sel[:, 1].max()), int(sel[:, 2].min()), int(sel[:, 3].max())
        alive[chain] = False
        # runs inside the passage's span in either text are spent
        alive &= ~(((runs[:, 0] < a1) & (runs[:, 1] > a0)) | ((runs[:, 2] < b1) & (runs[:, 3] > b0)))
        if score >= MIN_PASSAGE_DENSITY * (a1 - a0) and score >= MIN_PASSAGE_DENSITY * (b1 - b0):
            found.append(Passage(a0, a1, b0, b1, score))
    return sorted(found, key=lambda p: p.a_start)
