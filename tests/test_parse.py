"""The parse paid for only where it is used (issue 16): which pieces go to the parser, and that
the two passes (NER alone, then the parser on those pieces) give what one full pass gives."""

from __future__ import annotations

import pytest

from pipeline.quotes import needs_parse
from pipeline.recognise import Mention
from pipeline.recognise.parse import ParseItem, pieces_to_parse


def _mention(start: int, end: int, label: str) -> Mention:
    return Mention(mention_id="m", article_id="a1", segment_id="s", sentence_id=None, char_start=start,
                   char_end=end, text="x", label=label, model_label=label, source="model", segment_kind="body")


TEXT = ("The council met on Monday.\n\n"  # piece 0: nothing to explain
        "It approved 40 new buses.\n\n"  # piece 1: a number
        "“We are ready,” the mayor said.\n\n"  # piece 2: a quotation
        "Photos and more stories below.")  # piece 3: nothing


def _pieces(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 2
    return out


def test_only_pieces_with_a_number_or_a_flagged_text_are_parsed():
    pieces = _pieces(TEXT)
    n = TEXT.index("40")
    mentions = [_mention(n, n + 2, "CARDINAL"), _mention(TEXT.index("Monday"), TEXT.index("Monday") + 6, "DATE")]
    items = pieces_to_parse("a1", TEXT, pieces, mentions, needs_parse)
    assert [(i.char_start, i.char_end) for i in items] == [pieces[1], pieces[2]]
    assert [m.char_start for m in items[0].numbers] == [n] and items[1].numbers == []
    # without the quotes stage, only the number's piece
    assert [(i.char_start, i.char_end) for i in pieces_to_parse("a1", TEXT, pieces, mentions, None)] == [pieces[1]]
    # a date is no number the parse must explain
    assert pieces_to_parse("a1", TEXT, pieces, mentions[1:], None) == []


def test_a_piece_is_flagged_by_its_own_text_not_by_sentences():
    # a closing quotation the segmenter called boilerplate has no sentences, yet is read by the model
    text = "The match ended early.\n\n“If she does the right thing, I am confident,” Sanders said."
    pieces = _pieces(text)
    items = pieces_to_parse("a1", text, pieces, [], needs_parse)
    assert items == [ParseItem("a1", *pieces[1])]


@pytest.fixture(scope="module")
def nlp():
    from pipeline.recognise.model import load_nlp
    from pipeline.settings import DEFAULT_COMPONENTS, DEFAULT_MODEL

    return load_nlp(DEFAULT_MODEL, DEFAULT_COMPONENTS)


PARAGRAPHS = [
    "The ministry said on Friday that more than 2,500 teachers had signed the letter.",
    "Nearly 300 families were moved after the flood, and 12 schools stayed closed for a week.",
    "Officials in Lyon counted 48 boats in the harbour; about a third of them were fishing vessels.",
    "Nothing in this paragraph is counted at all, and nobody is quoted.",
]


def test_two_passes_give_the_entities_and_counted_nouns_of_one_full_pass(nlp):
    from pipeline.normalise.dates import normalise_date
    from pipeline.recognise import BlockRef, doc_mentions, run_ner
    from pipeline.recognise.parse import count_nouns, run_parse

    text = "\n\n".join(PARAGRAPHS)
    pieces = _pieces(text)
    refs = [(text[a:b], BlockRef("a1", f"s{i}", "body", a)) for i, (a, b) in enumerate(pieces)]

    def key(ms):
        return sorted((m.char_start, m.char_end, m.label, m.counted, m.counted_char_start) for m in ms)

    full = [m for doc, ref in ((nlp(t), r) for t, r in refs)
            for m in doc_mentions(doc, ref, text, [], [], normalise_date)]
    ner_only = [m for doc, ref in run_ner(nlp, iter(refs), 8)
                for m in doc_mentions(doc, ref, text, [], [], normalise_date, with_counts=False)]
    assert all(m.counted is None for m in ner_only)
    items = pieces_to_parse("a1", text, pieces, ner_only)
    assert len(items) == 3  # the fourth paragraph holds no number: never parsed
    for doc, item in run_parse(nlp, ((text[i.char_start:i.char_end], i) for i in items)):
        count_nouns(doc, item)
    assert key(ner_only) == key(full)
    assert {m.counted for m in ner_only if m.counted} >= {"teacher", "family", "school", "boat"}  # lemmas
