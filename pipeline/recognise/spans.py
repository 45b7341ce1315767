"""Span tidying where the model's tokens are at hand, and the one overlap policy for spans found twice.

- :func:`tidy_name_span`: a possessive, quotes and trailing punctuation are never part of a name
  (an abbreviation keeps its full stop: "U.S.", "Inc.", "Fla.");
- :func:`keep_longest`: how overlapping candidate spans are resolved (like spaCy's
  ``span_ruler`` overlap filters, a named, swappable function rather than an if-chain).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, TypeVar

from pipeline.lexicon.names import NAME_ABBREVIATIONS, US_STATE_ABBREVIATIONS

_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"”“)(\[\]-])+$")
_LEADING = re.compile(r"^[\s\"“”'‘’(\[-]+")
#: a name ending in an initial ("U.S") or a common abbreviation keeps its full stop
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.[A-Z]|\b(?:" + "|".join(NAME_ABBREVIATIONS + US_STATE_ABBREVIATIONS) + r"))$")


def tidy_name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a possessive ('s), quotes and punctuation off a name span; cut at a line break."""
    span = text[start:end]
    if "\n" in span:
        span = span[: span.index("\n")]
        end = start + len(span)
    m = _TRAILING.search(span)
    if m and m.start() > 0:
        cut = m.start()
        if span[cut] == "." and _ABBREVIATION.search(span[:cut]):  # "U.S.", "Inc.", "Fla." keep their point
            cut += 1
        end = start + cut
        span = span[:cut]
    m = _LEADING.match(span)
    if m and m.end() < len(span):
        start += m.end()
    return start, end


T = TypeVar("T")


def keep_longest(spans: Iterable[T], bounds: Callable[[T], tuple[int, int]] = lambda s: (s[0], s[1])) -> list[T]:
    """Resolve overlaps among ``spans`` (given in order of their start): a span that overlaps the
    last one kept replaces it when it is strictly longer, and is dropped otherwise.  ``bounds``
    gives a span's (start, end)."""
    kept: list[T] = []
    for span in spans:
        start, end = bounds(span)
        if kept:
            last_start, last_end = bounds(kept[-1])
            if start < last_end:
                if end - start > last_end - last_start:
                    kept[-1] = span
                continue
        kept.append(span)
    return kept
