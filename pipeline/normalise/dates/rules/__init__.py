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
DIRECT_ORDER = (
    "upcoming_n",
    "clock_range",
    "date_and_clock",
    "deictic",
    "day_word",
    "age",
    "set",
    "decade",
    "earnings_period",
    "quarter",
    "year",
    "units_ago",
    "relative_unit",
    "season",
    "month",
    "day_and_month",
    "weekday",
    "numeric_date",
    "compact_clock",
    "clock",
    "holiday",
    "duration",
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
    "part_of_day_of",
    "offset_from_date",
    "dateparser",
)
