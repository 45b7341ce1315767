"""Main text → normalised words with their offsets → k-word shingle hashes (64-bit, stable).

Normalisation makes the small differences syndication introduces disappear before hashing:
case (case-folded), curly vs straight quotes and apostrophes (``it’s`` = ``it's``), punctuation
(words only: re-punctuated quotations and ``force, fraud, or coercion`` vs ``force, fraud or
coercion`` give the same words), whitespace and line breaks, thousands separators (``6,000`` =
``6000``), hyphenation (``anti-trafficking`` = ``anti trafficking``) and a wire dateline at the
start of the story (``WASHINGTON (Reuters) -``, ``NAIROBI, Kenya (AP) _``).  Every word keeps the
character offsets of its first and last character in the article text, so anything found on
words maps back to ``articles.text``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np

from pipeline.copies.params import SHINGLE_WORDS

#: a word: letters/digits, with inner apostrophes (it's, O'Brien); a number with separators
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’ʼ][^\W_]+)*")
#: a wire dateline opening the story: an upper-case place (optionally ", Region"), an optional
#: agency in brackets, then a dash, underscore or colon.  "LONDON —", "NAIROBI, Kenya (AP) _"
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3}(?:\s*,\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,2})?"
    r"\s*(?:\([A-Za-z][\w .&/-]{0,30}\))?\s*(?:--|[-—–_:])(?=\s)"
)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


@dataclass(frozen=True)
class Words:
    """The normalised words of an article's main text, with their offsets in the article text."""

    words: list[str]
    starts: np.ndarray  # int32, char offset of each word's first character
    ends: np.ndarray  # int32, char offset after each word's last character

    def __len__(self) -> int:
        return len(self.words)


def normalise_word(raw: str) -> str:
    """One word as it is compared: NFKC, case-folded, straight apostrophe, no digit separators."""
    w = unicodedata.normalize("NFKC", raw).casefold().translate(_APOSTROPHES)
    if w[:1].isdigit():
        w = w.replace(",", "")
    return w


def main_spans(segments: Iterable[Mapping]) -> list[tuple[int, int]]:
    """(char_start, char_end) of the blocks that carry the story (title and body: ``is_main``),
    in text order.  Boilerplate, captions, bylines, embeds are left out."""
    spans = [(int(s["char_start"]), int(s["char_end"])) for s in segments if s.get("is_main")]
    return sorted(spans)


def dateline_end(text: str, start: int, end: int) -> int:
    """Where a wire dateline at ``text[start:end]``'s beginning ends (``start`` if there is none)."""
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


def _ranges(text: str, spans: Iterable[tuple[int, int]], datelines: bool) -> list[tuple[int, int]]:
    """The character ranges whose words are read: ``spans``, less a wire dateline opening one of
    the first two (the title, then the first body block; a text without a title block starts
    with its body)."""
    out = []
    for i, (a, b) in enumerate(spans):
        if datelines and i <= 1:  # a dateline opens the first body block (the first block, or the one after the title)
            a = dateline_end(text, a, b)
        out.append((a, b))
    return out


def words_of(text: str, spans: Iterable[tuple[int, int]], datelines: bool = True) -> Words:
    """The normalised words of ``text`` inside ``spans`` (main blocks).  A wire dateline is
    dropped where it opens one of the first two blocks (the title, then the first body block; a
    text without a title block starts with its body); ``datelines=False`` keeps them."""
    raws: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for a, b in _ranges(text, spans, datelines):
        found = list(_WORD.finditer(text, a, b))
        raws += [m.group() for m in found]
        starts += [m.start() for m in found]
        ends += [m.end() for m in found]
    return Words(_normalised(raws), np.asarray(starts, dtype=np.int32), np.asarray(ends, dtype=np.int32))


def word_list(text: str, spans: Iterable[tuple[int, int]], datelines: bool = False) -> list[str]:
    """``words_of(text, spans, datelines).words`` without the offsets (about half the cost)."""
    raws: list[str] = []
    for a, b in _ranges(text, spans, datelines):
        raws += _WORD.findall(text, a, b)
    return _normalised(raws)


#: words a per-process cache holds before it is emptied (news repeats its words: each is worked
#: out once; the bound keeps a long-lived worker's memory flat)
_CACHE_MAX = 500_000


def _through_cache(cache: dict, keys: list[str], make) -> list:
    """``make(key)`` for each key, looked up in ``cache`` first (missing ones made and kept;
    the cache is emptied when it holds :data:`_CACHE_MAX` entries)."""
    out = [cache.get(k) for k in keys]
    if None in out:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        for i, v in enumerate(out):
            if v is None:
                out[i] = cache[keys[i]] = make(keys[i])
    return out


#: raw word → :func:`normalise_word` of it
_NORMAL_CACHE: dict[str, str] = {}


def _normalised(raws: list[str]) -> list[str]:
    """:func:`normalise_word` of each raw word, through :data:`_NORMAL_CACHE`."""
    return _through_cache(_NORMAL_CACHE, raws, normalise_word)


# -- hashing ----------------------------------------------------------------------------------
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_WORD_CACHE: dict[str, int] = {}
#: odd multiplier of the polynomial that combines word hashes into a shingle hash
_MULT = np.uint64(0x9E3779B97F4A7C15)


def _word_hash(word: str) -> int:
    h = _WORD_CACHE.get(word)
    if h is None:
        if len(_WORD_CACHE) >= _CACHE_MAX:
            _WORD_CACHE.clear()
        h = int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
        _WORD_CACHE[word] = h
    return h


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads every input bit over the 64 output bits (uint64 in, out)."""
    x = np.asarray(x, dtype=np.uint64)
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def word_hashes(words: list[str]) -> np.ndarray:
    """A stable 64-bit hash per word (the same on every machine and process)."""
    hashes = [_WORD_CACHE.get(w) for w in words]
    if None in hashes:
        hashes = [_word_hash(w) if h is None else h for w, h in zip(words, hashes)]
    return np.array(hashes, dtype=np.uint64)


def shingle_hashes(words: list[str], k: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hash of every run of ``k`` consecutive words (position i = words i..i+k-1).

    A text shorter than ``k`` words gives one shingle of all its words; no words, none."""
    return _shingles(word_hashes(words), k)


def _shingles(wh: np.ndarray, k: int) -> np.ndarray:
    """:func:`shingle_hashes` from the words' hashes."""
    n = len(wh)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    k = min(k, n)
    acc = np.zeros(n - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            acc = acc * _MULT + wh[i : n - k + 1 + i]
    return mix64(acc ^ np.uint64(k))


#: raw word (as found in a text) → hash of its normalised form: one look-up per word where
#: :func:`word_list` then :func:`shingle_hashes` take two
_RAW_CACHE: dict[str, int] = {}


def text_shingles(text: str, spans: Iterable[tuple[int, int]], k: int = SHINGLE_WORDS) -> tuple[int, np.ndarray]:
    """The number of words and :func:`shingle_hashes` of ``words_of(text, spans).words``
    (datelines dropped), without making the words."""
    raws: list[str] = []
    for a, b in _ranges(text, spans, True):
        raws += _WORD.findall(text, a, b)
    hashes = _through_cache(_RAW_CACHE, raws, lambda raw: _word_hash(normalise_word(raw)))
    return len(raws), _shingles(np.array(hashes, dtype=np.uint64), k)
