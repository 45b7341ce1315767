"""The parse paid for only where it is used (issue 16): which blocks go through the parser, and
that a block read by NER alone and one read with the parser give the same entities and counts."""

from __future__ import annotations

import pytest

from pipeline.quotes import needs_parse as quotes_need_parse
from pipeline.recognise.parse import may_hold_number, needs_parse


@pytest.mark.parametrize("text, expected", [
    ("It approved 40 new buses.", True),
    ("Nearly three hundred families were moved.", True),
    ("Dozens of boats stayed in the harbour.", True),
    ("About a third of them were fishing vessels.", True),
    ("Her twenty-first birthday fell on a Monday.", True),
    ("The two-term president will speak.", True),
    ("Turnout rose by five percent.", True),
    ("The council met and the mayor left early.", False),
    ("Nobody in the harbour knew what to do.", False),
])
def test_a_block_may_hold_a_number(text, expected):
    assert may_hold_number(text) is expected


def test_blocks_are_parsed_for_numbers_or_a_later_stage():
    quote = "“We are ready,” the mayor said."
    plain = "The council met and the mayor left early."
    assert needs_parse(quote, quotes_need_parse) and not needs_parse(quote, None)
    assert not needs_parse(plain, quotes_need_parse) and not needs_parse(plain, None)
    assert needs_parse("It approved 40 new buses.", None)
    # a closing quotation in a block the segmenter called boilerplate is read by its own text
    assert needs_parse("“If she does the right thing, I am confident,” Sanders said.", quotes_need_parse)


@pytest.fixture(scope="module")
def nlp():
    from pipeline.recognise.model import load_nlp
    from pipeline.settings import DEFAULT_COMPONENTS, DEFAULT_MODEL

    return load_nlp(DEFAULT_MODEL, DEFAULT_COMPONENTS)


PARAGRAPHS = [
    "The ministry said on Friday that more than 2,500 teachers had signed the letter.",
    "Nearly 300 families were moved after the flood, and 12 schools stayed closed for a week.",
    "Officials in Lyon counted 48 boats in the harbour; about a third of them were fishing vessels.",
    "Mayor Anne Dubois thanked the volunteers of the Red Cross in Marseille.",
]


def test_the_full_pass_counts_nouns_and_ner_alone_finds_the_same_entities(nlp):
    from pipeline.normalise.dates import normalise_date
    from pipeline.recognise import BlockRef, doc_mentions, run_ner
    from pipeline.recognise.parse import run_full

    items = [(t, BlockRef("a1", f"s{i}", "body", 0)) for i, t in enumerate(PARAGRAPHS)]

    def key(ms):
        return sorted((m.segment_id, m.char_start, m.char_end, m.label) for m in ms)

    full = [m for doc, ref in run_full(nlp, items) for m in doc_mentions(doc, ref, doc.text, [], [], normalise_date)]
    alone = [m for doc, ref in run_ner(nlp, items, 8)
             for m in doc_mentions(doc, ref, doc.text, [], [], normalise_date)]
    assert key(alone) == key(full)
    assert all(m.counted is None for m in alone)
    assert {m.counted for m in full if m.counted} >= {"teacher", "family", "school", "boat"}  # lemmas
    assert [needs_parse(t) for t in PARAGRAPHS] == [True, True, True, False]
