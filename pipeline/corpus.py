"""Corpus-level signals for the segmenter: lines that recur across many articles.

A short line found in many articles of the corpus ("Latest Posts", a share bar, a cookie notice)
is boilerplate.  Which lines are common is a function of the current corpus only, so the run
recomputes it each time from the stored line keys of every article (hidden table ``_lines``) and
re-segments the articles whose common lines changed; results do not depend on the order in which
articles were added.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

#: a line must appear in at least this many articles to count as common
MIN_DOCS = 3
#: longer lines are never treated as common: news copy legitimately repeats whole paragraphs
#: (wire stories, quotes), while navigation, share bars and labels are short
MAX_WORDS = 12


def line_keys(text: str) -> set[str]:
    """Keys (``segment.line_key``) of the short lines of one article."""
    from pipeline.segment import line_key

    keys = set()
    for line in text.splitlines():
        if line.strip() and len(line.split()) <= MAX_WORDS:
            key = line_key(line)
            if key:
                keys.add(key)
    return keys


def common_keys(pairs: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Keys found in at least ``MIN_DOCS`` distinct articles, from (article_id, key) pairs."""
    counts = Counter(key for _aid, key in set(pairs))
    return frozenset(k for k, n in counts.items() if n >= MIN_DOCS)
