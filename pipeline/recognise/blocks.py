"""Which blocks of an article the NER model reads, and how a long block is cut into pieces for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

#: block kinds the NER model reads
NER_KINDS = frozenset({"title", "body", "caption", "byline", "dateline"})
#: at most this many boilerplate blocks around the story: the text is a clean article, read them all.
#: Scraped pages have dozens of such blocks (menus, link lists): 7 of the 822 dev web pages have 5 or fewer.
CLEAN_TEXT_MAX_OUTSIDE = 5


@dataclass(frozen=True)
class BlockRef:
    """A piece of an article sent to the model: its article, segment and where it starts."""

    article_id: str
    segment_id: str
    kind: str
    char_start: int  # offset of the piece in the article text


def blocks_to_read(segments: Sequence[dict]) -> list[dict]:
    """The blocks of an article the NER model reads: the story's kinds (``NER_KINDS``), plus
    boilerplate-looking lines that sit inside the story, between its first and last body block
    (results tables, lists, short lines in the flow of the text); navigation before the story
    and link lists after it are not read, nor are social-media embeds anywhere.  An article with no
    body block at all (a results table, a list) is read whole, embeds aside.  When at most
    ``CLEAN_TEXT_MAX_OUTSIDE`` boilerplate blocks lie around the story, the text is a clean article
    and they are read too, unless they are lines common across the corpus.  ``segments`` are the
    article's ``segments`` rows, in text order."""
    body = [i for i, s in enumerate(segments) if s["kind"] == "body"]
    first, last = (body[0], body[-1]) if body else (-1, len(segments))  # no prose at all: a table, read it
    outside = sum(1 for i, s in enumerate(segments) if s["kind"] == "boilerplate" and not first < i < last)
    # A text with hardly anything around its story is an article already extracted from its page
    # (a wire story, an API's text field): its first and last lines are the story's, not furniture.
    clean = outside <= CLEAN_TEXT_MAX_OUTSIDE
    return [s for i, s in enumerate(segments)
            if s["kind"] in NER_KINDS
            or (s["kind"] == "boilerplate" and (first < i < last or (clean and s.get("rule") != "common_line")))]


def pieces(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``max_chars`` at whitespace (an entity never
    spans two pieces, so a huge one-line block stays bounded in memory)."""
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end
