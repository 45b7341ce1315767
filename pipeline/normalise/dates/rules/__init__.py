"""The direct date rules, one module per family, and the order the engine tries them in.

Families: :mod:`.deictic` (now, yesterday), :mod:`.relative` (ago, last year, the past 15 years),
:mod:`.years` (years, decades, quarters), :mod:`.finance` (earnings periods),
:mod:`.calendar_dates` (months, days of a month, numeric dates, seasons), :mod:`.weekdays`,
:mod:`.clock` (clock times), :mod:`.day_and_clock` (a day with a clock time, clock ranges),
:mod:`.lengths` (ages, sets, durations), :mod:`.holidays`, :mod:`.anchored` (the week of, three
days after) and :mod:`.fallback` (dateparser).  To add a rule: write it in its family's module
with ``@DATE_RULES.rule(name, examples=..., negatives=...)`` and put its name in
:data:`DIRECT_ORDER` where the reasons below say it belongs.
"""

from pipeline.normalise.dates.rules import (  # noqa: F401  (importing a family registers its rules)
    anchored,
    calendar_dates,
    clock,
    day_and_clock,
    deictic,
    fallback,
    finance,
    holidays,
    lengths,
    relative,
    weekdays,
    years,
)

#: The direct rules in the order the engine tries them on a phrase; the first that reads it wins.
#:
#: Most rules read disjoint shapes, so their order does not matter; where two rules read the same
#: phrase differently the earlier one wins, and the order below is what makes the reading right.
#: The overlaps, measured by running every rule on ~15,000 phrases (TempEval-3 and Duckling
#: spans, the rule examples, and variations of them), are noted at each rule:
DIRECT_ORDER = (
    # Wider shapes first: a phrase that holds a whole expression plus more must not be read by
    # a rule that sees only part of it.
    "upcoming_n",        # "2 upcoming days" is that day, not the duration relative_unit reads
    "clock_range",       # "1-8 september morning", "15h30-18h": a range of clock times, before a day and a clock
    "date_and_clock",    # "10-31-74 at 4:23", "3:30 morning": the day and the time, not the date alone
                         # (dateparser) nor the time alone (clock)
    # Words with one meaning whatever their shape.
    "deictic",           # "the weeks ahead", "these days": FUTURE_REF/PRESENT_REF, not a vague duration
    "day_word",
    "age",
    "set",
    "decade",            # "1990s", "30s": a decade, not 1990 seconds (duration)
    "period_of_year",    # "last year's second half": that half of that year (earnings_period reads "last
                         # year's" as the year-ago report)
    "earnings_period",   # "the latest quarter" in results is the reported quarter (relative_unit reads the
                         # last one), "the 1988 quarter" a quarter (duration reads 1988 months)
    "quarter",           # "the first half" of this year (relative_unit reads the half we are in)
    "year",
    "units_ago",         # "3 years from today", "in 1.5 hrs", "half an hour later": counted from the
                         # anchor, before offset_from_date, shifted_expression and dateparser read them otherwise
    "relative_unit",
    "season",
    "month",
    "day_and_month",     # "fri, jul 18": the year when July 18 is a Friday (dateparser keeps this year)
    "weekday",
    "numeric_date",      # "10/31/74": 1974 (dateparser reads this year)
    "compact_clock",     # "0800 hours": a time, not 800 hours (duration)
    "clock",             # "14.09": a clock time (dateparser reads a date)
    "holiday",           # "the twelfth" (of July, the Orange holiday) before day_of_month reads the 12th
    "duration",          # "15h" is fifteen hours (hour_h reads it only after "at"); "1.5 hours" before dateparser
    # Forms written for the Duckling corpus and other rarer shapes: after the news forms above, so
    # they never take a phrase the news rules read.
    "period_abbreviation",
    "minutes_past_hour",
    "half_hour",
    "clock_in_words",
    "hour_h",
    "hour_meridiem",
    "hour_with_day",
    "nth_weekday_of_month",
    "nth_day_of_month",
    "day_of_month",
    "weekdays_from_now",
    "after_next",
    "shifted_expression",
    "week_of",
    "part_of_day_of",    # "the morning of the 15th of February": that morning (dateparser reads the day)
    "offset_from_date",
    # The fallback, last: dateparser reads many shapes loosely (see the notes above).
    "dateparser",
)
