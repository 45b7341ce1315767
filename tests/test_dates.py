"""Unit and property tests for pipeline.normalise.dates."""
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalise.dates import DateValue, find_date_spans, normalise_date

FRI = datetime(2023, 9, 15)  # a Friday


def norm(phrase: str, anchor=FRI, context: str | None = None, label: str = "DATE"):
    """Normalise ``phrase`` on its own or inside ``context``."""
    if context is None:
        return normalise_date(phrase, 0, len(phrase), anchor, label=label)
    i = context.index(phrase)
    return normalise_date(context, i, i + len(phrase), anchor, label=label)


def test_weekday_resolves_to_previous_day():
    v = norm("Thursday")
    assert v.value == "2023-09-14"
    assert v.grain == "day"
    assert v.kind == "point"
    assert (v.start, v.end) == (datetime(2023, 9, 14), datetime(2023, 9, 15))


def test_weekday_same_as_anchor_is_that_day():
    assert norm("Friday").value == "2023-09-15"


def test_weekday_without_anchor_is_unresolved():
    v = norm("Thursday", anchor=None)
    assert v.kind == "unresolved"
    assert v.start is None and v.end is None
    assert v.value == "XXXX-WXX-4"


def test_month_year_interval():
    v = norm("May 2018")
    assert v.value == "2018-05"
    assert v.grain == "month"
    assert (v.start, v.end) == (datetime(2018, 5, 1), datetime(2018, 6, 1))


def test_sentence_duration():
    v = norm("30 years", context="He was sentenced to 30 years to life in prison.")
    assert v.type == "DURATION"
    assert v.value == "P30Y"
    assert v.kind == "duration"


def test_age_after_name():
    v = norm("42", context="Ashton Kutcher, 42, has joined the cast.")
    assert v.kind == "age"
    assert v.value == "P42Y"


def test_bare_number_is_not_a_date():
    assert norm("42", context="The company sold 42 cars.") is None


def test_hyphenated_age():
    v = norm("7-year-old", context="A 7-year-old boy was found safe.")
    assert v.kind == "age"
    assert v.value == "P7Y"


def test_bare_year():
    v = norm("2012")
    assert v.grain == "year"
    assert v.value == "2012"
    assert (v.start, v.end) == (datetime(2012, 1, 1), datetime(2013, 1, 1))


def test_last_year():
    v = norm("last year")
    assert v.value == "2022"
    assert v.grain == "year"


def test_earlier_this_month():
    v = norm("earlier this month")
    assert v.value == "2023-09"
    assert v.grain == "month"
    assert v.mod == "START"


def test_earlier_this_week_has_mod():
    v = norm("earlier this week")
    assert v.value == "2023-W37"
    assert v.mod is not None


def test_decade():
    v = norm("the 1990s")
    assert v.value == "199X"
    assert v.grain == "decade"
    assert (v.start, v.end) == (datetime(1990, 1, 1), datetime(2000, 1, 1))


def test_year_range_is_interval():
    v = norm("from 2012 to 2017")
    assert v.kind == "interval"
    assert v.start == datetime(2012, 1, 1)
    assert v.end == datetime(2018, 1, 1)


def test_past_n_years_is_duration():
    v = norm("the past 15 years")
    assert v.type == "DURATION" and v.value == "P15Y"


def test_compound_adjective_duration():
    v = norm("three-year", context="a three-year investigation")
    assert v.value == "P3Y" and v.kind == "duration"


def test_six_months():
    assert norm("six months").value == "P6M"


def test_sets():
    v = norm("every week")
    assert v.type == "SET" and v.value == "P1W" and v.kind == "set"
    assert norm("Mondays").value == "XXXX-WXX-1"


def test_quarter_and_season():
    assert norm("the third quarter of 2023").value == "2023-Q3"
    v = norm("summer 2023")
    assert v.value == "2023-SU" and v.grain == "season"


def test_deictic():
    assert norm("now").value == "PRESENT_REF"
    assert norm("recently").value == "PAST_REF"
    assert norm("yesterday").value == "2023-09-14"


def test_last_year_without_anchor_is_unresolved():
    v = norm("last year", anchor=None)
    assert v.kind == "unresolved" and v.start is None


def test_clock_time():
    v = norm("10:35 a.m.", label="TIME")
    assert v.type == "TIME" and v.value == "2023-09-15T10:35"


def test_absolute_date_via_dateparser():
    v = norm("14 September 2023")
    assert v.value == "2023-09-14"
    v = norm("2023-09-14")
    assert v.value == "2023-09-14"


def test_holiday():
    assert norm("Thanksgiving 2013").value == "2013-11-28"
    assert norm("Easter 2024").value == "2024-03-31"


def test_not_temporal():
    assert norm("the company") is None
    assert norm("Apple") is None


def test_find_spans_adds_missed_deictics_and_trims():
    text = "The deal, announced yesterday, is now worth more than before."
    spans = find_date_spans(text, [])
    got = {text[s:e] for s, e, _ in spans}
    assert "yesterday" in got and "now" in got


def test_find_spans_trims_prepositions_and_splits_ranges():
    text = "Prices rose in 1990 to 1995 sharply."
    s = text.index("in 1990")
    spans = find_date_spans(text, [(s, s + len("in 1990 to 1995"), "DATE")])
    assert [text[a:b] for a, b, _ in spans] == ["1990", "1995"]


def test_find_spans_drops_non_temporal_entity():
    text = "He bought 300 shares."
    assert find_date_spans(text, [(10, 13, "DATE")]) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90),
                                                st.sampled_from(["DATE", "TIME", "ORG"])),
                                      max_size=4))
def test_find_date_spans_never_raises_and_spans_valid(text, spans):
    out = find_date_spans(text, spans)
    for s, e, lab in out:
        assert 0 <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert lab in ("DATE", "TIME")


_WORDS = st.sampled_from(["last", "next", "the", "week", "Monday", "2012", "May", "of", "three",
                          "years", "ago", "-", "to", "from", "42", ",", "every", "1990s", "Q3",
                          "noon", "3pm", "a", "half", "quarter", "early", "mid", "'98", "/"])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(_WORDS, max_size=6).map(" ".join)),
       st.integers(-3, 50), st.integers(-3, 50),
       st.one_of(st.none(), st.datetimes(min_value=datetime(1900, 1, 1),
                                         max_value=datetime(2100, 1, 1))))
def test_normalise_never_raises(text, start, end, anchor):
    v = normalise_date(text, start, end, anchor)
    assert v is None or isinstance(v, DateValue)
    if v is not None:
        assert v.kind in ("point", "interval", "duration", "set", "age", "unresolved")
        assert v.type in ("DATE", "TIME", "DURATION", "SET")
        if v.start is not None and v.end is not None and v.kind in ("point", "interval"):
            assert v.start <= v.end


@pytest.mark.parametrize("phrase", ["Thursday", "last year", "next month", "the weekend",
                                    "two weeks ago", "this summer"])
def test_no_anchor_never_resolves(phrase):
    v = norm(phrase, anchor=None)
    assert v is not None
    assert v.start is None and v.end is None
