"""Worker side: one article's copy signature (MinHash + LSH band keys) and passage fingerprints.

`article_signature` is a pure function of the article text and its segments: the engine calls it
per article on a worker (in-process or Dask) after segmentation, and writes the two rows it
returns into the hidden bucketed tables ``_copy_signatures`` and ``_passage_hashes``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

import numpy as np

from pipeline.copies.params import (BANDS, MIN_SIGNATURE_WORDS, MINHASH_SEED, NUM_PERM, ROWS,
                                    SHINGLE_WORDS, SIGNATURE_VERSION, WINNOW_WINDOW)
from pipeline.copies.text import Words, main_spans, mix64, shingle_hashes, words_of

assert BANDS * ROWS == NUM_PERM, "bands x rows must use every permutation"


def _identity(x: int) -> int:
    return x


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash  # imported on first use: it pulls in scipy

    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=_identity).permutations


def minhash(hashes32: np.ndarray) -> np.ndarray:
    """datasketch MinHash (scheme ``affine32``) of a set of 32-bit shingle hashes: NUM_PERM uint32."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=_identity, permutations=_permutations(), scheme="affine32")
    m.update_batch(np.unique(hashes32).tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(values: np.ndarray) -> np.ndarray:
    """One 32-bit key per LSH band: a hash of the band's ROWS MinHash values (and its number, so
    equal values in two bands do not make equal keys).  ``values``: (..., NUM_PERM) uint32."""
    v = np.asarray(values, dtype=np.uint64).reshape(*np.shape(values)[:-1], BANDS, ROWS)
    acc = np.arange(BANDS, dtype=np.uint64) + np.uint64(1)
    acc = np.broadcast_to(acc, v.shape[:-1]).copy()
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            acc = mix64(acc * np.uint64(0x100000001B3) + v[..., r])
    return (acc >> np.uint64(32)).astype(np.uint32)


def unpack(packed: bytes) -> np.ndarray:
    """The uint32 values of a packed ``band_keys`` or ``hashes`` cell."""
    return np.frombuffer(packed, dtype="<u4").astype(np.uint32)


def winnow(hashes: np.ndarray, window: int = WINNOW_WINDOW) -> np.ndarray:
    """Positions kept by winnowing: the smallest hash of every ``window`` consecutive shingles
    (the rightmost if tied).  Sorted, unique."""
    n = len(hashes)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n <= window:
        rev = hashes[::-1]
        return np.asarray([n - 1 - int(np.argmin(rev))])
    view = np.lib.stride_tricks.sliding_window_view(hashes[::-1], window)
    # argmin over the reversed array finds the rightmost minimum of each window
    picks = n - 1 - (np.argmin(view, axis=1) + np.arange(len(view)))
    return np.unique(picks)


def signature_rows(article_id: str, text: str, spans: list[tuple[int, int]], words: Words) -> dict[str, dict]:
    """The two hidden-table rows of an article whose main words are already known."""
    h64 = shingle_hashes(words.words)
    h32 = (h64 & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    n_words = len(words)
    has_sig = n_words >= MIN_SIGNATURE_WORDS
    mh = minhash(h32) if has_sig else np.zeros(0, dtype=np.uint32)
    keys = band_keys(mh) if has_sig else np.zeros(0, dtype=np.uint32)
    sig = {
        "article_id": article_id,
        "signature_version": SIGNATURE_VERSION,
        "n_words": n_words,
        "n_shingles": int(len(np.unique(h64))),
        "main_starts": [a for a, _ in spans],
        "main_ends": [b for _, b in spans],
        "minhash": mh.tolist(),
        "band_keys": keys.astype("<u4").tobytes(),
    }
    picks = winnow(h32) if has_sig else np.zeros(0, dtype=np.int64)
    k = min(SHINGLE_WORDS, max(n_words, 1))
    fps = {
        "article_id": article_id,
        "hashes": h32[picks].astype("<u4").tobytes(),
        "word_index": picks.astype(np.int32).tolist(),
        "char_starts": words.starts[picks].tolist() if len(picks) else [],
        "char_ends": words.ends[picks + k - 1].tolist() if len(picks) else [],
    }
    return {"_copy_signatures": sig, "_passage_hashes": fps}


def article_signature(article_id: str, text: str, segments: Iterable[Mapping]) -> dict[str, dict]:
    """Rows for the hidden tables of one article, computed over its main text (title and body
    blocks: ``segments`` rows with ``is_main``, ``char_start``, ``char_end``).

    Returns ``{"_copy_signatures": row, "_passage_hashes": row}`` (one row each; schemas
    ``COPY_SIGNATURES`` / ``PASSAGE_HASHES`` in `pipeline.schemas`).  An article with fewer than
    MIN_SIGNATURE_WORDS main words gets empty MinHash, band keys and fingerprints: it is never
    paired.  ``band_keys`` and ``hashes`` are packed little-endian uint32 (`unpack`)."""
    spans = main_spans(segments)
    return signature_rows(article_id, text, spans, words_of(text, spans))
