"""The dependency parse, paid for only where it is used: the blocks that hold a number whose
counted noun must be read, or a sentence a later stage asks for (attributions: a cue word, a
quote mark).  The NER model reads every block of the story on its own (its embedding layer is its
own); the parser (with the ``tok2vec`` it listens to) then reads just those blocks.

Whether a block needs the parse is read from its text with cheap rules (no model); the
sentence boundaries the later stages use are the segmenter's (rule-based,
:mod:`pipeline.segment.sentences`), whose agreement with the parser's is measured by ``make bench``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from pipeline.recognise.counting import counted_noun
from pipeline.recognise.mentions import NUMERIC_LABELS, Mention

#: the components the parse pass runs (the NER pass runs ``ner`` alone)
PARSE_COMPONENTS = ("tok2vec", "parser")


@dataclass
class ParseItem:
    """One piece of one article sent to the parser, and the numeric mentions inside it."""

    article_id: str
    char_start: int  # offset of the piece in the article text
    char_end: int
    numbers: list[Mention] = field(default_factory=list)


def pieces_to_parse(article_id: str, text: str, pieces: Sequence[tuple[int, int]], mentions: Sequence[Mention],
                    wanted: Callable[[str], bool] | None = None) -> list[ParseItem]:
    """The pieces of text the NER model read (blocks, or parts of very long ones) that need the
    parse: those holding a numeric mention (its counted noun), and those whose text ``wanted``
    flags (a later stage's predicate, e.g. a quote mark or a speech verb).  A piece is parsed
    whole, as it was read: the parse of a sentence depends on the sentences around it (measured:
    parsing sentences one by one loses 1.8 points of speaker accuracy on quotations).  The
    predicate reads the piece itself, not the segmenter's sentences: blocks the segmenter calls
    boilerplate have no sentences but may still be read (a closing quotation)."""
    starts = [a for a, _ in pieces]
    items: dict[int, ParseItem] = {}

    def at(pos: int) -> int | None:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < pieces[i][1] else None

    for m in mentions:
        i = at(m.char_start) if m.label in NUMERIC_LABELS else None
        if i is not None and m.char_end <= pieces[i][1]:
            items.setdefault(i, ParseItem(article_id, *pieces[i])).numbers.append(m)
    if wanted is not None:
        for i, (a, b) in enumerate(pieces):
            if i not in items and wanted(text[a:b]):
                items[i] = ParseItem(article_id, a, b)
    return [items[i] for i in sorted(items)]


def count_nouns(doc, item: ParseItem) -> None:
    """Give the numeric mentions of a parsed piece the noun they count (in place)."""
    for m in item.numbers:
        span = doc.char_span(m.char_start - item.char_start, m.char_end - item.char_start, alignment_mode="expand")
        found = counted_noun(span) if span is not None and len(span) else None
        if found:
            m.counted, m.counted_char_start, m.counted_char_end = (
                found[0], item.char_start + found[1], item.char_start + found[2])


def run_parse(nlp, items: Iterable[tuple[str, ParseItem]], batch_size: int = 64,
              batch_chars: int = 50_000) -> Iterator[tuple[object, ParseItem]]:
    """``nlp.pipe`` with only the parse components over (piece text, item) pairs, in order, in
    bounded batches."""
    from pipeline.recognise.model import pipe_batches

    with nlp.select_pipes(enable=[c for c in PARSE_COMPONENTS if c in nlp.pipe_names]):
        yield from pipe_batches(nlp, items, batch_size, batch_chars)
