"""Date words: units, seasons, parts of the day, deictic words, set adverbs, and the pattern fragments the date rules share.

Origin: written by hand from English news usage and the TIMEX3 guidelines (value codes such as
"SU" for summer, "MO" for morning); month, weekday and number words come from
:mod:`pipeline.lexicon`.
"""

from __future__ import annotations

from pipeline.lexicon.calendar_words import (
    MONTH_PATTERN,
    MONTHS,
    TIME_UNIT_PATTERN,
    TIME_ZONE_OFFSETS,
    TIME_ZONE_PATTERN,
    WEEKDAY_PATTERN,
    WEEKDAYS,
)
from pipeline.lexicon.numbers import NUMBER_PATTERN, NUMBER_WORD_PATTERN, ORDINAL_WORDS, VAGUE_AMOUNT_PATTERN

__all__ = ["MONTHS", "WEEKDAYS", "MONTH_RE", "WEEKDAY_RE", "WORDNUM_RE", "NUM_RE", "VAGUE_RE", "UNIT_RE", "TZ_OFF",
           "TZ_ALT", "ORDINALS", "ORD_RE", "UNITS", "UNIT_SECONDS", "SYM_GRAIN", "SEASONS", "PARTS_OF_DAY",
           "DECADE_WORDS", "PRESENT_WORDS", "PAST_WORDS", "FUTURE_WORDS", "DAY_WORDS", "SET_ADVERBS",
           "ABBREVIATIONS", "PART_WORDS", "NAMED_HOURS"]

#: pattern fragments (lower case; the phrase is lower-cased before rules see it)
MONTH_RE = MONTH_PATTERN
WEEKDAY_RE = WEEKDAY_PATTERN
WORDNUM_RE = NUMBER_WORD_PATTERN
NUM_RE = NUMBER_PATTERN
VAGUE_RE = VAGUE_AMOUNT_PATTERN
UNIT_RE = TIME_UNIT_PATTERN
TZ_OFF = TIME_ZONE_OFFSETS
TZ_ALT = TIME_ZONE_PATTERN

#: ordinal words of the days of a month, and "last" (-1)
ORDINALS = {**ORDINAL_WORDS, "last": -1}
#: an ordinal day: "3rd", "twenty-first"
ORD_RE = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(
    sorted((k for k in ORDINALS if k != "last"), key=len, reverse=True)) + ")"

#: unit word -> (duration symbol, grain)
UNITS = {
    "second": ("S", "second"), "sec": ("S", "second"), "s": ("S", "second"),
    "minute": ("MIN", "minute"), "min": ("MIN", "minute"), "m": ("MIN", "minute"),
    "hour": ("H", "hour"), "hr": ("H", "hour"), "h": ("H", "hour"),
    "day": ("D", "day"), "night": ("D", "day"), "week": ("W", "week"), "wk": ("W", "week"),
    "fortnight": ("FN", "week"), "weekend": ("WE", "day"),
    "month": ("M", "month"), "mo": ("M", "month"), "quarter": ("Q", "quarter"),
    "year": ("Y", "year"), "yr": ("Y", "year"), "decade": ("DE", "decade"),
    "century": ("CE", "century"), "centurie": ("CE", "century"),
}


#: seconds in a unit (month = 30 days, year = 365 days), for fractional shifts
UNIT_SECONDS = {"S": 1, "MIN": 60, "H": 3600, "D": 86400, "W": 604800, "FN": 1209600,
                 "M": 2592000, "Q": 7776000, "Y": 31536000, "DE": 315360000, "CE": 3153600000,
                 "WE": 172800}


#: duration symbol -> grain
SYM_GRAIN = {"S": "second", "MIN": "minute", "H": "hour", "D": "day", "W": "week", "FN": "week",
              "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century",
              "WE": "day"}


#: season -> (TIMEX3 code, first month)
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}


#: part of the day -> (TIMEX3 code, first hour, end hour)
PARTS_OF_DAY = {"morning": ("MO", 0, 12), "afternoon": ("AF", 12, 18), "evening": ("EV", 18, 24),
                 "night": ("NI", 18, 24), "tonight": ("NI", 18, 24), "overnight": ("NI", 18, 24),
                 "midday": ("MI", 12, 13), "dawn": ("MO", 4, 8), "daybreak": ("MO", 4, 8)}


#: "the nineties" -> 9
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


#: words for the present (PRESENT_REF)
PRESENT_WORDS = {"now", "currently", "current", "presently", "at present", "nowadays", "right now",
            "just now", "today's", "these days", "at the moment", "at this time", "the present",
            "present", "this time", "now on", "the moment", "these times", "immediately",
            "at the present time", "the present time", "contemporary", "as of now"}


#: words for the past (PAST_REF)
PAST_WORDS = {"recently", "recent", "the past", "formerly", "previously", "once", "earlier",
         "in the past", "lately", "the recent past", "recent times", "before", "long ago", "years ago", "ago",
         "the old days", "a while ago", "some time ago", "historically", "last time"}


#: words for the future (FUTURE_REF)
FUTURE_WORDS = {"soon", "the future", "future", "later", "eventually", "shortly", "in the future",
           "someday", "the near future", "the coming years", "coming years",
           "the years ahead", "the coming months", "coming months", "coming weeks",
           "the coming weeks", "the coming days", "coming days", "coming quarters",
           "the coming quarters", "the days ahead", "the months ahead", "the weeks ahead",
           "the long run", "the long term", "the short term", "the near term", "upcoming",
           "later this decade", "forthcoming", "down the road",
           "in coming years", "the longer term", "the medium term"}


#: day words -> days from the anchor's day
DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2, "day before yesterday": -2,
            "day after tomorrow": 2, "tonight": 0, "tonite": 0, "this morning": 0,
            "this afternoon": 0, "this evening": 0, "last night": -1, "yesterday morning": -1,
            "yesterday afternoon": -1, "yesterday evening": -1, "tomorrow morning": 1,
            "tomorrow afternoon": 1, "tomorrow evening": 1, "tomorrow night": 1,
            "this day": 0, "the same day": 0, "that day": 0, "earlier today": 0,
            "later today": 0, "today's": 0, "overnight": -1,
            "the day": 0, "the night": -1, "last evening": -1,
            "yesterday night": -1, "tomorrow's": 1, "yesterday's": -1, "tonight's": 0}


#: adverbs and phrases of frequency -> TIMEX3 SET value
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
               "annually": "P1Y", "annual": "P1Y", "quarterly": "P3M", "hourly": "PT1H",
               "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M", "biannually": "P6M",
               "semiannually": "P6M", "semi-annually": "P6M", "fortnightly": "P2W",
               "every day": "P1D", "everyday": "P1D", "year-round": "P1Y", "per annum": "P1Y",
               "a year": "P1Y", "a day": "P1D", "a month": "P1M", "a week": "P1W"}


#: business shorthand for period ends ("EOM")
ABBREVIATIONS = {"eod": "the end of the day", "eom": "the end of the month", "bom":
           "the beginning of the month", "eoy": "the end of the year", "boy":
           "the beginning of the year", "eow": "the end of the week"}


#: clock times named by a word -> their hour
NAMED_HOURS = {"noon": 12, "midday": 12, "midnight": 0}

#: phrases naming a part of the day -> the part
PART_WORDS = {"tonight": "night", "this evening": "evening", "this afternoon": "afternoon",
               "this morning": "morning", "in the evening": "evening", "in the morning": "morning",
               "in the afternoon": "afternoon", "at night": "night", "tomorrow morning": "morning",
               "tomorrow evening": "evening", "tomorrow afternoon": "afternoon",
               "tomorrow night": "night", "yesterday morning": "morning",
               "yesterday evening": "evening", "yesterday afternoon": "afternoon"}
