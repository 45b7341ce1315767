"""Dates, beyond each rule's own examples (tests/test_rules.py): intervals, kinds, the direction of under-specified
expressions, time zones, context, and properties that hold for any input."""
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise.dates import DateValue, normalise_date

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


def test_bare_number_is_not_a_date():
    assert norm("42", context="The company sold 42 cars.") is None


def test_bare_year():
    v = norm("2012")
    assert v.grain == "year"
    assert v.value == "2012"
    assert (v.start, v.end) == (datetime(2012, 1, 1), datetime(2013, 1, 1))


def test_earlier_this_month():
    v = norm("earlier this month")
    assert v.value == "2023-09"
    assert v.grain == "month"
    assert v.mod == "START"


def test_decade():
    v = norm("the 1990s")
    assert v.value == "199"  # TIMEX3 decade form
    assert v.grain == "decade"
    assert (v.start, v.end) == (datetime(1990, 1, 1), datetime(2000, 1, 1))


def test_year_range_is_interval():
    v = norm("from 2012 to 2017")
    assert v.kind == "interval"
    assert v.start == datetime(2012, 1, 1)
    assert v.end == datetime(2018, 1, 1)


def test_compound_adjective_duration():
    v = norm("three-year", context="a three-year investigation")
    assert v.value == "P3Y" and v.kind == "duration"


def test_last_year_without_anchor_is_unresolved():
    v = norm("last year", anchor=None)
    assert v.kind == "unresolved" and v.start is None


def test_not_temporal():
    assert norm("the company") is None
    assert norm("Apple") is None


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


# ---- prefer= direction and newer forms --------------------------------------------------------

TUE = datetime(2013, 2, 12, 4, 30)  # a Tuesday, 04:30


@pytest.mark.parametrize("phrase,past,future", [
    ("thursday", "2013-02-07", "2013-02-14"),
    ("tuesday", "2013-02-12", "2013-02-19"),
    ("the 15th", "2013-01-15", "2013-02-15"),
    ("christmas", "2012-12-25", "2013-12-25"),
    ("at 3am", "2013-02-12T03:00", "2013-02-13T03:00"),
])
def test_prefer_direction(phrase, past, future):
    assert norm(phrase, anchor=TUE).value == past
    assert norm(phrase, anchor=TUE, label="DATE").value == past
    v = normalise_date(phrase, 0, len(phrase), TUE, prefer="future")
    assert v.value == future


def test_prefer_nearest_and_explicit_forms_ignore_prefer():
    v = normalise_date("saturday", 0, 8, TUE, prefer="nearest")
    assert v.value == "2013-02-09"
    for pref in ("past", "future", "nearest"):
        assert normalise_date("last tuesday", 0, 12, TUE, prefer=pref).value == "2013-02-05"
        assert normalise_date("May 2018", 0, 8, TUE, prefer=pref).value == "2018-05"


def test_bad_prefer_falls_back_to_past():
    assert normalise_date("thursday", 0, 8, TUE, prefer="sideways").value == "2013-02-07"


def test_end_of_month_sub_interval():
    v = norm("the end of the month", anchor=TUE)
    assert v.value == "2013-02" and v.mod == "END"
    assert (v.start, v.end) == (datetime(2013, 2, 21), datetime(2013, 3, 1))
    v = norm("early March", anchor=TUE)
    assert (v.start, v.end) == (datetime(2013, 3, 1), datetime(2013, 3, 11))


@pytest.mark.parametrize("phrase", ["minutes", "in days", "for months", "1 adult", "three twenty",
                                    "4a", "Martin Luther King' day"])
def test_negatives(phrase):
    assert norm(phrase, anchor=TUE) is None


def test_duckling_mixed_duration_normalisation():
    from pipeline.evaluation.duckling_time import duckling_seconds
    assert duckling_seconds("P2Y3M") == 27 * 30 * 86400
    assert duckling_seconds("P1Y") == 365 * 86400
    assert duckling_seconds("P1Y2DT3H4S") == 367 * 86400 + 3 * 3600 + 4
    assert duckling_seconds("PXY") is None


# ---- date + clock, clock ranges, day ranges, time zones, lunar holidays, "upcoming N" -------

TUE_0430 = datetime(2013, 2, 12, 4, 30)


def fut(phrase: str, anchor=TUE_0430):
    return normalise_date(phrase, 0, len(phrase), anchor, label="DATE", prefer="future")


@pytest.mark.parametrize("phrase,start,end", [
    ("9h30 - 11h", datetime(2013, 2, 12, 9, 30), datetime(2013, 2, 12, 12)),
    ("3-4pm", datetime(2013, 2, 12, 15), datetime(2013, 2, 12, 17)),
    ("from 3 to 4 in the PM", datetime(2013, 2, 12, 15), datetime(2013, 2, 12, 17)),
    ("8am until 6", datetime(2013, 2, 12, 8), datetime(2013, 2, 12, 19)),
    ("Thursday from 9:30 to 11:00", datetime(2013, 2, 14, 9, 30), datetime(2013, 2, 14, 11, 1)),
    ("July 13 to 15", datetime(2013, 7, 13), datetime(2013, 7, 16)),
    ("from the 13th to the 15th of July", datetime(2013, 7, 13), datetime(2013, 7, 16)),
])
def test_ranges_have_exclusive_end_at_written_grain(phrase, start, end):
    v = fut(phrase)
    assert v.kind == "interval"
    assert (v.start, v.end) == (start, end)


def test_time_zone_converted_only_for_aware_anchor():
    from datetime import timedelta, timezone
    aware = TUE_0430.replace(tzinfo=timezone(timedelta(hours=-2)))
    assert fut("4pm CET", aware).value == "2013-02-12T13:00"
    assert fut("Thursday 9 am (BST)", aware).value == "2013-02-14T06:00"
    assert fut("9:30 - 11:00 CST", aware).start == datetime(2013, 2, 12, 13, 30)
    assert fut("4pm CET").value == "2013-02-12T16:00"  # naive: wall clock as written
    # an aware anchor reads exactly like a naive one otherwise
    assert fut("next tuesday", aware) == fut("next tuesday")


def test_ramadan_is_an_interval_up_to_eid():
    v = fut("Ramadan 2018")
    assert (v.start, v.end) == (datetime(2018, 5, 16), datetime(2018, 6, 15))


# ---- compact clock times, week-relative weekdays, parts of day, anchored offsets -------------

def test_week_of_a_date():
    v = norm("the week of October 7th, 2023")  # a Saturday
    assert v.value == "2023-W40" and v.grain == "week"
    assert (v.start, v.end) == (datetime(2023, 10, 2), datetime(2023, 10, 9))
    # a Sunday opens the following week (US usage)
    assert norm("the week of October 8, 2023").value == "2023-W41"
    assert norm("week of Oct. 11, 2023").value == "2023-W41"


@pytest.mark.parametrize("phrase,value,start,end", [
    ("at noon", "2023-09-15T12:00", datetime(2023, 9, 15, 12), datetime(2023, 9, 15, 12, 1)),
    ("noon", "2023-09-15T12:00", datetime(2023, 9, 15, 12), datetime(2023, 9, 15, 12, 1)),
    ("midday", "2023-09-15T12:00", datetime(2023, 9, 15, 12), datetime(2023, 9, 15, 12, 1)),
    ("at midnight", "2023-09-16T00:00", datetime(2023, 9, 16), datetime(2023, 9, 16, 0, 1)),
    ("morning", "2023-09-15TMO", datetime(2023, 9, 15), datetime(2023, 9, 15, 12)),
    ("in the afternoon", "2023-09-15TAF", datetime(2023, 9, 15, 12), datetime(2023, 9, 15, 18)),
    ("evening", "2023-09-15TEV", datetime(2023, 9, 15, 18), datetime(2023, 9, 16)),
    ("night", "2023-09-15TNI", datetime(2023, 9, 15, 18), datetime(2023, 9, 16)),
    ("today evening", "2023-09-15TEV", datetime(2023, 9, 15, 18), datetime(2023, 9, 16)),
    ("tomorrow afternoon", "2023-09-16TAF", datetime(2023, 9, 16, 12), datetime(2023, 9, 16, 18)),
])
def test_bare_parts_of_day_on_anchor_day(phrase, value, start, end):
    v = norm(phrase)
    assert v.type == "TIME"
    assert v.value == value
    assert (v.start, v.end) == (start, end)


def test_parts_of_day_consistent_with_existing_forms():
    assert norm("this morning").value == norm("morning").value
    assert norm("the night").value == "2023-09-14TNI"  # unchanged: last night


def test_attributive_parts_of_day_are_not_times():
    assert norm("morning", context="He said on a morning talk show that") is None
    assert norm("evening", context="Good evening from the park.") is None
    assert norm("evening", context="It rained in the evening.") is not None


def test_midnight_and_noon_without_anchor():
    v = norm("at noon", anchor=None)
    assert v.kind == "unresolved" and v.value == "XXXX-XX-XXT12:00"


def test_weekends_relative_and_of_month():
    v = norm("this past weekend")
    assert v.value == "2023-W36-WE"
    assert (v.start, v.end) == (datetime(2023, 9, 9), datetime(2023, 9, 11))
    v = norm("last weekend of October 2017")
    assert v.value == "2017-W43-WE" and v.start == datetime(2017, 10, 28)
    assert norm("first weekend of June 2023").start == datetime(2023, 6, 3)


def test_part_of_day_of_a_date():
    v = norm("the morning of Christmas 2013")
    assert v.value == "2013-12-25TMO"
    assert (v.start, v.end) == (datetime(2013, 12, 25), datetime(2013, 12, 25, 12))
    assert norm("the evening of March 3, 2020").value == "2020-03-03TEV"


def test_trailing_approximately():
    v = norm("3pm approximately")
    assert v.value == "2023-09-15T15:00" and v.mod == "APPROX"
    v = fut("tomorrow afternoonish")
    assert v.value == "2013-02-13TAF" and v.mod == "APPROX"


def test_day_of_relative_month_and_weekday_checked_dates():
    assert norm("20 of next month").value == "2023-10-20"
    v = fut("Thu 15th")
    assert v.value == "2013-08-15"  # the next Thursday that is a 15th
    v = norm("Jul 18, Fri")
    assert v.start.weekday() == 4 and (v.start.month, v.start.day) == (7, 18)


def test_for_duration_from_date_is_an_interval():
    v = norm("for 10 days from Dec 18, 2022")
    assert v.kind == "interval"
    assert (v.start, v.end) == (datetime(2022, 12, 18), datetime(2022, 12, 28))


