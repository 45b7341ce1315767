"""Lines that recur across many articles of the corpus (menus, share bars, footers): the segmenter's corpus-level signal.

A short line found in many articles of the corpus ("Latest Posts", a share bar, a cookie notice)
is boilerplate.  Which lines are common is a function of the current corpus only, so the run
recomputes it each time from the stored line keys of every article (hidden table ``_lines``) and
re-segments the articles whose common lines changed; results do not depend on the order in which
articles were added.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from pipeline.segment.lines import line_key

#: a line must appear in at least this many articles to count as common
MIN_DOCS = 3
#: longer lines are never treated as common: news copy legitimately repeats whole paragraphs
#: (wire stories, quotes), while navigation, share bars and labels are short
MAX_WORDS = 12


def line_keys(text: str) -> set[str]:
    """Keys (:func:`pipeline.segment.lines.line_key`) of the short lines of one article."""
    keys = set()
    for line in text.splitlines():
        if line.strip() and len(line.split()) <= MAX_WORDS:
            key = line_key(line)
            if key:
                keys.add(key)
    return keys


def common_keys(pairs: Iterable[tuple[str, str]], min_docs: int = MIN_DOCS) -> frozenset[str]:
    """Keys found in at least ``min_docs`` distinct articles, from (article_id, key) pairs.

    A key without a letter is never common: keys fold digits, so every score line ("6-2", "1-0 .")
    or bare figure shares one with its like, and a figure repeated across the news is no sign of
    page furniture.  Marked common, such a line in a results table took its neighbours with it
    into boilerplate, and the rest of the table went unread (CoNLL-2003 train, not read for this:
    PER F1 0.828 -> 0.831, LOC 0.825 -> 0.828; web main text F1 unchanged)."""
    counts = Counter(key for _aid, key in set(pairs))
    return frozenset(k for k, n in counts.items() if n >= min_docs and any(c.isalpha() for c in k))


def common_lines(texts: Iterable[str], min_docs: int = MIN_DOCS) -> frozenset[str]:
    """The ``common_lines`` argument of ``segment_text`` for a set of texts, as the run computes it."""
    return common_keys(((i, key) for i, text in enumerate(texts) for key in line_keys(text)), min_docs)
