"""The dependency parse, paid for only where it is used: the blocks that may hold a number whose
counted noun must be read, or that a later stage asks for (attributions: a cue word, a quote
mark, a colon).  Those blocks go through ``tok2vec + parser + ner`` in one pass; every other block
through ``ner`` alone (it has its own embedding layer).

Why one pass and not NER everywhere then the parser where needed: measured on 512 news articles
(one process), ``ner`` alone took 24.7 s and ``tok2vec + parser`` on the same texts 16.1 s, but
the three in one pass 36.2 s: two passes cost 11 % more than one when most blocks need the parse,
as they do in news.  So the choice is made per block, before the model, from the block's text
with cheap rules: a digit or a number word (the lexicon's), or the later stage's predicate.  A
block the rules pass over gets no counted noun for a number the model finds there anyway: on the
512 news articles of ``make bench``, 6 of 4,439 numeric mentions ("more than a dollar", "a
mile", and four that are no numbers: "#", "Mateen").
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from pipeline.lexicon.numbers import (APPROX_COUNTS, DOZEN_WORDS, FRACTION_DENOMINATORS, ORDINAL_WORDS,
                                      PLURAL_SCALES, SCALE_WORDS, TEEN_WORDS, TENS_WORDS, UNIT_WORDS)

#: the components of the full pass (blocks that need the parse); the others run ``ner`` alone
FULL_COMPONENTS = ("tok2vec", "parser", "ner")

#: words that make a number the model may label (CARDINAL, QUANTITY, MONEY, PERCENT, ORDINAL)
NUMBER_WORDS = frozenset(
    [*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, *SCALE_WORDS, *DOZEN_WORDS, *PLURAL_SCALES, *APPROX_COUNTS,
     *FRACTION_DENOMINATORS, *ORDINAL_WORDS, "hundred", "percent"]
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")  # hyphenated words by their parts: "two-term", "twenty-first"


def may_hold_number(text: str) -> bool:
    """Whether ``text`` may hold a number whose counted noun the parse tells: a digit, a number
    word, a fraction or an ordinal."""
    if _DIGIT.search(text):
        return True
    return any(w in NUMBER_WORDS for w in _WORD.findall(text.lower()))


def needs_parse(text: str, wanted: Callable[[str], bool] | None = None) -> bool:
    """Whether a block goes through the parser: it may hold a number, or ``wanted`` (a later
    stage's predicate, such as :func:`pipeline.quotes.needs_parse`) flags it."""
    return may_hold_number(text) or (wanted is not None and wanted(text))


def split_for_parse(items: Iterable[tuple[str, object]], wanted: Callable[[str], bool] | None = None
                    ) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
    """(block text, context) pairs split into those that go through the parser
    (:func:`needs_parse`) and those NER reads alone, each in the given order."""
    full, alone = [], []
    for item in items:
        (full if needs_parse(item[0], wanted) else alone).append(item)
    return full, alone


def run_full(nlp, items: Iterable[tuple[str, object]], batch_size: int = 64,
             batch_chars: int = 50_000) -> Iterator[tuple[object, object]]:
    """``nlp.pipe`` with the parser and NER over (block text, context) pairs, in order, in bounded
    batches."""
    from pipeline.recognise.model import run_components

    yield from run_components(nlp, items, [c for c in FULL_COMPONENTS if c in nlp.pipe_names], batch_size, batch_chars)
